"""Unit tests for appstack.aws.elasticache_replication_group_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import elasticache_replication_group_info as module

from .test_elasticache_replication_group import ARN, GROUP_ID, PRIMARY, boto_cluster, boto_group, queue_read


def test_one_group_is_read_with_its_cluster_settings_tags_and_endpoints(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber, boto_group(), tags={"env": "prod"})

    rc, result = run_module(module, {"replication_group_id": GROUP_ID}, client)

    assert rc == 0, result
    assert not result["changed"]
    [group] = result["replication_groups"]
    assert (group["arn"], group["engine_version"], group["tags"]) == (ARN, "8.0.1", {"env": "prod"})
    assert group["primary_endpoint"] == {"address": PRIMARY, "port": 6379}


def test_a_missing_group_is_an_empty_list(elasticache, run_module):
    client, stubber = elasticache
    queue_read(stubber)

    rc, result = run_module(module, {"replication_group_id": GROUP_ID}, client)

    assert rc == 0, result
    assert result["replication_groups"] == []


def test_every_group_of_the_region_is_read(elasticache, run_module):
    client, stubber = elasticache
    stubber.add_response("describe_replication_groups", {"ReplicationGroups": [boto_group(status="creating")]}, {})
    stubber.add_response(
        "describe_cache_clusters", {"CacheClusters": [boto_cluster()]}, {"CacheClusterId": f"{GROUP_ID}-001"}
    )
    stubber.add_response("list_tags_for_resource", {"TagList": []}, {"ResourceName": ARN})

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    [group] = result["replication_groups"]
    assert group["status"] == "creating"
    assert group["primary_endpoint"] == group["reader_endpoint"] == {}


def test_an_invalid_id_fails_before_any_call(run_module):
    rc, result = run_module(module, {"replication_group_id": "9-bad"}, None)

    assert rc == 1
    assert "replication_group_id" in result["msg"]
