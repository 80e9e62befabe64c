#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_response_headers_policy_info
version_added: 0.6.0
short_description: Read Amazon CloudFront response headers policies, managed or custom
description:
  - Read one CloudFront response headers policy by name or id, or every response headers policy of a type.
  - AWS-managed policies are found by name too, so that a task can look up the id of, for example,
    C(Managed-SecurityHeadersPolicy) or C(Managed-SimpleCORS) instead of hard-coding it.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the response headers policy, such as C(Managed-SecurityHeadersPolicy) or one of the account's.
      - When neither O(name) nor O(id) is set, every response headers policy of O(type) is returned.
    type: str
  id:
    description:
      - The id of the response headers policy.
    type: str
  type:
    description:
      - Which policies to look among; V(managed) for AWS's, V(custom) for the account's, V(all) for both.
    type: str
    choices: ["managed", "custom", "all"]
    default: all
notes:
  - The info twin of M(appstack.aws.cloudfront_response_headers_policy); it returns policies in the same form.
  - A policy read by name or id comes with its RV(response_headers_policies[].e_tag); a listing of every policy doesn't.
  - Needs C(cloudfront:ListResponseHeadersPolicies) and C(cloudfront:GetResponseHeadersPolicy).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Look up the id of the managed security headers policy
  appstack.aws.cloudfront_response_headers_policy_info:
    name: Managed-SecurityHeadersPolicy
    type: managed
  register: security_headers

- name: Read every custom response headers policy of the account
  appstack.aws.cloudfront_response_headers_policy_info:
    type: custom
"""

RETURN = r"""
response_headers_policies:
  description:
    - The response headers policies found, in the form M(appstack.aws.cloudfront_response_headers_policy) returns;
      empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the policy.
      returned: always
      type: str
      sample: 67f7725c-6f97-4210-82d7-5512b31e9d03
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
      sample: Managed-SecurityHeadersPolicy
    comment:
      description: Its comment.
      returned: always
      type: str
    security_headers_config:
      description: The security headers, as the API's C(SecurityHeadersConfig) in snake_case.
      returned: always
      type: dict
    custom_headers_config:
      description: The custom headers, as C(quantity) and C(items).
      returned: always
      type: dict
    remove_headers_config:
      description: The headers removed, as C(quantity) and C(items).
      returned: always
      type: dict
    cors_config:
      description: The CORS settings, as the API's C(CorsConfig) in snake_case; empty without CORS.
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
        found = cloudfront.describe_policies(client, cloudfront.RESPONSE_HEADERS_POLICY, module.params)
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, response_headers_policies=found)


if __name__ == "__main__":
    main()
