"""Unit tests for the planning of appstack.aws.elbv2_target_group (pure functions, no botocore)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import attribute_changes
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_group_plan import (
    config_view,
    create_request,
    creation_problems,
    desired_attributes,
    immutable_problems,
    modify_request,
    predicted_target_group,
    validate,
)

VPC = "vpc-0123456789abcdef0"


def params(**overrides):
    values = {
        "name": "shop-api-prod",
        "state": "present",
        "target_type": "ip",
        "protocol": "HTTP",
        "protocol_version": None,
        "port": 8000,
        "vpc_id": VPC,
        "ip_address_type": None,
        "health_check": {
            "enabled": None,
            "protocol": "HTTP",
            "port": None,
            "path": "/api/health",
            "interval_seconds": 30,
            "timeout_seconds": None,
            "healthy_threshold_count": None,
            "unhealthy_threshold_count": None,
            "matcher": "200-399",
        },
        "deregistration_delay_timeout": 30,
        "attributes": None,
        "tags": {"Environment": "prod"},
        "purge_tags": True,
    }
    values.update(overrides)
    return values


def target_group(**overrides):
    values = {
        "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123",
        "TargetGroupName": "shop-api-prod",
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


def test_valid_options_have_no_problem():
    assert validate(params()) == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"name": "-shop"}, "name must be 1 to 32 letters"),
        ({"name": "x" * 33}, "name must be 1 to 32 letters"),
        ({"port": 0}, "port must be between 1 and 65535, not 0."),
        ({"deregistration_delay_timeout": 3601}, "deregistration_delay_timeout must be between 0 and 3600"),
    ],
)
def test_each_invalid_option_is_named(overrides, expected):
    assert expected in " ".join(validate(params(**overrides)))


@pytest.mark.parametrize(
    "health, expected",
    [
        ({"path": "api/health"}, "health_check.path must start with '/', not 'api/health'."),
        ({"port": "http"}, "health_check.port must be traffic-port or a port"),
        ({"interval_seconds": 4}, "health_check.interval_seconds must be between 5 and 300"),
        ({"timeout_seconds": 121}, "health_check.timeout_seconds must be between 2 and 120"),
        ({"healthy_threshold_count": 1}, "health_check.healthy_threshold_count must be between 2 and 10"),
        ({"unhealthy_threshold_count": 11}, "health_check.unhealthy_threshold_count must be between 2 and 10"),
    ],
)
def test_each_invalid_health_check_option_is_named(health, expected):
    assert expected in " ".join(validate(params(health_check={**params()["health_check"], **health})))


def test_every_problem_is_reported_at_once():
    assert len(validate(params(name="-", port=70000, deregistration_delay_timeout=-1))) == 3


def test_deleting_checks_only_the_name():
    assert validate(params(state="absent", port=0)) == []


def test_creating_needs_protocol_port_and_vpc_unless_lambda():
    assert creation_problems(params(protocol=None, vpc_id=None)) == [
        "Creating target group shop-api-prod needs protocol, vpc_id."
    ]
    assert creation_problems(params(target_type="lambda", protocol=None, port=None, vpc_id=None)) == []


def test_the_create_request_carries_the_health_check_and_the_fixed_settings():
    assert create_request(params()) == {
        "Name": "shop-api-prod",
        "TargetType": "ip",
        "Protocol": "HTTP",
        "Port": 8000,
        "VpcId": VPC,
        "HealthCheckProtocol": "HTTP",
        "HealthCheckPath": "/api/health",
        "HealthCheckIntervalSeconds": 30,
        "Matcher": {"HttpCode": "200-399"},
    }


def test_a_grpc_target_group_matches_grpc_codes():
    request = create_request(params(protocol_version="GRPC", health_check={**params()["health_check"], "matcher": "0"}))
    assert request["Matcher"] == {"GrpcCode": "0"}


def test_a_converged_target_group_needs_no_change():
    assert modify_request(target_group(), params()) == {}


def test_a_new_health_check_path_is_the_only_change():
    wanted = params(health_check={**params()["health_check"], "path": "/healthz"})
    assert modify_request(target_group(), wanted) == {"HealthCheckPath": "/healthz"}


def test_a_new_matcher_is_sent_whole():
    wanted = params(health_check={**params()["health_check"], "matcher": "200"})
    assert modify_request(target_group(), wanted) == {"Matcher": {"HttpCode": "200"}}


def test_unset_health_check_options_are_left_alone():
    assert modify_request(target_group(HealthCheckTimeoutSeconds=10), params(health_check=None)) == {}


def test_changing_a_fixed_setting_is_refused_with_the_way_out():
    problems = immutable_problems(target_group(), params(port=9000, target_type="instance"))
    assert len(problems) == 2
    assert "Changing port of target group shop-api-prod from 8000 to 9000 needs a new target group" in problems[1]


def test_the_deregistration_delay_is_an_attribute_compared_as_text():
    attributes = desired_attributes(params(attributes={"stickiness.enabled": False}))
    assert attributes == {"stickiness.enabled": False, "deregistration_delay.timeout_seconds": 30}
    current = {"stickiness.enabled": "false", "deregistration_delay.timeout_seconds": "300"}
    assert attribute_changes(current, attributes) == {"deregistration_delay.timeout_seconds": "30"}


def test_a_predicted_target_group_has_its_name_and_settings():
    predicted = predicted_target_group(create_request(params()))
    assert predicted["TargetGroupName"] == "shop-api-prod"
    assert predicted["HealthCheckPath"] == "/api/health"
    assert "Name" not in predicted


def test_the_diff_view_shows_the_managed_settings_attributes_and_tags():
    view = config_view(target_group(), {"deregistration_delay.timeout_seconds": "30"}, {"Environment": "prod"})
    assert view["health_check_path"] == "/api/health"
    assert view["matcher"] == {"http_code": "200-399"}
    assert view["attributes"] == {"deregistration_delay.timeout_seconds": "30"}
    assert view["tags"] == {"Environment": "prod"}
    assert "load_balancer_arns" not in view
    assert config_view(None, None, None) == {}
