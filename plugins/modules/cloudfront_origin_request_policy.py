#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_origin_request_policy
version_added: 0.6.0
short_description: Manage Amazon CloudFront origin request policies
description:
  - Create, update and delete a custom CloudFront origin request policy, which sets the viewer headers, cookies
    and query strings CloudFront forwards to the origin (beyond those of the cache key).
  - The policy is found by its name among the account's custom origin request policies.
  - CloudFront updates replace the whole policy; an option left unset keeps the value the policy has (or, when
    creating it, forwards none).
  - AWS-managed origin request policies (named C(Managed-...)) can't be changed; read them with
    M(appstack.aws.cloudfront_origin_request_policy_info) and use their id.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the origin request policy, unique among the account's. It can't start with C(Managed-).
    type: str
    required: true
  state:
    description:
      - Whether the origin request policy should exist.
      - CloudFront refuses to delete a policy that a cache behavior still uses; the module then fails saying so.
    type: str
    choices: ["present", "absent"]
    default: present
  comment:
    description:
      - A comment describing the policy. When creating it, defaults to no comment.
    type: str
  headers:
    description:
      - The headers forwarded to the origin. When creating the policy, defaults to none.
    type: dict
    suboptions:
      behavior:
        description:
          - V(none); V(whitelist), the headers of O(headers.items); V(allViewer), every viewer header;
            V(allViewerAndWhitelistCloudFront), every viewer header and the CloudFront headers of O(headers.items);
            V(allExcept), every viewer header but those of O(headers.items).
        type: str
        required: true
        choices: ["none", "whitelist", "allViewer", "allViewerAndWhitelistCloudFront", "allExcept"]
      items:
        description:
          - The header names, compared as a set; required with V(whitelist), V(allViewerAndWhitelistCloudFront)
            and V(allExcept), refused otherwise.
        type: list
        elements: str
  cookies:
    description:
      - The cookies forwarded to the origin. When creating the policy, defaults to none.
    type: dict
    suboptions:
      behavior:
        description:
          - V(none), V(all), V(whitelist) (the cookies of O(cookies.items)) or V(allExcept) (all but them).
        type: str
        required: true
        choices: ["none", "whitelist", "all", "allExcept"]
      items:
        description:
          - The cookie names, compared as a set; required with V(whitelist) and V(allExcept), refused otherwise.
        type: list
        elements: str
  query_strings:
    description:
      - The query strings forwarded to the origin. When creating the policy, defaults to none.
    type: dict
    suboptions:
      behavior:
        description:
          - V(none), V(all), V(whitelist) (the names of O(query_strings.items)) or V(allExcept) (all but them).
        type: str
        required: true
        choices: ["none", "whitelist", "all", "allExcept"]
      items:
        description:
          - The query string names, compared as a set; required with V(whitelist) and V(allExcept), refused
            otherwise.
        type: list
        elements: str
notes:
  - community.aws has no module for origin request policies, which is why this module exists.
  - CloudFront origin request policies have no tags, so this module takes no C(tags).
  - CloudFront is a global service; O(region) does not change where the policy lives.
  - The policy is found and compared from the list operation alone, so a run that changes nothing makes one
    API call. Updates and deletes first read it with its ETag and send that ETag, so a concurrent change fails with
    C(PreconditionFailed) instead of being overwritten.
  - The options are checked before any API call; a failure lists every problem found.
  - Needs C(cloudfront:ListOriginRequestPolicies) and, to change it, C(cloudfront:GetOriginRequestPolicy) with
    C(cloudfront:CreateOriginRequestPolicy), C(cloudfront:UpdateOriginRequestPolicy) or
    C(cloudfront:DeleteOriginRequestPolicy).
  - Supports check mode and diff mode. Check mode returns the expected policy and changes nothing.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Forward every viewer header but Host, every cookie and every query string to an API origin
  appstack.aws.cloudfront_origin_request_policy:
    name: smartscheduler-api-prod
    comment: API origin
    headers:
      behavior: allExcept
      items: [Host]
    cookies:
      behavior: all
    query_strings:
      behavior: all

- name: Delete an origin request policy
  appstack.aws.cloudfront_origin_request_policy:
    name: smartscheduler-api-dev
    state: absent
"""

RETURN = r"""
origin_request_policy:
  description:
    - The origin request policy. In check mode, the state it would have; a new one has no
      RV(origin_request_policy.id) then.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: The id of the policy, which a cache behavior names.
      returned: always
      type: str
      sample: 1d2e3f4a-5b6c-7d8e-9f0a-1b2c3d4e5f6a
    e_tag:
      description:
        - The current version of the policy, for the next update.
        - A run that changes nothing reads only the list, which carries no ETag, so returns none.
      returned: when the module read it, on create or update
      type: str
      sample: E23ZP02F085DFQ
    type:
      description: V(custom) for a policy of the account.
      returned: always
      type: str
      sample: custom
    name:
      description: The name of the policy.
      returned: always
      type: str
      sample: smartscheduler-api-prod
    comment:
      description: Its comment.
      returned: always
      type: str
    headers:
      description: The headers forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "allExcept", "items": ["Host"]}
    cookies:
      description: The cookies forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "all", "items": []}
    query_strings:
      description: The query strings forwarded, as C(behavior) and C(items).
      returned: always
      type: dict
      sample: {"behavior": "all", "items": []}
    last_modified_time:
      description: When the policy last changed.
      returned: when it exists
      type: str
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
        headers=plan.parameter_option_spec(plan.ORIGIN_REQUEST_HEADER_BEHAVIORS),
        cookies=plan.parameter_option_spec(plan.ORIGIN_REQUEST_COOKIE_BEHAVIORS),
        query_strings=plan.parameter_option_spec(plan.ORIGIN_REQUEST_QUERY_STRING_BEHAVIORS),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(plan.origin_request_policy_problems(module.params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        changed, before, after = cloudfront.manage(
            client,
            cloudfront.ORIGIN_REQUEST_POLICY,
            module.params,
            plan.origin_request_policy_config,
            module.check_mode,
        )
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(
        **cloudfront.module_result("origin_request_policy", module.params["state"], changed, before, after)
    )


if __name__ == "__main__":
    main()
