"""Semantic checks of the monitoring role's input, run before any AWS call.

Argument specs check types; they cannot tell that a percentage is above 100, that the budget's amounts are not
ascending, that an address is not an email, that an endpoint is not https, that CloudWatch Logs would refuse a
retention, or that an alarm's window is longer than CloudWatch evaluates. This filter does, with messages that name
the variable at fault and what it allows.
"""

import itertools
import re

from ansible_collections.appstack.aws.plugins.filter.monitoring_alarms import ALARMS
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: monitoring_input_errors
version_added: 0.7.0
short_description: List what is wrong with the input of the monitoring role
description:
  - Takes the role's variables by name and returns a list of messages, empty when the input is valid; each message
    names the variable at fault and what it allows.
  - Checks the alarm thresholds (percentages above 0 and at most 100, a latency above 0 s), the alarms' windows
    (every alarm, a period CloudWatch takes, evaluation periods times period at most a day), the budget's amounts
    (above 0, ascending, at most 5, since a budget takes 10 notifications, an actual and a forecasted one per amount),
    the alert emails (addresses, at most 10, as a budget notification takes 10 email subscribers), the HTTPS endpoints
    (https URLs), the log retention (a value CloudWatch Logs accepts), the max_connections override, and the KMS
    key of the us-east-1 alerts topic.
options:
  _input:
    description: The role's variables by name (see the role's C(vars/main.yml), C(monitoring__checked_inputs)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the monitoring input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs
      | appstack.aws.monitoring_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

INPUTS = (
    "monitoring_alert_emails",
    "monitoring_alert_https_endpoints",
    "monitoring_alert_https_endpoint_secrets",
    "monitoring_log_retention_days",
    "monitoring_backend_5xx_rate_threshold",
    "monitoring_backend_latency_p95_threshold",
    "monitoring_db_cpu_threshold",
    "monitoring_db_connections_threshold",
    "monitoring_db_free_storage_threshold",
    "monitoring_cdn_5xx_rate_threshold",
    "monitoring_backend_cpu_threshold",
    "monitoring_backend_memory_threshold",
    "monitoring_cache_memory_threshold",
    "monitoring_cache_evictions_threshold",
    "monitoring_cache_cpu_threshold",
    "monitoring_alarm_windows",
    "monitoring_db_max_connections",
    "monitoring_budget_amounts",
    "monitoring_global_kms_key_arn",
)
PERCENT_THRESHOLDS = (
    "monitoring_backend_5xx_rate_threshold",
    "monitoring_db_cpu_threshold",
    "monitoring_db_connections_threshold",
    "monitoring_db_free_storage_threshold",
    "monitoring_cdn_5xx_rate_threshold",
    "monitoring_backend_cpu_threshold",
    "monitoring_backend_memory_threshold",
    "monitoring_cache_memory_threshold",
    "monitoring_cache_cpu_threshold",
)
# PutRetentionPolicy retentionInDays: the values CloudWatch Logs accepts.
RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288)
RETENTION_DAYS += (3653,)
# PutMetricAlarm: "the number of periods over which data is compared ... EvaluationPeriods multiplied by Period
# cannot be more than 86,400 seconds"; Period is 10, 20 or 30 (high resolution) or a multiple of 60.
MAX_WINDOW_SECONDS = 86400
# A budget takes 10 notifications (an actual and a forecasted one per amount); a notification, 10 email subscribers.
MAX_BUDGET_AMOUNTS = 5
MAX_EMAILS = 10
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
HTTPS_URL = re.compile(r"^https://[^/\s:?#]+(:\d+)?([/?#]\S*)?$")
KMS_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:us-east-1:\d{12}:(key|alias)/[A-Za-z0-9/_-]+$")


def _number(value):
    """A float from a number or a numeric string (an extra var); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _integer(value):
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def threshold_errors(inputs):
    """Percentages above 0 and at most 100; a latency above 0 seconds."""
    errors = []
    for name in PERCENT_THRESHOLDS:
        number = _number(inputs[name])
        if number is None or not 0 < number <= 100:
            errors.append(f"{name} must be a percentage above 0 and at most 100; got {inputs[name]!r}.")
    latency = _number(inputs["monitoring_backend_latency_p95_threshold"])
    if latency is None or latency <= 0:
        errors.append(
            "monitoring_backend_latency_p95_threshold must be a number of seconds above 0;"
            f" got {inputs['monitoring_backend_latency_p95_threshold']!r}."
        )
    evictions = _number(inputs["monitoring_cache_evictions_threshold"])
    if evictions is None or evictions < 0:
        errors.append(
            "monitoring_cache_evictions_threshold must be a number of evicted keys, 0 or more;"
            f" got {inputs['monitoring_cache_evictions_threshold']!r}."
        )
    return errors


def window_errors(windows):
    """Every alarm has a period CloudWatch takes and evaluation periods whose product is at most a day."""
    if not isinstance(windows, dict):
        return [f"monitoring_alarm_windows must map each alarm to {{period, evaluation_periods}}; got {windows!r}."]
    errors = []
    missing = [key for key in ALARMS if key not in windows]
    unknown = sorted(set(windows) - set(ALARMS))
    if missing or unknown:
        errors.append(
            f"monitoring_alarm_windows must have exactly the alarms {', '.join(ALARMS)}"
            f" (missing {missing}, unknown {unknown})."
        )
    for key in (key for key in ALARMS if key in windows):
        window = windows[key] if isinstance(windows[key], dict) else {}
        period = _integer(window.get("period"))
        periods = _integer(window.get("evaluation_periods"))
        if period is None or not (period in (10, 20, 30) or (period > 0 and period % 60 == 0)):
            errors.append(
                f"monitoring_alarm_windows.{key}.period must be 10, 20, 30 or a multiple of 60 seconds;"
                f" got {window.get('period')!r}."
            )
        if periods is None or periods < 1:
            errors.append(
                f"monitoring_alarm_windows.{key}.evaluation_periods must be a whole number, 1 or more;"
                f" got {window.get('evaluation_periods')!r}."
            )
        if period and periods and period > 0 and periods > 0 and period * periods > MAX_WINDOW_SECONDS:
            errors.append(
                f"monitoring_alarm_windows.{key}: evaluation_periods x period is {period * periods} seconds;"
                f" CloudWatch evaluates at most one day ({MAX_WINDOW_SECONDS} seconds)."
            )
    return errors


def budget_errors(amounts):
    """Amounts above 0, strictly ascending, 1 to 5 of them."""
    if not isinstance(amounts, list) or not amounts:
        return [f"monitoring_budget_amounts must be a list of 1 to {MAX_BUDGET_AMOUNTS} amounts; got {amounts!r}."]
    numbers = [_number(amount) for amount in amounts]
    errors = []
    if any(number is None or number <= 0 for number in numbers):
        errors.append(f"monitoring_budget_amounts must be amounts above 0; got {amounts!r}.")
    elif any(later <= earlier for earlier, later in itertools.pairwise(numbers)):
        errors.append(f"monitoring_budget_amounts must be ascending (the last is the budget's limit); got {amounts!r}.")
    if len(amounts) > MAX_BUDGET_AMOUNTS:
        errors.append(
            f"monitoring_budget_amounts has {len(amounts)} amounts; a budget takes 10 notifications, an actual and a"
            f" forecasted one per amount: at most {MAX_BUDGET_AMOUNTS}."
        )
    return errors


def recipient_errors(inputs):
    """Email addresses (at most 10); https endpoints."""
    errors = []
    emails = inputs["monitoring_alert_emails"]
    if not isinstance(emails, list):
        return [f"monitoring_alert_emails must be a list of email addresses; got {emails!r}."]
    bad = [email for email in emails if not isinstance(email, str) or not EMAIL.match(email)]
    if bad:
        errors.append(f"monitoring_alert_emails must be email addresses (name@domain.tld); not {bad}.")
    if len(emails) > MAX_EMAILS:
        errors.append(
            f"monitoring_alert_emails has {len(emails)} addresses; a budget notification takes at most {MAX_EMAILS}."
        )
    endpoints = inputs["monitoring_alert_https_endpoints"]
    if not isinstance(endpoints, list):
        return [*errors, f"monitoring_alert_https_endpoints must be a list of https URLs; got {endpoints!r}."]
    bad = [url for url in endpoints if not isinstance(url, str) or not HTTPS_URL.match(url)]
    if bad:
        errors.append(
            f"monitoring_alert_https_endpoints must be https URLs (https://host/path, e.g. a Slack or PagerDuty"
            f" endpoint); not {bad}."
        )
    secrets = inputs["monitoring_alert_https_endpoint_secrets"]
    if not isinstance(secrets, list) or not all(isinstance(name, str) and name.strip() for name in secrets):
        errors.append(
            "monitoring_alert_https_endpoint_secrets must be a list of Secrets Manager secret names or ARNs; "
            f"got {secrets!r}."
        )
    return errors


def monitoring_input_errors(inputs):
    """Every problem of the monitoring role's input, as messages naming the variable; empty when valid."""
    require_inputs("monitoring_input_errors", inputs, INPUTS)
    errors = threshold_errors(inputs)
    errors += window_errors(inputs["monitoring_alarm_windows"])
    errors += budget_errors(inputs["monitoring_budget_amounts"])
    errors += recipient_errors(inputs)
    retention = _integer(inputs["monitoring_log_retention_days"])
    if retention not in RETENTION_DAYS:
        errors.append(
            f"monitoring_log_retention_days must be one of the values CloudWatch Logs accepts"
            f" ({', '.join(map(str, RETENTION_DAYS))}); got {inputs['monitoring_log_retention_days']!r}."
        )
    connections = _integer(inputs["monitoring_db_max_connections"])
    if connections is None or connections < 0:
        errors.append(
            "monitoring_db_max_connections must be 0 (computed from the instance class's memory) or the"
            f" instance's max_connections; got {inputs['monitoring_db_max_connections']!r}."
        )
    key = inputs["monitoring_global_kms_key_arn"] or ""
    if key and not KMS_KEY_ARN.match(str(key)):
        errors.append(
            "monitoring_global_kms_key_arn must be the ARN of a KMS key or alias in us-east-1 (the region of the"
            f" CloudFront alarm's topic); got {key!r}."
        )
    return errors


class FilterModule:
    def filters(self):
        return {"monitoring_input_errors": monitoring_input_errors}
