"""Bad database input fails before any write, with a message that names the variable.

The emulator's request log is the witness. playbooks/validate.yml runs first in
site.yml, so a bad rds input stops the run before the network role's first call.
"""

import pytest

from .inventories import inventory_with
from .playbook import run_playbook


def _assert_rejected(run, *fragments):
    assert run.failed, "the run should have failed"
    message = run.failure_messages()
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        # Mistakes the rds role's checks find together: one run names every one of them.
        pytest.param(
            {
                "rds_backup_retention_days": 40,
                "rds_instance_class": "db.q9.huge",
                "rds_allocated_storage": 10,
                "rds_maintenance_window": "sun:03:30-sun:04:30",
            },
            [
                "rds_backup_retention_days is 40",
                "1 to 35",
                "rds_instance_class is db.q9.huge",
                "db.<family>.<size>",
                "t3, t4g",
                "rds_allocated_storage is 10 GiB",
                "20 to 65536",
                "rds_maintenance_window",
                "overlaps rds_backup_window",
            ],
            id="together",
        ),
        pytest.param(
            {"rds_instance_class": "t3.small"},
            ["rds_instance_class is t3.small", "db.<family>.<size>"],
            id="instance-class-without-db-prefix",
        ),
        pytest.param(
            {
                "network_availability_zones": ["us-east-1a"],
                "network_nat_mode": "single",
                "network_subnet_cidrs": {
                    "public": ["10.0.0.0/24"],
                    "app": ["10.0.10.0/24"],
                    "database": ["10.0.20.0/24"],
                },
            },
            ["rds_multi_az is true", "network_availability_zones has 1 zone", "at least two"],
            id="multi-az-with-one-zone",
        ),
    ],
)
def test_bad_database_input_names_the_variable_and_sends_no_request(emulator, tmp_path, overrides, fragments):
    """A real run (not --check): not one API call, not even the network's."""
    run = run_playbook("site.yml", inventory_with(tmp_path, **overrides), emulator.env)
    _assert_rejected(run, *fragments)
    assert emulator.requests()["total"] == 0, emulator.requests()["by_service"]


def test_major_version_change_without_the_flag_is_refused_before_any_write(emulator, tmp_path):
    """The current version can only be read from RDS: the preflight reads the account and then what each role
    has already (the instance with DescribeDBInstances), and nothing else is called, so 0 mutating calls is the
    bar here, not 0 calls."""
    rds = emulator.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="smartscheduler-prod",
        DBInstanceClass="db.t3.small",
        Engine="postgres",
        EngineVersion="15.10",
        MasterUsername="smartscheduler_admin",
        MasterUserPassword="a-password-of-the-old-instance",
        AllocatedStorage=100,
    )
    emulator.clear_requests()
    run = run_playbook("site.yml", inventory_with(tmp_path), emulator.env)
    _assert_rejected(run, "rds_engine_version 16.6", "running 15.10", "rds_allow_major_version_upgrade")
    calls = emulator.requests()["calls"]
    assert [call for call in calls if call["mutating"]] == []
    operations = {f"{call['service']}:{call['operation']}" for call in calls}
    assert {"sts:GetCallerIdentity", "rds:DescribeDBInstances"} <= operations
    assert all(operation.split(":")[1].startswith(("Describe", "Get", "List")) for operation in operations), operations
    (db,) = rds.describe_db_instances(DBInstanceIdentifier="smartscheduler-prod")["DBInstances"]
    assert db["EngineVersion"] == "15.10"
