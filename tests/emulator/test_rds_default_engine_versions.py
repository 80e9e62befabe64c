"""A DB instance created without an engine version runs its engine's default version, as on AWS
(emulator/fixes/rds_default_engine_versions.py). Stock moto 5.2.5 has no default for MariaDB: HTTP 500."""

from __future__ import annotations

from emulator.client import EmulatorClient
from emulator.fixes.rds_default_engine_versions import MISSING_DEFAULT_VERSIONS


def _create_without_version(rds, identifier: str, engine: str) -> dict:
    return rds.create_db_instance(
        DBInstanceIdentifier=identifier,
        DBInstanceClass="db.t3.micro",
        Engine=engine,
        MasterUsername="app_admin",
        MasterUserPassword="not-a-secret-42",
        AllocatedStorage=20,
    )["DBInstance"]


def test_a_mariadb_instance_without_a_version_runs_the_default_version(emulator: EmulatorClient) -> None:
    """CreateDBInstance EngineVersion is optional: RDS uses the engine's default version.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    """
    rds = emulator.client("rds")

    created = _create_without_version(rds, "shop-db", "mariadb")

    (described,) = rds.describe_db_instances(DBInstanceIdentifier="shop-db")["DBInstances"]
    assert created["EngineVersion"] == described["EngineVersion"] == MISSING_DEFAULT_VERSIONS["mariadb"]
    assert (described["Engine"], described["Endpoint"]["Port"]) == ("mariadb", 3306)


def test_mariadb_instances_with_and_without_a_version(emulator: EmulatorClient) -> None:
    """A version given is kept; only one left out gets the default."""
    rds = emulator.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="shop-db-pinned",
        DBInstanceClass="db.t3.micro",
        Engine="mariadb",
        EngineVersion="10.11.10",
        MasterUsername="app_admin",
        MasterUserPassword="not-a-secret-42",
        AllocatedStorage=20,
    )
    _create_without_version(rds, "shop-db", "mariadb")

    versions = {db["DBInstanceIdentifier"]: db["EngineVersion"] for db in rds.describe_db_instances()["DBInstances"]}
    assert versions == {"shop-db-pinned": "10.11.10", "shop-db": MISSING_DEFAULT_VERSIONS["mariadb"]}
