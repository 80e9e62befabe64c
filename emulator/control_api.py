"""The control API under ``/_appstack/``: JSON in, JSON out, never logged.

GET    /_appstack/health    {"status": "ok"}
POST   /_appstack/reset     empty account and request log; delays are kept
GET    /_appstack/requests  the request log summary
DELETE /_appstack/requests  clear the request log
GET    /_appstack/config    the provisioning delays and the fault rates
POST   /_appstack/config    change them: {"provisioning_delay_seconds": N}
                            and/or {"provisioning_delays": {"rds": N, ...}}
                            and/or {"throttle_rate": 0.2, "server_error_rate": 0.2}
                            and/or {"apprunner_account_blocked": true}
POST   /_appstack/clock     {"advance_seconds": N}: move the emulator's clock on by N seconds, as if
                            that much time had passed (every provisioning delay under way ends N
                            seconds sooner); answers {"clock_advance_seconds": total so far}
GET    /_appstack/holds     the armed holds: {"holds": [{"operation", "occurrence", "seen", "held"}]}
POST   /_appstack/holds     {"operation": "ec2:CreateNatGateway", "occurrence"?: 1}: serve that call
                            (the n-th from now), then keep its answer back until released
DELETE /_appstack/holds     send the held answers on and disarm every hold
POST   /_appstack/apprunner/fail-next-deployment
                            {"image_identifier": "...", "account_id"?, "region"?}:
                            the next App Runner deployment of that image fails
POST   /_appstack/apprunner/image-answers
                            {"image_identifier": "...", "answers": {"/path": {"status": N,
                            "body"?, "location"?, "headers"?}}}: what that image answers
                            over HTTP on those paths (replacing what was set for it)
GET    /_appstack/apprunner/image-answers
                            {"image_answers": {image: {path: answer}}}
GET    /_appstack/sns/confirmation-tokens
                            {"confirmations": [{"topic_arn", "protocol", "endpoint", "token",
                            "account_id", "region"}]}: the subscriptions waiting for confirmation, with
                            the token AWS would send their endpoint (for SNS ConfirmSubscription)
ANY    /_appstack/apprunner/http/<ServiceUrl>/<path>
                            the App Runner service's answer, as its deployed image's
                            (not JSON in: any method, body ignored)
POST   /_appstack/image-answers, GET /_appstack/image-answers
                            the same as /_appstack/apprunner/image-answers (images answer for
                            App Runner services and load balancers alike)
POST   /_appstack/ecs/fail-next-deployment
                            {"cluster"?, "service"?}: the next deployment of that ECS service (of any,
                            when not named) trips the deployment circuit breaker
POST   /_appstack/ecs/fail-next-task
                            {"exit_code": N, "log_lines"?: ["..."]}: the next task RunTask starts logs
                            those lines to its awslogs stream, then its essential container exits N
ANY    /_appstack/elbv2/http/<DNSName>/<path>
                            the load balancer's answer, as the image the ECS service behind it runs
                            (not JSON in: any method, body ignored)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from werkzeug.wrappers import Request, Response

from emulator import CONTROL_PREFIX, delays, faults, holds, load_balancer_http
from emulator.backends import apprunner
from emulator.fixes import ecs_services, ecs_tasks, sns_subscription_confirmation
from emulator.request_log import RequestLog

OK = {"status": "ok"}
# Routes taking the rest of the path as an argument, for any method.
SERVICE_HTTP_PREFIX = "apprunner/http/"
LOAD_BALANCER_HTTP_PREFIX = "elbv2/http/"


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
            "clock": {"POST": self._advance_clock},
            "holds": {"GET": self._holds, "POST": self._arm_hold, "DELETE": self._release_holds},
            "apprunner/fail-next-deployment": {"POST": self._fail_next_deployment},
            "apprunner/image-answers": {"GET": self._image_answers, "POST": self._set_image_answers},
            "image-answers": {"GET": self._image_answers, "POST": self._set_image_answers},
            "ecs/fail-next-deployment": {"POST": self._fail_next_ecs_deployment},
            "ecs/fail-next-task": {"POST": self._fail_next_ecs_task},
            "sns/confirmation-tokens": {"GET": self._sns_confirmation_tokens},
        }
        self._prefix_routes: dict[str, Callable[[Request, str], Response]] = {
            SERVICE_HTTP_PREFIX: self._service_http,
            LOAD_BALANCER_HTTP_PREFIX: self._load_balancer_http,
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        return self._dispatch(request)(environ, start_response)

    def _dispatch(self, request: Request) -> Response:
        rest = request.path[len(CONTROL_PREFIX) :]
        for prefix, prefix_handler in self._prefix_routes.items():
            if rest.startswith(prefix):
                return prefix_handler(request, rest[len(prefix) :])
        name = rest.strip("/")
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
        holds.release_all()
        apprunner.reset_controls()
        ecs_services.reset_controls()
        ecs_tasks.reset_controls()
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

    def _advance_clock(self, request: Request) -> Response:
        try:
            body = _json_body(request)
            unknown = set(body) - {"advance_seconds"}
            if unknown:
                raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
            if "advance_seconds" not in body:
                raise ValueError("advance_seconds is required: how many seconds to move the clock on")
            total = delays.advance_clock(body["advance_seconds"])
        except ValueError as error:
            return _json({"error": str(error)}, 400)
        return _json({"clock_advance_seconds": total})

    def _holds(self, _: Request) -> Response:
        return _json(holds.snapshot())

    def _arm_hold(self, request: Request) -> Response:
        try:
            body = _json_body(request)
            unknown = set(body) - {"operation", "occurrence"}
            if unknown:
                raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
            return _json(holds.arm(body.get("operation"), body.get("occurrence", 1)))
        except ValueError as error:
            return _json({"error": str(error)}, 400)

    def _release_holds(self, _: Request) -> Response:
        return _json(holds.release_all())

    def _fail_next_deployment(self, request: Request) -> Response:
        try:
            body = _json_body(request)
            image, account_id, region = _fail_next_deployment_target(body)
        except ValueError as error:
            return _json({"error": str(error)}, 400)
        apprunner.fail_next_deployment(image, account_id, region)
        return _json(OK)

    def _image_answers(self, _: Request) -> Response:
        return _json({"image_answers": apprunner.image_answers()})

    def _set_image_answers(self, request: Request) -> Response:
        try:
            body = _json_body(request)
            image, answers = _image_answers_request(body)
        except ValueError as error:
            return _json({"error": str(error)}, 400)
        apprunner.set_image_answers(image, answers)
        return _json(OK)

    def _sns_confirmation_tokens(self, _: Request) -> Response:
        return _json({"confirmations": sns_subscription_confirmation.pending_confirmations()})

    def _fail_next_ecs_deployment(self, request: Request) -> Response:
        try:
            cluster, service = _ecs_deployment_target(_json_body(request))
        except ValueError as error:
            return _json({"error": str(error)}, 400)
        ecs_services.fail_next_deployment(cluster, service)
        return _json(OK)

    def _fail_next_ecs_task(self, request: Request) -> Response:
        try:
            body = _json_body(request)
            unknown = set(body) - {"exit_code", "log_lines"}
            if unknown:
                raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
            if "exit_code" not in body:
                raise ValueError("exit_code is required: the exit code of the task's essential container")
            exit_code, log_lines = ecs_tasks.check_outcome(body["exit_code"], body.get("log_lines"))
        except ValueError as error:
            return _json({"error": str(error)}, 400)
        ecs_tasks.fail_next_task(exit_code, log_lines)
        return _json(OK)

    def _load_balancer_http(self, _: Request, rest: str) -> Response:
        # <DNSName>/<path>, as for App Runner services.
        dns_name, _, path = rest.partition("/")
        return load_balancer_http.respond(dns_name, f"/{path}")

    def _service_http(self, request: Request, rest: str) -> Response:
        # <ServiceUrl>/<path>; the path keeps its own slashes, and the query string plays no part.
        service_url, _, path = rest.partition("/")
        return apprunner.respond(service_url, f"/{path}")


def apply_config(settings: dict[str, Any]) -> dict[str, Any]:
    """Apply a POST /_appstack/config body; return the new configuration."""
    known = {"provisioning_delay_seconds", "provisioning_delays", "apprunner_account_blocked", *faults.RATE_SETTINGS}
    unknown = set(settings) - known
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    per_kind = settings.get("provisioning_delays") or {}
    if not isinstance(per_kind, dict):
        raise ValueError("provisioning_delays must be an object of kind: seconds")
    # Check the rates before anything applies, so a rejected body changes nothing.
    rates = {setting: settings[setting] for setting in faults.RATE_SETTINGS if setting in settings}
    for setting, rate in rates.items():
        faults.check_rate(setting, rate)
    blocked = settings.get("apprunner_account_blocked", False)
    if not isinstance(blocked, bool):
        raise ValueError(f"apprunner_account_blocked must be true or false, not {blocked!r}")
    delays.configure(settings.get("provisioning_delay_seconds"), per_kind)
    if rates:
        faults.configure(**rates)
    if "apprunner_account_blocked" in settings:
        apprunner.set_account_blocked(blocked)
    return current_config()


def current_config() -> dict[str, Any]:
    """Every setting of POST /_appstack/config, as GET /_appstack/config shows them."""
    return {
        **delays.snapshot(),
        **faults.snapshot(),
        "apprunner_account_blocked": apprunner.account_blocked(),
    }


def _fail_next_deployment_target(body: dict[str, Any]) -> tuple[str, str, str]:
    unknown = set(body) - {"image_identifier", "account_id", "region"}
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    image = body.get("image_identifier")
    if not isinstance(image, str) or not image:
        raise ValueError("image_identifier must be a non-empty string (the ImageIdentifier to fail)")
    account_id = body.get("account_id", DEFAULT_ACCOUNT_ID)
    if not isinstance(account_id, str) or not (len(account_id) == 12 and account_id.isdigit()):
        raise ValueError(f"account_id must be a 12-digit string, not {account_id!r}")
    region = body.get("region", apprunner.DEFAULT_REGION)
    if not isinstance(region, str) or region not in apprunner.apprunner_backends[account_id]:
        raise ValueError(f"region must be a Region App Runner serves, not {region!r}")
    return image, account_id, region


def _ecs_deployment_target(body: dict[str, Any]) -> tuple[str | None, str | None]:
    unknown = set(body) - {"cluster", "service"}
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name in ("cluster", "service"):
        value = body.get(name)
        if value is not None and (not isinstance(value, str) or not value):
            raise ValueError(f"{name} must be a non-empty string (a name or an ARN), not {value!r}")
    return body.get("cluster"), body.get("service")


def _image_answers_request(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    unknown = set(body) - {"image_identifier", "answers"}
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    image = body.get("image_identifier")
    if not isinstance(image, str) or not image:
        raise ValueError("image_identifier must be a non-empty string (the ImageIdentifier that answers)")
    if "answers" not in body:
        raise ValueError('answers is required: an object of path: answer, such as {"/health": {"status": 500}}')
    return image, apprunner.parse_answers(body["answers"])


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
