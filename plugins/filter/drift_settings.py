"""The settings a drift run found changed, from what the appstack.aws.drift callback recorded.

A module in check mode with diff says what it would change as a before/after pair: before is the live resource,
after what the task declares. This filter walks both down to their leaves and names each leaf that differs by its
path ("tags.Owner", "default_cache_behavior.default_ttl"); a resource that does not exist is one setting, its
state. Leaves only the live side has are not the task's business (a module reports what AWS sets by itself there)
and volatile ones (timestamps, versions, ETags) change without anyone changing the resource: neither is drift. A
task with no_log shows no diff: its resource is reported with its values hidden.
"""

import json

DOCUMENTATION = r"""
name: drift_settings
version_added: 0.8.0
short_description: The drifted settings of a drift run, from its tasks' check-mode diffs
description:
  - Takes the records of the P(appstack.aws.drift#callback) callback (each changed task's role, task, module,
    resource and diffs) and returns one entry per setting that differs, with its live and declared values.
  - A setting is a leaf of the diff's before/after dicts, named by its dotted path; a list is one leaf. Leaves that
    only the live side has, and volatile keys (timestamps, versions, ETags, request tokens) are left out.
  - A resource that does not exist (an empty before) is one entry, setting C(state), live C(absent), declared
    C(present); one that a task with C(no_log) manages is one entry whose values are hidden; one whose module gives
    no diff is one entry whose values are unknown (null).
options:
  _input:
    description: The callback's records, a list of dicts with C(role), C(task), C(action), C(resource), C(item),
      C(hidden) and C(diff) (a list of before/after dicts).
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: Turn the drift run's records into settings
  ansible.builtin.set_fact:
    drift: "{{ lookup('ansible.builtin.file', records_file) | from_json | appstack.aws.drift_settings }}"
"""

RETURN = r"""
_value:
  description:
    - One dict per drifted setting, in run order, with C(resource), C(setting) (a dotted path, C(state) for a
      missing resource, null for a hidden or diff-less one), C(live), C(declared), C(hidden), C(role), C(task) and
      C(action).
  type: list
  elements: dict
"""

# Keys whose value changes without anyone changing the resource, or that AWS assigns.
VOLATILE_KEYS = frozenset(
    {
        "caller_reference",
        "create_date",
        "create_time",
        "created_at",
        "creation_date",
        "creation_time",
        "e_tag",
        "etag",
        "last_modified",
        "last_modified_time",
        "last_updated_time",
        "modified_time",
        "response_metadata",
        "revision",
        "state_updated_timestamp",
        "state_reason",
        "state_reason_data",
        "state_transitioned_timestamp",
        "state_value",
        "stored_bytes",
        "superseded_revisions",
        "updated_at",
        "version",
    }
)
HIDDEN = "(hidden: the task has no_log)"
# The diff keys that name a resource, first match wins, when the task's arguments did not.
NAME_KEYS = (
    "name",
    "log_group_name",
    "alarm_name",
    "repository_name",
    "db_instance_identifier",
    "group_name",
    "bucket",
    "service_name",
    "arn",
    "id",
)


def _parsed(value):
    """A diff side given as JSON text, as data; any other value as it is."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# Keys of a security group rule's group pairs that amazon.aws.ec2_security_group's check-mode prediction fills from
# the referenced group (its name, VPC, owner and its own description), not from the rule: not compared.
PAIR_KEYS_NOT_COMPARED = frozenset({"description", "group_name", "vpc_id", "user_id"})


def comparable(value, key=None):
    """value as the comparison sees it: "8080" as 8080 (a module's after often has the task's strings), a list in
    any order (rules, ranges)."""
    if isinstance(value, dict):
        skipped = PAIR_KEYS_NOT_COMPARED if key == "user_id_group_pairs" else ()
        return {str(name): comparable(item, str(name)) for name, item in value.items() if name not in skipped}
    if isinstance(value, list):
        items = (comparable(item, key) for item in value)
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return value
    return value


def leaves(value, path=""):
    """Every leaf of value as {dotted path: value}, volatile keys left out; a list, a scalar or {} is a leaf."""
    if not isinstance(value, dict) or not value:
        return {path: value}
    found = {}
    for key, item in value.items():
        if str(key).lower() in VOLATILE_KEYS:
            continue
        found.update(leaves(item, f"{path}.{key}" if path else str(key)))
    return found


def diff_settings(before, after):
    """The settings before (live) and after (declared) differ in, as (path, live, declared) in after's order.

    A before that is empty means the resource does not exist: one ("state", "absent", "present"). An after that
    is empty (the task would delete the resource) is one ("state", "present", "absent")."""
    before, after = _parsed(before), _parsed(after)
    if not before and after:
        return [("state", "absent", "present")]
    if before and not after:
        return [("state", "present", "absent")]
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [] if comparable(before) == comparable(after) else [("", before, after)]
    live = leaves(before)
    declared = leaves(after)
    settings = []
    for path, value in declared.items():
        current = live.get(path)
        if path not in live:
            # A dict the live side has, where after only names some of its leaves, is not absent.
            current = _subtree(before, path)
        if comparable(current, path.rpartition(".")[2]) != comparable(value, path.rpartition(".")[2]):
            settings.append((path, current, value))
    return settings


def _subtree(value, path):
    """The value at a dotted path of value, None where it is missing."""
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _resource(record, diff):
    """What the record's task acts on: its identifying argument, its loop item, a name in the diff, its task."""
    if record.get("resource"):
        return str(record["resource"])
    if record.get("item"):
        return str(record["item"])
    for side in (_parsed(diff.get("after")), _parsed(diff.get("before"))):
        if isinstance(side, dict):
            for key in NAME_KEYS:
                if side.get(key):
                    return str(side[key])
    return record.get("task") or "?"


def _entry(resource, setting, live, declared, origin, hidden=False):
    return {"resource": resource, "setting": setting, "live": live, "declared": declared, "hidden": hidden} | origin


def drift_settings(records):
    """One dict per drifted setting of the records (the callback's), see RETURN."""
    found = []
    for record in records or []:
        origin = {"role": record.get("role"), "task": record.get("task"), "action": record.get("action")}
        diffs = [
            diff
            for diff in record.get("diff") or []
            if isinstance(diff, dict) and ("before" in diff or "after" in diff)
        ]
        if record.get("hidden"):
            found.append(_entry(_resource(record, {}), None, HIDDEN, HIDDEN, origin, hidden=True))
            continue
        entries = [
            _entry(_resource(record, diff), path, live, declared, origin)
            for diff in diffs
            for path, live, declared in diff_settings(diff.get("before"), diff.get("after"))
        ]
        # The module said it would change something but not what (no diff, or none that names a managed setting).
        found.extend(entries or [_entry(_resource(record, diffs[0] if diffs else {}), None, None, None, origin)])
    # A module without a diff whose role says what it would change with another task (appstack.aws.predicted_change)
    # adds nothing to that task's values.
    valued = {(entry["role"], entry["resource"]) for entry in found if entry["setting"] is not None}
    return [
        entry
        for entry in found
        if entry["setting"] is not None or entry["hidden"] or (entry["role"], entry["resource"]) not in valued
    ]


class FilterModule:
    def filters(self):
        return {"drift_settings": drift_settings}
