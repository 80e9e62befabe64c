# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS service helpers shared by appstack.aws.ecs_service and its _info twin.

Every API helper expects a client created with ``module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleECSError, which a module turns into a failure with ``fail_json_aws_error``. Services are read
with one DescribeServices call that includes their tags, dates as strings. botocore has a waiter for a deleted
service (``services_inactive``) but none for a deployment's rollout: ``ECSServiceWaiterFactory`` defines it.
The planning is in ``ecs_service_plan.py``, which imports nothing of botocore.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail
from ansible_collections.appstack.aws.plugins.module_utils.ecs import (  # noqa: F401 (the modules import them here)
    AnsibleECSError,
    ECSErrorHandler,
    tag_resource,
    tags_from_api,
    tags_to_api,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.ecs_service_plan import primary_deployment

# Seconds between two polls of a service.
POLL_DELAY_SECONDS = 10
# A cluster that doesn't exist holds no service.
MISSING_CODES = ["ClusterNotFoundException", "ServiceNotFoundException"]
# The statuses of a service that is gone or going (API_Service.html, status).
GONE_STATUSES = ("INACTIVE",)


class ECSServiceErrorHandler(ECSErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(MISSING_CODES)


class ECSServiceWaiterFactory(BaseWaiterFactory):
    """The waiter for one deployment of a service to finish rolling out, which botocore doesn't have.

    It watches the deployment the module started, by its id, not whichever is PRIMARY: when the circuit breaker
    rolls a failed deployment back, ECS makes the rollback PRIMARY, and that one completes. The failed deployment
    then reads FAILED, or is gone from the service once the rollback has replaced it; both fail the wait."""

    def __init__(self, deployment_id):
        self.deployment_id = deployment_id
        super().__init__()

    @property
    def _waiter_model_data(self):
        rollout = f"services[0].deployments[?id=='{self.deployment_id}'].rolloutState | [0]"
        gone = f"length(services[0].deployments[?id=='{self.deployment_id}']) == `0`"
        return {
            "service_deployment_completed": {
                "operation": "DescribeServices",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 120,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": rollout, "expected": "COMPLETED"},
                    {"state": "failure", "matcher": "path", "argument": rollout, "expected": "FAILED"},
                    {"state": "failure", "matcher": "path", "argument": gone, "expected": True},
                    {"state": "retry", "matcher": "path", "argument": rollout, "expected": "IN_PROGRESS"},
                ],
            },
        }


@ECSServiceErrorHandler.list_error_handler("describe services", [])
@AWSRetry.jittered_backoff()
def describe_services(client, cluster, names):
    """The services named in cluster, with their tags, dates as strings ([] when the cluster is missing)."""
    response = client.describe_services(cluster=cluster, services=list(names), include=["TAGS"])
    return normalize_boto3_result(response.get("services", []))


def get_service(client, cluster, name):
    """The service named in cluster, as DescribeServices returns it; None when there is none or it is INACTIVE."""
    for service in describe_services(client, cluster, [name]):
        if service.get("serviceName") == name and service.get("status") not in GONE_STATUSES:
            return service
    return None


@ECSServiceErrorHandler.list_error_handler("list services", [])
@AWSRetry.jittered_backoff()
def list_service_arns(client, cluster):
    paginator = client.get_paginator("list_services")
    return paginator.paginate(cluster=cluster).build_full_result().get("serviceArns", [])


def list_services(client, cluster):
    """Every service of cluster, with its tags (DescribeServices takes 10 names a call)."""
    arns = list_service_arns(client, cluster)
    services = []
    for start in range(0, len(arns), 10):
        services += describe_services(client, cluster, arns[start : start + 10])
    return services


@ECSServiceErrorHandler.common_error_handler("create service")
def create_service(client, request, tags=None):
    params = dict(request)
    if tags:
        params["tags"] = tags_to_api(tags)
    return normalize_boto3_result(client.create_service(aws_retry=True, **params)["service"])


@ECSServiceErrorHandler.common_error_handler("update service")
def update_service(client, cluster, name, request):
    response = client.update_service(aws_retry=True, cluster=cluster, service=name, **request)
    return normalize_boto3_result(response["service"])


@ECSServiceErrorHandler.deletion_error_handler("delete service")
def delete_service(client, cluster, name):
    client.delete_service(aws_retry=True, cluster=cluster, service=name, force=True)
    return True


def _rollout_of(deployment_id):
    """What a poll says of the deployment: its rollout state and reason, or that a rollback replaced it."""

    def describe(response):
        service = (response.get("services") or [{}])[0]
        deployment = next((d for d in service.get("deployments") or [] if d.get("id") == deployment_id), None)
        if deployment is None:
            now = primary_deployment(service) or {}
            # The service's events (newest first) keep why the deployment failed once it is gone.
            failure = next(
                (e.get("message") for e in service.get("events") or [] if deployment_id in (e.get("message") or "")),
                None,
            )
            gone = f"gone: the service runs {now.get('taskDefinition', 'another deployment')} again (rolled back)"
            return f"{gone}; {failure}" if failure else gone
        state = deployment.get("rolloutState", "unknown")
        reason = deployment.get("rolloutStateReason")
        return f"{state} ({reason})" if reason else state

    return describe


@ECSServiceErrorHandler.common_error_handler("wait for the service deployment")
def wait_for_deployment(client, cluster, name, deployment_id, timeout):
    """Wait for the deployment deployment_id (the PRIMARY one when the module started it) to be COMPLETED; fail
    when it FAILED, was rolled back, or on a timeout, with its rolloutStateReason."""
    wait_or_fail(
        ECSServiceWaiterFactory(deployment_id).get_waiter(client, "service_deployment_completed"),
        timeout,
        POLL_DELAY_SECONDS,
        f"the deployment of ECS service {name} to complete",
        _rollout_of(deployment_id),
        AnsibleECSError,
        cluster=cluster,
        services=[name],
    )


@ECSServiceErrorHandler.common_error_handler("wait for the service to be deleted")
def wait_for_inactive(client, cluster, name, timeout):
    """Wait until the service has drained and is INACTIVE."""
    wait_or_fail(
        client.get_waiter("services_inactive"),
        timeout,
        POLL_DELAY_SECONDS,
        f"ECS service {name} to be deleted",
        lambda response: (response.get("services") or [{}])[0].get("status", "unknown"),
        AnsibleECSError,
        cluster=cluster,
        services=[name],
    )
