# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AWS App Runner helpers shared by the appstack.aws App Runner modules.

Every API helper expects a client created with
``module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleAppRunnerError (defined in ``apprunner_base.py``, which imports nothing of botocore, and imported
from here), which a module turns into a failure with ``fail_json_aws_error`` (AWS's own error code and message
reach the user, never a traceback).

botocore has no paginators for App Runner: ``list_all`` pages by hand, and stops with an error
when App Runner hands back a NextToken it gave before.

botocore has no waiters for App Runner either: ``AppRunnerWaiterFactory`` defines the ones for
DescribeService, ``wait_for_operation`` follows one operation of ListOperations to its end, and
``wait_until_settled`` waits out an operation in progress. Every wait polls every POLL_DELAY_SECONDS
and fails on timeout, naming the resource and its last status.
"""

import re
import time

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

RESOURCE_NOT_FOUND = "ResourceNotFoundException"

# How often waiters poll. App Runner operations take minutes; a short first poll keeps quick ones quick.
POLL_DELAY_SECONDS = 5

# Terminal statuses of an operation (ListOperations), and those that mean it did not apply.
OPERATION_DONE = ("SUCCEEDED", "FAILED", "ROLLBACK_SUCCEEDED", "ROLLBACK_FAILED")
OPERATION_FAILED = ("FAILED", "ROLLBACK_SUCCEEDED", "ROLLBACK_FAILED")


# The ARN of a service, as DescribeService takes it.
SERVICE_ARN = re.compile(r"^arn:aws[a-z-]*:apprunner:[a-z0-9-]+:[0-9]{12}:service/[^/]+/[A-Za-z0-9]+$")


class AppRunnerServiceFailure(AnsibleAppRunnerError):
    """A failure that carries the service and operation to report with it (``result``)."""

    def __init__(self, message, **result):
        super().__init__(message=message)
        self.result = result


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
    A NextToken that comes back a second time would page forever: that raises AnsibleAppRunnerError.
    """
    items, token, seen = [], None, set()
    while True:
        page_params = dict(params, NextToken=token) if token else params
        page = list_call(aws_retry=True, **page_params)
        items.extend(page.get(result_key, []))
        token = page.get("NextToken")
        if not token:
            return items
        if token in seen:
            raise AnsibleAppRunnerError(
                message=(
                    f"App Runner returned the same NextToken twice while listing {result_key} ({len(items)} items"
                    " read); stopped paging rather than loop forever. Run the task again; if it persists, report"
                    " it to AWS."
                )
            )
        seen.add(token)


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


def with_tag_list(client, service):
    """The described service with its tags as a Tags list, the shape other Describe calls have.

    ``service_to_ansible`` turns it into the module's result, tags as a dict.
    """
    return dict(service, Tags=ansible_dict_to_boto3_tag_list(list_tags(client, service["ServiceArn"])))


def get_service(client, service_arn):
    """The service with its tags (``with_tag_list``), or None when App Runner doesn't know it."""
    service = describe_service(client, service_arn)
    return with_tag_list(client, service) if service else None


# The status each waiter of AppRunnerWaiterFactory waits for.
WAITER_TARGETS = {"service_running": "RUNNING", "service_paused": "PAUSED", "service_deleted": "DELETED"}


def wait_for_service(client, waiter_name, service_arn, timeout):
    """Wait with one of AppRunnerWaiterFactory's waiters (service_running, service_paused, service_deleted).

    Raises AnsibleAppRunnerError naming the service and its last status when the wait times out or the
    service ends in a status that can't become the one waited for.
    """
    wait_or_fail(
        AppRunnerWaiterFactory().get_waiter(client, waiter_name),
        timeout,
        POLL_DELAY_SECONDS,
        f"App Runner service {service_arn} to become {WAITER_TARGETS[waiter_name]}",
        lambda response: (response.get("Service") or {}).get("Status", "unknown"),
        AnsibleAppRunnerError,
        ServiceArn=service_arn,
    )


def wait_until_settled(client, service_arn, timeout, sleep=time.sleep, clock=time.monotonic):
    """Wait while the service has an operation in progress (another run's, say); returns the service.

    Returns None when the service is gone; raises AnsibleAppRunnerError, naming the service and its last
    status, when the operation is still in progress after timeout seconds.
    """
    deadline = clock() + timeout
    while True:
        service = describe_service(client, service_arn)
        if not service or service.get("Status") != "OPERATION_IN_PROGRESS":
            return service
        remaining = deadline - clock()
        if remaining <= 0:
            raise AnsibleAppRunnerError(
                message=(
                    f"Timed out after {timeout} seconds waiting for the operation in progress on App Runner service"
                    f" {service_arn} to end (last status: {service['Status']}). Raise wait_timeout, or check the"
                    " service's operations with appstack.aws.apprunner_service_info (operations=true)."
                )
            )
        sleep(min(POLL_DELAY_SECONDS, remaining))


@AppRunnerErrorHandler.common_error_handler("create App Runner service")
def create_service(client, request):
    return client.create_service(aws_retry=True, **request)


@AppRunnerErrorHandler.common_error_handler("update App Runner service")
def update_service(client, service_arn, changes):
    return client.update_service(aws_retry=True, ServiceArn=service_arn, **changes)


@AppRunnerErrorHandler.common_error_handler("start App Runner deployment")
def start_deployment(client, service_arn):
    return client.start_deployment(aws_retry=True, ServiceArn=service_arn)


@AppRunnerErrorHandler.common_error_handler("pause App Runner service")
def pause_service(client, service_arn):
    return client.pause_service(aws_retry=True, ServiceArn=service_arn)


@AppRunnerErrorHandler.common_error_handler("resume App Runner service")
def resume_service(client, service_arn):
    return client.resume_service(aws_retry=True, ServiceArn=service_arn)


@AppRunnerErrorHandler.deletion_error_handler("delete App Runner service")
def delete_service(client, service_arn):
    return client.delete_service(aws_retry=True, ServiceArn=service_arn)


# Operations


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
