#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_task_definition
version_added: 0.7.0
short_description: Register and deregister ECS task definitions, registering a revision only when it changes
description:
  - Register a revision of an Amazon ECS task definition family when what was asked differs from the family's
    latest C(ACTIVE) revision, and deregister revisions.
  - The request is compared with the latest C(ACTIVE) revision after filling in, on both sides, the defaults ECS
    stores (an essential container with cpu 0; tcp port mappings whose host port is the container port under
    V(awsvpc) and V(host); a health check's 30 s interval, 5 s timeout and 3 retries; Linux on x86_64; 20 GiB of
    ephemeral storage). Environment variables and secrets are compared as sets keyed by name, containers by
    name, and empty lists count as unset. So a re-run with the same input registers no new revision.
  - Tags belong to each revision. When nothing else changed, the latest revision is tagged in place; a new
    revision is registered with the resulting tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  family:
    description:
      - The family of the task definition, 1 to 255 letters, numbers, hyphens and underscores.
    type: str
    required: true
  state:
    description:
      - V(present) registers a revision when the latest C(ACTIVE) one differs from what was asked.
      - V(absent) deregisters every C(ACTIVE) revision of the family, or only O(revision) when it is set.
        Deregistered revisions stay C(INACTIVE); running tasks and services that use them are not affected.
    type: str
    choices: ["present", "absent"]
    default: present
  revision:
    description:
      - With O(state=absent), the one revision to deregister.
    type: int
  containers:
    description:
      - The container definitions, in the API's camelCase shape (as C(containerDefinitions) of
        C(RegisterTaskDefinition), and as M(community.aws.ecs_taskdefinition) takes them), for example
        C(name), C(image), C(portMappings), C(environment), C(secrets), C(logConfiguration), C(healthCheck),
        C(readonlyRootFilesystem).
      - Every container is given whole on every run. Integer settings and ports may be strings; environment
        values are sent as strings (V(true) and V(false) for booleans).
      - Required with O(state=present).
    type: list
    elements: dict
  network_mode:
    description:
      - The Docker networking mode of the containers. Fargate needs V(awsvpc).
    type: str
    choices: ["awsvpc", "bridge", "host", "none"]
    default: awsvpc
  requires_compatibilities:
    description:
      - The launch types the task definition is validated against.
    type: list
    elements: str
    choices: ["FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES"]
    default: ["FARGATE"]
  cpu:
    description:
      - The task CPU, in units (V(1024) per vCPU) or as V(1 vCPU). Compared as the string of units ECS returns.
      - Under Fargate it is required, and with O(memory) it must be a pair Fargate accepts (256 with 512, 1024 or
        2048; 512 with 1024 to 4096; 1024 with 2048 to 8192; 2048 with 4096 to 16384; 4096 with 8192 to 30720,
        in steps of 1024; 8192 with 16384 to 61440 in steps of 4096; 16384 with 32768 to 122880 in steps of 8192).
      - Unset, the latest revision's value is kept.
    type: str
  memory:
    description:
      - The task memory, in MiB or as V(2 GB). Compared as the string of MiB ECS returns. See O(cpu).
      - Unset, the latest revision's value is kept.
    type: str
  execution_role_arn:
    description:
      - The role ECS uses to pull the image, read the secrets and write the logs.
      - Unset, the latest revision's value is kept; V("") registers a revision without one.
    type: str
  task_role_arn:
    description:
      - The role the containers' code uses to call AWS.
      - Unset, the latest revision's value is kept; V("") registers a revision without one.
    type: str
  runtime_platform:
    description:
      - The operating system and CPU architecture the task runs on. ECS's default is Linux on x86_64.
      - Unset, the latest revision's value is kept.
    type: dict
    suboptions:
      cpu_architecture:
        description: The CPU architecture.
        type: str
        choices: ["X86_64", "ARM64"]
      operating_system_family:
        description: The operating system family, for example V(LINUX).
        type: str
  volumes:
    description:
      - The volumes of the task, in the API's camelCase shape (as C(volumes) of C(RegisterTaskDefinition)).
      - Unset, the latest revision's volumes are kept; V([]) registers a revision without volumes.
    type: list
    elements: dict
  ephemeral_storage:
    description:
      - The ephemeral storage of a Fargate task, in GiB, from 21 to 200. V(20), Fargate's default, sets none.
      - Unset, the latest revision's value is kept.
    type: int
notes:
  - This module replaces M(community.aws.ecs_taskdefinition). In community.aws 10.0.0 that module registers a new
    revision on every run of a container with a C(healthCheck), because ECS returns the health check with its
    defaults filled in and the module compares dicts naively; it ignores changes to environment values, secrets
    and port mappings whose count does not change, and to the task CPU and memory; it reads every revision of the
    family on every run; it has no tags; and in check mode it returns nothing for a new revision.
  - Settings of C(RegisterTaskDefinition) that the module has no option for (placement constraints, proxy
    configuration, C(pidMode), C(ipcMode)) are not carried to a new revision.
  - Registering is synchronous, so there is nothing to wait for.
  - In check mode the revision to be registered is predicted as one more than the family's highest C(ACTIVE) or
    C(INACTIVE) revision; its ARN is returned as null.
  - The caller needs C(ecs:DescribeTaskDefinition), C(ecs:RegisterTaskDefinition), C(ecs:TagResource) and
    C(ecs:UntagResource) with O(state=present), C(ecs:ListTaskDefinitions) in check mode and with
    O(state=absent), C(ecs:DeregisterTaskDefinition) with O(state=absent), and C(iam:PassRole) on the roles.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Register the API's task definition for Fargate
  appstack.aws.ecs_task_definition:
    family: shop-api-prod
    cpu: 512
    memory: 1024
    execution_role_arn: arn:aws:iam::123456789012:role/shop-prod-execution
    task_role_arn: arn:aws:iam::123456789012:role/shop-prod-task
    containers:
      - name: api
        image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4.2
        portMappings:
          - containerPort: 8000
        environment:
          - {name: APP_ENV, value: prod}
        secrets:
          - name: DB_PASSWORD
            valueFrom: "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-prod-db-AbCdEf:password::"
        logConfiguration:
          logDriver: awslogs
          options:
            awslogs-group: /ecs/shop-prod
            awslogs-region: us-east-1
            awslogs-stream-prefix: api
        healthCheck:
          command: ["CMD-SHELL", "curl -f http://localhost:8000/api/health || exit 1"]
        readonlyRootFilesystem: true
    tags:
      Environment: prod
  register: api_task_definition

- name: Deregister one revision
  appstack.aws.ecs_task_definition:
    family: shop-api-prod
    revision: 3
    state: absent

- name: Deregister every revision of a family
  appstack.aws.ecs_task_definition:
    family: shop-api-dev
    state: absent
"""

RETURN = r"""
task_definition:
  description:
    - The family's latest C(ACTIVE) revision (the one registered, when one was), with the keys of
      C(DescribeTaskDefinition) in snake_case; the keys of user maps such as log options are kept as they are.
    - In check mode, the revision as it would be registered, with O(containers) as they would be sent.
  returned: when O(state=present)
  type: dict
  contains:
    arn:
      description: The ARN of the revision; null in check mode for a revision still to be registered.
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:4
    task_definition_arn:
      description: The same as RV(task_definition.arn).
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:4
    family:
      description: The family.
      returned: always
      type: str
      sample: shop-api-prod
    revision:
      description: The revision number.
      returned: always
      type: int
      sample: 4
    status:
      description: The status of the revision.
      returned: always
      type: str
      sample: ACTIVE
    container_definitions:
      description: The containers, as ECS stores them (its defaults filled in), keys in snake_case.
      returned: always
      type: list
      elements: dict
      sample: [{"name": "api", "image": "shop:1.4.2", "essential": true, "cpu": 0}]
    network_mode:
      description: The networking mode.
      returned: always
      type: str
      sample: awsvpc
    requires_compatibilities:
      description: The launch types the definition was validated against.
      returned: always
      type: list
      elements: str
      sample: ["FARGATE"]
    cpu:
      description: The task CPU, in units.
      returned: when set
      type: str
      sample: "512"
    memory:
      description: The task memory, in MiB.
      returned: when set
      type: str
      sample: "1024"
    execution_role_arn:
      description: The execution role.
      returned: when set
      type: str
      sample: arn:aws:iam::123456789012:role/shop-prod-execution
    task_role_arn:
      description: The task role.
      returned: when set
      type: str
      sample: arn:aws:iam::123456789012:role/shop-prod-task
    runtime_platform:
      description: The operating system and CPU architecture.
      returned: when set
      type: dict
      sample: {"cpu_architecture": "X86_64", "operating_system_family": "LINUX"}
    volumes:
      description: The volumes.
      returned: always
      type: list
      elements: dict
      sample: []
    ephemeral_storage:
      description: The ephemeral storage, when more than the default.
      returned: when set
      type: dict
      sample: {"size_in_gi_b": 30}
    registered_at:
      description: When the revision was registered.
      returned: when the revision exists
      type: str
      sample: "2024-01-01T00:00:00+00:00"
    registered_by:
      description: The principal that registered the revision.
      returned: when the revision exists
      type: str
      sample: arn:aws:iam::123456789012:root
    tags:
      description: The tags of the revision.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
deregistered:
  description: The ARNs of the revisions deregistered (to be deregistered, in check mode).
  returned: when O(state=absent)
  type: list
  elements: str
  sample: ["arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-dev:1"]
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definition_plan import (
    COMPATIBILITIES,
    CPU_ARCHITECTURES,
    NETWORK_MODES,
    definition_differences,
    definition_to_result,
    definition_view,
    desired_definition,
    predicted_definition,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definitions import (
    AnsibleECSError,
    deregister_task_definition,
    describe_task_definition,
    list_task_definition_arns,
    register_task_definition,
    revision_of,
    tag_resource,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def next_revision(client, family, current):
    """The revision RegisterTaskDefinition would create: one more than the highest ACTIVE or INACTIVE one."""
    inactive = list_task_definition_arns(client, family, status="INACTIVE", descending=True)
    highest = max([revision_of(arn) for arn in inactive] + [current["revision"] if current else 0])
    return highest + 1


def ensure_present(client, current, current_tags, params, check_mode):
    """Bring the family to what params ask for.

    :param current: the family's latest ACTIVE revision as DescribeTaskDefinition returns it, None when none
    :return: (changed, (the latest revision as it is, or would be, afterwards, its tags))
    """
    request = desired_definition(current, params)
    if current is None or definition_differences(current, request):
        tags = plan_tags(current_tags, params["tags"], params["purge_tags"]).result
        if check_mode:
            return True, (predicted_definition(request, next_revision(client, params["family"], current)), tags)
        return True, register_task_definition(client, request, tags)

    arn = current["taskDefinitionArn"]
    changed, tagged = ensure_tags(
        {"tags": current_tags},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(tag_resource, client, arn),
        untag=partial(untag_resource, client, arn),
    )
    return changed, (current, tagged["tags"])


def ensure_absent(client, current, params, check_mode):
    """Deregister the revision asked for, or every ACTIVE revision of the family; returns (changed, their ARNs).

    :param current: the revision asked for, or the family's latest ACTIVE one, as DescribeTaskDefinition returns
        it; None when there is none (then the family has no ACTIVE revision, or not that one)
    """
    if current is None or current["status"] != "ACTIVE":
        arns = []
    elif params["revision"] is not None:
        arns = [current["taskDefinitionArn"]]
    else:
        arns = list_task_definition_arns(client, params["family"])
    if not check_mode:
        for arn in arns:
            deregister_task_definition(client, arn)
    return bool(arns), arns


def main():
    argument_spec = dict(
        family=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        revision=dict(type="int"),
        containers=dict(type="list", elements="dict"),
        network_mode=dict(type="str", default="awsvpc", choices=NETWORK_MODES),
        requires_compatibilities=dict(type="list", elements="str", default=["FARGATE"], choices=COMPATIBILITIES),
        cpu=dict(type="str"),
        memory=dict(type="str"),
        execution_role_arn=dict(type="str"),
        task_role_arn=dict(type="str"),
        runtime_platform=dict(
            type="dict",
            options=dict(
                cpu_architecture=dict(type="str", choices=CPU_ARCHITECTURES),
                operating_system_family=dict(type="str"),
            ),
        ),
        volumes=dict(type="list", elements="dict"),
        ephemeral_storage=dict(type="int"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        required_if=[["state", "present", ["containers"]]],
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        target = params["family"]
        if params["state"] == "absent" and params["revision"] is not None:
            target = f"{target}:{params['revision']}"
        current, current_tags = describe_task_definition(client, target)
        if params["state"] == "absent":
            changed, result["deregistered"] = ensure_absent(client, current, params, module.check_mode)
            after = {}
        else:
            changed, (definition, tags) = ensure_present(client, current, current_tags, params, module.check_mode)
            after = definition_view(definition, tags)
            result["task_definition"] = definition_to_result(definition, tags)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": definition_view(current, current_tags), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
