#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_service_info
version_added: 0.7.0
short_description: Read the ECS services of a cluster
description:
  - Read Amazon ECS services with their tags, shaped as M(appstack.aws.ecs_service) returns them, the rollout state
    of each one's C(PRIMARY) deployment included.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  cluster:
    description:
      - The name or ARN of the cluster. A cluster that does not exist has no services.
    type: str
    required: true
  names:
    description:
      - The names (or ARNs) of the services to read. Names with no service, or an C(INACTIVE) one, are left out.
      - Without it, every service of the cluster is read.
    type: list
    elements: str
    aliases: ["services"]
notes:
  - Reads with C(DescribeServices) (10 services a call) and, without O(names), C(ListServices).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the API service of an environment
  appstack.aws.ecs_service_info:
    cluster: shop-prod
    names: [shop-api-prod]
  register: shop_api

- name: Read every service of a cluster
  appstack.aws.ecs_service_info:
    cluster: shop-prod
"""

RETURN = r"""
services:
  description:
    - The services, sorted by name, with the keys of C(DescribeServices) in snake_case, their tags as a dict and
      without their events; see M(appstack.aws.ecs_service) for the keys.
  returned: always
  type: list
  elements: dict
  contains:
    service_name:
      description: The name of the service.
      returned: always
      type: str
      sample: shop-api-prod
    service_arn:
      description: The ARN of the service.
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:service/shop-prod/shop-api-prod
    task_definition:
      description: The ARN of the task definition the service runs.
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api-prod:12
    rollout_state:
      description: The rollout state of the C(PRIMARY) deployment.
      returned: always
      type: str
      sample: COMPLETED
    rollout_state_reason:
      description: Why the C(PRIMARY) deployment is in its rollout state.
      returned: always
      type: str
      sample: ECS deployment ecs-svc/1234567890123456789 completed.
    tags:
      description: The tags of the service.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs import tags_from_api
from ansible_collections.appstack.aws.plugins.module_utils.ecs_service_plan import service_to_result
from ansible_collections.appstack.aws.plugins.module_utils.ecs_services import (
    GONE_STATUSES,
    AnsibleECSError,
    describe_services,
    list_services,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

# DescribeServices takes at most 10 services a call.
DESCRIBE_BATCH = 10


def find_services(client, cluster, names=None):
    """The services asked for (every one of the cluster without names), as the module returns them, by name."""
    if names is None:
        services = list_services(client, cluster)
    else:
        services = []
        for start in range(0, len(names), DESCRIBE_BATCH):
            services += describe_services(client, cluster, names[start : start + DESCRIBE_BATCH])
    found = [service for service in services if service.get("status") not in GONE_STATUSES]
    return [
        service_to_result(service, tags_from_api(service.get("tags")))
        for service in sorted(found, key=lambda service: service["serviceName"])
    ]


def main():
    argument_spec = dict(
        cluster=dict(type="str", required=True),
        names=dict(type="list", elements="str", aliases=["services"]),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())
    try:
        services = find_services(client, module.params["cluster"], module.params["names"])
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, services=services)


if __name__ == "__main__":
    main()
