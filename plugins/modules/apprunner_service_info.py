#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_service_info
version_added: 0.2.0
short_description: Describe AWS App Runner services
description:
  - Describe one AWS App Runner service, by name or ARN, or every service of the account and region.
  - Services that App Runner still lists as C(DELETED) are left out.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the service. Mutually exclusive with O(arn).
      - When neither O(name) nor O(arn) is given, every service is described.
    type: str
    aliases: ["service_name"]
  arn:
    description:
      - The ARN of the service, C(arn:aws:apprunner:REGION:ACCOUNT:service/NAME/ID). Mutually exclusive with O(name).
    type: str
    aliases: ["service_arn"]
  operations:
    description:
      - Also return each service's operations (C(ListOperations)), newest first.
    type: bool
    default: false
notes:
  - In an account that may not use App Runner (closed to new customers since 30 April 2026), the module fails
    with App Runner's own error code and message.
  - The caller needs C(apprunner:ListServices), C(apprunner:DescribeService), C(apprunner:ListTagsForResource),
    and with O(operations=true) C(apprunner:ListOperations).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Describe a service
  appstack.aws.apprunner_service_info:
    name: smartscheduler-api-prod
  register: api  # https://{{ api.services[0].service_url }} is its URL

- name: Describe every service with its operations
  appstack.aws.apprunner_service_info:
    operations: true
"""

RETURN = r"""
services:
  description:
    - The services, as DescribeService reports them, in snake_case; environment variable names keep their case.
    - Empty when the service asked for does not exist.
    - See M(appstack.aws.apprunner_service) for the fields of a service.
  returned: always
  type: list
  elements: dict
  contains:
    service_name:
      description: The name of the service.
      returned: always
      type: str
      sample: smartscheduler-api-prod
    service_arn:
      description: The ARN of the service.
      returned: always
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:service/smartscheduler-api-prod/8fe1e10304f84fd2b0df550fe98a71fa
    service_url:
      description: The host name the service answers on, over HTTPS.
      returned: when App Runner reports it
      type: str
      sample: abcdefgh12.us-east-1.awsapprunner.com
    status:
      description: The status of the service.
      returned: always
      type: str
      sample: RUNNING
    source_configuration:
      description: The image and its configuration; C(runtime_environment_secrets) values are ARNs.
      returned: always
      type: dict
    instance_configuration:
      description: C(cpu) (vCPU units), C(memory) (MB) and C(instance_role_arn).
      returned: always
      type: dict
    health_check_configuration:
      description: The health check settings.
      returned: when App Runner reports it
      type: dict
    auto_scaling_configuration_summary:
      description: The auto scaling configuration of the service.
      returned: always
      type: dict
    network_configuration:
      description: The egress and ingress settings.
      returned: always
      type: dict
    observability_configuration:
      description: The observability settings.
      returned: when App Runner reports it
      type: dict
    encryption_configuration:
      description: The customer managed KMS key of the service.
      returned: when the service has one
      type: dict
    tags:
      description: The tags of the service.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    operations:
      description: The operations of the service, newest first.
      returned: when O(operations=true)
      type: list
      elements: dict
      sample: [{"id": "0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f", "type": "CREATE_SERVICE", "status": "SUCCEEDED"}]
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    SERVICE_ARN,
    AnsibleAppRunnerError,
    describe_service,
    find_service_arn,
    list_operations,
    list_services,
    list_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_service_plan import (
    operation_to_ansible,
    service_to_ansible,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none). Runs before any API call."""
    problems = name_problems(params["name"], 40)
    if params["arn"] is not None and not SERVICE_ARN.match(params["arn"]):
        problems.append(
            "arn must be the ARN of an App Runner service"
            f" (arn:aws:apprunner:REGION:ACCOUNT:service/NAME/ID); got {params['arn']!r}."
        )
    return problems


def service_arns(client, name, arn):
    if arn:
        return [arn]
    if name:
        found = find_service_arn(client, name)
        return [found] if found else []
    return [summary["ServiceArn"] for summary in list_services(client) if summary.get("Status") != "DELETED"]


def describe_services(client, name=None, arn=None, operations=False):
    services = []
    for service_arn in service_arns(client, name, arn):
        service = describe_service(client, service_arn)
        if not service or service.get("Status") == "DELETED":
            continue
        result = service_to_ansible(service, list_tags(client, service_arn))
        if operations:
            result["operations"] = [operation_to_ansible(op) for op in list_operations(client, service_arn)]
        services.append(result)
    return services


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["service_name"]),
        arn=dict(type="str", aliases=["service_arn"]),
        operations=dict(type="bool", default=False),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, mutually_exclusive=[["name", "arn"]]
    )
    module.fail_on_invalid(validate(module.params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())
    try:
        services = describe_services(client, module.params["name"], module.params["arn"], module.params["operations"])
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, services=services)


if __name__ == "__main__":
    main()
