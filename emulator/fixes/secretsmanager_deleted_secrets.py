"""Secrets Manager: a secret scheduled for deletion refuses reads and writes with AWS's error.

AWS (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html, Errors, and the same
section of the other operations below): ``InvalidRequestException``, "A parameter value is not valid for the
current state of the resource", first possible cause "The secret is scheduled for deletion"; its message is
"You can't perform this operation on the secret because it was marked for deletion." ``GetSecretValue``,
``PutSecretValue``, ``UpdateSecret``, ``RotateSecret`` and ``UpdateSecretVersionStage`` all answer so while the
secret waits out its recovery window; ``DescribeSecret`` still describes it (with its ``DeletedDate``) and
``RestoreSecret`` brings it back.

Moto 5.2.5 answers ``GetSecretValue`` and ``RotateSecret`` with another text ("An error occurred
(InvalidRequestException) when calling the GetSecretValue operation: You tried to perform the operation on a
secret that's currently marked deleted.", botocore's own prefix included in the message), and lets
``PutSecretValue`` and ``UpdateSecretVersionStage`` change a deleted secret. Callers tell a deleted secret from
other invalid requests by that message: amazon.aws's ``secretsmanager_secret`` lookup matches "marked for
deletion" to honour ``on_deleted=skip|warn``, and with moto's text it fails instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from moto.secretsmanager.exceptions import InvalidRequestException
from moto.secretsmanager.models import SecretsManagerBackend

MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion."
# The operations AWS refuses on a secret scheduled for deletion (each lists InvalidRequestException for it).
REFUSED_WHILE_DELETED = (
    "get_secret_value",
    "put_secret_value",
    "rotate_secret",
    "update_secret",
    "update_secret_version_stage",
)


def is_scheduled_for_deletion(backend: SecretsManagerBackend, secret_id: str) -> bool:
    """Whether the secret (by name or ARN) exists and waits out its recovery window; a missing one is left to
    the operation, which answers ResourceNotFoundException."""
    secret = backend.secrets.get(secret_id) if secret_id else None
    return secret is not None and secret.is_deleted()


def refuse_if_deleted(operation: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(operation)
    def guarded(self: SecretsManagerBackend, *args: Any, **kwargs: Any) -> Any:
        secret_id = kwargs.get("secret_id", args[0] if args else None)
        if is_scheduled_for_deletion(self, secret_id):
            raise InvalidRequestException(MARKED_FOR_DELETION)
        return operation(self, *args, **kwargs)

    return guarded


def apply() -> None:
    for name in REFUSED_WHILE_DELETED:
        setattr(SecretsManagerBackend, name, refuse_if_deleted(getattr(SecretsManagerBackend, name)))
