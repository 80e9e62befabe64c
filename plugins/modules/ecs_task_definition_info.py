#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_task_definition_info
version_added: 0.7.0
short_description: Read ECS task definitions
description:
  - Read revisions of an Amazon ECS task definition family, with their tags, shaped as
    M(appstack.aws.ecs_task_definition) returns them.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  family:
    description:
      - The family to read.
    type: str
    required: true
  revision:
    description:
      - The revision to read, whatever its status. Unset, the family's latest C(ACTIVE) revision is read.
      - Mutually exclusive with O(all_revisions).
    type: int
  all_revisions:
    description:
      - Read every C(ACTIVE) revision of the family, oldest first, one C(DescribeTaskDefinition) call each.
    type: bool
    default: false
notes:
  - The caller needs C(ecs:DescribeTaskDefinition), and C(ecs:ListTaskDefinitions) with O(all_revisions=true).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the API's latest task definition
  appstack.aws.ecs_task_definition_info:
    family: shop-api-prod
  register: api_task_definition

- name: Read every ACTIVE revision of the family
  appstack.aws.ecs_task_definition_info:
    family: shop-api-prod
    all_revisions: true
"""

RETURN = r"""
task_definitions:
  description:
    - The revisions read, shaped as RV(appstack.aws.ecs_task_definition#module:task_definition); empty when there
      is none.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The ARN of the revision.
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
      description: The containers, keys in snake_case.
      returned: always
      type: list
      elements: dict
      sample: [{"name": "api", "image": "shop:1.4.2", "essential": true, "cpu": 0}]
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
    tags:
      description: The tags of the revision.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definition_plan import definition_to_result
from ansible_collections.appstack.aws.plugins.module_utils.ecs_task_definitions import (
    AnsibleECSError,
    describe_task_definition,
    list_task_definition_arns,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def find_task_definitions(client, family, revision=None, all_revisions=False):
    """The revisions asked for, as the module returns them."""
    if all_revisions:
        targets = list_task_definition_arns(client, family)
    else:
        targets = [family if revision is None else f"{family}:{revision}"]
    found = []
    for target in targets:
        definition, tags = describe_task_definition(client, target)
        if definition is not None:
            found.append(definition_to_result(definition, tags))
    return found


def main():
    argument_spec = dict(
        family=dict(type="str", required=True),
        revision=dict(type="int"),
        all_revisions=dict(type="bool", default=False),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["revision", "all_revisions"]],
    )
    params = module.params
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())
    try:
        found = find_task_definitions(client, params["family"], params["revision"], params["all_revisions"])
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, task_definitions=found)


if __name__ == "__main__":
    main()
