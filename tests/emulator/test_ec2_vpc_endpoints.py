"""EC2 VPC endpoints: deleted endpoints are gone, unknown ones are reported, every endpoint says who manages it.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/ec2_vpc_endpoint_deletion.py`` and
``emulator/fixes/ec2_vpc_endpoint_defaults.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

S3 = "com.amazonaws.us-east-1.s3"


def new_endpoint(emulator: EmulatorClient, **options: object) -> str:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    return ec2.create_vpc_endpoint(VpcId=vpc_id, ServiceName=S3, **options)["VpcEndpoint"]["VpcEndpointId"]


def test_a_deleted_endpoint_no_longer_exists(emulator: EmulatorClient) -> None:
    """DeleteVpcEndpoints deletes the endpoint: DescribeVpcEndpoints for its id then fails with
    InvalidVpcEndpointId.NotFound and a listing no longer shows it.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpoints.html
    """
    ec2 = emulator.client("ec2")
    endpoint_id = new_endpoint(emulator)

    assert ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])["Unsuccessful"] == []

    with pytest.raises(ClientError) as raised:
        ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])
    assert raised.value.response["Error"]["Code"] == "InvalidVpcEndpointId.NotFound"
    assert ec2.describe_vpc_endpoints()["VpcEndpoints"] == []


def test_deleting_an_unknown_endpoint_is_unsuccessful(emulator: EmulatorClient) -> None:
    """DeleteVpcEndpoints answers with the endpoints it could not delete, each with its ResourceId and Error.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpoints.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UnsuccessfulItem.html
    """
    ec2 = emulator.client("ec2")
    endpoint_id = new_endpoint(emulator)
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])

    (item,) = ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])["Unsuccessful"]

    assert item["ResourceId"] == endpoint_id
    assert item["Error"]["Code"] == "InvalidVpcEndpoint.NotFound"
    assert endpoint_id in item["Error"]["Message"]


def test_deleting_a_gateway_endpoint_removes_its_routes(emulator: EmulatorClient) -> None:
    """A gateway endpoint adds a route to the service's prefix list in each of its route tables; deleting the
    endpoint removes those routes, and the route tables stay.
    https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.31.0.0/16")["Vpc"]["VpcId"]
    table_id = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    endpoint_id = ec2.create_vpc_endpoint(VpcId=vpc_id, ServiceName=S3, RouteTableIds=[table_id])["VpcEndpoint"][
        "VpcEndpointId"
    ]

    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])

    (table,) = ec2.describe_route_tables(RouteTableIds=[table_id])["RouteTables"]
    assert [route.get("GatewayId") for route in table["Routes"]] == ["local"]
    with pytest.raises(ClientError):
        ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])


def test_a_deleted_route_table_leaves_its_endpoints(emulator: EmulatorClient) -> None:
    """DeleteRouteTable is blocked only by subnet associations; the gateway endpoint that routed through the table
    no longer lists it, and can itself be deleted afterwards.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteRouteTable.html
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpoints.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.32.0.0/16")["Vpc"]["VpcId"]
    table_id = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    endpoint_id = ec2.create_vpc_endpoint(VpcId=vpc_id, ServiceName=S3, RouteTableIds=[table_id])["VpcEndpoint"][
        "VpcEndpointId"
    ]

    ec2.delete_route_table(RouteTableId=table_id)

    (endpoint,) = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])["VpcEndpoints"]
    assert endpoint["RouteTableIds"] == []
    assert ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint_id])["Unsuccessful"] == []


def test_endpoints_you_create_are_not_requester_managed(emulator: EmulatorClient) -> None:
    """VpcEndpoint.RequesterManaged: "Indicates whether the VPC endpoint is being managed by its service";
    an endpoint created with CreateVpcEndpoint is the caller's.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html
    """
    endpoint_id = new_endpoint(emulator)

    (endpoint,) = emulator.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[endpoint_id])["VpcEndpoints"]

    assert endpoint["RequesterManaged"] is False
