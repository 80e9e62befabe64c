# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the *_drift filters, which compare a read resource with a module's options as the module would."""

import json

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags


def policy_document(value):
    """A policy document given as a JSON string or a dict, as a dict (None stays None)."""
    return json.loads(value) if isinstance(value, str) and value else value


def converted_options(options, integers=(), booleans=()):
    """options with the given keys converted when set, as a module's argument spec converts them (a filter is given
    the inventory's values as they are: "10" and "false" from -e)."""
    converted = dict(options or {})
    for key in integers:
        if converted.get(key) is not None:
            converted[key] = int(converted[key])
    for key in booleans:
        if converted.get(key) is not None:
            converted[key] = boolean(converted[key], strict=True)
    return converted


def find_named(items, key, name):
    """The first of items (an info module's list, or None) whose ``key`` is ``name``; None when there is none."""
    return next((item for item in items or [] if item.get(key) == name), None)


def tag_differences(what, current_tags, wanted):
    """The tag change the module would make (``wanted['tags']``, ``wanted['purge_tags']``, default true), as a list
    of at most one sentence naming ``what``."""
    plan = plan_tags(current_tags, wanted.get("tags"), wanted.get("purge_tags", True))
    if not plan.to_set and not plan.to_unset:
        return []
    return [f"{what}: tags to set {sorted(plan.to_set)}, to remove {sorted(plan.to_unset)}"]
