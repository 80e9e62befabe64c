# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The revisions of App Runner's revisioned resources, without the API: their ARNs, and which revision is the latest.

``apprunner_revisions.py`` describes the revisions (auto scaling configurations and VPC connectors; observability
configurations revise the same way); this file holds what works on them once read. It imports nothing of botocore,
so that the App Runner drift filters can use it: Ansible imports every filter file (and what it uses) in the process
of every task.
"""

import re

ACTIVE = "ACTIVE"

_ARN = re.compile(
    r"^(?P<prefix>arn:[^:]+:apprunner:[^:]*:[0-9]{12}:(?P<kind>[a-z]+)/(?P<name>[^/]+))"
    r"(?:/(?P<revision>[0-9]+)(?:/(?P<id>[^/]+))?)?$"
)


def parse_revision_arn(arn):
    """The parts of a revisioned App Runner ARN, as a dict (kind, name, revision, id, name_arn), or None.

    ``name_arn`` is the partial ARN ending with the name, which DeleteAutoScalingConfiguration takes
    with DeleteAllRevisions.
    """
    match = _ARN.match(arn or "")
    if not match:
        return None
    revision = match.group("revision")
    return {
        "kind": match.group("kind"),
        "name": match.group("name"),
        "revision": int(revision) if revision else None,
        "id": match.group("id"),
        "name_arn": match.group("prefix"),
    }


def name_arn(arn):
    """The partial ARN ending with the resource's name (``.../autoscalingconfiguration/NAME``)."""
    parts = parse_revision_arn(arn)
    return parts["name_arn"] if parts else None


def means_latest(arn):
    """Whether the ARN ends with the name, which App Runner's Describe calls read as its latest ACTIVE revision."""
    parts = parse_revision_arn(arn)
    return bool(parts) and parts["revision"] is None


def arn_problems(arn, kind):
    """The problem with an ARN given for a resource of kind (``autoscalingconfiguration``), as messages (empty: none)."""
    parts = parse_revision_arn(arn)
    if arn is None or (parts and parts["kind"] == kind):
        return []
    return [
        f"arn must be an App Runner {kind} ARN: arn:PARTITION:apprunner:REGION:ACCOUNT:{kind}/NAME for the latest"
        f" active revision, followed by /REVISION/ID for one revision; got {arn!r}."
    ]


def active_revisions(resources, revision_key):
    """The ACTIVE revisions among resources (described or summaries), highest revision first."""
    active = [resource for resource in resources if resource.get("Status", ACTIVE) == ACTIVE]
    return sorted(active, key=lambda resource: resource.get(revision_key) or 0, reverse=True)


def latest_active_revision(resources, revision_key):
    """The highest ACTIVE revision, or None when no revision is active."""
    active = active_revisions(resources, revision_key)
    return active[0] if active else None


def superseded_revisions(resources, revision_key, latest):
    """The ACTIVE revisions other than latest, highest first."""
    latest_revision = latest.get(revision_key) if latest else None
    return [
        resource
        for resource in active_revisions(resources, revision_key)
        if resource.get(revision_key) != latest_revision
    ]


def only_active(resource):
    """The described resource when it is ACTIVE, else None: a deleted revision stays describable for a while."""
    return resource if resource and resource.get("Status", ACTIVE) == ACTIVE else None


def revisions_by_name(resources, name_key, revision_key):
    """The ACTIVE revisions grouped by name, as lists highest revision first, in the order of the names."""
    groups = {}
    for resource in active_revisions(resources, revision_key):
        groups.setdefault(resource[name_key], []).append(resource)
    return [groups[name] for name in sorted(groups)]


def older_revisions(resources, revision_key, revision):
    """The ACTIVE revisions numbered below revision, highest first: those it superseded.

    A revision created after revision was read is left out, rather than taken for a superseded one.
    """
    return [resource for resource in active_revisions(resources, revision_key) if resource[revision_key] < revision]


def lists_superseded(arn, latest_only, revision):
    """Whether a read through arn, which described revision, must list the name to find the superseded revisions.

    Only an ARN ending with the name reads the latest revision, and when that is revision 1 no older one can exist.
    """
    return not latest_only and means_latest(arn) and revision > 1
