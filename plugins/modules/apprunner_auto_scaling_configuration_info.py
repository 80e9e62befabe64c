#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_auto_scaling_configuration_info
version_added: 0.2.0
short_description: Describe AWS App Runner auto scaling configurations
description:
  - List the active revisions of AWS App Runner auto scaling configurations, with their settings and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - Describe only the revisions of the configuration with this name.
      - 4 to 32 letters, digits, hyphens and underscores, starting with a letter or a digit.
      - When not set, every auto scaling configuration of the account and Region is described.
    type: str
    aliases: ["auto_scaling_configuration_name"]
  latest_only:
    description:
      - Describe only the latest active revision of each name.
    type: bool
    default: true
notes:
  - AWS App Runner is closed to new customers since 30 April 2026. In an account that may not use it, the
    module fails with App Runner's own error message.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the latest revision of the backend's auto scaling configuration
  appstack.aws.apprunner_auto_scaling_configuration_info:
    name: smartscheduler-backend
  register: backend_scaling

- name: List every active revision of every auto scaling configuration
  appstack.aws.apprunner_auto_scaling_configuration_info:
    latest_only: false
"""

RETURN = r"""
auto_scaling_configurations:
  description: The active revisions asked for, highest revision first within a name.
  returned: always
  type: list
  elements: dict
  contains:
    auto_scaling_configuration_arn:
      description: The ARN of the revision.
      returned: always
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/smartscheduler-backend/2/0123456789abcdef0123456789abcdef
    auto_scaling_configuration_name:
      description: The name of the configuration.
      returned: always
      type: str
      sample: smartscheduler-backend
    auto_scaling_configuration_revision:
      description: The revision number.
      returned: always
      type: int
      sample: 2
    latest:
      description: Whether this is the highest revision of the name.
      returned: always
      type: bool
      sample: true
    status:
      description: C(ACTIVE).
      returned: always
      type: str
      sample: ACTIVE
    min_size:
      description: The minimum number of instances.
      returned: always
      type: int
      sample: 1
    max_size:
      description: The maximum number of instances.
      returned: always
      type: int
      sample: 5
    max_concurrency:
      description: The number of concurrent requests an instance takes before App Runner scales up.
      returned: always
      type: int
      sample: 100
    created_at:
      description: When the revision was created.
      returned: always
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    has_associated_service:
      description: Whether a service uses the revision.
      returned: when App Runner reports it
      type: bool
      sample: true
    is_default:
      description: Whether the revision is the account's default for new services.
      returned: when App Runner reports it
      type: bool
      sample: false
    tags:
      description: The tags of the revision.
      returned: always
      type: dict
      sample: {"Application": "smartscheduler"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError, name_problems
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    active_revisions,
    describe_auto_scaling_configuration,
    list_auto_scaling_configurations,
    with_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

ARN_KEY = "AutoScalingConfigurationArn"
REVISION_KEY = "AutoScalingConfigurationRevision"


def validate(params):
    """Every problem with the options, as messages (empty: none). Runs before any API call."""
    return name_problems(params["name"], 32)


def find_auto_scaling_configurations(client, name=None, latest_only=True):
    """The active revisions asked for, described, as snake_case dicts with tags."""
    summaries = active_revisions(list_auto_scaling_configurations(client, name), REVISION_KEY)
    if latest_only:
        seen, latest = set(), []
        for summary in summaries:
            if summary["AutoScalingConfigurationName"] not in seen:
                seen.add(summary["AutoScalingConfigurationName"])
                latest.append(summary)
        summaries = latest
    summaries.sort(key=lambda summary: summary["AutoScalingConfigurationName"])
    configurations = []
    for summary in summaries:
        described = describe_auto_scaling_configuration(client, summary[ARN_KEY])
        if described:
            configurations.append(with_tags(client, described, ARN_KEY))
    return configurations


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["auto_scaling_configuration_name"]),
        latest_only=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        configurations = find_auto_scaling_configurations(
            client, name=module.params["name"], latest_only=module.params["latest_only"]
        )
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, auto_scaling_configurations=configurations)


if __name__ == "__main__":
    main()
