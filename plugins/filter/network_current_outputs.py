"""The network role's outputs, built from what exists in AWS instead of from a converge.

A run that skips the network tier (``--tags data``) still needs ``network_outputs``. The
lookup entry point reads the network and this filter finds each resource the way the
role's converge finds it (by Name tag, by group name, by subnet), so that the result is
the dict that tasks/outputs.yml publishes after a converge, key by key.
"""

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: network_current_outputs
version_added: 0.3.0
short_description: The network role's outputs, from the network that exists
description:
  - Takes the role's inputs and what the lookup entry point read, and returns C(outputs), the dict C(network_outputs)
    of a converge, and C(error), a message naming what is missing (empty when nothing is).
  - Finds subnets by their C(Name) tag (C(<prefix>-<tier>-<zone>)), route tables by theirs (C(<prefix>-public),
    C(<prefix>-app-<zone>), C(<prefix>-database)), security groups by name (C(<prefix>-<key>)), NAT gateways by the
    public subnet they sit in (the first pending or available one, as M(amazon.aws.ec2_vpc_nat_gateway) does), the S3
    gateway endpoint as the first one read.
options:
  _input:
    description:
      - The role's variables by name, with at least C(network_name_prefix), C(network_availability_zones),
        C(network_nat_mode), C(network_flow_logs_enabled), C(network_s3_gateway_endpoint) and
        C(network_flow_log_group_name) (the group's name when flow logs are on).
    type: dict
    required: true
  reads:
    description:
      - What exists; C(vpcs) (M(amazon.aws.ec2_vpc_net_info) by Name tag), C(subnets), C(route_tables),
        C(security_groups), C(nat_gateways) and C(s3_endpoints) (the matching info modules, by the VPC's id).
    type: dict
    required: true
  tiers:
    description: The tiers whose subnets the role builds, in order.
    type: list
    elements: str
    required: true
  security_groups:
    description: The keys of the role's security groups (C(alb), C(app), ...).
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Build the network outputs from what exists
  ansible.builtin.set_fact:
    __lookup: "{{ __inputs | appstack.aws.network_current_outputs(__reads, ['public', 'app', 'database'],
      ['alb', 'app', 'database', 'cache']) }}"
"""

RETURN = r"""
_value:
  description: C(outputs), the network outputs (empty when C(error) is set), and C(error).
  type: dict
"""

INPUTS = (
    "network_name_prefix",
    "network_availability_zones",
    "network_nat_mode",
    "network_flow_logs_enabled",
    "network_s3_gateway_endpoint",
    "network_flow_log_group_name",
)
RUN_NETWORK = "run site.yml without --tags (or with --tags network) first"


def _by_name(resources):
    """{Name tag: id} of the first resource of each name."""
    found = {}
    for resource in resources:
        found.setdefault((resource.get("tags") or {}).get("Name"), resource["id"])
    return found


def _nat_count(mode, zone_count):
    return {"none": 0, "single": 1, "per_az": zone_count}[mode]


class _Finder:
    """Looks resources up by name and remembers the names it did not find."""

    def __init__(self):
        self.missing = []

    def one(self, index, name, kind):
        if name in index:
            return index[name]
        self.missing.append(f"{kind} {name}")
        return None


def _outputs(inputs, reads, tiers, security_groups):
    prefix = inputs["network_name_prefix"]
    zones = list(inputs["network_availability_zones"])
    mode = inputs["network_nat_mode"]
    (vpc,) = reads["vpcs"]
    finder = _Finder()
    subnets = _by_name(s for s in reads.get("subnets") or [] if s.get("vpc_id") == vpc["id"])
    subnet_ids = {tier: [finder.one(subnets, f"{prefix}-{tier}-{zone}", "subnet") for zone in zones] for tier in tiers}
    tables = _by_name(reads.get("route_tables") or [])
    route_table_ids = {
        "public": [finder.one(tables, f"{prefix}-public", "route table")],
        "app": [finder.one(tables, f"{prefix}-app-{zone}", "route table") for zone in zones],
        "database": [finder.one(tables, f"{prefix}-database", "route table")],
    }
    groups = {group["group_name"]: group["group_id"] for group in reads.get("security_groups") or []}
    security_group_ids = {key: finder.one(groups, f"{prefix}-{key}", "security group") for key in security_groups}
    nat_by_subnet = {}
    for gateway in reads.get("nat_gateways") or []:
        if gateway.get("state") in ("pending", "available"):
            nat_by_subnet.setdefault(gateway["subnet_id"], gateway["nat_gateway_id"])
    nat_subnets = subnet_ids.get("public", [])[: _nat_count(mode, len(zones))]
    nat_gateway_ids = [
        finder.one(nat_by_subnet, subnet, f"NAT gateway ({mode}) in subnet") for subnet in nat_subnets if subnet
    ]
    s3_endpoint_id = ""
    if boolean(inputs["network_s3_gateway_endpoint"], strict=True):
        endpoints = reads.get("s3_endpoints") or []
        if endpoints:
            s3_endpoint_id = endpoints[0]["vpc_endpoint_id"]
        else:
            finder.missing.append(f"S3 gateway endpoint {prefix}-s3")
    flow_logs = boolean(inputs["network_flow_logs_enabled"], strict=True)
    outputs = {
        "vpc_id": vpc["id"],
        "vpc_cidr": vpc["cidr_block"],
        "availability_zones": zones,
        "subnet_ids": subnet_ids,
        "route_table_ids": route_table_ids,
        "security_group_ids": security_group_ids,
        "nat_mode": mode,
        "nat_gateway_ids": nat_gateway_ids,
        "s3_endpoint_id": s3_endpoint_id,
        "flow_log_group_name": inputs["network_flow_log_group_name"] if flow_logs else "",
    }
    return outputs, finder.missing


def network_current_outputs(inputs, reads, tiers, security_groups):
    """{'outputs': the network outputs, 'error': ''}, or {'outputs': {}, 'error': what is missing}."""
    require_inputs("network_current_outputs", inputs, INPUTS)
    prefix = inputs["network_name_prefix"]
    vpcs = reads.get("vpcs") or []
    if not vpcs:
        return {"outputs": {}, "error": f"the network of {prefix} does not exist yet: {RUN_NETWORK}"}
    if len(vpcs) > 1:
        ids = ", ".join(vpc["id"] for vpc in vpcs)
        return {
            "outputs": {},
            "error": f"the network of {prefix} is ambiguous: {len(vpcs)} VPCs carry its name ({ids})",
        }
    outputs, absent = _outputs(inputs, reads, tiers, security_groups)
    if absent:
        return {
            "outputs": {},
            "error": f"the network of {prefix} is incomplete (no {', no '.join(absent)}): {RUN_NETWORK}",
        }
    return {"outputs": outputs, "error": ""}


class FilterModule:
    def filters(self):
        return {"network_current_outputs": network_current_outputs}
