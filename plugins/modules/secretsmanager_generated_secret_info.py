#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: secretsmanager_generated_secret_info
version_added: 0.2.0
short_description: Describe AWS Secrets Manager secrets, without their values
description:
  - Return the metadata of one AWS Secrets Manager secret, or of every secret of the account and region.
  - Never reads a secret's value; to read a value, use the P(amazon.aws.secretsmanager_secret#lookup) lookup with C(no_log).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name or ARN of the secret. When neither O(name) nor O(names) is set, every secret is returned, including
        those scheduled for deletion.
    type: str
  names:
    description:
      - The names or ARNs of several secrets, described in one module run; those that do not exist are left out.
      - Mutually exclusive with O(name).
    type: list
    elements: str
    version_added: 0.4.0
notes:
  - The caller needs C(secretsmanager:DescribeSecret) and C(secretsmanager:GetResourcePolicy), and
    C(secretsmanager:ListSecrets) without O(name).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Describe the database credentials secret
  appstack.aws.secretsmanager_generated_secret_info:
    name: smartscheduler/db/prod/credentials
  register: credentials

- name: Describe the secrets of an environment in one run
  appstack.aws.secretsmanager_generated_secret_info:
    names:
      - smartscheduler/db/prod/credentials
      - smartscheduler/app/prod/jwt-signing-key
  register: environment_secrets

- name: List every secret of the region
  appstack.aws.secretsmanager_generated_secret_info:
  register: all_secrets
"""

RETURN = r"""
secrets:
  description: The secrets found, metadata only, in the order of O(names); empty when O(name) names no secret.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The ARN of the secret.
      returned: always
      type: str
      sample: arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/db/prod/credentials-AbCdEf
    name:
      description: The name of the secret.
      returned: always
      type: str
      sample: smartscheduler/db/prod/credentials
    description:
      description: The description of the secret.
      returned: when the secret has one
      type: str
    kms_key_id:
      description: The KMS key that encrypts the secret.
      returned: when the secret is encrypted with a customer managed key
      type: str
    version_id:
      description: The id of the secret's current (C(AWSCURRENT)) version.
      returned: when the secret has a current version
      type: str
    resource_policy:
      description: The resource policy of the secret, or null.
      returned: always
      type: dict
    rotation_enabled:
      description: Whether rotation is configured for the secret.
      returned: when Secrets Manager reports it
      type: bool
    deleted_date:
      description: When the secret was scheduled for deletion.
      returned: when the secret is scheduled for deletion
      type: str
    tags:
      description: The tags of the secret.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.secretsmanager import (
    AnsibleSecretsManagerError,
    get_secret,
    list_secrets,
)


def main():
    module = AppstackAWSModule(
        argument_spec=dict(name=dict(type="str"), names=dict(type="list", elements="str")),
        mutually_exclusive=[("name", "names")],
        supports_check_mode=True,
    )
    client = module.client("secretsmanager", retry_decorator=AWSRetry.jittered_backoff())
    try:
        if module.params["name"]:
            secret = get_secret(client, module.params["name"])
            secrets = [secret] if secret else []
        elif module.params["names"] is not None:
            secrets = [get_secret(client, name) for name in module.params["names"]]
        else:
            secrets = [get_secret(client, secret["ARN"]) for secret in list_secrets(client)]
    except AnsibleSecretsManagerError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, secrets=[secret for secret in secrets if secret])


if __name__ == "__main__":
    main()
