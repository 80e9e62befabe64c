"""RDS DB instances leave EnabledCloudwatchLogsExports out while they export no logs, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/rds_log_exports.py``).
"""

from __future__ import annotations

from emulator.client import EmulatorClient


def create_instance(emulator: EmulatorClient, **settings: object) -> None:
    emulator.client("rds").create_db_instance(
        DBInstanceIdentifier="app-db",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="app_admin",
        MasterUserPassword="not-a-secret-42",
        AllocatedStorage=20,
        **settings,
    )


def described(emulator: EmulatorClient) -> dict:
    (instance,) = emulator.client("rds").describe_db_instances(DBInstanceIdentifier="app-db")["DBInstances"]
    return instance


def test_an_instance_created_without_exports_has_no_enabled_exports(emulator: EmulatorClient) -> None:
    """AWS DBInstance.EnabledCloudwatchLogsExports: the log types the instance exports, absent when none.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html
    """
    create_instance(emulator)

    assert "EnabledCloudwatchLogsExports" not in described(emulator)


def test_the_member_follows_the_exports_enabled_and_disabled(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    create_instance(emulator, EnableCloudwatchLogsExports=["postgresql", "upgrade"])
    assert described(emulator)["EnabledCloudwatchLogsExports"] == ["postgresql", "upgrade"]

    rds.modify_db_instance(
        DBInstanceIdentifier="app-db",
        CloudwatchLogsExportConfiguration={"DisableLogTypes": ["postgresql", "upgrade"]},
        ApplyImmediately=True,
    )

    assert "EnabledCloudwatchLogsExports" not in described(emulator)
