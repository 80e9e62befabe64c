"""EC2: a deleted NAT gateway has a DeleteTime and frees its Elastic IP; DescribeNatGateways filters on tags.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_nat_gateway_deletion.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


@pytest.fixture
def subnet_id(emulator: EmulatorClient) -> str:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    return ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.70.1.0/24")["Subnet"]["SubnetId"]


def create_gateway(emulator: EmulatorClient, subnet_id: str, allocation_id: str, tags: dict[str, str]) -> str:
    return emulator.client("ec2").create_nat_gateway(
        SubnetId=subnet_id,
        AllocationId=allocation_id,
        TagSpecifications=[
            {"ResourceType": "natgateway", "Tags": [{"Key": key, "Value": value} for key, value in tags.items()]}
        ],
    )["NatGateway"]["NatGatewayId"]


def test_a_deleted_gateway_reports_its_delete_time_and_frees_its_address(
    emulator: EmulatorClient, subnet_id: str
) -> None:
    """DeleteNatGateway: the gateway shows DeleteTime; "Deleting a public NAT gateway disassociates its Elastic IP
    address, but does not release the address from your account."
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteNatGateway.html
    """
    ec2 = emulator.client("ec2")
    allocation_id = ec2.allocate_address(Domain="vpc")["AllocationId"]
    gateway_id = create_gateway(emulator, subnet_id, allocation_id, {"Name": "egress"})
    (interface_id,) = [
        address["NetworkInterfaceId"]
        for address in ec2.describe_nat_gateways(NatGatewayIds=[gateway_id])["NatGateways"][0]["NatGatewayAddresses"]
    ]

    ec2.delete_nat_gateway(NatGatewayId=gateway_id)

    (gateway,) = ec2.describe_nat_gateways(NatGatewayIds=[gateway_id])["NatGateways"]
    assert gateway["State"] == "deleted"
    assert gateway["DeleteTime"] >= gateway["CreateTime"]
    (address,) = ec2.describe_addresses(AllocationIds=[allocation_id])["Addresses"]
    assert not address.get("AssociationId") and not address.get("NetworkInterfaceId")
    interfaces = ec2.describe_network_interfaces()["NetworkInterfaces"]
    assert interface_id not in [interface["NetworkInterfaceId"] for interface in interfaces]


def test_deleting_an_unknown_gateway_is_not_found(emulator: EmulatorClient) -> None:
    """DeleteNatGateway with an id that names no gateway: NatGatewayNotFound.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
    """
    with pytest.raises(ClientError) as raised:
        emulator.client("ec2").delete_nat_gateway(NatGatewayId="nat-0123456789abcdef0")

    assert raised.value.response["Error"]["Code"] == "NatGatewayNotFound"


def test_describe_nat_gateways_filters_on_tags(emulator: EmulatorClient, subnet_id: str) -> None:
    """DescribeNatGateways filters tag:<key> and tag-key, with state.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html
    """
    ec2 = emulator.client("ec2")
    tagged = create_gateway(emulator, subnet_id, ec2.allocate_address(Domain="vpc")["AllocationId"], {"tier": "a"})
    create_gateway(emulator, subnet_id, ec2.allocate_address(Domain="vpc")["AllocationId"], {"other": "b"})

    def matching(*filters: tuple[str, str]) -> list[str]:
        params = [{"Name": name, "Values": [value]} for name, value in filters]
        return [gateway["NatGatewayId"] for gateway in ec2.describe_nat_gateways(Filter=params)["NatGateways"]]

    assert matching(("tag:tier", "a"), ("state", "available")) == [tagged]
    assert matching(("tag-key", "tier")) == [tagged]
    assert matching(("tag:tier", "b")) == []
    assert matching(("nat-gateway-id", tagged), ("subnet-id", subnet_id)) == [tagged]
