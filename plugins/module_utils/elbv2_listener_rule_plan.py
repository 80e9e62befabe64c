# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.elbv2_listener_rule, as pure functions: the options checked, the CreateRule and
ModifyRule requests, whether an existing rule differs, and the rule as the modules return it.

A rule is known by its listener and its priority. Conditions and actions are compared in the form AWS reports
them: a condition by its field and the set of its values (AWS repeats them under ``Values`` and under the field's
own ``...Config``), a forward action by its target groups and their weights (AWS reports a single target group
both as ``TargetGroupArn`` and as a ``ForwardConfig`` of weight 1), a redirect with the ``#{...}`` defaults AWS
applies. With ``preserve_forward_weights`` a forward action that already forwards to the target groups asked
for is left as it is, whatever its weights and order: ECS's native blue/green deployments move traffic by
rewriting those weights, and a converge must not move it back.

It imports nothing of botocore.
"""

from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancer_plan import (
    REDIRECT_DEFAULTS,
    action_to_api,
    target_group_name,
)

CONDITION_FIELDS = ["path-pattern", "host-header", "http-request-method", "source-ip"]
ACTION_TYPES = ["forward", "redirect", "fixed-response"]
# Each condition field's own configuration key (API_RuleCondition.html).
CONDITION_CONFIGS = {
    "path-pattern": "PathPatternConfig",
    "host-header": "HostHeaderConfig",
    "http-request-method": "HttpRequestMethodConfig",
    "source-ip": "SourceIpConfig",
}
PRIORITY_RANGE = (1, 50000)
WEIGHT_RANGE = (0, 999)
# The weight AWS gives a target group whose weight is not given.
DEFAULT_WEIGHT = 1


def _forward_problems(option, action):
    single = [key for key in ("target_group_arn", "target_group_name") if action.get(key)]
    groups = action.get("target_groups") or []
    if len(single) + (1 if groups else 0) != 1:
        return [
            f"{option}.type=forward needs one of {option}.target_group_arn, {option}.target_group_name and"
            f" {option}.target_groups."
        ]
    problems = []
    for index, group in enumerate(groups):
        item = f"{option}.target_groups[{index}]"
        if len([key for key in ("target_group_arn", "target_group_name") if group.get(key)]) != 1:
            problems.append(f"{item} needs one of target_group_arn and target_group_name.")
        weight = group.get("weight")
        if weight is not None and not WEIGHT_RANGE[0] <= weight <= WEIGHT_RANGE[1]:
            problems.append(f"{item}.weight must be between {WEIGHT_RANGE[0]} and {WEIGHT_RANGE[1]}, not {weight}.")
    if len(groups) > 5:
        problems.append(f"{option}.target_groups may name at most 5 target groups, not {len(groups)}.")
    return problems


def _action_problems(option, action):
    kind = action["type"]
    if kind == "forward":
        return _forward_problems(option, action)
    needs = {"redirect": "redirect", "fixed-response": "fixed_response"}[kind]
    if not action.get(needs):
        return [f"{option}.type={kind} needs {option}.{needs}."]
    return []


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    low, high = PRIORITY_RANGE
    if not low <= params["priority"] <= high:
        problems.append(f"priority must be between {low} and {high}, not {params['priority']}.")
    if not (params.get("listener_arn") or "").startswith("arn:") or ":listener/" not in params["listener_arn"]:
        problems.append(
            f"listener_arn must be the ARN of a listener (...:listener/app/...), not {params['listener_arn']!r}."
        )
    if params["state"] == "absent":
        return problems
    for index, condition in enumerate(params.get("conditions") or []):
        if not condition["values"]:
            problems.append(f"conditions[{index}].values must name at least one value.")
    actions = params.get("actions") or []
    for index, action in enumerate(actions):
        problems += _action_problems(f"actions[{index}]", action)
    if params.get("actions") is not None and not actions:
        problems.append("actions must have at least one action.")
    return problems


def creation_problems(params):
    """What a new rule needs that an update doesn't (empty: none)."""
    missing = [option for option in ("conditions", "actions") if not params.get(option)]
    if missing:
        return [f"Creating the rule of priority {params['priority']} needs {' and '.join(missing)}."]
    return []


# --- options to API shapes ------------------------------------------------------------------------------


def condition_to_api(condition):
    field = condition["field"]
    values = list(condition["values"])
    return {"Field": field, CONDITION_CONFIGS[field]: {"Values": values}}


def _group_to_api(group):
    api = {"Weight": DEFAULT_WEIGHT if group.get("weight") is None else group["weight"]}
    if group.get("target_group_arn"):
        api["TargetGroupArn"] = group["target_group_arn"]
    else:
        # Resolved to TargetGroupArn by resolve_target_groups() before it is sent.
        api["TargetGroupName"] = group["target_group_name"]
    return api


def rule_action_to_api(action, order):
    """An actions item as an Actions item of CreateRule/ModifyRule."""
    if action["type"] == "forward" and action.get("target_groups"):
        api = {
            "Type": "forward",
            "ForwardConfig": {"TargetGroups": [_group_to_api(g) for g in action["target_groups"]]},
        }
    else:
        api = action_to_api(action)
    api["Order"] = order
    return api


def desired_rule(params):
    """The conditions and actions asked for, as CreateRule/ModifyRule parameters (None for what is not asked)."""
    return {
        "Conditions": None
        if params.get("conditions") is None
        else [condition_to_api(condition) for condition in params["conditions"]],
        "Actions": None
        if params.get("actions") is None
        else [rule_action_to_api(action, index + 1) for index, action in enumerate(params["actions"])],
    }


def target_group_names(wanted):
    """The target group names the actions forward to by name, sorted (resolve them before sending)."""
    names = set()
    for action in wanted.get("Actions") or []:
        if "TargetGroupName" in action:
            names.add(action["TargetGroupName"])
        for group in (action.get("ForwardConfig") or {}).get("TargetGroups") or []:
            if "TargetGroupName" in group:
                names.add(group["TargetGroupName"])
    return sorted(names)


def resolve_target_groups(actions, arns_by_name):
    """The actions with their target group names replaced by their ARNs."""
    resolved = deepcopy(actions)
    for action in resolved:
        if "TargetGroupName" in action:
            action["TargetGroupArn"] = arns_by_name[action.pop("TargetGroupName")]
        for group in (action.get("ForwardConfig") or {}).get("TargetGroups") or []:
            if "TargetGroupName" in group:
                group["TargetGroupArn"] = arns_by_name[group.pop("TargetGroupName")]
    return resolved


# --- comparison -----------------------------------------------------------------------------------------------


def _condition_key(condition):
    return (condition["Field"], condition["Values"])


def canonical_conditions(conditions):
    """Conditions in one form, in one order."""
    return sorted((canonical_condition(condition) for condition in conditions or []), key=_condition_key)


def canonical_condition(condition):
    field = condition["Field"]
    config = condition.get(CONDITION_CONFIGS.get(field, ""), {})
    values = config.get("Values") if config.get("Values") is not None else condition.get("Values") or []
    return {"Field": field, "Values": sorted(values)}


def _group_name(group):
    return group.get("TargetGroupName") or target_group_name(group["TargetGroupArn"])


def forward_weights(action):
    """{target group name: weight} of a forward action, whether AWS reported it or the options built it."""
    groups = (action.get("ForwardConfig") or {}).get("TargetGroups")
    if groups:
        return {_group_name(group): group.get("Weight", DEFAULT_WEIGHT) for group in groups}
    return {_group_name(action): DEFAULT_WEIGHT}


def canonical_rule_action(action):
    kind = action["Type"]
    if kind == "forward":
        return {"Type": kind, "TargetGroups": sorted(forward_weights(action).items())}
    if kind == "redirect":
        return {"Type": kind, "RedirectConfig": {**REDIRECT_DEFAULTS, **(action.get("RedirectConfig") or {})}}
    if kind == "fixed-response":
        return {"Type": kind, "FixedResponseConfig": dict(action.get("FixedResponseConfig") or {})}
    return {key: value for key, value in action.items() if key != "Order"}


def _ordered(actions):
    return sorted(actions or [], key=lambda action: action.get("Order", 0))


def _same_actions(current, wanted, preserve_forward_weights):
    have = [canonical_rule_action(action) for action in _ordered(current)]
    want = [canonical_rule_action(action) for action in _ordered(wanted)]
    if len(have) != len(want):
        return False
    for mine, theirs, raw in zip(have, want, _ordered(current), strict=True):
        if preserve_forward_weights and mine["Type"] == theirs["Type"] == "forward":
            # ECS's blue/green owns the weights: the same target groups (or some of them) are enough.
            names = set(forward_weights(raw))
            if names and names <= {name for name, _ in theirs["TargetGroups"]}:
                continue
        if mine != theirs:
            return False
    return True


def modify_request(rule, wanted, preserve_forward_weights):
    """What an existing rule must change, as ModifyRule parameters without RuleArn ({}: nothing)."""
    request = {}
    conditions = wanted["Conditions"]
    if conditions is not None and canonical_conditions(rule.get("Conditions")) != canonical_conditions(conditions):
        request["Conditions"] = conditions
    if wanted["Actions"] is not None and not _same_actions(
        rule.get("Actions"), wanted["Actions"], preserve_forward_weights
    ):
        request["Actions"] = wanted["Actions"]
    return request


def apply_modify(rule, request):
    updated = deepcopy(rule)
    updated.update(deepcopy(request))
    return updated


def predicted_rule(params, wanted):
    """A new rule as it is expected to be (check mode, diff)."""
    return {
        "Priority": str(params["priority"]),
        "Conditions": deepcopy(wanted["Conditions"]),
        "Actions": deepcopy(wanted["Actions"]),
        "IsDefault": False,
    }


# --- results ----------------------------------------------------------------------------------------------


def config_view(rule, tags):
    """The settings the module manages, in one form, snake_case, for the diff ({} for no rule)."""
    if not rule:
        return {}
    view = {
        "priority": rule.get("Priority"),
        "conditions": [camel_dict_to_snake_dict(c) for c in canonical_conditions(rule.get("Conditions"))],
        "actions": [camel_dict_to_snake_dict(canonical_rule_action(a)) for a in _ordered(rule.get("Actions"))],
    }
    if tags is not None:
        view["tags"] = dict(tags)
    return view


def rule_to_result(rule, tags=None):
    """A rule as the modules return it: snake_case keys, the priority as an int, tags as a dict when known."""
    result = camel_dict_to_snake_dict(rule)
    if str(rule.get("Priority", "")).isdigit():
        result["priority"] = int(rule["Priority"])
    if tags is not None:
        result["tags"] = dict(tags)
    return result
