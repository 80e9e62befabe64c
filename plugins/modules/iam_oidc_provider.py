#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: iam_oidc_provider
version_added: 0.8.0
short_description: Manage IAM OpenID Connect identity providers
description:
  - Create, update and delete an IAM OpenID Connect (OIDC) identity provider, such as the one GitHub Actions
    workflows use to assume an IAM role without stored access keys.
  - The provider is found by its URL (IAM holds one provider per URL in an account) with
    C(ListOpenIDConnectProviders) and C(GetOpenIDConnectProvider). Its ARN is
    C(arn:aws:iam::<account>:oidc-provider/<url without https://>).
  - On an existing provider, the client IDs, thumbprints and tags are changed in place, and only those given; an
    option left unset leaves that setting as it is.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  url:
    description:
      - The URL of the identity provider, which must match the C(iss) claim of its tokens, for example
        V(https://token.actions.githubusercontent.com) for GitHub Actions.
      - It starts with C(https://) and holds a host and an optional path, no query string nor port.
      - The host is compared without regard to case, the path as given.
    type: str
    required: true
  client_ids:
    description:
      - The client IDs (audiences) the provider accepts, such as V(sts.amazonaws.com) for GitHub Actions'
        C(aws-actions/configure-aws-credentials).
      - Compared as a set. Client IDs missing from the list are removed, others are added; V([]) removes every
        client ID.
      - When not set, a new provider gets none and an existing provider's are left as they are.
    type: list
    elements: str
  thumbprints:
    description:
      - The SHA-1 fingerprints (40 hexadecimal digits) of the certificates of the provider's TLS chain, at most five,
        compared as a set without regard to case.
      - IAM no longer needs them for a provider whose certificate comes from a certificate authority it trusts
        (GitHub, Google, Auth0, ...), it checks the certificate itself. When not set, a new provider is created
        without them (IAM then reads the thumbprint of the provider's certificate itself) and an existing
        provider's are left as they are.
    type: list
    elements: str
  state:
    description:
      - Whether the provider should exist.
      - O(state=absent) deletes the provider; roles that trust it are not changed, but can no longer be assumed
        with its tokens.
    type: str
    choices: ["present", "absent"]
    default: present
notes:
  - Neither amazon.aws nor community.aws has a module for IAM OpenID Connect providers.
  - The options are checked before any API call (the URL, at most 100 client IDs of 1 to 255 characters, at most
    five thumbprints of 40 hexadecimal digits); a failure lists every problem found.
  - Needs C(iam:ListOpenIDConnectProviders) and C(iam:GetOpenIDConnectProvider); to change a provider,
    C(iam:CreateOpenIDConnectProvider), C(iam:AddClientIDToOpenIDConnectProvider),
    C(iam:RemoveClientIDFromOpenIDConnectProvider), C(iam:UpdateOpenIDConnectProviderThumbprint),
    C(iam:TagOpenIDConnectProvider), C(iam:UntagOpenIDConnectProvider) and C(iam:DeleteOpenIDConnectProvider).
  - Creating a provider without O(thumbprints) needs a botocore recent enough to know that C(ThumbprintList) is
    optional.
  - The IAM role that the provider's tokens assume is managed with M(amazon.aws.iam_role); its trust policy names
    the provider's ARN, RV(oidc_provider.arn), as C(Federated) principal.
  - Use M(appstack.aws.iam_oidc_provider_info) to read providers.
  - Supports check mode and diff mode. Check mode returns the expected provider and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Let GitHub Actions workflows assume IAM roles with their OIDC tokens
  appstack.aws.iam_oidc_provider:
    url: https://token.actions.githubusercontent.com
    client_ids:
      - sts.amazonaws.com
    tags:
      Purpose: github-actions
  register: github_oidc

# The role a workflow assumes (amazon.aws.iam_role) then trusts the provider, for one repository:
#   Principal: {Federated: "{{ github_oidc.oidc_provider.arn }}"}
#   Action: sts:AssumeRoleWithWebIdentity
#   Condition:
#     StringEquals: {"token.actions.githubusercontent.com:aud": sts.amazonaws.com}
#     StringLike: {"token.actions.githubusercontent.com:sub": "repo:example-org/shop:ref:refs/heads/main"}

- name: Pin the thumbprint of a provider whose certificate IAM does not trust
  appstack.aws.iam_oidc_provider:
    url: https://oidc.example.com/realms/ci
    client_ids: [ci-deployer]
    thumbprints: [9e99a48a9960b14926bb7f3b02e22da2b0ab7280]

- name: Delete the GitHub Actions provider
  appstack.aws.iam_oidc_provider:
    url: https://token.actions.githubusercontent.com
    state: absent
"""

RETURN = r"""
oidc_provider:
  description:
    - The provider. In check mode, the provider as it would be; for a provider yet to be created, the values only
      IAM can give (RV(oidc_provider.arn), RV(oidc_provider.create_date), and RV(oidc_provider.thumbprints) when
      O(thumbprints) is not set) are missing.
  returned: when O(state=present)
  type: dict
  contains:
    arn:
      description: The ARN of the provider, the C(Federated) principal of the roles that trust it.
      returned: when the provider exists
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
      description: The thumbprints of the provider's certificates, as IAM holds them.
      returned: when known
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
      returned: when the provider exists
      type: str
      sample: "2026-01-01T12:00:00+00:00"
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import iam_oidc
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def create(client, params, check_mode):
    """Create the provider; returns the provider as expected (read back by main)."""
    predicted = iam_oidc.predicted_provider(params)
    if check_mode:
        return predicted
    return {**predicted, "arn": iam_oidc.create_provider(client, params)}


def apply_plan(client, arn, plan):
    """Send the changes of an OIDCPlan: client ids added before any is removed, then thumbprints, then tags."""
    for client_id in plan.client_ids_to_add:
        iam_oidc.add_client_id(client, arn, client_id)
    for client_id in plan.client_ids_to_remove:
        iam_oidc.remove_client_id(client, arn, client_id)
    if plan.thumbprints is not None:
        iam_oidc.update_thumbprints(client, arn, plan.thumbprints)
    if plan.tags.to_unset:
        iam_oidc.untag_provider(client, arn, plan.tags.to_unset)
    if plan.tags.to_set:
        iam_oidc.tag_provider(client, arn, plan.tags.to_set)


def ensure_present(client, current, params, check_mode):
    """Bring the provider to what params ask for; returns (changed, expected provider)."""
    if current is None:
        return True, create(client, params, check_mode)
    plan = iam_oidc.plan_changes(current, params)
    if not iam_oidc.has_changes(plan):
        return False, current
    if not check_mode:
        apply_plan(client, current["arn"], plan)
    return True, iam_oidc.expected_provider(current, plan)


def ensure_absent(client, current, check_mode):
    """Delete the provider; returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        iam_oidc.delete_provider(client, current["arn"])
    return True, None


def main():
    argument_spec = dict(
        url=dict(type="str", required=True),
        client_ids=dict(type="list", elements="str"),
        thumbprints=dict(type="list", elements="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(iam_oidc.validate(params))
    client = module.client("iam", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = iam_oidc.find_provider(client, params["url"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, module.check_mode)
            if changed and not module.check_mode:
                final = iam_oidc.get_provider(client, final["arn"]) or final
            result["oidc_provider"] = final
    except AnsibleIAMError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
