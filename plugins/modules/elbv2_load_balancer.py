#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elbv2_load_balancer
version_added: 0.7.0
short_description: Manage an application load balancer, its listeners and attributes
description:
  - Create, update and delete an Elastic Load Balancing application load balancer with its listeners (one default
    action each) and its attributes (deletion protection, invalid header fields, idle timeout, access logs).
  - Only the options given are compared with the load balancer, each in the form AWS reports it (subnets and
    security groups as sets, a listener by its port, a forward action with the C(ForwardConfig) AWS fills in, a
    redirect with the C(#{...}) defaults AWS applies), and only what differs is sent; a converged load balancer is
    never reported as changed.
  - On an existing load balancer, an option left unset keeps its current value. Attributes, listeners and tags are
    read only when options about them are given, so a converged run makes one to four read calls.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the load balancer, unique in the account and region; 1 to 32 letters, digits and hyphens, not
        beginning or ending with a hyphen nor with C(internal-).
    type: str
    required: true
  state:
    description:
      - Whether the load balancer should exist.
      - V(absent) deletes it with its listeners; AWS refuses while deletion protection is on.
    type: str
    choices: ["present", "absent"]
    default: present
  scheme:
    description:
      - V(internet-facing) or V(internal). Fixed at creation; AWS uses V(internet-facing) when unset.
    type: str
    choices: ["internet-facing", "internal"]
  subnets:
    description:
      - The subnets, at least two in different Availability Zones. Required to create a load balancer.
    type: list
    elements: str
  security_groups:
    description:
      - The security groups. AWS uses the VPC's default security group when unset at creation.
    type: list
    elements: str
  deletion_protection:
    description:
      - Whether deletion protection is on (C(deletion_protection.enabled)).
    type: bool
  drop_invalid_header_fields:
    description:
      - Whether HTTP headers with invalid names are dropped (C(routing.http.drop_invalid_header_fields.enabled)).
    type: bool
  idle_timeout:
    description:
      - The idle timeout in seconds, 1 to 4000 (C(idle_timeout.timeout_seconds)).
    type: int
  access_logs:
    description:
      - Access logs to an S3 bucket (the C(access_logs.s3.*) attributes). The bucket policy must let Elastic Load
        Balancing write.
    type: dict
    suboptions:
      enabled:
        description: Whether access logs are on.
        type: bool
      bucket:
        description: The bucket; required when O(access_logs.enabled=true).
        type: str
      prefix:
        description: The key prefix in the bucket.
        type: str
  attributes:
    description:
      - Other load balancer attributes, keyed as AWS names them (C(routing.http2.enabled), ...). Booleans are sent
        as C(true)/C(false). Attributes not listed keep their values.
    type: dict
  listeners:
    description:
      - The listeners, each known by its port. A listener whose settings differ is modified in place.
      - Unset, the listeners are left alone.
    type: list
    elements: dict
    suboptions:
      protocol:
        description: The protocol.
        type: str
        required: true
        choices: ["HTTP", "HTTPS"]
      port:
        description: The port, 1 to 65535.
        type: int
        required: true
      ssl_policy:
        description:
          - The security policy of an HTTPS listener, such as V(ELBSecurityPolicy-TLS13-1-2-2021-06). Unset, AWS
            chooses at creation and the listener keeps its policy.
        type: str
      certificate_arn:
        description: The ARN of the default certificate; required for O(listeners[].protocol=HTTPS).
        type: str
      default_action:
        description: What the listener does with a request no rule matches.
        type: dict
        required: true
        suboptions:
          type:
            description: The action.
            type: str
            required: true
            choices: ["forward", "redirect", "fixed-response"]
          target_group_arn:
            description:
              - The ARN of the target group to forward to. V(forward) needs it or O(listeners[].default_action.target_group_name).
            type: str
          target_group_name:
            description:
              - The name of the target group to forward to, for a V(forward) without O(listeners[].default_action.target_group_arn).
              - It is compared with the name in the ARN AWS reports, so a converged listener costs no lookup, and a
                check mode run can name a target group that is yet to be created. The name is resolved to an ARN
                (one C(DescribeTargetGroups) call) only when a listener is created or modified.
            type: str
          redirect:
            description:
              - The redirect; required for V(redirect). Components left unset keep the request's
                (C(#{protocol}), C(#{port}), C(#{host}), C(/#{path}), C(#{query})).
            type: dict
            suboptions:
              protocol:
                description: The protocol, V(HTTP) or V(HTTPS).
                type: str
              port:
                description: The port.
                type: str
              host:
                description: The host name.
                type: str
              path:
                description: The absolute path.
                type: str
              query:
                description: The query, without the leading C(?).
                type: str
              status_code:
                description: V(HTTP_301) (permanent) or V(HTTP_302).
                type: str
                required: true
                choices: ["HTTP_301", "HTTP_302"]
          fixed_response:
            description: The fixed response; required for V(fixed-response).
            type: dict
            suboptions:
              status_code:
                description: The HTTP status code.
                type: str
                required: true
              content_type:
                description: The content type.
                type: str
              message_body:
                description: The body.
                type: str
  purge_listeners:
    description:
      - Whether listeners on ports missing from O(listeners) are deleted. Applies only when O(listeners) is given.
    type: bool
    default: true
  wait:
    description:
      - Wait for the load balancer to be C(active) (after a creation or when it is still C(provisioning)). With
        O(state=absent), wait until it is deleted.
    type: bool
    default: false
  wait_timeout:
    description:
      - How many seconds (above 0) to wait; the module fails naming the last state when it runs out.
    type: int
    default: 600
notes:
  - This module replaces M(amazon.aws.elb_application_lb) in this collection's roles. In amazon.aws 10.1.2 that
    module returns only a message in check mode (no predicted load balancer and no diff), and a converged run with
    two listeners makes twelve read calls (C(DescribeLoadBalancers), C(DescribeLoadBalancerAttributes),
    C(DescribeTags), C(DescribeListeners) and C(DescribeRules) twice each, C(DescribeSecurityGroups),
    C(DescribeTargetGroups)).
  - Listener rules are not managed here. A forward to a target group is compared by the target group's name.
  - The caller needs C(elasticloadbalancing:DescribeLoadBalancers), C(DescribeLoadBalancerAttributes),
    C(DescribeListeners), C(DescribeTags), C(CreateLoadBalancer), C(SetSubnets), C(SetSecurityGroups),
    C(ModifyLoadBalancerAttributes), C(CreateListener), C(ModifyListener), C(DeleteListener), C(AddTags),
    C(RemoveTags) and C(DeleteLoadBalancer), and C(DescribeTargetGroups) for O(listeners[].default_action.target_group_name).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the internet-facing ALB, HTTP redirected to HTTPS
  appstack.aws.elbv2_load_balancer:
    name: shop-prod
    scheme: internet-facing
    subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
    security_groups: [sg-0123456789abcdef0]
    deletion_protection: true
    drop_invalid_header_fields: true
    access_logs:
      enabled: true
      bucket: shop-prod-logs
      prefix: alb
    listeners:
      - protocol: HTTP
        port: 80
        default_action:
          type: redirect
          redirect:
            protocol: HTTPS
            port: "443"
            status_code: HTTP_301
      - protocol: HTTPS
        port: 443
        ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        certificate_arn: arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab
        default_action:
          type: forward
          target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123456789abcdef
    tags:
      Environment: prod
    wait: true

- name: Delete a load balancer
  appstack.aws.elbv2_load_balancer:
    name: shop-dev
    state: absent
"""

RETURN = r"""
load_balancer:
  description:
    - The load balancer, with the keys of C(DescribeLoadBalancers) in snake_case.
    - In check mode, the load balancer as it would be; values only AWS gives (the ARN and DNS name of a new load
      balancer, the ARNs of new listeners) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    load_balancer_arn:
      description: The ARN of the load balancer.
      returned: unless predicted in check mode
      type: str
      sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-prod/0123456789abcdef
    load_balancer_name:
      description: The name.
      returned: always
      type: str
      sample: shop-prod
    dns_name:
      description: The DNS name.
      returned: unless predicted in check mode
      type: str
      sample: shop-prod-1234567890.us-east-1.elb.amazonaws.com
    canonical_hosted_zone_id:
      description: The Route 53 hosted zone of the DNS name, for alias records.
      returned: unless predicted in check mode
      type: str
      sample: Z35SXDOTRQ7X7K
    scheme:
      description: The scheme.
      returned: always
      type: str
      sample: internet-facing
    state:
      description: The state, C(code) V(provisioning) or V(active).
      returned: always
      type: dict
      sample: {"code": "active"}
    security_groups:
      description: The security groups.
      returned: always
      type: list
      elements: str
    availability_zones:
      description: The subnets and their zones.
      returned: always
      type: list
      elements: dict
    attributes:
      description: The attributes, keyed as AWS names them, values as strings.
      returned: when an attribute option is given
      type: dict
      sample: {"routing.http.drop_invalid_header_fields.enabled": "true"}
    listeners:
      description: The listeners, sorted by port, with the keys of C(DescribeListeners) in snake_case.
      returned: when O(listeners) is given
      type: list
      elements: dict
      sample: [{"listener_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop-prod/0123456789abcdef/0123456789abcdef", "port": 443, "protocol": "HTTPS"}]
    tags:
      description: The tags.
      returned: when O(tags) is given
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import attribute_changes, ensure_resource_tags
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancer_plan import (
    ACTION_TYPES,
    LISTENER_PROTOCOLS,
    REDIRECT_STATUS_CODES,
    SCHEMES,
    apply_update,
    config_view,
    create_request,
    creation_problems,
    desired_attributes,
    immutable_problems,
    listener_plan,
    listener_to_api,
    load_balancer_to_result,
    predicted_listeners,
    predicted_load_balancer,
    resolve_target_groups,
    target_group_names,
    update_requests,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancers import (
    AnsibleELBv2Error,
    create_listener,
    create_load_balancer,
    delete_listener,
    delete_load_balancer,
    describe_listeners,
    get_attributes,
    get_load_balancer,
    get_tags,
    modify_attributes,
    modify_listener,
    set_security_groups,
    set_subnets,
    wait_for_active,
    wait_for_deleted,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_groups import describe_target_groups
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags


def read_extras(client, current, params):
    """(attributes, listeners, tags) of an existing load balancer, each None when no option asks about it."""
    if current is None:
        return None, None, None
    arn = current["LoadBalancerArn"]
    attributes = get_attributes(client, arn) if desired_attributes(params) else None
    listeners = describe_listeners(client, arn) if params["listeners"] is not None else None
    tags = get_tags(client, arn) if params["tags"] is not None else None
    return attributes, listeners, tags


def ensure_attributes(client, arn, current, params, check_mode):
    """Bring the asked attributes to their values; returns (changed, the attributes afterwards, or None)."""
    changes = attribute_changes(current, desired_attributes(params))
    if not changes:
        return False, current
    if check_mode or arn is None:
        return True, {**(current or {}), **changes}
    return True, {**(current or {}), **modify_attributes(client, arn, changes)}


def target_group_arns(client, names):
    """{name: ARN} of the target groups named; fails naming the ones that don't exist."""
    if not names:
        return {}
    found = {}
    for name in names:
        found.update(
            {group["TargetGroupName"]: group["TargetGroupArn"] for group in describe_target_groups(client, [name])}
        )
    missing = [name for name in names if name not in found]
    if missing:
        raise AnsibleELBv2Error(
            message=f"No target group named {', '.join(missing)}: create it first (appstack.aws.elbv2_target_group)."
        )
    return found


def ensure_listeners(client, arn, current, params, check_mode):
    """Bring the listeners to the listeners option; returns (changed, the listeners afterwards, or None)."""
    if params["listeners"] is None:
        return False, current
    wanted = [listener_to_api(listener) for listener in params["listeners"]]
    to_create, to_modify, to_delete = listener_plan(current or [], wanted, params["purge_listeners"])
    if not (to_create or to_modify or to_delete):
        return False, current
    if check_mode:
        return True, predicted_listeners(current or [], wanted, params["purge_listeners"])
    arns_by_name = target_group_arns(client, target_group_names(to_create + [request for _, request in to_modify]))
    for listener_arn in to_delete:
        delete_listener(client, listener_arn)
    for listener_arn, request in to_modify:
        modify_listener(client, listener_arn, resolve_target_groups(request, arns_by_name))
    for request in to_create:
        create_listener(client, arn, resolve_target_groups(request, arns_by_name))
    return True, describe_listeners(client, arn)


def ensure_present(client, current, extras, params, check_mode):
    """Bring the load balancer to what params ask for.

    :param current: the load balancer as DescribeLoadBalancers returns it, None when there is none
    :param extras: (attributes, listeners, tags) of current, from read_extras()
    :return: (changed, (load balancer, attributes, listeners, tags)) as they are expected to be, None for unread
    """
    if current is None:
        request = create_request(params)
        tags = plan_tags({}, params["tags"], True).result if params["tags"] is not None else None
        if check_mode:
            load_balancer, arn = predicted_load_balancer(request), None
        else:
            load_balancer = create_load_balancer(client, request, tags)
            arn = load_balancer["LoadBalancerArn"]
        _, attributes = ensure_attributes(client, arn, None, params, check_mode)
        _, listeners = ensure_listeners(client, arn, None, params, check_mode)
        return True, (load_balancer, attributes, listeners, tags)

    arn = current["LoadBalancerArn"]
    current_attributes, current_listeners, current_tags = extras
    changes = update_requests(current, params)
    if changes and not check_mode:
        if "Subnets" in changes:
            set_subnets(client, arn, changes["Subnets"])
        if "SecurityGroups" in changes:
            set_security_groups(client, arn, changes["SecurityGroups"])
    load_balancer = apply_update(current, changes)
    attributes_changed, attributes = ensure_attributes(client, arn, current_attributes, params, check_mode)
    listeners_changed, listeners = ensure_listeners(client, arn, current_listeners, params, check_mode)
    tags_changed, tags = ensure_resource_tags(client, arn, current_tags, params, check_mode)
    changed = bool(changes) or attributes_changed or listeners_changed or tags_changed
    return changed, (load_balancer, attributes, listeners, tags)


def ensure_absent(client, current, params, check_mode):
    if current is None:
        return False
    if not check_mode:
        delete_load_balancer(client, current["LoadBalancerArn"])
        if params["wait"]:
            wait_for_deleted(client, current["LoadBalancerArn"], params["name"], params["wait_timeout"])
    return True


def main():
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
        redirect=dict(type="dict", options=redirect_spec),
        fixed_response=dict(type="dict", options=fixed_response_spec),
    )
    listener_spec = dict(
        protocol=dict(type="str", required=True, choices=LISTENER_PROTOCOLS),
        port=dict(type="int", required=True),
        ssl_policy=dict(type="str"),
        certificate_arn=dict(type="str"),
        default_action=dict(type="dict", required=True, options=action_spec),
    )
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        scheme=dict(type="str", choices=SCHEMES),
        subnets=dict(type="list", elements="str"),
        security_groups=dict(type="list", elements="str"),
        deletion_protection=dict(type="bool"),
        drop_invalid_header_fields=dict(type="bool"),
        idle_timeout=dict(type="int"),
        access_logs=dict(
            type="dict", options=dict(enabled=dict(type="bool"), bucket=dict(type="str"), prefix=dict(type="str"))
        ),
        attributes=dict(type="dict"),
        listeners=dict(type="list", elements="dict", options=listener_spec),
        purge_listeners=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=600),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    before = after = {}
    try:
        current = get_load_balancer(client, params["name"])
        if params["state"] == "absent":
            changed = ensure_absent(client, current, params, module.check_mode)
            if changed:
                before = config_view(current, None, None, None)
        else:
            module.fail_on_invalid(
                creation_problems(params) if current is None else immutable_problems(current, params)
            )
            extras = read_extras(client, current, params)
            changed, (load_balancer, attributes, listeners, tags) = ensure_present(
                client, current, extras, params, module.check_mode
            )
            before = config_view(current, *extras)
            after = config_view(load_balancer, attributes, listeners, tags)
            if not module.check_mode and params["wait"] and load_balancer["State"]["Code"] != "active":
                wait_for_active(client, load_balancer["LoadBalancerArn"], params["name"], params["wait_timeout"])
                load_balancer = get_load_balancer(client, params["name"]) or load_balancer
            result["load_balancer"] = load_balancer_to_result(load_balancer, attributes, listeners, tags)
    except AnsibleELBv2Error as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": before, "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
