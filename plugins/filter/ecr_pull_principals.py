"""The principals an ECR repository policy lets pull, for an environment that shares another's repository."""

DOCUMENTATION = r"""
name: ecr_pull_principals
version_added: 0.5.0
short_description: The principals an ECR repository policy allows to pull images
description:
  - Takes a repository policy (a dict, as M(appstack.aws.ecr_repository_info) returns it, or null) and returns the
    AWS principals of its C(Allow) statements that grant C(ecr:BatchGetImage) (or C(ecr:*)), sorted.
options:
  _input:
    description: The repository policy, or null when the repository has none.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Check that the shared repository lets this environment pull
  ansible.builtin.assert:
    that: pull_role_arn in repository.policy | appstack.aws.ecr_pull_principals
"""

RETURN = r"""
_value:
  description: The principal ARNs (or account ids) allowed to pull.
  type: list
  elements: str
"""

PULL_ACTIONS = {"ecr:batchgetimage", "ecr:*", "*"}


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _grants_pull(statement):
    actions = {str(action).lower() for action in _as_list(statement.get("Action", []))}
    return statement.get("Effect") == "Allow" and bool(actions & PULL_ACTIONS)


def ecr_pull_principals(policy):
    """The AWS principals of the policy's Allow statements that grant a pull."""
    principals = set()
    for statement in _as_list((policy or {}).get("Statement", [])):
        if _grants_pull(statement):
            principal = statement.get("Principal", {})
            aws = principal.get("AWS", []) if isinstance(principal, dict) else principal
            principals.update(str(arn) for arn in _as_list(aws))
    return sorted(principals)


class FilterModule:
    def filters(self):
        return {"ecr_pull_principals": ecr_pull_principals}
