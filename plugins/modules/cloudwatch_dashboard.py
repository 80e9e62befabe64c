#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudwatch_dashboard
version_added: 0.7.0
short_description: Manage CloudWatch dashboards
description:
  - Create, update and delete Amazon CloudWatch dashboards.
  - The body is compared with the dashboard's as parsed JSON, not as a string, so key order, whitespace and
    the way a number is written (V(1) or V(1.0)) never cause a change. The order of a list does count;
    without C(x) and C(y), the order of the C(widgets) list sets the layout. A widget added, changed or
    removed by hand in the console is a change, and the dashboard is put back to the body given.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the dashboard.
      - 1 to 255 letters, digits or the characters C(-) and C(_).
    type: str
    required: true
    aliases: ["dashboard_name"]
  state:
    description:
      - Whether the dashboard should exist.
    type: str
    choices: ["present", "absent"]
    default: present
  body:
    description:
      - The dashboard body, as a dict or as a JSON string, which the module parses.
      - An object with a C(widgets) list, as described in
        U(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
      - It replaces the whole body of an existing dashboard when it differs.
      - Required when O(state=present).
    type: raw
    aliases: ["dashboard_body"]
notes:
  - CloudWatch dashboards are global, not regional; the region only chooses the endpoint the calls go to.
  - The body is sent as compact JSON, its keys in the order given.
  - When C(PutDashboard) accepts the body with warnings (parts of the dashboard that might not render),
    each warning is reported. When it refuses the body, the module fails with each problem CloudWatch found,
    by its path in the body.
  - Dashboards take tags. C(PutDashboard) uses them only when it creates a dashboard, so the tags of an
    existing dashboard are changed with C(TagResource) and C(UntagResource); the caller needs
    C(cloudwatch:GetDashboard), C(cloudwatch:PutDashboard), C(cloudwatch:DeleteDashboards),
    C(cloudwatch:ListTagsForResource), C(cloudwatch:TagResource) and C(cloudwatch:UntagResource).
  - C(PutDashboard) takes effect at once, so the module has no C(wait) option.
  - Supports check mode and diff mode; the diff shows the dashboard, its parsed body included, before and after.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a dashboard with a text widget and a metric widget
  appstack.aws.cloudwatch_dashboard:
    name: Smartscheduler-Prod
    body:
      widgets:
        - type: text
          x: 0
          y: 0
          width: 24
          height: 2
          properties:
            markdown: "Managed by Ansible: changes made in the console are undone by the next run."
        - type: metric
          x: 0
          y: 2
          width: 12
          height: 6
          properties:
            title: Database CPU
            region: us-east-1
            stat: Average
            period: 300
            metrics:
              - ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "smartscheduler-prod"]
    tags:
      Environment: prod

- name: Create a dashboard from a JSON file
  appstack.aws.cloudwatch_dashboard:
    name: Smartscheduler-Qa
    body: "{{ lookup('ansible.builtin.file', 'dashboards/qa.json') }}"

- name: Delete a dashboard
  appstack.aws.cloudwatch_dashboard:
    name: Smartscheduler-Dev
    state: absent
"""

RETURN = r"""
dashboard:
  description:
    - The dashboard.
    - In check mode, the state the dashboard would have; RV(dashboard.dashboard_arn) of a new dashboard is then
      missing.
  returned: when O(state=present)
  type: dict
  contains:
    dashboard_name:
      description: The name of the dashboard.
      returned: always
      type: str
      sample: Smartscheduler-Prod
    dashboard_arn:
      description: The ARN of the dashboard, C(arn:aws:cloudwatch::ACCOUNT:dashboard/NAME), without a region.
      returned: when the dashboard exists
      type: str
      sample: "arn:aws:cloudwatch::123456789012:dashboard/Smartscheduler-Prod"
    dashboard_body:
      description: The body of the dashboard, parsed.
      returned: always
      type: dict
      sample: {"widgets": [{"type": "text", "x": 0, "y": 0, "width": 24, "height": 2, "properties": {"markdown": "Hi"}}]}
    size:
      description: The size of the dashboard body as CloudWatch stores it, in bytes.
      returned: always
      type: int
      sample: 92
    tags:
      description: The tags of the dashboard.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudwatch_dashboard_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import cloudwatch_dashboards as dashboards
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_dashboards import AnsibleCloudWatchError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = plan.name_problems(params["name"])
    if params["state"] == "present":
        if params["body"] is None:
            problems.append("body is required when state=present.")
        else:
            problems.extend(plan.parse_body(params["body"])[1])
    return problems


def put(client, name, body, tags, warn):
    for warning in dashboards.put_dashboard(client, name, plan.serialize_body(body), tags=tags):
        warn(f"CloudWatch accepted the body of dashboard {name} with a warning: {warning}")


def ensure_body(client, dashboard, body, check_mode, warn):
    if not plan.body_differs(dashboard, body):
        return False, dashboard
    if not check_mode:
        put(client, dashboard["dashboard_name"], body, None, warn)
    return True, plan.predicted_dashboard(dashboard["dashboard_name"], body, current=dashboard)


def ensure_dashboard_tags(client, dashboard, params, check_mode):
    arn = dashboard["dashboard_arn"]
    return ensure_tags(
        dashboard,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(dashboards.tag_resource, client, arn),
        untag=partial(dashboards.untag_resource, client, arn),
    )


def ensure_present(client, current, params, body, check_mode, warn):
    """Bring the dashboard to what params ask for; returns (changed, expected state)."""
    if not current:
        tags = plan_tags({}, params["tags"], True).result
        if not check_mode:
            put(client, params["name"], body, tags, warn)
        return True, plan.predicted_dashboard(params["name"], body, tags=tags)
    body_changed, dashboard = ensure_body(client, current, body, check_mode, warn)
    tags_changed, dashboard = ensure_dashboard_tags(client, dashboard, params, check_mode)
    return body_changed or tags_changed, dashboard


def ensure_absent(client, current, check_mode):
    """Delete the dashboard; returns (changed, expected state), the state being None: no dashboard."""
    if not current:
        return False, None
    if not check_mode:
        dashboards.delete_dashboard(client, current["dashboard_name"])
    return True, None


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["dashboard_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        body=dict(type="raw", aliases=["dashboard_body"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    body = plan.parse_body(params["body"])[0]
    client = module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = dashboards.get_dashboard(client, params["name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, body, module.check_mode, module.warn)
            if changed and not module.check_mode:
                final = dashboards.get_dashboard(client, params["name"]) or final
            result["dashboard"] = final
    except AnsibleCloudWatchError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
