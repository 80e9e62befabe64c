"""The control API under ``/_appstack/``: JSON in, JSON out, never logged.

GET    /_appstack/health    {"status": "ok"}
POST   /_appstack/reset     empty account and request log; delays are kept
GET    /_appstack/requests  the request log summary
DELETE /_appstack/requests  clear the request log
GET    /_appstack/config    the provisioning delays and the throttling rate
POST   /_appstack/config    change them: {"provisioning_delay_seconds": N}
                            and/or {"provisioning_delays": {"rds": N, ...}}
                            and/or {"throttle_rate": 0.2}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from emulator import CONTROL_PREFIX, delays, throttling
from emulator.request_log import RequestLog

OK = {"status": "ok"}


class ControlApi:
    """WSGI app for the control endpoints; ``reset`` empties the emulated account."""

    def __init__(self, request_log: RequestLog, reset: Callable[[], None]) -> None:
        self._request_log = request_log
        self._reset = reset
        self._routes: dict[str, dict[str, Callable[[Request], Response]]] = {
            "health": {"GET": self._health},
            "reset": {"POST": self._reset_account},
            "requests": {"GET": self._requests, "DELETE": self._clear_requests},
            "config": {"GET": self._config, "POST": self._configure},
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        return self._dispatch(request)(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        name = request.path[len(CONTROL_PREFIX) :].strip("/")
        methods = self._routes.get(name)
        if methods is None:
            return _json({"error": f"no control endpoint {request.path}"}, 404)
        handler = methods.get(request.method)
        if handler is None:
            allowed = ", ".join(sorted(methods))
            response = _json({"error": f"{request.method} not allowed; use {allowed}"}, 405)
            response.headers["Allow"] = allowed
            return response
        return handler(request)

    def _health(self, _: Request) -> Response:
        return _json(OK)

    def _reset_account(self, _: Request) -> Response:
        self._reset()
        return _json(OK)

    def _requests(self, _: Request) -> Response:
        return _json(self._request_log.summary())

    def _clear_requests(self, _: Request) -> Response:
        self._request_log.clear()
        return _json(OK)

    def _config(self, _: Request) -> Response:
        return _json(current_config())

    def _configure(self, request: Request) -> Response:
        try:
            settings = _json_body(request)
            return _json(apply_config(settings))
        except ValueError as error:
            return _json({"error": str(error)}, 400)


def apply_config(settings: dict[str, Any]) -> dict[str, Any]:
    """Apply a POST /_appstack/config body; return the new configuration."""
    unknown = set(settings) - {"provisioning_delay_seconds", "provisioning_delays", "throttle_rate"}
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    per_kind = settings.get("provisioning_delays") or {}
    if not isinstance(per_kind, dict):
        raise ValueError("provisioning_delays must be an object of kind: seconds")
    # Check the rate before anything applies, so a rejected body changes nothing.
    if "throttle_rate" in settings:
        throttling.check_rate(settings["throttle_rate"])
    delays.configure(settings.get("provisioning_delay_seconds"), per_kind)
    if "throttle_rate" in settings:
        throttling.configure(settings["throttle_rate"])
    return current_config()


def current_config() -> dict[str, Any]:
    """The provisioning delays and the throttling rate, as GET /_appstack/config shows them."""
    return {**delays.snapshot(), **throttling.snapshot()}


def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.get_data(as_text=True) or "{}")
    except json.JSONDecodeError as error:
        raise ValueError(f"body is not JSON: {error}") from error
    if not isinstance(body, dict):
        raise ValueError("body must be a JSON object")
    return body


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
