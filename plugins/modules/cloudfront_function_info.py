#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_function_info
version_added: 0.7.0
short_description: Read Amazon CloudFront Functions
description:
  - Read one CloudFront function by name, with its code and ETag, or every function of the account in a stage.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the function. When unset, every function in O(stage) is returned, without code or ETag.
    type: str
  stage:
    description:
      - The stage to read. V(LIVE) is what distributions run; a function never published has no LIVE stage.
    type: str
    choices: ["DEVELOPMENT", "LIVE"]
    default: DEVELOPMENT
notes:
  - The info twin of M(appstack.aws.cloudfront_function); it returns functions in the same form, with
    RV(functions[].stage) the stage read.
  - Needs C(cloudfront:DescribeFunction) and C(cloudfront:GetFunction), or C(cloudfront:ListFunctions) without
    O(name).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the published version of a function
  appstack.aws.cloudfront_function_info:
    name: smartscheduler-prod-spa-routing
    stage: LIVE
  register: spa_routing_info

- name: Read every function being developed
  appstack.aws.cloudfront_function_info:
"""

RETURN = r"""
functions:
  description:
    - The functions found, in the form M(appstack.aws.cloudfront_function) returns; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The name of the function.
      returned: always
      type: str
      sample: smartscheduler-prod-spa-routing
    arn:
      description: The ARN of the function.
      returned: always
      type: str
      sample: arn:aws:cloudfront::123456789012:function/smartscheduler-prod-spa-routing
    stage:
      description: The stage read, V(DEVELOPMENT) or V(LIVE).
      returned: always
      type: str
      sample: LIVE
    status:
      description: CloudFront's status of the function.
      returned: always
      type: str
      sample: DEPLOYED
    e_tag:
      description: The ETag of the stage read.
      returned: when O(name) is given
      type: str
      sample: ETVPDKIKX0DER
    comment:
      description: The comment of the function.
      returned: always
      type: str
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
    code:
      description: The code of the stage read.
      returned: when O(name) is given
      type: str
    created_time:
      description: When the function was created.
      returned: always
      type: str
    last_modified_time:
      description: When the stage last changed.
      returned: always
      type: str
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_function_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_functions as functions
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(name=dict(type="str"), stage=dict(type="str", default="DEVELOPMENT", choices=plan.STAGES))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    try:
        found = functions.describe(client, name=module.params["name"], stage=module.params["stage"])
    except cloudfront.AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, functions=found)


if __name__ == "__main__":
    main()
