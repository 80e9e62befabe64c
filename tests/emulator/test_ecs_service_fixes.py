"""ECS services: the emulator keeps what CreateService and UpdateService are given, and rolls deployments out.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ecs_services.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60

CLUSTER = "app-dev"
FAMILY = "app-api-dev"


def prerequisites(emulator: EmulatorClient) -> dict:
    """A cluster, two task definition revisions and an awsvpc network configuration."""
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc_id)["GroupId"]
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    for image in ("app:1", "app:2"):
        ecs.register_task_definition(
            family=FAMILY,
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="256",
            memory="512",
            containerDefinitions=[{"name": "api", "image": image, "portMappings": [{"containerPort": 8000}]}],
        )
    return {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group], "assignPublicIp": "DISABLED"}}


def create_service(emulator: EmulatorClient, network: dict, **settings: object) -> dict:
    arguments = {"launchType": "FARGATE", **settings}
    return emulator.client("ecs").create_service(
        cluster=CLUSTER,
        serviceName="api",
        taskDefinition=f"{FAMILY}:1",
        desiredCount=1,
        networkConfiguration=network,
        **arguments,
    )["service"]


def describe(emulator: EmulatorClient) -> dict:
    return emulator.client("ecs").describe_services(cluster=CLUSTER, services=["api"])["services"][0]


def test_create_service_keeps_the_deployment_settings(emulator: EmulatorClient) -> None:
    """AWS CreateService keeps deploymentConfiguration, healthCheckGracePeriodSeconds and enableExecuteCommand;
    a Fargate service without a platform version runs on LATEST.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    """
    network = prerequisites(emulator)
    deployment = {
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
        "minimumHealthyPercent": 100,
        "maximumPercent": 200,
        "strategy": "BLUE_GREEN",
        "bakeTimeInMinutes": 5,
    }
    create_service(emulator, network, deploymentConfiguration=deployment, healthCheckGracePeriodSeconds=60)

    service = describe(emulator)
    assert service["deploymentConfiguration"] == deployment
    assert service["healthCheckGracePeriodSeconds"] == 60
    assert service["enableExecuteCommand"] is False
    assert service["enableECSManagedTags"] is False
    assert service["platformVersion"] == "LATEST"
    assert "capacityProviderStrategy" not in service


def test_a_service_without_deployment_configuration_gets_the_defaults(emulator: EmulatorClient) -> None:
    """AWS DeploymentConfiguration: maximumPercent 200 and minimumHealthyPercent 100 for a replica service; the
    circuit breaker is off unless enabled.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html
    """
    create_service(emulator, prerequisites(emulator))

    assert describe(emulator)["deploymentConfiguration"] == {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    }


def test_launch_type_and_capacity_provider_strategy_together_are_refused(emulator: EmulatorClient) -> None:
    """AWS CreateService, launchType: with a capacity provider strategy, the launch type must be omitted.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    """
    network = prerequisites(emulator)
    with pytest.raises(ClientError) as raised:
        create_service(emulator, network, capacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1}])
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"

    strategy = [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]
    emulator.client("ecs").create_service(
        cluster=CLUSTER,
        serviceName="api",
        taskDefinition=f"{FAMILY}:1",
        desiredCount=1,
        networkConfiguration=network,
        capacityProviderStrategy=strategy,
    )
    service = describe(emulator)
    assert service["capacityProviderStrategy"] == strategy
    assert "launchType" not in service


def test_a_deployment_is_in_progress_for_the_delay_then_completed(emulator: EmulatorClient) -> None:
    """AWS Deployment.rolloutState: IN_PROGRESS while the deployment rolls out, then COMPLETED.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html
    """
    emulator.configure(provisioning_delays={"ecs_deployment": DELAY})
    create_service(emulator, prerequisites(emulator))

    (deployment,) = describe(emulator)["deployments"]
    assert (deployment["status"], deployment["rolloutState"]) == ("PRIMARY", "IN_PROGRESS")
    emulator.advance_clock(DELAY)
    service = describe(emulator)
    (deployment,) = service["deployments"]
    assert (deployment["rolloutState"], deployment["runningCount"], service["runningCount"]) == ("COMPLETED", 1, 1)


def test_a_new_task_definition_starts_a_deployment_that_replaces_the_old_one(emulator: EmulatorClient) -> None:
    """AWS UpdateService: a new task definition starts a new deployment (PRIMARY), the old one is ACTIVE until
    the new one completes; the service reports the task definition by ARN.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
    """
    network = prerequisites(emulator)
    create_service(emulator, network)
    emulator.configure(provisioning_delays={"ecs_deployment": DELAY})

    service = emulator.client("ecs").update_service(cluster=CLUSTER, service="api", taskDefinition=f"{FAMILY}:2")[
        "service"
    ]

    assert service["taskDefinition"].endswith(f":task-definition/{FAMILY}:2")
    assert [(d["status"], d["rolloutState"], d["taskDefinition"][-1]) for d in service["deployments"]] == [
        ("PRIMARY", "IN_PROGRESS", "2"),
        ("ACTIVE", "COMPLETED", "1"),
    ]
    emulator.advance_clock(DELAY)
    assert [(d["status"], d["rolloutState"]) for d in describe(emulator)["deployments"]] == [("PRIMARY", "COMPLETED")]


def test_update_service_changes_the_settings_given_without_a_deployment(emulator: EmulatorClient) -> None:
    """AWS UpdateService: the grace period and the deployment configuration change without a new deployment
    ("This parameter doesn't trigger a new service deployment"); members left out keep their values.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
    """
    network = prerequisites(emulator)
    create_service(
        emulator,
        network,
        healthCheckGracePeriodSeconds=60,
        deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True}},
    )
    before = describe(emulator)["deployments"]

    emulator.client("ecs").update_service(
        cluster=CLUSTER,
        service="api",
        healthCheckGracePeriodSeconds=120,
        deploymentConfiguration={"minimumHealthyPercent": 50},
    )

    service = describe(emulator)
    assert service["healthCheckGracePeriodSeconds"] == 120
    assert service["deploymentConfiguration"] == {
        "deploymentCircuitBreaker": {"enable": True, "rollback": True},
        "maximumPercent": 200,
        "minimumHealthyPercent": 50,
    }
    assert [d["id"] for d in service["deployments"]] == [d["id"] for d in before]
