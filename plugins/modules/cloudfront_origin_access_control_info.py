#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_origin_access_control_info
version_added: 0.6.0
short_description: Read Amazon CloudFront origin access controls
description:
  - Read one CloudFront origin access control by name or id, or every origin access control of the account.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the origin access control. When neither O(name) nor O(id) is set, every origin access control
        is returned.
    type: str
  id:
    description:
      - The id of the origin access control.
    type: str
notes:
  - The info twin of M(appstack.aws.cloudfront_origin_access_control); it returns origin access controls in the
    same form.
  - Needs C(cloudfront:ListOriginAccessControls) and C(cloudfront:GetOriginAccessControl).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read an origin access control by name
  appstack.aws.cloudfront_origin_access_control_info:
    name: smartscheduler-frontend-prod
  register: oac_info

- name: Read every origin access control
  appstack.aws.cloudfront_origin_access_control_info:
"""

RETURN = r"""
origin_access_controls:
  description:
    - The origin access controls found, in the form M(appstack.aws.cloudfront_origin_access_control) returns;
      empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the origin access control.
      returned: always
      type: str
      sample: E2QWRUHAPOMQZL
    e_tag:
      description: Its current version.
      returned: when O(name) or O(id) is given
      type: str
      sample: ETVPDKIKX0DER
    name:
      description: Its name.
      returned: always
      type: str
      sample: smartscheduler-frontend-prod
    description:
      description: Its description.
      returned: always
      type: str
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
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(name=dict(type="str"), id=dict(type="str"))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        found = cloudfront.describe(
            client, cloudfront.ORIGIN_ACCESS_CONTROL, name=module.params["name"], resource_id=module.params["id"]
        )
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, origin_access_controls=found)


if __name__ == "__main__":
    main()
