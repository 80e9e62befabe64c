"""AWS App Runner, which moto lacks: services, operations, auto scaling, observability, VPC connectors, tags.

``models`` holds the state and App Runner's rules, ``responses`` the API,
``service_http`` what services answer over HTTP (``respond``) as the image
they run. Controls for tests, reached through the control API (see
docs/emulator.md): ``fail_next_deployment``, ``set_account_blocked``,
``set_image_answers`` / ``image_answers`` (with ``parse_answers`` to check a
control's answers); ``reset_controls`` undoes them all.
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
from emulator.backends.apprunner.service_http import (
    clear_image_answers,
    image_answers,
    parse_answers,
    respond,
    set_image_answers,
)

__all__ = [
    "AppRunnerBackend",
    "AppRunnerResponse",
    "account_blocked",
    "apprunner_backends",
    "fail_next_deployment",
    "image_answers",
    "parse_answers",
    "register",
    "reset_controls",
    "respond",
    "set_account_blocked",
    "set_image_answers",
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
    """What ``POST /_appstack/reset`` restores besides the state: App Runner allowed again,
    and every image answering the defaults."""
    set_account_blocked(False)
    clear_image_answers()
