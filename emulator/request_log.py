"""A thread-safe log of the AWS API calls the emulator received."""

from __future__ import annotations

import threading
from typing import Any

from emulator.operations import ApiCall


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[ApiCall] = []

    def record(self, call: ApiCall) -> None:
        with self._lock:
            self._calls.append(call)

    def clear(self) -> None:
        with self._lock:
            self._calls.clear()

    def summary(self) -> dict[str, Any]:
        """Totals, counts per service and operation, and the calls in arrival order."""
        with self._lock:
            calls = list(self._calls)
        by_service: dict[str, dict[str, int]] = {}
        for call in calls:
            operations = by_service.setdefault(call.service, {})
            operations[call.operation] = operations.get(call.operation, 0) + 1
        return {
            "total": len(calls),
            "mutating": sum(call.mutating for call in calls),
            "by_service": by_service,
            "calls": [call.as_dict() for call in calls],
        }
