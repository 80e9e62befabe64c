# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""RDS DB instance helpers for appstack.aws.rds_instance_master_user_secret: the RDS-managed master user secret.

API helpers expect clients created with ``retry_decorator=AWSRetry.jittered_backoff()`` and raise
AnsibleRDSError, which a module turns into a failure with ``fail_json_aws_error``.  Nothing here reads or
returns a secret value.
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory, custom_waiter_config

POLL_DELAY_SECONDS = 10
# Secrets Manager RotationRules.AutomaticallyAfterDays.
ROTATION_DAYS_RANGE = (1, 1000)
# How often RDS rotates a managed master user secret unless told otherwise.
RDS_DEFAULT_ROTATION_DAYS = 7
KEY_ARN = re.compile(r"^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key/[\w-]+$")
RATE_IN_DAYS = re.compile(r"^rate\((\d+) days?\)$")


class AnsibleRDSError(AnsibleAWSError):
    pass


class RDSErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleRDSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("DBInstanceNotFound")


class SecretsManagerErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleRDSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


class RDSInstanceWaiterFactory(BaseWaiterFactory):
    """Waits on the master user secret, which botocore's rds waiters don't look at."""

    @property
    def _waiter_model_data(self):
        secret_status = "DBInstances[0].MasterUserSecret.SecretStatus"
        return {
            "master_user_secret_active": {
                "operation": "DescribeDBInstances",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 90,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": secret_status, "expected": "active"},
                    {"state": "retry", "matcher": "path", "argument": secret_status, "expected": "creating"},
                    {"state": "retry", "matcher": "path", "argument": secret_status, "expected": "rotating"},
                    {"state": "failure", "matcher": "path", "argument": secret_status, "expected": "impaired"},
                ],
            },
        }


@RDSErrorHandler.list_error_handler("describe DB instance", None)
def describe_db_instance(client, db_instance_identifier):
    """The DB instance as boto3 describes it, or None."""
    instances = client.describe_db_instances(aws_retry=True, DBInstanceIdentifier=db_instance_identifier)
    return instances["DBInstances"][0] if instances["DBInstances"] else None


@RDSErrorHandler.common_error_handler("modify DB instance")
def modify_db_instance(client, db_instance_identifier, **changes):
    """ModifyDBInstance, applied immediately; returns the instance as RDS answers."""
    return client.modify_db_instance(
        aws_retry=True, DBInstanceIdentifier=db_instance_identifier, ApplyImmediately=True, **changes
    )["DBInstance"]


@RDSErrorHandler.common_error_handler("wait for DB instance")
def wait_for_instance_available(client, db_instance_identifier, timeout):
    waiter = client.get_waiter("db_instance_available")
    waiter.wait(
        DBInstanceIdentifier=db_instance_identifier,
        WaiterConfig=custom_waiter_config(timeout=timeout, default_pause=POLL_DELAY_SECONDS),
    )


@RDSErrorHandler.common_error_handler("wait for master user secret")
def wait_for_secret_active(client, db_instance_identifier, timeout):
    waiter = RDSInstanceWaiterFactory().get_waiter(client, "master_user_secret_active")
    waiter.wait(
        DBInstanceIdentifier=db_instance_identifier,
        WaiterConfig=custom_waiter_config(timeout=timeout, default_pause=POLL_DELAY_SECONDS),
    )


@SecretsManagerErrorHandler.list_error_handler("describe master user secret", None)
def describe_secret(client, secret_arn):
    return client.describe_secret(aws_retry=True, SecretId=secret_arn)


@SecretsManagerErrorHandler.common_error_handler("set the rotation schedule of the master user secret")
def set_rotation_schedule(client, secret_arn, days):
    """Change the schedule of a managed secret without rotating it now (and without a Lambda function)."""
    client.rotate_secret(
        aws_retry=True, SecretId=secret_arn, RotationRules={"AutomaticallyAfterDays": days}, RotateImmediately=False
    )


@RDSErrorHandler.common_error_handler("describe KMS key")
def key_arn(kms_client, key_id):
    """The ARN of a KMS key given by ARN, id, alias name or alias ARN."""
    if KEY_ARN.match(key_id):
        return key_id
    return kms_client.describe_key(aws_retry=True, KeyId=key_id)["KeyMetadata"]["Arn"]


def master_user_secret(instance):
    """The instance's MasterUserSecret as a snake_case dict, or None when RDS doesn't manage the password."""
    secret = (instance or {}).get("MasterUserSecret")
    if not secret:
        return None
    return {
        "secret_arn": secret.get("SecretArn"),
        "secret_status": secret.get("SecretStatus"),
        "kms_key_id": secret.get("KmsKeyId"),
    }


def rotation_of(secret):
    """{enabled, automatically_after_days} of a described secret (days read from a rate() schedule too)."""
    if secret is None:
        return {"enabled": False, "automatically_after_days": None}
    rules = secret.get("RotationRules") or {}
    days = rules.get("AutomaticallyAfterDays")
    if days is None:
        match = RATE_IN_DAYS.match(rules.get("ScheduleExpression") or "")
        days = int(match.group(1)) if match else None
    return {"enabled": bool(secret.get("RotationEnabled")), "automatically_after_days": days}


def plan_management(managed, params, current_kms_key_arn, wanted_kms_key_arn):
    """The ModifyDBInstance parameters that bring management of the master password to params.

    Returns (changes, problem): changes is empty when nothing must change; problem, when set, is why the change
    asked for can't be made (and nothing must be called).
    """
    wanted = params.get("manage_master_user_password")
    if wanted is None:
        wanted = managed
    if wanted and not managed:
        if params.get("master_user_password"):
            return {}, "master_user_password can't be set when RDS manages the master password."
        changes = {"ManageMasterUserPassword": True}
        if params.get("master_user_secret_kms_key_id"):
            changes["MasterUserSecretKmsKeyId"] = params["master_user_secret_kms_key_id"]
        return changes, None
    if not wanted and managed:
        if not params.get("master_user_password"):
            return {}, (
                "Turning off manage_master_user_password needs master_user_password: RDS deletes the managed secret"
                " and the master user gets that password."
            )
        return {"ManageMasterUserPassword": False, "MasterUserPassword": params["master_user_password"]}, None
    if wanted and wanted_kms_key_arn and wanted_kms_key_arn != current_kms_key_arn:
        return {}, (
            f"The master user secret is encrypted with {current_kms_key_arn}, not {wanted_kms_key_arn}, and RDS"
            " can't change the KMS key of a managed secret. To change it, turn management off"
            " (manage_master_user_password=false with a master_user_password) and on again with the new key."
        )
    return {}, None
