# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read the IAM roles and customer managed policies the collection's roles manage, two calls each.

Every helper expects an IAM client created with
``module.client("iam", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleIAMError (amazon.aws's
``module_utils/iam.py``, whose error handler treats ``NoSuchEntity`` as "not there"), which a module turns into a
failure with ``fail_json_aws_error``.

A role is read with ``GetRole`` and ``ListAttachedRolePolicies``, a policy with ``GetPolicy`` and
``GetPolicyVersion`` of its default version; a resource that doesn't exist, or that disappears between its two
calls, is left out.  Results are flat dicts with the keys of ROLE_KEYS and POLICY_KEYS: tags as a dict (``{}``
when none) and policy documents as dicts, neither snake-cased.
"""

import json
from urllib.parse import unquote

from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError, IAMErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

# The keys of each entry of ``roles`` and of ``policies``.
ROLE_KEYS = (
    "role_name",
    "arn",
    "path",
    "description",
    "max_session_duration",
    "assume_role_policy_document",
    "permissions_boundary_arn",
    "tags",
    "attached_policy_arns",
)
POLICY_KEYS = (
    "policy_name",
    "arn",
    "path",
    "description",
    "default_version_id",
    "document",
    "tags",
    "attachment_count",
)


@IAMErrorHandler.list_error_handler("get IAM role")
def get_role(client, name):
    """GetRole's ``Role``; None when the role doesn't exist."""
    return client.get_role(RoleName=name, aws_retry=True)["Role"]


@IAMErrorHandler.list_error_handler("list the policies attached to IAM role")
@AWSRetry.jittered_backoff()
def list_attached_policy_arns(client, name):
    """The ARNs of the managed policies attached to the role, read to the last page; None when the role is gone."""
    paginator = client.get_paginator("list_attached_role_policies")
    attached = paginator.paginate(RoleName=name).build_full_result().get("AttachedPolicies", [])
    return [policy["PolicyArn"] for policy in attached]


@IAMErrorHandler.list_error_handler("get IAM managed policy")
def get_policy(client, arn):
    """GetPolicy's ``Policy``; None when the policy doesn't exist."""
    return client.get_policy(PolicyArn=arn, aws_retry=True)["Policy"]


@IAMErrorHandler.list_error_handler("get IAM managed policy version")
def get_policy_version(client, arn, version_id):
    """GetPolicyVersion's ``PolicyVersion``; None when the policy or the version doesn't exist."""
    return client.get_policy_version(PolicyArn=arn, VersionId=version_id, aws_retry=True)["PolicyVersion"]


def decode_policy_document(document, owner):
    """A policy document as a dict, whether it comes decoded (boto3), as JSON or as URL-encoded JSON (the raw API).

    ``owner`` names the role or policy in the error raised when the document is none of these.
    """
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    # Plain JSON first: unquoting it would mangle a literal "%" inside it.
    for text in (document, unquote(document)):
        try:
            decoded = json.loads(text)
        except ValueError:
            continue
        if isinstance(decoded, dict):
            return decoded
    raise AnsibleIAMError(message=f"The policy document of {owner} is not a JSON object: {document!r}")


def role_to_result(role, attached_policy_arns):
    """A GetRole ``Role`` and the ARNs attached to it, as one entry of ``roles``."""
    boundary = role.get("PermissionsBoundary") or {}
    return {
        "role_name": role["RoleName"],
        "arn": role["Arn"],
        "path": role["Path"],
        "description": role.get("Description") or "",
        "max_session_duration": role.get("MaxSessionDuration"),
        "assume_role_policy_document": decode_policy_document(
            role.get("AssumeRolePolicyDocument"), f"IAM role {role['RoleName']}"
        ),
        "permissions_boundary_arn": boundary.get("PermissionsBoundaryArn"),
        "tags": boto3_tag_list_to_ansible_dict(role.get("Tags") or []),
        "attached_policy_arns": list(attached_policy_arns),
    }


def policy_to_result(policy, version):
    """A GetPolicy ``Policy`` and its default GetPolicyVersion ``PolicyVersion``, as one entry of ``policies``."""
    return {
        "policy_name": policy["PolicyName"],
        "arn": policy["Arn"],
        "path": policy["Path"],
        "description": policy.get("Description") or "",
        "default_version_id": policy["DefaultVersionId"],
        "document": decode_policy_document(version.get("Document"), f"IAM managed policy {policy['Arn']}"),
        "tags": boto3_tag_list_to_ansible_dict(policy.get("Tags") or []),
        "attachment_count": policy.get("AttachmentCount"),
    }


def read_role(client, name):
    """The role as an entry of ``roles``, or None when it doesn't exist (ListAttachedRolePolicies isn't called)."""
    role = get_role(client, name)
    if role is None:
        return None
    attached = list_attached_policy_arns(client, name)
    if attached is None:
        return None
    return role_to_result(role, attached)


def read_policy(client, arn):
    """The policy as an entry of ``policies``, or None when it doesn't exist (GetPolicyVersion isn't called)."""
    policy = get_policy(client, arn)
    if policy is None:
        return None
    version = get_policy_version(client, arn, policy["DefaultVersionId"])
    if version is None:
        return None
    return policy_to_result(policy, version)


def read_iam_resources(client, role_names=(), policy_arns=()):
    """``{"roles": [...], "policies": [...]}``: the roles and policies found, in the order asked, the others left out."""
    roles = [read_role(client, name) for name in role_names]
    policies = [read_policy(client, arn) for arn in policy_arns]
    return {
        "roles": [role for role in roles if role is not None],
        "policies": [policy for policy in policies if policy is not None],
    }
