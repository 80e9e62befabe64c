"""EC2 security groups: rule descriptions are replaced, removed when omitted, and the update answers ``Return``.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_security_group_rule_descriptions.py``).
"""

from __future__ import annotations

from typing import Any

from emulator.client import EmulatorClient

IPV6_RANGE = "1001:d00::/24"
EGRESS_CIDR = "10.2.2.2/32"


def ingress_rule(description: str | None = None) -> dict[str, Any]:
    ipv6_range = {"CidrIpv6": IPV6_RANGE} | ({"Description": description} if description else {})
    return {"IpProtocol": "tcp", "FromPort": 8281, "ToPort": 8281, "Ipv6Ranges": [ipv6_range]}


def egress_rule(description: str | None = None) -> dict[str, Any]:
    ip_range = {"CidrIp": EGRESS_CIDR} | ({"Description": description} if description else {})
    return {"IpProtocol": "tcp", "FromPort": 8282, "ToPort": 8282, "IpRanges": [ip_range]}


def group_with_rules(emulator: EmulatorClient, ingress_description: str, egress_description: str) -> str:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    group_id = ec2.create_security_group(GroupName="described", Description="described rules", VpcId=vpc_id)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[ingress_rule(ingress_description)])
    ec2.authorize_security_group_egress(GroupId=group_id, IpPermissions=[egress_rule(egress_description)])
    return group_id


def descriptions(emulator: EmulatorClient, group_id: str) -> tuple[str | None, str | None]:
    (group,) = emulator.client("ec2").describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
    (ingress,) = group["IpPermissions"]
    (egress,) = [permission for permission in group["IpPermissionsEgress"] if permission["IpProtocol"] == "tcp"]
    return ingress["Ipv6Ranges"][0].get("Description"), egress["IpRanges"][0].get("Description")


def test_updating_descriptions_answers_return_true(emulator: EmulatorClient) -> None:
    """UpdateSecurityGroupRuleDescriptionsIngress/Egress answer "Return: Returns true if the request succeeds".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsEgress.html
    """
    ec2 = emulator.client("ec2")
    group_id = group_with_rules(emulator, "ipv6 rule desc 1", "egress rule desc 1")

    ingress = ec2.update_security_group_rule_descriptions_ingress(
        GroupId=group_id, IpPermissions=[ingress_rule("ipv6 rule desc 2")]
    )
    egress = ec2.update_security_group_rule_descriptions_egress(
        GroupId=group_id, IpPermissions=[egress_rule("egress rule desc 2")]
    )

    assert (ingress["Return"], egress["Return"]) == (True, True)
    assert descriptions(emulator, group_id) == ("ipv6 rule desc 2", "egress rule desc 2")


def test_omitting_the_description_removes_it(emulator: EmulatorClient) -> None:
    """ "You can remove a description for a security group rule by omitting the description parameter in the
    request."
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html
    """
    ec2 = emulator.client("ec2")
    group_id = group_with_rules(emulator, "ipv6 rule desc", "egress rule desc")

    ec2.update_security_group_rule_descriptions_ingress(GroupId=group_id, IpPermissions=[ingress_rule()])
    ec2.update_security_group_rule_descriptions_egress(GroupId=group_id, IpPermissions=[egress_rule()])

    assert descriptions(emulator, group_id) == (None, None)
