#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_observability_configuration
version_added: 0.5.0
short_description: Manage AWS App Runner observability configurations
description:
  - Create, update and delete AWS App Runner observability configurations, which turn on tracing (with AWS X-Ray)
    for the services that use them.
  - App Runner keeps revisions of an observability configuration under one name, and a revision can't change;
    creating a configuration under a name already in use adds a revision to it. The highest ACTIVE revision is
    the latest one.
  - This module compares O(trace_vendor) with the latest active revision of O(name) and creates a new revision
    only when they differ.
  - A tag change doesn't need a new revision; the latest revision is tagged. A new revision gets the tags of the
    latest one, changed as O(tags) and O(purge_tags) say.
  - A service given a revision's ARN keeps using that revision. To move a service to a new revision, pass the
    RV(observability_configuration.observability_configuration_arn) this module returns to
    M(appstack.aws.apprunner_service) (its O(appstack.aws.apprunner_service#module:observability.configuration_arn)
    option); an ARN without revision matches any revision there, so it moves no service.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the observability configuration.
      - 4 to 32 letters, digits, hyphens and underscores, starting with a letter or a digit.
      - C(DefaultConfiguration) is App Runner's own configuration, and can't be used.
    type: str
    required: true
    aliases: ["observability_configuration_name"]
  state:
    description:
      - Whether the observability configuration should exist.
      - O(state=absent) deletes every active revision of O(name). The module refuses, without deleting anything,
        when a service still uses one of the revisions.
    type: str
    choices: ["present", "absent"]
    default: present
  trace_vendor:
    description:
      - The tracing vendor of the services that use the configuration (C(TraceConfiguration.Vendor)).
      - When not set, the configuration has no tracing configuration, and App Runner doesn't trace the services
        that use it; a latest revision that traces is then replaced by a new revision without tracing.
    type: str
    choices: ["AWSXRAY"]
  purge_revisions:
    description:
      - Delete the superseded revisions of O(name), those other than the latest, that no service uses.
      - Revisions still in use are kept; run the module again after the services have moved to the latest
        revision.
      - When a new revision must be created, unused superseded revisions are deleted first, and the revision it
        supersedes afterwards when no service uses it.
    type: bool
    default: false
notes:
  - Observability configurations are created and deleted at once; there is nothing to wait for.
  - App Runner has no call listing the services that use a revision, so with O(purge_revisions=true), and with
    O(state=absent), the module lists and describes the account's services (C(apprunner:ListServices),
    C(apprunner:DescribeService)) before it deletes a revision.
  - The caller also needs C(apprunner:ListObservabilityConfigurations), C(DescribeObservabilityConfiguration),
    C(CreateObservabilityConfiguration), C(DeleteObservabilityConfiguration), C(ListTagsForResource),
    C(TagResource) and C(UntagResource).
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
- name: Trace the backend with AWS X-Ray
  appstack.aws.apprunner_observability_configuration:
    name: smartscheduler-tracing
    trace_vendor: AWSXRAY
    tags:
      Application: smartscheduler
  register: tracing

# Then pass tracing.observability_configuration.observability_configuration_arn to appstack.aws.apprunner_service
# (observability.configuration_arn) to run the service with that revision.

- name: Stop tracing, and delete the revisions no service uses any more
  appstack.aws.apprunner_observability_configuration:
    name: smartscheduler-tracing
    purge_revisions: true

- name: Delete every revision of a configuration no service uses
  appstack.aws.apprunner_observability_configuration:
    name: smartscheduler-tracing
    state: absent
"""

RETURN = r"""
observability_configuration:
  description:
    - The latest active revision of the observability configuration.
    - In check mode, the revision as it would be; values only App Runner can give (the ARN, revision number
      and creation time of a new revision) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    observability_configuration_arn:
      description: The ARN of the revision.
      returned: when the revision exists
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/smartscheduler-tracing/2/0123456789abcdef0123456789abcdef
    observability_configuration_name:
      description: The name of the configuration.
      returned: always
      type: str
      sample: smartscheduler-tracing
    observability_configuration_revision:
      description: The revision number.
      returned: when the revision exists
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
      description: C(ACTIVE), or C(INACTIVE) once deleted.
      returned: always
      type: str
      sample: ACTIVE
    created_at:
      description: When the revision was created.
      returned: when the revision exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
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
  sample: ["arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/smartscheduler-tracing/1/0123456789abcdef0123456789abcdef"]
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AnsibleAppRunnerError,
    tag_resource,
    tags_for_create,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_observability import (
    ARN_KEY,
    REVISION,
    REVISION_KEY,
    create_observability_configuration,
    delete_observability_configuration,
    describe_observability_configuration,
    list_observability_configurations,
    services_using,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_observability_plan import (
    TRACE_VENDORS,
    needs_new_revision,
    trace_configuration,
    trace_vendor_of,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import with_tags
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    active_revisions,
    latest_active_revision,
    superseded_revisions,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def diff_view(configuration, superseded=()):
    """The latest revision's tracing and tags, and the numbers of the superseded revisions still active."""
    if not configuration:
        return {}
    return {
        "trace_vendor": trace_vendor_of(configuration),
        "revision": configuration.get(REVISION),
        "superseded_revisions": sorted(superseded),
        "tags": configuration.get("tags", {}),
    }


def revision_numbers(summaries, deleted=()):
    return [summary[REVISION_KEY] for summary in summaries if summary[ARN_KEY] not in deleted]


def describe_with_tags(client, arn):
    """A revision as a snake_case dict with its tags, or None when App Runner doesn't know it."""
    described = describe_observability_configuration(client, arn)
    return with_tags(client, described, ARN_KEY) if described else None


def unused_revisions(client, summaries):
    """The revisions among summaries that no service uses (one read of the services for all of them)."""
    users = services_using(client, [summary[ARN_KEY] for summary in summaries])
    return [summary for summary in summaries if not users[summary[ARN_KEY]]]


def delete_revisions(client, summaries, check_mode):
    if not check_mode:
        for summary in summaries:
            delete_observability_configuration(client, summary[ARN_KEY])
    return [summary[ARN_KEY] for summary in summaries]


def create_revision(client, params, current, check_mode):
    """Create a revision with the tracing asked for; returns it as a snake_case dict (predicted in check mode)."""
    tags = plan_tags((current or {}).get("tags", {}), params["tags"], params["purge_tags"] if current else True).result
    trace = trace_configuration(params["trace_vendor"])
    if check_mode:
        predicted = {
            "observability_configuration_name": params["name"],
            "latest": True,
            "status": "ACTIVE",
            "tags": tags,
        }
        if trace:
            predicted["trace_configuration"] = {"vendor": trace["Vendor"]}
        return predicted
    created = create_observability_configuration(client, params["name"], trace, tags_for_create(tags))
    # Described again: the tags are read back rather than assumed.
    return describe_with_tags(client, created[ARN_KEY]) or with_tags(client, created, ARN_KEY)


def replace_latest(client, params, current, summaries, check_mode):
    """Create the revision asked for, purging unused superseded revisions around it; returns (changed, result).

    The unused superseded revisions go first, so that a name at App Runner's quota of revisions can take a new
    one; the revision the new one supersedes goes last, once it is no longer the latest.
    """
    latest_summary = latest_active_revision(summaries, REVISION_KEY)
    superseded = superseded_revisions(summaries, REVISION_KEY, latest_summary)
    unused = unused_revisions(client, summaries) if params["purge_revisions"] else []
    deleted = delete_revisions(client, [summary for summary in unused if summary is not latest_summary], check_mode)
    latest = create_revision(client, params, current, check_mode)
    if latest_summary and any(summary is latest_summary for summary in unused):
        deleted += delete_revisions(client, [latest_summary], check_mode)
    superseded_after = revision_numbers(superseded + ([latest_summary] if latest_summary else []), deleted)
    diff = {"before": diff_view(current, revision_numbers(superseded)), "after": diff_view(latest, superseded_after)}
    return True, present_result(latest, deleted, diff)


def ensure_present(client, params, check_mode):
    """Bring the latest revision of name to what params ask for; returns (changed, result).

    The result holds the latest revision, the ARNs of the revisions deleted and the diff, which shows the
    latest revision and the superseded ones, before and after.
    """
    summaries = list_observability_configurations(client, params["name"])
    latest_summary = latest_active_revision(summaries, REVISION_KEY)
    current = describe_with_tags(client, latest_summary[ARN_KEY]) if latest_summary else None
    if needs_new_revision(current, params["trace_vendor"]):
        return replace_latest(client, params, current, summaries, check_mode)

    superseded = superseded_revisions(summaries, REVISION_KEY, latest_summary)
    arn = current["observability_configuration_arn"]
    tag, untag = partial(tag_resource, client, arn), partial(untag_resource, client, arn)
    changed, latest = ensure_tags(current, params["tags"], params["purge_tags"], check_mode, tag, untag)
    unused = unused_revisions(client, superseded) if params["purge_revisions"] else []
    deleted = delete_revisions(client, unused, check_mode)
    diff = {
        "before": diff_view(current, revision_numbers(superseded)),
        "after": diff_view(latest, revision_numbers(superseded, deleted)),
    }
    return changed or bool(deleted), present_result(latest, deleted, diff)


def present_result(latest, deleted, diff):
    return {"observability_configuration": latest, "superseded_revisions_deleted": deleted, "diff": diff}


def refuse_if_in_use(client, name, revisions):
    users = services_using(client, [revision[ARN_KEY] for revision in revisions])
    in_use = {revision[REVISION_KEY]: users[revision[ARN_KEY]] for revision in revisions if users[revision[ARN_KEY]]}
    if in_use:
        uses = "; ".join(f"revision {revision}: {', '.join(services)}" for revision, services in sorted(in_use.items()))
        raise AnsibleAppRunnerError(
            message=(
                f"Observability configuration {name} is still used by App Runner services ({uses}). Nothing was"
                " deleted. Point those services at another observability configuration, or turn their observability"
                " off, with appstack.aws.apprunner_service (observability), or delete them, first."
            )
        )


def ensure_absent(client, name, check_mode):
    """Delete every active revision of name; returns (changed, result), the result holding the diff."""
    revisions = active_revisions(list_observability_configurations(client, name), REVISION_KEY)
    if not revisions:
        return False, {"diff": {}}
    refuse_if_in_use(client, name, revisions)
    before = describe_with_tags(client, revisions[0][ARN_KEY])
    # Oldest first: should a deletion fail, the latest revision, which services get by name, is still there.
    delete_revisions(client, list(reversed(revisions)), check_mode)
    return True, {"diff": {"before": diff_view(before, revision_numbers(revisions[1:])), "after": {}}}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["observability_configuration_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        trace_vendor=dict(type="str", choices=list(TRACE_VENDORS)),
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
