# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS one-off task helpers for appstack.aws.ecs_task_run: run a task, wait for it to stop, stop it, and read the
last lines its container logged.

Every API helper expects a client created with ``module.client(service, retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleECSError, which a module turns into a failure with ``fail_json_aws_error``. Tasks are returned as
ECS returns them, dates as strings. The planning (the RunTask request, which container to report, its log stream,
the outcome's message) is in ``ecs_task_plan.py``, which imports nothing of botocore.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.waiter import custom_waiter_config
from ansible_collections.appstack.aws.plugins.module_utils.ecs import AnsibleECSError, ECSErrorHandler
from botocore.exceptions import WaiterError

# Seconds between two polls of a running task.
POLL_DELAY_SECONDS = 5
# A log stream (or group) that does not exist holds no line: the task may have failed before its container started.
MISSING_LOG_CODES = ["ResourceNotFoundException"]


class LogsErrorHandler(ECSErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(MISSING_LOG_CODES)


@ECSErrorHandler.common_error_handler("run task")
def run_task(client, request):
    """Start the task; returns it as RunTask answers it. A task ECS could not place fails here, with ECS's reason."""
    response = normalize_boto3_result(client.run_task(aws_retry=True, **request))
    if not response.get("tasks"):
        reasons = "; ".join(
            f"{failure.get('arn', request.get('taskDefinition'))}: {failure.get('reason')}"
            + (f" ({failure['detail']})" if failure.get("detail") else "")
            for failure in response.get("failures") or []
        )
        raise AnsibleECSError(message=f"ECS did not start the task: {reasons or 'no task and no reason given'}")
    return response["tasks"][0]


@ECSErrorHandler.common_error_handler("describe task")
def describe_task(client, cluster, task_arn):
    response = client.describe_tasks(aws_retry=True, cluster=cluster, tasks=[task_arn])
    tasks = normalize_boto3_result(response.get("tasks") or [])
    return tasks[0] if tasks else None


@ECSErrorHandler.common_error_handler("stop task")
def stop_task(client, cluster, task_arn, reason):
    return normalize_boto3_result(
        client.stop_task(aws_retry=True, cluster=cluster, task=task_arn, reason=reason)["task"]
    )


@ECSErrorHandler.common_error_handler("wait for the task to stop")
def wait_until_stopped(client, cluster, task_arn, timeout):
    """Wait for the task to be STOPPED; True when it is, False when timeout seconds ran out first."""
    waiter = client.get_waiter("tasks_stopped")
    try:
        waiter.wait(
            cluster=cluster,
            tasks=[task_arn],
            WaiterConfig=custom_waiter_config(timeout=timeout, default_pause=POLL_DELAY_SECONDS),
        )
    except WaiterError as e:
        if (e.kwargs.get("reason") or "").startswith("Max attempts exceeded"):
            return False
        response = e.last_response or {}
        status = response["Error"].get("Code") if response.get("Error") else "MISSING"
        raise AnsibleECSError(
            message=f"Gave up waiting for ECS task {task_arn} to stop; its last status was {status}", exception=e
        ) from e
    return True


@LogsErrorHandler.list_error_handler("read the task's log stream", [])
@AWSRetry.jittered_backoff()
def last_log_lines(logs_client, group, stream, count):
    """The last count messages of the stream, oldest first; [] when the stream or its group does not exist."""
    if count <= 0:
        return []
    response = logs_client.get_log_events(logGroupName=group, logStreamName=stream, limit=count, startFromHead=False)
    return [event.get("message", "") for event in response.get("events") or []][-count:]
