"""Unit tests for appstack.aws.apprunner_auto_scaling_configuration_info (botocore Stubber, no network)."""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_auto_scaling_configuration_info as module

PREFIX = "arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def arn(name, revision):
    return f"{PREFIX}/{name}/{revision}/{revision:032d}"


def summary(name, revision, status="ACTIVE"):
    return {
        "AutoScalingConfigurationArn": arn(name, revision),
        "AutoScalingConfigurationName": name,
        "AutoScalingConfigurationRevision": revision,
        "Status": status,
    }


def stub_describe(stubber, name, revision, max_size=5, tags=None):
    stubber.add_response(
        "describe_auto_scaling_configuration",
        {
            "AutoScalingConfiguration": {
                "AutoScalingConfigurationArn": arn(name, revision),
                "AutoScalingConfigurationName": name,
                "AutoScalingConfigurationRevision": revision,
                "Latest": True,
                "Status": "ACTIVE",
                "MinSize": 1,
                "MaxSize": max_size,
                "MaxConcurrency": 100,
                "CreatedAt": CREATED,
                "HasAssociatedService": True,
                "IsDefault": False,
            }
        },
        {"AutoScalingConfigurationArn": arn(name, revision)},
    )
    stubber.add_response(
        "list_tags_for_resource",
        {"Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
        {"ResourceArn": arn(name, revision)},
    )


def test_the_latest_active_revision_of_each_name_is_described_with_its_tags(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations",
        {
            "AutoScalingConfigurationSummaryList": [
                summary("worker-scaling", 1),
                summary("backend-scaling", 1),
                summary("backend-scaling", 3),
                summary("backend-scaling", 4, status="INACTIVE"),
            ]
        },
        {"LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-scaling", 3, max_size=10, tags={"Application": "smartscheduler"})
    stub_describe(stubber, "worker-scaling", 1)

    rc, result = run_module(module, {}, client)

    assert rc == 0
    assert not result["changed"]
    configurations = result["auto_scaling_configurations"]
    assert [
        (c["auto_scaling_configuration_name"], c["auto_scaling_configuration_revision"]) for c in configurations
    ] == [
        ("backend-scaling", 3),
        ("worker-scaling", 1),
    ]
    assert configurations[0]["max_size"] == 10
    assert configurations[0]["has_associated_service"] is True
    assert configurations[0]["tags"] == {"Application": "smartscheduler"}


def test_every_active_revision_of_one_name_highest_first(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [summary("backend-scaling", 1), summary("backend-scaling", 2)]},
        {"AutoScalingConfigurationName": "backend-scaling", "LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-scaling", 2)
    stub_describe(stubber, "backend-scaling", 1)

    rc, result = run_module(module, {"name": "backend-scaling", "latest_only": False}, client)

    assert rc == 0
    assert [c["auto_scaling_configuration_revision"] for c in result["auto_scaling_configurations"]] == [2, 1]


def test_an_unknown_name_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": []},
        {"AutoScalingConfigurationName": "missing-scaling", "LatestOnly": False, "MaxResults": 100},
    )

    rc, result = run_module(module, {"name": "missing-scaling"}, client)

    assert rc == 0
    assert result["auto_scaling_configurations"] == []


def test_an_account_closed_to_app_runner_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error("list_auto_scaling_configurations", "AccessDeniedException", "Not authorized", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert "Not authorized" in result["msg"]
    assert result["error"]["code"] == "AccessDeniedException"


def test_a_name_app_runner_refuses_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": "x" * 33}, None)

    assert rc == 1
    assert "name must be 4 to 32" in result["msg"]
