"""Unit tests for appstack.aws.apprunner_observability_configuration (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test queuing only reads proves that nothing is changed.
"""

from datetime import UTC, datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_observability_plan import uses
from ansible_collections.appstack.aws.plugins.modules import apprunner_observability_configuration as module

NAME = "smartscheduler-tracing"
PREFIX = "arn:aws:apprunner:us-east-1:123456789012"
NAME_ARN = f"{PREFIX}:observabilityconfiguration/{NAME}"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
LIST = {"ObservabilityConfigurationName": NAME, "LatestOnly": False, "MaxResults": 100}
XRAY = {"Vendor": "AWSXRAY"}


def arn(revision):
    return f"{NAME_ARN}/{revision}/{revision:032d}"


def service_arn(name):
    return f"{PREFIX}:service/{name}/0123456789abcdef0123456789abcdef"


def summary(revision):
    return {
        "ObservabilityConfigurationArn": arn(revision),
        "ObservabilityConfigurationName": NAME,
        "ObservabilityConfigurationRevision": revision,
    }


def described(revision, trace=XRAY, latest=True):
    configuration = {
        "ObservabilityConfigurationArn": arn(revision),
        "ObservabilityConfigurationName": NAME,
        "ObservabilityConfigurationRevision": revision,
        "Latest": latest,
        "Status": "ACTIVE",
        "CreatedAt": CREATED,
    }
    if trace:
        configuration["TraceConfiguration"] = trace
    return {"ObservabilityConfiguration": configuration}


def tag_list(tags):
    return [{"Key": key, "Value": value} for key, value in (tags or {}).items()]


def stub_revision(stubber, revision, trace=XRAY, tags=None):
    """Queue the describe of a revision and the read of its tags."""
    stubber.add_response(
        "describe_observability_configuration",
        described(revision, trace),
        {"ObservabilityConfigurationArn": arn(revision)},
    )
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list(tags)}, {"ResourceArn": arn(revision)})


def stub_current(stubber, revisions, trace=XRAY, tags=None):
    """Queue the reads of ensure_present: the list, the latest revision and its tags."""
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary(revision) for revision in revisions]},
        LIST,
    )
    if revisions:
        stub_revision(stubber, max(revisions), trace, tags)


def stub_services(stubber, uses_by_service):
    """Queue the read of the account's services: {service name: the observability ARN it uses, or None}."""
    summaries = [
        {"ServiceName": name, "ServiceArn": service_arn(name), "ServiceId": "0" * 32, "Status": "RUNNING"}
        for name in uses_by_service
    ]
    stubber.add_response("list_services", {"ServiceSummaryList": summaries}, {"MaxResults": 20})
    for name, observability_arn in uses_by_service.items():
        observability = (
            {"ObservabilityEnabled": True, "ObservabilityConfigurationArn": observability_arn}
            if observability_arn
            else {"ObservabilityEnabled": False}
        )
        stubber.add_response(
            "describe_service",
            {
                "Service": {
                    "ServiceName": name,
                    "ServiceId": "0" * 32,
                    "ServiceArn": service_arn(name),
                    "CreatedAt": CREATED,
                    "UpdatedAt": CREATED,
                    "Status": "RUNNING",
                    "SourceConfiguration": {},
                    "InstanceConfiguration": {},
                    "AutoScalingConfigurationSummary": {},
                    "NetworkConfiguration": {},
                    "ObservabilityConfiguration": observability,
                }
            },
            {"ServiceArn": service_arn(name)},
        )


def stub_create(stubber, revision, trace=XRAY, tags=None):
    request = {"ObservabilityConfigurationName": NAME}
    if trace:
        request["TraceConfiguration"] = trace
    if tags:
        request["Tags"] = tag_list(tags)
    stubber.add_response("create_observability_configuration", described(revision, trace), request)
    stub_revision(stubber, revision, trace, tags)


def stub_delete(stubber, revision):
    stubber.add_response(
        "delete_observability_configuration",
        described(revision),
        {"ObservabilityConfigurationArn": arn(revision)},
    )


def args(**overrides):
    return {"name": NAME, "trace_vendor": "AWSXRAY", **overrides}


# Creating the first revision


def test_a_new_name_gets_revision_1_with_tracing_and_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])
    stub_create(stubber, 1, tags={"Application": "smartscheduler"})

    rc, result = run_module(module, args(tags={"Application": "smartscheduler"}, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    configuration = result["observability_configuration"]
    assert configuration["observability_configuration_arn"] == arn(1)
    assert configuration["observability_configuration_revision"] == 1
    assert configuration["trace_configuration"] == {"vendor": "AWSXRAY"}
    assert configuration["tags"] == {"Application": "smartscheduler"}
    assert result["superseded_revisions_deleted"] == []
    assert result["diff"] == {
        "before": {},
        "after": {
            "trace_vendor": "AWSXRAY",
            "revision": 1,
            "superseded_revisions": [],
            "tags": {"Application": "smartscheduler"},
        },
    }


def test_without_trace_vendor_a_revision_has_no_tracing_configuration(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])
    stub_create(stubber, 1, trace=None)

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0, result
    assert "trace_configuration" not in result["observability_configuration"]


def test_creating_in_check_mode_makes_no_call_and_predicts_the_revision(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])

    rc, result = run_module(module, args(tags={"Team": "core"}, _ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    configuration = result["observability_configuration"]
    assert "observability_configuration_arn" not in configuration
    assert configuration["trace_configuration"] == {"vendor": "AWSXRAY"}
    assert configuration["tags"] == {"Team": "core"}
    assert result["diff"]["after"]["trace_vendor"] == "AWSXRAY"


# The latest revision


def test_matching_tracing_and_tags_change_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2], tags={"Application": "smartscheduler"})

    rc, result = run_module(module, args(tags={"Application": "smartscheduler"}), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert result["observability_configuration"]["observability_configuration_revision"] == 2


def test_dropping_the_trace_vendor_creates_a_revision_without_tracing_keeping_the_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], tags={"Team": "core"})
    stub_create(stubber, 2, trace=None, tags={"Team": "core"})

    rc, result = run_module(module, {"name": NAME, "_ansible_diff": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["observability_configuration"]["observability_configuration_revision"] == 2
    assert result["diff"]["before"]["trace_vendor"] == "AWSXRAY"
    assert result["diff"]["after"]["trace_vendor"] is None
    assert result["diff"]["after"]["superseded_revisions"] == [1]


def test_adding_tracing_creates_a_revision_with_the_tags_changed_as_asked(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], trace=None, tags={"Team": "core", "Old": "x"})
    stub_create(stubber, 2, tags={"Team": "web"})

    rc, result = run_module(module, args(tags={"Team": "web"}), client)

    assert rc == 0, result
    assert result["observability_configuration"]["tags"] == {"Team": "web"}


def test_a_tag_change_tags_the_latest_revision_without_a_new_one(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [3], tags={"Team": "core", "Old": "x"})
    stubber.add_response("untag_resource", {}, {"ResourceArn": arn(3), "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceArn": arn(3), "Tags": [{"Key": "Team", "Value": "web"}]})

    rc, result = run_module(module, args(tags={"Team": "web"}, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["observability_configuration"]["tags"] == {"Team": "web"}
    assert result["diff"]["after"]["revision"] == 3


def test_a_tag_change_in_check_mode_calls_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [3], tags={"Team": "core"})

    rc, result = run_module(module, args(tags={"Team": "web"}, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["observability_configuration"]["tags"] == {"Team": "web"}


def test_unset_tags_are_left_alone(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1], tags={"Team": "core"})

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert not result["changed"]


# Superseded revisions


def test_purge_revisions_deletes_the_superseded_revisions_no_service_uses(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2, 3])
    stub_services(stubber, {"smartscheduler-api": arn(2), "smartscheduler-worker": None})
    stub_delete(stubber, 1)

    rc, result = run_module(module, args(purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["superseded_revisions_deleted"] == [arn(1)]
    assert result["diff"]["before"]["superseded_revisions"] == [1, 2]
    assert result["diff"]["after"]["superseded_revisions"] == [2]


def test_purge_revisions_in_check_mode_names_the_revisions_without_deleting(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [1, 2])
    stub_services(stubber, {})

    rc, result = run_module(module, args(purge_revisions=True, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["superseded_revisions_deleted"] == [arn(1)]


def test_purge_revisions_without_superseded_revisions_reads_no_service(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [4])

    rc, result = run_module(module, args(purge_revisions=True), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["superseded_revisions_deleted"] == []


def test_a_new_revision_with_purge_deletes_unused_revisions_before_and_the_superseded_latest_after(
    apprunner, run_module
):
    client, stubber = apprunner
    stub_current(stubber, [1, 2], trace=None)
    stub_services(stubber, {"smartscheduler-api": None})
    stub_delete(stubber, 1)
    stub_create(stubber, 3)
    stub_delete(stubber, 2)

    rc, result = run_module(module, args(purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["superseded_revisions_deleted"] == [arn(1), arn(2)]
    assert result["diff"]["after"]["superseded_revisions"] == []


def test_a_new_revision_keeps_the_superseded_latest_a_service_uses(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [2], trace=None)
    stub_services(stubber, {"smartscheduler-api": arn(2)})
    stub_create(stubber, 3)

    rc, result = run_module(module, args(purge_revisions=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["superseded_revisions_deleted"] == []
    assert result["diff"]["after"]["superseded_revisions"] == [2]


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (arn(2), True),
        (arn(1), False),
        (NAME_ARN, True),
        (f"{NAME_ARN}/2", True),
        (f"{NAME_ARN}/20", False),
        (f"{NAME_ARN}-other", False),
        (None, False),
    ],
)
def test_a_partial_arn_a_service_holds_counts_as_using_every_revision_it_can_mean(reference, expected):
    assert uses(reference, arn(2)) is expected


# Deleting


def test_absent_deletes_every_active_revision_oldest_first(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary(2), summary(1)]},
        LIST,
    )
    stub_services(stubber, {"smartscheduler-api": None})
    stub_revision(stubber, 2)
    stub_delete(stubber, 1)
    stub_delete(stubber, 2)

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_diff": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["superseded_revisions"] == [1]
    assert result["diff"]["after"] == {}
    assert "observability_configuration" not in result


def test_absent_refuses_when_a_service_uses_a_revision_and_deletes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations",
        {"ObservabilityConfigurationSummaryList": [summary(1), summary(2)]},
        LIST,
    )
    stub_services(stubber, {"smartscheduler-api": arn(1)})

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert "revision 1: " + service_arn("smartscheduler-api") in result["msg"]
    assert "Nothing was deleted" in result["msg"]


def test_absent_in_check_mode_deletes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_observability_configurations", {"ObservabilityConfigurationSummaryList": [summary(1)]}, LIST
    )
    stub_services(stubber, {})
    stub_revision(stubber, 1)

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]


def test_absent_without_revisions_changes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_observability_configurations", {"ObservabilityConfigurationSummaryList": []}, LIST)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


# Failures


@pytest.mark.parametrize(
    ("name", "words"),
    [("x" * 33, "name must be 4 to 32"), ("abc", "name must be 4 to 32"), ("DefaultConfiguration", "App Runner's own")],
)
def test_a_name_app_runner_refuses_fails_before_any_api_call(run_module, name, words):
    rc, result = run_module(module, {"name": name}, None)

    assert rc == 1
    assert words in result["msg"]


def test_an_unknown_trace_vendor_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(trace_vendor="DATADOG"), None)

    assert rc == 1
    assert "trace_vendor" in result["msg"]


def test_an_account_closed_to_app_runner_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error("list_observability_configurations", "AccessDeniedException", "Not authorized", 403)

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert "Not authorized" in result["msg"]
    assert result["error"]["code"] == "AccessDeniedException"


def test_a_failed_create_fails_with_the_aws_message(apprunner, run_module):
    client, stubber = apprunner
    stub_current(stubber, [])
    stubber.add_client_error(
        "create_observability_configuration", "ServiceQuotaExceededException", "Too many revisions", 402
    )

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert "Too many revisions" in result["msg"]
    assert result["error"]["code"] == "ServiceQuotaExceededException"
