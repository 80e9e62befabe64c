"""What the rds role needs from the network tier, built directly with boto3 in a test's account."""

DATABASE_SUBNETS = (("10.0.20.0/24", "us-east-1a"), ("10.0.21.0/24", "us-east-1b"), ("10.0.22.0/24", "us-east-1c"))


def database_network(ec2, zones: int = 2) -> tuple[str, list[str], str]:
    """A VPC with a database subnet in each of the first `zones` zones and a database security group:
    (vpc id, subnet ids, group id)."""
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for cidr, zone in DATABASE_SUBNETS[:zones]
    ]
    group_id = ec2.create_security_group(GroupName="database", Description="database", VpcId=vpc_id)["GroupId"]
    return vpc_id, subnets, group_id
