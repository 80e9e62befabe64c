"""What amazon.aws.rds_subnet_group would change on a DB subnet group, from one read of it
(appstack.aws.rds_groups_info).

amazon.aws.rds_subnet_group describes the group twice and reads its tags on every run. The rds role reads the group
once, before any write, and runs the module only where this filter finds a difference, compared as the module
compares.
"""

from ansible_collections.appstack.aws.plugins.plugin_utils.drift import find_named, tag_differences

DOCUMENTATION = r"""
name: rds_subnet_group_drift
version_added: 0.4.0
short_description: The differences between a DB subnet group and what amazon.aws.rds_subnet_group is asked for
description:
  - Takes the subnet groups M(appstack.aws.rds_groups_info) read and the options M(amazon.aws.rds_subnet_group) is
    given, and returns the differences the module would act on, each a sentence; an empty list means the module
    would report no change.
  - Compares as the module does; the description, the subnets (as a set) and the tags (with C(purge_tags), the
    default, AWS's C(aws:) tags aside).
options:
  _input:
    description: The C(subnet_groups) list of M(appstack.aws.rds_groups_info).
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of M(amazon.aws.rds_subnet_group), C(name) and any of C(description), C(subnets), C(tags) and
        C(purge_tags); an option left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the subnet group, unless it is as asked already
  amazon.aws.rds_subnet_group:
    name: app-prod
    description: Database subnets of app-prod
    subnets: "{{ subnet_ids }}"
    state: present
  when: >-
    (current.subnet_groups | appstack.aws.rds_subnet_group_drift({'name': 'app-prod',
    'description': 'Database subnets of app-prod', 'subnets': subnet_ids})) | length > 0
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the subnet group; empty when it is as asked.
  type: list
  elements: str
"""


def rds_subnet_group_drift(subnet_groups, wanted):
    """The settings of the subnet group ``wanted['name']`` that differ from ``wanted`` (empty: none)."""
    name = wanted["name"]
    what = f"the DB subnet group {name}"
    group = find_named(subnet_groups, "db_subnet_group_name", name)
    if group is None:
        return [f"{what} does not exist"]
    differences = []
    description = wanted.get("description")
    if description is not None and group.get("db_subnet_group_description") != description:
        differences.append(f"{what}: the description differs")
    subnets = wanted.get("subnets")
    if subnets is not None and sorted(group.get("subnet_ids") or []) != sorted(subnets):
        differences.append(f"{what}: subnets {sorted(group.get('subnet_ids') or [])}, not {sorted(subnets)}")
    return differences + tag_differences(what, group.get("tags"), wanted)


class FilterModule:
    def filters(self):
        return {"rds_subnet_group_drift": rds_subnet_group_drift}
