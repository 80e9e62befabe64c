"""Unit tests for appstack.aws.fsbp_controls_info (botocore Stubber, no network): read-only calls only."""

from ansible_collections.appstack.aws.plugins.modules import fsbp_controls_info as module

ACCOUNT = "123456789012"


def _db(**overrides):
    db = {
        "DBInstanceIdentifier": "app-dev",
        "Engine": "postgres",
        "PubliclyAccessible": False,
        "StorageEncrypted": True,
        "MultiAZ": True,
        "DeletionProtection": True,
        "EnabledCloudwatchLogsExports": ["postgresql", "upgrade"],
        "IAMDatabaseAuthenticationEnabled": True,
        "BackupRetentionPeriod": 7,
        "AutoMinorVersionUpgrade": True,
        "MasterUsername": "app_admin",
    }
    db.update(overrides)
    return db


def _verdicts(result):
    return {item["control"]: item["status"] for item in result["controls"]}


def test_an_unencrypted_single_az_instance_fails_rds_3_and_is_excepted_for_rds_5(rds, run_module):
    client, stubber = rds
    stubber.add_response(
        "describe_db_instances",
        {"DBInstances": [_db(StorageEncrypted=False, MultiAZ=False)]},
        {"DBInstanceIdentifier": "app-dev"},
    )
    args = {
        "controls": ["RDS.2", "RDS.3", "RDS.5"],
        "rds_instance_identifiers": ["app-dev"],
        "exceptions": [
            {"control": "RDS.5", "reason": "rds_multi_az is false: dev runs one instance"},
            {"control": "RDS.3", "reason": "not applied", "applies": False},
        ],
    }

    rc, result = run_module(module, args, {"rds": client})

    assert rc == 0, result
    assert result["changed"] is False
    assert _verdicts(result) == {"RDS.2": "PASS", "RDS.3": "FAIL", "RDS.5": "EXCEPTION"}
    rds5 = result["controls"][2]
    assert rds5["title"] == "RDS DB instances should be configured with multiple Availability Zones"
    assert "rds_multi_az is false" in rds5["reason"]


def test_a_bucket_without_block_public_access_fails_s3_8_and_the_account_setting_s3_1(s3, s3control, sts, run_module):
    s3_client, s3_stubber = s3
    control_client, control_stubber = s3control
    sts_client, sts_stubber = sts
    sts_stubber.add_response(
        "get_caller_identity",
        {"Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ci", "UserId": "AIDAEXAMPLEUSERID000"},
        {},
    )
    control_stubber.add_client_error(
        "get_public_access_block",
        "NoSuchPublicAccessBlockConfiguration",
        http_status_code=404,
        expected_params={"AccountId": ACCOUNT},
    )
    bucket = {"Bucket": "open"}
    s3_stubber.add_response("head_bucket", {}, bucket)
    s3_stubber.add_client_error(
        "get_public_access_block", "NoSuchPublicAccessBlockConfiguration", http_status_code=404, expected_params=bucket
    )
    s3_stubber.add_client_error("get_bucket_policy", "NoSuchBucketPolicy", http_status_code=404, expected_params=bucket)
    s3_stubber.add_response("get_bucket_logging", {}, bucket)
    s3_stubber.add_client_error(
        "get_bucket_lifecycle_configuration",
        "NoSuchLifecycleConfiguration",
        http_status_code=404,
        expected_params=bucket,
    )
    s3_stubber.add_response("get_bucket_versioning", {}, bucket)

    rc, result = run_module(
        module,
        {"controls": ["S3.1", "S3.5", "S3.8", "S3.9", "S3.13", "S3.14"], "bucket_names": ["open"]},
        {"s3": s3_client, "s3control": control_client, "sts": sts_client},
    )

    assert rc == 0, result
    assert set(_verdicts(result).values()) == {"FAIL"}
    assert "BlockPublicAcls" in result["controls"][2]["reason"]


def test_a_control_it_does_not_judge_fails_before_any_call(run_module):
    rc, result = run_module(module, {"controls": ["RDS.99"], "exceptions": [{"control": "S3.0", "reason": "x"}]}, None)

    assert rc == 1
    assert "RDS.99" in result["msg"] and "S3.0" in result["msg"]
    assert "allowed: RDS.2" in result["msg"]


def test_a_missing_instance_is_left_out_and_its_control_has_no_finding(rds, run_module):
    client, stubber = rds
    stubber.add_client_error(
        "describe_db_instances", "DBInstanceNotFound", expected_params={"DBInstanceIdentifier": "gone"}
    )

    rc, result = run_module(module, {"controls": ["RDS.2"], "rds_instance_identifiers": ["gone"]}, {"rds": client})

    assert rc == 0, result
    assert result["controls"][0]["findings"] == []
    assert result["controls"][0]["status"] == "EXCEPTION"


def test_an_api_error_fails_the_module(kms, run_module):
    client, stubber = kms
    stubber.add_client_error("describe_key", "AccessDeniedException", expected_params={"KeyId": "alias/app"})

    rc, result = run_module(module, {"controls": ["KMS.4"], "kms_key_ids": ["alias/app"]}, {"kms": client})

    assert rc == 1
    assert "Failed to describe kms key" in result["msg"]
