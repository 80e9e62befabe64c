"""What appstack.aws.elasticache_replication_group would change on a replication group, from a read the run made.

The cache role reads the group before any write (check_current.yml, appstack.aws.elasticache_replication_group_info)
and runs the module only when this filter, which plans with the module's own functions, finds a difference: a
no-op run reads the group once, not twice.
"""

from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_group_plan as plan
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import converted_options, tag_differences

DOCUMENTATION = r"""
name: cache_replication_group_drift
version_added: 0.8.0
short_description: The differences between a replication group and what appstack.aws.elasticache_replication_group is asked
description:
  - Takes the groups M(appstack.aws.elasticache_replication_group_info) read (by id) and the options of
    M(appstack.aws.elasticache_replication_group) (state present), and returns what the module would change, each a
    sentence; an empty list means the module would report no change.
  - Plans with the module's own functions, so that the two never disagree; the settings ModifyReplicationGroup
    changes, the replica count, the tags, and the settings ElastiCache can't change (the module then fails, saying
    how to replace the group). With O(wanted.wait) true, a group that is not C(available) is a difference too.
options:
  _input:
    description: The C(replication_groups) list of M(appstack.aws.elasticache_replication_group_info); empty when
      the group does not exist.
    type: list
    elements: dict
    required: true
  wanted:
    description: The options of M(appstack.aws.elasticache_replication_group), as the task gives them.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the group with the inventory
  ansible.builtin.set_fact:
    __drift: "{{ __current.replication_groups | appstack.aws.cache_replication_group_drift({'cache_node_type': 'cache.t3.micro'}) }}"
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the group; empty when it is as asked.
  type: list
  elements: str
"""

INTEGERS = ("num_replicas", "port", "snapshot_retention_limit")
BOOLEANS = (
    "automatic_failover",
    "multi_az",
    "at_rest_encryption",
    "transit_encryption",
    "auto_minor_version_upgrade",
    "purge_tags",
    "wait",
)


def cache_replication_group_drift(groups, wanted):
    """What the module would change on the group (empty: nothing)."""
    params = converted_options(wanted, INTEGERS, BOOLEANS)
    name = params.get("replication_group_id")
    if not groups:
        return [f"the replication group {name} does not exist"]
    group = groups[0]
    found = [f"the replication group {name}: {difference}" for difference in plan.immutable_differences(group, params)]
    changes = plan.plan_modify(group, params)
    if changes:
        found.append(f"the replication group {name}: {', '.join(sorted(changes))} differ")
    replicas = plan.plan_replicas(group, params)
    if replicas is not None:
        found.append(f"the replication group {name}: {replicas} replicas, not {plan.num_replicas_of(group)}")
    found.extend(tag_differences(f"the replication group {name}", group.get("tags"), params))
    if params.get("wait") and group.get("status") != "available":
        found.append(f"the replication group {name} is {group.get('status')}, not available")
    return found


class FilterModule:
    def filters(self):
        return {"cache_replication_group_drift": cache_replication_group_drift}
