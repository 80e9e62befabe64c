"""Encryption settings of an existing ECR repository that appstack.aws.ecr_repository is asked to change, and ECR
cannot change.

ECR sets a repository's encryption at creation only. The module refuses such a change before any write; a play
that reads its repositories first (appstack.aws.ecr_repository_info) can refuse it before any task writes anything,
with the same message, naming the setting, its current and requested values, and how to move to a new repository.
"""

from ansible_collections.appstack.aws.plugins.module_utils import ecr_plan

DOCUMENTATION = r"""
name: ecr_immutable_errors
version_added: 0.5.0
short_description: The encryption change an existing ECR repository can't take, as error messages
description:
  - Returns the message M(appstack.aws.ecr_repository) would fail with when the encryption asked for
    (C(encryption_type), C(kms_key)) differs from the repository's, as a list of one message; empty when there is no
    such difference or the repository doesn't exist yet.
  - Compares exactly as the module does, with its own function; an option left out or null is not compared.
options:
  _input:
    description:
      - One repository of the C(repositories) list of M(appstack.aws.ecr_repository_info); C({}) or null when it
        doesn't exist.
    type: dict
    required: true
  asked:
    description: The options of M(appstack.aws.ecr_repository), C(name) and any of C(encryption_type) and C(kms_key).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Refuse an encryption change before any write
  ansible.builtin.assert:
    that: __ecr_errors | length == 0
    fail_msg: "{{ __ecr_errors | join('; ') }}"
  vars:
    __ecr_errors: "{{ __ecr.repositories | first | default({}) | appstack.aws.ecr_immutable_errors({'name':
      'smartscheduler/web', 'encryption_type': 'KMS', 'kms_key': web_kms_key_arn}) }}"
"""

RETURN = r"""
_value:
  description: One message when the encryption asked for differs from the repository's; empty otherwise.
  type: list
  elements: str
"""


def ecr_immutable_errors(repository, asked):
    """[the module's failure message] when the encryption asked for can't be applied in place; [] otherwise."""
    asked = asked or {}
    if not repository:
        return []
    differences = ecr_plan.immutable_differences(repository, asked)
    return [ecr_plan.immutable_message(asked.get("name"), differences)] if differences else []


class FilterModule:
    def filters(self):
        return {"ecr_immutable_errors": ecr_immutable_errors}
