#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: rds_groups_info
version_added: 0.4.0
short_description: Read RDS DB subnet groups and DB parameter groups by name, in one module run
description:
  - Read DB subnet groups by name, with their VPC, status, subnet ids and tags.
  - Read DB parameter groups by name, with their family, description, tags and the parameters that have a value,
    those set in the group (source C(user)) and those RDS sets (source C(system)); the engine's defaults, which have
    no value, are not read.
  - A group that doesn't exist is left out of the result; that is not an error.
  - Tags are returned as a dict (C({}) when none) and parameters as a dict by parameter name; neither is
    snake-cased, so a parameter such as C(rds.force_ssl) keeps its name.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  subnet_group_names:
    description:
      - The names of the DB subnet groups to read.
      - A group that doesn't exist is left out of RV(subnet_groups); a name given twice is read once.
    type: list
    elements: str
    default: []
  parameter_group_names:
    description:
      - The names of the DB parameter groups to read.
      - A group that doesn't exist is left out of RV(parameter_groups); a name given twice is read once.
    type: list
    elements: str
    default: []
notes:
  - M(amazon.aws.rds_subnet_group) and M(amazon.aws.rds_instance_param_group) read their group again on every run,
    even when nothing changes; this module reads the groups of a role in one module run, so that those modules run
    only where something differs.
  - "Calls made: for each subnet group, C(DescribeDBSubnetGroups) and, when the group exists,
    C(ListTagsForResource); for each parameter group, C(DescribeDBParameterGroups) and, when the group exists,
    C(ListTagsForResource) and C(DescribeDBParameters) with C(Source=user), then with C(Source=system). That is two
    calls per subnet group and four per parameter group; more than 100 parameters of one source cost one more call
    per page.
    With neither option set, no call is made."
  - "IAM permissions: C(rds:DescribeDBSubnetGroups), C(rds:DescribeDBParameterGroups), C(rds:DescribeDBParameters)
    and C(rds:ListTagsForResource)."
  - A group deleted between its calls is left out as well.
  - RDS stores group names in lower case; the names returned are the stored ones.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the subnet group and the parameter group of the database
  appstack.aws.rds_groups_info:
    subnet_group_names:
      - appstack-prod-db
    parameter_group_names:
      - appstack-prod-postgres16
  register: rds_groups

# TLS is enforced when: (rds_groups.parameter_groups | first).parameters['rds.force_ssl'].value == '1'

- name: Read a parameter group, also under --check
  appstack.aws.rds_groups_info:
    parameter_group_names:
      - appstack-prod-postgres16
  check_mode: true
  register: rds_groups
"""

RETURN = r"""
subnet_groups:
  description:
    - The DB subnet groups of O(subnet_group_names) that exist, in the order asked; a group that doesn't exist is
      left out.
  returned: always
  type: list
  elements: dict
  contains:
    db_subnet_group_name:
      description: The name of the subnet group.
      returned: always
      type: str
      sample: appstack-prod-db
    db_subnet_group_description:
      description: The description of the subnet group.
      returned: always
      type: str
      sample: Database subnets of appstack-prod
    db_subnet_group_arn:
      description: The ARN of the subnet group.
      returned: always
      type: str
      sample: arn:aws:rds:us-east-1:123456789012:subgrp:appstack-prod-db
    vpc_id:
      description: The id of the VPC of the subnet group.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    subnet_group_status:
      description: The status of the subnet group.
      returned: always
      type: str
      sample: Complete
    subnet_ids:
      description: The ids of the subnets in the group, sorted.
      returned: always
      type: list
      elements: str
      sample: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    tags:
      description: The tags of the subnet group, C({}) when it has none.
      returned: always
      type: dict
      sample: {"ManagedBy": "appstack.aws", "Name": "appstack-prod-db"}
parameter_groups:
  description:
    - The DB parameter groups of O(parameter_group_names) that exist, in the order asked; a group that doesn't
      exist is left out.
  returned: always
  type: list
  elements: dict
  contains:
    db_parameter_group_name:
      description: The name of the parameter group.
      returned: always
      type: str
      sample: appstack-prod-postgres16
    db_parameter_group_family:
      description: The family of the parameter group.
      returned: always
      type: str
      sample: postgres16
    description:
      description: The description of the parameter group.
      returned: always
      type: str
      sample: PostgreSQL 16, TLS only
    db_parameter_group_arn:
      description: The ARN of the parameter group.
      returned: always
      type: str
      sample: arn:aws:rds:us-east-1:123456789012:pg:appstack-prod-postgres16
    tags:
      description: The tags of the parameter group, C({}) when it has none.
      returned: always
      type: dict
      sample: {"ManagedBy": "appstack.aws", "Name": "appstack-prod-postgres16"}
    parameters:
      description:
        - The parameters of source C(user) or C(system), by parameter name, each with C(value) (null when it has
          none), C(source), C(data_type), C(apply_method) and C(apply_type) (each null when RDS doesn't say).
        - Parameter names are kept as RDS spells them.
      returned: always
      type: dict
      sample: {"rds.force_ssl": {"value": "1", "source": "system", "data_type": "boolean",
               "apply_method": "pending-reboot", "apply_type": "dynamic"}}
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.rds_groups import read_rds_groups


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none).

    An empty name names no group: it is refused before any call.
    """
    return [
        f"{option} must not contain an empty name."
        for option in ("subnet_group_names", "parameter_group_names")
        if any(not name for name in params[option])
    ]


def main():
    argument_spec = dict(
        subnet_group_names=dict(type="list", elements="str", default=[]),
        parameter_group_names=dict(type="list", elements="str", default=[]),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))

    subnet_group_names = module.params["subnet_group_names"]
    parameter_group_names = module.params["parameter_group_names"]
    if not subnet_group_names and not parameter_group_names:
        module.exit_json(changed=False, subnet_groups=[], parameter_groups=[])

    try:
        client = module.client("rds", retry_decorator=AWSRetry.jittered_backoff())
        groups = read_rds_groups(
            client, subnet_group_names=subnet_group_names, parameter_group_names=parameter_group_names
        )
    except AnsibleAWSError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, **groups)


if __name__ == "__main__":
    main()
