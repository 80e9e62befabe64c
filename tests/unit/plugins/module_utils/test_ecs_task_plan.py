"""Unit tests of the pure planning of appstack.aws.ecs_task_run."""

from ansible_collections.appstack.aws.plugins.module_utils import ecs_task_plan as plan

TASK = "arn:aws:ecs:us-east-1:123456789012:task/shop-prod/0123456789abcdef"


def definition(prefix="api", driver="awslogs"):
    options = {"awslogs-group": "/ecs/shop", "awslogs-region": "us-east-1"}
    if prefix:
        options["awslogs-stream-prefix"] = prefix
    return {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:3",
        "containerDefinitions": [
            {"name": "init", "essential": False},
            {"name": "api", "logConfiguration": {"logDriver": driver, "options": options}},
        ],
    }


def params(**overrides):
    values = {
        "cluster": "shop-prod",
        "launch_type": "FARGATE",
        "network_configuration": {"subnets": ["subnet-a"], "security_groups": None, "assign_public_ip": False},
        "container_overrides": None,
        "container_name": None,
        "started_by": None,
    }
    values.update(overrides)
    return values


def test_the_stream_is_prefix_container_and_task_id():
    assert plan.log_location(definition(), "api", TASK) == ("/ecs/shop", "api/api/0123456789abcdef")


def test_without_a_prefix_the_stream_is_the_task_id():
    assert plan.log_location(definition(prefix=None), "api", TASK) == ("/ecs/shop", "0123456789abcdef")


def test_a_container_without_awslogs_has_no_log_location():
    assert plan.log_location(definition(driver="splunk"), "api", TASK) is None
    assert plan.log_location(definition(), "init", TASK) is None


def test_the_reported_container_is_the_named_then_the_overridden_then_the_first_essential_one():
    assert plan.reported_container(definition(), params(container_name="init")) == "init"
    assert plan.reported_container(definition(), params(container_overrides=[{"name": "init"}])) == "init"
    assert plan.reported_container(definition(), params()) == "api"


def test_the_request_sends_no_public_ip_and_only_the_overrides_given():
    request = plan.run_task_request(
        params(container_overrides=[{"name": "api", "command": ["migrate"], "environment": None}]), "td:3"
    )
    assert request == {
        "cluster": "shop-prod",
        "taskDefinition": "td:3",
        "launchType": "FARGATE",
        "count": 1,
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"], "assignPublicIp": "DISABLED"}},
        "overrides": {"containerOverrides": [{"name": "api", "command": ["migrate"]}]},
    }


def test_a_started_by_over_128_characters_is_refused():
    assert plan.validate(params(started_by="x" * 129)) == ["started_by must be 1 to 128 characters, not 129."]
