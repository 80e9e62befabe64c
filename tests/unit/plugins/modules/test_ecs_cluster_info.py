"""Unit tests for appstack.aws.ecs_cluster_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import ecs_cluster_info as module


def cluster(name, status="ACTIVE"):
    return {
        "clusterName": name,
        "clusterArn": f"arn:aws:ecs:us-east-1:123456789012:cluster/{name}",
        "status": status,
        "settings": [{"name": "containerInsights", "value": "enabled"}],
        "capacityProviders": ["FARGATE"],
        "defaultCapacityProviderStrategy": [],
        "tags": [{"key": "Environment", "value": "prod"}],
    }


def test_names_are_read_with_settings_and_tags_and_inactive_ones_left_out(run_module, ecs):
    client, stubber = ecs
    stubber.add_response(
        "describe_clusters",
        {"clusters": [cluster("web"), cluster("api"), cluster("old", "INACTIVE")], "failures": []},
        {"clusters": ["web", "api", "old"], "include": ["SETTINGS", "TAGS"]},
    )

    code, result = run_module(module, {"names": ["web", "api", "old"]}, client)

    assert code == 0, result
    assert [found["cluster_name"] for found in result["clusters"]] == ["api", "web"]
    assert result["clusters"][0]["container_insights"] == "enabled"
    assert result["clusters"][0]["tags"] == {"Environment": "prod"}


def test_without_names_every_cluster_is_read(run_module, ecs):
    client, stubber = ecs
    arns = ["arn:aws:ecs:us-east-1:123456789012:cluster/api"]
    stubber.add_response("list_clusters", {"clusterArns": arns}, {})
    stubber.add_response(
        "describe_clusters", {"clusters": [cluster("api")]}, {"clusters": arns, "include": ["SETTINGS", "TAGS"]}
    )

    code, result = run_module(module, {}, client)

    assert code == 0, result
    assert len(result["clusters"]) == 1
