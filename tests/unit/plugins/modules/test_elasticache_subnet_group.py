"""Unit tests for appstack.aws.elasticache_subnet_group (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating call
is made.
"""

from ansible_collections.appstack.aws.plugins.modules import elasticache_subnet_group as module

NAME = "app-cache"
ARN = f"arn:aws:elasticache:us-east-1:123456789012:subnetgroup:{NAME}"
SUBNETS = ["subnet-0a", "subnet-0b"]


def boto_group(subnets=SUBNETS, description="App cache"):
    return {
        "CacheSubnetGroupName": NAME,
        "CacheSubnetGroupDescription": description,
        "VpcId": "vpc-0a",
        "Subnets": [
            {"SubnetIdentifier": subnet, "SubnetAvailabilityZone": {"Name": f"us-east-1{zone}"}}
            for subnet, zone in zip(subnets, "abc", strict=False)
        ],
        "ARN": ARN,
        "SupportedNetworkTypes": ["ipv4"],
    }


def queue_read(stubber, group=None, tags=None):
    if group is None:
        stubber.add_client_error(
            "describe_cache_subnet_groups",
            "CacheSubnetGroupNotFoundFault",
            "not found",
            400,
            expected_params={"CacheSubnetGroupName": NAME},
        )
        return
    stubber.add_response("describe_cache_subnet_groups", {"CacheSubnetGroups": [group]}, {"CacheSubnetGroupName": NAME})
    stubber.add_response(
        "list_tags_for_resource",
        {"TagList": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]},
        {"ResourceName": ARN},
    )


def args(**overrides):
    return {"name": NAME, "description": "App cache", "subnets": SUBNETS, **overrides}


def test_bad_input_fails_before_any_call(run_module):
    rc, result = run_module(module, args(name="app_cache", subnets=[]), None)

    assert rc == 1
    assert result["problems"] == [
        "name must be 1 to 255 letters, digits or hyphens, not 'app_cache'.",
        "subnets must name at least one subnet.",
    ]


def test_check_mode_on_a_missing_group_predicts_it_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(
        module,
        args(subnets=["subnet-0b", "subnet-0a"], tags={"env": "test"}, _ansible_check_mode=True, _ansible_diff=True),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["subnet_group"] == {
        "name": NAME,
        "description": "App cache",
        "vpc_id": None,
        "subnet_ids": SUBNETS,
        "arn": None,
        "tags": {"env": "test"},
    }
    assert result["diff"]["before"] == {}


def test_create_sends_the_subnets_and_tags(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    stubber.add_response(
        "create_cache_subnet_group",
        {"CacheSubnetGroup": boto_group()},
        {
            "CacheSubnetGroupName": NAME,
            "CacheSubnetGroupDescription": "App cache",
            "SubnetIds": SUBNETS,
            "Tags": [{"Key": "env", "Value": "test"}],
        },
    )

    rc, result = run_module(module, args(tags={"env": "test"}), client)

    assert rc == 0, result
    assert result["changed"]
    assert (result["subnet_group"]["vpc_id"], result["subnet_group"]["arn"]) == ("vpc-0a", ARN)
    assert result["subnet_group"]["tags"] == {"env": "test"}


def test_a_missing_group_without_description_or_subnets_fails_naming_them(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 1
    assert "set description, subnets" in result["msg"]


def test_a_matching_group_reports_no_change(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "test"})

    rc, result = run_module(module, args(subnets=list(reversed(SUBNETS)), tags={"env": "test"}), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result


def test_check_mode_of_a_change_predicts_it_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"old": "x"})

    rc, result = run_module(
        module,
        args(
            subnets=["subnet-0c"],
            description="Cache",
            tags={"env": "prod"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    after = result["diff"]["after"]
    assert (after["subnet_ids"], after["description"], after["tags"]) == (["subnet-0c"], "Cache", {"env": "prod"})
    assert result["diff"]["before"]["subnet_ids"] == SUBNETS


def test_changes_go_through_modify_and_the_tag_calls(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"old": "x"})
    stubber.add_response(
        "modify_cache_subnet_group",
        {"CacheSubnetGroup": boto_group(subnets=["subnet-0c"])},
        {"CacheSubnetGroupName": NAME, "SubnetIds": ["subnet-0c"]},
    )
    stubber.add_response("remove_tags_from_resource", {"TagList": []}, {"ResourceName": ARN, "TagKeys": ["old"]})
    stubber.add_response(
        "add_tags_to_resource",
        {"TagList": [{"Key": "env", "Value": "prod"}]},
        {"ResourceName": ARN, "Tags": [{"Key": "env", "Value": "prod"}]},
    )

    rc, result = run_module(module, args(subnets=["subnet-0c"], tags={"env": "prod"}), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["subnet_group"]["subnet_ids"] == ["subnet-0c"]
    assert result["subnet_group"]["tags"] == {"env": "prod"}


def test_tags_left_unset_are_not_touched(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "test"})

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["subnet_group"]["tags"] == {"env": "test"}


def test_absent_deletes_the_group(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group())
    stubber.add_response("delete_cache_subnet_group", {}, {"CacheSubnetGroupName": NAME})

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert "subnet_group" not in result


def test_absent_on_a_missing_group_changes_nothing(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


def test_a_group_in_use_fails_with_elasticaches_reason(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group())
    stubber.add_client_error(
        "delete_cache_subnet_group",
        "CacheSubnetGroupInUse",
        "Cache subnet group app-cache is in use by replication group app.",
        400,
        expected_params={"CacheSubnetGroupName": NAME},
    )

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert "in use by replication group app" in result["msg"]
