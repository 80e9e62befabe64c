"""What amazon.aws.iam_role would change on a role, from one read of it (appstack.aws.iam_resources_info).

amazon.aws.iam_role reads a role, its attached policies and the managed policies it is given on every run. The
roles that build IAM roles read them once, before any write, and run the module only where this filter finds a
difference, compared as the module compares.
"""

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import find_named, policy_document, tag_differences

DOCUMENTATION = r"""
name: iam_role_drift
version_added: 0.4.0
short_description: The differences between an IAM role and what amazon.aws.iam_role is asked for
description:
  - Takes the roles M(appstack.aws.iam_resources_info) read and the options M(amazon.aws.iam_role) is given, and
    returns the differences the module would act on, each a sentence; an empty list means the module would report no
    change.
  - Compares as the module does; the trust policy (by meaning), the description, the maximum session duration, the
    attached managed policies (by ARN; with C(purge_policies), the default, an extra one is a difference) and the
    tags (with C(purge_tags), the default, AWS's C(aws:) tags aside).
options:
  _input:
    description: The C(roles) list of M(appstack.aws.iam_resources_info).
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of M(amazon.aws.iam_role), C(name) and any of C(assume_role_policy_document) (a JSON string or a
        dict), C(description), C(max_session_duration), C(managed_policies) (ARNs), C(purge_policies), C(tags),
        C(purge_tags); an option left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the role, unless it is as asked already
  amazon.aws.iam_role:
    name: app-prod-flow-logs
    assume_role_policy_document: "{{ trust }}"
    tags: "{{ tags }}"
  when: >-
    (current.roles | appstack.aws.iam_role_drift({'name': 'app-prod-flow-logs', 'tags': tags})) | length > 0
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the role; empty when it is as asked.
  type: list
  elements: str
"""


def iam_role_drift(roles, wanted):
    """The settings of the role ``wanted['name']`` that differ from ``wanted`` (empty: none)."""
    name = wanted["name"]
    role = find_named(roles, "role_name", name)
    if role is None:
        return [f"the IAM role {name} does not exist"]
    differences = []
    trust = wanted.get("assume_role_policy_document")
    if trust is not None and compare_policies(role.get("assume_role_policy_document") or {}, policy_document(trust)):
        differences.append(f"the IAM role {name}: the trust policy differs")
    for option in ("description", "max_session_duration"):
        value = wanted.get(option)
        if value is not None and str(role.get(option)) != str(value):
            differences.append(f"the IAM role {name}: {option} is {role.get(option)!r}, not {value!r}")
    policies = wanted.get("managed_policies")
    if policies is not None:
        attached, asked = set(role.get("attached_policy_arns") or []), set(policies)
        missing, extra = asked - attached, attached - asked if wanted.get("purge_policies", True) else set()
        if missing or extra:
            differences.append(f"the IAM role {name}: policies to attach {sorted(missing)}, to detach {sorted(extra)}")
    return differences + tag_differences(f"the IAM role {name}", role.get("tags"), wanted)


class FilterModule:
    def filters(self):
        return {"iam_role_drift": iam_role_drift}
