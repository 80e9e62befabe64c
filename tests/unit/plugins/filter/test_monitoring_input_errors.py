"""The monitoring role's input checks, run before any AWS call: one test per rule."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.monitoring_input_errors import (
    FilterModule,
    monitoring_input_errors,
)

WINDOWS = {
    "backend_5xx_rate": {"period": 300, "evaluation_periods": 1},
    "backend_latency_p95": {"period": 60, "evaluation_periods": 5},
    "backend_at_max_instances": {"period": 300, "evaluation_periods": 3},
    "backend_unhealthy_hosts": {"period": 60, "evaluation_periods": 2},
    "backend_cpu": {"period": 300, "evaluation_periods": 2},
    "backend_memory": {"period": 300, "evaluation_periods": 2},
    "db_cpu": {"period": 300, "evaluation_periods": 2},
    "db_connections": {"period": 300, "evaluation_periods": 1},
    "db_free_storage": {"period": 300, "evaluation_periods": 1},
    "cache_memory": {"period": 300, "evaluation_periods": 1},
    "cache_evictions": {"period": 300, "evaluation_periods": 1},
    "cache_cpu": {"period": 300, "evaluation_periods": 2},
    "cdn_5xx_rate": {"period": 300, "evaluation_periods": 1},
}
VALID = {
    "monitoring_alert_emails": ["ops@example.com"],
    "monitoring_alert_https_endpoints": ["https://events.pagerduty.com/integration/abc/enqueue"],
    "monitoring_alert_https_endpoint_secrets": ["prod/alerts/slack-webhook"],
    "monitoring_log_retention_days": 365,
    "monitoring_backend_5xx_rate_threshold": 5,
    "monitoring_backend_latency_p95_threshold": "10",
    "monitoring_db_cpu_threshold": 80,
    "monitoring_db_connections_threshold": 80.0,
    "monitoring_db_free_storage_threshold": 10,
    "monitoring_cdn_5xx_rate_threshold": 5,
    "monitoring_backend_cpu_threshold": 80,
    "monitoring_backend_memory_threshold": 90,
    "monitoring_cache_memory_threshold": 90,
    "monitoring_cache_evictions_threshold": 0,
    "monitoring_cache_cpu_threshold": 80,
    "monitoring_alarm_windows": WINDOWS,
    "monitoring_db_max_connections": 0,
    "monitoring_budget_amounts": [50, 100, 150],
    "monitoring_global_kms_key_arn": "",
}


def errors(**changes):
    return monitoring_input_errors({**VALID, **changes})


def test_the_defaults_and_prods_values_are_valid():
    assert errors() == []
    assert (
        errors(monitoring_alert_emails=[], monitoring_alert_https_endpoints=[], monitoring_log_retention_days="7") == []
    )


@pytest.mark.parametrize("value", [0, -5, 101, "high", None])
def test_a_percentage_threshold_outside_0_to_100_is_refused(value):
    (message,) = errors(monitoring_db_cpu_threshold=value)
    assert message.startswith("monitoring_db_cpu_threshold must be a percentage above 0 and at most 100")


def test_every_percentage_threshold_is_checked():
    names = [
        name for name in VALID if name.endswith("_threshold") and "latency" not in name and "evictions" not in name
    ]
    found = errors(**dict.fromkeys(names, 150))
    assert [message.split(" ")[0] for message in found] == names


@pytest.mark.parametrize("name", ["monitoring_backend_cpu_threshold", "monitoring_backend_memory_threshold"])
def test_the_ecs_services_cpu_and_memory_thresholds_are_percentages(name):
    (message,) = errors(**{name: 120})
    assert message == f"{name} must be a percentage above 0 and at most 100; got 120."


@pytest.mark.parametrize("value", [0, -1, "slow"])
def test_a_latency_threshold_not_above_0_is_refused(value):
    (message,) = errors(monitoring_backend_latency_p95_threshold=value)
    assert message.startswith("monitoring_backend_latency_p95_threshold must be a number of seconds above 0")


def test_a_window_over_one_day_is_refused():
    windows = {**WINDOWS, "db_cpu": {"period": 3600, "evaluation_periods": 25}}
    (message,) = errors(monitoring_alarm_windows=windows)
    assert message == (
        "monitoring_alarm_windows.db_cpu: evaluation_periods x period is 90000 seconds; CloudWatch evaluates at most"
        " one day (86400 seconds)."
    )


@pytest.mark.parametrize("period", [0, 45, 90, "5m"])
def test_a_period_cloudwatch_refuses_is_refused(period):
    windows = {**WINDOWS, "cdn_5xx_rate": {"period": period, "evaluation_periods": 1}}
    (message,) = errors(monitoring_alarm_windows=windows)
    assert message.startswith("monitoring_alarm_windows.cdn_5xx_rate.period must be 10, 20, 30 or a multiple of 60")


def test_evaluation_periods_below_one_are_refused():
    windows = {**WINDOWS, "db_cpu": {"period": 60, "evaluation_periods": 0}}
    (message,) = errors(monitoring_alarm_windows=windows)
    assert message.startswith("monitoring_alarm_windows.db_cpu.evaluation_periods must be a whole number, 1 or more")


def test_windows_must_name_exactly_the_alarms():
    windows = {key: value for key, value in WINDOWS.items() if key != "db_cpu"} | {"cache": WINDOWS["db_cpu"]}
    (message,) = errors(monitoring_alarm_windows=windows)
    assert "missing ['db_cpu'], unknown ['cache']" in message
    (message,) = errors(monitoring_alarm_windows=[])
    assert message.startswith("monitoring_alarm_windows must map each alarm")


@pytest.mark.parametrize("amounts", [[0, 100], [-50, 100], ["fifty"]])
def test_a_budget_amount_not_above_0_is_refused(amounts):
    (message,) = errors(monitoring_budget_amounts=amounts)
    assert message.startswith("monitoring_budget_amounts must be amounts above 0")


@pytest.mark.parametrize("amounts", [[100, 50, 150], [50, 50, 150]])
def test_budget_amounts_not_ascending_are_refused(amounts):
    (message,) = errors(monitoring_budget_amounts=amounts)
    assert message.startswith("monitoring_budget_amounts must be ascending")


def test_more_than_five_budget_amounts_or_none_are_refused():
    (message,) = errors(monitoring_budget_amounts=[10, 20, 30, 40, 50, 60])
    assert "at most 5" in message
    (message,) = errors(monitoring_budget_amounts=[])
    assert message.startswith("monitoring_budget_amounts must be a list of 1 to 5 amounts")


@pytest.mark.parametrize("email", ["ops.example.com", "ops@example", "o ps@example.com", "@example.com", 42])
def test_an_email_that_is_not_one_is_refused(email):
    (message,) = errors(monitoring_alert_emails=["ok@example.com", email])
    assert message.startswith("monitoring_alert_emails must be email addresses")


def test_more_than_ten_emails_are_refused():
    (message,) = errors(monitoring_alert_emails=[f"ops{n}@example.com" for n in range(11)])
    assert "at most 10" in message


@pytest.mark.parametrize(
    "url", ["http://hooks.slack.com/services/x", "hooks.slack.com/services/x", "https://", "https://a b.com/"]
)
def test_an_https_endpoint_that_is_not_https_is_refused(url):
    (message,) = errors(monitoring_alert_https_endpoints=[url])
    assert message.startswith("monitoring_alert_https_endpoints must be https URLs")


@pytest.mark.parametrize("days", [0, 2, 45, 10000, "forever"])
def test_a_retention_cloudwatch_logs_refuses_is_refused(days):
    (message,) = errors(monitoring_log_retention_days=days)
    assert message.startswith("monitoring_log_retention_days must be one of the values CloudWatch Logs accepts")


def test_a_negative_max_connections_is_refused():
    (message,) = errors(monitoring_db_max_connections=-1)
    assert message.startswith("monitoring_db_max_connections must be 0")


def test_the_global_key_must_be_a_kms_arn_in_us_east_1():
    assert errors(monitoring_global_kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/abcd-1234") == []
    (message,) = errors(monitoring_global_kms_key_arn="arn:aws:kms:eu-west-1:123456789012:key/abcd-1234")
    assert message.startswith("monitoring_global_kms_key_arn must be the ARN of a KMS key or alias in us-east-1")


def test_every_rule_reports_at_once():
    found = errors(
        monitoring_db_cpu_threshold=120,
        monitoring_budget_amounts=[100, 50],
        monitoring_alert_emails=["nope"],
        monitoring_alert_https_endpoints=["http://x.example.com"],
        monitoring_log_retention_days=45,
    )
    assert len(found) == 5


def test_a_missing_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="lacks monitoring_budget_amounts"):
        monitoring_input_errors({key: value for key, value in VALID.items() if key != "monitoring_budget_amounts"})


def test_the_filter_is_registered():
    assert FilterModule().filters() == {"monitoring_input_errors": monitoring_input_errors}


@pytest.mark.parametrize("secrets", [["prod/alerts/slack-webhook", ""], "prod/alerts/slack-webhook", [42]])
def test_endpoint_secrets_are_a_list_of_secret_names(secrets):
    (message,) = errors(monitoring_alert_https_endpoint_secrets=secrets)
    assert message.startswith("monitoring_alert_https_endpoint_secrets must be a list of Secrets Manager secret")
