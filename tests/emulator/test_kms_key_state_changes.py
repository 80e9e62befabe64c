"""KMS: the key state operations accept a key ARN and answer with the key's ARN, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/kms_key_state_changes.py``).
"""

from __future__ import annotations

from emulator.client import EmulatorClient


def key_state(kms, key_id: str) -> str:
    return kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"]


def test_a_key_is_disabled_and_enabled_by_its_arn(emulator: EmulatorClient) -> None:
    """DisableKey and EnableKey take the "key ID or key ARN".
    https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
    """
    kms = emulator.client("kms")
    key = kms.create_key(Description="shop-test")["KeyMetadata"]

    kms.disable_key(KeyId=key["Arn"])
    assert key_state(kms, key["KeyId"]) == "Disabled"
    kms.enable_key(KeyId=key["Arn"])
    assert key_state(kms, key["KeyId"]) == "Enabled"


def test_a_key_is_scheduled_for_deletion_and_restored_by_its_arn(emulator: EmulatorClient) -> None:
    """ScheduleKeyDeletion and CancelKeyDeletion take the key ID or ARN and answer with the key ARN;
    ScheduleKeyDeletion also with the KeyState and PendingWindowInDays.
    https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
    https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
    """
    kms = emulator.client("kms")
    key = kms.create_key(Description="shop-test")["KeyMetadata"]

    scheduled = kms.schedule_key_deletion(KeyId=key["Arn"], PendingWindowInDays=7)
    assert (scheduled["KeyId"], scheduled["KeyState"], scheduled["PendingWindowInDays"]) == (
        key["Arn"],
        "PendingDeletion",
        7,
    )
    assert key_state(kms, key["KeyId"]) == "PendingDeletion"

    assert kms.cancel_key_deletion(KeyId=key["Arn"])["KeyId"] == key["Arn"]
    assert key_state(kms, key["KeyId"]) == "Disabled"

    assert kms.schedule_key_deletion(KeyId=key["KeyId"])["KeyId"] == key["Arn"]
    assert kms.cancel_key_deletion(KeyId=key["KeyId"])["KeyId"] == key["Arn"]
