# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Secrets Manager helpers shared by the appstack.aws modules.

Every API helper expects a client created with
``module.client("secretsmanager", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleSecretsManagerError, which a module turns into a failure with ``fail_json_aws_error``.

Nothing here reads a secret's value (``GetSecretValue``): a secret is described by its metadata only,
as a snake_case dict with its tags as a dict, the id of its ``AWSCURRENT`` version and its resource
policy as a dict.
"""

import json

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

# The characters RDS refuses in a master password.
RDS_PASSWORD_FORBIDDEN_CHARACTERS = '/@" '
# Seconds between two polls of a secret.
POLL_DELAY_SECONDS = 2
SECRET_NOT_FOUND = "ResourceNotFoundException"


class AnsibleSecretsManagerError(AnsibleAWSError):
    pass


class SecretsManagerErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleSecretsManagerError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(SECRET_NOT_FOUND)


class SecretsManagerWaiterFactory(BaseWaiterFactory):
    """Waiters for DescribeSecret, which botocore doesn't have."""

    @property
    def _waiter_model_data(self):
        return {
            "secret_exists": {
                "operation": "DescribeSecret",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 30,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": "length(ARN) > `0`", "expected": True},
                    {"state": "retry", "matcher": "error", "expected": SECRET_NOT_FOUND},
                ],
            },
        }


@SecretsManagerErrorHandler.list_error_handler("describe secret", None)
def describe_secret(client, secret_id):
    return client.describe_secret(SecretId=secret_id, aws_retry=True)


@SecretsManagerErrorHandler.list_error_handler("get secret resource policy", {})
def get_resource_policy(client, secret_id):
    return client.get_resource_policy(SecretId=secret_id, aws_retry=True)


def normalize_secret(secret, resource_policy=None):
    """DescribeSecret's answer as a snake_case dict: tags as a dict, ``version_id`` of AWSCURRENT, the policy."""
    secret = dict(secret)
    secret.pop("ResponseMetadata", None)
    stages = secret.pop("VersionIdsToStages", None) or {}
    result = boto3_resource_to_ansible_dict(secret, force_tags=True)
    result["version_id"] = next((version for version, labels in stages.items() if "AWSCURRENT" in labels), None)
    result["resource_policy"] = resource_policy
    return result


def get_secret(client, secret_id):
    """The secret's metadata (never its value), or None when there is no such secret."""
    secret = describe_secret(client, secret_id)
    if not secret:
        return None
    policy = get_resource_policy(client, secret["ARN"]).get("ResourcePolicy")
    return normalize_secret(secret, json.loads(policy) if policy else None)


@SecretsManagerErrorHandler.common_error_handler("wait for secret")
def wait_for_secret(client, secret_id, timeout):
    """Wait until DescribeSecret finds the secret; fail, naming it, when it doesn't within timeout seconds."""
    wait_or_fail(
        SecretsManagerWaiterFactory().get_waiter(client, "secret_exists"),
        timeout,
        POLL_DELAY_SECONDS,
        f"secret {secret_id} to exist",
        lambda response: "found" if response.get("ARN") else "not found",
        AnsibleSecretsManagerError,
        SecretId=secret_id,
    )


@SecretsManagerErrorHandler.list_error_handler("list secrets", [])
@AWSRetry.jittered_backoff()
def list_secrets(client, name=None):
    """Every secret (its name equal to name, when given) as ListSecrets returns it."""
    params = {"IncludePlannedDeletion": True}
    if name:
        params["Filters"] = [{"Key": "name", "Values": [name]}]
    paginator = client.get_paginator("list_secrets")
    secrets = paginator.paginate(**params).build_full_result().get("SecretList", [])
    if name:
        # The name filter matches prefixes; keep the exact name only.
        secrets = [secret for secret in secrets if secret["Name"] == name]
    return secrets


@SecretsManagerErrorHandler.common_error_handler("set the rotation schedule of the secret")
def set_rotation_schedule(client, secret_id, days):
    """Change the schedule of a managed rotation without rotating now (RDS-managed secrets need no Lambda)."""
    client.rotate_secret(
        aws_retry=True, SecretId=secret_id, RotationRules={"AutomaticallyAfterDays": days}, RotateImmediately=False
    )


@SecretsManagerErrorHandler.common_error_handler("generate a random password")
def get_random_password(client, length, exclude_characters="", exclude_punctuation=False):
    params = {"PasswordLength": length, "ExcludePunctuation": exclude_punctuation, "RequireEachIncludedType": True}
    if exclude_characters:
        params["ExcludeCharacters"] = exclude_characters
    return client.get_random_password(aws_retry=True, **params)["RandomPassword"]


@SecretsManagerErrorHandler.common_error_handler("create secret")
def create_secret(client, name, secret_string, description=None, kms_key_id=None, tags=None):
    params = {"Name": name, "SecretString": secret_string}
    if description is not None:
        params["Description"] = description
    if kms_key_id:
        params["KmsKeyId"] = kms_key_id
    if tags:
        params["Tags"] = ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})
    return client.create_secret(aws_retry=True, **params)


@SecretsManagerErrorHandler.common_error_handler("update secret metadata")
def update_secret_metadata(client, secret_id, description=None, kms_key_id=None):
    """Change the description and/or the KMS key without a value: no new version is created."""
    params = {"SecretId": secret_id}
    if description is not None:
        params["Description"] = description
    if kms_key_id is not None:
        params["KmsKeyId"] = kms_key_id
    client.update_secret(aws_retry=True, **params)


@SecretsManagerErrorHandler.common_error_handler("restore secret")
def restore_secret(client, secret_id):
    client.restore_secret(SecretId=secret_id, aws_retry=True)


@SecretsManagerErrorHandler.deletion_error_handler("delete secret")
def delete_secret(client, secret_id, recovery_window=30):
    params = {"SecretId": secret_id}
    if recovery_window == 0:
        params["ForceDeleteWithoutRecovery"] = True
    else:
        params["RecoveryWindowInDays"] = recovery_window
    client.delete_secret(aws_retry=True, **params)
    return True


@SecretsManagerErrorHandler.common_error_handler("put secret resource policy")
def put_resource_policy(client, secret_id, policy):
    client.put_resource_policy(
        SecretId=secret_id, ResourcePolicy=json.dumps(policy), BlockPublicPolicy=True, aws_retry=True
    )


@SecretsManagerErrorHandler.common_error_handler("delete secret resource policy")
def delete_resource_policy(client, secret_id):
    client.delete_resource_policy(SecretId=secret_id, aws_retry=True)


@SecretsManagerErrorHandler.common_error_handler("tag secret")
def tag_secret(client, secret_id, tags):
    client.tag_resource(
        SecretId=secret_id,
        Tags=ansible_dict_to_boto3_tag_list({k: to_text(v) for k, v in tags.items()}),
        aws_retry=True,
    )


@SecretsManagerErrorHandler.common_error_handler("untag secret")
def untag_secret(client, secret_id, tag_keys):
    client.untag_resource(SecretId=secret_id, TagKeys=list(tag_keys), aws_retry=True)
