#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_target_group
version_added: 0.7.0
short_description: Manage an Elastic Load Balancing target group, its health check and attributes
description:
  - Create, update and delete an Elastic Load Balancing (v2) target group, such as the C(ip) target group an ECS
    Fargate service registers its tasks with behind an application load balancer.
  - Only the options given are compared with the target group, and only what differs is sent (one
    C(ModifyTargetGroup) call for the health check, one C(ModifyTargetGroupAttributes) call for the attributes); a
    converged target group is never reported as changed.
  - On an existing target group, an option left unset keeps its current value. Attributes and tags are read only
    when O(attributes), O(deregistration_delay_timeout) or O(tags) are given, so a converged run makes one to three
    read calls.
  - A target group is ready as soon as it is created, so the module has nothing to wait for.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the target group, unique in the account and region; 1 to 32 letters, digits and hyphens, not
        beginning or ending with a hyphen.
    type: str
    required: true
  state:
    description:
      - Whether the target group should exist.
      - V(absent) deletes it; AWS refuses while a listener or rule still forwards to it.
    type: str
    choices: ["present", "absent"]
    default: present
  target_type:
    description:
      - The type of the targets; V(ip) for ECS tasks in the C(awsvpc) network mode. Fixed at creation.
      - AWS uses V(instance) when it is left unset at creation.
    type: str
    choices: ["instance", "ip", "lambda", "alb"]
  protocol:
    description:
      - The protocol to the targets. Required to create a target group other than O(target_type=lambda). Fixed at
        creation.
    type: str
    choices: ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"]
  protocol_version:
    description:
      - The protocol version for O(protocol=HTTP) or V(HTTPS). Fixed at creation; AWS uses V(HTTP1) when unset.
    type: str
    choices: ["HTTP1", "HTTP2", "GRPC"]
  port:
    description:
      - The port the targets receive traffic on (1 to 65535). Required to create a target group other than
        O(target_type=lambda). Fixed at creation.
    type: int
  vpc_id:
    description:
      - The VPC of the targets. Required to create a target group other than O(target_type=lambda). Fixed at
        creation.
    type: str
  ip_address_type:
    description:
      - The IP address type of an O(target_type=ip) target group. Fixed at creation.
    type: str
    choices: ["ipv4", "ipv6"]
  health_check:
    description:
      - The health check. Only the sub-options given are compared and sent.
    type: dict
    suboptions:
      enabled:
        description: Whether health checks are on.
        type: bool
      protocol:
        description: The protocol of the health check.
        type: str
        choices: ["HTTP", "HTTPS", "TCP"]
      port:
        description: The port of the health check, V(traffic-port) (the target's own port) or a port number.
        type: str
      path:
        description: The path of an HTTP or HTTPS health check, starting with C(/).
        type: str
      interval_seconds:
        description: Seconds between two health checks of a target, 5 to 300.
        type: int
      timeout_seconds:
        description: Seconds without an answer that fail a health check, 2 to 120.
        type: int
      healthy_threshold_count:
        description: Consecutive successes that make an unhealthy target healthy, 2 to 10.
        type: int
      unhealthy_threshold_count:
        description: Consecutive failures that make a target unhealthy, 2 to 10.
        type: int
      matcher:
        description:
          - The codes of a healthy answer, such as V(200), V(200,202) or V(200-399) (HTTP codes; gRPC codes when
            O(protocol_version=GRPC)).
        type: str
  deregistration_delay_timeout:
    description:
      - Seconds (0 to 3600) a deregistering target keeps its connections; the
        C(deregistration_delay.timeout_seconds) attribute. AWS uses 300 when unset.
    type: int
  attributes:
    description:
      - Other target group attributes, keyed as AWS names them (C(stickiness.enabled),
        C(load_balancing.algorithm.type), ...). Booleans are sent as C(true)/C(false). Attributes not listed keep
        their values.
    type: dict
notes:
  - This module replaces M(community.aws.elb_target_group). In community.aws 10.0.0 that module does not support
    check mode (a C(--check) run skips it, so it predicts nothing and shows no diff), and a converged run makes
    seven read calls (C(DescribeTargetGroups) three times, C(DescribeTargetGroupAttributes) and C(DescribeTags)
    twice each, C(DescribeTargetHealth)).
  - The caller needs C(elasticloadbalancing:DescribeTargetGroups), C(DescribeTargetGroupAttributes),
    C(DescribeTags), C(CreateTargetGroup), C(ModifyTargetGroup), C(ModifyTargetGroupAttributes), C(AddTags),
    C(RemoveTags) and C(DeleteTargetGroup).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the API's target group for ECS Fargate tasks
  appstack.aws.elbv2_target_group:
    name: shop-api-prod
    target_type: ip
    protocol: HTTP
    port: 8000
    vpc_id: vpc-0123456789abcdef0
    health_check:
      path: /api/health
      interval_seconds: 30
      matcher: "200-399"
    deregistration_delay_timeout: 30
    tags:
      Environment: prod

- name: Delete a target group
  appstack.aws.elbv2_target_group:
    name: shop-api-dev
    state: absent
"""

RETURN = r"""
target_group:
  description:
    - The target group, with the keys of C(DescribeTargetGroups) in snake_case.
    - In check mode, the target group as it would be; values only AWS gives (the ARN of a new target group and the
      defaults AWS fills in) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    target_group_arn:
      description: The ARN of the target group.
      returned: unless predicted in check mode
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123456789abcdef
    target_group_name:
      description: The name.
      returned: always
      type: str
      sample: shop-api-prod
    target_type:
      description: The type of the targets.
      returned: always
      type: str
      sample: ip
    protocol:
      description: The protocol to the targets.
      returned: when set
      type: str
      sample: HTTP
    port:
      description: The port of the targets.
      returned: when set
      type: int
      sample: 8000
    vpc_id:
      description: The VPC.
      returned: when set
      type: str
      sample: vpc-0123456789abcdef0
    health_check_path:
      description: The path of the health check.
      returned: when set
      type: str
      sample: /api/health
    health_check_interval_seconds:
      description: Seconds between two health checks.
      returned: when set
      type: int
      sample: 30
    matcher:
      description: The codes of a healthy answer.
      returned: when set
      type: dict
      sample: {"http_code": "200-399"}
    load_balancer_arns:
      description: The load balancers that route to the target group.
      returned: unless predicted in check mode
      type: list
      elements: str
    attributes:
      description: The attributes, keyed as AWS names them, values as strings.
      returned: when O(attributes) or O(deregistration_delay_timeout) is given
      type: dict
      sample: {"deregistration_delay.timeout_seconds": "30", "stickiness.enabled": "false"}
    tags:
      description: The tags.
      returned: when O(tags) is given
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import attribute_changes, ensure_resource_tags
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_group_plan import (
    HEALTH_CHECK_PROTOCOLS,
    IP_ADDRESS_TYPES,
    PROTOCOL_VERSIONS,
    PROTOCOLS,
    TARGET_TYPES,
    apply_modify,
    config_view,
    create_request,
    creation_problems,
    desired_attributes,
    immutable_problems,
    modify_request,
    predicted_target_group,
    target_group_to_result,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_groups import (
    AnsibleELBv2Error,
    create_target_group,
    delete_target_group,
    get_attributes,
    get_tags,
    get_target_group,
    modify_attributes,
    modify_target_group,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags


def ensure_attributes(client, arn, current, params, check_mode):
    """Bring the asked attributes to their values; returns (changed, the attributes afterwards, or None if unread)."""
    wanted = desired_attributes(params)
    if not wanted:
        return False, current
    changes = attribute_changes(current, wanted)
    if not changes:
        return False, current
    if check_mode or arn is None:
        return True, {**(current or {}), **changes}
    return True, {**(current or {}), **modify_attributes(client, arn, changes)}


def read_extras(client, current, params):
    """The attributes and tags of an existing target group that the options ask about (None for what they don't)."""
    if current is None:
        return None, None
    arn = current["TargetGroupArn"]
    attributes = get_attributes(client, arn) if desired_attributes(params) else None
    tags = get_tags(client, arn) if params["tags"] is not None else None
    return attributes, tags


def ensure_present(client, current, extras, params, check_mode):
    """Bring the target group to what params ask for.

    :param current: the target group as DescribeTargetGroups returns it, None when there is none
    :param extras: (attributes, tags) of current, from read_extras()
    :return: (changed, (the target group, its attributes or None, its tags or None)), as they are expected to be
    """
    if current is None:
        request = create_request(params)
        tags = plan_tags({}, params["tags"], True).result if params["tags"] is not None else None
        if check_mode:
            _, attributes = ensure_attributes(client, None, None, params, True)
            return True, (predicted_target_group(request), attributes, tags)
        target_group = create_target_group(client, request, tags)
        attributes = None
        if desired_attributes(params):
            arn = target_group["TargetGroupArn"]
            _, attributes = ensure_attributes(client, arn, get_attributes(client, arn), params, False)
        return True, (target_group, attributes, tags)

    arn = current["TargetGroupArn"]
    current_attributes, current_tags = extras
    request = modify_request(current, params)
    target_group = apply_modify(current, request)
    if request and not check_mode:
        target_group = modify_target_group(client, arn, request)
    attributes_changed, attributes = ensure_attributes(client, arn, current_attributes, params, check_mode)
    tags_changed, tags = ensure_resource_tags(client, arn, current_tags, params, check_mode)
    return bool(request) or attributes_changed or tags_changed, (target_group, attributes, tags)


def ensure_absent(client, current, check_mode):
    if current is None:
        return False
    if not check_mode:
        delete_target_group(client, current["TargetGroupArn"])
    return True


def main():
    health_check_spec = dict(
        enabled=dict(type="bool"),
        protocol=dict(type="str", choices=HEALTH_CHECK_PROTOCOLS),
        port=dict(type="str"),
        path=dict(type="str"),
        interval_seconds=dict(type="int"),
        timeout_seconds=dict(type="int"),
        healthy_threshold_count=dict(type="int"),
        unhealthy_threshold_count=dict(type="int"),
        matcher=dict(type="str"),
    )
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        target_type=dict(type="str", choices=TARGET_TYPES),
        protocol=dict(type="str", choices=PROTOCOLS),
        protocol_version=dict(type="str", choices=PROTOCOL_VERSIONS),
        port=dict(type="int"),
        vpc_id=dict(type="str"),
        ip_address_type=dict(type="str", choices=IP_ADDRESS_TYPES),
        health_check=dict(type="dict", options=health_check_spec),
        deregistration_delay_timeout=dict(type="int"),
        attributes=dict(type="dict"),
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
        current = get_target_group(client, params["name"])
        if params["state"] == "absent":
            changed = ensure_absent(client, current, module.check_mode)
            if changed:
                before = config_view(current, None, None)
        else:
            module.fail_on_invalid(
                creation_problems(params) if current is None else immutable_problems(current, params)
            )
            extras = read_extras(client, current, params)
            changed, (target_group, attributes, tags) = ensure_present(
                client, current, extras, params, module.check_mode
            )
            before = config_view(current, *extras)
            after = config_view(target_group, attributes, tags)
            result["target_group"] = target_group_to_result(target_group, attributes, tags)
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": before, "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
