"""appstack.aws.cloudwatch_metric_alarm and cloudwatch_metric_alarm_info against the emulator.

One play creates the alarms the monitoring tier needs most: a metric math alarm (backend 5xx rate = 5xx /
requests * 100) and an alarm on one metric with two dimensions, both with ALARM and OK actions to the alerts
topic, a missing-data treatment, a description and tags. The tests of the class run in order on one account
(reset once): check mode on the empty account, the converge (read back with boto3), a second run, check mode
on the converged account, and a threshold and an expression changed. The emulator's request log proves what
check mode and a second run promise: no mutating call.
"""

import pytest

from .playbook import mutating_calls, run_tasks

MODULE = "appstack.aws.cloudwatch_metric_alarm"
INFO = "appstack.aws.cloudwatch_metric_alarm_info"
RATE = "shop-test-5xx-rate"
CPU = "shop-test-db-cpu"
TOPIC = "arn:aws:sns:us-east-1:123456789012:shop-test-alerts"
TAGS = {"Application": "shop", "Environment": "test"}
SERVICE = {"ServiceName": "shop-test", "ServiceID": "0123456789abcdef"}
EXPRESSION = "100 * errors / requests"


def rate_alarm(threshold=5, expression=EXPRESSION):
    def stat(query_id, metric_name):
        metric = {"namespace": "AWS/AppRunner", "metric_name": metric_name, "dimensions": SERVICE}
        return {"id": query_id, "return_data": False, "metric_stat": {"metric": metric, "period": 60, "stat": "Sum"}}

    return {
        "name": RATE,
        "description": "Backend 5xx rate above 5% for 5 minutes. Look first at the application logs.",
        "comparison": "GreaterThanThreshold",
        "threshold": threshold,
        "evaluation_periods": 5,
        "treat_missing_data": "notBreaching",
        "alarm_actions": [TOPIC],
        "ok_actions": [TOPIC],
        "metrics": [
            {"id": "rate", "expression": expression, "label": "5xx rate (%)"},
            stat("errors", "5xxStatusResponses"),
            stat("requests", "Requests"),
        ],
        "tags": TAGS,
    }


def cpu_alarm(threshold=80):
    return {
        "name": CPU,
        "description": "Database CPU above 80% for 10 minutes. Look first at Performance Insights' top SQL.",
        "namespace": "AWS/RDS",
        "metric_name": "CPUUtilization",
        # Not in name order: the module sorts them, and CloudWatch may return them in any order.
        "dimensions": {"Role": "primary", "DBInstanceIdentifier": "shop-test"},
        "statistic": "Average",
        "period": 300,
        "evaluation_periods": 2,
        "comparison": "GreaterThanThreshold",
        "threshold": threshold,
        "treat_missing_data": "missing",
        "alarm_actions": [TOPIC],
        "ok_actions": [TOPIC],
        "tags": TAGS,
    }


def tasks(*alarms):
    found = [{"name": "Manage an alarm", MODULE: alarm, "register": "alarm_test__result"} for alarm in alarms]
    return [*found, {"name": "Read the alarms", INFO: {"name_prefix": "shop-test-"}, "register": "alarm_test__info"}]


def run(emulator, directory, *alarms, check=False):
    emulator.clear_requests()
    return run_tasks(emulator.env, directory, "Manage the alerting alarms", tasks(*alarms), check=check)


def read_back(emulator, name):
    cloudwatch = emulator.client("cloudwatch")
    (alarm,) = cloudwatch.describe_alarms(AlarmNames=[name])["MetricAlarms"]
    tags = {
        tag["Key"]: tag["Value"] for tag in cloudwatch.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"]
    }
    return alarm, tags


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    return {"directory": tmp_path_factory.mktemp("alarm-playbooks")}


class TestMetricAlarm:
    def test_check_mode_on_an_empty_account_predicts_the_alarms_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account["directory"], rate_alarm(), cpu_alarm(), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, RATE), (MODULE, CPU)]
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("cloudwatch").describe_alarms()["MetricAlarms"] == []
        predicted = result.results(MODULE)[0]["alarm"]
        assert predicted["metrics"][0]["expression"] == EXPRESSION
        assert predicted["threshold"] == 5.0
        assert predicted["tags"] == TAGS

    def test_create_builds_the_alarms_with_every_property(self, emulator_server, account):
        result = run(emulator_server, account["directory"], rate_alarm(), cpu_alarm())

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, RATE), (MODULE, CPU)]
        assert sorted(mutating_calls(emulator_server)) == ["monitoring:PutMetricAlarm"] * 2

        rate, rate_tags = read_back(emulator_server, RATE)
        assert (rate["ComparisonOperator"], rate["Threshold"], rate["EvaluationPeriods"]) == (
            "GreaterThanThreshold",
            5.0,
            5,
        )
        assert rate["TreatMissingData"] == "notBreaching"
        assert rate["AlarmActions"] == [TOPIC] and rate["OKActions"] == [TOPIC]
        assert rate["AlarmDescription"].startswith("Backend 5xx rate above 5%")
        queries = {query["Id"]: query for query in rate["Metrics"]}
        assert queries["rate"]["Expression"] == EXPRESSION and queries["rate"]["ReturnData"] is True
        assert queries["errors"]["MetricStat"]["Metric"]["MetricName"] == "5xxStatusResponses"
        assert queries["errors"]["MetricStat"]["Stat"] == "Sum" and queries["errors"]["ReturnData"] is False
        assert {d["Name"]: d["Value"] for d in queries["requests"]["MetricStat"]["Metric"]["Dimensions"]} == SERVICE
        assert rate_tags == TAGS

        cpu, cpu_tags = read_back(emulator_server, CPU)
        assert (cpu["Namespace"], cpu["MetricName"], cpu["Statistic"], cpu["Period"]) == (
            "AWS/RDS",
            "CPUUtilization",
            "Average",
            300,
        )
        assert {d["Name"]: d["Value"] for d in cpu["Dimensions"]} == {
            "Role": "primary",
            "DBInstanceIdentifier": "shop-test",
        }
        assert (cpu["Threshold"], cpu["TreatMissingData"], cpu["OKActions"]) == (80.0, "missing", [TOPIC])
        assert cpu_tags == TAGS

        (info,) = result.results(INFO)
        assert [alarm["alarm_name"] for alarm in info["alarms"]] == [RATE, CPU]
        assert info["alarms"][0]["metrics"][1]["metric_stat"]["metric"]["dimensions"] == SERVICE

    def test_a_second_run_changes_nothing_and_writes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], rate_alarm(), cpu_alarm())

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        calls = [call["operation"] for call in emulator_server.requests()["calls"]]
        # Two reads per alarm (the alarm and its tags), and the info module's.
        assert calls.count("DescribeAlarms") == 3

    def test_check_mode_on_the_converged_account_changes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], rate_alarm(), cpu_alarm(), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0
        assert mutating_calls(emulator_server) == []

    def test_check_mode_predicts_a_threshold_and_an_expression_change_without_writing(self, emulator_server, account):
        result = run(
            emulator_server,
            account["directory"],
            rate_alarm(expression="errors / requests * 100"),
            cpu_alarm(threshold=90),
            check=True,
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, RATE), (MODULE, CPU)]
        assert mutating_calls(emulator_server) == []
        rate_result, cpu_result = result.results(MODULE)
        assert cpu_result["diff"]["before"]["threshold"] == 80.0
        assert cpu_result["diff"]["after"]["threshold"] == 90.0
        assert cpu_result["alarm"]["threshold"] == 90.0
        assert rate_result["alarm"]["metrics"][0]["expression"] == "errors / requests * 100"
        assert read_back(emulator_server, CPU)[0]["Threshold"] == 80.0

    def test_a_threshold_change_is_applied_and_only_to_that_alarm(self, emulator_server, account):
        result = run(emulator_server, account["directory"], rate_alarm(), cpu_alarm(threshold=90))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, CPU)]
        assert mutating_calls(emulator_server) == ["monitoring:PutMetricAlarm"]
        cpu, tags = read_back(emulator_server, CPU)
        assert cpu["Threshold"] == 90.0
        assert tags == TAGS

    def test_absent_deletes_the_alarm(self, emulator_server, account):
        result = run(emulator_server, account["directory"], {"name": RATE, "state": "absent"})

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, RATE)]
        assert mutating_calls(emulator_server) == ["monitoring:DeleteAlarms"]
        names = [alarm["AlarmName"] for alarm in emulator_server.client("cloudwatch").describe_alarms()["MetricAlarms"]]
        assert names == [CPU]
