"""Unit tests for appstack.aws.apprunner_auto_scaling_configuration_info (botocore Stubber, no network)."""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_auto_scaling_configuration_info as module

PREFIX = "arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration"
NAME_ARN = f"{PREFIX}/backend-scaling"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def arn(name, revision):
    return f"{PREFIX}/{name}/{revision}/{revision:032d}"


def summary(name, revision, status="ACTIVE", has_service=False, is_default=False):
    """A revision as ListAutoScalingConfigurations returns it."""
    return {
        "AutoScalingConfigurationArn": arn(name, revision),
        "AutoScalingConfigurationName": name,
        "AutoScalingConfigurationRevision": revision,
        "Status": status,
        "CreatedAt": CREATED,
        "HasAssociatedService": has_service,
        "IsDefault": is_default,
    }


def stub_list(stubber, summaries, name="backend-scaling"):
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": summaries},
        {"AutoScalingConfigurationName": name, "LatestOnly": False, "MaxResults": 100},
    )


def stub_describe(stubber, name, revision, max_size=5, tags=None, asked=None, latest=True, status="ACTIVE"):
    """Describe the revision, asked for by asked (its full ARN by default), then read its tags if it is active."""
    stubber.add_response(
        "describe_auto_scaling_configuration",
        {
            "AutoScalingConfiguration": {
                "AutoScalingConfigurationArn": arn(name, revision),
                "AutoScalingConfigurationName": name,
                "AutoScalingConfigurationRevision": revision,
                "Latest": latest,
                "Status": status,
                "MinSize": 1,
                "MaxSize": max_size,
                "MaxConcurrency": 100,
                "CreatedAt": CREATED,
                "HasAssociatedService": True,
                "IsDefault": False,
            }
        },
        {"AutoScalingConfigurationArn": asked or arn(name, revision)},
    )
    if status == "ACTIVE":
        stubber.add_response(
            "list_tags_for_resource",
            {"Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
            {"ResourceArn": arn(name, revision)},
        )


def revisions_of(configurations):
    return [c["auto_scaling_configuration_revision"] for c in configurations]


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


def test_every_active_revision_of_one_name_highest_first_with_one_describe(apprunner, run_module):
    client, stubber = apprunner
    stub_list(
        stubber,
        [
            summary("backend-scaling", 1, is_default=True),
            summary("backend-scaling", 2, has_service=True),
            summary("backend-scaling", 5, status="INACTIVE"),
            summary("backend-scaling", 4),
            summary("backend-scaling", 3),
        ],
    )
    # One Describe and one ListTagsForResource, for the latest revision, however many revisions the name has.
    stub_describe(stubber, "backend-scaling", 4, tags={"Application": "smartscheduler"})

    rc, result = run_module(module, {"name": "backend-scaling", "latest_only": False}, client)

    assert rc == 0, result
    configurations = result["auto_scaling_configurations"]
    assert revisions_of(configurations) == [4, 3, 2, 1]
    assert configurations[0]["latest"] is True
    assert configurations[0]["tags"] == {"Application": "smartscheduler"}
    assert configurations[3] == {
        "auto_scaling_configuration_arn": arn("backend-scaling", 1),
        "auto_scaling_configuration_name": "backend-scaling",
        "auto_scaling_configuration_revision": 1,
        "latest": False,
        "status": "ACTIVE",
        "created_at": "2026-01-01T00:00:00+00:00",
        "has_associated_service": False,
        "is_default": True,
    }
    assert configurations[2]["has_associated_service"] is True


def test_an_arn_ending_with_the_name_of_a_first_revision_is_one_describe_and_its_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 1, tags={"Application": "smartscheduler"}, asked=NAME_ARN)

    rc, result = run_module(module, {"arn": NAME_ARN, "latest_only": False}, client)

    assert rc == 0, result
    [configuration] = result["auto_scaling_configurations"]
    assert configuration["auto_scaling_configuration_arn"] == arn("backend-scaling", 1)
    assert configuration["latest"] is True
    assert configuration["max_size"] == 5
    assert configuration["tags"] == {"Application": "smartscheduler"}


def test_an_arn_ending_with_the_name_lists_the_superseded_revisions_without_their_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 3, max_size=10, asked=NAME_ARN)
    stub_list(
        stubber,
        [
            summary("backend-scaling", 3),
            summary("backend-scaling", 2, has_service=True),
            summary("backend-scaling", 1, is_default=True),
        ],
    )

    rc, result = run_module(module, {"arn": NAME_ARN, "latest_only": False}, client)

    assert rc == 0, result
    configurations = result["auto_scaling_configurations"]
    assert revisions_of(configurations) == [3, 2, 1]
    assert configurations[0]["max_size"] == 10
    assert [c["latest"] for c in configurations] == [True, False, False]
    assert [(c["has_associated_service"], c["is_default"]) for c in configurations[1:]] == [
        (True, False),
        (False, True),
    ]
    assert all("tags" not in c and "max_size" not in c for c in configurations[1:])


def test_a_revision_created_after_the_describe_is_not_taken_for_a_superseded_one(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 2, asked=NAME_ARN)
    stub_list(stubber, [summary("backend-scaling", 3), summary("backend-scaling", 2), summary("backend-scaling", 1)])

    rc, result = run_module(module, {"arn": NAME_ARN, "latest_only": False}, client)

    assert rc == 0, result
    assert revisions_of(result["auto_scaling_configurations"]) == [2, 1]


def test_an_arn_ending_with_the_name_and_latest_only_lists_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 3, asked=NAME_ARN)

    rc, result = run_module(module, {"arn": NAME_ARN}, client)

    assert rc == 0, result
    assert revisions_of(result["auto_scaling_configurations"]) == [3]


def test_a_full_arn_describes_that_revision_alone(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 2, latest=False)

    rc, result = run_module(module, {"arn": arn("backend-scaling", 2), "latest_only": False}, client)

    assert rc == 0, result
    [configuration] = result["auto_scaling_configurations"]
    assert configuration["auto_scaling_configuration_revision"] == 2
    assert configuration["latest"] is False
    assert configuration["tags"] == {}


def test_a_deleted_revision_by_its_full_arn_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stub_describe(stubber, "backend-scaling", 2, latest=False, status="INACTIVE")

    rc, result = run_module(module, {"arn": arn("backend-scaling", 2)}, client)

    assert rc == 0, result
    assert result["auto_scaling_configurations"] == []


def test_an_arn_of_a_name_without_an_active_revision_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error(
        "describe_auto_scaling_configuration",
        "ResourceNotFoundException",
        "Auto scaling configuration not found",
        404,
        expected_params={"AutoScalingConfigurationArn": NAME_ARN},
    )

    rc, result = run_module(module, {"arn": NAME_ARN, "latest_only": False}, client)

    assert rc == 0, result
    assert result["auto_scaling_configurations"] == []


def test_an_arn_of_another_kind_fails_before_any_api_call(run_module):
    vpc_connector = "arn:aws:apprunner:us-east-1:123456789012:vpcconnector/backend-scaling"

    rc, result = run_module(module, {"arn": vpc_connector}, None)

    assert rc == 1
    assert "arn must be an App Runner autoscalingconfiguration ARN" in result["msg"]


def test_name_and_arn_together_fail_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": "backend-scaling", "arn": NAME_ARN}, None)

    assert rc == 1
    assert "mutually exclusive" in result["msg"]


def test_an_unknown_name_gives_an_empty_list(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, [], name="missing-scaling")

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
