"""Unit tests for the planning of appstack.aws.cloudwatch_dashboard (pure functions, no client)."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import cloudwatch_dashboard_plan as plan

TEXT = {"type": "text", "x": 0, "y": 0, "width": 24, "height": 2, "properties": {"markdown": "Managed by Ansible"}}
METRIC = {
    "type": "metric",
    "width": 12,
    "height": 6,
    "properties": {"metrics": [["AWS/RDS", "CPUUtilization"]], "period": 300, "stacked": False},
}
BODY = {"widgets": [TEXT, METRIC]}


# Names


@pytest.mark.parametrize("name", ["Smartscheduler-Prod", "a", "app_1-x", "x" * 255])
def test_valid_names_have_no_problem(name):
    assert plan.name_problems(name) == []


@pytest.mark.parametrize("name", ["", "x" * 256, "has space", "dots.are.prefix.only", "slash/no"])
def test_invalid_names_are_named_with_the_option_and_the_rule(name):
    (problem,) = plan.name_problems(name)
    assert problem.startswith("name must be 1 to 255 letters, digits or the characters - _")


def test_a_prefix_may_hold_dots_but_a_name_may_not():
    assert plan.name_problems("app.v2", option="name_prefix", prefix=True) == []
    assert plan.name_problems("app.v2") != []


# Parsing


def test_a_json_string_and_a_dict_parse_to_the_same_body():
    assert plan.parse_body(json.dumps(BODY, indent=4)) == (BODY, [])
    assert plan.parse_body(BODY) == (BODY, [])


def test_a_string_that_is_not_json_is_a_problem_naming_body():
    body, problems = plan.parse_body('{"widgets": [')
    assert body is None
    assert problems[0].startswith("body is not valid JSON")


@pytest.mark.parametrize(
    "body, problem",
    [
        ([TEXT], "body must be a JSON object with a widgets list, not list."),
        ({"widget": []}, "body must have a widgets list (CloudWatch requires it, even empty)."),
        ({"widgets": {}}, "body must have a widgets list (CloudWatch requires it, even empty)."),
        ({"widgets": [TEXT, "text"]}, "body.widgets[1] must be an object, not str."),
    ],
)
def test_a_body_without_a_widgets_list_of_objects_is_a_problem(body, problem):
    assert plan.parse_body(body)[1] == [problem]


def test_an_empty_widgets_list_is_valid():
    assert plan.parse_body({"widgets": []}) == ({"widgets": []}, [])


# Comparing


def test_key_order_and_whitespace_are_not_differences():
    reordered = json.loads(json.dumps({"widgets": [dict(reversed(list(w.items()))) for w in BODY["widgets"]]}))
    assert plan.bodies_equal(BODY, reordered)
    assert plan.bodies_equal(BODY, plan.parse_body(json.dumps(BODY, indent=2, sort_keys=True))[0])


def test_one_and_one_point_zero_are_equal():
    assert plan.bodies_equal({"period": 300}, {"period": 300.0})


def test_a_boolean_never_equals_a_number():
    assert not plan.bodies_equal({"stacked": True}, {"stacked": 1})
    assert not plan.bodies_equal({"stacked": False}, {"stacked": 0})
    assert not plan.bodies_equal([0], [False])


def test_a_number_never_equals_its_string():
    assert not plan.bodies_equal({"period": 300}, {"period": "300"})


def test_widget_order_is_a_difference():
    assert not plan.bodies_equal(BODY, {"widgets": [METRIC, TEXT]})


def test_a_removed_widget_is_a_difference():
    assert not plan.bodies_equal(BODY, {"widgets": [TEXT]})


def test_an_extra_or_missing_key_is_a_difference():
    assert not plan.bodies_equal({"widgets": [], "start": "-PT3H"}, {"widgets": []})
    assert not plan.bodies_equal({"widgets": []}, {"widgets": [], "start": "-PT3H"})


def test_null_equals_only_null():
    assert plan.bodies_equal({"a": None}, {"a": None})
    assert not plan.bodies_equal({"a": None}, {"a": 0})


def test_a_missing_dashboard_always_differs():
    assert plan.body_differs(None, BODY)
    assert not plan.body_differs({"dashboard_body": BODY}, json.loads(json.dumps(BODY)))


# Serializing and predicting


def test_the_body_is_sent_as_compact_json_in_the_order_given():
    text = plan.serialize_body({"widgets": [], "start": "-PT3H"})
    assert text == '{"widgets":[],"start":"-PT3H"}'


def test_the_size_counts_bytes_not_characters():
    assert plan.body_size('{"t":"é"}') == len('{"t":"é"}') + 1


def test_a_new_dashboard_is_predicted_with_its_body_size_and_tags():
    predicted = plan.predicted_dashboard("app", BODY, tags={"Env": "test"})
    assert predicted == {
        "dashboard_name": "app",
        "dashboard_body": BODY,
        "size": plan.body_size(plan.serialize_body(BODY)),
        "tags": {"Env": "test"},
    }


def test_a_changed_dashboard_keeps_its_arn_and_tags():
    current = {"dashboard_name": "app", "dashboard_arn": "arn", "dashboard_body": {}, "size": 2, "tags": {"a": "b"}}
    predicted = plan.predicted_dashboard("app", BODY, current=current)
    assert (predicted["dashboard_arn"], predicted["tags"], predicted["dashboard_body"]) == ("arn", {"a": "b"}, BODY)


def test_validation_messages_are_one_line_each_by_path():
    messages = [{"DataPath": "/widgets/0/width", "Message": "Should be <= 24"}, {"Message": "Should be object"}]
    assert plan.format_validation_messages(messages) == ["/widgets/0/width: Should be <= 24", "/: Should be object"]
