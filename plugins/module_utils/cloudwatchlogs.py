# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudWatch Logs log group helpers shared by the appstack.aws modules.

Every API helper expects a client created with
``module.client("logs", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleCloudWatchLogsError, which a module turns into a failure with ``fail_json_aws_error``.
Log groups are returned as snake_case dicts (``boto3_resource_to_ansible_dict``) with their tags
as a dict under ``tags``.
"""

import re

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict

# The values PutRetentionPolicy accepts (botocore's logs model, shape "Days").
RETENTION_DAYS = [
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
]

# botocore's logs model, shape "LogGroupClass".  A log group's class is chosen at creation only.
LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY", "ESSENTIALS"]

# What CloudWatch Logs uses when CreateLogGroup is not given a class.
DEFAULT_LOG_GROUP_CLASS = "STANDARD"

# botocore's logs model, shape "LogGroupName": 1 to 512 of these characters.
LOG_GROUP_NAME_MAX_LENGTH = 512
LOG_GROUP_NAME = re.compile(r"^[.\-_/#A-Za-z0-9]+$")


class AnsibleCloudWatchLogsError(AnsibleAWSError):
    pass


class CloudWatchLogsErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudWatchLogsError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


def log_group_name_problems(name, option="log_group_name"):
    """What is wrong with a log group name (or prefix), by CloudWatch Logs' rules, as messages (empty: nothing)."""
    if name is None:
        return []
    if not 1 <= len(name) <= LOG_GROUP_NAME_MAX_LENGTH or not LOG_GROUP_NAME.match(name):
        return [
            f"{option} must be 1 to {LOG_GROUP_NAME_MAX_LENGTH} letters, digits or the characters . - _ / #,"
            f" not {name!r}."
        ]
    return []


def log_group_tagging_arn(log_group):
    """The ARN the tagging APIs take: the log group ARN without the trailing ``:*``."""
    if log_group.get("log_group_arn"):
        return log_group["log_group_arn"]
    return log_group["arn"].removesuffix(":*")


@CloudWatchLogsErrorHandler.list_error_handler("describe log groups", [])
@AWSRetry.jittered_backoff()
def describe_log_groups(client, prefix=None):
    """All log groups whose name starts with prefix (all of them without a prefix), as boto3 returns them."""
    params = {}
    if prefix:
        params["logGroupNamePrefix"] = prefix
    paginator = client.get_paginator("describe_log_groups")
    return paginator.paginate(**params).build_full_result().get("logGroups", [])


@CloudWatchLogsErrorHandler.list_error_handler("list log group tags", {})
def list_log_group_tags(client, arn):
    return client.list_tags_for_resource(resourceArn=arn, aws_retry=True).get("tags", {})


def normalize_log_group(client, log_group):
    """A boto3 log group as a snake_case dict, with its tags (read with ListTagsForResource)."""
    result = boto3_resource_to_ansible_dict(log_group, transform_tags=False, force_tags=False)
    result["tags"] = list_log_group_tags(client, log_group_tagging_arn(result))
    return result


def get_log_group(client, log_group_name):
    """The log group named exactly log_group_name, or None.

    DescribeLogGroups only filters by prefix, so every page is read and the names compared.
    """
    for log_group in describe_log_groups(client, prefix=log_group_name):
        if log_group["logGroupName"] == log_group_name:
            return normalize_log_group(client, log_group)
    return None


def list_log_groups(client, prefix=None):
    return [normalize_log_group(client, log_group) for log_group in describe_log_groups(client, prefix=prefix)]


@CloudWatchLogsErrorHandler.common_error_handler("create log group")
def create_log_group(client, log_group_name, kms_key_id=None, log_group_class=None, tags=None):
    params = {"logGroupName": log_group_name}
    if kms_key_id:
        params["kmsKeyId"] = kms_key_id
    if log_group_class:
        params["logGroupClass"] = log_group_class
    if tags:
        params["tags"] = {key: to_text(value) for key, value in tags.items()}
    client.create_log_group(aws_retry=True, **params)
    return True


@CloudWatchLogsErrorHandler.deletion_error_handler("delete log group")
def delete_log_group(client, log_group_name):
    client.delete_log_group(logGroupName=log_group_name, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("set log group retention")
def put_retention_policy(client, log_group_name, retention_in_days):
    client.put_retention_policy(logGroupName=log_group_name, retentionInDays=retention_in_days, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("remove log group retention")
def delete_retention_policy(client, log_group_name):
    client.delete_retention_policy(logGroupName=log_group_name, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("associate KMS key with log group")
def associate_kms_key(client, log_group_name, kms_key_id):
    client.associate_kms_key(logGroupName=log_group_name, kmsKeyId=kms_key_id, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("disassociate KMS key from log group")
def disassociate_kms_key(client, log_group_name):
    client.disassociate_kms_key(logGroupName=log_group_name, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("tag log group")
def tag_log_group(client, arn, tags):
    client.tag_resource(resourceArn=arn, tags={key: to_text(value) for key, value in tags.items()}, aws_retry=True)
    return True


@CloudWatchLogsErrorHandler.common_error_handler("untag log group")
def untag_log_group(client, arn, tag_keys):
    client.untag_resource(resourceArn=arn, tagKeys=list(tag_keys), aws_retry=True)
    return True
