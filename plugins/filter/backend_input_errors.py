"""The backend's compute-neutral inputs (appstack_compute, appstack_backend_*, deploy_migration_command).

Either compute role (apprunner, ecs) defaults its own variables to the shared ones. Its checks name its own
variables; ``shared_input_names`` renames them in its messages when the role variable holds the shared one's
value, i.e. when the inventory set the shared input, so that the message names what the user wrote.
"""

import re

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: backend_input_errors
short_description: Check the compute choice and the backend's shared inputs
version_added: 0.7.0
description:
  - Returns every problem of I(_input) (a dict of the shared inputs), each naming the variable and the allowed values.
  - The companion filter C(shared_input_names) renames a role's variables to the shared ones in messages.
options:
  _input:
    description: appstack_compute, appstack_environment, appstack_backend_deployment_strategy, deploy_migration_command.
    type: dict
    required: true
"""

COMPUTE_CHOICES = ("apprunner", "ecs_fargate")
STRATEGIES = ("rolling", "blue_green")
REQUIRED = ("appstack_compute", "appstack_backend_deployment_strategy", "deploy_migration_command")


def _compute_errors(inputs):
    compute = inputs["appstack_compute"]
    if compute in COMPUTE_CHOICES:
        return []
    return [f"appstack_compute must be one of {', '.join(COMPUTE_CHOICES)}; got {compute!r}."]


def _strategy_errors(inputs):
    strategy = inputs["appstack_backend_deployment_strategy"]
    if strategy not in STRATEGIES:
        return [f"appstack_backend_deployment_strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}."]
    if strategy == "blue_green" and inputs["appstack_compute"] == "apprunner":
        return [
            "appstack_backend_deployment_strategy blue_green needs appstack_compute ecs_fargate (App Runner deploys"
            " in place); use rolling with apprunner."
        ]
    return []


def _migration_errors(inputs):
    command = inputs["deploy_migration_command"]
    if command in (None, ""):
        return []
    if not isinstance(command, list) or not all(isinstance(word, str) and word for word in command):
        return [
            "deploy_migration_command must be a list of non-empty strings, the command and its arguments"
            f' (e.g. ["alembic", "upgrade", "head"]), or []; got {command!r}.'
        ]
    return []


def backend_input_errors(inputs):
    require_inputs("backend_input_errors", inputs, REQUIRED)
    return _compute_errors(inputs) + _strategy_errors(inputs) + _migration_errors(inputs)


def shared_input_names(messages, role_inputs, shared_inputs):
    """messages with each role variable renamed to its shared input where both hold the same value.

    role_inputs maps a role variable to its value; shared_inputs maps the same role variable to
    [shared variable name, its value]."""
    renamed = []
    for message in messages:
        for variable, (shared_name, shared_value) in shared_inputs.items():
            if variable in role_inputs and role_inputs[variable] == shared_value:
                message = re.sub(rf"\b{re.escape(variable)}\b", shared_name, message)
        renamed.append(message)
    return renamed


class FilterModule:
    def filters(self):
        return {"backend_input_errors": backend_input_errors, "shared_input_names": shared_input_names}
