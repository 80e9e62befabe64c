"""A VPC keeps listing the CIDR blocks it disassociated when it associates new ones.

AWS: ``DisassociateVpcCidrBlock`` leaves the association in the VPC's ``CidrBlockAssociationSet`` /
``Ipv6CidrBlockAssociationSet`` with state ``disassociating`` and then ``disassociated``, and associating
another block (``AssociateVpcCidrBlock``) adds an entry beside it: an IPv6 block disassociated and then
re-added shows as two entries, one ``disassociated`` and one ``associated``. Only the associated blocks count
toward the quota of CIDR blocks per VPC
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisassociateVpcCidrBlock.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcCidrBlockState.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateVpcCidrBlock.html).

Moto 5.2.5 drops every disassociated entry as soon as another block is associated. amazon.aws's
``ec2_vpc_net`` target removes a VPC's IPv6 block, adds one again and expects two entries, the first
``disassociated``, the second ``associated``.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.vpcs import VPC

_original_associate_vpc_cidr_block = VPC.associate_vpc_cidr_block


def _is_disassociated(association: dict[str, Any]) -> bool:
    return association.get("cidr_block_state", {}).get("state") == "disassociated"


def _associate_vpc_cidr_block(self: VPC, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Moto's method counts the entries against the quota after dropping the disassociated ones; hide them
    # from it, then list them again in their place, ahead of the new entry.
    entries = self._cidr_block_association_set
    listed_before = dict(entries)
    for association_id, association in listed_before.items():
        if _is_disassociated(association):
            del entries[association_id]
    try:
        created = _original_associate_vpc_cidr_block(self, *args, **kwargs)
    finally:
        added = {key: value for key, value in entries.items() if key not in listed_before}
        entries.clear()
        entries.update(listed_before)
        entries.update(added)
    return created


def apply() -> None:
    VPC.associate_vpc_cidr_block = _associate_vpc_cidr_block
