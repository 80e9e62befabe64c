"""What amazon.aws.rds_instance_param_group would change on a DB parameter group, from one read of it
(appstack.aws.rds_groups_info).

amazon.aws.rds_instance_param_group describes the group twice, reads every parameter of its family (several pages
on AWS) and its tags on every run. The rds role reads the group once, before any write, and runs the module only
where this filter finds a difference, compared as the module compares.
"""

from ansible_collections.appstack.aws.plugins.plugin_utils.drift import find_named, tag_differences
from ansible_collections.appstack.aws.plugins.plugin_utils.rds_parameters import convert_parameter_value

DOCUMENTATION = r"""
name: rds_parameter_group_drift
version_added: 0.4.0
short_description: The differences between a DB parameter group and what amazon.aws.rds_instance_param_group is
  asked for
description:
  - Takes the parameter groups M(appstack.aws.rds_groups_info) read and the options
    M(amazon.aws.rds_instance_param_group) is given, and returns the differences the module would act on, each a
    sentence; an empty list means the module would report no change.
  - Compares as the module does, converting each value as it does (C(10M), booleans); the parameters and the
    tags (with C(purge_tags), the default, AWS's C(aws:) tags aside, and only when C(tags) is given). The description
    and the family can't change after creation, and the module leaves them alone too.
  - The read holds the parameters whose source is C(user) or C(system); a parameter left at its engine default has
    no value, which the module always sets, so a parameter missing from the read is a difference.
options:
  _input:
    description: The C(parameter_groups) list of M(appstack.aws.rds_groups_info).
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of M(amazon.aws.rds_instance_param_group), C(name) and any of C(params), C(tags) and
        C(purge_tags); an option left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Create the parameter group, unless it is as asked already
  amazon.aws.rds_instance_param_group:
    name: app-prod-postgres16
    description: PostgreSQL 16 parameters of app-prod
    engine: postgres16
    params:
      rds.force_ssl: 1
    state: present
  when: >-
    (current.parameter_groups | appstack.aws.rds_parameter_group_drift({'name': 'app-prod-postgres16',
    'params': {'rds.force_ssl': 1}})) | length > 0
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the parameter group; empty when it is as asked.
  type: list
  elements: str
"""


def parameter_differences(what, current, wanted_params):
    """A sentence per parameter whose value the module would set."""
    differences = []
    for name, value in (wanted_params or {}).items():
        parameter = current.get(name)
        if parameter is None or parameter.get("value") is None:
            differences.append(f"{what}: {name} is at its engine default, not {value}")
            continue
        converted = convert_parameter_value(parameter.get("data_type"), value)
        if converted != parameter["value"]:
            differences.append(f"{what}: {name} is {parameter['value']}, not {converted}")
    return differences


def rds_parameter_group_drift(parameter_groups, wanted):
    """The settings of the parameter group ``wanted['name']`` that differ from ``wanted`` (empty: none)."""
    name = wanted["name"]
    what = f"the DB parameter group {name}"
    group = find_named(parameter_groups, "db_parameter_group_name", name)
    if group is None:
        return [f"{what} does not exist"]
    differences = parameter_differences(what, group.get("parameters") or {}, wanted.get("params"))
    # The module compares tags only when it is given some.
    if wanted.get("tags"):
        differences += tag_differences(what, group.get("tags"), wanted)
    return differences


class FilterModule:
    def filters(self):
        return {"rds_parameter_group_drift": rds_parameter_group_drift}
