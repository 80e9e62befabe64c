# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.elbv2_load_balancer, as pure functions: the options checked, the
CreateLoadBalancer and CreateListener requests, what an existing load balancer and its listeners must change,
and the load balancer as the modules return it.

Only the settings the user gave are compared, each in the form AWS reports it: subnets and security groups are
sets, a listener is known by its port, a forward action equals the ``ForwardConfig`` AWS fills in for one
target group, and a redirect spells out the ``#{...}`` defaults AWS applies. The scheme of a load balancer
cannot change: asking for another one is refused with the way out.

It imports nothing of botocore.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems

SCHEMES = ["internet-facing", "internal"]
LISTENER_PROTOCOLS = ["HTTP", "HTTPS"]
ACTION_TYPES = ["forward", "redirect", "fixed-response"]
REDIRECT_STATUS_CODES = ["HTTP_301", "HTTP_302"]

# CreateLoadBalancer Name: up to 32 alphanumerics and hyphens, not beginning or ending with a hyphen, not
# beginning with "internal-".
NAME = re.compile(r"^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")
PORT_RANGE = (1, 65535)
IDLE_TIMEOUT_RANGE = (1, 4000)

# What AWS reports for a redirect component left unset (API_RedirectActionConfig.html).
REDIRECT_DEFAULTS = {
    "Protocol": "#{protocol}",
    "Port": "#{port}",
    "Host": "#{host}",
    "Path": "/#{path}",
    "Query": "#{query}",
}
REDIRECT_OPTIONS = {"protocol": "Protocol", "port": "Port", "host": "Host", "path": "Path", "query": "Query"}
FIXED_RESPONSE_OPTIONS = {"status_code": "StatusCode", "content_type": "ContentType", "message_body": "MessageBody"}

# Module option -> load balancer attribute.
ATTRIBUTE_OPTIONS = {
    "deletion_protection": "deletion_protection.enabled",
    "drop_invalid_header_fields": "routing.http.drop_invalid_header_fields.enabled",
    "idle_timeout": "idle_timeout.timeout_seconds",
}
ACCESS_LOG_OPTIONS = {
    "enabled": "access_logs.s3.enabled",
    "bucket": "access_logs.s3.bucket",
    "prefix": "access_logs.s3.prefix",
}


def _range_problem(option, value, bounds):
    low, high = bounds
    if value is not None and not low <= value <= high:
        return [f"{option} must be between {low} and {high}, not {value}."]
    return []


def _action_problems(option, action):
    kind = action["type"]
    if kind == "forward":
        given = [key for key in ("target_group_arn", "target_group_name") if action.get(key)]
        if len(given) != 1:
            return [f"{option}.type=forward needs one of {option}.target_group_arn and {option}.target_group_name."]
        return []
    needs = {"redirect": "redirect", "fixed-response": "fixed_response"}[kind]
    if not action.get(needs):
        return [f"{option}.type={kind} needs {option}.{needs}."]
    return []


def _listener_problems(index, listener):
    option = f"listeners[{index}]"
    problems = _range_problem(f"{option}.port", listener["port"], PORT_RANGE)
    if listener["protocol"] == "HTTPS" and not listener.get("certificate_arn"):
        problems.append(f"{option}.protocol=HTTPS needs {option}.certificate_arn.")
    if listener["protocol"] == "HTTP" and (listener.get("certificate_arn") or listener.get("ssl_policy")):
        problems.append(f"{option}.certificate_arn and ssl_policy apply to protocol=HTTPS only.")
    problems += _action_problems(f"{option}.default_action", listener["default_action"])
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if not NAME.match(params["name"] or ""):
        problems.append(
            "name must be 1 to 32 letters, digits and hyphens, not beginning or ending with a hyphen nor with"
            f" 'internal-', not {params['name']!r}."
        )
    problems += wait_timeout_problems(params.get("wait_timeout"))
    if params["state"] == "absent":
        return problems
    if params.get("subnets") is not None and len(params["subnets"]) < 2:
        problems.append("subnets must name at least two subnets, in two Availability Zones.")
    problems += _range_problem("idle_timeout", params.get("idle_timeout"), IDLE_TIMEOUT_RANGE)
    access_logs = params.get("access_logs") or {}
    if access_logs.get("enabled") and not access_logs.get("bucket"):
        problems.append("access_logs.enabled=true needs access_logs.bucket.")
    listeners = params.get("listeners") or []
    for index, listener in enumerate(listeners):
        problems += _listener_problems(index, listener)
    ports = [listener["port"] for listener in listeners]
    duplicates = sorted({port for port in ports if ports.count(port) > 1})
    if duplicates:
        problems.append(f"listeners must have one port each; repeated: {', '.join(map(str, duplicates))}.")
    return problems


def creation_problems(params):
    """What a new load balancer needs that an update doesn't (empty: none)."""
    if not params.get("subnets"):
        return [f"Creating load balancer {params['name']} needs subnets."]
    return []


def immutable_problems(load_balancer, params):
    wanted = params.get("scheme")
    if wanted is not None and load_balancer.get("Scheme") not in (None, wanted):
        return [
            f"Changing scheme of load balancer {params['name']} from {load_balancer['Scheme']} to {wanted} needs a"
            " new load balancer: create one under another name, move the DNS records to it, then delete this one"
            " (deletion_protection=false, then state=absent)."
        ]
    return []


# --- options to API shapes ------------------------------------------------------------------------------


def action_to_api(action):
    """A default_action option as a DefaultActions item."""
    kind = action["type"]
    api = {"Type": kind}
    if kind == "forward" and action.get("target_group_arn"):
        api["TargetGroupArn"] = action["target_group_arn"]
    elif kind == "forward":
        # Resolved to TargetGroupArn by resolve_target_groups() before it is sent.
        api["TargetGroupName"] = action["target_group_name"]
    elif kind == "redirect":
        redirect = action["redirect"]
        api["RedirectConfig"] = {
            key: redirect[option] for option, key in REDIRECT_OPTIONS.items() if redirect.get(option)
        }
        api["RedirectConfig"]["StatusCode"] = redirect["status_code"]
    else:
        fixed = action["fixed_response"]
        api["FixedResponseConfig"] = {
            key: fixed[option] for option, key in FIXED_RESPONSE_OPTIONS.items() if fixed.get(option) is not None
        }
    return api


def listener_to_api(listener):
    """A listeners item as CreateListener/ModifyListener parameters (without LoadBalancerArn)."""
    api = {
        "Protocol": listener["protocol"],
        "Port": listener["port"],
        "DefaultActions": [action_to_api(listener["default_action"])],
    }
    if listener.get("ssl_policy"):
        api["SslPolicy"] = listener["ssl_policy"]
    if listener.get("certificate_arn"):
        api["Certificates"] = [{"CertificateArn": listener["certificate_arn"]}]
    return api


def desired_attributes(params):
    """The attributes asked for, keyed as ELBv2 names them (values not yet strings)."""
    attributes = dict(params.get("attributes") or {})
    for option, key in ATTRIBUTE_OPTIONS.items():
        if params.get(option) is not None:
            attributes[key] = params[option]
    for option, key in ACCESS_LOG_OPTIONS.items():
        value = (params.get("access_logs") or {}).get(option)
        if value is not None:
            attributes[key] = value
    return attributes


def create_request(params):
    request = {"Name": params["name"], "Type": "application", "Subnets": list(params["subnets"])}
    if params.get("scheme"):
        request["Scheme"] = params["scheme"]
    if params.get("security_groups") is not None:
        request["SecurityGroups"] = list(params["security_groups"])
    return request


def subnet_ids(load_balancer):
    return sorted(zone["SubnetId"] for zone in load_balancer.get("AvailabilityZones") or [])


def update_requests(load_balancer, params):
    """What an existing load balancer must change: {"Subnets": [...], "SecurityGroups": [...]}, each only when
    it differs ({}: nothing)."""
    changes = {}
    if params.get("subnets") is not None and sorted(set(params["subnets"])) != subnet_ids(load_balancer):
        changes["Subnets"] = list(params["subnets"])
    groups = params.get("security_groups")
    if groups is not None and sorted(set(groups)) != sorted(load_balancer.get("SecurityGroups") or []):
        changes["SecurityGroups"] = list(groups)
    return changes


def apply_update(load_balancer, changes):
    updated = deepcopy(load_balancer)
    if "Subnets" in changes:
        updated["AvailabilityZones"] = [{"SubnetId": subnet} for subnet in changes["Subnets"]]
    if "SecurityGroups" in changes:
        updated["SecurityGroups"] = list(changes["SecurityGroups"])
    return updated


def predicted_load_balancer(request):
    """A new load balancer as it is expected to be, from its CreateLoadBalancer request (check mode, diff)."""
    return {
        "LoadBalancerName": request["Name"],
        "Type": "application",
        "Scheme": request.get("Scheme", "internet-facing"),
        "SecurityGroups": list(request.get("SecurityGroups") or []),
        "AvailabilityZones": [{"SubnetId": subnet} for subnet in request["Subnets"]],
        "State": {"Code": "provisioning"},
    }


# --- listeners ----------------------------------------------------------------------------------------------


def target_group_name(arn):
    """The name in a target group ARN (...:targetgroup/NAME/ID); names are unique in an account and region."""
    return arn.split(":targetgroup/", 1)[-1].split("/")[0]


def _forward_target(action):
    if action.get("TargetGroupName"):
        return action["TargetGroupName"]
    if action.get("TargetGroupArn"):
        return target_group_name(action["TargetGroupArn"])
    groups = (action.get("ForwardConfig") or {}).get("TargetGroups") or []
    names = sorted(target_group_name(group["TargetGroupArn"]) for group in groups)
    return names[0] if len(names) == 1 else names


def canonical_action(action):
    """A DefaultActions item in one form, whether AWS reported it or the options built it; a forward action is
    known by the name of its target group."""
    kind = action["Type"]
    if kind == "forward":
        return {"Type": kind, "TargetGroup": _forward_target(action)}
    if kind == "redirect":
        return {"Type": kind, "RedirectConfig": {**REDIRECT_DEFAULTS, **(action.get("RedirectConfig") or {})}}
    if kind == "fixed-response":
        return {"Type": kind, "FixedResponseConfig": dict(action.get("FixedResponseConfig") or {})}
    return {key: value for key, value in action.items() if key != "Order"}


def canonical_listener(listener):
    """The settings of a listener the module manages, in one form (AWS's or the options')."""
    view = {
        "Protocol": listener["Protocol"],
        "Port": listener["Port"],
        "DefaultActions": [canonical_action(action) for action in listener.get("DefaultActions") or []],
    }
    if listener["Protocol"] == "HTTPS":
        view["SslPolicy"] = listener.get("SslPolicy")
        view["Certificates"] = [
            {"CertificateArn": cert["CertificateArn"]} for cert in listener.get("Certificates") or []
        ]
    return view


def listener_plan(current, wanted, purge):
    """How the listeners must change.

    :param current: the listeners as DescribeListeners returns them
    :param wanted: the listeners option, as listener_to_api() requests
    :return: (to_create: [request], to_modify: [(listener ARN, request)], to_delete: [listener ARN])
    """
    by_port = {listener["Port"]: listener for listener in current}
    to_create, to_modify = [], []
    for request in wanted:
        existing = by_port.get(request["Port"])
        if existing is None:
            to_create.append(request)
            continue
        have = canonical_listener(existing)
        want = canonical_listener(request)
        if "SslPolicy" not in request and "SslPolicy" in want:
            want["SslPolicy"] = have.get("SslPolicy")
        if have != want:
            to_modify.append((existing["ListenerArn"], request))
    ports = {request["Port"] for request in wanted}
    to_delete = [listener["ListenerArn"] for listener in current if purge and listener["Port"] not in ports]
    return to_create, to_modify, to_delete


def target_group_names(requests):
    """The target group names the listener requests forward to by name, sorted (resolve them before sending)."""
    return sorted(
        {
            action["TargetGroupName"]
            for request in requests
            for action in request["DefaultActions"]
            if "TargetGroupName" in action
        }
    )


def resolve_target_groups(request, arns_by_name):
    """A listener request with its target group names replaced by their ARNs."""
    resolved = deepcopy(request)
    for action in resolved["DefaultActions"]:
        if "TargetGroupName" in action:
            action["TargetGroupArn"] = arns_by_name[action.pop("TargetGroupName")]
    return resolved


def predicted_listeners(current, wanted, purge):
    """The listeners as they are expected to be once listener_plan() has run (check mode, diff)."""
    by_port = {listener["Port"]: listener for listener in current}
    ports = {request["Port"] for request in wanted}
    result = [deepcopy(listener) for listener in current if not purge or listener["Port"] in ports]
    result = [listener for listener in result if listener["Port"] not in ports]
    for request in wanted:
        existing = by_port.get(request["Port"]) or {}
        listener = {**deepcopy(existing), **deepcopy(request)}
        result.append(listener)
    return sorted(result, key=lambda listener: listener["Port"])


# --- results ----------------------------------------------------------------------------------------------


def config_view(load_balancer, attributes, listeners, tags):
    """The settings the module manages, in one form, snake_case, for the diff ({} for no load balancer)."""
    if not load_balancer:
        return {}
    view = {
        "name": load_balancer["LoadBalancerName"],
        "scheme": load_balancer.get("Scheme"),
        "subnets": subnet_ids(load_balancer),
        "security_groups": sorted(load_balancer.get("SecurityGroups") or []),
    }
    if attributes is not None:
        view["attributes"] = dict(attributes)
    if listeners is not None:
        view["listeners"] = [
            camel_dict_to_snake_dict(canonical_listener(listener))
            for listener in sorted(listeners, key=lambda listener: listener["Port"])
        ]
    if tags is not None:
        view["tags"] = dict(tags)
    return view


def load_balancer_to_result(load_balancer, attributes=None, listeners=None, tags=None):
    """A load balancer as the modules return it: snake_case keys; attributes and tags as dicts, listeners sorted
    by port, when known."""
    result = camel_dict_to_snake_dict(load_balancer)
    if attributes is not None:
        result["attributes"] = dict(attributes)
    if listeners is not None:
        result["listeners"] = [
            camel_dict_to_snake_dict(listener) for listener in sorted(listeners, key=lambda item: item["Port"])
        ]
    if tags is not None:
        result["tags"] = dict(tags)
    return result
