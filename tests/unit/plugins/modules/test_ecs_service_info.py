"""Unit tests for appstack.aws.ecs_service_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import ecs_service_info as module

CLUSTER = "shop-prod"


def service(name, status="ACTIVE"):
    return {
        "serviceName": name,
        "serviceArn": f"arn:aws:ecs:us-east-1:123456789012:service/{CLUSTER}/{name}",
        "status": status,
        "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "rolloutState": "COMPLETED"}],
        "tags": [{"key": "Environment", "value": "prod"}],
    }


def test_names_are_read_with_their_tags_and_inactive_ones_left_out(run_module, ecs):
    client, stubber = ecs
    stubber.add_response(
        "describe_services",
        {"services": [service("worker"), service("api"), service("old", "INACTIVE")], "failures": []},
        {"cluster": CLUSTER, "services": ["worker", "api", "old"], "include": ["TAGS"]},
    )

    code, result = run_module(module, {"cluster": CLUSTER, "names": ["worker", "api", "old"]}, client)

    assert code == 0, result
    assert [found["service_name"] for found in result["services"]] == ["api", "worker"]
    assert result["services"][0]["tags"] == {"Environment": "prod"}
    assert result["services"][0]["rollout_state"] == "COMPLETED"


def test_without_names_every_service_of_the_cluster_is_read(run_module, ecs):
    client, stubber = ecs
    arns = [f"arn:aws:ecs:us-east-1:123456789012:service/{CLUSTER}/svc{n}" for n in range(11)]
    stubber.add_response("list_services", {"serviceArns": arns}, {"cluster": CLUSTER})
    stubber.add_response(
        "describe_services",
        {"services": [service(f"svc{n}") for n in range(10)], "failures": []},
        {"cluster": CLUSTER, "services": arns[:10], "include": ["TAGS"]},
    )
    stubber.add_response(
        "describe_services",
        {"services": [service("svc10")], "failures": []},
        {"cluster": CLUSTER, "services": arns[10:], "include": ["TAGS"]},
    )

    code, result = run_module(module, {"cluster": CLUSTER}, client)

    assert code == 0, result
    assert len(result["services"]) == 11


def test_a_missing_cluster_has_no_services(run_module, ecs):
    client, stubber = ecs
    stubber.add_client_error("list_services", "ClusterNotFoundException", "Cluster not found.")

    code, result = run_module(module, {"cluster": CLUSTER}, client)

    assert code == 0, result
    assert result["services"] == []
