"""App Runner services answer HTTP at an emulator address, as the image they run would.

Services are made and changed with boto3; their answers are read over HTTP at
``EmulatorClient.service_http_base(ServiceUrl)``. As in test_apprunner_backend.py,
the emulator runs in-process and each test empties only the App Runner state.
"""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import boto3
import pytest

from emulator import backends
from emulator.backends import apprunner as apprunner_backend
from emulator.client import CREDENTIALS, EmulatorClient
from emulator.server import running_emulator

ACCOUNT = "123456789012"
OLD_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:good"
BAD_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:bad"
ACCESS_ROLE = f"arn:aws:iam::{ACCOUNT}:role/service-role/AppRunnerECRAccessRole"
GOOGLE_LOGIN = "https://accounts.google.com/o/oauth2/v2/auth?client_id=x"
BAD_ANSWERS = {
    "/health": {"status": 500},
    "/auth/google/login": {"status": 302, "location": GOOGLE_LOGIN},
    "/ready": {"status": 200, "body": "warming up", "headers": {"X-Ready": "partly"}},
}
# Long enough that no request made right after a call can come after the delay, however busy the machine; the
# tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60.0


class Reply:
    """One HTTP answer, redirects not followed (a smoke check looks at the 302 itself)."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)


def request(url: str, method: str = "GET", body: bytes | None = None) -> Reply:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target, body=body)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def image_source(image: str) -> dict[str, Any]:
    return {
        "ImageRepository": {"ImageIdentifier": image, "ImageRepositoryType": "ECR"},
        "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
    }


def create_service(apprunner: Any, image: str = OLD_IMAGE, name: str = "smartscheduler") -> dict[str, Any]:
    return apprunner.create_service(ServiceName=name, SourceConfiguration=image_source(image))["Service"]


def wait_for(read: Callable[[], Any], expected: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (value := read()) != expected:
        assert time.monotonic() < deadline, f"still {value!r}, expected {expected!r}"
        time.sleep(0.05)


def latest_operation_status(apprunner: Any, arn: str) -> str:
    return apprunner.list_operations(ServiceArn=arn)["OperationSummaryList"][0]["Status"]


@pytest.fixture(scope="module")
def in_process_emulator() -> Iterator[EmulatorClient]:
    with running_emulator() as client:
        yield client


def empty_app_runner(emulator: EmulatorClient) -> None:
    apprunner_backend.register()
    backends.reset_registered_backends()
    apprunner_backend.reset_controls()
    emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
    emulator.clear_requests()


@pytest.fixture
def emulator(in_process_emulator: EmulatorClient) -> Iterator[EmulatorClient]:
    """The in-process emulator with no App Runner state or answers, no delay and an empty request log."""
    empty_app_runner(in_process_emulator)
    yield in_process_emulator
    empty_app_runner(in_process_emulator)


@pytest.fixture
def apprunner(emulator: EmulatorClient) -> Any:
    return emulator.client("apprunner")


@pytest.fixture
def running(emulator: EmulatorClient, apprunner: Any) -> dict[str, Any]:
    """A RUNNING service of OLD_IMAGE, created with no delay; operations take DELAY seconds from then on."""
    service = create_service(apprunner)
    assert apprunner.describe_service(ServiceArn=service["ServiceArn"])["Service"]["Status"] == "RUNNING"
    emulator.configure(provisioning_delays={"apprunner": DELAY})
    return service


def http_base(emulator: EmulatorClient, service: dict[str, Any]) -> str:
    return emulator.service_http_base(service["ServiceUrl"])


def health_image(emulator: EmulatorClient, service: dict[str, Any]) -> tuple[int, str]:
    """The status of /health and the image it names."""
    reply = request(f"{http_base(emulator, service)}/health")
    return reply.status, reply.json()["image"]


# Default answers


def test_a_running_service_answers_health_and_ready_as_its_image(emulator: EmulatorClient, apprunner: Any) -> None:
    service = create_service(apprunner)
    base = http_base(emulator, service)

    for path in ("/health", "/ready"):
        reply = request(f"{base}{path}?probe=smoke")
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/json"
        assert reply.json() == {"status": "ok", "path": path, "image": OLD_IMAGE, "tag": "good"}
    assert request(f"{base}/health", "POST", b'{"probe": true}').status == 200
    head = request(f"{base}/health", "HEAD")
    assert (head.status, head.body) == (200, b"")


def test_any_other_path_is_not_found(emulator: EmulatorClient, apprunner: Any) -> None:
    base = http_base(emulator, create_service(apprunner))

    for path in ("/", "/auth/google/login", "/health/extra"):
        reply = request(f"{base}{path}")
        assert reply.status == 404
        assert reply.json() == {"error": "no such path", "path": path, "image": OLD_IMAGE, "tag": "good"}


@pytest.mark.parametrize(
    ("image", "tag"),
    [
        ("public.ecr.aws/nginx/nginx:1.27", "1.27"),
        (f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web@sha256:{'a' * 64}", f"sha256:{'a' * 64}"),
        ("public.ecr.aws/nginx/nginx", "latest"),
    ],
    ids=["tag", "digest", "neither"],
)
def test_the_tag_is_the_image_tag_or_digest(emulator: EmulatorClient, apprunner: Any, image: str, tag: str) -> None:
    source = {"ImageRepository": {"ImageIdentifier": image, "ImageRepositoryType": "ECR_PUBLIC"}}
    service = apprunner.create_service(ServiceName="web-app", SourceConfiguration=source)["Service"]

    assert request(f"{http_base(emulator, service)}/health").json()["tag"] == tag


def test_an_unknown_service_url_is_not_found(emulator: EmulatorClient) -> None:
    reply = request(f"{emulator.service_http_base('abcd123456.us-east-1.awsapprunner.com')}/health")

    assert reply.status == 404
    assert "abcd123456.us-east-1.awsapprunner.com" in reply.json()["error"]


def test_a_service_of_any_account_region_answers(emulator: EmulatorClient) -> None:
    ireland = boto3.client(
        "apprunner",
        region_name="eu-west-1",
        endpoint_url=emulator.endpoint,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    source = {
        "ImageRepository": {"ImageIdentifier": "public.ecr.aws/nginx/nginx:1.27", "ImageRepositoryType": "ECR_PUBLIC"}
    }
    service = ireland.create_service(ServiceName="web-app", SourceConfiguration=source)["Service"]

    assert ".eu-west-1.awsapprunner.com" in service["ServiceUrl"]
    assert request(f"{http_base(emulator, service)}/health").status == 200


def test_the_client_names_the_address_of_a_service(emulator: EmulatorClient) -> None:
    assert emulator.service_http_base("abcd123456.us-east-1.awsapprunner.com") == (
        f"{emulator.endpoint}/_appstack/apprunner/http/abcd123456.us-east-1.awsapprunner.com"
    )


# Services that can't answer


def test_a_service_being_created_answers_503_until_it_runs(emulator: EmulatorClient, apprunner: Any) -> None:
    emulator.configure(provisioning_delays={"apprunner": DELAY})
    service = create_service(apprunner)
    health = f"{http_base(emulator, service)}/health"

    creating = request(health)

    assert creating.status == 503
    assert creating.headers["Content-Type"] == "application/json"
    assert "being created" in creating.json()["error"]
    emulator.advance_clock(DELAY)
    wait_for(lambda: request(health).status, 200)


def test_a_paused_service_answers_503_from_the_end_of_the_pause_to_the_end_of_the_resume(
    running: dict[str, Any], emulator: EmulatorClient, apprunner: Any
) -> None:
    health = f"{http_base(emulator, running)}/health"

    apprunner.pause_service(ServiceArn=running["ServiceArn"])

    assert request(health).status == 200
    emulator.advance_clock(DELAY)
    wait_for(lambda: request(health).status, 503)
    assert "PAUSED" in request(health).json()["error"]
    apprunner.resume_service(ServiceArn=running["ServiceArn"])
    assert request(health).status == 503
    emulator.advance_clock(DELAY)
    wait_for(lambda: request(health).status, 200)


def test_a_deleted_service_answers_503_then_is_unknown(running: dict[str, Any], emulator: EmulatorClient) -> None:
    apprunner = emulator.client("apprunner")
    health = f"{http_base(emulator, running)}/health"

    apprunner.delete_service(ServiceArn=running["ServiceArn"])

    # Still serving while the deletion is in progress.
    assert request(health).status == 200
    emulator.advance_clock(DELAY)
    wait_for(lambda: request(health).status, 503)
    assert "DELETED" in request(health).json()["error"]
    emulator.advance_clock(DELAY)
    wait_for(lambda: request(health).status, 404)


def test_a_failed_creation_never_answers(emulator: EmulatorClient, apprunner: Any) -> None:
    emulator.fail_next_deployment(BAD_IMAGE)
    service = create_service(apprunner, BAD_IMAGE)

    reply = request(f"{http_base(emulator, service)}/health")

    assert reply.status == 503
    assert "CREATE_FAILED" in reply.json()["error"]


def test_a_source_code_service_runs_no_image_to_answer_as(emulator: EmulatorClient, apprunner: Any) -> None:
    source = {
        "CodeRepository": {
            "RepositoryUrl": "https://github.com/example/web",
            "SourceCodeVersion": {"Type": "BRANCH", "Value": "main"},
        }
    }
    service = apprunner.create_service(ServiceName="web-app", SourceConfiguration=source)["Service"]

    assert request(f"{http_base(emulator, service)}/health").status == 501


# Answers set for an image, and deployments


def test_answers_follow_an_update_once_it_succeeds(
    running: dict[str, Any], emulator: EmulatorClient, apprunner: Any
) -> None:
    emulator.set_image_answers(BAD_IMAGE, BAD_ANSWERS)
    base = http_base(emulator, running)

    apprunner.update_service(ServiceArn=running["ServiceArn"], SourceConfiguration=image_source(BAD_IMAGE))

    assert latest_operation_status(apprunner, running["ServiceArn"]) == "IN_PROGRESS"
    assert health_image(emulator, running) == (200, OLD_IMAGE)
    assert request(f"{base}/auth/google/login").status == 404
    emulator.advance_clock(DELAY)
    wait_for(lambda: health_image(emulator, running), (500, BAD_IMAGE))
    assert request(f"{base}/health").json() == {
        "status": 500,
        "path": "/health",
        "image": BAD_IMAGE,
        "tag": "bad",
    }
    login = request(f"{base}/auth/google/login?next=/")
    assert (login.status, login.headers["Location"]) == (302, GOOGLE_LOGIN)
    ready = request(f"{base}/ready")
    assert (ready.status, ready.body, ready.headers["X-Ready"]) == (200, b"warming up", "partly")
    assert ready.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_after_a_rollback_the_old_image_answers_again(
    running: dict[str, Any], emulator: EmulatorClient, apprunner: Any
) -> None:
    emulator.set_image_answers(BAD_IMAGE, BAD_ANSWERS)
    emulator.fail_next_deployment(BAD_IMAGE)
    arn = running["ServiceArn"]

    updated = apprunner.update_service(ServiceArn=arn, SourceConfiguration=image_source(BAD_IMAGE))["Service"]

    # DescribeService reports the new image at once; the old one keeps answering.
    assert updated["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"] == BAD_IMAGE
    assert latest_operation_status(apprunner, arn) == "IN_PROGRESS"
    assert health_image(emulator, running) == (200, OLD_IMAGE)
    # The rollback takes the second half of the operation's time.
    emulator.advance_clock(DELAY / 2)
    wait_for(lambda: latest_operation_status(apprunner, arn), "ROLLBACK_IN_PROGRESS")
    assert health_image(emulator, running) == (200, OLD_IMAGE)
    emulator.advance_clock(DELAY / 2)
    wait_for(lambda: latest_operation_status(apprunner, arn), "ROLLBACK_SUCCEEDED")
    assert health_image(emulator, running) == (200, OLD_IMAGE)
    assert request(f"{http_base(emulator, running)}/auth/google/login").status == 404


def test_a_failed_service_answers_once_an_update_rebuilds_it(emulator: EmulatorClient, apprunner: Any) -> None:
    emulator.fail_next_deployment(BAD_IMAGE)
    service = create_service(apprunner, BAD_IMAGE)

    apprunner.update_service(ServiceArn=service["ServiceArn"], SourceConfiguration=image_source(OLD_IMAGE))

    assert health_image(emulator, service) == (200, OLD_IMAGE)


def test_a_later_control_replaces_the_image_answers_as_a_whole(emulator: EmulatorClient, apprunner: Any) -> None:
    base = http_base(emulator, create_service(apprunner))
    emulator.set_image_answers(OLD_IMAGE, {"/health": {"status": 500}, "/version": {"status": 200, "body": "1"}})

    emulator.set_image_answers(OLD_IMAGE, {"/ready": {"status": 503}})

    assert request(f"{base}/health").status == 200
    assert request(f"{base}/version").status == 404
    assert request(f"{base}/ready").json()["status"] == 503
    assert emulator.image_answers() == {OLD_IMAGE: {"/ready": {"status": 503}}}


def test_answers_are_listed_and_reset_forgets_them(emulator: EmulatorClient, apprunner: Any) -> None:
    emulator.set_image_answers(BAD_IMAGE, BAD_ANSWERS)
    assert emulator.image_answers() == {BAD_IMAGE: BAD_ANSWERS}

    emulator.reset()

    assert emulator.image_answers() == {}
    service = create_service(apprunner, BAD_IMAGE)
    assert health_image(emulator, service) == (200, BAD_IMAGE)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"image_identifier": BAD_IMAGE},
        {"image_identifier": "", "answers": {}},
        {"image_identifier": BAD_IMAGE, "answers": []},
        {"image_identifier": BAD_IMAGE, "answers": {"health": {"status": 200}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health?x=1": {"status": 200}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": 500}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"body": "x"}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 600}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": "500"}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": True}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 200, "body": {"a": 1}}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 200, "headers": ["X-A: b"]}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 200, "headers": {"X-A": "b\r\nX-B: c"}}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 200, "headers": {"Content-Length": "9"}}}},
        {"image_identifier": BAD_IMAGE, "answers": {"/health": {"status": 200, "redirect": "/"}}},
        {"image_identifier": BAD_IMAGE, "answers": {}, "account_id": ACCOUNT},
    ],
    ids=[
        "empty",
        "no-answers",
        "blank-image",
        "answers-not-an-object",
        "path-without-slash",
        "path-with-query",
        "answer-not-an-object",
        "no-status",
        "status-out-of-range",
        "status-a-string",
        "status-a-boolean",
        "body-not-a-string",
        "headers-not-an-object",
        "header-with-line-break",
        "framing-header",
        "unknown-answer-field",
        "unknown-field",
    ],
)
def test_the_answers_control_rejects_bad_bodies(emulator: EmulatorClient, body: dict[str, Any]) -> None:
    emulator.set_image_answers(BAD_IMAGE, {"/health": {"status": 500}})

    reply = post_control(emulator, json.dumps(body).encode())

    assert reply.status == 400
    assert reply.json()["error"]
    assert emulator.image_answers() == {BAD_IMAGE: {"/health": {"status": 500}}}


def test_the_answers_control_rejects_a_body_that_is_not_json(emulator: EmulatorClient) -> None:
    reply = post_control(emulator, b"image=bad")

    assert reply.status == 400
    assert "JSON" in reply.json()["error"]


def post_control(emulator: EmulatorClient, body: bytes) -> Reply:
    return request(f"{emulator.endpoint}/_appstack/apprunner/image-answers", "POST", body)


def test_service_requests_are_not_in_the_request_log(emulator: EmulatorClient, apprunner: Any) -> None:
    base = http_base(emulator, create_service(apprunner))
    emulator.clear_requests()

    for path in ("/health", "/ready", "/missing"):
        request(f"{base}{path}")
    request(f"{emulator.service_http_base('unknown.us-east-1.awsapprunner.com')}/health")
    emulator.set_image_answers(OLD_IMAGE, {})
    emulator.image_answers()

    assert emulator.requests()["total"] == 0
