"""A new bucket has ACLs disabled (BucketOwnerEnforced) and all four Block Public Access settings on, unless the
request sets an ownership. Each test fails on stock moto 5.2.5, which creates buckets with neither.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

ALL_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def _ownership(s3, bucket: str) -> str:
    return s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"][0]["ObjectOwnership"]


def test_a_new_bucket_disables_acls_and_blocks_public_access(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="defaults")
    assert _ownership(s3, "defaults") == "BucketOwnerEnforced"
    assert s3.get_public_access_block(Bucket="defaults")["PublicAccessBlockConfiguration"] == ALL_BLOCKED
    # Creating it again (us-east-1 answers an owner's repeated CreateBucket with success) changes nothing.
    s3.put_bucket_ownership_controls(
        Bucket="defaults", OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]}
    )
    s3.delete_public_access_block(Bucket="defaults")
    s3.create_bucket(Bucket="defaults")
    assert _ownership(s3, "defaults") == "BucketOwnerPreferred"
    with pytest.raises(ClientError) as error:
        s3.get_public_access_block(Bucket="defaults")
    assert error.value.response["Error"]["Code"] == "NoSuchPublicAccessBlockConfiguration"


def test_an_ownership_asked_for_at_creation_is_kept(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="writer", ObjectOwnership="ObjectWriter")
    assert _ownership(s3, "writer") == "ObjectWriter"
    assert s3.get_public_access_block(Bucket="writer")["PublicAccessBlockConfiguration"] == ALL_BLOCKED


def test_a_public_upload_to_a_new_bucket_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="defaults")
    with pytest.raises(ClientError):
        s3.put_object(Bucket="defaults", Key="page.html", Body=b"x", ACL="public-read")
    s3.put_object(Bucket="defaults", Key="page.html", Body=b"x", ACL="bucket-owner-full-control")
