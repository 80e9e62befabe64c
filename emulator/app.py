"""The emulator's WSGI app: control API, request log, then a backend.

Each request is handled by the first that applies:

1. ``/_appstack/...``: the control API (not logged);
2. moto's own endpoints (``/moto-api``, instance metadata): moto (not logged);
3. an AWS call: logged, then sent to the backend registered for its signing
   name (``emulator.backends``), or else to moto's dispatcher.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from moto import backends as moto_backends
from moto.moto_api._internal.models import moto_api_backend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

from emulator import CONTROL_PREFIX, backends, errors, faults, fixes, holds, operations, provisioning
from emulator.control_api import ControlApi
from emulator.request_log import RequestLog

# Paths moto serves for itself rather than for an AWS service.
MOTO_INTERNAL_PREFIXES = ("/moto-api", "/favicon.ico", "/latest/meta-data/", "/latest/api/")

_patch_lock = threading.Lock()

# Moto's dispatcher routes each request by checking its host against the names of moto's own packages, which
# moto.backends.list_of_moto_modules lists from the file system every time: about a hundred stat calls per request,
# a sixth of the emulator's CPU time during a converge. The packages do not change while the emulator runs.
MOTO_MODULES = tuple(moto_backends.list_of_moto_modules())
moto_backends.list_of_moto_modules = lambda: MOTO_MODULES


class EmulatorApp:
    def __init__(self) -> None:
        self.request_log = RequestLog()
        self.moto = DomainDispatcherApplication(_guarded_backend_app)
        self.control = ControlApi(self.request_log, self.reset)
        self._moto_hosts: dict[str, bool] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self.control(environ, start_response)
        if path.startswith(MOTO_INTERNAL_PREFIXES):
            return self.moto(environ, start_response)
        return self._aws_call(environ, start_response)

    def _aws_call(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            return self._serve_aws_call(environ, start_response)
        except Exception as exception:  # Any failure must still reach the client as an AWS error.
            service = operations.signing_name(environ) or operations.UNKNOWN_SERVICE
            error, message = errors.classify(exception)
            errors.logger.exception("%s request failed", service)
            return errors.respond(environ, service, error, message, start_response)

    def _serve_aws_call(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        signing_name = operations.signing_name(environ)
        app = backends.wsgi_app_for(signing_name)
        moto_service = None
        if app is None and self._moto_serves(environ):
            app = self.moto.get_application(environ)
            moto_service = getattr(app, "service", None)
        service = signing_name or moto_service or operations.UNKNOWN_SERVICE
        call = operations.identify_call(environ, service, moto_service)
        self.request_log.record(call)
        if app is None:
            return _not_implemented(service, start_response)
        fault = faults.fault_for_next_call()
        if fault:
            return faults.respond(fault, environ, service, start_response)
        hold = holds.hold_for(call.service, call.operation)
        if hold is None:
            return app(environ, start_response)
        # Serve the call in full, then keep its answer back: werkzeug sends nothing before the body.
        body = list(app(environ, start_response))
        holds.wait_for_release(hold)
        return body

    def _moto_serves(self, environ: dict[str, Any]) -> bool:
        # Moto fails with a bare 500 on a service it lacks, which SDKs retry.
        host = self.moto.infer_service_region_host(environ, environ.get("PATH_INFO", ""))
        if host is None:
            return True  # Moto falls back on S3.
        if host not in self._moto_hosts:
            # Matching a host tries hundreds of patterns: remember the answer.
            self._moto_hosts[host] = self.moto.get_backend_for_host(host) is not None
        return self._moto_hosts[host]

    def reset(self) -> None:
        """Empty the account: every moto backend, our backends, the request log."""
        moto_api_backend.reset()
        backends.reset_registered_backends()
        self.request_log.clear()


def _guarded_backend_app(service: str) -> Any:
    """Moto's Flask app for a service, answering its unhandled errors in the service's protocol."""
    return errors.guard_flask_app(create_backend_app(service), service)


def _not_implemented(service: str, start_response: Callable[..., Any]) -> list[bytes]:
    """An AWS-style error for a service neither moto nor a registered backend serves."""
    message = f"The emulator does not implement the {service} service"
    body = json.dumps({"__type": "NotImplemented", "message": message}).encode()
    # 501 is not among the statuses SDKs retry, so the caller fails at once.
    start_response(
        "501 Not Implemented",
        [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("Content-Length", str(len(body))),
            ("x-amzn-ErrorType", "NotImplemented"),
        ],
    )
    return [body]


def build_app() -> EmulatorApp:
    """An emulator app, with moto patched and the built-in backends registered."""
    with _patch_lock:
        fixes.apply_all()
        provisioning.apply()
        backends.load_builtin_backends()
    return EmulatorApp()
