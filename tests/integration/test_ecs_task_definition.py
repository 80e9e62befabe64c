"""appstack.aws.ecs_task_definition and ecs_task_definition_info against the emulator.

One play registers the API's task definition as the ECS tier needs it: Fargate, awsvpc, CPU and memory, one
container on its port with environment variables, secrets as valueFrom JSON-key references, awslogs, a health
check and a read-only root file system, the execution and task roles, and tags. The tests of the class run in
order on one account (reset once): check mode on the empty account, the registration (read back with boto3), a
second run, check mode on the converged account, the environment variables reordered, an image change (checked,
then applied), and absent. The emulator fills in the defaults ECS stores (port mapping protocol and host port,
health check timings), so a naive comparison would register a new revision on every run; the request log proves
that a re-run and check mode send no mutating call.
"""

import pytest

from .playbook import mutating_calls, run_tasks

MODULE = "appstack.aws.ecs_task_definition"
INFO = "appstack.aws.ecs_task_definition_info"
FAMILY = "shop-api-test"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-test-db-AbCdEf:password::"
EXECUTION_ROLE = "arn:aws:iam::123456789012:role/shop-test-execution"
TASK_ROLE = "arn:aws:iam::123456789012:role/shop-test-task"
TAGS = {"Application": "shop", "Environment": "test"}
ENVIRONMENT = [{"name": "APP_ENV", "value": "test"}, {"name": "LOG_LEVEL", "value": "info"}]
HEALTH_COMMAND = ["CMD-SHELL", "curl -f http://localhost:8000/api/health || exit 1"]


def task_definition(tag="v1", environment=ENVIRONMENT):
    return {
        "family": FAMILY,
        "cpu": 512,
        "memory": "1 GB",
        "execution_role_arn": EXECUTION_ROLE,
        "task_role_arn": TASK_ROLE,
        "containers": [
            {
                "name": "api",
                "image": f"{IMAGE}:{tag}",
                "portMappings": [{"containerPort": 8000}],
                "environment": environment,
                "secrets": [{"name": "DB_PASSWORD", "valueFrom": SECRET}],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                        "awslogs-group": "/ecs/shop-test",
                        "awslogs-region": "us-east-1",
                        "awslogs-stream-prefix": "api",
                    },
                },
                "healthCheck": {"command": HEALTH_COMMAND, "startPeriod": 10},
                "readonlyRootFilesystem": True,
            }
        ],
        "tags": TAGS,
    }


def run(emulator, directory, options, check=False):
    emulator.clear_requests()
    tasks = [
        {"name": "Manage the task definition", MODULE: options, "register": "ecs_test__result"},
        {"name": "Read the task definition", INFO: {"family": FAMILY}, "register": "ecs_test__info"},
    ]
    return run_tasks(emulator.env, directory, "Manage the API task definition", tasks, check=check)


def active_revisions(emulator):
    ecs = emulator.client("ecs")
    return ecs.list_task_definitions(familyPrefix=FAMILY, status="ACTIVE")["taskDefinitionArns"]


def read_back(emulator):
    response = emulator.client("ecs").describe_task_definition(taskDefinition=FAMILY, include=["TAGS"])
    return response["taskDefinition"], {tag["key"]: tag["value"] for tag in response.get("tags", [])}


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    return {"directory": tmp_path_factory.mktemp("ecs-task-definition-playbooks")}


class TestTaskDefinition:
    def test_check_mode_on_an_empty_account_predicts_revision_1_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition(), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 1
        assert mutating_calls(emulator_server) == []
        assert active_revisions(emulator_server) == []
        (predicted,) = result.results(MODULE)
        assert predicted["task_definition"]["revision"] == 1
        assert predicted["task_definition"]["arn"] is None
        assert predicted["task_definition"]["cpu"] == "512" and predicted["task_definition"]["memory"] == "1024"
        assert predicted["task_definition"]["tags"] == TAGS

    def test_create_registers_the_task_definition_with_every_property(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition())

        assert not result.failed, result.outcome()
        assert result.changed == 1
        assert mutating_calls(emulator_server) == ["ecs:RegisterTaskDefinition"]

        definition, tags = read_back(emulator_server)
        assert definition["revision"] == 1
        assert definition["requiresCompatibilities"] == ["FARGATE"] and definition["networkMode"] == "awsvpc"
        assert (definition["cpu"], definition["memory"]) == ("512", "1024")
        assert (definition["executionRoleArn"], definition["taskRoleArn"]) == (EXECUTION_ROLE, TASK_ROLE)
        (container,) = definition["containerDefinitions"]
        assert container["image"] == f"{IMAGE}:v1"
        assert container["portMappings"] == [{"containerPort": 8000, "hostPort": 8000, "protocol": "tcp"}]
        assert container["environment"] == ENVIRONMENT
        assert container["secrets"] == [{"name": "DB_PASSWORD", "valueFrom": SECRET}]
        assert container["logConfiguration"]["logDriver"] == "awslogs"
        assert container["logConfiguration"]["options"]["awslogs-group"] == "/ecs/shop-test"
        assert container["healthCheck"]["command"] == HEALTH_COMMAND
        assert container["readonlyRootFilesystem"] is True
        assert not container.get("privileged")
        assert tags == TAGS

        registered = result.results(MODULE)[0]["task_definition"]
        assert registered["arn"] == definition["taskDefinitionArn"]
        (info,) = result.results(INFO)
        assert [found["revision"] for found in info["task_definitions"]] == [1]

    def test_a_second_run_registers_nothing_and_writes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition())

        assert not result.failed, result.outcome()
        assert result.changed == 0
        assert mutating_calls(emulator_server) == []
        calls = [call["operation"] for call in emulator_server.requests()["calls"]]
        # One read for the module, one for the info module.
        assert calls == ["DescribeTaskDefinition", "DescribeTaskDefinition"]
        assert len(active_revisions(emulator_server)) == 1

    def test_check_mode_on_the_converged_account_changes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition(), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0
        assert mutating_calls(emulator_server) == []

    def test_reordered_environment_variables_register_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition(environment=ENVIRONMENT[::-1]))

        assert not result.failed, result.outcome()
        assert result.changed == 0
        assert mutating_calls(emulator_server) == []

    def test_check_mode_predicts_an_image_change_with_a_diff(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition(tag="v2"), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 1
        assert mutating_calls(emulator_server) == []
        (predicted,) = result.results(MODULE)
        assert predicted["task_definition"]["revision"] == 2 and predicted["task_definition"]["arn"] is None
        before, after = predicted["diff"]["before"], predicted["diff"]["after"]
        assert before["container_definitions"][0]["image"] == f"{IMAGE}:v1"
        assert after["container_definitions"][0]["image"] == f"{IMAGE}:v2"
        assert {key for key in before if before[key] != after[key]} == {"container_definitions", "revision"}
        assert len(active_revisions(emulator_server)) == 1

    def test_an_image_change_registers_exactly_one_revision(self, emulator_server, account):
        result = run(emulator_server, account["directory"], task_definition(tag="v2"))

        assert not result.failed, result.outcome()
        assert result.changed == 1
        assert mutating_calls(emulator_server) == ["ecs:RegisterTaskDefinition"]
        definition, tags = read_back(emulator_server)
        assert definition["revision"] == 2
        assert definition["containerDefinitions"][0]["image"] == f"{IMAGE}:v2"
        assert tags == TAGS
        assert len(active_revisions(emulator_server)) == 2

        again = run(emulator_server, account["directory"], task_definition(tag="v2"))
        assert again.changed == 0 and mutating_calls(emulator_server) == []

    def test_absent_deregisters_every_active_revision(self, emulator_server, account):
        result = run(emulator_server, account["directory"], {"family": FAMILY, "state": "absent"})

        assert not result.failed, result.outcome()
        assert result.changed == 1
        assert mutating_calls(emulator_server) == ["ecs:DeregisterTaskDefinition"] * 2
        assert active_revisions(emulator_server) == []
        (info,) = result.results(INFO)
        assert info["task_definitions"] == []

        again = run(emulator_server, account["directory"], {"family": FAMILY, "state": "absent"})
        assert again.changed == 0 and mutating_calls(emulator_server) == []
