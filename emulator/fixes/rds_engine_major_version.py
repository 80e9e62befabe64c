"""A PostgreSQL DB instance asked for a major version alone runs that major's default minor version.

AWS: ``CreateDBInstance`` and ``ModifyDBInstance`` take ``EngineVersion`` as a full version (``16.6``) or, for
PostgreSQL, a major version alone (``16``). Given a major version alone, RDS creates the instance with the default
minor version of that major, and ``DescribeDBInstances`` reports that full version (e.g. ``16.8``); on a
modification, "if you specify only a major version, Amazon RDS updates the DB instance to the default minor version
if the current minor version is lower" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.PostgreSQL.MinorUpgrade.html).

Moto 5.2.5 stores ``16`` as given: the instance reports engine version ``16`` and a default parameter group family
``postgres`` (the version with its last part cut off), which no real instance has.
"""

from __future__ import annotations

from moto.rds.models import DBInstance

# The default minor version of each PostgreSQL major version (aws rds describe-db-engine-versions --engine postgres
# --default-only), as of 2025.
DEFAULT_POSTGRES_MINOR = {
    "12": "12.22",
    "13": "13.20",
    "14": "14.17",
    "15": "15.12",
    "16": "16.8",
    "17": "17.4",
}


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def resolved_version(engine: str | None, requested: str | None, current: str | None) -> str | None:
    """The version an instance runs after being asked for `requested` while running `current` (None on creation)."""
    if not requested or not str(engine or "").startswith("postgres") or "." in str(requested):
        return requested
    default = DEFAULT_POSTGRES_MINOR.get(str(requested))
    if default is None:
        return requested
    if current and current.split(".")[0] == str(requested) and _numbers(current) >= _numbers(default):
        return current
    return default


def _get_engine_version(self: DBInstance) -> str:
    return self._engine_version


def _set_engine_version(self: DBInstance, value: str) -> None:
    current = getattr(self, "_engine_version", None)
    self._engine_version = resolved_version(getattr(self, "engine", None), value, current)


def apply() -> None:
    DBInstance.engine_version = property(_get_engine_version, _set_engine_version)
