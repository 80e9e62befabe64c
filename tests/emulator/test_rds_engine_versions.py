"""A PostgreSQL instance asked for a major version alone runs that major's default minor version, as on AWS
(emulator/fixes/rds_engine_major_version.py). Each test fails on stock moto 5.2.5, which stores "16" as given."""

from __future__ import annotations

from emulator.client import EmulatorClient
from emulator.fixes.rds_engine_major_version import DEFAULT_POSTGRES_MINOR, resolved_version


def _create(rds, identifier: str, **settings) -> dict:
    return rds.create_db_instance(
        DBInstanceIdentifier=identifier,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="app_admin",
        MasterUserPassword="not-a-secret-42",
        AllocatedStorage=20,
        **settings,
    )["DBInstance"]


def _version(rds, identifier: str) -> str:
    return rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]["EngineVersion"]


def test_a_major_version_alone_creates_the_default_minor_version(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    created = _create(rds, "app", EngineVersion="16")
    assert created["EngineVersion"] == DEFAULT_POSTGRES_MINOR["16"] == _version(rds, "app")
    assert _version(rds, "app").startswith("16.")


def test_a_full_version_is_kept_as_given(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    _create(rds, "app", EngineVersion="16.6")
    assert _version(rds, "app") == "16.6"


def test_a_major_version_alone_on_modify_raises_a_lower_minor_to_the_default_and_keeps_a_higher_one(
    emulator: EmulatorClient,
) -> None:
    rds = emulator.client("rds")
    _create(rds, "low", EngineVersion="16.1")
    _create(rds, "high", EngineVersion="16.9")
    for identifier in ("low", "high"):
        rds.modify_db_instance(DBInstanceIdentifier=identifier, EngineVersion="16", ApplyImmediately=True)
    assert _version(rds, "low") == DEFAULT_POSTGRES_MINOR["16"]
    assert _version(rds, "high") == "16.9"


def test_only_postgres_major_versions_are_resolved() -> None:
    assert resolved_version("mysql", "8", None) == "8"
    assert resolved_version("postgres", "99", None) == "99"
    assert resolved_version("postgres", "16.10", "16.2") == "16.10"
