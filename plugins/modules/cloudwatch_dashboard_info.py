#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatch_dashboard_info
version_added: 0.7.0
short_description: Describe CloudWatch dashboards
description:
  - Describe Amazon CloudWatch dashboards, with their parsed bodies and their tags.
  - Gives one dashboard by its exact name, the dashboards whose names start with a prefix, or every
    dashboard of the account.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The exact name of the dashboard to describe.
      - Mutually exclusive with O(name_prefix).
    type: str
    aliases: ["dashboard_name"]
  name_prefix:
    description:
      - Describe the dashboards whose names start with this prefix.
      - 1 to 255 letters, digits or the characters C(.), C(-) and C(_).
      - Mutually exclusive with O(name).
    type: str
    aliases: ["dashboard_name_prefix"]
notes:
  - This module is the info twin of M(appstack.aws.cloudwatch_dashboard).
  - With neither option, every dashboard of the account is described; dashboards are global, not regional.
  - The dashboards are listed with C(ListDashboards), then each is read with C(GetDashboard) and
    C(ListTagsForResource), two calls per dashboard.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read one dashboard
  appstack.aws.cloudwatch_dashboard_info:
    name: Smartscheduler-Prod
  register: smartscheduler_dashboard

- name: Read the dashboards of every environment of an application
  appstack.aws.cloudwatch_dashboard_info:
    name_prefix: Smartscheduler-
"""

RETURN = r"""
dashboards:
  description: The dashboards found, sorted by name; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    dashboard_name:
      description: The name of the dashboard.
      returned: always
      type: str
      sample: Smartscheduler-Prod
    dashboard_arn:
      description: The ARN of the dashboard, C(arn:aws:cloudwatch::ACCOUNT:dashboard/NAME), without a region.
      returned: always
      type: str
      sample: "arn:aws:cloudwatch::123456789012:dashboard/Smartscheduler-Prod"
    dashboard_body:
      description: The body of the dashboard, parsed.
      returned: always
      type: dict
      sample: {"widgets": [{"type": "text", "x": 0, "y": 0, "width": 24, "height": 2, "properties": {"markdown": "Hi"}}]}
    size:
      description: The size of the dashboard body, in bytes.
      returned: always
      type: int
      sample: 92
    last_modified:
      description: When the dashboard was last changed, in ISO 8601 format.
      returned: always
      type: str
      sample: "2026-01-15T10:00:00+00:00"
    tags:
      description: The tags of the dashboard.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_dashboard_plan import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_dashboards import (
    AnsibleCloudWatchError,
    list_dashboards,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return name_problems(params["name"]) + name_problems(params["name_prefix"], option="name_prefix", prefix=True)


def find_dashboards(client, name=None, name_prefix=None):
    """The dashboards asked for, sorted by name."""
    found = list_dashboards(client, prefix=name_prefix, name=name)
    return sorted(found, key=lambda dashboard: dashboard["dashboard_name"])


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["dashboard_name"]),
        name_prefix=dict(type="str", aliases=["dashboard_name_prefix"]),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["name", "name_prefix"]],
    )
    module.fail_on_invalid(validate(module.params))
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())

    try:
        dashboards = find_dashboards(client, name=module.params["name"], name_prefix=module.params["name_prefix"])
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, dashboards=dashboards)


if __name__ == "__main__":
    main()
