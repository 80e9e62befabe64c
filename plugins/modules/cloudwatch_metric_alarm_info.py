#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatch_metric_alarm_info
version_added: 0.7.0
short_description: Read CloudWatch metric alarms
description:
  - Read Amazon CloudWatch metric alarms, metric math alarms included, with their tags, shaped as
    M(appstack.aws.cloudwatch_metric_alarm) returns them.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  names:
    description:
      - The names of the alarms to read. Names with no alarm are left out of the result.
      - Mutually exclusive with O(name_prefix). Without either, every metric alarm is read.
    type: list
    elements: str
    aliases: ["alarm_names"]
  name_prefix:
    description:
      - Read the alarms whose name starts with this prefix.
    type: str
    aliases: ["alarm_name_prefix"]
notes:
  - Reads each alarm's tags with C(ListTagsForResource), one call per alarm.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the alarms of an environment
  appstack.aws.cloudwatch_metric_alarm_info:
    name_prefix: shop-prod-
  register: shop_prod_alarms

- name: Read two alarms
  appstack.aws.cloudwatch_metric_alarm_info:
    names:
      - shop-prod-5xx-rate
      - shop-prod-db-cpu
"""

RETURN = r"""
alarms:
  description:
    - The metric alarms, shaped as RV(appstack.aws.cloudwatch_metric_alarm#module:alarm) (see that module for
      every key), sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    alarm_name:
      description: The name of the alarm.
      returned: always
      type: str
      sample: shop-prod-5xx-rate
    alarm_arn:
      description: The ARN of the alarm.
      returned: always
      type: str
      sample: arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop-prod-5xx-rate
    metrics:
      description: The queries of a metric math alarm (empty for an alarm on one metric).
      returned: always
      type: list
      elements: dict
      sample: [{"id": "rate", "expression": "100 * errors / requests", "return_data": true}]
    dimensions:
      description: The dimensions of an alarm on one metric, as a dict.
      returned: always
      type: dict
      sample: {"DBInstanceIdentifier": "shop-prod"}
    threshold:
      description: The threshold.
      returned: always
      type: float
      sample: 5.0
    state_value:
      description: The state of the alarm.
      returned: always
      type: str
      sample: OK
    tags:
      description: The tags of the alarm.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_alarm_plan import alarm_to_result
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_alarms import (
    AnsibleCloudWatchError,
    describe_metric_alarms,
    list_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def find_alarms(client, names=None, name_prefix=None):
    """The metric alarms asked for, as the module returns them, sorted by name."""
    if names == []:
        return []
    alarms = describe_metric_alarms(client, names=names, prefix=name_prefix)
    return [
        alarm_to_result(alarm, list_tags(client, alarm["AlarmArn"]))
        for alarm in sorted(alarms, key=lambda alarm: alarm["AlarmName"])
    ]


def main():
    argument_spec = dict(
        names=dict(type="list", elements="str", aliases=["alarm_names"]),
        name_prefix=dict(type="str", aliases=["alarm_name_prefix"]),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["names", "name_prefix"]],
    )
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())
    try:
        alarms = find_alarms(client, names=module.params["names"], name_prefix=module.params["name_prefix"])
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, alarms=alarms)


if __name__ == "__main__":
    main()
