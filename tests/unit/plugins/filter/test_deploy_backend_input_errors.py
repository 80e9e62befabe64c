"""Unit tests of the deploy_backend_input_errors filter: one per rule."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.deploy_backend_input_errors import deploy_backend_input_errors

MIGRATION = ["alembic", "upgrade", "head"]


def inputs(**overrides):
    values = {
        "deploy_backend_compute": "ecs_fargate",
        "deploy_backend_migration_command": MIGRATION,
        "deploy_backend_migration_timeout": 1800,
        "deploy_backend_migration_log_lines": 50,
        "deploy_migration_command": MIGRATION,
    }
    values.update(overrides)
    return values


def test_valid_input_has_no_problem():
    assert deploy_backend_input_errors(inputs()) == []
    assert deploy_backend_input_errors(inputs(deploy_backend_migration_command=[], deploy_migration_command=[])) == []


@pytest.mark.parametrize("command", ["alembic upgrade head", ["alembic", ""], ["alembic", 3], {"run": "x"}])
def test_a_migration_command_that_is_not_a_list_of_strings_names_the_shared_input_the_user_set(command):
    (problem,) = deploy_backend_input_errors(
        inputs(deploy_backend_migration_command=command, deploy_migration_command=command)
    )
    assert problem.startswith("deploy_migration_command must be a list of non-empty strings")


def test_a_role_variable_set_on_its_own_is_named_as_such():
    (problem,) = deploy_backend_input_errors(inputs(deploy_backend_migration_command="migrate"))
    assert problem.startswith("deploy_backend_migration_command must be a list of non-empty strings")


def test_numbers_given_as_strings_on_the_command_line_are_taken():
    assert (
        deploy_backend_input_errors(
            inputs(deploy_backend_migration_timeout="60", deploy_backend_migration_log_lines="0")
        )
        == []
    )


@pytest.mark.parametrize("timeout", [0, -5, "ten", True, "-3"])
def test_the_migration_timeout_must_be_seconds_above_0(timeout):
    (problem,) = deploy_backend_input_errors(inputs(deploy_backend_migration_timeout=timeout))
    assert problem.startswith("deploy_backend_migration_timeout must be a number of seconds above 0")


def test_the_log_lines_must_be_0_to_10000():
    (problem,) = deploy_backend_input_errors(inputs(deploy_backend_migration_log_lines=10001))
    assert problem == "deploy_backend_migration_log_lines must be 0 to 10000; got 10001."


def test_an_unknown_compute_choice_is_named():
    (problem,) = deploy_backend_input_errors(inputs(deploy_backend_compute="lambda"))
    assert problem == "deploy_backend_compute must be one of apprunner, ecs_fargate; got 'lambda'."
