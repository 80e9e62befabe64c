"""AWS App Runner, which moto lacks: services, operations, auto scaling, observability, VPC connectors, tags.

``models`` holds the state and App Runner's rules, ``responses`` the API.
Controls for tests: ``fail_next_deployment`` and ``set_account_blocked``
(reached through the control API, see docs/emulator.md).
"""

from __future__ import annotations

from moto.core import DEFAULT_ACCOUNT_ID

from emulator import backends
from emulator.backends.apprunner.models import (
    AppRunnerBackend,
    account_blocked,
    apprunner_backends,
    set_account_blocked,
)
from emulator.backends.apprunner.responses import AppRunnerResponse

__all__ = [
    "AppRunnerBackend",
    "AppRunnerResponse",
    "account_blocked",
    "apprunner_backends",
    "fail_next_deployment",
    "register",
    "reset_controls",
    "set_account_blocked",
]

DEFAULT_REGION = "us-east-1"


def register() -> None:
    backends.register_service("apprunner", AppRunnerResponse, backends=apprunner_backends)


def fail_next_deployment(
    image_identifier: str, account_id: str = DEFAULT_ACCOUNT_ID, region: str = DEFAULT_REGION
) -> None:
    """Make the next deployment of ``image_identifier`` in that account and region fail."""
    backend = apprunner_backends[account_id][region]
    with backend.lock:
        backend.fail_next_deployment(image_identifier)


def reset_controls() -> None:
    """What ``POST /_appstack/reset`` restores besides the state: App Runner allowed again."""
    set_account_blocked(False)
