#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done on the controller (plugins/action/rds_instance.py); this file holds the documentation.

DOCUMENTATION = r"""
---
module: rds_instance
version_added: 0.3.0
short_description: Manage an Amazon RDS DB instance, with a before/after diff of what changes
description:
  - Runs M(amazon.aws.rds_instance) with O(settings) as its options, unchanged, and returns its result.
  - Adds a C(diff) of the settings that change, computed from O(current), the instance as read back before the
    run, so C(--check --diff) shows what a run would change (instance class, storage, Multi-AZ, backup retention
    and window, maintenance window, deletion protection, Performance Insights, monitoring, log exports, tags, ...).
    It sends no API call of its own.
  - When O(current) shows an existing instance that already has every setting of O(settings) that the diff compares
    and O(settings.state) is C(present), M(amazon.aws.rds_instance) is not run, the result is C(changed=false), and a
    no-op costs no call beyond the caller's read.
  - The diff never holds a password; the module's own result hides O(settings.master_user_password) as
    M(amazon.aws.rds_instance) does.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  settings:
    description:
      - The options of M(amazon.aws.rds_instance), e.g. C(db_instance_identifier), C(db_instance_class),
        C(allocated_storage), C(tags), C(state). Passed to it unchanged.
      - The connection options of this module (O(region), O(aws_config) and the others C(module_defaults) set) are
        added unless O(settings) has them.
    type: dict
    required: true
  current:
    description:
      - The DB instance as M(amazon.aws.rds_instance_info) returns it (snake_case, C(tags) as a dict), read before
        the change; the diff compares O(settings) with it.
      - Omitted or empty when the instance does not exist; the diff then shows every setting as added.
    type: dict
notes:
  - M(amazon.aws.rds_instance) has no diff support; this wrapper adds one without a second read of the instance.
  - Options of O(settings) left unset are not compared, as M(amazon.aws.rds_instance) leaves them alone.
  - Options that the diff does not compare (C(engine), C(db_name), C(master_username), the final snapshot options)
    can't change on an existing instance or matter only to its deletion, so they do not make the module run.
  - Needs the permissions of M(amazon.aws.rds_instance) for what O(settings) asks.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
# current: the instance as amazon.aws.rds_instance_info returned it, registered earlier.
- name: Resize the instance, showing the change under --diff
  appstack.aws.rds_instance:
    settings:
      db_instance_identifier: smartscheduler-prod
      engine: postgres
      db_instance_class: db.t3.small
      apply_immediately: true
      tags:
        Environment: prod
      purge_tags: true
      state: present
    current: "{{ current.instances[0] | default({}) }}"
"""

RETURN = r"""
diff:
  description:
    - The settings that change, before and after, named as the options of M(amazon.aws.rds_instance); no password.
  returned: changed
  type: dict
  contains:
    before:
      description: The current values of the settings that change.
      type: dict
      returned: changed
      sample: {"db_instance_class": "db.t3.micro"}
    after:
      description: Their values after the change.
      type: dict
      returned: changed
      sample: {"db_instance_class": "db.t3.small"}
db_instance_identifier:
  description: The identifier of the instance, and every other key M(amazon.aws.rds_instance) returns.
  returned: success
  type: str
  sample: smartscheduler-prod
"""

from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(settings=dict(type="dict", required=True), current=dict(type="dict"))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_json(msg="appstack.aws.rds_instance runs on the controller, through its action plugin")


if __name__ == "__main__":
    main()
