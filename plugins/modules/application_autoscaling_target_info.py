#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: application_autoscaling_target_info
version_added: 0.7.0
short_description: Describe Application Auto Scaling scalable targets and their scaling policies
description:
  - Describe the scalable targets of a service namespace (those of O(resource_ids) when given), each with its
    scaling policies.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  service_namespace:
    description: The namespace of the AWS service that owns the resources, for example V(ecs).
    type: str
    required: true
  resource_ids:
    description: The resources, for example V(service/CLUSTER/SERVICE). Unset, every target of the namespace.
    type: list
    elements: str
  scalable_dimension:
    description: Only the targets of this dimension, for example V(ecs:service:DesiredCount).
    type: str
notes:
  - The caller needs C(application-autoscaling:DescribeScalableTargets) and
    C(application-autoscaling:DescribeScalingPolicies).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the scaling of the API service
  appstack.aws.application_autoscaling_target_info:
    service_namespace: ecs
    resource_ids: [service/shop-prod/shop-api-prod]
    scalable_dimension: ecs:service:DesiredCount
  register: scaling
"""

RETURN = r"""
scalable_targets:
  description: The targets found, with the keys of C(DescribeScalableTargets) in snake_case.
  returned: always
  type: list
  elements: dict
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
    scaling_policies:
      description: The target's scaling policies, sorted by name, with the keys of C(DescribeScalingPolicies) in snake_case.
      returned: always
      type: list
      elements: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.application_autoscaling import (
    AnsibleApplicationAutoScalingError,
    describe_scalable_targets,
    describe_scaling_policies,
)
from ansible_collections.appstack.aws.plugins.module_utils.application_autoscaling_plan import (
    policies_to_result,
    target_to_result,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def find_targets(client, service_namespace, resource_ids=None, scalable_dimension=None):
    targets = describe_scalable_targets(client, service_namespace, resource_ids, scalable_dimension)
    found = []
    for target in sorted(targets, key=lambda target: (target["ResourceId"], target["ScalableDimension"])):
        policies = describe_scaling_policies(
            client, service_namespace, target["ResourceId"], target["ScalableDimension"]
        )
        found.append({**target_to_result(target), "scaling_policies": policies_to_result(policies)})
    return found


def main():
    argument_spec = dict(
        service_namespace=dict(type="str", required=True),
        resource_ids=dict(type="list", elements="str"),
        scalable_dimension=dict(type="str"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("application-autoscaling", retry_decorator=AWSRetry.jittered_backoff())
    params = module.params
    try:
        targets = find_targets(
            client, params["service_namespace"], params["resource_ids"], params["scalable_dimension"]
        )
    except AnsibleApplicationAutoScalingError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, scalable_targets=targets)


if __name__ == "__main__":
    main()
