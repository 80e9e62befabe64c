# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.cloudwatch_metric_alarm, as pure functions: the options checked, the alarm's
configuration as PutMetricAlarm spells it, and the comparison of two configurations.

PutMetricAlarm replaces an alarm's whole configuration, so the configuration to send is the alarm's current one
with the options the user set laid over it; an option left unset keeps its current value.  Two configurations are
compared in a canonical form: dimensions and actions are sets, the queries of a metric math alarm are keyed by
their id, and the defaults CloudWatch applies (ReturnData true, TreatMissingData ``missing``, ActionsEnabled
true) are spelled out, so that what CloudWatch reads back never looks different from what was sent.

It imports nothing of botocore.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

# botocore's cloudwatch model: ComparisonOperator (without the anomaly detection operators), Statistic,
# TreatMissingData (the values AWS documents for it) and StandardUnit.
COMPARISON_OPERATORS = [
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
]
STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"]
EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE = ["evaluate", "ignore"]
UNITS = [
    "Seconds",
    "Microseconds",
    "Milliseconds",
    "Bytes",
    "Kilobytes",
    "Megabytes",
    "Gigabytes",
    "Terabytes",
    "Bits",
    "Kilobits",
    "Megabits",
    "Gigabits",
    "Terabits",
    "Percent",
    "Count",
    "Bytes/Second",
    "Kilobytes/Second",
    "Megabytes/Second",
    "Gigabytes/Second",
    "Terabytes/Second",
    "Bits/Second",
    "Kilobits/Second",
    "Megabits/Second",
    "Gigabits/Second",
    "Terabits/Second",
    "Count/Second",
    "None",
]

# What CloudWatch uses when PutMetricAlarm leaves these out (PutMetricAlarm and MetricDataQuery references).
DEFAULT_TREAT_MISSING_DATA = "missing"
DEFAULT_ACTIONS_ENABLED = True
DEFAULT_RETURN_DATA = True

# Option of cloudwatch_metric_alarm -> PutMetricAlarm parameter, for the settings sent as they are.
SCALAR_SETTINGS = {
    "description": "AlarmDescription",
    "actions_enabled": "ActionsEnabled",
    "metric_name": "MetricName",
    "namespace": "Namespace",
    "statistic": "Statistic",
    "extended_statistic": "ExtendedStatistic",
    "period": "Period",
    "unit": "Unit",
    "evaluation_periods": "EvaluationPeriods",
    "datapoints_to_alarm": "DatapointsToAlarm",
    "comparison": "ComparisonOperator",
    "treat_missing_data": "TreatMissingData",
    "evaluate_low_sample_count_percentile": "EvaluateLowSampleCountPercentile",
}
ACTION_SETTINGS = {
    "alarm_actions": "AlarmActions",
    "ok_actions": "OKActions",
    "insufficient_data_actions": "InsufficientDataActions",
}
# The parameters of an alarm that watches one metric; an alarm on a metric math expression has Metrics instead.
SINGLE_METRIC_KEYS = ("MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit")
# Every PutMetricAlarm parameter the module manages (Tags are managed with TagResource and UntagResource).
CONFIG_KEYS = tuple(
    dict.fromkeys(
        ("AlarmName", "Threshold", "Metrics", *SCALAR_SETTINGS.values(), *ACTION_SETTINGS.values(), *SINGLE_METRIC_KEYS)
    )
)

# MetricDataQuery Id: starts with a lower-case letter, then letters, digits and underscores (AWS reference).
QUERY_ID = re.compile(r"^[a-z][A-Za-z0-9_]*$")
# PutMetricAlarm Period and MetricStat Period: 10, 20, 30 or a multiple of 60 seconds.
HIGH_RESOLUTION_PERIODS = (10, 20, 30)
ALARM_NAME_MAX_LENGTH = 255


def _period_problem(option, period):
    if period is None or period in HIGH_RESOLUTION_PERIODS or (period > 0 and period % 60 == 0):
        return []
    return [f"{option} must be 10, 20, 30 or a multiple of 60 seconds, not {period}."]


def _query_problems(index, query):
    option = f"metrics[{index}]"
    problems = []
    if not QUERY_ID.match(query["id"] or ""):
        problems.append(
            f"{option}.id must start with a lower-case letter and hold only letters, digits and underscores,"
            f" not {query['id']!r}."
        )
    if bool(query.get("expression")) == bool(query.get("metric_stat")):
        problems.append(f"{option} must have exactly one of expression and metric_stat.")
    if query.get("metric_stat"):
        problems += _period_problem(f"{option}.metric_stat.period", query["metric_stat"]["period"])
    problems += _period_problem(f"{option}.period", query.get("period"))
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    name = params["name"]
    if not 1 <= len(name) <= ALARM_NAME_MAX_LENGTH:
        problems.append(f"name must be 1 to {ALARM_NAME_MAX_LENGTH} characters, not {len(name)}.")
    if params["state"] == "absent":
        return problems

    metrics = params.get("metrics")
    if not params.get("metric_name") and not metrics:
        problems.append("state=present needs the metric to watch: metric_name, or metrics for a metric math alarm.")
    if params.get("metric_name") and not (
        params.get("namespace")
        and params.get("period")
        and (params.get("statistic") or params.get("extended_statistic"))
    ):
        problems.append("metric_name needs namespace, period and one of statistic and extended_statistic.")
    problems += _period_problem("period", params.get("period"))
    if metrics:
        for index, query in enumerate(metrics):
            problems += _query_problems(index, query)
        ids = [query["id"] for query in metrics]
        duplicates = sorted({query_id for query_id in ids if ids.count(query_id) > 1})
        if duplicates:
            problems.append(f"metrics ids must be unique; repeated: {', '.join(duplicates)}.")
        returned = [query["id"] for query in metrics if query.get("return_data") is not False]
        if len(returned) != 1:
            problems.append(
                "metrics must have exactly one query whose result the alarm watches (return_data true or unset),"
                f" the others return_data false; found {len(returned)}: {', '.join(returned) or 'none'}."
            )
    evaluation_periods = params.get("evaluation_periods")
    if evaluation_periods is not None and evaluation_periods < 1:
        problems.append(f"evaluation_periods must be at least 1, not {evaluation_periods}.")
    datapoints = params.get("datapoints_to_alarm")
    if datapoints is not None and not 1 <= datapoints <= (evaluation_periods or datapoints):
        problems.append(
            f"datapoints_to_alarm must be between 1 and evaluation_periods ({evaluation_periods}), not {datapoints}."
        )
    return problems


def dimensions_to_api(dimensions):
    """A dimensions dict as the API's list of Name/Value pairs, sorted by name."""
    return [{"Name": name, "Value": str(value)} for name, value in sorted((dimensions or {}).items())]


def dimensions_from_api(dimensions):
    return {dimension["Name"]: dimension["Value"] for dimension in dimensions or []}


def _without_none(values):
    return {key: value for key, value in values.items() if value is not None}


def query_to_api(query):
    """One entry of the metrics option as a MetricDataQuery, ReturnData spelled out."""
    api_query = _without_none(
        {
            "Id": query["id"],
            "Expression": query.get("expression"),
            "Label": query.get("label"),
            "Period": query.get("period"),
            "AccountId": query.get("account_id"),
        }
    )
    return_data = query.get("return_data")
    api_query["ReturnData"] = DEFAULT_RETURN_DATA if return_data is None else return_data
    stat = query.get("metric_stat")
    if stat:
        metric = stat["metric"]
        api_metric = _without_none({"Namespace": metric.get("namespace"), "MetricName": metric["metric_name"]})
        if metric.get("dimensions"):
            api_metric["Dimensions"] = dimensions_to_api(metric["dimensions"])
        api_query["MetricStat"] = _without_none(
            {"Metric": api_metric, "Period": stat["period"], "Stat": stat["stat"], "Unit": stat.get("unit")}
        )
    return api_query


def alarm_config(alarm):
    """The PutMetricAlarm parameters of an alarm DescribeAlarms returned (None: no alarm), without empty values."""
    if not alarm:
        return None
    config = {key: deepcopy(alarm[key]) for key in CONFIG_KEYS if alarm.get(key) not in (None, [])}
    for key in ACTION_SETTINGS.values():
        config.setdefault(key, [])
    return config


def desired_config(current, params):
    """The PutMetricAlarm parameters that give the alarm what params ask for.

    :param current: the alarm's configuration (alarm_config), None when there is no alarm
    :param params: the module's options; an option left unset (None) keeps the current value
    """
    config = deepcopy(current) if current else {"AlarmName": params["name"]}
    if params.get("metrics"):
        for key in SINGLE_METRIC_KEYS:
            config.pop(key, None)
        config["Metrics"] = [query_to_api(query) for query in params["metrics"]]
    if params.get("metric_name"):
        config.pop("Metrics", None)
    if params.get("statistic"):
        config.pop("ExtendedStatistic", None)
    if params.get("extended_statistic"):
        config.pop("Statistic", None)
    for option, key in SCALAR_SETTINGS.items():
        if params.get(option) is not None:
            config[key] = params[option]
    for option, key in ACTION_SETTINGS.items():
        if params.get(option) is not None:
            config[key] = list(params[option])
        else:
            config.setdefault(key, [])
    if params.get("dimensions") is not None:
        config["Dimensions"] = dimensions_to_api(params["dimensions"])
        if not config["Dimensions"]:
            config.pop("Dimensions")
    if params.get("threshold") is not None:
        config["Threshold"] = float(params["threshold"])
    return config


def _canonical_query(query):
    canonical = deepcopy(query)
    canonical.setdefault("ReturnData", DEFAULT_RETURN_DATA)
    metric = canonical.get("MetricStat", {}).get("Metric")
    if metric is not None:
        metric["Dimensions"] = sorted(metric.get("Dimensions") or [], key=lambda d: (d["Name"], d["Value"]))
    return canonical


def canonical_config(config):
    """A configuration in the form two configurations are compared in (see the module's docstring)."""
    canonical = {key: value for key, value in deepcopy(config).items() if value not in (None, [])}
    canonical.setdefault("TreatMissingData", DEFAULT_TREAT_MISSING_DATA)
    canonical.setdefault("ActionsEnabled", DEFAULT_ACTIONS_ENABLED)
    for key in ACTION_SETTINGS.values():
        canonical[key] = sorted(set(canonical.get(key) or []))
    if "Dimensions" in canonical:
        canonical["Dimensions"] = sorted(canonical["Dimensions"], key=lambda d: (d["Name"], d["Value"]))
    if "Metrics" in canonical:
        canonical["Metrics"] = {query["Id"]: _canonical_query(query) for query in canonical["Metrics"]}
    if "Threshold" in canonical:
        canonical["Threshold"] = float(canonical["Threshold"])
    return canonical


def config_differences(current, desired):
    """The PutMetricAlarm parameters whose values differ between two configurations, sorted."""
    before, after = canonical_config(current or {}), canonical_config(desired)
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))


def _query_to_result(query):
    result = camel_dict_to_snake_dict(query)
    metric = result.get("metric_stat", {}).get("metric")
    if metric is not None and "dimensions" in metric:
        metric["dimensions"] = dimensions_from_api(query["MetricStat"]["Metric"]["Dimensions"])
    return result


def alarm_to_result(alarm, tags):
    """An alarm (as DescribeAlarms returns it, dates as strings, or a configuration) as the modules return it:
    snake_case keys, with dimensions and tags as dicts."""
    result = camel_dict_to_snake_dict(
        {key: value for key, value in alarm.items() if key not in ("Metrics", "Dimensions")}
    )
    result["dimensions"] = dimensions_from_api(alarm.get("Dimensions"))
    result["metrics"] = [_query_to_result(query) for query in alarm.get("Metrics") or []]
    result["tags"] = dict(tags or {})
    return result
