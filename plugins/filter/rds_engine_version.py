"""The engine version the rds role sends: never a downgrade within the running major version.

``rds_engine_version`` names a major version (``16``) or the lowest minor version wanted (``16.6``). RDS upgrades
minor versions by itself (auto minor version upgrade), so an instance running 16.8 when 16.6 is asked is converged:
sending 16.6 would ask RDS for a downgrade. This filter returns the running version then, and the requested one
for a creation, a minor upgrade (running below the requested minimum) and a major version change.
"""

import re

DOCUMENTATION = r"""
name: rds_engine_version
version_added: 0.3.0
short_description: The engine version to send to RDS, given the one asked for and the one running
description:
  - Returns the running version when it has the requested major version and is at least the requested minimum
    (a major version alone, C(16), accepts any minor version of it); otherwise the requested version.
  - Never returns a version lower than the running one within a major version, so the role never asks RDS for a
    downgrade, and a run after an automatic minor version upgrade changes nothing.
options:
  _input:
    description: The version asked for, C(<major>) or C(<major>.<minor>), e.g. C(16) or C(16.6).
    type: str
    required: true
  running:
    description: The version the instance runs, e.g. C(16.8); empty when there is no instance yet.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Record the version to send
  ansible.builtin.set_fact:
    rds__engine_version_sent: "{{ rds_engine_version | appstack.aws.rds_engine_version(rds__running_version) }}"
"""

RETURN = r"""
_value:
  description: The version to send, e.g. C(16.8) for C(16.6) asked and 16.8 running, C(16.6) when nothing runs.
  type: str
"""

_NUMBER = re.compile(r"^[0-9]+")


def _parts(version):
    """'16.10' -> (16, 10); parts that are not numbers count as 0."""
    numbers = []
    for part in str(version).split("."):
        match = _NUMBER.match(part)
        numbers.append(int(match.group(0)) if match else 0)
    return tuple(numbers)


def major_of(version):
    """'16.6' -> '16'."""
    return str(version).split(".")[0]


def engine_version_to_send(requested, running):
    """The version to send: the running one when it satisfies the request within its major version."""
    requested, running = str(requested), str(running or "")
    if not running or major_of(running) != major_of(requested):
        return requested
    wanted = _parts(requested)
    if _parts(running)[: len(wanted)] >= wanted:
        return running
    return requested


class FilterModule:
    def filters(self):
        return {"rds_engine_version": engine_version_to_send}
