#!/usr/bin/python
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# The report runs on the controller (plugins/action/predicted_change.py); this file holds its documentation.

DOCUMENTATION = r"""
module: predicted_change
version_added: 0.8.0
short_description: Say what a task without check mode or diff would change, as a before/after diff
description:
  - Runs on the controller and sends no API call. Returns C(changed=true), the message and a diff of O(before)
    (the live values, as the role read them) and O(after) (the values the task declares).
  - For a role whose module has no check mode (it is skipped under C(--check)) or no diff. The role compares what it
    read with its inputs and calls this under check mode, so that C(--check --diff) and the report of
    C(playbooks/drift.yml) show the values that differ.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  resource:
    description: The name of the resource the change is to, for the report.
    type: str
  before:
    description: The live values that differ, by setting.
    type: dict
    default: {}
  after:
    description: The declared values of the same settings.
    type: dict
    default: {}
  msg:
    description: What would change, in words.
    type: list
    elements: str
    default: []
notes:
  - amazon.aws.s3_bucket has no check mode and amazon.aws.ec2_vpc_net no diff, so neither can say, under C(--check),
    which value of a setting it would change. The roles that use them read the resources anyway (their drift
    filters); this reports what that read found, and a drift report can name the live and the declared values.
attributes:
  check_mode:
    support: full
    description: Reports only.
  diff_mode:
    support: full
    description: The diff is O(before) and O(after).
"""

EXAMPLES = r"""
- name: Say what would change in the VPC's DNS settings
  appstack.aws.predicted_change:
    resource: smartscheduler-prod
    before: {enable_dns_hostnames: false}
    after: {enable_dns_hostnames: true}
  when: ansible_check_mode
"""

RETURN = r"""
resource:
  description: O(resource).
  returned: always
  type: str
  sample: smartscheduler-prod
msg:
  description: O(msg).
  returned: always
  type: list
  elements: str
"""
