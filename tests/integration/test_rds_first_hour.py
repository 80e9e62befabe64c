"""What a user meets in the first hour with the rds role: minor versions RDS upgraded by itself, and settings
RDS cannot change in place (a truthful --check --diff with booleans given with -e is test_data_tier's, on prod).

The version and key scenarios run the rds role alone, in a playbook written here, against an account built with
boto3.
"""

import json

import pytest
import yaml

from .accounts import database_network
from .playbook import run_playbook
from .secrets_reads import mutating

INSTANCE = "smartscheduler-first"
PASSWORD = "an-initial-password-of-the-first-hour"
UPDATE = "appstack.aws.rds_instance"
# The role alone, main then ready, with its outputs recorded as custom stats.
ROLE_PLAYBOOK = [
    {
        "name": "Run the rds role alone",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {"group/appstack.aws.aws": {"region": "us-east-1"}},
        "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
        "tasks": [
            {"name": "Start the database", "ansible.builtin.include_role": {"name": "appstack.aws.rds"}},
            {
                "name": "Wait for the database",
                "ansible.builtin.include_role": {"name": "appstack.aws.rds", "tasks_from": "ready"},
            },
            {"name": "Record the outputs", "ansible.builtin.set_stats": {"data": {"rds_outputs": "{{ rds_outputs }}"}}},
        ],
    }
]


def _instance(emulator, identifier):
    (found,) = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"]
    return found


@pytest.fixture(scope="module")
def account(emulator_server, tmp_path_factory):
    """An account with what the network and secrets roles would give the rds role, and the role's playbook."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    ec2 = emulator_server.client("ec2")
    _, subnets, group_id = database_network(ec2)
    kms = emulator_server.client("kms")
    key_arn, other_key_arn = (kms.create_key(Description=name)["KeyMetadata"]["Arn"] for name in ("env", "other"))
    secret_arn = emulator_server.client("secretsmanager").create_secret(
        Name="smartscheduler/db/first/credentials",
        KmsKeyId=key_arn,
        SecretString=json.dumps({"username": "smartscheduler_admin", "password": PASSWORD}),
    )["ARN"]
    playbook = tmp_path_factory.mktemp("rds-first-hour") / "rds_alone.yml"
    playbook.write_text(yaml.safe_dump(ROLE_PLAYBOOK, sort_keys=False))
    return {
        "emulator": emulator_server,
        "playbook": str(playbook),
        "key_arn": key_arn,
        "other_key_arn": other_key_arn,
        "vars": {
            "appstack_app_name": "smartscheduler",
            "appstack_environment": "first",
            "appstack_region": "us-east-1",
            "appstack_tags": {"Application": "smartscheduler", "Environment": "first"},
            "rds_instance_identifier": INSTANCE,
            "rds_subnet_ids": subnets,
            "rds_security_group_ids": [group_id],
            "rds_availability_zones": ["us-east-1a", "us-east-1b"],
            "rds_kms_key_arn": key_arn,
            "rds_credentials_secret_arn": secret_arn,
            "rds_credentials_secret_description": "Database master credentials",
            "rds_credentials_secret_policy": "",
            "rds_db_username": "smartscheduler_admin",
            "rds_account_id": "123456789012",
            "rds_partition": "aws",
            "rds_engine_version": "16.6",
        },
    }


def run_role(account, check=False, **overrides):
    return run_playbook(
        account["playbook"],
        "localhost,",
        account["emulator"].env,
        check=check,
        diff=check,
        extra_vars={**account["vars"], **overrides},
    )


def update_result(run):
    (result,) = run.results(UPDATE)
    return result


class TestMinorVersionUpgradedByAWS:
    """The input asks for 16.6 (the lowest minor wanted); RDS upgraded the instance to 16.8 by itself."""

    def test_the_role_creates_16_6_and_then_aws_upgrades_it_to_16_8(self, account):
        run = run_role(account)
        assert not run.failed, run.outcome()
        assert _instance(account["emulator"], INSTANCE)["EngineVersion"] == "16.6"
        account["emulator"].client("rds").modify_db_instance(
            DBInstanceIdentifier=INSTANCE, EngineVersion="16.8", ApplyImmediately=True
        )
        assert _instance(account["emulator"], INSTANCE)["EngineVersion"] == "16.8"

    def test_check_reports_nothing_to_change(self, account):
        account["emulator"].clear_requests()
        run = run_role(account, check=True)
        assert not run.failed, run.outcome()
        assert run.changed_resources() == []
        assert mutating(account["emulator"].requests()["calls"]) == []

    def test_a_real_run_finds_nothing_to_update_changes_nothing_and_outputs_16_8(self, account):
        """The running 16.8 satisfies 16.6: the settings sent would be the instance's own, so
        appstack.aws.rds_instance does not even run amazon.aws.rds_instance."""
        account["emulator"].clear_requests()
        run = run_role(account)
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        update = update_result(run)
        assert update["changed"] is False
        assert "invocation" not in update, "amazon.aws.rds_instance ran though nothing differed"
        assert mutating(account["emulator"].requests()["calls"]) == []
        assert _instance(account["emulator"], INSTANCE)["EngineVersion"] == "16.8"
        assert run.custom_stats["rds_outputs"]["engine_version"] == "16.8"

    def test_a_major_version_alone_accepts_the_running_minor(self, account):
        run = run_role(account, check=True, rds_engine_version="16")
        assert not run.failed, run.outcome()
        assert run.changed_resources() == []

    def test_a_higher_minimum_is_an_upgrade_shown_in_the_diff(self, account):
        account["emulator"].clear_requests()
        run = run_role(account, check=True, rds_engine_version="16.9")
        assert not run.failed, run.outcome()
        result = update_result(run)
        assert result["changed"] is True
        assert result["invocation"]["module_args"]["engine_version"] == "16.9"
        assert result["diff"] == {"before": {"engine_version": "16.8"}, "after": {"engine_version": "16.9"}}
        assert mutating(account["emulator"].requests()["calls"]) == []

    def test_another_storage_key_is_refused_before_any_write(self, account):
        account["emulator"].clear_requests()
        run = run_role(account, rds_kms_key_arn=account["other_key_arn"])
        assert run.failed
        message = run.failure_messages()
        assert f"rds_kms_key_arn is {account['other_key_arn']}" in message
        assert f"encrypted with {account['key_arn']}" in message
        assert "restore it into a new instance" in message
        assert mutating(account["emulator"].requests()["calls"]) == []
        assert _instance(account["emulator"], INSTANCE)["KmsKeyId"] == account["key_arn"]

    def test_a_junk_engine_version_fails_naming_the_variable_with_no_api_call(self, account):
        account["emulator"].clear_requests()
        run = run_role(account, rds_engine_version="16.x")
        assert run.failed
        assert "rds_engine_version is 16.x: expected a major version, e.g. 16, or <major>.<minor>" in (
            run.failure_messages()
        )
        assert account["emulator"].requests()["total"] == 0


class TestGroupsChangedByHand:
    """Someone changes the parameter group and tags the subnet group in the console: the role's one read of the
    groups finds it, --check predicts putting them back, and a run does."""

    SUBNET_GROUP = INSTANCE
    PARAMETER_GROUP = f"{INSTANCE}-postgres16"

    def test_the_groups_are_changed_by_hand(self, account):
        rds = account["emulator"].client("rds")
        rds.modify_db_parameter_group(
            DBParameterGroupName=self.PARAMETER_GROUP,
            Parameters=[
                {"ParameterName": "log_min_duration_statement", "ParameterValue": "-1", "ApplyMethod": "immediate"}
            ],
        )
        arn = rds.describe_db_subnet_groups(DBSubnetGroupName=self.SUBNET_GROUP)["DBSubnetGroups"][0][
            "DBSubnetGroupArn"
        ]
        rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "Owner", "Value": "console"}])

    def test_check_predicts_both_groups_put_back_and_writes_nothing(self, account):
        account["emulator"].clear_requests()
        run = run_role(account, check=True)
        assert not run.failed, run.outcome()
        assert sorted(run.changed_resources()) == [
            ("amazon.aws.rds_instance_param_group", self.PARAMETER_GROUP),
            ("amazon.aws.rds_subnet_group", self.SUBNET_GROUP),
        ]
        assert mutating(account["emulator"].requests()["calls"]) == []

    def test_a_run_puts_them_back_and_the_next_one_runs_neither_module(self, account):
        run = run_role(account)
        assert not run.failed, run.outcome()
        assert sorted(run.changed_resources()) == [
            ("amazon.aws.rds_instance_param_group", self.PARAMETER_GROUP),
            ("amazon.aws.rds_subnet_group", self.SUBNET_GROUP),
        ]
        rds = account["emulator"].client("rds")
        parameters = rds.describe_db_parameters(DBParameterGroupName=self.PARAMETER_GROUP, Source="user")["Parameters"]
        assert {p["ParameterName"]: p["ParameterValue"] for p in parameters}["log_min_duration_statement"] == "1000"
        arn = rds.describe_db_subnet_groups(DBSubnetGroupName=self.SUBNET_GROUP)["DBSubnetGroups"][0][
            "DBSubnetGroupArn"
        ]
        assert "Owner" not in {tag["Key"] for tag in rds.list_tags_for_resource(ResourceName=arn)["TagList"]}

        account["emulator"].clear_requests()
        again = run_role(account)
        assert again.changed == 0, again.changed_resources()
        # The read alone: neither group's module ran.
        operations = [call["operation"] for call in account["emulator"].requests()["calls"]]
        assert (operations.count("DescribeDBSubnetGroups"), operations.count("DescribeDBParameterGroups")) == (1, 1)
