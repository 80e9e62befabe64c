"""EC2: every VPC starts with its region's default DHCP option set, which many VPCs share and none takes away.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_default_dhcp_options.py``).
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from emulator.client import CREDENTIALS, EmulatorClient


def dhcp_options_id(ec2, vpc_id: str) -> str:
    return ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]["DhcpOptionsId"]


def configuration(ec2, options_id: str) -> dict[str, list[str]]:
    (options,) = ec2.describe_dhcp_options(DhcpOptionsIds=[options_id])["DhcpOptions"]
    return {item["Key"]: [value["Value"] for value in item["Values"]] for item in options["DhcpConfigurations"]}


def test_a_new_vpc_uses_the_regions_default_dhcp_option_set(emulator: EmulatorClient) -> None:
    """ "Each VPC uses the default DHCP option set for its Region unless you either create and associate a custom
    DHCP option set with the VPC or configure the VPC to use no DHCP option set."
    https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html
    """
    ec2 = emulator.client("ec2")
    created = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]
    other = ec2.create_vpc(CidrBlock="10.51.0.0/16")["Vpc"]["VpcId"]
    (default_vpc,) = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]

    assert created["DhcpOptionsId"].startswith("dopt-")
    assert dhcp_options_id(ec2, created["VpcId"]) == created["DhcpOptionsId"]
    assert dhcp_options_id(ec2, other) == created["DhcpOptionsId"]
    assert default_vpc["DhcpOptionsId"] == created["DhcpOptionsId"]
    assert configuration(ec2, created["DhcpOptionsId"]) == {
        "domain-name": ["ec2.internal"],
        "domain-name-servers": ["AmazonProvidedDNS"],
    }


def test_the_default_set_names_the_regions_compute_domain_outside_us_east_1(emulator: EmulatorClient) -> None:
    """The default set's domain-name is ec2.internal in us-east-1, <region>.compute.internal elsewhere.
    https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html
    """
    ec2 = boto3.client(
        "ec2",
        endpoint_url=emulator.endpoint,
        region_name="eu-west-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        aws_session_token=CREDENTIALS["AWS_SESSION_TOKEN"],
    )
    vpc = ec2.create_vpc(CidrBlock="10.52.0.0/16")["Vpc"]

    assert configuration(ec2, vpc["DhcpOptionsId"])["domain-name"] == ["eu-west-1.compute.internal"]


def test_an_option_set_stays_in_use_while_any_vpc_uses_it(emulator: EmulatorClient) -> None:
    """DeleteDhcpOptions: "You must disassociate the set of DHCP options before you can delete it" -- from every
    VPC that uses it; one option set may serve several VPCs, and moving one of them away leaves it in use.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteDhcpOptions.html
    """
    ec2 = emulator.client("ec2")
    options_id = ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name-servers", "Values": ["10.0.0.2"]}])[
        "DhcpOptions"
    ]["DhcpOptionsId"]
    first = ec2.create_vpc(CidrBlock="10.53.0.0/16")["Vpc"]["VpcId"]
    second = ec2.create_vpc(CidrBlock="10.54.0.0/16")["Vpc"]["VpcId"]
    ec2.associate_dhcp_options(DhcpOptionsId=options_id, VpcId=first)
    ec2.associate_dhcp_options(DhcpOptionsId=options_id, VpcId=second)
    ec2.associate_dhcp_options(DhcpOptionsId="default", VpcId=second)

    with pytest.raises(ClientError) as raised:
        ec2.delete_dhcp_options(DhcpOptionsId=options_id)

    assert raised.value.response["Error"]["Code"] == "DependencyViolation"
    assert (dhcp_options_id(ec2, first), dhcp_options_id(ec2, second)) == (options_id, "default")


def test_deleting_a_vpc_keeps_its_option_set(emulator: EmulatorClient) -> None:
    """Deleting a VPC deletes neither the default option set nor a custom one it used; the custom one can then
    be deleted. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpc.html
    """
    ec2 = emulator.client("ec2")
    default_id = ec2.create_vpc(CidrBlock="10.55.0.0/16")["Vpc"]["DhcpOptionsId"]
    options_id = ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name-servers", "Values": ["10.0.0.2"]}])[
        "DhcpOptions"
    ]["DhcpOptionsId"]
    custom_vpc = ec2.create_vpc(CidrBlock="10.56.0.0/16")["Vpc"]["VpcId"]
    ec2.associate_dhcp_options(DhcpOptionsId=options_id, VpcId=custom_vpc)
    default_vpc = ec2.create_vpc(CidrBlock="10.57.0.0/16")["Vpc"]["VpcId"]

    ec2.delete_vpc(VpcId=custom_vpc)
    ec2.delete_vpc(VpcId=default_vpc)

    remaining = {options["DhcpOptionsId"] for options in ec2.describe_dhcp_options()["DhcpOptions"]}
    assert {default_id, options_id} <= remaining
    ec2.delete_dhcp_options(DhcpOptionsId=options_id)


def test_associating_default_sets_no_options_and_the_default_set_can_be_restored(emulator: EmulatorClient) -> None:
    """AssociateDhcpOptions: "Specify default to associate no DHCP options with the VPC"; associating the
    default set's id brings it back. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateDhcpOptions.html
    """
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.58.0.0/16")["Vpc"]
    assert vpc["DhcpOptionsId"].startswith("dopt-")

    ec2.associate_dhcp_options(DhcpOptionsId="default", VpcId=vpc["VpcId"])
    assert dhcp_options_id(ec2, vpc["VpcId"]) == "default"

    ec2.associate_dhcp_options(DhcpOptionsId=vpc["DhcpOptionsId"], VpcId=vpc["VpcId"])
    assert dhcp_options_id(ec2, vpc["VpcId"]) == vpc["DhcpOptionsId"]
