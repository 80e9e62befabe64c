"""S3 evaluates a bucket policy's statements with their conditions, as IAM does.

AWS: a statement applies to a request only when its ``Condition`` holds; "if a condition key is not present in
the request context, the condition evaluates to false" (unless the operator ends in ``IfExists``), and a statement
that does not apply neither allows nor denies
(https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html,
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). The usual bucket
policy of a private bucket denies ``"aws:SecureTransport": "false"`` and allows a service principal on a
condition such as ``AWS:SourceArn``
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html,
https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).

Moto 5.2.5 checks a bucket policy on object requests (PutObject, GetObject, HeadObject) but ignores every
condition operator except ``StringEquals``: the deny of insecure transport then denies every request, and the
bucket's owner can neither upload nor read an object of a TLS-only bucket. This evaluates each statement as IAM
does, with the request context of a request to AWS's endpoints, which clients reach over TLS
(``aws:SecureTransport`` true); a statement that names a principal other than everyone (``*``) concerns a
service or another account, not the caller. Only S3's bucket policies change: moto's other uses of its IAM
evaluation (trust policies) stay as they are.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from moto.iam.access_control import PermissionResult
from moto.s3.models import FakeBucket

# What AWS knows of a request to its endpoints (keys in lower case: IAM compares them so).
REQUEST_CONTEXT = {"aws:securetransport": "true"}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _matches(patterns: Any, value: str) -> bool:
    return any(fnmatch.fnmatchcase(value, str(pattern)) for pattern in _as_list(patterns))


def _operator_holds(operator: str, actual: str, expected: list) -> bool:
    values = [str(value) for value in expected]
    if operator in ("Bool", "StringEqualsIgnoreCase"):
        return actual.lower() in [value.lower() for value in values]
    if operator in ("StringEquals", "ArnEquals"):
        return actual in values
    if operator in ("StringNotEquals", "ArnNotEquals"):
        return actual not in values
    if operator in ("StringLike", "ArnLike"):
        return _matches(values, actual)
    if operator in ("StringNotLike", "ArnNotLike"):
        return not _matches(values, actual)
    # An operator this evaluation does not know: the condition cannot be shown to hold.
    return False


def condition_holds(condition: dict | None) -> bool:
    for operator, pairs in (condition or {}).items():
        base, if_exists = (operator[: -len("IfExists")], True) if operator.endswith("IfExists") else (operator, False)
        for key, expected in pairs.items():
            actual = REQUEST_CONTEXT.get(key.lower())
            if base == "Null":
                if (actual is None) != (str(expected).lower() == "true"):
                    return False
            elif actual is None:
                if not if_exists:
                    return False
            elif not _operator_holds(base, actual, _as_list(expected)):
                return False
    return True


def _concerns_the_caller(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _as_list(principal.get("AWS"))


def _applies(statement: dict, action: str, resource: str) -> bool:
    if "NotAction" in statement:
        if _matches(statement["NotAction"], action):
            return False
    elif not _matches(statement.get("Action"), action):
        return False
    if "NotResource" in statement:
        if _matches(statement["NotResource"], resource):
            return False
    elif not _matches(statement.get("Resource"), resource):
        return False
    return _concerns_the_caller(statement.get("Principal")) and condition_holds(statement.get("Condition"))


def get_permission(self: FakeBucket, action: str, resource: str) -> PermissionResult:
    if self.policy is None:
        return PermissionResult.NEUTRAL
    statements = [
        s for s in _as_list(json.loads(self.policy.decode()).get("Statement")) if _applies(s, action, resource)
    ]
    if any(statement.get("Effect") == "Deny" for statement in statements):
        return PermissionResult.DENIED
    if any(statement.get("Effect") == "Allow" for statement in statements):
        return PermissionResult.PERMITTED
    return PermissionResult.NEUTRAL


def apply() -> None:
    FakeBucket.get_permission = get_permission
