"""Unit tests for the planning of appstack.aws.cloudwatch_metric_alarm (pure functions)."""

from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_alarm_plan import (
    config_differences,
    desired_config,
    query_to_api,
    validate,
)

TOPIC = "arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"


def options(**overrides):
    values = dict(
        name="shop-prod-db-cpu",
        state="present",
        metric_name="CPUUtilization",
        namespace="AWS/RDS",
        statistic="Average",
        extended_statistic=None,
        period=300,
        metrics=None,
        evaluation_periods=2,
        datapoints_to_alarm=None,
    )
    values.update(overrides)
    return values


def expression(query_id="rate", **extra):
    return {"id": query_id, "expression": "100 * e / r", "metric_stat": None, **extra}


def metric(query_id, period=60):
    return {
        "id": query_id,
        "expression": None,
        "return_data": False,
        "metric_stat": {
            "metric": {"metric_name": "Requests", "dimensions": {"b": "2", "a": "1"}},
            "period": period,
            "stat": "Sum",
        },
    }


# validate


def test_a_complete_plain_alarm_is_valid():
    assert validate(options()) == []


def test_a_plain_alarm_needs_namespace_period_and_a_statistic():
    problems = validate(options(namespace=None, statistic=None))
    assert problems == ["metric_name needs namespace, period and one of statistic and extended_statistic."]


def test_present_needs_a_metric():
    assert "state=present needs the metric" in validate(options(metric_name=None))[0]


def test_period_must_be_high_resolution_or_whole_minutes():
    assert validate(options(period=90)) == ["period must be 10, 20, 30 or a multiple of 60 seconds, not 90."]
    assert validate(options(period=20)) == []


def test_metric_math_needs_exactly_one_returned_query():
    problems = validate(options(metric_name=None, metrics=[metric("e"), metric("r")]))
    assert len(problems) == 1 and "exactly one query" in problems[0] and "found 0" in problems[0]


def test_metric_math_query_ids_are_checked_and_unique():
    problems = validate(options(metric_name=None, metrics=[expression("Rate"), metric("e"), metric("e")]))
    assert any("metrics[0].id must start with a lower-case letter" in problem for problem in problems)
    assert "metrics ids must be unique; repeated: e." in problems


def test_a_query_has_an_expression_or_a_metric_not_both():
    query = {**metric("e"), "expression": "e * 2", "return_data": None}
    assert validate(options(metric_name=None, metrics=[query])) == [
        "metrics[0] must have exactly one of expression and metric_stat."
    ]


def test_datapoints_to_alarm_cannot_exceed_evaluation_periods():
    assert "datapoints_to_alarm must be between 1 and evaluation_periods (2), not 3." in validate(
        options(datapoints_to_alarm=3)
    )


def test_absent_needs_only_the_name():
    assert validate({"name": "x", "state": "absent"}) == []


# desired_config and config_differences


def test_query_to_api_sorts_dimensions_and_spells_out_return_data():
    assert query_to_api(expression())["ReturnData"] is True
    dimensions = query_to_api(metric("e"))["MetricStat"]["Metric"]["Dimensions"]
    assert dimensions == [{"Name": "a", "Value": "1"}, {"Name": "b", "Value": "2"}]


def test_unset_options_keep_current_values_and_lists_default_to_empty():
    current = {"AlarmName": "a", "AlarmDescription": "by hand", "Threshold": 1.0, "OKActions": [TOPIC]}
    config = desired_config(current, {"name": "a", "threshold": 2})
    assert config["AlarmDescription"] == "by hand"
    assert config["OKActions"] == [TOPIC]
    assert config["AlarmActions"] == []
    assert config["Threshold"] == 2.0


def test_cloudwatch_defaults_and_order_are_not_differences():
    sent = {
        "AlarmName": "a",
        "Threshold": 5,
        "AlarmActions": [TOPIC, "arn:b"],
        "Dimensions": [{"Name": "b", "Value": "2"}, {"Name": "a", "Value": "1"}],
        "Metrics": [{"Id": "q", "Expression": "1"}],
    }
    read = {
        "AlarmName": "a",
        "Threshold": 5.0,
        "AlarmActions": ["arn:b", TOPIC],
        "OKActions": [],
        "Dimensions": [{"Name": "a", "Value": "1"}, {"Name": "b", "Value": "2"}],
        "TreatMissingData": "missing",
        "ActionsEnabled": True,
        "Metrics": [{"Id": "q", "Expression": "1", "ReturnData": True}],
    }
    assert config_differences(read, sent) == []


def test_differences_name_each_changed_parameter():
    current = {
        "AlarmName": "a",
        "Threshold": 5.0,
        "TreatMissingData": "missing",
        "Metrics": [{"Id": "q", "Expression": "1"}],
    }
    desired = {
        "AlarmName": "a",
        "Threshold": 6.0,
        "TreatMissingData": "breaching",
        "Metrics": [{"Id": "q", "Expression": "2"}],
    }
    assert config_differences(current, desired) == ["Metrics", "Threshold", "TreatMissingData"]
