# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AWS App Runner helpers shared by the appstack.aws App Runner modules.

Every API helper expects a client created with
``module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleAppRunnerError, which a module turns into a failure with ``fail_json_aws_error``
(AWS's own error code and message reach the user, never a traceback).

botocore has no waiters for App Runner: ``AppRunnerWaiterFactory`` defines the ones for
DescribeService, and ``wait_for_operation`` follows one operation of ListOperations to its end.
"""

import time

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory, custom_waiter_config
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags

RESOURCE_NOT_FOUND = "ResourceNotFoundException"

# How often waiters poll. App Runner operations take minutes; a short first poll keeps quick ones quick.
POLL_DELAY_SECONDS = 5

# Terminal statuses of an operation (ListOperations), and those that mean it did not apply.
OPERATION_DONE = ("SUCCEEDED", "FAILED", "ROLLBACK_SUCCEEDED", "ROLLBACK_FAILED")
OPERATION_FAILED = ("FAILED", "ROLLBACK_SUCCEEDED", "ROLLBACK_FAILED")


class AnsibleAppRunnerError(AnsibleAWSError):
    pass


class AppRunnerErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleAppRunnerError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(RESOURCE_NOT_FOUND)


class AppRunnerWaiterFactory(BaseWaiterFactory):
    """Waiters for DescribeService, which botocore doesn't have.

    A service in OPERATION_IN_PROGRESS is still changing; CREATE_FAILED and DELETE_FAILED end the wait
    with a failure, which ``wait_for_service`` reports with the service's state.
    """

    @property
    def _waiter_model_data(self):
        def settles_on(expected):
            acceptors = [
                {"state": "success", "matcher": "path", "argument": "Service.Status", "expected": expected},
                {
                    "state": "retry",
                    "matcher": "path",
                    "argument": "Service.Status",
                    "expected": "OPERATION_IN_PROGRESS",
                },
            ]
            acceptors.extend(
                {"state": "failure", "matcher": "path", "argument": "Service.Status", "expected": status}
                for status in ("CREATE_FAILED", "DELETE_FAILED")
                if status != expected
            )
            return {
                "operation": "DescribeService",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 120,
                "acceptors": acceptors,
            }

        deleted = settles_on("DELETED")
        deleted["acceptors"].append({"state": "success", "matcher": "error", "expected": RESOURCE_NOT_FOUND})
        return {
            "service_running": settles_on("RUNNING"),
            "service_paused": settles_on("PAUSED"),
            "service_deleted": deleted,
        }


def list_all(list_call, result_key, **params):
    """Every item of a paged App Runner List* call (botocore has no paginators for App Runner).

    list_call is a client method, e.g. ``client.list_services``; params are its parameters but NextToken.
    """
    items, token = [], None
    while True:
        page_params = dict(params, NextToken=token) if token else params
        page = list_call(aws_retry=True, **page_params)
        items.extend(page.get(result_key, []))
        token = page.get("NextToken")
        if not token:
            return items


def to_ansible(resource):
    """A described App Runner resource as a snake_case dict (tags are added by the caller)."""
    return boto3_resource_to_ansible_dict(resource) if resource else {}


# Services


@AppRunnerErrorHandler.list_error_handler("describe App Runner service", None)
def describe_service(client, service_arn):
    """The service, or None when App Runner doesn't know it."""
    return client.describe_service(aws_retry=True, ServiceArn=service_arn)["Service"]


@AppRunnerErrorHandler.list_error_handler("list App Runner services", [])
def list_services(client):
    return list_all(client.list_services, "ServiceSummaryList", MaxResults=20)


def find_service_arn(client, service_name):
    """The ARN of the live service named service_name, or None. Deleted services don't count."""
    for summary in list_services(client):
        if summary["ServiceName"] == service_name and summary.get("Status") != "DELETED":
            return summary["ServiceArn"]
    return None


@AppRunnerErrorHandler.common_error_handler("wait for App Runner service")
def wait_for_service(client, waiter_name, service_arn, timeout):
    """Wait with one of AppRunnerWaiterFactory's waiters (service_running, service_paused, service_deleted)."""
    waiter = AppRunnerWaiterFactory().get_waiter(client, waiter_name)
    waiter.wait(
        ServiceArn=service_arn,
        WaiterConfig=custom_waiter_config(timeout=timeout, default_pause=POLL_DELAY_SECONDS),
    )


@AppRunnerErrorHandler.list_error_handler("list App Runner operations", [])
def list_operations(client, service_arn):
    """The service's operations, newest first (as App Runner returns them)."""
    return list_all(client.list_operations, "OperationSummaryList", ServiceArn=service_arn, MaxResults=20)


def find_operation(client, service_arn, operation_id):
    return next((op for op in list_operations(client, service_arn) if op["Id"] == operation_id), None)


def wait_for_operation(client, service_arn, operation_id, timeout, sleep=time.sleep, clock=time.monotonic):
    """Poll ListOperations until the operation ends; returns its summary.

    Raises AnsibleAppRunnerError when the wait times out, naming the operation's last status,
    so the caller can report it with the service's state.
    """
    deadline = clock() + timeout
    while True:
        operation = find_operation(client, service_arn, operation_id)
        if operation and operation.get("Status") in OPERATION_DONE:
            return operation
        remaining = deadline - clock()
        if remaining <= 0:
            status = operation.get("Status") if operation else "unknown"
            raise AnsibleAppRunnerError(
                message=(
                    f"Timed out after {timeout} seconds waiting for App Runner operation {operation_id} on"
                    f" {service_arn} (last status: {status}). The operation goes on in AWS; raise wait_timeout"
                    " or check it with appstack.aws.apprunner_service_info."
                )
            )
        sleep(min(POLL_DELAY_SECONDS, remaining))


# Tags (services, auto scaling configurations, VPC connectors and observability configurations alike)


@AppRunnerErrorHandler.list_error_handler("list App Runner resource tags", {})
def list_tags(client, resource_arn):
    tags = client.list_tags_for_resource(aws_retry=True, ResourceArn=resource_arn).get("Tags", [])
    return boto3_tag_list_to_ansible_dict(tags)


@AppRunnerErrorHandler.common_error_handler("tag App Runner resource")
def tag_resource(client, resource_arn, tags):
    if tags:
        client.tag_resource(aws_retry=True, ResourceArn=resource_arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@AppRunnerErrorHandler.common_error_handler("untag App Runner resource")
def untag_resource(client, resource_arn, tag_keys):
    if tag_keys:
        client.untag_resource(aws_retry=True, ResourceArn=resource_arn, TagKeys=list(tag_keys))


def tags_for_create(tags):
    """The Tags parameter of a Create* call: App Runner takes tags at creation."""
    return ansible_dict_to_boto3_tag_list(tags) if tags else []


def ensure_tags(client, resource_arn, current_tags, tags, purge_tags, check_mode):
    """Bring a resource's tags to what was asked; returns (changed, resulting tags)."""
    tags_to_set, tag_keys_to_unset, new_tags = plan_tags(current_tags, tags, purge_tags)
    if not tags_to_set and not tag_keys_to_unset:
        return False, current_tags or {}
    if not check_mode:
        untag_resource(client, resource_arn, tag_keys_to_unset)
        tag_resource(client, resource_arn, tags_to_set)
    return True, new_tags
