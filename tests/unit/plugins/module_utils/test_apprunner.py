"""The App Runner helpers every App Runner module shares: waiting, operations, tags, errors."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AnsibleAppRunnerError,
    describe_service,
    ensure_tags,
    find_service_arn,
    wait_for_operation,
    wait_for_service,
)

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

    with pytest.raises(AnsibleAppRunnerError, match="wait for App Runner service"):
        wait_for_service(client, "service_running", SERVICE_ARN, timeout=60)


def test_the_deleted_waiter_accepts_a_service_that_is_gone(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("describe_service", "ResourceNotFoundException", "gone")

    wait_for_service(client, "service_deleted", SERVICE_ARN, timeout=60)


def test_tags_are_changed_only_where_they_differ(apprunner):
    client, stubber = apprunner
    stubber.add_response("untag_resource", {}, {"ResourceArn": SERVICE_ARN, "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceArn": SERVICE_ARN, "Tags": [{"Key": "Env", "Value": "prod"}]})

    changed, tags = ensure_tags(
        client, SERVICE_ARN, {"Old": "1", "App": "web"}, {"App": "web", "Env": "prod"}, True, False
    )

    assert changed
    assert tags == {"App": "web", "Env": "prod"}


def test_tags_in_check_mode_are_predicted_without_a_call(apprunner):
    client, _ = apprunner

    changed, tags = ensure_tags(client, SERVICE_ARN, {"App": "web"}, {"Env": "prod"}, False, True)

    assert changed
    assert tags == {"App": "web", "Env": "prod"}


def test_matching_tags_change_nothing(apprunner):
    client, _ = apprunner

    assert ensure_tags(client, SERVICE_ARN, {"App": "web"}, {"App": "web"}, True, False) == (False, {"App": "web"})
