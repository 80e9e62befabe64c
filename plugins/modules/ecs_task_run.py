#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_task_run
version_added: 0.7.0
short_description: Run a one-off ECS Fargate task, wait for it to stop and report its exit code and last log lines
description:
  - Runs one task of a task definition on AWS Fargate (C(RunTask)) in the subnets and security groups given, with
    no public IP unless asked, optionally overriding a container's command and environment, for example a database
    migration before a deploy.
  - Waits until the task is C(STOPPED), then returns how it ended (C(stopCode), C(stoppedReason)), the exit code of
    the container it reports, and the last lines that container wrote through the C(awslogs) log driver (the log
    group and stream prefix of the task definition's C(logConfiguration)).
  - A task that does not stop within O(wait_timeout) is stopped (C(StopTask)) and the module fails saying so.
  - Every run starts a new task, so the module always reports a change, except in check mode, where it reads the
    task definition and says what it would run.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  cluster:
    description:
      - The name or ARN of the cluster to run the task in.
    type: str
    required: true
  task_definition:
    description:
      - The task definition to run, as C(family) (its latest C(ACTIVE) revision), C(family:revision) or an ARN.
      - The revision found is the one run, and is returned as RV(task_definition_arn).
    type: str
    required: true
  launch_type:
    description:
      - The launch type.
    type: str
    choices: ["FARGATE"]
    default: FARGATE
  network_configuration:
    description:
      - Where the task's network interface is placed (C(awsvpc)).
    type: dict
    required: true
    suboptions:
      subnets:
        description: The subnets the task may be placed in; at least one.
        type: list
        elements: str
        required: true
      security_groups:
        description: The security groups of the task; when not set, ECS uses the VPC's default security group.
        type: list
        elements: str
      assign_public_ip:
        description: Whether the task gets a public IP address. Tasks in private subnets reach AWS through a NAT
          gateway or VPC endpoints and need none.
        type: bool
        default: false
  container_overrides:
    description:
      - Overrides of containers of the task definition, for this task only.
    type: list
    elements: dict
    suboptions:
      name:
        description: The name of the container, as the task definition names it.
        type: str
        required: true
      command:
        description: The command to run instead of the image's or the task definition's, as a list of arguments.
        type: list
        elements: str
      environment:
        description: Environment variables added to (or replacing those of) the container's, name to value.
        type: dict
  container_name:
    description:
      - The container whose exit code and log lines are reported and checked.
      - Defaults to the first container of O(container_overrides), else the task definition's first essential
        container.
    type: str
  started_by:
    description:
      - An identifier of who started the task, 1 to 128 characters, shown as the task's C(startedBy); for example
        the deploy that ran it.
    type: str
  wait_timeout:
    description:
      - How many seconds (above 0) to wait for the task to stop. When it runs out, the task is stopped with
        C(StopTask) and the module fails, with the task's last log lines.
    type: int
    default: 900
  log_lines:
    description:
      - How many of the last lines the container logged to return (0 to 10,000; V(0) reads none).
      - Read with C(logs:GetLogEvents) from the container's C(awslogs) stream; a container with another log
        driver returns none.
    type: int
    default: 50
  fail_on_exit_code:
    description:
      - Whether the module fails when the container exits with a code other than 0, or stops without an exit code
        (the task could not start). The failure message gives the exit code, the stopped reason and the last log
        lines.
      - With V(false), the module returns how the task ended and the caller decides.
    type: bool
    default: true
notes:
  - Calls C(ecs:DescribeTaskDefinition), C(ecs:RunTask), C(ecs:DescribeTasks), C(ecs:StopTask) (on a timeout) and
    C(logs:GetLogEvents); C(iam:PassRole) on the task definition's execution and task roles.
  - Neither amazon.aws nor community.aws has a module that waits for a task to stop and reports its exit code and
    logs (community.aws's C(ecs_task) only starts or stops tasks).
  - Supports check mode, in which the task definition is read and nothing is run.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Run the database migrations with the new image's task definition revision
  appstack.aws.ecs_task_run:
    cluster: smartscheduler-prod
    task_definition: smartscheduler-api-prod:42
    network_configuration:
      subnets: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
      security_groups: [sg-0123456789abcdef0]
    container_overrides:
      - name: api
        command: [alembic, upgrade, head]
    started_by: deploy-1f0c2ab
    wait_timeout: 1800
  register: migration

- name: Run a task and decide afterwards what its exit code means
  appstack.aws.ecs_task_run:
    cluster: smartscheduler-dev
    task_definition: smartscheduler-api-dev
    network_configuration:
      subnets: [subnet-0a1b2c3d4e5f60718]
    container_overrides:
      - name: api
        command: [python, manage.py, check]
        environment:
          LOG_LEVEL: debug
    fail_on_exit_code: false
    log_lines: 20
  register: check_task
"""

RETURN = r"""
task_arn:
  description: The ARN of the task that ran.
  returned: when the task ran (not in check mode)
  type: str
  sample: arn:aws:ecs:us-east-1:123456789012:task/smartscheduler-prod/0123456789abcdef0123456789abcdef
task_definition_arn:
  description: The task definition revision that ran (or would run, in check mode).
  returned: always
  type: str
  sample: arn:aws:ecs:us-east-1:123456789012:task-definition/smartscheduler-api-prod:42
container_name:
  description: The container whose exit code and log lines are reported.
  returned: always
  type: str
  sample: api
last_status:
  description: The task's last status, C(STOPPED) once it has ended.
  returned: when the task ran
  type: str
  sample: STOPPED
stop_code:
  description: Why the task stopped, such as C(EssentialContainerExited), C(TaskFailedToStart) or C(UserInitiated).
  returned: when the task ran
  type: str
  sample: EssentialContainerExited
stopped_reason:
  description: ECS's explanation of why the task stopped.
  returned: when the task ran
  type: str
  sample: Essential container in task exited
exit_code:
  description: The exit code of the container; null when it never ran (for example the task failed to start).
  returned: when the task ran
  type: int
  sample: 0
timed_out:
  description: Whether O(wait_timeout) ran out, so that the module stopped the task.
  returned: when the task ran
  type: bool
  sample: false
log_group:
  description: The log group the container writes to; empty without the C(awslogs) driver.
  returned: always
  type: str
  sample: /ecs/smartscheduler-api-prod
log_stream:
  description: The container's log stream in that group (C(<prefix>/<container>/<task id>)).
  returned: when the task ran
  type: str
  sample: api/api/0123456789abcdef0123456789abcdef
log_lines:
  description: The last O(log_lines) lines the container logged, oldest first.
  returned: when the task ran
  type: list
  elements: str
  sample: ["INFO  [alembic.runtime.migration] Running upgrade a1 -> b2"]
task:
  description: The task as ECS describes it once it stopped, in snake_case.
  returned: when the task ran
  type: dict
msg:
  description: What ran and how it ended, or, in check mode, what would run.
  returned: always
  type: str
  sample: Task 0123456789abcdef0123456789abcdef of smartscheduler-api-prod:42 exited with code 0.
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils import ecs_task_plan, ecs_tasks
from ansible_collections.appstack.aws.plugins.module_utils.ecs import AnsibleECSError
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definitions import describe_task_definition
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return ecs_task_plan.validate(params) + wait_timeout_problems(params.get("wait_timeout"))


def read_task_definition(client, params):
    task_definition, _tags = describe_task_definition(client, params["task_definition"])
    if not task_definition:
        raise AnsibleECSError(message=f"Task definition {params['task_definition']} does not exist (or is INACTIVE).")
    unknown = ecs_task_plan.unknown_containers(task_definition, params)
    if unknown:
        names = ", ".join(c["name"] for c in task_definition.get("containerDefinitions") or [])
        raise AnsibleECSError(
            message=f"Task definition {task_definition['taskDefinitionArn']} has no container {', '.join(unknown)};"
            f" its containers: {names}."
        )
    return task_definition


def run_and_wait(client, logs_client, task_definition, params):
    """Run the task, wait for it to stop (stopping it on a timeout); returns the result to report."""
    container = ecs_task_plan.reported_container(task_definition, params)
    request = ecs_task_plan.run_task_request(params, task_definition["taskDefinitionArn"])
    task = ecs_tasks.run_task(client, request)
    arn = task["taskArn"]
    stopped = ecs_tasks.wait_until_stopped(client, params["cluster"], arn, params["wait_timeout"])
    if not stopped:
        reason = f"Stopped by ecs_task_run: it did not stop within {params['wait_timeout']} seconds"
        ecs_tasks.stop_task(client, params["cluster"], arn, reason)
    task = ecs_tasks.describe_task(client, params["cluster"], arn) or task
    result = ecs_task_plan.outcome(task, container)
    location = ecs_task_plan.log_location(task_definition, container, arn)
    result.update(
        timed_out=not stopped,
        log_group=location[0] if location else "",
        log_stream=location[1] if location else "",
        log_lines=ecs_tasks.last_log_lines(logs_client, *location, params["log_lines"]) if location else [],
        task=boto3_resource_to_ansible_dict(task),
    )
    return result


def main():
    override_spec = dict(
        name=dict(type="str", required=True),
        command=dict(type="list", elements="str"),
        environment=dict(type="dict"),
    )
    network_spec = dict(
        subnets=dict(type="list", elements="str", required=True),
        security_groups=dict(type="list", elements="str"),
        assign_public_ip=dict(type="bool", default=False),
    )
    argument_spec = dict(
        cluster=dict(type="str", required=True),
        task_definition=dict(type="str", required=True),
        launch_type=dict(type="str", default="FARGATE", choices=["FARGATE"]),
        network_configuration=dict(type="dict", required=True, options=network_spec),
        container_overrides=dict(type="list", elements="dict", options=override_spec),
        container_name=dict(type="str"),
        started_by=dict(type="str"),
        wait_timeout=dict(type="int", default=900),
        log_lines=dict(type="int", default=50),
        fail_on_exit_code=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())

    try:
        task_definition = read_task_definition(client, params)
        container = ecs_task_plan.reported_container(task_definition, params)
        location = ecs_task_plan.log_location(task_definition, container, "") or ("", "")
        arn = task_definition["taskDefinitionArn"]
        what = f"{arn.rsplit('/', 1)[-1]} in cluster {params['cluster']}"
        result = dict(task_definition_arn=arn, container_name=container, log_group=location[0])
        if module.check_mode:
            module.exit_json(changed=True, msg=f"Would run a task of {what}.", **result)
        logs_client = module.client("logs", retry_decorator=AWSRetry.jittered_backoff())
        result.update(run_and_wait(client, logs_client, task_definition, params))
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)

    what = f"Task {result['task_arn'].rsplit('/', 1)[-1]} of {what}"
    if result["timed_out"]:
        module.fail_json(
            msg=ecs_task_plan.failure_message(what, result, params["wait_timeout"]), changed=True, **result
        )
    if result["exit_code"] != 0 and params["fail_on_exit_code"]:
        module.fail_json(msg=ecs_task_plan.failure_message(what, result), changed=True, **result)
    ending = f"exited with code {result['exit_code']}" if result["exit_code"] is not None else "stopped"
    module.exit_json(changed=True, msg=f"{what} {ending} ({result['stop_code']}).", **result)


if __name__ == "__main__":
    main()
