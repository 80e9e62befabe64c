# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""RDS helpers shared by the appstack.aws RDS modules, and the DB instance's RDS-managed master user secret.

One error class, one error handler, one poll interval and one set of tag helpers serve every RDS module
(``rds_proxy`` builds on them).  API helpers expect clients created with
``retry_decorator=AWSRetry.jittered_backoff()`` and raise AnsibleRDSError, which a module turns into a failure
with ``fail_json_aws_error``.  Nothing here reads or returns a secret value.

The planning functions of appstack.aws.rds_instance_master_user_secret are pure: they take the state read and
the module's options, and return what must change.
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

# Seconds between two polls of any RDS resource.
POLL_DELAY_SECONDS = 10
# The error codes of an RDS resource that isn't there, for each kind this collection manages.
NOT_FOUND_CODES = ["DBInstanceNotFound", "DBProxyNotFoundFault"]
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
        return is_boto3_error_code(NOT_FOUND_CODES)


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


# Tags of any RDS resource, by ARN


@RDSErrorHandler.list_error_handler("list RDS tags", {})
def list_tags(client, arn):
    tags = client.list_tags_for_resource(aws_retry=True, ResourceName=arn).get("TagList", [])
    return boto3_tag_list_to_ansible_dict(tags)


@RDSErrorHandler.common_error_handler("tag RDS resource")
def add_tags(client, arn, tags):
    client.add_tags_to_resource(aws_retry=True, ResourceName=arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@RDSErrorHandler.common_error_handler("untag RDS resource")
def remove_tags(client, arn, tag_keys):
    client.remove_tags_from_resource(aws_retry=True, ResourceName=arn, TagKeys=list(tag_keys))


# The DB instance and its master user secret


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


def _instance_status(response):
    instances = response.get("DBInstances") or [{}]
    return instances[0].get("DBInstanceStatus", "unknown")


def _secret_status(response):
    instances = response.get("DBInstances") or [{}]
    return (instances[0].get("MasterUserSecret") or {}).get("SecretStatus", "none")


@RDSErrorHandler.common_error_handler("wait for DB instance")
def wait_for_instance_available(client, db_instance_identifier, timeout):
    wait_or_fail(
        client.get_waiter("db_instance_available"),
        timeout,
        POLL_DELAY_SECONDS,
        f"DB instance {db_instance_identifier} to be available",
        _instance_status,
        AnsibleRDSError,
        DBInstanceIdentifier=db_instance_identifier,
    )


@RDSErrorHandler.common_error_handler("wait for master user secret")
def wait_for_secret_active(client, db_instance_identifier, timeout):
    wait_or_fail(
        RDSInstanceWaiterFactory().get_waiter(client, "master_user_secret_active"),
        timeout,
        POLL_DELAY_SECONDS,
        f"the master user secret of DB instance {db_instance_identifier} to be active",
        _secret_status,
        AnsibleRDSError,
        DBInstanceIdentifier=db_instance_identifier,
    )


@RDSErrorHandler.common_error_handler("describe KMS key")
def key_arn(kms_client, key_id):
    """The ARN of a KMS key given by ARN, id, alias name or alias ARN."""
    if KEY_ARN.match(key_id):
        return key_id
    return kms_client.describe_key(aws_retry=True, KeyId=key_id)["KeyMetadata"]["Arn"]


# Planning the master user secret: pure functions


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


def master_secret_state(instance, described_secret):
    """What rds_instance_master_user_secret reports about a boto3 DB instance and its described secret."""
    secret = master_user_secret(instance)
    state = {
        "db_instance_identifier": instance["DBInstanceIdentifier"],
        "manage_master_user_password": secret is not None,
        "rotation": rotation_of(described_secret),
    }
    if secret:
        state["master_user_secret"] = secret
    return state


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


def predicted_management(state, changes, wanted_kms_key_arn):
    """The state expected once the management changes (from plan_management) are made."""
    new_state = dict(state, manage_master_user_password=changes["ManageMasterUserPassword"])
    if changes["ManageMasterUserPassword"]:
        new_state["master_user_secret"] = {"secret_status": "creating", "kms_key_id": wanted_kms_key_arn}
        new_state["rotation"] = {"enabled": True, "automatically_after_days": RDS_DEFAULT_ROTATION_DAYS}
    else:
        new_state.pop("master_user_secret", None)
        new_state["rotation"] = {"enabled": False, "automatically_after_days": None}
    return new_state


def plan_rotation_schedule(state, rotation_days):
    """The days to set as the managed secret's rotation schedule, or None when it must not change."""
    rotation = state["rotation"]
    if rotation_days is None or not state["manage_master_user_password"]:
        return None
    if rotation["enabled"] and rotation["automatically_after_days"] == rotation_days:
        return None
    return rotation_days


def plan_rotate_now(state, rotate_now, just_turned_on):
    """Whether to rotate the managed secret now: (rotate, warning, problem).

    A run that turns management on has just had RDS generate the password: rotate_now is then ignored with a
    warning.  Without management there is nothing to rotate: that is a problem.
    """
    if not rotate_now:
        return False, None, None
    if just_turned_on:
        return False, "rotate_now was ignored: RDS generated the master password in this very run.", None
    if not state["manage_master_user_password"]:
        return (
            False,
            None,
            f"rotate_now needs RDS to manage the master password of {state['db_instance_identifier']}.",
        )
    return True, None, None
