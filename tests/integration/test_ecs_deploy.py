"""Deploys to an ECS Fargate service behind a load balancer, and the migrations that run before every deploy.

One account (an emulator of this module's own) holds a minimal ECS environment, built with the collection's modules:
a cluster, a log group, a target group behind an HTTP load balancer, an execution role, the service's task
definition and the service on the first image; and an outputs file shaped like outputs/dev.json, which the deploy
reads. The deploys run playbooks/deploy_backend.yml on the dev inventory with appstack_compute=ecs_fargate, in order:
each starts from what the one before left, as a team's deploys do. The emulator answers the smoke checks at the load
balancer's address, as the revision the service runs. A last account holds an App Runner environment's migration.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess

from .conftest import DEPLOY, push_image
from .playbook import DEFAULT_STRATEGY, run_playbook, run_tasks
from .secrets_reads import mutating

DEV = "inventories/dev"
README = Path(__file__).resolve().parents[2] / "roles" / "deploy_backend" / "README.md"
ACCOUNT = "123456789012"
REPOSITORY = "smartscheduler-backend"
IMAGE_URI = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{REPOSITORY}"
CLUSTER = "smartscheduler-dev"
SERVICE = "smartscheduler-api-dev"
FAMILY = "smartscheduler-api-dev"
LOG_GROUP = "/ecs/smartscheduler-api-dev"
BALANCER = "smartscheduler-dev"
TARGET_GROUP = "smartscheduler-dev-api"
PORT = 8080
FIRST_TAG = "1f0c2ab"
MIGRATION = ["alembic", "upgrade", "head"]
SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:smartscheduler/app/dev/jwt-signing-key-AbCdEf"
DB_SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:smartscheduler/db/dev/credentials-AbCdEf"
FAILED_MIGRATION_LINES = [
    "INFO  [alembic.runtime.migration] Running upgrade 3f2a -> 9c1d, add bookings.room_id",
    'sqlalchemy.exc.ProgrammingError: column "room_id" of relation "bookings" already exists',
]


def network(emulator: EmulatorClient) -> dict:
    """The network tier's part the deploy uses: a VPC, two app and two public subnets, the app and ALB groups."""
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]

    def subnet(cidr: str, zone: str) -> str:
        return ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]

    def group(name: str) -> str:
        return ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc_id)["GroupId"]

    return {
        "vpc_id": vpc_id,
        "subnet_ids": {
            "app": [subnet("10.0.10.0/24", "us-east-1a"), subnet("10.0.11.0/24", "us-east-1b")],
            "public": [subnet("10.0.0.0/24", "us-east-1a"), subnet("10.0.1.0/24", "us-east-1b")],
        },
        "security_group_ids": {"app": group("smartscheduler-dev-app"), "alb": group("smartscheduler-dev-alb")},
    }


def execution_role(emulator: EmulatorClient) -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    return emulator.client("iam").create_role(
        RoleName="smartscheduler-dev-ecs-execution", AssumeRolePolicyDocument=json.dumps(trust)
    )["Role"]["Arn"]


def outputs_document(net: dict, role_arn: str, alb: dict, ecs: dict) -> dict:
    """What site.yml records in outputs/dev.json, as far as the deploy reads it."""
    return {
        "environment": "dev",
        "outputs": {
            "network": {"vpc_id": net["vpc_id"], **{k: net[k] for k in ("subnet_ids", "security_group_ids")}},
            "secrets": {"jwt_signing_key_arn": SECRET, "db_credentials_arn": DB_SECRET},
            "rds": {
                "env": {"DATABASE_HOST": "smartscheduler-dev.db", "DATABASE_PORT": 5432, "DATABASE_NAME": "app"},
                "password_secret_arn": DB_SECRET,
                "password_secret_key": "password",
            },
            "iam": {"ecs_execution_role_arn": role_arn, "ecs_task_role_arn": "", "ecs_infrastructure_role_arn": ""},
            "ecr": {"repository_name": REPOSITORY, "repository_uri": IMAGE_URI},
            "alb": alb,
            "ecs": ecs,
        },
    }


def container(image: str) -> dict:
    return {
        "name": "api",
        "image": image,
        "essential": True,
        "portMappings": [{"containerPort": PORT}],
        "environment": [{"name": "ASPNETCORE_ENVIRONMENT", "value": "Development"}],
        "secrets": [{"name": "JWT_SECRET", "valueFrom": SECRET}],
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {"awslogs-group": LOG_GROUP, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api"},
        },
    }


def build_ecs_environment(emulator: EmulatorClient, directory: Path) -> dict:
    """The ECS environment of dev on its first image, built with the collection's modules, and its outputs file."""
    net = network(emulator)
    role_arn = execution_role(emulator)
    setup = [
        {"name": "Create the repository", "appstack.aws.ecr_repository": {"name": REPOSITORY}},
        {"name": "Create the log group", "appstack.aws.cloudwatchlogs_log_group": {"log_group_name": LOG_GROUP}},
        {"name": "Create the cluster", "appstack.aws.ecs_cluster": {"name": CLUSTER}},
        {
            "name": "Create the target group",
            "appstack.aws.elbv2_target_group": {
                "name": TARGET_GROUP,
                "target_type": "ip",
                "protocol": "HTTP",
                "port": PORT,
                "vpc_id": net["vpc_id"],
                "health_check": {"path": "/health"},
            },
        },
        {
            "name": "Create the load balancer with an HTTP listener",
            "appstack.aws.elbv2_load_balancer": {
                "name": BALANCER,
                "subnets": net["subnet_ids"]["public"],
                "security_groups": [net["security_group_ids"]["alb"]],
                "listeners": [
                    {
                        "protocol": "HTTP",
                        "port": 80,
                        "default_action": {"type": "forward", "target_group_name": TARGET_GROUP},
                    }
                ],
            },
        },
    ]
    run = run_tasks(emulator.env, directory, "Build the load balancer and the cluster", setup)
    assert not run.failed, run.outcome()
    push_image(emulator, FIRST_TAG)
    elbv2 = emulator.client("elbv2")
    balancer = elbv2.describe_load_balancers(Names=[BALANCER])["LoadBalancers"][0]
    target_group_arn = elbv2.describe_target_groups(Names=[TARGET_GROUP])["TargetGroups"][0]["TargetGroupArn"]
    service = [
        {
            "name": "Register the task definition of the first image",
            "appstack.aws.ecs_task_definition": {
                "family": FAMILY,
                "cpu": "256",
                "memory": "512",
                "execution_role_arn": role_arn,
                "containers": [container(f"{IMAGE_URI}:{FIRST_TAG}")],
            },
        },
        {
            "name": "Create the service",
            "appstack.aws.ecs_service": {
                "name": SERVICE,
                "cluster": CLUSTER,
                "task_definition": f"{FAMILY}:1",
                "desired_count": 1,
                "launch_type": "FARGATE",
                "network_configuration": {
                    "subnets": net["subnet_ids"]["app"],
                    "security_groups": [net["security_group_ids"]["app"]],
                    "assign_public_ip": False,
                },
                "load_balancers": [
                    {"target_group_arn": target_group_arn, "container_name": "api", "container_port": PORT}
                ],
                "deployment_configuration": {
                    "minimum_healthy_percent": 100,
                    "maximum_percent": 200,
                    "circuit_breaker": {"enable": True, "rollback": True},
                },
                "wait": True,
            },
        },
    ]
    run = run_tasks(emulator.env, directory, "Build the service", service)
    assert not run.failed, run.outcome()
    found = current_service(emulator)
    alb = {
        "load_balancer_arn": balancer["LoadBalancerArn"],
        "load_balancer_name": BALANCER,
        "dns_name": balancer["DNSName"],
        "canonical_hosted_zone_id": balancer["CanonicalHostedZoneId"],
        "base_url": f"http://{balancer['DNSName']}",
        "https_listener_arn": "",
        "target_group_arn": target_group_arn,
        "target_group_name": TARGET_GROUP,
    }
    ecs = {
        "cluster_name": CLUSTER,
        "service_name": SERVICE,
        "service_arn": found["serviceArn"],
        "task_family": FAMILY,
        "task_definition_arn": found["taskDefinition"],
        "container_name": "api",
        "container_port": PORT,
        "log_group_name": LOG_GROUP,
        "execution_role_arn": role_arn,
        "task_role_arn": "",
        "subnet_ids": net["subnet_ids"]["app"],
        "security_group_ids": [net["security_group_ids"]["app"]],
    }
    outputs_dir = directory / "outputs"
    outputs_dir.mkdir()
    (outputs_dir / "dev.json").write_text(json.dumps(outputs_document(net, role_arn, alb, ecs), indent=2))
    return {"outputs_dir": outputs_dir, "dns_name": balancer["DNSName"], "net": net, "role_arn": role_arn}


def current_service(emulator: EmulatorClient) -> dict:
    return emulator.client("ecs").describe_services(cluster=CLUSTER, services=[SERVICE])["services"][0]


def running_revision(emulator: EmulatorClient) -> str:
    """family:revision of the task definition the service runs."""
    return current_service(emulator)["taskDefinition"].rsplit("/", 1)[-1]


def revisions(emulator: EmulatorClient, family: str = FAMILY) -> list[str]:
    arns = emulator.client("ecs").list_task_definitions(familyPrefix=family)["taskDefinitionArns"]
    return [arn.rsplit("/", 1)[-1] for arn in arns]


def image_of(emulator: EmulatorClient, revision: str) -> str:
    definition = emulator.client("ecs").describe_task_definition(taskDefinition=revision)["taskDefinition"]
    return definition["containerDefinitions"][0]["image"]


def summary_of(run) -> str:
    """The deploy's summary and notes (its debug messages), as one string."""
    return " ".join(str(result.get("msg", "")) for result in run.results("ansible.builtin.debug"))


@pytest.fixture(scope="module")
def ecs_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """An account of its own with dev's ECS environment on FIRST_TAG. Deployments and tasks end as soon as they are
    read (the emulator's tests cover their progress): a deploy's waits cost one poll each."""
    directory = tmp_path_factory.mktemp("ecs-deploy")
    with emulator_subprocess(directory / "emulator.log") as emulator:
        emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
        built = build_ecs_environment(emulator, directory)
        yield {"emulator": emulator, **built}


def deploy(env: dict, tag: str, check: bool = False, strategy: str | None = None, **more) -> tuple:
    """playbooks/deploy_backend.yml -e image_tag=tag on dev with ECS; (the run, the emulator's request log)."""
    emulator = env["emulator"]
    emulator.clear_requests()
    extra_vars = {
        "appstack_outputs_dir": str(env["outputs_dir"]),
        "appstack_compute": "ecs_fargate",
        "alb_http_only": True,
        "image_tag": tag,
        "deploy_backend_smoke_base_url": emulator.load_balancer_http_base(env["dns_name"]),
        "deploy_backend_smoke_timeout": 3,
        "deploy_backend_smoke_delay": 1,
        **more,
    }
    run = run_playbook(DEPLOY, DEV, emulator.env, check=check, extra_vars=extra_vars, strategy=strategy)
    requests = emulator.requests()
    env.setdefault("calls", []).extend(requests["calls"])
    return run, requests


class TestECSDeploys:
    """In order: each deploy starts from what the one before left."""

    def test_a_healthy_image_is_migrated_deployed_on_a_new_revision_and_checked_through_the_load_balancer(
        self, ecs_env
    ):
        emulator = ecs_env["emulator"]
        push_image(emulator, "2b7d9e4")

        run, requests = deploy(ecs_env, "2b7d9e4", deploy_migration_command=MIGRATION)

        assert not run.failed, run.outcome()
        assert running_revision(emulator) == f"{FAMILY}:2"
        assert image_of(emulator, f"{FAMILY}:2") == f"{IMAGE_URI}:2b7d9e4"
        summary = summary_of(run)
        assert "The migration alembic upgrade head exited with code 0" in summary
        assert f"Deployed {IMAGE_URI}:2b7d9e4 to {SERVICE}" in summary
        assert f"Before: {IMAGE_URI}:{FIRST_TAG} (revision {FAMILY}:1)" in summary
        assert "PASS /health: got 200" in summary and "PASS /ready: got 200" in summary
        # The migration ran with the new revision, in the service's subnets, before the service changed; then the
        # published outputs follow the new revision and image.
        calls = mutating(requests["calls"])
        assert [call for call in calls if not call.startswith("ssm:")] == [
            "ecs:RegisterTaskDefinition",
            "ecs:RunTask",
            "ecs:UpdateService",
        ]
        assert {call for call in calls if call.startswith("ssm:")} == {"ssm:PutParameter"}
        ecs = emulator.client("ecs")
        (task,) = ecs.list_tasks(cluster=CLUSTER, startedBy="deploy-2b7d9e4", desiredStatus="STOPPED")["taskArns"]
        described = ecs.describe_tasks(cluster=CLUSTER, tasks=[task])["tasks"][0]
        assert described["taskDefinitionArn"].endswith(f"/{FAMILY}:2")
        assert described["overrides"]["containerOverrides"][0] == {"name": "api", "command": MIGRATION}
        assert described["containers"][0]["exitCode"] == 0
        details = {item["name"]: item["value"] for item in described["attachments"][0]["details"]}
        assert details["subnetId"] in ecs_env["net"]["subnet_ids"]["app"]

    def test_the_new_revision_keeps_everything_but_the_image(self, ecs_env):
        emulator = ecs_env["emulator"]
        ecs = emulator.client("ecs")
        old, new = (ecs.describe_task_definition(taskDefinition=f"{FAMILY}:{n}")["taskDefinition"] for n in (1, 2))
        for key in ("cpu", "memory", "executionRoleArn", "networkMode", "requiresCompatibilities"):
            assert new[key] == old[key], key
        (old_api,), (new_api,) = old["containerDefinitions"], new["containerDefinitions"]
        assert {**new_api, "image": old_api["image"]} == old_api

    def test_the_same_tag_again_changes_nothing_and_runs_no_migration(self, ecs_env):
        run, requests = deploy(ecs_env, "2b7d9e4", deploy_migration_command=MIGRATION)

        assert not run.failed, run.outcome()
        assert run.changed == 0
        assert mutating(requests["calls"]) == []
        assert f"runs {IMAGE_URI}:2b7d9e4 already ({FAMILY}:2): nothing to deploy" in summary_of(run)
        assert revisions(ecs_env["emulator"]) == [f"{FAMILY}:1", f"{FAMILY}:2"]

    def test_an_unhealthy_image_is_rolled_back_to_the_previous_revision_and_the_play_fails_naming_the_checks(
        self, ecs_env
    ):
        emulator = ecs_env["emulator"]
        push_image(emulator, "3c1e0f7")
        emulator.set_image_answers(f"{IMAGE_URI}:3c1e0f7", {"/health": {"status": 500}})

        # The rescue that rolls back, under the default strategy, as a user's deploy runs it.
        run, requests = deploy(ecs_env, "3c1e0f7", strategy=DEFAULT_STRATEGY)

        assert run.failed
        message = run.failure_messages()
        assert f"The deploy of {IMAGE_URI}:3c1e0f7 to {SERVICE} failed: FAIL /health: got 500" in message
        assert (
            f"The service runs {IMAGE_URI}:2b7d9e4 again (revision {FAMILY}:2); its smoke checks: PASS /health"
            in message
        )
        assert running_revision(emulator) == f"{FAMILY}:2"
        assert mutating(requests["calls"]) == ["ecs:RegisterTaskDefinition", "ecs:UpdateService", "ecs:UpdateService"]

    def test_a_deployment_the_circuit_breaker_fails_is_reported_with_its_reason(self, ecs_env):
        emulator = ecs_env["emulator"]
        push_image(emulator, "5e3a2b9")
        emulator.fail_next_ecs_deployment(cluster=CLUSTER, service=SERVICE)

        run, requests = deploy(ecs_env, "5e3a2b9")

        assert run.failed
        message = run.failure_messages()
        assert f"The deploy of {IMAGE_URI}:5e3a2b9 to {SERVICE} failed:" in message
        assert "deployment failed: tasks failed to start" in message
        assert f"The service runs {IMAGE_URI}:2b7d9e4 again (revision {FAMILY}:2)" in message
        assert running_revision(emulator) == f"{FAMILY}:2"
        # ECS rolled back by itself: no second update.
        assert mutating(requests["calls"]) == ["ecs:RegisterTaskDefinition", "ecs:UpdateService"]

    def test_a_failed_migration_stops_the_deploy_before_the_service_changes(self, ecs_env):
        emulator = ecs_env["emulator"]
        push_image(emulator, "6a4b3c2")
        emulator.fail_next_ecs_task(3, FAILED_MIGRATION_LINES)

        run, requests = deploy(ecs_env, "6a4b3c2", deploy_migration_command=MIGRATION)

        assert run.failed
        message = run.failure_messages()
        assert f"The migration alembic upgrade head of {IMAGE_URI}:6a4b3c2 failed with exit code 3" in message
        assert f"{SERVICE} was not changed" in message
        for line in FAILED_MIGRATION_LINES:
            assert line in message
        assert running_revision(emulator) == f"{FAMILY}:2"
        calls = mutating(requests["calls"])
        assert "ecs:UpdateService" not in calls
        assert calls == ["ecs:RegisterTaskDefinition", "ecs:RunTask"]


@pytest.fixture
def apprunner_env(emulator: EmulatorClient, tmp_path: Path) -> dict:
    """An App Runner environment before its first deploy: the network, the image, the tasks-only cluster of the
    migrations, the ECS execution role, and its outputs file."""
    net = network(emulator)
    role_arn = execution_role(emulator)
    emulator.client("ecr").create_repository(repositoryName=REPOSITORY)
    emulator.client("ecs").create_cluster(clusterName=CLUSTER)
    push_image(emulator, FIRST_TAG)
    outputs_dir = tmp_path / "outputs"
    outputs_dir.mkdir()
    (outputs_dir / "dev.json").write_text(json.dumps(outputs_document(net, role_arn, None, None), indent=2))
    return {"emulator": emulator, "outputs_dir": outputs_dir, "net": net, "role_arn": role_arn}


def test_an_app_runner_environment_runs_its_migration_as_a_fargate_task_and_stops_on_failure(apprunner_env):
    emulator = apprunner_env["emulator"]
    emulator.fail_next_ecs_task(1, FAILED_MIGRATION_LINES)
    emulator.clear_requests()

    run = run_playbook(
        DEPLOY,
        DEV,
        emulator.env,
        extra_vars={
            "appstack_outputs_dir": str(apprunner_env["outputs_dir"]),
            "image_tag": FIRST_TAG,
            "deploy_migration_command": MIGRATION,
        },
    )

    assert run.failed
    message = run.failure_messages()
    assert f"The migration alembic upgrade head of {IMAGE_URI}:{FIRST_TAG} failed with exit code 1" in message
    assert FAILED_MIGRATION_LINES[1] in message
    calls = mutating(emulator.requests()["calls"])
    assert [call for call in calls if call.startswith("apprunner:")] == []
    ecs = emulator.client("ecs")
    definition = ecs.describe_task_definition(taskDefinition="smartscheduler-migrate-dev")["taskDefinition"]
    (migrate,) = definition["containerDefinitions"]
    assert migrate["image"] == f"{IMAGE_URI}:{FIRST_TAG}"
    assert definition["executionRoleArn"] == apprunner_env["role_arn"]
    # What the App Runner service gets: its environment and its secrets, as JSON-key references.
    environment = {item["name"]: item["value"] for item in migrate["environment"]}
    assert environment["DATABASE_HOST"] == "smartscheduler-dev.db"
    assert environment["ASPNETCORE_ENVIRONMENT"] == "Development"
    secrets = {item["name"]: item["valueFrom"] for item in migrate["secrets"]}
    assert secrets == {
        "DATABASE_USER": f"{DB_SECRET}:username::",
        "DATABASE_PASSWORD": f"{DB_SECRET}:password::",
        "JWT_SECRET": SECRET,
    }
    (task,) = ecs.list_tasks(cluster=CLUSTER, desiredStatus="STOPPED")["taskArns"]
    described = ecs.describe_tasks(cluster=CLUSTER, tasks=[task])["tasks"][0]
    network_config = described["attachments"][0]["details"]
    subnet = next(item["value"] for item in network_config if item["name"] == "subnetId")
    assert subnet in apprunner_env["net"]["subnet_ids"]["app"]


def listed_permissions() -> set[str]:
    text = README.read_text().split("<!-- BEGIN PERMISSIONS -->")[1]
    return set(re.findall(r"^- `([a-z0-9]+:[A-Za-z]+)`", text, re.MULTILINE))


def test_the_readme_lists_every_ecs_and_logs_permission_the_deploys_used(ecs_env):
    """After the ECS deploys above (the module's tests run in file order)."""
    used = {f"{c['service']}:{c['operation']}" for c in ecs_env.get("calls", []) if c["service"] in ("ecs", "logs")}
    assert used, "no deploy ran before this test"
    assert used <= listed_permissions(), used - listed_permissions()
