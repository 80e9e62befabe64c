"""Unit tests for appstack.aws.ec2_vpc_flow_log_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import ec2_vpc_flow_log_info as module

VPC = "vpc-0123456789abcdef0"


def boto_flow_log(flow_log_id, resource_id=VPC):
    return {
        "FlowLogId": flow_log_id,
        "ResourceId": resource_id,
        "TrafficType": "ALL",
        "LogDestinationType": "s3",
        "LogDestination": "arn:aws:s3:::bucket",
        "FlowLogStatus": "ACTIVE",
        "MaxAggregationInterval": 600,
        "Tags": [{"Key": "Name", "Value": flow_log_id}],
    }


def test_resource_ids_become_the_resource_id_filter():
    assert module.build_filters([VPC, "subnet-1"], {"traffic-type": "REJECT"}) == {
        "traffic-type": "REJECT",
        "resource-id": [VPC, "subnet-1"],
    }


def test_resource_ids_and_a_resource_id_filter_conflict():
    assert module.validate({"resource_ids": [VPC], "filters": {"resource-id": VPC}}) == [
        "Give the resource ids either in resource_ids or in filters, not both."
    ]
    assert module.validate({"resource_ids": [VPC], "filters": {"traffic-type": "ALL"}}) == []
    assert module.validate({"resource_ids": None, "filters": {"resource-id": VPC}}) == []


def test_a_conflict_fails_before_any_client_is_created(run_module):
    rc, result = run_module(module, {"resource_ids": [VPC], "filters": {"resource-id": VPC}}, client=None)

    assert rc == 1
    assert "either in resource_ids or in filters" in result["msg"]


def test_ids_and_filters_are_sent_and_tags_returned_as_a_dict(ec2, run_module):
    client, stubber = ec2
    stubber.add_response(
        "describe_flow_logs",
        {"FlowLogs": [boto_flow_log("fl-1")], "NextToken": "t"},
        {
            "FlowLogIds": ["fl-1", "fl-2"],
            "Filter": [{"Name": "log-destination-type", "Values": ["s3"]}, {"Name": "resource-id", "Values": [VPC]}],
        },
    )
    stubber.add_response(
        "describe_flow_logs",
        {"FlowLogs": [boto_flow_log("fl-2")]},
        {
            "FlowLogIds": ["fl-1", "fl-2"],
            "Filter": [{"Name": "log-destination-type", "Values": ["s3"]}, {"Name": "resource-id", "Values": [VPC]}],
            "NextToken": "t",
        },
    )

    rc, result = run_module(
        module,
        {"flow_log_ids": ["fl-1", "fl-2"], "resource_ids": [VPC], "filters": {"log-destination-type": "s3"}},
        client,
    )

    assert rc == 0
    assert not result["changed"]
    assert [flow_log["flow_log_id"] for flow_log in result["flow_logs"]] == ["fl-1", "fl-2"]
    assert result["flow_logs"][1]["tags"] == {"Name": "fl-2"}


def test_no_match_returns_an_empty_list(ec2, run_module):
    client, stubber = ec2
    stubber.add_response("describe_flow_logs", {"FlowLogs": []}, {})

    rc, result = run_module(module, {}, client)

    assert rc == 0
    assert result["flow_logs"] == []
