"""Provisioning delays: how long slow resources stay "in progress".

Real AWS takes minutes to create an RDS instance, a NAT gateway or a CloudFront
distribution; moto makes them ready at once. With a delay of N seconds, such a
resource reports its in-progress status for N seconds after creation, then its
ready status, so that code waiting on it can be exercised. Off (0) by default.

The delay has a default for every kind and optional per-kind overrides. Backends
and fixes ask ``seconds_for(kind)`` when a resource is created or updated, and
measure time with ``now()``: the monotonic clock, plus however far a test moved
it on with ``advance_clock`` so as not to sit out a long delay.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any

KINDS = (
    "rds",
    "nat_gateway",
    "cloudfront",
    "apprunner",
    "acm",
    "ecs_deployment",
    "ecs_task",
    "load_balancer",
    "elasticache",
)

_lock = threading.Lock()
_default_seconds: float = 0
_overrides: dict[str, float] = {}
_clock_advance: float = 0


class DelayConfigError(ValueError):
    """A provisioning delay setting that cannot be applied."""


def seconds_for(kind: str) -> float:
    """The provisioning delay, in seconds, for a kind of resource."""
    _check_kind(kind)
    with _lock:
        return _overrides.get(kind, _default_seconds)


def now() -> float:
    """The emulator's clock: ``time.monotonic()``, moved on by every ``advance_clock`` so far."""
    with _lock:
        return time.monotonic() + _clock_advance


def advance_clock(seconds: float) -> float:
    """Move the emulator's clock on by ``seconds``, as if that much time had passed; return the total advance.

    Every delay under way ends that much sooner; delays started afterwards last as configured.
    """
    global _clock_advance
    value = _valid_seconds(seconds)
    with _lock:
        _clock_advance += value
        return _clock_advance


def provisioning_deadline(kind: str) -> float:
    """Time on the emulator's clock (``now()``) at which a resource of this kind created now is ready."""
    return now() + seconds_for(kind)


def still_provisioning(deadline: float | None) -> bool:
    return deadline is not None and now() < deadline


def configure(
    default_seconds: float | None = None,
    per_kind: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Change the delays; return the new configuration.

    A new default replaces every per-kind override, so that
    ``configure(default_seconds=0)`` always turns all delays off; overrides
    given in the same call apply on top of it.
    """
    global _default_seconds
    new_default = None if default_seconds is None else _valid_seconds(default_seconds)
    new_overrides = {kind: _valid_seconds(value) for kind, value in (per_kind or {}).items()}
    for kind in new_overrides:
        _check_kind(kind)
    with _lock:
        if new_default is not None:
            _default_seconds = new_default
            _overrides.clear()
        _overrides.update(new_overrides)
    return snapshot()


def snapshot() -> dict[str, Any]:
    """The configuration as the control API shows it: default and effective per kind."""
    with _lock:
        return {
            "provisioning_delay_seconds": _default_seconds,
            "provisioning_delays": {kind: _overrides.get(kind, _default_seconds) for kind in KINDS},
        }


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DelayConfigError(f"unknown resource kind {kind!r}; known: {', '.join(KINDS)}")


def _valid_seconds(value: Any) -> float:
    # bool is an int subclass, but "true seconds" is a caller's mistake.
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise DelayConfigError(f"a delay must be a number of seconds >= 0, not {value!r}")
    return value
