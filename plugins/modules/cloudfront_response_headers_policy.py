#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_response_headers_policy
version_added: 0.6.0
short_description: Manage Amazon CloudFront response headers policies
description:
  - Create, update and delete a custom CloudFront response headers policy, which adds security headers
    (HSTS, C(X-Frame-Options), C(Content-Security-Policy), ...), custom headers and CORS headers to the responses
    CloudFront sends to viewers, and removes headers from them.
  - The policy is found by its name among the account's custom response headers policies.
  - CloudFront updates replace the whole policy. Each of O(security_headers), O(custom_headers),
    O(remove_headers) and O(cors) that is given replaces that part of the policy; one left unset keeps the part
    the policy has (a new policy has none of them).
  - AWS-managed response headers policies (named C(Managed-...)) can't be changed; read them with
    M(appstack.aws.cloudfront_response_headers_policy_info) and use their id.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the response headers policy, unique among the account's. It can't start with C(Managed-).
    type: str
    required: true
  state:
    description:
      - Whether the response headers policy should exist.
      - CloudFront refuses to delete a policy that a cache behavior still uses; the module then fails saying so.
    type: str
    choices: ["present", "absent"]
    default: present
  comment:
    description:
      - A comment describing the policy. When creating it, defaults to no comment.
    type: str
  security_headers:
    description:
      - The security headers CloudFront adds. Each header left out is not set by the policy; V({}) removes them all.
    type: dict
    suboptions:
      strict_transport_security:
        description: The C(Strict-Transport-Security) header (HSTS).
        type: dict
        suboptions:
          max_age:
            description: Seconds (0 or more) browsers remember to use HTTPS only; one year is V(31536000).
            type: int
            required: true
          include_subdomains:
            description: Whether the rule covers subdomains too (C(includeSubDomains)).
            type: bool
            default: false
          preload:
            description: Whether to add C(preload).
            type: bool
            default: false
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
      content_type_options:
        description: The C(X-Content-Type-Options) header, always C(nosniff).
        type: dict
        suboptions:
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
      frame_options:
        description: The C(X-Frame-Options) header.
        type: dict
        suboptions:
          frame_option:
            description: Whether pages may be framed by no site (V(DENY)) or by their own site only (V(SAMEORIGIN)).
            type: str
            required: true
            choices: ["DENY", "SAMEORIGIN"]
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
      referrer_policy:
        description: The C(Referrer-Policy) header.
        type: dict
        suboptions:
          referrer_policy:
            description: The value of the header.
            type: str
            required: true
            choices:
              - no-referrer
              - no-referrer-when-downgrade
              - origin
              - origin-when-cross-origin
              - same-origin
              - strict-origin
              - strict-origin-when-cross-origin
              - unsafe-url
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
      content_security_policy:
        description: The C(Content-Security-Policy) header.
        type: dict
        suboptions:
          content_security_policy:
            description:
              - The policy, one line of 1 to 1,783 characters with its directives separated by C(; ).
            type: str
            required: true
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
      xss_protection:
        description: The C(X-XSS-Protection) header.
        type: dict
        suboptions:
          protection:
            description: Whether the header turns the browser's XSS filter on (C(1)) or off (C(0)).
            type: bool
            required: true
          mode_block:
            description: Whether to add C(mode=block); only with O(security_headers.xss_protection.protection=true).
            type: bool
          report_uri:
            description:
              - Where browsers report an attack (C(report=)); only with
                O(security_headers.xss_protection.protection=true) and without O(security_headers.xss_protection.mode_block).
            type: str
          override:
            description: Whether the policy's value replaces one the origin sends.
            type: bool
            default: true
  custom_headers:
    description:
      - Other headers CloudFront adds, compared as a set; V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      header:
        description: The header name; each name once.
        type: str
        required: true
      value:
        description: The header value.
        type: str
        required: true
      override:
        description: Whether the policy's value replaces one the origin sends.
        type: bool
        default: true
  remove_headers:
    description:
      - Headers CloudFront removes from the origin's responses (such as C(Server)), compared as a set; V([])
        removes none.
    type: list
    elements: str
  cors:
    description:
      - The CORS headers CloudFront adds to responses to cross-origin requests. V({}) removes them.
      - When given with any setting, O(cors.access_control_allow_origins), O(cors.allow_headers) and
        O(cors.allow_methods) are required. The lists are compared as sets.
    type: dict
    suboptions:
      access_control_allow_origins:
        description: The origins allowed (C(Access-Control-Allow-Origin)), such as C(https://app.example.com), or C(*).
        type: list
        elements: str
      allow_headers:
        description: The request headers allowed (C(Access-Control-Allow-Headers)), or C(*).
        type: list
        elements: str
      allow_methods:
        description: The methods allowed (C(Access-Control-Allow-Methods)); V(ALL) alone for every method.
        type: list
        elements: str
        choices: ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "HEAD", "ALL"]
      allow_credentials:
        description: Whether C(Access-Control-Allow-Credentials) is C(true). Defaults to V(false).
        type: bool
      expose_headers:
        description: The response headers exposed to scripts (C(Access-Control-Expose-Headers)).
        type: list
        elements: str
      max_age_sec:
        description: Seconds (0 or more) browsers may cache a preflight answer (C(Access-Control-Max-Age)).
        type: int
      origin_override:
        description: Whether the policy's CORS headers replace those the origin sends. Defaults to V(true).
        type: bool
notes:
  - community.aws.cloudfront_response_headers_policy has no check mode and compares lists in order; this module
    supports check mode and diff, and compares the header, origin and method lists as sets.
  - CloudFront response headers policies have no tags, so this module takes no C(tags).
  - CloudFront is a global service; O(region) does not change where the policy lives.
  - The policy is found and compared from the list operation alone, so a run that changes nothing makes one
    API call. Updates and deletes first read it with its ETag and send that ETag, so a concurrent change fails with
    C(PreconditionFailed) instead of being overwritten.
  - The options are checked before any API call; a failure lists every problem found.
  - Needs C(cloudfront:ListResponseHeadersPolicies) and, to change it, C(cloudfront:GetResponseHeadersPolicy) with
    C(cloudfront:CreateResponseHeadersPolicy), C(cloudfront:UpdateResponseHeadersPolicy) or
    C(cloudfront:DeleteResponseHeadersPolicy).
  - Supports check mode and diff mode. Check mode returns the expected policy and changes nothing.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the security headers policy of a single-page app
  appstack.aws.cloudfront_response_headers_policy:
    name: smartscheduler-security-prod
    comment: HSTS, no framing, nosniff, strict referrer, CSP
    security_headers:
      strict_transport_security:
        max_age: 31536000
        include_subdomains: true
      content_type_options: {}
      frame_options:
        frame_option: DENY
      referrer_policy:
        referrer_policy: strict-origin-when-cross-origin
      content_security_policy:
        content_security_policy: "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    remove_headers: [Server]
  register: headers_policy

- name: Allow uploads from the frontend origin
  appstack.aws.cloudfront_response_headers_policy:
    name: smartscheduler-assets-cors-prod
    cors:
      access_control_allow_origins: ["https://app.example.com"]
      allow_headers: ["*"]
      allow_methods: [GET, HEAD, PUT]
      max_age_sec: 600

- name: Delete a response headers policy
  appstack.aws.cloudfront_response_headers_policy:
    name: smartscheduler-security-dev
    state: absent
"""

RETURN = r"""
response_headers_policy:
  description:
    - The response headers policy. In check mode, the state it would have; a new one has no
      RV(response_headers_policy.id) then.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: The id of the policy, which a cache behavior names.
      returned: always
      type: str
      sample: 67f7725c-6f97-4210-82d7-5512b31e9d03
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
      sample: smartscheduler-security-prod
    comment:
      description: Its comment.
      returned: always
      type: str
    security_headers_config:
      description:
        - The security headers, as the API's C(SecurityHeadersConfig) in snake_case (C(strict_transport_security)
          with C(access_control_max_age_sec), C(include_subdomains), C(preload) and C(override); C(frame_options);
          ...).
      returned: always
      type: dict
      sample: {"frame_options": {"frame_option": "DENY", "override": true}}
    custom_headers_config:
      description: The custom headers, as C(quantity) and C(items) (C(header), C(value), C(override)).
      returned: always
      type: dict
      sample: {"quantity": 0}
    remove_headers_config:
      description: The headers removed, as C(quantity) and C(items) (C(header)).
      returned: always
      type: dict
      sample: {"quantity": 1, "items": [{"header": "Server"}]}
    cors_config:
      description: The CORS settings, as the API's C(CorsConfig) in snake_case; empty without CORS.
      returned: always
      type: dict
    last_modified_time:
      description: When the policy last changed.
      returned: when it exists
      type: str
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_policies as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def header_spec(**options):
    """A security header's suboptions: its own, and override."""
    return dict(type="dict", options=dict(options, override=dict(type="bool", default=True)))


def main():
    security_spec = dict(
        strict_transport_security=header_spec(
            max_age=dict(type="int", required=True),
            include_subdomains=dict(type="bool", default=False),
            preload=dict(type="bool", default=False),
        ),
        content_type_options=header_spec(),
        frame_options=header_spec(frame_option=dict(type="str", required=True, choices=plan.FRAME_OPTIONS)),
        referrer_policy=header_spec(referrer_policy=dict(type="str", required=True, choices=plan.REFERRER_POLICIES)),
        content_security_policy=header_spec(content_security_policy=dict(type="str", required=True)),
        xss_protection=header_spec(
            protection=dict(type="bool", required=True),
            mode_block=dict(type="bool"),
            report_uri=dict(type="str"),
        ),
    )
    cors_spec = dict(
        access_control_allow_origins=dict(type="list", elements="str"),
        allow_headers=dict(type="list", elements="str"),
        allow_methods=dict(type="list", elements="str", choices=plan.CORS_METHODS),
        allow_credentials=dict(type="bool"),
        expose_headers=dict(type="list", elements="str"),
        max_age_sec=dict(type="int"),
        origin_override=dict(type="bool"),
    )
    custom_header_spec = dict(
        header=dict(type="str", required=True),
        value=dict(type="str", required=True),
        override=dict(type="bool", default=True),
    )
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        comment=dict(type="str"),
        security_headers=dict(type="dict", options=security_spec),
        custom_headers=dict(type="list", elements="dict", options=custom_header_spec),
        remove_headers=dict(type="list", elements="str"),
        cors=dict(type="dict", options=cors_spec),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(plan.response_headers_policy_problems(module.params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        changed, before, after = cloudfront.manage(
            client,
            cloudfront.RESPONSE_HEADERS_POLICY,
            module.params,
            plan.response_headers_policy_config,
            module.check_mode,
        )
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(
        **cloudfront.module_result("response_headers_policy", module.params["state"], changed, before, after)
    )


if __name__ == "__main__":
    main()
