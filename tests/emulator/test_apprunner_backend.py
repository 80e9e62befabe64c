"""The emulator's App Runner backend behaves as the App Runner API reference says.

Everything is driven with boto3 against an emulator and read back through the API.
The emulator runs in-process, so that each test empties only the App Runner state
(a full reset reloads all of moto, which would make this file slow); the reset
test resets through the control API like every other suite.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator import backends
from emulator.backends import apprunner as apprunner_backend
from emulator.client import EmulatorClient, EmulatorError
from emulator.server import running_emulator

ACCOUNT = "123456789012"
REGION = "us-east-1"
IMAGE = "public.ecr.aws/nginx/nginx:1.27"
NEW_IMAGE = "public.ecr.aws/nginx/nginx:1.28"
PRIVATE_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/web:1.0"
ACCESS_ROLE = f"arn:aws:iam::{ACCOUNT}:role/service-role/AppRunnerECRAccessRole"
# Long enough that no read made right after a call can come after the delay, however busy the machine; the
# tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60.0

SERVICE_ARN = re.compile(rf"^arn:aws:apprunner:{REGION}:{ACCOUNT}:service/(?P<name>[^/]+)/(?P<id>[0-9a-f]{{32}})$")
SERVICE_URL = re.compile(rf"^[a-z0-9]{{10}}\.{REGION}\.awsapprunner\.com$")
OPERATION_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def asc_arn_pattern(name: str, revision: int) -> re.Pattern[str]:
    return re.compile(
        rf"^arn:aws:apprunner:{REGION}:{ACCOUNT}:autoscalingconfiguration/{name}/{revision}/[0-9a-f]{{32}}$"
    )


def image_source(image: str = IMAGE, **image_configuration: Any) -> dict[str, Any]:
    repository: dict[str, Any] = {"ImageIdentifier": image, "ImageRepositoryType": "ECR_PUBLIC"}
    if image_configuration:
        repository["ImageConfiguration"] = image_configuration
    return {"ImageRepository": repository}


def create_service(apprunner: Any, name: str = "web-app", **kwargs: Any) -> tuple[str, str]:
    kwargs.setdefault("SourceConfiguration", image_source())
    response = apprunner.create_service(ServiceName=name, **kwargs)
    return response["Service"]["ServiceArn"], response["OperationId"]


def describe(apprunner: Any, arn: str) -> dict[str, Any]:
    return apprunner.describe_service(ServiceArn=arn)["Service"]


def operations(apprunner: Any, arn: str) -> list[dict[str, Any]]:
    return apprunner.list_operations(ServiceArn=arn)["OperationSummaryList"]


def status_or_error(apprunner: Any, arn: str) -> str:
    try:
        return describe(apprunner, arn)["Status"]
    except ClientError as error:
        return error.response["Error"]["Code"]


def error_code(call: Callable[[], Any]) -> str:
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"]


def wait_for(read: Callable[[], Any], expected: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while (value := read()) != expected:
        assert time.monotonic() < deadline, f"still {value!r}, expected {expected!r}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def in_process_emulator() -> Iterator[EmulatorClient]:
    with running_emulator() as client:
        yield client


def empty_app_runner(emulator: EmulatorClient) -> None:
    apprunner_backend.register()
    backends.reset_registered_backends()
    emulator.configure(
        provisioning_delay_seconds=0, throttle_rate=0, server_error_rate=0, apprunner_account_blocked=False
    )
    emulator.clear_requests()


@pytest.fixture
def emulator(in_process_emulator: EmulatorClient) -> Iterator[EmulatorClient]:
    """The in-process emulator with no App Runner state, no delay, no throttling and an empty request log.

    The settings are process-wide, so they are put back afterwards too.
    """
    empty_app_runner(in_process_emulator)
    yield in_process_emulator
    empty_app_runner(in_process_emulator)


@pytest.fixture
def apprunner(emulator: EmulatorClient) -> Any:
    return emulator.client("apprunner")


@pytest.fixture
def slow(emulator: EmulatorClient) -> EmulatorClient:
    """App Runner operations take DELAY seconds."""
    emulator.configure(provisioning_delays={"apprunner": DELAY})
    return emulator


# Services


def test_a_new_service_has_aws_identifiers_and_defaults(apprunner: Any) -> None:
    arn, operation_id = create_service(apprunner, "web-app", Tags=[{"Key": "team", "Value": "web"}])

    service = describe(apprunner, arn)
    match = SERVICE_ARN.match(service["ServiceArn"])
    assert match and match["name"] == "web-app" and match["id"] == service["ServiceId"]
    assert SERVICE_URL.match(service["ServiceUrl"])
    assert OPERATION_ID.match(operation_id)
    assert service["CreatedAt"] <= service["UpdatedAt"]
    assert service["SourceConfiguration"] == {
        "ImageRepository": {
            "ImageIdentifier": IMAGE,
            "ImageRepositoryType": "ECR_PUBLIC",
            "ImageConfiguration": {"Port": "8080"},
        },
        "AutoDeploymentsEnabled": False,
    }
    assert service["InstanceConfiguration"] == {"Cpu": "1024", "Memory": "2048"}
    assert service["HealthCheckConfiguration"] == {
        "Protocol": "TCP",
        "Path": "/",
        "Interval": 5,
        "Timeout": 2,
        "HealthyThreshold": 1,
        "UnhealthyThreshold": 5,
    }
    assert service["NetworkConfiguration"] == {
        "EgressConfiguration": {"EgressType": "DEFAULT"},
        "IngressConfiguration": {"IsPubliclyAccessible": True},
        "IpAddressType": "IPV4",
    }
    assert service["ObservabilityConfiguration"] == {"ObservabilityEnabled": False}
    summary = service["AutoScalingConfigurationSummary"]
    assert summary["AutoScalingConfigurationName"] == "DefaultConfiguration"
    assert summary["IsDefault"] is True
    assert summary["HasAssociatedService"] is True
    assert "EncryptionConfiguration" not in service


def test_a_same_account_ecr_image_deploys_automatically_and_needs_an_access_role(apprunner: Any) -> None:
    source = {"ImageRepository": {"ImageIdentifier": PRIVATE_IMAGE, "ImageRepositoryType": "ECR"}}
    assert error_code(lambda: create_service(apprunner, SourceConfiguration=source)) == "InvalidRequestException"

    source["AuthenticationConfiguration"] = {"AccessRoleArn": ACCESS_ROLE}
    arn, _ = create_service(apprunner, SourceConfiguration=source)

    assert describe(apprunner, arn)["SourceConfiguration"]["AutoDeploymentsEnabled"] is True


def test_given_settings_are_kept_and_cpu_memory_normalised(apprunner: Any) -> None:
    kms_key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/12345678-1234-1234-1234-123456789012"
    arn, _ = create_service(
        apprunner,
        SourceConfiguration=image_source(Port="80", RuntimeEnvironmentVariables={"MODE": "prod"}),
        InstanceConfiguration={"Cpu": "0.5 vCPU", "Memory": "1 GB"},
        HealthCheckConfiguration={"Protocol": "HTTP", "Path": "/health"},
        NetworkConfiguration={"IngressConfiguration": {"IsPubliclyAccessible": False}, "IpAddressType": "DUAL_STACK"},
        EncryptionConfiguration={"KmsKey": kms_key},
    )

    service = describe(apprunner, arn)
    assert service["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"] == {
        "Port": "80",
        "RuntimeEnvironmentVariables": {"MODE": "prod"},
    }
    assert service["InstanceConfiguration"] == {"Cpu": "512", "Memory": "1024"}
    assert service["HealthCheckConfiguration"]["Protocol"] == "HTTP"
    assert service["HealthCheckConfiguration"]["Path"] == "/health"
    assert service["HealthCheckConfiguration"]["Interval"] == 5
    assert service["NetworkConfiguration"]["IngressConfiguration"] == {"IsPubliclyAccessible": False}
    assert service["NetworkConfiguration"]["IpAddressType"] == "DUAL_STACK"
    assert service["EncryptionConfiguration"] == {"KmsKey": kms_key}


BAD_SERVICE_SETTINGS = (
    {"InstanceConfiguration": {"Cpu": "4096", "Memory": "2048"}},
    {"InstanceConfiguration": {"Cpu": "3 vCPU"}},
    {"HealthCheckConfiguration": {"Interval": 21}},
    {"SourceConfiguration": {}},
)


def test_bad_service_settings_are_refused(apprunner: Any) -> None:
    for settings in BAD_SERVICE_SETTINGS:
        code = error_code(lambda settings=settings: create_service(apprunner, **settings))
        assert code == "InvalidRequestException", settings
    assert apprunner.list_services()["ServiceSummaryList"] == []


def test_without_delay_an_operation_ends_when_the_service_is_next_read(apprunner: Any) -> None:
    response = apprunner.create_service(ServiceName="web-app", SourceConfiguration=image_source())
    assert response["Service"]["Status"] == "OPERATION_IN_PROGRESS"

    assert describe(apprunner, response["Service"]["ServiceArn"])["Status"] == "RUNNING"
    [operation] = operations(apprunner, response["Service"]["ServiceArn"])
    assert operation["Id"] == response["OperationId"]
    assert operation["Type"] == "CREATE_SERVICE"
    assert operation["Status"] == "SUCCEEDED"
    assert operation["TargetArn"] == response["Service"]["ServiceArn"]
    assert operation["StartedAt"] <= operation["EndedAt"]


def test_with_a_delay_the_service_is_in_progress_and_refuses_changes(slow: EmulatorClient, apprunner: Any) -> None:
    arn, operation_id = create_service(apprunner)

    assert describe(apprunner, arn)["Status"] == "OPERATION_IN_PROGRESS"
    [operation] = operations(apprunner, arn)
    assert (operation["Id"], operation["Status"]) == (operation_id, "IN_PROGRESS")
    assert "EndedAt" not in operation
    for call in (
        lambda: apprunner.update_service(ServiceArn=arn, SourceConfiguration=image_source(NEW_IMAGE)),
        lambda: apprunner.pause_service(ServiceArn=arn),
        lambda: apprunner.start_deployment(ServiceArn=arn),
        lambda: apprunner.delete_service(ServiceArn=arn),
    ):
        assert error_code(call) == "InvalidStateException"

    slow.advance_clock(DELAY)
    wait_for(lambda: describe(apprunner, arn)["Status"], "RUNNING")
    [operation] = operations(apprunner, arn)
    assert operation["Status"] == "SUCCEEDED"
    assert operation["EndedAt"] >= operation["StartedAt"]


def test_pause_and_resume_and_their_invalid_states(apprunner: Any) -> None:
    arn, _ = create_service(apprunner)
    assert error_code(lambda: apprunner.resume_service(ServiceArn=arn)) == "InvalidStateException"

    paused = apprunner.pause_service(ServiceArn=arn)
    assert paused["Service"]["Status"] == "OPERATION_IN_PROGRESS"
    assert describe(apprunner, arn)["Status"] == "PAUSED"
    assert error_code(lambda: apprunner.pause_service(ServiceArn=arn)) == "InvalidStateException"
    assert error_code(lambda: apprunner.start_deployment(ServiceArn=arn)) == "InvalidStateException"

    resumed = apprunner.resume_service(ServiceArn=arn)
    assert describe(apprunner, arn)["Status"] == "RUNNING"
    listed = operations(apprunner, arn)
    assert [(op["Type"], op["Status"]) for op in listed] == [
        ("RESUME_SERVICE", "SUCCEEDED"),
        ("PAUSE_SERVICE", "SUCCEEDED"),
        ("CREATE_SERVICE", "SUCCEEDED"),
    ]
    assert [op["Id"] for op in listed[:2]] == [resumed["OperationId"], paused["OperationId"]]


def test_update_replaces_the_given_sections_and_keeps_the_others(apprunner: Any) -> None:
    arn, _ = create_service(
        apprunner,
        SourceConfiguration=image_source(Port="80", RuntimeEnvironmentVariables={"MODE": "prod"}),
        HealthCheckConfiguration={"Protocol": "HTTP", "Path": "/health"},
    )

    response = apprunner.update_service(
        ServiceArn=arn,
        SourceConfiguration=image_source(NEW_IMAGE, Port="80", RuntimeEnvironmentVariables={"MODE": "next"}),
        InstanceConfiguration={"Cpu": "2048", "Memory": "4096"},
    )

    assert response["Service"]["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"] == NEW_IMAGE
    service = describe(apprunner, arn)
    assert service["Status"] == "RUNNING"
    image = service["SourceConfiguration"]["ImageRepository"]
    assert image["ImageIdentifier"] == NEW_IMAGE
    assert image["ImageConfiguration"] == {"Port": "80", "RuntimeEnvironmentVariables": {"MODE": "next"}}
    assert service["InstanceConfiguration"] == {"Cpu": "2048", "Memory": "4096"}
    assert service["HealthCheckConfiguration"]["Path"] == "/health"
    assert operations(apprunner, arn)[0]["Type"] == "UPDATE_SERVICE"
    assert operations(apprunner, arn)[0]["Id"] == response["OperationId"]


def test_start_deployment_is_an_operation_of_its_own(apprunner: Any) -> None:
    arn, _ = create_service(apprunner)

    operation_id = apprunner.start_deployment(ServiceArn=arn)["OperationId"]

    assert describe(apprunner, arn)["Status"] == "RUNNING"
    latest = operations(apprunner, arn)[0]
    assert (latest["Id"], latest["Type"], latest["Status"]) == (operation_id, "START_DEPLOYMENT", "SUCCEEDED")


def test_a_deleted_service_answers_deleted_for_the_delay_then_is_gone(slow: EmulatorClient, apprunner: Any) -> None:
    slow.configure(provisioning_delays={"apprunner": 0})
    arn, _ = create_service(apprunner)
    describe(apprunner, arn)
    slow.configure(provisioning_delays={"apprunner": DELAY})

    response = apprunner.delete_service(ServiceArn=arn)

    assert response["Service"]["Status"] == "OPERATION_IN_PROGRESS"
    assert [s["Status"] for s in apprunner.list_services()["ServiceSummaryList"]] == ["OPERATION_IN_PROGRESS"]
    slow.advance_clock(DELAY)
    wait_for(lambda: describe(apprunner, arn)["Status"], "DELETED")
    assert "DeletedAt" in describe(apprunner, arn)
    assert apprunner.list_services()["ServiceSummaryList"] == []
    assert operations(apprunner, arn)[0]["Type"] == "DELETE_SERVICE"
    slow.advance_clock(DELAY)
    wait_for(lambda: status_or_error(apprunner, arn), "ResourceNotFoundException")


def test_service_names_are_unique_among_live_services(apprunner: Any) -> None:
    arn, _ = create_service(apprunner, "web-app")

    with pytest.raises(ClientError) as raised:
        create_service(apprunner, "web-app")
    assert raised.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "already exists" in raised.value.response["Error"]["Message"]

    apprunner.delete_service(ServiceArn=arn)
    describe_error = error_code(lambda: describe(apprunner, arn))
    assert describe_error == "ResourceNotFoundException"
    new_arn, _ = create_service(apprunner, "web-app")
    assert new_arn != arn


def test_missing_resources_are_reported(apprunner: Any) -> None:
    missing = f"arn:aws:apprunner:{REGION}:{ACCOUNT}:service/web-app/{'0' * 32}"
    for call in (
        lambda: apprunner.describe_service(ServiceArn=missing),
        lambda: apprunner.update_service(ServiceArn=missing, InstanceConfiguration={"Cpu": "1024"}),
        lambda: apprunner.pause_service(ServiceArn=missing),
        lambda: apprunner.resume_service(ServiceArn=missing),
        lambda: apprunner.start_deployment(ServiceArn=missing),
        lambda: apprunner.delete_service(ServiceArn=missing),
        lambda: apprunner.list_operations(ServiceArn=missing),
        lambda: apprunner.list_tags_for_resource(ResourceArn=missing),
        lambda: apprunner.describe_auto_scaling_configuration(
            AutoScalingConfigurationArn=f"arn:aws:apprunner:{REGION}:{ACCOUNT}:autoscalingconfiguration/nope"
        ),
        lambda: apprunner.describe_vpc_connector(
            VpcConnectorArn=f"arn:aws:apprunner:{REGION}:{ACCOUNT}:vpcconnector/nope/1/{'0' * 32}"
        ),
    ):
        assert error_code(call) == "ResourceNotFoundException"


def test_references_to_missing_shared_resources_are_invalid_requests(apprunner: Any) -> None:
    prefix = f"arn:aws:apprunner:{REGION}:{ACCOUNT}"
    for settings in (
        {"AutoScalingConfigurationArn": f"{prefix}:autoscalingconfiguration/nope"},
        {
            "NetworkConfiguration": {
                "EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": f"{prefix}:vpcconnector/x/1/{'0' * 32}"}
            }
        },
        {"NetworkConfiguration": {"EgressConfiguration": {"EgressType": "VPC"}}},
        {
            "ObservabilityConfiguration": {
                "ObservabilityEnabled": True,
                "ObservabilityConfigurationArn": f"{prefix}:observabilityconfiguration/nope",
            }
        },
    ):
        assert error_code(lambda settings=settings: create_service(apprunner, **settings)) == "InvalidRequestException"
    assert apprunner.list_services()["ServiceSummaryList"] == []


def test_an_operation_the_backend_lacks_fails_at_once(emulator: EmulatorClient) -> None:
    with pytest.raises(ClientError) as raised:
        emulator.client("apprunner").list_connections()

    assert raised.value.response["Error"]["Code"] == "NotImplemented"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 0


def test_list_services_pages(apprunner: Any) -> None:
    for name in ("web-a", "web-b", "web-c"):
        create_service(apprunner, name)

    first = apprunner.list_services(MaxResults=2)
    second = apprunner.list_services(MaxResults=2, NextToken=first["NextToken"])

    names = [s["ServiceName"] for s in first["ServiceSummaryList"] + second["ServiceSummaryList"]]
    assert names == ["web-a", "web-b", "web-c"]
    assert "NextToken" not in second
    assert all(SERVICE_URL.match(s["ServiceUrl"]) for s in first["ServiceSummaryList"])


# Auto scaling configurations


def create_asc(apprunner: Any, name: str = "scaling", **settings: Any) -> dict[str, Any]:
    return apprunner.create_auto_scaling_configuration(AutoScalingConfigurationName=name, **settings)[
        "AutoScalingConfiguration"
    ]


def test_the_account_has_a_default_auto_scaling_configuration(apprunner: Any) -> None:
    [summary] = apprunner.list_auto_scaling_configurations()["AutoScalingConfigurationSummaryList"]

    default = apprunner.describe_auto_scaling_configuration(
        AutoScalingConfigurationArn=summary["AutoScalingConfigurationArn"]
    )["AutoScalingConfiguration"]
    assert asc_arn_pattern("DefaultConfiguration", 1).match(default["AutoScalingConfigurationArn"])
    assert (default["MinSize"], default["MaxSize"], default["MaxConcurrency"]) == (1, 25, 100)
    assert (default["IsDefault"], default["Latest"], default["Status"]) == (True, True, "ACTIVE")
    assert default["HasAssociatedService"] is False
    code = error_code(
        lambda: apprunner.delete_auto_scaling_configuration(
            AutoScalingConfigurationArn=default["AutoScalingConfigurationArn"]
        )
    )
    assert code == "InvalidRequestException"


def test_the_same_name_makes_numbered_revisions_and_only_the_newest_is_latest(apprunner: Any) -> None:
    first = create_asc(apprunner, MinSize=2, MaxSize=5, MaxConcurrency=50)
    second = create_asc(apprunner, MinSize=3, MaxSize=6)
    third = create_asc(apprunner)

    assert [c["AutoScalingConfigurationRevision"] for c in (first, second, third)] == [1, 2, 3]
    assert asc_arn_pattern("scaling", 2).match(second["AutoScalingConfigurationArn"])
    assert (third["MinSize"], third["MaxSize"], third["MaxConcurrency"]) == (1, 25, 100)
    described = [
        apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=c["AutoScalingConfigurationArn"])[
            "AutoScalingConfiguration"
        ]
        for c in (first, second, third)
    ]
    assert [c["Latest"] for c in described] == [False, False, True]
    name_arn = first["AutoScalingConfigurationArn"].rsplit("/", 2)[0]
    by_name = apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=name_arn)
    assert by_name["AutoScalingConfiguration"]["AutoScalingConfigurationRevision"] == 3
    by_revision = apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=f"{name_arn}/1")
    assert by_revision["AutoScalingConfiguration"]["MaxConcurrency"] == 50
    listed = apprunner.list_auto_scaling_configurations(AutoScalingConfigurationName="scaling", LatestOnly=False)
    assert [s["AutoScalingConfigurationRevision"] for s in listed["AutoScalingConfigurationSummaryList"]] == [3, 2, 1]
    latest = apprunner.list_auto_scaling_configurations(AutoScalingConfigurationName="scaling")
    assert [s["AutoScalingConfigurationRevision"] for s in latest["AutoScalingConfigurationSummaryList"]] == [3]


def test_deleting_a_revision_makes_it_inactive_and_the_previous_one_latest(apprunner: Any) -> None:
    first = create_asc(apprunner)
    second = create_asc(apprunner)

    deleted = apprunner.delete_auto_scaling_configuration(
        AutoScalingConfigurationArn=second["AutoScalingConfigurationArn"]
    )["AutoScalingConfiguration"]

    assert deleted["Status"] == "INACTIVE" and "DeletedAt" in deleted
    described = apprunner.describe_auto_scaling_configuration(
        AutoScalingConfigurationArn=first["AutoScalingConfigurationArn"]
    )["AutoScalingConfiguration"]
    assert described["Latest"] is True
    assert create_asc(apprunner)["AutoScalingConfigurationRevision"] == 3
    name_arn = first["AutoScalingConfigurationArn"].rsplit("/", 2)[0]
    apprunner.delete_auto_scaling_configuration(AutoScalingConfigurationArn=name_arn, DeleteAllRevisions=True)
    assert (
        apprunner.list_auto_scaling_configurations(AutoScalingConfigurationName="scaling", LatestOnly=False)[
            "AutoScalingConfigurationSummaryList"
        ]
        == []
    )
    code = error_code(
        lambda: apprunner.delete_auto_scaling_configuration(
            AutoScalingConfigurationArn=first["AutoScalingConfigurationArn"], DeleteAllRevisions=True
        )
    )
    assert code == "InvalidRequestException"


def test_a_name_has_at_most_five_active_revisions(apprunner: Any) -> None:
    revisions = [create_asc(apprunner) for _ in range(5)]

    assert error_code(lambda: create_asc(apprunner)) == "ServiceQuotaExceededException"

    apprunner.delete_auto_scaling_configuration(AutoScalingConfigurationArn=revisions[0]["AutoScalingConfigurationArn"])
    assert create_asc(apprunner)["AutoScalingConfigurationRevision"] == 6


def test_an_account_has_at_most_ten_auto_scaling_configuration_names(apprunner: Any) -> None:
    for index in range(10):
        create_asc(apprunner, f"scaling-{index}")

    assert error_code(lambda: create_asc(apprunner, "scaling-10")) == "ServiceQuotaExceededException"
    # New revisions of an existing name are still allowed; App Runner's own default doesn't count.
    assert create_asc(apprunner, "scaling-0")["AutoScalingConfigurationRevision"] == 2


BAD_AUTO_SCALING_SETTINGS = ({"MinSize": 5, "MaxSize": 2}, {"MinSize": 26}, {"MaxSize": 26}, {"MaxConcurrency": 201})


def test_auto_scaling_limits_are_enforced(apprunner: Any) -> None:
    for settings in BAD_AUTO_SCALING_SETTINGS:
        assert error_code(lambda settings=settings: create_asc(apprunner, **settings)) == "InvalidRequestException"
    assert (
        apprunner.list_auto_scaling_configurations(AutoScalingConfigurationName="scaling")[
            "AutoScalingConfigurationSummaryList"
        ]
        == []
    )


def test_a_service_uses_the_named_revision_and_keeps_it_from_deletion(apprunner: Any) -> None:
    first = create_asc(apprunner, MinSize=2)
    create_asc(apprunner, MinSize=3)
    name_arn = first["AutoScalingConfigurationArn"].rsplit("/", 2)[0]

    arn, _ = create_service(apprunner, AutoScalingConfigurationArn=name_arn)

    summary = describe(apprunner, arn)["AutoScalingConfigurationSummary"]
    assert summary["AutoScalingConfigurationRevision"] == 2
    assert summary["HasAssociatedService"] is True
    assert apprunner.list_services_for_auto_scaling_configuration(
        AutoScalingConfigurationArn=summary["AutoScalingConfigurationArn"]
    )["ServiceArnList"] == [arn]
    code = error_code(
        lambda: apprunner.delete_auto_scaling_configuration(
            AutoScalingConfigurationArn=summary["AutoScalingConfigurationArn"]
        )
    )
    assert code == "InvalidRequestException"

    apprunner.update_service(ServiceArn=arn, AutoScalingConfigurationArn=first["AutoScalingConfigurationArn"])
    assert describe(apprunner, arn)["AutoScalingConfigurationSummary"]["AutoScalingConfigurationRevision"] == 1
    apprunner.delete_auto_scaling_configuration(AutoScalingConfigurationArn=summary["AutoScalingConfigurationArn"])


def test_a_new_default_configuration_applies_to_new_services(apprunner: Any) -> None:
    custom = create_asc(apprunner, "frugal", MaxSize=2)

    updated = apprunner.update_default_auto_scaling_configuration(
        AutoScalingConfigurationArn=custom["AutoScalingConfigurationArn"]
    )["AutoScalingConfiguration"]
    arn, _ = create_service(apprunner)

    assert updated["IsDefault"] is True
    assert describe(apprunner, arn)["AutoScalingConfigurationSummary"]["AutoScalingConfigurationName"] == "frugal"
    defaults = [
        s for s in apprunner.list_auto_scaling_configurations()["AutoScalingConfigurationSummaryList"] if s["IsDefault"]
    ]
    assert [s["AutoScalingConfigurationName"] for s in defaults] == ["frugal"]


# VPC connectors and observability configurations


def create_connector(apprunner: Any, name: str = "egress", **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("Subnets", ["subnet-0a1b2c3d", "subnet-4e5f6a7b"])
    return apprunner.create_vpc_connector(VpcConnectorName=name, **kwargs)["VpcConnector"]


def test_vpc_connectors_have_one_active_revision_per_name(apprunner: Any) -> None:
    connector = create_connector(apprunner, SecurityGroups=["sg-0123456789abcdef0"])

    assert re.match(
        rf"^arn:aws:apprunner:{REGION}:{ACCOUNT}:vpcconnector/egress/1/[0-9a-f]{{32}}$", connector["VpcConnectorArn"]
    )
    assert (connector["Subnets"], connector["SecurityGroups"]) == (
        ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
        ["sg-0123456789abcdef0"],
    )
    assert connector["Status"] == "ACTIVE"
    assert error_code(lambda: create_connector(apprunner)) == "InvalidRequestException"

    deleted = apprunner.delete_vpc_connector(VpcConnectorArn=connector["VpcConnectorArn"])["VpcConnector"]
    assert deleted["Status"] == "INACTIVE" and "DeletedAt" in deleted
    replacement = create_connector(apprunner, Subnets=["subnet-99999999"])
    assert replacement["VpcConnectorRevision"] == 2
    statuses = {c["VpcConnectorRevision"]: c["Status"] for c in apprunner.list_vpc_connectors()["VpcConnectors"]}
    assert statuses == {1: "INACTIVE", 2: "ACTIVE"}


def test_a_connector_in_use_cannot_be_deleted_until_the_service_moves(apprunner: Any) -> None:
    old = create_connector(apprunner, "egress-a")
    new = create_connector(apprunner, "egress-b")
    arn, _ = create_service(
        apprunner,
        NetworkConfiguration={"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": old["VpcConnectorArn"]}},
    )
    assert describe(apprunner, arn)["NetworkConfiguration"]["EgressConfiguration"] == {
        "EgressType": "VPC",
        "VpcConnectorArn": old["VpcConnectorArn"],
    }
    code = error_code(lambda: apprunner.delete_vpc_connector(VpcConnectorArn=old["VpcConnectorArn"]))
    assert code == "InvalidRequestException"

    apprunner.update_service(
        ServiceArn=arn,
        NetworkConfiguration={"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": new["VpcConnectorArn"]}},
    )
    describe(apprunner, arn)
    apprunner.delete_vpc_connector(VpcConnectorArn=old["VpcConnectorArn"])

    described = apprunner.describe_vpc_connector(VpcConnectorArn=old["VpcConnectorArn"])["VpcConnector"]
    assert described["Status"] == "INACTIVE"
    assert (
        error_code(
            lambda: apprunner.update_service(
                ServiceArn=arn,
                NetworkConfiguration={
                    "EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": old["VpcConnectorArn"]}
                },
            )
        )
        == "InvalidRequestException"
    )


def test_observability_configurations_revise_and_attach_to_services(apprunner: Any) -> None:
    first = apprunner.create_observability_configuration(
        ObservabilityConfigurationName="tracing", TraceConfiguration={"Vendor": "AWSXRAY"}
    )["ObservabilityConfiguration"]
    second = apprunner.create_observability_configuration(ObservabilityConfigurationName="tracing")[
        "ObservabilityConfiguration"
    ]
    assert (first["ObservabilityConfigurationRevision"], second["ObservabilityConfigurationRevision"]) == (1, 2)
    assert first["TraceConfiguration"] == {"Vendor": "AWSXRAY"}
    assert "TraceConfiguration" not in second
    code = error_code(
        lambda: apprunner.create_observability_configuration(ObservabilityConfigurationName="DefaultConfiguration")
    )
    assert code == "InvalidRequestException"

    arn, _ = create_service(
        apprunner,
        ObservabilityConfiguration={
            "ObservabilityEnabled": True,
            "ObservabilityConfigurationArn": first["ObservabilityConfigurationArn"],
        },
    )
    assert describe(apprunner, arn)["ObservabilityConfiguration"] == {
        "ObservabilityEnabled": True,
        "ObservabilityConfigurationArn": first["ObservabilityConfigurationArn"],
    }
    code = error_code(
        lambda: apprunner.delete_observability_configuration(
            ObservabilityConfigurationArn=first["ObservabilityConfigurationArn"]
        )
    )
    assert code == "InvalidRequestException"
    deleted = apprunner.delete_observability_configuration(
        ObservabilityConfigurationArn=second["ObservabilityConfigurationArn"]
    )["ObservabilityConfiguration"]
    assert deleted["Status"] == "INACTIVE"
    [summary] = apprunner.list_observability_configurations()["ObservabilityConfigurationSummaryList"]
    assert summary["ObservabilityConfigurationRevision"] == 1


# Tags


def test_tags_given_at_creation_and_changed_later_on_every_kind(apprunner: Any) -> None:
    tags = [{"Key": "team", "Value": "web"}]
    arns = [
        create_service(apprunner, Tags=tags)[0],
        create_asc(apprunner, Tags=tags)["AutoScalingConfigurationArn"],
        create_connector(apprunner, Tags=tags)["VpcConnectorArn"],
        apprunner.create_observability_configuration(ObservabilityConfigurationName="tracing", Tags=tags)[
            "ObservabilityConfiguration"
        ]["ObservabilityConfigurationArn"],
    ]

    for arn in arns:
        assert apprunner.list_tags_for_resource(ResourceArn=arn)["Tags"] == tags
        apprunner.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "api"}, {"Key": "env", "Value": "dev"}])
        apprunner.untag_resource(ResourceArn=arn, TagKeys=["env"])
        assert apprunner.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "api"}]
    code = error_code(lambda: apprunner.tag_resource(ResourceArn=arns[0], Tags=[{"Key": "aws:owner", "Value": "x"}]))
    assert code == "InvalidRequestException"


# Failed deployments


def test_a_failed_creation_ends_create_failed(emulator: EmulatorClient, apprunner: Any) -> None:
    emulator.fail_next_deployment(NEW_IMAGE)

    arn, operation_id = create_service(apprunner, SourceConfiguration=image_source(NEW_IMAGE))

    assert describe(apprunner, arn)["Status"] == "CREATE_FAILED"
    [operation] = operations(apprunner, arn)
    assert (operation["Id"], operation["Type"], operation["Status"]) == (operation_id, "CREATE_SERVICE", "FAILED")
    assert [s["Status"] for s in apprunner.list_services()["ServiceSummaryList"]] == ["CREATE_FAILED"]
    assert error_code(lambda: apprunner.pause_service(ServiceArn=arn)) == "InvalidStateException"
    # Only the next deployment fails.
    second, _ = create_service(apprunner, "web-2", SourceConfiguration=image_source(NEW_IMAGE))
    assert describe(apprunner, second)["Status"] == "RUNNING"


def test_a_failed_update_rolls_back_to_the_previous_image(
    slow: EmulatorClient, apprunner: Any, emulator: EmulatorClient
) -> None:
    emulator.configure(provisioning_delays={"apprunner": 0})
    arn, _ = create_service(apprunner)
    describe(apprunner, arn)
    emulator.configure(provisioning_delays={"apprunner": DELAY})
    emulator.fail_next_deployment(NEW_IMAGE)

    response = apprunner.update_service(ServiceArn=arn, SourceConfiguration=image_source(NEW_IMAGE))

    assert response["Service"]["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"] == NEW_IMAGE
    assert operations(apprunner, arn)[0]["Status"] == "IN_PROGRESS"
    # The rollback takes the second half of the operation's time.
    emulator.advance_clock(DELAY / 2)
    wait_for(lambda: operations(apprunner, arn)[0]["Status"], "ROLLBACK_IN_PROGRESS")
    assert describe(apprunner, arn)["Status"] == "OPERATION_IN_PROGRESS"
    emulator.advance_clock(DELAY / 2)
    wait_for(lambda: operations(apprunner, arn)[0]["Status"], "ROLLBACK_SUCCEEDED")
    latest = operations(apprunner, arn)[0]
    assert (latest["Id"], latest["Type"]) == (response["OperationId"], "UPDATE_SERVICE")
    service = describe(apprunner, arn)
    assert service["Status"] == "RUNNING"
    assert service["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"] == IMAGE


def test_a_failed_deployment_of_the_current_image_rolls_back(emulator: EmulatorClient, apprunner: Any) -> None:
    arn, _ = create_service(apprunner)
    emulator.fail_next_deployment(IMAGE)

    operation_id = apprunner.start_deployment(ServiceArn=arn)["OperationId"]

    latest = operations(apprunner, arn)[0]
    assert (latest["Id"], latest["Type"], latest["Status"]) == (operation_id, "START_DEPLOYMENT", "ROLLBACK_SUCCEEDED")
    service = describe(apprunner, arn)
    assert service["Status"] == "RUNNING"
    assert service["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"] == IMAGE


@pytest.mark.parametrize(
    "body",
    [{}, {"image_identifier": ""}, {"image_identifier": IMAGE, "region": "mars-1"}, {"image": IMAGE}],
    ids=["empty", "blank-image", "unknown-region", "unknown-field"],
)
def test_the_failure_control_rejects_bad_bodies(emulator: EmulatorClient, body: dict[str, Any]) -> None:
    request = urllib.request.Request(
        f"{emulator.endpoint}/_appstack/apprunner/fail-next-deployment",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=10)
    assert raised.value.code == 400
    assert json.loads(raised.value.read())["error"]


# Account-wide controls, reset and the request log


def test_a_blocked_account_gets_access_denied_on_every_call(emulator: EmulatorClient, apprunner: Any) -> None:
    arn, _ = create_service(apprunner)

    config = emulator.configure(apprunner_account_blocked=True)

    assert config["apprunner_account_blocked"] is True
    for call in (
        apprunner.list_services,
        lambda: apprunner.describe_service(ServiceArn=arn),
        lambda: create_asc(apprunner),
    ):
        with pytest.raises(ClientError) as raised:
            call()
        assert raised.value.response["Error"]["Code"] == "AccessDeniedException"
        assert "no longer open to new customers" in raised.value.response["Error"]["Message"]
    with pytest.raises(EmulatorError, match="HTTP 400"):
        emulator.configure(apprunner_account_blocked="yes")

    emulator.configure(apprunner_account_blocked=False)
    assert describe(apprunner, arn)["Status"] == "RUNNING"
    assert emulator.config()["apprunner_account_blocked"] is False


def test_reset_forgets_everything_and_unblocks_the_account(emulator: EmulatorClient, apprunner: Any) -> None:
    create_service(apprunner)
    create_asc(apprunner)
    create_connector(apprunner)
    emulator.fail_next_deployment(IMAGE)
    emulator.configure(apprunner_account_blocked=True)

    emulator.reset()

    assert apprunner.list_services()["ServiceSummaryList"] == []
    assert apprunner.list_vpc_connectors()["VpcConnectors"] == []
    names = [
        s["AutoScalingConfigurationName"]
        for s in apprunner.list_auto_scaling_configurations()["AutoScalingConfigurationSummaryList"]
    ]
    assert names == ["DefaultConfiguration"]
    arn, _ = create_service(apprunner)
    assert describe(apprunner, arn)["Status"] == "RUNNING"


def test_the_request_log_names_app_runner_operations_and_what_mutates(emulator: EmulatorClient, apprunner: Any) -> None:
    arn, _ = create_service(apprunner)
    apprunner.pause_service(ServiceArn=arn)
    apprunner.resume_service(ServiceArn=arn)
    apprunner.start_deployment(ServiceArn=arn)
    apprunner.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "b"}])
    apprunner.untag_resource(ResourceArn=arn, TagKeys=["a"])
    asc_arn = create_asc(apprunner)["AutoScalingConfigurationArn"]
    apprunner.update_default_auto_scaling_configuration(AutoScalingConfigurationArn=asc_arn)
    apprunner.list_operations(ServiceArn=arn)
    apprunner.describe_service(ServiceArn=arn)

    calls = [(c["operation"], c["mutating"]) for c in emulator.requests()["calls"] if c["service"] == "apprunner"]
    assert calls == [
        ("CreateService", True),
        ("PauseService", True),
        ("ResumeService", True),
        ("StartDeployment", True),
        ("TagResource", True),
        ("UntagResource", True),
        ("CreateAutoScalingConfiguration", True),
        ("UpdateDefaultAutoScalingConfiguration", True),
        ("ListOperations", False),
        ("DescribeService", False),
    ]
