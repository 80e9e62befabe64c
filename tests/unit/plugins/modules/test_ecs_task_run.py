"""Unit tests for appstack.aws.ecs_task_run (botocore Stubber, no network)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import ecs_tasks
from ansible_collections.appstack.aws.plugins.modules import ecs_task_run as module

CLUSTER = "shop-prod"
FAMILY = "shop-api-prod"
TD = f"arn:aws:ecs:us-east-1:123456789012:task-definition/{FAMILY}:12"
TASK_ID = "0123456789abcdef0123456789abcdef"
TASK = f"arn:aws:ecs:us-east-1:123456789012:task/{CLUSTER}/{TASK_ID}"
GROUP = "/ecs/shop-api-prod"
STREAM = f"api/api/{TASK_ID}"
COMMAND = ["alembic", "upgrade", "head"]


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr("botocore.waiter.time.sleep", lambda seconds: None)
    monkeypatch.setattr(ecs_tasks, "POLL_DELAY_SECONDS", 1)


def args(**overrides):
    values = {
        "cluster": CLUSTER,
        "task_definition": f"{FAMILY}:12",
        "network_configuration": {"subnets": ["subnet-a", "subnet-b"], "security_groups": ["sg-1"]},
        "container_overrides": [{"name": "api", "command": COMMAND, "environment": {"MIGRATING": 1}}],
        "started_by": "deploy-1f0c2ab",
        "wait_timeout": 30,
        "log_lines": 2,
    }
    values.update(overrides)
    return values


def task_definition(log_configuration=True):
    container = {"name": "api", "image": "repo:1", "essential": True}
    if log_configuration:
        container["logConfiguration"] = {
            "logDriver": "awslogs",
            "options": {"awslogs-group": GROUP, "awslogs-region": "us-east-1", "awslogs-stream-prefix": "api"},
        }
    sidecar = {"name": "xray", "image": "xray:1", "essential": False}
    return {"taskDefinitionArn": TD, "family": FAMILY, "revision": 12, "containerDefinitions": [sidecar, container]}


def task(
    status="STOPPED", exit_code=0, stop_code="EssentialContainerExited", reason="Essential container in task exited"
):
    value = {"taskArn": TASK, "clusterArn": CLUSTER, "taskDefinitionArn": TD, "lastStatus": status}
    container = {"name": "api", "lastStatus": status}
    if status == "STOPPED":
        value.update(stopCode=stop_code, stoppedReason=reason)
        if exit_code is not None:
            container["exitCode"] = exit_code
    value["containers"] = [{"name": "xray", "lastStatus": status}, container]
    return value


def expect_task_definition(stubber, found=True):
    if found:
        stubber.add_response(
            "describe_task_definition",
            {"taskDefinition": task_definition(), "tags": []},
            {"taskDefinition": f"{FAMILY}:12", "include": ["TAGS"]},
        )
    else:
        stubber.add_client_error(
            "describe_task_definition", "ClientException", "Unable to describe task definition.", 400
        )


def expect_run(stubber):
    stubber.add_response(
        "run_task",
        {"tasks": [task(status="PROVISIONING")], "failures": []},
        {
            "cluster": CLUSTER,
            "taskDefinition": TD,
            "launchType": "FARGATE",
            "count": 1,
            "networkConfiguration": {
                "awsvpcConfiguration": {
                    "subnets": ["subnet-a", "subnet-b"],
                    "securityGroups": ["sg-1"],
                    "assignPublicIp": "DISABLED",
                }
            },
            "overrides": {
                "containerOverrides": [
                    {"name": "api", "command": COMMAND, "environment": [{"name": "MIGRATING", "value": "1"}]}
                ]
            },
            "startedBy": "deploy-1f0c2ab",
        },
    )


def expect_describe(stubber, found):
    stubber.add_response("describe_tasks", {"tasks": [found], "failures": []}, {"cluster": CLUSTER, "tasks": [TASK]})


def expect_logs(stubber, lines):
    stubber.add_response(
        "get_log_events",
        {"events": [{"timestamp": 1, "message": line} for line in lines]},
        {"logGroupName": GROUP, "logStreamName": STREAM, "limit": 2, "startFromHead": False},
    )


def test_invalid_options_fail_before_any_client(run_module):
    code, result = run_module(
        module,
        args(
            network_configuration={"subnets": []},
            wait_timeout=0,
            log_lines=-1,
            container_overrides=[{"name": "api"}, {"name": "api"}],
        ),
        None,
    )
    assert code == 1
    assert result["problems"] == [
        "network_configuration.subnets must name at least one subnet.",
        "log_lines must be 0 to 10000, not -1.",
        "container_overrides names a container more than once: api.",
        "wait_timeout must be a number of seconds above 0, not 0.",
    ]


def test_check_mode_reads_the_task_definition_and_runs_nothing(run_module, ecs):
    client, stubber = ecs
    expect_task_definition(stubber)

    code, result = run_module(module, args(_ansible_check_mode=True), {"ecs": client})

    assert code == 0, result
    assert result["changed"] is True
    assert result["msg"] == f"Would run a task of {FAMILY}:12 in cluster {CLUSTER}."
    assert (result["task_definition_arn"], result["container_name"], result["log_group"]) == (TD, "api", GROUP)


def test_a_task_that_exits_0_returns_its_outcome_and_last_log_lines(run_module, ecs, logs):
    client, stubber = ecs
    logs_client, logs_stubber = logs
    expect_task_definition(stubber)
    expect_run(stubber)
    expect_describe(stubber, task(status="RUNNING"))
    expect_describe(stubber, task())
    expect_describe(stubber, task())
    expect_logs(logs_stubber, ["Running upgrade a1 -> b2", "done"])

    code, result = run_module(module, args(), {"ecs": client, "logs": logs_client})

    assert code == 0, result
    assert result["changed"] is True
    assert (result["task_arn"], result["exit_code"], result["stop_code"]) == (TASK, 0, "EssentialContainerExited")
    assert (result["log_group"], result["log_stream"]) == (GROUP, STREAM)
    assert result["log_lines"] == ["Running upgrade a1 -> b2", "done"]
    assert result["timed_out"] is False
    assert (
        result["msg"]
        == f"Task {TASK_ID} of {FAMILY}:12 in cluster {CLUSTER} exited with code 0 (EssentialContainerExited)."
    )


def test_a_non_zero_exit_fails_with_the_code_the_reason_and_the_log_lines(run_module, ecs, logs):
    client, stubber = ecs
    logs_client, logs_stubber = logs
    expect_task_definition(stubber)
    expect_run(stubber)
    expect_describe(stubber, task(exit_code=3))
    expect_describe(stubber, task(exit_code=3))
    expect_logs(logs_stubber, ["Running upgrade a1 -> b2", "ProgrammingError: boom"])

    code, result = run_module(module, args(), {"ecs": client, "logs": logs_client})

    assert code == 1
    assert result["changed"] is True
    assert result["exit_code"] == 3
    assert result["msg"].startswith(f"Task {TASK_ID} of {FAMILY}:12 in cluster {CLUSTER} exited with code 3.")
    assert "Stopped reason: Essential container in task exited." in result["msg"]
    assert result["msg"].endswith("Its last 2 log lines:\nRunning upgrade a1 -> b2\nProgrammingError: boom")


def test_without_fail_on_exit_code_a_non_zero_exit_is_returned(run_module, ecs, logs):
    client, stubber = ecs
    logs_client, logs_stubber = logs
    expect_task_definition(stubber)
    expect_run(stubber)
    expect_describe(stubber, task(exit_code=3))
    expect_describe(stubber, task(exit_code=3))
    expect_logs(logs_stubber, [])

    code, result = run_module(module, args(fail_on_exit_code=False), {"ecs": client, "logs": logs_client})

    assert code == 0, result
    assert result["exit_code"] == 3


def test_a_task_that_failed_to_start_fails_with_its_reason_and_no_exit_code(run_module, ecs, logs):
    client, stubber = ecs
    logs_client, logs_stubber = logs
    reason = "ResourceInitializationError: the log group does not exist"
    failed = task(exit_code=None, stop_code="TaskFailedToStart", reason=reason)
    expect_task_definition(stubber)
    expect_run(stubber)
    expect_describe(stubber, failed)
    expect_describe(stubber, failed)
    logs_stubber.add_client_error("get_log_events", "ResourceNotFoundException", "no stream", 400)

    code, result = run_module(module, args(), {"ecs": client, "logs": logs_client})

    assert code == 1
    assert result["exit_code"] is None
    assert "stopped before its container exited with a code: TaskFailedToStart" in result["msg"]
    assert f"Stopped reason: {reason}." in result["msg"]
    assert f"No log line was found in {STREAM}." in result["msg"]


def test_a_timeout_stops_the_task_and_fails_saying_so(run_module, ecs, logs):
    client, stubber = ecs
    logs_client, logs_stubber = logs
    expect_task_definition(stubber)
    expect_run(stubber)
    for _ in range(4):
        expect_describe(stubber, task(status="RUNNING"))
    stubber.add_response(
        "stop_task",
        {"task": task(exit_code=None, stop_code="UserInitiated", reason="timeout")},
        {"cluster": CLUSTER, "task": TASK, "reason": "Stopped by ecs_task_run: it did not stop within 3 seconds"},
    )
    expect_describe(stubber, task(exit_code=None, stop_code="UserInitiated", reason="timeout"))
    expect_logs(logs_stubber, ["still migrating"])

    code, result = run_module(module, args(wait_timeout=3), {"ecs": client, "logs": logs_client})

    assert code == 1
    assert result["timed_out"] is True
    assert "did not stop within 3 seconds; it was stopped (StopTask)." in result["msg"]
    assert result["msg"].endswith("Its last 1 log lines:\nstill migrating")


def test_a_missing_task_definition_fails_without_running_anything(run_module, ecs):
    client, stubber = ecs
    expect_task_definition(stubber, found=False)

    code, result = run_module(module, args(), {"ecs": client})

    assert code == 1
    assert f"Task definition {FAMILY}:12 does not exist" in result["msg"]


def test_an_unknown_container_fails_naming_the_task_definition_s_containers(run_module, ecs):
    client, stubber = ecs
    expect_task_definition(stubber)

    code, result = run_module(module, args(container_overrides=[{"name": "web", "command": COMMAND}]), {"ecs": client})

    assert code == 1
    assert f"Task definition {TD} has no container web; its containers: xray, api." in result["msg"]


def test_a_task_ecs_could_not_place_fails_with_ecs_s_reason(run_module, ecs, logs):
    client, stubber = ecs
    expect_task_definition(stubber)
    stubber.add_response(
        "run_task", {"tasks": [], "failures": [{"arn": TD, "reason": "MISSING", "detail": "subnet-a is gone"}]}
    )

    code, result = run_module(module, args(), {"ecs": client, "logs": logs[0]})

    assert code == 1
    assert f"ECS did not start the task: {TD}: MISSING (subnet-a is gone)" in result["msg"]
