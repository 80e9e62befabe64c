#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_target_group_info
version_added: 0.7.0
short_description: Read Elastic Load Balancing target groups with their attributes and tags
description:
  - Read Elastic Load Balancing (v2) target groups, shaped as M(appstack.aws.elbv2_target_group) returns them, with
    their attributes and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  names:
    description:
      - The names of the target groups to read. Names with no target group are left out.
    type: list
    elements: str
  load_balancer_arn:
    description:
      - Read the target groups a load balancer routes to. A load balancer that does not exist has none.
    type: str
notes:
  - Without O(names) or O(load_balancer_arn), every target group of the account and region is read.
  - Reads with C(DescribeTargetGroups) (one call for each name), then C(DescribeTargetGroupAttributes) for each
    target group and C(DescribeTags) for 20 of them at a time.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the API's target group
  appstack.aws.elbv2_target_group_info:
    names: [shop-api-prod]
  register: shop_api_target_group

- name: Read the target groups of a load balancer
  appstack.aws.elbv2_target_group_info:
    load_balancer_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-prod/0123456789abcdef
"""

RETURN = r"""
target_groups:
  description:
    - The target groups, sorted by name, with the keys of C(DescribeTargetGroups) in snake_case; see
      M(appstack.aws.elbv2_target_group) for the keys.
  returned: always
  type: list
  elements: dict
  contains:
    target_group_arn:
      description: The ARN of the target group.
      returned: always
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123456789abcdef
    target_group_name:
      description: The name.
      returned: always
      type: str
      sample: shop-api-prod
    health_check_path:
      description: The path of the health check.
      returned: when set
      type: str
      sample: /api/health
    attributes:
      description: The attributes, keyed as AWS names them, values as strings.
      returned: always
      type: dict
      sample: {"deregistration_delay.timeout_seconds": "30"}
    tags:
      description: The tags.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_group_plan import target_group_to_result
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_groups import (
    AnsibleELBv2Error,
    describe_tags,
    describe_target_groups,
    get_attributes,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

# DescribeTags takes at most 20 resources a call.
TAGS_BATCH = 20


def find_target_groups(client, names=None, load_balancer_arn=None):
    """The target groups asked for, as the module returns them, by name."""
    if names is not None:
        # One name a call: DescribeTargetGroups fails as a whole when one of its names is missing.
        found = [group for name in names for group in describe_target_groups(client, names=[name])]
    else:
        found = describe_target_groups(client, load_balancer_arn=load_balancer_arn)
    arns = [group["TargetGroupArn"] for group in found]
    tags = {}
    for start in range(0, len(arns), TAGS_BATCH):
        tags.update(describe_tags(client, arns[start : start + TAGS_BATCH]))
    return [
        target_group_to_result(
            group, get_attributes(client, group["TargetGroupArn"]), tags.get(group["TargetGroupArn"], {})
        )
        for group in sorted(found, key=lambda group: group["TargetGroupName"])
    ]


def main():
    argument_spec = dict(
        names=dict(type="list", elements="str"),
        load_balancer_arn=dict(type="str"),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, mutually_exclusive=[["names", "load_balancer_arn"]]
    )
    client = module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        target_groups = find_target_groups(client, module.params["names"], module.params["load_balancer_arn"])
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, target_groups=target_groups)


if __name__ == "__main__":
    main()
