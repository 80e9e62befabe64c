"""gp3 DB instances report their IOPS and storage throughput.

AWS: a DB instance on gp3 storage always has provisioned IOPS and throughput,
and ``DescribeDBInstances`` reports them as ``Iops`` and
``StorageThroughput``. Unless set by the user they are the baseline for the
engine and size: below the threshold 3,000 IOPS and 125 MiB/s, at or above it
12,000 IOPS and 500 MiB/s; the threshold is 400 GiB for Db2, MariaDB, MySQL
and PostgreSQL, 200 GiB for Oracle, and SQL Server has the lower baseline at
any size (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html).

Moto 5.2.5 reports neither unless they were passed in, and a second run of
amazon.aws ``rds_instance`` on a gp3 instance crashes comparing them.
"""

from __future__ import annotations

from moto.rds.models import DBInstance

LOW_BASELINE = (3000, 125)  # (IOPS, MiB/s)
HIGH_BASELINE = (12000, 500)
DEFAULT_THRESHOLD_GIB = 400
# Engines (by prefix) with another threshold; None: the low baseline at any size.
THRESHOLD_GIB_BY_ENGINE = {"oracle": 200, "custom-oracle": 200, "sqlserver": None, "custom-sqlserver": None}


def gp3_baseline(engine: str, allocated_storage_gib: int) -> tuple[int, int]:
    """Baseline (IOPS, MiB/s) of gp3 storage for an engine and size."""
    threshold = DEFAULT_THRESHOLD_GIB
    for prefix, engine_threshold in THRESHOLD_GIB_BY_ENGINE.items():
        if engine.startswith(prefix):
            threshold = engine_threshold
    if threshold is None or allocated_storage_gib < threshold:
        return LOW_BASELINE
    return HIGH_BASELINE


def _baseline(instance: DBInstance) -> tuple[int, int] | None:
    if getattr(instance, "storage_type", None) != "gp3":
        return None
    return gp3_baseline(instance.engine, int(instance.allocated_storage or 0))


def _get_iops(self: DBInstance) -> int | None:
    requested = getattr(self, "_requested_iops", None)
    if requested is not None:
        return requested
    baseline = _baseline(self)
    return baseline[0] if baseline else None


def _set_iops(self: DBInstance, value: int | None) -> None:
    self._requested_iops = value


def _get_storage_throughput(self: DBInstance) -> int | None:
    baseline = _baseline(self)
    if baseline is None:
        # Throughput is a gp3 setting only; moto drops it for other types too.
        return None
    requested = getattr(self, "_requested_storage_throughput", None)
    return requested if requested is not None else baseline[1]


def _set_storage_throughput(self: DBInstance, value: int | None) -> None:
    # Kept whatever the storage type at the time: a later change to gp3 uses it.
    self._requested_storage_throughput = value


def apply() -> None:
    # Properties on the class turn moto's plain `iops` attribute and its
    # `storage_throughput` property into computed values; `DBInstance.__init__`
    # and `update` keep assigning them as before, through the setters.
    DBInstance.iops = property(_get_iops, _set_iops)
    DBInstance.storage_throughput = property(_get_storage_throughput, _set_storage_throughput)
