"""Unit tests for appstack.aws.ec2_vpc_resources_info (botocore Stubber, no network).

The Stubber fails on any call that was not queued, in the order queued: a test that queues N responses proves
that the module makes exactly those N calls.
"""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import ec2_vpc_resources
from ansible_collections.appstack.aws.plugins.modules import ec2_vpc_resources_info as module

VPC = "vpc-0123456789abcdef0"
OTHER_VPC = "vpc-0fedcba9876543210"
NAME = "appstack-prod"
# Tag keys that snake-casing would mangle (ManagedBy -> managed_by) if it reached them.
TAGS = [{"Key": "ManagedBy", "Value": "appstack.aws"}, {"Key": "Name", "Value": NAME}]
TAG_DICT = {"ManagedBy": "appstack.aws", "Name": NAME}
CONTENT_KEYS = (
    "subnets",
    "internet_gateways",
    "security_groups",
    "route_tables",
    "nat_gateways",
    "nat_gateway_addresses",
    "vpc_endpoints",
    "flow_logs",
)


def in_vpc(vpc_id=VPC, name="vpc-id"):
    return [{"Name": name, "Values": [vpc_id]}]


def boto_vpc(vpc_id=VPC, tags=TAGS):
    vpc = {
        "VpcId": vpc_id,
        "CidrBlock": "10.0.0.0/16",
        "State": "available",
        "DhcpOptionsId": "dopt-1",
        "InstanceTenancy": "default",
        "IsDefault": False,
        "OwnerId": "123456789012",
        "CidrBlockAssociationSet": [
            {"AssociationId": "vpc-cidr-assoc-1", "CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}}
        ],
    }
    if tags:
        vpc["Tags"] = tags
    return vpc


def boto_subnet(subnet_id, cidr, zone, public):
    return {
        "SubnetId": subnet_id,
        "VpcId": VPC,
        "CidrBlock": cidr,
        "AvailabilityZone": zone,
        "MapPublicIpOnLaunch": public,
        "State": "available",
        "Tags": [{"Key": "Name", "Value": f"{NAME}-{subnet_id}"}, {"Key": "Tier", "Value": "public"}],
    }


def boto_internet_gateway():
    return {
        "InternetGatewayId": "igw-1",
        "OwnerId": "123456789012",
        "Attachments": [{"State": "available", "VpcId": VPC}],
        "Tags": [{"Key": "Name", "Value": f"{NAME}-igw"}],
    }


def boto_security_group():
    return {
        "GroupId": "sg-app",
        "GroupName": f"{NAME}-app",
        "Description": "Application tier",
        "VpcId": VPC,
        "OwnerId": "123456789012",
        "IpPermissions": [
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "IpRanges": [{"CidrIp": "10.0.0.0/16", "Description": "VPC"}],
                "Ipv6Ranges": [],
                "PrefixListIds": [],
                "UserIdGroupPairs": [{"GroupId": "sg-alb", "UserId": "123456789012"}],
            }
        ],
        "IpPermissionsEgress": [
            {
                "IpProtocol": "-1",
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                "Ipv6Ranges": [],
                "PrefixListIds": [{"PrefixListId": "pl-63a5400a"}],
                "UserIdGroupPairs": [],
            }
        ],
        "Tags": [{"Key": "Name", "Value": f"{NAME}-app"}],
    }


def boto_route_table():
    return {
        "RouteTableId": "rtb-public",
        "VpcId": VPC,
        "Routes": [
            {
                "DestinationCidrBlock": "10.0.0.0/16",
                "GatewayId": "local",
                "Origin": "CreateRouteTable",
                "State": "active",
            },
            {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "Origin": "CreateRoute", "State": "active"},
        ],
        "Associations": [
            {
                "Main": False,
                "RouteTableAssociationId": "rtbassoc-1",
                "RouteTableId": "rtb-public",
                "SubnetId": "subnet-a",
                "AssociationState": {"State": "associated"},
            }
        ],
        "PropagatingVgws": [],
        "Tags": [{"Key": "Name", "Value": f"{NAME}-public"}],
    }


def boto_nat_gateway(nat_gateway_id, allocation_id, state="available"):
    return {
        "NatGatewayId": nat_gateway_id,
        "SubnetId": "subnet-a",
        "VpcId": VPC,
        "State": state,
        "ConnectivityType": "public",
        "NatGatewayAddresses": [
            {
                "AllocationId": allocation_id,
                "PublicIp": "198.51.100.10",
                "PrivateIp": "10.0.0.10",
                "NetworkInterfaceId": "eni-1",
            }
        ],
        "Tags": [{"Key": "Name", "Value": f"{NAME}-{nat_gateway_id}"}],
    }


def boto_address(allocation_id):
    return {
        "AllocationId": allocation_id,
        "PublicIp": "198.51.100.10",
        "Domain": "vpc",
        "AssociationId": "eipassoc-1",
        "NetworkInterfaceId": "eni-1",
        "PrivateIpAddress": "10.0.0.10",
        "Tags": [{"Key": "Name", "Value": f"{NAME}-nat-eip"}, {"Key": "ManagedBy", "Value": "appstack.aws"}],
    }


def boto_endpoint(endpoint_id, state="available"):
    return {
        "VpcEndpointId": endpoint_id,
        "VpcEndpointType": "Gateway",
        "VpcId": VPC,
        "ServiceName": "com.amazonaws.us-east-1.s3",
        "State": state,
        "RouteTableIds": ["rtb-public"],
        "Tags": [{"Key": "Name", "Value": f"{NAME}-s3"}],
    }


def boto_flow_log():
    return {
        "FlowLogId": "fl-1",
        "ResourceId": VPC,
        "TrafficType": "ALL",
        "LogDestinationType": "cloud-watch-logs",
        "LogGroupName": "/appstack/prod/vpc-flow-logs",
        "FlowLogStatus": "ACTIVE",
        "Tags": [{"Key": "Name", "Value": f"{NAME}-flow-log"}],
    }


def queue_vpcs(stubber, params, vpcs, dns=(True, False)):
    """DescribeVpcs, then the two DescribeVpcAttribute calls of each VPC found."""
    stubber.add_response("describe_vpcs", {"Vpcs": vpcs}, params)
    for vpc in vpcs:
        stubber.add_response(
            "describe_vpc_attribute",
            {"VpcId": vpc["VpcId"], "EnableDnsSupport": {"Value": dns[0]}},
            {"VpcId": vpc["VpcId"], "Attribute": "enableDnsSupport"},
        )
        stubber.add_response(
            "describe_vpc_attribute",
            {"VpcId": vpc["VpcId"], "EnableDnsHostnames": {"Value": dns[1]}},
            {"VpcId": vpc["VpcId"], "Attribute": "enableDnsHostnames"},
        )


def queue_contents(
    stubber,
    subnets=(),
    internet_gateways=(),
    security_groups=(),
    route_tables=(),
    nat_gateways=(),
    addresses=None,
    endpoints=(),
    flow_logs=(),
):
    """The describe calls inside VPC, in the module's order.

    DescribeSubnets is left out when subnets is None (the test queued it), DescribeAddresses unless addresses is
    (the allocation ids asked for, the addresses found).
    """
    if subnets is not None:
        stubber.add_response("describe_subnets", {"Subnets": list(subnets)}, {"Filters": in_vpc()})
    stubber.add_response(
        "describe_internet_gateways",
        {"InternetGateways": list(internet_gateways)},
        {"Filters": in_vpc(name="attachment.vpc-id")},
    )
    stubber.add_response("describe_security_groups", {"SecurityGroups": list(security_groups)}, {"Filters": in_vpc()})
    stubber.add_response("describe_route_tables", {"RouteTables": list(route_tables)}, {"Filters": in_vpc()})
    stubber.add_response(
        "describe_nat_gateways",
        {"NatGateways": list(nat_gateways)},
        {"Filter": [*in_vpc(), {"Name": "state", "Values": ["pending", "failed", "available", "deleting"]}]},
    )
    if addresses is not None:
        allocation_ids, found = addresses
        stubber.add_response(
            "describe_addresses",
            {"Addresses": list(found)},
            {"Filters": [{"Name": "allocation-id", "Values": list(allocation_ids)}]},
        )
    stubber.add_response("describe_vpc_endpoints", {"VpcEndpoints": list(endpoints)}, {"Filters": in_vpc()})
    stubber.add_response("describe_flow_logs", {"FlowLogs": list(flow_logs)}, {"Filter": in_vpc(name="resource-id")})


BY_NAME = {"Filters": [{"Name": "tag:Name", "Values": [NAME]}]}


def test_a_vpc_found_by_name_is_returned_with_every_resource_inside_it(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    # DescribeSubnets is read to the last page.
    stubber.add_response(
        "describe_subnets",
        {"Subnets": [boto_subnet("subnet-a", "10.0.0.0/24", "us-east-1a", True)], "NextToken": "page-2"},
        {"Filters": in_vpc()},
    )
    stubber.add_response(
        "describe_subnets",
        {"Subnets": [boto_subnet("subnet-b", "10.0.1.0/24", "us-east-1b", False)]},
        {"Filters": in_vpc(), "NextToken": "page-2"},
    )
    queue_contents(
        stubber,
        subnets=None,
        internet_gateways=[boto_internet_gateway()],
        security_groups=[boto_security_group()],
        route_tables=[boto_route_table()],
        nat_gateways=[boto_nat_gateway("nat-a", "eipalloc-a")],
        addresses=(["eipalloc-a"], [boto_address("eipalloc-a")]),
        endpoints=[boto_endpoint("vpce-s3")],
        flow_logs=[boto_flow_log()],
    )

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert result["changed"] is False
    [vpc] = result["vpcs"]
    assert vpc["id"] == vpc["vpc_id"] == VPC
    assert vpc["cidr_block"] == "10.0.0.0/16"
    assert vpc["enable_dns_support"] is True
    assert vpc["enable_dns_hostnames"] is False
    assert vpc["tags"] == TAG_DICT
    assert vpc["cidr_block_association_set"][0]["cidr_block_state"] == {"state": "associated"}

    assert (
        [s["id"] for s in result["subnets"]] == [s["subnet_id"] for s in result["subnets"]] == ["subnet-a", "subnet-b"]
    )
    subnet = result["subnets"][0]
    assert (subnet["cidr_block"], subnet["availability_zone"], subnet["vpc_id"]) == ("10.0.0.0/24", "us-east-1a", VPC)
    assert subnet["map_public_ip_on_launch"] is True
    assert subnet["tags"] == {"Name": f"{NAME}-subnet-a", "Tier": "public"}

    [igw] = result["internet_gateways"]
    assert igw["internet_gateway_id"] == "igw-1"
    assert igw["attachments"] == [{"state": "available", "vpc_id": VPC}]
    assert igw["tags"] == {"Name": f"{NAME}-igw"}

    [group] = result["security_groups"]
    assert (group["group_id"], group["group_name"], group["description"], group["vpc_id"]) == (
        "sg-app",
        f"{NAME}-app",
        "Application tier",
        VPC,
    )
    assert group["ip_permissions"] == [
        {
            "ip_protocol": "tcp",
            "from_port": 443,
            "to_port": 443,
            "ip_ranges": [{"cidr_ip": "10.0.0.0/16", "description": "VPC"}],
            "ipv6_ranges": [],
            "prefix_list_ids": [],
            "user_id_group_pairs": [{"group_id": "sg-alb", "user_id": "123456789012"}],
        }
    ]
    assert group["ip_permissions_egress"][0]["prefix_list_ids"] == [{"prefix_list_id": "pl-63a5400a"}]
    assert group["tags"] == {"Name": f"{NAME}-app"}

    [table] = result["route_tables"]
    assert table["id"] == table["route_table_id"] == "rtb-public"
    assert table["routes"][1] == {
        "destination_cidr_block": "0.0.0.0/0",
        "gateway_id": "igw-1",
        "origin": "CreateRoute",
        "state": "active",
    }
    assert table["associations"][0]["subnet_id"] == "subnet-a"
    assert table["tags"] == {"Name": f"{NAME}-public"}

    [nat] = result["nat_gateways"]
    assert nat["nat_gateway_id"] == "nat-a"
    assert nat["nat_gateway_addresses"][0]["allocation_id"] == "eipalloc-a"
    assert nat["tags"] == {"Name": f"{NAME}-nat-a"}

    [address] = result["nat_gateway_addresses"]
    assert address["allocation_id"] == "eipalloc-a"
    assert address["public_ip"] == "198.51.100.10"

    [endpoint] = result["vpc_endpoints"]
    assert (endpoint["vpc_endpoint_id"], endpoint["service_name"]) == ("vpce-s3", "com.amazonaws.us-east-1.s3")
    assert endpoint["route_table_ids"] == ["rtb-public"]
    assert endpoint["tags"] == {"Name": f"{NAME}-s3"}

    [flow_log] = result["flow_logs"]
    assert (flow_log["flow_log_id"], flow_log["resource_id"]) == ("fl-1", VPC)
    assert flow_log["tags"] == {"Name": f"{NAME}-flow-log"}


def test_the_nat_gateways_elastic_ip_tags_are_read(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    queue_contents(
        stubber,
        nat_gateways=[boto_nat_gateway("nat-a", "eipalloc-a"), boto_nat_gateway("nat-b", "eipalloc-b")],
        addresses=(["eipalloc-a", "eipalloc-b"], [boto_address("eipalloc-a"), boto_address("eipalloc-b")]),
    )

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert [a["allocation_id"] for a in result["nat_gateway_addresses"]] == ["eipalloc-a", "eipalloc-b"]
    assert all(
        a["tags"] == {"Name": f"{NAME}-nat-eip", "ManagedBy": "appstack.aws"} for a in result["nat_gateway_addresses"]
    )


def test_a_released_elastic_ip_is_absent_rather_than_an_error(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    queue_contents(
        stubber,
        nat_gateways=[boto_nat_gateway("nat-a", "eipalloc-gone", state="failed")],
        addresses=(["eipalloc-gone"], []),
    )

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert [nat["state"] for nat in result["nat_gateways"]] == ["failed"]
    assert result["nat_gateway_addresses"] == []


def test_a_vpc_found_by_id_has_resources_without_tags_as_empty_dicts(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, {"VpcIds": [VPC]}, [boto_vpc(tags=None)], dns=(True, True))
    subnet = boto_subnet("subnet-a", "10.0.0.0/24", "us-east-1a", False)
    del subnet["Tags"]
    # No NAT gateway: DescribeAddresses isn't called.
    queue_contents(stubber, subnets=[subnet])

    rc, result = run_module(module, {"vpc_id": VPC}, client)

    assert rc == 0
    assert result["vpcs"][0]["id"] == VPC
    assert result["vpcs"][0]["tags"] == {}
    assert result["vpcs"][0]["enable_dns_hostnames"] is True
    assert result["subnets"][0]["tags"] == {}
    assert result["subnets"][0]["id"] == "subnet-a"
    assert all(result[key] == [] for key in CONTENT_KEYS if key != "subnets")


def test_deleted_nat_gateways_are_not_asked_for_and_gone_endpoints_are_dropped(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    # queue_contents asks DescribeNatGateways for every state but deleted.
    queue_contents(
        stubber,
        nat_gateways=[boto_nat_gateway("nat-a", "eipalloc-a", state="deleting")],
        addresses=(["eipalloc-a"], [boto_address("eipalloc-a")]),
        endpoints=[
            boto_endpoint("vpce-live"),
            boto_endpoint("vpce-deleting", state="deleting"),
            boto_endpoint("vpce-deleted", state="Deleted"),
            boto_endpoint("vpce-pending", state="pendingAcceptance"),
        ],
    )

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert [nat["state"] for nat in result["nat_gateways"]] == ["deleting"]
    assert [e["vpc_endpoint_id"] for e in result["vpc_endpoints"]] == ["vpce-live", "vpce-pending"]


def test_no_vpc_found_returns_empty_lists_and_reads_nothing_else(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [])

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert result["vpcs"] == []
    assert all(result[key] == [] for key in CONTENT_KEYS)


def test_an_unknown_vpc_id_finds_no_vpc(ec2, run_module):
    client, stubber = ec2
    stubber.add_client_error(
        "describe_vpcs", "InvalidVpcID.NotFound", f"The vpc ID '{VPC}' does not exist", 400, None, {"VpcIds": [VPC]}
    )

    rc, result = run_module(module, {"vpc_id": VPC}, client)

    assert rc == 0
    assert result["vpcs"] == []
    assert all(result[key] == [] for key in CONTENT_KEYS)


def test_two_vpcs_of_one_name_are_both_returned_and_nothing_else_is_read(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc(), boto_vpc(OTHER_VPC)])

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 0
    assert [vpc["id"] for vpc in result["vpcs"]] == [VPC, OTHER_VPC]
    assert all(vpc["tags"] == TAG_DICT and vpc["enable_dns_support"] is True for vpc in result["vpcs"])
    assert all(result[key] == [] for key in CONTENT_KEYS)


def test_check_mode_reads_the_same(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    queue_contents(stubber, route_tables=[boto_route_table()])

    rc, result = run_module(module, {"vpc_name": NAME, "_ansible_check_mode": True}, client)

    assert rc == 0
    assert result["changed"] is False
    assert result["vpcs"][0]["id"] == VPC
    assert result["route_tables"][0]["id"] == "rtb-public"


def test_an_aws_error_on_the_vpcs_is_reported_without_a_crash(ec2, run_module):
    client, stubber = ec2
    stubber.add_client_error("describe_vpcs", "UnauthorizedOperation", "You are not authorized", 403, None, BY_NAME)

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to describe vpcs: ")
    assert "You are not authorized" in result["msg"]
    assert result["error"]["code"] == "UnauthorizedOperation"


def test_an_aws_error_inside_the_vpc_is_reported_without_a_crash(ec2, run_module):
    client, stubber = ec2
    queue_vpcs(stubber, BY_NAME, [boto_vpc()])
    stubber.add_response("describe_subnets", {"Subnets": []}, {"Filters": in_vpc()})
    stubber.add_response(
        "describe_internet_gateways", {"InternetGateways": []}, {"Filters": in_vpc(name="attachment.vpc-id")}
    )
    stubber.add_client_error(
        "describe_security_groups", "UnauthorizedOperation", "You are not authorized", 403, None, {"Filters": in_vpc()}
    )

    rc, result = run_module(module, {"vpc_name": NAME}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to describe security groups: ")
    assert result["error"]["code"] == "UnauthorizedOperation"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param({"vpc_name": NAME, "vpc_id": VPC}, "mutually exclusive", id="both"),
        pytest.param({}, "one of the following is required", id="neither"),
        pytest.param({"vpc_name": ""}, "vpc_name must not be empty.", id="empty-name"),
    ],
)
def test_a_vpc_named_both_ways_or_not_at_all_fails_before_any_call(run_module, args, message):
    rc, result = run_module(module, args, client=None)

    assert rc == 1
    assert message in result["msg"]


def test_the_allocation_ids_of_the_nat_gateways_are_listed_once_in_order():
    nat_gateways = [
        {"nat_gateway_addresses": [{"allocation_id": "eipalloc-b"}, {"allocation_id": "eipalloc-a"}]},
        {"nat_gateway_addresses": [{"allocation_id": "eipalloc-b"}, {"private_ip": "10.0.0.9"}]},
        {"nat_gateway_id": "nat-private"},
    ]

    assert ec2_vpc_resources.nat_gateway_allocation_ids(nat_gateways) == ["eipalloc-b", "eipalloc-a"]
    assert ec2_vpc_resources.nat_gateway_allocation_ids([]) == []


def test_the_vpc_is_found_by_id_or_else_by_name_tag():
    assert ec2_vpc_resources.vpc_query(vpc_id=VPC) == {"VpcIds": [VPC]}
    assert ec2_vpc_resources.vpc_query(vpc_name=NAME) == BY_NAME
