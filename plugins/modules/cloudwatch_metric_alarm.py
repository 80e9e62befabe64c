#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatch_metric_alarm
version_added: 0.7.0
short_description: Manage CloudWatch metric alarms, metric math alarms included
description:
  - Create, update and delete Amazon CloudWatch metric alarms, on one metric or on a metric math expression.
  - The alarm's configuration is compared with what was asked, setting by setting, and written with
    C(PutMetricAlarm) only when something differs. Dimensions and actions are compared as sets, the queries of
    a metric math alarm by their O(metrics[].id), and the defaults CloudWatch applies are taken into account,
    so a converged alarm is never reported as changed.
  - On an existing alarm, an option left unset keeps the alarm's current value.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the alarm, 1 to 255 characters, unique in the account and region.
    type: str
    required: true
    aliases: ["alarm_name"]
  state:
    description:
      - Whether the alarm should exist.
    type: str
    choices: ["present", "absent"]
    default: present
  description:
    description:
      - The description of the alarm; say in it what to look at first when it fires.
    type: str
  metric_name:
    description:
      - The name of the metric the alarm watches, for an alarm on one metric.
      - With it, O(namespace), O(period) and one of O(statistic) and O(extended_statistic) are required.
      - Mutually exclusive with O(metrics).
    type: str
    aliases: ["metric"]
  namespace:
    description:
      - The namespace of O(metric_name), for example C(AWS/RDS).
    type: str
  statistic:
    description:
      - The statistic of O(metric_name) the alarm compares with O(threshold).
      - Mutually exclusive with O(extended_statistic).
    type: str
    choices: ["SampleCount", "Average", "Sum", "Minimum", "Maximum"]
  extended_statistic:
    description:
      - A percentile statistic of O(metric_name), for example V(p95).
      - Mutually exclusive with O(statistic).
    type: str
  dimensions:
    description:
      - The dimensions of O(metric_name), as a dict of dimension name to value. Their order does not matter.
      - V({}) removes every dimension of an existing alarm.
    type: dict
  period:
    description:
      - The length, in seconds, of the period over which O(metric_name) is evaluated.
      - 10, 20, 30 or a multiple of 60.
    type: int
  unit:
    description:
      - The unit of O(metric_name).
    type: str
    choices: ["Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
              "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count",
              "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
              "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
              "Count/Second", "None"]
  metrics:
    description:
      - The queries of a metric math alarm, for example a 5xx rate computed as 5xx responses divided by requests.
      - Exactly one query has O(metrics[].return_data) true or unset; its result is what the alarm compares with
        O(threshold). The others set O(metrics[].return_data=false).
      - Mutually exclusive with O(metric_name).
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - The name of the query, used in expressions; a lower-case letter first, then letters, digits and
            underscores.
        type: str
        required: true
      expression:
        description:
          - A metric math expression over the other queries' ids, for example C(100 * errors / requests).
          - Exactly one of O(metrics[].expression) and O(metrics[].metric_stat) is required.
        type: str
      metric_stat:
        description:
          - The metric this query reads.
        type: dict
        suboptions:
          metric:
            description: The metric.
            type: dict
            required: true
            suboptions:
              namespace:
                description: The namespace of the metric.
                type: str
              metric_name:
                description: The name of the metric.
                type: str
                required: true
              dimensions:
                description: The dimensions of the metric, as a dict of name to value.
                type: dict
          period:
            description: The period of the metric, in seconds; 10, 20, 30 or a multiple of 60.
            type: int
            required: true
          stat:
            description: The statistic, for example V(Sum) or V(p95).
            type: str
            required: true
          unit:
            description: The unit of the metric.
            type: str
      label:
        description: A human-readable label for the query.
        type: str
      return_data:
        description:
          - Whether the alarm watches this query's result. Unset means true.
        type: bool
      period:
        description: The period of an expression query whose result has its own granularity, in seconds.
        type: int
      account_id:
        description: The account the metric is in, for a cross-account alarm.
        type: str
  comparison:
    description:
      - How the watched value is compared with O(threshold).
    type: str
    choices: ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
              "LessThanOrEqualToThreshold"]
    aliases: ["comparison_operator"]
  threshold:
    description:
      - The value the watched value is compared with.
    type: float
  evaluation_periods:
    description:
      - The number of periods over which the value is compared with O(threshold).
    type: int
  datapoints_to_alarm:
    description:
      - The number of breaching data points, out of O(evaluation_periods), that put the alarm in ALARM.
    type: int
  treat_missing_data:
    description:
      - How missing data points are treated. CloudWatch uses V(missing) when it is never set.
    type: str
    choices: ["breaching", "notBreaching", "ignore", "missing"]
  evaluate_low_sample_count_percentile:
    description:
      - For a percentile alarm, whether periods with too few data points are evaluated.
    type: str
    choices: ["evaluate", "ignore"]
  actions_enabled:
    description:
      - Whether the alarm's actions run when its state changes. CloudWatch uses V(true) when it is never set.
    type: bool
  alarm_actions:
    description:
      - The ARNs of the actions (such as SNS topics) run when the alarm goes to ALARM. Their order does not matter.
      - V([]) removes them all.
    type: list
    elements: str
  ok_actions:
    description:
      - The ARNs of the actions run when the alarm goes to OK. V([]) removes them all.
    type: list
    elements: str
  insufficient_data_actions:
    description:
      - The ARNs of the actions run when the alarm goes to INSUFFICIENT_DATA. V([]) removes them all.
    type: list
    elements: str
notes:
  - This module replaces M(amazon.aws.cloudwatch_metric_alarm). In amazon.aws 10.1.2 that module reports a metric
    math alarm (O(metrics)) as changed, and rewrites it, on every run, because it leaves the queries out of the
    comparison of what it reads; it returns no diff, has no tags and returns nothing for a new alarm in check mode.
  - O(state=present) needs O(comparison), O(threshold), O(evaluation_periods) and the metric on every run,
    because C(PutMetricAlarm) replaces an alarm's whole configuration.
  - Tags are written with C(TagResource) and C(UntagResource) on an existing alarm (C(PutMetricAlarm) ignores
    them then), so the caller needs C(cloudwatch:ListTagsForResource), C(cloudwatch:TagResource) and
    C(cloudwatch:UntagResource) besides C(cloudwatch:DescribeAlarms), C(cloudwatch:PutMetricAlarm) and
    C(cloudwatch:DeleteAlarms).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Alarm when the database CPU stays above 80% for 10 minutes
  appstack.aws.cloudwatch_metric_alarm:
    name: shop-prod-db-cpu
    description: Database CPU above 80% for 10 minutes. Look first at Performance Insights' top SQL.
    namespace: AWS/RDS
    metric_name: CPUUtilization
    dimensions:
      DBInstanceIdentifier: shop-prod
    statistic: Average
    period: 300
    evaluation_periods: 2
    comparison: GreaterThanThreshold
    threshold: 80
    treat_missing_data: missing
    alarm_actions: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    ok_actions: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    tags:
      Environment: prod

- name: Alarm when the backend 5xx rate stays above 5% for 5 minutes (metric math)
  appstack.aws.cloudwatch_metric_alarm:
    name: shop-prod-5xx-rate
    description: Backend 5xx rate above 5% for 5 minutes. Look first at the application logs.
    comparison: GreaterThanThreshold
    threshold: 5
    evaluation_periods: 5
    treat_missing_data: notBreaching
    alarm_actions: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    ok_actions: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    metrics:
      - id: rate
        expression: 100 * errors / requests
        label: 5xx rate (%)
      - id: errors
        return_data: false
        metric_stat:
          metric:
            namespace: AWS/AppRunner
            metric_name: 5xxStatusResponses
            dimensions: {ServiceName: shop-prod, ServiceID: 0123456789abcdef}
          period: 60
          stat: Sum
      - id: requests
        return_data: false
        metric_stat:
          metric:
            namespace: AWS/AppRunner
            metric_name: Requests
            dimensions: {ServiceName: shop-prod, ServiceID: 0123456789abcdef}
          period: 60
          stat: Sum

- name: Delete an alarm
  appstack.aws.cloudwatch_metric_alarm:
    name: shop-dev-db-cpu
    state: absent
"""

RETURN = r"""
alarm:
  description:
    - The alarm, with the keys of C(DescribeAlarms) in snake_case.
    - In check mode, the alarm as it would be; values only CloudWatch gives (the ARN and state of a new alarm)
      are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    alarm_name:
      description: The name of the alarm.
      returned: always
      type: str
      sample: shop-prod-5xx-rate
    alarm_arn:
      description: The ARN of the alarm.
      returned: when the alarm exists
      type: str
      sample: arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-prod-5xx-rate
    alarm_description:
      description: The description of the alarm.
      returned: when set
      type: str
      sample: Backend 5xx rate above 5% for 5 minutes. Look first at the application logs.
    actions_enabled:
      description: Whether the alarm's actions run.
      returned: when the alarm exists or the option is set
      type: bool
      sample: true
    alarm_actions:
      description: The actions run when the alarm goes to ALARM.
      returned: always
      type: list
      elements: str
      sample: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    ok_actions:
      description: The actions run when the alarm goes to OK.
      returned: always
      type: list
      elements: str
      sample: ["arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"]
    insufficient_data_actions:
      description: The actions run when the alarm goes to INSUFFICIENT_DATA.
      returned: always
      type: list
      elements: str
      sample: []
    metric_name:
      description: The metric of an alarm on one metric.
      returned: for an alarm on one metric
      type: str
      sample: CPUUtilization
    namespace:
      description: The namespace of RV(alarm.metric_name).
      returned: for an alarm on one metric
      type: str
      sample: AWS/RDS
    statistic:
      description: The statistic of RV(alarm.metric_name).
      returned: for an alarm on a statistic
      type: str
      sample: Average
    extended_statistic:
      description: The percentile of RV(alarm.metric_name).
      returned: for an alarm on a percentile
      type: str
      sample: p95
    dimensions:
      description: The dimensions of RV(alarm.metric_name), as a dict.
      returned: always
      type: dict
      sample: {"DBInstanceIdentifier": "shop-prod"}
    period:
      description: The period of RV(alarm.metric_name), in seconds.
      returned: for an alarm on one metric
      type: int
      sample: 300
    unit:
      description: The unit of RV(alarm.metric_name).
      returned: when set
      type: str
      sample: Percent
    metrics:
      description: The queries of a metric math alarm, shaped as the O(metrics) option (empty for one metric).
      returned: always
      type: list
      elements: dict
      sample: [{"id": "rate", "expression": "100 * errors / requests", "return_data": true}]
    comparison_operator:
      description: How the watched value is compared with RV(alarm.threshold).
      returned: always
      type: str
      sample: GreaterThanThreshold
    threshold:
      description: The threshold.
      returned: always
      type: float
      sample: 5.0
    evaluation_periods:
      description: The number of periods evaluated.
      returned: always
      type: int
      sample: 5
    datapoints_to_alarm:
      description: The number of breaching data points that put the alarm in ALARM.
      returned: when set
      type: int
      sample: 3
    treat_missing_data:
      description: How missing data points are treated.
      returned: when the alarm exists or the option is set
      type: str
      sample: notBreaching
    evaluate_low_sample_count_percentile:
      description: Whether periods with too few data points are evaluated, for a percentile alarm.
      returned: when set
      type: str
      sample: ignore
    state_value:
      description: The state of the alarm.
      returned: when the alarm exists
      type: str
      sample: OK
    state_reason:
      description: Why the alarm is in its state.
      returned: when the alarm exists
      type: str
      sample: "Unchecked: Initial alarm creation"
    alarm_configuration_updated_timestamp:
      description: When the alarm's configuration last changed.
      returned: when the alarm exists
      type: str
      sample: "2024-01-01T00:00:00+00:00"
    tags:
      description: The tags of the alarm.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_alarm_plan import (
    COMPARISON_OPERATORS,
    CONFIG_KEYS,
    EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE,
    STATISTICS,
    TREAT_MISSING_DATA,
    UNITS,
    alarm_config,
    alarm_to_result,
    config_differences,
    desired_config,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_alarms import (
    AnsibleCloudWatchError,
    delete_alarm,
    get_metric_alarm,
    put_metric_alarm,
    tag_resource,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def _with_config(alarm, config):
    """The alarm read, with its configuration replaced by config (keys config lacks are gone)."""
    kept = {key: value for key, value in (alarm or {}).items() if key not in CONFIG_KEYS}
    return {**kept, **config}


def ensure_present(client, current, current_tags, params, check_mode):
    """Bring the alarm to what params ask for.

    :param current: the alarm as DescribeAlarms returns it, None when there is none
    :return: (changed, (the alarm as it is expected to be, its tags))
    """
    config = desired_config(alarm_config(current), params)
    if current is None:
        tags = plan_tags({}, params["tags"], True).result
        if not check_mode:
            put_metric_alarm(client, config, tags=tags)
        return True, (config, tags)

    changed = bool(config_differences(alarm_config(current), config))
    if changed and not check_mode:
        put_metric_alarm(client, config)
    tags_changed, tagged = ensure_tags(
        {"tags": current_tags},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(tag_resource, client, current["AlarmArn"]),
        untag=partial(untag_resource, client, current["AlarmArn"]),
    )
    return changed or tags_changed, (_with_config(current, config), tagged["tags"])


def ensure_absent(client, current, check_mode):
    """Delete the alarm; returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        delete_alarm(client, current["AlarmName"])
    return True, None


def config_view(alarm, tags):
    """The configuration part of an alarm and its tags, as the diff shows them."""
    if alarm is None:
        return {}
    return alarm_to_result(alarm_config(alarm), tags)


def main():
    query_spec = dict(
        id=dict(type="str", required=True),
        expression=dict(type="str"),
        metric_stat=dict(
            type="dict",
            options=dict(
                metric=dict(
                    type="dict",
                    required=True,
                    options=dict(
                        namespace=dict(type="str"),
                        metric_name=dict(type="str", required=True),
                        dimensions=dict(type="dict"),
                    ),
                ),
                period=dict(type="int", required=True),
                stat=dict(type="str", required=True),
                unit=dict(type="str"),
            ),
        ),
        label=dict(type="str"),
        return_data=dict(type="bool"),
        period=dict(type="int"),
        account_id=dict(type="str"),
    )
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["alarm_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        description=dict(type="str"),
        metric_name=dict(type="str", aliases=["metric"]),
        namespace=dict(type="str"),
        statistic=dict(type="str", choices=STATISTICS),
        extended_statistic=dict(type="str"),
        dimensions=dict(type="dict"),
        period=dict(type="int"),
        unit=dict(type="str", choices=UNITS),
        metrics=dict(type="list", elements="dict", options=query_spec),
        comparison=dict(type="str", choices=COMPARISON_OPERATORS, aliases=["comparison_operator"]),
        threshold=dict(type="float"),
        evaluation_periods=dict(type="int"),
        datapoints_to_alarm=dict(type="int"),
        treat_missing_data=dict(type="str", choices=TREAT_MISSING_DATA),
        evaluate_low_sample_count_percentile=dict(type="str", choices=EVALUATE_LOW_SAMPLE_COUNT_PERCENTILE),
        actions_enabled=dict(type="bool"),
        alarm_actions=dict(type="list", elements="str"),
        ok_actions=dict(type="list", elements="str"),
        insufficient_data_actions=dict(type="list", elements="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        required_if=[["state", "present", ["comparison", "threshold", "evaluation_periods"]]],
        mutually_exclusive=[
            ["metric_name", "metrics"],
            ["dimensions", "metrics"],
            ["namespace", "metrics"],
            ["period", "metrics"],
            ["statistic", "metrics"],
            ["extended_statistic", "metrics"],
            ["unit", "metrics"],
            ["statistic", "extended_statistic"],
        ],
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current, current_tags = get_metric_alarm(client, params["name"])
        if params["state"] == "absent":
            changed, _ = ensure_absent(client, current, module.check_mode)
            after = {}
        else:
            changed, (alarm, tags) = ensure_present(client, current, current_tags, params, module.check_mode)
            after = config_view(alarm, tags)
            if changed and not module.check_mode:
                read, read_tags = get_metric_alarm(client, params["name"])
                if read:
                    alarm, tags = read, read_tags
            result["alarm"] = alarm_to_result(alarm, tags)
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": config_view(current, current_tags), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
