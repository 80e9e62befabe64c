"""Unit tests for appstack.aws.ec2_vpc_flow_log (botocore Stubber, no network)."""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.flow_logs import AnsibleFlowLogError, find_flow_logs
from ansible_collections.appstack.aws.plugins.modules import ec2_vpc_flow_log as module

VPC = "vpc-0123456789abcdef0"
GROUP = "/appstack/test/vpc-flow-logs"
GROUP_ARN = f"arn:aws:logs:us-east-1:123456789012:log-group:{GROUP}"
ROLE = "arn:aws:iam::123456789012:role/flow-logs"
OTHER_ROLE = "arn:aws:iam::123456789012:role/other-flow-logs"
BUCKET = "arn:aws:s3:::appstack-test-flow-logs/vpc/"
DEFAULT_FORMAT = "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${action} ${log-status}"
FILTERS = [
    {"Name": "resource-id", "Values": [VPC]},
    {"Name": "traffic-type", "Values": ["ALL"]},
    {"Name": "log-destination-type", "Values": ["cloud-watch-logs"]},
]


def boto_flow_log(flow_log_id="fl-0000000000000000a", tags=None, **extra):
    flow_log = {
        "FlowLogId": flow_log_id,
        "ResourceId": VPC,
        "TrafficType": "ALL",
        "LogDestinationType": "cloud-watch-logs",
        "LogGroupName": GROUP,
        "LogDestination": GROUP_ARN,
        "DeliverLogsPermissionArn": ROLE,
        "DeliverLogsStatus": "SUCCESS",
        "FlowLogStatus": "ACTIVE",
        "MaxAggregationInterval": 600,
        "LogFormat": DEFAULT_FORMAT,
        "CreationTime": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        "Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()],
    }
    flow_log.update(extra)
    return flow_log


def current_flow_log(tags=None, **extra):
    """An existing flow log as find_flow_logs returns it."""
    flow_log = {
        "flow_log_id": "fl-0000000000000000a",
        "resource_id": VPC,
        "traffic_type": "ALL",
        "log_destination_type": "cloud-watch-logs",
        "log_group_name": GROUP,
        "log_destination": GROUP_ARN,
        "deliver_logs_permission_arn": ROLE,
        "deliver_logs_status": "SUCCESS",
        "flow_log_status": "ACTIVE",
        "max_aggregation_interval": 600,
        "log_format": DEFAULT_FORMAT,
        "creation_time": "2024-01-01T00:00:00+00:00",
        "tags": tags or {},
    }
    flow_log.update(extra)
    return flow_log


def params(**overrides):
    values = dict(
        resource_id=VPC,
        resource_type="VPC",
        traffic_type="ALL",
        log_destination_type="cloud-watch-logs",
        log_group_name=GROUP,
        log_destination=None,
        deliver_logs_permission_arn=ROLE,
        max_aggregation_interval=600,
        log_format=None,
        tags=None,
        purge_tags=True,
        state="present",
        wait=True,
        wait_timeout=30,
    )
    values.update(overrides)
    return values


def stub_create(stubber, expected_params, flow_log_id="fl-0000000000000000b"):
    stubber.add_response("create_flow_logs", {"FlowLogIds": [flow_log_id], "Unsuccessful": []}, expected_params)
    stubber.add_response(
        "describe_flow_logs", {"FlowLogs": [boto_flow_log(flow_log_id)]}, {"FlowLogIds": [flow_log_id]}
    )


# Finding the flow log


def test_find_matches_the_log_group_by_name_or_by_arn(ec2):
    client, stubber = ec2
    by_name_only = boto_flow_log("fl-0000000000000000a")
    del by_name_only["LogDestination"]
    by_arn_only = boto_flow_log("fl-0000000000000000b", LogDestination=f"{GROUP_ARN}:*")
    del by_arn_only["LogGroupName"]
    elsewhere = boto_flow_log("fl-0000000000000000c", LogGroupName="/other", LogDestination=f"{GROUP_ARN}-other")
    stubber.add_response(
        "describe_flow_logs", {"FlowLogs": [by_name_only, by_arn_only, elsewhere]}, {"Filter": FILTERS}
    )

    matches = find_flow_logs(client, VPC, "ALL", "cloud-watch-logs", log_destination=GROUP_ARN)

    assert [flow_log["flow_log_id"] for flow_log in matches] == ["fl-0000000000000000a", "fl-0000000000000000b"]


def test_find_matches_s3_destinations_by_arn(ec2):
    client, stubber = ec2
    filters = [dict(item) for item in FILTERS]
    filters[2]["Values"] = ["s3"]
    s3_flow_log = boto_flow_log(LogDestinationType="s3", LogDestination=BUCKET)
    other_bucket = boto_flow_log("fl-0000000000000000c", LogDestinationType="s3", LogDestination="arn:aws:s3:::b")
    for flow_log in (s3_flow_log, other_bucket):
        del flow_log["LogGroupName"]
    stubber.add_response("describe_flow_logs", {"FlowLogs": [s3_flow_log, other_bucket]}, {"Filter": filters})

    matches = find_flow_logs(client, VPC, "ALL", "s3", log_destination=BUCKET)

    assert [flow_log["flow_log_id"] for flow_log in matches] == ["fl-0000000000000000a"]
    assert matches[0]["tags"] == {}


# Creating


def test_create_sends_the_settings_and_tags_and_waits(ec2):
    client, stubber = ec2
    stub_create(
        stubber,
        {
            "ResourceIds": [VPC],
            "ResourceType": "VPC",
            "TrafficType": "ALL",
            "LogDestinationType": "cloud-watch-logs",
            "LogGroupName": GROUP,
            "DeliverLogsPermissionArn": ROLE,
            "MaxAggregationInterval": 600,
            "TagSpecifications": [{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": "vpc-flow-log"}]}],
        },
    )

    changed, state = module.ensure_present(client, [], params(tags={"Name": "vpc-flow-log"}), check_mode=False)

    assert changed
    assert state["flow_log_id"] == "fl-0000000000000000b"
    assert state["tags"] == {"Name": "vpc-flow-log"}


def test_create_in_check_mode_makes_no_call_and_predicts_the_flow_log(ec2):
    client, _ = ec2

    changed, state = module.ensure_present(client, [], params(log_format="${srcaddr}"), check_mode=True)

    assert changed
    assert "flow_log_id" not in state
    assert state["log_group_name"] == GROUP
    assert state["log_format"] == "${srcaddr}"
    assert state["max_aggregation_interval"] == 600


def test_create_to_cloudwatch_logs_without_a_role_fails_before_any_call(ec2):
    client, _ = ec2

    for check_mode in (True, False):
        with pytest.raises(AnsibleFlowLogError) as error:
            module.ensure_present(client, [], params(deliver_logs_permission_arn=None), check_mode=check_mode)
        assert "deliver_logs_permission_arn is required" in error.value.message


def test_unsuccessful_create_is_an_error(ec2):
    client, stubber = ec2
    stubber.add_response(
        "create_flow_logs",
        {"FlowLogIds": [], "Unsuccessful": [{"ResourceId": VPC, "Error": {"Code": "400", "Message": "no bucket"}}]},
    )

    with pytest.raises(AnsibleFlowLogError) as error:
        module.ensure_present(
            client,
            [],
            params(
                log_destination_type="s3", log_group_name=None, log_destination=BUCKET, deliver_logs_permission_arn=None
            ),
            check_mode=False,
        )

    assert "no bucket" in error.value.message


# Updating


def test_matching_flow_log_is_left_alone(ec2):
    client, _ = ec2
    current = current_flow_log(tags={"Name": "x"})

    changed, state = module.ensure_present(
        client, [current], params(tags={"Name": "x"}, log_format=DEFAULT_FORMAT), check_mode=False
    )

    assert not changed
    assert state == current


def test_unset_role_and_format_are_not_compared(ec2):
    client, _ = ec2
    current = current_flow_log(deliver_logs_permission_arn=OTHER_ROLE, log_format="${srcaddr}")

    changed, _ = module.ensure_present(client, [current], params(deliver_logs_permission_arn=None), check_mode=False)

    assert not changed


def test_tags_are_added_and_purged_in_place(ec2):
    client, stubber = ec2
    stubber.add_response("delete_tags", {}, {"Resources": ["fl-0000000000000000a"], "Tags": [{"Key": "Old"}]})
    stubber.add_response(
        "create_tags", {}, {"Resources": ["fl-0000000000000000a"], "Tags": [{"Key": "Name", "Value": "new"}]}
    )

    changed, state = module.ensure_present(
        client, [current_flow_log(tags={"Old": "x", "Name": "old"})], params(tags={"Name": "new"}), check_mode=False
    )

    assert changed
    assert state["tags"] == {"Name": "new"}


def test_tag_change_in_check_mode_makes_no_call(ec2):
    client, _ = ec2

    changed, state = module.ensure_present(
        client, [current_flow_log(tags={"Old": "x"})], params(tags={"Name": "new"}), check_mode=True
    )

    assert changed
    assert state["tags"] == {"Name": "new"}


# Replacing


def test_immutable_change_replaces_the_flow_log_keeping_unset_settings_and_tags(ec2):
    client, stubber = ec2
    current = current_flow_log(tags={"Name": "x", "aws:created-by": "y"}, log_format="${srcaddr} ${dstaddr}")
    stubber.add_response("delete_flow_logs", {"Unsuccessful": []}, {"FlowLogIds": ["fl-0000000000000000a"]})
    stubber.add_response("describe_flow_logs", {"FlowLogs": []}, {"FlowLogIds": ["fl-0000000000000000a"]})
    stub_create(
        stubber,
        {
            "ResourceIds": [VPC],
            "ResourceType": "VPC",
            "TrafficType": "ALL",
            "LogDestinationType": "cloud-watch-logs",
            "LogGroupName": GROUP,
            "DeliverLogsPermissionArn": ROLE,
            "MaxAggregationInterval": 60,
            "LogFormat": "${srcaddr} ${dstaddr}",
            "TagSpecifications": [{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": "x"}]}],
        },
    )

    changed, state = module.ensure_present(
        client, [current], params(max_aggregation_interval=60, deliver_logs_permission_arn=None), check_mode=False
    )

    assert changed
    assert state["flow_log_id"] == "fl-0000000000000000b"
    assert state["max_aggregation_interval"] == 60


@pytest.mark.parametrize(
    "change",
    [{"max_aggregation_interval": 60}, {"log_format": "${srcaddr}"}, {"deliver_logs_permission_arn": OTHER_ROLE}],
)
def test_each_immutable_setting_is_compared(change):
    assert list(module.immutable_differences(current_flow_log(), params(**change))) == list(change)


def test_replacement_in_check_mode_makes_no_call(ec2):
    client, _ = ec2

    changed, state = module.ensure_present(
        client, [current_flow_log()], params(deliver_logs_permission_arn=OTHER_ROLE), check_mode=True
    )

    assert changed
    assert state["deliver_logs_permission_arn"] == OTHER_ROLE
    assert "flow_log_id" not in state


def test_several_matching_flow_logs_are_an_error(ec2):
    client, _ = ec2
    duplicates = [current_flow_log(), current_flow_log(flow_log_id="fl-0000000000000000b")]

    with pytest.raises(AnsibleFlowLogError) as error:
        module.ensure_present(client, duplicates, params(), check_mode=False)

    assert "fl-0000000000000000a, fl-0000000000000000b" in error.value.message


# Deleting


def test_absent_deletes_and_waits(ec2):
    client, stubber = ec2
    stubber.add_response("delete_flow_logs", {"Unsuccessful": []}, {"FlowLogIds": ["fl-0000000000000000a"]})
    stubber.add_response("describe_flow_logs", {"FlowLogs": []}, {"FlowLogIds": ["fl-0000000000000000a"]})

    assert module.ensure_absent(client, [current_flow_log()], params(state="absent"), check_mode=False) == (True, None)


def test_absent_in_check_mode_makes_no_call(ec2):
    client, _ = ec2

    assert module.ensure_absent(client, [current_flow_log()], params(state="absent"), check_mode=True) == (True, None)


def test_absent_when_missing_is_a_no_op(ec2):
    client, _ = ec2

    assert module.ensure_absent(client, [], params(state="absent"), check_mode=False) == (False, None)


# Validating the options


@pytest.mark.parametrize(
    "options, message",
    [
        ({"resource_id": "subnet-0123"}, "is not a VPC id"),
        ({"resource_type": "NetworkInterface"}, "is not a NetworkInterface id"),
        ({"log_group_name": None, "log_destination": BUCKET}, "is not the ARN of a CloudWatch Logs log group"),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0, not 0"),
        ({"wait_timeout": -5}, "wait_timeout must be a number of seconds above 0, not -5"),
    ],
)
def test_invalid_options_are_explained(options, message):
    problems = module.validate(params(**options))

    assert len(problems) == 1
    assert message in problems[0]


def test_valid_options_pass():
    assert module.validate(params(log_group_name=None, log_destination=GROUP_ARN)) == []


def test_every_problem_is_reported_at_once_before_any_api_call(run_module):
    args = {"resource_id": "subnet-0123", "log_destination": BUCKET, "wait_timeout": 0}

    rc, result = run_module(module, args, client=None)

    assert rc == 1
    assert len(result["problems"]) == 3
    for words in ("is not a VPC id", "is not the ARN of a CloudWatch Logs log group", "wait_timeout"):
        assert words in result["msg"]


@pytest.mark.parametrize(
    "args, message",
    [
        ({"resource_id": VPC}, "log_group_name, log_destination"),
        ({"resource_id": VPC, "log_destination_type": "s3", "log_group_name": GROUP}, "log_destination"),
        ({"resource_id": VPC, "log_group_name": GROUP, "log_destination": GROUP_ARN}, "mutually exclusive"),
        ({"resource_id": VPC, "log_group_name": GROUP, "max_aggregation_interval": 300}, "max_aggregation_interval"),
        ({"resource_id": "subnet-0123", "log_group_name": GROUP}, "is not a VPC id"),
    ],
)
def test_missing_or_conflicting_options_fail_before_any_api_call(run_module, args, message):
    rc, result = run_module(module, args, client=None)

    assert rc == 1
    assert message in result["msg"]


# The whole module


def test_module_in_check_mode_reports_a_replacement_with_a_diff(ec2, run_module):
    client, stubber = ec2
    stubber.add_response("describe_flow_logs", {"FlowLogs": [boto_flow_log()]}, {"Filter": FILTERS})
    args = {
        "resource_id": VPC,
        "log_group_name": GROUP,
        "max_aggregation_interval": 60,
        "_ansible_check_mode": True,
        "_ansible_diff": True,
    }

    rc, result = run_module(module, args, client)

    assert rc == 0
    assert result["changed"]
    assert result["diff"]["before"]["max_aggregation_interval"] == 600
    assert result["diff"]["after"]["max_aggregation_interval"] == 60
    assert result["flow_log"]["deliver_logs_permission_arn"] == ROLE


def test_module_second_run_is_not_changed(ec2, run_module):
    client, stubber = ec2
    stubber.add_response("describe_flow_logs", {"FlowLogs": [boto_flow_log(tags={"Name": "x"})]}, {"Filter": FILTERS})
    args = {"resource_id": VPC, "log_group_name": GROUP, "deliver_logs_permission_arn": ROLE, "tags": {"Name": "x"}}

    rc, result = run_module(module, args, client)

    assert rc == 0
    assert not result["changed"]
    assert "diff" not in result
    assert result["flow_log"]["flow_log_id"] == "fl-0000000000000000a"
    assert result["flow_log"]["tags"] == {"Name": "x"}


def test_a_deletion_that_outlasts_wait_timeout_fails_naming_the_flow_log_and_its_status(ec2, monkeypatch):
    client, stubber = ec2
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    stubber.add_response("delete_flow_logs", {"Unsuccessful": []}, {"FlowLogIds": ["fl-0000000000000000a"]})
    for _ in range(2):  # wait_timeout=1 polls twice, a second apart.
        stubber.add_response(
            "describe_flow_logs", {"FlowLogs": [boto_flow_log()]}, {"FlowLogIds": ["fl-0000000000000000a"]}
        )

    with pytest.raises(AnsibleFlowLogError) as error:
        module.ensure_absent(client, [current_flow_log()], params(state="absent", wait_timeout=1), check_mode=False)

    assert error.value.message == (
        "Timed out after 1 seconds waiting for flow logs fl-0000000000000000a to be deleted;"
        " its last status was fl-0000000000000000a ACTIVE"
    )
