#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_origin_access_control
version_added: 0.6.0
short_description: Manage Amazon CloudFront origin access controls
description:
  - Create, update and delete a CloudFront origin access control (OAC), which lets a distribution sign its requests
    to an origin (a private S3 bucket, a Lambda function URL, ...) so that the origin can accept only them.
  - The origin access control is found by its name.
  - CloudFront updates replace the whole configuration; an option left unset keeps the value the origin access
    control has (or, when creating it, the default documented here).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the origin access control, 1 to 64 characters, unique in the account.
    type: str
    required: true
  state:
    description:
      - Whether the origin access control should exist.
      - CloudFront refuses to delete one that a distribution origin still uses; the module then fails saying so.
    type: str
    choices: ["present", "absent"]
    default: present
  description:
    description:
      - A description of the origin access control. When creating it, defaults to an empty description.
    type: str
  origin_type:
    description:
      - The kind of origin it signs requests to. When creating it, defaults to V(s3).
    type: str
    choices: ["s3", "mediastore", "lambda", "mediapackagev2"]
  signing_behavior:
    description:
      - Whether CloudFront signs requests to the origin. V(always) (the default when creating it) signs every
        request, replacing any C(Authorization) header of the viewer; V(no-override) signs only requests without
        one; V(never) signs none. V(always-amz-auth) is for S3 origins only.
    type: str
    choices: ["always", "never", "no-override", "always-amz-auth"]
  signing_protocol:
    description:
      - How requests are signed. When creating it, defaults to V(sigv4).
    type: str
    choices: ["sigv4", "sigv4a"]
notes:
  - community.aws has no module for origin access controls (only the legacy origin access identity), which is why
    this module exists.
  - CloudFront origin access controls have no tags, so this module takes no C(tags).
  - CloudFront is a global service; O(region) does not change where the origin access control lives.
  - The origin access control is found and compared from the list operation alone, so a run that changes nothing
    makes one API call. Updates and deletes first read it with its ETag and send that ETag, so a concurrent change
    fails with C(PreconditionFailed) instead of being overwritten.
  - Needs C(cloudfront:ListOriginAccessControls) and, to change it, C(cloudfront:GetOriginAccessControl) with
    C(cloudfront:CreateOriginAccessControl), C(cloudfront:UpdateOriginAccessControl) or
    C(cloudfront:DeleteOriginAccessControl).
  - Use M(appstack.aws.cloudfront_origin_access_control_info) to read origin access controls.
  - Supports check mode and diff mode. Check mode returns the expected origin access control and changes nothing.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the origin access control of a private S3 frontend bucket
  appstack.aws.cloudfront_origin_access_control:
    name: smartscheduler-frontend-prod
    description: CloudFront access to the prod frontend bucket
    origin_type: s3
    signing_behavior: always
    signing_protocol: sigv4
  register: oac

- name: Delete an origin access control
  appstack.aws.cloudfront_origin_access_control:
    name: smartscheduler-frontend-dev
    state: absent
"""

RETURN = r"""
origin_access_control:
  description:
    - The origin access control. In check mode, the state it would have; a new one has no RV(origin_access_control.id) then.
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: The id of the origin access control, which a distribution origin names.
      returned: always
      type: str
      sample: E2QWRUHAPOMQZL
    e_tag:
      description:
        - The current version of the origin access control, for the next update.
        - A run that changes nothing reads only the list, which carries no ETag, so returns none.
      returned: when the module read it, on create or update
      type: str
      sample: ETVPDKIKX0DER
    name:
      description: The name of the origin access control.
      returned: always
      type: str
      sample: smartscheduler-frontend-prod
    description:
      description: Its description.
      returned: always
      type: str
      sample: CloudFront access to the prod frontend bucket
    origin_access_control_origin_type:
      description: The kind of origin.
      returned: always
      type: str
      sample: s3
    signing_behavior:
      description: Which requests CloudFront signs.
      returned: always
      type: str
      sample: always
    signing_protocol:
      description: How requests are signed.
      returned: always
      type: str
      sample: sigv4
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_policies as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        description=dict(type="str"),
        origin_type=dict(type="str", choices=plan.OAC_ORIGIN_TYPES),
        signing_behavior=dict(type="str", choices=plan.OAC_SIGNING_BEHAVIORS),
        signing_protocol=dict(type="str", choices=plan.OAC_SIGNING_PROTOCOLS),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(plan.origin_access_control_problems(module.params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        changed, before, after = cloudfront.manage(
            client,
            cloudfront.ORIGIN_ACCESS_CONTROL,
            module.params,
            plan.origin_access_control_config,
            module.check_mode,
        )
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(
        **cloudfront.module_result("origin_access_control", module.params["state"], changed, before, after)
    )


if __name__ == "__main__":
    main()
