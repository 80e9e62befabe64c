"""A DB instance created without a DB subnet group is in the default VPC's "default" DB subnet group, as on AWS
(emulator/fixes/rds_default_subnet_group.py). Stock moto 5.2.5 reports no DBSubnetGroup for it at all."""

from __future__ import annotations

from emulator.client import EmulatorClient

PASSWORD = "not-a-secret-42"


def _create(rds, identifier: str, **settings) -> dict:
    return rds.create_db_instance(
        DBInstanceIdentifier=identifier,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        EngineVersion="16.6",
        MasterUsername="app_admin",
        MasterUserPassword=PASSWORD,
        AllocatedStorage=20,
        **settings,
    )["DBInstance"]


def _subnet_group_of(rds, identifier: str) -> dict:
    return rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]["DBSubnetGroup"]


def _default_vpc_subnets(emulator: EmulatorClient) -> tuple[str, set[str]]:
    ec2 = emulator.client("ec2")
    (vpc,) = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["Subnets"]
    return vpc["VpcId"], {subnet["SubnetId"] for subnet in subnets if subnet["DefaultForAz"]}


def test_an_instance_without_a_subnet_group_is_in_the_default_group_of_the_default_vpc(
    emulator: EmulatorClient,
) -> None:
    """Every DB instance is in a VPC; without DBSubnetGroupName it is in the default VPC, in the DB subnet group
    "default", which DescribeDBInstances reports as its DBSubnetGroup.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
    """
    rds = emulator.client("rds")
    vpc_id, subnet_ids = _default_vpc_subnets(emulator)

    created = _create(rds, "shop-db")

    group = _subnet_group_of(rds, "shop-db")
    assert created["DBSubnetGroup"]["DBSubnetGroupName"] == group["DBSubnetGroupName"] == "default"
    assert (group["DBSubnetGroupDescription"], group["VpcId"], group["SubnetGroupStatus"]) == (
        "default",
        vpc_id,
        "Complete",
    )
    assert {subnet["SubnetIdentifier"] for subnet in group["Subnets"]} == subnet_ids


def _create_subnet_group(emulator: EmulatorClient, name: str) -> str:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for n, zone in ((1, "a"), (2, "b"))
    ]
    emulator.client("rds").create_db_subnet_group(
        DBSubnetGroupName=name, DBSubnetGroupDescription="shop", SubnetIds=subnet_ids
    )
    return vpc_id


def test_the_default_subnet_group_is_listed_once_beside_the_groups_created(emulator: EmulatorClient) -> None:
    """DescribeDBSubnetGroups lists "default" once, shared by the instances given no group; an instance given a
    group stays in it."""
    rds = emulator.client("rds")
    vpc_id = _create_subnet_group(emulator, "shop-private")

    _create(rds, "shop-db")
    _create(rds, "shop-db-2")
    _create(rds, "shop-db-private", DBSubnetGroupName="shop-private")

    listed = sorted(group["DBSubnetGroupName"] for group in rds.describe_db_subnet_groups()["DBSubnetGroups"])
    assert listed == ["default", "shop-private"]
    assert _subnet_group_of(rds, "shop-db")["DBSubnetGroupName"] == "default"
    assert _subnet_group_of(rds, "shop-db-2")["DBSubnetGroupName"] == "default"
    private = _subnet_group_of(rds, "shop-db-private")
    assert (private["DBSubnetGroupName"], private["VpcId"]) == ("shop-private", vpc_id)


def test_a_restored_instance_without_a_subnet_group_is_in_the_default_group(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    _create(rds, "shop-db")
    rds.create_db_snapshot(DBInstanceIdentifier="shop-db", DBSnapshotIdentifier="shop-db-snap")

    rds.restore_db_instance_from_db_snapshot(
        DBInstanceIdentifier="shop-db-restored", DBSnapshotIdentifier="shop-db-snap"
    )

    assert _subnet_group_of(rds, "shop-db-restored")["DBSubnetGroupName"] == "default"
