"""Unit tests for appstack.aws.apprunner_observability_configuration_info (botocore Stubber, no network)."""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_observability_configuration_info as module

PREFIX = "arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration"
NAME_ARN = f"{PREFIX}/backend-tracing"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def arn(name, revision):
    return f"{PREFIX}/{name}/{revision}/{revision:032d}"


def summary(name, revision):
    return {
        "ObservabilityConfigurationArn": arn(name, revision),
        "ObservabilityConfigurationName": name,
        "ObservabilityConfigurationRevision": revision,
    }


def stub_describe(stubber, name, revision, trace=True, tags=None, asked=None, latest=True):
    """Describe the revision, asked for by asked (its full ARN by default), then read its tags."""
    configuration = {
        "ObservabilityConfigurationArn": arn(name, revision),
        "ObservabilityConfigurationName": name,
        "ObservabilityConfigurationRevision": revision,
        "Latest": latest,
        "Status": "ACTIVE",
        "CreatedAt": CREATED,
    }
    if trace:
        configuration["TraceConfiguration"] = {"Vendor": "AWSXRAY"}
    stubber.add_response(
        "describe_observability_configuration",
        {"ObservabilityConfiguration": configuration},
        {"ObservabilityConfigurationArn": asked or arn(name, revision)},
    )
    stubber.add_response(
        "list_tags_for_resource",
        {"Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
        {"ResourceArn": arn(name, revision)},
    )


def test_the_latest_active_revision_of_each_name_is_described_with_its_tags(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {
            "ObservabilityConfigurationSummaryList": [
                summary("worker-tracing", 1),
                summary("backend-tracing", 1),
                summary("backend-tracing", 3),
            ]
        },
        {"LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-tracing", 3, tags={"Application": "smartscheduler"})
    stub_describe(stubber, "worker-tracing", 1, trace=False)

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert not result["changed"]
    configurations = result["observability_configurations"]
    assert [
        (c["observability_configuration_name"], c["observability_configuration_revision"]) for c in configurations
    ] == [("backend-tracing", 3), ("worker-tracing", 1)]
    assert configurations[0]["trace_configuration"] == {"vendor": "AWSXRAY"}
    assert configurations[0]["latest"] is True
    assert configurations[0]["tags"] == {"Application": "smartscheduler"}
    assert "trace_configuration" not in configurations[1]


def test_every_active_revision_of_one_name_highest_first(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary("backend-tracing", 1), summary("backend-tracing", 2)]},
        {"ObservabilityConfigurationName": "backend-tracing", "LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-tracing", 2)
    stub_describe(stubber, "backend-tracing", 1)

    rc, result = run_module(module, {"name": "backend-tracing", "latest_only": False}, client)

    assert rc == 0, result
    assert [c["observability_configuration_revision"] for c in result["observability_configurations"]] == [2, 1]


def test_another_name_that_app_runner_lists_is_left_out(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary("backend-tracing-2", 1), summary("backend-tracing", 1)]},
        {"ObservabilityConfigurationName": "backend-tracing", "LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-tracing", 1)

    rc, result = run_module(module, {"name": "backend-tracing"}, client)

    assert rc == 0, result
    assert [c["observability_configuration_name"] for c in result["observability_configurations"]] == [
        "backend-tracing"
    ]


def test_pages_are_followed(apprunner, run_module):
    client, stubber = apprunner
    request = {"ObservabilityConfigurationName": "backend-tracing", "LatestOnly": False, "MaxResults": 100}
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary("backend-tracing", 1)], "NextToken": "page-2"},
        request,
    )
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary("backend-tracing", 2)]},
        {**request, "NextToken": "page-2"},
    )
    stub_describe(stubber, "backend-tracing", 2)

    rc, result = run_module(module, {"name": "backend-tracing"}, client)

    assert rc == 0, result
    assert [c["observability_configuration_revision"] for c in result["observability_configurations"]] == [2]


def test_an_unknown_name_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": []},
        {"ObservabilityConfigurationName": "missing-tracing", "LatestOnly": False, "MaxResults": 100},
    )

    rc, result = run_module(module, {"name": "missing-tracing"}, client)

    assert rc == 0, result
    assert result["observability_configurations"] == []


def test_an_account_closed_to_app_runner_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error("list_observability_configurations", "AccessDeniedException", "Not authorized", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert "Not authorized" in result["msg"]
    assert result["error"]["code"] == "AccessDeniedException"


def test_a_name_app_runner_refuses_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": "x" * 33}, None)

    assert rc == 1
    assert "name must be 4 to 32" in result["msg"]


def test_an_arn_ending_with_the_name_is_one_describe_and_its_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-tracing", 3, tags={"Application": "smartscheduler"}, asked=NAME_ARN)

    rc, result = run_module(module, {"arn": NAME_ARN}, client)

    assert rc == 0, result
    [configuration] = result["observability_configurations"]
    assert configuration["observability_configuration_arn"] == arn("backend-tracing", 3)
    assert configuration["latest"] is True
    assert configuration["trace_configuration"] == {"vendor": "AWSXRAY"}
    assert configuration["tags"] == {"Application": "smartscheduler"}


def test_an_arn_ending_with_the_name_and_every_revision_describes_the_superseded_ones(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-tracing", 2, asked=NAME_ARN)
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary("backend-tracing", 1), summary("backend-tracing", 2)]},
        {"ObservabilityConfigurationName": "backend-tracing", "LatestOnly": False, "MaxResults": 100},
    )
    stub_describe(stubber, "backend-tracing", 1, trace=False, latest=False)

    rc, result = run_module(module, {"arn": NAME_ARN, "latest_only": False}, client)

    assert rc == 0, result
    configurations = result["observability_configurations"]
    assert [c["observability_configuration_revision"] for c in configurations] == [2, 1]
    assert [c["latest"] for c in configurations] == [True, False]
    assert all("tags" in c for c in configurations)


def test_a_full_arn_describes_that_revision(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-tracing", 1, latest=False)

    rc, result = run_module(module, {"arn": arn("backend-tracing", 1), "latest_only": False}, client)

    assert rc == 0, result
    assert [c["observability_configuration_revision"] for c in result["observability_configurations"]] == [1]


def test_an_arn_of_a_name_without_an_active_revision_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error(
        "describe_observability_configuration",
        "ResourceNotFoundException",
        "Observability configuration not found",
        404,
        expected_params={"ObservabilityConfigurationArn": NAME_ARN},
    )

    rc, result = run_module(module, {"arn": NAME_ARN}, client)

    assert rc == 0, result
    assert result["observability_configurations"] == []


def test_an_arn_of_another_kind_fails_before_any_api_call(run_module):
    scaling = "arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/backend-tracing"

    rc, result = run_module(module, {"arn": scaling}, None)

    assert rc == 1
    assert "arn must be an App Runner observabilityconfiguration ARN" in result["msg"]
