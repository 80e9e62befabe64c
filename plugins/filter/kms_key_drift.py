"""What amazon.aws.kms_key would change on a key, from one read of it (amazon.aws.kms_key_info).

amazon.aws.kms_key reads the key twice per run (before and after) with six calls each, even when nothing
changes. The secrets role reads the key once, before any write, and runs the module only where this filter
finds a difference, compared as the module compares (policy by meaning, tags purged but AWS's own).
"""

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import policy_document

DOCUMENTATION = r"""
name: kms_key_drift
version_added: 0.4.0
short_description: The differences between a KMS key and what amazon.aws.kms_key is asked for
description:
  - Takes the keys M(amazon.aws.kms_key_info) read (by alias; a full read, with tags and policies) and the options
    that M(amazon.aws.kms_key) is given, and returns the differences the module would act on, each a sentence; an
    empty list means the module would report no change.
  - Compares the state (enabled, not pending deletion), the description, key rotation, the key policy (by meaning,
    as the module does) and the tags (exactly, AWS's own C(aws:) tags aside, as with C(purge_tags=true)).
options:
  _input:
    description: The C(kms_keys) list of M(amazon.aws.kms_key_info); empty when the key does not exist.
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of M(amazon.aws.kms_key) to compare, C(alias), C(description), C(enabled),
        C(enable_key_rotation), C(policy) (a JSON string or a dict) and C(tags); an option left out is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the key with the inventory
  ansible.builtin.set_fact:
    __key_drift: "{{ __current_key.kms_keys | appstack.aws.kms_key_drift({'alias': 'alias/app-prod',
      'description': 'Encrypts app prod', 'enable_key_rotation': true, 'tags': {'Environment': 'prod'}}) }}"
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the setting; empty when the key is as asked.
  type: list
  elements: str
"""


def kms_key_drift(keys, wanted):
    """The settings of the read key that differ from ``wanted``, as sentences (empty: none)."""
    alias = wanted.get("alias", "the key")
    if not keys:
        return [f"the KMS key {alias} does not exist"]
    key = keys[0]
    found = []
    state = "Enabled" if wanted.get("enabled", True) else "Disabled"
    if key.get("key_state") != state:
        found.append(f"the KMS key {alias} is {key.get('key_state')}, the inventory asks for {state}")
    for option in ("description", "enable_key_rotation"):
        if option in wanted and key.get(option) != wanted[option]:
            found.append(
                f"the KMS key {alias}: {option} is {key.get(option)!r}, the inventory asks for {wanted[option]!r}"
            )
    if "policy" in wanted:
        policies = key.get("key_policies") or [{}]
        if compare_policies(policies[0], policy_document(wanted["policy"])):
            found.append(f"the KMS key {alias}: the key policy differs from the inventory's")
    if "tags" in wanted:
        tags = {name: value for name, value in (key.get("tags") or {}).items() if not name.startswith("aws:")}
        asked = {name: str(value) for name, value in (wanted["tags"] or {}).items()}
        if tags != asked:
            found.append(f"the KMS key {alias}: tags are {tags!r}, the inventory asks for {asked!r}")
    return found


class FilterModule:
    def filters(self):
        return {"kms_key_drift": kms_key_drift}
