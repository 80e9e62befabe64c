# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.elbv2_target_group, as pure functions: the options checked, the
CreateTargetGroup request, what an existing target group must change (ModifyTargetGroup parameters and
attributes), and the target group as the modules return it.

Only the settings the user gave are compared. The protocol, port, VPC, target type, protocol version and IP
address type of a target group cannot change: asking for another value is refused with the way out.

It imports nothing of botocore.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

# botocore's elbv2 model: ProtocolEnum, TargetTypeEnum, TargetGroupIpAddressTypeEnum; ProtocolVersion is free text
# documented as GRPC, HTTP1 or HTTP2.
PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"]
HEALTH_CHECK_PROTOCOLS = ["HTTP", "HTTPS", "TCP"]
TARGET_TYPES = ["instance", "ip", "lambda", "alb"]
PROTOCOL_VERSIONS = ["HTTP1", "HTTP2", "GRPC"]
IP_ADDRESS_TYPES = ["ipv4", "ipv6"]

# CreateTargetGroup Name: up to 32 alphanumerics and hyphens, not beginning or ending with a hyphen.
NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")
PORT_RANGE = (1, 65535)
# API_ModifyTargetGroup.html and the target group attributes (application load balancers).
HEALTH_CHECK_RANGES = {
    "interval_seconds": (5, 300),
    "timeout_seconds": (2, 120),
    "healthy_threshold_count": (2, 10),
    "unhealthy_threshold_count": (2, 10),
}
DEREGISTRATION_DELAY_RANGE = (0, 3600)
DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds"

# The settings fixed at creation: module option -> TargetGroup key.
IMMUTABLE = {
    "target_type": "TargetType",
    "protocol": "Protocol",
    "port": "Port",
    "vpc_id": "VpcId",
    "protocol_version": "ProtocolVersion",
    "ip_address_type": "IpAddressType",
}
# health_check sub-options -> TargetGroup (and ModifyTargetGroup) key; the matcher is apart.
HEALTH_CHECK = {
    "enabled": "HealthCheckEnabled",
    "protocol": "HealthCheckProtocol",
    "port": "HealthCheckPort",
    "path": "HealthCheckPath",
    "interval_seconds": "HealthCheckIntervalSeconds",
    "timeout_seconds": "HealthCheckTimeoutSeconds",
    "healthy_threshold_count": "HealthyThresholdCount",
    "unhealthy_threshold_count": "UnhealthyThresholdCount",
}
# The TargetGroup keys the diff shows.
CONFIG_KEYS = ("TargetGroupName", *IMMUTABLE.values(), *HEALTH_CHECK.values(), "Matcher")


def _range_problem(option, value, bounds):
    low, high = bounds
    if value is not None and not low <= value <= high:
        return [f"{option} must be between {low} and {high}, not {value}."]
    return []


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if not NAME.match(params["name"] or ""):
        problems.append(
            "name must be 1 to 32 letters, digits and hyphens, not beginning or ending with a hyphen,"
            f" not {params['name']!r}."
        )
    if params["state"] == "absent":
        return problems
    problems += _range_problem("port", params.get("port"), PORT_RANGE)
    health = params.get("health_check") or {}
    path = health.get("path")
    if path is not None and not path.startswith("/"):
        problems.append(f"health_check.path must start with '/', not {path!r}.")
    port = health.get("port")
    if (
        port is not None
        and port != "traffic-port"
        and not (port.isdigit() and PORT_RANGE[0] <= int(port) <= PORT_RANGE[1])
    ):
        problems.append(f"health_check.port must be traffic-port or a port from 1 to 65535, not {port!r}.")
    for option, bounds in HEALTH_CHECK_RANGES.items():
        problems += _range_problem(f"health_check.{option}", health.get(option), bounds)
    problems += _range_problem(
        "deregistration_delay_timeout", params.get("deregistration_delay_timeout"), DEREGISTRATION_DELAY_RANGE
    )
    return problems


def creation_problems(params):
    """What a new target group needs that an update doesn't (empty: none)."""
    if params.get("target_type") == "lambda":
        return []
    missing = [option for option in ("protocol", "port", "vpc_id") if params.get(option) is None]
    if missing:
        return [f"Creating target group {params['name']} needs {', '.join(missing)}."]
    return []


def immutable_problems(target_group, params):
    """The fixed settings params ask to change, each with the way out (empty: none)."""
    problems = []
    for option, key in IMMUTABLE.items():
        wanted = params.get(option)
        if wanted is not None and target_group.get(key) is not None and target_group[key] != wanted:
            problems.append(
                f"Changing {option} of target group {params['name']} from {target_group[key]} to {wanted} needs a"
                " new target group: create one under another name, point the listeners and services at it, then"
                " delete this one (state=absent)."
            )
    return problems


# --- options to API shapes ------------------------------------------------------------------------------


def _matcher_key(params, target_group=None):
    version = params.get("protocol_version") or (target_group or {}).get("ProtocolVersion")
    return "GrpcCode" if version == "GRPC" else "HttpCode"


def health_check_to_api(params, target_group=None):
    """The health check options given, as CreateTargetGroup/ModifyTargetGroup parameters."""
    health = params.get("health_check") or {}
    api = {key: health[option] for option, key in HEALTH_CHECK.items() if health.get(option) is not None}
    if health.get("matcher") is not None:
        api["Matcher"] = {_matcher_key(params, target_group): health["matcher"]}
    return api


def desired_attributes(params):
    """The attributes asked for, keyed as ELBv2 names them (values not yet strings)."""
    attributes = dict(params.get("attributes") or {})
    if params.get("deregistration_delay_timeout") is not None:
        attributes[DEREGISTRATION_DELAY] = params["deregistration_delay_timeout"]
    return attributes


def create_request(params):
    request = {"Name": params["name"]}
    for option, key in IMMUTABLE.items():
        if params.get(option) is not None:
            request[key] = params[option]
    request.update(health_check_to_api(params))
    return request


def modify_request(target_group, params):
    """The ModifyTargetGroup parameters that differ from the target group ({}: nothing to change)."""
    wanted = health_check_to_api(params, target_group)
    changes = {}
    for key, value in wanted.items():
        if key == "Matcher":
            if (target_group.get("Matcher") or {}) != value:
                changes[key] = value
        elif target_group.get(key) != value:
            changes[key] = value
    return changes


def apply_modify(target_group, request):
    """The target group as it is expected to be once ModifyTargetGroup has taken request."""
    updated = deepcopy(target_group)
    updated.update(deepcopy(request))
    return updated


def predicted_target_group(request):
    """A new target group as it is expected to be, from its CreateTargetGroup request (check mode, diff)."""
    target_group = {key: deepcopy(value) for key, value in request.items() if key not in ("Name", "Tags")}
    target_group["TargetGroupName"] = request["Name"]
    target_group.setdefault("TargetType", "instance")
    return target_group


# --- results ----------------------------------------------------------------------------------------------


def config_view(target_group, attributes, tags):
    """The settings the module manages, the attributes read or set and the tags, snake_case ({} for none)."""
    if not target_group:
        return {}
    config = {key: deepcopy(target_group[key]) for key in CONFIG_KEYS if target_group.get(key) is not None}
    view = camel_dict_to_snake_dict(config)
    if attributes is not None:
        view["attributes"] = dict(attributes)
    if tags is not None:
        view["tags"] = dict(tags)
    return view


def target_group_to_result(target_group, attributes=None, tags=None):
    """A target group as the modules return it: snake_case keys; attributes and tags as dicts when known."""
    result = camel_dict_to_snake_dict(target_group)
    if attributes is not None:
        result["attributes"] = dict(attributes)
    if tags is not None:
        result["tags"] = dict(tags)
    return result
