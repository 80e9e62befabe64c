"""S3 refuses public ACLs on a bucket whose public access block sets ``BlockPublicAcls``.

AWS: with ``BlockPublicAcls`` true, "PUT Bucket acl and PUT Object acl calls fail if the specified access control
list (ACL) is public" and "PUT Object calls fail if the request includes a public ACL"; an ACL is public when it
grants anything to the ``AllUsers`` or ``AuthenticatedUsers`` group, as the canned ``public-read``,
``public-read-write`` and ``authenticated-read`` do. The call fails with ``403 AccessDenied``
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-options,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html).

Moto 5.2.5 stores the public access block but never consults it: PutBucketAcl with ``public-read`` succeeds on a
bucket that blocks public ACLs, and so does PutObject with ``x-amz-acl: public-read``. amazon.aws's s3_bucket and
s3_object targets expect those calls to fail. This checks the bucket's block before an ACL is stored.
"""

from __future__ import annotations

from typing import Any

from moto.s3.exceptions import S3AccessDeniedError
from moto.s3.models import ALL_USERS_GRANTEE, AUTHENTICATED_USERS_GRANTEE, FakeAcl, FakeBucket, S3Backend
from moto.s3.responses import S3Response

PUBLIC_GRANTEES = (ALL_USERS_GRANTEE, AUTHENTICATED_USERS_GRANTEE)


def is_public(acl: FakeAcl | None) -> bool:
    if acl is None:
        return False
    return any(grantee in PUBLIC_GRANTEES for grant in acl.grants for grantee in grant.grantees)


def blocks_public_acls(bucket: FakeBucket) -> bool:
    block = bucket.public_access_block
    return bool(block and block.block_public_acls)


def refuse_if_blocked(bucket: FakeBucket, acl: FakeAcl | None) -> None:
    if is_public(acl) and blocks_public_acls(bucket):
        raise S3AccessDeniedError()


def _checks_bucket_acl(original: Any) -> Any:
    def put_bucket_acl(self: S3Backend, bucket_name: str, acl: FakeAcl | None) -> None:
        refuse_if_blocked(self.get_bucket(bucket_name), acl)
        original(self, bucket_name, acl)

    return put_bucket_acl


def _checks_object_acl(original: Any) -> Any:
    """PutObjectAcl (moto reads an object's ACL from the headers only)."""

    def put_object_acl(self: S3Response) -> Any:
        refuse_if_blocked(self.backend.get_bucket(self.bucket_name), self._acl_from_headers(self.headers))
        return original(self)

    return put_object_acl


def _checks_acl_headers(original: Any) -> Any:
    """PutObject and CopyObject carry the new object's ACL in their headers."""

    def key_response_put(self: S3Response, query: dict[str, Any], key_name: str) -> Any:
        if "acl" not in query:  # PutObjectAcl is checked on its own.
            refuse_if_blocked(self.backend.get_bucket(self.bucket_name), self._acl_from_headers(self.headers))
        return original(self, query, key_name)

    return key_response_put


def _wrap(owner: type, name: str, wrapper: Any) -> None:
    setattr(owner, name, wrapper(getattr(owner, name)))


def apply() -> None:
    _wrap(S3Backend, "put_bucket_acl", _checks_bucket_acl)
    _wrap(S3Response, "put_object_acl", _checks_object_acl)
    _wrap(S3Response, "_key_response_put", _checks_acl_headers)
