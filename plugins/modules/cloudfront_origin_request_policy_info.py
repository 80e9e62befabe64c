#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_origin_request_policy_info
version_added: 0.6.0
short_description: Read Amazon CloudFront origin request policies, managed or custom
description:
  - Read one CloudFront origin request policy by name or id, or every origin request policy of a type.
  - AWS-managed policies are found by name too, so that a task can look up the id of, for example,
    C(Managed-AllViewerExceptHostHeader) or C(Managed-CORS-S3Origin) instead of hard-coding it.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the origin request policy, such as C(Managed-AllViewerExceptHostHeader) or one of the account's.
      - When neither O(name) nor O(id) is set, every origin request policy of O(type) is returned.
    type: str
  id:
    description:
      - The id of the origin request policy.
    type: str
  type:
    description:
      - Which policies to look among; V(managed) for AWS's, V(custom) for the account's, V(all) for both.
    type: str
    choices: ["managed", "custom", "all"]
    default: all
notes:
  - The info twin of M(appstack.aws.cloudfront_origin_request_policy); it returns policies in the same form.
  - A policy read by name or id comes with its RV(origin_request_policies[].e_tag); a listing of every policy doesn't.
  - Needs C(cloudfront:ListOriginRequestPolicies) and C(cloudfront:GetOriginRequestPolicy).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Look up the id of the managed policy that forwards every viewer header but Host
  appstack.aws.cloudfront_origin_request_policy_info:
    name: Managed-AllViewerExceptHostHeader
    type: managed
  register: all_viewer_except_host

- name: Read every custom origin request policy of the account
  appstack.aws.cloudfront_origin_request_policy_info:
    type: custom
"""

RETURN = r"""
origin_request_policies:
  description:
    - The origin request policies found, in the form M(appstack.aws.cloudfront_origin_request_policy) returns;
      empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the policy.
      returned: always
      type: str
      sample: b689b0a8-53d0-40ab-baf2-68738e2966ac
    e_tag:
      description: Its current version.
      returned: when O(name) or O(id) is given
      type: str
    type:
      description: V(managed) or V(custom).
      returned: always
      type: str
      sample: managed
    name:
      description: Its name.
      returned: always
      type: str
      sample: Managed-AllViewerExceptHostHeader
    comment:
      description: Its comment.
      returned: always
      type: str
    headers:
      description: The headers forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "allExcept", "items": ["host"]}
    cookies:
      description: The cookies forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
    query_strings:
      description: The query strings forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
    last_modified_time:
      description: When the policy last changed.
      returned: always
      type: str
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    module = AppstackAWSModule(argument_spec=cloudfront.policy_info_argument_spec(), supports_check_mode=True)
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        found = cloudfront.describe_policies(client, cloudfront.ORIGIN_REQUEST_POLICY, module.params)
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, origin_request_policies=found)


if __name__ == "__main__":
    main()
