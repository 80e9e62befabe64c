"""End an emulator's provisioning delays once a run has shown the waiting the tests check.

A shared environment built with long provisioning delays (conftest's dev) proves that the roles go on with other
work while a resource is in progress, then poll until it is ready. Once the run has polled the resource in
progress, the rest of the delay proves nothing more: ``DelayCutter`` watches the emulator's request log from a
thread and, as soon as a step's condition holds, moves the emulator's clock on by that step's delay
(``EmulatorClient.advance_clock``), so that the next poll finds the resource ready. Each condition is met only
after the polls the tests count, so every assertion about the waiting holds whether or not the delay was cut.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from emulator.client import EmulatorClient, EmulatorError

# How often the request log is read.
WATCH_SECONDS = 0.5


@dataclass
class Observation:
    """The calls of the request log, each as "service:Operation", and when this watcher first saw each."""

    calls: list[str] = field(default_factory=list)
    seen_at: list[float] = field(default_factory=list)

    def update(self, calls: Sequence[str]) -> None:
        now = time.monotonic()
        if calls[: len(self.calls)] != self.calls:
            # The log was cleared: start over.
            self.calls, self.seen_at = [], []
        self.seen_at.extend(now for _ in calls[len(self.calls) :])
        self.calls = list(calls)

    def index(self, call: str, start: int = 0) -> int | None:
        try:
            return self.calls.index(call, start)
        except ValueError:
            return None


# A step's condition: None while it must wait, else whether to advance (False: no longer needed).
Condition = Callable[[Observation], bool | None]


@dataclass
class Step:
    name: str
    condition: Condition
    seconds: float


class DelayCutter:
    """Run ``steps`` in order against ``emulator``'s request log while the ``with`` block runs."""

    def __init__(self, emulator: EmulatorClient, steps: Sequence[Step]) -> None:
        self._emulator = emulator
        self._steps = list(steps)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="delay-cutter", daemon=True)
        self._error: BaseException | None = None
        # The steps whose delay was cut, for a test's report.
        self.cut: list[str] = []

    def __enter__(self) -> DelayCutter:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        if self._error is not None:
            raise RuntimeError("the delay cutter failed") from self._error

    def _watch(self) -> None:
        observation = Observation()
        try:
            while self._steps and not self._stop.wait(WATCH_SECONDS):
                try:
                    calls = [f"{c['service']}:{c['operation']}" for c in self._emulator.requests()["calls"]]
                except EmulatorError:
                    continue
                observation.update(calls)
                while self._steps and (verdict := self._steps[0].condition(observation)) is not None:
                    step = self._steps.pop(0)
                    if verdict:
                        self._emulator.advance_clock(step.seconds)
                        self.cut.append(step.name)
        except BaseException as error:  # reported by __exit__, in the test's thread
            self._error = error


def polled_after(marker: str, poll: str, until: str, polls: int) -> Condition:
    """Cut once ``poll`` was called ``polls`` times after the first ``marker`` and before any ``until`` (the
    first call that needs the resource ready); not needed once ``until`` came first."""

    def condition(observation: Observation) -> bool | None:
        start = observation.index(marker)
        if start is None:
            return None
        if observation.index(until, start) is not None:
            return False
        return True if observation.calls[start:].count(poll) >= polls else None

    return condition


def polled_again_after(marker: str, after: str, poll: str, gap_seconds: float, gaps: int) -> Condition:
    """Cut once, after the first ``marker`` that follows the first ``after``, calls of ``poll`` came ``gaps``
    times at least ``gap_seconds`` after the one before (a wait's retry delay, not a throttled call's quick
    retry): the calls before the last such gap were answered, and the wait went on polling."""

    def condition(observation: Observation) -> bool | None:
        first = observation.index(after)
        start = None if first is None else observation.index(marker, first)
        if start is None:
            return None
        times = [observation.seen_at[i] for i in range(start, len(observation.calls)) if observation.calls[i] == poll]
        found = sum(1 for earlier, later in itertools.pairwise(times) if later - earlier >= gap_seconds)
        return True if found >= gaps else None

    return condition
