"""Unit tests for appstack.aws.cloudwatch_metric_alarm (botocore Stubber, no network)."""

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import cloudwatch_metric_alarm as module
from botocore.stub import Stubber

NAME = "shop-prod-5xx-rate"
ARN = f"arn:aws:cloudwatch:us-east-1:123456789012:alarm:{NAME}"
TOPIC = "arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"
SERVICE = {"ServiceName": "shop-prod", "ServiceID": "abc"}


@pytest.fixture
def cloudwatch():
    """(client, stubber) for CloudWatch; the client is wrapped like module.client() wraps it."""
    client = botocore.session.get_session().create_client(
        "cloudwatch", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(client)
    with stubber:
        yield RetryingBotoClientWrapper(client, AWSRetry.jittered_backoff()), stubber
        stubber.assert_no_pending_responses()


def math_queries(expression="100 * errors / requests"):
    def stat(query_id, metric_name):
        return {
            "id": query_id,
            "return_data": False,
            "metric_stat": {
                "metric": {"namespace": "AWS/AppRunner", "metric_name": metric_name, "dimensions": SERVICE},
                "period": 60,
                "stat": "Sum",
            },
        }

    return [
        {"id": "rate", "expression": expression, "label": "5xx rate"},
        stat("errors", "5xxStatusResponses"),
        stat("requests", "Requests"),
    ]


def params(**overrides):
    values = dict(
        name=NAME,
        state="present",
        description="Backend 5xx rate above 5%.",
        metric_name=None,
        namespace=None,
        statistic=None,
        extended_statistic=None,
        dimensions=None,
        period=None,
        unit=None,
        metrics=math_queries(),
        comparison="GreaterThanThreshold",
        threshold=5,
        evaluation_periods=5,
        datapoints_to_alarm=None,
        treat_missing_data="notBreaching",
        evaluate_low_sample_count_percentile=None,
        actions_enabled=None,
        alarm_actions=[TOPIC],
        ok_actions=[TOPIC],
        insufficient_data_actions=None,
        tags=None,
        purge_tags=True,
    )
    values.update(overrides)
    return values


def api_query(query_id, metric_name):
    # As CloudWatch returns it: dimensions in another order than sent, ReturnData spelled out.
    return {
        "Id": query_id,
        "MetricStat": {
            "Metric": {
                "Namespace": "AWS/AppRunner",
                "MetricName": metric_name,
                "Dimensions": [{"Name": "ServiceName", "Value": "shop-prod"}, {"Name": "ServiceID", "Value": "abc"}],
            },
            "Period": 60,
            "Stat": "Sum",
        },
        "ReturnData": False,
    }


def described_alarm(**overrides):
    """The converged metric math alarm, as DescribeAlarms returns it."""
    alarm = {
        "AlarmName": NAME,
        "AlarmArn": ARN,
        "AlarmDescription": "Backend 5xx rate above 5%.",
        "ActionsEnabled": True,
        "OKActions": [TOPIC],
        "AlarmActions": [TOPIC],
        "InsufficientDataActions": [],
        "StateValue": "OK",
        "StateReason": "Unchecked: Initial alarm creation",
        "Dimensions": [],
        "EvaluationPeriods": 5,
        "Threshold": 5.0,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": "notBreaching",
        "Metrics": [
            {"Id": "rate", "Expression": "100 * errors / requests", "Label": "5xx rate", "ReturnData": True},
            api_query("errors", "5xxStatusResponses"),
            api_query("requests", "Requests"),
        ],
    }
    alarm.update(overrides)
    return alarm


def plain_alarm(**overrides):
    alarm = {
        "AlarmName": "shop-prod-db-cpu",
        "AlarmArn": ARN.replace(NAME, "shop-prod-db-cpu"),
        "ActionsEnabled": True,
        "OKActions": [],
        "AlarmActions": [TOPIC],
        "InsufficientDataActions": [],
        "StateValue": "OK",
        "MetricName": "CPUUtilization",
        "Namespace": "AWS/RDS",
        "Statistic": "Average",
        "Dimensions": [{"Name": "Role", "Value": "primary"}, {"Name": "DBInstanceIdentifier", "Value": "shop-prod"}],
        "Period": 300,
        "EvaluationPeriods": 2,
        "Threshold": 80.0,
        "ComparisonOperator": "GreaterThanThreshold",
    }
    alarm.update(overrides)
    return alarm


def plain_params(**overrides):
    return params(
        name="shop-prod-db-cpu",
        description=None,
        metrics=None,
        metric_name="CPUUtilization",
        namespace="AWS/RDS",
        statistic="Average",
        dimensions={"DBInstanceIdentifier": "shop-prod", "Role": "primary"},
        period=300,
        evaluation_periods=2,
        threshold=80,
        treat_missing_data=None,
        alarm_actions=[TOPIC],
        ok_actions=None,
        **overrides,
    )


def expected_put(**overrides):
    put = {
        "AlarmName": NAME,
        "AlarmDescription": "Backend 5xx rate above 5%.",
        "OKActions": [TOPIC],
        "AlarmActions": [TOPIC],
        "InsufficientDataActions": [],
        "EvaluationPeriods": 5,
        "Threshold": 5.0,
        "ComparisonOperator": "GreaterThanThreshold",
        "TreatMissingData": "notBreaching",
        "Metrics": [
            {"Id": "rate", "Expression": "100 * errors / requests", "Label": "5xx rate", "ReturnData": True},
            *(
                {
                    "Id": query_id,
                    "ReturnData": False,
                    "MetricStat": {
                        "Metric": {
                            "Namespace": "AWS/AppRunner",
                            "MetricName": metric_name,
                            "Dimensions": [
                                {"Name": "ServiceID", "Value": "abc"},
                                {"Name": "ServiceName", "Value": "shop-prod"},
                            ],
                        },
                        "Period": 60,
                        "Stat": "Sum",
                    },
                }
                for query_id, metric_name in (("errors", "5xxStatusResponses"), ("requests", "Requests"))
            ),
        ],
    }
    put.update(overrides)
    return put


# Creating


def test_a_new_metric_math_alarm_is_put_with_its_queries_and_tags(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("put_metric_alarm", {}, expected_put(Tags=[{"Key": "Environment", "Value": "prod"}]))

    changed, (alarm, tags) = module.ensure_present(client, None, {}, params(tags={"Environment": "prod"}), False)

    assert changed
    assert tags == {"Environment": "prod"}
    assert alarm["Metrics"][0]["ReturnData"] is True


def test_a_new_alarm_in_check_mode_sends_nothing_and_predicts_the_alarm(cloudwatch):
    client, _ = cloudwatch

    changed, (alarm, tags) = module.ensure_present(client, None, {}, params(tags={"Environment": "prod"}), True)

    result = module.alarm_to_result(alarm, tags)
    assert changed
    assert result["threshold"] == 5.0
    assert result["metrics"][1]["metric_stat"]["metric"]["dimensions"] == SERVICE
    assert result["tags"] == {"Environment": "prod"}


# Updating


def test_a_converged_metric_math_alarm_is_left_alone(cloudwatch):
    client, _ = cloudwatch

    changed, (alarm, tags) = module.ensure_present(client, described_alarm(), {"Environment": "prod"}, params(), False)

    assert not changed
    assert alarm["AlarmArn"] == ARN
    assert tags == {"Environment": "prod"}


def test_a_converged_plain_alarm_with_dimensions_in_another_order_is_left_alone(cloudwatch):
    client, _ = cloudwatch

    changed, _ = module.ensure_present(client, plain_alarm(), {}, plain_params(), False)

    assert not changed


def test_a_changed_expression_is_put(cloudwatch):
    client, stubber = cloudwatch
    put = expected_put()
    put["Metrics"][0]["Expression"] = "errors / requests * 100"
    stubber.add_response("put_metric_alarm", {}, {**put, "ActionsEnabled": True})

    changed, (alarm, _) = module.ensure_present(
        client, described_alarm(), {}, params(metrics=math_queries("errors / requests * 100")), False
    )

    assert changed
    assert alarm["Metrics"][0]["Expression"] == "errors / requests * 100"


def test_a_changed_threshold_is_detected_and_predicted_in_check_mode(cloudwatch):
    client, _ = cloudwatch

    changed, (alarm, _) = module.ensure_present(client, described_alarm(), {}, params(threshold=7), True)

    assert changed
    assert alarm["Threshold"] == 7.0
    assert alarm["StateValue"] == "OK"


def test_unset_options_keep_the_alarm_values(cloudwatch):
    client, _ = cloudwatch
    current = plain_alarm(AlarmDescription="set by hand", OKActions=[TOPIC], TreatMissingData="breaching")

    changed, (alarm, _) = module.ensure_present(client, current, {}, plain_params(), False)

    assert not changed
    assert alarm["AlarmDescription"] == "set by hand"


def test_switching_to_metric_math_drops_the_single_metric_settings(cloudwatch):
    client, _ = cloudwatch

    changed, (alarm, _) = module.ensure_present(client, plain_alarm(), {}, params(name="shop-prod-db-cpu"), True)

    assert changed
    assert "MetricName" not in alarm and "Period" not in alarm and "Dimensions" not in alarm
    assert [query["Id"] for query in alarm["Metrics"]] == ["rate", "errors", "requests"]


def test_tags_of_an_existing_alarm_are_changed_with_the_tagging_api(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("untag_resource", {}, {"ResourceARN": ARN, "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceARN": ARN, "Tags": [{"Key": "Environment", "Value": "prod"}]})

    changed, (_, tags) = module.ensure_present(
        client, described_alarm(), {"Old": "x"}, params(tags={"Environment": "prod"}), False
    )

    assert changed
    assert tags == {"Environment": "prod"}


# Deleting


def test_absent_deletes_an_existing_alarm(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("delete_alarms", {}, {"AlarmNames": [NAME]})

    assert module.ensure_absent(client, described_alarm(), False) == (True, None)


def test_absent_in_check_mode_and_without_an_alarm_sends_nothing(cloudwatch):
    client, _ = cloudwatch

    assert module.ensure_absent(client, described_alarm(), True) == (True, None)
    assert module.ensure_absent(client, None, False) == (False, None)


# main()


def test_bad_input_fails_before_any_call(run_module):
    queries = math_queries()
    queries[0]["return_data"] = False
    queries[1]["id"] = "Errors"
    args = {key: value for key, value in params(metrics=queries).items() if value is not None}

    code, result = run_module(module, args, None)

    assert code == 1, result["msg"]
    assert any("exactly one query" in problem for problem in result["problems"])
    assert any("metrics[1].id" in problem for problem in result["problems"])


def test_main_returns_the_alarm_and_a_diff_after_a_change(run_module, cloudwatch):
    client, stubber = cloudwatch
    describe = {"AlarmNames": [NAME], "AlarmTypes": ["MetricAlarm"]}
    stubber.add_response("describe_alarms", {"MetricAlarms": [described_alarm()]}, describe)
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceARN": ARN})
    stubber.add_response("put_metric_alarm", {}, None)
    stubber.add_response("describe_alarms", {"MetricAlarms": [described_alarm(Threshold=7.0)]}, describe)
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceARN": ARN})

    code, result = run_module(
        module, {"name": NAME, **{k: v for k, v in params(threshold=7).items() if v is not None}}, client
    )

    assert code == 0
    assert result["changed"]
    assert result["alarm"]["threshold"] == 7.0
    assert result["diff"]["before"]["threshold"] == 5.0
    assert result["diff"]["after"]["threshold"] == 7.0


def test_main_on_a_converged_alarm_reads_twice_and_writes_nothing(run_module, cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("describe_alarms", {"MetricAlarms": [described_alarm()]}, None)
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceARN": ARN})

    code, result = run_module(module, {k: v for k, v in params().items() if v is not None}, client)

    assert code == 0
    assert not result["changed"]
    assert "diff" not in result
