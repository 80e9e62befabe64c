"""Unit tests for appstack.aws.elasticache_replication_group (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating call
is made.
"""

import datetime

from ansible_collections.appstack.aws.plugins.modules import elasticache_replication_group as module

GROUP_ID = "app-cache"
ARN = f"arn:aws:elasticache:us-east-1:123456789012:replicationgroup:{GROUP_ID}"
KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d"
TOKEN = "Token-with-16-chars-or-more"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
PRIMARY = f"master.{GROUP_ID}.abc123.use1.cache.amazonaws.com"
READER = f"replica.{GROUP_ID}.abc123.use1.cache.amazonaws.com"


def boto_group(status="available", replicas=1, **overrides):
    members = [f"{GROUP_ID}-{n:03d}" for n in range(1, replicas + 2)]
    node_group = {
        "NodeGroupId": "0001",
        "Status": status,
        "NodeGroupMembers": [
            {"CacheClusterId": member, "CacheNodeId": "0001", "CurrentRole": "primary" if n == 0 else "replica"}
            for n, member in enumerate(members)
        ],
    }
    if status != "creating":
        node_group["PrimaryEndpoint"] = {"Address": PRIMARY, "Port": 6379}
        node_group["ReaderEndpoint"] = {"Address": READER, "Port": 6379}
    group = {
        "ReplicationGroupId": GROUP_ID,
        "Description": "app cache",
        "Status": status,
        "PendingModifiedValues": {},
        "MemberClusters": members,
        "NodeGroups": [node_group],
        "AutomaticFailover": "enabled" if replicas else "disabled",
        "MultiAZ": "enabled" if replicas else "disabled",
        "SnapshotRetentionLimit": 7,
        "SnapshotWindow": "05:00-06:00",
        "ClusterEnabled": False,
        "CacheNodeType": "cache.t4g.micro",
        "AuthTokenEnabled": True,
        "AuthTokenLastModifiedDate": WHEN,
        "TransitEncryptionEnabled": True,
        "TransitEncryptionMode": "required",
        "AtRestEncryptionEnabled": True,
        "KmsKeyId": KEY_ARN,
        "ARN": ARN,
        "LogDeliveryConfigurations": [],
        "Engine": "valkey",
        "ClusterMode": "disabled",
        "AutoMinorVersionUpgrade": True,
    }
    group.update(overrides)
    return group


def boto_cluster(**overrides):
    cluster = {
        "CacheClusterId": f"{GROUP_ID}-001",
        "CacheNodeType": "cache.t4g.micro",
        "Engine": "valkey",
        "EngineVersion": "8.0.1",
        "CacheClusterStatus": "available",
        "PreferredMaintenanceWindow": "sun:23:00-mon:01:30",
        "PendingModifiedValues": {},
        "CacheParameterGroup": {"CacheParameterGroupName": "app-valkey8", "ParameterApplyStatus": "in-sync"},
        "CacheSubnetGroupName": "app-db",
        "SecurityGroups": [{"SecurityGroupId": "sg-1", "Status": "active"}],
        "ReplicationGroupId": GROUP_ID,
    }
    cluster.update(overrides)
    return cluster


def queue_read(stubber, group=None, tags=None, cluster=None):
    """Queue the reads of get_group: the group, its primary cluster and its tags."""
    if group is None:
        stubber.add_client_error(
            "describe_replication_groups",
            "ReplicationGroupNotFoundFault",
            "not found",
            404,
            expected_params={"ReplicationGroupId": GROUP_ID},
        )
        return
    stubber.add_response(
        "describe_replication_groups", {"ReplicationGroups": [group]}, {"ReplicationGroupId": GROUP_ID}
    )
    stubber.add_response(
        "describe_cache_clusters",
        {"CacheClusters": [cluster or boto_cluster()]},
        {"CacheClusterId": group["MemberClusters"][0]},
    )
    stubber.add_response(
        "list_tags_for_resource",
        {"TagList": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]},
        {"ResourceName": ARN},
    )


def args(**overrides):
    values = {"replication_group_id": GROUP_ID, "wait": False}
    values.update(overrides)
    return values


def converged_args(**overrides):
    settings = dict(
        description="app cache",
        engine="valkey",
        engine_version="8.0",
        cache_node_type="cache.t4g.micro",
        num_replicas=1,
        automatic_failover=True,
        multi_az=True,
        cache_subnet_group_name="app-db",
        security_group_ids=["sg-1"],
        cache_parameter_group_name="app-valkey8",
        at_rest_encryption=True,
        kms_key_id=KEY_ARN,
        transit_encryption=True,
        auth_token=TOKEN,
        snapshot_retention_limit=7,
        snapshot_window="05:00-06:00",
        tags={"env": "prod"},
    )
    settings.update(overrides)
    return args(**settings)


# Checking the options


def test_invalid_options_fail_before_any_client_is_made(run_module):
    rc, result = run_module(
        module,
        args(automatic_failover=True, num_replicas=0, snapshot_retention_limit=40, cache_node_type="t4g.micro"),
        None,
    )

    assert rc == 1
    assert len(result["problems"]) == 3


# Creating


def test_check_mode_on_a_missing_group_predicts_it_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, converged_args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    group = result["replication_group"]
    assert (group["status"], group["engine"], group["member_clusters"]) == (
        "creating",
        "valkey",
        ["app-cache-001", "app-cache-002"],
    )
    assert result["diff"]["before"] == {}
    assert result["primary_endpoint"] == {}
    assert TOKEN not in repr(result)


def test_create_without_waiting_sends_every_option_and_returns_at_once(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    stubber.add_response(
        "create_replication_group",
        {"ReplicationGroup": boto_group(status="creating")},
        {
            "ReplicationGroupId": GROUP_ID,
            "ReplicationGroupDescription": "app cache",
            "CacheNodeType": "cache.t4g.micro",
            "NumCacheClusters": 2,
            "Engine": "valkey",
            "EngineVersion": "8.0",
            "AutomaticFailoverEnabled": True,
            "MultiAZEnabled": True,
            "CacheSubnetGroupName": "app-db",
            "SecurityGroupIds": ["sg-1"],
            "CacheParameterGroupName": "app-valkey8",
            "AtRestEncryptionEnabled": True,
            "KmsKeyId": KEY_ARN,
            "TransitEncryptionEnabled": True,
            "AuthToken": TOKEN,
            "SnapshotRetentionLimit": 7,
            "SnapshotWindow": "05:00-06:00",
            "Tags": [{"Key": "env", "Value": "prod"}],
        },
    )

    rc, result = run_module(module, converged_args(), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["replication_group"]["status"] == "creating"
    assert result["replication_group"]["tags"] == {"env": "prod"}
    assert result["primary_endpoint"] == {}
    assert TOKEN not in repr(result)


def test_create_with_wait_waits_and_reads_the_group_back(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)
    stubber.add_response("create_replication_group", {"ReplicationGroup": boto_group(status="creating")})
    stubber.add_response(
        "describe_replication_groups", {"ReplicationGroups": [boto_group()]}, {"ReplicationGroupId": GROUP_ID}
    )
    queue_read(stubber, boto_group(), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(wait=True), client)

    assert rc == 0, result
    assert result["replication_group"]["status"] == "available"
    assert result["replication_group"]["engine_version"] == "8.0.1"
    assert result["primary_endpoint"] == {"address": PRIMARY, "port": 6379}
    assert result["reader_endpoint"] == {"address": READER, "port": 6379}


def test_a_missing_group_without_the_creation_settings_fails_naming_them(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, args(num_replicas=1), client)

    assert rc == 1
    assert "description, cache_node_type" in result["msg"]


# Updating


def test_a_matching_group_reports_no_change_with_three_reads(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result
    group = result["replication_group"]
    assert (group["cache_parameter_group_name"], group["security_group_ids"], group["port"]) == (
        "app-valkey8",
        ["sg-1"],
        6379,
    )


def test_check_mode_of_a_change_predicts_it_and_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})

    rc, result = run_module(
        module,
        converged_args(
            cache_node_type="cache.t4g.small",
            num_replicas=2,
            snapshot_retention_limit=1,
            tags={"env": "prod", "team": "web"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert (before["cache_node_type"], after["cache_node_type"]) == ("cache.t4g.micro", "cache.t4g.small")
    assert after["snapshot_retention_limit"] == 1
    assert len(after["member_clusters"]) == 3
    assert after["tags"] == {"env": "prod", "team": "web"}


def test_more_replicas_are_added_before_the_modification(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})
    stubber.add_response(
        "increase_replica_count",
        {"ReplicationGroup": boto_group(status="modifying", replicas=2)},
        {"ReplicationGroupId": GROUP_ID, "NewReplicaCount": 2, "ApplyImmediately": True},
    )
    stubber.add_response(
        "describe_replication_groups", {"ReplicationGroups": [boto_group(replicas=2)]}, {"ReplicationGroupId": GROUP_ID}
    )
    stubber.add_response(
        "modify_replication_group",
        {"ReplicationGroup": boto_group(status="modifying", replicas=2)},
        {"ReplicationGroupId": GROUP_ID, "ApplyImmediately": True, "CacheNodeType": "cache.t4g.small"},
    )
    queue_read(stubber, boto_group(status="modifying", replicas=2), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(cache_node_type="cache.t4g.small", num_replicas=2), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["replication_group"]["status"] == "modifying"


def test_fewer_replicas_are_removed_after_failover_is_turned_off(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})
    stubber.add_response(
        "modify_replication_group",
        {"ReplicationGroup": boto_group(status="modifying")},
        {
            "ReplicationGroupId": GROUP_ID,
            "ApplyImmediately": True,
            "AutomaticFailoverEnabled": False,
            "MultiAZEnabled": False,
        },
    )
    stubber.add_response(
        "describe_replication_groups",
        {"ReplicationGroups": [boto_group(AutomaticFailover="disabled", MultiAZ="disabled")]},
        {"ReplicationGroupId": GROUP_ID},
    )
    stubber.add_response(
        "decrease_replica_count",
        {"ReplicationGroup": boto_group(status="modifying", replicas=0)},
        {"ReplicationGroupId": GROUP_ID, "NewReplicaCount": 0, "ApplyImmediately": True},
    )
    queue_read(stubber, boto_group(status="modifying", replicas=0), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(num_replicas=0, automatic_failover=False, multi_az=False), client)

    assert rc == 0, result
    assert result["changed"]


def test_a_change_to_a_busy_group_without_wait_fails_with_its_status(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(status="modifying"), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(snapshot_retention_limit=1), client)

    assert rc == 1
    assert "is modifying" in result["msg"]


def test_an_immutable_change_fails_with_the_option_and_how_to_replace_the_group(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(cache_subnet_group_name="other", port=6380), client)

    assert rc == 1
    assert "cache_subnet_group_name is app-db, not other" in result["msg"]
    assert "port is 6379, not 6380" in result["msg"]
    assert "snapshot" in result["msg"]


def test_the_token_is_rotated_only_when_asked_and_never_returned(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})
    stubber.add_response(
        "modify_replication_group",
        {"ReplicationGroup": boto_group(status="modifying")},
        {
            "ReplicationGroupId": GROUP_ID,
            "ApplyImmediately": True,
            "AuthToken": TOKEN,
            "AuthTokenUpdateStrategy": "ROTATE",
        },
    )
    queue_read(stubber, boto_group(status="modifying"), tags={"env": "prod"})

    rc, result = run_module(module, converged_args(auth_token_update_strategy="rotate", _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert TOKEN not in repr(result)


def test_tags_are_changed_on_the_groups_arn(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"old": "x"})
    stubber.add_response("remove_tags_from_resource", {"TagList": []}, {"ResourceName": ARN, "TagKeys": ["old"]})
    stubber.add_response(
        "add_tags_to_resource",
        {"TagList": [{"Key": "env", "Value": "prod"}]},
        {"ResourceName": ARN, "Tags": [{"Key": "env", "Value": "prod"}]},
    )

    rc, result = run_module(module, converged_args(), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["replication_group"]["tags"] == {"env": "prod"}


# Deleting


def test_delete_sends_the_deletion_and_waits_until_the_group_is_gone(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={})
    stubber.add_response(
        "delete_replication_group",
        {"ReplicationGroup": boto_group(status="deleting")},
        {"ReplicationGroupId": GROUP_ID},
    )
    stubber.add_client_error(
        "describe_replication_groups", "ReplicationGroupNotFoundFault", "gone", 404, {"ReplicationGroupId": GROUP_ID}
    )

    rc, result = run_module(module, args(state="absent", wait=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert "replication_group" not in result


def test_deleting_a_missing_group_changes_nothing(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 0, result
    assert not result["changed"]


def test_check_mode_delete_makes_no_write(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={})

    rc, result = run_module(module, args(state="absent", _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
