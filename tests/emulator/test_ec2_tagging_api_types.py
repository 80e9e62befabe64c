"""The tagging API lists EC2 flow logs (as vpc-flow-log), Elastic IP addresses and VPC endpoints, as on AWS."""

from emulator.client import EmulatorClient

TAGS = [{"Key": "Environment", "Value": "prod"}]


def _tagged(emulator: EmulatorClient, **filters) -> list[str]:
    tagging = emulator.client("resourcegroupstaggingapi")
    return [
        mapping["ResourceARN"]
        for mapping in tagging.get_resources(TagFilters=[{"Key": "Environment", "Values": ["prod"]}], **filters)[
            "ResourceTagMappingList"
        ]
    ]


def _estate(emulator: EmulatorClient) -> dict[str, str]:
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    address = ec2.allocate_address(Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": TAGS}])[
        "AllocationId"
    ]
    endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc,
        ServiceName="com.amazonaws.us-east-1.s3",
        TagSpecifications=[{"ResourceType": "vpc-endpoint", "Tags": TAGS}],
    )["VpcEndpoint"]["VpcEndpointId"]
    emulator.client("logs").create_log_group(logGroupName="flows")
    (flow_log,) = ec2.create_flow_logs(
        ResourceIds=[vpc],
        ResourceType="VPC",
        TrafficType="ALL",
        LogGroupName="flows",
        DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flows",
        TagSpecifications=[{"ResourceType": "vpc-flow-log", "Tags": TAGS}],
    )["FlowLogIds"]
    return {"address": address, "endpoint": endpoint, "flow_log": flow_log}


def test_the_three_kinds_are_listed_with_aws_arns(emulator: EmulatorClient):
    estate = _estate(emulator)
    arns = _tagged(emulator)
    prefix = "arn:aws:ec2:us-east-1:123456789012"
    assert f"{prefix}:elastic-ip/{estate['address']}" in arns
    assert f"{prefix}:vpc-endpoint/{estate['endpoint']}" in arns
    assert f"{prefix}:vpc-flow-log/{estate['flow_log']}" in arns
    assert not any(":flow-logs/" in arn for arn in arns)


def test_they_are_filtered_by_aws_resource_types(emulator: EmulatorClient):
    estate = _estate(emulator)
    assert [arn.rsplit("/", 1)[-1] for arn in _tagged(emulator, ResourceTypeFilters=["ec2:vpc-flow-log"])] == [
        estate["flow_log"]
    ]
    assert [arn.rsplit("/", 1)[-1] for arn in _tagged(emulator, ResourceTypeFilters=["ec2:elastic-ip"])] == [
        estate["address"]
    ]


def test_a_released_address_and_a_deleted_flow_log_are_no_longer_listed(emulator: EmulatorClient):
    estate = _estate(emulator)
    ec2 = emulator.client("ec2")
    ec2.release_address(AllocationId=estate["address"])
    ec2.delete_flow_logs(FlowLogIds=[estate["flow_log"]])
    arns = _tagged(emulator)
    assert not any(estate["address"] in arn or estate["flow_log"] in arn for arn in arns)
