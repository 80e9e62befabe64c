"""Unit tests for the planning of the CloudFront function modules (pure functions)."""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_function_plan as plan

STORE = "arn:aws:cloudfront::123456789012:key-value-store/0a1b2c3d"


def options(**overrides):
    values = dict(name="spa", state="present", code="x", comment=None, runtime=None, key_value_store_arns=None)
    values.update(overrides)
    return values


@pytest.mark.parametrize("name", ["spa", "app_prod-spa-routing", "x" * 64])
def test_a_valid_name_has_no_problem(name):
    assert plan.function_problems(options(name=name)) == []


@pytest.mark.parametrize("name", ["", "x" * 65, "with space", "dots.not.allowed"])
def test_a_name_outside_the_pattern_is_a_problem(name):
    assert plan.function_problems(options(name=name)) == [
        f"name must be 1 to 64 letters, digits, hyphens or underscores, not {name!r}."
    ]


def test_empty_code_is_a_problem_only_when_present():
    assert plan.function_problems(options(code="  \n")) == ["code must not be empty."]
    assert plan.function_problems(options(code="", state="absent")) == []


def test_one_key_value_store_at_most_and_only_with_the_2_0_runtime():
    assert plan.function_problems(options(key_value_store_arns=[STORE, STORE + "x"])) == [
        "key_value_store_arns takes at most 1 ARN, not 2."
    ]
    assert plan.function_problems(options(key_value_store_arns=[STORE], runtime="cloudfront-js-1.0")) == [
        "key_value_store_arns needs runtime cloudfront-js-2.0."
    ]
    assert plan.function_problems(options(key_value_store_arns=[STORE], runtime="cloudfront-js-2.0")) == []


def test_a_new_function_takes_cloudfronts_defaults():
    assert plan.function_config(options()) == {"Comment": "", "Runtime": "cloudfront-js-2.0"}


def test_unset_options_keep_the_current_configuration():
    current = {
        "Comment": "kept",
        "Runtime": "cloudfront-js-2.0",
        "KeyValueStoreAssociations": {"Quantity": 1, "Items": [{"KeyValueStoreARN": STORE}]},
    }

    assert plan.function_config(options(), current) == current
    assert plan.function_config(options(key_value_store_arns=[], comment=""), current) == {
        "Comment": "",
        "Runtime": "cloudfront-js-2.0",
    }


def test_a_stage_matches_only_the_same_configuration_and_exactly_the_same_code():
    config = {"Comment": "", "Runtime": "cloudfront-js-2.0"}
    stage = {"summary": {"FunctionConfig": config}, "code": "a"}

    assert plan.stage_matches(stage, dict(config), "a")
    assert not plan.stage_matches(stage, dict(config), "a ")
    assert not plan.stage_matches(stage, dict(config, Comment="new"), "a")
    assert not plan.stage_matches(None, config, "a")


def test_the_result_is_snake_case_with_iso_timestamps():
    when = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    summary = {
        "Name": "spa",
        "Status": "UNPUBLISHED",
        "FunctionConfig": {"Comment": "c", "Runtime": "cloudfront-js-2.0"},
        "FunctionMetadata": {
            "FunctionARN": "arn",
            "Stage": "DEVELOPMENT",
            "CreatedTime": when,
            "LastModifiedTime": when,
        },
    }

    result = plan.function_result(summary, "code", "ETAG", stage="LIVE", status="UNASSOCIATED")

    assert result == {
        "name": "spa",
        "arn": "arn",
        "stage": "LIVE",
        "status": "UNASSOCIATED",
        "comment": "c",
        "runtime": "cloudfront-js-2.0",
        "key_value_store_arns": [],
        "e_tag": "ETAG",
        "code": "code",
        "created_time": "2026-01-01T00:00:00+00:00",
        "last_modified_time": "2026-01-01T00:00:00+00:00",
    }


def test_check_mode_predicts_a_new_function_without_an_arn():
    predicted = plan.predicted_summary("spa", {"Comment": "", "Runtime": "cloudfront-js-2.0"})

    assert predicted["FunctionMetadata"] == {"FunctionARN": None, "Stage": "DEVELOPMENT"}
    assert predicted["Status"] == "UNPUBLISHED"
