"""appstack.aws.elasticache_subnet_group and elasticache_parameter_group against the emulator.

Each test runs a small playbook (written to a temporary directory: one play on localhost whose tasks call the
modules) with ansible-playbook, as a user does. The tests of each class run in order on one account (the emulator is
reset once, at the start): each builds on the state the previous one left. Every property is read back with boto3,
and the emulator's request log proves what check mode and a second run promise: no mutating call.
"""

from typing import ClassVar

import pytest
from botocore.exceptions import ClientError

from .accounts import database_network
from .playbook import mutating_calls, run_tasks

NAME = "smartscheduler-test-cache"
SUBNET_MODULE = "appstack.aws.elasticache_subnet_group"
PARAMETER_MODULE = "appstack.aws.elasticache_parameter_group"
TAGS = {"Application": "smartscheduler", "Environment": "test"}
LRU = "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction"


def run(emulator, directory, *tasks, check=False):
    return run_tasks(emulator.env, directory, "Manage ElastiCache groups", list(tasks), check=check)


def only_result(result, action):
    (found,) = result.results(action)
    return found


def subnet_task(**options):
    return {"name": "Manage the cache subnet group", SUBNET_MODULE: {"name": NAME, **options}}


def parameter_task(**options):
    return {"name": "Manage the cache parameter group", PARAMETER_MODULE: {"name": NAME, **options}}


def tags_of(emulator, arn):
    tag_list = emulator.client("elasticache").list_tags_for_resource(ResourceName=arn)["TagList"]
    return {tag["Key"]: tag["Value"] for tag in tag_list}


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    """An empty account with a VPC of three database subnets, and a directory for the playbooks."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    vpc_id, subnets, _ = database_network(emulator_server.client("ec2"), zones=3)
    return {"vpc_id": vpc_id, "subnets": subnets, "directory": tmp_path_factory.mktemp("elasticache-playbooks")}


class TestCacheSubnetGroup:
    def settings(self, account):
        return {"description": "smartscheduler test cache", "subnets": account["subnets"][:2], "tags": TAGS}

    def read_back(self, emulator):
        (group,) = emulator.client("elasticache").describe_cache_subnet_groups(CacheSubnetGroupName=NAME)[
            "CacheSubnetGroups"
        ]
        return group, tags_of(emulator, group["ARN"])

    def test_check_mode_on_an_empty_account_predicts_the_group_and_creates_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], subnet_task(**self.settings(account)), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(SUBNET_MODULE, NAME)]
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("elasticache").describe_cache_subnet_groups()["CacheSubnetGroups"] == []
        predicted = only_result(result, SUBNET_MODULE)["subnet_group"]
        assert (predicted["subnet_ids"], predicted["tags"]) == (sorted(account["subnets"][:2]), TAGS)

    def test_create_builds_the_group_in_the_vpc_of_its_subnets(self, emulator_server, account):
        result = run(emulator_server, account["directory"], subnet_task(**self.settings(account)))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(SUBNET_MODULE, NAME)]
        group, tags = self.read_back(emulator_server)
        assert group["VpcId"] == account["vpc_id"]
        assert group["CacheSubnetGroupDescription"] == "smartscheduler test cache"
        assert sorted(subnet["SubnetIdentifier"] for subnet in group["Subnets"]) == sorted(account["subnets"][:2])
        assert tags == TAGS
        returned = only_result(result, SUBNET_MODULE)["subnet_group"]
        assert (returned["vpc_id"], returned["arn"]) == (account["vpc_id"], group["ARN"])

    def test_a_second_run_and_its_check_change_nothing(self, emulator_server, account):
        for check in (False, True):
            emulator_server.clear_requests()

            result = run(emulator_server, account["directory"], subnet_task(**self.settings(account)), check=check)

            assert not result.failed, result.outcome()
            assert result.changed == 0, result.changed_resources()
            assert mutating_calls(emulator_server) == []

    def test_check_mode_predicts_a_change_with_its_diff_and_makes_none(self, emulator_server, account):
        emulator_server.clear_requests()
        changes = {"subnets": account["subnets"][1:], "tags": {**TAGS, "Owner": "platform"}}

        result = run(emulator_server, account["directory"], subnet_task(**changes), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(SUBNET_MODULE, NAME)]
        assert mutating_calls(emulator_server) == []
        diff = only_result(result, SUBNET_MODULE)["diff"]
        assert diff["before"]["subnet_ids"] == sorted(account["subnets"][:2])
        assert diff["after"]["subnet_ids"] == sorted(account["subnets"][1:])
        assert diff["after"]["tags"]["Owner"] == "platform"
        group, _ = self.read_back(emulator_server)
        assert sorted(subnet["SubnetIdentifier"] for subnet in group["Subnets"]) == sorted(account["subnets"][:2])

    def test_a_change_of_subnets_and_tags_is_made(self, emulator_server, account):
        emulator_server.clear_requests()
        changes = {"subnets": account["subnets"][1:], "tags": {"Owner": "platform"}, "purge_tags": False}

        result = run(emulator_server, account["directory"], subnet_task(**changes))

        assert not result.failed, result.outcome()
        assert sorted(mutating_calls(emulator_server)) == [
            "elasticache:AddTagsToResource",
            "elasticache:ModifyCacheSubnetGroup",
        ]
        group, tags = self.read_back(emulator_server)
        assert sorted(subnet["SubnetIdentifier"] for subnet in group["Subnets"]) == sorted(account["subnets"][1:])
        assert tags == {**TAGS, "Owner": "platform"}

    def test_absent_deletes_the_group(self, emulator_server, account):
        result = run(emulator_server, account["directory"], subnet_task(state="absent"))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(SUBNET_MODULE, NAME)]
        with pytest.raises(ClientError) as raised:
            self.read_back(emulator_server)
        assert raised.value.response["Error"]["Code"] == "CacheSubnetGroupNotFoundFault"


class TestCacheParameterGroup:
    SETTINGS: ClassVar[dict] = {
        "family": "valkey8",
        "description": "smartscheduler test cache",
        "parameters": {"maxmemory-policy": "noeviction", "timeout": 300},
        "tags": TAGS,
    }

    def read_back(self, emulator):
        client = emulator.client("elasticache")
        (group,) = client.describe_cache_parameter_groups(CacheParameterGroupName=NAME)["CacheParameterGroups"]
        pages = client.get_paginator("describe_cache_parameters").paginate(CacheParameterGroupName=NAME, Source="user")
        values = {item["ParameterName"]: item["ParameterValue"] for page in pages for item in page["Parameters"]}
        return group, values, tags_of(emulator, group["ARN"])

    def test_check_mode_on_an_empty_account_predicts_the_group_and_creates_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], parameter_task(**self.SETTINGS), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(PARAMETER_MODULE, NAME)]
        assert mutating_calls(emulator_server) == []
        predicted = only_result(result, PARAMETER_MODULE)["parameter_group"]
        assert predicted["parameters"] == {"maxmemory-policy": "noeviction", "timeout": "300"}
        with pytest.raises(ClientError):
            self.read_back(emulator_server)

    def test_create_builds_the_group_with_its_parameters_and_tags(self, emulator_server, account):
        result = run(emulator_server, account["directory"], parameter_task(**self.SETTINGS))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(PARAMETER_MODULE, NAME)]
        group, values, tags = self.read_back(emulator_server)
        assert (group["CacheParameterGroupFamily"], group["Description"]) == ("valkey8", "smartscheduler test cache")
        assert values == {"maxmemory-policy": "noeviction", "timeout": "300"}
        assert tags == TAGS
        assert only_result(result, PARAMETER_MODULE)["parameter_group"]["arn"] == group["ARN"]

    def test_a_second_run_and_its_check_change_nothing(self, emulator_server, account):
        for check in (False, True):
            emulator_server.clear_requests()

            result = run(emulator_server, account["directory"], parameter_task(**self.SETTINGS), check=check)

            assert not result.failed, result.outcome()
            assert result.changed == 0, result.changed_resources()
            assert mutating_calls(emulator_server) == []

    def test_check_mode_predicts_a_change_with_its_diff_and_makes_none(self, emulator_server, account):
        emulator_server.clear_requests()
        changes = {**self.SETTINGS, "parameters": {"maxmemory-policy": "allkeys-lru"}, "reset_unlisted": True}

        result = run(emulator_server, account["directory"], parameter_task(**changes), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(PARAMETER_MODULE, NAME)]
        assert mutating_calls(emulator_server) == []
        diff = only_result(result, PARAMETER_MODULE)["diff"]
        assert diff["before"]["parameters"] == {"maxmemory-policy": "noeviction"}
        assert diff["after"]["parameters"] == {"maxmemory-policy": "allkeys-lru"}
        assert self.read_back(emulator_server)[1] == {"maxmemory-policy": "noeviction", "timeout": "300"}

    def test_a_change_of_parameters_and_tags_is_made(self, emulator_server, account):
        emulator_server.clear_requests()
        changes = {
            **self.SETTINGS,
            "parameters": {"maxmemory-policy": "noeviction", "notify-keyspace-events": "Ex", "activedefrag": True},
            "reset_unlisted": True,
            "tags": {"Owner": "platform"},
        }

        result = run(emulator_server, account["directory"], parameter_task(**changes))

        assert not result.failed, result.outcome()
        assert sorted(mutating_calls(emulator_server)) == [
            "elasticache:AddTagsToResource",
            "elasticache:ModifyCacheParameterGroup",
            "elasticache:RemoveTagsFromResource",
            "elasticache:ResetCacheParameterGroup",
        ]
        _, values, tags = self.read_back(emulator_server)
        assert values == {"maxmemory-policy": "noeviction", "notify-keyspace-events": "Ex", "activedefrag": "yes"}
        assert tags == {"Owner": "platform"}

    def test_a_family_change_fails_with_how_to_replace_the_group(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], parameter_task(family="redis7"))

        assert result.failed
        assert "has family valkey8, not redis7" in result.failure_messages()
        assert "create a new parameter group" in result.failure_messages()
        assert mutating_calls(emulator_server) == []

    def test_a_value_not_allowed_fails_naming_the_allowed_values(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], parameter_task(parameters={"maxmemory-policy": "lru"}))

        assert result.failed
        assert f"maxmemory-policy can't be 'lru'; allowed values: {LRU}" in result.failure_messages()
        assert mutating_calls(emulator_server) == []

    def test_absent_deletes_the_group(self, emulator_server, account):
        result = run(emulator_server, account["directory"], parameter_task(state="absent"))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(PARAMETER_MODULE, NAME)]
        with pytest.raises(ClientError) as raised:
            self.read_back(emulator_server)
        assert raised.value.response["Error"]["Code"] == "CacheParameterGroupNotFound"
