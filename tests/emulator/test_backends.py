"""Registered backends answer their signing name; moto answers the rest.

The backend here is the smallest App Runner one written the way
docs/emulator.md describes: a BaseBackend in a BackendDict, a BaseResponse
whose methods return ActionResults serialized from the botocore model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.responses import ActionResult, BaseResponse

from emulator import backends
from emulator.client import EmulatorClient
from emulator.server import running_emulator


class MinimalAppRunnerBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.services: list[dict[str, Any]] = []


minimal_apprunner_backends = BackendDict(MinimalAppRunnerBackend, "apprunner")


class MinimalAppRunnerResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="apprunner")
        self.automated_parameter_parsing = True

    @property
    def backend(self) -> MinimalAppRunnerBackend:
        return minimal_apprunner_backends[self.current_account][self.region]

    def list_services(self) -> ActionResult:
        return ActionResult({"ServiceSummaryList": self.backend.services})


SERVICE_SUMMARY = {
    "ServiceName": "web",
    "ServiceId": "8fe1e10304f84fd2b0df550fe98a71fa",
    "ServiceArn": "arn:aws:apprunner:us-east-1:123456789012:service/web/8fe1e10304f84fd2b0df550fe98a71fa",
    "ServiceUrl": "web.us-east-1.awsapprunner.com",
    "Status": "RUNNING",
}


@pytest.fixture(scope="module")
def in_process_emulator() -> Iterator[EmulatorClient]:
    with running_emulator() as client:
        yield client


@pytest.fixture
def apprunner_registered(in_process_emulator: EmulatorClient) -> Iterator[EmulatorClient]:
    backends.register_service("apprunner", MinimalAppRunnerResponse, backends=minimal_apprunner_backends)
    in_process_emulator.reset()
    try:
        yield in_process_emulator
    finally:
        backends.unregister_service("apprunner")
        in_process_emulator.reset()


def seed_service() -> None:
    minimal_apprunner_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].services.append(dict(SERVICE_SUMMARY))


def test_a_registered_signing_name_reaches_its_backend(apprunner_registered: EmulatorClient) -> None:
    seed_service()

    services = apprunner_registered.client("apprunner").list_services()["ServiceSummaryList"]

    assert [service["ServiceName"] for service in services] == ["web"]
    assert apprunner_registered.requests()["calls"] == [
        {"service": "apprunner", "operation": "ListServices", "mutating": False, "access_key_id": "testing"}
    ]


def test_an_unregistered_service_still_reaches_moto(apprunner_registered: EmulatorClient) -> None:
    ec2 = apprunner_registered.client("ec2")

    vpc_id = ec2.create_vpc(CidrBlock="10.3.0.0/16")["Vpc"]["VpcId"]

    assert ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["CidrBlock"] == "10.3.0.0/16"


def test_reset_empties_registered_backends(apprunner_registered: EmulatorClient) -> None:
    seed_service()

    apprunner_registered.reset()

    assert apprunner_registered.client("apprunner").list_services()["ServiceSummaryList"] == []


def test_after_unregistering_moto_answers_again(in_process_emulator: EmulatorClient) -> None:
    backends.register_service("apprunner", MinimalAppRunnerResponse)
    backends.unregister_service("apprunner")

    # Moto has no App Runner: the emulator says so at once (no retried 500s).
    with pytest.raises(ClientError) as raised:
        in_process_emulator.client("apprunner").list_services()
    assert raised.value.response["Error"]["Code"] == "NotImplemented"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert "apprunner" not in backends.registered_services()


def test_a_wsgi_app_factory_can_serve_a_signing_name(in_process_emulator: EmulatorClient) -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/x-amz-json-1.0")])
        return [b'{"ServiceSummaryList": [{"ServiceName": "from-factory"}]}']

    backends.register_service("apprunner", lambda: app)
    try:
        services = in_process_emulator.client("apprunner").list_services()["ServiceSummaryList"]
    finally:
        backends.unregister_service("apprunner")

    assert services == [{"ServiceName": "from-factory"}]
