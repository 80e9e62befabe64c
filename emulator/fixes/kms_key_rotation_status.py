"""KMS: ``GetKeyRotationStatus`` honours the key policy and reads false while the key is pending deletion.

AWS (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html):

* "Required permissions: kms:GetKeyRotationStatus (key policy)". A key policy statement with ``"Effect": "Deny"``
  for the caller and that action refuses the call with ``AccessDeniedException``; an explicit deny always wins
  (https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html).
* "Pending deletion: While a KMS key is pending deletion, its key rotation status is false and KMS does not rotate
  the key material. If you cancel the deletion, the original key rotation status is restored."

Moto 5.2.5 reads the key policy for ``DescribeKey`` only, and answers the stored status whatever the key state.
amazon.aws's ``kms_key`` reports ``enable_key_rotation`` as ``None`` when it may not read the status and ``false``
for a key pending deletion (its integration target checks both); here it read the stored status in both cases.

A statement applies to the caller when its ``Principal`` is ``*``, the caller's account (its number or its root
ARN) or the caller's own ARN, as ``GetCallerIdentity`` gives it; its ``Action`` names the action, ``kms:Get*`` or
``kms:*``; and its ``Resource`` is ``*`` or the key's ARN. Conditions are not evaluated: a denying statement with a
``Condition`` is left out, so that nothing is refused that AWS might allow.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from moto.kms.exceptions import AccessDeniedException
from moto.kms.models import Key
from moto.kms.responses import KmsResponse
from moto.sts.models import sts_backends

ACTION = "kms:GetKeyRotationStatus"

_original_get_key_rotation_status = KmsResponse.get_key_rotation_status


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _names_caller(principal: Any, caller_names: set[str]) -> bool:
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    return any(value == "*" or value in caller_names for value in _as_list(principal.get("AWS", [])))


def _names_action(actions: Any, action: str) -> bool:
    return any(fnmatch.fnmatchcase(action.lower(), str(pattern).lower()) for pattern in _as_list(actions))


def _names_key(resources: Any, key_arn: str) -> bool:
    return any(resource in ("*", key_arn) for resource in _as_list(resources))


def denied_by_key_policy(key: Key, action: str, caller_names: set[str]) -> bool:
    """Whether a statement of the key's policy explicitly denies the caller (known by any of ``caller_names``)
    this action on the key."""
    try:
        statements = _as_list(json.loads(key.policy).get("Statement", []))
    except (TypeError, ValueError, AttributeError):
        return False
    return any(
        str(statement.get("Effect", "")).lower() == "deny"
        and "Condition" not in statement
        and _names_caller(statement.get("Principal"), caller_names)
        and _names_action(statement.get("Action", []), action)
        and _names_key(statement.get("Resource", "*"), key.arn)
        for statement in statements
        if isinstance(statement, dict)
    )


def caller_arn(response: KmsResponse) -> str:
    """The caller's ARN as GetCallerIdentity answers it for the request's access key."""
    sts = sts_backends[response.current_account][response.partition]
    return sts.get_caller_identity(response.get_access_key(), response.region)[1]


def caller_names(response: KmsResponse, arn: str) -> set[str]:
    """What a key policy's Principal may name the caller by: its ARN, its account's number or root ARN."""
    account = response.current_account
    return {arn, account, f"arn:{response.partition}:iam::{account}:root"}


def get_key_rotation_status(self: KmsResponse) -> str:
    key_id = self._get_param("KeyId")
    self._validate_cmk_id(key_id)  # NotFoundException for an unknown key, as before
    key = self.kms_backend.keys[self.kms_backend.get_key_id(key_id)]
    caller = caller_arn(self)
    if denied_by_key_policy(key, ACTION, caller_names(self, caller)):
        raise AccessDeniedException(
            f"User: {caller} is not authorized to perform: {ACTION} on resource: {key.arn} "
            "with an explicit deny in a resource-based policy"
        )
    answer = json.loads(_original_get_key_rotation_status(self))
    if key.key_state == "PendingDeletion":
        answer["KeyRotationEnabled"] = False
    return json.dumps(answer)


def apply() -> None:
    KmsResponse.get_key_rotation_status = get_key_rotation_status
