"""appstack.aws.rds_db_proxy, rds_db_proxy_info and rds_instance_master_user_secret against the emulator.

Small playbooks (tests/integration/playbooks/rds_modules*.yml) drive the modules as the rds role does; the
network, the DB instance, the credentials secret, the proxy role and the KMS key are set up with boto3.
The tests of each class run in order on one account (the emulator is reset once, at the start): each builds
on the state the previous one left. Every property is read back with boto3, and the emulator's request log
proves what check mode promises: no mutating call.
"""

import json

import pytest
from botocore.exceptions import ClientError

from .accounts import database_network
from .playbook import REPO_ROOT, mutating_calls, run_playbook

PLAYBOOKS = REPO_ROOT / "tests" / "integration" / "playbooks"
# The control host only: the modules talk to the AWS APIs (the emulator, through AWS_ENDPOINT_URL).
INVENTORY = "localhost,"
INSTANCE = "smartscheduler-test"
PROXY = "smartscheduler-test"
# What a run of each playbook changes, when it changes anything.
PROXY_CHANGED = [("appstack.aws.rds_db_proxy", PROXY)]
SECRET_CHANGED = [("appstack.aws.rds_instance_master_user_secret", INSTANCE)]
TAGS = {"Application": "smartscheduler", "Environment": "test"}


def run(emulator, playbook, check=False, **extra_vars):
    return run_playbook(
        str(PLAYBOOKS / playbook), INVENTORY, emulator.env, check=check, diff=check, extra_vars=extra_vars
    )


def create_instance(emulator):
    emulator.client("rds").create_db_instance(
        DBInstanceIdentifier=INSTANCE,
        DBInstanceClass="db.t3.small",
        Engine="postgres",
        MasterUsername="smartscheduler_admin",
        MasterUserPassword="an-initial-password-1",
        AllocatedStorage=20,
    )


@pytest.fixture(scope="class")
def network(emulator_server):
    """An empty account with a VPC (two subnets, a security group), a DB instance, the credentials secret and
    the proxy's role: what the rds role has when it reaches the proxy."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    ec2 = emulator_server.client("ec2")
    _, subnets, group_id = database_network(ec2, zones=3)
    create_instance(emulator_server)
    secret_arn = emulator_server.client("secretsmanager").create_secret(
        Name="smartscheduler/db/test/credentials",
        SecretString=json.dumps({"username": "smartscheduler_admin", "password": "an-initial-password-1"}),
    )["ARN"]
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "rds.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
    role_arn = emulator_server.client("iam").create_role(
        RoleName="smartscheduler-test-rds-proxy", AssumeRolePolicyDocument=json.dumps(trust)
    )["Role"]["Arn"]
    return {
        "vars": {
            "rds_modules_test_subnet_ids": subnets[:2],
            "rds_modules_test_security_group_ids": [group_id],
            "rds_modules_test_secret_arn": secret_arn,
            "rds_modules_test_role_arn": role_arn,
        },
        "subnets": subnets,
        "secret_arn": secret_arn,
        "role_arn": role_arn,
        "group_id": group_id,
    }


def read_proxy(emulator):
    rds = emulator.client("rds")
    (proxy,) = rds.describe_db_proxies(DBProxyName=PROXY)["DBProxies"]
    (group,) = rds.describe_db_proxy_target_groups(DBProxyName=PROXY, TargetGroupName="default")["TargetGroups"]
    targets = rds.describe_db_proxy_targets(DBProxyName=PROXY, TargetGroupName="default")["Targets"]
    tags = {tag["Key"]: tag["Value"] for tag in rds.list_tags_for_resource(ResourceName=proxy["DBProxyArn"])["TagList"]}
    return proxy, group["ConnectionPoolConfig"], targets, tags


class TestRDSProxyLifecycle:
    def test_create_builds_the_proxy_with_its_pool_target_and_tags(self, emulator_server, network):
        emulator_server.clear_requests()

        result = run(emulator_server, "rds_modules.yml", **network["vars"])

        assert not result.failed, result.outcome()
        assert result.changed_resources() == PROXY_CHANGED
        proxy, pool, targets, tags = read_proxy(emulator_server)
        assert proxy["Status"] == "available"
        assert proxy["EngineFamily"] == "POSTGRESQL"
        assert proxy["RequireTLS"] is True
        assert proxy["IdleClientTimeout"] == 1800
        assert proxy["RoleArn"] == network["role_arn"]
        assert sorted(proxy["VpcSubnetIds"]) == sorted(network["subnets"][:2])
        assert proxy["VpcSecurityGroupIds"] == [network["group_id"]]
        assert proxy["Auth"] == [
            {
                "AuthScheme": "SECRETS",
                "SecretArn": network["secret_arn"],
                "IAMAuth": "DISABLED",
                "ClientPasswordAuthType": "POSTGRES_SCRAM_SHA_256",
            }
        ]
        assert (pool["MaxConnectionsPercent"], pool["MaxIdleConnectionsPercent"]) == (90, 50)
        assert pool["ConnectionBorrowTimeout"] == 120
        assert [(t["RdsResourceId"], t["Type"], t["TargetHealth"]["State"]) for t in targets] == [
            (INSTANCE, "RDS_INSTANCE", "AVAILABLE")
        ]
        assert tags == TAGS

    def test_a_second_run_changes_nothing(self, emulator_server, network):
        emulator_server.clear_requests()

        result = run(emulator_server, "rds_modules.yml", **network["vars"])

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_check_mode_reports_a_change_and_makes_none(self, emulator_server, network):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            "rds_modules.yml",
            check=True,
            rds_modules_test_idle_client_timeout=900,
            rds_modules_test_iam_auth="REQUIRED",
            **network["vars"],
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == PROXY_CHANGED
        assert mutating_calls(emulator_server) == []
        proxy, _, _, _ = read_proxy(emulator_server)
        assert (proxy["IdleClientTimeout"], proxy["Auth"][0]["IAMAuth"]) == (1800, "DISABLED")

    def test_a_change_is_applied(self, emulator_server, network):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            "rds_modules.yml",
            rds_modules_test_idle_client_timeout=900,
            rds_modules_test_iam_auth="REQUIRED",
            rds_modules_test_max_connections_percent=80,
            rds_modules_test_tags={**TAGS, "Owner": "platform"},
            **network["vars"],
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == PROXY_CHANGED
        proxy, pool, targets, tags = read_proxy(emulator_server)
        assert (proxy["IdleClientTimeout"], proxy["Auth"][0]["IAMAuth"]) == (900, "REQUIRED")
        assert (pool["MaxConnectionsPercent"], pool["MaxIdleConnectionsPercent"]) == (80, 50)
        assert tags == {**TAGS, "Owner": "platform"}
        assert len(targets) == 1
        assert set(mutating_calls(emulator_server)) == {
            "rds:ModifyDBProxy",
            "rds:ModifyDBProxyTargetGroup",
            "rds:AddTagsToResource",
        }

    def test_other_subnets_are_refused_without_a_change(self, emulator_server, network):
        emulator_server.clear_requests()
        other_subnets = {**network["vars"], "rds_modules_test_subnet_ids": network["subnets"][1:]}

        result = run(emulator_server, "rds_modules.yml", **other_subnets)

        assert result.failed
        assert "can't be changed in place" in result.failure_messages()
        assert "vpc_subnet_ids" in result.failure_messages()
        assert mutating_calls(emulator_server) == []

    def test_absent_deletes_the_proxy(self, emulator_server, network):
        result = run(emulator_server, "rds_modules.yml", rds_modules_test_proxy_state="absent", **network["vars"])

        assert not result.failed, result.outcome()
        assert result.changed_resources() == PROXY_CHANGED
        with pytest.raises(ClientError) as raised:
            emulator_server.client("rds").describe_db_proxies(DBProxyName=PROXY)
        assert raised.value.response["Error"]["Code"] == "DBProxyNotFoundFault"
        assert emulator_server.client("rds").describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"]


@pytest.fixture(scope="class")
def managed_account(emulator_server):
    """An empty account with a DB instance whose password is its own, and the environment's KMS key."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    create_instance(emulator_server)
    key_arn = emulator_server.client("kms").create_key(Description="smartscheduler test")["KeyMetadata"]["Arn"]
    return {"key_arn": key_arn, "vars": {"rds_modules_test_kms_key_id": key_arn}}


def master_user_secret(emulator):
    instance = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=INSTANCE)["DBInstances"][0]
    return instance.get("MasterUserSecret")


class TestManagedMasterPassword:
    def test_check_mode_on_an_unmanaged_instance_reports_a_change_and_makes_none(
        self, emulator_server, managed_account
    ):
        emulator_server.clear_requests()

        result = run(emulator_server, "rds_modules_master_secret.yml", check=True, **managed_account["vars"])

        assert not result.failed, result.outcome()
        assert result.changed_resources() == SECRET_CHANGED
        assert mutating_calls(emulator_server) == []
        assert master_user_secret(emulator_server) is None

    def test_rds_manages_the_password_with_the_key_and_a_90_day_rotation(self, emulator_server, managed_account):
        result = run(emulator_server, "rds_modules_master_secret.yml", **managed_account["vars"])

        assert not result.failed, result.outcome()
        assert result.changed_resources() == SECRET_CHANGED
        secret = master_user_secret(emulator_server)
        assert secret["KmsKeyId"] == managed_account["key_arn"]
        assert secret["SecretStatus"] == "active"
        sm = emulator_server.client("secretsmanager")
        described = sm.describe_secret(SecretId=secret["SecretArn"])
        assert described["Name"].startswith("rds!db-")
        assert described["KmsKeyId"] == managed_account["key_arn"]
        assert (described["RotationEnabled"], described["RotationRules"]["AutomaticallyAfterDays"]) == (True, 90)
        value = json.loads(sm.get_secret_value(SecretId=secret["SecretArn"])["SecretString"])
        assert set(value) == {"username", "password"}
        assert value["username"] == "smartscheduler_admin"
        assert value["password"] not in result.stdout + result.stderr

    def test_a_second_run_changes_nothing(self, emulator_server, managed_account):
        emulator_server.clear_requests()

        result = run(emulator_server, "rds_modules_master_secret.yml", **managed_account["vars"])

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_check_mode_of_a_new_schedule_reports_it_and_changes_nothing(self, emulator_server, managed_account):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            "rds_modules_master_secret.yml",
            check=True,
            rds_modules_test_rotation_days=30,
            **managed_account["vars"],
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == SECRET_CHANGED
        assert mutating_calls(emulator_server) == []
        described = emulator_server.client("secretsmanager").describe_secret(
            SecretId=master_user_secret(emulator_server)["SecretArn"]
        )
        assert described["RotationRules"]["AutomaticallyAfterDays"] == 90


class TestRDSProxyWaits:
    def test_a_new_proxy_is_waited_for_before_its_target_is_registered(self, emulator_server, network):
        """With the rds provisioning delay, a new proxy is 'creating' for a while, and RDS refuses to change its
        target group until it is available (InvalidDBProxyStateFault): the module waits for it, registers the
        target, waits for the target, and returns the proxy ready."""
        emulator_server.configure(provisioning_delays={"rds": 3})
        try:
            result = run(emulator_server, "rds_modules.yml", **network["vars"])
        finally:
            emulator_server.configure(provisioning_delay_seconds=0)

        assert not result.failed, result.outcome()
        proxy, _, targets, _ = read_proxy(emulator_server)
        assert proxy["Status"] == "available"
        assert [t["TargetHealth"]["State"] for t in targets] == ["AVAILABLE"]
