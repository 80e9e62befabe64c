#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_auto_scaling_configuration
version_added: 0.2.0
short_description: Manage AWS App Runner auto scaling configurations
description:
  - Create, update and delete AWS App Runner auto scaling configurations, which set how many instances
    a service runs and how many concurrent requests each instance takes.
  - App Runner keeps revisions of an auto scaling configuration under one name, and a revision can't change;
    creating a configuration under a name already in use adds a revision to it. The highest ACTIVE revision
    is the latest one.
  - This module compares the settings asked for with the latest active revision of O(name) and creates a new
    revision only when they differ. A setting left unset keeps the value of the latest revision (or App
    Runner's default when the name has no revision yet).
  - A tag change doesn't need a new revision; the latest revision is tagged. A new revision gets the tags of
    the latest one, changed as O(tags) and O(purge_tags) say.
  - A service given a revision's ARN keeps using that revision. To move a service to a new revision, pass
    the RV(auto_scaling_configuration.auto_scaling_configuration_arn) this module returns to
    M(appstack.aws.apprunner_service).
  - App Runner allows 5 active revisions per name (and 10 names per Region). O(purge_revisions=true) deletes
    the superseded revisions that no service uses, so that the quota is never exhausted.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the auto scaling configuration.
      - 4 to 32 letters, digits, hyphens and underscores, starting with a letter or a digit.
    type: str
    required: true
    aliases: ["auto_scaling_configuration_name"]
  state:
    description:
      - Whether the auto scaling configuration should exist.
      - O(state=absent) deletes every revision of O(name). The module refuses, without deleting anything,
        when a service still uses one of the revisions.
    type: str
    choices: ["present", "absent"]
    default: present
  min_size:
    description:
      - The minimum number of instances App Runner provisions for a service, from 1 to 25.
      - App Runner's default for a new configuration is 1.
    type: int
  max_size:
    description:
      - The maximum number of instances a service scales up to, at least 1 and at least O(min_size).
      - App Runner's default for a new configuration is 25.
    type: int
  max_concurrency:
    description:
      - The number of concurrent requests an instance takes before App Runner scales the service up,
        from 1 to 200.
      - App Runner's default for a new configuration is 100.
    type: int
  purge_revisions:
    description:
      - Delete the superseded revisions of O(name), those other than the latest, that no service uses and that
        are not the account's default configuration.
      - Revisions still in use are kept; run the module again after the services have moved to the latest
        revision.
      - When a new revision must be created, unused superseded revisions are deleted first, so that a name at
        its quota of 5 active revisions can take a new one.
    type: bool
    default: false
notes:
  - Auto scaling configurations are created and deleted at once; there is nothing to wait for.
  - Which revisions services use is read with C(ListServicesForAutoScalingConfiguration), so
    O(purge_revisions=true) and O(state=absent) need C(apprunner:ListServicesForAutoScalingConfiguration).
  - AWS App Runner is closed to new customers since 30 April 2026. In an account that may not use it, the
    module fails with App Runner's own error message.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Scale the backend between 1 and 5 instances
  appstack.aws.apprunner_auto_scaling_configuration:
    name: smartscheduler-backend
    min_size: 1
    max_size: 5
    max_concurrency: 100
    tags:
      Application: smartscheduler
  register: backend_scaling

# Then pass backend_scaling.auto_scaling_configuration.auto_scaling_configuration_arn to
# appstack.aws.apprunner_service to run the service on that revision.

- name: Raise the maximum, keeping the other settings, and delete the revisions no service uses any more
  appstack.aws.apprunner_auto_scaling_configuration:
    name: smartscheduler-backend
    max_size: 10
    purge_revisions: true

- name: Delete every revision of a configuration no service uses
  appstack.aws.apprunner_auto_scaling_configuration:
    name: smartscheduler-backend
    state: absent
"""

RETURN = r"""
auto_scaling_configuration:
  description:
    - The latest active revision of the auto scaling configuration.
    - In check mode, the revision as it would be; values only App Runner can give (the ARN, revision number
      and creation time of a new revision) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    auto_scaling_configuration_arn:
      description: The ARN of the revision.
      returned: when the revision exists
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/smartscheduler-backend/2/0123456789abcdef0123456789abcdef
    auto_scaling_configuration_name:
      description: The name of the configuration.
      returned: always
      type: str
      sample: smartscheduler-backend
    auto_scaling_configuration_revision:
      description: The revision number.
      returned: when the revision exists
      type: int
      sample: 2
    latest:
      description: Whether this is the highest revision of the name.
      returned: always
      type: bool
      sample: true
    status:
      description: C(ACTIVE), or C(INACTIVE) once deleted.
      returned: always
      type: str
      sample: ACTIVE
    min_size:
      description: The minimum number of instances.
      returned: when known
      type: int
      sample: 1
    max_size:
      description: The maximum number of instances.
      returned: when known
      type: int
      sample: 5
    max_concurrency:
      description: The number of concurrent requests an instance takes before App Runner scales up.
      returned: when known
      type: int
      sample: 100
    created_at:
      description: When the revision was created.
      returned: when the revision exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    has_associated_service:
      description: Whether a service uses the revision.
      returned: when App Runner reports it
      type: bool
      sample: false
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
superseded_revisions_deleted:
  description:
    - The ARNs of the superseded revisions deleted by O(purge_revisions=true) (in check mode, those that would be).
  returned: when O(state=present)
  type: list
  elements: str
  sample: ["arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/smartscheduler-backend/1/0123456789abcdef0123456789abcdef"]
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AnsibleAppRunnerError,
    tag_resource,
    tags_for_create,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_auto_scaling_plan import (
    SETTINGS,
    desired_settings,
    settings_of,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    create_auto_scaling_configuration,
    delete_auto_scaling_configuration,
    describe_auto_scaling_configuration,
    list_auto_scaling_configurations,
    list_services_for_auto_scaling_configuration,
    with_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    latest_active_revision,
    superseded_revisions,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags

ARN_KEY = "AutoScalingConfigurationArn"
REVISION_KEY = "AutoScalingConfigurationRevision"


def diff_view(configuration, superseded=()):
    """The latest revision's settings and tags, and the numbers of the superseded revisions still active."""
    if not configuration:
        return {}
    view = settings_of(configuration)
    view["revision"] = configuration.get("auto_scaling_configuration_revision")
    view["superseded_revisions"] = sorted(superseded)
    view["tags"] = configuration.get("tags", {})
    return view


def revision_numbers(summaries, deleted=()):
    return [summary[REVISION_KEY] for summary in summaries if summary[ARN_KEY] not in deleted]


def unused_revisions(client, summaries):
    """The revisions among summaries that no service uses and that are not the account's default."""
    return [
        summary
        for summary in summaries
        if not summary.get("IsDefault") and not list_services_for_auto_scaling_configuration(client, summary[ARN_KEY])
    ]


def purge(client, summaries, check_mode):
    deleted = []
    for summary in unused_revisions(client, summaries):
        if not check_mode:
            delete_auto_scaling_configuration(client, summary[ARN_KEY])
        deleted.append(summary[ARN_KEY])
    return deleted


def create_revision(client, params, current, check_mode):
    """Create a revision with the settings asked for; returns the new revision as a snake_case dict."""
    settings = desired_settings(current, params)
    tags = plan_tags((current or {}).get("tags", {}), params["tags"], params["purge_tags"] if current else True).result
    if check_mode:
        predicted = {
            "auto_scaling_configuration_name": params["name"],
            "latest": True,
            "status": "ACTIVE",
            "tags": tags,
        }
        predicted.update({option: value for option, value in settings.items() if value is not None})
        return predicted
    api_settings = {SETTINGS[option][0]: value for option, value in settings.items()}
    created = create_auto_scaling_configuration(client, params["name"], api_settings, tags_for_create(tags))
    # Describe it again: the tags are read back rather than assumed.
    return with_tags(client, describe_auto_scaling_configuration(client, created[ARN_KEY]) or created, ARN_KEY)


def ensure_present(client, params, check_mode):
    """Bring the latest revision of name to what params ask for; returns (changed, result).

    The result holds the latest revision, the ARNs of the revisions deleted and the diff, which shows the
    latest revision and the superseded ones, before and after.
    """
    summaries = list_auto_scaling_configurations(client, params["name"])
    latest_summary = latest_active_revision(summaries, REVISION_KEY)
    current = None
    if latest_summary:
        described = describe_auto_scaling_configuration(client, latest_summary[ARN_KEY])
        current = with_tags(client, described, ARN_KEY) if described else None
    superseded = superseded_revisions(summaries, REVISION_KEY, latest_summary)

    if current is None or desired_settings(current, params) != settings_of(current):
        # Make room under the quota before adding a revision, then retire the revision just superseded.
        deleted = purge(client, superseded, check_mode) if params["purge_revisions"] else []
        latest = create_revision(client, params, current, check_mode)
        if params["purge_revisions"] and latest_summary:
            deleted += purge(client, [latest_summary], check_mode)
        superseded_after = revision_numbers(superseded + ([latest_summary] if latest_summary else []), deleted)
        diff = {
            "before": diff_view(current, revision_numbers(superseded)),
            "after": diff_view(latest, superseded_after),
        }
        return True, present_result(latest, deleted, diff)

    arn = current["auto_scaling_configuration_arn"]
    tag, untag = partial(tag_resource, client, arn), partial(untag_resource, client, arn)
    changed, latest = ensure_tags(current, params["tags"], params["purge_tags"], check_mode, tag, untag)
    deleted = purge(client, superseded, check_mode) if params["purge_revisions"] else []
    diff = {
        "before": diff_view(current, revision_numbers(superseded)),
        "after": diff_view(latest, revision_numbers(superseded, deleted)),
    }
    return changed or bool(deleted), present_result(latest, deleted, diff)


def present_result(latest, deleted, diff):
    return {"auto_scaling_configuration": latest, "superseded_revisions_deleted": deleted, "diff": diff}


def ensure_absent(client, name, check_mode):
    """Delete every revision of name; returns (changed, result), the result holding the diff."""
    summaries = list_auto_scaling_configurations(client, name)
    latest_summary = latest_active_revision(summaries, REVISION_KEY)
    if not latest_summary:
        return False, {"diff": {}}
    in_use = {}
    for summary in summaries:
        services = list_services_for_auto_scaling_configuration(client, summary[ARN_KEY])
        if services:
            in_use[summary[REVISION_KEY]] = services
    if in_use:
        uses = "; ".join(f"revision {revision}: {', '.join(services)}" for revision, services in sorted(in_use.items()))
        raise AnsibleAppRunnerError(
            message=(
                f"Auto scaling configuration {name} is still used by App Runner services ({uses}). Nothing was"
                " deleted. Point those services at another auto scaling configuration with"
                " appstack.aws.apprunner_service (auto_scaling_configuration_arn), or delete them, first."
            )
        )
    described = describe_auto_scaling_configuration(client, latest_summary[ARN_KEY])
    before = with_tags(client, described, ARN_KEY) if described else None
    if not check_mode:
        delete_auto_scaling_configuration(client, latest_summary[ARN_KEY], all_revisions=True)
    superseded = revision_numbers(superseded_revisions(summaries, REVISION_KEY, latest_summary))
    return True, {"diff": {"before": diff_view(before, superseded), "after": {}}}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["auto_scaling_configuration_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        min_size=dict(type="int"),
        max_size=dict(type="int"),
        max_concurrency=dict(type="int"),
        purge_revisions=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        if params["state"] == "absent":
            changed, result = ensure_absent(client, params["name"], module.check_mode)
        else:
            changed, result = ensure_present(client, params, module.check_mode)
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    diff = result.pop("diff")
    if changed:
        result["diff"] = diff
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
