"""appstack.aws.elasticache_replication_group and its info twin against the emulator.

A small playbook (tests/integration/playbooks/elasticache_replication_group.yml) drives the modules as the cache
role does; the network, the cache subnet group, the parameter group and the KMS key are set up with boto3. The tests
run in order on one account (the emulator is reset once, at the start): each builds on the state the previous one
left. Every property is read back with boto3, and the emulator's request log proves what check mode promises: no
mutating call.
"""

import pytest
from botocore.exceptions import ClientError

from .accounts import database_network
from .playbook import REPO_ROOT, mutating_calls, run_playbook

PLAYBOOK = str(REPO_ROOT / "tests" / "integration" / "playbooks" / "elasticache_replication_group.yml")
INVENTORY = "localhost,"
GROUP_ID = "smartscheduler-test"
CHANGED = ["appstack.aws.elasticache_replication_group"]
TOKEN = "Integration-token-0123456789"
NEW_TOKEN = "Rotated-token-9876543210-x"
TAGS = {"Application": "smartscheduler", "Environment": "test"}
# Long enough that no read made right after the create comes after it; the test moves the emulator's clock on.
DELAY = 600


def run(emulator, account, check=False, verbosity=0, **extra_vars):
    return run_playbook(
        PLAYBOOK,
        INVENTORY,
        emulator.env,
        check=check,
        diff=check,
        extra_vars={**account["vars"], **extra_vars},
        verbosity=verbosity,
        json_report=not verbosity,
    )


@pytest.fixture(scope="class")
def account(emulator_server):
    """An empty account with what the cache role has when it reaches the group: a VPC with database subnets, a
    security group, a cache subnet group, a Valkey 8 parameter group and the environment's KMS key."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    _, subnets, group_id = database_network(emulator_server.client("ec2"), zones=2)
    elasticache = emulator_server.client("elasticache")
    elasticache.create_cache_subnet_group(
        CacheSubnetGroupName="smartscheduler-test", CacheSubnetGroupDescription="cache", SubnetIds=subnets
    )
    elasticache.create_cache_parameter_group(
        CacheParameterGroupName="smartscheduler-test-valkey8", CacheParameterGroupFamily="valkey8", Description="cache"
    )
    key_arn = emulator_server.client("kms").create_key()["KeyMetadata"]["Arn"]
    return {
        "vars": {
            "elasticache_test_subnet_group": "smartscheduler-test",
            "elasticache_test_security_group_ids": [group_id],
            "elasticache_test_parameter_group": "smartscheduler-test-valkey8",
            "elasticache_test_kms_key_id": key_arn,
            "elasticache_test_auth_token": TOKEN,
        },
        "group_id": group_id,
        "key_arn": key_arn,
    }


def read_group(emulator):
    elasticache = emulator.client("elasticache")
    (group,) = elasticache.describe_replication_groups(ReplicationGroupId=GROUP_ID)["ReplicationGroups"]
    (primary,) = elasticache.describe_cache_clusters(CacheClusterId=group["MemberClusters"][0])["CacheClusters"]
    tags = {
        tag["Key"]: tag["Value"] for tag in elasticache.list_tags_for_resource(ResourceName=group["ARN"])["TagList"]
    }
    return group, primary, tags


def module_result(result):
    (found,) = result.results("appstack.aws.elasticache_replication_group")
    return found


class TestReplicationGroupLifecycle:
    def test_check_mode_on_an_empty_account_predicts_the_group_and_makes_no_write(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed_actions() == CHANGED
        assert module_result(result)["replication_group"]["status"] == "creating"
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("elasticache").describe_replication_groups()["ReplicationGroups"] == []

    def test_create_without_waiting_returns_the_group_creating(self, emulator_server, account):
        emulator_server.configure(provisioning_delays={"elasticache": DELAY})
        emulator_server.clear_requests()

        result = run(emulator_server, account, elasticache_test_wait=False)

        assert not result.failed, result.outcome()
        assert result.changed_actions() == CHANGED
        found = module_result(result)
        assert found["replication_group"]["status"] == "creating"
        assert found["primary_endpoint"] == {}
        assert mutating_calls(emulator_server) == ["elasticache:CreateReplicationGroup"]
        assert read_group(emulator_server)[0]["Status"] == "creating"

    def test_a_waiting_run_finds_the_group_as_asked(self, emulator_server, account):
        emulator_server.advance_clock(DELAY)
        emulator_server.configure(provisioning_delays={"elasticache": 0})
        emulator_server.clear_requests()

        result = run(emulator_server, account)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        group, primary, tags = read_group(emulator_server)
        assert group["Status"] == "available"
        assert (group["Engine"], primary["EngineVersion"][:4]) == ("valkey", "8.0.")
        assert group["CacheNodeType"] == "cache.t4g.micro"
        assert group["MemberClusters"] == [f"{GROUP_ID}-001", f"{GROUP_ID}-002"]
        assert (group["AutomaticFailover"], group["MultiAZ"]) == ("disabled", "disabled")
        assert (group["AtRestEncryptionEnabled"], group["KmsKeyId"]) == (True, account["key_arn"])
        assert (group["TransitEncryptionEnabled"], group["AuthTokenEnabled"]) == (True, True)
        assert (group["SnapshotRetentionLimit"], group["SnapshotWindow"]) == (7, "05:00-06:00")
        assert [(log["LogType"], log["LogFormat"], log["Status"]) for log in group["LogDeliveryConfigurations"]] == [
            ("slow-log", "json", "active")
        ]
        assert primary["CacheSubnetGroupName"] == "smartscheduler-test"
        assert primary["SecurityGroups"] == [{"SecurityGroupId": account["group_id"], "Status": "active"}]
        assert primary["CacheParameterGroup"]["CacheParameterGroupName"] == "smartscheduler-test-valkey8"
        assert tags == TAGS
        found = module_result(result)
        assert found["primary_endpoint"] == {
            "address": group["NodeGroups"][0]["PrimaryEndpoint"]["Address"],
            "port": 6379,
        }
        assert found["reader_endpoint"]["address"].startswith(f"replica.{GROUP_ID}.")
        assert mutating_calls(emulator_server) == []

    def test_check_mode_on_the_converged_group_changes_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_check_mode_predicts_a_change_with_its_diff_and_makes_none(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account, check=True, elasticache_test_node_type="cache.t4g.small")

        assert not result.failed, result.outcome()
        assert result.changed_actions() == CHANGED
        diff = module_result(result)["diff"]
        assert (diff["before"]["cache_node_type"], diff["after"]["cache_node_type"]) == (
            "cache.t4g.micro",
            "cache.t4g.small",
        )
        assert mutating_calls(emulator_server) == []
        assert read_group(emulator_server)[0]["CacheNodeType"] == "cache.t4g.micro"

    def test_node_type_retention_replicas_and_failover_are_changed(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            account,
            elasticache_test_node_type="cache.t4g.small",
            elasticache_test_snapshot_retention=3,
            elasticache_test_num_replicas=2,
            elasticache_test_failover=True,
            elasticache_test_multi_az=True,
            elasticache_test_tags={**TAGS, "Owner": "platform"},
        )

        assert not result.failed, result.outcome()
        assert result.changed_actions() == CHANGED
        group, primary, tags = read_group(emulator_server)
        assert group["Status"] == "available"
        assert (group["CacheNodeType"], primary["CacheNodeType"]) == ("cache.t4g.small", "cache.t4g.small")
        assert group["SnapshotRetentionLimit"] == 3
        assert group["MemberClusters"] == [f"{GROUP_ID}-001", f"{GROUP_ID}-002", f"{GROUP_ID}-003"]
        assert (group["AutomaticFailover"], group["MultiAZ"]) == ("enabled", "enabled")
        assert tags == {**TAGS, "Owner": "platform"}
        assert mutating_calls(emulator_server) == [
            "elasticache:IncreaseReplicaCount",
            "elasticache:ModifyReplicationGroup",
            "elasticache:AddTagsToResource",
        ]

    def test_an_immutable_change_fails_with_how_to_replace_the_group(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            account,
            elasticache_test_at_rest_encryption=False,
            elasticache_test_kms_key_id="",
            elasticache_test_num_replicas=2,
            elasticache_test_failover=True,
            elasticache_test_multi_az=True,
        )

        assert result.failed
        messages = result.failure_messages()
        assert "at_rest_encryption is True, not False" in messages
        assert "snapshot" in messages
        assert "delete the old group" in messages
        assert mutating_calls(emulator_server) == []

    @pytest.mark.parametrize(("strategy", "token"), [("rotate", NEW_TOKEN), ("set", NEW_TOKEN)])
    def test_the_token_is_rotated_then_set_and_never_printed(self, emulator_server, account, strategy, token):
        before = read_group(emulator_server)[0]["AuthTokenLastModifiedDate"]
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            account,
            verbosity=3,
            elasticache_test_auth_token=token,
            elasticache_test_token_strategy=strategy,
            elasticache_test_node_type="cache.t4g.small",
            elasticache_test_snapshot_retention=3,
            elasticache_test_num_replicas=2,
            elasticache_test_failover=True,
            elasticache_test_multi_az=True,
            elasticache_test_tags={**TAGS, "Owner": "platform"},
        )

        assert not result.failed, result.stdout[-3000:]
        assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in result.stdout
        assert TOKEN not in result.stdout + result.stderr
        assert token not in result.stdout + result.stderr
        assert mutating_calls(emulator_server) == ["elasticache:ModifyReplicationGroup"]
        group = read_group(emulator_server)[0]
        assert group["AuthTokenEnabled"] is True
        assert group["AuthTokenLastModifiedDate"] > before

    def test_absent_deletes_the_group(self, emulator_server, account):
        result = run(emulator_server, account, elasticache_test_state="absent")

        assert not result.failed, result.outcome()
        assert result.changed_actions() == CHANGED
        with pytest.raises(ClientError) as raised:
            emulator_server.client("elasticache").describe_replication_groups(ReplicationGroupId=GROUP_ID)
        assert raised.value.response["Error"]["Code"] == "ReplicationGroupNotFoundFault"
        assert emulator_server.client("elasticache").describe_cache_clusters()["CacheClusters"] == []
