"""Unit tests for appstack.aws.elasticache_parameter_group (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating call
is made.
"""

from ansible_collections.appstack.aws.plugins.modules import elasticache_parameter_group as module

NAME = "app-cache"
ARN = f"arn:aws:elasticache:us-east-1:123456789012:parametergroup:{NAME}"
LRU = "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction"


def parameter(name, value, allowed, data_type="string", source="engine-default", modifiable=True):
    return {
        "ParameterName": name,
        "ParameterValue": value,
        "Source": source,
        "DataType": data_type,
        "AllowedValues": allowed,
        "IsModifiable": modifiable,
        "ChangeType": "immediate",
    }


def boto_parameters(**user_values):
    parameters = [
        parameter("maxmemory-policy", "volatile-lru", LRU, source="system"),
        parameter("timeout", "0", "0,20-", "integer"),
        parameter("appendonly", "no", "yes,no", source="system", modifiable=False),
        parameter("activedefrag", "no", "yes,no"),
    ]
    for item in parameters:
        name = item["ParameterName"].replace("-", "_")
        if name in user_values:
            item.update(ParameterValue=user_values[name], Source="user")
    return parameters


def boto_group(family="valkey8"):
    return {
        "CacheParameterGroupName": NAME,
        "CacheParameterGroupFamily": family,
        "Description": "App cache",
        "IsGlobal": False,
        "ARN": ARN,
    }


def queue_read(stubber, group=None, tags=None, parameters=None):
    if group is None:
        stubber.add_client_error(
            "describe_cache_parameter_groups",
            "CacheParameterGroupNotFound",
            "not found",
            404,
            expected_params={"CacheParameterGroupName": NAME},
        )
        return
    stubber.add_response(
        "describe_cache_parameter_groups", {"CacheParameterGroups": [group]}, {"CacheParameterGroupName": NAME}
    )
    stubber.add_response(
        "list_tags_for_resource",
        {"TagList": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]},
        {"ResourceName": ARN},
    )
    stubber.add_response(
        "describe_cache_parameters",
        {"Parameters": parameters if parameters is not None else boto_parameters()},
        {"CacheParameterGroupName": NAME},
    )


def queue_family(stubber, family="valkey8"):
    stubber.add_response(
        "describe_engine_default_parameters",
        {"EngineDefaults": {"CacheParameterGroupFamily": family, "Parameters": boto_parameters()}},
        {"CacheParameterGroupFamily": family},
    )


def args(**overrides):
    return {"name": NAME, "family": "valkey8", "description": "App cache", **overrides}


def test_a_default_group_fails_before_any_call(run_module):
    rc, result = run_module(module, args(name="default.valkey8"), None)

    assert rc == 1
    assert "default parameter group" in result["msg"]


def test_check_mode_on_a_missing_group_validates_predicts_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    queue_family(stubber)

    rc, result = run_module(
        module,
        args(
            parameters={"maxmemory-policy": "noeviction"},
            tags={"env": "test"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["parameter_group"] == {
        "name": NAME,
        "family": "valkey8",
        "description": "App cache",
        "arn": None,
        "parameters": {"maxmemory-policy": "noeviction"},
        "tags": {"env": "test"},
    }
    assert result["diff"]["before"] == {}


def test_create_sets_the_parameters_after_checking_them(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    queue_family(stubber)
    stubber.add_response(
        "create_cache_parameter_group",
        {"CacheParameterGroup": boto_group()},
        {
            "CacheParameterGroupName": NAME,
            "CacheParameterGroupFamily": "valkey8",
            "Description": "App cache",
            "Tags": [{"Key": "env", "Value": "test"}],
        },
    )
    stubber.add_response(
        "modify_cache_parameter_group",
        {"CacheParameterGroupName": NAME},
        {
            "CacheParameterGroupName": NAME,
            "ParameterNameValues": [
                {"ParameterName": "maxmemory-policy", "ParameterValue": "noeviction"},
                {"ParameterName": "timeout", "ParameterValue": "300"},
            ],
        },
    )

    rc, result = run_module(
        module, args(parameters={"maxmemory-policy": "noeviction", "timeout": 300}, tags={"env": "test"}), client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["parameter_group"]["arn"] == ARN
    assert result["parameter_group"]["parameters"] == {"maxmemory-policy": "noeviction", "timeout": "300"}


def test_a_value_not_allowed_fails_naming_the_allowed_values_before_any_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    queue_family(stubber)

    rc, result = run_module(module, args(parameters={"maxmemory-policy": "allkeys-fifo", "appendonly": "yes"}), client)

    assert rc == 1
    assert "appendonly can't be modified" in result["msg"]
    assert f"maxmemory-policy can't be 'allkeys-fifo'; allowed values: {LRU}" in result["msg"]


def test_a_missing_group_without_family_fails_naming_it(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME, "description": "App"}, client)

    assert rc == 1
    assert "set family" in result["msg"]


def test_a_converged_group_reports_no_change(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "test"}, parameters=boto_parameters(maxmemory_policy="noeviction"))

    rc, result = run_module(module, args(parameters={"maxmemory-policy": "noeviction"}, tags={"env": "test"}), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["parameter_group"]["parameters"] == {"maxmemory-policy": "noeviction"}
    assert "diff" not in result


def test_check_mode_of_a_change_predicts_it_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), parameters=boto_parameters(timeout="300"))

    rc, result = run_module(
        module,
        args(
            parameters={"maxmemory-policy": "noeviction"},
            reset_unlisted=True,
            tags={"env": "prod"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["parameters"] == {"maxmemory-policy": "volatile-lru"}
    assert result["diff"]["after"]["parameters"] == {"maxmemory-policy": "noeviction"}
    assert result["diff"]["after"]["tags"] == {"env": "prod"}


def test_changes_reset_unlisted_values_then_set_the_new_ones(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), parameters=boto_parameters(timeout="300"))
    stubber.add_response(
        "reset_cache_parameter_group",
        {"CacheParameterGroupName": NAME},
        {
            "CacheParameterGroupName": NAME,
            "ResetAllParameters": False,
            "ParameterNameValues": [{"ParameterName": "timeout"}],
        },
    )
    stubber.add_response(
        "modify_cache_parameter_group",
        {"CacheParameterGroupName": NAME},
        {
            "CacheParameterGroupName": NAME,
            "ParameterNameValues": [{"ParameterName": "activedefrag", "ParameterValue": "yes"}],
        },
    )

    rc, result = run_module(module, args(parameters={"activedefrag": True}, reset_unlisted=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["parameter_group"]["parameters"] == {"activedefrag": "yes"}


def test_unlisted_user_values_stay_by_default(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), parameters=boto_parameters(timeout="300"))

    rc, result = run_module(module, args(parameters={"maxmemory-policy": "volatile-lru"}), client)

    assert rc == 0, result
    assert not result["changed"]


def test_a_family_change_fails_and_says_how_to_replace_the_group(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(family="redis7"))

    rc, result = run_module(module, args(family="valkey8"), client)

    assert rc == 1
    assert "has family redis7, not valkey8" in result["msg"]
    assert "create a new parameter group" in result["msg"]


def test_a_different_description_only_warns(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group())

    rc, result = run_module(module, args(description="Another"), client)

    assert rc == 0, result
    assert not result["changed"]
    messages = [warning if isinstance(warning, str) else warning["event"]["msg"] for warning in result["warnings"]]
    assert any("can't change the description" in message for message in messages)


def test_absent_deletes_the_group(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group())
    stubber.add_response("delete_cache_parameter_group", {}, {"CacheParameterGroupName": NAME})

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]


def test_absent_on_a_missing_group_changes_nothing(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]
