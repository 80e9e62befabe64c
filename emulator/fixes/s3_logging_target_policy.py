"""PutBucketLogging reads the target bucket's policy as IAM does.

AWS: a bucket's server access logs may be delivered "using a bucket policy" that grants the logging service
principal ``logging.s3.amazonaws.com`` ``s3:PutObject`` on the target bucket
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html), and a policy's
``Principal`` may be the string ``"*"``, ``Action`` and ``Resource`` a string or a list, with wildcards
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).

Moto 5.2.5 checks the target's policy statement by statement, calling ``.get`` on every ``Principal``: a
statement with ``"Principal": "*"`` (a deny of insecure transport, say) makes PutBucketLogging answer 500.
It also wants the grant's ``Resource`` spelled one of three ways. This reads each statement as IAM would:
the logging service principal (a string or a list), ``s3:PutObject`` (or a wildcard action that covers it),
and a resource that covers the objects under the target prefix.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from moto.s3.models import LOGGING_SERVICE_PRINCIPAL, FakeBucket


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _grants_logging_service(statement: dict, object_arn: str) -> bool:
    principal = statement.get("Principal")
    services = _as_list(principal.get("Service")) if isinstance(principal, dict) else []
    if statement.get("Effect") != "Allow" or LOGGING_SERVICE_PRINCIPAL not in services:
        return False
    actions = _as_list(statement.get("Action"))
    if not any(fnmatch.fnmatchcase("s3:PutObject", action) for action in actions):
        return False
    return any(fnmatch.fnmatchcase(object_arn, resource) for resource in _as_list(statement.get("Resource")))


def _log_permissions_enabled_policy(target_bucket: FakeBucket, target_prefix: str | None) -> bool:
    if not target_bucket.policy:
        return False
    document = json.loads(target_bucket.policy.decode())
    # An object the service would write: the prefix, then a log object's name.
    object_arn = f"arn:{target_bucket.partition}:s3:::{target_bucket.name}/{target_prefix or ''}log-object"
    return any(_grants_logging_service(statement, object_arn) for statement in _as_list(document.get("Statement")))


def apply() -> None:
    FakeBucket._log_permissions_enabled_policy = staticmethod(_log_permissions_enabled_policy)
