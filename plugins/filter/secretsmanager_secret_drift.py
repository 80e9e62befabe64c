"""What appstack.aws.secretsmanager_generated_secret would change on a secret, from one read of it.

The secrets role reads every secret it manages in one module run (appstack.aws.secretsmanager_generated_secret_info
with names) and runs the module only for a secret this filter finds different, compared step by step as the module
compares: restore, description, KMS key, resource policy, tags. A secret's value is never read nor compared.
"""

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.appstack.aws.plugins.module_utils.secretsmanager_plan import key_matches
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import policy_document, tag_differences

DOCUMENTATION = r"""
name: secretsmanager_secret_drift
version_added: 0.4.0
short_description: The differences between a secret and what appstack.aws.secretsmanager_generated_secret is asked for
description:
  - Takes the secrets M(appstack.aws.secretsmanager_generated_secret_info) read, the name of one, and the options
    M(appstack.aws.secretsmanager_generated_secret) is given for it, and returns the differences the module would act
    on, each a sentence; an empty list means the module would report no change.
  - Compares as the module does; the existence of the secret (and whether it is scheduled for deletion), the
    description, the KMS key (an ARN and a key id of the same key match), the resource policy (by meaning; with
    C(purge_resource_policy), any policy is a difference) and the tags (with C(purge_tags), AWS's C(aws:) tags aside).
    The value is never read.
options:
  _input:
    description: The C(secrets) list of M(appstack.aws.secretsmanager_generated_secret_info).
    type: list
    elements: dict
    required: true
  name:
    description: The name of the secret to compare.
    type: str
    required: true
  wanted:
    description:
      - The options of M(appstack.aws.secretsmanager_generated_secret) to compare, C(description), C(kms_key_id),
        C(resource_policy) (a dict, a JSON string or null), C(purge_resource_policy), C(tags) and C(purge_tags)
        (default true); an option left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the JWT signing key, unless it is as asked already
  appstack.aws.secretsmanager_generated_secret:
    name: smartscheduler/app/prod/jwt-signing-key
    tags: "{{ tags }}"
  when: >-
    current.secrets | appstack.aws.secretsmanager_secret_drift('smartscheduler/app/prod/jwt-signing-key',
    {'tags': tags}) | length > 0
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the secret; empty when the secret is as asked.
  type: list
  elements: str
"""


def _policy_differs(current, wanted):
    if wanted.get("purge_resource_policy"):
        return bool(current)
    asked = policy_document(wanted.get("resource_policy"))
    return asked is not None and (not current or compare_policies(current, asked))


def secretsmanager_secret_drift(secrets, name, wanted):
    """The settings of the secret ``name`` that differ from ``wanted``, as sentences (empty: none)."""
    found = [secret for secret in secrets or [] if secret.get("name") == name or secret.get("arn") == name]
    if not found:
        return [f"the secret {name} does not exist"]
    secret = found[0]
    differences = []
    if secret.get("deleted_date"):
        differences.append(f"the secret {name} is scheduled for deletion")
    description = wanted.get("description")
    if description is not None and description != secret.get("description", ""):
        differences.append(f"the secret {name}: the description differs")
    if wanted.get("kms_key_id") and not key_matches(secret.get("kms_key_id"), wanted["kms_key_id"]):
        differences.append(f"the secret {name}: the KMS key is {secret.get('kms_key_id')}, not {wanted['kms_key_id']}")
    if _policy_differs(secret.get("resource_policy"), wanted):
        differences.append(f"the secret {name}: the resource policy differs")
    return differences + tag_differences(f"the secret {name}", secret.get("tags"), wanted)


class FilterModule:
    def filters(self):
        return {"secretsmanager_secret_drift": secretsmanager_secret_drift}
