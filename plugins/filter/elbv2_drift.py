"""What the Elastic Load Balancing modules would change, from the reads of their _info twins.

The alb role reads its load balancer and target groups once, before any write (check_current.yml), and runs each
module only when these filters find a difference. They plan with the modules' own functions (the module_utils
``elbv2_*_plan`` files, ``elbv2.attribute_changes``, ``tagging.plan_tags``), so that an empty list means the module
would report no change.
"""

from ansible.module_utils.common.dict_transformations import snake_dict_to_camel_dict
from ansible_collections.appstack.aws.plugins.module_utils import elbv2_load_balancer_plan as balancer_plan
from ansible_collections.appstack.aws.plugins.module_utils import elbv2_target_group_plan as group_plan
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_attributes import attribute_changes
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import converted_options, find_named, tag_differences

DOCUMENTATION = r"""
name: elbv2_drift
version_added: 0.7.0
short_description: The differences between a load balancer or target group and what its module is asked for
description:
  - This file holds two filters, each taking what an C(_info) module read and the options its resource module is
    given, and returning what the module would change, each a sentence naming the resource; an empty list means the
    module would report no change.
  - C(elbv2_load_balancer_drift(load_balancers, wanted)) takes the C(load_balancers) of
    M(appstack.aws.elbv2_load_balancer_info) and the options of M(appstack.aws.elbv2_load_balancer); it compares the
    subnets, security groups, attributes, listeners (as the module's C(listener_plan) does) and tags.
  - C(elbv2_target_group_drift(target_groups, wanted)) takes the C(target_groups) of
    M(appstack.aws.elbv2_target_group_info) and the options of M(appstack.aws.elbv2_target_group); it compares the
    health check, the attributes and the tags.
  - They plan with the modules' own functions, so that the two never disagree. Options are converted as the
    modules' argument specs convert them (strings of numbers and booleans are fine). A resource that does not exist
    is a difference; with C(state=absent), one that exists is.
options:
  _input:
    description: The list the C(_info) module returned; empty when the resource does not exist.
    type: list
    elements: dict
    required: true
  wanted:
    description: The options of the resource module.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the target group when it differs from the read
  appstack.aws.elbv2_target_group: &target_group
    name: shop-api-prod
    port: 8000
  vars:
    wanted: *target_group
  when: current.target_groups | appstack.aws.elbv2_target_group_drift(wanted) | length > 0
"""

RETURN = r"""
_value:
  description: One sentence per difference; empty when the module would report no change.
  type: list
  elements: str
"""

BALANCER_BOOLEANS = ("deletion_protection", "drop_invalid_header_fields", "purge_listeners", "purge_tags")
GROUP_HEALTH_INTEGERS = ("interval_seconds", "timeout_seconds", "healthy_threshold_count", "unhealthy_threshold_count")


def _plain(value):
    """value as plain dicts and lists (Ansible hands filters lazy containers the dict helpers cannot rebuild)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _api(resource):
    """An info module's snake_case resource in the API's CamelCase, without its attributes, listeners and tags
    (whose keys are AWS's own)."""
    plain = {key: value for key, value in resource.items() if key not in ("attributes", "listeners", "tags")}
    return snake_dict_to_camel_dict(plain, capitalize_first=True)


def _missing_or_absent(what, current, wanted):
    state = wanted.get("state", "present")
    if state == "absent":
        return [f"{what}: to delete"] if current else []
    if current is None:
        return [f"{what}: to create"]
    return None


def _listener_options(listener):
    listener = converted_options(listener, ("port",))
    action = dict(listener["default_action"])
    return {**listener, "default_action": action}


def elbv2_load_balancer_drift(load_balancers, wanted):
    load_balancers, wanted = _plain(load_balancers), _plain(wanted)
    name = wanted["name"]
    what = f"load balancer {name}"
    current = find_named(load_balancers, "load_balancer_name", name)
    early = _missing_or_absent(what, current, wanted)
    if early is not None:
        return early
    params = converted_options(
        {"purge_listeners": True, "purge_tags": True, **wanted}, ("idle_timeout",), BALANCER_BOOLEANS
    )
    params["access_logs"] = converted_options(params.get("access_logs"), (), ("enabled",))
    differences = []
    changes = balancer_plan.update_requests(_api(current), params)
    differences += [f"{what}: {key} to change" for key in sorted(changes)]
    attributes = attribute_changes(current.get("attributes"), balancer_plan.desired_attributes(params))
    differences += [f"{what}: attribute {key} to set to {value}" for key, value in sorted(attributes.items())]
    if params.get("listeners") is not None:
        wanted_listeners = [balancer_plan.listener_to_api(_listener_options(item)) for item in params["listeners"]]
        current_listeners = [
            snake_dict_to_camel_dict(item, capitalize_first=True) for item in current.get("listeners") or []
        ]
        to_create, to_modify, to_delete = balancer_plan.listener_plan(
            current_listeners, wanted_listeners, params["purge_listeners"]
        )
        differences += [f"{what}: listener {request['Port']} to create" for request in to_create]
        differences += [f"{what}: listener {request['Port']} to modify" for _, request in to_modify]
        differences += [f"{what}: listener {arn} to delete" for arn in to_delete]
    return differences + tag_differences(what, current.get("tags"), params)


def elbv2_target_group_drift(target_groups, wanted):
    target_groups, wanted = _plain(target_groups), _plain(wanted)
    name = wanted["name"]
    what = f"target group {name}"
    current = find_named(target_groups, "target_group_name", name)
    early = _missing_or_absent(what, current, wanted)
    if early is not None:
        return early
    params = converted_options(
        {"purge_tags": True, **wanted}, ("port", "deregistration_delay_timeout"), ("purge_tags",)
    )
    if params.get("health_check") is not None:
        params["health_check"] = converted_options(params["health_check"], GROUP_HEALTH_INTEGERS, ("enabled",))
    group = _api(current)
    differences = [f"{what}: {problem}" for problem in group_plan.immutable_problems(group, params)]
    differences += [f"{what}: {key} to change" for key in sorted(group_plan.modify_request(group, params))]
    attributes = attribute_changes(current.get("attributes"), group_plan.desired_attributes(params))
    differences += [f"{what}: attribute {key} to set to {value}" for key, value in sorted(attributes.items())]
    return differences + tag_differences(what, current.get("tags"), params)


class FilterModule:
    def filters(self):
        return {
            "elbv2_load_balancer_drift": elbv2_load_balancer_drift,
            "elbv2_target_group_drift": elbv2_target_group_drift,
        }
