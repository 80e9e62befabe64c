"""RDS-managed master user passwords: the secret RDS keeps, its rotation, and turning management on or off.

AWS:

* With ``ManageMasterUserPassword``, RDS generates the master password and keeps
  it in a secret named ``rds!db-<uuid>`` (``rds!cluster-<uuid>`` for a
  cluster), encrypted with ``MasterUserSecretKmsKeyId`` (else
  ``aws/secretsmanager``), whose value is JSON ``{"username": <master
  username>, "password": <password>}``; RDS rotates it every seven days by
  default, without a Lambda function
  (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html).
* The schedule of such a managed rotation is changed with Secrets Manager
  ``RotateSecret`` and ``RotationRules``
  (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_managed.html);
  with ``RotateImmediately=false`` nothing is rotated then
  (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html).
* ``ModifyDBInstance`` with ``RotateMasterUserPassword`` stores a new password
  as the secret's ``AWSCURRENT`` version, the old one becoming ``AWSPREVIOUS``.
* ``ModifyDBInstance`` can't turn management on together with
  ``MasterUserPassword``, and turning it off needs ``MasterUserPassword``
  (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html,
  ``ManageMasterUserPassword``); both fail with ``InvalidParameterCombination``.

Moto 5.2.5 stores ``{"username": "admin", "password": "P@55w0rd!"}`` whatever
the master username, with rotation off; ``RotateMasterUserPassword`` leaves the
secret with no current value (``GetSecretValue`` fails); ``RotateSecret``
with ``RotateImmediately=false`` adds a version; and it takes any combination
of the management parameters. The rds role's copy of the managed password into
the credentials secret, and appstack.aws ``rds_instance_master_user_secret``'s
rotation schedule, can't be checked without this.
"""

from __future__ import annotations

import json
import secrets
import string
import time
from typing import Any

from moto.rds.exceptions import InvalidParameterCombination
from moto.rds.models import MasterUserSecret, RDSBackend
from moto.secretsmanager.exceptions import InvalidParameterException
from moto.secretsmanager.models import SecretsManagerBackend

# RDS passwords: printable ASCII except "/", '"', "@" and space.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits + string.punctuation if c not in '/"@')
PASSWORD_LENGTH = 28
DEFAULT_ROTATION_DAYS = 7
OWNING_SERVICE = "rds"

_original_init = MasterUserSecret.__init__
# Read when the fix is applied, so that a fix applied before it is kept.
_original_modify_db_instance = RDSBackend.modify_db_instance
_original_rotate_secret = SecretsManagerBackend.rotate_secret


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _secret_string(self: MasterUserSecret) -> str:
    """The first value of the secret: the master username and a new password, which the master user gets."""
    password = new_password()
    self.resource.master_user_password = password
    return json.dumps({"username": self.resource.master_username, "password": password})


def _init(self: MasterUserSecret, resource: Any, kms_key_id: str | None) -> None:
    _original_init(self, resource, kms_key_id)
    # RDS hands Secrets Manager the key's ARN, whichever way the key was named.
    self.secret.kms_key_id = self.kms_key_id
    self.secret.rotation_enabled = True
    self.secret.rotation_requested = True
    self.secret.auto_rotate_after_days = DEFAULT_ROTATION_DAYS


def _rotate(self: MasterUserSecret) -> None:
    """A new password, stored as the AWSCURRENT version, and given to the master user."""
    self._status = "rotating"
    self.secretsmanager.put_secret_value(
        secret_id=self.secret.arn,
        secret_string=_secret_string(self),
        secret_binary=None,
        client_request_token=None,
        version_stages=["AWSCURRENT"],
    )


def modify_db_instance(self: RDSBackend, db_instance_identifier: str, db_kwargs: dict[str, Any]) -> Any:
    manage = db_kwargs.get("manage_master_user_password")
    if manage is True and db_kwargs.get("master_user_password"):
        raise InvalidParameterCombination(
            "You can't specify MasterUserPassword when ManageMasterUserPassword is turned on."
        )
    if manage is False and not db_kwargs.get("master_user_password"):
        instance = self.describe_db_instances(db_instance_identifier)[0]
        if getattr(instance, "master_user_secret", None) is not None:
            raise InvalidParameterCombination(
                "You must specify MasterUserPassword when you turn off ManageMasterUserPassword."
            )
    return _original_modify_db_instance(self, db_instance_identifier, db_kwargs)


def rotate_secret(
    self: SecretsManagerBackend,
    secret_id: str,
    client_request_token: str | None = None,
    rotation_lambda_arn: str | None = None,
    rotation_rules: dict[str, Any] | None = None,
    rotate_immediately: bool = True,
) -> str:
    secret = self.secrets[secret_id] if self._is_valid_identifier(secret_id) else None
    if secret is None or secret.owning_service != OWNING_SERVICE or rotate_immediately or rotation_lambda_arn:
        return _original_rotate_secret(
            self, secret_id, client_request_token, rotation_lambda_arn, rotation_rules, rotate_immediately
        )
    # A managed rotation's new schedule: nothing is rotated now, and no version is added.
    days = (rotation_rules or {}).get("AutomaticallyAfterDays")
    if days is not None:
        if not 1 <= int(days) <= 1000:
            raise InvalidParameterException("RotationRules.AutomaticallyAfterDays must be within 1-1000.")
        secret.auto_rotate_after_days = int(days)
        secret.rotation_enabled = True
        secret.rotation_requested = True
        last = secret.last_rotation_date or secret.created_date or int(time.time())
        secret.next_rotation_date = int(last) + int(days) * 86400
    return secret.to_short_dict()


def apply() -> None:
    global _original_modify_db_instance, _original_rotate_secret
    _original_modify_db_instance = RDSBackend.modify_db_instance
    _original_rotate_secret = SecretsManagerBackend.rotate_secret
    MasterUserSecret.__init__ = _init
    MasterUserSecret._generate_secret_string = _secret_string
    MasterUserSecret.rotate_secret = _rotate
    RDSBackend.modify_db_instance = modify_db_instance
    SecretsManagerBackend.rotate_secret = rotate_secret
