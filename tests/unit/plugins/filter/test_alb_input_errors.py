"""The alb role's input checks, which run before any AWS call, and its refusals of what AWS cannot change."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.alb_input_errors import alb_immutable_errors, alb_input_errors
from ansible_collections.appstack.aws.plugins.filter.backend_input_errors import shared_input_names

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-000000000001"
ALB = {
    "alb_name": "smartscheduler-prod",
    "alb_target_group_name": "smartscheduler-api-prod",
    "alb_alternate_target_group_name": "smartscheduler-api-prod-alt",
    "alb_container_port": 8080,
    "alb_test_listener_port": 8443,
    "alb_health_check_path": "/api/health",
    "alb_health_check_interval": 30,
    "alb_health_check_timeout": 5,
    "alb_health_check_healthy_threshold": 2,
    "alb_health_check_unhealthy_threshold": 3,
    "alb_health_check_matcher": "200-399",
    "alb_deregistration_delay": 30,
    "alb_idle_timeout": 60,
    "alb_http_only": False,
    "alb_https_required": True,
    "alb_certificate_arn": CERTIFICATE,
    "alb_domain_name": "",
    "alb_ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "alb_access_logs": True,
    "alb_access_logs_bucket": "smartscheduler-frontend-prod-logs",
    "alb_deployment_strategy": "rolling",
    "alb_waf_web_acl_arn": "",
}


def errors(**changes):
    return alb_input_errors({**ALB, **changes})


def test_the_prod_input_is_valid():
    assert errors() == []


def test_blue_green_with_a_domain_instead_of_a_certificate_is_valid():
    assert errors(alb_deployment_strategy="blue_green", alb_certificate_arn="", alb_domain_name="api.example.com") == []


def test_http_only_outside_prod_is_valid_without_a_certificate():
    assert errors(alb_http_only=True, alb_https_required=False, alb_certificate_arn="") == []


def test_http_only_where_https_is_required_is_refused_naming_both_variables():
    (message,) = errors(alb_http_only=True, alb_certificate_arn="")
    assert message.startswith("alb_http_only must be false where alb_https_required is true")


def test_https_without_certificate_nor_domain_names_the_three_ways_out():
    (message,) = errors(alb_certificate_arn="")
    assert "alb_certificate_arn" in message and "alb_domain_name" in message and "alb_http_only: true" in message


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("alb_name", "a" * 33),
        ("alb_name", "-prod"),
        ("alb_name", "internal-prod"),
        ("alb_target_group_name", "api_prod"),
    ],
)
def test_names_elastic_load_balancing_refuses(variable, value):
    (message,) = errors(**{variable: value})
    assert message.startswith(f"{variable} must be 1 to 32 letters, digits and hyphens")


def test_the_alternate_target_group_is_checked_only_with_blue_green():
    assert errors(alb_alternate_target_group_name="x" * 40) == []
    (message,) = errors(alb_deployment_strategy="blue_green", alb_alternate_target_group_name="x" * 40)
    assert message.startswith("alb_alternate_target_group_name must be 1 to 32")


def test_the_alternate_target_group_must_differ_from_the_primary():
    (message,) = errors(alb_deployment_strategy="blue_green", alb_alternate_target_group_name="smartscheduler-api-prod")
    assert message == "alb_alternate_target_group_name must differ from alb_target_group_name."


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("alb_container_port", 0, "from 1 to 65535"),
        ("alb_container_port", 70000, "from 1 to 65535"),
        ("alb_health_check_interval", 301, "from 5 to 300"),
        ("alb_health_check_healthy_threshold", 11, "from 2 to 10"),
        ("alb_health_check_unhealthy_threshold", 1, "from 2 to 10"),
        ("alb_deregistration_delay", 3601, "from 0 to 3600"),
        ("alb_idle_timeout", 0, "from 1 to 4000"),
        ("alb_container_port", "eighty", "from 1 to 65535"),
    ],
)
def test_numbers_out_of_range_name_the_variable_and_the_range(variable, value, allowed):
    (message,) = errors(**{variable: value})
    assert message.startswith(f"{variable} must be a whole number {allowed}")


def test_a_port_given_as_an_extra_var_string_is_accepted():
    assert errors(alb_container_port="8080") == []


def test_the_timeout_must_be_shorter_than_the_interval():
    (message,) = errors(alb_health_check_timeout=30)
    assert message.startswith("alb_health_check_timeout must be less than alb_health_check_interval (30)")


def test_a_health_path_without_a_leading_slash_is_refused():
    (message,) = errors(alb_health_check_path="api/health")
    assert message.startswith("alb_health_check_path must start with '/'")


def test_a_matcher_that_is_not_http_codes_is_refused():
    (message,) = errors(alb_health_check_matcher="ok")
    assert message.startswith("alb_health_check_matcher must be HTTP codes")


def test_certificate_and_web_acl_arns_are_checked():
    result = errors(
        alb_certificate_arn="arn:aws:iam::123456789012:server-certificate/x",
        alb_waf_web_acl_arn="arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b",
    )
    assert [message.split(" ")[0] for message in result] == ["alb_certificate_arn", "alb_waf_web_acl_arn"]


def test_an_ssl_policy_that_is_not_an_elb_policy_is_refused():
    (message,) = errors(alb_ssl_policy="TLSv1.2_2021")
    assert message.startswith("alb_ssl_policy must name an ELB security policy")


def test_access_logs_need_a_bucket():
    (message,) = errors(alb_access_logs_bucket="")
    assert message.startswith("alb_access_logs true needs alb_access_logs_bucket")


def test_an_unknown_strategy_is_refused():
    (message,) = errors(alb_deployment_strategy="canary")
    assert message == "alb_deployment_strategy must be one of rolling, blue_green; got 'canary'."


def test_the_test_listener_must_not_take_a_serving_port():
    (message,) = errors(alb_deployment_strategy="blue_green", alb_test_listener_port=443)
    assert message.startswith("alb_test_listener_port must differ from the serving ports 80, 443")


def test_a_message_names_the_shared_input_the_inventory_set():
    messages = errors(alb_container_port=0, alb_health_check_path="health")
    shared = {
        "alb_container_port": ["appstack_backend_port", 0],
        "alb_health_check_path": ["appstack_backend_health_check_path", "/health"],
    }
    renamed = shared_input_names(messages, {**ALB, "alb_container_port": 0, "alb_health_check_path": "health"}, shared)
    assert renamed[0].startswith("appstack_backend_port must be a whole number")
    assert renamed[1].startswith("alb_health_check_path must start with '/'")


def test_a_missing_input_is_a_programming_error():
    inputs = dict(ALB)
    del inputs["alb_name"]
    with pytest.raises(AnsibleFilterError, match="lacks alb_name"):
        alb_input_errors(inputs)


WANTED = {"scheme": "internet-facing", "port": "8080", "vpc_id": "vpc-1"}


def target_group(**changes):
    return {
        "target_group_name": "smartscheduler-api-prod",
        "target_type": "ip",
        "protocol": "HTTP",
        "port": 8080,
        "vpc_id": "vpc-1",
        **changes,
    }


def test_what_exists_and_matches_needs_no_replacement():
    balancers = [{"load_balancer_name": "smartscheduler-prod", "scheme": "internet-facing"}]
    assert alb_immutable_errors(balancers, [target_group()], WANTED) == []
    assert alb_immutable_errors([], [], WANTED) == []


def test_an_internal_load_balancer_must_be_replaced():
    (message,) = alb_immutable_errors([{"load_balancer_name": "x", "scheme": "internal"}], [], WANTED)
    assert "AWS cannot change a load balancer's scheme" in message and "alb_name" in message


@pytest.mark.parametrize(
    ("changes", "label"),
    [
        ({"port": 80}, "port"),
        ({"target_type": "instance"}, "target type"),
        ({"protocol": "HTTPS"}, "protocol"),
        ({"vpc_id": "vpc-2"}, "VPC"),
    ],
)
def test_a_target_group_setting_aws_cannot_change_is_refused_with_the_way_out(changes, label):
    (message,) = alb_immutable_errors([], [target_group(**changes)], WANTED)
    assert f"AWS cannot change a target group's {label}" in message
    assert "alb_target_group_name" in message


def test_the_vpc_is_not_compared_before_the_network_exists():
    assert alb_immutable_errors([], [target_group(vpc_id="vpc-2")], {**WANTED, "vpc_id": ""}) == []
