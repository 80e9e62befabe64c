"""RDS ModifyDBInstance without ApplyImmediately: the changes wait in PendingModifiedValues, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/rds_pending_modifications.py``).
"""

from __future__ import annotations

from emulator.client import EmulatorClient


def create_instance(emulator: EmulatorClient, identifier: str = "app-db") -> None:
    emulator.client("rds").create_db_instance(
        DBInstanceIdentifier=identifier,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="app_admin",
        MasterUserPassword="not-a-secret-42",
        AllocatedStorage=20,
        StorageType="gp2",
    )


def described(emulator: EmulatorClient, identifier: str = "app-db") -> dict:
    (instance,) = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"]
    return instance


def modify(emulator: EmulatorClient, identifier: str = "app-db", **settings: object) -> dict:
    return emulator.client("rds").modify_db_instance(DBInstanceIdentifier=identifier, **settings)["DBInstance"]


def test_a_new_instance_has_nothing_pending(emulator: EmulatorClient) -> None:
    """AWS DBInstance.PendingModifiedValues is always there, empty when nothing waits.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html
    """
    create_instance(emulator)

    assert described(emulator)["PendingModifiedValues"] == {}


def test_a_change_not_applied_immediately_waits_for_the_maintenance_window(emulator: EmulatorClient) -> None:
    """AWS ModifyDBInstance: DBInstanceClass, StorageType, AllocatedStorage... "The change is applied during the next
    maintenance window, unless you specify ApplyImmediately".
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
    """
    create_instance(emulator)

    answer = modify(emulator, StorageType="gp3", DBInstanceClass="db.t3.small", ApplyImmediately=False)

    instance = described(emulator)
    expected_pending = {"StorageType": "gp3", "DBInstanceClass": "db.t3.small"}
    assert answer["PendingModifiedValues"] == instance["PendingModifiedValues"] == expected_pending
    assert (instance["StorageType"], instance["DBInstanceClass"]) == ("gp2", "db.t3.micro")


def test_asking_for_the_current_value_again_withdraws_the_pending_change(emulator: EmulatorClient) -> None:
    create_instance(emulator)
    modify(emulator, StorageType="gp3", AllocatedStorage=40)

    modify(emulator, StorageType="gp2")

    assert described(emulator)["PendingModifiedValues"] == {"AllocatedStorage": 40}


def test_a_rename_waits_too(emulator: EmulatorClient) -> None:
    """AWS NewDBInstanceIdentifier: the rename happens "during the next maintenance window if you disable
    ApplyImmediately"; PendingModifiedValues.DBInstanceIdentifier holds the new name meanwhile."""
    create_instance(emulator)

    modify(emulator, NewDBInstanceIdentifier="app-db-renamed")

    assert described(emulator)["PendingModifiedValues"] == {"DBInstanceIdentifier": "app-db-renamed"}


def test_applying_immediately_applies_the_pending_changes_as_well(emulator: EmulatorClient) -> None:
    """AWS ApplyImmediately: "the modifications in this request and any pending modifications are asynchronously
    applied as soon as possible"."""
    create_instance(emulator)
    modify(emulator, StorageType="gp3", NewDBInstanceIdentifier="app-db-renamed")

    modify(emulator, DBInstanceClass="db.t3.small", ApplyImmediately=True)

    instance = described(emulator, "app-db-renamed")
    assert (instance["StorageType"], instance["DBInstanceClass"]) == ("gp3", "db.t3.small")
    assert instance["PendingModifiedValues"] == {}


def test_settings_applied_at_once_whatever_apply_immediately_says(emulator: EmulatorClient) -> None:
    """AWS: CloudwatchLogsExportConfiguration "is always applied to the DB instance immediately"; so is a backup
    retention change between two non-zero periods ("asynchronously applied as soon as possible")."""
    create_instance(emulator)

    modify(
        emulator,
        CloudwatchLogsExportConfiguration={"EnableLogTypes": ["postgresql"]},
        BackupRetentionPeriod=7,
        ApplyImmediately=False,
    )

    instance = described(emulator)
    assert (instance["EnabledCloudwatchLogsExports"], instance["BackupRetentionPeriod"]) == (["postgresql"], 7)
    assert instance["PendingModifiedValues"] == {}


def test_turning_backups_off_waits_for_the_maintenance_window(emulator: EmulatorClient) -> None:
    """AWS BackupRetentionPeriod: a change from a non-zero value to 0 (or back) is applied during the next
    maintenance window unless ApplyImmediately."""
    create_instance(emulator)

    modify(emulator, BackupRetentionPeriod=0)

    instance = described(emulator)
    assert (instance["BackupRetentionPeriod"], instance["PendingModifiedValues"]) == (1, {"BackupRetentionPeriod": 0})
