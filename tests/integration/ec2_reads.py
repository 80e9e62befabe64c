"""Read EC2 networking back with boto3, as the tests check it."""


def tags(resource):
    return {tag["Key"]: tag["Value"] for tag in resource.get("Tags", [])}


def in_vpc(vpc_id):
    return [{"Name": "vpc-id", "Values": [vpc_id]}]


def subnets_by_tier(ec2, vpc_id):
    tiers = {}
    for subnet in ec2.describe_subnets(Filters=in_vpc(vpc_id))["Subnets"]:
        tiers.setdefault(tags(subnet)["Tier"], []).append(subnet)
    return tiers


def groups_by_name(ec2, vpc_id):
    groups = ec2.describe_security_groups(Filters=in_vpc(vpc_id))["SecurityGroups"]
    return {group["GroupName"]: group for group in groups}


def route_table(ec2, name):
    tables = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": [name]}])["RouteTables"]
    assert len(tables) == 1, f"expected one route table named {name}, found {len(tables)}"
    return tables[0]


def default_route(table):
    return next((route for route in table["Routes"] if route.get("DestinationCidrBlock") == "0.0.0.0/0"), None)
