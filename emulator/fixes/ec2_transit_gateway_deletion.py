"""A deleted transit gateway stays listed, in state ``deleted``.

AWS: ``DeleteTransitGateway`` answers with the gateway in state ``deleting``; ``DescribeTransitGateways``
then keeps listing it, in state ``deleted``, for a while. The ``TransitGatewayDeleted`` waiter (and
amazon.aws's copy of it) succeeds only when every gateway it reads is ``deleted``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTransitGateway.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html).

Moto 5.2.5 drops the gateway at once (and answers an unknown id with an HTTP 500, a KeyError), so ``DescribeTransitGateways`` answers an empty list, on which that
waiter never succeeds: amazon.aws ``ec2_transit_gateway`` with ``state: absent, wait: true`` waits out its
full timeout (ten minutes) and fails. amazon.aws's ``ec2_vpc_route_table`` target deletes a transit gateway
that way in its cleanup.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.exceptions import InvalidTransitGatewayID
from moto.ec2.models.transit_gateway import TransitGateway, TransitGatewayBackend

DELETED = "deleted"


def _delete_transit_gateway(self: Any, transit_gateway_id: str) -> TransitGateway:
    transit_gateway = self.transit_gateways.get(transit_gateway_id)
    if transit_gateway is None:
        raise InvalidTransitGatewayID(transit_gateway_id)
    transit_gateway.state = DELETED
    return transit_gateway


def apply() -> None:
    TransitGatewayBackend.delete_transit_gateway = _delete_transit_gateway
