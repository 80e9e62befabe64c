"""A bucket whose Object Ownership is BucketOwnerEnforced refuses ACLs (AccessControlListNotSupported) except
bucket-owner-full-control on a new object. The refusals fail on stock moto 5.2.5, which applies every ACL.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def _enforced_bucket(s3: Any) -> None:
    s3.create_bucket(Bucket="enforced", ObjectOwnership="BucketOwnerEnforced")
    s3.delete_public_access_block(Bucket="enforced")  # What is refused then is the ACL itself.


def _assert_acls_not_supported(error: pytest.ExceptionInfo[ClientError]) -> None:
    assert error.value.response["Error"]["Code"] == "AccessControlListNotSupported"
    assert error.value.response["Error"]["Message"] == "The bucket does not allow ACLs"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_an_object_acl_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _enforced_bucket(s3)
    s3.put_object(Bucket="enforced", Key="a.txt", Body=b"x")
    with pytest.raises(ClientError) as error:
        s3.put_object_acl(Bucket="enforced", Key="a.txt", ACL="bucket-owner-full-control")
    _assert_acls_not_supported(error)
    # Completing a multipart upload sets no ACL of the caller's, so it goes through.
    upload_id = s3.create_multipart_upload(Bucket="enforced", Key="big.bin")["UploadId"]
    etag = s3.upload_part(Bucket="enforced", Key="big.bin", UploadId=upload_id, PartNumber=1, Body=b"x")["ETag"]
    parts = {"Parts": [{"PartNumber": 1, "ETag": etag}]}
    s3.complete_multipart_upload(Bucket="enforced", Key="big.bin", UploadId=upload_id, MultipartUpload=parts)
    assert s3.get_object(Bucket="enforced", Key="big.bin")["Body"].read() == b"x"


def test_a_bucket_acl_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _enforced_bucket(s3)
    with pytest.raises(ClientError) as error:
        s3.put_bucket_acl(Bucket="enforced", ACL="private")
    _assert_acls_not_supported(error)
    s3.create_bucket(Bucket="preferred", ObjectOwnership="BucketOwnerPreferred")  # ACLs enabled: taken.
    s3.put_bucket_acl(Bucket="preferred", ACL="private")


def test_an_object_put_with_a_grant_beyond_the_owner_is_refused(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _enforced_bucket(s3)
    with pytest.raises(ClientError) as error:
        s3.put_object(Bucket="enforced", Key="a.txt", Body=b"x", ACL="public-read")
    _assert_acls_not_supported(error)
    s3.put_object(Bucket="enforced", Key="b.txt", Body=b"x", ACL="bucket-owner-full-control")
    s3.put_object(Bucket="enforced", Key="c.txt", Body=b"x", ACL="private")
    assert [item["Key"] for item in s3.list_objects_v2(Bucket="enforced")["Contents"]] == ["b.txt", "c.txt"]
