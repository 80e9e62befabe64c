#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: iam_resources_info
version_added: 0.4.0
short_description: Read IAM roles and customer managed policies, two calls each, in one module run
description:
  - Read IAM roles by name, with their trust policy, tags and attached managed policies.
  - Read customer managed policies by ARN, with the document of their default version and their tags.
  - A role or policy that doesn't exist is left out of the result; that is not an error.
  - Policy documents are returned as dicts and tags as a dict (C({}) when none); neither is snake-cased.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  role_names:
    description:
      - The names of the IAM roles to read.
      - A role that doesn't exist is left out of RV(roles).
    type: list
    elements: str
    default: []
  policy_arns:
    description:
      - The ARNs of the customer managed policies to read.
      - A policy that doesn't exist is left out of RV(policies).
    type: list
    elements: str
    default: []
notes:
  - The roles that build IAM resources used to run M(amazon.aws.iam_role) or M(amazon.aws.iam_managed_policy)
    on every resource, about four calls each even when nothing changes; this module reads the same state in one
    module run, two calls per resource, so that those modules run only where something differs.
  - "Calls made: for each role, C(GetRole) and, when the role exists, C(ListAttachedRolePolicies); for each
    policy, C(GetPolicy) and, when the policy exists, C(GetPolicyVersion) of its default version. A role with
    more attached policies than one page holds costs one more call per page. With neither option set, no call
    is made."
  - "IAM permissions: C(iam:GetRole), C(iam:ListAttachedRolePolicies), C(iam:GetPolicy) and
    C(iam:GetPolicyVersion)."
  - A resource deleted between its two calls is left out as well.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the flow log role and the proxy's secrets policy
  appstack.aws.iam_resources_info:
    role_names:
      - appstack-prod-vpc-flow-logs
    policy_arns:
      - arn:aws:iam::123456789012:policy/appstack-prod-rds-proxy-secrets
  register: iam_state

# The role exists when it is listed: iam_state.roles | selectattr('role_name', '==', 'appstack-prod-vpc-flow-logs')

- name: Read a role, also under --check
  appstack.aws.iam_resources_info:
    role_names:
      - appstack-prod-rds-proxy
  check_mode: true
  register: iam_state
"""

RETURN = r"""
roles:
  description:
    - The roles of O(role_names) that exist, in the order asked; a role that doesn't exist is left out.
  returned: always
  type: list
  elements: dict
  contains:
    role_name:
      description: The name of the role.
      returned: always
      type: str
      sample: appstack-prod-vpc-flow-logs
    arn:
      description: The ARN of the role.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:role/appstack-prod-vpc-flow-logs
    path:
      description: The path of the role.
      returned: always
      type: str
      sample: /
    description:
      description: The description of the role, C("") when it has none.
      returned: always
      type: str
      sample: Lets VPC Flow Logs write to CloudWatch Logs
    max_session_duration:
      description: The maximum session duration of the role, in seconds.
      returned: always
      type: int
      sample: 3600
    assume_role_policy_document:
      description: The trust policy of the role, as a dict.
      returned: always
      type: dict
      sample: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
               "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}}]}
    permissions_boundary_arn:
      description: The ARN of the role's permissions boundary, null when it has none.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:policy/appstack-boundary
    tags:
      description: The tags of the role, C({}) when it has none.
      returned: always
      type: dict
      sample: {"ManagedBy": "appstack.aws"}
    attached_policy_arns:
      description: The ARNs of the managed policies attached to the role.
      returned: always
      type: list
      elements: str
      sample: ["arn:aws:iam::123456789012:policy/appstack-prod-flow-logs"]
policies:
  description:
    - The policies of O(policy_arns) that exist, in the order asked; a policy that doesn't exist is left out.
  returned: always
  type: list
  elements: dict
  contains:
    policy_name:
      description: The name of the policy.
      returned: always
      type: str
      sample: appstack-prod-rds-proxy-secrets
    arn:
      description: The ARN of the policy.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:policy/appstack-prod-rds-proxy-secrets
    path:
      description: The path of the policy.
      returned: always
      type: str
      sample: /
    description:
      description: The description of the policy, C("") when it has none.
      returned: always
      type: str
      sample: Lets the RDS proxy read its secrets
    default_version_id:
      description: The id of the policy's default version.
      returned: always
      type: str
      sample: v1
    document:
      description: The document of the policy's default version, as a dict.
      returned: always
      type: dict
      sample: {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
               "Resource": "*"}]}
    tags:
      description: The tags of the policy, C({}) when it has none.
      returned: always
      type: dict
      sample: {"ManagedBy": "appstack.aws"}
    attachment_count:
      description: The number of roles, users and groups the policy is attached to.
      returned: always
      type: int
      sample: 1
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.iam_resources import read_iam_resources
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if any(not name for name in params["role_names"]):
        problems.append("role_names must not contain an empty name.")
    for arn in params["policy_arns"]:
        if not (arn.startswith("arn:") and ":policy/" in arn):
            problems.append(f"policy_arns: {arn!r} is not a policy ARN (arn:<partition>:iam::<account>:policy/<name>).")
    return problems


def main():
    argument_spec = dict(
        role_names=dict(type="list", elements="str", default=[]),
        policy_arns=dict(type="list", elements="str", default=[]),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))

    role_names, policy_arns = module.params["role_names"], module.params["policy_arns"]
    if not role_names and not policy_arns:
        module.exit_json(changed=False, roles=[], policies=[])

    try:
        client = module.client("iam", retry_decorator=AWSRetry.jittered_backoff())
        resources = read_iam_resources(client, role_names=role_names, policy_arns=policy_arns)
    except AnsibleAWSError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, **resources)


if __name__ == "__main__":
    main()
