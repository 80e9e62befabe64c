# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudWatch metric alarm helpers shared by appstack.aws.cloudwatch_metric_alarm and its _info twin.

Every API helper expects a client created with
``module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleCloudWatchError, which a module turns into a failure with ``fail_json_aws_error``.
Alarms are read as DescribeAlarms returns them, dates as strings; ``cloudwatch_alarm_plan.alarm_to_result``
turns one into what the modules return.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch import (  # noqa: F401 (the modules import them here)
    AnsibleCloudWatchError,
    CloudWatchErrorHandler,
    list_tags,
    tag_resource,
    untag_resource,
)


@CloudWatchErrorHandler.list_error_handler("describe metric alarms", [])
@AWSRetry.jittered_backoff()
def describe_metric_alarms(client, names=None, prefix=None):
    """The metric alarms named (or whose name starts with prefix; every one without either), dates as strings."""
    params = {"AlarmTypes": ["MetricAlarm"]}
    if names:
        params["AlarmNames"] = list(names)
    if prefix:
        params["AlarmNamePrefix"] = prefix
    paginator = client.get_paginator("describe_alarms")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("MetricAlarms", []))


def get_metric_alarm(client, name):
    """(the metric alarm named exactly name, its tags), or (None, {})."""
    for alarm in describe_metric_alarms(client, names=[name]):
        if alarm["AlarmName"] == name:
            return alarm, list_tags(client, alarm["AlarmArn"])
    return None, {}


@CloudWatchErrorHandler.common_error_handler("put metric alarm")
def put_metric_alarm(client, config, tags=None):
    """Create or replace an alarm with a configuration (alarm_config's keys); tags apply to a new alarm only."""
    params = dict(config)
    if tags:
        params["Tags"] = ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})
    client.put_metric_alarm(aws_retry=True, **params)
    return True


@CloudWatchErrorHandler.deletion_error_handler("delete metric alarm")
def delete_alarm(client, name):
    client.delete_alarms(AlarmNames=[name], aws_retry=True)
    return True
