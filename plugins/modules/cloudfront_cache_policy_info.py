#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_cache_policy_info
version_added: 0.6.0
short_description: Read Amazon CloudFront cache policies, managed or custom
description:
  - Read one CloudFront cache policy by name or id, or every cache policy of a type.
  - AWS-managed policies are found by name too, so that a task can look up the id of, for example,
    C(Managed-CachingDisabled) or C(Managed-CachingOptimized) instead of hard-coding it.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the cache policy, such as C(Managed-CachingOptimized) or one of the account's.
      - When neither O(name) nor O(id) is set, every cache policy of O(type) is returned.
    type: str
  id:
    description:
      - The id of the cache policy.
    type: str
  type:
    description:
      - Which policies to look among; V(managed) for AWS's, V(custom) for the account's, V(all) for both.
    type: str
    choices: ["managed", "custom", "all"]
    default: all
notes:
  - The info twin of M(appstack.aws.cloudfront_cache_policy); it returns policies in the same form.
  - A policy read by name or id comes with its RV(cache_policies[].e_tag); a listing of every policy doesn't.
  - Needs C(cloudfront:ListCachePolicies) and C(cloudfront:GetCachePolicy).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Look up the id of the managed policy that disables caching
  appstack.aws.cloudfront_cache_policy_info:
    name: Managed-CachingDisabled
    type: managed
  register: caching_disabled

- name: Read every custom cache policy of the account
  appstack.aws.cloudfront_cache_policy_info:
    type: custom
"""

RETURN = r"""
cache_policies:
  description:
    - The cache policies found, in the form M(appstack.aws.cloudfront_cache_policy) returns; empty when none
      matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the policy.
      returned: always
      type: str
      sample: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
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
      sample: Managed-CachingDisabled
    comment:
      description: Its comment.
      returned: always
      type: str
    min_ttl:
      description: The minimum TTL, in seconds.
      returned: always
      type: int
    default_ttl:
      description: The default TTL, in seconds.
      returned: always
      type: int
    max_ttl:
      description: The maximum TTL, in seconds.
      returned: always
      type: int
    headers:
      description: The headers in the cache key.
      returned: always
      type: list
      elements: str
    cookies:
      description: The cookies in the cache key, as C(behavior) and C(items).
      returned: always
      type: dict
    query_strings:
      description: The query strings in the cache key, as C(behavior) and C(items).
      returned: always
      type: dict
    enable_accept_encoding_gzip:
      description: Whether gzip-compressed objects are cached separately.
      returned: always
      type: bool
    enable_accept_encoding_brotli:
      description: Whether Brotli-compressed objects are cached separately.
      returned: always
      type: bool
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
        found = cloudfront.describe_policies(client, cloudfront.CACHE_POLICY, module.params)
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, cache_policies=found)


if __name__ == "__main__":
    main()
