"""What amazon.aws.iam_managed_policy would change on a policy, from one read of it (appstack.aws.iam_resources_info).

amazon.aws.iam_managed_policy lists the account's policies and reads every version of the policy on every run. The
roles that build managed policies read each once, before any write, and run the module only where this filter finds
a difference, compared as the module compares.
"""

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import find_named, policy_document, tag_differences

DOCUMENTATION = r"""
name: iam_managed_policy_drift
version_added: 0.4.0
short_description: The differences between a managed policy and what amazon.aws.iam_managed_policy is asked for
description:
  - Takes the policies M(appstack.aws.iam_resources_info) read and the options M(amazon.aws.iam_managed_policy) is
    given, and returns the differences the module would act on, each a sentence; an empty list means the module
    would report no change.
  - Compares as the module does (with its defaults, C(make_default=true)); the default version's document (by
    meaning) and the tags (with C(purge_tags), the default, AWS's C(aws:) tags aside). The description can't change
    after creation, and the module leaves it alone too.
options:
  _input:
    description: The C(policies) list of M(appstack.aws.iam_resources_info).
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of M(amazon.aws.iam_managed_policy), C(name) and any of C(policy) (a JSON string or a dict),
        C(tags) and C(purge_tags); an option left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the policy, unless it is as asked already
  amazon.aws.iam_managed_policy:
    name: app-prod-flow-logs
    policy: "{{ document }}"
  when: >-
    (current.policies | appstack.aws.iam_managed_policy_drift({'name': 'app-prod-flow-logs', 'policy': document})) | length > 0
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the policy; empty when it is as asked.
  type: list
  elements: str
"""


def iam_managed_policy_drift(policies, wanted):
    """The settings of the policy ``wanted['name']`` that differ from ``wanted`` (empty: none)."""
    name = wanted["name"]
    policy = find_named(policies, "policy_name", name)
    if policy is None:
        return [f"the IAM policy {name} does not exist"]
    differences = []
    document = wanted.get("policy")
    if document is not None and compare_policies(policy.get("document") or {}, policy_document(document)):
        differences.append(f"the IAM policy {name}: the default version's document differs")
    return differences + tag_differences(f"the IAM policy {name}", policy.get("tags"), wanted)


class FilterModule:
    def filters(self):
        return {"iam_managed_policy_drift": iam_managed_policy_drift}
