"""What ElastiCache cannot change on an existing replication group, refused before any write."""

from ansible_collections.appstack.aws.plugins.filter.cache_immutable_errors import FilterModule, cache_immutable_errors

KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/99999999-2222-3333-4444-555555555555"
GROUP = {
    "replication_group_id": "shop-prod",
    "engine": "valkey",
    "engine_version": "8.1.0",
    "at_rest_encryption_enabled": True,
    "transit_encryption_enabled": True,
    "kms_key_id": KEY,
    "cache_subnet_group_name": "shop-prod-cache",
    "primary_endpoint": {"address": "shop-prod.abc123.ng.0001.use1.cache.amazonaws.com", "port": 6379},
    "port": 6379,
}
WANTED = {
    "replication_group_id": "shop-prod",
    "engine": "valkey",
    "engine_version": "8.1",
    "at_rest_encryption": True,
    "transit_encryption": True,
    "cache_subnet_group_name": "shop-prod-cache",
    "port": 6379,
    "kms_key_id": KEY,
}


def errors(group=None, **wanted):
    return cache_immutable_errors({**GROUP, **(group or {})}, {**WANTED, **wanted})


def test_the_group_as_asked_and_a_missing_group_give_nothing():
    assert errors() == []
    assert cache_immutable_errors({}, WANTED) == []


def test_a_higher_version_and_a_move_to_valkey_are_changes_elasticache_makes():
    assert errors(engine_version="8.2") == []
    assert errors({"engine": "redis", "engine_version": "7.1.0"}, engine="valkey", engine_version="8.1") == []


def test_a_lower_version_is_refused_with_the_running_one():
    (message,) = errors(engine_version="8.0")
    assert "cache_engine_version 8.0 is lower than the 8.1.0 that shop-prod runs" in message
    assert "set cache_engine_version to 8.1 or higher" in message


def test_valkey_back_to_redis_oss_is_refused_with_how_to_replace_the_group():
    (message,) = errors(engine="redis", engine_version="7.1")
    assert message.startswith("cache_engine is redis, but shop-prod runs Valkey")
    assert "create a new group from the snapshot" in message


def test_another_key_subnet_group_port_or_encryption_is_refused_with_how_to_replace_the_group():
    found = errors(
        {"transit_encryption_enabled": False, "cache_subnet_group_name": "old-subnets"},
        kms_key_id=OTHER_KEY,
        port=6380,
    )
    assert [message.split(".")[0] for message in found] == [
        "shop-prod has encryption in transit off, and the role encrypts every group",
        f"cache_kms_key_arn is {OTHER_KEY}, but shop-prod is encrypted with {KEY}",
        "shop-prod is in the subnet group old-subnets, not shop-prod-cache",
        "cache_port is 6380, but shop-prod listens on 6379",
    ]
    assert all("aws elasticache create-snapshot --replication-group-id shop-prod" in message for message in found)


def test_a_key_not_yet_known_is_not_compared():
    assert errors(kms_key_id=None) == []


def test_the_filter_is_registered():
    assert FilterModule().filters() == {"cache_immutable_errors": cache_immutable_errors}
