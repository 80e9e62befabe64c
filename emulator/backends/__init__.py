"""Backends for AWS services that moto lacks.

Requests are routed by the service of their SigV4 credential scope
(``Credential=AKID/20260101/us-east-1/<service>/aws4_request``): a registered
signing name goes to its backend here, anything else to moto.

A backend is written the moto way: a ``BaseBackend`` subclass holding the
state, wrapped in a ``BackendDict`` (one per account and region), and a
``BaseResponse`` subclass whose snake_case methods answer the operations and
return ``ActionResult``s, serialized by moto from the botocore model of the
service. Register it with::

    register_service("apprunner", AppRunnerResponse, backends=apprunner_backends)

``handler`` may also be a zero-argument factory returning any WSGI app, for a
service that is easier to serve some other way. ``backends`` are reset by
``POST /_appstack/reset``.

A built-in backend lives in a module of this package that defines
``register()``; list the module in ``BUILTIN_BACKEND_MODULES`` so that the
emulator registers it at startup. See docs/emulator.md.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from moto.core.base_backend import BackendDict
from moto.core.responses import BaseResponse
from moto.core.utils import convert_to_flask_response
from moto.moto_server.werkzeug_app import HTTP_METHODS, BackendRequest

# Modules of this package registered at startup, e.g. "emulator.backends.apprunner".
BUILTIN_BACKEND_MODULES: tuple[str, ...] = ("emulator.backends.apprunner",)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Handler = type[BaseResponse] | Callable[[], WsgiApp]


@dataclass
class ServiceRegistration:
    signing_name: str
    handler: Handler
    backends: tuple[BackendDict[Any], ...]
    _app: WsgiApp | None = field(default=None, repr=False)

    def wsgi_app(self) -> WsgiApp:
        if self._app is None:
            self._app = _build_app(self.signing_name, self.handler)
        return self._app


_lock = threading.Lock()
_registry: dict[str, ServiceRegistration] = {}


def register_service(
    signing_name: str,
    handler: Handler,
    *,
    backends: BackendDict[Any] | Iterable[BackendDict[Any]] = (),
) -> None:
    """Route requests signed for ``signing_name`` to ``handler`` instead of moto.

    Registering a name again replaces the earlier registration.
    """
    if isinstance(backends, BackendDict):
        backends = (backends,)
    registration = ServiceRegistration(signing_name.lower(), handler, tuple(backends))
    with _lock:
        _registry[registration.signing_name] = registration


def unregister_service(signing_name: str) -> None:
    with _lock:
        _registry.pop(signing_name.lower(), None)


def registered_services() -> list[str]:
    with _lock:
        return sorted(_registry)


def wsgi_app_for(signing_name: str | None) -> WsgiApp | None:
    """The app serving a signing name, or None when moto serves it."""
    if not signing_name:
        return None
    with _lock:
        registration = _registry.get(signing_name.lower())
        return registration.wsgi_app() if registration else None


def reset_registered_backends() -> None:
    """Empty the state of every registered backend, as moto's reset does for its own."""
    with _lock:
        backend_dicts = [backend for entry in _registry.values() for backend in entry.backends]
    for backend_dict in backend_dicts:
        for account_backends in backend_dict.values():
            account_backends.reset()
        backend_dict.clear()


def load_builtin_backends() -> None:
    for module_name in BUILTIN_BACKEND_MODULES:
        importlib.import_module(module_name).register()


def _build_app(signing_name: str, handler: Handler) -> WsgiApp:
    if isinstance(handler, type) and issubclass(handler, BaseResponse):
        return response_class_app(signing_name, handler)
    return handler()


def response_class_app(signing_name: str, response_class: type[BaseResponse]) -> Flask:
    """A Flask app sending every path to ``response_class``, like moto's per-service apps."""
    app = Flask(f"emulator.backends.{signing_name}")
    # Moto's request class normalizes the request the way moto's parsers expect.
    app.request_class = BackendRequest
    view = convert_to_flask_response(response_class.dispatch)
    for rule in ("/", "/<path:path>"):
        app.add_url_rule(
            rule,
            endpoint=f"dispatch{rule}",
            view_func=view,
            methods=HTTP_METHODS,
            strict_slashes=False,
        )
    return app
