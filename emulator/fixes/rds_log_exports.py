"""A DB instance that exports no logs to CloudWatch Logs has no ``EnabledCloudwatchLogsExports``.

AWS: ``DBInstance.EnabledCloudwatchLogsExports`` lists "the log types that this DB instance is configured to export
to CloudWatch Logs"; ``DescribeDBInstances`` leaves the member out while there are none, from creation without
``EnableCloudwatchLogsExports`` or once ``ModifyDBInstance`` has disabled the last one
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html). amazon.aws's integration target
``rds_instance_modify`` checks ``enabled_cloudwatch_logs_exports is not defined`` in both cases.

Moto 5.2.5 answers an empty list, which boto3 reads as ``[]``.
"""

from __future__ import annotations

from moto.rds.models import DBInstance


def _enabled_exports_or_none(self: DBInstance) -> list[str] | None:
    # Moto's own code keeps using the list in `enabled_cloudwatch_logs_exports`; only the answer changes.
    return list(getattr(self, "enabled_cloudwatch_logs_exports", None) or []) or None


def apply() -> None:
    # Moto's serializer looks an answer's member up by its model name before the snake-case attribute.
    DBInstance.EnabledCloudwatchLogsExports = property(_enabled_exports_or_none)
