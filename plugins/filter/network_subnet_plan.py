"""The network role's subnets, one entry per tier and zone, in creation order."""

DOCUMENTATION = r"""
name: network_subnet_plan
version_added: 0.2.0
short_description: One entry per subnet of the network plan
description:
  - Pairs each tier's subnet CIDRs with the availability zones, in zone order.
  - Returns a list of dicts with C(tier), C(cidr), C(az) and C(index) (the zone's position), tiers in the given order.
  - Expects a plan that M(appstack.aws.network_input_errors) accepts (one subnet per tier and zone).
options:
  _input:
    description: The subnet CIDRs per tier, as in C(network_subnet_cidrs).
    type: dict
    required: true
  availability_zones:
    description: The availability zones (C(network_availability_zones)).
    type: list
    elements: str
    required: true
  tiers:
    description: The tiers, in the order their subnets are created.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Create the subnets
  amazon.aws.ec2_vpc_subnet:
    vpc_id: "{{ network_vpc_id }}"
    cidr: "{{ item.cidr }}"
    az: "{{ item.az }}"
  loop: "{{ network_subnet_cidrs | appstack.aws.network_subnet_plan(network_availability_zones, ['public', 'app']) }}"
"""

RETURN = r"""
_value:
  description: One entry per subnet, by tier then zone.
  type: list
  elements: dict
"""


def network_subnet_plan(subnet_cidrs, availability_zones, tiers):
    """[{'tier', 'cidr', 'az', 'index'}] for every subnet, tiers in order, zones in order."""
    return [
        {"tier": tier, "cidr": cidr, "az": availability_zones[index], "index": index}
        for tier in tiers
        for index, cidr in enumerate(subnet_cidrs[tier])
    ]


class FilterModule:
    def filters(self):
        return {"network_subnet_plan": network_subnet_plan}
