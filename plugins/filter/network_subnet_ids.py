"""The ids of the subnets the network role created, grouped by tier."""

DOCUMENTATION = r"""
name: network_subnet_ids
version_added: 0.2.0
short_description: Group the subnet ids of a subnet loop by tier
description:
  - Takes the results of a loop of M(amazon.aws.ec2_vpc_subnet) over M(appstack.aws.network_subnet_plan) and
    returns a dict that maps each tier to its subnet ids, in the loop's (zone) order.
  - A result without a subnet id (a subnet that C(--check) would create) gives O(pending_id) instead.
options:
  _input:
    description: The C(results) of the registered loop; each result's C(item) has the C(tier).
    type: list
    elements: dict
    required: true
  tiers:
    description: The tiers to return, each a key of the result even when it has no subnet.
    type: list
    elements: str
    required: true
  pending_id:
    description: The id that stands for a subnet not created yet.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Record the subnet ids per tier
  ansible.builtin.set_fact:
    network_subnet_ids: "{{ network__subnets.results | appstack.aws.network_subnet_ids(['public', 'app'],
      'subnet-00000000000000000') }}"
"""

RETURN = r"""
_value:
  description: The subnet ids of each tier, in zone order.
  type: dict
"""


def network_subnet_ids(results, tiers, pending_id):
    """{tier: [id, ...]} from the registered results of the subnet loop."""
    ids = {tier: [] for tier in tiers}
    for result in results:
        tier = result["item"]["tier"]
        if tier in ids:
            ids[tier].append((result.get("subnet") or {}).get("id") or pending_id)
    return ids


class FilterModule:
    def filters(self):
        return {"network_subnet_ids": network_subnet_ids}
