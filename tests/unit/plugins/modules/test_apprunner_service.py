"""Unit tests for appstack.aws.apprunner_service (botocore Stubber, no network).

The Stubber checks every request against App Runner's API model and fails on any call not queued,
so a test that queues only reads proves that no mutating call is made.
"""

import copy
import datetime
import functools

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import apprunner
from ansible_collections.appstack.aws.plugins.modules import apprunner_service as module

ACCOUNT = "123456789012"
NAME = "smartscheduler-api-prod"
SERVICE_ID = "8fe1e10304f84fd2b0df550fe98a71fa"
SERVICE_ARN = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:service/{NAME}/{SERVICE_ID}"
IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.1"
NEW_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.2"
ACCESS_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-apprunner-ecr-access"
OPERATION_ID = "0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f"
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
LIST = {"MaxResults": 20}
BY_ARN = {"ServiceArn": SERVICE_ARN}
OPERATIONS = {"ServiceArn": SERVICE_ARN, "MaxResults": 20}
TAGS = {"ResourceArn": SERVICE_ARN}
DEFAULT_ASC = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:autoscalingconfiguration/DefaultConfiguration/1/abc"


def service(status="RUNNING", image=IMAGE, memory="2048", asc=DEFAULT_ASC):
    return {
        "ServiceName": NAME,
        "ServiceId": SERVICE_ID,
        "ServiceArn": SERVICE_ARN,
        "ServiceUrl": "abcdefgh12.us-east-1.awsapprunner.com",
        "CreatedAt": NOW,
        "UpdatedAt": NOW,
        "Status": status,
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": image,
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {
                    "Port": "8080",
                    "RuntimeEnvironmentVariables": {"ASPNETCORE_ENVIRONMENT": "Production"},
                },
            },
            "AutoDeploymentsEnabled": False,
            "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
        },
        "InstanceConfiguration": {"Cpu": "1024", "Memory": memory},
        "AutoScalingConfigurationSummary": {
            "AutoScalingConfigurationArn": asc,
        },
        "NetworkConfiguration": {"EgressConfiguration": {"EgressType": "DEFAULT"}},
    }


def operation(status, kind="UPDATE_SERVICE"):
    return {"Id": OPERATION_ID, "Type": kind, "Status": status, "TargetArn": SERVICE_ARN}


def args(**options):
    values = {
        "name": NAME,
        "source": {"image_identifier": IMAGE, "access_role_arn": ACCESS_ROLE, "port": 8080},
        "tags": {"Environment": "prod"},
    }
    values.update(options)
    return values


def expect_existing(stubber, described, tags=None):
    summary = {"ServiceName": NAME, "ServiceArn": SERVICE_ARN, "ServiceId": SERVICE_ID, "Status": described["Status"]}
    stubber.add_response("list_services", {"ServiceSummaryList": [summary]}, LIST)
    stubber.add_response("describe_service", {"Service": described}, BY_ARN)
    tag_list = [{"Key": k, "Value": v} for k, v in (tags or {"Environment": "prod"}).items()]
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list}, TAGS)


def expect_final(stubber, described, tags=None):
    stubber.add_response("describe_service", {"Service": described}, BY_ARN)
    tag_list = [{"Key": k, "Value": v} for k, v in (tags or {"Environment": "prod"}).items()]
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list}, TAGS)


def expect_operation(stubber, status, kind="UPDATE_SERVICE"):
    stubber.add_response("list_operations", {"OperationSummaryList": [operation(status, kind)]}, OPERATIONS)


def expect_resume_update_pause(stubber):
    """A change to a paused service: resume it, update it, pause it again, each operation succeeding."""
    for call, kind in (
        ("resume_service", "RESUME_SERVICE"),
        ("update_service", "UPDATE_SERVICE"),
        ("pause_service", "PAUSE_SERVICE"),
    ):
        stubber.add_response(call, {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
        expect_operation(stubber, "SUCCEEDED", kind)


class FakeClock:
    """A clock that moves only when the code under test sleeps."""

    def __init__(self):
        self.now = 0.0

    def sleep(self, seconds):
        self.now += seconds

    def __call__(self):
        return self.now


@pytest.fixture
def fake_time(monkeypatch):
    clock = FakeClock()
    waited = functools.partial(apprunner.wait_for_operation, sleep=clock.sleep, clock=clock)
    monkeypatch.setattr(apprunner, "wait_for_operation", waited)
    settled = functools.partial(apprunner.wait_until_settled, sleep=clock.sleep, clock=clock)
    monkeypatch.setattr(apprunner, "wait_until_settled", settled)
    return clock


# Creating


def test_create_waits_for_the_operation_and_returns_the_service(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_services", {"ServiceSummaryList": []}, LIST)
    request = {
        "ServiceName": NAME,
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": IMAGE,
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {"Port": "8080"},
            },
            "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
        },
        "InstanceConfiguration": {"Cpu": "1024", "Memory": "2048"},
        "Tags": [{"Key": "Environment", "Value": "prod"}],
    }
    stubber.add_response(
        "create_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, request
    )
    expect_operation(stubber, "SUCCEEDED", "CREATE_SERVICE")
    expect_final(stubber, service())

    code, result = run_module(module, args(instance={"cpu": "1 vCPU", "memory": "2 GB"}), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["service_arn"] == SERVICE_ARN
    assert result["service"]["service_url"] == "abcdefgh12.us-east-1.awsapprunner.com"
    assert result["service"]["status"] == "RUNNING"
    assert result["service"]["tags"] == {"Environment": "prod"}
    assert result["operation"] == {
        "id": OPERATION_ID,
        "type": "CREATE_SERVICE",
        "status": "SUCCEEDED",
        "target_arn": SERVICE_ARN,
    }
    assert result["diff"]["before"] == {}


def test_create_in_check_mode_makes_no_call_and_predicts_the_service(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_services", {"ServiceSummaryList": []}, LIST)

    code, result = run_module(module, args(_ansible_check_mode=True), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["status"] == "RUNNING"
    assert result["service"]["instance_configuration"] == {"cpu": "1024", "memory": "2048"}
    assert result["service"]["source_configuration"]["image_repository"]["image_identifier"] == IMAGE
    assert "operation" not in result


def test_a_failed_create_is_reported_with_the_service_state(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_services", {"ServiceSummaryList": []}, LIST)
    stubber.add_response(
        "create_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, None
    )
    expect_operation(stubber, "FAILED", "CREATE_SERVICE")
    expect_final(stubber, service("CREATE_FAILED"))

    code, result = run_module(module, args(), client)

    assert code == 1
    assert "CREATE_SERVICE" in result["msg"] and "ended FAILED" in result["msg"]
    assert "an update rebuilds it" in result["msg"]
    assert result["service"]["status"] == "CREATE_FAILED"
    assert result["operation"]["status"] == "FAILED"


# Reading back an unchanged service


def test_an_unchanged_service_is_left_alone(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())

    code, result = run_module(
        module, args(instance={"cpu": "1 vCPU", "memory": "2 GB"}, network={"egress_type": "DEFAULT"}), client
    )

    assert code == 0
    assert not result["changed"]
    assert result["service"]["status"] == "RUNNING"
    assert "diff" not in result and "operation" not in result


# Updating


def test_an_image_change_updates_only_the_source_and_waits(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    source = copy.deepcopy(service()["SourceConfiguration"])
    source["ImageRepository"]["ImageIdentifier"] = NEW_IMAGE
    stubber.add_response(
        "update_service",
        {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID},
        {"ServiceArn": SERVICE_ARN, "SourceConfiguration": source},
    )
    expect_operation(stubber, "SUCCEEDED")
    expect_final(stubber, service(image=NEW_IMAGE))

    code, result = run_module(module, args(source={"image_identifier": NEW_IMAGE}), client)

    assert code == 0
    assert result["changed"]
    before = result["diff"]["before"]["source_configuration"]["image_repository"]["image_identifier"]
    after = result["diff"]["after"]["source_configuration"]["image_repository"]["image_identifier"]
    assert (before, after) == (IMAGE, NEW_IMAGE)
    assert result["operation"]["status"] == "SUCCEEDED"


def test_an_update_in_check_mode_reports_the_diff_and_changes_nothing(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())

    code, result = run_module(module, args(instance={"memory": "4 GB"}, _ansible_check_mode=True), client)

    assert code == 0
    assert result["changed"]
    assert result["diff"]["before"]["instance_configuration"]["memory"] == "2048"
    assert result["diff"]["after"]["instance_configuration"]["memory"] == "4096"
    assert result["service"]["instance_configuration"]["memory"] == "4096"


def test_an_auto_scaling_name_arn_moves_the_service_to_the_latest_revision(apprunner, run_module):
    client, stubber = apprunner
    name_arn = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:autoscalingconfiguration/smartscheduler-prod"
    latest = f"{name_arn}/3/0123456789abcdef0123456789abcdef"
    stubber.add_response(
        "describe_auto_scaling_configuration",
        {"AutoScalingConfiguration": {"AutoScalingConfigurationArn": latest, "AutoScalingConfigurationRevision": 3}},
        {"AutoScalingConfigurationArn": name_arn},
    )
    expect_existing(stubber, service())
    stubber.add_response(
        "update_service",
        {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID},
        {"ServiceArn": SERVICE_ARN, "AutoScalingConfigurationArn": latest},
    )
    expect_operation(stubber, "SUCCEEDED")
    expect_final(stubber, service(asc=latest))

    code, result = run_module(module, args(auto_scaling_configuration_arn=name_arn), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["auto_scaling_configuration_summary"]["auto_scaling_configuration_arn"] == latest


def test_a_tag_change_alone_makes_no_update(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service(), tags={"Environment": "prod", "Owner": "team-a"})
    stubber.add_response("untag_resource", {}, {"ResourceArn": SERVICE_ARN, "TagKeys": ["Owner"]})
    stubber.add_response(
        "tag_resource", {}, {"ResourceArn": SERVICE_ARN, "Tags": [{"Key": "Environment", "Value": "staging"}]}
    )

    code, result = run_module(module, args(source=None, tags={"Environment": "staging"}), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["tags"] == {"Environment": "staging"}


def test_a_different_kms_key_fails_before_any_change(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    key = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    code, result = run_module(module, args(encryption_kms_key=key), client)

    assert code == 1
    assert "encryption_kms_key can't change" in result["msg"]
    assert "state=absent" in result["msg"]


# Pausing and resuming


def test_state_paused_pauses_a_running_service(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response(
        "pause_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, BY_ARN
    )
    expect_operation(stubber, "SUCCEEDED", "PAUSE_SERVICE")
    expect_final(stubber, service("PAUSED"))

    code, result = run_module(module, args(state="paused"), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["status"] == "PAUSED"
    assert result["operation"]["type"] == "PAUSE_SERVICE"


def test_state_paused_leaves_a_paused_service_alone(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service("PAUSED"))

    code, result = run_module(module, args(state="paused"), client)

    assert code == 0
    assert not result["changed"]


def test_state_running_resumes_a_paused_service(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service("PAUSED"))
    stubber.add_response(
        "resume_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, BY_ARN
    )
    expect_operation(stubber, "SUCCEEDED", "RESUME_SERVICE")
    expect_final(stubber, service())

    code, result = run_module(module, args(state="running"), client)

    assert code == 0
    assert result["changed"]
    assert result["diff"]["before"]["status"] == "PAUSED"
    assert result["service"]["status"] == "RUNNING"


def test_a_change_to_a_paused_service_resumes_updates_and_pauses_it_again(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service("PAUSED"))
    expect_resume_update_pause(stubber)
    expect_final(stubber, service("PAUSED", memory="4096"))

    code, result = run_module(module, args(instance={"memory": "4 GB"}), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["status"] == "PAUSED"
    assert result["service"]["instance_configuration"]["memory"] == "4096"


def test_a_tag_change_on_a_paused_service_comes_before_its_resume_update_and_pause(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service("PAUSED"), tags={"Environment": "prod", "Owner": "team-a"})
    stubber.add_response("untag_resource", {}, {"ResourceArn": SERVICE_ARN, "TagKeys": ["Owner"]})
    expect_resume_update_pause(stubber)
    expect_final(stubber, service("PAUSED", memory="4096"))

    code, result = run_module(module, args(instance={"memory": "4 GB"}), client)

    assert code == 0
    assert result["changed"]
    assert result["diff"]["before"]["tags"] == {"Environment": "prod", "Owner": "team-a"}
    assert result["service"]["tags"] == {"Environment": "prod"}
    assert result["operation"]["type"] == "PAUSE_SERVICE"


def test_a_paused_service_whose_update_is_not_waited_for_is_still_waited_for_before_the_pause(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service("PAUSED"))
    stubber.add_response("resume_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_operation(stubber, "SUCCEEDED", "RESUME_SERVICE")
    stubber.add_response("update_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_operation(stubber, "SUCCEEDED")
    stubber.add_response("pause_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_final(stubber, service("OPERATION_IN_PROGRESS", memory="4096"))

    code, result = run_module(module, args(instance={"memory": "4 GB"}, wait=False), client)

    assert code == 0
    assert result["operation"] == {"id": OPERATION_ID, "type": "PAUSE_SERVICE"}


def test_an_operation_in_progress_ends_before_the_service_is_compared(apprunner, run_module, fake_time):
    client, stubber = apprunner
    summary = {"ServiceName": NAME, "ServiceArn": SERVICE_ARN, "ServiceId": SERVICE_ID, "Status": "RUNNING"}
    stubber.add_response("list_services", {"ServiceSummaryList": [summary]}, LIST)
    stubber.add_response("describe_service", {"Service": service("OPERATION_IN_PROGRESS")}, BY_ARN)
    stubber.add_response("describe_service", {"Service": service("OPERATION_IN_PROGRESS")}, BY_ARN)
    stubber.add_response("describe_service", {"Service": service("PAUSED")}, BY_ARN)
    stubber.add_response("list_tags_for_resource", {"Tags": [{"Key": "Environment", "Value": "prod"}]}, TAGS)
    stubber.add_response("resume_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_operation(stubber, "SUCCEEDED", "RESUME_SERVICE")
    expect_final(stubber, service())

    code, result = run_module(module, args(state="running"), client)

    assert code == 0
    assert result["changed"]
    assert result["operation"]["type"] == "RESUME_SERVICE"
    assert fake_time.now == 5


def test_pausing_in_check_mode_predicts_a_paused_service(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())

    code, result = run_module(module, args(state="paused", _ansible_check_mode=True), client)

    assert code == 0
    assert result["changed"]
    assert result["service"]["status"] == "PAUSED"


# Deployments


def test_start_deployment_deploys_the_current_image_and_waits(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("start_deployment", {"OperationId": OPERATION_ID}, BY_ARN)
    expect_operation(stubber, "SUCCEEDED", "START_DEPLOYMENT")
    expect_final(stubber, service())

    code, result = run_module(module, args(start_deployment=True), client)

    assert code == 0
    assert result["changed"]
    assert result["operation"]["type"] == "START_DEPLOYMENT"
    assert result["operation"]["status"] == "SUCCEEDED"


def test_start_deployment_is_skipped_when_the_update_deploys_already(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("update_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_operation(stubber, "SUCCEEDED")
    expect_final(stubber, service(image=NEW_IMAGE))

    code, result = run_module(module, args(source={"image_identifier": NEW_IMAGE}, start_deployment=True), client)

    assert code == 0
    assert result["operation"]["type"] == "UPDATE_SERVICE"


def test_a_rolled_back_deployment_is_reported_as_a_failure(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("start_deployment", {"OperationId": OPERATION_ID}, BY_ARN)
    expect_operation(stubber, "ROLLBACK_SUCCEEDED", "START_DEPLOYMENT")
    expect_final(stubber, service())

    code, result = run_module(module, args(start_deployment=True), client)

    assert code == 1
    assert "START_DEPLOYMENT" in result["msg"] and "ended ROLLBACK_SUCCEEDED" in result["msg"]
    assert "rolled it back" in result["msg"]
    assert result["operation"] == {
        "id": OPERATION_ID,
        "type": "START_DEPLOYMENT",
        "status": "ROLLBACK_SUCCEEDED",
        "target_arn": SERVICE_ARN,
    }
    assert result["service"]["status"] == "RUNNING"


def test_a_rolled_back_update_is_reported_as_a_failure(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("update_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID})
    expect_operation(stubber, "ROLLBACK_SUCCEEDED")
    expect_final(stubber, service())

    code, result = run_module(module, args(source={"image_identifier": NEW_IMAGE}), client)

    assert code == 1
    assert "UPDATE_SERVICE" in result["msg"]
    assert result["operation"]["status"] == "ROLLBACK_SUCCEEDED"
    assert result["service"]["source_configuration"]["image_repository"]["image_identifier"] == IMAGE


def test_a_wait_that_times_out_names_the_operation_and_its_last_status(apprunner, run_module, fake_time):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("start_deployment", {"OperationId": OPERATION_ID}, BY_ARN)
    for _ in range(3):  # at 0, 5 and 10 seconds
        expect_operation(stubber, "IN_PROGRESS", "START_DEPLOYMENT")
    expect_operation(stubber, "IN_PROGRESS", "START_DEPLOYMENT")
    expect_final(stubber, service("OPERATION_IN_PROGRESS"))

    code, result = run_module(module, args(start_deployment=True, wait_timeout=10), client)

    assert code == 1
    assert f"Timed out after 10 seconds waiting for App Runner operation {OPERATION_ID}" in result["msg"]
    assert "last status: IN_PROGRESS" in result["msg"]
    assert result["operation"]["status"] == "IN_PROGRESS"
    assert result["service"]["status"] == "OPERATION_IN_PROGRESS"
    assert fake_time.now == 10


def test_without_wait_the_operation_is_returned_in_progress(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response("start_deployment", {"OperationId": OPERATION_ID}, BY_ARN)
    expect_final(stubber, service("OPERATION_IN_PROGRESS"))

    code, result = run_module(module, args(start_deployment=True, wait=False), client)

    assert code == 0
    assert result["operation"] == {"id": OPERATION_ID, "type": "START_DEPLOYMENT"}
    assert result["service"]["status"] == "OPERATION_IN_PROGRESS"


# Deleting


def test_state_absent_deletes_and_waits_until_deleted(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response(
        "delete_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, BY_ARN
    )
    stubber.add_client_error("describe_service", "ResourceNotFoundException", "Service not found", 400, None, BY_ARN)

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 0
    assert result["changed"]
    assert result["operation"] == {"id": OPERATION_ID, "type": "DELETE_SERVICE", "status": "SUCCEEDED"}
    assert "service" not in result


def test_state_absent_in_check_mode_deletes_nothing(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())

    code, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert code == 0
    assert result["changed"]
    assert result["diff"]["before"]["service_arn"] == SERVICE_ARN
    assert result["diff"]["after"] == {}
    assert "operation" not in result


def test_state_absent_without_wait_returns_the_deletion_in_progress(apprunner, run_module):
    client, stubber = apprunner
    expect_existing(stubber, service())
    stubber.add_response(
        "delete_service", {"Service": service("OPERATION_IN_PROGRESS"), "OperationId": OPERATION_ID}, BY_ARN
    )

    code, result = run_module(module, {"name": NAME, "state": "absent", "wait": False}, client)

    assert code == 0
    assert result["operation"] == {"id": OPERATION_ID, "type": "DELETE_SERVICE"}


def test_ensure_absent_and_ensure_present_return_changed_and_the_result(apprunner):
    client, _ = apprunner
    params = {"name": NAME, "state": "paused", "tags": {"Environment": "prod"}, "purge_tags": True}
    params.update(source={"image_identifier": IMAGE, "access_role_arn": ACCESS_ROLE}, start_deployment=False)
    params.update({key: None for key in ("instance", "health_check", "network", "observability")})
    params.update(auto_scaling_configuration_arn=None, encryption_kms_key=None, wait=True, wait_timeout=60)

    assert module.ensure_absent(client, None, params, check_mode=False) == (False, {})
    changed, result = module.ensure_present(client, None, params, check_mode=True)

    assert changed
    assert result["service"]["status"] == "PAUSED"
    assert result["service"]["tags"] == {"Environment": "prod"}
    assert "operation" not in result


def test_state_absent_without_a_service_changes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_services", {"ServiceSummaryList": []}, LIST)

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 0
    assert not result["changed"]


# Errors


def test_an_account_closed_to_app_runner_fails_with_aws_message(apprunner, run_module):
    client, stubber = apprunner
    message = "This account is not authorized to use App Runner. App Runner is not available to new customers."
    stubber.add_client_error("list_services", "AccessDeniedException", message, 400, None, LIST)

    code, result = run_module(module, args(), client)

    assert code == 1
    assert result["msg"].startswith("Failed to list App Runner services: ")
    assert message in result["msg"]
    assert result["error"]["code"] == "AccessDeniedException"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"instance": {"cpu": "3 vCPU"}}, "instance.cpu must be one of 256, 512, 1024, 2048, 4096"),
        ({"instance": {"memory": "5 GB"}}, "instance.memory must be one of"),
        ({"health_check": {"timeout": 60}}, "health_check.timeout must be between 1 and 20"),
        ({"name": "a"}, "name must be 4 to 40"),
        ({"wait_timeout": -1}, "wait_timeout must be a number of seconds above 0"),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0"),
    ],
)
def test_bad_input_fails_before_any_api_call(run_module, options, message):
    code, result = run_module(module, args(**options), None)

    assert code == 1
    assert message in result["msg"]


def test_every_bad_input_is_reported_at_once(run_module):
    code, result = run_module(module, args(name="a", health_check={"path": "health"}, wait_timeout=0), None)

    assert code == 1
    assert [problem.split()[0] for problem in result["problems"]] == ["name", "health_check.path", "wait_timeout"]
    assert all(problem in result["msg"] for problem in result["problems"])


def test_an_unknown_choice_fails_before_any_api_call(run_module):
    code, result = run_module(module, args(network={"egress_type": "NAT"}), None)

    assert code == 1
    assert "egress_type" in result["msg"] and "DEFAULT, VPC" in result["msg"]
