"""Unit tests for module_utils/elasticache_groups.py: input checks, planning and reads (Stubber, no network)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import elasticache_groups as groups

POLICY = {
    "ParameterName": "maxmemory-policy",
    "ParameterValue": "volatile-lru",
    "Source": "system",
    "DataType": "string",
    "AllowedValues": "volatile-lru,allkeys-lru,noeviction",
    "IsModifiable": True,
}
TIMEOUT = {
    "ParameterName": "timeout",
    "ParameterValue": "0",
    "Source": "engine-default",
    "DataType": "integer",
    "AllowedValues": "0,20-",
    "IsModifiable": True,
}
APPENDONLY = {
    "ParameterName": "appendonly",
    "ParameterValue": "no",
    "Source": "system",
    "DataType": "string",
    "AllowedValues": "yes,no",
    "IsModifiable": False,
}
EVENTS = {
    "ParameterName": "notify-keyspace-events",
    "Source": "engine-default",
    "DataType": "string",
    "IsModifiable": True,
}
PARAMETERS = [POLICY, TIMEOUT, APPENDONLY, EVENTS]


# Input checks


@pytest.mark.parametrize("name", ["app-cache", "App-Cache-2", "a" * 255])
def test_valid_subnet_group_names_pass(name):
    assert groups.subnet_group_problems({"name": name, "subnets": ["subnet-0a"]}) == []


@pytest.mark.parametrize("name", ["", "app_cache", "app cache", "a" * 256])
def test_a_subnet_group_name_elasticache_refuses_is_named(name):
    (problem,) = groups.subnet_group_problems({"name": name, "subnets": None})
    assert problem.startswith("name must be 1 to 255 letters, digits or hyphens")


def test_an_empty_subnet_list_is_refused():
    assert groups.subnet_group_problems({"name": "app", "subnets": []}) == ["subnets must name at least one subnet."]


def test_a_default_parameter_group_is_refused():
    (problem,) = groups.parameter_group_problems({"name": "default.valkey8"})
    assert "default parameter group" in problem


@pytest.mark.parametrize("name", ["1cache", "app--cache", "app-", "app.cache"])
def test_a_parameter_group_name_elasticache_refuses_is_named(name):
    (problem,) = groups.parameter_group_problems({"name": name})
    assert problem.startswith("name must be 1 to 255 letters")


# Parameter values


@pytest.mark.parametrize(("value", "expected"), [(True, "yes"), (False, "no"), (300, "300"), ("Ex", "Ex"), (None, "")])
def test_parameter_values_are_written_as_strings(value, expected):
    assert groups.parameter_value(value) == expected


def test_allowed_values_pass():
    desired = {"maxmemory-policy": "noeviction", "timeout": "300", "notify-keyspace-events": "Ex"}
    assert groups.parameter_problems(desired, PARAMETERS, "valkey8") == []
    assert groups.parameter_problems({"timeout": "0"}, PARAMETERS, "valkey8") == []


def test_a_value_outside_the_list_names_the_allowed_values():
    (problem,) = groups.parameter_problems({"maxmemory-policy": "allkeys-fifo"}, PARAMETERS, "valkey8")
    assert "maxmemory-policy can't be 'allkeys-fifo'" in problem
    assert "volatile-lru,allkeys-lru,noeviction" in problem


@pytest.mark.parametrize("value", ["10", "-1", "ten"])
def test_an_integer_outside_the_ranges_names_them(value):
    (problem,) = groups.parameter_problems({"timeout": value}, PARAMETERS, "valkey8")
    assert "allowed values: 0,20-" in problem


def test_an_unknown_or_unmodifiable_parameter_is_named():
    problems = groups.parameter_problems({"appendonly": "yes", "no-such": "1"}, PARAMETERS, "redis7")
    assert problems == [
        "parameters: appendonly can't be modified (ElastiCache sets it).",
        "parameters: no-such is not a parameter of family redis7.",
    ]


# Planning


def test_plan_parameters_sets_only_what_differs():
    to_set, to_reset = groups.plan_parameters(PARAMETERS, {"maxmemory-policy": "noeviction", "timeout": "0"}, False)
    assert (to_set, to_reset) == ({"maxmemory-policy": "noeviction"}, [])


def test_plan_parameters_resets_user_values_not_named_only_when_asked():
    parameters = [{**TIMEOUT, "ParameterValue": "300", "Source": "user"}, POLICY]
    assert groups.plan_parameters(parameters, {"maxmemory-policy": "volatile-lru"}, False) == ({}, [])
    assert groups.plan_parameters(parameters, {"maxmemory-policy": "volatile-lru"}, True) == ({}, ["timeout"])


def test_an_empty_string_matches_a_parameter_without_value():
    assert groups.plan_parameters(PARAMETERS, {"notify-keyspace-events": ""}, False) == ({}, [])
    assert groups.managed_values(PARAMETERS, {"notify-keyspace-events": ""}) == {"notify-keyspace-events": ""}


def test_plan_subnet_group_compares_subnets_as_a_set():
    current = {"name": "app", "description": "App", "subnet_ids": ["subnet-0a", "subnet-0b"], "tags": {}}
    assert groups.plan_subnet_group(current, {"description": "App", "subnets": ["subnet-0b", "subnet-0a"]}) == {}
    assert groups.plan_subnet_group(current, {"description": None, "subnets": ["subnet-0c"]}) == {
        "SubnetIds": ["subnet-0c"]
    }
    assert groups.plan_subnet_group(current, {"description": "Cache", "subnets": None}) == {
        "CacheSubnetGroupDescription": "Cache"
    }


def test_the_family_change_message_says_how_to_replace_the_group():
    message = groups.family_change_message("app", "redis7", "valkey8")
    assert "can't change the family" in message
    assert "create a new parameter group" in message and "state=absent" in message


def test_chunks_hold_at_most_twenty():
    assert [len(chunk) for chunk in groups.chunks(range(45))] == [20, 20, 5]


# Reads


def test_a_missing_subnet_group_reads_as_none(elasticache):
    client, stubber = elasticache
    stubber.add_client_error(
        "describe_cache_subnet_groups",
        "CacheSubnetGroupNotFoundFault",
        "not found",
        400,
        expected_params={"CacheSubnetGroupName": "app"},
    )
    assert groups.read_subnet_group(client, "app") is None


def test_a_subnet_group_reads_with_its_tags(elasticache):
    client, stubber = elasticache
    arn = "arn:aws:elasticache:us-east-1:123456789012:subnetgroup:app"
    group = {
        "CacheSubnetGroupName": "app",
        "CacheSubnetGroupDescription": "App",
        "VpcId": "vpc-0a",
        "Subnets": [{"SubnetIdentifier": "subnet-0b"}, {"SubnetIdentifier": "subnet-0a"}],
        "ARN": arn,
    }
    stubber.add_response(
        "describe_cache_subnet_groups", {"CacheSubnetGroups": [group]}, {"CacheSubnetGroupName": "app"}
    )
    stubber.add_response(
        "list_tags_for_resource", {"TagList": [{"Key": "env", "Value": "prod"}]}, {"ResourceName": arn}
    )

    assert groups.read_subnet_group(client, "app") == {
        "name": "app",
        "description": "App",
        "vpc_id": "vpc-0a",
        "subnet_ids": ["subnet-0a", "subnet-0b"],
        "arn": arn,
        "tags": {"env": "prod"},
    }


def test_parameters_are_read_to_the_last_page(elasticache):
    client, stubber = elasticache
    stubber.add_response(
        "describe_cache_parameters", {"Parameters": [POLICY], "Marker": "1"}, {"CacheParameterGroupName": "app"}
    )
    stubber.add_response(
        "describe_cache_parameters", {"Parameters": [TIMEOUT]}, {"CacheParameterGroupName": "app", "Marker": "1"}
    )
    assert groups.describe_parameters(client, "app") == [POLICY, TIMEOUT]


def test_set_parameters_sends_twenty_a_call(elasticache):
    client, stubber = elasticache
    values = {f"p{n:02d}": str(n) for n in range(21)}
    stubber.add_response(
        "modify_cache_parameter_group",
        {"CacheParameterGroupName": "app"},
        {
            "CacheParameterGroupName": "app",
            "ParameterNameValues": [{"ParameterName": f"p{n:02d}", "ParameterValue": str(n)} for n in range(20)],
        },
    )
    stubber.add_response(
        "modify_cache_parameter_group",
        {"CacheParameterGroupName": "app"},
        {"CacheParameterGroupName": "app", "ParameterNameValues": [{"ParameterName": "p20", "ParameterValue": "20"}]},
    )
    groups.set_parameters(client, "app", values)
