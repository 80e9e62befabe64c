"""Unit tests for appstack.aws.ecs_task_definition_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import ecs_task_definition_info as module

FAMILY = "shop-api-prod"
ARN = f"arn:aws:ecs:us-east-1:123456789012:task-definition/{FAMILY}"


def described(revision, status="ACTIVE"):
    return {
        "taskDefinitionArn": f"{ARN}:{revision}",
        "family": FAMILY,
        "revision": revision,
        "status": status,
        "containerDefinitions": [{"name": "api", "image": "shop:v1", "cpu": 0, "essential": True}],
        "networkMode": "awsvpc",
        "cpu": "256",
        "memory": "512",
    }


def expect_describe(stubber, target, definition):
    expected = {"taskDefinition": target, "include": ["TAGS"]}
    if definition is None:
        stubber.add_client_error(
            "describe_task_definition", "ClientException", "Unable to describe task definition.", 400, None, expected
        )
    else:
        response = {"taskDefinition": definition, "tags": [{"key": "Environment", "value": "prod"}]}
        stubber.add_response("describe_task_definition", response, expected)


def test_the_latest_active_revision_is_read_with_its_tags(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, FAMILY, described(3))

    code, result = run_module(module, {"family": FAMILY}, client)

    assert code == 0, result
    assert not result["changed"]
    [definition] = result["task_definitions"]
    assert definition["arn"] == f"{ARN}:3"
    assert definition["tags"] == {"Environment": "prod"}


def test_a_missing_family_or_revision_is_an_empty_list(run_module, ecs):
    client, stubber = ecs
    expect_describe(stubber, f"{FAMILY}:9", None)

    code, result = run_module(module, {"family": FAMILY, "revision": 9}, client)

    assert code == 0, result
    assert result["task_definitions"] == []


def test_all_revisions_reads_every_active_revision(run_module, ecs):
    client, stubber = ecs
    stubber.add_response(
        "list_task_definitions",
        {"taskDefinitionArns": [f"{ARN}:1", f"{ARN}:2", "arn:aws:ecs:us-east-1:123456789012:task-definition/x:1"]},
        {"familyPrefix": FAMILY, "status": "ACTIVE", "sort": "ASC"},
    )
    expect_describe(stubber, f"{ARN}:1", described(1))
    expect_describe(stubber, f"{ARN}:2", described(2))

    code, result = run_module(module, {"family": FAMILY, "all_revisions": True}, client)

    assert code == 0, result
    assert [definition["revision"] for definition in result["task_definitions"]] == [1, 2]
