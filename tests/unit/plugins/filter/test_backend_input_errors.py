"""The compute choice and the backend's shared inputs, and the renaming of a role's variables to the shared ones."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.backend_input_errors import (
    backend_input_errors,
    shared_input_names,
)

VALID = {
    "appstack_compute": "ecs_fargate",
    "appstack_backend_deployment_strategy": "blue_green",
    "deploy_migration_command": ["alembic", "upgrade", "head"],
}


def test_valid_input_has_no_error() -> None:
    assert backend_input_errors(VALID) == []
    assert (
        backend_input_errors(
            {
                **VALID,
                "deploy_migration_command": [],
                "appstack_compute": "apprunner",
                "appstack_backend_deployment_strategy": "rolling",
            }
        )
        == []
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"appstack_compute": "fargate"}, "appstack_compute must be one of apprunner, ecs_fargate; got 'fargate'."),
        ({"appstack_compute": "lambda"}, "appstack_compute must be one of apprunner, ecs_fargate"),
        ({"appstack_backend_deployment_strategy": "canary"}, "must be one of rolling, blue_green; got 'canary'"),
        (
            {"appstack_compute": "apprunner"},
            "appstack_backend_deployment_strategy blue_green needs appstack_compute ecs_fargate",
        ),
        ({"deploy_migration_command": "alembic upgrade head"}, "deploy_migration_command must be a list"),
        ({"deploy_migration_command": ["alembic", ""]}, "deploy_migration_command must be a list of non-empty"),
        ({"deploy_migration_command": [1, 2]}, "deploy_migration_command must be a list"),
    ],
)
def test_each_problem_names_the_variable_and_what_it_allows(change: dict, message: str) -> None:
    [error] = backend_input_errors({**VALID, **change})
    assert message in error


def test_a_missing_input_is_the_role_s_error() -> None:
    with pytest.raises(AnsibleFilterError, match="lacks deploy_migration_command"):
        backend_input_errors({k: v for k, v in VALID.items() if k != "deploy_migration_command"})


def test_messages_name_the_shared_input_the_role_variable_holds() -> None:
    messages = ["ecs_cpu 3 vCPU is not a Fargate size.", "ecs_min_capacity (6) must not exceed ecs_max_capacity (2)."]
    role = {"ecs_cpu": "3 vCPU", "ecs_min_capacity": 6, "ecs_max_capacity": 2}
    shared = {
        "ecs_cpu": ["appstack_backend_cpu", "3 vCPU"],
        "ecs_min_capacity": ["appstack_backend_min_capacity", 1],
        "ecs_max_capacity": ["appstack_backend_max_capacity", 2],
    }
    assert shared_input_names(messages, role, shared) == [
        "appstack_backend_cpu 3 vCPU is not a Fargate size.",
        "ecs_min_capacity (6) must not exceed appstack_backend_max_capacity (2).",
    ]
