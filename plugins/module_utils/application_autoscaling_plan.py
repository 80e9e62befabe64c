# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.application_autoscaling_target, as pure functions: the options checked, whether the
scalable target must be registered again, which target tracking policies must be put or deleted, and the results.

A policy is compared in a canonical form: the target value as a float, DisableScaleIn false when unset, and a
cooldown compared only when it was asked for (Application Auto Scaling applies a default to one left out). It
imports nothing of botocore.
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

TARGET_TRACKING = "TargetTrackingScaling"
COOLDOWN_RANGE = (0, 86400)


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    low, high = params.get("min_capacity"), params.get("max_capacity")
    for option, value in (("min_capacity", low), ("max_capacity", high)):
        if value is not None and value < 0:
            problems.append(f"{option} must be 0 or more, not {value}.")
    if low is not None and high is not None and low > high:
        problems.append(f"min_capacity ({low}) must not exceed max_capacity ({high}).")
    names = [policy["policy_name"] for policy in params.get("target_tracking_policies") or []]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(f"target_tracking_policies: the policy names {duplicates} are given more than once.")
    for index, policy in enumerate(params.get("target_tracking_policies") or []):
        option = f"target_tracking_policies[{index}]"
        if policy["target_value"] <= 0:
            problems.append(f"{option}.target_value must be above 0, not {policy['target_value']}.")
        for key in ("scale_in_cooldown", "scale_out_cooldown"):
            value = policy.get(key)
            if value is not None and not COOLDOWN_RANGE[0] <= value <= COOLDOWN_RANGE[1]:
                problems.append(f"{option}.{key} must be from 0 to 86400 seconds, not {value}.")
    return problems


def creation_problems(params):
    missing = [option for option in ("min_capacity", "max_capacity") if params.get(option) is None]
    if missing:
        return [f"Registering scalable target {params['resource_id']} needs {' and '.join(missing)}."]
    return []


def target_request(current, params):
    """The RegisterScalableTarget capacities to send ({} when the target exists with the capacities asked)."""
    request = {}
    for option, key in (("min_capacity", "MinCapacity"), ("max_capacity", "MaxCapacity")):
        wanted = params.get(option)
        if wanted is not None and (current is None or current.get(key) != wanted):
            request[key] = wanted
    if current is None:
        request.setdefault("MinCapacity", params.get("min_capacity"))
        request.setdefault("MaxCapacity", params.get("max_capacity"))
    return request


def policy_configuration(policy):
    """A target_tracking_policies item as TargetTrackingScalingPolicyConfiguration."""
    metric = {"PredefinedMetricType": policy["predefined_metric_type"]}
    if policy.get("resource_label"):
        metric["ResourceLabel"] = policy["resource_label"]
    config = {"TargetValue": float(policy["target_value"]), "PredefinedMetricSpecification": metric}
    for option, key in (("scale_in_cooldown", "ScaleInCooldown"), ("scale_out_cooldown", "ScaleOutCooldown")):
        if policy.get(option) is not None:
            config[key] = policy[option]
    config["DisableScaleIn"] = bool(policy.get("disable_scale_in"))
    return config


def _policy_matches(current, wanted):
    if current.get("PolicyType") != TARGET_TRACKING:
        return False
    have = current.get("TargetTrackingScalingPolicyConfiguration") or {}
    if float(have.get("TargetValue", -1)) != wanted["TargetValue"]:
        return False
    if (have.get("PredefinedMetricSpecification") or {}) != wanted["PredefinedMetricSpecification"]:
        return False
    if bool(have.get("DisableScaleIn")) != wanted["DisableScaleIn"]:
        return False
    return all(have.get(key) == wanted[key] for key in ("ScaleInCooldown", "ScaleOutCooldown") if key in wanted)


def policy_changes(current_policies, params):
    """(the policies to put, as {name: configuration}, the names of the policies to delete)."""
    wanted = params.get("target_tracking_policies")
    if wanted is None:
        return {}, []
    by_name = {policy["PolicyName"]: policy for policy in current_policies}
    to_put = {}
    for policy in wanted:
        config = policy_configuration(policy)
        current = by_name.get(policy["policy_name"])
        if current is None or not _policy_matches(current, config):
            to_put[policy["policy_name"]] = config
    names = {policy["policy_name"] for policy in wanted}
    to_delete = sorted(name for name in by_name if name not in names) if params.get("purge_policies") else []
    return to_put, to_delete


def predicted_policies(current_policies, params, to_put, to_delete):
    """The policies as they are expected to be after the changes (check mode, diff), sorted by name."""
    policies = {
        policy["PolicyName"]: dict(policy) for policy in current_policies if policy["PolicyName"] not in to_delete
    }
    for name, config in to_put.items():
        policies[name] = {
            **policies.get(name, {}),
            "PolicyName": name,
            "ServiceNamespace": params["service_namespace"],
            "ResourceId": params["resource_id"],
            "ScalableDimension": params["scalable_dimension"],
            "PolicyType": TARGET_TRACKING,
            "TargetTrackingScalingPolicyConfiguration": config,
        }
    return [policies[name] for name in sorted(policies)]


def predicted_target(current, params, request):
    target = dict(current or {})
    target.update(
        {
            "ServiceNamespace": params["service_namespace"],
            "ResourceId": params["resource_id"],
            "ScalableDimension": params["scalable_dimension"],
        }
    )
    target.update(request)
    return target


def config_view(target, policies):
    """What the module manages, snake_case, for the diff ({} for no target)."""
    if not target:
        return {}
    return {
        "min_capacity": target.get("MinCapacity"),
        "max_capacity": target.get("MaxCapacity"),
        "policies": {
            policy["PolicyName"]: camel_dict_to_snake_dict(policy.get("TargetTrackingScalingPolicyConfiguration") or {})
            for policy in policies
        },
    }


def target_to_result(target):
    return camel_dict_to_snake_dict(target or {})


def policies_to_result(policies):
    return [camel_dict_to_snake_dict(policy) for policy in sorted(policies, key=lambda policy: policy["PolicyName"])]
