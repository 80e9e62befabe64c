"""KMS: GetKeyRotationStatus honours the key policy and reads false while the key is pending deletion, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/kms_key_rotation_status.py``).
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Id": "shop-test", "Statement": list(statements)})


def allow_all(account: str) -> dict:
    return {
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }


def deny_rotation_status(principal: str) -> dict:
    return {
        "Sid": "Disable access to key rotation status",
        "Effect": "Deny",
        "Principal": {"AWS": principal},
        "Action": "kms:GetKeyRotationStatus",
        "Resource": "*",
    }


def test_a_key_policy_that_denies_the_caller_refuses_the_rotation_status(emulator: EmulatorClient) -> None:
    """ "Required permissions: kms:GetKeyRotationStatus (key policy)": an explicit Deny for the caller refuses the
    call with AccessDeniedException; a Deny for another principal does not.
    https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
    """
    kms = emulator.client("kms")
    caller = emulator.client("sts").get_caller_identity()
    key_id = kms.create_key(Policy=policy(allow_all(caller["Account"])))["KeyMetadata"]["KeyId"]
    kms.enable_key_rotation(KeyId=key_id)

    other = f"arn:aws:iam::{caller['Account']}:role/shop-test-someone-else"
    kms.put_key_policy(
        KeyId=key_id, PolicyName="default", Policy=policy(allow_all(caller["Account"]), deny_rotation_status(other))
    )
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True

    kms.put_key_policy(
        KeyId=key_id,
        PolicyName="default",
        Policy=policy(allow_all(caller["Account"]), deny_rotation_status(caller["Arn"])),
    )
    with pytest.raises(ClientError) as denied:
        kms.get_key_rotation_status(KeyId=key_id)
    assert denied.value.response["Error"]["Code"] == "AccessDeniedException"


def test_the_rotation_status_is_false_while_the_key_is_pending_deletion(emulator: EmulatorClient) -> None:
    """ "While a KMS key is pending deletion, its key rotation status is false ... If you cancel the deletion, the
    original key rotation status is restored."
    https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
    """
    kms = emulator.client("kms")
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.enable_key_rotation(KeyId=key_id)

    kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is False

    kms.cancel_key_deletion(KeyId=key_id)
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
