"""DB instances report their Performance Insights settings.

AWS: ``CreateDBInstance`` and ``ModifyDBInstance`` take
``EnablePerformanceInsights``, ``PerformanceInsightsKMSKeyId`` and
``PerformanceInsightsRetentionPeriod``, and ``DescribeDBInstances`` reports
``PerformanceInsightsEnabled`` always, and while it is on the KMS key (the
account's ``aws/rds`` key unless one was given) and the retention (7 days
unless set) (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Enabling.html).

Moto 5.2.5 drops all three, so an instance never shows Performance Insights,
and a second run of amazon.aws ``rds_instance`` with
``performance_insights_kms_key_id`` crashes on the missing key
(``'NoneType' object has no attribute 'split'``).
"""

from __future__ import annotations

from typing import Any

from moto.rds.models import DBInstance

DEFAULT_RETENTION_DAYS = 7

_original_init = DBInstance.__init__


def _init(self: DBInstance, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    self.enable_performance_insights = kwargs.get("enable_performance_insights")
    self.performance_insights_kms_key_id = kwargs.get("performance_insights_kms_key_id")
    self.performance_insights_retention_period = kwargs.get("performance_insights_retention_period")


def _enabled(self: DBInstance) -> bool:
    return bool(getattr(self, "enable_performance_insights", False))


def _kms_key_id(self: DBInstance) -> str | None:
    if not _enabled(self):
        return None
    key = self.__dict__.get("performance_insights_kms_key_id")
    return key or f"arn:{self.partition}:kms:{self.region}:{self.account_id}:alias/aws/rds"


def _set_kms_key_id(self: DBInstance, value: str | None) -> None:
    self.__dict__["performance_insights_kms_key_id"] = value


def _retention(self: DBInstance) -> int | None:
    if not _enabled(self):
        return None
    return self.__dict__.get("performance_insights_retention_period") or DEFAULT_RETENTION_DAYS


def _set_retention(self: DBInstance, value: int | None) -> None:
    self.__dict__["performance_insights_retention_period"] = value


def apply() -> None:
    DBInstance.__init__ = _init
    DBInstance.performance_insights_enabled = property(_enabled)
    DBInstance.performance_insights_kms_key_id = property(_kms_key_id, _set_kms_key_id)
    DBInstance.performance_insights_retention_period = property(_retention, _set_retention)
