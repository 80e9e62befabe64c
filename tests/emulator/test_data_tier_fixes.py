"""The emulator answers as AWS does where the rds role needs it: parameter group defaults,
Performance Insights settings, and the AWS managed policy of enhanced monitoring.

Each test fails on stock moto 5.2.5.
"""

from __future__ import annotations

import json

import pytest

from emulator.client import EmulatorClient

PASSWORD = "not-a-secret-42"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
MONITORING_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"


def _parameters(rds, group: str) -> dict[str, dict]:
    return {p["ParameterName"]: p for p in rds.describe_db_parameters(DBParameterGroupName=group)["Parameters"]}


# --- RDS: parameters of a new parameter group ---------------------------------------


@pytest.mark.parametrize(("family", "force_ssl"), [("postgres16", "1"), ("postgres14", "0")])
def test_a_new_postgres_parameter_group_lists_its_parameters(
    emulator: EmulatorClient, family: str, force_ssl: str
) -> None:
    """AWS DescribeDBParameters lists every parameter of the family, engine defaults included;
    rds.force_ssl is on by default from PostgreSQL 15.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html"""
    rds = emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="app", DBParameterGroupFamily=family, Description="app")
    parameters = _parameters(rds, "app")
    assert {"rds.force_ssl", "log_min_duration_statement", "log_connections", "log_disconnections"} <= set(parameters)
    assert parameters["rds.force_ssl"]["ParameterValue"] == force_ssl
    assert parameters["log_connections"]["DataType"] == "boolean"
    assert parameters["log_min_duration_statement"]["IsModifiable"] is True
    assert "ParameterValue" not in parameters["log_min_duration_statement"]


def test_a_modified_parameter_reports_the_user_as_its_source(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="app", DBParameterGroupFamily="postgres16", Description="app")
    rds.modify_db_parameter_group(
        DBParameterGroupName="app",
        Parameters=[{"ParameterName": "log_connections", "ParameterValue": "1", "ApplyMethod": "immediate"}],
    )
    parameter = _parameters(rds, "app")["log_connections"]
    assert (parameter["ParameterValue"], parameter["Source"]) == ("1", "user")
    assert _parameters(rds, "app")["log_disconnections"]["Source"] == "engine-default"


def test_parameters_are_listed_by_source_when_asked(emulator: EmulatorClient) -> None:
    """AWS DescribeDBParameters Source: user, system or engine-default lists only that source's parameters."""
    rds = emulator.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="app", DBParameterGroupFamily="postgres16", Description="app")
    rds.modify_db_parameter_group(
        DBParameterGroupName="app",
        Parameters=[{"ParameterName": "log_connections", "ParameterValue": "1", "ApplyMethod": "immediate"}],
    )

    def names(source):
        listed = rds.describe_db_parameters(DBParameterGroupName="app", Source=source)["Parameters"]
        return {parameter["ParameterName"] for parameter in listed}

    assert names("user") == {"log_connections"}
    assert "rds.force_ssl" in names("system")
    assert "log_connections" not in names("system")
    assert "log_disconnections" in names("engine-default")


# --- RDS: Performance Insights --------------------------------------------------------


def _create_instance(rds, identifier: str, **settings) -> None:
    rds.create_db_instance(
        DBInstanceIdentifier=identifier,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="app_admin",
        MasterUserPassword=PASSWORD,
        AllocatedStorage=20,
        **settings,
    )


def _performance_insights(rds, identifier: str) -> dict:
    (instance,) = rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"]
    return {key: value for key, value in instance.items() if key.startswith("PerformanceInsights")}


def test_an_instance_reports_its_performance_insights_settings(emulator: EmulatorClient) -> None:
    """AWS DBInstance: PerformanceInsightsEnabled, PerformanceInsightsKMSKeyId, PerformanceInsightsRetentionPeriod.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html"""
    rds = emulator.client("rds")
    _create_instance(
        rds,
        "watched",
        EnablePerformanceInsights=True,
        PerformanceInsightsKMSKeyId=KEY_ARN,
        PerformanceInsightsRetentionPeriod=31,
    )
    _create_instance(rds, "plain")
    assert _performance_insights(rds, "watched") == {
        "PerformanceInsightsEnabled": True,
        "PerformanceInsightsKMSKeyId": KEY_ARN,
        "PerformanceInsightsRetentionPeriod": 31,
    }
    assert _performance_insights(rds, "plain") == {"PerformanceInsightsEnabled": False}


def test_performance_insights_follows_modifications(emulator: EmulatorClient) -> None:
    rds = emulator.client("rds")
    _create_instance(rds, "app")
    rds.modify_db_instance(DBInstanceIdentifier="app", EnablePerformanceInsights=True, ApplyImmediately=True)
    turned_on = _performance_insights(rds, "app")
    assert turned_on["PerformanceInsightsEnabled"] is True
    assert turned_on["PerformanceInsightsRetentionPeriod"] == 7
    assert turned_on["PerformanceInsightsKMSKeyId"].startswith("arn:aws:kms:us-east-1:123456789012:")
    rds.modify_db_instance(DBInstanceIdentifier="app", EnablePerformanceInsights=False, ApplyImmediately=True)
    assert _performance_insights(rds, "app") == {"PerformanceInsightsEnabled": False}


# --- IAM: AWS managed policies --------------------------------------------------------


def test_the_enhanced_monitoring_managed_policy_exists_and_attaches(emulator: EmulatorClient) -> None:
    """AWS managed policies exist in every account.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html"""
    iam = emulator.client("iam")
    policy = iam.get_policy(PolicyArn=MONITORING_POLICY)["Policy"]
    assert (policy["PolicyName"], policy["Path"]) == ("AmazonRDSEnhancedMonitoringRole", "/service-role/")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "monitoring.rds.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    iam.create_role(RoleName="monitoring", AssumeRolePolicyDocument=json.dumps(trust))
    iam.attach_role_policy(RoleName="monitoring", PolicyArn=MONITORING_POLICY)
    attached = iam.list_attached_role_policies(RoleName="monitoring")["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == [MONITORING_POLICY]
