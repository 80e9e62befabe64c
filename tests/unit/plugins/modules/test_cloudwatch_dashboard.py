"""Unit tests for appstack.aws.cloudwatch_dashboard (botocore Stubber, no network).

Each test queues exactly the calls it expects: the Stubber fails on any other, so a test that queues only reads
proves that no mutating call is made.
"""

import copy
import json

from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_dashboard_plan import body_size, serialize_body
from ansible_collections.appstack.aws.plugins.modules import cloudwatch_dashboard as module

NAME = "Smartscheduler-Test"
ARN = f"arn:aws:cloudwatch::123456789012:dashboard/{NAME}"
TEXT = {"type": "text", "x": 0, "y": 0, "width": 24, "height": 2, "properties": {"markdown": "Managed by Ansible"}}
METRIC = {
    "type": "metric",
    "x": 0,
    "y": 2,
    "width": 12,
    "height": 6,
    "properties": {"metrics": [["AWS/RDS", "CPUUtilization"]], "period": 300, "region": "us-east-1"},
}
BODY = {"widgets": [TEXT, METRIC]}
SENT = serialize_body(BODY)


def args(**overrides):
    values = {"name": NAME, "body": BODY}
    values.update(overrides)
    return values


def queue_read(stubber, body_text=SENT, tags=None):
    """GetDashboard and ListTagsForResource of an existing dashboard."""
    stubber.add_response(
        "get_dashboard",
        {"DashboardName": NAME, "DashboardArn": ARN, "DashboardBody": body_text},
        {"DashboardName": NAME},
    )
    tag_list = [{"Key": key, "Value": value} for key, value in (tags or {}).items()]
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list}, {"ResourceARN": ARN})


def queue_missing(stubber):
    stubber.add_client_error("get_dashboard", "ResourceNotFound", "Dashboard does not exist", 404)


def queue_put(stubber, body_text=SENT, tags=None, messages=None):
    expected = {"DashboardName": NAME, "DashboardBody": body_text}
    if tags:
        expected["Tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
    stubber.add_response("put_dashboard", {"DashboardValidationMessages": messages or []}, expected)


# Creating


def test_a_missing_dashboard_is_created_with_its_tags_and_read_back(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)
    queue_put(stubber, tags={"Environment": "test"})
    queue_read(stubber, tags={"Environment": "test"})

    rc, result = run_module(module, args(tags={"Environment": "test"}, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["dashboard"] == {
        "dashboard_name": NAME,
        "dashboard_arn": ARN,
        "dashboard_body": BODY,
        "size": body_size(SENT),
        "tags": {"Environment": "test"},
    }
    assert result["diff"] == {"before": {}, "after": result["dashboard"]}


def test_a_json_string_body_is_parsed_and_sent_compact(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)
    queue_put(stubber)
    queue_read(stubber)

    rc, result = run_module(module, args(body=json.dumps(BODY, indent=4)), client)

    assert rc == 0, result
    assert result["dashboard"]["dashboard_body"] == BODY


def test_check_mode_on_a_missing_dashboard_predicts_it_and_only_reads(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)

    rc, result = run_module(module, args(tags={"Environment": "test"}, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["dashboard"] == {
        "dashboard_name": NAME,
        "dashboard_body": BODY,
        "size": body_size(SENT),
        "tags": {"Environment": "test"},
    }


# Comparing


def test_a_body_with_other_key_order_whitespace_and_number_spelling_is_no_change(cloudwatch, run_module):
    client, stubber = cloudwatch
    stored = {"widgets": [dict(reversed(list(widget.items()))) for widget in copy.deepcopy(BODY)["widgets"]]}
    stored["widgets"][1]["properties"]["period"] = 300.0
    queue_read(stubber, body_text=json.dumps(stored, indent=2, sort_keys=True), tags={"Environment": "test"})

    rc, result = run_module(module, args(tags={"Environment": "test"}), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result


def test_a_widget_removed_by_hand_is_put_back(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber, body_text=serialize_body({"widgets": [TEXT]}))
    queue_put(stubber)
    queue_read(stubber)

    rc, result = run_module(module, args(_ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["dashboard_body"] == {"widgets": [TEXT]}
    assert result["diff"]["after"]["dashboard_body"] == BODY


def test_reordered_widgets_are_a_change(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber, body_text=serialize_body({"widgets": [METRIC, TEXT]}))
    queue_put(stubber)
    queue_read(stubber)

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"]


def test_check_mode_on_a_changed_body_predicts_it_and_only_reads(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber, body_text=serialize_body({"widgets": [TEXT]}), tags={"Environment": "test"})

    rc, result = run_module(module, args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["dashboard"]["dashboard_arn"] == ARN
    assert result["dashboard"]["dashboard_body"] == BODY
    assert result["dashboard"]["tags"] == {"Environment": "test"}
    assert result["diff"]["after"] == result["dashboard"]


# Tags


def test_tags_of_an_existing_dashboard_change_with_tag_and_untag_only(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber, tags={"Environment": "test", "Old": "x"})
    stubber.add_response("untag_resource", {}, {"ResourceARN": ARN, "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceARN": ARN, "Tags": [{"Key": "Owner", "Value": "web"}]})
    queue_read(stubber, tags={"Environment": "test", "Owner": "web"})

    rc, result = run_module(module, args(tags={"Environment": "test", "Owner": "web"}), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["dashboard"]["tags"] == {"Environment": "test", "Owner": "web"}


def test_tags_left_unset_are_not_touched(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber, tags={"Environment": "test"})

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["dashboard"]["tags"] == {"Environment": "test"}


# CloudWatch's validation


def test_warnings_from_put_dashboard_are_reported(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)
    queue_put(stubber, messages=[{"DataPath": "/widgets/1/properties/region", "Message": "Unknown region"}])
    queue_read(stubber)

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    # ansible-core reports each warning as a string, or as a summary whose event holds the message when its
    # deprecation and warning handling has been set up by an earlier module run in the same process.
    messages = [warning if isinstance(warning, str) else warning["event"]["msg"] for warning in result["warnings"]]
    assert messages == [
        f"CloudWatch accepted the body of dashboard {NAME} with a warning: /widgets/1/properties/region: Unknown region"
    ]


def test_a_body_cloudwatch_refuses_fails_naming_each_problem(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)
    stubber.add_client_error(
        "put_dashboard",
        "InvalidParameterInput",
        "The dashboard body is invalid, there are 1 validation errors",
        400,
        modeled_fields={
            "message": "The dashboard body is invalid, there are 1 validation errors",
            "dashboardValidationMessages": [
                {"DataPath": "/widgets/1/properties/metrics/0", "Message": "Should NOT have more than 4 items"}
            ],
        },
    )

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["msg"].startswith(
        f"CloudWatch refused the body of dashboard {NAME}: /widgets/1/properties/metrics/0:"
        " Should NOT have more than 4 items. Fix the body option"
    )


# Input checks, before any call


def test_bad_input_fails_before_any_call_naming_every_option(run_module):
    rc, result = run_module(module, args(name="bad name", body='{"widgets": '), None)

    assert rc == 1
    assert result["problems"][0].startswith("name must be 1 to 255 letters")
    assert result["problems"][1].startswith("body is not valid JSON")


def test_a_body_without_widgets_fails_before_any_call(run_module):
    rc, result = run_module(module, args(body={"widget": []}), None)

    assert rc == 1
    assert result["problems"] == ["body must have a widgets list (CloudWatch requires it, even empty)."]


def test_body_is_required_to_create_but_not_to_delete(run_module):
    rc, result = run_module(module, {"name": NAME}, None)

    assert rc == 1
    assert result["problems"] == ["body is required when state=present."]


# Deleting


def test_absent_deletes_an_existing_dashboard(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber)
    stubber.add_response("delete_dashboards", {}, {"DashboardNames": [NAME]})

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_diff": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["after"] == {}
    assert "dashboard" not in result


def test_absent_on_a_missing_dashboard_changes_nothing(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_missing(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


def test_check_mode_absent_only_reads(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]


def test_a_dashboard_deleted_meanwhile_is_already_gone(cloudwatch, run_module):
    client, stubber = cloudwatch
    queue_read(stubber)
    stubber.add_client_error("delete_dashboards", "ResourceNotFound", "The specified dashboard does not exist.", 404)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
