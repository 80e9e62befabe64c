"""dev on ECS Fargate (appstack_compute: ecs_fargate) without a certificate: alb_http_only, as dev and the emulator
run it. One account of its own: site.yml, the first deploy (which creates the task definition and the service), then
read back with boto3 and a re-run that must change nothing.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess

from .conftest import DEPLOY, FIRST_IMAGE_TAG, push_image
from .playbook import run_playbook
from .secrets_reads import mutating

DEV = "inventories/dev"
NAME = "smartscheduler-dev"
SERVICE = "smartscheduler-api-dev"
DEV_ECS_VARS = {"appstack_compute": "ecs_fargate", "alb_http_only": True}


@pytest.fixture(scope="module")
def dev_ecs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    directory = tmp_path_factory.mktemp("dev-ecs")
    with emulator_subprocess(directory / "emulator.log") as emulator:
        emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
        extra_vars = {"appstack_outputs_dir": str(directory / "outputs"), **DEV_ECS_VARS}
        run = run_playbook("site.yml", DEV, emulator.env, extra_vars=extra_vars)
        assert not run.failed, run.outcome()
        push_image(emulator, FIRST_IMAGE_TAG)
        dns_name = balancer(emulator)["DNSName"]
        deploy = run_playbook(
            DEPLOY,
            DEV,
            emulator.env,
            extra_vars={
                **extra_vars,
                "image_tag": FIRST_IMAGE_TAG,
                "deploy_backend_smoke_base_url": emulator.load_balancer_http_base(dns_name),
                "deploy_backend_smoke_timeout": 3,
                "deploy_backend_smoke_delay": 1,
            },
        )
        assert not deploy.failed, deploy.outcome()
        yield {"emulator": emulator, "extra_vars": extra_vars, "outputs_dir": Path(directory / "outputs")}


def balancer(emulator: EmulatorClient) -> dict:
    (found,) = emulator.client("elbv2").describe_load_balancers(Names=[NAME])["LoadBalancers"]
    return found


def test_dev_serves_http_alone_without_deletion_protection_or_access_logs(dev_ecs):
    emulator = dev_ecs["emulator"]
    elbv2 = emulator.client("elbv2")
    found = balancer(emulator)
    [listener] = elbv2.describe_listeners(LoadBalancerArn=found["LoadBalancerArn"])["Listeners"]
    assert (listener["Port"], listener["Protocol"]) == (80, "HTTP")
    [forward] = listener["DefaultActions"]
    (group,) = elbv2.describe_target_groups(Names=[SERVICE])["TargetGroups"]
    assert (forward["Type"], forward["TargetGroupArn"]) == ("forward", group["TargetGroupArn"])
    attributes = {
        item["Key"]: item["Value"]
        for item in elbv2.describe_load_balancer_attributes(LoadBalancerArn=found["LoadBalancerArn"])["Attributes"]
    }
    assert attributes["deletion_protection.enabled"] == "false"
    assert attributes["access_logs.s3.enabled"] == "false"
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"


def test_dev_runs_the_smallest_fargate_tasks_one_to_two_with_rolling_deployments(dev_ecs):
    emulator = dev_ecs["emulator"]
    ecs = emulator.client("ecs")
    (service,) = ecs.describe_services(cluster=NAME, services=[SERVICE])["services"]
    assert service["deploymentConfiguration"]["deploymentCircuitBreaker"] == {"enable": True, "rollback": True}
    assert service["deploymentConfiguration"].get("strategy", "ROLLING") == "ROLLING"
    assert "advancedConfiguration" not in service["loadBalancers"][0]
    definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    assert (definition["cpu"], definition["memory"]) == ("256", "512")
    env = {item["name"]: item["value"] for item in definition["containerDefinitions"][0]["environment"]}
    assert env["ASPNETCORE_ENVIRONMENT"] == "Development"
    secrets = {item["name"]: item["valueFrom"] for item in definition["containerDefinitions"][0]["secrets"]}
    # dev keeps its password in the credentials secret.
    outputs = (dev_ecs["outputs_dir"] / "dev.json").read_text()
    assert secrets["DATABASE_PASSWORD"].endswith(":password::")
    assert secrets["DATABASE_PASSWORD"].removesuffix(":password::") in outputs
    (target,) = emulator.client("application-autoscaling").describe_scalable_targets(
        ServiceNamespace="ecs", ResourceIds=[f"service/{NAME}/{SERVICE}"]
    )["ScalableTargets"]
    assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 2)


def test_the_distribution_reaches_the_load_balancer_over_http(dev_ecs):
    emulator = dev_ecs["emulator"]
    cloudfront = emulator.client("cloudfront")
    (summary,) = cloudfront.list_distributions()["DistributionList"]["Items"]
    config = cloudfront.get_distribution_config(Id=summary["Id"])["DistributionConfig"]
    [api] = [b for b in config["CacheBehaviors"]["Items"] if b["PathPattern"] == "/api/*"]
    [origin] = [o for o in config["Origins"]["Items"] if o["Id"] == api["TargetOriginId"]]
    assert origin["DomainName"] == balancer(emulator)["DNSName"]
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "http-only"


def test_a_second_run_changes_nothing(dev_ecs):
    emulator = dev_ecs["emulator"]
    emulator.clear_requests()
    run = run_playbook("site.yml", DEV, emulator.env, extra_vars=dev_ecs["extra_vars"])
    assert not run.failed, run.outcome()
    assert run.changed == 0, run.changed_resources()
    assert mutating(emulator.requests()["calls"]) == []
