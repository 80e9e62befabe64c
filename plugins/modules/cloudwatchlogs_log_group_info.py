#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatchlogs_log_group_info
version_added: 0.1.0
short_description: Describe CloudWatch Logs log groups
description:
  - Describe Amazon CloudWatch Logs log groups, with their tags.
  - Gives one log group by its exact name, the log groups whose names start with a prefix, or all
    the log groups of the region.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  log_group_name:
    description:
      - The exact name of the log group to describe.
      - Unlike O(amazon.aws.cloudwatchlogs_log_group_info#module:log_group_name), this is not a prefix;
        use O(log_group_name_prefix) for that.
      - Mutually exclusive with O(log_group_name_prefix).
    type: str
    aliases: ["name"]
  log_group_name_prefix:
    description:
      - Describe the log groups whose names start with this prefix.
      - Mutually exclusive with O(log_group_name).
    type: str
notes:
  - This module is the info twin of M(appstack.aws.cloudwatchlogs_log_group), which replaces
    M(amazon.aws.cloudwatchlogs_log_group) because in amazon.aws 10.1.2 that module changes the retention of a
    log group even in check mode and can delete a log group when given a retention CloudWatch Logs refuses.
  - With neither option, every log group of the region is described.
  - The tags of each log group are read with C(ListTagsForResource), one call per log group.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Describe one log group
  appstack.aws.cloudwatchlogs_log_group_info:
    log_group_name: /appstack/prod/vpc-flow-logs
  register: flow_log_group

- name: Describe the log groups of the prod environment
  appstack.aws.cloudwatchlogs_log_group_info:
    log_group_name_prefix: /appstack/prod/
  register: prod_log_groups

- name: Describe every log group of the region
  appstack.aws.cloudwatchlogs_log_group_info:
  register: all_log_groups
"""

RETURN = r"""
log_groups:
  description: The log groups found, sorted by name; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    log_group_name:
      description: The name of the log group.
      returned: always
      type: str
      sample: /appstack/prod/vpc-flow-logs
    arn:
      description: The ARN of the log group, with a trailing C(:*).
      returned: always
      type: str
      sample: "arn:aws:logs:us-east-1:123456789012:log-group:/appstack/prod/vpc-flow-logs:*"
    log_group_arn:
      description: The ARN of the log group, without a trailing C(:*).
      returned: always
      type: str
      sample: "arn:aws:logs:us-east-1:123456789012:log-group:/appstack/prod/vpc-flow-logs"
    retention_in_days:
      description: The number of days log events are kept.
      returned: when the log group has a retention policy
      type: int
      sample: 90
    kms_key_id:
      description: The ARN of the KMS key that encrypts the log group's data.
      returned: when a KMS key is associated with the log group
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    creation_time:
      description: When the log group was created, in milliseconds since the Unix epoch.
      returned: always
      type: int
      sample: 1700000000000
    stored_bytes:
      description: The number of bytes stored in the log group.
      returned: always
      type: int
      sample: 1024
    metric_filter_count:
      description: The number of metric filters of the log group.
      returned: always
      type: int
      sample: 0
    log_group_class:
      description: The class of the log group.
      returned: when CloudWatch Logs reports it
      type: str
      sample: STANDARD
    retention_policy_name:
      description: The account-level retention policy that sets RV(log_groups[].retention_in_days).
      returned: when an account-level retention policy applies to the log group
      type: str
      sample: org-retention
    deletion_protection_enabled:
      description: Whether deletion protection is enabled on the log group.
      returned: when CloudWatch Logs reports it
      type: bool
      sample: false
    tags:
      description: The tags of the log group.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatchlogs import (
    AnsibleCloudWatchLogsError,
    get_log_group,
    list_log_groups,
    log_group_name_problems,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def find_log_groups(client, log_group_name=None, log_group_name_prefix=None):
    """The log groups asked for, as snake_case dicts with tags."""
    if log_group_name:
        log_group = get_log_group(client, log_group_name)
        return [log_group] if log_group else []
    return list_log_groups(client, prefix=log_group_name_prefix)


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return log_group_name_problems(params["log_group_name"]) + log_group_name_problems(
        params["log_group_name_prefix"], option="log_group_name_prefix"
    )


def main():
    argument_spec = dict(
        log_group_name=dict(type="str", aliases=["name"]),
        log_group_name_prefix=dict(type="str"),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["log_group_name", "log_group_name_prefix"]],
    )
    module.fail_on_invalid(validate(module.params))
    client = module.client("logs", retry_decorator=AWSRetry.jittered_backoff())

    try:
        log_groups = find_log_groups(
            client,
            log_group_name=module.params["log_group_name"],
            log_group_name_prefix=module.params["log_group_name_prefix"],
        )
    except AnsibleCloudWatchLogsError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, log_groups=log_groups)


if __name__ == "__main__":
    main()
