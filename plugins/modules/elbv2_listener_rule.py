#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_listener_rule
version_added: 0.7.0
short_description: Manage a rule of an application load balancer's listener
description:
  - Create, update and delete one rule of an Elastic Load Balancing application load balancer's listener, known by
    its listener and its priority, with its conditions (path patterns, host headers, ...) and actions (forward to
    one target group or to weighted target groups, redirect, fixed response).
  - Conditions and actions are compared in the form AWS reports them (a condition by its field and its set of
    values, a forward action by its target groups and their weights, a redirect with the C(#{...}) defaults AWS
    applies), and only a rule that differs is modified, with one C(ModifyRule) call; a converged rule is never
    reported as changed.
  - On an existing rule, O(conditions) or O(actions) left unset keep their current value.
  - A rule takes effect as soon as it is created, so the module has nothing to wait for.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  listener_arn:
    description:
      - The ARN of the listener the rule belongs to.
    type: str
    required: true
  priority:
    description:
      - The priority of the rule on its listener (1 to 50000; the lowest is evaluated first), which also finds it.
    type: int
    required: true
  state:
    description:
      - Whether the rule should exist. V(absent) deletes the rule of this priority.
    type: str
    choices: ["present", "absent"]
    default: present
  conditions:
    description:
      - The conditions, all of which a request must meet. Required to create a rule.
    type: list
    elements: dict
    suboptions:
      field:
        description: What the condition looks at.
        type: str
        required: true
        choices: ["path-pattern", "host-header", "http-request-method", "source-ip"]
      values:
        description: The values, any of which matches (patterns may use C(*) and C(?)).
        type: list
        elements: str
        required: true
  actions:
    description:
      - The actions, in order. Required to create a rule.
    type: list
    elements: dict
    suboptions:
      type:
        description: The type of the action.
        type: str
        required: true
        choices: ["forward", "redirect", "fixed-response"]
      target_group_arn:
        description: The target group of a V(forward) action (or O(actions[].target_group_name)).
        type: str
      target_group_name:
        description: The name of the target group of a V(forward) action, resolved to its ARN.
        type: str
      target_groups:
        description:
          - The weighted target groups of a V(forward) action (up to 5), instead of one target group.
        type: list
        elements: dict
        suboptions:
          target_group_arn:
            description: The target group (or O(actions[].target_groups[].target_group_name)).
            type: str
          target_group_name:
            description: The name of the target group, resolved to its ARN.
            type: str
          weight:
            description: The weight of the target group, 0 to 999; AWS uses 1 when unset.
            type: int
      redirect:
        description: The redirect of a V(redirect) action; components left unset keep the request's.
        type: dict
        suboptions:
          protocol:
            description: V(HTTP), V(HTTPS) or V(#{protocol}).
            type: str
          port:
            description: The port, or V(#{port}).
            type: str
          host:
            description: The host name, or V(#{host}).
            type: str
          path:
            description: The absolute path, or V(/#{path}).
            type: str
          query:
            description: The query, or V(#{query}).
            type: str
          status_code:
            description: V(HTTP_301) (permanent) or V(HTTP_302) (temporary).
            type: str
            required: true
            choices: ["HTTP_301", "HTTP_302"]
      fixed_response:
        description: The answer of a V(fixed-response) action.
        type: dict
        suboptions:
          status_code:
            description: The HTTP status code, 2XX, 4XX or 5XX.
            type: str
            required: true
          content_type:
            description: The content type, such as V(text/plain).
            type: str
          message_body:
            description: The body, up to 1024 characters.
            type: str
  preserve_forward_weights:
    description:
      - Leave the weights and the order of the target groups of an existing V(forward) action alone when it already
        forwards to the target groups asked for (or to some of them).
      - Set it on the production and test rules of an ECS service deployed with ECS's native blue/green strategy.
        During a deployment ECS rewrites these rules' forward weights to move traffic to the new revision's target
        group, and after it the other target group is the live one; a converge that put back the weights asked for
        would send production traffic to the target group that no longer has the service's tasks.
      - The weights asked for then apply only to a new rule, or to a forward action whose target groups changed.
    type: bool
    default: false
notes:
  - The caller needs C(elasticloadbalancing:DescribeRules), C(DescribeTargetGroups) (to resolve target group
    names), C(DescribeTags), C(CreateRule), C(ModifyRule), C(DeleteRule), C(AddTags) and C(RemoveTags).
  - A converged run makes one read call, and one more when O(tags) is given.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Send /api/* to the API's target group
  appstack.aws.elbv2_listener_rule:
    listener_arn: "{{ https_listener_arn }}"
    priority: 10
    conditions:
      - field: path-pattern
        values: ["/api/*"]
    actions:
      - type: forward
        target_group_name: shop-api-prod
    tags:
      Environment: prod

- name: Create the production rule of an ECS blue/green service, whose weights ECS moves during a deployment
  appstack.aws.elbv2_listener_rule:
    listener_arn: "{{ https_listener_arn }}"
    priority: 1
    conditions:
      - field: path-pattern
        values: ["/*"]
    actions:
      - type: forward
        target_groups:
          - target_group_name: shop-api-prod
            weight: 100
          - target_group_name: shop-api-prod-alt
            weight: 0
    preserve_forward_weights: true

- name: Delete the rule of priority 10
  appstack.aws.elbv2_listener_rule:
    listener_arn: "{{ https_listener_arn }}"
    priority: 10
    state: absent
"""

RETURN = r"""
rule:
  description:
    - The rule, with the keys of C(DescribeRules) in snake_case and the priority as a number.
    - In check mode, the rule as it would be; its ARN is then missing for a new rule.
  returned: when O(state=present)
  type: dict
  contains:
    rule_arn:
      description: The ARN of the rule.
      returned: unless predicted in check mode
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop-prod/0123456789abcdef/0123456789abcdef/0123456789abcdef
    priority:
      description: The priority.
      returned: always
      type: int
      sample: 10
    conditions:
      description: The conditions, as AWS reports them.
      returned: always
      type: list
      elements: dict
      sample: [{"field": "path-pattern", "values": ["/api/*"], "path_pattern_config": {"values": ["/api/*"]}}]
    actions:
      description: The actions, as AWS reports them.
      returned: always
      type: list
      elements: dict
      sample: [{"type": "forward", "order": 1, "forward_config": {"target_groups": [{"target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123456789abcdef", "weight": 1}]}}]
    tags:
      description: The tags.
      returned: when O(tags) is given
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import ensure_resource_tags
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_listener_rule_plan import (
    ACTION_TYPES,
    CONDITION_FIELDS,
    apply_modify,
    config_view,
    creation_problems,
    desired_rule,
    modify_request,
    predicted_rule,
    resolve_target_groups,
    rule_to_result,
    target_group_names,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_listener_rules import (
    AnsibleELBv2Error,
    create_rule,
    delete_rule,
    get_rule,
    get_tags,
    modify_rule,
    target_group_arns,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancer_plan import REDIRECT_STATUS_CODES
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags


def resolved(client, request):
    """The request with its target group names replaced by ARNs (one DescribeTargetGroups call for each name)."""
    if "Actions" not in request:
        return request
    names = target_group_names(request)
    return {**request, "Actions": resolve_target_groups(request["Actions"], target_group_arns(client, names))}


def ensure_present(client, current, current_tags, params, check_mode):
    """Bring the rule to what params ask for.

    :param current: the rule as DescribeRules returns it, None when the listener has none of this priority
    :param current_tags: its tags (None when O(tags) is not given, or for no rule)
    :return: (changed, (the rule, its tags or None)), as they are expected to be
    """
    wanted = desired_rule(params)
    if current is None:
        tags = plan_tags({}, params["tags"], True).result if params["tags"] is not None else None
        if check_mode:
            return True, (predicted_rule(params, wanted), tags)
        request = resolved(client, {"Conditions": wanted["Conditions"], "Actions": wanted["Actions"]})
        return True, (create_rule(client, params["listener_arn"], params["priority"], request, tags), tags)

    arn = current["RuleArn"]
    request = modify_request(current, wanted, params["preserve_forward_weights"])
    rule = apply_modify(current, request)
    if request and not check_mode:
        rule = modify_rule(client, arn, resolved(client, request))
    tags_changed, tags = ensure_resource_tags(client, arn, current_tags, params, check_mode)
    return bool(request) or tags_changed, (rule, tags)


def ensure_absent(client, current, check_mode):
    if current is None:
        return False
    if not check_mode:
        delete_rule(client, current["RuleArn"])
    return True


def main():
    group_spec = dict(target_group_arn=dict(type="str"), target_group_name=dict(type="str"), weight=dict(type="int"))
    redirect_spec = dict(
        protocol=dict(type="str"),
        port=dict(type="str"),
        host=dict(type="str"),
        path=dict(type="str"),
        query=dict(type="str"),
        status_code=dict(type="str", required=True, choices=REDIRECT_STATUS_CODES),
    )
    fixed_response_spec = dict(
        status_code=dict(type="str", required=True),
        content_type=dict(type="str"),
        message_body=dict(type="str"),
    )
    action_spec = dict(
        type=dict(type="str", required=True, choices=ACTION_TYPES),
        target_group_arn=dict(type="str"),
        target_group_name=dict(type="str"),
        target_groups=dict(type="list", elements="dict", options=group_spec),
        redirect=dict(type="dict", options=redirect_spec),
        fixed_response=dict(type="dict", options=fixed_response_spec),
    )
    condition_spec = dict(
        field=dict(type="str", required=True, choices=CONDITION_FIELDS),
        values=dict(type="list", elements="str", required=True),
    )
    argument_spec = dict(
        listener_arn=dict(type="str", required=True),
        priority=dict(type="int", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        conditions=dict(type="list", elements="dict", options=condition_spec),
        actions=dict(type="list", elements="dict", options=action_spec),
        preserve_forward_weights=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    before = after = {}
    try:
        current = get_rule(client, params["listener_arn"], params["priority"])
        if params["state"] == "absent":
            changed = ensure_absent(client, current, module.check_mode)
            if changed:
                before = config_view(current, None)
        else:
            if current is None:
                module.fail_on_invalid(creation_problems(params))
            current_tags = get_tags(client, current["RuleArn"]) if current and params["tags"] is not None else None
            changed, (rule, tags) = ensure_present(client, current, current_tags, params, module.check_mode)
            before = config_view(current, current_tags)
            after = config_view(rule, tags)
            result["rule"] = rule_to_result(rule, tags)
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": before, "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
