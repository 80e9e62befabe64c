"""Subnet IPv6 blocks must lie in the VPC's IPv6 range, report their state, and DescribeSubnets filters on them.

AWS: a subnet's IPv6 CIDR block (``CreateSubnet``/``AssociateSubnetCidrBlock`` ``Ipv6CidrBlock``) must be
carved from an IPv6 block associated with its VPC; otherwise the call fails with ``InvalidSubnet.Range``
("The IPv6 CIDR '2001:db8::/64' is invalid."), and a block that overlaps another subnet's fails with
``InvalidSubnet.Conflict`` ("The IPv6 CIDR '...' conflicts with another subnet"). A value that is no IPv6 CIDR at all is ``InvalidParameterValue``.
``DescribeSubnets`` supports the filters ``ipv6-cidr-block-association.ipv6-cidr-block``,
``ipv6-cidr-block-association.association-id`` and ``ipv6-cidr-block-association.state``; a subnet's
``Ipv6CidrBlockAssociationSet`` gives each block's ``Ipv6CidrBlockState.State`` (``associated``, ...)
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateSubnetCidrBlock.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).

Moto 5.2.5 accepts any IPv6 block, and raises FilterNotImplementedError (an HTTP 500) for the three
filters. It reports each IPv6 block's state as ``{'State': 'associated'}`` (the text of a dict) where AWS
says ``associated``. amazon.aws ``ec2_vpc_subnet`` reads a subnet's IPv6 block from the entries whose state
is ``associated``, and looks a block up with the first filter before associating it; its integration target
expects associating ``2001:db8::/64`` with a subnet to fail, and a second subnet with the first one's IPv6 block
to fail with that conflict message.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.subnets import Subnet, SubnetBackend

IPV6_ASSOCIATION_FILTERS = {
    "ipv6-cidr-block-association.ipv6-cidr-block": "ipv6CidrBlock",
    "ipv6-cidr-block-association.association-id": "associationId",
}
IPV6_ASSOCIATION_STATE_FILTER = "ipv6-cidr-block-association.state"

_original_get_filter_value = Subnet.get_filter_value
_original_create_subnet = SubnetBackend.create_subnet
_original_associate_subnet_cidr_block = SubnetBackend.associate_subnet_cidr_block


class InvalidIpv6SubnetRangeError(EC2ClientError):
    def __init__(self, ipv6_cidr_block: str):
        super().__init__("InvalidSubnet.Range", f"The IPv6 CIDR '{ipv6_cidr_block}' is invalid.")


class InvalidIpv6SubnetConflictError(EC2ClientError):
    def __init__(self, ipv6_cidr_block: str):
        super().__init__("InvalidSubnet.Conflict", f"The IPv6 CIDR '{ipv6_cidr_block}' conflicts with another subnet")


class InvalidIpv6CidrBlockParameterError(EC2ClientError):
    def __init__(self, ipv6_cidr_block: str):
        super().__init__("InvalidParameterValue", f"invalid value for parameter ipv6-cidr-block: {ipv6_cidr_block}")


def _associations(subnet: Subnet) -> list[dict[str, Any]]:
    return list(subnet.ipv6_cidr_block_associations.values())


def _ipv6_cidr_block_association_set(self: Subnet) -> list[dict[str, Any]]:
    """The subnet's associated IPv6 blocks, each state reported as the Ipv6CidrBlockState structure."""
    return [
        {
            "ipv6CidrBlock": association["ipv6CidrBlock"],
            "associationId": association["associationId"],
            "ipv6CidrBlockState": dict(association["ipv6CidrBlockState"]),
        }
        for association in _associations(self)
        if association["ipv6CidrBlockState"]["State"] == "associated"
    ]


def _get_filter_value(self: Subnet, filter_name: str, method_name: str | None = None) -> Any:
    if filter_name in IPV6_ASSOCIATION_FILTERS:
        key = IPV6_ASSOCIATION_FILTERS[filter_name]
        return [association[key] for association in _associations(self)]
    if filter_name == IPV6_ASSOCIATION_STATE_FILTER:
        return [association["ipv6CidrBlockState"]["State"] for association in _associations(self)]
    return _original_get_filter_value(self, filter_name, method_name)


def _parse_ipv6_cidr(ipv6_cidr_block: str) -> ipaddress.IPv6Network:
    try:
        return ipaddress.IPv6Network(str(ipv6_cidr_block))
    except ValueError:
        raise InvalidIpv6CidrBlockParameterError(ipv6_cidr_block) from None


def _vpc_ipv6_networks(vpc: Any) -> list[ipaddress.IPv6Network]:
    return [
        ipaddress.IPv6Network(association["cidr_block"])
        for association in vpc.get_cidr_block_association_set(ipv6=True)
        if association["cidr_block_state"]["state"] == "associated"
    ]


def _subnet_ipv6_networks(subnet: Subnet) -> list[ipaddress.IPv6Network]:
    return [
        ipaddress.IPv6Network(association["ipv6CidrBlock"])
        for association in _associations(subnet)
        if association["ipv6CidrBlockState"]["State"] == "associated"
    ]


def validate_subnet_ipv6_cidr(backend: Any, vpc_id: str, ipv6_cidr_block: str, subnet_id: str | None = None) -> None:
    """Raise what AWS answers for a subnet IPv6 block outside the VPC's IPv6 blocks or overlapping a sibling's."""
    network = _parse_ipv6_cidr(ipv6_cidr_block)
    vpc = backend.get_vpc(vpc_id)
    if not any(network.subnet_of(vpc_network) for vpc_network in _vpc_ipv6_networks(vpc)):
        raise InvalidIpv6SubnetRangeError(ipv6_cidr_block)
    for sibling in backend.describe_subnets(filters={"vpc-id": vpc_id}):
        if sibling.id != subnet_id and any(network.overlaps(other) for other in _subnet_ipv6_networks(sibling)):
            raise InvalidIpv6SubnetConflictError(ipv6_cidr_block)


def _create_subnet(
    self: Any, vpc_id: str, cidr_block: str, ipv6_cidr_block: str | None = None, *args: Any, **kwargs: Any
) -> Any:
    if ipv6_cidr_block:
        validate_subnet_ipv6_cidr(self, vpc_id, ipv6_cidr_block)
    return _original_create_subnet(self, vpc_id, cidr_block, ipv6_cidr_block, *args, **kwargs)


def _associate_subnet_cidr_block(self: Any, subnet_id: str, ipv6_cidr_block: str) -> dict[str, Any]:
    subnet = self.get_subnet(subnet_id)
    validate_subnet_ipv6_cidr(self, subnet.vpc_id, ipv6_cidr_block, subnet_id=subnet.id)
    return _original_associate_subnet_cidr_block(self, subnet_id, ipv6_cidr_block)


def apply() -> None:
    Subnet.ipv6_cidr_block_association_set = property(_ipv6_cidr_block_association_set)
    Subnet.get_filter_value = _get_filter_value
    SubnetBackend.create_subnet = _create_subnet
    SubnetBackend.associate_subnet_cidr_block = _associate_subnet_cidr_block
