"""Unit tests for the planning of appstack.aws.ecs_service (pure functions, no client)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import ecs_service_plan as plan

TD_ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:12"
TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod/0123456789abcdef"
GREEN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod-green/fedcba9876543210"
RULE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/1/2/3"
ROLE = "arn:aws:iam::123456789012:role/shop-prod-ecs-infrastructure"


def params(**overrides):
    values = dict(
        name="shop-api-prod",
        cluster="shop-prod",
        state="present",
        task_definition="shop-api-prod:12",
        desired_count=2,
        keep_desired_count=False,
        launch_type="FARGATE",
        capacity_provider_strategy=None,
        platform_version=None,
        network_configuration={
            "subnets": ["subnet-b", "subnet-a"],
            "security_groups": ["sg-1"],
            "assign_public_ip": False,
        },
        load_balancers=[
            {"target_group_arn": TG, "container_name": "api", "container_port": 8000, "advanced_configuration": None}
        ],
        deployment_configuration={
            "minimum_healthy_percent": 100,
            "maximum_percent": 200,
            "circuit_breaker": {"enable": True, "rollback": True},
            "strategy": None,
            "bake_time_in_minutes": None,
            "lifecycle_hooks": None,
        },
        health_check_grace_period_seconds=60,
        enable_execute_command=False,
        propagate_tags="SERVICE",
        enable_ecs_managed_tags=None,
        force_new_deployment=False,
        tags=None,
        purge_tags=True,
        wait=False,
        wait_timeout=900,
    )
    values.update(overrides)
    return values


def service(**overrides):
    """A service as DescribeServices returns it for params()."""
    values = {
        "serviceName": "shop-api-prod",
        "serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/shop-prod/shop-api-prod",
        "status": "ACTIVE",
        "taskDefinition": TD_ARN,
        "desiredCount": 2,
        "launchType": "FARGATE",
        "platformVersion": "LATEST",
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
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
        },
        "healthCheckGracePeriodSeconds": 60,
        "enableExecuteCommand": False,
        "propagateTags": "SERVICE",
        "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY", "rolloutState": "COMPLETED"}],
    }
    values.update(overrides)
    return values


def blue_green_balancer(**advanced):
    config = {"alternate_target_group_arn": GREEN, "production_listener_rule": RULE, "role_arn": ROLE}
    config.update(advanced)
    return {"target_group_arn": TG, "container_name": "api", "container_port": 8000, "advanced_configuration": config}


# --- validate ---------------------------------------------------------------------------------------------


def test_valid_options_have_no_problem():
    assert plan.validate(params()) == []


@pytest.mark.parametrize("name", ["", "shop api", "x" * 256, "shop/api"])
def test_a_bad_name_is_a_problem(name):
    assert plan.validate(params(name=name))[0].startswith("name must be 1 to 255 letters")


@pytest.mark.parametrize("task_definition", ["shop-api-prod", "shop-api-prod:latest", "arn:aws:ecs:x"])
def test_a_task_definition_without_revision_is_a_problem(task_definition):
    (problem,) = plan.validate(params(task_definition=task_definition))
    assert problem.startswith("task_definition must be family:revision")


def test_a_task_definition_arn_is_accepted():
    assert plan.validate(params(task_definition=TD_ARN)) == []


def test_a_container_port_outside_the_range_is_a_problem():
    balancer = {**blue_green_balancer(), "container_port": 70000, "advanced_configuration": None}
    assert plan.validate(params(load_balancers=[balancer])) == [
        "load_balancers[0].container_port must be between 1 and 65535, not 70000."
    ]


def test_minimum_above_maximum_percent_is_a_problem():
    deployment = {**params()["deployment_configuration"], "minimum_healthy_percent": 100, "maximum_percent": 100}
    assert plan.validate(params(deployment_configuration=deployment)) == []
    deployment["maximum_percent"] = 90
    problems = plan.validate(params(deployment_configuration=deployment))
    assert "deployment_configuration.maximum_percent must be at least 100, not 90." in problems
    assert any("must not be above maximum_percent" in problem for problem in problems)


def test_blue_green_needs_the_advanced_configuration_of_every_load_balancer():
    deployment = {**params()["deployment_configuration"], "strategy": "BLUE_GREEN", "bake_time_in_minutes": 5}
    assert plan.validate(params(deployment_configuration=deployment, load_balancers=[blue_green_balancer()])) == []
    (problem,) = plan.validate(params(deployment_configuration=deployment))
    assert problem == (
        "deployment_configuration.strategy=BLUE_GREEN needs load_balancers[0].advanced_configuration with"
        " alternate_target_group_arn, production_listener_rule, role_arn."
    )


def test_bake_time_without_blue_green_is_a_problem():
    deployment = {**params()["deployment_configuration"], "bake_time_in_minutes": 5}
    (problem,) = plan.validate(params(deployment_configuration=deployment))
    assert "apply to deployment_configuration.strategy=BLUE_GREEN only" in problem


def test_a_bad_wait_timeout_is_a_problem_even_for_absent():
    assert plan.validate(params(state="absent", wait_timeout=0)) == [
        "wait_timeout must be a number of seconds above 0, not 0."
    ]


def test_every_problem_is_reported_at_once():
    problems = plan.validate(params(desired_count=-1, health_check_grace_period_seconds=-5, task_definition="x"))
    assert len(problems) == 3


def test_creating_needs_task_definition_desired_count_and_subnets():
    assert plan.creation_problems(params()) == []
    assert plan.creation_problems(params(task_definition=None, desired_count=None, network_configuration=None)) == [
        "Creating service shop-api-prod needs task_definition, desired_count, network_configuration.subnets."
    ]


# --- create -----------------------------------------------------------------------------------------------


def test_create_request_spells_every_option_as_create_service_does():
    assert plan.create_request(params()) == {
        "cluster": "shop-prod",
        "serviceName": "shop-api-prod",
        "taskDefinition": "shop-api-prod:12",
        "desiredCount": 2,
        "launchType": "FARGATE",
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
            "minimumHealthyPercent": 100,
            "maximumPercent": 200,
        },
        "healthCheckGracePeriodSeconds": 60,
        "enableExecuteCommand": False,
        "propagateTags": "SERVICE",
    }


def test_create_request_with_capacity_providers_has_no_launch_type():
    strategy = [{"capacity_provider": "FARGATE_SPOT", "weight": 3, "base": None}]
    request = plan.create_request(params(launch_type=None, capacity_provider_strategy=strategy))
    assert "launchType" not in request
    assert request["capacityProviderStrategy"] == [{"capacityProvider": "FARGATE_SPOT", "weight": 3}]


def test_create_request_for_blue_green_carries_the_advanced_configuration_and_bake_time():
    hook = {"hook_target_arn": "arn:aws:lambda:us-east-1:123456789012:function:check", "role_arn": ROLE}
    hook["lifecycle_stages"] = ["POST_TEST_TRAFFIC_SHIFT"]
    deployment = {**params()["deployment_configuration"], "strategy": "BLUE_GREEN", "bake_time_in_minutes": 5}
    deployment["lifecycle_hooks"] = [hook]
    request = plan.create_request(params(deployment_configuration=deployment, load_balancers=[blue_green_balancer()]))
    assert request["loadBalancers"][0]["advancedConfiguration"] == {
        "alternateTargetGroupArn": GREEN,
        "productionListenerRule": RULE,
        "roleArn": ROLE,
    }
    assert request["deploymentConfiguration"]["strategy"] == "BLUE_GREEN"
    assert request["deploymentConfiguration"]["bakeTimeInMinutes"] == 5
    assert request["deploymentConfiguration"]["lifecycleHooks"] == [
        {"hookTargetArn": hook["hook_target_arn"], "roleArn": ROLE, "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT"]}
    ]


# --- update -----------------------------------------------------------------------------------------------


def test_a_converged_service_needs_no_update():
    assert plan.update_request(service(), params()) == {}


def test_a_task_definition_arn_equal_to_the_service_s_needs_no_update():
    assert plan.update_request(service(), params(task_definition=TD_ARN)) == {}


def test_options_left_unset_are_not_compared():
    unset = {
        key: None
        for key in (
            "task_definition",
            "desired_count",
            "launch_type",
            "network_configuration",
            "load_balancers",
            "deployment_configuration",
            "health_check_grace_period_seconds",
            "enable_execute_command",
            "propagate_tags",
        )
    }
    assert plan.update_request(service(), params(**unset)) == {}


def test_defaults_ecs_applies_are_not_differences():
    bare = service()
    for key in ("enableExecuteCommand", "propagateTags", "healthCheckGracePeriodSeconds"):
        bare.pop(key)
    wanted = params(enable_execute_command=False, propagate_tags="NONE", health_check_grace_period_seconds=0)
    deployment = {**wanted["deployment_configuration"], "strategy": "ROLLING"}
    assert plan.update_request(bare, {**wanted, "deployment_configuration": deployment}) == {}


def test_a_new_revision_is_sent_as_given():
    assert plan.update_request(service(), params(task_definition="shop-api-prod:13")) == {
        "taskDefinition": "shop-api-prod:13"
    }


def test_desired_count_is_left_to_autoscaling_with_keep_desired_count():
    assert plan.update_request(service(desiredCount=5), params(keep_desired_count=True)) == {}
    assert plan.update_request(service(desiredCount=5), params()) == {"desiredCount": 2}


def test_a_circuit_breaker_change_sends_the_whole_deployment_configuration():
    deployment = {**params()["deployment_configuration"], "circuit_breaker": {"enable": True, "rollback": False}}
    assert plan.update_request(service(), params(deployment_configuration=deployment)) == {
        "deploymentConfiguration": {
            "deploymentCircuitBreaker": {"enable": True, "rollback": False},
            "maximumPercent": 200,
            "minimumHealthyPercent": 100,
        }
    }


def test_a_public_ip_change_sends_the_network_configuration_laid_over_the_current_one():
    network = {"subnets": None, "security_groups": None, "assign_public_ip": True}
    assert plan.update_request(service(), params(network_configuration=network)) == {
        "networkConfiguration": {
            "awsvpcConfiguration": {
                "subnets": ["subnet-a", "subnet-b"],
                "securityGroups": ["sg-1"],
                "assignPublicIp": "ENABLED",
            }
        }
    }


def test_load_balancers_are_compared_as_a_set_and_sent_whole():
    other = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/1"
    balancers = [
        {"target_group_arn": other, "container_name": "api", "container_port": 8000, "advanced_configuration": None},
        params()["load_balancers"][0],
    ]
    current = service(
        loadBalancers=[
            {"targetGroupArn": TG, "containerName": "api", "containerPort": 8000},
            {"targetGroupArn": other, "containerName": "api", "containerPort": 8000},
        ]
    )
    assert plan.update_request(current, params(load_balancers=balancers)) == {}
    assert plan.update_request(service(), params(load_balancers=[]))["loadBalancers"] == []


def test_a_grace_period_change_is_sent_alone():
    assert plan.update_request(service(), params(health_check_grace_period_seconds=120)) == {
        "healthCheckGracePeriodSeconds": 120
    }


def test_force_new_deployment_always_sends_an_update():
    assert plan.update_request(service(), params(force_new_deployment=True)) == {"forceNewDeployment": True}


def test_switching_between_launch_type_and_capacity_providers_is_refused():
    strategy = [{"capacity_provider": "FARGATE_SPOT", "weight": 1, "base": None}]
    (problem,) = plan.immutable_problems(service(), params(launch_type=None, capacity_provider_strategy=strategy))
    assert problem.startswith("capacity_provider_strategy on a service that runs on the FARGATE launch type")
    assert "create it again" in problem
    on_providers = service(capacityProviderStrategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 0}])
    on_providers.pop("launchType")
    (problem,) = plan.immutable_problems(on_providers, params())
    assert problem.startswith("launch_type=FARGATE on a service that runs on a capacity provider strategy")
    assert plan.immutable_problems(service(), params()) == []


def test_apply_update_predicts_the_service_with_the_task_definition_as_an_arn():
    updated = plan.apply_update(service(), {"taskDefinition": "shop-api-prod:13", "forceNewDeployment": True})
    assert updated["taskDefinition"] == "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:13"
    assert "forceNewDeployment" not in updated


# --- results ----------------------------------------------------------------------------------------------


def test_service_to_result_is_snake_case_with_tags_as_a_dict_and_the_rollout_state():
    result = plan.service_to_result(
        {**service(), "tags": [{"key": "Environment", "value": "prod"}], "events": [{"message": "x"}]},
        {"Environment": "prod"},
    )
    assert result["tags"] == {"Environment": "prod"}
    assert result["rollout_state"] == "COMPLETED"
    assert result["deployment_configuration"]["deployment_circuit_breaker"] == {"enable": True, "rollback": True}
    assert "events" not in result


def test_config_view_is_empty_without_a_service():
    assert plan.config_view(None, {}) == {}
    assert plan.config_view(service(), {"a": "b"})["health_check_grace_period_seconds"] == 60
