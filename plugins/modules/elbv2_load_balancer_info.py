#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_load_balancer_info
version_added: 0.7.0
short_description: Read application load balancers with their attributes, listeners and tags
description:
  - Read Elastic Load Balancing application load balancers, shaped as M(appstack.aws.elbv2_load_balancer) returns
    them, with their attributes, listeners and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  names:
    description:
      - The names of the load balancers to read. Names with no load balancer are left out.
      - Without it, every application load balancer of the account and region is read.
    type: list
    elements: str
notes:
  - Reads with C(DescribeLoadBalancers) (one call for each name), C(DescribeTags) for 20 load balancers at a time,
    then C(DescribeLoadBalancerAttributes) and C(DescribeListeners) for each load balancer.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the ALB of an environment
  appstack.aws.elbv2_load_balancer_info:
    names: [shop-prod]
  register: shop_alb

- name: Read every application load balancer of the region
  appstack.aws.elbv2_load_balancer_info:
"""

RETURN = r"""
load_balancers:
  description:
    - The application load balancers, sorted by name, with the keys of C(DescribeLoadBalancers) in snake_case; see
      M(appstack.aws.elbv2_load_balancer) for the keys.
  returned: always
  type: list
  elements: dict
  contains:
    load_balancer_arn:
      description: The ARN of the load balancer.
      returned: always
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-prod/0123456789abcdef
    dns_name:
      description: The DNS name.
      returned: always
      type: str
      sample: shop-prod-1234567890.us-east-1.elb.amazonaws.com
    state:
      description: The state.
      returned: always
      type: dict
      sample: {"code": "active"}
    attributes:
      description: The attributes, keyed as AWS names them, values as strings.
      returned: always
      type: dict
      sample: {"deletion_protection.enabled": "true"}
    listeners:
      description: The listeners, sorted by port, with the keys of C(DescribeListeners) in snake_case.
      returned: always
      type: list
      elements: dict
    tags:
      description: The tags.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancer_plan import load_balancer_to_result
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancers import (
    AnsibleELBv2Error,
    describe_listeners,
    describe_load_balancers,
    describe_tags,
    get_attributes,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

# DescribeTags takes at most 20 resources a call.
TAGS_BATCH = 20


def find_load_balancers(client, names=None):
    """The application load balancers asked for, as the module returns them, by name."""
    if names is not None:
        # One name a call: DescribeLoadBalancers fails as a whole when one of its names is missing.
        found = [balancer for name in names for balancer in describe_load_balancers(client, names=[name])]
    else:
        found = describe_load_balancers(client)
    found = [balancer for balancer in found if balancer.get("Type") == "application"]
    arns = [balancer["LoadBalancerArn"] for balancer in found]
    tags = {}
    for start in range(0, len(arns), TAGS_BATCH):
        tags.update(describe_tags(client, arns[start : start + TAGS_BATCH]))
    return [
        load_balancer_to_result(
            balancer,
            get_attributes(client, balancer["LoadBalancerArn"]),
            describe_listeners(client, balancer["LoadBalancerArn"]),
            tags.get(balancer["LoadBalancerArn"], {}),
        )
        for balancer in sorted(found, key=lambda balancer: balancer["LoadBalancerName"])
    ]


def main():
    argument_spec = dict(names=dict(type="list", elements="str"))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        load_balancers = find_load_balancers(client, module.params["names"])
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, load_balancers=load_balancers)


if __name__ == "__main__":
    main()
