"""DescribeTags names resource types as AWS does (``natgateway``, ``elastic-ip``, ...).

AWS: ``DescribeTags`` reports and filters each tag's ``ResourceType`` with the
names of the EC2 ``ResourceType`` enumeration, the same names that
``TagSpecifications`` take: a NAT gateway is ``natgateway``, an Elastic IP
``elastic-ip``, a flow log ``vpc-flow-log``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TagSpecification.html).

Moto 5.2.5 derives the type from the id prefix through a table with names of
its own for seven taggable types (``nat-gateway``, ``vpc-elastic-ip``,
``flow-logs``, ...), so a ``resource-type=natgateway`` filter finds nothing.
amazon.aws ``ec2_vpc_nat_gateway`` reads tags exactly that way, sees none,
re-applies them and reports "changed" on every run.
"""

from __future__ import annotations

from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, EC2_RESOURCE_TO_PREFIX

# Moto's name -> the AWS ResourceType, for every taggable type moto misnames.
AWS_RESOURCE_TYPES = {
    "dedicated_host": "dedicated-host",
    "flow-logs": "vpc-flow-log",
    "managed-prefix-list": "prefix-list",
    "nat-gateway": "natgateway",
    "reserved-instance": "reserved-instances",
    "spot-instance-request": "spot-instances-request",
    "vpc-elastic-ip": "elastic-ip",
}


def apply() -> None:
    # The table is read (never copied) by moto.ec2.models.tags.describe_tags.
    for moto_name, aws_type in AWS_RESOURCE_TYPES.items():
        EC2_PREFIX_TO_RESOURCE[EC2_RESOURCE_TO_PREFIX[moto_name]] = aws_type
