"""playbooks/report.yml (`make report`) on the shared prod environments: the FSBP verdicts of what prod builds, the
monthly cost lines and their total, and the budget comparison, each checked against what boto3 reads back.

Read-only: the report describes, so the emulator logs no write during its run.
"""

import re
from pathlib import Path

import pytest

from .playbook import mutating_calls, run_playbook

# The controls' titles in Security Hub, as the report must cite them.
TITLES = {
    "RDS.2": "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration",
    "RDS.3": "RDS DB instances should have encryption at-rest enabled",
    "RDS.5": "RDS DB instances should be configured with multiple Availability Zones",
    "RDS.8": "RDS DB instances should have deletion protection enabled",
    "RDS.9": "RDS DB instances should publish logs to CloudWatch Logs",
    "RDS.10": "IAM authentication should be configured for RDS instances",
    "RDS.11": "RDS instances should have automatic backups enabled",
    "RDS.13": "RDS automatic minor version upgrades should be enabled",
    "RDS.25": "RDS database instances should use a custom administrator username",
    "S3.1": "S3 general purpose buckets should have block public access settings enabled",
    "S3.5": "S3 general purpose buckets should require requests to use SSL",
    "S3.8": "S3 general purpose buckets should block public access",
    "S3.9": "S3 general purpose buckets should have server access logging enabled",
    "S3.13": "S3 general purpose buckets should have Lifecycle configurations",
    "S3.14": "S3 general purpose buckets should have versioning enabled",
    "CloudFront.1": "CloudFront distributions should have a default root object configured",
    "CloudFront.3": "CloudFront distributions should require encryption in transit",
    "CloudFront.5": "CloudFront distributions should have logging enabled",
    "CloudFront.6": "CloudFront distributions should have WAF enabled",
    "CloudFront.7": "CloudFront distributions should use custom SSL/TLS certificates",
    "CloudFront.13": "CloudFront distributions should use origin access control",
    "CloudFront.15": "CloudFront distributions should use the recommended TLS security policy",
    "ECR.1": "ECR private repositories should have image scanning configured",
    "ECR.2": "ECR private repositories should have tag immutability configured",
    "ECR.3": "ECR repositories should have at least one lifecycle policy configured",
    "SecretsManager.1": "Secrets Manager secrets should have automatic rotation enabled",
    "EC2.2": "VPC default security groups should not allow inbound or outbound traffic",
    "EC2.6": "VPC flow logging should be enabled in all VPCs",
    "EC2.15": "EC2 subnets should not automatically assign public IP addresses",
    "SNS.1": "SNS topics should be encrypted at-rest using AWS KMS",
    "CloudWatch.15": "CloudWatch alarms should have specified actions configured",
    "CloudWatch.17": "CloudWatch alarm actions should be activated",
    "KMS.4": "AWS KMS key rotation should be enabled",
    "ELB.4": "Application Load Balancer should be configured to drop invalid http headers",
}
PROD = "inventories/prod"
PLAYBOOK = "playbooks/report.yml"
ACCOUNT = "123456789012"

# What prod configures meets these controls.
PROD_PASSES = [
    "RDS.2", "RDS.3", "RDS.5", "RDS.8", "RDS.9", "RDS.10", "RDS.11", "RDS.13", "RDS.25",
    "S3.5", "S3.8", "S3.13",
    "CloudFront.1", "CloudFront.3", "CloudFront.5", "CloudFront.13",
    "ECR.1", "ECR.2", "ECR.3",
    "EC2.2", "EC2.6", "EC2.15", "SNS.1", "CloudWatch.15", "CloudWatch.17", "KMS.4",
]  # fmt: skip
# Controls prod does not meet, each with why.
PROD_FAILS = {
    # The account-level block public access settings belong to the account, not to an environment: the collection
    # never sets them (every bucket it makes blocks public access itself, S3.8), and a new account has none.
    "S3.1": "account-level settings off",
    # The JWT signing key and the cache's auth token have no rotation function (roles/secrets/README.md).
    "SecretsManager.1": "no automatic rotation",
}
# Controls prod meets but for a documented choice, each with the inventory value the reason must name.
PROD_EXCEPTIONS = {
    "S3.9": "the log bucket",
    "S3.14": "s3_cloudfront_log_retention_days (365 days)",
    "CloudFront.6": "s3_cloudfront_web_acl_arn is empty",
    "CloudFront.7": "s3_cloudfront_domain_name is empty",
    "CloudFront.15": "s3_cloudfront_domain_name is empty",
}


# The calls the role's README lists under IAM permissions, as the emulator logs them (service, operation).
DOCUMENTED_CALLS = {
    ("rds", "DescribeDBInstances"),
    ("rds", "DescribeDBProxies"),
    ("s3", "HeadBucket"),
    ("s3", "GetPublicAccessBlock"),
    ("s3", "GetBucketPolicy"),
    ("s3", "GetBucketLogging"),
    ("s3", "GetBucketLifecycle"),
    ("s3", "GetBucketLifecycleConfiguration"),
    ("s3", "GetBucketVersioning"),
    ("sts", "GetCallerIdentity"),
    ("cloudfront", "GetDistributionConfig"),
    ("ecr", "DescribeRepositories"),
    ("ecr", "GetLifecyclePolicy"),
    ("secretsmanager", "DescribeSecret"),
    ("kms", "DescribeKey"),
    ("kms", "GetKeyRotationStatus"),
    ("sns", "GetTopicAttributes"),
    ("monitoring", "DescribeAlarms"),
    ("ec2", "DescribeSecurityGroups"),
    ("ec2", "DescribeFlowLogs"),
    ("ec2", "DescribeSubnets"),
    ("ec2", "DescribeNatGateways"),
    ("apprunner", "DescribeService"),
    ("apprunner", "DescribeAutoScalingConfiguration"),
    ("ecs", "DescribeServices"),
    ("ecs", "DescribeTaskDefinition"),
    ("elasticloadbalancing", "DescribeLoadBalancers"),
    ("elasticloadbalancing", "DescribeLoadBalancerAttributes"),
    ("elasticache", "DescribeReplicationGroups"),
    ("budgets", "DescribeBudget"),
    ("budgets", "DescribeNotificationsForBudget"),
    ("budgets", "DescribeSubscribersForNotification"),
    ("budgets", "ListTagsForResource"),
}


def _report(environment: dict, report_dir: Path):
    emulator = environment["emulator"]
    emulator.clear_requests()
    run = run_playbook(
        PLAYBOOK, PROD, emulator.env, extra_vars={**environment["extra_vars"], "report_dir": str(report_dir)}
    )
    assert not run.failed, run.outcome()
    (fsbp_result,) = run.results("appstack.aws.fsbp_controls_info")
    (cost,) = run.results("appstack.aws.cost_estimate_info")
    return {
        "run": run,
        "writes": mutating_calls(emulator),
        "calls": {(call["service"], call["operation"]) for call in emulator.requests()["calls"]},
        "controls": {item["control"]: item for item in fsbp_result["controls"]},
        "cost": cost,
        "text": (report_dir / "prod.md").read_text(),
    }


@pytest.fixture(scope="module")
def prod_report(prod: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _report(prod, tmp_path_factory.mktemp("prod-report"))


@pytest.fixture(scope="module")
def prod_ecs_report(prod_ecs: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _report(prod_ecs, tmp_path_factory.mktemp("prod-ecs-report"))


def _row(text: str, control: str) -> list[str]:
    (line,) = [line for line in text.splitlines() if line.startswith(f"| {control} |")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_the_report_only_describes_with_the_documented_permissions(prod_report):
    assert prod_report["writes"] == []
    assert prod_report["calls"] <= DOCUMENTED_CALLS, prod_report["calls"] - DOCUMENTED_CALLS


def test_every_control_prod_covers_has_its_verdict_and_title_in_the_report(prod_report):
    controls, text = prod_report["controls"], prod_report["text"]
    expected = (
        dict.fromkeys(PROD_PASSES, "PASS")
        | dict.fromkeys(PROD_FAILS, "FAIL")
        | dict.fromkeys(PROD_EXCEPTIONS, "EXCEPTION")
    )
    assert {name: item["status"] for name, item in controls.items()} == expected
    for name, status in expected.items():
        title = TITLES[name]
        assert _row(text, name)[:3] == [name, title, status]
    # ELB.4 covers the load balancer, which App Runner's prod has none of.
    assert "ELB.4" not in controls


def test_each_failure_and_exception_gives_its_reason(prod_report):
    controls = prod_report["controls"]
    for name, reason in {**PROD_FAILS, **PROD_EXCEPTIONS}.items():
        assert reason in controls[name]["reason"], (name, controls[name]["reason"])


def test_secrets_manager_1_fails_only_the_secrets_without_a_rotation_function(prod, prod_report):
    findings = {item["resource"]: item for item in prod_report["controls"]["SecretsManager.1"]["findings"]}
    failing = sorted(name for name, item in findings.items() if item["status"] == "FAIL")
    assert failing == ["smartscheduler/app/prod/jwt-signing-key", "smartscheduler/cache/prod/auth-token"]
    # The password lives in the RDS-managed secret, which RDS rotates; the credentials copy holds none.
    secretsmanager = prod["emulator"].client("secretsmanager")
    master = secretsmanager.describe_secret(SecretId=prod["outputs"]["rds"]["master_user_secret_arn"])
    assert master["RotationEnabled"] is True
    assert findings[master["Name"]]["status"] == "PASS"
    credentials = findings["smartscheduler/db/prod/credentials"]
    assert credentials["status"] == "EXCEPTION"
    assert "rds_master_password_mode is rds_managed" in credentials["exception"]
    placeholders = [name for name in findings if "/integrations/" in name]
    assert len(placeholders) == 2
    assert all("secrets_placeholders" in findings[name]["exception"] for name in placeholders)


def test_the_verdicts_follow_what_aws_describes(prod, prod_report):
    """A few verdicts against boto3's own reading of the resources they judge."""
    emulator, controls = prod["emulator"], prod_report["controls"]
    db = emulator.client("rds").describe_db_instances(DBInstanceIdentifier="smartscheduler-prod")["DBInstances"][0]
    assert db["MultiAZ"] and db["StorageEncrypted"] and db["MasterUsername"] != "postgres"
    assert controls["RDS.5"]["findings"] == [
        {"control": "RDS.5", "resource": "smartscheduler-prod", "status": "PASS", "reason": "MultiAZ is True"}
    ]
    buckets = {item["resource"] for item in controls["S3.8"]["findings"]}
    s3_outputs = prod["outputs"]["s3_cloudfront"]
    assert buckets == {s3_outputs["bucket_name"], s3_outputs["assets_bucket_name"], s3_outputs["log_bucket_name"]}
    subnets = emulator.client("ec2").describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [prod["outputs"]["network"]["vpc_id"]]}]
    )["Subnets"]
    assert {item["resource"] for item in controls["EC2.15"]["findings"]} == {s["SubnetId"] for s in subnets}
    alarms = {item["resource"] for item in controls["CloudWatch.17"]["findings"]}
    assert alarms == set(prod["outputs"]["monitoring"]["alarm_names"])


def test_the_cost_lines_price_what_prod_runs_and_add_up_to_the_total(prod, prod_report):
    cost, text = prod_report["cost"], prod_report["text"]
    lines = {(line["resource"], line["item"]): line for line in cost["lines"]}
    assert lines[("smartscheduler-prod", "db.t3.small instance, Multi-AZ")]["quantity"] == 1460
    assert lines[("smartscheduler-prod", "gp3 storage, Multi-AZ")]["quantity"] == 200
    assert lines[("smartscheduler-prod", "RDS Proxy, 2 vCPUs of db.t3.small")]["monthly"] == 21.9
    nat_ids = prod["outputs"]["network"]["nat_gateway_ids"]
    assert len(nat_ids) == 2
    assert all(lines[(nat_id, "NAT gateway")]["monthly"] == 32.85 for nat_id in nat_ids)
    service = prod["outputs"]["apprunner"]["service_name"]
    assert {item for resource, item in lines if resource == service} == {
        "provisioned memory, 2 GB x 1 idle",
        "active vCPU, 1 vCPU x 1",
        "active memory, 2 GB x 1",
    }
    assert lines[("smartscheduler-prod", "valkey cache.t3.micro x 2 nodes")]["quantity"] == 1460
    distribution = prod["outputs"]["s3_cloudfront"]["distribution_id"]
    assert (distribution, "data transfer out to viewers (assumed)") in lines
    assert lines[("10 alarms", "CloudWatch standard-resolution alarms")]["monthly"] == 1.0
    assert ("6 secrets", "Secrets Manager secrets") in lines
    assert cost["unpriced"] == []
    assert cost["total"] == pytest.approx(sum(line["monthly"] for line in cost["lines"]), abs=1e-9)
    rows = [line for line in text.splitlines() if line.startswith("| ") and re.search(r"\| [\d.]+ \|$", line)]
    assert len(rows) == len(cost["lines"])
    assert sum(float(row.rsplit("|", 2)[-2]) for row in rows) == pytest.approx(cost["total"], abs=0.005)
    assert f"| **Total** | | | | | **{cost['total']:.2f}** |" in text


def test_the_total_is_compared_with_the_budget_aws_holds(prod, prod_report):
    budget = (
        prod["emulator"].client("budgets").describe_budget(AccountId=ACCOUNT, BudgetName="smartscheduler-prod-monthly")
    )
    limit = float(budget["Budget"]["BudgetLimit"]["Amount"])
    comparison = prod_report["cost"]["budget"]
    total = prod_report["cost"]["total"]
    assert comparison["limit"] == limit == 150
    assert comparison["amounts"] == [50, 100, 150]
    assert comparison["crossed"] == [amount for amount in (50, 100, 150) if total > amount]
    assert comparison["within_limit"] is (total <= limit)
    verdict = "within" if total <= limit else "OVER"
    assert f"the estimate is\n{verdict} it" in prod_report["text"]


def test_with_ecs_fargate_elb_4_judges_the_load_balancer_and_fargate_is_priced(prod_ecs, prod_ecs_report):
    controls, cost = prod_ecs_report["controls"], prod_ecs_report["cost"]
    assert prod_ecs_report["writes"] == []
    assert prod_ecs_report["calls"] <= DOCUMENTED_CALLS, prod_ecs_report["calls"] - DOCUMENTED_CALLS
    elbv2 = prod_ecs["emulator"].client("elbv2")
    arn = prod_ecs["outputs"]["alb"]["load_balancer_arn"]
    attributes = {
        a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
    }
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"
    assert controls["ELB.4"]["status"] == "PASS"
    assert _row(prod_ecs_report["text"], "ELB.4")[:3] == ["ELB.4", TITLES["ELB.4"], "PASS"]
    items = {(line["resource"], line["item"]) for line in cost["lines"]}
    name = prod_ecs["outputs"]["alb"]["load_balancer_name"]
    assert (name, "application load balancer") in items
    service = prod_ecs["outputs"]["ecs"]["service_name"]
    assert any(resource == service and item.startswith("Fargate vCPU") for resource, item in items)
    assert not any(item.startswith("active vCPU") for _, item in items)
    assert cost["total"] == pytest.approx(sum(line["monthly"] for line in cost["lines"]), abs=1e-9)
