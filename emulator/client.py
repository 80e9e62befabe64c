"""Client for a running emulator: its control API and boto3 clients pointed at it.

Standard library only (boto3 is imported when a boto3 client is asked for), so
that any Python with this repository on its path can use it::

    from emulator.client import EmulatorClient

    emulator = EmulatorClient("http://127.0.0.1:4577")
    emulator.reset()
    emulator.client("ec2").create_vpc(CidrBlock="10.0.0.0/16")
    assert emulator.requests()["by_service"]["ec2"]["CreateVpc"] == 1
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from emulator import CONTROL_PREFIX

REGION = "us-east-1"
# Where an App Runner service answers HTTP, under the control prefix: <this>/<ServiceUrl>/<path>.
APPRUNNER_HTTP = "apprunner/http"
# Where an application load balancer answers HTTP, under the control prefix: <this>/<DNSName>/<path>.
LOAD_BALANCER_HTTP = "elbv2/http"
HEALTH_TIMEOUT_SECONDS = 2.0
# Dummy credentials: the emulator accepts any, and real AWS never sees them.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


class EmulatorError(RuntimeError):
    """The control API refused a request, or the emulator could not be reached."""


class EmulatorClient:
    def __init__(self, endpoint: str, timeout: float = 10.0) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self._boto3_clients: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"EmulatorClient({self.endpoint!r})"

    @property
    def port(self) -> int:
        port = urlsplit(self.endpoint).port
        if port is None:
            raise EmulatorError(f"{self.endpoint} names no port")
        return port

    @property
    def env(self) -> dict[str, str]:
        """Environment variables that point AWS SDKs and CLIs at the emulator."""
        return {"AWS_ENDPOINT_URL": self.endpoint, **CREDENTIALS, "AWS_DEFAULT_REGION": REGION}

    def client(self, service: str) -> Any:
        """A boto3 client for ``service`` talking to the emulator (cached; clients are thread-safe)."""
        if service not in self._boto3_clients:
            import boto3

            session = boto3.session.Session(
                aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                aws_session_token=CREDENTIALS["AWS_SESSION_TOKEN"],
                region_name=REGION,
            )
            self._boto3_clients[service] = session.client(service, endpoint_url=self.endpoint)
        return self._boto3_clients[service]

    def health(self, timeout: float | None = None) -> dict[str, Any]:
        return self._call("GET", "health", timeout=timeout)

    def is_healthy(self) -> bool:
        # A short timeout: a live emulator answers at once, while a hung process
        # holding the port would otherwise stall every check.
        try:
            return self.health(timeout=HEALTH_TIMEOUT_SECONDS) == {"status": "ok"}
        except EmulatorError:
            return False

    def wait_until_healthy(self, timeout: float = 30.0, interval: float = 0.1) -> None:
        deadline = time.monotonic() + timeout
        while not self.is_healthy():
            if time.monotonic() > deadline:
                raise EmulatorError(f"no healthy emulator at {self.endpoint} after {timeout:g}s")
            time.sleep(interval)

    def reset(self) -> None:
        """Empty the account and the request log; the delay configuration stays."""
        self._call("POST", "reset")

    def requests(self) -> dict[str, Any]:
        """The request log: total, mutating, by_service, calls."""
        return self._call("GET", "requests")

    def clear_requests(self) -> None:
        self._call("DELETE", "requests")

    def config(self) -> dict[str, Any]:
        return self._call("GET", "config")

    def configure(self, **settings: Any) -> dict[str, Any]:
        """Change the configuration: ``configure(provisioning_delay_seconds=2)``,
        ``configure(provisioning_delays={"rds": 5})``, ``configure(apprunner_account_blocked=True)``.
        """
        return self._call("POST", "config", settings)

    def advance_clock(self, seconds: float) -> float:
        """Move the emulator's clock on by ``seconds``, as if that much time had passed: every provisioning delay
        under way ends that much sooner. Returns how far the clock has been moved on in all."""
        return self._call("POST", "clock", {"advance_seconds": seconds})["clock_advance_seconds"]

    def hold(self, operation: str, occurrence: int = 1) -> None:
        """Serve the occurrence-th call of operation ("service:Operation") from now, then keep its answer back
        until ``release_holds``: the call is done, its caller never learns of it."""
        self._call("POST", "holds", {"operation": operation, "occurrence": occurrence})

    def held(self) -> list[str]:
        """The operations whose answer is held now."""
        return [hold["operation"] for hold in self._call("GET", "holds")["holds"] if hold["held"]]

    def release_holds(self) -> None:
        """Send the held answers on (to whoever still listens) and disarm every hold."""
        self._call("DELETE", "holds")

    def fail_next_deployment(
        self, image_identifier: str, account_id: str | None = None, region: str | None = None
    ) -> None:
        """Make the next App Runner deployment of ``image_identifier`` fail (and roll back, for an update)."""
        body: dict[str, Any] = {"image_identifier": image_identifier}
        if account_id is not None:
            body["account_id"] = account_id
        if region is not None:
            body["region"] = region
        self._call("POST", "apprunner/fail-next-deployment", body)

    def set_image_answers(self, image_identifier: str, answers: dict[str, dict[str, Any]]) -> None:
        """Make an image answer HTTP differently on some paths, wherever it runs (an App Runner service, the ECS
        service behind a load balancer), replacing what was set for it::

            emulator.set_image_answers(image, {"/health": {"status": 500}})

        Each answer: ``status``, and optionally ``body``, ``location`` and ``headers``.
        """
        self._call("POST", "apprunner/image-answers", {"image_identifier": image_identifier, "answers": answers})

    def image_answers(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The answers set, by image identifier and path."""
        return self._call("GET", "apprunner/image-answers")["image_answers"]

    def sns_confirmation_tokens(self) -> list[dict[str, str]]:
        """The SNS subscriptions waiting for confirmation, each with its topic_arn, protocol, endpoint and the
        token AWS would send the endpoint (pass it to ConfirmSubscription)."""
        return self._call("GET", "sns/confirmation-tokens")["confirmations"]

    def fail_next_ecs_deployment(self, cluster: str | None = None, service: str | None = None) -> None:
        """Make the next deployment of that ECS service (of any service, when not named) trip the deployment
        circuit breaker: FAILED, then a rollback when the service's circuit breaker has rollback on."""
        body = {name: value for name, value in (("cluster", cluster), ("service", service)) if value is not None}
        self._call("POST", "ecs/fail-next-deployment", body)

    def fail_next_ecs_task(self, exit_code: int, log_lines: list[str] | None = None) -> None:
        """Make the next ECS task RunTask starts write ``log_lines`` to its awslogs stream, then exit ``exit_code``."""
        self._call("POST", "ecs/fail-next-task", {"exit_code": exit_code, "log_lines": list(log_lines or [])})

    def load_balancer_http_base(self, dns_name: str) -> str:
        """The address where the load balancer with this ``DNSName`` answers HTTP; append a path."""
        return f"{self.endpoint}{CONTROL_PREFIX}{LOAD_BALANCER_HTTP}/{dns_name}"

    def service_http_base(self, service_url: str) -> str:
        """The address where the App Runner service with this ``ServiceUrl`` answers HTTP; append a path."""
        return f"{self.endpoint}{CONTROL_PREFIX}{APPRUNNER_HTTP}/{service_url}"

    def _call(
        self, method: str, name: str, body: dict[str, Any] | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.endpoint}{CONTROL_PREFIX}{name}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")
            raise EmulatorError(f"{method} {CONTROL_PREFIX}{name}: HTTP {error.code} {detail}") from error
        except (urllib.error.URLError, OSError) as error:
            raise EmulatorError(f"{method} {CONTROL_PREFIX}{name} at {self.endpoint}: {error}") from error
        try:
            return json.loads(payload or b"{}")
        except ValueError as error:
            raise EmulatorError(f"{self.endpoint} answered {CONTROL_PREFIX}{name} without JSON") from error
