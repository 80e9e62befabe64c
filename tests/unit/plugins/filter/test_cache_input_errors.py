"""The cache role's input checks: each names the variable and what it allows."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.cache_input_errors import FilterModule, cache_input_errors

# prod's input (inventories/prod): a primary and a replica over two zones.
VALID = {
    "cache_replication_group_id": "smartscheduler-prod",
    "cache_engine": "valkey",
    "cache_engine_version": "8.1",
    "cache_node_type": "cache.t3.micro",
    "cache_replicas": 1,
    "cache_automatic_failover": True,
    "cache_multi_az": True,
    "cache_availability_zones": ["us-east-1a", "us-east-1b"],
    "cache_port": 6379,
    "cache_snapshot_retention_days": 7,
    "cache_snapshot_window": "05:00-06:00",
    "cache_maintenance_window": "sun:06:30-sun:07:30",
    "cache_slow_log_retention_days": 365,
    "cache_parameters": {"maxmemory-policy": "noeviction"},
}


def errors(**changes):
    return cache_input_errors({**VALID, **changes})


def test_prods_input_and_the_role_defaults_are_valid():
    assert errors() == []
    assert (
        errors(
            cache_replicas=0,
            cache_automatic_failover=False,
            cache_multi_az=False,
            cache_node_type="cache.t4g.micro",
            cache_snapshot_retention_days=1,
            cache_slow_log_retention_days=30,
        )
        == []
    )


def test_redis_oss_7_is_offered_on_request():
    assert errors(cache_engine="redis", cache_engine_version="7.1") == []


def test_failover_with_no_replica_is_refused_naming_both_variables():
    (message,) = errors(cache_replicas=0, cache_multi_az=False)
    assert message.startswith("cache_automatic_failover needs a replica to promote: set cache_replicas to 1 or more")


def test_multi_az_with_one_zone_is_refused_naming_the_zones():
    (message,) = errors(cache_availability_zones=["us-east-1a"])
    assert message.startswith(
        "cache_multi_az needs two availability zones; cache_availability_zones has 1 (us-east-1a)"
    )


def test_multi_az_without_failover_is_refused():
    (message,) = errors(cache_automatic_failover=False)
    assert message == "cache_multi_az needs cache_automatic_failover: true (ElastiCache refuses Multi-AZ without it)."


def test_an_unknown_engine_is_refused_with_the_engines_offered():
    assert errors(cache_engine="memcached") == ["cache_engine must be one of valkey, redis; got 'memcached'."]


@pytest.mark.parametrize(
    ("engine", "version", "expected"),
    [
        (
            "valkey",
            "7.1",
            "cache_engine_version 7.1 is a Redis OSS version, not a Valkey one: with cache_engine valkey,",
        ),
        ("redis", "8.1", "cache_engine_version 8.1 is a Valkey version, not a Redis OSS one: with cache_engine redis,"),
        ("valkey", "9.0", "cache_engine_version must be one of 7.2, 8.0, 8.1, 8.2 for cache_engine valkey; got '9.0'."),
    ],
)
def test_a_version_of_the_wrong_engine_is_refused_with_the_versions_offered(engine, version, expected):
    (message,) = errors(cache_engine=engine, cache_engine_version=version)
    assert message.startswith(expected)


@pytest.mark.parametrize("retention", [36, -1, "a week"])
def test_a_snapshot_retention_over_35_days_is_refused(retention):
    assert errors(cache_snapshot_retention_days=retention) == [
        f"cache_snapshot_retention_days must be a whole number from 0 to 35; got {retention!r}."
    ]


@pytest.mark.parametrize("node_type", ["t3.micro", "cache.t3", "cache.t3.tiny", "db.t3.micro", "CACHE.T3.MICRO"])
def test_a_node_type_elasticache_rejects_is_refused(node_type):
    (message,) = errors(cache_node_type=node_type)
    assert message.startswith("cache_node_type must be an ElastiCache node type, cache.<family>.<size>")


@pytest.mark.parametrize("node_type", ["cache.t4g.micro", "cache.r7g.2xlarge", "cache.r6gd.xlarge", "cache.m7g.large"])
def test_node_types_elasticache_offers_are_taken(node_type):
    assert errors(cache_node_type=node_type) == []


@pytest.mark.parametrize("group_id", ["Prod", "1prod", "prod--cache", "prod-", "a" * 41, ""])
def test_a_group_id_elasticache_refuses_is_refused(group_id):
    (message,) = errors(cache_replication_group_id=group_id)
    assert message.startswith("cache_replication_group_id must be 1 to 40 lower-case letters, digits and hyphens")


def test_more_than_five_replicas_are_refused():
    assert errors(cache_replicas=6) == ["cache_replicas must be a whole number from 0 to 5; got 6."]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"cache_snapshot_window": "5-6"}, "cache_snapshot_window must be hh24:mi-hh24:mi (UTC)"),
        (
            {"cache_snapshot_window": "05:00-05:30"},
            "cache_snapshot_window (05:00-05:30) must last at least 60 minutes.",
        ),
        ({"cache_maintenance_window": "sunday 6am"}, "cache_maintenance_window must be ddd:hh24:mi-ddd:hh24:mi (UTC)"),
        (
            {"cache_maintenance_window": "sun:06:30-sun:07:00"},
            "cache_maintenance_window (sun:06:30-sun:07:00) must last at least 60 minutes.",
        ),
        (
            {"cache_maintenance_window": "tue:05:30-tue:06:30"},
            "cache_maintenance_window (tue:05:30-tue:06:30) overlaps cache_snapshot_window (05:00-06:00).",
        ),
    ],
)
def test_windows_are_well_formed_an_hour_long_and_apart(changes, expected):
    (message,) = errors(**changes)
    assert message.startswith(expected)


def test_a_window_across_midnight_or_sunday_counts_its_whole_length():
    assert errors(cache_snapshot_window="23:30-00:30", cache_maintenance_window="sun:23:30-mon:00:30") == [
        "cache_maintenance_window (sun:23:30-mon:00:30) overlaps cache_snapshot_window (23:30-00:30)."
    ]
    assert errors(cache_snapshot_window="23:30-00:30", cache_maintenance_window="sun:20:30-sun:21:30") == []


def test_a_retention_cloudwatch_logs_refuses_is_refused():
    (message,) = errors(cache_slow_log_retention_days=45)
    assert message.startswith("cache_slow_log_retention_days must be one of 1, 3, 5, 7, 14, 30,")


def test_booleans_must_be_booleans_and_parameters_scalars():
    found = errors(cache_multi_az="maybe", cache_parameters={"maxmemory-policy": ["noeviction"]})
    assert "cache_multi_az must be true or false; got 'maybe'." in found
    assert "cache_parameters: ['maxmemory-policy'] must have a string or number value." in found


def test_every_rule_reports_at_once():
    found = errors(cache_replicas=0, cache_engine_version="7.1", cache_snapshot_retention_days=40, cache_port=80)
    assert len(found) == 4


def test_a_missing_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="lacks cache_port"):
        cache_input_errors({key: value for key, value in VALID.items() if key != "cache_port"})


def test_the_filter_is_registered():
    assert FilterModule().filters() == {"cache_input_errors": cache_input_errors}
