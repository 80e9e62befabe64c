#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_listener_rule_info
version_added: 0.7.0
short_description: Read the rules of an application load balancer's listener, with their tags
description:
  - Read the rules of an Elastic Load Balancing application load balancer's listener, or rules by ARN, shaped as
    M(appstack.aws.elbv2_listener_rule) returns them, with their tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  listener_arn:
    description:
      - Read the rules of this listener. A listener that does not exist has none.
    type: str
  rule_arns:
    description:
      - Read the rules of these ARNs.
    type: list
    elements: str
  priority:
    description:
      - Keep only the rule of this priority (with O(listener_arn)).
    type: int
  include_default:
    description:
      - Whether the listener's default rule (its default actions, of priority C(default)) is returned too.
    type: bool
    default: false
notes:
  - One of O(listener_arn) and O(rule_arns) is required.
  - Reads with C(DescribeRules), then C(DescribeTags) for 20 rules at a time.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the rules of the HTTPS listener
  appstack.aws.elbv2_listener_rule_info:
    listener_arn: "{{ https_listener_arn }}"
  register: https_rules

- name: Read the production rule of a blue/green service
  appstack.aws.elbv2_listener_rule_info:
    rule_arns: ["{{ production_listener_rule_arn }}"]
"""

RETURN = r"""
rules:
  description:
    - The rules, sorted by priority (a default rule last), with the keys of C(DescribeRules) in snake_case; see
      M(appstack.aws.elbv2_listener_rule) for the keys.
  returned: always
  type: list
  elements: dict
  contains:
    rule_arn:
      description: The ARN of the rule.
      returned: always
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop-prod/0123456789abcdef/0123456789abcdef/0123456789abcdef
    priority:
      description: The priority, a number (C(default) for the default rule).
      returned: always
      type: raw
      sample: 10
    conditions:
      description: The conditions, as AWS reports them.
      returned: always
      type: list
      elements: dict
    actions:
      description: The actions, as AWS reports them.
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
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_listener_rule_plan import rule_to_result
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_listener_rules import (
    AnsibleELBv2Error,
    describe_rules,
    describe_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

# DescribeTags takes at most 20 resources a call.
TAGS_BATCH = 20


def _order(rule):
    priority = rule.get("Priority", "")
    return (0, int(priority)) if priority.isdigit() else (1, 0)


def find_rules(client, listener_arn=None, rule_arns=None, priority=None, include_default=False):
    """The rules asked for, as the module returns them, by priority."""
    found = describe_rules(client, listener_arn=listener_arn, rule_arns=rule_arns)
    if priority is not None:
        found = [rule for rule in found if rule.get("Priority") == str(priority)]
    if not include_default:
        found = [rule for rule in found if not rule.get("IsDefault")]
    arns = [rule["RuleArn"] for rule in found]
    tags = {}
    for start in range(0, len(arns), TAGS_BATCH):
        tags.update(describe_tags(client, arns[start : start + TAGS_BATCH]))
    return [rule_to_result(rule, tags.get(rule["RuleArn"], {})) for rule in sorted(found, key=_order)]


def main():
    argument_spec = dict(
        listener_arn=dict(type="str"),
        rule_arns=dict(type="list", elements="str"),
        priority=dict(type="int"),
        include_default=dict(type="bool", default=False),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["listener_arn", "rule_arns"]],
        required_one_of=[["listener_arn", "rule_arns"]],
    )
    params = module.params
    client = module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())
    try:
        rules = find_rules(
            client, params["listener_arn"], params["rule_arns"], params["priority"], params["include_default"]
        )
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, rules=rules)


if __name__ == "__main__":
    main()
