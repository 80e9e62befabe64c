"""The s3_cloudfront role's buckets compared, from one amazon.aws.s3_bucket_info read, as its S3 modules compare."""

import json

from ansible_collections.appstack.aws.plugins.filter.s3_cloudfront_bucket_drift import (
    FilterModule,
    lifecycle_rule,
    s3_cloudfront_bucket_drift,
    s3_cloudfront_common_prefix,
    s3_cloudfront_drift_messages,
)

NAME = "smartscheduler-frontend-prod"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowTheDistributionToRead",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{NAME}/*",
        }
    ],
}
RULE = {"rule_id": "noncurrent-versions", "prefix": "", "noncurrent_version_expiration_days": 30}
ASKED = {
    "name": NAME,
    "versioning": True,
    "encryption": "AES256",
    "public_access": {
        "block_public_acls": True,
        "ignore_public_acls": True,
        "block_public_policy": True,
        "restrict_public_buckets": True,
    },
    "object_ownership": "BucketOwnerEnforced",
    "tags": {"Environment": "prod"},
    "purge_tags": True,
    "policy": POLICY,
    "lifecycle_rules": [RULE],
    "logging": {"target_bucket": f"{NAME}-logs", "target_prefix": f"s3/{NAME}/"},
    "cors_rules": [{"allowed_origins": ["https://d1.cloudfront.net"], "allowed_methods": ["GET", "PUT"]}],
}
LOG_DELIVERY = {
    "Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery", "Type": "Group"},
    "Permission": "FULL_CONTROL",
}


def read_bucket(**changes):
    """A bucket as s3_bucket_info reads it when it is as ASKED."""
    bucket = {
        "name": NAME,
        "bucket_versioning": {"Status": "Enabled"},
        "bucket_encryption": {
            "ServerSideEncryptionConfiguration": {
                "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}]
            }
        },
        "public_access_block": {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            }
        },
        "bucket_ownership_controls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}},
        "bucket_tagging": {"Environment": "prod"},
        "bucket_policy": {"Policy": json.dumps(POLICY)},
        "bucket_lifecycle_configuration": {
            "Rules": [
                {
                    "ID": "noncurrent-versions",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                }
            ]
        },
        "bucket_logging": {"LoggingEnabled": {"TargetBucket": f"{NAME}-logs", "TargetPrefix": f"s3/{NAME}/"}},
        "bucket_cors": {
            "CORSRules": [{"AllowedMethods": ["PUT", "GET"], "AllowedOrigins": ["https://d1.cloudfront.net"]}]
        },
        "bucket_acl": {"Grants": [LOG_DELIVERY]},
    }
    bucket.update(changes)
    return bucket


def test_a_bucket_as_asked_has_no_drift():
    drift = s3_cloudfront_bucket_drift([{"name": "other"}, read_bucket()], ASKED)
    assert drift == {
        "name": NAME,
        "missing": False,
        "values": {"before": {}, "after": {}},
        "settings": [],
        "policy": [],
        "lifecycle": {},
        "logging": [],
        "cors": [],
    }
    assert s3_cloudfront_drift_messages([drift, {}]) == []


def test_a_missing_bucket_differs_in_everything_asked():
    drift = s3_cloudfront_bucket_drift([], ASKED)
    assert drift["missing"] is True
    assert drift["settings"][0] == f"bucket {NAME} does not exist"
    assert drift["policy"] == [f"bucket {NAME}: there is no bucket policy"]
    assert list(drift["lifecycle"]) == ["noncurrent-versions"]
    assert drift["logging"] and drift["cors"]


def test_each_setting_of_amazon_aws_s3_bucket_is_compared():
    bucket = read_bucket(
        bucket_versioning={},
        bucket_encryption={},
        public_access_block={"PublicAccessBlockConfiguration": {"BlockPublicAcls": True}},
        bucket_ownership_controls={"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}},
        bucket_tagging={"Environment": "dev", "Extra": "x"},
    )
    assert s3_cloudfront_bucket_drift([bucket], ASKED)["settings"] == [
        f"bucket {NAME}: versioning is off",
        f"bucket {NAME}: default encryption is not set",
        f"bucket {NAME}: public access block IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets differ",
        f"bucket {NAME}: object ownership is ObjectWriter",
        f"bucket {NAME}: tags to set ['Environment'], to remove ['Extra']",
    ]


def test_the_values_of_each_differing_setting_are_given_live_and_asked():
    bucket = read_bucket(
        bucket_versioning={},
        public_access_block={"PublicAccessBlockConfiguration": {"BlockPublicAcls": True}},
        bucket_ownership_controls={"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}},
        bucket_tagging={"Environment": "dev"},
    )
    values = s3_cloudfront_bucket_drift([bucket], ASKED)["values"]
    assert values["before"] == {
        "versioning": False,
        "public_access.ignore_public_acls": False,
        "public_access.block_public_policy": False,
        "public_access.restrict_public_buckets": False,
        "object_ownership": "ObjectWriter",
        "tags": {"Environment": "dev"},
    }
    assert values["after"] == {
        "versioning": True,
        "public_access.ignore_public_acls": True,
        "public_access.block_public_policy": True,
        "public_access.restrict_public_buckets": True,
        "object_ownership": "BucketOwnerEnforced",
        "tags": ASKED["tags"],
    }
    assert s3_cloudfront_bucket_drift([], ASKED)["values"] == {"before": {}, "after": {"state": "present"}}


def test_a_kms_key_and_the_bucket_key_are_compared():
    kms = {
        **ASKED,
        "encryption": "aws:kms",
        "encryption_key_id": "arn:aws:kms:us-east-1:1:key/a",
        "bucket_key_enabled": True,
    }
    current = read_bucket(
        bucket_encryption={
            "ServerSideEncryptionConfiguration": {
                "Rules": [
                    {
                        "ApplyServerSideEncryptionByDefault": {
                            "SSEAlgorithm": "aws:kms",
                            "KMSMasterKeyID": "arn:aws:kms:us-east-1:1:key/a",
                        },
                        "BucketKeyEnabled": False,
                    }
                ]
            }
        }
    )
    assert s3_cloudfront_bucket_drift([current], kms)["settings"] == [f"bucket {NAME}: the S3 Bucket Key is off"]


def test_the_policy_is_compared_by_meaning():
    reordered = json.dumps({"Statement": POLICY["Statement"], "Version": "2012-10-17"}, indent=4)
    assert s3_cloudfront_bucket_drift([read_bucket(bucket_policy={"Policy": reordered})], ASKED)["policy"] == []
    other = {**POLICY, "Statement": [{**POLICY["Statement"][0], "Action": "s3:*"}]}
    changed = s3_cloudfront_bucket_drift([read_bucket(bucket_policy={"Policy": json.dumps(other)})], ASKED)
    assert changed["policy"] == [f"bucket {NAME}: the bucket policy differs"]


def test_a_key_left_out_is_not_compared():
    bucket = read_bucket(bucket_policy={}, bucket_cors={}, bucket_versioning={})
    drift = s3_cloudfront_bucket_drift([bucket], {"name": NAME, "encryption": "AES256"})
    assert s3_cloudfront_drift_messages(drift) == []


def test_each_lifecycle_rule_is_compared_by_id_as_s3_lifecycle_writes_it():
    temp = {
        "rule_id": "temp-uploads",
        "prefix": "temp/",
        "expiration_days": "1",
        "abort_incomplete_multipart_upload_days": 1,
    }
    asked = {"name": NAME, "lifecycle_rules": [RULE, temp]}
    current = read_bucket()["bucket_lifecycle_configuration"]["Rules"] + [
        {**lifecycle_rule(temp), "Filter": {}, "Prefix": "temp/"}
    ]
    assert (
        s3_cloudfront_bucket_drift([read_bucket(bucket_lifecycle_configuration={"Rules": current})], asked)["lifecycle"]
        == {}
    )
    shorter = [{**current[0], "NoncurrentVersionExpiration": {"NoncurrentDays": 7}}, current[1]]
    drift = s3_cloudfront_bucket_drift([read_bucket(bucket_lifecycle_configuration={"Rules": shorter})], asked)
    assert drift["lifecycle"] == {"noncurrent-versions": f"bucket {NAME}: lifecycle rule noncurrent-versions differs"}


def test_logging_and_the_log_delivery_grant_are_compared():
    drift = s3_cloudfront_bucket_drift([read_bucket(bucket_logging={})], ASKED)
    assert drift["logging"] == [f"bucket {NAME}: server access logs go to nowhere"]
    log_bucket = {"name": NAME, "log_delivery_acl": True}
    assert s3_cloudfront_bucket_drift([read_bucket(bucket_acl={"Grants": []})], log_bucket)["logging"] == [
        f"bucket {NAME}: its ACL does not let the S3 log delivery group write"
    ]
    assert s3_cloudfront_bucket_drift([read_bucket()], log_bucket)["logging"] == []


def test_cors_rules_are_compared_whatever_the_order_of_their_lists():
    other_origin = {"CORSRules": [{"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": ["https://d2.cloudfront.net"]}]}
    assert s3_cloudfront_bucket_drift([read_bucket(bucket_cors=other_origin)], ASKED)["cors"] == [
        f"bucket {NAME}: the CORS rules differ"
    ]


def test_the_common_prefix_finds_every_bucket_in_one_list_call():
    names = [NAME, f"{NAME}-logs", f"{NAME}-assets"]
    assert s3_cloudfront_common_prefix(names) == NAME
    assert s3_cloudfront_common_prefix(["app-site", "app-logs"]) == "app-"
    assert s3_cloudfront_common_prefix([]) == ""


def test_the_filters_are_registered():
    assert set(FilterModule().filters()) == {
        "s3_cloudfront_bucket_drift",
        "s3_cloudfront_common_prefix",
        "s3_cloudfront_drift_messages",
    }
