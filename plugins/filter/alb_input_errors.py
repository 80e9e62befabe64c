"""Semantic checks of the alb role's input, and of what AWS cannot change on the load balancer already there.

Argument specs check types; they cannot tell that a name is too long for Elastic Load Balancing, that an
environment which must serve HTTPS asks for HTTP only, or that a port is out of range. ``alb_input_errors`` does,
before any AWS call, with messages that name the variable at fault and what it allows (the role renames a variable
to the shared appstack_backend_* input it holds, with appstack.aws.shared_input_names).

``alb_immutable_errors`` compares the load balancer and target groups that exist (read by the role's
check_current.yml) with the input, and names what AWS cannot change in place, with what to do instead.
"""

import re

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs, whole_number

DOCUMENTATION = r"""
name: alb_input_errors
version_added: 0.7.0
short_description: List what is wrong with the input of the alb role
description:
  - Takes the alb role's variables by name and returns a list of messages, empty when the input is valid; each
    message names the variable at fault and what it allows.
  - The companion filter C(alb_immutable_errors) takes the load balancers and target groups read by
    M(appstack.aws.elbv2_load_balancer_info) and M(appstack.aws.elbv2_target_group_info) and the role's variables,
    and returns what AWS cannot change in place.
options:
  _input:
    description: The role's variables by name (C(alb__checked_inputs) in the role's C(vars/main.yml)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the alb input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs | appstack.aws.alb_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# CreateLoadBalancer and CreateTargetGroup Name: up to 32 letters, digits and hyphens, not beginning or ending
# with a hyphen (a load balancer's not beginning with "internal-").
ELB_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")
STRATEGIES = ("rolling", "blue_green")
SERVING_PORTS = (80, 443)
CERTIFICATE_ARN = re.compile(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$")
WEB_ACL_ARN = re.compile(r"^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional/webacl/[A-Za-z0-9_-]+/[A-Za-z0-9-]+$")
# The target group's health check (ModifyTargetGroup) and attributes, the load balancer's idle timeout.
RANGES = {
    "alb_container_port": (1, 65535),
    "alb_test_listener_port": (1, 65535),
    "alb_health_check_interval": (5, 300),
    "alb_health_check_timeout": (2, 120),
    "alb_health_check_healthy_threshold": (2, 10),
    "alb_health_check_unhealthy_threshold": (2, 10),
    "alb_deregistration_delay": (0, 3600),
    "alb_idle_timeout": (1, 4000),
}
ALB_INPUTS = (
    "alb_name",
    "alb_target_group_name",
    "alb_alternate_target_group_name",
    "alb_health_check_path",
    "alb_health_check_matcher",
    "alb_http_only",
    "alb_https_required",
    "alb_certificate_arn",
    "alb_domain_name",
    "alb_ssl_policy",
    "alb_access_logs",
    "alb_access_logs_bucket",
    "alb_deployment_strategy",
    "alb_waf_web_acl_arn",
    *RANGES,
)


def _truth(value):
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def _name_errors(inputs):
    errors = []
    names = ["alb_name", "alb_target_group_name"]
    if inputs["alb_deployment_strategy"] == "blue_green":
        names.append("alb_alternate_target_group_name")
    for variable in names:
        name = inputs[variable]
        if not isinstance(name, str) or not ELB_NAME.match(name) or name.startswith("internal-"):
            errors.append(
                f"{variable} must be 1 to 32 letters, digits and hyphens, not beginning or ending with a hyphen"
                f" (nor with 'internal-'); got {name!r}."
            )
    if inputs["alb_deployment_strategy"] == "blue_green" and (
        inputs["alb_alternate_target_group_name"] == inputs["alb_target_group_name"]
    ):
        errors.append("alb_alternate_target_group_name must differ from alb_target_group_name.")
    return errors


def _range_errors(inputs):
    errors = []
    for variable, (low, high) in RANGES.items():
        if variable == "alb_test_listener_port" and inputs["alb_deployment_strategy"] != "blue_green":
            continue
        number = whole_number(inputs[variable])
        if number is None or not low <= number <= high:
            errors.append(f"{variable} must be a whole number from {low} to {high}; got {inputs[variable]!r}.")
    interval = whole_number(inputs["alb_health_check_interval"])
    timeout = whole_number(inputs["alb_health_check_timeout"])
    if interval is not None and timeout is not None and timeout >= interval:
        errors.append(
            f"alb_health_check_timeout must be less than alb_health_check_interval ({interval}); got {timeout}."
        )
    return errors


def _health_check_errors(inputs):
    errors = []
    path = inputs["alb_health_check_path"]
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 1024:
        errors.append(f"alb_health_check_path must start with '/' (up to 1024 characters); got {path!r}.")
    matcher = str(inputs["alb_health_check_matcher"])
    if not re.fullmatch(r"\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*", matcher):
        errors.append(
            f"alb_health_check_matcher must be HTTP codes such as '200', '200,204' or '200-399'; got {matcher!r}."
        )
    return errors


def _https_errors(inputs):
    errors = []
    http_only = _truth(inputs["alb_http_only"])
    certificate = inputs["alb_certificate_arn"] or ""
    domain = inputs["alb_domain_name"] or ""
    if http_only and _truth(inputs["alb_https_required"]):
        errors.append(
            "alb_http_only must be false where alb_https_required is true (prod by default): serve HTTPS with"
            " alb_certificate_arn (an ACM certificate of the load balancer's region) or alb_domain_name (the role"
            " requests one)."
        )
    if not http_only and not certificate and not domain:
        errors.append(
            "The load balancer's HTTPS listener needs a certificate: set alb_certificate_arn (an ACM certificate"
            " ARN) or alb_domain_name (the role requests one from ACM), or set alb_http_only: true to serve HTTP"
            " alone (dev and test environments only)."
        )
    if certificate and not CERTIFICATE_ARN.match(certificate):
        errors.append(
            f"alb_certificate_arn must be an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID) or"
            f" empty; got {certificate!r}."
        )
    if domain and not re.fullmatch(r"(\*\.)?([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}", domain):
        errors.append(f"alb_domain_name must be a domain name such as api.example.com, or empty; got {domain!r}.")
    policy = inputs["alb_ssl_policy"]
    if not isinstance(policy, str) or not policy.startswith("ELBSecurityPolicy-"):
        errors.append(
            f"alb_ssl_policy must name an ELB security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06; got"
            f" {policy!r}."
        )
    return errors


def _other_errors(inputs):
    errors = []
    if _truth(inputs["alb_access_logs"]) and not inputs["alb_access_logs_bucket"]:
        errors.append("alb_access_logs true needs alb_access_logs_bucket (the edge tier's log bucket by default).")
    strategy = inputs["alb_deployment_strategy"]
    if strategy not in STRATEGIES:
        errors.append(f"alb_deployment_strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}.")
    port = whole_number(inputs["alb_test_listener_port"])
    if strategy == "blue_green" and port in SERVING_PORTS:
        errors.append(
            f"alb_test_listener_port must differ from the serving ports {', '.join(map(str, SERVING_PORTS))};"
            f" got {port}."
        )
    waf = inputs["alb_waf_web_acl_arn"] or ""
    if waf and not WEB_ACL_ARN.match(waf):
        errors.append(
            f"alb_waf_web_acl_arn must be the ARN of a regional WAF web ACL"
            f" (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID) or empty; got {waf!r}."
        )
    return errors


def alb_input_errors(inputs):
    require_inputs("alb_input_errors", inputs, ALB_INPUTS)
    return (
        _name_errors(inputs)
        + _range_errors(inputs)
        + _health_check_errors(inputs)
        + _https_errors(inputs)
        + _other_errors(inputs)
    )


def _target_group_errors(group, wanted):
    errors = []
    name = group["target_group_name"]
    settings = (
        ("target_type", "target type", "ip"),
        ("protocol", "protocol", "HTTP"),
        ("port", "port", whole_number(wanted["port"])),
        ("vpc_id", "VPC", wanted["vpc_id"]),
    )
    for key, label, value in settings:
        # A setting not known yet (the VPC, before the network role has run) is not compared.
        if value in (None, "") or group.get(key) in (None, value):
            continue
        errors.append(
            f"Target group {name} has {label} {group[key]}, but the role needs {value}: AWS cannot change a"
            f" target group's {label}. Delete the target group (and the listener rules that forward to it), or"
            " give the role another name (alb_target_group_name / alb_alternate_target_group_name), then run"
            " again."
        )
    return errors


def alb_immutable_errors(load_balancers, target_groups, wanted):
    """What AWS cannot change on the load balancer and target groups that exist, with what to do.

    :param load_balancers: elbv2_load_balancer_info's load_balancers (the role's, or none)
    :param target_groups: elbv2_target_group_info's target_groups (the role's, or none)
    :param wanted: {scheme, port, vpc_id}
    """
    errors = []
    for balancer in load_balancers or []:
        if balancer.get("scheme") not in (None, wanted["scheme"]):
            errors.append(
                f"Load balancer {balancer['load_balancer_name']} is {balancer['scheme']}, but the role builds an"
                f" {wanted['scheme']} one: AWS cannot change a load balancer's scheme. Delete it (turn its deletion"
                " protection off first) or give the role another name (alb_name), then run again."
            )
    for group in target_groups or []:
        errors += _target_group_errors(group, wanted)
    return errors


class FilterModule:
    def filters(self):
        return {"alb_input_errors": alb_input_errors, "alb_immutable_errors": alb_immutable_errors}
