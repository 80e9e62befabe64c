#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_observability_configuration_info
version_added: 0.5.0
short_description: Describe AWS App Runner observability configurations
description:
  - List the active revisions of AWS App Runner observability configurations, with their tracing configuration
    and tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - Describe only the revisions of the configuration with this name.
      - 4 to 32 letters, digits, hyphens and underscores, starting with a letter or a digit.
      - When neither O(name) nor O(arn) is set, every observability configuration of the account and Region is
        described.
      - Mutually exclusive with O(arn).
    type: str
    aliases: ["observability_configuration_name"]
  arn:
    description:
      - Describe the revision this ARN names, without listing the configurations.
      - A partial ARN ending with the name (C(arn:aws:apprunner:REGION:ACCOUNT:observabilityconfiguration/NAME))
        names the latest active revision; with O(latest_only=false) the superseded revisions of the name are
        listed and described too, unless the latest is revision 1.
      - A revision's full ARN (ending with C(/REVISION/ID)) names that revision alone; O(latest_only) does not apply.
      - A revision that does not exist or is not active gives an empty list.
      - Mutually exclusive with O(name).
    type: str
    aliases: ["observability_configuration_arn"]
  latest_only:
    description:
      - Describe only the latest active revision of each name.
    type: bool
    default: true
notes:
  - The caller needs C(apprunner:ListObservabilityConfigurations), C(DescribeObservabilityConfiguration) and
    C(ListTagsForResource). With O(arn), the list is read only to find superseded revisions.
  - AWS App Runner is closed to new customers since 30 April 2026. In an account that may not use it, the
    module fails with App Runner's own error message.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the latest revision of the backend's observability configuration
  appstack.aws.apprunner_observability_configuration_info:
    name: smartscheduler-tracing
  register: tracing

- name: Read the latest revision of the backend's observability configuration without listing
  appstack.aws.apprunner_observability_configuration_info:
    arn: arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/smartscheduler-tracing
  register: tracing

- name: List every active revision of every observability configuration
  appstack.aws.apprunner_observability_configuration_info:
    latest_only: false
"""

RETURN = r"""
observability_configurations:
  description: The active revisions asked for, by name, highest revision first within a name, each described.
  returned: always
  type: list
  elements: dict
  contains:
    observability_configuration_arn:
      description: The ARN of the revision.
      returned: always
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/smartscheduler-tracing/2/0123456789abcdef0123456789abcdef
    observability_configuration_name:
      description: The name of the configuration.
      returned: always
      type: str
      sample: smartscheduler-tracing
    observability_configuration_revision:
      description: The revision number.
      returned: always
      type: int
      sample: 2
    trace_configuration:
      description: The tracing configuration, C(vendor) C(AWSXRAY).
      returned: when the revision traces
      type: dict
      sample: {"vendor": "AWSXRAY"}
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
    created_at:
      description: When the revision was created.
      returned: always
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    tags:
      description: The tags of the revision.
      returned: always
      type: dict
      sample: {"Application": "smartscheduler"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_observability import (
    ARN_KEY,
    REVISION,
    REVISION_KEY,
    describe_observability_configuration,
    list_observability_configurations,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import described_if_active
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    active_revisions,
    arn_problems,
    lists_superseded,
    older_revisions,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

NAME_KEY = "ObservabilityConfigurationName"


def validate(params):
    """Every problem with the options, as messages (empty: none). Runs before any API call."""
    return name_problems(params["name"], 32) + arn_problems(params["arn"], "observabilityconfiguration")


def latest_of_each_name(summaries):
    """The first summary of each name, from summaries sorted highest revision first."""
    seen, latest = set(), []
    for summary in summaries:
        if summary[NAME_KEY] not in seen:
            seen.add(summary[NAME_KEY])
            latest.append(summary)
    return latest


def described(client, arn):
    """The ACTIVE revision arn names, as a snake_case dict with its tags, or None."""
    return described_if_active(client, describe_observability_configuration, arn, ARN_KEY)


def described_all(client, summaries):
    """The revisions of summaries that are still active, described, in the same order."""
    configurations = (described(client, summary[ARN_KEY]) for summary in summaries)
    return [configuration for configuration in configurations if configuration]


def find_by_name(client, name=None, latest_only=True):
    """The active revisions of name (or of every name), described; with latest_only the latest of each name."""
    # Every revision is listed, and the latest picked here, so that one rule picks it in both modules.
    summaries = active_revisions(list_observability_configurations(client, name), REVISION_KEY)
    if latest_only:
        summaries = latest_of_each_name(summaries)
    summaries.sort(key=lambda summary: summary[NAME_KEY])
    return described_all(client, summaries)


def find_by_arn(client, arn, latest_only=True):
    """The revision arn names described (the latest active one for an ARN ending with the name), or nothing;
    then with latest_only false the superseded revisions of the name, described."""
    latest = described(client, arn)
    if not latest:
        return []
    configurations = [latest]
    if lists_superseded(arn, latest_only, latest[REVISION]):
        summaries = list_observability_configurations(client, latest["observability_configuration_name"])
        configurations.extend(described_all(client, older_revisions(summaries, REVISION_KEY, latest[REVISION])))
    return configurations


def find_observability_configurations(client, name=None, arn=None, latest_only=True):
    """The active revisions asked for, described, as snake_case dicts with tags."""
    if arn:
        return find_by_arn(client, arn, latest_only)
    return find_by_name(client, name, latest_only)


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["observability_configuration_name"]),
        arn=dict(type="str", aliases=["observability_configuration_arn"]),
        latest_only=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, mutually_exclusive=[["name", "arn"]], supports_check_mode=True
    )
    module.fail_on_invalid(validate(module.params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        configurations = find_observability_configurations(
            client, name=module.params["name"], arn=module.params["arn"], latest_only=module.params["latest_only"]
        )
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, observability_configurations=configurations)


if __name__ == "__main__":
    main()
