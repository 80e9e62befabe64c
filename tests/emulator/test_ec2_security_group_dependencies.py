"""A security group that another group's rule names cannot be deleted, as on AWS (DependencyViolation)."""

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def _groups(emulator: EmulatorClient) -> tuple[str, str]:
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    app = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    database = ec2.create_security_group(GroupName="database", Description="database", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=database,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": app}]}],
    )
    return app, database


def test_a_group_another_group_names_cannot_be_deleted(emulator: EmulatorClient):
    app, _database = _groups(emulator)
    ec2 = emulator.client("ec2")
    with pytest.raises(ClientError) as refused:
        ec2.delete_security_group(GroupId=app)
    assert refused.value.response["Error"]["Code"] == "DependencyViolation"
    assert [g["GroupId"] for g in ec2.describe_security_groups(GroupIds=[app])["SecurityGroups"]] == [app]


def test_once_the_rule_is_revoked_it_can(emulator: EmulatorClient):
    app, database = _groups(emulator)
    ec2 = emulator.client("ec2")
    ec2.revoke_security_group_ingress(
        GroupId=database,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": app}]}],
    )
    ec2.delete_security_group(GroupId=app)
    ec2.delete_security_group(GroupId=database)
    names = [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]]
    assert "app" not in names and "database" not in names


def test_a_group_that_names_others_can_be_deleted(emulator: EmulatorClient):
    _app, database = _groups(emulator)
    emulator.client("ec2").delete_security_group(GroupId=database)


def test_a_group_a_network_interface_uses_cannot_be_deleted(emulator: EmulatorClient):
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.1.0.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="used", Description="used", VpcId=vpc)["GroupId"]
    interface = ec2.create_network_interface(SubnetId=subnet, Groups=[group])["NetworkInterface"]["NetworkInterfaceId"]
    with pytest.raises(ClientError) as refused:
        ec2.delete_security_group(GroupId=group)
    assert refused.value.response["Error"]["Code"] == "DependencyViolation"
    ec2.delete_network_interface(NetworkInterfaceId=interface)
    ec2.delete_security_group(GroupId=group)
