#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_auto_scaling_configuration_info
version_added: 0.2.0
short_description: Describe AWS App Runner auto scaling configurations
description:
  - List the active revisions of AWS App Runner auto scaling configurations. The latest revision of each name is
    described, with its settings and tags; the superseded ones are returned as App Runner lists them.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - Describe only the revisions of the configuration with this name.
      - 4 to 32 letters, digits, hyphens and underscores, starting with a letter or a digit.
      - When neither O(name) nor O(arn) is set, every auto scaling configuration of the account and Region is
        described.
      - Mutually exclusive with O(arn).
    type: str
    aliases: ["auto_scaling_configuration_name"]
  arn:
    description:
      - Describe the revision this ARN names, without listing the configurations.
      - A partial ARN ending with the name (C(arn:aws:apprunner:REGION:ACCOUNT:autoscalingconfiguration/NAME)) names
        the latest active revision; with O(latest_only=false) the superseded revisions of the name are listed too,
        unless the latest is revision 1.
      - A revision's full ARN (ending with C(/REVISION/ID)) names that revision alone; O(latest_only) does not apply.
      - A revision that does not exist or is not active gives an empty list.
      - Mutually exclusive with O(name).
    type: str
    aliases: ["auto_scaling_configuration_arn"]
    version_added: 0.5.0
  latest_only:
    description:
      - Return only the latest active revision of each name.
      - When false, the superseded active revisions follow the latest, each with its ARN, name, revision, status,
        creation time, and whether a service uses it or it is the account's default, but not its settings or tags.
    type: bool
    default: true
notes:
  - The caller needs C(apprunner:DescribeAutoScalingConfiguration) and C(apprunner:ListTagsForResource) (once per
    name), and C(apprunner:ListAutoScalingConfigurations) (once), which O(arn) calls only to find superseded
    revisions.
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

- name: Read the latest revision in one call, and the superseded ones a purge would consider
  appstack.aws.apprunner_auto_scaling_configuration_info:
    arn: arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/smartscheduler-backend
    latest_only: false
  register: backend_scaling

- name: List every active revision of every auto scaling configuration
  appstack.aws.apprunner_auto_scaling_configuration_info:
    latest_only: false
"""

RETURN = r"""
auto_scaling_configurations:
  description:
    - The active revisions asked for, by name, highest revision first within a name.
    - The latest revision of each name (or the revision a full O(arn) names) is described, with its settings and
      tags. The superseded revisions (RV(auto_scaling_configurations[].latest=false)) that O(latest_only=false)
      adds carry only RV(auto_scaling_configurations[].auto_scaling_configuration_arn),
      RV(auto_scaling_configurations[].auto_scaling_configuration_name),
      RV(auto_scaling_configurations[].auto_scaling_configuration_revision), RV(auto_scaling_configurations[].latest),
      RV(auto_scaling_configurations[].status), RV(auto_scaling_configurations[].created_at),
      RV(auto_scaling_configurations[].has_associated_service) and RV(auto_scaling_configurations[].is_default).
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
      description: Whether this is the highest active revision of the name.
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
      returned: for a described revision, not a superseded one
      type: int
      sample: 1
    max_size:
      description: The maximum number of instances.
      returned: for a described revision, not a superseded one
      type: int
      sample: 5
    max_concurrency:
      description: The number of concurrent requests an instance takes before App Runner scales up.
      returned: for a described revision, not a superseded one
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
      returned: for a described revision, not a superseded one
      type: dict
      sample: {"Application": "smartscheduler"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    describe_auto_scaling_configuration,
    described_if_active,
    list_auto_scaling_configurations,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    arn_problems,
    lists_superseded,
    older_revisions,
    revisions_by_name,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

ARN_KEY = "AutoScalingConfigurationArn"
NAME_KEY = "AutoScalingConfigurationName"
REVISION_KEY = "AutoScalingConfigurationRevision"


def validate(params):
    """Every problem with the options, as messages (empty: none). Runs before any API call."""
    return name_problems(params["name"], 32) + arn_problems(params["arn"], "autoscalingconfiguration")


def described(client, arn):
    """The ACTIVE revision arn names, as a snake_case dict with its tags, or None."""
    return described_if_active(client, describe_auto_scaling_configuration, arn, ARN_KEY)


def superseded(summary):
    """A superseded revision as App Runner lists it, without settings or tags.

    Its flags (a service uses it, it is the default) are what a purge of superseded revisions weighs, and the
    summary has them: describing every revision and reading its tags would cost two calls each. No tags key, since
    an empty one would say that the revision has none.
    """
    return dict(boto3_resource_to_ansible_dict(summary, force_tags=False), latest=False)


def find_by_name(client, name=None, latest_only=True):
    """The latest active revision of name (or of every name) described, then with latest_only false its
    superseded revisions as listed."""
    configurations = []
    for revisions in revisions_by_name(list_auto_scaling_configurations(client, name), NAME_KEY, REVISION_KEY):
        latest = described(client, revisions[0][ARN_KEY])
        if latest:
            configurations.append(latest)
        if not latest_only:
            configurations.extend(superseded(summary) for summary in revisions[1:])
    return configurations


def find_by_arn(client, arn, latest_only=True):
    """The revision arn names described (the latest active one for an ARN ending with the name), or nothing;
    then with latest_only false the superseded revisions of the name as listed."""
    latest = described(client, arn)
    if not latest:
        return []
    configurations = [latest]
    revision = latest["auto_scaling_configuration_revision"]
    if lists_superseded(arn, latest_only, revision):
        summaries = list_auto_scaling_configurations(client, latest["auto_scaling_configuration_name"])
        configurations.extend(superseded(summary) for summary in older_revisions(summaries, REVISION_KEY, revision))
    return configurations


def find_auto_scaling_configurations(client, name=None, arn=None, latest_only=True):
    """The active revisions asked for, as snake_case dicts: described with tags, or superseded as listed."""
    if arn:
        return find_by_arn(client, arn, latest_only)
    return find_by_name(client, name, latest_only)


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["auto_scaling_configuration_name"]),
        arn=dict(type="str", aliases=["auto_scaling_configuration_arn"]),
        latest_only=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, mutually_exclusive=[["name", "arn"]], supports_check_mode=True
    )
    module.fail_on_invalid(validate(module.params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        configurations = find_auto_scaling_configurations(
            client, name=module.params["name"], arn=module.params["arn"], latest_only=module.params["latest_only"]
        )
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, auto_scaling_configurations=configurations)


if __name__ == "__main__":
    main()
