"""RDS for PostgreSQL parameter groups list the parameters RDS has, and take no others.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/rds_parameter_defaults.py``) or pins down the moto
behaviour kept for the engines without a catalogue.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# Every parameter the rds role sets (roles/rds/vars/main.yml, rds__parameters).
ROLE_PARAMETERS = {"rds.force_ssl", "log_min_duration_statement", "log_connections", "log_disconnections"}


def parameters(emulator: EmulatorClient, group: str) -> dict[str, dict]:
    paginator = emulator.client("rds").get_paginator("describe_db_parameters")
    listed = paginator.paginate(DBParameterGroupName=group).build_full_result()["Parameters"]
    return {parameter["ParameterName"]: parameter for parameter in listed}


def create_group(emulator: EmulatorClient, family: str, name: str = "app") -> None:
    emulator.client("rds").create_db_parameter_group(
        DBParameterGroupName=name, DBParameterGroupFamily=family, Description=name
    )


def modify(emulator: EmulatorClient, group: str, **values: str) -> None:
    emulator.client("rds").modify_db_parameter_group(
        DBParameterGroupName=group,
        Parameters=[
            {"ParameterName": name.replace("__", "."), "ParameterValue": value, "ApplyMethod": "pending-reboot"}
            for name, value in values.items()
        ],
    )


@pytest.mark.parametrize("family", ["postgres9.6", "postgres10", "postgres13", "postgres16", "postgres17"])
def test_each_postgres_family_lists_the_parameters_rds_documents(emulator: EmulatorClient, family: str) -> None:
    """AWS DescribeDBParameters lists the family's parameters; RDS for PostgreSQL has log_statement, log_duration
    and logging_collector, not log_directory (RDS places the logs itself).
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Parameters.html
    """
    create_group(emulator, family)

    listed = parameters(emulator, "app")

    assert ROLE_PARAMETERS | {"log_statement", "log_duration", "logging_collector", "work_mem"} <= set(listed)
    assert "log_directory" not in listed
    assert listed["log_duration"]["DataType"] == "boolean"
    assert listed["log_duration"]["AllowedValues"] == "0,1"
    assert listed["log_min_messages"]["DataType"] == "string"
    assert listed["log_temp_files"]["DataType"] == "integer"
    assert listed["logging_collector"]["ApplyType"] == "static"


def test_a_family_lists_only_the_settings_of_its_postgresql_version(emulator: EmulatorClient) -> None:
    """checkpoint_segments went in PostgreSQL 9.5 (max_wal_size replaced it), default_with_oids in 12."""
    create_group(emulator, "postgres9.6", "old")
    create_group(emulator, "postgres16", "new")

    old, new = parameters(emulator, "old"), parameters(emulator, "new")

    assert {"max_wal_size", "default_with_oids"} <= set(old) and "checkpoint_segments" not in old
    assert "max_wal_size" in new and "default_with_oids" not in new


def test_every_parameter_the_rds_role_sets_is_taken(emulator: EmulatorClient) -> None:
    create_group(emulator, "postgres16")

    modify(emulator, "app", rds__force_ssl="1", log_min_duration_statement="500", log_connections="1")
    modify(emulator, "app", log_disconnections="1", log_temp_files="10240", log_min_messages="INFO")

    user = {
        name: parameter["ParameterValue"]
        for name, parameter in parameters(emulator, "app").items()
        if parameter["Source"] == "user"
    }
    assert user == {
        "rds.force_ssl": "1",
        "log_min_duration_statement": "500",
        "log_connections": "1",
        "log_disconnections": "1",
        "log_temp_files": "10240",
        "log_min_messages": "INFO",
    }


def test_an_unknown_parameter_fails_the_whole_request(emulator: EmulatorClient) -> None:
    """AWS ModifyDBParameterGroup: InvalidParameterValue "Could not find parameter with name: <name>", and the
    request's other parameters are not modified.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBParameterGroup.html
    """
    create_group(emulator, "postgres9.6")

    with pytest.raises(ClientError) as raised:
        modify(emulator, "app", log_statement="all", log_directory="/var/log/postgresql")

    error = raised.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == ("InvalidParameterValue", 400)
    assert error["Error"]["Message"] == "Could not find parameter with name: log_directory"
    listed = parameters(emulator, "app")
    assert "log_directory" not in listed
    assert (listed["log_statement"]["Source"], "ParameterValue" in listed["log_statement"]) == ("engine-default", False)


def test_a_group_of_an_engine_without_a_catalogue_takes_any_parameter(emulator: EmulatorClient) -> None:
    """Moto's behaviour, kept where the emulator does not know the family's parameters."""
    create_group(emulator, "mysql8.0")

    modify(emulator, "app", max_connections="100")

    assert parameters(emulator, "app")["max_connections"]["ParameterValue"] == "100"
