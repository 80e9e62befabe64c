#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_service
version_added: 0.2.0
short_description: Manage AWS App Runner services that run an ECR image
description:
  - Create, update, pause, resume, redeploy and delete AWS App Runner services whose source is a container
    image in Amazon ECR or Amazon ECR Public.
  - The options are grouped as App Runner groups them (O(source), O(instance), O(health_check), O(network),
    O(observability)), with snake_case names. On an existing service only the options given are compared and
    changed; an option left unset keeps its current value.
  - App Runner replaces a configuration group as a whole on update, so the module sends only the groups that
    differ, each one complete (the current values with the asked ones merged in).
  - After a create, update, deployment, pause or resume, the module waits for App Runner's operation to end
    (O(wait)). An operation that fails or rolls back fails the task; the result then holds RV(operation) and
    the service's state in RV(service).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the service, unique in the account and region. App Runner can't rename a service.
    type: str
    required: true
    aliases: ["service_name"]
  state:
    description:
      - V(present) creates or updates the service and leaves it running or paused as it is.
      - App Runner updates and deploys only a running service, so a change to a paused service resumes it, applies
        the change and pauses it again.
      - V(running) and V(paused) also resume or pause it (C(ResumeService), C(PauseService)); a paused service
        keeps its configuration and URL, and serves no traffic.
      - V(absent) deletes the service.
    type: str
    choices: ["present", "absent", "running", "paused"]
    default: present
  source:
    description:
      - The image the service runs (C(SourceConfiguration.ImageRepository)) and how App Runner pulls it.
      - Needed to create a service, with at least O(source.image_identifier).
    type: dict
    suboptions:
      image_identifier:
        description:
          - The image, as C(ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG) (or C(@sha256:DIGEST)), or a
            C(public.ecr.aws/...) image.
          - Changing it deploys the new image.
        type: str
      image_repository_type:
        description:
          - V(ECR) for a private repository, V(ECR_PUBLIC) for Amazon ECR Public.
          - When not set with O(source.image_identifier), it is V(ECR_PUBLIC) for C(public.ecr.aws/) images, else V(ECR).
        type: str
        choices: ["ECR", "ECR_PUBLIC"]
      port:
        description:
          - The port the application listens on. App Runner's default is C(8080).
        type: int
      start_command:
        description:
          - A command that overrides the image's default start command.
        type: str
      runtime_environment_variables:
        description:
          - Environment variables of the application, as a dict. The dict given is the complete set;
            V({}) removes them all.
          - App Runner shows their values to anyone who can describe the service, and so does this module's
            result and diff. Keep secret values in O(source.runtime_environment_secrets).
        type: dict
      runtime_environment_secrets:
        description:
          - Environment variables whose values App Runner reads from AWS Secrets Manager or SSM Parameter Store,
            as a dict of variable name to the B(ARN) of the secret or parameter (never the secret value itself).
          - A JSON key of a secret is given as C(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf:KEY::).
            An SSM parameter of the same region may be given by name.
          - The dict given is the complete set; V({}) removes them all. The ARNs appear in the result and diff.
          - The instance role (O(instance.instance_role_arn)) needs permission to read them.
        type: dict
      auto_deployments_enabled:
        description:
          - Whether App Runner deploys each new image pushed to the tag of O(source.image_identifier).
          - App Runner's default is V(true); it can't be enabled for V(ECR_PUBLIC) images.
        type: bool
      access_role_arn:
        description:
          - The IAM role App Runner assumes to pull from a private ECR repository (the
            C(AWSAppRunnerServicePolicyForECRAccess) managed policy). Needed to create a service of a V(ECR) image.
        type: str
  instance:
    description:
      - The size and role of each instance (C(InstanceConfiguration)).
    type: dict
    suboptions:
      cpu:
        description:
          - vCPUs per instance, as App Runner's units (V(256), V(512), V(1024), V(2048), V(4096)) or as
            V(0.25 vCPU) to V(4 vCPU). Both forms compare equal. App Runner's default is 1 vCPU.
        type: str
      memory:
        description:
          - Memory per instance, in MB (V(512) to V(12288)) or as V(0.5 GB) to V(12 GB). Both forms compare equal.
          - App Runner allows 0.5 or 1 GB with 0.25 vCPU, 1 GB with 0.5 vCPU, 2 to 4 GB with 1 vCPU, 4 or 6 GB
            with 2 vCPU and 8 to 12 GB with 4 vCPU. App Runner's default is 2 GB.
        type: str
      instance_role_arn:
        description:
          - The IAM role the application runs as; it needs access to the secrets and parameters of
            O(source.runtime_environment_secrets).
        type: str
  health_check:
    description:
      - How App Runner checks the instances' health (C(HealthCheckConfiguration)).
    type: dict
    suboptions:
      protocol:
        description: V(TCP) (App Runner's default) or V(HTTP).
        type: str
        choices: ["TCP", "HTTP"]
      path:
        description: The path of HTTP health checks, starting with C(/).
        type: str
      interval:
        description: Seconds between health checks, 1 to 20.
        type: int
      timeout:
        description: Seconds to wait for an answer, 1 to 20.
        type: int
      healthy_threshold:
        description: Consecutive successes that mark an instance healthy, 1 to 20.
        type: int
      unhealthy_threshold:
        description: Consecutive failures that mark an instance unhealthy, 1 to 20.
        type: int
  network:
    description:
      - Where the service's traffic goes (C(NetworkConfiguration)).
    type: dict
    suboptions:
      egress_type:
        description:
          - V(DEFAULT) sends outgoing traffic to the internet; V(VPC) through O(network.vpc_connector_arn).
          - When not set with O(network.vpc_connector_arn), it is V(VPC).
        type: str
        choices: ["DEFAULT", "VPC"]
      vpc_connector_arn:
        description:
          - The VPC connector that outgoing traffic goes through. An ARN without revision matches any revision
            of that connector.
        type: str
      is_publicly_accessible:
        description:
          - Whether the service is reachable from the internet; V(false) makes it reachable only through a
            VPC interface endpoint.
        type: bool
      ip_address_type:
        description: V(IPV4) or V(DUAL_STACK) for the service's public endpoint.
        type: str
        choices: ["IPV4", "DUAL_STACK"]
  observability:
    description:
      - Tracing of the service (C(ObservabilityConfiguration)).
    type: dict
    suboptions:
      enabled:
        description:
          - Whether observability is on. Defaults to V(true) when O(observability.configuration_arn) is set.
        type: bool
      configuration_arn:
        description:
          - The observability configuration to use. An ARN without revision matches any revision of it.
        type: str
  auto_scaling_configuration_arn:
    description:
      - The auto scaling configuration of the service (see M(appstack.aws.apprunner_auto_scaling_configuration)).
      - An ARN that ends with the name (or name and revision) means the latest active revision, as App Runner
        reads it; the module looks that revision up and moves the service to it when needed. When not set, a new
        service gets the account's default configuration and an existing one keeps its own.
    type: str
  encryption_kms_key:
    description:
      - The ARN of the KMS key that encrypts the service's stored copy of the image, set only when the service is
        created. Without it App Runner uses an AWS owned key.
      - App Runner can't change it. When it differs from the key of the existing service, the module fails without
        changing anything and says how to replace the service.
    type: str
  start_deployment:
    description:
      - Deploy the current image again (C(StartDeployment)), for example after a new image was pushed to the same
        tag with O(source.auto_deployments_enabled=false). The task then always reports a change.
      - Skipped when the same task creates or updates the service, since that deploys already.
    type: bool
    default: false
  wait:
    description:
      - Wait for each App Runner operation to end before returning.
      - With V(false) the module still waits for an operation before starting the next one in the same task
        (an update before a pause, say), but not for the last one.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for each operation, more than 0. A wait that runs out fails the task, naming the operation
        and its last status; the operation goes on in AWS.
    type: int
    default: 1200
notes:
  - Deployments are an option of this module rather than a module of their own because a deployment is always of
    one service, with that service's wait and failure reporting; O(start_deployment) reads as a step of the service.
  - An operation that ends V(FAILED), V(ROLLBACK_SUCCEEDED) or V(ROLLBACK_FAILED), and a service that ends
    C(CREATE_FAILED), fail the task. After a rollback the service runs its previous configuration. The next run
    on a C(CREATE_FAILED) service rebuilds it with C(UpdateService), as App Runner advises.
  - Since 30 April 2026 App Runner is closed to new customers. In an account that may not use it, every call fails,
    and the module fails with App Runner's own error code and message.
  - The caller needs C(apprunner:ListServices), C(DescribeService), C(CreateService), C(UpdateService),
    C(DeleteService), C(PauseService), C(ResumeService), C(StartDeployment), C(ListOperations),
    C(ListTagsForResource), C(TagResource), C(UntagResource), C(DescribeAutoScalingConfiguration), and
    C(iam:PassRole) on the roles it passes.
  - Supports check mode and diff mode. Check mode returns the predicted service.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Run the API image on App Runner, with its secrets from Secrets Manager
  appstack.aws.apprunner_service:
    name: smartscheduler-api-prod
    source:
      image_identifier: 123456789012.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:latest
      access_role_arn: arn:aws:iam::123456789012:role/smartscheduler-apprunner-ecr-access
      port: 8080
      auto_deployments_enabled: true
      runtime_environment_variables:
        ASPNETCORE_ENVIRONMENT: Production
        DATABASE_PORT: "5432"
      runtime_environment_secrets:
        DATABASE_USER: "arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/db/prod/credentials-AbCdEf:username::"
        DATABASE_PASSWORD: "arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/db/prod/credentials-AbCdEf:password::"
    instance:
      cpu: 1 vCPU
      memory: 2 GB
      instance_role_arn: arn:aws:iam::123456789012:role/smartscheduler-api-prod
    health_check:
      protocol: HTTP
      path: /health
      interval: 10
      timeout: 5
    auto_scaling_configuration_arn: "{{ asc.auto_scaling_configuration.auto_scaling_configuration_arn }}"
    network:
      vpc_connector_arn: "{{ connector.vpc_connector.vpc_connector_arn }}"
    tags:
      Environment: prod
  register: api  # https://{{ api.service.service_url }} is the service's URL

- name: Deploy a new image tag
  appstack.aws.apprunner_service:
    name: smartscheduler-api-prod
    source:
      image_identifier: 123456789012.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.2

- name: Redeploy the image now behind the same tag
  appstack.aws.apprunner_service:
    name: smartscheduler-api-prod
    start_deployment: true

- name: Pause the staging service for the night (state=running resumes it)
  appstack.aws.apprunner_service:
    name: smartscheduler-api-staging
    state: paused

- name: Delete a service
  appstack.aws.apprunner_service:
    name: smartscheduler-api-dev
    state: absent
"""

RETURN = r"""
service:
  description:
    - The service, as DescribeService reports it, in snake_case; environment variable names keep their case.
    - In check mode, the service expected; what only AWS can give (the ARN and URL of a new service) is missing.
    - When the task fails on an operation, the service's state after it.
  returned: when O(state) is not V(absent), and on a failed operation
  type: dict
  contains:
    service_name:
      description: The name of the service.
      returned: always
      type: str
      sample: smartscheduler-api-prod
    service_arn:
      description: The ARN of the service.
      returned: when the service exists
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:service/smartscheduler-api-prod/8fe1e10304f84fd2b0df550fe98a71fa
    service_url:
      description: The host name the service answers on, over HTTPS.
      returned: when the service exists
      type: str
      sample: abcdefgh12.us-east-1.awsapprunner.com
    status:
      description: C(RUNNING), C(PAUSED), C(OPERATION_IN_PROGRESS), C(CREATE_FAILED), C(DELETE_FAILED) or C(DELETED).
      returned: always
      type: str
      sample: RUNNING
    source_configuration:
      description:
        - The image, its configuration (C(image_repository.image_configuration) with C(port), C(start_command),
          C(runtime_environment_variables), C(runtime_environment_secrets), whose values are ARNs),
          C(auto_deployments_enabled) and C(authentication_configuration.access_role_arn).
      returned: always
      type: dict
    instance_configuration:
      description: C(cpu) (vCPU units), C(memory) (MB) and C(instance_role_arn).
      returned: always
      type: dict
      sample: {"cpu": "1024", "memory": "2048"}
    health_check_configuration:
      description: C(protocol), C(path), C(interval), C(timeout), C(healthy_threshold), C(unhealthy_threshold).
      returned: when App Runner reports it
      type: dict
    auto_scaling_configuration_summary:
      description: The auto scaling configuration (C(auto_scaling_configuration_arn), name, revision).
      returned: always
      type: dict
    network_configuration:
      description: C(egress_configuration), C(ingress_configuration) and C(ip_address_type).
      returned: always
      type: dict
    observability_configuration:
      description: C(observability_enabled) and C(observability_configuration_arn).
      returned: when App Runner reports it
      type: dict
    encryption_configuration:
      description: C(kms_key), the customer managed key of the service, when it has one.
      returned: when the service has one
      type: dict
    tags:
      description: The tags of the service.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
operation:
  description:
    - The last App Runner operation of the task, as ListOperations reports it (C(id), C(type), C(status),
      C(target_arn), C(started_at), C(ended_at)). Without O(wait), only C(id) and C(type).
    - C(type) is C(CREATE_SERVICE), C(UPDATE_SERVICE), C(START_DEPLOYMENT), C(PAUSE_SERVICE), C(RESUME_SERVICE)
      or C(DELETE_SERVICE).
  returned: when the task started an operation, not in check mode
  type: dict
  sample: {"id": "0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f", "type": "UPDATE_SERVICE", "status": "SUCCEEDED"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import apprunner
from ansible_collections.appstack.aws.plugins.module_utils import apprunner_service_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    OPERATION_FAILED,
    AnsibleAppRunnerError,
    AppRunnerServiceFailure,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    describe_auto_scaling_configuration,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import parse_revision_arn
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def failure(client, message, service_arn, operation, service=None):
    """The failure of an operation, carrying the service's state after it and the operation."""
    service = service or apprunner.get_service(client, service_arn)
    return AppRunnerServiceFailure(
        message, service=plan.service_to_ansible(service), operation=plan.operation_to_ansible(operation)
    )


def start_operation(client, service_arn, step, changes):
    """Start the App Runner operation of one step of plan_steps (UPDATE, DEPLOY, RESUME or PAUSE)."""
    if step == plan.UPDATE:
        return apprunner.update_service(client, service_arn, changes)
    starts = {plan.DEPLOY: apprunner.start_deployment, plan.RESUME: apprunner.resume_service}
    starts[plan.PAUSE] = apprunner.pause_service
    return starts[step](client, service_arn)


def follow(client, service, step, operation_id, wait, timeout):
    """Follow one operation: to its end when wait, failing on a failure or a rollback.

    Returns what is known of the operation: its summary when waited for, else its id and type.
    """
    service_arn = service["ServiceArn"]
    started = {"Id": operation_id, "Type": step} if operation_id else None
    if not wait:
        return started
    if not operation_id:
        waiter = "service_paused" if step == plan.PAUSE else "service_running"
        apprunner.wait_for_service(client, waiter, service_arn, timeout)
        return started
    try:
        operation = apprunner.wait_for_operation(client, service_arn, operation_id, timeout)
    except AnsibleAppRunnerError as e:
        if e.exception:
            raise
        last = apprunner.find_operation(client, service_arn, operation_id) or started
        raise failure(client, e.message, service_arn, last) from e
    if operation.get("Status") in OPERATION_FAILED:
        described = apprunner.get_service(client, service_arn)
        message = plan.operation_failure_message(service["ServiceName"], operation, described)
        raise failure(client, message, service_arn, operation, described)
    return operation


def run_operations(client, service, steps, params, changes=None, started=None):
    """Run the operation steps in order; returns the last operation (None when it gave no id).

    Each step but the last is waited for, so that the next one finds the service settled; the last one
    only with O(wait). started is the response of the first step when it was started already (CreateService).
    """
    operation = None
    for index, step in enumerate(steps):
        response = started if index == 0 and started else start_operation(client, service["ServiceArn"], step, changes)
        wait = params["wait"] or index < len(steps) - 1
        operation = follow(client, service, step, response.get("OperationId"), wait, params["wait_timeout"])
    return operation


def with_operation(result, operation):
    if operation:
        result["operation"] = plan.operation_to_ansible(operation)
    return result


def create(client, params, check_mode):
    request = plan.create_request(params, apprunner.tags_for_create(params["tags"]))
    if check_mode:
        predicted = plan.predicted_new_service(request, params["state"])
        return True, {"service": plan.service_to_ansible(predicted, plan_tags({}, params["tags"], True).result)}
    response = apprunner.create_service(client, request)
    steps = plan.plan_steps(None, params["state"], True, params["start_deployment"])
    operation = run_operations(client, response["Service"], steps, params, started=response)
    arn = response["Service"]["ServiceArn"]
    return True, with_operation({"service": plan.service_to_ansible(apprunner.get_service(client, arn))}, operation)


def update(client, current, params, check_mode):
    arn = current["ServiceArn"]
    changes, predicted = plan.plan_update(current, params)
    service = plan.service_to_ansible(current)
    tags = plan_tags(service["tags"], params["tags"], params["purge_tags"])
    tags_differ = bool(tags.to_set or tags.to_unset)
    steps = plan.plan_steps(current["Status"], params["state"], bool(changes), params["start_deployment"], tags_differ)
    if plan.TAG in steps:
        tag, untag = partial(apprunner.tag_resource, client, arn), partial(apprunner.untag_resource, client, arn)
        service = ensure_tags(service, params["tags"], params["purge_tags"], check_mode, tag, untag)[1]
    operations = plan.operations_of(steps)
    if check_mode or not operations:
        predicted["Status"] = plan.status_after(steps, current["Status"])
        return bool(steps), {"service": plan.service_to_ansible(predicted, service["tags"])}
    operation = run_operations(client, current, operations, params, changes)
    return True, with_operation({"service": plan.service_to_ansible(apprunner.get_service(client, arn))}, operation)


def ensure_present(client, current, params, check_mode):
    """Create or update the service, and run, pause or redeploy it as asked; returns (changed, result).

    current is the service as ``apprunner.get_service`` describes it, or None. The result holds the service
    (predicted in check mode) and, when the task started one, the last operation.
    """
    if current is None:
        return create(client, params, check_mode)
    return update(client, current, params, check_mode)


def ensure_absent(client, current, params, check_mode):
    """Delete the service; returns (changed, result), the result holding the deletion's operation."""
    if current is None:
        return False, {}
    if check_mode:
        return True, {}
    response = apprunner.delete_service(client, current["ServiceArn"])
    if not response:
        return True, {}
    operation = {"Id": response["OperationId"], "Type": plan.DELETE}
    if params["wait"]:
        apprunner.wait_for_service(client, "service_deleted", current["ServiceArn"], params["wait_timeout"])
        operation["Status"] = "SUCCEEDED"
    return True, with_operation({}, operation)


def resolve_auto_scaling_configuration(client, params):
    """A name (or name/revision) ARN means the latest active revision to App Runner: compare that one."""
    arn = params["auto_scaling_configuration_arn"]
    parts = parse_revision_arn(arn)
    if parts and not parts["id"]:
        described = describe_auto_scaling_configuration(client, arn)
        if described:
            return dict(params, auto_scaling_configuration_arn=described["AutoScalingConfigurationArn"])
    return params


def get_current(client, params):
    """The live service named name with its tags, once an operation in progress has ended; or None."""
    arn = apprunner.find_service_arn(client, params["name"])
    service = apprunner.describe_service(client, arn) if arn else None
    if service and service["Status"] == "OPERATION_IN_PROGRESS" and params["wait"]:
        # Another operation (another run's, or one started with wait=false) has to end first.
        service = apprunner.wait_until_settled(client, arn, params["wait_timeout"])
    if not service or service["Status"] == "DELETED":
        return None
    return apprunner.with_tag_list(client, service)


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["service_name"]),
        state=dict(type="str", default="present", choices=["present", "absent", "running", "paused"]),
        source=dict(
            type="dict",
            options=dict(
                image_identifier=dict(type="str"),
                image_repository_type=dict(type="str", choices=["ECR", "ECR_PUBLIC"]),
                port=dict(type="int"),
                start_command=dict(type="str"),
                runtime_environment_variables=dict(type="dict"),
                runtime_environment_secrets=dict(type="dict", no_log=False),
                auto_deployments_enabled=dict(type="bool"),
                access_role_arn=dict(type="str"),
            ),
        ),
        instance=dict(
            type="dict",
            options=dict(cpu=dict(type="str"), memory=dict(type="str"), instance_role_arn=dict(type="str")),
        ),
        health_check=dict(
            type="dict",
            options=dict(
                protocol=dict(type="str", choices=["TCP", "HTTP"]),
                path=dict(type="str"),
                interval=dict(type="int"),
                timeout=dict(type="int"),
                healthy_threshold=dict(type="int"),
                unhealthy_threshold=dict(type="int"),
            ),
        ),
        network=dict(
            type="dict",
            options=dict(
                egress_type=dict(type="str", choices=["DEFAULT", "VPC"]),
                vpc_connector_arn=dict(type="str"),
                is_publicly_accessible=dict(type="bool"),
                ip_address_type=dict(type="str", choices=["IPV4", "DUAL_STACK"]),
            ),
        ),
        observability=dict(type="dict", options=dict(enabled=dict(type="bool"), configuration_arn=dict(type="str"))),
        auto_scaling_configuration_arn=dict(type="str"),
        encryption_kms_key=dict(type="str", no_log=False),
        start_deployment=dict(type="bool", default=False),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1200),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(plan.validate(module.params))

    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())
    params = module.params
    try:
        if params["state"] == "absent":
            current = get_current(client, params)
            changed, result = ensure_absent(client, current, params, module.check_mode)
        else:
            params = resolve_auto_scaling_configuration(client, params)
            current = get_current(client, params)
            changed, result = ensure_present(client, current, params, module.check_mode)
    except AppRunnerServiceFailure as e:
        module.fail_json(msg=e.message, **e.result)
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)
    if changed:
        result["diff"] = {"before": plan.service_to_ansible(current), "after": result.get("service", {})}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
