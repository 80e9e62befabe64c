"""S3 refuses ACLs on a bucket whose Object Ownership is ``BucketOwnerEnforced``.

AWS: with the bucket owner enforced setting "ACLs are disabled and no longer affect permissions"; "requests to set
ACLs or update ACLs fail and return the AccessControlListNotSupported error code", so PutBucketAcl and PutObjectAcl
fail, and the bucket "only accepts PUT requests that don't specify an ACL or PUT requests that specify bucket owner
full control ACLs, such as the bucket-owner-full-control canned ACL" (400 ``AccessControlListNotSupported``, "The
bucket does not allow ACLs"); the canned ``private`` ACL grants the owner alone and is accepted as well (amazon.aws's
s3_object uploads with ``private`` by default and its target passes against AWS on buckets with ACLs disabled)
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).

Moto 5.2.5 stores the ownership setting but applies ACLs whatever it says. amazon.aws's s3_object expects the
ACL it sets on an object of such a bucket to be refused, and warns "The bucket does not allow ACLs". This refuses
ACL changes on such buckets, and PutObject or CopyObject with an ACL that grants more than the owner.
"""

from __future__ import annotations

from typing import Any

from moto.s3.exceptions import S3ClientError
from moto.s3.models import FakeAcl, FakeBucket, S3Backend
from moto.s3.responses import S3Response

ACLS_DISABLED = "BucketOwnerEnforced"
# The canned ACLs a bucket with ACLs disabled accepts on a new object: they grant the bucket owner full control and
# nothing else, which is what disabled ACLs mean anyway.
OWNER_ONLY_ACLS = ("bucket-owner-full-control", "private")


class AccessControlListNotSupported(S3ClientError):
    code = "AccessControlListNotSupported"
    message = "The bucket does not allow ACLs"


def acls_disabled(bucket: FakeBucket) -> bool:
    return bucket.ownership_rule == ACLS_DISABLED


def _refuses_bucket_acl(original: Any) -> Any:
    def put_bucket_acl(self: S3Backend, bucket_name: str, acl: FakeAcl | None) -> None:
        if acls_disabled(self.get_bucket(bucket_name)):
            raise AccessControlListNotSupported()
        original(self, bucket_name, acl)

    return put_bucket_acl


def _refuses_object_acl(original: Any) -> Any:
    """PutObjectAcl; moto's backend also sets an ACL when it completes a multipart upload, which stays allowed."""

    def put_object_acl(self: S3Response) -> Any:
        if acls_disabled(self.backend.get_bucket(self.bucket_name)):
            raise AccessControlListNotSupported()
        return original(self)

    return put_object_acl


def _sets_an_acl_beyond_the_owner(headers: Any) -> bool:
    canned = headers.get("x-amz-acl")
    if canned and canned not in OWNER_ONLY_ACLS:
        return True
    return any(name.lower().startswith("x-amz-grant-") for name, _ in headers.items())


def _refuses_acl_headers(original: Any) -> Any:
    """PutObject and CopyObject carry the new object's ACL in their headers."""

    def key_response_put(self: S3Response, query: dict[str, Any], key_name: str) -> Any:
        sets_an_acl = "acl" not in query and _sets_an_acl_beyond_the_owner(self.headers)
        if sets_an_acl and acls_disabled(self.backend.get_bucket(self.bucket_name)):
            raise AccessControlListNotSupported()
        return original(self, query, key_name)

    return key_response_put


def _wrap(owner: type, name: str, wrapper: Any) -> None:
    setattr(owner, name, wrapper(getattr(owner, name)))


def apply() -> None:
    _wrap(S3Backend, "put_bucket_acl", _refuses_bucket_acl)
    _wrap(S3Response, "put_object_acl", _refuses_object_acl)
    _wrap(S3Response, "_key_response_put", _refuses_acl_headers)
