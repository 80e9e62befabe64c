"""Unit tests for appstack.aws.ecs_task_definition (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.modules import ecs_task_definition as module

FAMILY = "shop-api-prod"
ARN = f"arn:aws:ecs:us-east-1:123456789012:task-definition/{FAMILY}"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-prod-db-AbCdEf:password::"
EXECUTION_ROLE = "arn:aws:iam::123456789012:role/shop-prod-execution"
MISSING = "Unable to describe task definition."


def container(**overrides):
    values = {
        "name": "api",
        "image": "shop:v1",
        "portMappings": [{"containerPort": 8000}],
        "environment": [{"name": "APP_ENV", "value": "prod"}, {"name": "LOG_LEVEL", "value": "info"}],
        "secrets": [{"name": "DB_PASSWORD", "valueFrom": SECRET}],
        "healthCheck": {"command": ["CMD-SHELL", "true"]},
    }
    values.update(overrides)
    return values


def params(**overrides):
    values = dict(
        family=FAMILY,
        state="present",
        revision=None,
        containers=[container()],
        network_mode="awsvpc",
        requires_compatibilities=["FARGATE"],
        cpu="256",
        memory="512",
        execution_role_arn=EXECUTION_ROLE,
        task_role_arn=None,
        runtime_platform=None,
        volumes=None,
        ephemeral_storage=None,
        tags={"Environment": "prod"},
        purge_tags=True,
    )
    values.update(overrides)
    return values


def args(**overrides):
    return {key: value for key, value in params(**overrides).items() if value is not None}


def described(revision=1, image="shop:v1", status="ACTIVE"):
    """A revision as DescribeTaskDefinition returns it: ECS's defaults filled in."""
    return {
        "taskDefinitionArn": f"{ARN}:{revision}",
        "family": FAMILY,
        "revision": revision,
        "status": status,
        "containerDefinitions": [
            {
                "name": "api",
                "image": image,
                "cpu": 0,
                "essential": True,
                "portMappings": [{"containerPort": 8000, "hostPort": 8000, "protocol": "tcp"}],
                "environment": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "APP_ENV", "value": "prod"}],
                "secrets": [{"name": "DB_PASSWORD", "valueFrom": SECRET}],
                "mountPoints": [],
                "volumesFrom": [],
                "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 30, "timeout": 5, "retries": 3},
            }
        ],
        "executionRoleArn": EXECUTION_ROLE,
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "compatibilities": ["EC2", "FARGATE"],
        "volumes": [],
        "cpu": "256",
        "memory": "512",
        "registeredAt": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        "registeredBy": "arn:aws:iam::123456789012:root",
    }


def tag_list(tags):
    return [{"key": key, "value": value} for key, value in tags.items()]


def expect_describe(stubber, definition=None, tags=None, target=FAMILY):
    expected = {"taskDefinition": target, "include": ["TAGS"]}
    if definition is None:
        stubber.add_client_error("describe_task_definition", "ClientException", MISSING, 400, expected_params=expected)
    else:
        response = {"taskDefinition": definition, "tags": tag_list(tags or {"Environment": "prod"})}
        stubber.add_response("describe_task_definition", response, expected)


def register_request(image="shop:v1", tags=None):
    return {
        "family": FAMILY,
        "containerDefinitions": [container(image=image)],
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "executionRoleArn": EXECUTION_ROLE,
        "cpu": "256",
        "memory": "512",
        "tags": tag_list(tags or {"Environment": "prod"}),
    }


def test_a_new_family_is_registered_with_its_tags(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, None)
    stubber.add_response(
        "register_task_definition",
        {"taskDefinition": described(1), "tags": tag_list({"Environment": "prod"})},
        register_request(),
    )

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"]
    assert result["task_definition"]["arn"] == f"{ARN}:1"
    assert result["task_definition"]["revision"] == 1
    assert result["task_definition"]["tags"] == {"Environment": "prod"}
    assert result["diff"]["before"] == {}


def test_check_mode_on_a_new_family_predicts_the_revision_and_sends_nothing(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, None)
    stubber.add_response(
        "list_task_definitions",
        {"taskDefinitionArns": [f"{ARN}:2"]},
        {"familyPrefix": FAMILY, "status": "INACTIVE", "sort": "DESC"},
    )

    code, result = run_module(module, {**args(), "_ansible_check_mode": True}, client)

    assert code == 0, result
    assert result["changed"]
    assert result["task_definition"]["revision"] == 3
    assert result["task_definition"]["arn"] is None
    assert result["task_definition"]["container_definitions"][0]["image"] == "shop:v1"


def test_a_converged_family_is_one_read_and_no_write(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4))

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert result["task_definition"]["revision"] == 4
    assert result["task_definition"]["registered_by"] == "arn:aws:iam::123456789012:root"


def test_reordered_environment_variables_register_nothing(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4))
    reordered = container(environment=[{"name": "LOG_LEVEL", "value": "info"}, {"name": "APP_ENV", "value": "prod"}])

    code, result = run_module(module, args(containers=[reordered]), client)

    assert code == 0, result
    assert not result["changed"]


def test_an_image_change_registers_one_revision_with_a_diff(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4))
    stubber.add_response(
        "register_task_definition",
        {"taskDefinition": described(5, image="shop:v2"), "tags": tag_list({"Environment": "prod"})},
        register_request(image="shop:v2"),
    )

    code, result = run_module(module, args(containers=[container(image="shop:v2")]), client)

    assert code == 0, result
    assert result["changed"]
    assert result["task_definition"]["revision"] == 5
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert before["container_definitions"][0]["image"] == "shop:v1"
    assert after["container_definitions"][0]["image"] == "shop:v2"
    assert {key for key in before if before[key] != after[key]} == {"container_definitions", "revision"}


def test_check_mode_predicts_the_next_revision_of_a_change(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4))
    stubber.add_response(
        "list_task_definitions",
        {"taskDefinitionArns": []},
        {"familyPrefix": FAMILY, "status": "INACTIVE", "sort": "DESC"},
    )

    code, result = run_module(
        module, {**args(containers=[container(image="shop:v2")]), "_ansible_check_mode": True}, client
    )

    assert code == 0, result
    assert result["changed"]
    assert result["task_definition"]["revision"] == 5 and result["task_definition"]["arn"] is None
    assert result["diff"]["after"]["revision"] == 5


def test_a_new_revision_keeps_the_current_tags_without_purge(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4), tags={"Team": "web"})
    request = register_request(image="shop:v2", tags={"Team": "web", "Environment": "prod"})
    stubber.add_response("register_task_definition", {"taskDefinition": described(5)}, request)

    code, result = run_module(module, args(containers=[container(image="shop:v2")], purge_tags=False), client)

    assert code == 0, result
    assert result["changed"]


def test_only_tags_changed_tags_the_latest_revision_in_place(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(4), tags={"Environment": "dev", "Old": "x"})
    stubber.add_response("untag_resource", {}, {"resourceArn": f"{ARN}:4", "tagKeys": ["Old"]})
    stubber.add_response(
        "tag_resource", {}, {"resourceArn": f"{ARN}:4", "tags": [{"key": "Environment", "value": "prod"}]}
    )

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"]
    assert result["task_definition"]["revision"] == 4
    assert result["task_definition"]["tags"] == {"Environment": "prod"}


def test_absent_deregisters_every_active_revision(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(2))
    stubber.add_response(
        "list_task_definitions",
        {"taskDefinitionArns": [f"{ARN}:1", f"{ARN}:2"]},
        {"familyPrefix": FAMILY, "status": "ACTIVE", "sort": "ASC"},
    )
    for revision in (1, 2):
        stubber.add_response(
            "deregister_task_definition",
            {"taskDefinition": described(revision, status="INACTIVE")},
            {"taskDefinition": f"{ARN}:{revision}"},
        )

    code, result = run_module(module, {"family": FAMILY, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"]
    assert result["deregistered"] == [f"{ARN}:1", f"{ARN}:2"]
    assert result["diff"]["after"] == {}


def test_absent_with_a_revision_deregisters_only_that_one(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(1), target=f"{FAMILY}:1")
    stubber.add_response(
        "deregister_task_definition",
        {"taskDefinition": described(1, status="INACTIVE")},
        {"taskDefinition": f"{ARN}:1"},
    )

    code, result = run_module(module, {"family": FAMILY, "state": "absent", "revision": 1}, client)

    assert code == 0, result
    assert result["deregistered"] == [f"{ARN}:1"]


def test_absent_on_an_inactive_revision_or_an_empty_family_sends_nothing(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(1, status="INACTIVE"), target=f"{FAMILY}:1")
    expect_describe(stubber, None)

    code, result = run_module(module, {"family": FAMILY, "state": "absent", "revision": 1}, client)
    assert code == 0 and not result["changed"], result
    code, result = run_module(module, {"family": FAMILY, "state": "absent"}, client)
    assert code == 0 and not result["changed"], result
    assert result["deregistered"] == []


def test_absent_in_check_mode_lists_and_sends_nothing(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, described(1))
    stubber.add_response("list_task_definitions", {"taskDefinitionArns": [f"{ARN}:1"]}, None)

    code, result = run_module(module, {"family": FAMILY, "state": "absent", "_ansible_check_mode": True}, client)

    assert code == 0 and result["changed"], result
    assert result["deregistered"] == [f"{ARN}:1"]


def test_bad_input_fails_before_any_call(run_module):
    bad = container(portMappings=[{"containerPort": 70000}], privileged=True)

    code, result = run_module(module, args(cpu="1024", memory="1024", containers=[bad, container()]), None)

    assert code == 1
    problems = result["problems"]
    assert any(problem.startswith("memory must be 2048 to 8192") for problem in problems)
    assert any("containers[0].portMappings[0].containerPort" in problem for problem in problems)
    assert any("containers[0].privileged" in problem for problem in problems)
    assert "containers names must be unique; repeated: api." in problems


def test_an_api_error_fails_with_the_error(run_module, ecs):
    client, stubber = ecs
    stubber.add_client_error("describe_task_definition", "AccessDeniedException", "no", 400)

    code, result = run_module(module, args(), client)

    assert code == 1
    assert "describe task definition" in result["msg"]
