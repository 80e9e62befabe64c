"""Throttling: answer a share of AWS calls with the service's own throttling error.

Real accounts are throttled under load, and a run that gives up on the first
``Throttling`` error loses its work. With a rate r between 0 and 1, call number
n is throttled when ``floor(n * r)`` steps up, so 0.2 throttles every fifth
call: a steady share, the same on every run, which tests can rely on. Off (0)
by default; kept across resets, like the provisioning delays.

Each protocol gets the error its SDKs recognise as throttling:

* EC2 (query): HTTP 503, ``RequestLimitExceeded``
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html);
* other query services (IAM, STS, RDS, ...): HTTP 400, ``Throttling``;
* JSON services (CloudWatch Logs, ...): HTTP 400, ``ThrottlingException``;
* S3: HTTP 503, ``SlowDown``.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_rate: float = 0.0
_calls = 0


class ThrottleConfigError(ValueError):
    """A throttling rate that cannot be applied."""


def configure(rate: Any) -> dict[str, Any]:
    """Set the share of calls to throttle (0 turns throttling off) and restart the count."""
    global _rate, _calls
    check_rate(rate)
    with _lock:
        _rate, _calls = float(rate), 0
    return snapshot()


def check_rate(rate: Any) -> None:
    """Raise ThrottleConfigError unless rate is a number from 0 to 1."""
    # bool is an int subclass, but "true" is a caller's mistake.
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ThrottleConfigError(f"throttle_rate must be a number from 0 to 1, not {rate!r}")


def snapshot() -> dict[str, Any]:
    with _lock:
        return {"throttle_rate": _rate}


def should_throttle() -> bool:
    """Count one AWS call; True when it is one of the share to throttle."""
    global _calls
    with _lock:
        if _rate == 0:
            return False
        _calls += 1
        return math.floor(_calls * _rate) > math.floor((_calls - 1) * _rate)


def respond(environ: dict[str, Any], service: str, start_response: Callable[..., Any]) -> list[bytes]:
    """Answer with the throttling error of the call's protocol."""
    status, content_type, headers, body = _error_for(environ, service)
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers])
    return [body]


def _error_for(environ: dict[str, Any], service: str) -> tuple[str, str, list[tuple[str, str]], bytes]:
    if environ.get("HTTP_X_AMZ_TARGET") or "json" in environ.get("CONTENT_TYPE", ""):
        body = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"}).encode()
        return "400 Bad Request", "application/x-amz-json-1.1", [("x-amzn-ErrorType", "ThrottlingException")], body
    if service == "ec2":
        body = (
            b"<?xml version='1.0' encoding='UTF-8'?><Response><Errors><Error><Code>RequestLimitExceeded</Code>"
            b"<Message>Request limit exceeded.</Message></Error></Errors><RequestID>throttled</RequestID></Response>"
        )
        return "503 Service Unavailable", "text/xml", [], body
    if service == "s3":
        body = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
        return "503 Slow Down", "application/xml", [], body
    body = (
        b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>"
        b"</Error><RequestId>throttled</RequestId></ErrorResponse>"
    )
    return "400 Bad Request", "text/xml", [], body
