"""Application load balancers: every attribute with its AWS default, a provisioning state that lasts, rule
priorities swapped in one call, WAF associations.

The attribute, provisioning, listener policy, rule priority and web ACL tests fail on stock moto 5.2.5 (see
``emulator/fixes/elbv2_load_balancers.py``, ``elbv2_rule_priorities.py`` and ``wafv2_web_acl_resources.py``);
the listener test pins a round trip the modules rely on.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60


def network(emulator: EmulatorClient) -> dict:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{index}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for index, zone in enumerate("ab")
    ]
    group = ec2.create_security_group(GroupName="alb", Description="alb", VpcId=vpc_id)["GroupId"]
    return {"vpc_id": vpc_id, "subnets": subnets, "group": group}


def create_load_balancer(emulator: EmulatorClient, net: dict) -> str:
    return emulator.client("elbv2").create_load_balancer(
        Name="app-dev", Subnets=net["subnets"], SecurityGroups=[net["group"]], Type="application"
    )["LoadBalancers"][0]["LoadBalancerArn"]


def attributes(emulator: EmulatorClient, arn: str) -> dict:
    answer = emulator.client("elbv2").describe_load_balancer_attributes(LoadBalancerArn=arn)
    return {item["Key"]: item["Value"] for item in answer["Attributes"]}


def test_a_new_application_load_balancer_reports_every_attribute_default(emulator: EmulatorClient) -> None:
    """AWS DescribeLoadBalancerAttributes returns every attribute of the type, defaults included.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html
    """
    arn = create_load_balancer(emulator, network(emulator))

    found = attributes(emulator, arn)
    assert found["access_logs.s3.enabled"] == "false"
    assert found["idle_timeout.timeout_seconds"] == "60"
    assert found["routing.http.drop_invalid_header_fields.enabled"] == "false"
    assert found["routing.http2.enabled"] == "true"
    assert found["load_balancing.cross_zone.enabled"] == "true"
    assert found["deletion_protection.enabled"] == "false"


def test_modified_attributes_keep_the_other_defaults(emulator: EmulatorClient) -> None:
    arn = create_load_balancer(emulator, network(emulator))
    emulator.client("elbv2").modify_load_balancer_attributes(
        LoadBalancerArn=arn, Attributes=[{"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}]
    )

    found = attributes(emulator, arn)
    assert found["routing.http.drop_invalid_header_fields.enabled"] == "true"
    assert found["idle_timeout.timeout_seconds"] == "60"


def test_a_load_balancer_stays_provisioning_for_the_delay(emulator: EmulatorClient) -> None:
    """AWS LoadBalancerState: provisioning, then active.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html
    """
    emulator.configure(provisioning_delays={"load_balancer": DELAY})
    arn = create_load_balancer(emulator, network(emulator))
    elbv2 = emulator.client("elbv2")

    def state() -> str:
        return elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]["State"]["Code"]

    assert state() == "provisioning"
    assert state() == "provisioning"
    emulator.advance_clock(DELAY)
    assert state() == "active"


def test_without_a_delay_a_load_balancer_is_active_at_the_first_describe(emulator: EmulatorClient) -> None:
    arn = create_load_balancer(emulator, network(emulator))

    found = emulator.client("elbv2").describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]
    assert found["State"]["Code"] == "active"


def test_a_redirect_listener_and_its_ssl_policy_read_back_as_given(emulator: EmulatorClient) -> None:
    """AWS CreateListener keeps DefaultActions (RedirectConfig StatusCode HTTP_301) and the SslPolicy.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RedirectActionConfig.html
    """
    arn = create_load_balancer(emulator, network(emulator))
    elbv2 = emulator.client("elbv2")
    certificate = emulator.client("acm").request_certificate(DomainName="api.example.com")["CertificateArn"]
    redirect = {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}
    elbv2.create_listener(
        LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "redirect", "RedirectConfig": redirect}]
    )
    elbv2.create_listener(
        LoadBalancerArn=arn,
        Protocol="HTTPS",
        Port=443,
        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        Certificates=[{"CertificateArn": certificate}],
        DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}],
    )

    listeners = {item["Port"]: item for item in elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]}
    action = listeners[80]["DefaultActions"][0]
    assert action["Type"] == "redirect"
    assert action["RedirectConfig"]["StatusCode"] == "HTTP_301"
    assert action["RedirectConfig"]["Protocol"] == "HTTPS"
    assert listeners[443]["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert listeners[443]["Certificates"] == [{"CertificateArn": certificate}]


def web_acl(emulator: EmulatorClient, name: str) -> str:
    return emulator.client("wafv2").create_web_acl(
        Name=name,
        Scope="REGIONAL",
        DefaultAction={"Allow": {}},
        VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": name},
        Rules=[],
    )["Summary"]["ARN"]


def test_a_web_acl_lists_the_load_balancer_associated_with_it(emulator: EmulatorClient) -> None:
    """AWS ListResourcesForWebACL returns the associated load balancers.
    https://docs.aws.amazon.com/waf/latest/APIReference/API_ListResourcesForWebACL.html
    """
    arn = create_load_balancer(emulator, network(emulator))
    acl = web_acl(emulator, "app-dev")
    wafv2 = emulator.client("wafv2")
    assert wafv2.list_resources_for_web_acl(WebACLArn=acl)["ResourceArns"] == []

    wafv2.associate_web_acl(WebACLArn=acl, ResourceArn=arn)
    wafv2.associate_web_acl(WebACLArn=acl, ResourceArn=arn)

    assert wafv2.list_resources_for_web_acl(WebACLArn=acl)["ResourceArns"] == [arn]
    assert wafv2.list_resources_for_web_acl(WebACLArn=acl, ResourceType="API_GATEWAY")["ResourceArns"] == []


def test_associating_another_web_acl_replaces_the_first(emulator: EmulatorClient) -> None:
    """AWS AssociateWebACL: a resource has one web ACL at most.
    https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html
    """
    arn = create_load_balancer(emulator, network(emulator))
    first, second = web_acl(emulator, "first"), web_acl(emulator, "second")
    wafv2 = emulator.client("wafv2")
    wafv2.associate_web_acl(WebACLArn=first, ResourceArn=arn)
    wafv2.associate_web_acl(WebACLArn=second, ResourceArn=arn)

    assert wafv2.list_resources_for_web_acl(WebACLArn=first)["ResourceArns"] == []
    assert wafv2.get_web_acl_for_resource(ResourceArn=arn)["WebACL"]["ARN"] == second


def test_an_http_listener_has_no_ssl_policy_and_the_zone_is_the_regions(emulator: EmulatorClient) -> None:
    """AWS Listener: SslPolicy for HTTPS and TLS listeners only; CanonicalHostedZoneId per region.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html
    https://docs.aws.amazon.com/general/latest/gr/elb.html
    """
    arn = create_load_balancer(emulator, network(emulator))
    elbv2 = emulator.client("elbv2")
    elbv2.create_listener(
        LoadBalancerArn=arn,
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}],
    )

    listener = elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"][0]
    assert "SslPolicy" not in listener
    balancer = elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"][0]
    assert balancer["CanonicalHostedZoneId"] == "Z35SXDOTRQ7X7K"


def test_two_rules_can_swap_priorities_in_one_call(emulator: EmulatorClient) -> None:
    """AWS SetRulePriorities reorders rules as long as the new order has no conflict.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetRulePriorities.html
    """
    arn = create_load_balancer(emulator, network(emulator))
    elbv2 = emulator.client("elbv2")
    fixed = [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]
    listener = elbv2.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=fixed)
    listener_arn = listener["Listeners"][0]["ListenerArn"]
    rules = [
        elbv2.create_rule(
            ListenerArn=listener_arn,
            Priority=priority,
            Conditions=[{"Field": "path-pattern", "Values": [path]}],
            Actions=fixed,
        )["Rules"][0]["RuleArn"]
        for priority, path in ((5, "/a/*"), (10, "/b/*"))
    ]

    elbv2.set_rule_priorities(
        RulePriorities=[{"RuleArn": rules[0], "Priority": 10}, {"RuleArn": rules[1], "Priority": 5}]
    )

    found = {rule["RuleArn"]: rule["Priority"] for rule in elbv2.describe_rules(ListenerArn=listener_arn)["Rules"]}
    assert (found[rules[0]], found[rules[1]]) == ("10", "5")
    with pytest.raises(ClientError, match="PriorityInUse"):
        elbv2.set_rule_priorities(RulePriorities=[{"RuleArn": rules[0], "Priority": 5}])
