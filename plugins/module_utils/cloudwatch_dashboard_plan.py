# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.cloudwatch_dashboard, as pure functions: the options checked, the body parsed,
compared and serialized, and the dashboard predicted in check mode.

A dashboard body is compared as parsed JSON, never as a string: key order and whitespace don't count, the order of
a list (``widgets`` among them: without ``x``/``y`` it sets the layout) does, and numbers compare by value (``1``
equals ``1.0``) but never equal a boolean (``true`` is not ``1``).  Nothing here imports botocore.
"""

import json
import re

# botocore's cloudwatch model, PutDashboard DashboardName and ListDashboards DashboardNamePrefix.
NAME_MAX_LENGTH = 255
NAME = re.compile(r"^[A-Za-z0-9_-]+$")
NAME_PREFIX = re.compile(r"^[A-Za-z0-9._-]+$")


def name_problems(name, option="name", prefix=False):
    """What is wrong with a dashboard name (or name prefix), as messages naming the option (empty: nothing)."""
    if name is None:
        return []
    pattern, characters = (NAME_PREFIX, ". - _") if prefix else (NAME, "- _")
    if not 1 <= len(name) <= NAME_MAX_LENGTH or not pattern.match(name):
        return [
            f"{option} must be 1 to {NAME_MAX_LENGTH} letters, digits or the characters {characters}, not {name!r}."
        ]
    return []


def parse_body(body):
    """The body option as a parsed JSON value: a JSON string is parsed, a dict is taken as it is.

    :return: (parsed body or None, problems as messages naming the option)
    """
    if body is None:
        return None, []
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body)
        except ValueError as e:
            return None, [f"body is not valid JSON: {e}."]
    else:
        try:
            # A round trip makes YAML values (tuples, ...) the JSON values CloudWatch will read back.
            body = json.loads(json.dumps(body))
        except (TypeError, ValueError) as e:
            return None, [f"body can't be written as JSON: {e}."]
    return body, body_problems(body)


def body_problems(body):
    """What is wrong with the structure of a parsed body, before CloudWatch checks the rest (empty: nothing)."""
    if not isinstance(body, dict):
        return [f"body must be a JSON object with a widgets list, not {type(body).__name__}."]
    widgets = body.get("widgets")
    if not isinstance(widgets, list):
        return ["body must have a widgets list (CloudWatch requires it, even empty)."]
    return [
        f"body.widgets[{index}] must be an object, not {type(widget).__name__}."
        for index, widget in enumerate(widgets)
        if not isinstance(widget, dict)
    ]


def serialize_body(body):
    """The body as PutDashboard's DashboardBody: compact JSON, keys in the order given."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def body_size(body_text):
    """The size of a body, in bytes, as ListDashboards reports it."""
    return len(body_text.encode("utf-8"))


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def bodies_equal(left, right):
    """Whether two parsed JSON values are the same dashboard content (see the module docstring)."""
    if _is_number(left) or _is_number(right):
        return _is_number(left) and _is_number(right) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(bodies_equal(value, right[key]) for key, value in left.items())
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(bodies_equal(item, right[index]) for index, item in enumerate(left))
    return type(left) is type(right) and left == right


def body_differs(current, body):
    """Whether the body asked for differs from the body of the dashboard read (None: no dashboard)."""
    return current is None or not bodies_equal(current.get("dashboard_body"), body)


def predicted_dashboard(name, body, current=None, tags=None):
    """The dashboard as it will be after PutDashboard with this body (check mode, and before a read-back)."""
    predicted = dict(current or {"dashboard_name": name})
    predicted["dashboard_body"] = body
    predicted["size"] = body_size(serialize_body(body))
    predicted["tags"] = dict(tags if tags is not None else predicted.get("tags") or {})
    return predicted


def format_validation_messages(messages):
    """PutDashboard's DashboardValidationMessages as one line each: ``/widgets/0/width: Should be <= 24``."""
    lines = []
    for message in messages or []:
        path = message.get("DataPath") or message.get("dataPath") or "/"
        text = message.get("Message") or message.get("message") or ""
        lines.append(f"{path}: {text}")
    return lines
