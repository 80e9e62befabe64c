"""The network role's security group rules, with each group named by key resolved to its id."""

DOCUMENTATION = r"""
name: network_security_group_rules
version_added: 0.4.0
short_description: Resolve the group keys of security group rules to group ids
description:
  - The network role declares its rules once, naming the groups they allow by key (C(group) is C(app), C(database), ...),
    so that M(appstack.aws.network_drift) can compare them before the groups' ids are known.
  - Returns the rules in M(amazon.aws.ec2_security_group)'s shape, each C(group) replaced by C(group_id).
options:
  _input:
    description: The rules, a list of dicts in M(amazon.aws.ec2_security_group)'s shape, C(group) in place of C(group_id).
    type: list
    elements: dict
    required: true
  group_ids:
    description: The id of each of the role's groups, by key.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Set the rules of the app group
  amazon.aws.ec2_security_group:
    name: smartscheduler-prod-app
    description: Application
    rules: "{{ network__security_group_rules.app.ingress | appstack.aws.network_security_group_rules(network_security_group_ids) }}"
"""

RETURN = r"""
_value:
  description: The rules, with C(group_id) in place of C(group).
  type: list
  elements: dict
"""


def network_security_group_rules(rules, group_ids):
    """The rules with each 'group' key replaced by that group's id."""
    resolved = []
    for rule in rules:
        rule = dict(rule)
        if "group" in rule:
            rule["group_id"] = group_ids[rule.pop("group")]
        resolved.append(rule)
    return resolved


class FilterModule:
    def filters(self):
        return {"network_security_group_rules": network_security_group_rules}
