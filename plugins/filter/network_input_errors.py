"""Semantic checks of the network role's input, run before any AWS call.

Argument specs check types and choices; they cannot tell that a subnet lies
outside its VPC or overlaps another. This filter does, with messages that name
the variable at fault and what it allows.
"""

import ipaddress

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: network_input_errors
version_added: 0.2.0
short_description: List what is wrong with the network role's input
description:
  - Returns a list of messages, empty when the input is valid; each names the variable at fault and what it allows.
  - Checks that every CIDR is valid, that every subnet lies inside the VPC, that no two subnets overlap,
    that each tier has one subnet per availability zone, and that C(per_az) NAT has at least two zones.
  - When given C(network_alb_ingress_cidrs), checks that each is an IPv4 CIDR block.
options:
  _input:
    description:
      - The role's variables by name, with at least C(network_vpc_cidr), C(network_subnet_cidrs),
        C(network_availability_zones) and C(network_nat_mode); C(network_alb_ingress_cidrs) is checked when given.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the network input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __errors) | unique }}"
  vars:
    __errors: "{{ {'network_vpc_cidr': network_vpc_cidr, 'network_subnet_cidrs': network_subnet_cidrs,
                   'network_availability_zones': network_availability_zones, 'network_nat_mode': network_nat_mode}
                  | appstack.aws.network_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# The VPC API accepts IPv4 blocks between /16 and /28 for both VPCs and subnets.
VPC_PREFIX_RANGE = (16, 28)
SUBNET_PREFIX_RANGE = (16, 28)
SUBNETS_VAR = "network_subnet_cidrs"
INPUTS = ("network_vpc_cidr", SUBNETS_VAR, "network_availability_zones", "network_nat_mode")


def _parse_network(value, variable, prefix_range):
    """Return (network, error): the parsed IPv4 network or a message naming the variable."""
    try:
        network = ipaddress.IPv4Network(str(value), strict=True)
    except ValueError as exc:
        return None, f"{variable}: '{value}' is not a valid IPv4 CIDR block ({exc})"
    low, high = prefix_range
    if not low <= network.prefixlen <= high:
        return None, f"{variable}: '{value}' has prefix /{network.prefixlen}; allowed are /{low} to /{high}"
    return network, None


def _tier_errors(tier, cidrs, zone_count):
    if not isinstance(cidrs, list) or not cidrs:
        return [f"{SUBNETS_VAR}.{tier}: must be a non-empty list of CIDR blocks"]
    if len(cidrs) != zone_count:
        return [
            f"{SUBNETS_VAR}.{tier}: has {len(cidrs)} subnet(s) but network_availability_zones has "
            f"{zone_count}; give exactly one subnet per availability zone"
        ]
    return []


def _subnet_networks(subnet_cidrs, vpc, zone_count):
    """Parse every subnet; return ([(variable, network)], errors)."""
    parsed, errors = [], []
    for tier, cidrs in subnet_cidrs.items():
        tier_errors = _tier_errors(tier, cidrs, zone_count)
        errors.extend(tier_errors)
        if tier_errors:
            continue
        for index, cidr in enumerate(cidrs):
            variable = f"{SUBNETS_VAR}.{tier}[{index}]"
            network, error = _parse_network(cidr, variable, SUBNET_PREFIX_RANGE)
            if error:
                errors.append(error)
            elif vpc is not None and not network.subnet_of(vpc):
                errors.append(f"{variable}: '{cidr}' is outside network_vpc_cidr '{vpc}'")
            else:
                parsed.append((variable, network))
    return parsed, errors


def _overlap_errors(parsed):
    errors = []
    for position, (variable, network) in enumerate(parsed):
        for other_variable, other in parsed[position + 1 :]:
            if network.overlaps(other):
                errors.append(f"{variable}: '{network}' overlaps {other_variable} '{other}'")
    return errors


def _zone_errors(availability_zones, nat_mode):
    if not availability_zones:
        return ["network_availability_zones: give at least one availability zone"]
    if len(set(availability_zones)) != len(availability_zones):
        return [f"network_availability_zones: zones must be distinct, got {availability_zones}"]
    if nat_mode == "per_az" and len(availability_zones) < 2:
        return [
            "network_nat_mode: 'per_az' needs at least two network_availability_zones; "
            "use 'single' or 'none' for a one-zone environment"
        ]
    return []


def _ingress_errors(cidrs):
    """The load balancer's source CIDRs: IPv4 blocks of any prefix (0.0.0.0/0 is the internet)."""
    if cidrs is None:
        return []
    if not isinstance(cidrs, list):
        return [f"network_alb_ingress_cidrs: must be a list of IPv4 CIDR blocks, e.g. ['0.0.0.0/0']; got {cidrs!r}"]
    errors = []
    for index, cidr in enumerate(cidrs):
        try:
            ipaddress.IPv4Network(str(cidr), strict=False)
        except ValueError:
            errors.append(
                f"network_alb_ingress_cidrs[{index}]: '{cidr}' is not an IPv4 CIDR block (a.b.c.d/n, n from 0 to 32,"
                " e.g. 0.0.0.0/0 or 203.0.113.0/24)"
            )
    return errors


def network_input_errors(inputs):
    """Return every problem of the network input as a message naming the variable; [] if valid."""
    require_inputs("network_input_errors", inputs, INPUTS)
    subnet_cidrs = inputs[SUBNETS_VAR]
    availability_zones = inputs["network_availability_zones"]
    errors = _zone_errors(availability_zones, inputs["network_nat_mode"])
    errors += _ingress_errors(inputs.get("network_alb_ingress_cidrs"))
    vpc, vpc_error = _parse_network(inputs["network_vpc_cidr"], "network_vpc_cidr", VPC_PREFIX_RANGE)
    if vpc_error:
        errors.append(vpc_error)
    if not isinstance(subnet_cidrs, dict) or not subnet_cidrs:
        return [*errors, f"{SUBNETS_VAR}: must map each tier to a list of CIDR blocks"]
    parsed, subnet_errors = _subnet_networks(subnet_cidrs, vpc, len(availability_zones or []))
    return errors + subnet_errors + _overlap_errors(parsed)


class FilterModule:
    def filters(self):
        return {"network_input_errors": network_input_errors}
