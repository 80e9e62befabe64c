#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_service
version_added: 0.7.0
short_description: Manage an ECS service on Fargate, its deployment settings and native blue/green included
description:
  - Create, update and delete an Amazon ECS service that runs on AWS Fargate (the C(FARGATE) launch type or a
    capacity provider strategy) in the C(awsvpc) network mode, optionally behind Elastic Load Balancing target
    groups.
  - Only the options given are compared with the service, each in the form ECS reports it (a task definition
    named C(family:revision) equals its ARN, subnets, security groups and load balancers are compared as sets,
    the defaults ECS applies are spelled out), and only what differs is sent, in one C(UpdateService) call; a
    converged service is never reported as changed.
  - On an existing service, an option left unset keeps the service's current value.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the service, unique in its cluster; 1 to 255 letters, digits, hyphens and underscores.
    type: str
    required: true
    aliases: ["service"]
  cluster:
    description:
      - The name or ARN of the cluster the service runs in.
    type: str
    required: true
  state:
    description:
      - Whether the service should exist.
      - V(absent) scales the service to 0 and deletes it (C(DeleteService) with C(force)); with O(wait), the module
        returns once the service has drained and is C(INACTIVE).
    type: str
    choices: ["present", "absent"]
    default: present
  task_definition:
    description:
      - The task definition the service runs, as C(family:revision) or as a task definition ARN. A family alone
        is refused, since it would follow whatever revision is latest.
      - Required to create a service. Changing it starts a new deployment.
    type: str
  desired_count:
    description:
      - The number of tasks to keep running. Required to create a service.
      - See O(keep_desired_count) when Application Auto Scaling owns the count.
    type: int
  keep_desired_count:
    description:
      - When true, O(desired_count) is used only to create the service; an existing service keeps the count it
        has, so that the module never fights Application Auto Scaling, which moves it.
    type: bool
    default: false
  launch_type:
    description:
      - The launch type. V(FARGATE) is the default when O(capacity_provider_strategy) is not set.
      - A service cannot be switched between a launch type and a capacity provider strategy by this module; the
        module fails before any write, saying the service must be recreated.
    type: str
    choices: ["FARGATE"]
  capacity_provider_strategy:
    description:
      - The capacity providers of the service, for example V(FARGATE) and V(FARGATE_SPOT) with their weights.
        Mutually exclusive with O(launch_type).
    type: list
    elements: dict
    suboptions:
      capacity_provider:
        description: The capacity provider, for example V(FARGATE_SPOT).
        type: str
        required: true
      weight:
        description: The relative share of tasks this provider runs, 0 to 1000.
        type: int
      base:
        description: The number of tasks this provider runs at least, 0 to 100000.
        type: int
  platform_version:
    description:
      - The Fargate platform version, for example V(LATEST) or V(1.4.0). ECS uses V(LATEST) when it is never set.
    type: str
  network_configuration:
    description:
      - The C(awsvpc) network configuration of the tasks. Required (with O(network_configuration.subnets)) to
        create a service. Changing it starts a new deployment.
    type: dict
    suboptions:
      subnets:
        description: The subnets the tasks run in. Their order does not matter.
        type: list
        elements: str
      security_groups:
        description: The security groups of the tasks. Their order does not matter.
        type: list
        elements: str
      assign_public_ip:
        description: Whether the tasks get a public IP address. ECS uses V(false) when it is never set.
        type: bool
  load_balancers:
    description:
      - The target groups the service registers its tasks with. Their order does not matter; the list replaces
        the service's (V([]) removes them all). Changing them starts a new deployment.
    type: list
    elements: dict
    suboptions:
      target_group_arn:
        description: The ARN of the target group (type C(ip)).
        type: str
        required: true
      container_name:
        description: The container, as the task definition names it.
        type: str
        required: true
      container_port:
        description: The port of the container, 1 to 65535.
        type: int
        required: true
      advanced_configuration:
        description:
          - What ECS native blue/green deployments (O(deployment_configuration.strategy=BLUE_GREEN)) need.
        type: dict
        suboptions:
          alternate_target_group_arn:
            description: The target group the new (green) tasks register with.
            type: str
          production_listener_rule:
            description: The ARN of the listener rule (or listener) that carries production traffic.
            type: str
          test_listener_rule:
            description: The ARN of the listener rule that carries test traffic to the green tasks.
            type: str
          role_arn:
            description: The IAM role ECS assumes to change the listener rules.
            type: str
  deployment_configuration:
    description:
      - How deployments run. The members given are laid over the service's current configuration.
    type: dict
    suboptions:
      minimum_healthy_percent:
        description: The share of O(desired_count) that stays healthy during a deployment, 0 to 100.
        type: int
      maximum_percent:
        description: The upper limit of running tasks during a deployment, as a share of O(desired_count).
        type: int
      circuit_breaker:
        description: The deployment circuit breaker.
        type: dict
        suboptions:
          enable:
            description: Whether a deployment that cannot reach a steady state fails.
            type: bool
          rollback:
            description: Whether a failed deployment rolls back to the last completed one.
            type: bool
      strategy:
        description:
          - V(ROLLING), or V(BLUE_GREEN) for ECS native blue/green, which needs
            O(load_balancers[].advanced_configuration). ECS uses V(ROLLING) when it is never set.
        type: str
        choices: ["ROLLING", "BLUE_GREEN"]
      bake_time_in_minutes:
        description: With V(BLUE_GREEN), how long both revisions run after production traffic has shifted, 0 to 1440.
        type: int
      lifecycle_hooks:
        description: With V(BLUE_GREEN), the Lambda functions ECS calls at stages of a deployment.
        type: list
        elements: dict
        suboptions:
          hook_target_arn:
            description: The ARN of the Lambda function.
            type: str
            required: true
          role_arn:
            description: The IAM role ECS assumes to call it.
            type: str
            required: true
          lifecycle_stages:
            description: The stages at which it is called.
            type: list
            elements: str
            required: true
            choices: ["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT",
                      "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"]
  health_check_grace_period_seconds:
    description:
      - How long, in seconds, ECS ignores failing load balancer and container health checks of a new task.
    type: int
  enable_execute_command:
    description:
      - Whether ECS Exec is on. ECS keeps it off when it is never set.
    type: bool
  propagate_tags:
    description:
      - Where the tasks' tags come from.
    type: str
    choices: ["NONE", "SERVICE", "TASK_DEFINITION"]
  enable_ecs_managed_tags:
    description:
      - Whether ECS tags the tasks with the cluster and service names.
    type: bool
  force_new_deployment:
    description:
      - Start a new deployment even when nothing differs, for example to pull an image tag again. The module then
        always reports a change.
    type: bool
    default: false
  wait:
    description:
      - Wait for the deployment the run started (or the one in progress) to reach C(COMPLETED); a C(FAILED)
        deployment fails the module with the circuit breaker's reason. With O(state=absent), wait until the
        service is C(INACTIVE).
    type: bool
    default: false
  wait_timeout:
    description:
      - How many seconds (above 0) to wait; the module fails naming the last rollout state when it runs out.
    type: int
    default: 900
notes:
  - This module replaces M(community.aws.ecs_service). In community.aws 10.0.0 that module does not compare the
    deployment configuration or the network configuration, so a changed circuit breaker, minimum or maximum
    percent, strategy or subnet is reported as V(changed=false) and never sent; it reports a change on every run
    when O(desired_count) is left to autoscaling; it has no diff and returns nothing in check mode; and it waits
    only for deletion, never for a deployment.
  - What C(UpdateService) cannot change (switching between a launch type and a capacity provider strategy) fails
    before any write, naming the option and saying the service must be recreated.
  - The caller needs C(ecs:DescribeServices), C(ecs:CreateService), C(ecs:UpdateService), C(ecs:DeleteService),
    C(ecs:TagResource), C(ecs:UntagResource) and C(iam:PassRole) on O(load_balancers[].advanced_configuration.role_arn).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Run the API on Fargate behind the ALB, with the circuit breaker and rollback
  appstack.aws.ecs_service:
    name: shop-api-prod
    cluster: shop-prod
    task_definition: shop-api-prod:12
    desired_count: 2
    keep_desired_count: true
    launch_type: FARGATE
    network_configuration:
      subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
      security_groups: [sg-0123456789abcdef0]
      assign_public_ip: false
    load_balancers:
      - target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod/0123456789abcdef
        container_name: api
        container_port: 8000
    deployment_configuration:
      minimum_healthy_percent: 100
      maximum_percent: 200
      circuit_breaker: {enable: true, rollback: true}
    health_check_grace_period_seconds: 60
    enable_execute_command: false
    propagate_tags: SERVICE
    tags:
      Environment: prod
    wait: true

- name: Deploy with ECS native blue/green and a five-minute bake time
  appstack.aws.ecs_service:
    name: shop-api-prod
    cluster: shop-prod
    task_definition: shop-api-prod:13
    deployment_configuration:
      strategy: BLUE_GREEN
      bake_time_in_minutes: 5
    load_balancers:
      - target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod-blue/0123456789abcdef
        container_name: api
        container_port: 8000
        advanced_configuration:
          alternate_target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod-green/fedcba9876543210
          # The ARNs of the listener rules that send production and test traffic to the service.
          production_listener_rule: "{{ production_rule_arn }}"
          test_listener_rule: "{{ test_rule_arn }}"
          role_arn: arn:aws:iam::123456789012:role/shop-prod-ecs-infrastructure
    wait: true

- name: Delete a service
  appstack.aws.ecs_service:
    name: shop-api-dev
    cluster: shop-dev
    state: absent
    wait: true
"""

RETURN = r"""
service:
  description:
    - The service, with the keys of C(DescribeServices) in snake_case, its tags as a dict and without its events.
    - In check mode, the service as it would be; values only ECS gives (the ARN and deployments of a new service)
      are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    service_name:
      description: The name of the service.
      returned: always
      type: str
      sample: shop-api-prod
    service_arn:
      description: The ARN of the service.
      returned: when the service exists
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:service/shop-prod/shop-api-prod
    status:
      description: The status of the service.
      returned: always
      type: str
      sample: ACTIVE
    task_definition:
      description: The task definition the service runs (an ARN once ECS reports it).
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:12
    desired_count:
      description: The number of tasks to keep running.
      returned: always
      type: int
      sample: 2
    launch_type:
      description: The launch type.
      returned: when the service runs on a launch type
      type: str
      sample: FARGATE
    network_configuration:
      description: The awsvpc network configuration.
      returned: always
      type: dict
      sample: {"awsvpc_configuration": {"subnets": ["subnet-0123456789abcdef0"], "security_groups": ["sg-0123456789abcdef0"], "assign_public_ip": "DISABLED"}}
    load_balancers:
      description: The target groups the tasks register with.
      returned: always
      type: list
      elements: dict
      sample: [{"target_group_arn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-prod/0123456789abcdef", "container_name": "api", "container_port": 8000}]
    deployment_configuration:
      description: How deployments run.
      returned: when the service exists or the option is set
      type: dict
      sample: {"deployment_circuit_breaker": {"enable": true, "rollback": true}, "minimum_healthy_percent": 100, "maximum_percent": 200}
    health_check_grace_period_seconds:
      description: The health check grace period, in seconds.
      returned: when set
      type: int
      sample: 60
    deployments:
      description: The deployments of the service, the C(PRIMARY) one first.
      returned: when the service exists
      type: list
      elements: dict
    rollout_state:
      description: The rollout state of the C(PRIMARY) deployment, C(IN_PROGRESS), C(COMPLETED) or C(FAILED).
      returned: when the service exists
      type: str
      sample: COMPLETED
    rollout_state_reason:
      description: Why the C(PRIMARY) deployment is in its rollout state (the circuit breaker's reason for C(FAILED)).
      returned: when the service exists
      type: str
      sample: ECS deployment ecs-svc/1234567890123456789 completed.
    tags:
      description: The tags of the service.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs_service_plan import (
    LAUNCH_TYPES,
    LIFECYCLE_STAGES,
    PROPAGATE_TAGS,
    STRATEGIES,
    apply_update,
    config_view,
    create_request,
    creation_problems,
    immutable_problems,
    predicted_service,
    primary_deployment,
    service_to_result,
    update_request,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.ecs_services import (
    AnsibleECSError,
    create_service,
    delete_service,
    get_service,
    tag_resource,
    tags_from_api,
    untag_resource,
    update_service,
    wait_for_deployment,
    wait_for_inactive,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def ensure_present(client, current, params, check_mode):
    """Bring the service to what params ask for.

    :param current: the service as DescribeServices returns it, None when there is none
    :return: (changed, (the service as it is expected to be, its tags))
    """
    if current is None:
        request = create_request(params)
        tags = plan_tags({}, params["tags"], True).result
        if check_mode:
            return True, (predicted_service(request), tags)
        return True, (create_service(client, request, tags), tags)

    request = update_request(current, params)
    service = apply_update(current, request)
    if request and not check_mode:
        service = update_service(client, params["cluster"], params["name"], request)
    tags_changed, tagged = ensure_tags(
        {"tags": tags_from_api(current.get("tags"))},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(tag_resource, client, current["serviceArn"]),
        untag=partial(untag_resource, client, current["serviceArn"]),
    )
    return bool(request) or tags_changed, (service, tagged["tags"])


def ensure_absent(client, current, params, check_mode):
    """Delete the service (scaled to 0 by force); one already DRAINING is only waited for. Returns (changed, None)."""
    if current is None:
        return False, None
    draining = current.get("status") == "DRAINING"
    if not check_mode:
        if not draining:
            delete_service(client, params["cluster"], params["name"])
        if params["wait"]:
            wait_for_inactive(client, params["cluster"], params["name"], params["wait_timeout"])
    return not draining, None


def main():
    advanced_spec = dict(
        alternate_target_group_arn=dict(type="str"),
        production_listener_rule=dict(type="str"),
        test_listener_rule=dict(type="str"),
        role_arn=dict(type="str"),
    )
    load_balancer_spec = dict(
        target_group_arn=dict(type="str", required=True),
        container_name=dict(type="str", required=True),
        container_port=dict(type="int", required=True),
        advanced_configuration=dict(type="dict", options=advanced_spec),
    )
    hook_spec = dict(
        hook_target_arn=dict(type="str", required=True),
        role_arn=dict(type="str", required=True),
        lifecycle_stages=dict(type="list", elements="str", required=True, choices=LIFECYCLE_STAGES),
    )
    deployment_spec = dict(
        minimum_healthy_percent=dict(type="int"),
        maximum_percent=dict(type="int"),
        circuit_breaker=dict(type="dict", options=dict(enable=dict(type="bool"), rollback=dict(type="bool"))),
        strategy=dict(type="str", choices=STRATEGIES),
        bake_time_in_minutes=dict(type="int"),
        lifecycle_hooks=dict(type="list", elements="dict", options=hook_spec),
    )
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["service"]),
        cluster=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        task_definition=dict(type="str"),
        desired_count=dict(type="int"),
        keep_desired_count=dict(type="bool", default=False),
        launch_type=dict(type="str", choices=LAUNCH_TYPES),
        capacity_provider_strategy=dict(
            type="list",
            elements="dict",
            options=dict(
                capacity_provider=dict(type="str", required=True), weight=dict(type="int"), base=dict(type="int")
            ),
        ),
        platform_version=dict(type="str"),
        network_configuration=dict(
            type="dict",
            options=dict(
                subnets=dict(type="list", elements="str"),
                security_groups=dict(type="list", elements="str"),
                assign_public_ip=dict(type="bool"),
            ),
        ),
        load_balancers=dict(type="list", elements="dict", options=load_balancer_spec),
        deployment_configuration=dict(type="dict", options=deployment_spec),
        health_check_grace_period_seconds=dict(type="int"),
        enable_execute_command=dict(type="bool"),
        propagate_tags=dict(type="str", choices=PROPAGATE_TAGS),
        enable_ecs_managed_tags=dict(type="bool"),
        force_new_deployment=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=900),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["launch_type", "capacity_provider_strategy"]],
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = get_service(client, params["cluster"], params["name"])
        if params["state"] == "absent":
            changed, _ = ensure_absent(client, current, params, module.check_mode)
            after = {}
        else:
            module.fail_on_invalid(
                creation_problems(params) if current is None else immutable_problems(current, params)
            )
            changed, (service, tags) = ensure_present(client, current, params, module.check_mode)
            after = config_view(service, tags)
            if not module.check_mode:
                deployment = primary_deployment(service)
                if params["wait"] and deployment:
                    wait_for_deployment(
                        client, params["cluster"], params["name"], deployment["id"], params["wait_timeout"]
                    )
                if changed or params["wait"]:
                    service = get_service(client, params["cluster"], params["name"]) or service
                    tags = tags_from_api(service.get("tags")) if "tags" in service else tags
            result["service"] = service_to_result(service, tags)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)

    if changed:
        current_tags = tags_from_api((current or {}).get("tags"))
        result["diff"] = {"before": config_view(current, current_tags), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
