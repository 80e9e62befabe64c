# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the cache role asks of an existing replication group that ElastiCache cannot change in place.

The preflight runs this before any role writes, so that a refused change leaves the account untouched; the
message names the variable and says how to replace the group.
"""

from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_group_plan as plan

DOCUMENTATION = r"""
name: cache_immutable_errors
version_added: 0.8.0
short_description: List the settings of an existing replication group that the cache role's input would change
description:
  - Compares a replication group, as M(appstack.aws.elasticache_replication_group_info) returns it, with the
    settings ElastiCache cannot change on it, and returns one message per difference; empty when there is none.
  - At-rest and in-transit encryption, the KMS key, the subnet group and the port are fixed at creation; the engine
    may move from Redis OSS to Valkey but not back; the version may rise but not fall.
options:
  _input:
    description: The replication group (snake_case, as the info module returns it).
    type: dict
    required: true
  wanted:
    description:
      - What the role asks, by key, C(replication_group_id), C(engine), C(engine_version), C(at_rest_encryption),
        C(transit_encryption), C(cache_subnet_group_name), C(port) and C(kms_key_id) (none when not yet known).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Refuse what ElastiCache cannot change
  ansible.builtin.assert:
    that: __errors | length == 0
    fail_msg: "{{ __errors | join('; ') }}"
  vars:
    __errors: "{{ __group | appstack.aws.cache_immutable_errors(__wanted) }}"
"""

RETURN = r"""
_value:
  description: One message per setting that would change; empty when none would.
  type: list
  elements: str
"""


def _replacement(group_id):
    return (
        f" ElastiCache cannot change it on {group_id}: snapshot the group (aws elasticache create-snapshot"
        f" --replication-group-id {group_id} --snapshot-name {group_id}-move), create a new group from the snapshot"
        " with the new setting under another cache_replication_group_id, point the app at it, then delete the old"
        " one."
    )


def _fixed_setting_errors(group, wanted):
    errors = []
    group_id = wanted["replication_group_id"]
    checks = (
        ("at_rest_encryption_enabled", "at_rest_encryption", "encryption at rest", "the role encrypts every group"),
        ("transit_encryption_enabled", "transit_encryption", "encryption in transit", "the role encrypts every group"),
    )
    for current_key, wanted_key, what, why in checks:
        if current_key in group and bool(group[current_key]) != bool(wanted[wanted_key]):
            errors.append(
                f"{group_id} has {what} {'on' if group[current_key] else 'off'}, and {why}." + _replacement(group_id)
            )
    key = wanted.get("kms_key_id")
    if key and group.get("at_rest_encryption_enabled") and group.get("kms_key_id") and group["kms_key_id"] != key:
        errors.append(
            f"cache_kms_key_arn is {key}, but {group_id} is encrypted with {group['kms_key_id']}."
            + _replacement(group_id)
        )
    subnet_group = group.get("cache_subnet_group_name")
    if subnet_group and subnet_group != wanted["cache_subnet_group_name"]:
        errors.append(
            f"{group_id} is in the subnet group {subnet_group}, not {wanted['cache_subnet_group_name']}."
            + _replacement(group_id)
        )
    # The info module reads the port off the primary endpoint.
    port = group.get("port")
    if port and port != int(wanted["port"]):
        errors.append(f"cache_port is {wanted['port']}, but {group_id} listens on {port}." + _replacement(group_id))
    return errors


def _engine_errors(group, wanted):
    group_id = wanted["replication_group_id"]
    engine = group.get("engine")
    if engine == "valkey" and wanted["engine"] == "redis":
        return [
            f"cache_engine is redis, but {group_id} runs Valkey, which ElastiCache does not move back to Redis OSS:"
            " keep cache_engine: valkey." + _replacement(group_id)
        ]
    running = plan.version_key(plan.major_minor(group.get("engine_version")))
    asked = plan.version_key(plan.major_minor(str(wanted["engine_version"])))
    if engine == wanted["engine"] and running and asked and asked < running:
        return [
            f"cache_engine_version {wanted['engine_version']} is lower than the {group.get('engine_version')} that"
            f" {group_id} runs: ElastiCache never downgrades; set cache_engine_version to"
            f" {'.'.join(map(str, running))} or higher."
        ]
    return []


def cache_immutable_errors(group, wanted):
    if not group:
        return []
    return _fixed_setting_errors(group, wanted) + _engine_errors(group, wanted)


class FilterModule:
    def filters(self):
        return {"cache_immutable_errors": cache_immutable_errors}
