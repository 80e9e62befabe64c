"""Unit tests for the planning of appstack.aws.ecs_task_definition (pure functions)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definition_plan import (
    FARGATE_CPU_MEMORY,
    MANAGED_KEYS,
    canonical_definition,
    container_to_api,
    definition_differences,
    definition_to_result,
    definition_view,
    desired_definition,
    fargate_cpu_memory_problem,
    validate,
)

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-prod-db-AbCdEf:password::"
EXECUTION_ROLE = "arn:aws:iam::123456789012:role/shop-prod-execution"


def container(**overrides):
    values = {
        "name": "api",
        "image": "shop:v1",
        "portMappings": [{"containerPort": 8000}],
        "environment": [{"name": "APP_ENV", "value": "prod"}, {"name": "LOG_LEVEL", "value": "info"}],
        "secrets": [{"name": "DB_PASSWORD", "valueFrom": SECRET}],
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/shop-prod"}},
        "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 10},
        "readonlyRootFilesystem": True,
    }
    values.update(overrides)
    return values


def options(**overrides):
    values = dict(
        family="shop-api-prod",
        state="present",
        revision=None,
        containers=[container()],
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        cpu="512",
        memory="1024",
        execution_role_arn=EXECUTION_ROLE,
        task_role_arn=None,
        runtime_platform=None,
        volumes=None,
        ephemeral_storage=None,
        tags=None,
        purge_tags=True,
    )
    values.update(overrides)
    return values


def stored(request, **overrides):
    """The revision ECS stores for a request: its defaults filled in, as DescribeTaskDefinition returns it."""
    containers = []
    for sent in request["containerDefinitions"]:
        filled = {"cpu": 0, "essential": True, "mountPoints": [], "volumesFrom": [], "systemControls": [], **sent}
        filled["portMappings"] = [
            {"hostPort": mapping["containerPort"], "protocol": "tcp", **mapping} for mapping in sent["portMappings"]
        ]
        filled["healthCheck"] = {"timeout": 5, "retries": 3, **sent["healthCheck"]}
        containers.append(filled)
    definition = {
        **request,
        "containerDefinitions": containers,
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:3",
        "revision": 3,
        "status": "ACTIVE",
        "volumes": [],
        "placementConstraints": [],
        "compatibilities": ["EC2", "FARGATE"],
        "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
        "registeredAt": "2024-01-01T00:00:00+00:00",
    }
    definition.update(overrides)
    return definition


# The Fargate CPU and memory table


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [(256, 512), ("256", "2048"), (512, 4096), ("1 vCPU", "2 GB"), (4096, 30720), (8192, 61440), (16384, 122880)],
)
def test_fargate_accepts_the_documented_pairs(cpu, memory):
    assert fargate_cpu_memory_problem(cpu, memory) is None


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [(256, 4096), (512, 512), (1024, 9216), (4096, 31744), (8192, 18432), (16384, 36864), (300, 1024)],
)
def test_fargate_refuses_other_pairs_naming_the_variables(cpu, memory):
    problem = fargate_cpu_memory_problem(cpu, memory, "ecs_cpu", "ecs_memory")

    assert problem is not None and "ecs_cpu" in problem


def test_the_table_has_the_documented_ranges():
    assert FARGATE_CPU_MEMORY[256] == (512, 1024, 2048)
    assert FARGATE_CPU_MEMORY[2048][0] == 4096 and FARGATE_CPU_MEMORY[2048][-1] == 16384
    assert FARGATE_CPU_MEMORY[8192][1] - FARGATE_CPU_MEMORY[8192][0] == 4096
    assert FARGATE_CPU_MEMORY[16384][-1] == 122880


# Validation


def test_valid_options_have_no_problem():
    assert validate(options()) == []


def test_a_cpu_memory_pair_fargate_rejects_is_a_problem():
    assert any("memory must be 2048 to 8192" in problem for problem in validate(options(cpu="1024", memory="1024")))


def test_fargate_needs_cpu_memory_and_awsvpc():
    problems = validate(options(cpu=None, network_mode="bridge"))

    assert "cpu and memory are required under Fargate." in problems
    assert any(problem.startswith("network_mode must be awsvpc") for problem in problems)


@pytest.mark.parametrize("port", [0, 65536, "http"])
def test_a_port_outside_1_to_65535_is_a_problem(port):
    problems = validate(options(containers=[container(portMappings=[{"containerPort": port}])]))

    assert any("containers[0].portMappings[0].containerPort" in problem for problem in problems)


def test_a_host_port_other_than_the_container_port_is_a_problem_under_awsvpc():
    problems = validate(options(containers=[container(portMappings=[{"containerPort": 80, "hostPort": 8080}])]))

    assert any("hostPort must be left out or equal to containerPort" in problem for problem in problems)


def test_a_privileged_container_is_refused_under_fargate():
    problems = validate(options(containers=[container(privileged=True)]))

    assert any("containers[0].privileged" in problem for problem in problems)
    assert validate(options(requires_compatibilities=["EC2"], containers=[container(privileged=True)])) == []


def test_container_names_must_be_unique_and_valid():
    problems = validate(options(containers=[container(), container(), container(name="bad name", image=None)]))

    assert "containers names must be unique; repeated: api." in problems
    assert any(problem.startswith("containers[2].name") for problem in problems)
    assert "containers[2].image is required." in problems


def test_environment_and_secret_entries_need_their_fields_and_unique_names():
    problems = validate(
        options(
            containers=[
                container(
                    environment=[{"name": "A", "value": "1"}, {"name": "A", "value": "2"}],
                    secrets=[{"name": "DB_PASSWORD"}],
                )
            ]
        )
    )

    assert "containers[0].environment names must be unique; repeated: A." in problems
    assert "containers[0].secrets[0] needs valueFrom." in problems


def test_family_ephemeral_storage_and_revision_are_checked():
    problems = validate(options(family="shop api", ephemeral_storage=500, revision=0))

    assert any(problem.startswith("family must be") for problem in problems)
    assert any(problem.startswith("ephemeral_storage must be 21 to 200") for problem in problems)
    assert "revision must be at least 1, not 0." in problems


def test_absent_needs_no_containers():
    assert validate(options(state="absent", containers=None)) == []


# The request and its comparison


def test_the_request_has_the_containers_as_ecs_takes_them():
    request = desired_definition(None, options(cpu="0.5 vCPU", memory="1 GB"))

    assert request["cpu"] == "512" and request["memory"] == "1024"
    assert request["networkMode"] == "awsvpc" and request["requiresCompatibilities"] == ["FARGATE"]
    assert request["executionRoleArn"] == EXECUTION_ROLE and "taskRoleArn" not in request
    assert request["containerDefinitions"] == [container()]


def test_integers_and_environment_values_are_sent_in_the_api_types():
    sent = container_to_api(
        container(
            memoryReservation="256",
            portMappings=[{"containerPort": "8000"}],
            environment=[{"name": "WORKERS", "value": 4}, {"name": "DEBUG", "value": False}],
            user=None,
        )
    )

    assert sent["memoryReservation"] == 256 and sent["portMappings"] == [{"containerPort": 8000}]
    assert sent["environment"] == [{"name": "WORKERS", "value": "4"}, {"name": "DEBUG", "value": "false"}]
    assert "user" not in sent


def test_what_ecs_stores_for_the_request_equals_the_request():
    request = desired_definition(None, options())

    assert definition_differences(stored(request), request) == []


def test_reordered_environment_secrets_and_containers_equal_the_stored_revision():
    request = desired_definition(None, options(containers=[container(), container(name="worker")]))
    reordered = desired_definition(
        None,
        options(
            containers=[
                container(name="worker"),
                container(environment=[{"name": "LOG_LEVEL", "value": "info"}, {"name": "APP_ENV", "value": "prod"}]),
            ]
        ),
    )

    assert definition_differences(stored(request), reordered) == []


@pytest.mark.parametrize(
    ("changed", "difference"),
    [
        (dict(containers=[container(image="shop:v2")]), "containers.api"),
        (dict(containers=[container(environment=[{"name": "APP_ENV", "value": "dev"}])]), "containers.api"),
        (dict(containers=[container(secrets=[{"name": "DB_PASSWORD", "valueFrom": SECRET + "x"}])]), "containers.api"),
        (dict(containers=[container(portMappings=[{"containerPort": 9000}])]), "containers.api"),
        (
            dict(containers=[container(healthCheck={"command": ["CMD-SHELL", "true"], "interval": 10, "retries": 5})]),
            "containers.api",
        ),
        (dict(memory="2048"), "memory"),
        (dict(task_role_arn="arn:aws:iam::123456789012:role/task"), "taskRoleArn"),
        (dict(ephemeral_storage=30), "ephemeralStorage"),
        (dict(runtime_platform={"cpu_architecture": "ARM64", "operating_system_family": None}), "runtimePlatform"),
    ],
)
def test_a_change_is_detected(changed, difference):
    current = stored(desired_definition(None, options()))

    assert definition_differences(current, desired_definition(current, options(**changed))) == [difference]


def test_unset_task_settings_keep_the_current_revision_values():
    current = stored(
        desired_definition(None, options(task_role_arn="arn:aws:iam::123456789012:role/task", ephemeral_storage=30))
    )
    request = desired_definition(current, options(execution_role_arn=None))

    assert request["taskRoleArn"] == "arn:aws:iam::123456789012:role/task"
    assert request["executionRoleArn"] == EXECUTION_ROLE
    assert request["ephemeralStorage"] == {"sizeInGiB": 30}
    assert definition_differences(current, request) == []


def test_an_empty_role_removes_it_and_the_default_storage_is_none():
    current = stored(
        desired_definition(None, options(task_role_arn="arn:aws:iam::123456789012:role/task", ephemeral_storage=30))
    )
    request = desired_definition(current, options(task_role_arn="", ephemeral_storage=20))

    assert "taskRoleArn" not in request and "ephemeralStorage" not in request
    assert definition_differences(current, request) == ["ephemeralStorage", "taskRoleArn"]


def test_the_default_runtime_platform_equals_none():
    request = desired_definition(None, options())
    current = stored(request, runtimePlatform={"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"})

    assert definition_differences(current, request) == []


def test_a_new_family_differs_in_everything():
    assert "containers.api" in definition_differences(None, desired_definition(None, options()))


# Results


def test_the_result_is_snake_case_with_arn_and_tags_and_user_keys_kept():
    result = definition_to_result(stored(desired_definition(None, options())), {"Environment": "prod"})

    assert result["arn"] == result["task_definition_arn"]
    assert result["revision"] == 3 and result["family"] == "shop-api-prod"
    assert result["container_definitions"][0]["log_configuration"]["options"] == {"awslogs-group": "/ecs/shop-prod"}
    assert result["tags"] == {"Environment": "prod"}


def test_the_diff_view_shows_only_what_differs():
    request = desired_definition(None, options())
    before = definition_view(stored(request), {})
    after = definition_view({**request, "revision": 4}, {})

    assert before["container_definitions"] == after["container_definitions"]
    assert (before["revision"], after["revision"]) == (3, 4)
    assert definition_view(None, {}) == {}


def test_the_canonical_form_holds_only_managed_settings():
    canonical = canonical_definition(stored(desired_definition(None, options())))

    assert set(canonical) <= set(MANAGED_KEYS)
    assert "volumes" not in canonical
