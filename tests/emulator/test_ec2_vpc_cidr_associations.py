"""EC2: a VPC lists the CIDR blocks it disassociated beside the ones associated after them.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_vpc_cidr_associations.py``).
"""

from __future__ import annotations

from emulator.client import EmulatorClient


def states(associations: list[dict], state_key: str) -> list[str]:
    return [association[state_key]["State"] for association in associations]


def test_a_readded_ipv6_block_is_listed_after_the_disassociated_one(emulator: EmulatorClient) -> None:
    """DisassociateVpcCidrBlock leaves the association listed as disassociated; a block associated afterwards is
    listed beside it. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcCidrBlockState.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.80.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"]["VpcId"]
    (first,) = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"]

    ec2.disassociate_vpc_cidr_block(AssociationId=first["AssociationId"])
    second = ec2.associate_vpc_cidr_block(VpcId=vpc_id, AmazonProvidedIpv6CidrBlock=True)["Ipv6CidrBlockAssociation"]

    listed = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"]
    assert [association["AssociationId"] for association in listed] == [
        first["AssociationId"],
        second["AssociationId"],
    ]
    assert states(listed, "Ipv6CidrBlockState") == ["disassociated", "associated"]


def test_disassociated_ipv4_blocks_stay_listed_and_do_not_count_toward_the_quota(emulator: EmulatorClient) -> None:
    """Only associated blocks count toward the five IPv4 CIDR blocks a VPC may hold; the disassociated ones stay
    listed. https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.81.0.0/16")["Vpc"]["VpcId"]
    extra = [
        ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock=f"10.{block}.0.0/16")["CidrBlockAssociation"]
        for block in (82, 83, 84, 85)
    ]

    ec2.disassociate_vpc_cidr_block(AssociationId=extra[0]["AssociationId"])
    ec2.associate_vpc_cidr_block(VpcId=vpc_id, CidrBlock="10.86.0.0/16")

    listed = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["CidrBlockAssociationSet"]
    assert [association["CidrBlock"] for association in listed] == [
        "10.81.0.0/16",
        "10.82.0.0/16",
        "10.83.0.0/16",
        "10.84.0.0/16",
        "10.85.0.0/16",
        "10.86.0.0/16",
    ]
    assert states(listed, "CidrBlockState") == ["associated", "disassociated"] + ["associated"] * 4
