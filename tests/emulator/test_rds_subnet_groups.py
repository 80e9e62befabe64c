"""RDS DB subnet groups: ModifyDBSubnetGroup answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/rds_subnet_groups.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def vpc_subnets(emulator: EmulatorClient, second_octet: int) -> tuple[str, list[str]]:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock=f"10.{second_octet}.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.{second_octet}.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")[
            "Subnet"
        ]["SubnetId"]
        for n, zone in ((1, "a"), (2, "b"), (3, "a"), (4, "b"))
    ]
    return vpc_id, subnet_ids


def described(emulator: EmulatorClient, name: str) -> dict:
    (group,) = emulator.client("rds").describe_db_subnet_groups(DBSubnetGroupName=name)["DBSubnetGroups"]
    return group


def subnet_ids_of(group: dict) -> list[str]:
    return sorted(subnet["SubnetIdentifier"] for subnet in group["Subnets"])


def test_a_modified_group_is_still_there_with_its_new_subnets_and_description(emulator: EmulatorClient) -> None:
    """AWS ModifyDBSubnetGroup modifies an existing group in place.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSubnetGroup.html
    """
    rds = emulator.client("rds")
    vpc_id, subnet_ids = vpc_subnets(emulator, 50)
    rds.create_db_subnet_group(DBSubnetGroupName="app-db", DBSubnetGroupDescription="App", SubnetIds=subnet_ids[:2])

    answer = rds.modify_db_subnet_group(
        DBSubnetGroupName="app-db", DBSubnetGroupDescription="App, four subnets", SubnetIds=subnet_ids
    )["DBSubnetGroup"]

    assert subnet_ids_of(answer) == sorted(subnet_ids)
    group = described(emulator, "app-db")
    assert (group["DBSubnetGroupName"], group["DBSubnetGroupDescription"]) == ("app-db", "App, four subnets")
    assert (group["VpcId"], subnet_ids_of(group)) == (vpc_id, sorted(subnet_ids))
    rds.modify_db_subnet_group(DBSubnetGroupName="app-db", SubnetIds=subnet_ids[2:])
    group = described(emulator, "app-db")
    assert (group["DBSubnetGroupDescription"], subnet_ids_of(group)) == ("App, four subnets", sorted(subnet_ids[2:]))


def test_a_group_moved_to_subnets_of_another_vpc_reports_that_vpc(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    _, first_subnets = vpc_subnets(emulator, 51)
    second_vpc, second_subnets = vpc_subnets(emulator, 52)
    rds.create_db_subnet_group(DBSubnetGroupName="app-db", DBSubnetGroupDescription="App", SubnetIds=first_subnets)

    rds.modify_db_subnet_group(DBSubnetGroupName="app-db", SubnetIds=second_subnets[:2])

    assert described(emulator, "app-db")["VpcId"] == second_vpc


def test_modifying_a_missing_group_is_db_subnet_group_not_found(emulator: EmulatorClient) -> None:
    """AWS ModifyDBSubnetGroup errors: DBSubnetGroupNotFoundFault, HTTP 404."""
    _, subnet_ids = vpc_subnets(emulator, 53)

    with pytest.raises(ClientError) as raised:
        emulator.client("rds").modify_db_subnet_group(DBSubnetGroupName="missing", SubnetIds=subnet_ids[:2])

    error = raised.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == ("DBSubnetGroupNotFoundFault", 404)
