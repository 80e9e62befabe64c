"""Unit tests for module_utils/fsbp.py: judging FSBP controls from described resources (plain data)."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import fsbp


def _status(findings, control):
    return {item["resource"]: item["status"] for item in findings if item["control"] == control}


def _db(**overrides):
    db = {
        "DBInstanceIdentifier": "app-prod",
        "Engine": "postgres",
        "PubliclyAccessible": False,
        "StorageEncrypted": True,
        "MultiAZ": True,
        "DeletionProtection": True,
        "EnabledCloudwatchLogsExports": ["postgresql", "upgrade"],
        "IAMDatabaseAuthenticationEnabled": True,
        "BackupRetentionPeriod": 30,
        "AutoMinorVersionUpgrade": True,
        "MasterUsername": "app_admin",
    }
    db.update(overrides)
    return db


RDS_CONTROLS = ["RDS.2", "RDS.3", "RDS.5", "RDS.8", "RDS.9", "RDS.10", "RDS.11", "RDS.13", "RDS.25"]


def test_a_hardened_database_passes_every_rds_control():
    findings = fsbp.judge_rds_instance(_db())
    assert [item["control"] for item in findings] == RDS_CONTROLS
    assert {item["status"] for item in findings} == {fsbp.PASS}


@pytest.mark.parametrize(
    ("control", "overrides"),
    [
        ("RDS.2", {"PubliclyAccessible": True}),
        ("RDS.3", {"StorageEncrypted": False}),
        ("RDS.5", {"MultiAZ": False}),
        ("RDS.8", {"DeletionProtection": False}),
        ("RDS.9", {"EnabledCloudwatchLogsExports": ["postgresql"]}),
        ("RDS.10", {"IAMDatabaseAuthenticationEnabled": False}),
        ("RDS.11", {"BackupRetentionPeriod": 6}),
        ("RDS.13", {"AutoMinorVersionUpgrade": False}),
        ("RDS.25", {"MasterUsername": "postgres"}),
    ],
)
def test_each_rds_control_fails_on_its_own_setting(control, overrides):
    findings = fsbp.judge_rds_instance(_db(**overrides))
    failing = [item["control"] for item in findings if item["status"] == fsbp.FAIL]
    assert failing == [control]


def test_rds_9_names_the_missing_log_type():
    (rds9,) = [i for i in fsbp.judge_rds_instance(_db(EnabledCloudwatchLogsExports=[])) if i["control"] == "RDS.9"]
    assert "missing postgresql, upgrade" in rds9["reason"]


SSL_POLICY = json.dumps(
    {
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ]
    }
)
BLOCK_ALL = dict.fromkeys(fsbp.PUBLIC_ACCESS_FLAGS, True)


def _bucket(**overrides):
    bucket = {
        "name": "frontend",
        "public_access_block": BLOCK_ALL,
        "policy": SSL_POLICY,
        "logging": {"TargetBucket": "logs", "TargetPrefix": "s3/"},
        "lifecycle_rules": [{"ID": "old-versions", "Status": "Enabled"}],
        "versioning": "Enabled",
    }
    bucket.update(overrides)
    return bucket


def test_a_hardened_bucket_passes_every_bucket_control():
    assert {item["status"] for item in fsbp.judge_bucket(_bucket())} == {fsbp.PASS}


@pytest.mark.parametrize(
    ("control", "overrides"),
    [
        ("S3.5", {"policy": None}),
        ("S3.5", {"policy": SSL_POLICY.replace("Deny", "Allow")}),
        ("S3.8", {"public_access_block": None}),
        ("S3.8", {"public_access_block": {**BLOCK_ALL, "RestrictPublicBuckets": False}}),
        ("S3.9", {"logging": None}),
        ("S3.13", {"lifecycle_rules": [{"ID": "off", "Status": "Disabled"}]}),
        ("S3.14", {"versioning": "Suspended"}),
        ("S3.14", {"versioning": None}),
    ],
)
def test_each_bucket_control_fails_on_its_own_setting(control, overrides):
    failing = [item["control"] for item in fsbp.judge_bucket(_bucket(**overrides)) if item["status"] == fsbp.FAIL]
    assert failing == [control]


def test_s3_1_fails_without_the_account_level_settings_and_passes_with_all_four():
    assert fsbp.judge_account_public_access_block("123456789012", None)[0]["status"] == fsbp.FAIL
    partial = {**BLOCK_ALL, "BlockPublicPolicy": False}
    (finding,) = fsbp.judge_account_public_access_block("123456789012", partial)
    assert finding["status"] == fsbp.FAIL
    assert "BlockPublicPolicy" in finding["reason"]
    assert fsbp.judge_account_public_access_block("123456789012", BLOCK_ALL)[0]["status"] == fsbp.PASS


def _distribution(**overrides):
    config = {
        "DefaultRootObject": "index.html",
        "DefaultCacheBehavior": {"ViewerProtocolPolicy": "redirect-to-https"},
        "CacheBehaviors": {"Quantity": 1, "Items": [{"PathPattern": "/api/*", "ViewerProtocolPolicy": "https-only"}]},
        "Logging": {"Enabled": True, "Bucket": "logs.s3.amazonaws.com"},
        "WebACLId": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1",
        "ViewerCertificate": {"CloudFrontDefaultCertificate": False, "MinimumProtocolVersion": "TLSv1.2_2021"},
        "Origins": {"Items": [{"Id": "s3", "S3OriginConfig": {}, "OriginAccessControlId": "E1"}]},
    }
    config.update(overrides)
    return {"Id": "E123", "DistributionConfig": config}


def test_a_hardened_distribution_passes_every_cloudfront_control():
    assert {item["status"] for item in fsbp.judge_distribution(_distribution())} == {fsbp.PASS}


def test_cloudfront_controls_fail_on_their_settings():
    distribution = _distribution(
        DefaultRootObject="",
        CacheBehaviors={"Quantity": 1, "Items": [{"PathPattern": "/api/*", "ViewerProtocolPolicy": "allow-all"}]},
        Logging={"Enabled": False},
        WebACLId="",
        ViewerCertificate={"CloudFrontDefaultCertificate": True, "MinimumProtocolVersion": "TLSv1"},
        Origins={"Items": [{"Id": "s3", "S3OriginConfig": {"OriginAccessIdentity": "origin-access-identity/x"}}]},
    )
    findings = fsbp.judge_distribution(distribution)
    assert {item["status"] for item in findings} == {fsbp.FAIL}
    (cf3,) = [item for item in findings if item["control"] == "CloudFront.3"]
    assert "/api/*" in cf3["reason"]


def test_cloudfront_15_fails_below_the_recommended_policy():
    distribution = _distribution(
        ViewerCertificate={"CloudFrontDefaultCertificate": False, "MinimumProtocolVersion": "TLSv1.2_2019"}
    )
    assert _status(fsbp.judge_distribution(distribution), "CloudFront.15") == {"E123": fsbp.FAIL}


def test_ecr_controls():
    good = {
        "repositoryName": "api",
        "imageScanningConfiguration": {"scanOnPush": True},
        "imageTagMutability": "IMMUTABLE",
    }
    assert {i["status"] for i in fsbp.judge_repository(good, '{"rules": []}')} == {fsbp.PASS}
    bad = {
        "repositoryName": "api",
        "imageScanningConfiguration": {"scanOnPush": False},
        "imageTagMutability": "MUTABLE",
    }
    assert {i["status"] for i in fsbp.judge_repository(bad, None)} == {fsbp.FAIL}


def test_secret_kms_topic_and_alarm_controls():
    assert fsbp.judge_secret({"Name": "s", "RotationEnabled": True})[0]["status"] == fsbp.PASS
    assert fsbp.judge_secret({"Name": "s"})[0]["status"] == fsbp.FAIL
    assert fsbp.judge_kms_key("k", {}, True)[0]["status"] == fsbp.PASS
    assert fsbp.judge_kms_key("k", {}, False)[0]["status"] == fsbp.FAIL
    assert fsbp.judge_topic("t", {"KmsMasterKeyId": "alias/x"})[0]["status"] == fsbp.PASS
    assert fsbp.judge_topic("t", {})[0]["status"] == fsbp.FAIL
    quiet = fsbp.judge_alarm({"AlarmName": "a", "AlarmActions": [], "ActionsEnabled": False})
    assert [item["status"] for item in quiet] == [fsbp.FAIL, fsbp.FAIL]
    loud = fsbp.judge_alarm({"AlarmName": "a", "AlarmActions": ["arn:aws:sns:us-east-1:1:t"], "ActionsEnabled": True})
    assert [item["status"] for item in loud] == [fsbp.PASS, fsbp.PASS]


def test_vpc_subnet_and_load_balancer_controls():
    closed = {"GroupId": "sg-1", "IpPermissions": [], "IpPermissionsEgress": []}
    open_group = {"GroupId": "sg-1", "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1"}]}
    active = [{"FlowLogId": "fl-1", "TrafficType": "ALL", "FlowLogStatus": "ACTIVE"}]
    accept_only = [{"FlowLogId": "fl-1", "TrafficType": "ACCEPT", "FlowLogStatus": "ACTIVE"}]
    assert [i["status"] for i in fsbp.judge_vpc("vpc-1", closed, active)] == [fsbp.PASS, fsbp.PASS]
    assert [i["status"] for i in fsbp.judge_vpc("vpc-1", open_group, accept_only)] == [fsbp.FAIL, fsbp.FAIL]
    assert fsbp.judge_subnet({"SubnetId": "s", "MapPublicIpOnLaunch": True})[0]["status"] == fsbp.FAIL
    assert fsbp.judge_subnet({"SubnetId": "s", "MapPublicIpOnLaunch": False})[0]["status"] == fsbp.PASS
    alb = {"LoadBalancerName": "app"}
    key = "routing.http.drop_invalid_header_fields.enabled"
    assert fsbp.judge_load_balancer(alb, {key: "true"})[0]["status"] == fsbp.PASS
    assert fsbp.judge_load_balancer(alb, {key: "false"})[0]["status"] == fsbp.FAIL


def test_an_exception_turns_only_the_failing_findings_it_names_into_exceptions():
    findings = fsbp.judge_bucket(_bucket(name="logs", logging=None)) + fsbp.judge_bucket(_bucket(logging=None))
    exceptions = [{"control": "S3.9", "resources": ["logs"], "reason": "the log bucket"}]
    result = fsbp.apply_exceptions(findings, exceptions)
    assert _status(result, "S3.9") == {"logs": fsbp.EXCEPTION, "frontend": fsbp.FAIL}
    (summary,) = fsbp.summarise(result, ["S3.9"], exceptions)
    assert summary["status"] == fsbp.FAIL
    assert summary["title"] == "S3 general purpose buckets should have server access logging enabled"


def test_an_exception_never_hides_a_pass_and_a_control_with_only_exceptions_is_excepted():
    findings = fsbp.judge_rds_instance(_db(MultiAZ=False))
    exceptions = [
        {"control": "RDS.5", "resources": [], "reason": "rds_multi_az is false"},
        {"control": "RDS.3", "resources": [], "reason": "never applies to a pass"},
    ]
    summary = {
        item["control"]: item
        for item in fsbp.summarise(fsbp.apply_exceptions(findings, exceptions), RDS_CONTROLS, exceptions)
    }
    assert summary["RDS.5"]["status"] == fsbp.EXCEPTION
    assert "rds_multi_az is false" in summary["RDS.5"]["reason"]
    assert summary["RDS.3"]["status"] == fsbp.PASS


def test_a_control_without_resources_is_an_exception_with_its_reason():
    exceptions = [{"control": "ELB.4", "reason": "appstack_compute is apprunner: no application load balancer"}]
    (summary,) = fsbp.summarise([], ["ELB.4"], exceptions)
    assert summary["status"] == fsbp.EXCEPTION
    assert summary["reason"].startswith("appstack_compute is apprunner")
