"""appstack.aws.ecs_service and ecs_service_info against the emulator.

The account holds what an ECS service on Fargate needs (built with boto3): a VPC with two subnets and a security
group, an ALB with a target group and a listener, a cluster and two revisions of a task definition. The tests of
the class run in order on that account: check mode on the empty cluster, the create (circuit breaker with
rollback, 100/200, a grace period, awsvpc without a public IP, the target group; read back with boto3), a second
run, a new task definition waited for until its deployment is COMPLETED, a grace period change predicted in
check mode with a diff, and the deletion. The emulator's request log proves what check mode and a second run
promise: no mutating call.
"""

import pytest

from .playbook import mutating_calls, run_tasks

MODULE = "appstack.aws.ecs_service"
INFO = "appstack.aws.ecs_service_info"
CLUSTER = "shop-test"
SERVICE = "shop-api-test"
FAMILY = "shop-api-test"
TAGS = {"Application": "shop", "Environment": "test"}
# Seconds a deployment stays IN_PROGRESS in the emulator.
DEPLOYMENT_SECONDS = 2


def build_account(emulator):
    ec2, elbv2, ecs = (emulator.client(name) for name in ("ec2", "elbv2", "ecs"))
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for n, zone in ((1, "a"), (2, "b"))
    ]
    group = ec2.create_security_group(GroupName="shop-app", Description="app", VpcId=vpc_id)["GroupId"]
    alb = elbv2.create_load_balancer(Name="shop-test", Subnets=subnets, SecurityGroups=[group])["LoadBalancers"][0]
    target_group = elbv2.create_target_group(
        Name="shop-test-api", Protocol="HTTP", Port=8000, VpcId=vpc_id, TargetType="ip"
    )["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(
        LoadBalancerArn=alb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}],
    )
    ecs.create_cluster(clusterName=CLUSTER)
    for image in ("shop-api:1", "shop-api:2"):
        ecs.register_task_definition(
            family=FAMILY,
            requiresCompatibilities=["FARGATE"],
            networkMode="awsvpc",
            cpu="256",
            memory="512",
            containerDefinitions=[{"name": "api", "image": image, "portMappings": [{"containerPort": 8000}]}],
        )
    return {"subnets": subnets, "security_group": group, "target_group": target_group}


def service_args(account, revision=1, grace=60, **overrides):
    args = {
        "name": SERVICE,
        "cluster": CLUSTER,
        "task_definition": f"{FAMILY}:{revision}",
        "desired_count": 1,
        "keep_desired_count": True,
        "launch_type": "FARGATE",
        "network_configuration": {
            # Not in the order ECS keeps them: the module compares them as sets.
            "subnets": list(reversed(account["subnets"])),
            "security_groups": [account["security_group"]],
            "assign_public_ip": False,
        },
        "load_balancers": [
            {"target_group_arn": account["target_group"], "container_name": "api", "container_port": 8000}
        ],
        "deployment_configuration": {
            "minimum_healthy_percent": 100,
            "maximum_percent": 200,
            "circuit_breaker": {"enable": True, "rollback": True},
        },
        "health_check_grace_period_seconds": grace,
        "enable_execute_command": False,
        "propagate_tags": "SERVICE",
        "tags": TAGS,
    }
    return {**args, **overrides}


def run(emulator, account, args, check=False):
    emulator.clear_requests()
    tasks = [
        {"name": "Manage the service", MODULE: args, "register": "ecs_test__service"},
        {"name": "Read the service", INFO: {"cluster": CLUSTER, "names": [SERVICE]}, "register": "ecs_test__info"},
    ]
    return run_tasks(emulator.env, account["directory"], "Manage the API service", tasks, check=check)


def read_back(emulator):
    ecs = emulator.client("ecs")
    (service,) = ecs.describe_services(cluster=CLUSTER, services=[SERVICE], include=["TAGS"])["services"]
    return service


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(
        provisioning_delay_seconds=0, throttle_rate=0, provisioning_delays={"ecs_deployment": DEPLOYMENT_SECONDS}
    )
    return {"directory": tmp_path_factory.mktemp("ecs-service-playbooks"), **build_account(emulator_server)}


class TestEcsService:
    def test_check_mode_on_an_empty_cluster_predicts_the_service_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account, service_args(account), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, SERVICE)]
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("ecs").list_services(cluster=CLUSTER)["serviceArns"] == []
        predicted = result.results(MODULE)[0]["service"]
        assert predicted["deployment_configuration"]["deployment_circuit_breaker"] == {"enable": True, "rollback": True}
        assert predicted["health_check_grace_period_seconds"] == 60
        assert predicted["tags"] == TAGS

    def test_create_builds_the_service_with_every_setting(self, emulator_server, account):
        result = run(emulator_server, account, service_args(account))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, SERVICE)]
        assert mutating_calls(emulator_server) == ["ecs:CreateService"]
        service = read_back(emulator_server)
        assert service["taskDefinition"].endswith(f":task-definition/{FAMILY}:1")
        assert (service["launchType"], service["desiredCount"]) == ("FARGATE", 1)
        assert service["deploymentConfiguration"] == {
            "deploymentCircuitBreaker": {"enable": True, "rollback": True},
            "minimumHealthyPercent": 100,
            "maximumPercent": 200,
        }
        assert service["healthCheckGracePeriodSeconds"] == 60
        vpc = service["networkConfiguration"]["awsvpcConfiguration"]
        assert sorted(vpc["subnets"]) == sorted(account["subnets"])
        assert vpc["securityGroups"] == [account["security_group"]]
        assert vpc["assignPublicIp"] == "DISABLED"
        assert service["loadBalancers"] == [
            {"targetGroupArn": account["target_group"], "containerName": "api", "containerPort": 8000}
        ]
        assert service["enableExecuteCommand"] is False
        assert service["propagateTags"] == "SERVICE"
        assert {tag["key"]: tag["value"] for tag in service["tags"]} == TAGS
        (info,) = result.results(INFO)
        assert [found["service_name"] for found in info["services"]] == [SERVICE]

    def test_a_second_run_changes_nothing_and_writes_nothing(self, emulator_server, account):
        result = run(emulator_server, account, service_args(account))

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        calls = [call["operation"] for call in emulator_server.requests()["calls"]]
        # One read for the module, one for the info module.
        assert calls.count("DescribeServices") == 2

    def test_autoscaling_moving_the_count_is_left_alone(self, emulator_server, account):
        emulator_server.client("ecs").update_service(cluster=CLUSTER, service=SERVICE, desiredCount=3)

        result = run(emulator_server, account, service_args(account))

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert read_back(emulator_server)["desiredCount"] == 3

    def test_a_new_task_definition_is_deployed_and_waited_for_until_completed(self, emulator_server, account):
        result = run(emulator_server, account, service_args(account, revision=2, wait=True, wait_timeout=120))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, SERVICE)]
        assert mutating_calls(emulator_server) == ["ecs:UpdateService"]
        returned = result.results(MODULE)[0]["service"]
        assert returned["rollout_state"] == "COMPLETED"
        assert returned["task_definition"].endswith(f":task-definition/{FAMILY}:2")
        (primary,) = read_back(emulator_server)["deployments"]
        assert (primary["status"], primary["rolloutState"]) == ("PRIMARY", "COMPLETED")
        assert primary["taskDefinition"].endswith(f"{FAMILY}:2")

    def test_a_deployment_the_circuit_breaker_rolls_back_fails_the_wait(self, emulator_server, account):
        emulator_server.fail_next_ecs_deployment(cluster=CLUSTER, service=SERVICE)

        result = run(emulator_server, account, service_args(account, revision=1, wait=True, wait_timeout=120))

        # The rollback deployment becomes PRIMARY and completes: the wait must watch the one it started.
        assert result.failed
        (failed,) = [r for r in result.results(MODULE) if r.get("failed")]
        assert "FAILED" in failed["msg"] or "rolled back" in failed["msg"], failed["msg"]
        service = read_back(emulator_server)
        assert service["taskDefinition"].endswith(f"{FAMILY}:2")

    def test_check_mode_predicts_a_grace_period_change_with_a_diff(self, emulator_server, account):
        result = run(emulator_server, account, service_args(account, revision=2, grace=120), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, SERVICE)]
        assert mutating_calls(emulator_server) == []
        changed = result.results(MODULE)[0]
        assert changed["diff"]["before"]["health_check_grace_period_seconds"] == 60
        assert changed["diff"]["after"]["health_check_grace_period_seconds"] == 120
        assert changed["service"]["health_check_grace_period_seconds"] == 120
        assert read_back(emulator_server)["healthCheckGracePeriodSeconds"] == 60

    def test_absent_deletes_the_service(self, emulator_server, account):
        result = run(emulator_server, account, {"name": SERVICE, "cluster": CLUSTER, "state": "absent", "wait": True})

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, SERVICE)]
        assert mutating_calls(emulator_server) == ["ecs:DeleteService"]
        assert read_back(emulator_server)["status"] == "INACTIVE"
        (info,) = result.results(INFO)
        assert info["services"] == []
