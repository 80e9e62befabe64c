#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatchlogs_log_group
version_added: 0.1.0
short_description: Manage CloudWatch Logs log groups
description:
  - Create, update and delete Amazon CloudWatch Logs log groups.
  - On an existing log group, only the settings given are compared and changed; an option left unset
    leaves that setting as it is.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  log_group_name:
    description:
      - The name of the log group.
      - 1 to 512 letters, digits or the characters C(.), C(-), C(_), C(/) and C(#).
    type: str
    required: true
    aliases: ["name"]
  state:
    description:
      - Whether the log group should exist.
      - O(state=absent) deletes the log group B(and every log event stored in it).
    type: str
    choices: ["present", "absent"]
    default: present
  retention:
    description:
      - The number of days to keep log events, one of the values CloudWatch Logs accepts.
      - When not set, the retention of an existing log group is left as it is, and a new log group
        keeps its events forever.
      - Mutually exclusive with O(purge_retention_policy).
      - A log group of class V(DELIVERY) always keeps its events for one day.
    type: int
    choices: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
  purge_retention_policy:
    description:
      - Remove the log group's retention policy, so that its log events never expire.
      - Mutually exclusive with O(retention).
    type: bool
    default: false
  kms_key_id:
    description:
      - The ARN of the symmetric KMS key that encrypts the log group's data.
      - Give the key ARN, not an alias; it is compared as a string with the key ARN that
        CloudWatch Logs reports.
      - When it differs from the key of an existing log group, the new key is associated with the log group.
        Data already stored stays encrypted with the key it was written with.
      - When not set, the key of an existing log group is left as it is.
      - Mutually exclusive with O(purge_kms_key).
    type: str
  purge_kms_key:
    description:
      - Disassociate the KMS key from the log group; new log data is then encrypted by CloudWatch Logs
        with its default method.
      - Mutually exclusive with O(kms_key_id).
    type: bool
    default: false
  log_group_class:
    description:
      - The class of the log group, used only when the log group is created.
      - CloudWatch Logs can't change the class of an existing log group. If it differs from the class of
        the existing log group, the module fails without changing anything; to change the class, delete the
        log group (O(state=absent), which deletes its log events) and create it again.
      - When not set, a new log group is created with class V(STANDARD) and the class of an existing log group
        is not checked.
    type: str
    choices: ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY", "ESSENTIALS"]
notes:
  - This module replaces M(amazon.aws.cloudwatchlogs_log_group). In amazon.aws 10.1.2 that module changes
    the retention of a log group even in check mode, and when given a retention that CloudWatch Logs refuses
    for an existing log group, it deletes the log group before failing. Here check mode makes no change,
    and O(retention) is validated before any API call.
  - The tags are read and written with the C(ListTagsForResource), C(TagResource) and C(UntagResource) APIs,
    so the caller needs C(logs:ListTagsForResource), C(logs:TagResource) and C(logs:UntagResource).
  - When an account-level retention policy applies to the log group, CloudWatch Logs reports that policy's
    retention instead of the log group's own; the module then leaves the retention alone and warns.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a log group that keeps its events for 90 days
  appstack.aws.cloudwatchlogs_log_group:
    log_group_name: /appstack/prod/vpc-flow-logs
    retention: 90
    tags:
      Environment: prod

- name: Encrypt a log group with a KMS key and keep its events for a year
  appstack.aws.cloudwatchlogs_log_group:
    log_group_name: /appstack/prod/app
    retention: 365
    kms_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab

- name: Create an Infrequent Access log group
  appstack.aws.cloudwatchlogs_log_group:
    log_group_name: /appstack/prod/audit
    log_group_class: INFREQUENT_ACCESS

- name: Keep the events of a log group forever and add a tag without removing the others
  appstack.aws.cloudwatchlogs_log_group:
    name: /appstack/prod/app
    purge_retention_policy: true
    tags:
      Owner: platform
    purge_tags: false

- name: Delete a log group and its log events
  appstack.aws.cloudwatchlogs_log_group:
    log_group_name: /appstack/dev/app
    state: absent
"""

RETURN = r"""
log_group:
  description:
    - The log group.
    - In check mode, the state the log group would have; values that only AWS can give (such as RV(log_group.arn)
      of a new log group) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    log_group_name:
      description: The name of the log group.
      returned: always
      type: str
      sample: /appstack/prod/vpc-flow-logs
    arn:
      description: The ARN of the log group, with a trailing C(:*).
      returned: when the log group exists
      type: str
      sample: "arn:aws:logs:us-east-1:123456789012:log-group:/appstack/prod/vpc-flow-logs:*"
    log_group_arn:
      description: The ARN of the log group, without a trailing C(:*).
      returned: when the log group exists
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
      returned: when the log group exists
      type: int
      sample: 1700000000000
    stored_bytes:
      description: The number of bytes stored in the log group.
      returned: when the log group exists
      type: int
      sample: 1024
    metric_filter_count:
      description: The number of metric filters of the log group.
      returned: when the log group exists
      type: int
      sample: 0
    log_group_class:
      description: The class of the log group.
      returned: when CloudWatch Logs reports it, and in check mode
      type: str
      sample: STANDARD
    retention_policy_name:
      description: The account-level retention policy that sets RV(log_group.retention_in_days).
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

from copy import deepcopy
from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatchlogs import (
    DEFAULT_LOG_GROUP_CLASS,
    LOG_GROUP_CLASSES,
    RETENTION_DAYS,
    AnsibleCloudWatchLogsError,
    associate_kms_key,
    create_log_group,
    delete_log_group,
    delete_retention_policy,
    disassociate_kms_key,
    get_log_group,
    log_group_name_problems,
    log_group_tagging_arn,
    put_retention_policy,
    tag_log_group,
    untag_log_group,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return log_group_name_problems(params["log_group_name"])


def check_log_group_class(log_group, log_group_class):
    """Refuse to go on when the class asked for is not the class of the existing log group."""
    if log_group_class is None:
        return
    current_class = log_group.get("log_group_class") or DEFAULT_LOG_GROUP_CLASS
    if current_class != log_group_class:
        name = log_group["log_group_name"]
        raise AnsibleCloudWatchLogsError(
            message=(
                f"Log group {name} has class {current_class} and CloudWatch Logs can't change the class of an"
                f" existing log group (log_group_class={log_group_class}). To change it, delete the log group with"
                " state=absent, which deletes its log events, and create it again; or leave log_group_class unset."
            )
        )


def create(client, params, check_mode):
    """Create the log group; returns the state it is expected to have."""
    log_group = {
        "log_group_name": params["log_group_name"],
        "log_group_class": params["log_group_class"] or DEFAULT_LOG_GROUP_CLASS,
        "tags": plan_tags({}, params["tags"], True).result,
    }
    if params["kms_key_id"]:
        log_group["kms_key_id"] = params["kms_key_id"]
    if not check_mode:
        create_log_group(
            client,
            params["log_group_name"],
            kms_key_id=params["kms_key_id"],
            log_group_class=params["log_group_class"],
            tags=params["tags"],
        )
    return log_group


def ensure_retention(client, log_group, retention, purge_retention_policy, check_mode, warn):
    current = log_group.get("retention_in_days")
    if retention is None and not purge_retention_policy:
        return False, log_group
    if log_group.get("retention_policy_name"):
        warn(
            f"The retention of log group {log_group['log_group_name']} is set by the account-level policy"
            f" {log_group['retention_policy_name']}; the retention options were not applied."
        )
        return False, log_group

    new_log_group = deepcopy(log_group)
    if purge_retention_policy:
        if current is None:
            return False, log_group
        new_log_group.pop("retention_in_days")
        if not check_mode:
            delete_retention_policy(client, log_group["log_group_name"])
        return True, new_log_group

    if current == retention:
        return False, log_group
    new_log_group["retention_in_days"] = retention
    if not check_mode:
        put_retention_policy(client, log_group["log_group_name"], retention)
    return True, new_log_group


def ensure_kms_key(client, log_group, kms_key_id, purge_kms_key, check_mode):
    current = log_group.get("kms_key_id")
    new_log_group = deepcopy(log_group)
    if purge_kms_key:
        if not current:
            return False, log_group
        new_log_group.pop("kms_key_id")
        if not check_mode:
            disassociate_kms_key(client, log_group["log_group_name"])
        return True, new_log_group

    if kms_key_id is None or kms_key_id == current:
        return False, log_group
    new_log_group["kms_key_id"] = kms_key_id
    if not check_mode:
        associate_kms_key(client, log_group["log_group_name"], kms_key_id)
    return True, new_log_group


def ensure_log_group_tags(client, log_group, tags, purge_tags, check_mode):
    arn = log_group_tagging_arn(log_group)
    return ensure_tags(
        log_group,
        tags,
        purge_tags,
        check_mode,
        tag=partial(tag_log_group, client, arn),
        untag=partial(untag_log_group, client, arn),
    )


def ensure_present(client, current, params, check_mode, warn):
    """Bring the log group to what params ask for; returns (changed, expected state)."""
    if current:
        check_log_group_class(current, params["log_group_class"])
        changed, log_group = False, current
        kms_changed, log_group = ensure_kms_key(
            client, log_group, params["kms_key_id"], params["purge_kms_key"], check_mode
        )
        tags_changed, log_group = ensure_log_group_tags(
            client, log_group, params["tags"], params["purge_tags"], check_mode
        )
        changed = kms_changed or tags_changed
    else:
        changed, log_group = True, create(client, params, check_mode)

    retention_changed, log_group = ensure_retention(
        client, log_group, params["retention"], params["purge_retention_policy"], check_mode, warn
    )
    return changed or retention_changed, log_group


def ensure_absent(client, current, check_mode):
    """Delete the log group; returns (changed, expected state), the state being None: no log group."""
    if not current:
        return False, None
    if not check_mode:
        delete_log_group(client, current["log_group_name"])
    return True, None


def main():
    argument_spec = dict(
        log_group_name=dict(type="str", required=True, aliases=["name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        retention=dict(type="int", choices=RETENTION_DAYS),
        purge_retention_policy=dict(type="bool", default=False),
        kms_key_id=dict(type="str"),
        purge_kms_key=dict(type="bool", default=False),
        log_group_class=dict(type="str", choices=LOG_GROUP_CLASSES),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["retention", "purge_retention_policy"], ["kms_key_id", "purge_kms_key"]],
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("logs", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = get_log_group(client, params["log_group_name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, module.check_mode, module.warn)
            if changed and not module.check_mode:
                final = get_log_group(client, params["log_group_name"]) or final
            result["log_group"] = final
    except AnsibleCloudWatchLogsError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
