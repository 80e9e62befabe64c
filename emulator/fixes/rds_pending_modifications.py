"""ModifyDBInstance without ApplyImmediately leaves the changes pending, in PendingModifiedValues.

AWS: with ``ApplyImmediately`` off (the default) the settings that need an outage or a storage migration are not
applied at once but "during the next maintenance window": the instance keeps its current values and reports the
requested ones under ``PendingModifiedValues`` (``DBInstanceClass``, ``AllocatedStorage``, ``StorageType``, ``Iops``,
``StorageThroughput``, ``EngineVersion``, ``MultiAZ``, ``CACertificateIdentifier``, ``DBSubnetGroupName``,
``LicenseModel``, ``DBInstanceIdentifier`` for a rename, and ``BackupRetentionPeriod`` when backups are turned on or
off). Asking again for the current value withdraws the pending change. A later request with ``ApplyImmediately``
applies "the modifications in this request and any pending modifications". Every other setting (tags, security
groups, the parameter group name, CloudWatch Logs exports, ...) is applied at once whatever ``ApplyImmediately`` says.
``DescribeDBInstances`` always has ``PendingModifiedValues``, ``{}`` when nothing is pending
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html, each parameter's note;
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_PendingModifiedValues.html).

Moto 5.2.5 applies everything at once and never reports ``PendingModifiedValues``: amazon.aws ``rds_instance``
reports a deferred change as done (its integration target ``rds_instance_modify`` reads
``pending_modified_values.storage_type``), and renames an instance that AWS would rename only later. No maintenance
window ever comes here: a pending change stays pending until a request applies it immediately.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.rds.models import DBInstance, RDSBackend

# ModifyDBInstance setting (snake case, as moto passes it) -> its PendingModifiedValues member.
DEFERRED_SETTINGS = {
    "allocated_storage": "AllocatedStorage",
    "backup_retention_period": "BackupRetentionPeriod",
    "ca_certificate_identifier": "CACertificateIdentifier",
    "db_instance_class": "DBInstanceClass",
    "db_subnet_group_name": "DBSubnetGroupName",
    "engine_version": "EngineVersion",
    "iops": "Iops",
    "license_model": "LicenseModel",
    "multi_az": "MultiAZ",
    "new_db_instance_identifier": "DBInstanceIdentifier",
    "storage_throughput": "StorageThroughput",
    "storage_type": "StorageType",
}


def _subnet_group_name(instance: DBInstance) -> str | None:
    return getattr(getattr(instance, "db_subnet_group", None), "name", None)


# How to read the instance's current value of a setting whose attribute has another name.
_CURRENT_VALUE: dict[str, Callable[[DBInstance], Any]] = {
    "db_subnet_group_name": _subnet_group_name,
    "new_db_instance_identifier": lambda instance: instance.db_instance_identifier,
}


def _current_value(instance: DBInstance, setting: str) -> Any:
    read = _CURRENT_VALUE.get(setting)
    return read(instance) if read else getattr(instance, setting, None)


def _pending(instance: DBInstance) -> dict[str, Any]:
    """The deferred settings of an instance, by ModifyDBInstance setting name."""
    if not hasattr(instance, "_appstack_pending"):
        instance._appstack_pending = {}
    return instance._appstack_pending


def _is_deferred(instance: DBInstance, setting: str, value: Any) -> bool:
    if setting == "backup_retention_period":
        # Only turning backups on or off waits; another non-zero period applies at once.
        return (int(_current_value(instance, setting) or 0) == 0) != (int(value) == 0)
    return True


def _defer(instance: DBInstance, db_kwargs: dict[str, Any]) -> dict[str, Any]:
    """Take the deferred settings of the request out of ``db_kwargs``; answer them, None for a withdrawn change."""
    deferred: dict[str, Any] = {}
    for setting in DEFERRED_SETTINGS:
        value = db_kwargs.get(setting)
        if value is None or not _is_deferred(instance, setting, value):
            continue
        del db_kwargs[setting]
        # Asking for the current value again withdraws the pending change.
        deferred[setting] = None if value == _current_value(instance, setting) else value
    return deferred


def _record(instance: DBInstance, deferred: dict[str, Any]) -> None:
    pending = _pending(instance)
    for setting, value in deferred.items():
        if value is None:
            pending.pop(setting, None)
        else:
            pending[setting] = value


def _take_pending(instance: DBInstance, db_kwargs: dict[str, Any]) -> None:
    """Add the instance's pending changes to an immediate request; the request's own values win."""
    for setting, value in _pending(instance).items():
        if db_kwargs.get(setting) is None:
            db_kwargs[setting] = value


def _pending_modified_values(self: DBInstance) -> dict[str, Any]:
    return {DEFERRED_SETTINGS[setting]: value for setting, value in _pending(self).items()}


def apply() -> None:
    modify_before = RDSBackend.modify_db_instance

    def modify_db_instance(self: RDSBackend, db_instance_identifier: str, db_kwargs: dict[str, Any]) -> DBInstance:
        instance = self.describe_db_instances(db_instance_identifier)[0]
        if db_kwargs.get("apply_immediately"):
            _take_pending(instance, db_kwargs)
            modified = modify_before(self, db_instance_identifier, db_kwargs)
            _pending(instance).clear()
            return modified
        # Recorded once moto has accepted the rest of the request, as AWS takes a request whole or not at all.
        deferred = _defer(instance, db_kwargs)
        modified = modify_before(self, db_instance_identifier, db_kwargs)
        _record(instance, deferred)
        return modified

    RDSBackend.modify_db_instance = modify_db_instance
    DBInstance.pending_modified_values = property(_pending_modified_values)
