"""Unit tests for appstack.aws.apprunner_auto_scaling_configuration (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test queuing only reads proves that nothing is changed.
"""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_auto_scaling_configuration as module

NAME = "smartscheduler-backend"
PREFIX = "arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration"
NAME_ARN = f"{PREFIX}/{NAME}"
SERVICE_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/smartscheduler-backend/0123456789abcdef0123456789abcdef"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
LIST = {"AutoScalingConfigurationName": NAME, "LatestOnly": False, "MaxResults": 100}


def arn(revision):
    return f"{NAME_ARN}/{revision}/{revision:032d}"


def summary(revision, is_default=False):
    return {
        "AutoScalingConfigurationArn": arn(revision),
        "AutoScalingConfigurationName": NAME,
        "AutoScalingConfigurationRevision": revision,
        "Status": "ACTIVE",
        "CreatedAt": CREATED,
        "IsDefault": is_default,
    }


def described(revision, min_size=1, max_size=5, max_concurrency=100, latest=True):
    return {
        "AutoScalingConfiguration": {
            "AutoScalingConfigurationArn": arn(revision),
            "AutoScalingConfigurationName": NAME,
            "AutoScalingConfigurationRevision": revision,
            "Latest": latest,
            "Status": "ACTIVE",
            "MinSize": min_size,
            "MaxSize": max_size,
            "MaxConcurrency": max_concurrency,
            "CreatedAt": CREATED,
        }
    }


def stub_current(stubber, revisions, latest_settings=None, tags=None):
    """Queue the reads of ensure_present: the list, the latest revision and its tags."""
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [summary(revision) for revision in revisions]},
        LIST,
    )
    if revisions:
        latest = max(revisions)
        stubber.add_response(
            "describe_auto_scaling_configuration",
            described(latest, **(latest_settings or {})),
            {"AutoScalingConfigurationArn": arn(latest)},
        )
        stubber.add_response(
            "list_tags_for_resource",
            {"Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
            {"ResourceArn": arn(latest)},
        )


def stub_services(stubber, revision, services=()):
    stubber.add_response(
        "list_services_for_auto_scaling_configuration",
        {"ServiceArnList": list(services)},
        {"AutoScalingConfigurationArn": arn(revision), "MaxResults": 100},
    )


def args(**overrides):
    values = {"name": NAME, "min_size": 1, "max_size": 5, "max_concurrency": 100}
    values.update(overrides)
    return values


# Creating the first revision


def test_a_new_name_gets_revision_1_with_the_settings_and_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])
    stubber.add_response(
        "create_auto_scaling_configuration",
        described(1),
        {
            "AutoScalingConfigurationName": NAME,
            "MinSize": 1,
            "MaxSize": 5,
            "MaxConcurrency": 100,
            "Tags": [{"Key": "Application", "Value": "smartscheduler"}],
        },
    )
    stubber.add_response("describe_auto_scaling_configuration", described(1), {"AutoScalingConfigurationArn": arn(1)})
    stubber.add_response(
        "list_tags_for_resource", {"Tags": [{"Key": "Application", "Value": "smartscheduler"}]}, {"ResourceArn": arn(1)}
    )

    rc, result = run_module(module, args(tags={"Application": "smartscheduler"}, _ansible_diff=True), client)

    assert rc == 0
    assert result["changed"]
    configuration = result["auto_scaling_configuration"]
    assert configuration["auto_scaling_configuration_arn"] == arn(1)
    assert configuration["auto_scaling_configuration_revision"] == 1
    assert (configuration["min_size"], configuration["max_size"], configuration["max_concurrency"]) == (1, 5, 100)
    assert configuration["tags"] == {"Application": "smartscheduler"}
    assert result["superseded_revisions_deleted"] == []
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["max_size"] == 5


def test_unset_settings_are_left_to_app_runner_defaults_on_create(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])
    stubber.add_response(
        "create_auto_scaling_configuration",
        described(1, max_size=25),
        {"AutoScalingConfigurationName": NAME, "MinSize": 2},
    )
    stubber.add_response(
        "describe_auto_scaling_configuration",
        described(1, min_size=2, max_size=25),
        {"AutoScalingConfigurationArn": arn(1)},
    )
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn(1)})

    rc, result = run_module(module, {"name": NAME, "min_size": 2}, client)

    assert rc == 0
    assert result["auto_scaling_configuration"]["max_size"] == 25


def test_creating_in_check_mode_makes_no_call_and_predicts_the_revision(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])

    rc, result = run_module(module, args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["auto_scaling_configuration"]["max_size"] == 5
    assert "auto_scaling_configuration_arn" not in result["auto_scaling_configuration"]
    assert result["diff"]["after"]["min_size"] == 1


# The latest revision


def test_matching_settings_and_tags_change_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2], tags={"Application": "smartscheduler"})

    rc, result = run_module(module, args(tags={"Application": "smartscheduler"}), client)

    assert rc == 0
    assert not result["changed"]
    assert result["auto_scaling_configuration"]["auto_scaling_configuration_revision"] == 2


def test_unset_options_compare_equal_to_the_latest_revision(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], latest_settings={"max_size": 9})

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0
    assert not result["changed"]


def test_a_different_setting_creates_a_revision_keeping_the_others_and_the_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], latest_settings={"max_concurrency": 80}, tags={"Team": "core"})
    stubber.add_response(
        "create_auto_scaling_configuration",
        described(2, max_size=10, max_concurrency=80),
        {
            "AutoScalingConfigurationName": NAME,
            "MinSize": 1,
            "MaxSize": 10,
            "MaxConcurrency": 80,
            "Tags": [{"Key": "Team", "Value": "core"}],
        },
    )
    stubber.add_response(
        "describe_auto_scaling_configuration",
        described(2, max_size=10, max_concurrency=80),
        {"AutoScalingConfigurationArn": arn(2)},
    )
    stubber.add_response(
        "list_tags_for_resource", {"Tags": [{"Key": "Team", "Value": "core"}]}, {"ResourceArn": arn(2)}
    )

    rc, result = run_module(module, {"name": NAME, "max_size": 10, "_ansible_diff": True}, client)

    assert rc == 0
    assert result["changed"]
    assert result["auto_scaling_configuration"]["auto_scaling_configuration_revision"] == 2
    assert result["diff"]["before"]["max_size"] == 5
    assert result["diff"]["before"]["revision"] == 1
    assert result["diff"]["after"]["max_size"] == 10
    assert result["superseded_revisions_deleted"] == []


def test_a_new_revision_in_check_mode_makes_no_call(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1])

    rc, result = run_module(module, args(max_size=10, _ansible_check_mode=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["auto_scaling_configuration"]["max_size"] == 10


def test_a_tag_change_tags_the_latest_revision_without_a_new_one(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], tags={"Old": "x", "Team": "core"})
    stubber.add_response("untag_resource", {}, {"ResourceArn": arn(1), "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceArn": arn(1), "Tags": [{"Key": "Team", "Value": "platform"}]})

    rc, result = run_module(module, args(tags={"Team": "platform"}), client)

    assert rc == 0
    assert result["changed"]
    assert result["auto_scaling_configuration"]["auto_scaling_configuration_revision"] == 1
    assert result["auto_scaling_configuration"]["tags"] == {"Team": "platform"}


# Superseded revisions


def test_purge_deletes_unused_superseded_revisions_only(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2, 3])
    stub_services(stubber, 2, [SERVICE_ARN])
    stub_services(stubber, 1)
    stubber.add_response("delete_auto_scaling_configuration", described(1), {"AutoScalingConfigurationArn": arn(1)})

    rc, result = run_module(module, args(purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["superseded_revisions_deleted"] == [arn(1)]
    assert result["diff"]["before"]["superseded_revisions"] == [1, 2]
    assert result["diff"]["after"]["superseded_revisions"] == [2]


def test_purge_never_deletes_the_default_configuration(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [summary(1, is_default=True), summary(2)]},
        LIST,
    )
    stubber.add_response("describe_auto_scaling_configuration", described(2), {"AutoScalingConfigurationArn": arn(2)})
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn(2)})

    rc, result = run_module(module, args(purge_revisions=True), client)

    assert rc == 0
    assert not result["changed"]
    assert result["superseded_revisions_deleted"] == []


def test_purge_makes_room_before_a_new_revision_then_retires_the_unused_previous_latest(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2, 3, 4, 5])
    for revision in (4, 3, 2, 1):
        stub_services(stubber, revision)
    for revision in (4, 3, 2, 1):
        stubber.add_response(
            "delete_auto_scaling_configuration", described(revision), {"AutoScalingConfigurationArn": arn(revision)}
        )
    stubber.add_response(
        "create_auto_scaling_configuration",
        described(6, max_size=8),
        {"AutoScalingConfigurationName": NAME, "MinSize": 1, "MaxSize": 8, "MaxConcurrency": 100},
    )
    stubber.add_response(
        "describe_auto_scaling_configuration", described(6, max_size=8), {"AutoScalingConfigurationArn": arn(6)}
    )
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn(6)})
    stub_services(stubber, 5)
    stubber.add_response("delete_auto_scaling_configuration", described(5), {"AutoScalingConfigurationArn": arn(5)})

    rc, result = run_module(module, args(max_size=8, purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0
    assert result["auto_scaling_configuration"]["auto_scaling_configuration_revision"] == 6
    assert result["superseded_revisions_deleted"] == [arn(4), arn(3), arn(2), arn(1), arn(5)]
    assert result["diff"]["after"]["superseded_revisions"] == []


def test_purge_keeps_the_previous_latest_while_a_service_uses_it(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1])
    stubber.add_response(
        "create_auto_scaling_configuration",
        described(2, max_size=8),
        {"AutoScalingConfigurationName": NAME, "MinSize": 1, "MaxSize": 8, "MaxConcurrency": 100},
    )
    stubber.add_response(
        "describe_auto_scaling_configuration", described(2, max_size=8), {"AutoScalingConfigurationArn": arn(2)}
    )
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn(2)})
    stub_services(stubber, 1, [SERVICE_ARN])

    rc, result = run_module(module, args(max_size=8, purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0
    assert result["superseded_revisions_deleted"] == []
    assert result["diff"]["after"]["superseded_revisions"] == [1]


def test_purge_in_check_mode_reports_what_it_would_delete_without_deleting(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2])
    stub_services(stubber, 1)

    rc, result = run_module(module, args(purge_revisions=True, _ansible_check_mode=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["superseded_revisions_deleted"] == [arn(1)]


# Deleting


def test_absent_deletes_every_revision_with_the_name_arn(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations", {"AutoScalingConfigurationSummaryList": [summary(1), summary(2)]}, LIST
    )
    stub_services(stubber, 1)
    stub_services(stubber, 2)
    stubber.add_response("describe_auto_scaling_configuration", described(2), {"AutoScalingConfigurationArn": arn(2)})
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn(2)})
    stubber.add_response(
        "delete_auto_scaling_configuration",
        described(2),
        {"AutoScalingConfigurationArn": NAME_ARN, "DeleteAllRevisions": True},
    )

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_diff": True}, client)

    assert rc == 0
    assert result["changed"]
    assert result["diff"]["before"]["revision"] == 2
    assert result["diff"]["before"]["superseded_revisions"] == [1]
    assert result["diff"]["after"] == {}


def test_absent_refuses_while_a_service_uses_a_revision_and_deletes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_auto_scaling_configurations", {"AutoScalingConfigurationSummaryList": [summary(1), summary(2)]}, LIST
    )
    stub_services(stubber, 1, [SERVICE_ARN])
    stub_services(stubber, 2)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert "still used" in result["msg"]
    assert SERVICE_ARN in result["msg"]
    assert "revision 1" in result["msg"]


def test_absent_when_nothing_exists_changes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_auto_scaling_configurations", {"AutoScalingConfigurationSummaryList": []}, LIST)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0
    assert not result["changed"]


# Bad input and AWS errors


def test_bad_settings_fail_before_any_api_call(run_module):
    for options, words in (
        ({"min_size": 0}, ["min_size", "from 1 to 25"]),
        ({"min_size": 26}, ["min_size", "from 1 to 25"]),
        ({"max_concurrency": 201}, ["max_concurrency", "from 1 to 200"]),
        ({"max_size": 0}, ["max_size", "at least 1"]),
        ({"min_size": 4, "max_size": 3}, ["max_size", "min_size"]),
        ({"name": "ab"}, ["name", "4 to 32"]),
    ):
        rc, result = run_module(module, {"name": NAME, **options}, client=None)
        assert rc == 1
        assert all(word in result["msg"] for word in words), result["msg"]


def test_every_bad_setting_is_reported_at_once(run_module):
    rc, result = run_module(module, {"name": "ab", "min_size": 0, "max_concurrency": 201}, client=None)

    assert rc == 1
    assert [problem.split()[0] for problem in result["problems"]] == ["name", "min_size", "max_concurrency"]
    assert all(problem in result["msg"] for problem in result["problems"])


def test_an_account_closed_to_app_runner_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    message = "Your account isn't authorized to call this operation."
    stubber.add_client_error("list_auto_scaling_configurations", "AccessDeniedException", message, 403)

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDeniedException"
    assert message in result["msg"]
