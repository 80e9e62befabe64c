"""The deploy's own inputs that argument specs cannot check: the migration command, its timeout and log lines,
and the compute choice the deploy branches on."""

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import whole_number

DOCUMENTATION = r"""
name: deploy_backend_input_errors
version_added: 0.7.0
short_description: Check the backend deploy's migration and compute inputs
description:
  - Returns every problem of I(_input), each naming the variable and what is allowed. The migration command is named
    C(deploy_migration_command) when C(deploy_backend_migration_command) holds its value (the inventory set the
    shared input), else C(deploy_backend_migration_command).
options:
  _input:
    description:
      - C(deploy_backend_compute), C(deploy_backend_migration_command), C(deploy_backend_migration_timeout),
        C(deploy_backend_migration_log_lines) and C(deploy_migration_command) (the shared input, or null).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Check the deploy's migration input
  ansible.builtin.set_fact:
    problems: "{{ deploy_inputs | appstack.aws.deploy_backend_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem; empty when the input is valid.
  type: list
  elements: str
"""

COMPUTE_CHOICES = ("apprunner", "ecs_fargate")
LOG_LINES_MAX = 10000


def _command_name(inputs):
    own = inputs.get("deploy_backend_migration_command")
    shared = inputs.get("deploy_migration_command")
    return "deploy_migration_command" if shared is not None and own == shared else "deploy_backend_migration_command"


def deploy_backend_input_errors(inputs):
    problems = []
    compute = inputs.get("deploy_backend_compute")
    if compute not in COMPUTE_CHOICES:
        problems.append(f"deploy_backend_compute must be one of {', '.join(COMPUTE_CHOICES)}; got {compute!r}.")
    command = inputs.get("deploy_backend_migration_command")
    if command is None:
        command = []
    if not isinstance(command, list) or not all(isinstance(word, str) and word for word in command):
        problems.append(
            f"{_command_name(inputs)} must be a list of non-empty strings, the command and its arguments"
            f' (e.g. ["alembic", "upgrade", "head"]), or [] for no migration; got {command!r}.'
        )
    timeout = inputs.get("deploy_backend_migration_timeout")
    if whole_number(timeout) is None or whole_number(timeout) <= 0:
        problems.append(f"deploy_backend_migration_timeout must be a number of seconds above 0; got {timeout!r}.")
    lines = inputs.get("deploy_backend_migration_log_lines")
    if whole_number(lines) is None or not 0 <= whole_number(lines) <= LOG_LINES_MAX:
        problems.append(f"deploy_backend_migration_log_lines must be 0 to {LOG_LINES_MAX}; got {lines!r}.")
    return problems


class FilterModule:
    def filters(self):
        return {"deploy_backend_input_errors": deploy_backend_input_errors}
