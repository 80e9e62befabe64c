# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Semantic checks of the cache role's input, run before any AWS call.

Argument specs check types and choices; they cannot tell that a version belongs to the other engine, that automatic
failover has no replica to promote, that Multi-AZ has one zone to spread over, or that ElastiCache would refuse a
node type, a retention or a window. This filter does, with messages that name the variable at fault and what it
allows.
"""

import re

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.appstack.aws.plugins.filter.monitoring_input_errors import RETENTION_DAYS
from ansible_collections.appstack.aws.plugins.filter.rds_input_errors import (
    BACKUP_WINDOW_PATTERN,
    MAINTENANCE_WINDOW_PATTERN,
    windows_overlap,
)
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import (
    range_errors,
    require_inputs,
    whole_number,
)

DOCUMENTATION = r"""
name: cache_input_errors
version_added: 0.8.0
short_description: List what is wrong with the input of the cache role
description:
  - Takes the cache role's variables by name and returns a list of messages, empty when the input is valid; each
    message names the variable at fault and what it allows.
  - Checks the replication group id, the engine and its version, the node type, the replicas against automatic
    failover and Multi-AZ (and Multi-AZ against the availability zones), the port, the snapshot retention, the
    snapshot and maintenance windows (formats, lengths, overlap), the slow log's retention and the parameters.
options:
  _input:
    description: The role's variables by name (C(cache__checked_inputs) in the role's C(vars/main.yml)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the cache input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs | appstack.aws.cache_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# The engine versions ElastiCache offers for a node-based replication group, by engine
# (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html).
ENGINE_VERSIONS = {
    "valkey": ("7.2", "8.0", "8.1", "8.2"),
    "redis": ("6.2", "7.0", "7.1"),
}
ENGINE_LABELS = {"valkey": "Valkey", "redis": "Redis OSS"}
# cache.<family><generation>[options].<size>, e.g. cache.t4g.micro, cache.r7g.2xlarge, cache.r6gd.xlarge.
NODE_TYPE = re.compile(r"^cache\.[a-z]+[0-9]+[a-z]*\.(micro|small|medium|large|[0-9]*xlarge)$")
# CreateReplicationGroup ReplicationGroupId: 1 to 40 letters, digits and hyphens; a letter first; no two hyphens in a
# row and none at the end. ElastiCache stores it lower case.
GROUP_ID = re.compile(r"^[a-z](?!.*--)[a-z0-9-]{0,39}(?<!-)$")
MAX_REPLICAS = 5
MAX_SNAPSHOT_RETENTION_DAYS = 35
MINIMUM_WINDOW_MINUTES = 60
MINUTES_PER_DAY = 1440
WEEK_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CACHE_INPUTS = (
    "cache_replication_group_id",
    "cache_engine",
    "cache_engine_version",
    "cache_node_type",
    "cache_replicas",
    "cache_automatic_failover",
    "cache_multi_az",
    "cache_availability_zones",
    "cache_port",
    "cache_snapshot_retention_days",
    "cache_snapshot_window",
    "cache_maintenance_window",
    "cache_slow_log_retention_days",
    "cache_parameters",
)


def _flag(inputs, name, errors):
    try:
        return boolean(inputs[name], strict=True)
    except TypeError:
        errors.append(f"{name} must be true or false; got {inputs[name]!r}.")
        return False


def _engine_errors(inputs):
    engine, version = inputs["cache_engine"], str(inputs["cache_engine_version"])
    if engine not in ENGINE_VERSIONS:
        return [f"cache_engine must be one of {', '.join(ENGINE_VERSIONS)}; got {engine!r}."]
    if version in ENGINE_VERSIONS[engine]:
        return []
    owner = next((other for other, versions in ENGINE_VERSIONS.items() if version in versions), None)
    offered = ", ".join(ENGINE_VERSIONS[engine])
    if owner:
        return [
            f"cache_engine_version {version} is a {ENGINE_LABELS[owner]} version, not a {ENGINE_LABELS[engine]} one:"
            f" with cache_engine {engine}, use one of {offered} (or set cache_engine: {owner})."
        ]
    return [f"cache_engine_version must be one of {offered} for cache_engine {engine}; got {version!r}."]


def _node_type_errors(inputs):
    node_type = inputs["cache_node_type"]
    if isinstance(node_type, str) and NODE_TYPE.match(node_type):
        return []
    return [
        f"cache_node_type must be an ElastiCache node type, cache.<family>.<size> (e.g. cache.t4g.micro,"
        f" cache.r7g.large); got {node_type!r}."
    ]


def _replica_errors(inputs):
    errors = range_errors("cache_replicas", inputs["cache_replicas"], 0, MAX_REPLICAS)
    failover = _flag(inputs, "cache_automatic_failover", errors)
    multi_az = _flag(inputs, "cache_multi_az", errors)
    replicas = whole_number(inputs["cache_replicas"])
    if failover and replicas == 0:
        errors.append(
            "cache_automatic_failover needs a replica to promote: set cache_replicas to 1 or more, or turn"
            " cache_automatic_failover off."
        )
    if multi_az and not failover:
        errors.append("cache_multi_az needs cache_automatic_failover: true (ElastiCache refuses Multi-AZ without it).")
    zones = inputs["cache_availability_zones"] or []
    if multi_az and len(zones) < 2:
        errors.append(
            f"cache_multi_az needs two availability zones; cache_availability_zones has {len(zones)}"
            f" ({', '.join(zones) or 'none'}): add a zone to the network or turn cache_multi_az off."
        )
    return errors


def _window_minutes(window):
    """Length in minutes of a well-formed daily (hh:mm-hh:mm) or weekly (ddd:hh:mm-ddd:hh:mm) window; one that ends
    before it starts runs past midnight or past Sunday."""
    start, end = window.lower().split("-")
    weekly = start.count(":") == 2

    def minutes(bound):
        *day, hour, minute = bound.split(":")
        return (WEEK_DAYS.index(day[0]) * MINUTES_PER_DAY if day else 0) + int(hour) * 60 + int(minute)

    span = minutes(end) - minutes(start)
    return span if span > 0 else span + (7 * MINUTES_PER_DAY if weekly else MINUTES_PER_DAY)


def _window_errors(inputs):
    snapshot, maintenance = str(inputs["cache_snapshot_window"]), str(inputs["cache_maintenance_window"])
    errors = []
    if not BACKUP_WINDOW_PATTERN.match(snapshot):
        errors.append(f"cache_snapshot_window must be hh24:mi-hh24:mi (UTC), e.g. 05:00-06:00; got {snapshot!r}.")
    elif _window_minutes(snapshot) < MINIMUM_WINDOW_MINUTES:
        errors.append(f"cache_snapshot_window ({snapshot}) must last at least {MINIMUM_WINDOW_MINUTES} minutes.")
    if not MAINTENANCE_WINDOW_PATTERN.match(maintenance.lower()):
        errors.append(
            f"cache_maintenance_window must be ddd:hh24:mi-ddd:hh24:mi (UTC), e.g. sun:06:30-sun:07:30;"
            f" got {maintenance!r}."
        )
    elif _window_minutes(maintenance) < MINIMUM_WINDOW_MINUTES:
        errors.append(f"cache_maintenance_window ({maintenance}) must last at least {MINIMUM_WINDOW_MINUTES} minutes.")
    if not errors and windows_overlap(snapshot, maintenance):
        errors.append(f"cache_maintenance_window ({maintenance}) overlaps cache_snapshot_window ({snapshot}).")
    return errors


def _parameter_errors(inputs):
    parameters = inputs["cache_parameters"]
    if not isinstance(parameters, dict):
        return [f"cache_parameters must be a dict of parameter name to value; got {parameters!r}."]
    bad = sorted(str(name) for name, value in parameters.items() if isinstance(value, (dict, list)) or value is None)
    if bad:
        return [f"cache_parameters: {bad} must have a string or number value."]
    return []


def cache_input_errors(inputs):
    require_inputs("cache_input_errors", inputs, CACHE_INPUTS)
    errors = []
    group_id = inputs["cache_replication_group_id"]
    if not isinstance(group_id, str) or not GROUP_ID.match(group_id):
        errors.append(
            "cache_replication_group_id must be 1 to 40 lower-case letters, digits and hyphens, start with a letter,"
            f" and have no two hyphens in a row nor one at the end; got {group_id!r}."
        )
    errors += _engine_errors(inputs) + _node_type_errors(inputs) + _replica_errors(inputs)
    errors += range_errors("cache_port", inputs["cache_port"], 1024, 65535)
    errors += range_errors(
        "cache_snapshot_retention_days", inputs["cache_snapshot_retention_days"], 0, MAX_SNAPSHOT_RETENTION_DAYS
    )
    errors += _window_errors(inputs)
    if whole_number(inputs["cache_slow_log_retention_days"]) not in RETENTION_DAYS:
        errors.append(
            f"cache_slow_log_retention_days must be one of {', '.join(map(str, RETENTION_DAYS))};"
            f" got {inputs['cache_slow_log_retention_days']!r}."
        )
    return errors + _parameter_errors(inputs)


class FilterModule:
    def filters(self):
        return {"cache_input_errors": cache_input_errors}
