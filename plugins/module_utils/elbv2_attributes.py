# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Elastic Load Balancing (v2) attributes, as pure functions: load balancers and target groups carry their settings
as ``Key``/``Value`` attributes whose values are strings.

It imports nothing of botocore, so that the drift filters (plugins/filter/elbv2_drift.py) can use it.
"""

from ansible.module_utils.common.text.converters import to_text


def attribute_value(value):
    """An attribute value as ELBv2 reports it: a string, booleans in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return to_text(value)


def attributes_from_api(attributes):
    """ELBv2's list of Key/Value attributes as a dict."""
    return {item["Key"]: item.get("Value", "") for item in attributes or []}


def attributes_to_api(attributes):
    return [{"Key": key, "Value": attribute_value(value)} for key, value in sorted(attributes.items())]


def attribute_changes(current, desired):
    """The attributes of desired whose value differs from current's, as strings (empty: none)."""
    wanted = {key: attribute_value(value) for key, value in (desired or {}).items() if value is not None}
    return {key: value for key, value in wanted.items() if (current or {}).get(key) != value}
