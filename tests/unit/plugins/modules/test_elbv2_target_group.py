"""Unit tests for appstack.aws.elbv2_target_group and its _info twin (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import elbv2_target_group as module
from ansible_collections.appstack.aws.plugins.modules import elbv2_target_group_info as info_module

NAME = "shop-api-prod"
ARN = f"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{NAME}/0123456789abcdef"
VPC = "vpc-0123456789abcdef0"
ATTRIBUTES = {"deregistration_delay.timeout_seconds": "30", "stickiness.enabled": "false"}


def args(**overrides):
    values = {
        "name": NAME,
        "target_type": "ip",
        "protocol": "HTTP",
        "port": 8000,
        "vpc_id": VPC,
        "health_check": {"path": "/api/health", "interval_seconds": 30, "matcher": "200-399"},
        "deregistration_delay_timeout": 30,
        "tags": {"Environment": "prod"},
    }
    values.update(overrides)
    return values


def target_group(**overrides):
    values = {
        "TargetGroupArn": ARN,
        "TargetGroupName": NAME,
        "Protocol": "HTTP",
        "Port": 8000,
        "VpcId": VPC,
        "HealthCheckProtocol": "HTTP",
        "HealthCheckPort": "traffic-port",
        "HealthCheckEnabled": True,
        "HealthCheckIntervalSeconds": 30,
        "HealthCheckTimeoutSeconds": 5,
        "HealthyThresholdCount": 5,
        "UnhealthyThresholdCount": 2,
        "HealthCheckPath": "/api/health",
        "Matcher": {"HttpCode": "200-399"},
        "LoadBalancerArns": [],
        "TargetType": "ip",
        "ProtocolVersion": "HTTP1",
        "IpAddressType": "ipv4",
    }
    values.update(overrides)
    return values


def expect_describe(stubber, found=None):
    if found is None:
        stubber.add_client_error("describe_target_groups", "TargetGroupNotFound", expected_params={"Names": [NAME]})
    else:
        stubber.add_response("describe_target_groups", {"TargetGroups": [found]}, {"Names": [NAME]})


def expect_reads(stubber, attributes=None, tags=None):
    attributes = ATTRIBUTES if attributes is None else attributes
    stubber.add_response(
        "describe_target_group_attributes",
        {"Attributes": [{"Key": key, "Value": value} for key, value in attributes.items()]},
        {"TargetGroupArn": ARN},
    )
    tags = {"Environment": "prod"} if tags is None else tags
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": ARN, "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]},
        {"ResourceArns": [ARN]},
    )


def test_invalid_options_fail_before_any_client(run_module):
    code, result = run_module(module, args(port=0, health_check={"path": "api/health"}), None)

    assert code == 1
    assert len(result["problems"]) == 2
    assert "health_check.path must start with '/'" in result["msg"]


def test_check_mode_on_a_missing_target_group_predicts_it_and_writes_nothing(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber)

    code, result = run_module(module, {**args(), "_ansible_check_mode": True, "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["target_group"]["health_check_path"] == "/api/health"
    assert result["target_group"]["attributes"] == {"deregistration_delay.timeout_seconds": "30"}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["matcher"] == {"http_code": "200-399"}


def test_create_sends_the_settings_and_tags_then_the_attributes(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber)
    stubber.add_response(
        "create_target_group",
        {"TargetGroups": [target_group()]},
        {
            "Name": NAME,
            "TargetType": "ip",
            "Protocol": "HTTP",
            "Port": 8000,
            "VpcId": VPC,
            "HealthCheckPath": "/api/health",
            "HealthCheckIntervalSeconds": 30,
            "Matcher": {"HttpCode": "200-399"},
            "Tags": [{"Key": "Environment", "Value": "prod"}],
        },
    )
    stubber.add_response(
        "describe_target_group_attributes",
        {"Attributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "300"}]},
        {"TargetGroupArn": ARN},
    )
    stubber.add_response(
        "modify_target_group_attributes",
        {"Attributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}]},
        {"TargetGroupArn": ARN, "Attributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}]},
    )

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["target_group"]["target_group_arn"] == ARN
    assert result["target_group"]["attributes"] == {"deregistration_delay.timeout_seconds": "30"}


def test_a_converged_target_group_costs_three_reads_and_reports_no_change(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    expect_reads(stubber)

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is False
    assert "diff" not in result
    assert result["target_group"]["tags"] == {"Environment": "prod"}


def test_without_attribute_or_tag_options_only_the_target_group_is_read(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())

    code, result = run_module(module, args(deregistration_delay_timeout=None, tags=None), client)

    assert code == 0, result
    assert result["changed"] is False
    assert "tags" not in result["target_group"]


def test_a_new_health_check_path_is_predicted_in_check_mode(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    expect_reads(stubber)

    health = {"path": "/healthz", "interval_seconds": 30, "matcher": "200-399"}
    code, result = run_module(
        module, {**args(health_check=health), "_ansible_check_mode": True, "_ansible_diff": True}, client
    )

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["health_check_path"] == "/api/health"
    assert result["diff"]["after"]["health_check_path"] == "/healthz"


def test_a_new_health_check_path_is_sent_alone(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    expect_reads(stubber)
    stubber.add_response(
        "modify_target_group",
        {"TargetGroups": [target_group(HealthCheckPath="/healthz")]},
        {"TargetGroupArn": ARN, "HealthCheckPath": "/healthz"},
    )

    health = {"path": "/healthz", "interval_seconds": 30, "matcher": "200-399"}
    code, result = run_module(module, args(health_check=health), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["target_group"]["health_check_path"] == "/healthz"


def test_a_tag_change_adds_and_removes_tags(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    expect_reads(stubber, tags={"Environment": "prod", "Old": "1"})
    stubber.add_response("remove_tags", {}, {"ResourceArns": [ARN], "TagKeys": ["Old"]})
    stubber.add_response("add_tags", {}, {"ResourceArns": [ARN], "Tags": [{"Key": "Team", "Value": "api"}]})

    code, result = run_module(module, args(tags={"Environment": "prod", "Team": "api"}), client)

    assert code == 0, result
    assert result["target_group"]["tags"] == {"Environment": "prod", "Team": "api"}


def test_changing_the_port_fails_before_any_write(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())

    code, result = run_module(module, args(port=9000), client)

    assert code == 1
    assert "needs a new target group" in result["msg"]


def test_absent_deletes_the_target_group(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    stubber.add_response("delete_target_group", {}, {"TargetGroupArn": ARN})

    code, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["after"] == {}


def test_absent_on_a_missing_target_group_changes_nothing(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber)

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is False


def test_info_reads_each_name_with_attributes_and_tags_and_skips_missing_ones(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, target_group())
    stubber.add_client_error("describe_target_groups", "TargetGroupNotFound", expected_params={"Names": ["gone"]})
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": ARN, "Tags": [{"Key": "Environment", "Value": "prod"}]}]},
        {"ResourceArns": [ARN]},
    )
    stubber.add_response(
        "describe_target_group_attributes",
        {"Attributes": [{"Key": k, "Value": v} for k, v in ATTRIBUTES.items()]},
        {"TargetGroupArn": ARN},
    )

    code, result = run_module(info_module, {"names": [NAME, "gone"]}, client)

    assert code == 0, result
    assert [group["target_group_name"] for group in result["target_groups"]] == [NAME]
    assert result["target_groups"][0]["attributes"] == ATTRIBUTES
    assert result["target_groups"][0]["tags"] == {"Environment": "prod"}
