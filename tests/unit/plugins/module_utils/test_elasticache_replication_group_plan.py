"""Unit tests for the planning of appstack.aws.elasticache_replication_group (pure functions, no client)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_group_plan as plan

TOKEN = "Token-with-16-chars-or-more"
GROUP_ID = "app-cache"


def params(**overrides):
    values = {
        "replication_group_id": GROUP_ID,
        "state": "present",
        "description": None,
        "engine": None,
        "engine_version": None,
        "cache_node_type": None,
        "num_replicas": None,
        "automatic_failover": None,
        "multi_az": None,
        "cache_subnet_group_name": None,
        "security_group_ids": None,
        "cache_parameter_group_name": None,
        "port": None,
        "at_rest_encryption": None,
        "kms_key_id": None,
        "transit_encryption": None,
        "auth_token": None,
        "auth_token_update_strategy": None,
        "snapshot_retention_limit": None,
        "snapshot_window": None,
        "preferred_maintenance_window": None,
        "auto_minor_version_upgrade": None,
        "log_delivery": None,
        "apply_immediately": True,
        "tags": None,
        "purge_tags": True,
        "wait": True,
        "wait_timeout": 1800,
    }
    values.update(overrides)
    return values


def group(**overrides):
    """A group as elasticache_replication_groups.get_group returns it (snake_case)."""
    values = {
        "replication_group_id": GROUP_ID,
        "description": "app cache",
        "status": "available",
        "engine": "valkey",
        "engine_version": "8.0.1",
        "cache_node_type": "cache.t4g.micro",
        "member_clusters": [f"{GROUP_ID}-001", f"{GROUP_ID}-002"],
        "automatic_failover": "enabled",
        "multi_az": "enabled",
        "at_rest_encryption_enabled": True,
        "kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/k-1",
        "transit_encryption_enabled": True,
        "auth_token_enabled": True,
        "snapshot_retention_limit": 7,
        "snapshot_window": "05:00-06:00",
        "preferred_maintenance_window": "sun:23:00-mon:01:30",
        "auto_minor_version_upgrade": True,
        "cache_subnet_group_name": "app-db",
        "cache_parameter_group_name": "app-valkey8",
        "security_group_ids": ["sg-1"],
        "port": 6379,
        "log_delivery_configurations": [
            {
                "log_type": "slow-log",
                "destination_type": "cloudwatch-logs",
                "destination_details": {"cloud_watch_logs_details": {"log_group": "/app/slow"}},
                "log_format": "json",
                "status": "active",
            }
        ],
        "cluster_pending_modified_values": {},
        "tags": {},
    }
    values.update(overrides)
    return values


# validate


def test_valid_options_have_no_problem():
    assert (
        plan.validate(
            params(
                cache_node_type="cache.r7g.large",
                engine_version="8.0",
                num_replicas=1,
                automatic_failover=True,
                multi_az=True,
                transit_encryption=True,
                auth_token=TOKEN,
                at_rest_encryption=True,
                kms_key_id="alias/app",
                snapshot_retention_limit=35,
                snapshot_window="05:00-06:00",
                preferred_maintenance_window="Sun:23:00-Mon:01:30",
            )
        )
        == []
    )


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        pytest.param({"replication_group_id": "9-cache"}, "replication_group_id", id="id-first-character"),
        pytest.param({"replication_group_id": "a" * 41}, "replication_group_id", id="id-length"),
        pytest.param({"replication_group_id": "app--cache"}, "replication_group_id", id="id-double-hyphen"),
        pytest.param({"num_replicas": 6}, "num_replicas", id="too-many-replicas"),
        pytest.param({"automatic_failover": True, "num_replicas": 0}, "automatic_failover", id="failover-no-replica"),
        pytest.param({"multi_az": True, "automatic_failover": False}, "multi_az", id="multi-az-without-failover"),
        pytest.param({"multi_az": True}, "multi_az", id="multi-az-failover-unset"),
        pytest.param({"auth_token": TOKEN}, "transit_encryption", id="token-without-transit"),
        pytest.param({"auth_token": "short", "transit_encryption": True}, "auth_token", id="token-length"),
        pytest.param(
            {"auth_token": "with/a/slash-1234567", "transit_encryption": True}, "auth_token", id="token-character"
        ),
        pytest.param({"auth_token_update_strategy": "rotate"}, "auth_token_update_strategy", id="strategy-alone"),
        pytest.param({"kms_key_id": "alias/app"}, "kms_key_id", id="key-without-at-rest"),
        pytest.param({"snapshot_retention_limit": 36}, "snapshot_retention_limit", id="retention-over-35"),
        pytest.param({"snapshot_retention_limit": -1}, "snapshot_retention_limit", id="retention-negative"),
        pytest.param({"cache_node_type": "t4g.micro"}, "cache_node_type", id="node-type-prefix"),
        pytest.param({"cache_node_type": "cache.micro"}, "cache_node_type", id="node-type-family"),
        pytest.param({"engine_version": "8"}, "engine_version", id="version-major-only"),
        pytest.param({"engine_version": "8.0.1"}, "engine_version", id="version-patch"),
        pytest.param({"port": 0}, "port", id="port"),
        pytest.param({"snapshot_window": "5-6"}, "snapshot_window", id="window"),
        pytest.param(
            {
                "log_delivery": [
                    {"log_type": "slow-log", "log_group": "a", "log_format": "json"},
                    {"log_type": "slow-log", "log_group": "b", "log_format": "json"},
                ]
            },
            "log_delivery",
            id="duplicate-log-type",
        ),
        pytest.param({"wait_timeout": 0}, "wait_timeout", id="wait-timeout"),
    ],
)
def test_each_invalid_option_is_named(overrides, named):
    problems = plan.validate(params(**overrides))

    assert len(problems) == 1, problems
    assert named in problems[0]


def test_a_token_problem_never_shows_the_token():
    token = "short'secret"

    problems = plan.validate(params(auth_token=token, transit_encryption=True))

    assert problems
    assert all(token not in problem for problem in problems)


def test_absent_checks_only_the_id_and_the_timeout():
    assert plan.validate(params(state="absent", num_replicas=9, auth_token="x")) == []


# creating


def test_create_parameters_send_replicas_plus_one_clusters_and_only_the_options_given():
    kwargs = plan.create_parameters(
        params(
            description="app cache",
            cache_node_type="cache.t4g.micro",
            engine="valkey",
            num_replicas=1,
            automatic_failover=True,
            transit_encryption=True,
            auth_token=TOKEN,
            log_delivery=[{"log_type": "slow-log", "log_group": "/app/slow", "log_format": "json"}],
            tags={"env": "prod"},
        )
    )

    assert kwargs == {
        "ReplicationGroupId": GROUP_ID,
        "ReplicationGroupDescription": "app cache",
        "CacheNodeType": "cache.t4g.micro",
        "NumCacheClusters": 2,
        "Engine": "valkey",
        "AutomaticFailoverEnabled": True,
        "TransitEncryptionEnabled": True,
        "AuthToken": TOKEN,
        "LogDeliveryConfigurations": [
            {
                "LogType": "slow-log",
                "DestinationType": "cloudwatch-logs",
                "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": "/app/slow"}},
                "LogFormat": "json",
                "Enabled": True,
            }
        ],
        "Tags": [{"Key": "env", "Value": "prod"}],
    }


def test_the_predicted_group_has_no_token():
    predicted = plan.predicted_group(
        params(
            description="d",
            cache_node_type="cache.t4g.micro",
            num_replicas=2,
            transit_encryption=True,
            auth_token=TOKEN,
        )
    )

    assert predicted["member_clusters"] == ["app-cache-001", "app-cache-002", "app-cache-003"]
    assert predicted["auth_token_enabled"] is True
    assert TOKEN not in repr(predicted)


def test_create_needs_a_description_and_a_node_type():
    assert plan.missing_to_create(params()) == ["description", "cache_node_type"]


def test_create_with_failover_needs_a_replica():
    assert plan.create_problems(params(automatic_failover=True)) != []
    assert plan.create_problems(params(automatic_failover=True, num_replicas=1)) == []


# immutable settings


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        pytest.param({"at_rest_encryption": False}, "at_rest_encryption", id="at-rest"),
        pytest.param({"transit_encryption": False}, "transit_encryption", id="transit"),
        pytest.param({"cache_subnet_group_name": "other"}, "cache_subnet_group_name", id="subnet-group"),
        pytest.param({"port": 6380}, "port", id="port"),
        pytest.param({"kms_key_id": "k-2"}, "kms_key_id", id="kms-key"),
        pytest.param({"engine": "redis"}, "engine", id="valkey-to-redis"),
        pytest.param({"engine_version": "7.2"}, "engine_version", id="downgrade"),
    ],
)
def test_settings_elasticache_cant_change_are_reported(overrides, named):
    differences = plan.immutable_differences(group(), params(**overrides))

    assert len(differences) == 1
    assert differences[0].startswith(named)


def test_the_same_immutable_settings_are_no_difference():
    same = params(
        at_rest_encryption=True,
        transit_encryption=True,
        cache_subnet_group_name="app-db",
        port=6379,
        kms_key_id="k-1",
        engine="valkey",
        engine_version="8.0",
    )

    assert plan.immutable_differences(group(), same) == []
    assert plan.immutable_differences(group(), params(kms_key_id="alias/app"), kms_key_arn=group()["kms_key_id"]) == []


# modifying


def test_a_matching_group_needs_no_change():
    same = params(
        description="app cache",
        engine="valkey",
        engine_version="8.0",
        cache_node_type="cache.t4g.micro",
        num_replicas=1,
        automatic_failover=True,
        multi_az=True,
        security_group_ids=["sg-1"],
        cache_parameter_group_name="app-valkey8",
        snapshot_retention_limit=7,
        snapshot_window="05:00-06:00",
        preferred_maintenance_window="Sun:23:00-Mon:01:30",
        auto_minor_version_upgrade=True,
        log_delivery=[{"log_type": "slow-log", "log_group": "/app/slow", "log_format": "json"}],
        transit_encryption=True,
        auth_token=TOKEN,
    )

    assert plan.plan_modify(group(), same) == {}
    assert plan.plan_replicas(group(), same) is None


def test_changes_are_planned_option_by_option():
    changes = plan.plan_modify(
        group(),
        params(
            cache_node_type="cache.t4g.small",
            engine_version="8.1",
            snapshot_retention_limit=1,
            automatic_failover=False,
            multi_az=False,
            security_group_ids=["sg-2"],
            log_delivery=[{"log_type": "engine-log", "log_group": "/app/engine", "log_format": "text"}],
        ),
    )

    assert changes == {
        "CacheNodeType": "cache.t4g.small",
        "EngineVersion": "8.1",
        "SnapshotRetentionLimit": 1,
        "AutomaticFailoverEnabled": False,
        "MultiAZEnabled": False,
        "SecurityGroupIds": ["sg-2"],
        "LogDeliveryConfigurations": [
            {
                "LogType": "engine-log",
                "DestinationType": "cloudwatch-logs",
                "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": "/app/engine"}},
                "LogFormat": "text",
                "Enabled": True,
            },
            {"LogType": "slow-log", "Enabled": False},
        ],
    }


def test_an_empty_log_delivery_turns_every_log_off():
    assert plan.plan_modify(group(), params(log_delivery=[])) == {
        "LogDeliveryConfigurations": [{"LogType": "slow-log", "Enabled": False}]
    }


def test_a_pending_node_type_is_not_asked_for_again():
    pending = group(cluster_pending_modified_values={"cache_node_type": "cache.t4g.small"})

    assert plan.plan_modify(pending, params(cache_node_type="cache.t4g.small")) == {}


def test_the_token_is_sent_only_with_an_update_strategy():
    assert plan.plan_modify(group(), params(auth_token=TOKEN)) == {}
    assert plan.plan_modify(group(), params(auth_token=TOKEN, auth_token_update_strategy="rotate")) == {
        "AuthToken": TOKEN,
        "AuthTokenUpdateStrategy": "ROTATE",
    }


def test_redis_moves_to_valkey_with_its_version():
    redis = group(engine="redis", engine_version="7.1.0")

    assert plan.plan_modify(redis, params(engine="valkey", engine_version="8.0")) == {
        "Engine": "valkey",
        "EngineVersion": "8.0",
    }


def test_the_replica_count_is_planned():
    assert plan.plan_replicas(group(), params(num_replicas=2)) == 2
    assert plan.plan_replicas(group(), params(num_replicas=1)) is None


@pytest.mark.parametrize(
    ("current", "changes", "replicas"),
    [
        pytest.param(group(), {}, 0, id="failover-without-replica"),
        pytest.param(
            group(automatic_failover="disabled", multi_az="disabled"), {"MultiAZEnabled": True}, None, id="multi-az"
        ),
        pytest.param(group(transit_encryption_enabled=False), {"AuthToken": TOKEN}, None, id="token-without-tls"),
    ],
)
def test_changes_elasticache_would_refuse_are_reported(current, changes, replicas):
    assert plan.change_problems(current, changes, replicas) != []


def test_the_predicted_change_shows_the_new_settings():
    changes = {
        "CacheNodeType": "cache.t4g.small",
        "SnapshotRetentionLimit": 1,
        "AutomaticFailoverEnabled": False,
        "LogDeliveryConfigurations": [{"LogType": "slow-log", "Enabled": False}],
    }

    predicted = plan.predicted_changes(group(), changes, 2)

    assert predicted["cache_node_type"] == "cache.t4g.small"
    assert predicted["snapshot_retention_limit"] == 1
    assert predicted["automatic_failover"] == "disabled"
    assert predicted["log_delivery_configurations"] == []
    assert predicted["member_clusters"] == ["app-cache-001", "app-cache-002", "app-cache-003"]


def test_a_change_not_applied_immediately_is_predicted_pending():
    predicted = plan.predicted_changes(group(), {"CacheNodeType": "cache.t4g.small"}, None, apply_immediately=False)

    assert predicted["cache_node_type"] == "cache.t4g.micro"
    assert predicted["cluster_pending_modified_values"] == {"cache_node_type": "cache.t4g.small"}
