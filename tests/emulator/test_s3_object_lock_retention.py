"""A bucket's default Object Lock retention reads back with the one period that was set.
Each test fails on stock moto 5.2.5, which adds the other period as 0.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_DefaultRetention.html
"""

from __future__ import annotations

import pytest

from emulator.client import EmulatorClient


@pytest.mark.parametrize("period", [{"Days": 1}, {"Years": 2}])
def test_the_default_retention_has_only_the_period_set(emulator: EmulatorClient, period: dict[str, int]) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)
    retention = {"Mode": "GOVERNANCE", **period}
    s3.put_object_lock_configuration(
        Bucket="locked",
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": retention}},
    )
    configuration = s3.get_object_lock_configuration(Bucket="locked")["ObjectLockConfiguration"]
    assert configuration == {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": retention}}
