"""ECS task definitions: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ecs_task_definitions.py``) or pins down moto
behaviour that appstack.aws.ecs_task_definition relies on.
"""

from __future__ import annotations

import datetime

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

FAMILY = "shop-api-test"
CONTAINER = {
    "name": "api",
    "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:v1",
    "portMappings": [{"containerPort": 8000}],
    "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8000/api/health || exit 1"], "interval": 10},
}


def register(emulator: EmulatorClient, **extra: object) -> dict:
    return emulator.client("ecs").register_task_definition(
        family=FAMILY,
        containerDefinitions=[CONTAINER],
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        **extra,
    )["taskDefinition"]


def test_register_fills_port_mapping_and_health_check_defaults(emulator: EmulatorClient) -> None:
    """PortMapping: protocol defaults to tcp; under awsvpc hostPort is containerPort.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
    HealthCheck: interval 30, timeout 5, retries 3 by default.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    """
    register(emulator)
    container = emulator.client("ecs").describe_task_definition(taskDefinition=FAMILY)["taskDefinition"][
        "containerDefinitions"
    ][0]

    assert container["portMappings"] == [{"containerPort": 8000, "hostPort": 8000, "protocol": "tcp"}]
    assert container["healthCheck"] == {**CONTAINER["healthCheck"], "timeout": 5, "retries": 3}
    assert container["essential"] is True and container["cpu"] == 0


def test_bridge_mode_keeps_an_unset_host_port_unset(emulator: EmulatorClient) -> None:
    """PortMapping: only awsvpc and host tie hostPort to containerPort (bridge picks a dynamic port).
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
    """
    emulator.client("ecs").register_task_definition(
        family=FAMILY, containerDefinitions=[{**CONTAINER, "memory": 512}], networkMode="bridge"
    )
    container = emulator.client("ecs").describe_task_definition(taskDefinition=FAMILY)["taskDefinition"][
        "containerDefinitions"
    ][0]

    assert container["portMappings"] == [{"containerPort": 8000, "protocol": "tcp"}]


def test_registration_and_deregistration_are_timestamped(emulator: EmulatorClient) -> None:
    """TaskDefinition: registeredAt, registeredBy, and deregisteredAt once deregistered.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
    """
    registered = register(emulator)
    assert isinstance(registered["registeredAt"], datetime.datetime)
    assert registered["registeredBy"] == "arn:aws:iam::123456789012:root"
    assert "deregisteredAt" not in registered

    deregistered = emulator.client("ecs").deregister_task_definition(taskDefinition=f"{FAMILY}:1")["taskDefinition"]
    assert deregistered["status"] == "INACTIVE"
    assert isinstance(deregistered["deregisteredAt"], datetime.datetime)


def test_describe_by_family_is_the_latest_active_revision(emulator: EmulatorClient) -> None:
    """DescribeTaskDefinition with a family only describes the latest ACTIVE revision; none is ClientException.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html
    """
    ecs = emulator.client("ecs")
    register(emulator)
    register(emulator)
    ecs.deregister_task_definition(taskDefinition=f"{FAMILY}:2")

    assert ecs.describe_task_definition(taskDefinition=FAMILY)["taskDefinition"]["revision"] == 1
    assert ecs.describe_task_definition(taskDefinition=f"{FAMILY}:2")["taskDefinition"]["status"] == "INACTIVE"

    ecs.deregister_task_definition(taskDefinition=f"{FAMILY}:1")
    with pytest.raises(ClientError) as raised:
        ecs.describe_task_definition(taskDefinition=FAMILY)
    assert raised.value.response["Error"]["Code"] == "ClientException"
    assert register(emulator)["revision"] == 3


def test_describe_includes_the_tags_of_the_revision(emulator: EmulatorClient) -> None:
    """DescribeTaskDefinition include=TAGS returns the revision's tags; TagResource tags one revision.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html
    """
    ecs = emulator.client("ecs")
    arn = register(emulator, tags=[{"key": "Environment", "value": "test"}])["taskDefinitionArn"]
    ecs.tag_resource(resourceArn=arn, tags=[{"key": "Team", "value": "web"}])

    described = ecs.describe_task_definition(taskDefinition=FAMILY, include=["TAGS"])
    assert sorted((tag["key"], tag["value"]) for tag in described["tags"]) == [("Environment", "test"), ("Team", "web")]
    assert "tags" not in ecs.describe_task_definition(taskDefinition=FAMILY)
