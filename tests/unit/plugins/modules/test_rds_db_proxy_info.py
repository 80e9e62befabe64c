"""Unit tests for appstack.aws.rds_db_proxy_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import rds_db_proxy_info as module

from .test_rds_db_proxy import ARN, NAME, boto_proxy, boto_target, queue_read


def test_a_named_proxy_is_returned_with_tags_target_group_and_targets(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy(), tags={"Env": "test"}, targets=[boto_target()])

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0, result
    assert not result["changed"]
    (proxy,) = result["db_proxies"]
    assert (proxy["db_proxy_arn"], proxy["tags"]) == (ARN, {"Env": "test"})
    assert proxy["target_group"]["connection_pool_config"]["max_connections_percent"] == 100
    assert proxy["targets"][0]["rds_resource_id"] == "app-db"


def test_a_missing_proxy_gives_an_empty_list(rds, run_module):
    client, stubber = rds
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME}, client)

    assert (rc, result["db_proxies"]) == (0, [])


def test_without_a_name_every_proxy_is_returned(rds, run_module):
    client, stubber = rds
    stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy()]}, {})
    stubber.add_response("list_tags_for_resource", {"TagList": []}, {"ResourceName": ARN})
    stubber.add_response(
        "describe_db_proxy_target_groups", {"TargetGroups": []}, {"DBProxyName": NAME, "TargetGroupName": "default"}
    )
    stubber.add_response(
        "describe_db_proxy_targets", {"Targets": []}, {"DBProxyName": NAME, "TargetGroupName": "default"}
    )

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert [proxy["db_proxy_name"] for proxy in result["db_proxies"]] == [NAME]


def test_a_name_against_aws_rules_fails_before_any_client_is_created(run_module):
    rc, result = run_module(module, {"name": "app--proxy"}, client=None)

    assert rc == 1
    assert "not hold two consecutive hyphens" in result["msg"]
    assert module.validate({"name": None}) == []
    assert module.validate({"name": "app-proxy"}) == []
