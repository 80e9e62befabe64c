"""Unit tests for appstack.aws.ecs_cluster (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import ecs_cluster as module

NAME = "shop-prod"
ARN = f"arn:aws:ecs:us-east-1:123456789012:cluster/{NAME}"
DESCRIBE = {"clusters": [NAME], "include": ["SETTINGS", "TAGS"]}


def args(**overrides):
    values = {
        "name": NAME,
        "container_insights": "enabled",
        "capacity_providers": ["FARGATE", "FARGATE_SPOT"],
        "default_capacity_provider_strategy": [{"capacity_provider": "FARGATE", "weight": 1}],
        "tags": {"Environment": "prod"},
    }
    values.update(overrides)
    return values


def cluster(insights="enabled", providers=("FARGATE_SPOT", "FARGATE"), **overrides):
    values = {
        "clusterName": NAME,
        "clusterArn": ARN,
        "status": "ACTIVE",
        "settings": [{"name": "containerInsights", "value": insights}],
        "capacityProviders": list(providers),
        "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}],
        "activeServicesCount": 0,
        "tags": [{"key": "Environment", "value": "prod"}],
    }
    values.update(overrides)
    return values


def test_a_converged_cluster_is_read_once_and_not_changed(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is False
    assert result["cluster"]["container_insights"] == "enabled"
    assert result["cluster"]["tags"] == {"Environment": "prod"}


def test_a_new_cluster_is_created_with_its_settings_providers_and_tags(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [], "failures": []}, DESCRIBE)
    stubber.add_response(
        "create_cluster",
        {"cluster": cluster(tags=[])},
        {
            "clusterName": NAME,
            "settings": [{"name": "containerInsights", "value": "enabled"}],
            "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
            "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}],
            "tags": [{"key": "Environment", "value": "prod"}],
        },
    )
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["container_insights"] == "enabled"


def test_check_mode_on_an_empty_account_predicts_the_cluster_without_writing(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [], "failures": []}, DESCRIBE)

    code, result = run_module(module, args(_ansible_check_mode=True), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["cluster"]["cluster_name"] == NAME
    assert result["cluster"]["capacity_providers"] == ["FARGATE", "FARGATE_SPOT"]


def test_container_insights_is_turned_on_with_update_cluster(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [cluster(insights="disabled")], "failures": []}, DESCRIBE)
    stubber.add_response(
        "update_cluster",
        {"cluster": cluster()},
        {"cluster": NAME, "settings": [{"name": "containerInsights", "value": "enabled"}]},
    )
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["container_insights"] == "disabled"


def test_a_cluster_without_the_setting_reads_as_disabled():
    assert module.config_view(cluster(settings=[]), {})["container_insights"] == "disabled"


def test_missing_capacity_providers_are_put_with_the_current_strategy(run_module, ecs):
    client, stubber = ecs
    current = cluster(providers=(), defaultCapacityProviderStrategy=[])
    stubber.add_response("describe_clusters", {"clusters": [current], "failures": []}, DESCRIBE)
    stubber.add_response(
        "put_cluster_capacity_providers",
        {"cluster": cluster()},
        {"cluster": NAME, "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []},
    )
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)

    code, result = run_module(module, args(default_capacity_provider_strategy=None), client)

    assert code == 0, result
    assert result["changed"] is True


def test_unset_options_keep_the_clusters_values(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [cluster(insights="enhanced")], "failures": []}, DESCRIBE)

    code, result = run_module(module, {"name": NAME, "tags": {"Environment": "prod"}}, client)

    assert code == 0, result
    assert result["changed"] is False


def test_tags_are_changed_in_place(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)
    stubber.add_response("untag_resource", {}, {"resourceArn": ARN, "tagKeys": ["Environment"]})
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": [{"key": "Team", "value": "web"}]})
    stubber.add_response("describe_clusters", {"clusters": [cluster(tags=[{"key": "Team", "value": "web"}])]}, DESCRIBE)

    code, result = run_module(module, args(tags={"Team": "web"}), client)

    assert code == 0, result["msg"]
    assert result["changed"] is True
    assert result["cluster"]["tags"] == {"Team": "web"}


def test_a_strategy_naming_a_provider_outside_the_list_fails_before_any_call(run_module):
    code, result = run_module(
        module,
        args(
            default_capacity_provider_strategy=[{"capacity_provider": "FARGATE_SPOT", "base": 2}],
            capacity_providers=["FARGATE"],
        ),
        None,
    )

    assert code == 1
    assert "must be one of capacity_providers" in result["msg"]


def test_absent_deletes_the_cluster_and_a_missing_one_is_no_change(run_module, ecs):
    client, stubber = ecs
    stubber.add_response("describe_clusters", {"clusters": [cluster()], "failures": []}, DESCRIBE)
    stubber.add_response("delete_cluster", {"cluster": cluster(status="INACTIVE")}, {"cluster": NAME})
    stubber.add_response("describe_clusters", {"clusters": [cluster(status="INACTIVE")], "failures": []}, DESCRIBE)

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)
    assert code == 0, result
    assert result["changed"] is True

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)
    assert code == 0, result
    assert result["changed"] is False
