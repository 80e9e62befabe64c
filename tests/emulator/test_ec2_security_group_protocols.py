"""EC2 security groups: rules for protocols without ports (GRE, ESP, ...) cover all ports, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_security_group_protocols.py``).
"""

from __future__ import annotations

from typing import Any

from emulator.client import EmulatorClient

GRE = "47"
ANYWHERE = [{"CidrIp": "0.0.0.0/0"}]


def new_group(emulator: EmulatorClient) -> str:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    return ec2.create_security_group(GroupName="tunnels", Description="GRE tunnels", VpcId=vpc_id)["GroupId"]


def ingress(emulator: EmulatorClient, group_id: str) -> list[dict[str, Any]]:
    (group,) = emulator.client("ec2").describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
    return group["IpPermissions"]


def test_a_gre_rule_needs_no_ports(emulator: EmulatorClient) -> None:
    """IpPermission: "If you specify a protocol other than tcp, udp, icmp, or icmpv6, traffic on all ports is
    allowed, regardless of any ports you specify"; such a rule is described without FromPort/ToPort.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
    """
    group_id = new_group(emulator)

    emulator.client("ec2").authorize_security_group_ingress(
        GroupId=group_id, IpPermissions=[{"IpProtocol": GRE, "IpRanges": ANYWHERE}]
    )

    (permission,) = ingress(emulator, group_id)
    assert permission["IpProtocol"] == GRE
    assert permission["IpRanges"] == ANYWHERE
    assert "FromPort" not in permission and "ToPort" not in permission


def test_ports_given_for_a_gre_rule_are_ignored(emulator: EmulatorClient) -> None:
    """The ports of a rule for a protocol without ports do not matter: the rule is the same rule with or without
    them, so authorizing it again with other ports is a duplicate.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
    """
    ec2 = emulator.client("ec2")
    group_id = new_group(emulator)

    ec2.authorize_security_group_ingress(
        GroupId=group_id, IpPermissions=[{"IpProtocol": GRE, "FromPort": -1, "ToPort": -1, "IpRanges": ANYWHERE}]
    )
    try:
        ec2.authorize_security_group_ingress(
            GroupId=group_id, IpPermissions=[{"IpProtocol": GRE, "FromPort": 10, "ToPort": 20, "IpRanges": ANYWHERE}]
        )
    except ec2.exceptions.ClientError as error:
        assert error.response["Error"]["Code"] == "InvalidPermission.Duplicate"
    else:
        raise AssertionError("the same GRE rule was authorized twice")

    (permission,) = ingress(emulator, group_id)
    assert "FromPort" not in permission and "ToPort" not in permission


def test_a_gre_rule_can_be_revoked_without_ports(emulator: EmulatorClient) -> None:
    """RevokeSecurityGroupIngress removes the rule that matches the permission given.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
    """
    ec2 = emulator.client("ec2")
    group_id = new_group(emulator)
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[{"IpProtocol": GRE, "IpRanges": ANYWHERE}])

    ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=[{"IpProtocol": GRE, "IpRanges": ANYWHERE}])

    assert ingress(emulator, group_id) == []
