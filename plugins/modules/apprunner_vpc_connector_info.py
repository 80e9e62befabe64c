#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_vpc_connector_info
version_added: 0.2.0
short_description: Describe AWS App Runner VPC connectors
description:
  - List AWS App Runner VPC connectors, with their subnets, security groups and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - Describe only the connectors with this name.
      - 4 to 40 letters, digits, hyphens and underscores, starting with a letter or a digit.
      - When not set, every VPC connector of the account and Region is described.
    type: str
    aliases: ["vpc_connector_name"]
  include_inactive:
    description:
      - Also describe deleted connectors, which App Runner reports as C(INACTIVE) for some time.
    type: bool
    default: false
notes:
  - AWS App Runner is closed to new customers since 30 April 2026. In an account that may not use it, the
    module fails with App Runner's own error message.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the backend's VPC connector
  appstack.aws.apprunner_vpc_connector_info:
    name: smartscheduler-backend-1
  register: connector

- name: List every VPC connector, deleted ones included
  appstack.aws.apprunner_vpc_connector_info:
    include_inactive: true
"""

RETURN = r"""
vpc_connectors:
  description: The connectors asked for, by name, highest revision first within a name.
  returned: always
  type: list
  elements: dict
  contains:
    vpc_connector_arn:
      description: The ARN of the connector.
      returned: always
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:vpcconnector/smartscheduler-backend-1/1/0123456789abcdef0123456789abcdef
    vpc_connector_name:
      description: The name of the connector.
      returned: always
      type: str
      sample: smartscheduler-backend-1
    vpc_connector_revision:
      description: The revision of the connector.
      returned: always
      type: int
      sample: 1
    subnets:
      description: The IDs of the connector's subnets.
      returned: always
      type: list
      elements: str
      sample: ["subnet-0a1b2c3d4e5f60001"]
    security_groups:
      description: The IDs of the connector's security groups.
      returned: always
      type: list
      elements: str
      sample: ["sg-0a1b2c3d4e5f60001"]
    status:
      description: C(ACTIVE), or C(INACTIVE) once deleted.
      returned: always
      type: str
      sample: ACTIVE
    created_at:
      description: When the connector was created.
      returned: always
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    deleted_at:
      description: When the connector was deleted.
      returned: when the connector is C(INACTIVE)
      type: str
      sample: "2026-01-02T00:00:00+00:00"
    tags:
      description: The tags of the connector (empty for a deleted one).
      returned: always
      type: dict
      sample: {"Application": "smartscheduler"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError, to_ansible
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import list_vpc_connectors, with_tags
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import ACTIVE
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

ARN_KEY = "VpcConnectorArn"


def validate(params):
    """Every problem with the options, as messages (empty: none). Runs before any API call."""
    return name_problems(params["name"], 40)


def find_vpc_connectors(client, name=None, include_inactive=False):
    """The connectors asked for, as snake_case dicts with tags."""
    connectors = [
        connector
        for connector in list_vpc_connectors(client, name)
        if include_inactive or connector.get("Status") == ACTIVE
    ]
    connectors.sort(
        key=lambda connector: (connector["VpcConnectorName"], -(connector.get("VpcConnectorRevision") or 0))
    )
    return [
        with_tags(client, connector, ARN_KEY)
        if connector.get("Status") == ACTIVE
        else dict(to_ansible(connector), tags={})
        for connector in connectors
    ]


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["vpc_connector_name"]),
        include_inactive=dict(type="bool", default=False),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        connectors = find_vpc_connectors(
            client, name=module.params["name"], include_inactive=module.params["include_inactive"]
        )
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, vpc_connectors=connectors)


if __name__ == "__main__":
    main()
