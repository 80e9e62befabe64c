"""EC2: route tables list their propagating virtual private gateways, an empty set here.

Fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_route_tables.py``).
"""

from __future__ import annotations

from emulator.client import EmulatorClient


def test_a_route_table_lists_an_empty_set_of_propagating_gateways(emulator: EmulatorClient) -> None:
    """RouteTable.PropagatingVgws is always present; empty while no gateway propagates routes.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]

    created = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]

    (described,) = ec2.describe_route_tables(RouteTableIds=[created["RouteTableId"]])["RouteTables"]
    assert created["PropagatingVgws"] == described["PropagatingVgws"] == []
    (main,) = ec2.describe_route_tables(
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "association.main", "Values": ["true"]}]
    )["RouteTables"]
    assert main["PropagatingVgws"] == []


def test_describe_route_tables_filters_on_gateway_and_subnet_associations(emulator: EmulatorClient) -> None:
    """DescribeRouteTables: association.gateway-id finds the table associated with an internet gateway (a gateway
    route table); association.subnet-id finds only the table associated with the subnet.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.91.0.0/16")["Vpc"]["VpcId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.91.1.0/24")["Subnet"]["SubnetId"]
    gateway_id = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway_id, VpcId=vpc_id)
    edge_table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    subnet_table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=edge_table, GatewayId=gateway_id)
    ec2.associate_route_table(RouteTableId=subnet_table, SubnetId=subnet_id)

    def matching(name: str, value: str) -> list[str]:
        tables = ec2.describe_route_tables(Filters=[{"Name": name, "Values": [value]}])["RouteTables"]
        return [table["RouteTableId"] for table in tables]

    assert matching("association.gateway-id", gateway_id) == [edge_table]
    assert matching("association.subnet-id", subnet_id) == [subnet_table]
    assert matching("association.subnet-id", gateway_id) == []


def test_describe_route_tables_filters_on_route_fields(emulator: EmulatorClient) -> None:
    """DescribeRouteTables: route.destination-ipv6-cidr-block, route.origin and route.state match a table's routes;
    owner-id its account. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.92.0.0/16")["Vpc"]["VpcId"]
    table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]
    gateway_id = ec2.create_egress_only_internet_gateway(VpcId=vpc_id)["EgressOnlyInternetGateway"][
        "EgressOnlyInternetGatewayId"
    ]
    ec2.create_route(
        RouteTableId=table["RouteTableId"], DestinationIpv6CidrBlock="::/0", EgressOnlyInternetGatewayId=gateway_id
    )

    def matching(*filters: tuple[str, str]) -> list[str]:
        params = [{"Name": "vpc-id", "Values": [vpc_id]}] + [{"Name": n, "Values": [v]} for n, v in filters]
        return [found["RouteTableId"] for found in ec2.describe_route_tables(Filters=params)["RouteTables"]]

    assert matching(("route.destination-ipv6-cidr-block", "::/0")) == [table["RouteTableId"]]
    assert matching(("route.egress-only-internet-gateway-id", gateway_id)) == [table["RouteTableId"]]
    assert matching(("route.origin", "CreateRoute"), ("route.state", "active")) == [table["RouteTableId"]]
    assert len(matching(("owner-id", table["OwnerId"]))) == 2


def test_a_gateway_route_table_lists_its_past_gateway_association(emulator: EmulatorClient) -> None:
    """A route table moved from an internet gateway to a virtual private gateway lists both associations, each
    with its GatewayId; the first one disassociated.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.93.0.0/16")["Vpc"]["VpcId"]
    internet_gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=internet_gateway, VpcId=vpc_id)
    private_gateway = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.attach_vpn_gateway(VpnGatewayId=private_gateway, VpcId=vpc_id)
    table_id = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]

    first = ec2.associate_route_table(RouteTableId=table_id, GatewayId=internet_gateway)["AssociationId"]
    ec2.disassociate_route_table(AssociationId=first)
    second = ec2.associate_route_table(RouteTableId=table_id, GatewayId=private_gateway)["AssociationId"]

    (table,) = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
    listed = {
        association["RouteTableAssociationId"]: (association["GatewayId"], association["AssociationState"]["State"])
        for association in table["Associations"]
    }
    assert listed == {first: (internet_gateway, "disassociated"), second: (private_gateway, "associated")}


def test_reassociating_the_same_gateway_lists_only_the_current_association(emulator: EmulatorClient) -> None:
    """A gateway disassociated from a table and associated with it again is listed once, associated.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.94.0.0/16")["Vpc"]["VpcId"]
    gateway_id = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway_id, VpcId=vpc_id)
    table_id = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    first = ec2.associate_route_table(RouteTableId=table_id, GatewayId=gateway_id)["AssociationId"]
    ec2.disassociate_route_table(AssociationId=first)

    (table,) = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
    assert [(a["GatewayId"], a["AssociationState"]["State"]) for a in table["Associations"]] == [
        (gateway_id, "disassociated")
    ]

    second = ec2.associate_route_table(RouteTableId=table_id, GatewayId=gateway_id)["AssociationId"]

    (table,) = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
    assert [(a["RouteTableAssociationId"], a["AssociationState"]["State"]) for a in table["Associations"]] == [
        (second, "associated")
    ]
