"""Semantic checks of the ecs role's input, run before any AWS call.

Argument specs check types; they cannot tell that Fargate offers no such CPU and memory pair, that a minimum
exceeds a maximum or that a health check path lacks its leading '/'. This filter does, with messages that name the
variable at fault and what it allows (the role renames a variable to the shared appstack_backend_* input it holds,
with appstack.aws.shared_input_names).
"""

import re

from ansible_collections.appstack.aws.plugins.filter.app_tier_input_errors import (
    BUILT_IN_SECRETS,
    BUILT_IN_VARIABLES,
    image_tag_errors,
    secret_reference_errors,
)
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definition_plan import (
    fargate_cpu_memory_problem,
)
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import range_errors, require_inputs, whole_number

DOCUMENTATION = r"""
name: ecs_input_errors
version_added: 0.7.0
short_description: List what is wrong with the input of the ecs role
description:
  - Takes the ecs role's variables by name and returns a list of messages, empty when the input is valid; each
    message names the variable at fault and what it allows.
options:
  _input:
    description: The role's variables by name (C(ecs__checked_inputs) in the role's C(vars/main.yml)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the ecs input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs | appstack.aws.ecs_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# Cluster and service names: up to 255 letters, digits, hyphens and underscores (CreateCluster, CreateService).
ECS_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
STRATEGIES = ("rolling", "blue_green")
CONTAINER_INSIGHTS = ("enabled", "enhanced", "disabled")
# Application Auto Scaling's target tracking values and cooldowns; ECS's container health check (HealthCheck).
TARGET_VALUE_RANGE = (1, 100)
COOLDOWN_RANGE = (0, 86400)
HEALTH_CHECK_RANGES = {
    "ecs_health_check_interval": (5, 300),
    "ecs_health_check_timeout": (2, 60),
    "ecs_health_check_retries": (1, 10),
    "ecs_health_check_start_period": (0, 300),
}

ECS_INPUTS = (
    "ecs_cluster_name",
    "ecs_service_name",
    "ecs_image_tag",
    "ecs_port",
    "ecs_cpu",
    "ecs_memory",
    "ecs_min_capacity",
    "ecs_max_capacity",
    "ecs_health_check_path",
    "ecs_deployment_strategy",
    "ecs_container_insights",
    "ecs_cpu_target",
    "ecs_memory_target",
    "ecs_scale_in_cooldown",
    "ecs_scale_out_cooldown",
    "ecs_health_check_grace_period",
    "ecs_bake_time",
    "ecs_extra_env",
    "ecs_extra_secrets",
    *HEALTH_CHECK_RANGES,
)


def _name_errors(inputs):
    errors = []
    for variable in ("ecs_cluster_name", "ecs_service_name"):
        name = inputs[variable]
        if not isinstance(name, str) or not ECS_NAME.match(name):
            errors.append(f"{variable} must be 1 to 255 letters, digits, '-' and '_'; got {name!r}.")
    return errors


def _size_errors(inputs):
    problem = fargate_cpu_memory_problem(inputs["ecs_cpu"], inputs["ecs_memory"], "ecs_cpu", "ecs_memory")
    if problem is None:
        return []
    return [f"{problem} Write the CPU as units (1024) or vCPU ('1 vCPU'), the memory as MiB (2048) or GB ('2 GB')."]


def _scaling_errors(inputs):
    errors = range_errors("ecs_min_capacity", inputs["ecs_min_capacity"], 0, 1000)
    errors += range_errors("ecs_max_capacity", inputs["ecs_max_capacity"], 1, 1000)
    low, high = whole_number(inputs["ecs_min_capacity"]), whole_number(inputs["ecs_max_capacity"])
    if not errors and low > high:
        errors.append(f"ecs_min_capacity ({low}) must not exceed ecs_max_capacity ({high}).")
    errors += range_errors("ecs_cpu_target", inputs["ecs_cpu_target"], *TARGET_VALUE_RANGE)
    errors += range_errors("ecs_memory_target", inputs["ecs_memory_target"], *TARGET_VALUE_RANGE)
    errors += range_errors("ecs_scale_in_cooldown", inputs["ecs_scale_in_cooldown"], *COOLDOWN_RANGE)
    errors += range_errors("ecs_scale_out_cooldown", inputs["ecs_scale_out_cooldown"], *COOLDOWN_RANGE)
    return errors


def _health_check_errors(inputs):
    errors = []
    path = inputs["ecs_health_check_path"]
    if not isinstance(path, str) or not path.startswith("/") or any(char in path for char in " '\"`$;|&"):
        errors.append(
            "ecs_health_check_path must start with '/' and hold no spaces, quotes or shell characters"
            f" (e.g. /health); got {path!r}."
        )
    for variable, (low, high) in HEALTH_CHECK_RANGES.items():
        errors += range_errors(variable, inputs[variable], low, high)
    errors += range_errors("ecs_health_check_grace_period", inputs["ecs_health_check_grace_period"], 0, 2147483647)
    return errors


def _choice_errors(inputs):
    errors = []
    strategy = inputs["ecs_deployment_strategy"]
    if strategy not in STRATEGIES:
        errors.append(f"ecs_deployment_strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}.")
    elif strategy == "blue_green":
        errors += range_errors("ecs_bake_time", inputs["ecs_bake_time"], 0, 1440)
    insights = inputs["ecs_container_insights"]
    if insights not in CONTAINER_INSIGHTS:
        errors.append(f"ecs_container_insights must be one of {', '.join(CONTAINER_INSIGHTS)}; got {insights!r}.")
    return errors


def _variable_errors(inputs):
    env, secrets = inputs["ecs_extra_env"] or {}, inputs["ecs_extra_secrets"] or {}
    errors = []
    for variable, names in (("ecs_extra_env", env), ("ecs_extra_secrets", secrets)):
        bad = sorted(str(name) for name in names if not ENV_NAME.match(str(name)))
        if bad:
            errors.append(f"{variable}: {bad} are not environment variable names ([A-Za-z_][A-Za-z0-9_]*).")
    errors += secret_reference_errors("ecs_extra_secrets", secrets)
    clashes = sorted((set(env) | set(BUILT_IN_VARIABLES)) & (set(secrets) | set(BUILT_IN_SECRETS)))
    if clashes:
        errors.append(
            f"ecs_extra_env and ecs_extra_secrets both set {clashes}: a name is either a plain variable or a secret"
            f" (the role sets {', '.join(BUILT_IN_VARIABLES)} and the secrets {', '.join(BUILT_IN_SECRETS)})."
        )
    overridden = sorted((set(env) & set(BUILT_IN_VARIABLES)) | (set(secrets) & set(BUILT_IN_SECRETS)))
    if overridden:
        errors.append(f"{overridden} are set by the ecs role itself; leave them out of the extra variables.")
    return errors


def ecs_input_errors(inputs):
    require_inputs("ecs_input_errors", inputs, ECS_INPUTS)
    errors = _name_errors(inputs) + _size_errors(inputs) + _scaling_errors(inputs)
    errors += _health_check_errors(inputs) + _choice_errors(inputs) + _variable_errors(inputs)
    errors += range_errors("ecs_port", inputs["ecs_port"], 1, 65535)
    tag = inputs["ecs_image_tag"]
    if tag not in (None, ""):
        errors += image_tag_errors(tag, "ecs_image_tag")
    return errors


class FilterModule:
    def filters(self):
        return {"ecs_input_errors": ecs_input_errors}
