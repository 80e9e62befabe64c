#!/usr/bin/python
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The check runs on the controller (plugins/action/check_inventory.py); this file holds its documentation.

DOCUMENTATION = r"""
module: check_inventory
version_added: 0.3.0
short_description: Check an environment's inventory as a whole, before any AWS call
description:
  - Runs on the controller and sends no API call. Returns the problems it finds in O(problems), for
    C(playbooks/validate.yml) to report with every role's input errors at once.
  - B(Unknown variables.) Every variable under a role's prefix (C(network_), C(rds_), C(secrets_), ...) or
    C(appstack_) must be declared by a role (argument specs, defaults, published outputs) or the shared
    C(group_vars/all). A typo such as C(rds_instance_clas) would otherwise be ignored silently, and the role
    default used instead. The message names the variable, the file and line (or C(-e)) it came from, and the
    closest declared name.
  - B(One environment.) The host, its groups and C(appstack_environment) must name the same environment, so
    that a copied inventory cannot adopt another environment's resources.
  - B(Region.) C(appstack_region) must be a region of an AWS partition, as botocore's endpoint data knows them.
  - B(Accounts.) C(appstack_allowed_account_ids) must be a list of 12-digit account ids (or empty), so that a typo
    fails here rather than in the preflight, after the first call.
  - B(Extra tags.) C(appstack_extra_tags), which every resource carries, must hold tags AWS accepts (keys of 1 to
    128 characters not starting with C(aws:), string values of up to 256 characters, at most 47 of them).
  - B(Tags.) A C(--tags) value that selects no tier of the playbook gets a warning.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  tier_tags:
    description:
      - The tags of the playbook's tiers, such as C(network) and C(data).
    type: list
    elements: str
    required: true
  extra_variables:
    description:
      - Names under a checked prefix that are deliberate, beside those in the inventory's
        C(appstack_extra_variables).
    type: list
    elements: str
    default: []
notes:
  - Ansible has no check for variables that nothing reads; roles' argument specs check only the options they
    declare. This fills that gap for the project's prefixes only.
  - An extra variable under a checked prefix is allowed by listing it in C(appstack_extra_variables).
  - The file and line of a variable come from ansible-core's data tags where it records them (2.19 and later);
    for values it cannot tag (booleans, null) the inventory files are searched.
attributes:
  check_mode:
    support: full
    description: Reads variables only.
  diff_mode:
    support: none
    description: Changes nothing.
"""

EXAMPLES = r"""
- name: Check the inventory of the environment
  appstack.aws.check_inventory:
    tier_tags: [network, data]
  register: inventory_check

- name: Deliberate extra variables are declared
  appstack.aws.check_inventory:
    tier_tags: [network, data]
    extra_variables: [rds_note_for_operators]
"""

RETURN = r"""
problems:
  description: One message per problem, empty when the inventory is sound.
  returned: always
  type: list
  elements: str
  sample: ["rds_instance_clas (set in inventories/qa/group_vars/qa.yml:12) is not a variable of any role:
    did you mean rds_instance_class? A deliberate extra variable goes in appstack_extra_variables."]
region_partition:
  description: The partition that has C(appstack_region), or null when none has it.
  returned: always
  type: str
  sample: aws
"""
