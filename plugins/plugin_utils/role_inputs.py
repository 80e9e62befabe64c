# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the filters that take a role's variables by name."""

from ansible.errors import AnsibleFilterError


def require_inputs(filter_name, inputs, names):
    """Fail naming what a task forgot to pass: a programming error of the role, not bad user input."""
    missing = [name for name in names if name not in inputs]
    if missing:
        raise AnsibleFilterError(f"{filter_name}: the input lacks {', '.join(missing)}")
