"""ECS services: the settings CreateService and UpdateService take, and deployments that roll out over time.

AWS (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/):

* ``CreateService`` keeps ``deploymentConfiguration``, ``healthCheckGracePeriodSeconds``,
  ``enableExecuteCommand``, ``enableECSManagedTags`` and ``capacityProviderStrategy``, and the ``Service``
  that ``DescribeServices`` returns carries them (API_CreateService.html, API_Service.html). A service
  without a ``deploymentConfiguration`` of its own gets ``maximumPercent`` 200, ``minimumHealthyPercent`` 100
  and a disabled circuit breaker (API_DeploymentConfiguration.html, API_DeploymentCircuitBreaker.html);
  ``enableExecuteCommand`` and ``enableECSManagedTags`` are false unless set. A Fargate service without a
  ``platformVersion`` runs on ``LATEST``.
* ``launchType`` and ``capacityProviderStrategy`` together are ``InvalidParameterException``
  (API_CreateService.html, ``launchType``: "you must omit the launchType parameter"); a service with a
  capacity provider strategy has no ``launchType``.
* ``UpdateService`` changes the settings given (a ``deploymentConfiguration`` member left out keeps its
  value) and reports the task definition by ARN, however it was named (API_UpdateService.html).
* A new task definition, network configuration, load balancer configuration or platform version, or
  ``forceNewDeployment``, starts a new deployment: it becomes the ``PRIMARY`` deployment, ``rolloutState``
  ``IN_PROGRESS``, and the one it replaces turns ``ACTIVE`` until the new one is ``COMPLETED``; the desired
  count, the deployment configuration, the capacity provider strategy and the grace period start none
  ("This parameter doesn't trigger a new service deployment"; API_Deployment.html, ``rolloutState``).
  Here a deployment is ``IN_PROGRESS`` for the ``ecs_deployment`` provisioning delay, then ``COMPLETED``
  with its tasks running, and the deployments it replaced are gone.

* A deployment whose tasks fail to start trips the deployment circuit breaker, if the service has it on: the
  deployment turns ``FAILED`` with ``rolloutStateReason`` "ECS deployment circuit breaker: tasks failed to
  start."; with ``rollback`` on, ECS starts a deployment of the last deployment that completed, which becomes the
  ``PRIMARY`` one (its reason "ECS deployment circuit breaker: rolling back to deploymentId <id>."), and the
  service's ``taskDefinition`` is that deployment's again (API_DeploymentCircuitBreaker.html; "How the Amazon ECS
  deployment circuit breaker detects failures",
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html). Without a circuit
  breaker the deployment stays ``IN_PROGRESS``. The service's ``events`` (newest first) say so, and say when a
  deployment completes and the service reaches a steady state (API_ServiceEvent.html). Here
  ``fail_next_deployment`` (``POST /_appstack/ecs/fail-next-deployment``) makes the next deployment of a service
  fail so once its ``ecs_deployment`` delay is over; a rollback takes the delay again.

Moto 5.2.5 drops every setting named in the first point, so a module that compares what it asked for with
what it reads back sees a difference on every run; keeps a new deployment ``IN_PROGRESS`` for ever unless
``MOTO_ECS_SERVICE_RUNNING`` is set; starts no deployment on ``UpdateService`` (it reuses the old one,
task definition and all); and stores the task definition ``UpdateService`` was given as sent
(``family:revision``), not as an ARN.
"""

from __future__ import annotations

import copy
import math
import threading
from dataclasses import dataclass
from typing import Any

from moto.core.utils import utcnow
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend, Service
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.moto_api._internal import mock_random

from emulator import delays

KIND = "ecs_deployment"
DEFAULT_DEPLOYMENT_CONFIGURATION = {
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
}
CIRCUIT_BREAKER_REASON = "ECS deployment circuit breaker: tasks failed to start."
# The circuit breaker's failed-task threshold: half the desired count, from 3 to 200 (deployment-circuit-breaker.html).
FAILED_TASKS_THRESHOLD = (0.5, 3, 200)
# UpdateService parameters (as moto's update_service names them) whose change starts a new deployment.
DEPLOYMENT_SETTINGS = ("task_definition", "network_configuration", "load_balancers", "platform_version")


@dataclass(frozen=True)
class DeploymentFailure:
    """The next deployment of the services this names fails; None names any cluster or service."""

    cluster: str | None = None
    service: str | None = None

    def matches(self, service: Service) -> bool:
        return self.cluster in (None, service.cluster_name, service.cluster_arn) and self.service in (
            None,
            service.name,
            service.arn,
        )


_failures_lock = threading.Lock()
_next_failures: list[DeploymentFailure] = []


def fail_next_deployment(cluster: str | None = None, service: str | None = None) -> None:
    """Make the next deployment of that service (of any service, for None) trip the circuit breaker."""
    with _failures_lock:
        _next_failures.append(DeploymentFailure(cluster, service))


def reset_controls() -> None:
    with _failures_lock:
        _next_failures.clear()


def _take_failure(service: Service) -> bool:
    with _failures_lock:
        failure = next((f for f in _next_failures if f.matches(service)), None)
        if failure is None:
            return False
        _next_failures.remove(failure)
        return True


def serving_task_definition(service: Service) -> str | None:
    """The task definition of the service's last deployment that completed: what its tasks run; None before any."""
    _progress(service)
    return getattr(service, "_appstack_serving_task_definition", None)


_original_service_init = Service.__init__
_original_create_response = EC2ContainerServiceResponse.create_service
_original_update = EC2ContainerServiceBackend.update_service
_original_describe = EC2ContainerServiceBackend.describe_services


def _new_deployment(
    service: Service, network_configuration: Any, ready_at: float | None = None, may_fail: bool = True
) -> dict[str, Any]:
    deployment_id = f"ecs-svc/{mock_random.randint(0, 10**19)}"
    now = utcnow()
    deployment = {
        "id": deployment_id,
        "status": "PRIMARY",
        "taskDefinition": service.task_definition,
        "desiredCount": service.desired_count,
        "pendingCount": service.desired_count,
        "runningCount": 0,
        "failedTasks": 0,
        "createdAt": now,
        "updatedAt": now,
        "platformVersion": service.platform_version,
        "platformFamily": "Linux",
        "networkConfiguration": network_configuration,
        "rolloutState": "IN_PROGRESS",
        "rolloutStateReason": f"ECS deployment {deployment_id} in progress.",
        "_appstack_ready_at": delays.provisioning_deadline(KIND) if ready_at is None else ready_at,
        "_appstack_fails": may_fail and _take_failure(service),
    }
    if getattr(service, "capacity_provider_strategy", None):
        deployment["capacityProviderStrategy"] = copy.deepcopy(service.capacity_provider_strategy)
    else:
        deployment["launchType"] = service.launch_type
    return deployment


def _progress(service: Service) -> None:
    """Settle the PRIMARY deployment once its delay is over (completed, or failed and maybe rolled back)."""
    while _settle_primary(service):
        pass


def _settle_primary(service: Service) -> bool:
    """Move the PRIMARY deployment on if its delay is over; True when a rollback deployment took its place."""
    deployments = service.deployments or []
    primary = next((d for d in deployments if d.get("status") == "PRIMARY"), None)
    if primary is None or primary.get("rolloutState") != "IN_PROGRESS":
        return False
    ready_at = primary.get("_appstack_ready_at")
    if delays.still_provisioning(ready_at):
        return False
    if primary.get("_appstack_fails"):
        return _fail(service, primary, ready_at)
    primary.update(
        rolloutState="COMPLETED",
        rolloutStateReason=f"ECS deployment {primary['id']} completed.",
        runningCount=service.desired_count,
        desiredCount=service.desired_count,
        pendingCount=0,
        updatedAt=utcnow(),
    )
    service.deployments = [primary]
    service.running_count = service.desired_count
    service.pending_count = 0
    service._appstack_serving_task_definition = primary["taskDefinition"]
    service._appstack_completed_deployment = primary["id"]
    _add_event(service, f"(service {service.name}) (deployment {primary['id']}) deployment completed.")
    _add_event(service, f"(service {service.name}) has reached a steady state.")
    return False


def _fail(service: Service, primary: dict[str, Any], failed_at: float | None) -> bool:
    """The circuit breaker trips on ``primary``; True when a rollback deployment starts."""
    breaker = service.deployment_configuration.get("deploymentCircuitBreaker") or {}
    low, floor, ceiling = FAILED_TASKS_THRESHOLD
    threshold = min(max(math.ceil(service.desired_count * low), floor), ceiling)
    if not breaker.get("enable"):
        # No circuit breaker: ECS goes on launching tasks that fail, and the deployment never ends.
        primary.update(failedTasks=threshold, pendingCount=service.desired_count, runningCount=0)
        return False
    primary.update(
        rolloutState="FAILED",
        rolloutStateReason=CIRCUIT_BREAKER_REASON,
        failedTasks=threshold,
        pendingCount=0,
        runningCount=0,
        updatedAt=utcnow(),
    )
    _add_event(
        service, f"(service {service.name}) (deployment {primary['id']}) deployment failed: tasks failed to start."
    )
    previous = getattr(service, "_appstack_serving_task_definition", None)
    previous_id = getattr(service, "_appstack_completed_deployment", None)
    if not breaker.get("rollback") or previous is None:
        return False
    primary["status"] = "ACTIVE"
    service.task_definition = previous
    start = failed_at if failed_at is not None else delays.now()
    rollback = _new_deployment(
        service, primary.get("networkConfiguration"), ready_at=start + delays.seconds_for(KIND), may_fail=False
    )
    rollback["rolloutStateReason"] = f"ECS deployment circuit breaker: rolling back to deploymentId {previous_id}."
    service.deployments = [rollback, *service.deployments]
    _add_event(service, f"(service {service.name}) rolling back to deployment {previous_id}.")
    return True


def _add_event(service: Service, message: str) -> None:
    service.events.insert(0, {"id": str(mock_random.uuid4()), "createdAt": utcnow(), "message": message})


def _service_init(self: Service, *args: Any, **kwargs: Any) -> None:
    _original_service_init(self, *args, **kwargs)
    self.deployment_configuration = copy.deepcopy(DEFAULT_DEPLOYMENT_CONFIGURATION)
    self.health_check_grace_period_seconds = None
    self.enable_execute_command = False
    self.enable_ecs_managed_tags = False
    self.capacity_provider_strategy = None
    self.created_at = utcnow()
    if self.deployment_controller.get("type") == "ECS":
        self.deployments = [_new_deployment(self, kwargs.get("network_configuration"))]


def _create_service_response(self: EC2ContainerServiceResponse) -> Any:
    strategy = self._get_param("capacityProviderStrategy") or []
    if strategy and self._get_param("launchType"):
        raise InvalidParameterException(
            "Specifying both a launch type and capacity provider strategy is not supported."
        )
    result = _original_create_response(self)
    service = self.ecs_backend._get_service(self._get_param("cluster", "default"), self._get_param("serviceName"))
    deployment_configuration = self._get_param("deploymentConfiguration")
    if deployment_configuration:
        service.deployment_configuration = {**service.deployment_configuration, **deployment_configuration}
    service.health_check_grace_period_seconds = self._get_param("healthCheckGracePeriodSeconds")
    service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
    service.enable_ecs_managed_tags = bool(self._get_param("enableECSManagedTags", False))
    if strategy:
        service.capacity_provider_strategy = strategy
        service.launch_type = None
    uses_fargate = service.launch_type == "FARGATE" or any(
        item.get("capacityProvider", "").startswith("FARGATE") for item in strategy
    )
    if uses_fargate and not service.platform_version:
        service.platform_version = "LATEST"
    for deployment in service.deployments:
        deployment.update(platformVersion=service.platform_version, taskDefinition=service.task_definition)
        if strategy:
            deployment.pop("launchType", None)
            deployment["capacityProviderStrategy"] = copy.deepcopy(strategy)
    return result


def _update_service(self: EC2ContainerServiceBackend, service_properties: dict[str, Any]) -> Service:
    service = self._get_service(service_properties.get("cluster", "default"), service_properties["service"])
    _progress(service)
    before = {name: copy.deepcopy(getattr(service, name, None)) for name in DEPLOYMENT_SETTINGS}
    force = bool(service_properties.get("force_new_deployment"))
    deployment_configuration = service_properties.pop("deployment_configuration", None)
    task_definition = service_properties.get("task_definition")
    updated = _original_update(self, service_properties)
    if task_definition:
        updated.task_definition = self.describe_task_definition(task_definition).arn
    if deployment_configuration:
        updated.deployment_configuration = {**updated.deployment_configuration, **deployment_configuration}
    if updated.capacity_provider_strategy:
        updated.launch_type = None
    changed = any(getattr(updated, name, None) != value for name, value in before.items())
    if (changed or force) and updated.deployment_controller.get("type") == "ECS":
        previous = [d for d in updated.deployments if d.get("status") == "PRIMARY"]
        for deployment in previous:
            deployment["status"] = "ACTIVE"
        updated.deployments = [_new_deployment(updated, updated.network_configuration or None), *previous]
    else:
        for deployment in updated.deployments:
            if deployment.get("status") == "PRIMARY":
                deployment["desiredCount"] = updated.desired_count
    return updated


def _describe_services(
    self: EC2ContainerServiceBackend, cluster_str: str, service_names_or_arns: list[str]
) -> tuple[list[Service], list[dict[str, str]]]:
    services, failures = _original_describe(self, cluster_str, service_names_or_arns)
    for service in services:
        _progress(service)
    return services, failures


def apply() -> None:
    Service.__init__ = _service_init
    EC2ContainerServiceResponse.create_service = _create_service_response
    EC2ContainerServiceBackend.update_service = _update_service
    EC2ContainerServiceBackend.describe_services = _describe_services
