#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_function
version_added: 0.7.0
short_description: Manage Amazon CloudFront Functions
description:
  - Create, update, publish and delete a CloudFront function, the lightweight JavaScript that a distribution cache
    behavior runs on viewer requests or viewer responses (URL rewrites, redirects, header changes).
  - The function is found by its name. Its DEVELOPMENT stage holds what was last written; publishing copies it to
    the LIVE stage, which is what distributions run and the only stage a cache behavior can associate.
  - An option left unset keeps the value the function has (or, when creating it, the default documented here).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the function, 1 to 64 letters, digits, hyphens or underscores, unique in the account.
    type: str
    required: true
  state:
    description:
      - Whether the function should exist.
      - CloudFront refuses to delete a function that a distribution cache behavior still associates; the module then
        fails saying which association to remove first.
    type: str
    choices: ["present", "absent"]
    default: present
  code:
    description:
      - The JavaScript source of the function, which defines C(handler(event)). Compared exactly with the code of
        the DEVELOPMENT stage.
      - Required when O(state=present).
    type: str
  comment:
    description:
      - A comment describing the function. When creating it, defaults to an empty comment.
    type: str
  runtime:
    description:
      - The JavaScript runtime. When creating it, defaults to V(cloudfront-js-2.0).
    type: str
    choices: ["cloudfront-js-1.0", "cloudfront-js-2.0"]
  key_value_store_arns:
    description:
      - The ARN of the CloudFront key value store the function reads, at most one, with runtime
        V(cloudfront-js-2.0). An empty list removes the association; unset keeps the current one.
    type: list
    elements: str
  publish:
    description:
      - Whether to publish the function to the LIVE stage when LIVE is missing or differs from DEVELOPMENT.
      - With V(false), changes stay in the DEVELOPMENT stage, to be tested with C(TestFunction) before publishing.
    type: bool
    default: true
notes:
  - community.aws has no module for CloudFront Functions, which is why this module exists.
  - CloudFront is a global service; O(region) does not change where the function lives.
  - A function is ready as soon as CloudFront answers, so this module takes no C(wait). A distribution that
    associates the function runs a newly published version once the distribution has deployed.
  - The function is read with C(DescribeFunction) and C(GetFunction) for each stage, so a run that changes nothing
    makes four read calls. Writes send the DEVELOPMENT stage's ETag, so a concurrent change fails with
    C(PreconditionFailed) instead of being overwritten.
  - Needs C(cloudfront:DescribeFunction) and C(cloudfront:GetFunction) and, to change it,
    C(cloudfront:CreateFunction), C(cloudfront:UpdateFunction), C(cloudfront:PublishFunction) or
    C(cloudfront:DeleteFunction).
  - Use M(appstack.aws.cloudfront_function_info) to read functions.
  - Supports check mode and diff mode. Check mode returns the expected function and changes nothing; the diff
    shows the code.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create and publish a function that serves a single-page app's routes from index.html
  appstack.aws.cloudfront_function:
    name: smartscheduler-prod-spa-routing
    comment: Serve SPA routes from /index.html
    runtime: cloudfront-js-2.0
    code: "{{ lookup('ansible.builtin.template', 'spa_routing.js.j2') }}"
    publish: true
  register: spa_routing

# A cache behavior of appstack.aws.cloudfront_distribution then associates it:
# function_associations: [{event_type: viewer-request, function_arn: "{{ spa_routing.function.arn }}"}]

- name: Delete a function no distribution uses
  appstack.aws.cloudfront_function:
    name: smartscheduler-dev-spa-routing
    state: absent
"""

RETURN = r"""
function:
  description:
    - The function. In check mode, the state it would have; a new one has no RV(function.arn) then.
  returned: when O(state=present)
  type: dict
  contains:
    name:
      description: The name of the function.
      returned: always
      type: str
      sample: smartscheduler-prod-spa-routing
    arn:
      description: The ARN of the function (C(FunctionMetadata.FunctionARN)), which a cache behavior associates.
      returned: always
      type: str
      sample: arn:aws:cloudfront::123456789012:function/smartscheduler-prod-spa-routing
    stage:
      description: V(LIVE) when the LIVE stage runs the DEVELOPMENT stage's code and configuration, else V(DEVELOPMENT).
      returned: always
      type: str
      sample: LIVE
    status:
      description:
        - CloudFront's status of the function, such as V(UNPUBLISHED), V(UNASSOCIATED) (published, no distribution
          uses it) or V(DEPLOYED).
      returned: always
      type: str
      sample: UNASSOCIATED
    e_tag:
      description: The ETag of the DEVELOPMENT stage, which C(UpdateFunction), C(PublishFunction), C(TestFunction)
        and C(DeleteFunction) take.
      returned: when the function exists (not for a new one in check mode)
      type: str
      sample: ETVPDKIKX0DER
    comment:
      description: The comment of the function.
      returned: always
      type: str
      sample: Serve SPA routes from /index.html
    runtime:
      description: The JavaScript runtime.
      returned: always
      type: str
      sample: cloudfront-js-2.0
    key_value_store_arns:
      description: The ARNs of the key value stores the function is associated with.
      returned: always
      type: list
      elements: str
      sample: []
    code:
      description: The code of the DEVELOPMENT stage.
      returned: always
      type: str
      sample: "function handler(event) { return event.request; }"
    created_time:
      description: When the function was created.
      returned: when the function exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    last_modified_time:
      description: When the DEVELOPMENT stage last changed.
      returned: when the function exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_function_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_functions as functions
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        code=dict(type="str"),
        comment=dict(type="str"),
        runtime=dict(type="str", choices=plan.RUNTIMES),
        key_value_store_arns=dict(type="list", elements="str"),
        publish=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, required_if=[("state", "present", ["code"])]
    )
    module.fail_on_invalid(plan.function_problems(module.params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        changed, before, after = functions.manage(client, module.params, module.check_mode)
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(**cloudfront.module_result("function", module.params["state"], changed, before, after))


if __name__ == "__main__":
    main()
