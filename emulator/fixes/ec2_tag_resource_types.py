"""DescribeTags names NAT gateways ``natgateway`` and Elastic IPs ``elastic-ip``.

AWS: ``DescribeTags`` reports and filters a NAT gateway's tags under resource
type ``natgateway`` and an Elastic IP's under ``elastic-ip``; they are the
values of the ``resource-type`` filter
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html)
and of ``TagSpecification.ResourceType`` in ``CreateNatGateway``.

Moto 5.2.5 derives the type from the id prefix through a table that says
``nat-gateway`` and ``vpc-elastic-ip``, so a ``resource-type=natgateway``
filter finds nothing. amazon.aws ``ec2_vpc_nat_gateway`` reads tags exactly
that way, sees none, re-applies them, and reports "changed" on every run.
"""

from __future__ import annotations

from moto.ec2.utils import EC2_PREFIX_TO_RESOURCE, EC2_RESOURCE_TO_PREFIX

# Moto's resource name -> the resource type AWS reports.
AWS_RESOURCE_TYPES = {
    "nat-gateway": "natgateway",
    "vpc-elastic-ip": "elastic-ip",
}


def apply() -> None:
    # The table is read (never copied) by moto.ec2.models.tags.describe_tags.
    for moto_name, aws_type in AWS_RESOURCE_TYPES.items():
        EC2_PREFIX_TO_RESOURCE[EC2_RESOURCE_TO_PREFIX[moto_name]] = aws_type
