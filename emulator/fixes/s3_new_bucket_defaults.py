"""A new S3 bucket has ACLs disabled and S3 Block Public Access on, as AWS creates buckets since April 2023.

AWS: "By default, S3 Object Ownership is set to bucket owner enforced and ACLs are disabled" for a new bucket, and
"all Block Public Access settings are enabled for new buckets"; GetBucketOwnershipControls then answers
``BucketOwnerEnforced`` and GetPublicAccessBlock the four settings true, until the owner changes them
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html,
https://aws.amazon.com/about-aws/whats-new/2022/12/amazon-s3-automatically-enable-block-public-access-disable-access-control-lists-buckets-april-2023/).

Moto 5.2.5 creates a bucket without ownership controls or public access block, so it takes any ACL, public ones
included: amazon.aws's s3_object target expects an upload with ``public-read`` to a bucket created with defaults to
fail. This gives a bucket created without an ``x-amz-object-ownership`` header the ``BucketOwnerEnforced`` setting,
and every new bucket the four Block Public Access settings. A bucket created with ACL headers but no ownership
setting keeps moto's behaviour (no ownership controls) rather than being refused.
"""

from __future__ import annotations

from typing import Any

from moto.s3.models import PublicAccessBlock
from moto.s3.responses import S3Response

ACLS_DISABLED = "BucketOwnerEnforced"


def _sets_an_acl(headers: Any) -> bool:
    return any(name.lower() == "x-amz-acl" or name.lower().startswith("x-amz-grant-") for name, _ in headers.items())


def _apply_defaults(response: S3Response, request: Any, bucket_name: str) -> None:
    bucket = response.backend.buckets.get(bucket_name)
    if bucket is None:
        return
    if not request.headers.get("x-amz-object-ownership") and not _sets_an_acl(request.headers):
        bucket.ownership_rule = ACLS_DISABLED
    bucket.public_access_block = PublicAccessBlock(True, True, True, True)


def _creates_with_defaults(original: Any) -> Any:
    def bucket_response_put(self: S3Response, request: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        creating = not querystring and bucket_name not in self.backend.buckets
        result = original(self, request, bucket_name, querystring)
        if creating:
            _apply_defaults(self, request, bucket_name)
        return result

    return bucket_response_put


def apply() -> None:
    S3Response._bucket_response_put = _creates_with_defaults(S3Response._bucket_response_put)
