"""The load balancer and target group drift filters, which let the alb role skip a module that would change nothing."""

from ansible_collections.appstack.aws.plugins.filter.elbv2_drift import (
    elbv2_load_balancer_drift,
    elbv2_target_group_drift,
)

PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
GROUP_ARN = f"{PREFIX}:targetgroup/shop-api-prod/0123456789abcdef"
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b"
TAGS = {"Environment": "prod", "Name": "shop-prod"}


def balancer_read(**changes):
    """A load balancer as elbv2_load_balancer_info returns it."""
    read = {
        "load_balancer_name": "shop-prod",
        "load_balancer_arn": f"{PREFIX}:loadbalancer/app/shop-prod/0123456789abcdef",
        "scheme": "internet-facing",
        "security_groups": ["sg-1"],
        "availability_zones": [{"zone_name": "us-east-1a", "subnet_id": "subnet-1"}, {"subnet_id": "subnet-2"}],
        "attributes": {
            "deletion_protection.enabled": "true",
            "routing.http.drop_invalid_header_fields.enabled": "true",
            "idle_timeout.timeout_seconds": "60",
            "access_logs.s3.enabled": "false",
        },
        "listeners": [
            {
                "listener_arn": f"{PREFIX}:listener/app/shop-prod/0123456789abcdef/80",
                "port": 80,
                "protocol": "HTTP",
                "default_actions": [
                    {
                        "type": "redirect",
                        "redirect_config": {
                            "protocol": "HTTPS",
                            "port": "443",
                            "host": "#{host}",
                            "path": "/#{path}",
                            "query": "#{query}",
                            "status_code": "HTTP_301",
                        },
                    }
                ],
            },
            {
                "listener_arn": f"{PREFIX}:listener/app/shop-prod/0123456789abcdef/443",
                "port": 443,
                "protocol": "HTTPS",
                "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "certificates": [{"certificate_arn": CERTIFICATE}],
                "default_actions": [
                    {
                        "type": "forward",
                        "target_group_arn": GROUP_ARN,
                        "forward_config": {"target_groups": [{"target_group_arn": GROUP_ARN, "weight": 1}]},
                    }
                ],
            },
        ],
        "tags": TAGS,
    }
    read.update(changes)
    return read


def balancer_wanted(**changes):
    """The options the alb role gives appstack.aws.elbv2_load_balancer (numbers and booleans as templated)."""
    wanted = {
        "name": "shop-prod",
        "scheme": "internet-facing",
        "subnets": ["subnet-2", "subnet-1"],
        "security_groups": ["sg-1"],
        "drop_invalid_header_fields": True,
        "deletion_protection": "true",
        "idle_timeout": "60",
        "access_logs": {"enabled": False, "bucket": None, "prefix": None},
        "listeners": [
            {
                "protocol": "HTTP",
                "port": 80,
                "default_action": {
                    "type": "redirect",
                    "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"},
                },
            },
            {
                "protocol": "HTTPS",
                "port": "443",
                "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "certificate_arn": CERTIFICATE,
                "default_action": {"type": "forward", "target_group_name": "shop-api-prod"},
            },
        ],
        "purge_listeners": True,
        "tags": TAGS,
        "purge_tags": True,
        "state": "present",
        "wait": False,
    }
    wanted.update(changes)
    return wanted


def test_a_converged_load_balancer_has_no_drift():
    assert elbv2_load_balancer_drift([balancer_read()], balancer_wanted()) == []


def test_a_missing_load_balancer_is_to_create():
    assert elbv2_load_balancer_drift([], balancer_wanted()) == ["load balancer shop-prod: to create"]


def test_an_attribute_listener_and_tag_that_differ_are_each_named():
    wanted = balancer_wanted(deletion_protection=False, tags={**TAGS, "Owner": "ops"})
    wanted["listeners"][1] = {**wanted["listeners"][1], "ssl_policy": "ELBSecurityPolicy-2016-08"}

    assert elbv2_load_balancer_drift([balancer_read()], wanted) == [
        "load balancer shop-prod: attribute deletion_protection.enabled to set to false",
        "load balancer shop-prod: listener 443 to modify",
        "load balancer shop-prod: tags to set ['Owner'], to remove []",
    ]


def test_a_listener_the_options_leave_out_is_to_delete():
    wanted = balancer_wanted()
    wanted["listeners"] = wanted["listeners"][1:]

    (difference,) = elbv2_load_balancer_drift([balancer_read()], wanted)
    assert difference.startswith("load balancer shop-prod: listener arn:") and difference.endswith("/80 to delete")


def group_read(**changes):
    read = {
        "target_group_name": "shop-api-prod",
        "target_group_arn": GROUP_ARN,
        "target_type": "ip",
        "protocol": "HTTP",
        "port": 8000,
        "vpc_id": "vpc-1",
        "health_check_path": "/api/health",
        "health_check_interval_seconds": 30,
        "matcher": {"http_code": "200-399"},
        "attributes": {"deregistration_delay.timeout_seconds": "30", "stickiness.enabled": "false"},
        "tags": {"Name": "shop-api-prod"},
    }
    read.update(changes)
    return read


def group_wanted(**changes):
    wanted = {
        "name": "shop-api-prod",
        "target_type": "ip",
        "protocol": "HTTP",
        "port": "8000",
        "vpc_id": "vpc-1",
        "health_check": {"path": "/api/health", "interval_seconds": "30", "matcher": "200-399"},
        "deregistration_delay_timeout": "30",
        "tags": {"Name": "shop-api-prod"},
        "purge_tags": True,
        "state": "present",
    }
    wanted.update(changes)
    return wanted


def test_a_converged_target_group_has_no_drift():
    assert elbv2_target_group_drift([group_read()], group_wanted()) == []


def test_a_health_check_and_delay_that_differ_are_named():
    wanted = group_wanted(deregistration_delay_timeout=20)
    wanted["health_check"] = {**wanted["health_check"], "interval_seconds": 15}

    assert elbv2_target_group_drift([group_read()], wanted) == [
        "target group shop-api-prod: HealthCheckIntervalSeconds to change",
        "target group shop-api-prod: attribute deregistration_delay.timeout_seconds to set to 20",
    ]


def test_a_port_aws_cannot_change_is_a_difference_so_that_the_module_says_so():
    (difference, *_) = elbv2_target_group_drift([group_read(port=80)], group_wanted())
    assert "Changing port of target group shop-api-prod from 80 to 8000 needs a new target group" in difference


def test_absent_drifts_only_while_the_target_group_exists():
    assert elbv2_target_group_drift([group_read()], {"name": "shop-api-prod", "state": "absent"}) == [
        "target group shop-api-prod: to delete"
    ]
    assert elbv2_target_group_drift([], {"name": "shop-api-prod", "state": "absent"}) == []
