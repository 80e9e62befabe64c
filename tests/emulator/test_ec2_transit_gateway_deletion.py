"""EC2: a deleted transit gateway stays listed in state deleted, so the TransitGatewayDeleted waiter succeeds.

Fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_transit_gateway_deletion.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def test_a_deleted_transit_gateway_is_listed_as_deleted(emulator: EmulatorClient) -> None:
    """DescribeTransitGateways keeps listing a deleted gateway, with State deleted.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGateway.html
    """
    ec2 = emulator.client("ec2")
    gateway_id = ec2.create_transit_gateway(Description="core")["TransitGateway"]["TransitGatewayId"]

    ec2.delete_transit_gateway(TransitGatewayId=gateway_id)

    (gateway,) = ec2.describe_transit_gateways(TransitGatewayIds=[gateway_id])["TransitGateways"]
    assert gateway["State"] == "deleted"
    listed = ec2.describe_transit_gateways(Filters=[{"Name": "state", "Values": ["deleted"]}])["TransitGateways"]
    assert [found["TransitGatewayId"] for found in listed] == [gateway_id]


def test_deleting_an_unknown_transit_gateway_is_not_found(emulator: EmulatorClient) -> None:
    """DeleteTransitGateway with an id that names no gateway: InvalidTransitGatewayID.NotFound.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
    """
    with pytest.raises(ClientError) as raised:
        emulator.client("ec2").delete_transit_gateway(TransitGatewayId="tgw-0123456789abcdef0")

    assert raised.value.response["Error"]["Code"] == "InvalidTransitGatewayID.NotFound"
