# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AWS Budgets helpers shared by appstack.aws.budget and appstack.aws.budget_info.

Every API helper expects a client created with
``module.client("budgets", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleBudgetsError, which a
module turns into a failure with ``fail_json_aws_error``. Budgets belong to an account, which every call names
(``AccountId``): ``account_id`` finds it with STS GetCallerIdentity unless the user gave it.

A budget is returned as a snake_case dict (``boto3_resource_to_ansible_dict``, its ``cost_filters`` kept as AWS
spells them) with ``account_id``, its ``notifications`` and, under each, its ``subscribers``; its ``tags`` (a dict)
only when asked for, which costs one more call. The planning is in ``budgets_plan.py``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.budgets_plan import notification_to_api

# Keys whose contents are data, not field names: CostFilters' keys are AWS's filter names (TagKeyValue, Service).
KEEP_AS_IS = ["CostFilters", "FilterExpression"]


class AnsibleBudgetsError(AnsibleAWSError):
    pass


class BudgetsErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleBudgetsError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NotFoundException")


@BudgetsErrorHandler.common_error_handler("find the account ID with sts:GetCallerIdentity")
def caller_account_id(sts_client):
    return sts_client.get_caller_identity(aws_retry=True)["Account"]


def budget_arn(client, account_id, name):
    """The ARN that tags a budget: arn:PARTITION:budgets::ACCOUNT:budget/NAME."""
    return f"arn:{client.meta.partition}:budgets::{account_id}:budget/{name}"


# Reading


@BudgetsErrorHandler.list_error_handler("describe budget", None)
def describe_budget(client, account_id, name):
    """The budget as boto3 describes it, or None."""
    return client.describe_budget(aws_retry=True, AccountId=account_id, BudgetName=name)["Budget"]


@BudgetsErrorHandler.list_error_handler("describe budgets", [])
@AWSRetry.jittered_backoff()
def describe_budgets(client, account_id):
    paginator = client.get_paginator("describe_budgets")
    return paginator.paginate(AccountId=account_id).build_full_result().get("Budgets", [])


@BudgetsErrorHandler.list_error_handler("describe notifications for budget", [])
@AWSRetry.jittered_backoff()
def describe_notifications(client, account_id, name):
    paginator = client.get_paginator("describe_notifications_for_budget")
    return paginator.paginate(AccountId=account_id, BudgetName=name).build_full_result().get("Notifications", [])


@BudgetsErrorHandler.list_error_handler("describe subscribers for notification", [])
@AWSRetry.jittered_backoff()
def describe_subscribers(client, account_id, name, notification):
    paginator = client.get_paginator("describe_subscribers_for_notification")
    return (
        paginator.paginate(AccountId=account_id, BudgetName=name, Notification=notification)
        .build_full_result()
        .get("Subscribers", [])
    )


@BudgetsErrorHandler.list_error_handler("list budget tags", {})
def list_tags(client, arn):
    tags = client.list_tags_for_resource(aws_retry=True, ResourceARN=arn).get("ResourceTags", [])
    return boto3_tag_list_to_ansible_dict(tags)


def to_ansible(resource):
    return boto3_resource_to_ansible_dict(resource, transform_tags=False, force_tags=False, ignore_list=KEEP_AS_IS)


def normalize_budget(client, account_id, budget, with_tags):
    """A boto3 budget as a snake_case dict with its notifications, their subscribers and (with_tags) its tags."""
    result = to_ansible(budget)
    result["account_id"] = account_id
    result.setdefault("cost_filters", {})
    name = budget["BudgetName"]
    notifications = []
    for notification in describe_notifications(client, account_id, name):
        entry = to_ansible(notification)
        subscribers = describe_subscribers(client, account_id, name, notification_to_api(entry))
        entry["subscribers"] = [to_ansible(subscriber) for subscriber in subscribers]
        notifications.append(entry)
    result["notifications"] = notifications
    if with_tags:
        result["tags"] = list_tags(client, budget_arn(client, account_id, name))
    return result


def get_budget(client, account_id, name, with_tags=True):
    """The budget named name as a snake_case dict (see normalize_budget), or None."""
    budget = describe_budget(client, account_id, name)
    return normalize_budget(client, account_id, budget, with_tags) if budget else None


def list_budgets(client, account_id, with_tags=True):
    return [normalize_budget(client, account_id, budget, with_tags) for budget in describe_budgets(client, account_id)]


# Writing


@BudgetsErrorHandler.common_error_handler("create budget")
def create_budget(client, account_id, budget, notifications, tags):
    kwargs = {"AccountId": account_id, "Budget": budget}
    if notifications:
        kwargs["NotificationsWithSubscribers"] = notifications
    if tags:
        kwargs["ResourceTags"] = ansible_dict_to_boto3_tag_list(tags)
    client.create_budget(aws_retry=True, **kwargs)


@BudgetsErrorHandler.common_error_handler("update budget")
def update_budget(client, account_id, new_budget):
    client.update_budget(aws_retry=True, AccountId=account_id, NewBudget=new_budget)


@BudgetsErrorHandler.deletion_error_handler("delete budget")
def delete_budget(client, account_id, name):
    client.delete_budget(aws_retry=True, AccountId=account_id, BudgetName=name)
    return True


# The operations a notification plan (budgets_plan.plan_notifications) is made of.
NOTIFICATION_OPERATIONS = (
    "create_notification",
    "update_notification",
    "delete_notification",
    "create_subscriber",
    "update_subscriber",
    "delete_subscriber",
)


def run_step(client, account_id, name, step):
    """Send one step of a notification plan: its operation with its parameters, for this budget."""
    if step.operation not in NOTIFICATION_OPERATIONS:
        raise ValueError(f"not a notification operation: {step.operation}")
    _send(client, step.operation, AccountId=account_id, BudgetName=name, **step.parameters)


def _send(client, operation, **kwargs):
    @BudgetsErrorHandler.common_error_handler(operation.replace("_", " "))
    def send():
        getattr(client, operation)(aws_retry=True, **kwargs)

    send()


@BudgetsErrorHandler.common_error_handler("tag budget")
def tag_budget(client, arn, tags):
    client.tag_resource(aws_retry=True, ResourceARN=arn, ResourceTags=ansible_dict_to_boto3_tag_list(tags))


@BudgetsErrorHandler.common_error_handler("untag budget")
def untag_budget(client, arn, tag_keys):
    client.untag_resource(aws_retry=True, ResourceARN=arn, ResourceTagKeys=list(tag_keys))
