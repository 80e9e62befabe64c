"""A bucket whose public access block sets BlockPublicAcls refuses public ACLs (AccessDenied) and still takes
private ones. The refusals fail on stock moto 5.2.5, which never consults the block.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def _blocking_bucket(s3: Any, name: str) -> None:
    s3.create_bucket(Bucket=name, ObjectOwnership="ObjectWriter")
    s3.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )


def _assert_access_denied(error: pytest.ExceptionInfo[ClientError]) -> None:
    assert error.value.response["Error"]["Code"] == "AccessDenied"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


@pytest.mark.parametrize("acl", ["public-read", "public-read-write", "authenticated-read"])
def test_a_public_bucket_acl_is_refused(emulator: EmulatorClient, acl: str) -> None:
    s3 = emulator.client("s3")
    _blocking_bucket(s3, "blocking")
    with pytest.raises(ClientError) as error:
        s3.put_bucket_acl(Bucket="blocking", ACL=acl)
    _assert_access_denied(error)
    grantees = [grant["Grantee"] for grant in s3.get_bucket_acl(Bucket="blocking")["Grants"]]
    assert all(grantee["Type"] == "CanonicalUser" for grantee in grantees)
    s3.put_bucket_acl(Bucket="blocking", ACL="private")  # A private ACL is no public one.
    s3.delete_public_access_block(Bucket="blocking")
    s3.put_bucket_acl(Bucket="blocking", ACL=acl)  # Lifting the block lets it in.
    assert any(grant["Grantee"]["Type"] == "Group" for grant in s3.get_bucket_acl(Bucket="blocking")["Grants"])


def test_an_object_put_with_a_public_acl_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _blocking_bucket(s3, "blocking")
    with pytest.raises(ClientError) as error:
        s3.put_object(Bucket="blocking", Key="report.txt", Body=b"x", ACL="public-read")
    _assert_access_denied(error)
    assert s3.list_objects_v2(Bucket="blocking")["KeyCount"] == 0


def test_a_public_object_acl_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _blocking_bucket(s3, "blocking")
    s3.put_object(Bucket="blocking", Key="report.txt", Body=b"x", ACL="bucket-owner-full-control")
    with pytest.raises(ClientError) as error:
        s3.put_object_acl(Bucket="blocking", Key="report.txt", ACL="public-read")
    _assert_access_denied(error)
