#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ssm_outputs_info
version_added: 0.8.0
short_description: Read back the outputs an environment published to SSM Parameter Store
description:
  - Read the record M(appstack.aws.ssm_outputs) keeps under C(<path>/_record), which holds each tier's outputs,
    typed and whole, as the run that published them had them.
  - For a machine that has no outputs file, such as a CI runner or an AWX job, which deploys to an environment
    another machine built.
  - One C(GetParametersByPath) call per ten tiers.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  path:
    description:
      - The subtree M(appstack.aws.ssm_outputs) published to, e.g. C(/shop/prod/outputs).
    type: str
    required: true
notes:
  - The info twin of M(appstack.aws.ssm_outputs).
  - Needs C(ssm:GetParametersByPath) on the parameters under C(<path>/_record).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read what prod's last run recorded
  appstack.aws.ssm_outputs_info:
    path: /shop/prod/outputs
  register: prod_record
"""

RETURN = r"""
outputs:
  description: The outputs, tier name to the tier's outputs; empty when nothing was published under O(path).
  returned: always
  type: dict
  sample: {"ecr": {"repository_uri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-backend"}}
"""

from contextlib import suppress

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.outputs_record import (
    current_parameters,
    outputs_from_records,
    path_problems,
    record_path,
)

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import BotoCoreError, ClientError


def main():
    module = AppstackAWSModule(argument_spec=dict(path=dict(type="str", required=True)), supports_check_mode=True)
    path = module.params["path"]
    module.fail_on_invalid(path_problems(path))
    client = module.client("ssm", retry_decorator=AWSRetry.jittered_backoff(retries=10))
    try:
        parameters = current_parameters(client, record_path(path))
    except (BotoCoreError, ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not read the outputs recorded under {path}")
    module.exit_json(changed=False, outputs=outputs_from_records(parameters, path))


if __name__ == "__main__":
    main()
