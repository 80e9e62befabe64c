"""ECS deploys in the emulator: failing deployments and their rollback, one-off tasks, and load balancers that
answer as the ECS service behind them.

Stock moto 5.2.5 has none of it: no circuit breaker, RunTask answers HTTP 500 for a Fargate container without
memory and its tasks stop the moment they are read, with no stop code nor logs, and load balancers answer nothing.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from emulator.client import EmulatorClient, EmulatorError

CLUSTER = "app-dev"
FAMILY = "app-api-dev"
SERVICE = "api"
LOG_GROUP = "/ecs/app-api-dev"
OLD_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-backend:good"
NEW_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app-backend:bad"
BREAKER_WITH_ROLLBACK = {"deploymentCircuitBreaker": {"enable": True, "rollback": True}}
CIRCUIT_BREAKER_REASON = "ECS deployment circuit breaker: tasks failed to start."
# Long enough that no read made right after a call can come after the delay, however busy the machine; the
# tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60.0


def http(url: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def network(emulator: EmulatorClient) -> dict[str, Any]:
    """A VPC with two subnets and a security group, as awsvpc tasks and an ALB need."""
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{index}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for index, zone in ((1, "a"), (2, "b"))
    ]
    group = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc_id)["GroupId"]
    return {"vpc_id": vpc_id, "subnets": subnets, "group": group}


def awsvpc(net: dict[str, Any]) -> dict[str, Any]:
    return {
        "awsvpcConfiguration": {
            "subnets": net["subnets"],
            "securityGroups": [net["group"]],
            "assignPublicIp": "DISABLED",
        }
    }


def register(emulator: EmulatorClient, image: str, sidecar: bool = False) -> str:
    """A Fargate task definition whose containers set no memory of their own (the task's applies)."""
    containers = [
        {
            "name": "api",
            "image": image,
            "essential": True,
            "portMappings": [{"containerPort": 8000}],
            "logConfiguration": {
                "logDriver": "awslogs",
                "options": {"awslogs-group": LOG_GROUP, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api"},
            },
        }
    ]
    if sidecar:
        containers.append({"name": "xray", "image": "amazon/aws-xray-daemon", "essential": False})
    return emulator.client("ecs").register_task_definition(
        family=FAMILY,
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        containerDefinitions=containers,
    )["taskDefinition"]["taskDefinitionArn"]


def service_setup(emulator: EmulatorClient, target_group: str | None = None, **settings: Any) -> dict[str, Any]:
    """A cluster, revisions 1 (OLD_IMAGE) and 2 (NEW_IMAGE) and a service on revision 1, its deployment completed."""
    net = network(emulator)
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    register(emulator, OLD_IMAGE)
    register(emulator, NEW_IMAGE)
    if target_group:
        settings["loadBalancers"] = [{"targetGroupArn": target_group, "containerName": "api", "containerPort": 8000}]
    ecs.create_service(
        cluster=CLUSTER,
        serviceName=SERVICE,
        taskDefinition=f"{FAMILY}:1",
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration=awsvpc(net),
        **settings,
    )
    assert primary(describe(emulator))["rolloutState"] == "COMPLETED"
    return net


def describe(emulator: EmulatorClient) -> dict[str, Any]:
    return emulator.client("ecs").describe_services(cluster=CLUSTER, services=[SERVICE])["services"][0]


def primary(service: dict[str, Any]) -> dict[str, Any]:
    return next(d for d in service["deployments"] if d["status"] == "PRIMARY")


def deploy_new_revision(emulator: EmulatorClient) -> None:
    emulator.client("ecs").update_service(cluster=CLUSTER, service=SERVICE, taskDefinition=f"{FAMILY}:2")


def messages(service: dict[str, Any]) -> list[str]:
    return [event["message"] for event in service["events"]]


# Deployments and the circuit breaker


def test_a_failed_deployment_rolls_back_to_the_previous_revision(emulator: EmulatorClient) -> None:
    """AWS DeploymentCircuitBreaker: a deployment that can't reach a steady state turns FAILED; with rollback on,
    ECS rolls the service back to the last deployment that completed, which becomes the PRIMARY deployment.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
    """
    service_setup(emulator, deploymentConfiguration=BREAKER_WITH_ROLLBACK)
    completed_id = primary(describe(emulator))["id"]
    emulator.fail_next_ecs_deployment(cluster=CLUSTER, service=SERVICE)
    emulator.configure(provisioning_delays={"ecs_deployment": DELAY})

    deploy_new_revision(emulator)
    assert primary(describe(emulator))["rolloutState"] == "IN_PROGRESS"
    emulator.advance_clock(DELAY)

    service = describe(emulator)
    failed = next(d for d in service["deployments"] if d["taskDefinition"].endswith(f"{FAMILY}:2"))
    rollback = primary(service)
    assert (failed["status"], failed["rolloutState"], failed["rolloutStateReason"]) == (
        "ACTIVE",
        "FAILED",
        CIRCUIT_BREAKER_REASON,
    )
    assert failed["failedTasks"] >= 3
    assert rollback["taskDefinition"].endswith(f"{FAMILY}:1")
    assert rollback["rolloutState"] == "IN_PROGRESS"
    assert (
        rollback["rolloutStateReason"]
        == f"ECS deployment circuit breaker: rolling back to deploymentId {completed_id}."
    )
    assert service["taskDefinition"].endswith(f"{FAMILY}:1")
    assert any("deployment failed: tasks failed to start." in message for message in messages(service))
    assert any(f"rolling back to deployment {completed_id}" in message for message in messages(service))

    emulator.advance_clock(DELAY)
    service = describe(emulator)
    assert [(d["status"], d["rolloutState"], d["taskDefinition"][-1]) for d in service["deployments"]] == [
        ("PRIMARY", "COMPLETED", "1")
    ]
    assert messages(service)[0] == f"(service {SERVICE}) has reached a steady state."


def test_without_rollback_the_failed_deployment_stays_failed(emulator: EmulatorClient) -> None:
    """AWS DeploymentCircuitBreaker: with rollback off, the failed deployment stays FAILED and the service keeps the
    task definition it was given; the tasks of the deployment it replaced go on running.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html
    """
    service_setup(emulator, deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": False}})
    emulator.fail_next_ecs_deployment()

    deploy_new_revision(emulator)

    for _ in range(2):
        service = describe(emulator)
        assert [(d["status"], d["rolloutState"]) for d in service["deployments"]] == [
            ("PRIMARY", "FAILED"),
            ("ACTIVE", "COMPLETED"),
        ]
        assert primary(service)["rolloutStateReason"] == CIRCUIT_BREAKER_REASON
        assert service["taskDefinition"].endswith(f"{FAMILY}:2")


def test_without_a_circuit_breaker_a_failing_deployment_never_ends(emulator: EmulatorClient) -> None:
    """AWS DeploymentCircuitBreaker: only a service with the circuit breaker on fails a deployment; without it ECS
    goes on launching tasks, and the deployment stays IN_PROGRESS.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html
    """
    service_setup(emulator)
    emulator.fail_next_ecs_deployment(service=SERVICE)

    deploy_new_revision(emulator)

    deployment = primary(describe(emulator))
    assert deployment["rolloutState"] == "IN_PROGRESS"
    assert deployment["failedTasks"] >= 3


def test_the_failure_waits_for_the_service_it_names(emulator: EmulatorClient) -> None:
    """The control names a service: other deployments complete, and the named one fails when it comes.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html
    """
    service_setup(emulator, deploymentConfiguration=BREAKER_WITH_ROLLBACK)
    emulator.fail_next_ecs_deployment(cluster=CLUSTER, service="worker")

    deploy_new_revision(emulator)
    assert primary(describe(emulator))["rolloutState"] == "COMPLETED"

    emulator.client("ecs").create_service(
        cluster=CLUSTER,
        serviceName="worker",
        taskDefinition=f"{FAMILY}:1",
        desiredCount=1,
        launchType="FARGATE",
        networkConfiguration=describe(emulator)["networkConfiguration"],
        deploymentConfiguration=BREAKER_WITH_ROLLBACK,
    )
    (worker,) = emulator.client("ecs").describe_services(cluster=CLUSTER, services=["worker"])["services"]
    # A first deployment has no completed deployment to roll back to.
    assert [(d["status"], d["rolloutState"]) for d in worker["deployments"]] == [("PRIMARY", "FAILED")]


def test_reset_forgets_the_failures_asked_for(emulator: EmulatorClient) -> None:
    emulator.fail_next_ecs_deployment()
    emulator.fail_next_ecs_task(2)
    emulator.reset()

    service_setup(emulator, deploymentConfiguration=BREAKER_WITH_ROLLBACK)
    deploy_new_revision(emulator)
    assert primary(describe(emulator))["rolloutState"] == "COMPLETED"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("ecs/fail-next-deployment", {"service": ""}),
        ("ecs/fail-next-deployment", {"cluster": 3}),
        ("ecs/fail-next-deployment", {"image_identifier": "x"}),
        ("ecs/fail-next-task", {}),
        ("ecs/fail-next-task", {"exit_code": 256}),
        ("ecs/fail-next-task", {"exit_code": True}),
        ("ecs/fail-next-task", {"exit_code": 1, "log_lines": "boom"}),
        ("ecs/fail-next-task", {"exit_code": 1, "cluster": "x"}),
    ],
)
def test_a_bad_control_body_is_refused(emulator: EmulatorClient, path: str, body: dict) -> None:
    status, answer = http(f"{emulator.endpoint}/_appstack/{path}", "POST", body)
    assert status == 400
    assert answer["error"]


# One-off tasks


def run_task(emulator: EmulatorClient, net: dict[str, Any], **settings: Any) -> dict[str, Any]:
    return emulator.client("ecs").run_task(
        cluster=CLUSTER,
        taskDefinition=FAMILY,
        launchType="FARGATE",
        networkConfiguration=awsvpc(net),
        overrides={"containerOverrides": [{"name": "api", "command": ["alembic", "upgrade", "head"]}]},
        **settings,
    )["tasks"][0]


def task_setup(emulator: EmulatorClient, sidecar: bool = False, log_group: bool = True) -> dict[str, Any]:
    net = network(emulator)
    emulator.client("ecs").create_cluster(clusterName=CLUSTER)
    register(emulator, NEW_IMAGE, sidecar=sidecar)
    if log_group:
        emulator.client("logs").create_log_group(logGroupName=LOG_GROUP)
    return net


def describe_task(emulator: EmulatorClient, arn: str) -> dict[str, Any]:
    return emulator.client("ecs").describe_tasks(cluster=CLUSTER, tasks=[arn])["tasks"][0]


def wait_stopped(emulator: EmulatorClient, arn: str) -> dict[str, Any]:
    emulator.client("ecs").get_waiter("tasks_stopped").wait(
        cluster=CLUSTER, tasks=[arn], WaiterConfig={"Delay": 1, "MaxAttempts": 10}
    )
    return describe_task(emulator, arn)


def test_a_task_provisions_runs_then_stops_with_exit_code_0(emulator: EmulatorClient) -> None:
    """AWS RunTask answers the task PROVISIONING; it runs, and once its essential container exits it is STOPPED
    with stopCode EssentialContainerExited and each container's exitCode. Fargate containers need no memory.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html (memory)
    """
    net = task_setup(emulator, sidecar=True)
    emulator.configure(provisioning_delays={"ecs_task": 2 * DELAY})

    task = run_task(emulator, net)
    assert (task["lastStatus"], task["desiredStatus"]) == ("PROVISIONING", "RUNNING")
    assert task["overrides"]["containerOverrides"][0]["command"] == ["alembic", "upgrade", "head"]
    assert (task["cpu"], task["memory"]) == ("256", "512")
    assert describe_task(emulator, task["taskArn"])["lastStatus"] == "PROVISIONING"

    emulator.advance_clock(DELAY)
    running = describe_task(emulator, task["taskArn"])
    assert running["lastStatus"] == "RUNNING"
    assert "stopCode" not in running
    assert all("exitCode" not in container for container in running["containers"])

    emulator.advance_clock(DELAY)

    stopped = wait_stopped(emulator, task["taskArn"])
    assert (stopped["lastStatus"], stopped["desiredStatus"], stopped["stopCode"]) == (
        "STOPPED",
        "STOPPED",
        "EssentialContainerExited",
    )
    assert stopped["stoppedReason"] == "Essential container in task exited"
    assert {c["name"]: (c["lastStatus"], c["exitCode"]) for c in stopped["containers"]} == {
        "api": ("STOPPED", 0),
        "xray": ("STOPPED", 0),
    }
    assert stopped["stoppedAt"] >= stopped["startedAt"] >= stopped["createdAt"]
    listed = emulator.client("ecs").list_tasks(cluster=CLUSTER, desiredStatus="STOPPED")["taskArns"]
    assert listed == [task["taskArn"]]


def test_a_failing_task_exits_with_its_code_and_logs_to_its_stream(emulator: EmulatorClient) -> None:
    """AWS awslogs driver: a container logs to <awslogs-stream-prefix>/<container name>/<task id> in awslogs-group;
    the stopped task reports the essential container's exit code.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Container.html
    """
    net = task_setup(emulator)
    lines = ["INFO  [alembic.runtime.migration] Running upgrade a1 -> b2", "sqlalchemy.exc.ProgrammingError: boom"]
    emulator.fail_next_ecs_task(3, lines)

    task = wait_stopped(emulator, run_task(emulator, net)["taskArn"])

    assert task["stopCode"] == "EssentialContainerExited"
    assert task["containers"][0]["exitCode"] == 3
    stream = f"api/api/{task['taskArn'].rsplit('/', 1)[-1]}"
    events = emulator.client("logs").get_log_events(logGroupName=LOG_GROUP, logStreamName=stream)["events"]
    assert [event["message"] for event in events] == lines

    again = wait_stopped(emulator, run_task(emulator, net)["taskArn"])
    assert again["containers"][0]["exitCode"] == 0


def test_a_task_whose_log_group_is_missing_fails_to_start(emulator: EmulatorClient) -> None:
    """AWS: with awslogs, a missing log group (and no awslogs-create-group) stops the task with TaskFailedToStart,
    a ResourceInitializationError, before any container runs.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html
    """
    net = task_setup(emulator, log_group=False)

    task = wait_stopped(emulator, run_task(emulator, net)["taskArn"])

    assert task["stopCode"] == "TaskFailedToStart"
    assert task["stoppedReason"].startswith("ResourceInitializationError: ")
    assert "exitCode" not in task["containers"][0]
    assert "startedAt" not in task


def test_stop_task_stops_a_running_task_as_user_initiated(emulator: EmulatorClient) -> None:
    """AWS StopTask: the task stops with stopCode UserInitiated and the reason given.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html
    """
    net = task_setup(emulator)
    emulator.configure(provisioning_delays={"ecs_task": 60})
    arn = run_task(emulator, net)["taskArn"]

    emulator.client("ecs").stop_task(cluster=CLUSTER, task=arn, reason="deploy cancelled")

    task = describe_task(emulator, arn)
    assert (task["lastStatus"], task["stopCode"], task["stoppedReason"]) == (
        "STOPPED",
        "UserInitiated",
        "deploy cancelled",
    )


def test_a_task_network_interface_has_a_private_dns_name(emulator: EmulatorClient) -> None:
    """AWS Task.attachments: the ENI of an awsvpc task lists its privateDnsName, whatever the VPC's DNS settings.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attachment.html
    """
    task = run_task(emulator, task_setup(emulator))

    details = {d["name"]: d["value"] for d in task["attachments"][0]["details"]}
    assert details["privateDnsName"].startswith("ip-")


# Load balancers answer as the ECS service behind them


def load_balancer(emulator: EmulatorClient, net: dict[str, Any]) -> tuple[str, str]:
    """An ALB, a target group (type ip) and an HTTP:80 listener forwarding to it: (DNS name, target group ARN)."""
    elbv2 = emulator.client("elbv2")
    balancer = elbv2.create_load_balancer(Name="app-dev", Subnets=net["subnets"], SecurityGroups=[net["group"]])[
        "LoadBalancers"
    ][0]
    target_group = elbv2.create_target_group(
        Name="app-dev-api", Protocol="HTTP", Port=8000, VpcId=net["vpc_id"], TargetType="ip"
    )["TargetGroups"][0]["TargetGroupArn"]
    elbv2.create_listener(
        LoadBalancerArn=balancer["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}],
    )
    return balancer["DNSName"], target_group


def alb_setup(emulator: EmulatorClient, **settings: Any) -> str:
    """A load balancer in front of the service, which runs OLD_IMAGE; NEW_IMAGE's /health answers 500."""
    net = network(emulator)
    dns_name, target_group = load_balancer(emulator, net)
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName=CLUSTER)
    register(emulator, OLD_IMAGE)
    register(emulator, NEW_IMAGE)
    ecs.create_service(
        cluster=CLUSTER,
        serviceName=SERVICE,
        taskDefinition=f"{FAMILY}:1",
        desiredCount=2,
        launchType="FARGATE",
        networkConfiguration=awsvpc(net),
        loadBalancers=[{"targetGroupArn": target_group, "containerName": "api", "containerPort": 8000}],
        **settings,
    )
    emulator.set_image_answers(NEW_IMAGE, {"/health": {"status": 500}})
    return emulator.load_balancer_http_base(dns_name)


def test_the_load_balancer_answers_as_the_image_its_service_runs(emulator: EmulatorClient) -> None:
    """The ALB forwards to the target group the ECS service registered its tasks with; after a deployment
    completes, the new tasks answer.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html
    """
    base = alb_setup(emulator)
    assert http(f"{base}/health") == (200, {"status": "ok", "path": "/health", "image": OLD_IMAGE, "tag": "good"})
    assert http(f"{base}/missing")[0] == 404

    emulator.configure(provisioning_delays={"ecs_deployment": DELAY})
    deploy_new_revision(emulator)
    assert http(f"{base}/health")[1]["image"] == OLD_IMAGE
    emulator.advance_clock(DELAY)

    assert http(f"{base}/health") == (500, {"status": 500, "path": "/health", "image": NEW_IMAGE, "tag": "bad"})


def test_after_a_rollback_the_previous_image_answers_again(emulator: EmulatorClient) -> None:
    """AWS DeploymentCircuitBreaker with rollback: the service goes back to the last completed deployment, whose
    tasks answer behind the load balancer.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentCircuitBreaker.html
    """
    base = alb_setup(emulator, deploymentConfiguration=BREAKER_WITH_ROLLBACK)
    emulator.fail_next_ecs_deployment(service=SERVICE)

    deploy_new_revision(emulator)

    assert http(f"{base}/health")[1]["image"] == OLD_IMAGE
    assert describe(emulator)["taskDefinition"].endswith(f"{FAMILY}:1")


def test_a_load_balancer_without_a_service_behind_it_answers_503(emulator: EmulatorClient) -> None:
    """An ALB with no healthy target answers 503; an unknown DNS name answers 404 here.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html
    """
    dns_name, _ = load_balancer(emulator, network(emulator))
    status, answer = http(f"{emulator.load_balancer_http_base(dns_name)}/health")
    assert status == 503
    assert "no healthy targets" in answer["error"]

    status, _ = http(f"{emulator.load_balancer_http_base('nothing.us-east-1.elb.amazonaws.com')}/health")
    assert status == 404


def test_image_answers_have_a_route_for_every_compute(emulator: EmulatorClient) -> None:
    """POST /_appstack/image-answers sets what the App Runner route lists too: one answer set per image."""
    status, _ = http(
        f"{emulator.endpoint}/_appstack/image-answers",
        "POST",
        {"image_identifier": NEW_IMAGE, "answers": {"/x": {"status": 201}}},
    )

    assert status == 200
    assert emulator.image_answers() == {NEW_IMAGE: {"/x": {"status": 201}}}
    assert http(f"{emulator.endpoint}/_appstack/image-answers")[1] == {
        "image_answers": {NEW_IMAGE: {"/x": {"status": 201}}}
    }


def test_the_client_refuses_a_bad_exit_code(emulator: EmulatorClient) -> None:
    with pytest.raises(EmulatorError, match="exit_code"):
        emulator.fail_next_ecs_task(-1)
