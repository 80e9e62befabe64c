"""S3 bucket policies as AWS reads them: PutBucketLogging takes a target bucket whose policy grants the logging
service, whatever else the policy says (a deny with "Principal": "*", say), and a statement applies only when its
condition holds. Each test fails on stock moto 5.2.5.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
"""

from __future__ import annotations

import json

import pytest

from emulator.client import EmulatorClient


def _target_policy(grant_resource: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                },
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "logging.s3.amazonaws.com"},
                    "Action": "s3:PutObject",
                    "Resource": grant_resource,
                },
            ],
        }
    )


def _buckets(s3, grant_resource: str) -> None:
    s3.create_bucket(Bucket="site")
    s3.create_bucket(Bucket="logs")
    s3.put_bucket_policy(Bucket="logs", Policy=_target_policy(grant_resource))


def test_a_policy_with_a_star_principal_and_a_wildcard_grant_lets_logs_in(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _buckets(s3, "arn:aws:s3:::logs/s3/*")
    s3.put_bucket_logging(
        Bucket="site", BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "logs", "TargetPrefix": "s3/site/"}}
    )
    assert s3.get_bucket_logging(Bucket="site")["LoggingEnabled"] == {
        "TargetBucket": "logs",
        "TargetPrefix": "s3/site/",
    }


def test_a_grant_that_does_not_cover_the_prefix_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _buckets(s3, "arn:aws:s3:::logs/other/*")
    with pytest.raises(s3.exceptions.ClientError, match="InvalidTargetBucketForLogging"):
        s3.put_bucket_logging(
            Bucket="site", BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "logs", "TargetPrefix": "s3/site/"}}
        )


# --- Bucket policies: conditions decide whether a statement applies ---------------------------------------

TLS_ONLY_CLOUDFRONT_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::site", "arn:aws:s3:::site/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        },
        {
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::site/*",
            "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1"}},
        },
    ],
}


def test_the_owner_uploads_to_and_reads_a_tls_only_bucket(emulator: EmulatorClient) -> None:
    """AWS: a statement whose condition does not hold does not apply; requests to AWS arrive over TLS.
    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html"""
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="site")
    s3.put_bucket_policy(Bucket="site", Policy=json.dumps(TLS_ONLY_CLOUDFRONT_READ))
    s3.put_object(Bucket="site", Key="index.html", Body=b"<html></html>")
    assert s3.get_object(Bucket="site", Key="index.html")["Body"].read() == b"<html></html>"


def test_a_deny_that_applies_still_denies(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="site")
    s3.put_object(Bucket="site", Key="secret.txt", Body=b"x")
    deny = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Deny",
                "Principal": {"AWS": "*"},
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::site/*",
                "Condition": {"Bool": {"aws:SecureTransport": "true"}},
            }
        ],
    }
    s3.put_bucket_policy(Bucket="site", Policy=json.dumps(deny))
    with pytest.raises(s3.exceptions.ClientError, match="403"):
        s3.get_object(Bucket="site", Key="secret.txt")
