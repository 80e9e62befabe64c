#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_cache_policy
version_added: 0.6.0
short_description: Manage Amazon CloudFront cache policies
description:
  - Create, update and delete a custom CloudFront cache policy, which sets how long CloudFront caches objects
    (the TTLs) and which headers, cookies and query strings make up the cache key.
  - The policy is found by its name among the account's custom cache policies.
  - CloudFront updates replace the whole policy; an option left unset keeps the value the policy has (or, when
    creating it, the default documented here), so that a task can change one setting alone.
  - AWS-managed cache policies (named C(Managed-...)) can't be changed; read them with
    M(appstack.aws.cloudfront_cache_policy_info) and use their id.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the cache policy, unique among the account's cache policies. It can't start with C(Managed-),
        the prefix of AWS-managed policies.
    type: str
    required: true
  state:
    description:
      - Whether the cache policy should exist.
      - CloudFront refuses to delete a policy that a cache behavior still uses; the module then fails saying so.
    type: str
    choices: ["present", "absent"]
    default: present
  comment:
    description:
      - A comment describing the policy. When creating it, defaults to no comment.
    type: str
  min_ttl:
    description:
      - The minimum number of seconds objects stay in the cache, whatever the origin's C(Cache-Control) says.
      - When creating the policy, defaults to V(0).
      - O(min_ttl) <= O(default_ttl) <= O(max_ttl), all 0 or more; the order is also checked against the values
        the policy keeps.
    type: int
  default_ttl:
    description:
      - The number of seconds objects stay in the cache when the origin sends no C(Cache-Control) or C(Expires).
      - When creating the policy, defaults to CloudFront's 86,400 (one day), or less to fit O(max_ttl).
    type: int
  max_ttl:
    description:
      - The maximum number of seconds objects stay in the cache.
      - When creating the policy, defaults to CloudFront's 31,536,000 (one year).
      - V(0) (with the others V(0)) disables caching; CloudFront then accepts no compression settings, so
        O(enable_accept_encoding_gzip) and O(enable_accept_encoding_brotli) default to V(false).
    type: int
  headers:
    description:
      - The viewer headers in the cache key (and forwarded to the origin), compared as a set; V([]) puts none.
      - When creating the policy, defaults to none. C(Accept-Encoding) is set through
        O(enable_accept_encoding_gzip) and O(enable_accept_encoding_brotli) instead.
    type: list
    elements: str
  cookies:
    description:
      - The cookies in the cache key. When creating the policy, defaults to none.
    type: dict
    suboptions:
      behavior:
        description:
          - V(none), V(all), V(whitelist) (the cookies of O(cookies.items)) or V(allExcept) (all but them).
        type: str
        required: true
        choices: ["none", "whitelist", "allExcept", "all"]
      items:
        description:
          - The cookie names, compared as a set; required with V(whitelist) and V(allExcept), refused otherwise.
        type: list
        elements: str
  query_strings:
    description:
      - The query strings in the cache key. When creating the policy, defaults to none.
    type: dict
    suboptions:
      behavior:
        description:
          - V(none), V(all), V(whitelist) (the names of O(query_strings.items)) or V(allExcept) (all but them).
        type: str
        required: true
        choices: ["none", "whitelist", "allExcept", "all"]
      items:
        description:
          - The query string names, compared as a set; required with V(whitelist) and V(allExcept), refused
            otherwise.
        type: list
        elements: str
  enable_accept_encoding_gzip:
    description:
      - Whether CloudFront caches gzip-compressed objects separately (and can serve them compressed).
      - When creating the policy, defaults to V(true), or V(false) when caching is disabled.
    type: bool
  enable_accept_encoding_brotli:
    description:
      - Whether CloudFront caches Brotli-compressed objects separately (and can serve them compressed).
      - When creating the policy, defaults to V(true), or V(false) when caching is disabled.
    type: bool
notes:
  - community.aws has no module for cache policies, which is why this module exists.
  - CloudFront cache policies have no tags, so this module takes no C(tags).
  - CloudFront is a global service; O(region) does not change where the policy lives.
  - The policy is found and compared from the list operation alone, so a run that changes nothing makes one
    API call. Updates and deletes first read it with its ETag and send that ETag, so a concurrent change fails with
    C(PreconditionFailed) instead of being overwritten.
  - The options are checked before any API call; a failure lists every problem found.
  - Needs C(cloudfront:ListCachePolicies) and, to change it, C(cloudfront:GetCachePolicy) with
    C(cloudfront:CreateCachePolicy), C(cloudfront:UpdateCachePolicy) or C(cloudfront:DeleteCachePolicy).
  - Supports check mode and diff mode. Check mode returns the expected policy and changes nothing.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a cache policy for content-hashed static assets, cached for a year
  appstack.aws.cloudfront_cache_policy:
    name: smartscheduler-static-prod
    comment: Content-hashed assets
    min_ttl: 0
    default_ttl: 31536000
    max_ttl: 31536000
  register: static_policy

- name: Create a cache policy keyed on one query string and the session cookie
  appstack.aws.cloudfront_cache_policy:
    name: smartscheduler-images-prod
    default_ttl: 86400
    headers: [Origin]
    cookies:
      behavior: whitelist
      items: [session]
    query_strings:
      behavior: whitelist
      items: [width]

- name: Shorten the default TTL without touching any other setting
  appstack.aws.cloudfront_cache_policy:
    name: smartscheduler-images-prod
    default_ttl: 3600

- name: Delete a cache policy that no cache behavior uses any more
  appstack.aws.cloudfront_cache_policy:
    name: smartscheduler-images-dev
    state: absent
"""

RETURN = r"""
cache_policy:
  description:
    - The cache policy. In check mode, the state it would have; a new one has no RV(cache_policy.id) then.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: The id of the cache policy, which a cache behavior names.
      returned: always
      type: str
      sample: 2e54312d-136d-493c-8eb9-b001f22f67d2
    e_tag:
      description:
        - The current version of the policy, for the next update.
        - A run that changes nothing reads only the list, which carries no ETag, so returns none.
      returned: when the module read it, on create or update
      type: str
      sample: E23ZP02F085DFQ
    type:
      description: V(custom) for a policy of the account, V(managed) for one of AWS.
      returned: always
      type: str
      sample: custom
    name:
      description: The name of the policy.
      returned: always
      type: str
      sample: smartscheduler-static-prod
    comment:
      description: Its comment.
      returned: always
      type: str
    min_ttl:
      description: The minimum TTL, in seconds.
      returned: always
      type: int
      sample: 0
    default_ttl:
      description: The default TTL, in seconds.
      returned: always
      type: int
      sample: 86400
    max_ttl:
      description: The maximum TTL, in seconds.
      returned: always
      type: int
      sample: 31536000
    headers:
      description: The headers in the cache key.
      returned: always
      type: list
      elements: str
      sample: ["Origin"]
    cookies:
      description: The cookies in the cache key, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "whitelist", "items": ["session"]}
    query_strings:
      description: The query strings in the cache key, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "none", "items": []}
    enable_accept_encoding_gzip:
      description: Whether gzip-compressed objects are cached separately.
      returned: always
      type: bool
      sample: true
    enable_accept_encoding_brotli:
      description: Whether Brotli-compressed objects are cached separately.
      returned: always
      type: bool
      sample: true
    last_modified_time:
      description: When the policy last changed.
      returned: when it exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_policies as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        comment=dict(type="str"),
        min_ttl=dict(type="int"),
        default_ttl=dict(type="int"),
        max_ttl=dict(type="int"),
        headers=dict(type="list", elements="str"),
        cookies=plan.parameter_option_spec(plan.CACHE_COOKIE_BEHAVIORS),
        query_strings=plan.parameter_option_spec(plan.CACHE_QUERY_STRING_BEHAVIORS),
        enable_accept_encoding_gzip=dict(type="bool"),
        enable_accept_encoding_brotli=dict(type="bool"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(plan.cache_policy_problems(module.params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        changed, before, after = cloudfront.manage(
            client,
            cloudfront.CACHE_POLICY,
            module.params,
            plan.cache_policy_config,
            module.check_mode,
            config_problems=plan.cache_policy_config_problems,
        )
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(**cloudfront.module_result("cache_policy", module.params["state"], changed, before, after))


if __name__ == "__main__":
    main()
