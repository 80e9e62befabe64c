"""The App Runner helpers every App Runner module shares: paging, waiting, operations, tags, errors."""

from functools import partial

import botocore.waiter
import pytest
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AnsibleAppRunnerError,
    describe_service,
    find_service_arn,
    get_service,
    list_all,
    tag_resource,
    untag_resource,
    wait_for_operation,
    wait_for_service,
    wait_until_settled,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

OPERATION_ID = "0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f"
SERVICE_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/webapp/0123456789abcdef0123456789abcdef"


def _service(status):
    return {
        "Service": {
            "ServiceName": "webapp",
            "ServiceId": "0123456789abcdef0123456789abcdef",
            "ServiceArn": SERVICE_ARN,
            "CreatedAt": "2026-01-01T00:00:00Z",
            "UpdatedAt": "2026-01-01T00:00:00Z",
            "Status": status,
            "SourceConfiguration": {},
            "InstanceConfiguration": {},
            "AutoScalingConfigurationSummary": {},
            "NetworkConfiguration": {},
        }
    }


def _operation(status, operation_id=OPERATION_ID):
    return {"Id": operation_id, "Type": "UPDATE_SERVICE", "Status": status, "TargetArn": SERVICE_ARN}


class FakeClock:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def test_a_missing_service_is_none(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("describe_service", "ResourceNotFoundException", "Service not found")

    assert describe_service(client, SERVICE_ARN) is None


def test_aws_errors_keep_their_code_and_message(apprunner):
    client, stubber = apprunner
    message = "App Runner is not available to new customers"
    stubber.add_client_error("describe_service", "AccessDeniedException", message)

    with pytest.raises(AnsibleAppRunnerError) as error:
        describe_service(client, SERVICE_ARN)

    assert error.value.exception.response["Error"]["Message"] == message


def test_a_deleted_service_is_not_found_by_name(apprunner):
    client, stubber = apprunner
    summary = {"ServiceName": "webapp", "ServiceArn": SERVICE_ARN + "-old", "Status": "DELETED"}
    live = {"ServiceName": "webapp", "ServiceArn": SERVICE_ARN, "Status": "RUNNING"}
    stubber.add_response("list_services", {"ServiceSummaryList": [summary], "NextToken": "t"}, {"MaxResults": 20})
    stubber.add_response("list_services", {"ServiceSummaryList": [live]}, {"MaxResults": 20, "NextToken": "t"})

    assert find_service_arn(client, "webapp") == SERVICE_ARN


def test_wait_for_operation_returns_the_ended_operation(apprunner):
    client, stubber = apprunner
    clock = FakeClock()
    stubber.add_response("list_operations", {"OperationSummaryList": [_operation("IN_PROGRESS")]})
    stubber.add_response("list_operations", {"OperationSummaryList": [_operation("ROLLBACK_SUCCEEDED")]})

    operation = wait_for_operation(client, SERVICE_ARN, OPERATION_ID, timeout=60, sleep=clock.sleep, clock=clock)

    assert operation["Status"] == "ROLLBACK_SUCCEEDED"
    assert clock.sleeps == [5]


def test_wait_for_operation_names_the_last_status_when_it_times_out(apprunner):
    client, stubber = apprunner
    clock = FakeClock()
    for _ in range(3):
        stubber.add_response("list_operations", {"OperationSummaryList": [_operation("IN_PROGRESS")]})

    with pytest.raises(
        AnsibleAppRunnerError,
        match=r"Timed out after 7 seconds .* 0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f .*last status: IN_PROGRESS",
    ):
        wait_for_operation(client, SERVICE_ARN, OPERATION_ID, timeout=7, sleep=clock.sleep, clock=clock)

    assert clock.sleeps == [5, 2]


def test_the_running_waiter_stops_on_create_failed(apprunner):
    client, stubber = apprunner
    stubber.add_response("describe_service", _service("CREATE_FAILED"), {"ServiceArn": SERVICE_ARN})

    with pytest.raises(AnsibleAppRunnerError, match="waiting for App Runner service") as error:
        wait_for_service(client, "service_running", SERVICE_ARN, timeout=60)

    assert SERVICE_ARN in error.value.message
    assert "its last status was CREATE_FAILED" in error.value.message


def test_the_deleted_waiter_accepts_a_service_that_is_gone(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("describe_service", "ResourceNotFoundException", "gone")

    wait_for_service(client, "service_deleted", SERVICE_ARN, timeout=60)


def _ensure_tags(client, current_tags, desired_tags, purge_tags, check_mode):
    """tagging.ensure_tags on a service, with App Runner's tag wrappers bound to its ARN."""
    service = {"service_arn": SERVICE_ARN, "tags": current_tags}
    tag, untag = partial(tag_resource, client, SERVICE_ARN), partial(untag_resource, client, SERVICE_ARN)
    return ensure_tags(service, desired_tags, purge_tags, check_mode, tag, untag)


def test_tags_are_changed_only_where_they_differ(apprunner):
    client, stubber = apprunner
    stubber.add_response("untag_resource", {}, {"ResourceArn": SERVICE_ARN, "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceArn": SERVICE_ARN, "Tags": [{"Key": "Env", "Value": "prod"}]})

    changed, service = _ensure_tags(client, {"Old": "1", "App": "web"}, {"App": "web", "Env": "prod"}, True, False)

    assert changed
    assert service["tags"] == {"App": "web", "Env": "prod"}
    assert service["service_arn"] == SERVICE_ARN


def test_tags_in_check_mode_are_predicted_without_a_call(apprunner):
    client, _ = apprunner

    changed, service = _ensure_tags(client, {"App": "web"}, {"Env": "prod"}, False, True)

    assert changed
    assert service["tags"] == {"App": "web", "Env": "prod"}


def test_matching_tags_change_nothing(apprunner):
    client, _ = apprunner

    changed, service = _ensure_tags(client, {"App": "web"}, {"App": "web"}, True, False)

    assert (changed, service["tags"]) == (False, {"App": "web"})


def test_a_service_is_read_with_its_tags_as_a_tag_list(apprunner):
    client, stubber = apprunner
    stubber.add_response("describe_service", _service("RUNNING"), {"ServiceArn": SERVICE_ARN})
    stubber.add_response(
        "list_tags_for_resource", {"Tags": [{"Key": "Env", "Value": "prod"}]}, {"ResourceArn": SERVICE_ARN}
    )

    service = get_service(client, SERVICE_ARN)

    assert service["Status"] == "RUNNING"
    assert service["Tags"] == [{"Key": "Env", "Value": "prod"}]


def test_a_service_that_is_gone_is_read_as_none_without_reading_tags(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("describe_service", "ResourceNotFoundException", "gone")

    assert get_service(client, SERVICE_ARN) is None


# Paging


def test_paging_follows_next_tokens_to_the_last_page(apprunner):
    client, stubber = apprunner
    first = {"ServiceName": "webapp-a", "ServiceArn": SERVICE_ARN + "1", "Status": "RUNNING"}
    second = {"ServiceName": "webapp-b", "ServiceArn": SERVICE_ARN + "2", "Status": "RUNNING"}
    stubber.add_response("list_services", {"ServiceSummaryList": [first], "NextToken": "t1"}, {"MaxResults": 20})
    stubber.add_response("list_services", {"ServiceSummaryList": [second]}, {"MaxResults": 20, "NextToken": "t1"})

    items = list_all(client.list_services, "ServiceSummaryList", MaxResults=20)

    assert [item["ServiceName"] for item in items] == ["webapp-a", "webapp-b"]


def test_paging_stops_with_an_error_when_a_next_token_repeats(apprunner):
    client, stubber = apprunner
    summary = {"ServiceName": "webapp", "ServiceArn": SERVICE_ARN, "Status": "RUNNING"}
    stubber.add_response("list_services", {"ServiceSummaryList": [summary], "NextToken": "t1"}, {"MaxResults": 20})
    stubber.add_response(
        "list_services", {"ServiceSummaryList": [summary], "NextToken": "t2"}, {"MaxResults": 20, "NextToken": "t1"}
    )
    stubber.add_response(
        "list_services", {"ServiceSummaryList": [summary], "NextToken": "t1"}, {"MaxResults": 20, "NextToken": "t2"}
    )

    with pytest.raises(AnsibleAppRunnerError, match=r"same NextToken twice while listing ServiceSummaryList"):
        list_all(client.list_services, "ServiceSummaryList", MaxResults=20)


def test_a_repeating_next_token_fails_the_lookup_by_name_instead_of_looping(apprunner):
    client, stubber = apprunner
    page = {"ServiceSummaryList": [], "NextToken": "same"}
    stubber.add_response("list_services", page, {"MaxResults": 20})
    stubber.add_response("list_services", page, {"MaxResults": 20, "NextToken": "same"})

    with pytest.raises(AnsibleAppRunnerError, match="NextToken"):
        find_service_arn(client, "webapp")


# Waiting


def test_the_running_waiter_names_the_service_and_its_last_status_when_it_times_out(apprunner, monkeypatch):
    client, stubber = apprunner
    monkeypatch.setattr(botocore.waiter.time, "sleep", lambda seconds: None)
    for _ in range(3):  # a 2-second timeout polls every second: at 0, 1 and 2 seconds
        stubber.add_response("describe_service", _service("OPERATION_IN_PROGRESS"), {"ServiceArn": SERVICE_ARN})

    with pytest.raises(AnsibleAppRunnerError) as error:
        wait_for_service(client, "service_running", SERVICE_ARN, timeout=2)

    assert error.value.message == (
        f"Timed out after 2 seconds waiting for App Runner service {SERVICE_ARN} to become RUNNING;"
        " its last status was OPERATION_IN_PROGRESS"
    )


def test_wait_until_settled_returns_the_service_once_its_operation_ended(apprunner):
    client, stubber = apprunner
    clock = FakeClock()
    stubber.add_response("describe_service", _service("OPERATION_IN_PROGRESS"), {"ServiceArn": SERVICE_ARN})
    stubber.add_response("describe_service", _service("PAUSED"), {"ServiceArn": SERVICE_ARN})

    service = wait_until_settled(client, SERVICE_ARN, timeout=60, sleep=clock.sleep, clock=clock)

    assert service["Status"] == "PAUSED"
    assert clock.sleeps == [5]


def test_wait_until_settled_names_the_service_and_its_last_status_when_it_times_out(apprunner):
    client, stubber = apprunner
    clock = FakeClock()
    for _ in range(3):  # at 0, 5 and 7 seconds
        stubber.add_response("describe_service", _service("OPERATION_IN_PROGRESS"), {"ServiceArn": SERVICE_ARN})

    with pytest.raises(AnsibleAppRunnerError) as error:
        wait_until_settled(client, SERVICE_ARN, timeout=7, sleep=clock.sleep, clock=clock)

    assert f"Timed out after 7 seconds waiting for the operation in progress on App Runner service {SERVICE_ARN}" in (
        error.value.message
    )
    assert "last status: OPERATION_IN_PROGRESS" in error.value.message
    assert clock.sleeps == [5, 2]


def test_wait_for_operation_keeps_polling_an_operation_not_listed_yet_and_times_out_naming_it(apprunner):
    client, stubber = apprunner
    clock = FakeClock()
    for _ in range(2):
        stubber.add_response("list_operations", {"OperationSummaryList": []})

    with pytest.raises(AnsibleAppRunnerError, match=r"operation 0f6e3c1a-.* on .*service/webapp.*last status: unknown"):
        wait_for_operation(client, SERVICE_ARN, OPERATION_ID, timeout=5, sleep=clock.sleep, clock=clock)


# Names


@pytest.mark.parametrize("name", ["webapp", "web_app-1", "a" * 40])
def test_names_app_runner_accepts_have_no_problem(name):
    assert name_problems(name, 40) == []


@pytest.mark.parametrize(("name", "longest"), [("abc", 40), ("-webapp", 40), ("web app", 40), ("a" * 33, 32)])
def test_names_app_runner_refuses_are_a_problem_naming_the_rule(name, longest):
    (problem,) = name_problems(name, longest)

    assert problem.startswith(f"name must be 4 to {longest} letters, digits, hyphens or underscores")
    assert repr(name) in problem


def test_an_unset_name_is_no_problem():
    assert name_problems(None, 40) == []
