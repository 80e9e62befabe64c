"""S3 returns a bucket's default retention with the one period that was set.

AWS: an Object Lock ``DefaultRetention`` has a ``Mode`` and either ``Days`` or ``Years``, never both
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_DefaultRetention.html), and GetObjectLockConfiguration returns
it as it was put (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html).

Moto 5.2.5 stores the missing period as 0 and returns both: a retention of ``Days: 1`` reads back as
``{"Mode": "GOVERNANCE", "Days": 1, "Years": 0}``. amazon.aws's s3_bucket compares the declared retention with the
one read back, so every run with ``object_lock_default_retention`` reports a change. This answers with the period
that was set.
"""

from __future__ import annotations

from typing import Any

from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import ActionResult
from moto.s3.responses import S3Response


def _default_retention(mode: str, days: int | None, years: int | None) -> dict[str, Any]:
    retention: dict[str, Any] = {"Mode": mode}
    # The request that set the retention carried exactly one period; the other is stored as 0 or None.
    if days:
        retention["Days"] = days
    if years:
        retention["Years"] = years
    return retention


def get_object_lock_configuration(self: S3Response) -> TYPE_RESPONSE:
    lock_enabled, mode, days, years = self.backend.get_object_lock_configuration(self.bucket_name)
    config: dict[str, Any] = {"ObjectLockEnabled": "Enabled" if lock_enabled else "Disabled"}
    if mode:
        config["Rule"] = {"DefaultRetention": _default_retention(mode, days, years)}
    self.data["Action"] = "GetObjectLockConfiguration"
    return self.serialized(ActionResult({"ObjectLockConfiguration": config}))


def apply() -> None:
    S3Response.get_object_lock_configuration = get_object_lock_configuration
