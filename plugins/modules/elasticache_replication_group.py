#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elasticache_replication_group
version_added: 0.8.0
short_description: Manage Amazon ElastiCache replication groups (Valkey or Redis OSS, cluster mode disabled)
description:
  - Create, update and delete an ElastiCache replication group with cluster mode disabled, a primary and up to five
    replicas, running Valkey or Redis OSS.
  - On an existing group, only the options given are compared and changed; an option left unset leaves that setting
    as it is.
  - Settings ElastiCache can't change on an existing group (encryption at rest and its key, encryption in transit,
    the subnet group, the port, valkey back to redis, a lower engine version) make the module fail without changing
    anything, saying how to replace the group.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  replication_group_id:
    description:
      - The id of the group; ElastiCache stores it in lower case.
      - 1 to 40 letters, digits or hyphens, starting with a letter, not ending with a hyphen and without two
        consecutive hyphens.
    type: str
    required: true
    aliases: ["name"]
  description:
    description: The description of the group. Required to create a group.
    type: str
  state:
    description:
      - Whether the group should exist.
      - O(state=absent) deletes the group and its data, without a final snapshot.
    type: str
    choices: ["present", "absent"]
    default: present
  engine:
    description:
      - The engine. ElastiCache uses V(redis) when it is not set at create.
      - A redis group can move to valkey (with O(engine_version)); a valkey group can't go back to redis.
    type: str
    choices: ["valkey", "redis"]
  engine_version:
    description:
      - The engine version, major.minor (V(8.0), V(7.1)); the group reports the full version (V(8.0.1)).
      - Only upgrades are possible on an existing group. When not set at create, ElastiCache uses its latest.
    type: str
  cache_node_type:
    description:
      - The node type, such as V(cache.t4g.micro) or V(cache.r7g.large). Required to create a group.
    type: str
  num_replicas:
    description:
      - The number of replicas (0 to 5) beside the primary. A group is created with this plus one clusters
        (C(NumCacheClusters)); later changes go through C(IncreaseReplicaCount) and C(DecreaseReplicaCount).
      - When not set at create, the group has no replica.
    type: int
  automatic_failover:
    description: Whether a replica is promoted when the primary fails. Needs O(num_replicas) of 1 or more.
    type: bool
  multi_az:
    description: Whether the primary and its replicas are kept in different Availability Zones. Needs O(automatic_failover).
    type: bool
  cache_subnet_group_name:
    description: The cache subnet group, whose VPC the group runs in. Can't change on an existing group.
    type: str
  security_group_ids:
    description: The VPC security groups of the group, compared as a set.
    type: list
    elements: str
  cache_parameter_group_name:
    description:
      - The cache parameter group, of the family of the engine version. ElastiCache uses the family's default
        group when it is not set at create.
    type: str
  port:
    description: The port clients connect to. ElastiCache uses 6379 when it is not set. Can't change on an existing group.
    type: int
  at_rest_encryption:
    description: Whether the data on disk is encrypted. Can't change on an existing group.
    type: bool
  kms_key_id:
    description:
      - The KMS key (id, ARN or alias) that encrypts the data at rest; needs O(at_rest_encryption). When not set,
        an AWS managed key is used. Can't change on an existing group.
    type: str
  transit_encryption:
    description: Whether connections use TLS. Needed by O(auth_token). Can't change on an existing group here.
    type: bool
  auth_token:
    description:
      - The password (AUTH token) clients must give; needs O(transit_encryption).
      - 16 to 128 characters, letters, digits and C(! & # $ ^ < > -) only.
      - Sent when the group is created. On an existing group it is sent only with O(auth_token_update_strategy),
        since ElastiCache never returns a token to compare with.
    type: str
  auth_token_update_strategy:
    description:
      - Change the token of an existing group to O(auth_token). V(rotate) adds it beside the current token (both
        are accepted, so that clients can move to the new one); V(set), allowed after a rotation, keeps only it.
      - Every run with this option sends the token again and reports a change.
    type: str
    choices: ["rotate", "set"]
  snapshot_retention_limit:
    description: The days (0 to 35) automatic snapshots are kept; 0 turns them off.
    type: int
  snapshot_window:
    description: The daily UTC time range of the automatic snapshot, such as V(05:00-06:00).
    type: str
  preferred_maintenance_window:
    description: The weekly UTC time range for maintenance, such as V(sun:23:00-mon:01:30).
    type: str
  auto_minor_version_upgrade:
    description: Whether ElastiCache applies minor engine upgrades in the maintenance window.
    type: bool
  log_delivery:
    description:
      - The logs delivered to CloudWatch Logs, one entry per log type. V([]) turns off every delivery; a log type
        not listed is turned off. When not set, log delivery is left as it is.
    type: list
    elements: dict
    suboptions:
      log_type:
        description: The log.
        type: str
        required: true
        choices: ["slow-log", "engine-log"]
      log_group:
        description: The CloudWatch Logs log group the log is delivered to.
        type: str
        required: true
      log_format:
        description: The format of the log entries.
        type: str
        choices: ["json", "text"]
        default: json
  apply_immediately:
    description:
      - Whether a new node type or engine version is applied now (V(true)) or in the next maintenance window.
    type: bool
    default: true
  wait:
    description:
      - Wait until the group is V(available) (with O(state=absent), until it is gone).
      - With V(false), a new group is returned at once, V(creating). A change to a group that is not V(available)
        fails with its status (ElastiCache refuses it); with V(true) the group is awaited first. A change that
        needs both a replica count change and a modification awaits the group between the two whatever O(wait) says.
    type: bool
    default: true
  wait_timeout:
    description: How many seconds (above 0) to wait. The module fails, naming the group and its last status, when the wait runs out.
    type: int
    default: 1800
notes:
  - community.aws M(community.aws.elasticache) manages single cache clusters only, without replication groups,
    encryption in transit, AUTH tokens or Valkey.
  - The options are checked before any API call; a failure lists every problem found.
  - Calls C(DescribeReplicationGroups), C(DescribeCacheClusters) (the primary cluster holds the engine version,
    parameter group, subnet group, security groups and maintenance window), C(ListTagsForResource) and, to change
    the group, C(CreateReplicationGroup), C(ModifyReplicationGroup), C(IncreaseReplicaCount),
    C(DecreaseReplicaCount), C(DeleteReplicationGroup), C(AddTagsToResource), C(RemoveTagsFromResource);
    C(kms:DescribeKey) when O(kms_key_id) is an alias of an existing group.
  - The AUTH token is never returned nor shown in the diff.
  - Use M(appstack.aws.elasticache_replication_group_info) to read groups.
  - Supports check mode and diff mode. Check mode returns the expected group and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a Valkey 8 group with one replica, failover, encryption and an AUTH token
  appstack.aws.elasticache_replication_group:
    replication_group_id: shop-prod
    description: Cache of shop in prod
    engine: valkey
    engine_version: "8.0"
    cache_node_type: cache.t4g.micro
    num_replicas: 1
    automatic_failover: true
    multi_az: true
    cache_subnet_group_name: shop-prod
    security_group_ids: [sg-0123456789abcdef0]
    cache_parameter_group_name: shop-prod-valkey8
    at_rest_encryption: true
    kms_key_id: arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    transit_encryption: true
    auth_token: "{{ cache_auth_token }}"
    snapshot_retention_limit: 7
    snapshot_window: "05:00-06:00"
    log_delivery:
      - log_type: slow-log
        log_group: /shop/prod/cache/slow-log
    tags:
      Environment: prod
  register: cache

- name: Start creating a group without waiting for it
  appstack.aws.elasticache_replication_group:
    replication_group_id: shop-dev
    description: Cache of shop in dev
    engine: valkey
    cache_node_type: cache.t4g.micro
    wait: false

- name: Rotate the AUTH token (both tokens work until the next step)
  appstack.aws.elasticache_replication_group:
    replication_group_id: shop-prod
    auth_token: "{{ new_cache_auth_token }}"
    auth_token_update_strategy: rotate

- name: Keep only the new AUTH token
  appstack.aws.elasticache_replication_group:
    replication_group_id: shop-prod
    auth_token: "{{ new_cache_auth_token }}"
    auth_token_update_strategy: set

- name: Delete a group
  appstack.aws.elasticache_replication_group:
    replication_group_id: shop-dev
    state: absent
"""

RETURN = r"""
replication_group:
  description:
    - The group as C(DescribeReplicationGroups) describes it, in snake_case, with its tags and the settings read
      from its primary cluster.
    - In check mode, the state the group would have; values only AWS can give (endpoints, ARN) are then missing
      for a new group.
  returned: when O(state=present)
  type: dict
  contains:
    replication_group_id:
      description: The id of the group.
      returned: always
      type: str
      sample: shop-prod
    arn:
      description: The ARN of the group.
      returned: when the group exists
      type: str
      sample: arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shop-prod
    status:
      description: V(creating), V(available), V(modifying), V(deleting), ...
      returned: always
      type: str
      sample: available
    engine:
      description: V(valkey) or V(redis).
      returned: always
      type: str
    engine_version:
      description: The full engine version, from the primary cluster.
      returned: when known
      type: str
      sample: 8.0.1
    cache_node_type:
      description: The node type.
      returned: always
      type: str
    member_clusters:
      description: The clusters of the group, the primary first (C(<id>-001)).
      returned: always
      type: list
      elements: str
    node_groups:
      description: The one node group, with C(primary_endpoint), C(reader_endpoint) and C(node_group_members).
      returned: when the group exists
      type: list
      elements: dict
    automatic_failover:
      description: V(enabled), V(disabled), V(enabling) or V(disabling).
      returned: always
      type: str
    multi_az:
      description: V(enabled) or V(disabled).
      returned: always
      type: str
    at_rest_encryption_enabled:
      description: Whether the data at rest is encrypted.
      returned: always
      type: bool
    kms_key_id:
      description: The KMS key of the encryption at rest, when it isn't an AWS managed key.
      returned: when set
      type: str
    transit_encryption_enabled:
      description: Whether connections use TLS.
      returned: always
      type: bool
    auth_token_enabled:
      description: Whether clients must give an AUTH token.
      returned: always
      type: bool
    auth_token_last_modified_date:
      description: When the AUTH token last changed.
      returned: when the group has a token
      type: str
    snapshot_retention_limit:
      description: The days automatic snapshots are kept.
      returned: always
      type: int
    snapshot_window:
      description: The daily snapshot window.
      returned: when the group exists
      type: str
    log_delivery_configurations:
      description: The log deliveries (C(log_type), C(destination_type), C(destination_details), C(log_format), C(status)).
      returned: when the group exists
      type: list
      elements: dict
    cache_parameter_group_name:
      description: The parameter group, from the primary cluster.
      returned: when known
      type: str
    cache_subnet_group_name:
      description: The subnet group, from the primary cluster.
      returned: when known
      type: str
    security_group_ids:
      description: The security groups, from the primary cluster, sorted.
      returned: when known
      type: list
      elements: str
    preferred_maintenance_window:
      description: The maintenance window, from the primary cluster.
      returned: when known
      type: str
    port:
      description: The port, from the primary endpoint.
      returned: once the group has endpoints
      type: int
      sample: 6379
    cluster_pending_modified_values:
      description: A node type or engine version waiting for the maintenance window (C(apply_immediately=false)).
      returned: when known
      type: dict
    tags:
      description: The tags of the group.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
primary_endpoint:
  description: The address and port of the primary (read and write); V({}) until ElastiCache gives it.
  returned: when O(state=present)
  type: dict
  sample: {"address": "master.shop-prod.abc123.use1.cache.amazonaws.com", "port": 6379}
reader_endpoint:
  description: The address and port that spreads reads over the replicas; V({}) until ElastiCache gives it.
  returned: when O(state=present)
  type: dict
  sample: {"address": "replica.shop-prod.abc123.use1.cache.amazonaws.com", "port": 6379}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import elasticache
from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_group_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_groups as groups
from ansible_collections.appstack.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

AVAILABLE = "replication_group_available"
DELETED = "replication_group_deleted"


def fail(message):
    raise AnsibleElastiCacheError(message=message)


def create(client, params, check_mode):
    missing = plan.missing_to_create(params)
    if missing:
        fail(
            f"Replication group {params['replication_group_id']} does not exist; to create it, set {', '.join(missing)}."
        )
    problems = plan.create_problems(params)
    if problems:
        fail(" ".join(problems))
    if check_mode:
        return plan.predicted_group(params)
    created = groups.create_group(client, plan.create_parameters(params))
    return groups.to_result(created, None, params.get("tags") or {})


def ready(client, group, params):
    """The group once it can be changed: ElastiCache refuses to change a group that isn't available."""
    if group.get("status") == "available":
        return group
    if not params["wait"]:
        fail(
            f"Replication group {group['replication_group_id']} is {group.get('status')}: ElastiCache changes it only"
            " when it is available. Run again once it is, or with wait=true."
        )
    groups.wait(client, AVAILABLE, group["replication_group_id"], params["wait_timeout"])
    return groups.get_group(client, group["replication_group_id"])


def kms_key_arn(module, current, params):
    """The ARN of an alias given as kms_key_id, to compare with the group's (None when not needed)."""
    key_id = params.get("kms_key_id")
    if not key_id or not current.get("kms_key_id") or "alias/" not in key_id:
        return None
    kms = module.client("kms", retry_decorator=AWSRetry.jittered_backoff())
    return groups.key_arn(kms, key_id)


def ensure_settings(client, current, params, check_mode, kms_arn=None):
    group_id = current["replication_group_id"]
    differences = plan.immutable_differences(current, params, kms_arn)
    if differences:
        fail(f"Replication group {group_id} can't be changed in place: {'; '.join(differences)}. {plan.REPLACE_ADVICE}")
    changes = plan.plan_modify(current, params)
    replicas = plan.plan_replicas(current, params)
    if not changes and replicas is None:
        return False, current
    problems = plan.change_problems(current, changes, replicas)
    if problems:
        fail(f"Replication group {group_id} can't be changed so: {' '.join(problems)}")
    if check_mode:
        return True, plan.predicted_changes(current, changes, replicas, params["apply_immediately"])
    group = ready(client, current, params)
    steps = []
    if replicas is not None and replicas > plan.num_replicas_of(group):
        steps.append(partial(groups.increase_replicas, client, group_id, replicas))
    if changes:
        steps.append(partial(groups.modify_group, client, group_id, changes, params["apply_immediately"]))
    if replicas is not None and replicas < plan.num_replicas_of(group):
        steps.append(partial(groups.decrease_replicas, client, group_id, replicas))
    for number, step in enumerate(steps):
        if number:
            groups.wait(client, AVAILABLE, group_id, params["wait_timeout"])
        step()
    return True, groups.get_group(client, group_id)


def ensure_group_tags(client, group, params, check_mode):
    if not group.get("arn"):
        return False, group
    return ensure_tags(
        group,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(elasticache.add_tags, client, group["arn"]),
        untag=partial(elasticache.remove_tags, client, group["arn"]),
    )


def ensure_present(module, client, current, params, check_mode):
    """Bring the group to what params ask for; returns (changed, expected state)."""
    if not current:
        return True, create(client, params, check_mode)
    changed, group = ensure_settings(client, current, params, check_mode, kms_key_arn(module, current, params))
    tags_changed, group = ensure_group_tags(client, group, params, check_mode)
    return changed or tags_changed, group


def ensure_absent(client, current, params, check_mode):
    """Delete the group; returns (changed, None)."""
    if not current:
        return False, None
    group_id = current["replication_group_id"]
    if current.get("status") == "deleting":
        changed = False
    else:
        changed = True
        if not check_mode:
            ready(client, current, params)
            groups.delete_group(client, group_id)
    if params["wait"] and not check_mode:
        groups.wait(client, DELETED, group_id, params["wait_timeout"])
    return changed, None


def main():
    log_spec = dict(
        log_type=dict(type="str", required=True, choices=plan.LOG_TYPES),
        log_group=dict(type="str", required=True),
        log_format=dict(type="str", default="json", choices=plan.LOG_FORMATS),
    )
    argument_spec = dict(
        replication_group_id=dict(type="str", required=True, aliases=["name"]),
        description=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        engine=dict(type="str", choices=plan.ENGINES),
        engine_version=dict(type="str"),
        cache_node_type=dict(type="str"),
        num_replicas=dict(type="int"),
        automatic_failover=dict(type="bool"),
        multi_az=dict(type="bool"),
        cache_subnet_group_name=dict(type="str"),
        security_group_ids=dict(type="list", elements="str"),
        cache_parameter_group_name=dict(type="str"),
        port=dict(type="int"),
        at_rest_encryption=dict(type="bool"),
        kms_key_id=dict(type="str"),
        transit_encryption=dict(type="bool"),
        auth_token=dict(type="str", no_log=True),
        auth_token_update_strategy=dict(type="str", choices=plan.AUTH_TOKEN_UPDATE_STRATEGIES, no_log=False),
        snapshot_retention_limit=dict(type="int"),
        snapshot_window=dict(type="str"),
        preferred_maintenance_window=dict(type="str"),
        auto_minor_version_upgrade=dict(type="bool"),
        log_delivery=dict(type="list", elements="dict", options=log_spec),
        apply_immediately=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1800),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(plan.validate(params))
    client = module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())
    group_id = params["replication_group_id"].lower()

    result = {}
    try:
        current = groups.get_group(client, group_id)
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, params, module.check_mode)
        else:
            changed, final = ensure_present(module, client, current, params, module.check_mode)
            if not module.check_mode and params["wait"] and final.get("status") != "available":
                groups.wait(client, AVAILABLE, group_id, params["wait_timeout"])
                final = groups.get_group(client, group_id) or final
            result["replication_group"] = final
            result.update(groups.endpoints(final))
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
