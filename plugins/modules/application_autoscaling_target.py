#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: application_autoscaling_target
version_added: 0.7.0
short_description: Manage an Application Auto Scaling scalable target and its target tracking policies
description:
  - Register a scalable target of Application Auto Scaling (for example the desired count of an ECS service) with
    its minimum and maximum capacity, and put its target tracking scaling policies; or deregister it.
  - The target and its policies are read with two calls and compared with what was asked (a policy's target value
    as a number, C(DisableScaleIn) false when unset, a cooldown only when it is given); only what differs is sent,
    so a converged target is never reported as changed.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  service_namespace:
    description:
      - The namespace of the AWS service that owns the resource, for example V(ecs).
    type: str
    required: true
  resource_id:
    description:
      - The resource, as Application Auto Scaling names it, for example V(service/CLUSTER/SERVICE) for an ECS
        service.
    type: str
    required: true
  scalable_dimension:
    description:
      - The dimension that scales, for example V(ecs:service:DesiredCount).
    type: str
    required: true
  state:
    description:
      - V(present) registers the target and puts its policies.
      - V(absent) deregisters the target, which deletes its scaling policies with it.
    type: str
    choices: ["present", "absent"]
    default: present
  min_capacity:
    description:
      - The fewest the target scales in to. Required to register a target; unset, the target's value is kept.
    type: int
  max_capacity:
    description:
      - The most the target scales out to. Required to register a target; unset, the target's value is kept.
    type: int
  target_tracking_policies:
    description:
      - The target's target tracking scaling policies, each on a predefined metric.
      - Unset, the target's policies are left alone.
    type: list
    elements: dict
    suboptions:
      policy_name:
        description: The name of the policy, unique for the target.
        type: str
        required: true
      predefined_metric_type:
        description: The predefined metric, for example V(ECSServiceAverageCPUUtilization).
        type: str
        required: true
      resource_label:
        description: The resource label a predefined metric needs (C(ALBRequestCountPerTarget) only).
        type: str
      target_value:
        description: The value of the metric the policy keeps the target at, for example V(70) (%).
        type: float
        required: true
      scale_in_cooldown:
        description: Seconds after a scale-in before another scale-in, 0 to 86400. Unset, AWS's default applies.
        type: int
      scale_out_cooldown:
        description: Seconds after a scale-out before another scale-out, 0 to 86400. Unset, AWS's default applies.
        type: int
      disable_scale_in:
        description: Whether the policy never scales in.
        type: bool
        default: false
  purge_policies:
    description:
      - With O(target_tracking_policies), delete the target's scaling policies it does not name.
    type: bool
    default: true
notes:
  - This module replaces M(community.aws.application_autoscaling_policy). In community.aws 10.0.0 that module writes
    in check mode (it registers the target and puts the policy regardless), compares a policy's configuration as a
    whole dict, so that a value AWS returns in another form reports a change, never updates the minimum and maximum
    unless C(override_task_capacity) is set, has no diff, and manages one policy a call, reading the target again
    for each.
  - Every write is synchronous, so the module has nothing to wait for.
  - The caller needs C(application-autoscaling:DescribeScalableTargets), C(application-autoscaling:DescribeScalingPolicies),
    C(application-autoscaling:RegisterScalableTarget), C(application-autoscaling:DeregisterScalableTarget),
    C(application-autoscaling:PutScalingPolicy), C(application-autoscaling:DeleteScalingPolicy), the permissions
    of the scaled service (C(ecs:DescribeServices), C(ecs:UpdateService)), C(cloudwatch:PutMetricAlarm),
    C(cloudwatch:DescribeAlarms), C(cloudwatch:DeleteAlarms), and C(iam:CreateServiceLinkedRole) for the first
    target of a service.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Scale the API service from 2 to 10 tasks on CPU and memory
  appstack.aws.application_autoscaling_target:
    service_namespace: ecs
    resource_id: service/shop-prod/shop-api-prod
    scalable_dimension: ecs:service:DesiredCount
    min_capacity: 2
    max_capacity: 10
    target_tracking_policies:
      - policy_name: shop-api-prod-cpu
        predefined_metric_type: ECSServiceAverageCPUUtilization
        target_value: 70
        scale_in_cooldown: 300
        scale_out_cooldown: 60
      - policy_name: shop-api-prod-memory
        predefined_metric_type: ECSServiceAverageMemoryUtilization
        target_value: 80

- name: Stop scaling the service
  appstack.aws.application_autoscaling_target:
    service_namespace: ecs
    resource_id: service/shop-prod/shop-api-prod
    scalable_dimension: ecs:service:DesiredCount
    state: absent
"""

RETURN = r"""
scalable_target:
  description:
    - The scalable target, with the keys of C(DescribeScalableTargets) in snake_case (as predicted in check mode).
  returned: when O(state=present)
  type: dict
  contains:
    resource_id:
      description: The resource.
      returned: always
      type: str
      sample: service/shop-prod/shop-api-prod
    min_capacity:
      description: The minimum capacity.
      returned: always
      type: int
      sample: 2
    max_capacity:
      description: The maximum capacity.
      returned: always
      type: int
      sample: 10
    scalable_target_arn:
      description: The ARN of the target.
      returned: when the target is registered and AWS reports it
      type: str
scaling_policies:
  description: The target's scaling policies, sorted by name, with the keys of C(DescribeScalingPolicies) in snake_case.
  returned: when O(state=present)
  type: list
  elements: dict
  contains:
    policy_name:
      description: The name of the policy.
      returned: always
      type: str
      sample: shop-api-prod-cpu
    policy_arn:
      description: The ARN of the policy.
      returned: when the policy exists
      type: str
    target_tracking_scaling_policy_configuration:
      description: The policy's target tracking configuration.
      returned: for a target tracking policy
      type: dict
      sample: {"target_value": 70.0, "predefined_metric_specification": {"predefined_metric_type": "ECSServiceAverageCPUUtilization"}}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.application_autoscaling import (
    AnsibleApplicationAutoScalingError,
    delete_scaling_policy,
    deregister_scalable_target,
    describe_scaling_policies,
    get_scalable_target,
    put_target_tracking_policy,
    register_scalable_target,
)
from ansible_collections.appstack.aws.plugins.module_utils.application_autoscaling_plan import (
    config_view,
    creation_problems,
    policies_to_result,
    policy_changes,
    predicted_policies,
    predicted_target,
    target_request,
    target_to_result,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def ensure_present(client, current, current_policies, params, check_mode):
    """Register the target and put its policies as asked.

    :return: (changed, (the target as expected, its policies as expected))
    """
    key = (params["service_namespace"], params["resource_id"], params["scalable_dimension"])
    request = target_request(current, params)
    to_put, to_delete = policy_changes(current_policies, params)
    if not check_mode:
        if request:
            register_scalable_target(client, *key, request)
        for name in to_delete:
            delete_scaling_policy(client, *key, name)
        for name, configuration in to_put.items():
            put_target_tracking_policy(client, *key, name, configuration)
    changed = bool(request or to_put or to_delete)
    target = predicted_target(current, params, request)
    return changed, (target, predicted_policies(current_policies, params, to_put, to_delete))


def ensure_absent(client, current, params, check_mode):
    """Deregister the target (and so its policies). Returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        deregister_scalable_target(
            client, params["service_namespace"], params["resource_id"], params["scalable_dimension"]
        )
    return True, None


def main():
    policy_spec = dict(
        policy_name=dict(type="str", required=True),
        predefined_metric_type=dict(type="str", required=True),
        resource_label=dict(type="str"),
        target_value=dict(type="float", required=True),
        scale_in_cooldown=dict(type="int"),
        scale_out_cooldown=dict(type="int"),
        disable_scale_in=dict(type="bool", default=False),
    )
    argument_spec = dict(
        service_namespace=dict(type="str", required=True),
        resource_id=dict(type="str", required=True),
        scalable_dimension=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        min_capacity=dict(type="int"),
        max_capacity=dict(type="int"),
        target_tracking_policies=dict(type="list", elements="dict", options=policy_spec),
        purge_policies=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("application-autoscaling", retry_decorator=AWSRetry.jittered_backoff())
    key = (params["service_namespace"], params["resource_id"], params["scalable_dimension"])

    result = {}
    after = {}
    try:
        current = get_scalable_target(client, *key)
        current_policies = describe_scaling_policies(client, *key) if current else []
        if params["state"] == "absent":
            changed, _ = ensure_absent(client, current, params, module.check_mode)
        else:
            if current is None:
                module.fail_on_invalid(creation_problems(params))
            changed, (target, policies) = ensure_present(client, current, current_policies, params, module.check_mode)
            after = config_view(target, policies)
            if changed and not module.check_mode:
                target = get_scalable_target(client, *key) or target
                policies = describe_scaling_policies(client, *key)
            result["scalable_target"] = target_to_result(target)
            result["scaling_policies"] = policies_to_result(policies)
    except AnsibleApplicationAutoScalingError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": config_view(current, current_policies), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
