"""Unit tests for appstack.aws.ecs_service (botocore Stubber, no network)."""

import pytest
from ansible_collections.appstack.aws.plugins.modules import ecs_service as module

CLUSTER = "shop-prod"
NAME = "shop-api-prod"
ARN = f"arn:aws:ecs:us-east-1:123456789012:service/{CLUSTER}/{NAME}"
TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:12"
TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod/0123456789abcdef"


def args(**overrides):
    values = {
        "name": NAME,
        "cluster": CLUSTER,
        "task_definition": "shop-api-prod:12",
        "desired_count": 2,
        "launch_type": "FARGATE",
        "network_configuration": {
            "subnets": ["subnet-a", "subnet-b"],
            "security_groups": ["sg-1"],
            "assign_public_ip": False,
        },
        "load_balancers": [{"target_group_arn": TG, "container_name": "api", "container_port": 8000}],
        "deployment_configuration": {
            "minimum_healthy_percent": 100,
            "maximum_percent": 200,
            "circuit_breaker": {"enable": True, "rollback": True},
        },
        "health_check_grace_period_seconds": 60,
        "enable_execute_command": False,
        "tags": {"Environment": "prod"},
    }
    values.update(overrides)
    return values


def service(rollout="COMPLETED", reason="ECS deployment ecs-svc/1 completed.", **overrides):
    values = {
        "serviceName": NAME,
        "serviceArn": ARN,
        "clusterArn": f"arn:aws:ecs:us-east-1:123456789012:cluster/{CLUSTER}",
        "status": "ACTIVE",
        "taskDefinition": TD,
        "desiredCount": 2,
        "runningCount": 2,
        "pendingCount": 0,
        "launchType": "FARGATE",
        "platformVersion": "LATEST",
        "networkConfiguration": {
            "awsvpcConfiguration": {
                "subnets": ["subnet-b", "subnet-a"],
                "securityGroups": ["sg-1"],
                "assignPublicIp": "DISABLED",
            }
        },
        "loadBalancers": [{"targetGroupArn": TG, "containerName": "api", "containerPort": 8000}],
        "deploymentConfiguration": {
            "deploymentCircuitBreaker": {"enable": True, "rollback": True},
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
        },
        "healthCheckGracePeriodSeconds": 60,
        "enableExecuteCommand": False,
        "propagateTags": "NONE",
        "deployments": [
            {
                "id": "ecs-svc/1",
                "status": "PRIMARY",
                "taskDefinition": TD,
                "rolloutState": rollout,
                "rolloutStateReason": reason,
            }
        ],
        "events": [{"id": "1", "message": "has reached a steady state."}],
        "tags": [{"key": "Environment", "value": "prod"}],
    }
    values.update(overrides)
    return values


def expect_describe(stubber, found=None):
    request = {"cluster": CLUSTER, "services": [NAME], "include": ["TAGS"]}
    if found is None:
        response = {"services": [], "failures": [{"arn": ARN, "reason": "MISSING"}]}
    else:
        response = {"services": [found], "failures": []}
    stubber.add_response("describe_services", response, request)


def test_invalid_options_fail_before_any_client(run_module):
    code, result = run_module(module, args(task_definition="shop-api-prod", desired_count=-1), None)

    assert code == 1
    assert len(result["problems"]) == 2
    assert "task_definition must be family:revision" in result["msg"]


def test_check_mode_on_a_missing_service_predicts_it_and_writes_nothing(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber)

    code, result = run_module(module, {**args(), "_ansible_check_mode": True, "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["service"]["deployment_configuration"]["deployment_circuit_breaker"] == {
        "enable": True,
        "rollback": True,
    }
    assert result["service"]["tags"] == {"Environment": "prod"}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["health_check_grace_period_seconds"] == 60


def test_create_sends_every_setting_and_the_tags(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber)
    stubber.add_response(
        "create_service",
        {"service": service(rollout="IN_PROGRESS")},
        {
            "cluster": CLUSTER,
            "serviceName": NAME,
            "taskDefinition": "shop-api-prod:12",
            "desiredCount": 2,
            "launchType": "FARGATE",
            "networkConfiguration": {
                "awsvpcConfiguration": {
                    "subnets": ["subnet-a", "subnet-b"],
                    "securityGroups": ["sg-1"],
                    "assignPublicIp": "DISABLED",
                }
            },
            "loadBalancers": [{"targetGroupArn": TG, "containerName": "api", "containerPort": 8000}],
            "deploymentConfiguration": {
                "deploymentCircuitBreaker": {"enable": True, "rollback": True},
                "minimumHealthyPercent": 100,
                "maximumPercent": 200,
            },
            "healthCheckGracePeriodSeconds": 60,
            "enableExecuteCommand": False,
            "tags": [{"key": "Environment", "value": "prod"}],
        },
    )
    expect_describe(stubber, service(rollout="IN_PROGRESS"))

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["service"]["service_arn"] == ARN
    assert result["service"]["rollout_state"] == "IN_PROGRESS"
    assert "events" not in result["service"]


def test_creating_without_a_task_definition_fails_after_the_read_only(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber)

    code, result = run_module(module, args(task_definition=None), client)

    assert code == 1
    assert result["msg"] == f"Creating service {NAME} needs task_definition."


def test_a_converged_service_is_not_changed_and_only_read(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is False
    assert "diff" not in result
    assert result["service"]["tags"] == {"Environment": "prod"}


def test_a_grace_period_change_sends_only_it(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    stubber.add_response(
        "update_service",
        {"service": service(healthCheckGracePeriodSeconds=120)},
        {"cluster": CLUSTER, "service": NAME, "healthCheckGracePeriodSeconds": 120},
    )
    expect_describe(stubber, service(healthCheckGracePeriodSeconds=120))

    code, result = run_module(module, {**args(health_check_grace_period_seconds=120), "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["health_check_grace_period_seconds"] == 60
    assert result["diff"]["after"]["health_check_grace_period_seconds"] == 120


def test_keep_desired_count_leaves_the_count_autoscaling_set(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service(desiredCount=6))

    code, result = run_module(module, args(keep_desired_count=True), client)

    assert code == 0, result
    assert result["changed"] is False


def test_tags_are_changed_with_tag_and_untag_resource(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    stubber.add_response("untag_resource", {}, {"resourceArn": ARN, "tagKeys": ["Environment"]})
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": [{"key": "Team", "value": "web"}]})
    expect_describe(stubber, service(tags=[{"key": "Team", "value": "web"}]))

    code, result = run_module(module, args(tags={"Team": "web"}), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["service"]["tags"] == {"Team": "web"}


def test_wait_reports_a_failed_deployment_with_the_circuit_breaker_s_reason(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    new_td = TD.replace(":12", ":13")
    stubber.add_response(
        "update_service",
        {"service": service(taskDefinition=new_td, rollout="IN_PROGRESS")},
        {"cluster": CLUSTER, "service": NAME, "taskDefinition": "shop-api-prod:13"},
    )
    reason = "ECS deployment circuit breaker: tasks failed to start."
    stubber.add_response(
        "describe_services",
        {"services": [service(taskDefinition=new_td, rollout="FAILED", reason=reason)], "failures": []},
        {"cluster": CLUSTER, "services": [NAME]},
    )

    code, result = run_module(module, args(task_definition="shop-api-prod:13", wait=True), client)

    assert code == 1
    assert f"the deployment of ECS service {NAME} to complete" in result["msg"]
    assert f"FAILED ({reason})" in result["msg"]


def test_wait_reports_a_rolled_back_deployment_with_the_event_that_says_why(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    new_td = TD.replace(":12", ":13")
    stubber.add_response(
        "update_service",
        {
            "service": service(
                taskDefinition=new_td, rollout="IN_PROGRESS", deployments=[{"id": "ecs-svc/2", "status": "PRIMARY"}]
            )
        },
        {"cluster": CLUSTER, "service": NAME, "taskDefinition": "shop-api-prod:13"},
    )
    failed = "(service shop-api-prod) (deployment ecs-svc/2) deployment failed: tasks failed to start."
    stubber.add_response(
        "describe_services",
        {"services": [service(events=[{"id": "2", "message": failed}])], "failures": []},
        {"cluster": CLUSTER, "services": [NAME]},
    )

    code, result = run_module(module, args(task_definition="shop-api-prod:13", wait=True), client)

    assert code == 1
    assert f"gone: the service runs {TD} again (rolled back); {failed}" in result["msg"]


def test_wait_returns_the_completed_deployment(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    stubber.add_response(
        "describe_services",
        {"services": [service()], "failures": []},
        {"cluster": CLUSTER, "services": [NAME]},
    )
    expect_describe(stubber, service())

    code, result = run_module(module, args(wait=True), client)

    assert code == 0, result
    assert result["changed"] is False
    assert result["service"]["rollout_state"] == "COMPLETED"


def test_switching_to_capacity_providers_fails_before_any_write(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    options = args(capacity_provider_strategy=[{"capacity_provider": "FARGATE_SPOT", "weight": 1}])
    options.pop("launch_type")

    code, result = run_module(module, options, client)

    assert code == 1
    assert "create it again" in result["msg"]


def test_absent_deletes_the_service_by_force(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service())
    stubber.add_response(
        "delete_service", {"service": service(status="DRAINING")}, {"cluster": CLUSTER, "service": NAME, "force": True}
    )

    code, result = run_module(module, {"name": NAME, "cluster": CLUSTER, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert "service" not in result


@pytest.mark.parametrize("found", [None, "INACTIVE"])
def test_absent_on_a_missing_or_inactive_service_changes_nothing(run_module, ecs, found):
    client, stubber = ecs
    expect_describe(stubber, service(status=found) if found else None)

    code, result = run_module(module, {"name": NAME, "cluster": CLUSTER, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is False


def test_a_missing_cluster_holds_no_service(run_module, ecs):
    client, stubber = ecs
    stubber.add_client_error("describe_services", "ClusterNotFoundException", "Cluster not found.")

    code, result = run_module(module, {"name": NAME, "cluster": CLUSTER, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is False


def test_absent_on_a_draining_service_only_waits_for_it(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, service(status="DRAINING"))
    stubber.add_response(
        "describe_services",
        {"services": [service(status="INACTIVE")], "failures": []},
        {"cluster": CLUSTER, "services": [NAME]},
    )

    code, result = run_module(module, {"name": NAME, "cluster": CLUSTER, "state": "absent", "wait": True}, client)

    assert code == 0, result
    assert result["changed"] is False
