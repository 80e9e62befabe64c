"""appstack.aws.elbv2_target_group, elbv2_load_balancer and their _info twins against the emulator.

The account holds what an ALB needs (built with boto3): a VPC with two public subnets, the ALB's security group,
an ACM certificate and a log bucket. The tests of the class run in order on that account: check mode on the empty
account, the create (an ip target group on /api/health, an internet-facing ALB whose HTTP:80 redirects to HTTPS
with a 301 and whose HTTPS:443 forwards to the target group under ELBSecurityPolicy-TLS13-1-2-2021-06, hardened
attributes; read back with boto3), a second run, check mode on the converged account, a health check path change
predicted with a diff then applied, a WAF web ACL association through community.aws.wafv2_resources, and the
deletion. The emulator's request log proves what check mode and a second run promise: no mutating call.
"""

import json

import pytest

from .playbook import mutating_calls, run_tasks

TARGET_GROUP = "appstack.aws.elbv2_target_group"
LOAD_BALANCER = "appstack.aws.elbv2_load_balancer"
TARGET_GROUP_INFO = "appstack.aws.elbv2_target_group_info"
LOAD_BALANCER_INFO = "appstack.aws.elbv2_load_balancer_info"
NAME = "shop-test"
TG_NAME = "shop-test-api"
POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
TAGS = {"Application": "shop", "Environment": "test"}
# Seconds a new load balancer stays provisioning in the emulator.
PROVISIONING_SECONDS = 2


def build_account(emulator):
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.41.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.41.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for n, zone in ((1, "a"), (2, "b"))
    ]
    group = ec2.create_security_group(GroupName="shop-alb", Description="alb", VpcId=vpc_id)["GroupId"]
    certificate = emulator.client("acm").request_certificate(DomainName="api.shop.example", ValidationMethod="DNS")[
        "CertificateArn"
    ]
    emulator.client("s3").create_bucket(Bucket="shop-test-logs")
    # us-east-1 opened before August 2022: ELB delivers access logs as the region's ELB account.
    delivery = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::127311923021:root"},
                "Action": "s3:PutObject",
                "Resource": "arn:aws:s3:::shop-test-logs/alb/AWSLogs/*",
            }
        ],
    }
    emulator.client("s3").put_bucket_policy(Bucket="shop-test-logs", Policy=json.dumps(delivery))
    return {"vpc_id": vpc_id, "subnets": subnets, "security_group": group, "certificate": certificate}


def target_group_args(account, path="/api/health"):
    return {
        "name": TG_NAME,
        "target_type": "ip",
        "protocol": "HTTP",
        "port": 8000,
        "vpc_id": account["vpc_id"],
        "health_check": {"protocol": "HTTP", "path": path, "interval_seconds": 30, "matcher": "200-399"},
        "deregistration_delay_timeout": 30,
        "tags": TAGS,
    }


def load_balancer_args(account):
    return {
        "name": NAME,
        "scheme": "internet-facing",
        # Not in the order AWS keeps them: the module compares them as sets.
        "subnets": list(reversed(account["subnets"])),
        "security_groups": [account["security_group"]],
        "deletion_protection": True,
        "drop_invalid_header_fields": True,
        "access_logs": {"enabled": True, "bucket": "shop-test-logs", "prefix": "alb"},
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
                "port": 443,
                "ssl_policy": POLICY,
                "certificate_arn": account["certificate"],
                "default_action": {"type": "forward", "target_group_name": TG_NAME},
            },
        ],
        "tags": TAGS,
        "wait": True,
        "wait_timeout": 60,
    }


def run(emulator, account, check=False, path="/api/health"):
    emulator.clear_requests()
    tasks = [
        {"name": "Manage the target group", TARGET_GROUP: target_group_args(account, path)},
        {"name": "Manage the load balancer", LOAD_BALANCER: load_balancer_args(account)},
    ]
    return run_tasks(emulator.env, account["directory"], "Manage the ALB", tasks, check=check)


def read_back(emulator):
    elbv2 = emulator.client("elbv2")
    (balancer,) = elbv2.describe_load_balancers(Names=[NAME])["LoadBalancers"]
    arn = balancer["LoadBalancerArn"]
    attributes = elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
    listeners = elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]
    (target_group,) = elbv2.describe_target_groups(Names=[TG_NAME])["TargetGroups"]
    tg_attributes = elbv2.describe_target_group_attributes(TargetGroupArn=target_group["TargetGroupArn"])
    return {
        "balancer": balancer,
        "attributes": {item["Key"]: item["Value"] for item in attributes},
        "listeners": {listener["Port"]: listener for listener in listeners},
        "target_group": target_group,
        "tg_attributes": {item["Key"]: item["Value"] for item in tg_attributes["Attributes"]},
        "tags": {
            item["Key"]: item["Value"] for item in elbv2.describe_tags(ResourceArns=[arn])["TagDescriptions"][0]["Tags"]
        },
    }


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(
        provisioning_delay_seconds=0, throttle_rate=0, provisioning_delays={"load_balancer": PROVISIONING_SECONDS}
    )
    return {"directory": tmp_path_factory.mktemp("elbv2-playbooks"), **build_account(emulator_server)}


class TestApplicationLoadBalancer:
    def test_check_mode_on_an_empty_account_predicts_both_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(TARGET_GROUP, TG_NAME), (LOAD_BALANCER, NAME)]
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("elbv2").describe_load_balancers()["LoadBalancers"] == []
        predicted = result.results(LOAD_BALANCER)[0]["load_balancer"]
        assert predicted["state"] == {"code": "provisioning"}
        assert [listener["port"] for listener in predicted["listeners"]] == [80, 443]
        after = result.results(LOAD_BALANCER)[0]["diff"]["after"]
        assert after["listeners"][1]["default_actions"] == [{"type": "forward", "target_group": TG_NAME}]
        assert result.results(TARGET_GROUP)[0]["target_group"]["health_check_path"] == "/api/health"

    def test_create_builds_the_alb_its_listeners_and_the_target_group(self, emulator_server, account):
        result = run(emulator_server, account)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(TARGET_GROUP, TG_NAME), (LOAD_BALANCER, NAME)]
        assert mutating_calls(emulator_server) == [
            "elasticloadbalancing:CreateTargetGroup",
            "elasticloadbalancing:ModifyTargetGroupAttributes",
            "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:ModifyLoadBalancerAttributes",
            "elasticloadbalancing:CreateListener",
            "elasticloadbalancing:CreateListener",
        ]
        returned = result.results(LOAD_BALANCER)[0]["load_balancer"]
        # wait: true waited out the provisioning delay.
        assert returned["state"] == {"code": "active"}
        assert returned["dns_name"]
        found = read_back(emulator_server)
        balancer = found["balancer"]
        assert (balancer["Scheme"], balancer["Type"]) == ("internet-facing", "application")
        assert sorted(zone["SubnetId"] for zone in balancer["AvailabilityZones"]) == sorted(account["subnets"])
        assert balancer["SecurityGroups"] == [account["security_group"]]
        assert found["attributes"]["routing.http.drop_invalid_header_fields.enabled"] == "true"
        assert found["attributes"]["deletion_protection.enabled"] == "true"
        assert found["attributes"]["access_logs.s3.enabled"] == "true"
        assert found["attributes"]["access_logs.s3.bucket"] == "shop-test-logs"
        redirect = found["listeners"][80]["DefaultActions"][0]
        assert redirect["Type"] == "redirect"
        assert redirect["RedirectConfig"]["StatusCode"] == "HTTP_301"
        assert redirect["RedirectConfig"]["Protocol"] == "HTTPS"
        https = found["listeners"][443]
        assert https["Protocol"] == "HTTPS"
        assert https["SslPolicy"] == POLICY
        assert https["Certificates"] == [{"CertificateArn": account["certificate"]}]
        assert https["DefaultActions"][0]["TargetGroupArn"] == found["target_group"]["TargetGroupArn"]
        assert found["tags"] == TAGS
        target_group = found["target_group"]
        assert (target_group["TargetType"], target_group["Protocol"], target_group["Port"]) == ("ip", "HTTP", 8000)
        assert target_group["HealthCheckPath"] == "/api/health"
        assert target_group["HealthCheckIntervalSeconds"] == 30
        assert target_group["Matcher"] == {"HttpCode": "200-399"}
        assert found["tg_attributes"]["deregistration_delay.timeout_seconds"] == "30"

    def test_a_second_run_changes_nothing_writes_nothing_and_reads_little(self, emulator_server, account):
        result = run(emulator_server, account)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        calls = sorted(call["operation"] for call in emulator_server.requests()["calls"])
        # Four resources (target group, load balancer, two listeners): seven reads.
        assert calls == sorted(
            [
                "DescribeTargetGroups",
                "DescribeTargetGroupAttributes",
                "DescribeTags",
                "DescribeLoadBalancers",
                "DescribeLoadBalancerAttributes",
                "DescribeListeners",
                "DescribeTags",
            ]
        )

    def test_check_mode_on_the_converged_account_changes_nothing(self, emulator_server, account):
        result = run(emulator_server, account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_a_health_check_path_change_is_predicted_with_a_diff_then_applied(self, emulator_server, account):
        result = run(emulator_server, account, check=True, path="/healthz")

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(TARGET_GROUP, TG_NAME)]
        assert mutating_calls(emulator_server) == []
        diff = result.results(TARGET_GROUP)[0]["diff"]
        assert (diff["before"]["health_check_path"], diff["after"]["health_check_path"]) == ("/api/health", "/healthz")

        result = run(emulator_server, account, path="/healthz")

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(TARGET_GROUP, TG_NAME)]
        assert mutating_calls(emulator_server) == ["elasticloadbalancing:ModifyTargetGroup"]
        assert read_back(emulator_server)["target_group"]["HealthCheckPath"] == "/healthz"

    def test_the_info_modules_read_what_the_modules_return(self, emulator_server, account):
        tasks = [
            {"name": "Read the target group", TARGET_GROUP_INFO: {"names": [TG_NAME, "missing"]}},
            {"name": "Read the load balancer", LOAD_BALANCER_INFO: {"names": [NAME]}},
        ]
        result = run_tasks(emulator_server.env, account["directory"], "Read the ALB", tasks)

        assert not result.failed, result.outcome()
        (groups,) = result.results(TARGET_GROUP_INFO)
        assert [group["target_group_name"] for group in groups["target_groups"]] == [TG_NAME]
        assert groups["target_groups"][0]["tags"] == TAGS
        (balancers,) = result.results(LOAD_BALANCER_INFO)
        (balancer,) = balancers["load_balancers"]
        assert balancer["attributes"]["routing.http.drop_invalid_header_fields.enabled"] == "true"
        assert [listener["port"] for listener in balancer["listeners"]] == [80, 443]
        assert "ssl_policy" not in balancer["listeners"][0]

    def test_the_upstream_waf_association_is_idempotent(self, emulator_server, account):
        emulator_server.client("wafv2").create_web_acl(
            Name="shop-test",
            Scope="REGIONAL",
            DefaultAction={"Allow": {}},
            VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "s"},
            Rules=[],
        )
        arn = read_back(emulator_server)["balancer"]["LoadBalancerArn"]
        task = {
            "name": "Associate the web ACL",
            "community.aws.wafv2_resources": {"name": "shop-test", "scope": "REGIONAL", "arn": arn, "state": "present"},
        }

        for check, changed, writes in (
            (True, 1, []),
            (False, 1, ["wafv2:AssociateWebACL"]),
            (False, 0, []),
            (True, 0, []),
        ):
            emulator_server.clear_requests()
            result = run_tasks(emulator_server.env, account["directory"], "Protect the ALB", [task], check=check)
            assert not result.failed, result.outcome()
            assert result.changed == changed, (check, result.changed_resources())
            assert mutating_calls(emulator_server) == writes

    def test_absent_deletes_the_alb_once_unprotected_then_the_target_group(self, emulator_server, account):
        tasks = [
            {"name": "Unprotect the load balancer", LOAD_BALANCER: {"name": NAME, "deletion_protection": False}},
            {"name": "Delete the load balancer", LOAD_BALANCER: {"name": NAME, "state": "absent", "wait": True}},
            {"name": "Delete the target group", TARGET_GROUP: {"name": TG_NAME, "state": "absent"}},
        ]
        emulator_server.clear_requests()
        result = run_tasks(emulator_server.env, account["directory"], "Delete the ALB", tasks)

        assert not result.failed, result.outcome()
        assert result.changed == 3
        elbv2 = emulator_server.client("elbv2")
        assert elbv2.describe_load_balancers()["LoadBalancers"] == []
        assert elbv2.describe_target_groups()["TargetGroups"] == []
