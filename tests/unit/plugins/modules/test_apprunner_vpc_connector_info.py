"""Unit tests for appstack.aws.apprunner_vpc_connector_info (botocore Stubber, no network)."""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_vpc_connector_info as module

PREFIX = "arn:aws:apprunner:us-east-1:123456789012:vpcconnector"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def arn(name, revision=1):
    return f"{PREFIX}/{name}/{revision}/{revision:032d}"


def connector(name, revision=1, status="ACTIVE"):
    item = {
        "VpcConnectorName": name,
        "VpcConnectorArn": arn(name, revision),
        "VpcConnectorRevision": revision,
        "Subnets": ["subnet-a"],
        "SecurityGroups": ["sg-1"],
        "Status": status,
        "CreatedAt": CREATED,
    }
    if status == "INACTIVE":
        item["DeletedAt"] = CREATED
    return item


def stub_list(stubber):
    stubber.add_response(
        "list_vpc_connectors",
        {
            "VpcConnectors": [
                connector("backend-vpc-2"),
                connector("backend-vpc-1", status="INACTIVE"),
                connector("backend-vpc-1", revision=2),
            ]
        },
        {"MaxResults": 100},
    )


def test_active_connectors_are_listed_by_name_with_their_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber)
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn("backend-vpc-1", 2)})
    stubber.add_response(
        "list_tags_for_resource", {"Tags": [{"Key": "Team", "Value": "core"}]}, {"ResourceArn": arn("backend-vpc-2")}
    )

    rc, result = run_module(module, {}, client)

    assert rc == 0
    assert not result["changed"]
    assert [c["vpc_connector_arn"] for c in result["vpc_connectors"]] == [arn("backend-vpc-1", 2), arn("backend-vpc-2")]
    assert result["vpc_connectors"][1]["tags"] == {"Team": "core"}
    assert result["vpc_connectors"][1]["subnets"] == ["subnet-a"]


def test_inactive_connectors_are_included_on_request_without_reading_their_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber)
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn("backend-vpc-1", 2)})

    rc, result = run_module(module, {"name": "backend-vpc-1", "include_inactive": True}, client)

    assert rc == 0
    assert [(c["vpc_connector_revision"], c["status"]) for c in result["vpc_connectors"]] == [
        (2, "ACTIVE"),
        (1, "INACTIVE"),
    ]
    assert result["vpc_connectors"][1]["tags"] == {}


def test_an_account_closed_to_app_runner_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error("list_vpc_connectors", "AccessDeniedException", "Not authorized", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert "Not authorized" in result["msg"]


def test_a_name_app_runner_refuses_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": "x" * 41}, None)

    assert rc == 1
    assert "name must be 4 to 40" in result["msg"]
