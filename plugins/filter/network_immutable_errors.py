"""What the network role's input would change that AWS cannot change in place.

AWS cannot change a VPC's primary CIDR block or a subnet's CIDR block. The upstream
modules do not say so: amazon.aws.ec2_vpc_net finds a VPC by its Name tag and its
CIDR, so a new CIDR builds a second VPC of the same name, and amazon.aws.ec2_vpc_subnet
finds a subnet by its CIDR, so a new CIDR builds a second subnet (or fails mid-run on an
overlap). This filter compares the current network with the input, before any write,
with messages that name the variable, the current and the requested value, and the way out.
"""

import ipaddress

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: network_immutable_errors
version_added: 0.3.0
short_description: List the changes of the network role's input that AWS cannot make in place
description:
  - Returns a list of messages, empty when the input fits the current network (or there is no network yet).
  - Refuses two VPCs named after the environment (C(network_name_prefix)), a VPC whose CIDR differs from
    C(network_vpc_cidr), and a subnet (found by its C(Name) tag, C(<prefix>-<tier>-<zone>)) whose CIDR differs
    from its entry in C(network_subnet_cidrs).
  - A subnet the input adds (a new zone) is not a problem; the role creates it.
options:
  _input:
    description:
      - The role's variables by name, with at least C(network_name_prefix), C(network_vpc_cidr),
        C(network_subnet_cidrs) and C(network_availability_zones).
    type: dict
    required: true
  current:
    description:
      - The current network, as the role reads it; C(vpcs) from M(amazon.aws.ec2_vpc_net_info) filtered by the
        C(Name) tag, C(subnets) from M(amazon.aws.ec2_vpc_subnet_info) filtered by the VPC's id.
    type: dict
    required: true
  tiers:
    description: The tiers whose subnets the role builds, in order.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Check that the run changes no CIDR that AWS cannot change
  ansible.builtin.assert:
    that: __errors | length == 0
    fail_msg: "{{ __errors | join('\n') }}"
  vars:
    __errors: "{{ {'network_name_prefix': network_name_prefix, 'network_vpc_cidr': network_vpc_cidr,
                   'network_subnet_cidrs': network_subnet_cidrs, 'network_availability_zones': network_availability_zones}
                  | appstack.aws.network_immutable_errors({'vpcs': __vpcs.vpcs, 'subnets': __subnets.subnets},
                                                          ['public', 'app', 'database']) }}"
"""

RETURN = r"""
_value:
  description: One message per change that AWS cannot make; empty when there is none.
  type: list
  elements: str
"""

INPUTS = ("network_name_prefix", "network_vpc_cidr", "network_subnet_cidrs", "network_availability_zones")
SUBNETS_VAR = "network_subnet_cidrs"
REPLACE = "for another range, build a new environment (another network_name_prefix) with it, migrate, then tear down the old one"


def _same_cidr(current, requested):
    """Whether two CIDR blocks are the same network; compares the text if either does not parse."""
    try:
        return ipaddress.ip_network(str(current), strict=False) == ipaddress.ip_network(str(requested), strict=False)
    except ValueError:
        return str(current) == str(requested)


def _vpc_errors(vpcs, prefix, requested):
    if len(vpcs) > 1:
        found = ", ".join(f"{vpc['id']} ({vpc['cidr_block']})" for vpc in vpcs)
        return [
            f"network_name_prefix: {len(vpcs)} VPCs are named '{prefix}' ({found}); the role cannot tell which one "
            f"is the environment's. Keep the one in use: move anything else out of the others and delete them "
            f"(or rename them), then run again"
        ]
    (vpc,) = vpcs
    if _same_cidr(vpc["cidr_block"], requested):
        return []
    return [
        f"network_vpc_cidr: the VPC {prefix} ({vpc['id']}) has CIDR '{vpc['cidr_block']}', the input asks for "
        f"'{requested}'. AWS cannot change a VPC's primary CIDR block (amazon.aws.ec2_vpc_net would build a second "
        f"VPC named {prefix}). Keep network_vpc_cidr '{vpc['cidr_block']}'; for more addresses, associate a "
        f"secondary CIDR block with the VPC; {REPLACE}"
    ]


def _subnet_errors(subnets, inputs, tiers):
    prefix = inputs["network_name_prefix"]
    zones = inputs["network_availability_zones"]
    by_name = {}
    for subnet in subnets:
        by_name.setdefault((subnet.get("tags") or {}).get("Name"), []).append(subnet)
    errors = []
    for tier in tiers:
        for index, requested in enumerate(inputs[SUBNETS_VAR].get(tier) or []):
            if index >= len(zones):
                break
            name = f"{prefix}-{tier}-{zones[index]}"
            current = by_name.get(name, [])
            if not current or any(_same_cidr(subnet["cidr_block"], requested) for subnet in current):
                continue
            variable = f"{SUBNETS_VAR}.{tier}[{index}]"
            found = ", ".join(f"'{subnet['cidr_block']}'" for subnet in current)
            ids = ", ".join(subnet["id"] for subnet in current)
            errors.append(
                f"{variable}: the subnet {name} ({ids}) has CIDR {found}, the input asks for '{requested}'. "
                f"AWS cannot change a subnet's CIDR block. Keep {variable} {found}; {REPLACE}"
            )
    return errors


def network_immutable_errors(inputs, current, tiers):
    """Every CIDR change of the input that AWS cannot make, as a message naming the variable; [] if none."""
    require_inputs("network_immutable_errors", inputs, INPUTS)
    vpcs = current.get("vpcs") or []
    if not vpcs:
        return []
    errors = _vpc_errors(vpcs, inputs["network_name_prefix"], inputs["network_vpc_cidr"])
    if len(vpcs) > 1:
        return errors
    subnets = [subnet for subnet in current.get("subnets") or [] if subnet.get("vpc_id") == vpcs[0]["id"]]
    return errors + _subnet_errors(subnets, inputs, tiers)


class FilterModule:
    def filters(self):
        return {"network_immutable_errors": network_immutable_errors}
