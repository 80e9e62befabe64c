# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pure planning for appstack.aws.ecs_task_run: the RunTask request, the container whose outcome is reported, where
its awslogs driver writes, and what a stopped task says. No botocore here; ``ecs_tasks.py`` makes the calls.

AWS references (https://docs.aws.amazon.com/AmazonECS/latest/):

* RunTask (APIReference/API_RunTask.html): ``networkConfiguration.awsvpcConfiguration`` with ``subnets``,
  ``securityGroups`` and ``assignPublicIp``; ``overrides.containerOverrides`` (API_ContainerOverride.html) with a
  container's ``name``, ``command`` and ``environment``; ``startedBy`` up to 128 characters.
* A stopped task (APIReference/API_Task.html) has ``stopCode`` and ``stoppedReason``; each container
  (API_Container.html) its ``exitCode``, missing when the container never ran.
* The awslogs driver (developerguide/using_awslogs.html) writes to ``awslogs-group`` on the stream
  ``<awslogs-stream-prefix>/<container name>/<task id>``.
"""

STARTED_BY_MAX_LENGTH = 128
# ECS answers InvalidParameterException to a RunTask whose overrides exceed 8192 characters; a command that long is
# a mistake, but the check is left to ECS.
LOG_LINES_MAX = 10000


def validate(params):
    """Every problem with the options that no API call is needed to see (empty: none)."""
    problems = []
    network = params.get("network_configuration") or {}
    if not network.get("subnets"):
        problems.append("network_configuration.subnets must name at least one subnet.")
    started_by = params.get("started_by")
    if started_by is not None and not 1 <= len(started_by) <= STARTED_BY_MAX_LENGTH:
        problems.append(f"started_by must be 1 to {STARTED_BY_MAX_LENGTH} characters, not {len(started_by)}.")
    log_lines = params.get("log_lines")
    if log_lines is not None and not 0 <= log_lines <= LOG_LINES_MAX:
        problems.append(f"log_lines must be 0 to {LOG_LINES_MAX}, not {log_lines}.")
    names = [override["name"] for override in params.get("container_overrides") or []]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append(f"container_overrides names a container more than once: {', '.join(repeated)}.")
    return problems


def container_overrides(overrides):
    """The module's container_overrides as ECS's containerOverrides; only what is given is sent."""
    result = []
    for override in overrides or []:
        entry = {"name": override["name"]}
        if override.get("command") is not None:
            entry["command"] = list(override["command"])
        if override.get("environment"):
            entry["environment"] = [
                {"name": name, "value": str(value)} for name, value in sorted(override["environment"].items())
            ]
        result.append(entry)
    return result


def run_task_request(params, task_definition_arn):
    """The RunTask request of the module's options, for the task definition revision it read."""
    network = params["network_configuration"]
    awsvpc = {
        "subnets": list(network["subnets"]),
        "assignPublicIp": "ENABLED" if network.get("assign_public_ip") else "DISABLED",
    }
    if network.get("security_groups"):
        awsvpc["securityGroups"] = list(network["security_groups"])
    request = {
        "cluster": params["cluster"],
        "taskDefinition": task_definition_arn,
        "launchType": params["launch_type"],
        "count": 1,
        "networkConfiguration": {"awsvpcConfiguration": awsvpc},
    }
    overrides = container_overrides(params.get("container_overrides"))
    if overrides:
        request["overrides"] = {"containerOverrides": overrides}
    if params.get("started_by"):
        request["startedBy"] = params["started_by"]
    return request


def reported_container(task_definition, params):
    """The name of the container whose exit code and logs are reported: container_name when given, else the first
    container overridden, else the task definition's first essential container. None when the task definition has
    no container of that name."""
    containers = task_definition.get("containerDefinitions") or []
    names = [container.get("name") for container in containers]
    wanted = params.get("container_name")
    if wanted is None and params.get("container_overrides"):
        wanted = params["container_overrides"][0]["name"]
    if wanted is None:
        essential = [container["name"] for container in containers if container.get("essential", True)]
        wanted = (essential or names or [None])[0]
    return wanted if wanted in names else None


def unknown_containers(task_definition, params):
    """The container names the options give that the task definition does not have."""
    names = {container.get("name") for container in task_definition.get("containerDefinitions") or []}
    given = [override["name"] for override in params.get("container_overrides") or []]
    if params.get("container_name"):
        given.append(params["container_name"])
    return sorted({name for name in given if name not in names})


def log_location(task_definition, container_name, task_arn):
    """(log group, log stream) the container of the task writes to with the awslogs driver; None without awslogs."""
    container = next(
        (c for c in task_definition.get("containerDefinitions") or [] if c.get("name") == container_name), {}
    )
    config = container.get("logConfiguration") or {}
    options = config.get("options") or {}
    if config.get("logDriver") != "awslogs" or not options.get("awslogs-group"):
        return None
    task_id = task_arn.rsplit("/", 1)[-1]
    prefix = options.get("awslogs-stream-prefix")
    stream = f"{prefix}/{container_name}/{task_id}" if prefix else task_id
    return options["awslogs-group"], stream


def outcome(task, container_name):
    """What a task says of how it ended: task_arn, last_status, stop_code, stopped_reason and the container's
    exit_code (None while it runs, or when the container never ran)."""
    container = next((c for c in task.get("containers") or [] if c.get("name") == container_name), {})
    return {
        "task_arn": task.get("taskArn"),
        "last_status": task.get("lastStatus"),
        "stop_code": task.get("stopCode"),
        "stopped_reason": task.get("stoppedReason"),
        "exit_code": container.get("exitCode"),
    }


def failure_message(what, result, timeout=None):
    """The message of a task that did not end well: timed out, or its container exited non-zero or never ran."""
    if timeout is not None:
        head = f"{what} did not stop within {timeout} seconds; it was stopped (StopTask)."
    elif result.get("exit_code") is None:
        head = f"{what} stopped before its container exited with a code: {result.get('stop_code') or 'no stop code'}."
    else:
        head = f"{what} exited with code {result['exit_code']}."
    reason = result.get("stopped_reason") or "none given"
    lines = result.get("log_lines") or []
    logs = (
        f" Its last {len(lines)} log lines:\n" + "\n".join(lines)
        if lines
        else f" No log line was found{' in ' + result['log_stream'] if result.get('log_stream') else ''}."
    )
    return f"{head} Stopped reason: {reason}.{logs}"
