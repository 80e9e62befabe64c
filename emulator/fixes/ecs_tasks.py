"""ECS one-off tasks (RunTask): they provision, run, stop after a while, report how their containers exited,
and write to their awslogs stream.

AWS (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/):

* ``RunTask`` answers the new task ``PROVISIONING`` (API_RunTask.html); the task then goes ``PENDING``/``RUNNING``
  and, once its essential container exits, ``STOPPED`` (task lifecycle:
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html). A stopped task
  carries ``desiredStatus`` ``STOPPED``, ``stopCode`` ``EssentialContainerExited`` and ``stoppedReason``
  "Essential container in task exited", ``startedAt``, ``stoppingAt``, ``stoppedAt``, ``executionStoppedAt``;
  its ``containers`` (one per container definition) are ``STOPPED`` with their ``exitCode`` (API_Task.html,
  API_Container.html). ``StopTask`` stops it with ``stopCode`` ``UserInitiated`` (API_StopTask.html).
  Here a task is ``PROVISIONING`` in the ``RunTask`` answer and for the first half of the ``ecs_task``
  provisioning delay, ``RUNNING`` for the second half, then ``STOPPED`` with every container's exit code 0
  (its clock starts when ``DescribeTasks`` first reads it, or a second after ``RunTask``),
  so that botocore's ``tasks_stopped`` waiter works. ``fail_next_task`` (``POST /_appstack/ecs/fail-next-task``)
  makes the first essential container of the next task exit with another code after writing log lines.
* ``ContainerDefinition.memory`` is optional with Fargate, where the task-level ``memory`` applies
  (API_ContainerDefinition.html).
* A task whose network mode is ``awsvpc`` gets an elastic network interface whose attachment details include its
  ``privateDnsName`` (API_Attachment.html, API_KeyValuePair.html).
* With the ``awslogs`` log driver a container writes to the log group ``awslogs-group`` (in ``awslogs-region``),
  on the stream ``<awslogs-stream-prefix>/<container name>/<task id>``
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html). If the group doesn't exist and
  ``awslogs-create-group`` isn't ``true``, the task can't start: it stops with ``stopCode`` ``TaskFailedToStart``
  and a ``ResourceInitializationError`` reason
  (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html).

Moto 5.2.5 answers HTTP 500 to ``RunTask`` of a Fargate container without ``memory`` and of an ``awsvpc`` task in
a VPC without DNS hostnames; turns a task ``STOPPED`` the first time it is read, with no ``stopCode``; reports
only the first container, with exit code 0 whatever happened; and writes no log stream: a migration step can't
wait for a task, see it fail, or read its logs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from moto.core.utils import unix_time_millis, utcnow
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ec2.utils import generate_dns_from_ip
from moto.ecs.models import EC2ContainerServiceBackend, Task, TaskDefinition
from moto.logs.models import logs_backends
from moto.moto_api._internal import mock_random

from emulator import delays

KIND = "ecs_task"
ESSENTIAL_EXITED = ("EssentialContainerExited", "Essential container in task exited")
FAILED_TO_START = "TaskFailedToStart"
USER_INITIATED = ("UserInitiated", "Task stopped by user")
LOG_GROUP_MISSING = (
    "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
    "failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. "
    ": exit status 1"
)
EXIT_CODE_RANGE = (0, 255)
# The RunTask answer shows a task PROVISIONING: its clock starts when a DescribeTasks reads it, or after this long.
UNSEEN_SECONDS = 1.0


@dataclass(frozen=True)
class TaskOutcome:
    """How the essential container of a task ends: its exit code and the lines it logs."""

    exit_code: int = 0
    log_lines: tuple[str, ...] = field(default_factory=tuple)


_lock = threading.Lock()
_next_outcomes: list[TaskOutcome] = []

_original_init = Task.__init__
_original_advance = Task.advance
_original_requirements = EC2ContainerServiceBackend._calculate_task_resource_requirements


def fail_next_task(exit_code: int, log_lines: list[str]) -> None:
    """Make the first essential container of the next task RunTask starts log ``log_lines``, then exit ``exit_code``."""
    with _lock:
        _next_outcomes.append(TaskOutcome(exit_code, tuple(log_lines)))


def pending_outcomes() -> int:
    with _lock:
        return len(_next_outcomes)


def reset_controls() -> None:
    with _lock:
        _next_outcomes.clear()


def check_outcome(exit_code: Any, log_lines: Any) -> tuple[int, list[str]]:
    """The control's ``exit_code`` and ``log_lines`` checked; ValueError says what is wrong."""
    low, high = EXIT_CODE_RANGE
    if not isinstance(exit_code, int) or isinstance(exit_code, bool) or not low <= exit_code <= high:
        raise ValueError(f"exit_code must be an integer from {low} to {high}, not {exit_code!r}")
    if log_lines is None:
        return exit_code, []
    if not isinstance(log_lines, list) or not all(isinstance(line, str) for line in log_lines):
        raise ValueError(f"log_lines must be a list of strings, not {log_lines!r}")
    return exit_code, list(log_lines)


def _take_outcome() -> TaskOutcome:
    with _lock:
        return _next_outcomes.pop(0) if _next_outcomes else TaskOutcome()


class TaskContainer:
    """A container of a task, as DescribeTasks reports it (API_Container.html); its state follows the task's."""

    def __init__(self, task: Task, definition: dict[str, Any], exit_code: int) -> None:
        self._task = task
        self.container_arn = (
            f"{task.task_arn.rsplit(':task/', 1)[0]}:container/{task.cluster_name}/{task.id}/{mock_random.uuid4()}"
        )
        self.task_arn = task.task_arn
        self.name = definition.get("name")
        self.image = definition.get("image")
        self.cpu = str(definition.get("cpu", 0))
        self.memory = None if definition.get("memory") is None else str(definition["memory"])
        self.memory_reservation = (
            None if definition.get("memoryReservation") is None else str(definition["memoryReservation"])
        )
        self.essential = definition.get("essential", True)
        self.network_interfaces = _network_interfaces(task)
        self.health_status = "UNKNOWN"
        self._exit_code = exit_code

    @property
    def last_status(self) -> str:
        status = self._task.last_status
        return "PENDING" if status == "PROVISIONING" else status

    @property
    def exit_code(self) -> int | None:
        task = self._task
        if task.last_status != "STOPPED" or task._appstack_stop_code != ESSENTIAL_EXITED[0]:
            return None
        return self._exit_code


def _network_interfaces(task: Task) -> list[dict[str, str]]:
    for attachment in task.attachments:
        details = {item["name"]: item["value"] for item in attachment.get("details", [])}
        if "privateIPv4Address" in details:
            return [{"attachmentId": attachment["id"], "privateIpv4Address": details["privateIPv4Address"]}]
    return []


def _init(self: Task, cluster: Any, task_definition: TaskDefinition, *args: Any, **kwargs: Any) -> None:
    _original_init(self, cluster, task_definition, *args, **kwargs)
    for attachment in self.attachments:
        for detail in attachment.get("details", []):
            if detail["name"] == "privateDnsName" and not detail["value"]:
                ip = next(d["value"] for d in attachment["details"] if d["name"] == "privateIPv4Address")
                detail["value"] = generate_dns_from_ip(ip)
    self._appstack_created_monotonic = delays.now()
    self._appstack_run_seconds = delays.seconds_for(KIND)
    self._appstack_seen = False
    self._appstack_user_stop: tuple[str, str] | None = None
    self._appstack_desired_status = "RUNNING"
    self.created_at = utcnow()
    self.cpu = task_definition.cpu
    self.memory = task_definition.memory
    self.platform_family = "Linux"
    outcome = _take_outcome()
    definitions = task_definition.container_definitions
    exiting = next((d for d in definitions if d.get("essential", True)), definitions[0])
    self.containers = [TaskContainer(self, d, outcome.exit_code if d is exiting else 0) for d in definitions]
    self._appstack_stop_code, self._appstack_stop_reason = ESSENTIAL_EXITED
    failure = _write_logs(self, exiting, outcome.log_lines)
    if failure:
        self._appstack_stop_code, self._appstack_stop_reason = FAILED_TO_START, failure


def _write_logs(task: Task, container: dict[str, Any], lines: tuple[str, ...]) -> str | None:
    """Write ``lines`` to the container's awslogs stream; the reason the task can't start, if it can't."""
    config = container.get("logConfiguration") or {}
    if config.get("logDriver") != "awslogs":
        return None
    options = config.get("options") or {}
    group_name = options.get("awslogs-group")
    if not group_name:
        return None
    backend = logs_backends[task._account_id][options.get("awslogs-region") or task.region_name]
    if group_name not in backend.groups:
        if options.get("awslogs-create-group") != "true":
            return LOG_GROUP_MISSING
        backend.ensure_log_group(group_name)
    prefix = options.get("awslogs-stream-prefix")
    stream_name = f"{prefix}/{container.get('name')}/{task.id}" if prefix else task.id
    group = backend.groups[group_name]
    if stream_name not in group.streams:
        group.create_log_stream(stream_name)
    if lines:
        now = int(unix_time_millis())
        group.put_log_events(stream_name, [{"timestamp": now, "message": line} for line in lines])
    return None


def _clock_started(task: Task) -> bool:
    return task._appstack_seen or delays.now() >= task._appstack_created_monotonic + UNSEEN_SECONDS


def _stopped(task: Task) -> bool:
    if task._appstack_user_stop is not None:
        return True
    if not _clock_started(task):
        return False
    return delays.now() >= task._appstack_created_monotonic + task._appstack_run_seconds


def _last_status(self: Task) -> str:
    if _stopped(self):
        return "STOPPED"
    if not _clock_started(self):
        return "PROVISIONING"
    half = self._appstack_created_monotonic + self._appstack_run_seconds / 2
    if delays.now() < half or self._appstack_stop_code == FAILED_TO_START:
        return "PROVISIONING"
    return "RUNNING"


def _set_last_status(self: Task, value: str) -> None:
    # StopTask sets it; a task that has stopped already keeps how it stopped.
    if value == "STOPPED" and not _stopped(self):
        self._appstack_user_stop = USER_INITIATED
        self._appstack_stopped_at = utcnow()


def _desired_status(self: Task) -> str:
    return "STOPPED" if _stopped(self) else self._appstack_desired_status


def _set_desired_status(self: Task, value: str) -> None:
    self._appstack_desired_status = value


def _stop_code(self: Task) -> str | None:
    if not _stopped(self):
        return None
    return (self._appstack_user_stop or (self._appstack_stop_code, ""))[0]


def _stopped_reason(self: Task) -> str | None:
    if not _stopped(self):
        return None
    if self._appstack_user_stop is not None:
        return self._appstack_user_reason or self._appstack_user_stop[1]
    return self._appstack_stop_reason


def _set_stopped_reason(self: Task, value: str | None) -> None:
    self._appstack_user_reason = value or None


def _started_at(self: Task) -> Any:
    if self.last_status in ("RUNNING", "STOPPED") and self._appstack_stop_code != FAILED_TO_START:
        return self.created_at
    return None


def _stopped_at(self: Task) -> Any:
    if not _stopped(self):
        return None
    if self._appstack_user_stop is not None:
        return self._appstack_stopped_at
    return self.created_at + timedelta(seconds=self._appstack_run_seconds)


def _advance(self: Task) -> None:
    # DescribeTasks reads the task: from now on it follows its clock.
    self._appstack_seen = True
    _original_advance(self)


def _calculate_task_resource_requirements(task_definition: TaskDefinition) -> dict[str, Any]:
    containers = [
        {**c, "memory": c.get("memory") or c.get("memoryReservation") or 0}
        if "Memory" not in c and "MemoryReservation" not in c
        else c
        for c in task_definition.container_definitions
    ]
    return _original_requirements(SimpleNamespace(container_definitions=containers))


def apply() -> None:
    # Moto sets private_dns_name only in VPCs with DNS hostnames, yet reads it for every task ENI.
    NetworkInterface.private_dns_name = None
    Task.__init__ = _init
    Task.advance = _advance
    Task.last_status = property(_last_status, _set_last_status)
    Task.desired_status = property(_desired_status, _set_desired_status)
    Task.stop_code = property(_stop_code)
    Task.stopped_reason = property(_stopped_reason, _set_stopped_reason)
    Task.started_at = property(_started_at)
    Task.stopping_at = property(_stopped_at)
    Task.stopped_at = property(_stopped_at)
    Task.execution_stopped_at = property(_stopped_at)
    Task._appstack_user_reason = None
    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(
        _calculate_task_resource_requirements
    )
