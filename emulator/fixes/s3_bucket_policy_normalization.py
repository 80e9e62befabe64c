"""S3 returns a bucket policy in its stored, normalised form.

AWS: S3 parses a bucket policy on PutBucketPolicy and GetBucketPolicy returns the document it stored, not the bytes
that were sent: whitespace is dropped and a one-element list inside a statement (``"Action": ["s3:GetObject"]``,
``"Resource": [arn]``, a principal's or a condition's single value) comes back as the single value
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html; amazon.aws's integration target
s3_bucket, run against AWS, puts ``"Action": ["s3:GetObject"]`` and asserts the policy reads back with
``Action == "s3:GetObject"``).

Moto 5.2.5 stores and returns the request body verbatim. This stores the document as S3 does; a body that is not
JSON is left for moto to handle as before.
"""

from __future__ import annotations

import json
from typing import Any

from moto.s3.models import S3Backend


def _collapse_single_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _collapse_single_values(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_collapse_single_values(item) for item in value]
        return items[0] if len(items) == 1 else items
    return value


def normalised_policy(policy: bytes | str) -> bytes | str:
    try:
        document = json.loads(policy)
    except (TypeError, ValueError):
        return policy
    if not isinstance(document, dict):
        return policy
    statements = document.get("Statement")
    if isinstance(statements, list):  # The statement list itself stays a list, even with one statement.
        document["Statement"] = [_collapse_single_values(statement) for statement in statements]
    elif isinstance(statements, dict):
        document["Statement"] = _collapse_single_values(statements)
    return json.dumps(document, separators=(",", ":")).encode()


def _stores_normalised_policy(original: Any) -> Any:
    def put_bucket_policy(self: S3Backend, bucket_name: str, policy: bytes) -> None:
        original(self, bucket_name, normalised_policy(policy))

    return put_bucket_policy


def apply() -> None:
    S3Backend.put_bucket_policy = _stores_normalised_policy(S3Backend.put_bucket_policy)
