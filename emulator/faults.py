"""Faults: answer a share of AWS calls with a throttling error, and a share with a server error.

Real accounts are throttled under load, and AWS answers now and then with a 5xx
that a retry gets past. A run that gives up on the first such answer loses its
work; one that retries a create without looking first makes a duplicate.

Two rates between 0 and 1, ``throttle_rate`` and ``server_error_rate``, each
pick a steady share of the calls, the same on every run, which tests can rely
on: with a rate r, call number n is picked when ``floor(n * r)`` steps up, so 0.2
picks every fifth call. The server errors are picked half a period later than
the throttled calls, so that at 0.2 each the pattern is ok, ok, 5xx, ok,
throttled: never two faults in a row. A call both rates pick is throttled. The
faults come before the call reaches a backend: a faulted call changes nothing,
as AWS documents for throttled calls. Off (0) by default; kept across resets, like
the provisioning delays.

Each protocol gets the errors its SDKs recognise:

* EC2 (query): throttled with HTTP 503 ``RequestLimitExceeded``
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html),
  HTTP 500 ``InternalError`` otherwise;
* other query services (IAM, STS, RDS, ...): HTTP 400 ``Throttling``, HTTP 500 ``InternalFailure``;
* JSON services (CloudWatch Logs, ...): HTTP 400 ``ThrottlingException``, HTTP 500 ``InternalFailure``;
* S3: HTTP 503 ``SlowDown``, HTTP 500 ``InternalError``.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from typing import Any

THROTTLE = "throttle"
SERVER_ERROR = "server_error"
RATE_SETTINGS = {"throttle_rate": THROTTLE, "server_error_rate": SERVER_ERROR}
# How far behind the throttled calls the server errors' pattern runs, in periods.
_SERVER_ERROR_PHASE = 0.5

_lock = threading.Lock()
_rates: dict[str, float] = {THROTTLE: 0.0, SERVER_ERROR: 0.0}
_calls = 0


class FaultConfigError(ValueError):
    """A fault rate that cannot be applied."""


def configure(**rates: Any) -> dict[str, Any]:
    """Set the rates given (``throttle_rate``, ``server_error_rate``; 0 turns one off) and restart the count."""
    global _calls
    for setting, rate in rates.items():
        check_rate(setting, rate)
    with _lock:
        for setting, rate in rates.items():
            _rates[RATE_SETTINGS[setting]] = float(rate)
        _calls = 0
    return snapshot()


def check_rate(setting: str, rate: Any) -> None:
    """Raise FaultConfigError unless setting is a rate's name and rate a number from 0 to 1."""
    if setting not in RATE_SETTINGS:
        raise FaultConfigError(f"{setting} is not a fault rate; the rates are {', '.join(RATE_SETTINGS)}")
    # bool is an int subclass, but "true" is a caller's mistake.
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise FaultConfigError(f"{setting} must be a number from 0 to 1, not {rate!r}")


def snapshot() -> dict[str, Any]:
    with _lock:
        return {setting: _rates[fault] for setting, fault in RATE_SETTINGS.items()}


def fault_for_next_call() -> str | None:
    """Count one AWS call; the fault to answer it with (THROTTLE, SERVER_ERROR), or None to serve it."""
    global _calls
    with _lock:
        if not any(_rates.values()):
            return None
        _calls += 1
        if _picks(_calls, _rates[THROTTLE], 0.0):
            return THROTTLE
        if _picks(_calls, _rates[SERVER_ERROR], _SERVER_ERROR_PHASE):
            return SERVER_ERROR
        return None


def _picks(call: int, rate: float, phase: float) -> bool:
    return rate > 0 and math.floor(call * rate + phase) > math.floor((call - 1) * rate + phase)


def respond(fault: str, environ: dict[str, Any], service: str, start_response: Callable[..., Any]) -> list[bytes]:
    """Answer with the fault's error in the call's protocol."""
    if fault == THROTTLE:
        status, content_type, headers, body = _throttling_error(environ, service)
    else:
        status, content_type, headers, body = _server_error(environ, service)
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers])
    return [body]


def _speaks_json(environ: dict[str, Any]) -> bool:
    return bool(environ.get("HTTP_X_AMZ_TARGET")) or "json" in environ.get("CONTENT_TYPE", "")


def _throttling_error(environ: dict[str, Any], service: str) -> tuple[str, str, list[tuple[str, str]], bytes]:
    if _speaks_json(environ):
        return _json_error("400 Bad Request", "ThrottlingException", "Rate exceeded")
    if service == "ec2":
        return "503 Service Unavailable", "text/xml", [], _ec2_error("RequestLimitExceeded", "Request limit exceeded.")
    if service == "s3":
        return "503 Slow Down", "application/xml", [], _s3_error("SlowDown", "Please reduce your request rate.")
    return "400 Bad Request", "text/xml", [], _query_error("Sender", "Throttling", "Rate exceeded")


def _server_error(environ: dict[str, Any], service: str) -> tuple[str, str, list[tuple[str, str]], bytes]:
    status = "500 Internal Server Error"
    if _speaks_json(environ):
        return _json_error(status, "InternalFailure", "The request processing has failed because of an unknown error.")
    if service == "ec2":
        return status, "text/xml", [], _ec2_error("InternalError", "An internal error has occurred.")
    if service == "s3":
        return status, "application/xml", [], _s3_error("InternalError", "We encountered an internal error.")
    return status, "text/xml", [], _query_error("Receiver", "InternalFailure", "An internal error has occurred.")


def _json_error(status: str, code: str, message: str) -> tuple[str, str, list[tuple[str, str]], bytes]:
    body = json.dumps({"__type": code, "message": message}).encode()
    return status, "application/x-amz-json-1.1", [("x-amzn-ErrorType", code)], body


def _ec2_error(code: str, message: str) -> bytes:
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><Response><Errors><Error><Code>{code}</Code>"
        f"<Message>{message}</Message></Error></Errors><RequestID>injected</RequestID></Response>"
    ).encode()


def _s3_error(code: str, message: str) -> bytes:
    return f"<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()


def _query_error(kind: str, code: str, message: str) -> bytes:
    return (
        f"<ErrorResponse><Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message>"
        f"</Error><RequestId>injected</RequestId></ErrorResponse>"
    ).encode()
