"""Holds: keep the answer to one AWS call from its caller, as if the caller died while AWS answered.

A run killed mid-way is killed at some call: AWS may have done what the call asked
(a subnet created, a deployment started) while the client never learnt of it. A
test arms a hold on the n-th call of an operation (``ec2:CreateNatGateway``, the
1st from now); the emulator serves that call, then keeps its answer back until the
hold is released. The test sees the call held, kills the run, and releases the
hold: the answer goes to a closed connection, and the next run must find what the
call made rather than make it again.

A held answer is released after ``MAX_HOLD_SECONDS`` at the latest, so that a
test that forgets one cannot hang the server.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

MAX_HOLD_SECONDS = 600.0


@dataclass
class _Hold:
    operation: str
    occurrence: int
    seen: int = 0
    held: bool = False
    released: threading.Event = field(default_factory=threading.Event)

    def as_dict(self) -> dict[str, Any]:
        return {"operation": self.operation, "occurrence": self.occurrence, "seen": self.seen, "held": self.held}


_lock = threading.Lock()
_holds: list[_Hold] = []


class HoldConfigError(ValueError):
    """A hold that cannot be armed."""


def arm(operation: Any, occurrence: Any = 1) -> dict[str, Any]:
    """Hold the answer to the occurrence-th call of operation ("service:Operation") from now on."""
    if not isinstance(operation, str) or operation.count(":") != 1 or not all(operation.split(":")):
        raise HoldConfigError(f"operation must be service:Operation, e.g. ec2:CreateVpc, not {operation!r}")
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
        raise HoldConfigError(f"occurrence must be a whole number from 1, not {occurrence!r}")
    with _lock:
        _holds.append(_Hold(operation, occurrence))
    return snapshot()


def release_all() -> dict[str, Any]:
    """Send every held answer on and disarm every hold."""
    with _lock:
        holds = list(_holds)
        _holds.clear()
    for hold in holds:
        hold.released.set()
    return snapshot()


def snapshot() -> dict[str, Any]:
    with _lock:
        return {"holds": [hold.as_dict() for hold in _holds]}


def hold_for(service: str, operation: str) -> _Hold | None:
    """Count a served call against the armed holds; the hold that keeps its answer back, if any."""
    name = f"{service}:{operation}"
    with _lock:
        for hold in _holds:
            if hold.operation == name and not hold.held:
                hold.seen += 1
                if hold.seen == hold.occurrence:
                    hold.held = True
                    return hold
    return None


def wait_for_release(hold: _Hold) -> None:
    hold.released.wait(MAX_HOLD_SECONDS)
