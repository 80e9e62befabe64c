#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: iam_oidc_provider_info
version_added: 0.8.0
short_description: Read IAM OpenID Connect identity providers
description:
  - Read one IAM OpenID Connect (OIDC) identity provider, by its URL or its ARN, or every provider of the account,
    with its client IDs, thumbprints and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  url:
    description:
      - The URL of the provider, such as V(https://token.actions.githubusercontent.com); with or without
        C(https://), the host compared without regard to case.
      - When neither O(url) nor O(arn) is set, every provider of the account is returned.
    type: str
  arn:
    description:
      - The ARN of the provider, C(arn:aws:iam::<account>:oidc-provider/<url without https://>).
    type: str
notes:
  - The info twin of M(appstack.aws.iam_oidc_provider); it returns providers in the same form.
  - Needs C(iam:ListOpenIDConnectProviders) (unless O(arn) is set) and C(iam:GetOpenIDConnectProvider).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the GitHub Actions provider
  appstack.aws.iam_oidc_provider_info:
    url: https://token.actions.githubusercontent.com
  register: github_oidc

- name: Read a provider by its ARN
  appstack.aws.iam_oidc_provider_info:
    arn: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com

- name: Read every OIDC provider of the account
  appstack.aws.iam_oidc_provider_info:
"""

RETURN = r"""
oidc_providers:
  description:
    - The providers found, sorted by ARN, in the form M(appstack.aws.iam_oidc_provider) returns as
      RV(appstack.aws.iam_oidc_provider#module:oidc_provider); empty when O(url) or O(arn) names no provider.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The ARN of the provider.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com
    url:
      description: The URL of the provider, with its C(https://).
      returned: always
      type: str
      sample: https://token.actions.githubusercontent.com
    client_ids:
      description: The client IDs (audiences) the provider accepts.
      returned: always
      type: list
      elements: str
      sample: ["sts.amazonaws.com"]
    thumbprints:
      description: The thumbprints of the provider's certificates.
      returned: always
      type: list
      elements: str
      sample: ["6938fd4d98bab03faadb97b34396831e3780aea1"]
    tags:
      description: The tags of the provider.
      returned: always
      type: dict
      sample: {"Purpose": "github-actions"}
    create_date:
      description: When the provider was created (ISO 8601).
      returned: always
      type: str
      sample: "2026-01-01T12:00:00+00:00"
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import iam_oidc
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    return iam_oidc.arn_problems(params["arn"])


def main():
    argument_spec = dict(url=dict(type="str"), arn=dict(type="str"))
    module = AppstackAWSModule(
        argument_spec=argument_spec, mutually_exclusive=[["url", "arn"]], supports_check_mode=True
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("iam", retry_decorator=AWSRetry.jittered_backoff())

    try:
        if params["arn"]:
            provider = iam_oidc.get_provider(client, params["arn"])
            providers = [provider] if provider else []
        elif params["url"]:
            provider = iam_oidc.find_provider(client, params["url"])
            providers = [provider] if provider else []
        else:
            providers = iam_oidc.list_providers(client)
    except AnsibleIAMError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, oidc_providers=providers)


if __name__ == "__main__":
    main()
