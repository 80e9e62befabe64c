"""Unit tests for appstack.aws.elbv2_load_balancer and its _info twin (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import elbv2_load_balancer as module
from ansible_collections.appstack.aws.plugins.modules import elbv2_load_balancer_info as info_module

NAME = "shop-prod"
ARN = f"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/{NAME}/0123456789abcdef"
TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api-prod/0123456789abcdef"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0123-4567-89ab-0123456789ab"
POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
LISTENER_80 = f"{ARN.replace(':loadbalancer/', ':listener/')}/80"
LISTENER_443 = f"{ARN.replace(':loadbalancer/', ':listener/')}/443"
ATTRIBUTES = {
    "deletion_protection.enabled": "true",
    "routing.http.drop_invalid_header_fields.enabled": "true",
    "idle_timeout.timeout_seconds": "60",
}
REDIRECT = {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}


def args(policy=POLICY, **overrides):
    values = {
        "name": NAME,
        "scheme": "internet-facing",
        "subnets": ["subnet-a", "subnet-b"],
        "security_groups": ["sg-alb"],
        "deletion_protection": True,
        "drop_invalid_header_fields": True,
        "listeners": [
            {"protocol": "HTTP", "port": 80, "default_action": {"type": "redirect", "redirect": REDIRECT}},
            {
                "protocol": "HTTPS",
                "port": 443,
                "ssl_policy": policy,
                "certificate_arn": CERT,
                "default_action": {"type": "forward", "target_group_arn": TG_ARN},
            },
        ],
        "tags": {"Environment": "prod"},
    }
    values.update(overrides)
    return values


def load_balancer(state="active"):
    return {
        "LoadBalancerArn": ARN,
        "LoadBalancerName": NAME,
        "DNSName": f"{NAME}-1.us-east-1.elb.amazonaws.com",
        "CanonicalHostedZoneId": "Z35SXDOTRQ7X7K",
        "Scheme": "internet-facing",
        "Type": "application",
        "State": {"Code": state},
        "VpcId": "vpc-1",
        "SecurityGroups": ["sg-alb"],
        "AvailabilityZones": [
            {"ZoneName": "us-east-1a", "SubnetId": "subnet-a"},
            {"ZoneName": "us-east-1b", "SubnetId": "subnet-b"},
        ],
    }


def listeners(policy=POLICY):
    return [
        {
            "ListenerArn": LISTENER_80,
            "LoadBalancerArn": ARN,
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
        {
            "ListenerArn": LISTENER_443,
            "LoadBalancerArn": ARN,
            "Port": 443,
            "Protocol": "HTTPS",
            "SslPolicy": policy,
            "Certificates": [{"CertificateArn": CERT}],
            "DefaultActions": [
                {
                    "Type": "forward",
                    "TargetGroupArn": TG_ARN,
                    "Order": 1,
                    "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": TG_ARN, "Weight": 1}]},
                }
            ],
        },
    ]


def expect_describe(stubber, found=None):
    if found is None:
        stubber.add_client_error("describe_load_balancers", "LoadBalancerNotFound", expected_params={"Names": [NAME]})
    else:
        stubber.add_response("describe_load_balancers", {"LoadBalancers": [found]}, {"Names": [NAME]})


def expect_reads(stubber, policy=POLICY):
    stubber.add_response(
        "describe_load_balancer_attributes",
        {"Attributes": [{"Key": key, "Value": value} for key, value in ATTRIBUTES.items()]},
        {"LoadBalancerArn": ARN},
    )
    stubber.add_response("describe_listeners", {"Listeners": listeners(policy)}, {"LoadBalancerArn": ARN})
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": ARN, "Tags": [{"Key": "Environment", "Value": "prod"}]}]},
        {"ResourceArns": [ARN]},
    )


def test_invalid_options_fail_before_any_client(run_module):
    code, result = run_module(module, args(subnets=["subnet-a"], idle_timeout=0), None)

    assert code == 1
    assert len(result["problems"]) == 2


def test_check_mode_on_a_missing_load_balancer_predicts_it_with_its_listeners(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber)

    code, result = run_module(module, {**args(), "_ansible_check_mode": True, "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    predicted = result["load_balancer"]
    assert predicted["state"] == {"code": "provisioning"}
    assert [listener["port"] for listener in predicted["listeners"]] == [80, 443]
    assert predicted["attributes"]["routing.http.drop_invalid_header_fields.enabled"] == "true"
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["listeners"][1]["ssl_policy"] == POLICY


def test_create_sends_the_load_balancer_its_attributes_and_listeners_then_waits(run_module, elbv2, monkeypatch):
    client, stubber = elbv2
    monkeypatch.setattr(module, "wait_for_active", lambda *a: None)
    expect_describe(stubber)
    stubber.add_response(
        "create_load_balancer",
        {"LoadBalancers": [load_balancer("provisioning")]},
        {
            "Name": NAME,
            "Type": "application",
            "Subnets": ["subnet-a", "subnet-b"],
            "Scheme": "internet-facing",
            "SecurityGroups": ["sg-alb"],
            "Tags": [{"Key": "Environment", "Value": "prod"}],
        },
    )
    stubber.add_response(
        "modify_load_balancer_attributes",
        {"Attributes": [{"Key": key, "Value": value} for key, value in ATTRIBUTES.items()]},
        {
            "LoadBalancerArn": ARN,
            "Attributes": [
                {"Key": "deletion_protection.enabled", "Value": "true"},
                {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
            ],
        },
    )
    stubber.add_response(
        "create_listener",
        {"Listeners": [listeners()[0]]},
        {
            "LoadBalancerArn": ARN,
            "Protocol": "HTTP",
            "Port": 80,
            "DefaultActions": [
                {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
            ],
        },
    )
    stubber.add_response(
        "create_listener",
        {"Listeners": [listeners()[1]]},
        {
            "LoadBalancerArn": ARN,
            "Protocol": "HTTPS",
            "Port": 443,
            "SslPolicy": POLICY,
            "Certificates": [{"CertificateArn": CERT}],
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": TG_ARN}],
        },
    )
    stubber.add_response("describe_listeners", {"Listeners": listeners()}, {"LoadBalancerArn": ARN})
    expect_describe(stubber, load_balancer())

    code, result = run_module(module, {**args(), "wait": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["load_balancer"]["state"] == {"code": "active"}
    assert result["load_balancer"]["dns_name"] == f"{NAME}-1.us-east-1.elb.amazonaws.com"
    assert [listener["listener_arn"] for listener in result["load_balancer"]["listeners"]] == [
        LISTENER_80,
        LISTENER_443,
    ]


def test_a_converged_load_balancer_costs_four_reads_and_reports_no_change(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())
    expect_reads(stubber)

    code, result = run_module(module, {**args(), "wait": True}, client)

    assert code == 0, result
    assert result["changed"] is False
    assert "diff" not in result


def test_a_new_ssl_policy_is_predicted_then_modifies_the_listener_alone(run_module, elbv2):
    client, stubber = elbv2
    new_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
    expect_describe(stubber, load_balancer())
    expect_reads(stubber)

    code, result = run_module(
        module, {**args(policy=new_policy), "_ansible_check_mode": True, "_ansible_diff": True}, client
    )

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["listeners"][1]["ssl_policy"] == POLICY
    assert result["diff"]["after"]["listeners"][1]["ssl_policy"] == new_policy

    expect_describe(stubber, load_balancer())
    expect_reads(stubber)
    stubber.add_response(
        "modify_listener",
        {"Listeners": [listeners(new_policy)[1]]},
        {
            "ListenerArn": LISTENER_443,
            "Protocol": "HTTPS",
            "Port": 443,
            "SslPolicy": new_policy,
            "Certificates": [{"CertificateArn": CERT}],
            "DefaultActions": [{"Type": "forward", "TargetGroupArn": TG_ARN}],
        },
    )
    stubber.add_response("describe_listeners", {"Listeners": listeners(new_policy)}, {"LoadBalancerArn": ARN})

    code, result = run_module(module, args(policy=new_policy), client)

    assert code == 0, result
    assert result["changed"] is True


def test_changing_the_scheme_fails_before_any_write(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())

    code, result = run_module(module, args(scheme="internal"), client)

    assert code == 1
    assert "needs a new load balancer" in result["msg"]


def test_absent_deletes_the_load_balancer(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())
    stubber.add_response("delete_load_balancer", {}, {"LoadBalancerArn": ARN})

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is True


def test_deleting_a_protected_load_balancer_reports_the_aws_error(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())
    stubber.add_client_error(
        "delete_load_balancer",
        "OperationNotPermitted",
        "Load balancer is protected from deletion",
        expected_params={"LoadBalancerArn": ARN},
    )

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 1
    assert "delete load balancer" in result["msg"]


def test_info_reads_the_load_balancer_with_attributes_listeners_and_tags(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": ARN, "Tags": [{"Key": "Environment", "Value": "prod"}]}]},
        {"ResourceArns": [ARN]},
    )
    stubber.add_response(
        "describe_load_balancer_attributes",
        {"Attributes": [{"Key": key, "Value": value} for key, value in ATTRIBUTES.items()]},
        {"LoadBalancerArn": ARN},
    )
    stubber.add_response("describe_listeners", {"Listeners": listeners()}, {"LoadBalancerArn": ARN})

    code, result = run_module(info_module, {"names": [NAME]}, client)

    assert code == 0, result
    found = result["load_balancers"][0]
    assert found["tags"] == {"Environment": "prod"}
    assert found["attributes"] == ATTRIBUTES
    assert found["listeners"][1]["ssl_policy"] == POLICY


def test_a_listener_forwarding_to_a_missing_target_group_name_fails_naming_it(run_module, elbv2):
    client, stubber = elbv2
    expect_describe(stubber, load_balancer())
    stubber.add_response("describe_listeners", {"Listeners": []}, {"LoadBalancerArn": ARN})
    stubber.add_client_error("describe_target_groups", "TargetGroupNotFound", expected_params={"Names": ["gone"]})
    listener = {"protocol": "HTTP", "port": 8080, "default_action": {"type": "forward", "target_group_name": "gone"}}

    code, result = run_module(module, {"name": NAME, "listeners": [listener]}, client)

    assert code == 1
    assert "No target group named gone: create it first" in result["msg"]
