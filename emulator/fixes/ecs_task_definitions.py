"""ECS task definitions: the container defaults ECS fills, registration metadata, and the latest ACTIVE revision.

AWS:

* ``RegisterTaskDefinition`` stores a container's port mappings and health check with the defaults filled in,
  and ``DescribeTaskDefinition`` returns them so. ``PortMapping``: ``protocol`` defaults to ``tcp``; with the
  ``awsvpc`` or ``host`` network mode ``hostPort`` is left out or equal to ``containerPort``, and is returned
  equal to it (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html).
  ``HealthCheck``: ``interval`` defaults to 30 seconds, ``timeout`` to 5 seconds, ``retries`` to 3
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html).
* A ``TaskDefinition`` carries ``registeredAt`` and ``registeredBy`` (the principal that registered it), and
  ``deregisteredAt`` once deregistered
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html).
* ``DescribeTaskDefinition`` with a family and no revision describes "the latest ``ACTIVE`` revision"
  (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html); a family without
  an ACTIVE revision is ``ClientException`` ("Unable to describe task definition.").

Moto 5.2.5 stores port mappings and health checks as sent, so a client that compares what it sent with what it
reads back sees no difference that AWS would show (the emulator hid the endless re-registration of naive
comparisons); it returns no registration metadata; and it describes a family's highest revision even when that
one is deregistered (INACTIVE), so a family whose revisions were all deregistered still looks present.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from moto.ecs.exceptions import TaskDefinitionNotFoundException
from moto.ecs.models import EC2ContainerServiceBackend, TaskDefinition

# HealthCheck defaults (API_HealthCheck.html).
HEALTH_CHECK_DEFAULTS = {"interval": 30, "timeout": 5, "retries": 3}
DEFAULT_PROTOCOL = "tcp"
# Network modes in which hostPort equals containerPort (API_PortMapping.html).
HOST_PORT_IS_CONTAINER_PORT = ("awsvpc", "host")

_original_init = TaskDefinition.__init__
_original_describe = EC2ContainerServiceBackend.describe_task_definition
_original_deregister = EC2ContainerServiceBackend.deregister_task_definition


def _port_mapping(mapping: dict[str, Any], network_mode: str | None) -> dict[str, Any]:
    filled = {"protocol": DEFAULT_PROTOCOL, **mapping}
    if network_mode in HOST_PORT_IS_CONTAINER_PORT and "containerPort" in filled and "hostPort" not in filled:
        filled["hostPort"] = filled["containerPort"]
    return filled


def _container(container: dict[str, Any], network_mode: str | None) -> dict[str, Any]:
    filled = dict(container)
    filled["portMappings"] = [_port_mapping(mapping, network_mode) for mapping in filled.get("portMappings") or []]
    if filled.get("healthCheck"):
        filled["healthCheck"] = {**HEALTH_CHECK_DEFAULTS, **filled["healthCheck"]}
    return filled


def _init(self: TaskDefinition, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    self.container_definitions = [_container(c, self.network_mode) for c in self.container_definitions]
    self.registered_at = datetime.now(UTC)
    account_id = self.arn.split(":")[4]
    partition = self.arn.split(":")[1]
    self.registered_by = f"arn:{partition}:iam::{account_id}:root"


def _describe_task_definition(self: EC2ContainerServiceBackend, task_definition_str: str) -> TaskDefinition:
    name = task_definition_str.split("/")[-1]
    if ":" in name:
        return _original_describe(self, task_definition_str)
    active = [rev for rev, td in self.task_definitions.get(name, {}).items() if td.status == "ACTIVE"]
    if not active:
        raise TaskDefinitionNotFoundException()
    return self.task_definitions[name][max(active)]


def _deregister_task_definition(self: EC2ContainerServiceBackend, task_definition_str: str) -> TaskDefinition:
    task_definition = _original_deregister(self, task_definition_str)
    if getattr(task_definition, "deregistered_at", None) is None:
        task_definition.deregistered_at = datetime.now(UTC)
    return task_definition


def apply() -> None:
    TaskDefinition.__init__ = _init
    EC2ContainerServiceBackend.describe_task_definition = _describe_task_definition
    EC2ContainerServiceBackend.deregister_task_definition = _deregister_task_definition
