"""KMS: the key state operations accept a key ARN, and answer with the key's ARN, as AWS does.

AWS: ``EnableKey``, ``DisableKey``, ``ScheduleKeyDeletion`` and ``CancelKeyDeletion`` identify the KMS key by
"key ID or key ARN" (https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html, ``KeyId``; the same
for API_EnableKey.html, API_ScheduleKeyDeletion.html, API_CancelKeyDeletion.html). ``ScheduleKeyDeletion`` and
``CancelKeyDeletion`` answer ``KeyId`` "The Amazon Resource Name (key ARN) of the KMS key"; ``ScheduleKeyDeletion``
also ``KeyState`` (``PendingDeletion``) and ``PendingWindowInDays``.

Moto 5.2.5 validates the ARN and then looks the key up by the text it was given, so each of these calls fails
with HTTP 500 (``KeyError``) when given a key ARN, and the two deletion calls echo the given identifier instead of
the ARN. amazon.aws's ``kms_key`` addresses keys by ARN: it could not disable, re-enable, delete or restore a key.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from moto.kms.models import KmsBackend
from moto.kms.responses import KmsResponse

# KmsBackend methods that look the key up by exactly the identifier they are given.
TAKE_KEY_ID_OR_ARN = ("enable_key", "disable_key", "schedule_key_deletion", "cancel_key_deletion")

_original_schedule_key_deletion = KmsResponse.schedule_key_deletion
_original_cancel_key_deletion = KmsResponse.cancel_key_deletion


def accept_key_arn(operation: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(operation)
    def by_key_id(self: KmsBackend, key_id: str, *args: Any, **kwargs: Any) -> Any:
        return operation(self, self.get_key_id(key_id), *args, **kwargs)

    return by_key_id


def _with_key_arn(response: KmsResponse, body: str) -> dict[str, Any]:
    """The answer of a deletion call, its KeyId made the key's ARN."""
    answer = json.loads(body)
    key = response.kms_backend.keys[response.kms_backend.get_key_id(response._get_param("KeyId"))]
    answer["KeyId"] = key.arn
    return answer


def schedule_key_deletion(self: KmsResponse) -> str:
    answer = _with_key_arn(self, _original_schedule_key_deletion(self))
    key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
    answer["KeyState"] = key.key_state
    answer["PendingWindowInDays"] = int(self._get_param("PendingWindowInDays") or 30)
    return json.dumps(answer)


def cancel_key_deletion(self: KmsResponse) -> str:
    return json.dumps(_with_key_arn(self, _original_cancel_key_deletion(self)))


def apply() -> None:
    for name in TAKE_KEY_ID_OR_ARN:
        setattr(KmsBackend, name, accept_key_arn(getattr(KmsBackend, name)))
    KmsResponse.schedule_key_deletion = schedule_key_deletion
    KmsResponse.cancel_key_deletion = cancel_key_deletion
