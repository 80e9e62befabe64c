"""A deleted NAT gateway records its DeleteTime and lets go of its address; DescribeNatGateways filters on tags.

AWS: ``DeleteNatGateway`` moves the gateway to ``deleting`` and then ``deleted``; ``DescribeNatGateways``
keeps showing it for a while, with ``DeleteTime`` ("The date and time the NAT gateway was deleted, if
applicable"). "Deleting a public NAT gateway disassociates its Elastic IP address, but does not release the
address from your account", and the gateway's network interface goes with it. ``DescribeNatGateways``
supports the ``tag:<key>`` and ``tag-key`` filters besides ``nat-gateway-id``, ``state``, ``subnet-id`` and
``vpc-id``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteNatGateway.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html).

Moto 5.2.5 only flips the state: no ``DeleteTime``, the Elastic IP stays associated with the gateway's
network interface, which is never deleted; deleting an unknown gateway is an HTTP 500 where AWS
answers ``NatGatewayNotFound``. Its ``DescribeNatGateways`` ignores every filter but the four
named ones, so a ``tag:`` filter matches every gateway. amazon.aws's ``ec2_vpc_nat_gateway`` target expects
``delete_time`` in a deleted gateway, and tag-filtered ``ec2_vpc_nat_gateway_info`` lookups to find only the
gateways that carry the tags.
"""

from __future__ import annotations

from typing import Any

from moto.core.utils import iso_8601_datetime_with_milliseconds, utcnow
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.nat_gateways import NatGateway, NatGatewayBackend
from moto.ec2.utils import generic_filter

# DescribeNatGateways filter -> the NatGateway attribute it reads; tag filters come from TaggedEC2Resource.
NAT_GATEWAY_FILTERS = {
    "nat-gateway-id": "id",
    "state": "state",
    "subnet-id": "subnet_id",
    "vpc-id": "vpc_id",
}


class NatGatewayNotFoundError(EC2ClientError):
    def __init__(self, nat_gateway_id: str):
        super().__init__("NatGatewayNotFound", f"The Nat Gateway {nat_gateway_id} was not found")


def _delete_time(self: NatGateway) -> str | None:
    deleted_at = getattr(self, "_deleted_at", None)
    return iso_8601_datetime_with_milliseconds(deleted_at) if deleted_at else None


def _get_filter_value(self: NatGateway, filter_name: str, method_name: str | None = None) -> Any:
    if filter_name in NAT_GATEWAY_FILTERS:
        return getattr(self, NAT_GATEWAY_FILTERS[filter_name])
    return super(NatGateway, self).get_filter_value(filter_name, "DescribeNatGateways")


def _describe_nat_gateways(self: Any, filters: Any, nat_gateway_ids: list[str] | None) -> list[NatGateway]:
    nat_gateways = list(self.nat_gateways.values())
    if nat_gateway_ids:
        nat_gateways = [gateway for gateway in nat_gateways if gateway.id in nat_gateway_ids]
    return generic_filter(filters, nat_gateways)


def _release_network_interface(backend: Any, nat_gateway: NatGateway) -> None:
    """Disassociate the gateway's Elastic IP (kept allocated) and drop its network interface."""
    eni = nat_gateway._eni
    for address in list(backend.addresses):
        if address.eni is eni:
            backend.disassociate_address(address=address.public_ip)
    backend.enis.pop(eni.id, None)


def _delete_nat_gateway(self: Any, nat_gateway_id: str) -> NatGateway:
    nat_gateway = self.nat_gateways.get(nat_gateway_id)
    if nat_gateway is None:
        raise NatGatewayNotFoundError(nat_gateway_id)
    if nat_gateway.state != "deleted":
        _release_network_interface(self, nat_gateway)
        nat_gateway._deleted_at = utcnow()
        nat_gateway.state = "deleted"
    return nat_gateway


def apply() -> None:
    NatGateway.delete_time = property(_delete_time)
    NatGateway.get_filter_value = _get_filter_value
    NatGatewayBackend.describe_nat_gateways = _describe_nat_gateways
    NatGatewayBackend.delete_nat_gateway = _delete_nat_gateway
