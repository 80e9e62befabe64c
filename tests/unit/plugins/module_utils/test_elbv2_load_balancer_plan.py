"""Unit tests for the planning of appstack.aws.elbv2_load_balancer (pure functions, no botocore)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_load_balancer_plan import (
    canonical_action,
    config_view,
    create_request,
    creation_problems,
    desired_attributes,
    immutable_problems,
    listener_plan,
    listener_to_api,
    predicted_listeners,
    predicted_load_balancer,
    resolve_target_groups,
    target_group_names,
    update_requests,
    validate,
)

LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-prod/0123"
TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abcd"
POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def redirect_listener():
    return {
        "protocol": "HTTP",
        "port": 80,
        "ssl_policy": None,
        "certificate_arn": None,
        "default_action": {
            "type": "redirect",
            "target_group_arn": None,
            "redirect": {
                "protocol": "HTTPS",
                "port": "443",
                "host": None,
                "path": None,
                "query": None,
                "status_code": "HTTP_301",
            },
            "fixed_response": None,
        },
    }


def https_listener(**overrides):
    values = {
        "protocol": "HTTPS",
        "port": 443,
        "ssl_policy": POLICY,
        "certificate_arn": CERT,
        "default_action": {"type": "forward", "target_group_arn": TG_ARN, "redirect": None, "fixed_response": None},
    }
    values.update(overrides)
    return values


def params(**overrides):
    values = {
        "name": "shop-prod",
        "state": "present",
        "scheme": "internet-facing",
        "subnets": ["subnet-a", "subnet-b"],
        "security_groups": ["sg-alb"],
        "deletion_protection": True,
        "drop_invalid_header_fields": True,
        "idle_timeout": None,
        "access_logs": {"enabled": True, "bucket": "shop-prod-logs", "prefix": "alb"},
        "attributes": None,
        "listeners": [redirect_listener(), https_listener()],
        "purge_listeners": True,
        "tags": {"Environment": "prod"},
        "purge_tags": True,
        "wait": False,
        "wait_timeout": 600,
    }
    values.update(overrides)
    return values


def load_balancer(**overrides):
    values = {
        "LoadBalancerArn": LB_ARN,
        "LoadBalancerName": "shop-prod",
        "DNSName": "shop-prod-1.us-east-1.elb.amazonaws.com",
        "Scheme": "internet-facing",
        "Type": "application",
        "State": {"Code": "active"},
        "SecurityGroups": ["sg-alb"],
        "AvailabilityZones": [
            {"ZoneName": "us-east-1b", "SubnetId": "subnet-b"},
            {"ZoneName": "us-east-1a", "SubnetId": "subnet-a"},
        ],
    }
    values.update(overrides)
    return values


def aws_listeners():
    """The listeners as AWS reports them: a filled-in redirect and a forward with its ForwardConfig."""
    return [
        {
            "ListenerArn": "listener/443",
            "Port": 443,
            "Protocol": "HTTPS",
            "SslPolicy": POLICY,
            "Certificates": [{"CertificateArn": CERT}],
            "DefaultActions": [
                {
                    "Type": "forward",
                    "TargetGroupArn": TG_ARN,
                    "Order": 1,
                    "ForwardConfig": {
                        "TargetGroups": [{"TargetGroupArn": TG_ARN, "Weight": 1}],
                        "TargetGroupStickinessConfig": {"Enabled": False},
                    },
                }
            ],
        },
        {
            "ListenerArn": "listener/80",
            "Port": 80,
            "Protocol": "HTTP",
            "DefaultActions": [
                {
                    "Type": "redirect",
                    "Order": 1,
                    "RedirectConfig": {
                        "Protocol": "HTTPS",
                        "Port": "443",
                        "Host": "#{host}",
                        "Path": "/#{path}",
                        "Query": "#{query}",
                        "StatusCode": "HTTP_301",
                    },
                }
            ],
        },
    ]


def wanted():
    return [listener_to_api(listener) for listener in params()["listeners"]]


def test_valid_options_have_no_problem():
    assert validate(params()) == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"name": "internal-shop"}, "name must be 1 to 32 letters"),
        ({"subnets": ["subnet-a"]}, "subnets must name at least two subnets"),
        ({"idle_timeout": 0}, "idle_timeout must be between 1 and 4000, not 0."),
        ({"access_logs": {"enabled": True, "bucket": None, "prefix": None}}, "access_logs.enabled=true needs"),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0"),
        ({"listeners": [https_listener(certificate_arn=None)]}, "listeners[0].protocol=HTTPS needs"),
        ({"listeners": [https_listener(), https_listener()]}, "listeners must have one port each; repeated: 443."),
        ({"listeners": [https_listener(port=0)]}, "listeners[0].port must be between 1 and 65535"),
    ],
)
def test_each_invalid_option_is_named(overrides, expected):
    assert expected in " ".join(validate(params(**overrides)))


def test_an_action_without_its_settings_is_refused():
    listener = https_listener(default_action={"type": "forward", "target_group_arn": None})
    assert validate(params(listeners=[listener])) == [
        "listeners[0].default_action.type=forward needs one of listeners[0].default_action.target_group_arn and"
        " listeners[0].default_action.target_group_name."
    ]


def test_an_http_listener_takes_no_certificate():
    listener = {**redirect_listener(), "certificate_arn": CERT}
    assert "apply to protocol=HTTPS only" in " ".join(validate(params(listeners=[listener])))


def test_creating_needs_subnets():
    assert creation_problems(params(subnets=None)) == ["Creating load balancer shop-prod needs subnets."]


def test_changing_the_scheme_is_refused_with_the_way_out():
    problems = immutable_problems(load_balancer(), params(scheme="internal"))
    assert "needs a new load balancer" in problems[0]
    assert immutable_problems(load_balancer(), params(scheme=None)) == []


def test_the_create_request_is_an_application_load_balancer():
    assert create_request(params()) == {
        "Name": "shop-prod",
        "Type": "application",
        "Subnets": ["subnet-a", "subnet-b"],
        "Scheme": "internet-facing",
        "SecurityGroups": ["sg-alb"],
    }


def test_the_attribute_options_map_to_aws_keys():
    assert desired_attributes(params()) == {
        "deletion_protection.enabled": True,
        "routing.http.drop_invalid_header_fields.enabled": True,
        "access_logs.s3.enabled": True,
        "access_logs.s3.bucket": "shop-prod-logs",
        "access_logs.s3.prefix": "alb",
    }


def test_subnets_and_security_groups_are_compared_as_sets():
    assert update_requests(load_balancer(), params(subnets=["subnet-b", "subnet-a"])) == {}
    assert update_requests(load_balancer(), params(subnets=["subnet-a", "subnet-c"], security_groups=["sg-2"])) == {
        "Subnets": ["subnet-a", "subnet-c"],
        "SecurityGroups": ["sg-2"],
    }


def test_the_listeners_as_aws_fills_them_in_need_no_change():
    assert listener_plan(aws_listeners(), wanted(), True) == ([], [], [])


def test_a_forward_equals_its_forward_config():
    aws = {"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": TG_ARN, "Weight": 1}]}}
    assert canonical_action(aws) == canonical_action({"Type": "forward", "TargetGroupArn": TG_ARN})


def test_a_new_ssl_policy_modifies_the_listener_in_place():
    wanted_listeners = [
        listener_to_api(redirect_listener()),
        listener_to_api(https_listener(ssl_policy="ELBSecurityPolicy-TLS13-1-3-2021-06")),
    ]
    to_create, to_modify, to_delete = listener_plan(aws_listeners(), wanted_listeners, True)
    assert (to_create, to_delete) == ([], [])
    assert [(arn, request["SslPolicy"]) for arn, request in to_modify] == [
        ("listener/443", "ELBSecurityPolicy-TLS13-1-3-2021-06")
    ]


def test_an_unset_ssl_policy_keeps_the_listeners():
    wanted_listeners = [listener_to_api(redirect_listener()), listener_to_api(https_listener(ssl_policy=None))]
    assert listener_plan(aws_listeners(), wanted_listeners, True) == ([], [], [])


def test_a_missing_listener_is_created_and_an_extra_one_purged_or_kept():
    only_https = [listener_to_api(https_listener())]
    assert listener_plan(aws_listeners(), only_https, True) == ([], [], ["listener/80"])
    assert listener_plan(aws_listeners(), only_https, False) == ([], [], [])
    assert listener_plan([], only_https, True) == (only_https, [], [])


def test_predicted_listeners_follow_the_plan_sorted_by_port():
    predicted = predicted_listeners(aws_listeners()[:1], wanted(), True)
    assert [listener["Port"] for listener in predicted] == [80, 443]
    assert predicted[1]["ListenerArn"] == "listener/443"


def test_a_predicted_load_balancer_is_provisioning():
    predicted = predicted_load_balancer(create_request(params()))
    assert predicted["State"] == {"Code": "provisioning"}
    assert predicted["AvailabilityZones"] == [{"SubnetId": "subnet-a"}, {"SubnetId": "subnet-b"}]


def test_the_diff_view_is_the_same_for_aws_and_for_the_options():
    aws_view = config_view(load_balancer(), None, aws_listeners(), {"Environment": "prod"})
    predicted = config_view(load_balancer(), None, predicted_listeners([], wanted(), True), {"Environment": "prod"})
    assert aws_view == predicted
    assert aws_view["subnets"] == ["subnet-a", "subnet-b"]
    assert aws_view["listeners"][0]["default_actions"][0]["redirect_config"]["status_code"] == "HTTP_301"
    assert config_view(None, None, None, None) == {}


def test_a_forward_by_name_equals_the_arn_aws_reports():
    by_name = https_listener(
        default_action={"type": "forward", "target_group_arn": None, "target_group_name": "shop-api-prod"}
    )
    wanted_listeners = [listener_to_api(redirect_listener()), listener_to_api(by_name)]
    assert listener_plan(aws_listeners(), wanted_listeners, True) == ([], [], [])
    assert target_group_names(wanted_listeners) == ["shop-api-prod"]


def test_a_target_group_name_is_resolved_before_it_is_sent():
    by_name = https_listener(
        default_action={"type": "forward", "target_group_arn": None, "target_group_name": "shop-api-prod"}
    )
    request = resolve_target_groups(listener_to_api(by_name), {"shop-api-prod": TG_ARN})
    assert request["DefaultActions"] == [{"Type": "forward", "TargetGroupArn": TG_ARN}]
