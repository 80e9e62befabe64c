"""The request log names the service and operation of every AWS call."""

from __future__ import annotations

import io

import boto3
import pytest

from emulator import operations, rest_routes
from emulator.client import EmulatorClient
from emulator.request_log import RequestLog


def logged_operations(emulator: EmulatorClient, service: str) -> list[str]:
    return [call["operation"] for call in emulator.requests()["calls"] if call["service"] == service]


def test_query_protocol_reads_the_action_from_the_form_body(emulator: EmulatorClient) -> None:
    iam = emulator.client("iam")
    iam.create_role(RoleName="r", AssumeRolePolicyDocument="{}")
    iam.get_role(RoleName="r")
    rds = emulator.client("rds")
    rds.describe_db_instances()

    assert logged_operations(emulator, "iam") == ["CreateRole", "GetRole"]
    assert logged_operations(emulator, "rds") == ["DescribeDBInstances"]
    # The body was put back after reading: moto saw the role name.
    assert iam.get_role(RoleName="r")["Role"]["RoleName"] == "r"


def test_json_protocol_reads_the_operation_from_x_amz_target(emulator: EmulatorClient) -> None:
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="g")
    logs.put_retention_policy(logGroupName="g", retentionInDays=7)
    logs.describe_log_groups()

    assert logged_operations(emulator, "logs") == ["CreateLogGroup", "PutRetentionPolicy", "DescribeLogGroups"]
    assert [call["mutating"] for call in emulator.requests()["calls"]] == [True, True, False]


def test_rest_protocol_matches_method_and_path_to_the_model(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="logged-bucket")
    s3.put_object(Bucket="logged-bucket", Key="dir/with/file.txt", Body=b"x")
    s3.copy_object(Bucket="logged-bucket", Key="copy", CopySource="logged-bucket/dir/with/file.txt")
    s3.head_object(Bucket="logged-bucket", Key="dir/with/file.txt")
    s3.get_object(Bucket="logged-bucket", Key="copy")
    s3.put_bucket_tagging(Bucket="logged-bucket", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    s3.get_bucket_tagging(Bucket="logged-bucket")
    s3.list_objects_v2(Bucket="logged-bucket")
    s3.list_objects(Bucket="logged-bucket")
    s3.list_buckets()

    assert logged_operations(emulator, "s3") == [
        "CreateBucket",
        "PutObject",
        "CopyObject",
        "HeadObject",
        "GetObject",
        "PutBucketTagging",
        "GetBucketTagging",
        "ListObjectsV2",
        "ListObjects",
        "ListBuckets",
    ]


def test_rest_protocol_with_path_labels(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    cloudfront.list_distributions()
    with pytest.raises(cloudfront.exceptions.NoSuchDistribution):
        cloudfront.get_distribution_config(Id="EDFDVBD6EXAMPLE")
    with pytest.raises(cloudfront.exceptions.NoSuchDistribution):
        cloudfront.get_distribution(Id="EDFDVBD6EXAMPLE")

    assert logged_operations(emulator, "cloudfront") == [
        "ListDistributions",
        "GetDistributionConfig",
        "GetDistribution",
    ]


def test_failed_calls_are_counted_too(emulator: EmulatorClient) -> None:
    ec2 = emulator.client("ec2")
    with pytest.raises(ec2.exceptions.ClientError):
        ec2.delete_vpc(VpcId="vpc-00000000")

    assert emulator.requests()["calls"] == [
        {"service": "ec2", "operation": "DeleteVpc", "mutating": True, "access_key_id": "testing"}
    ]


@pytest.mark.parametrize(
    ("operation", "mutating"),
    [
        ("CreateVpc", True),
        ("DeleteBucket", True),
        ("PutRetentionPolicy", True),
        ("ModifyDBInstance", True),
        ("DescribeVpcs", False),
        ("ListTagsForResource", False),
        ("GetObject", False),
        ("HeadBucket", False),
        ("LookupEvents", False),
        ("SearchResources", False),
        ("CheckDomainAvailability", False),
        ("ValidateTemplate", False),
        ("TestDNSAnswer", False),
    ],
)
def test_mutating_means_not_a_read_only_prefix(operation: str, mutating: bool) -> None:
    assert operations.is_mutating(operation) is mutating


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {
                "HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/apprunner/aws4_request, "
                "SignedHeaders=host;x-amz-date, Signature=abc"
            },
            "apprunner",
        ),
        ({"QUERY_STRING": "X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Expires=60"}, "s3"),
        ({"HTTP_AUTHORIZATION": "AWS AKID:signature"}, None),
        ({}, None),
    ],
    ids=["header", "presigned-url", "sigv2", "unsigned"],
)
def test_signing_name_comes_from_the_credential_scope(environ: dict, expected: str | None) -> None:
    assert operations.signing_name(environ) == expected


def test_reading_the_form_body_leaves_it_readable() -> None:
    body = b"Action=CreateVpc&CidrBlock=10.0.0.0%2F16"
    environ = {
        "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }

    assert operations.identify_operation(environ, []) == "CreateVpc"
    assert environ["wsgi.input"].read() == body


def test_an_unmatched_request_is_unknown_and_mutating_unless_a_read() -> None:
    post = operations.identify_call({"REQUEST_METHOD": "POST", "PATH_INFO": "/nowhere"}, "madeup")
    get = operations.identify_call({"REQUEST_METHOD": "GET", "PATH_INFO": "/nowhere"}, "madeup")

    assert post == operations.ApiCall("madeup", "Unknown", True)
    assert get == operations.ApiCall("madeup", "Unknown", False)


@pytest.mark.parametrize(
    ("method", "path", "query", "headers", "expected"),
    [
        ("GET", "/bucket", {}, set(), "ListObjects"),
        ("GET", "/bucket/", {}, set(), "ListObjects"),
        ("GET", "/bucket", {"list-type": ["2"]}, set(), "ListObjectsV2"),
        ("GET", "/bucket", {"tagging": [""]}, set(), "GetBucketTagging"),
        ("GET", "/bucket/a/b/c.txt", {"tagging": [""]}, set(), "GetObjectTagging"),
        ("PUT", "/bucket/a/b/c.txt", {}, set(), "PutObject"),
        ("PUT", "/bucket/key", {}, {"x-amz-copy-source"}, "CopyObject"),
        ("PUT", "/bucket/key", {"partNumber": ["1"], "uploadId": ["u"]}, set(), "UploadPart"),
        ("PUT", "/bucket/key", {"partNumber": ["1"], "uploadId": ["u"]}, {"x-amz-copy-source"}, "UploadPartCopy"),
        ("DELETE", "/bucket", {}, set(), "DeleteBucket"),
        ("GET", "/", {}, set(), "ListBuckets"),
    ],
)
def test_s3_routes_pick_the_most_specific_operation(
    method: str, path: str, query: dict, headers: set, expected: str
) -> None:
    assert rest_routes.match_operation(["s3"], method, path, query, frozenset(headers)) == expected


def test_labels_match_one_segment_and_greedy_labels_the_rest() -> None:
    pattern, literal_length, greedy = rest_routes.compile_path("/2015-03-31/functions/{FunctionName}/invocations")
    greedy_pattern, _, greedy_count = rest_routes.compile_path("/{Bucket}/{Key+}")

    assert pattern.match("/2015-03-31/functions/my-function/invocations")
    assert not pattern.match("/2015-03-31/functions/a/b/invocations")
    assert (literal_length, greedy) == (len("/2015-03-31/functions//invocations"), 0)
    assert greedy_pattern.match("/bucket/a/b/c")
    assert not greedy_pattern.match("/bucket/")
    assert greedy_count == 1


def test_services_without_rest_routes_match_nothing() -> None:
    assert rest_routes.routes_for("ec2") == ()
    assert rest_routes.routes_for("no-such-service") == ()
    assert rest_routes.match_operation(["ec2", "no-such-service"], "POST", "/", {}, frozenset()) is None


def test_request_log_summary_counts_by_service_and_operation() -> None:
    log = RequestLog()
    log.record(operations.ApiCall("s3", "CreateBucket", True))
    log.record(operations.ApiCall("s3", "ListBuckets", False))
    log.record(operations.ApiCall("s3", "CreateBucket", True))

    summary = log.summary()

    assert summary["total"] == 3
    assert summary["mutating"] == 2
    assert summary["by_service"] == {"s3": {"CreateBucket": 2, "ListBuckets": 1}}
    log.clear()
    assert log.summary()["calls"] == []


def test_s3_control_calls_are_named_from_the_s3_control_model(emulator: EmulatorClient) -> None:
    """S3 Control signs as s3 and its paths (/v20180820/...) also fit S3's GET /{Bucket}/{Key+}: the account-level
    block public access calls are logged under their own names, not as object calls."""
    control = emulator.client("s3control")
    account = "123456789012"

    def without_account_label(request, **kwargs):
        # The emulator's endpoint is an IP address, which takes no ACCOUNT. host label.
        request.url = request.url.replace(f"//{account}.", "//", 1)

    control.meta.events.register("before-sign.s3-control.*", without_account_label)
    control.put_public_access_block(
        AccountId=account,
        PublicAccessBlockConfiguration=dict.fromkeys(
            ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"], True
        ),
    )
    control.get_public_access_block(AccountId=account)

    assert logged_operations(emulator, "s3") == ["PutPublicAccessBlock", "GetPublicAccessBlock"]
    assert [call["mutating"] for call in emulator.requests()["calls"]] == [True, False]


def test_each_call_records_the_access_key_it_was_signed_with(emulator: EmulatorClient) -> None:
    emulator.client("ec2").describe_vpcs()
    sts = emulator.client("sts")
    credentials = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/deploy", RoleSessionName="ci")["Credentials"]
    assumed = boto3.client(
        "ec2",
        endpoint_url=emulator.endpoint,
        region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    assumed.describe_vpcs()

    keys = [call["access_key_id"] for call in emulator.requests()["calls"]]
    assert keys == ["testing", "testing", credentials["AccessKeyId"]]
