"""Secrets Manager: a secret scheduled for deletion refuses reads and writes with AWS's error.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/secretsmanager_deleted_secrets.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

SECRET = "shop-test-db-password"
MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion."


@pytest.fixture
def deleted_secret(emulator: EmulatorClient) -> str:
    """A secret scheduled for deletion, in its recovery window; its ARN."""
    secretsmanager = emulator.client("secretsmanager")
    arn = secretsmanager.create_secret(Name=SECRET, SecretString="first")["ARN"]
    secretsmanager.delete_secret(SecretId=SECRET, RecoveryWindowInDays=7)
    return arn


def refusal(call) -> dict[str, str]:
    with pytest.raises(ClientError) as caught:
        call()
    return caught.value.response["Error"]


def test_reading_a_secret_scheduled_for_deletion_says_it_was_marked_for_deletion(
    emulator: EmulatorClient, deleted_secret: str
) -> None:
    """GetSecretValue: InvalidRequestException when "The secret is scheduled for deletion", by name or ARN, while
    DescribeSecret still describes it; a missing secret stays ResourceNotFoundException.
    https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
    """
    secretsmanager = emulator.client("secretsmanager")

    for secret_id in (SECRET, deleted_secret):
        error = refusal(lambda secret_id=secret_id: secretsmanager.get_secret_value(SecretId=secret_id))
        assert (error["Code"], error["Message"]) == ("InvalidRequestException", MARKED_FOR_DELETION)
    assert "DeletedDate" in secretsmanager.describe_secret(SecretId=SECRET)
    missing = refusal(lambda: secretsmanager.get_secret_value(SecretId="shop-test-missing"))
    assert missing["Code"] == "ResourceNotFoundException"


def test_writing_a_secret_scheduled_for_deletion_is_refused(emulator: EmulatorClient, deleted_secret: str) -> None:
    """PutSecretValue, UpdateSecretVersionStage and RotateSecret refuse a secret scheduled for deletion, and its
    value stays as it was.
    https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
    """
    secretsmanager = emulator.client("secretsmanager")
    current = secretsmanager.list_secret_version_ids(SecretId=SECRET)["Versions"][0]["VersionId"]

    calls = (
        lambda: secretsmanager.put_secret_value(SecretId=SECRET, SecretString="second"),
        lambda: secretsmanager.update_secret(SecretId=SECRET, SecretString="second"),
        lambda: secretsmanager.rotate_secret(SecretId=SECRET),
        lambda: secretsmanager.update_secret_version_stage(
            SecretId=SECRET, VersionStage="AWSPENDING", MoveToVersionId=current
        ),
    )
    for call in calls:
        error = refusal(call)
        assert (error["Code"], error["Message"]) == ("InvalidRequestException", MARKED_FOR_DELETION)

    secretsmanager.restore_secret(SecretId=SECRET)
    assert secretsmanager.get_secret_value(SecretId=SECRET)["SecretString"] == "first"
    versions = secretsmanager.list_secret_version_ids(SecretId=SECRET)["Versions"]
    assert [(v["VersionId"], v["VersionStages"]) for v in versions] == [(current, ["AWSCURRENT"])]
