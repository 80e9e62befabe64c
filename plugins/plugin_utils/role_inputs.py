# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the filters that take a role's variables by name."""

import re

from ansible.errors import AnsibleFilterError


def require_inputs(filter_name, inputs, names):
    """Fail naming what a task forgot to pass: a programming error of the role, not bad user input."""
    missing = [name for name in names if name not in inputs]
    if missing:
        raise AnsibleFilterError(f"{filter_name}: the input lacks {', '.join(missing)}")


def whole_number(value):
    """An int from an int or a string of digits (an extra var gives strings); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def range_errors(name, value, low, high):
    """One message naming the variable when value is not a whole number from low to high; none otherwise."""
    number = whole_number(value)
    if number is None or not low <= number <= high:
        return [f"{name} must be a whole number from {low} to {high}; got {value!r}."]
    return []
