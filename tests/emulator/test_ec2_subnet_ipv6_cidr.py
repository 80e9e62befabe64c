"""EC2: a subnet's IPv6 block must come from its VPC's IPv6 block, and DescribeSubnets filters on it.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_subnet_ipv6_cidr.py``).
"""

from __future__ import annotations

import ipaddress

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


@pytest.fixture
def vpc(emulator: EmulatorClient) -> dict:
    """A dual-stack VPC: its id, its /56 IPv6 block and one IPv4-only subnet."""
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.60.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]["VpcId"]
    (association,) = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
    return {"id": vpc_id, "ipv6": ipaddress.IPv6Network(association["Ipv6CidrBlock"]), "subnet_id": subnet_id}


def nth_64(vpc: dict, index: int) -> str:
    return str(list(vpc["ipv6"].subnets(new_prefix=64))[index])


def error_code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response["Error"]["Code"]


def test_an_ipv6_block_outside_the_vpcs_block_is_an_invalid_range(emulator: EmulatorClient, vpc: dict) -> None:
    """AssociateSubnetCidrBlock and CreateSubnet with an IPv6 block the VPC does not hold: InvalidSubnet.Range,
    "The IPv6 CIDR '2001:db8::/64' is invalid."
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateSubnetCidrBlock.html
    """
    ec2 = emulator.client("ec2")

    with pytest.raises(ClientError) as associating:
        ec2.associate_subnet_cidr_block(SubnetId=vpc["subnet_id"], Ipv6CidrBlock="2001:db8::/64")
    with pytest.raises(ClientError) as creating:
        ec2.create_subnet(VpcId=vpc["id"], CidrBlock="10.60.2.0/24", Ipv6CidrBlock="2001:db8::/64")

    assert error_code(associating) == error_code(creating) == "InvalidSubnet.Range"
    assert associating.value.response["Error"]["Message"] == "The IPv6 CIDR '2001:db8::/64' is invalid."
    (subnet,) = ec2.describe_subnets(SubnetIds=[vpc["subnet_id"]])["Subnets"]
    assert subnet.get("Ipv6CidrBlockAssociationSet", []) == []
    assert [
        s["CidrBlock"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["id"]]}])["Subnets"]
    ] == ["10.60.1.0/24"]


def test_an_ipv6_block_another_subnet_holds_is_a_conflict(emulator: EmulatorClient, vpc: dict) -> None:
    """A subnet IPv6 block overlapping a sibling subnet's: InvalidSubnet.Conflict, "The IPv6 CIDR '...' conflicts
    with another subnet".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
    """
    ec2 = emulator.client("ec2")
    ec2.associate_subnet_cidr_block(SubnetId=vpc["subnet_id"], Ipv6CidrBlock=nth_64(vpc, 0))

    with pytest.raises(ClientError) as raised:
        ec2.create_subnet(VpcId=vpc["id"], CidrBlock="10.60.2.0/24", Ipv6CidrBlock=nth_64(vpc, 0))

    assert error_code(raised) == "InvalidSubnet.Conflict"
    assert (
        raised.value.response["Error"]["Message"] == f"The IPv6 CIDR '{nth_64(vpc, 0)}' conflicts with another subnet"
    )
    created = ec2.create_subnet(VpcId=vpc["id"], CidrBlock="10.60.2.0/24", Ipv6CidrBlock=nth_64(vpc, 1))["Subnet"]
    assert created["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"] == nth_64(vpc, 1)


def test_a_subnets_ipv6_block_reports_its_state(emulator: EmulatorClient, vpc: dict) -> None:
    """Subnet.Ipv6CidrBlockAssociationSet[].Ipv6CidrBlockState.State is the state's name: associated.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SubnetCidrBlockState.html
    """
    ec2 = emulator.client("ec2")
    created = ec2.create_subnet(VpcId=vpc["id"], CidrBlock="10.60.3.0/24", Ipv6CidrBlock=nth_64(vpc, 4))["Subnet"]

    (described,) = ec2.describe_subnets(SubnetIds=[created["SubnetId"]])["Subnets"]
    for subnet in (created, described):
        (association,) = subnet["Ipv6CidrBlockAssociationSet"]
        assert association["Ipv6CidrBlockState"]["State"] == "associated"


def test_an_ipv6_block_that_is_no_cidr_is_an_invalid_parameter(emulator: EmulatorClient, vpc: dict) -> None:
    """A value that is no IPv6 CIDR block: InvalidParameterValue.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
    """
    with pytest.raises(ClientError) as raised:
        emulator.client("ec2").associate_subnet_cidr_block(SubnetId=vpc["subnet_id"], Ipv6CidrBlock="10.60.1.0/24")

    assert error_code(raised) == "InvalidParameterValue"


def test_describe_subnets_filters_on_the_ipv6_block_association(emulator: EmulatorClient, vpc: dict) -> None:
    """DescribeSubnets filters ipv6-cidr-block-association.ipv6-cidr-block, .association-id and .state.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html
    """
    ec2 = emulator.client("ec2")
    association = ec2.associate_subnet_cidr_block(SubnetId=vpc["subnet_id"], Ipv6CidrBlock=nth_64(vpc, 2))[
        "Ipv6CidrBlockAssociation"
    ]

    def matching(name: str, value: str) -> list[str]:
        return [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": name, "Values": [value]}])["Subnets"]]

    assert matching("ipv6-cidr-block-association.ipv6-cidr-block", nth_64(vpc, 2)) == [vpc["subnet_id"]]
    assert matching("ipv6-cidr-block-association.ipv6-cidr-block", nth_64(vpc, 3)) == []
    assert matching("ipv6-cidr-block-association.association-id", association["AssociationId"]) == [vpc["subnet_id"]]
    assert matching("ipv6-cidr-block-association.state", "associated") == [vpc["subnet_id"]]
