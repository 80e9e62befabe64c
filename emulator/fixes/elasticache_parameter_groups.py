"""ElastiCache cache parameter groups: create, describe, modify, reset, delete, tag.

AWS (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/):

* ``CreateCacheParameterGroup`` creates a group of a family (``valkey7``,
  ``valkey8``, ``redis6.x``, ``redis7`` here); an existing name fails with
  ``CacheParameterGroupAlreadyExists``, an unknown family with
  ``InvalidParameterValue`` (API_CreateCacheParameterGroup.html).
* ``DescribeCacheParameterGroups`` lists the groups, with ``IsGlobal`` and the
  ``ARN`` (``arn:aws:elasticache:REGION:ACCOUNT:parametergroup:NAME``); the
  default groups ``default.<family>`` and ``default.<family>.cluster.on``
  exist in every region; a name that names no group fails with
  ``CacheParameterGroupNotFound`` (HTTP 404)
  (API_DescribeCacheParameterGroups.html, API_CacheParameterGroup.html).
* ``DescribeCacheParameters`` lists the family's parameters with their value,
  ``Source`` (``user`` once modified, else ``system`` or ``engine-default``;
  the ``Source`` parameter filters on it), ``DataType``, ``AllowedValues``,
  ``IsModifiable``, ``MinimumEngineVersion`` and ``ChangeType``
  (API_DescribeCacheParameters.html, API_Parameter.html). The parameters and
  their defaults follow the user guide's lists
  (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html):
  a subset of each family's, without the node-type-specific ones.
* ``DescribeEngineDefaultParameters`` lists a family's parameters with their
  defaults under ``EngineDefaults`` (API_DescribeEngineDefaultParameters.html).
* Names are stored in lower case ("This value is stored as a lowercase
  string", API_CreateCacheParameterGroup.html) and found whatever the case.
* ``ModifyCacheParameterGroup`` sets up to 20 parameters per request; the
  default groups cannot be modified, and a parameter the family lacks, one that
  is not modifiable, or a value outside ``AllowedValues`` fails with
  ``InvalidParameterValue`` (API_ModifyCacheParameterGroup.html,
  https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Management.html:
  "You cannot modify or delete the default parameter groups").
* ``ResetCacheParameterGroup`` restores the defaults of the parameters named,
  or of all with ``ResetAllParameters`` (API_ResetCacheParameterGroup.html).
* ``DeleteCacheParameterGroup`` refuses the default groups and a group that a
  cluster or replication group uses, with ``InvalidCacheParameterGroupState``
  (API_DeleteCacheParameterGroup.html: "You cannot delete a cache parameter
  group if it is associated with any cache clusters").
* Tags: ``AddTagsToResource``, ``ListTagsForResource`` and
  ``RemoveTagsFromResource`` accept parameter group ARNs, and fail with
  ``CacheParameterGroupNotFound`` for a group that does not exist
  (API_ListTagsForResource.html, "Errors").

Moto 5.2.5 has no cache parameter group operation at all (every call answers
"not implemented"), and rejects parameter group ARNs in ListTagsForResource
with ``InvalidARN``: appstack.aws ``elasticache_parameter_group`` could not run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from moto.core.resource_tagging import TaggedResource
from moto.core.responses import ActionResult, EmptyResult
from moto.elasticache.exceptions import ElastiCacheException, InvalidParameterValueException
from moto.elasticache.models import ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

MAX_PARAMETERS_PER_MODIFY = 20
DEFAULT_MAX_RECORDS = 100
ARN_REGEX = re.compile(
    r"^arn:aws:elasticache:.*:[0-9]*:(cluster|snapshot|subnetgroup|parametergroup|replicationgroup|user):.*$"
)
PARAMETER_GROUP_ARN = re.compile(r"^arn:[^:]+:elasticache:[^:]*:[0-9]*:parametergroup:(?P<name>.+)$")

LRU_POLICIES = (
    "volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction"
)
# One parameter a line: name, default, data type, allowed values, modifiable, change type, source of the default
# ("system": ElastiCache sets it in place of the engine's own default), engine version that added it. "*" is empty.
_COMMON_TABLE = """
activedefrag                                   no           string  yes,no         yes immediate       engine-default 4.0.9
active-defrag-cycle-max                        75           integer 1-75           yes immediate       engine-default 4.0.9
active-defrag-cycle-min                        5            integer 1-75           yes immediate       engine-default 4.0.9
active-defrag-ignore-bytes                     104857600    integer 1048576-       yes immediate       engine-default 4.0.9
active-defrag-max-scan-fields                  1000         integer 1-1000000      yes immediate       engine-default 5.0.0
active-defrag-threshold-lower                  10           integer 1-100          yes immediate       engine-default 4.0.9
active-defrag-threshold-upper                  100          integer 1-100          yes immediate       engine-default 4.0.9
active-expire-effort                           1            integer 1-10           yes immediate       engine-default 6.0.0
activerehashing                                yes          string  yes,no         yes requires-reboot engine-default 2.6.13
acllog-max-len                                 128          integer 1-10000        yes immediate       engine-default 6.0.0
appendfsync                                    everysec     string  always,everysec,no no  immediate       system         2.6.13
appendonly                                     no           string  yes,no         no  immediate       system         2.6.13
client-output-buffer-limit-normal-hard-limit   0            integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-normal-soft-limit   0            integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-normal-soft-seconds 0            integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-pubsub-hard-limit   33554432     integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-pubsub-soft-limit   8388608      integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-pubsub-soft-seconds 60           integer 0-             yes immediate       engine-default 2.6.13
client-output-buffer-limit-replica-soft-seconds 60           integer 0-             no  immediate       system         2.8.6
close-on-replica-write                         yes          string  yes,no         yes immediate       system         2.8.23
cluster-allow-reads-when-down                  no           string  yes,no         yes immediate       engine-default 6.0.0
cluster-enabled                                no           string  yes,no         yes requires-reboot system         3.2.4
cluster-require-full-coverage                  no           string  yes,no         yes immediate       system         3.2.4
databases                                      16           integer 1-1200000      yes requires-reboot engine-default 2.6.13
hash-max-ziplist-entries                       512          integer 0-             yes immediate       engine-default 2.6.13
hash-max-ziplist-value                         64           integer 0-             yes immediate       engine-default 2.6.13
lazyfree-lazy-eviction                         no           string  yes,no         yes immediate       engine-default 4.0.9
lazyfree-lazy-expire                           no           string  yes,no         yes immediate       engine-default 4.0.9
lazyfree-lazy-server-del                       no           string  yes,no         yes immediate       engine-default 4.0.9
lazyfree-lazy-user-del                         no           string  yes,no         yes immediate       engine-default 6.0.0
lfu-decay-time                                 1            integer 0-             yes immediate       engine-default 4.0.9
lfu-log-factor                                 10           integer 1-             yes immediate       engine-default 4.0.9
list-compress-depth                            0            integer 0-             yes immediate       engine-default 3.2.4
lua-time-limit                                 5000         integer 5000           no  immediate       system         2.6.13
maxclients                                     65000        integer 1-65000        no  requires-reboot system         2.6.13
maxmemory-policy                               volatile-lru string  LRU_POLICIES   yes immediate       system         2.6.13
maxmemory-samples                              3            integer 1-             yes immediate       engine-default 2.6.13
min-replicas-max-lag                           10           integer 0-             yes immediate       engine-default 2.8.23
min-replicas-to-write                          0            integer 0-             yes immediate       engine-default 2.8.23
notify-keyspace-events                         *            string  *              yes immediate       engine-default 2.8.6
repl-backlog-size                              1048576      integer 16384-         yes immediate       engine-default 2.8.6
repl-backlog-ttl                               3600         integer 0-             yes immediate       engine-default 2.8.6
reserved-memory                                0            integer 0-             yes immediate       system         2.8.22
reserved-memory-percent                        25           integer 0-100          yes immediate       system         2.8.22
set-max-intset-entries                         512          integer 0-             yes immediate       engine-default 2.6.13
slowlog-log-slower-than                        10000        integer 0-             yes immediate       engine-default 2.6.13
slowlog-max-len                                128          integer 0-             yes immediate       engine-default 2.6.13
tcp-keepalive                                  300          integer 0-             yes immediate       system         2.6.13
timeout                                        0            integer 0,20-          yes immediate       engine-default 2.6.13
zset-max-ziplist-entries                       128          integer 0-             yes immediate       engine-default 2.6.13
zset-max-ziplist-value                         64           integer 0-             yes immediate       engine-default 2.6.13
"""
# Added in Redis OSS 7 (and so in Valkey 7 and 8).
_REDIS7_TABLE = """
cluster-allow-pubsubshard-when-down            yes          string  yes,no         yes immediate       engine-default 7.0.0
cluster-preferred-endpoint-type                ip           string  ip,tls-dynamic yes immediate       system         7.0.0
hash-max-listpack-entries                      512          integer 0-             yes immediate       engine-default 7.0.0
hash-max-listpack-value                        64           integer 0-             yes immediate       engine-default 7.0.0
latency-tracking                               no           string  yes,no         yes immediate       engine-default 7.0.0
lazyfree-lazy-user-flush                       no           string  yes,no         yes immediate       engine-default 7.0.0
zset-max-listpack-entries                      128          integer 0-             yes immediate       engine-default 7.0.0
zset-max-listpack-value                        64           integer 0-             yes immediate       engine-default 7.0.0
"""
DESCRIPTIONS = {
    "activedefrag": "Enabled active memory defragmentation",
    "active-defrag-cycle-max": "Maximal effort for defrag in CPU percentage",
    "active-defrag-cycle-min": "Minimal effort for defrag in CPU percentage",
    "active-defrag-ignore-bytes": "Minimum amount of fragmentation waste to start active defrag",
    "active-defrag-max-scan-fields": "Maximum number of set/hash/zset/list fields that will be processed from the main dictionary scan",
    "active-defrag-threshold-lower": "Minimum percentage of fragmentation to start active defrag",
    "active-defrag-threshold-upper": "Maximum percentage of fragmentation at which we use maximum effort",
    "active-expire-effort": "The amount of effort that redis uses to expire items in the active expiration job",
    "activerehashing": "Apply rehashing or not.",
    "acllog-max-len": "The maximum length of the ACL Log",
    "appendfsync": "fsync policy for AOF persistence",
    "appendonly": "Enable Redis persistence.",
    "client-output-buffer-limit-normal-hard-limit": "Normal client output buffer hard limit in bytes.",
    "client-output-buffer-limit-normal-soft-limit": "Normal client output buffer soft limit in bytes.",
    "client-output-buffer-limit-normal-soft-seconds": "Normal client output buffer soft limit in seconds.",
    "client-output-buffer-limit-pubsub-hard-limit": "Pubsub client output buffer hard limit in bytes.",
    "client-output-buffer-limit-pubsub-soft-limit": "Pubsub client output buffer soft limit in bytes.",
    "client-output-buffer-limit-pubsub-soft-seconds": "Pubsub client output buffer soft limit in seconds.",
    "client-output-buffer-limit-replica-soft-seconds": "Replica client output buffer soft limit in seconds.",
    "close-on-replica-write": "If enabled, clients who attempt to write to a read-only replica will be disconnected. Applicable to 2.8.23 and higher.",
    "cluster-allow-reads-when-down": "Allows nodes to serve read data while cluster status is down",
    "cluster-enabled": "Enable cluster mode",
    "cluster-require-full-coverage": "Whether cluster becomes unavailable if one or more slots are not covered",
    "databases": "Set the number of databases.",
    "hash-max-ziplist-entries": "The maximum number of hash entries in order for the dataset to be compressed.",
    "hash-max-ziplist-value": "The threshold of biggest hash entries in order for the dataset to be compressed.",
    "lazyfree-lazy-eviction": "Perform an asynchronous delete on evictions",
    "lazyfree-lazy-expire": "Perform an asynchronous delete on expired keys",
    "lazyfree-lazy-server-del": "Perform an asynchronous delete on key updates",
    "lazyfree-lazy-user-del": "Specifies whether the default behavior of DEL command acts the same as UNLINK",
    "lfu-decay-time": "The amount of time in minutes to decrement the key counter for LFU eviction policy",
    "lfu-log-factor": "The log factor for incrementing key counter for LFU eviction policy",
    "list-compress-depth": "Number of quicklist ziplist nodes from each side of the list to exclude from compression.",
    "lua-time-limit": "Max execution time of a Lua script in milliseconds. 0 or negative value means no limit.",
    "maxclients": "The maximum number of Redis clients.",
    "maxmemory-policy": "Max memory policy.",
    "maxmemory-samples": "Max memory samples.",
    "min-replicas-max-lag": "The maximum amount of replica lag in seconds beyond which the master would stop taking writes.",
    "min-replicas-to-write": "The minimum number of replicas that must be present with lag no greater than min-replicas-max-lag.",
    "notify-keyspace-events": "The keyspace events for Redis to notify Pub/Sub clients about. By default all notifications are disabled",
    "repl-backlog-size": "The replication backlog size in bytes for PSYNC.",
    "repl-backlog-ttl": "The amount of time in seconds after the master no longer have any slaves connected for the master to free the replication backlog.",
    "reserved-memory": "The amount of memory reserved for non-cache memory usage, in bytes.",
    "reserved-memory-percent": "The percent of memory reserved for non-cache memory usage. You may want to increase this parameter for nodes with read replicas, AOF enabled, etc, to reduce swap usage.",
    "set-max-intset-entries": "The limit in the size of the set in order for the dataset to be compressed.",
    "slowlog-log-slower-than": "The execution time, in microseconds, to exceed in order for the command to get logged. Note that a negative number disables the slow log, while a value of zero forces the logging of every command.",
    "slowlog-max-len": "The length of the slow log. There is no limit to this length. Just be aware that it will consume memory.",
    "tcp-keepalive": "If non-zero, send ACKs every given number of seconds.",
    "timeout": "Close connection if client is idle for a given number of seconds, or never if 0.",
    "zset-max-ziplist-entries": "The maximum number of sorted set entries in order for the dataset to be compressed.",
    "zset-max-ziplist-value": "The threshold of biggest sorted set entries in order for the dataset to be compressed.",
    "cluster-allow-pubsubshard-when-down": "Allow nodes to serve pubsub shard traffic while the cluster is down",
    "cluster-preferred-endpoint-type": "The type of endpoint returned for MOVED and ASKING requests",
    "hash-max-listpack-entries": "The maximum number of hash entries in order for the dataset to be compressed.",
    "hash-max-listpack-value": "The threshold of biggest hash entries in order for the dataset to be compressed.",
    "latency-tracking": "Track the latency of each command",
    "lazyfree-lazy-user-flush": "Make FLUSHALL, FLUSHDB and SCRIPT FLUSH asynchronous by default",
    "zset-max-listpack-entries": "The maximum number of sorted set entries in order for the dataset to be compressed.",
    "zset-max-listpack-value": "The threshold of biggest sorted set entries in order for the dataset to be compressed.",
}


@dataclass(frozen=True)
class ParameterSpec:
    default: str
    data_type: str
    allowed: str
    modifiable: bool
    change_type: str
    source: str
    added_in: str


def _parse(table: str) -> dict[str, ParameterSpec]:
    specs = {}
    for line in table.strip().splitlines():
        name, default, data_type, allowed, modifiable, change_type, source, added_in = line.split()
        allowed = LRU_POLICIES if allowed == "LRU_POLICIES" else allowed
        specs[name] = ParameterSpec(
            default.strip("*"), data_type, allowed.strip("*"), modifiable == "yes", change_type, source, added_in
        )
    return specs


_COMMON = _parse(_COMMON_TABLE)
_ALL = _COMMON | _parse(_REDIS7_TABLE)
# family: (its parameters, the oldest engine version of the family, or None to keep each parameter's own)
FAMILIES: dict[str, tuple[dict[str, ParameterSpec], str | None]] = {
    "redis6.x": (_COMMON, None),
    "redis7": (_ALL, None),
    "valkey7": (_ALL, "7.2.4"),
    "valkey8": (_ALL, "8.0.0"),
}


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"

    def __init__(self, name: str) -> None:
        super().__init__(f"Parameter group {name} already exists.")


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name: str) -> None:
        super().__init__(f"CacheParameterGroup {name} not found.")


class InvalidCacheParameterGroupState(ElastiCacheException):
    code = "InvalidCacheParameterGroupState"


class CacheParameterGroup:
    """A cache parameter group: its family and the values set in it (``values``)."""

    def __init__(self, account_id: str, region_name: str, name: str, family: str, description: str) -> None:
        self.cache_parameter_group_name = name
        self.cache_parameter_group_family = family
        self.description = description
        self.is_global = False
        self.arn = f"arn:aws:elasticache:{region_name}:{account_id}:parametergroup:{name}"
        self.values: dict[str, str] = {}
        self.is_default = name.startswith("default.")

    def to_dict(self) -> dict[str, Any]:
        return {
            "CacheParameterGroupName": self.cache_parameter_group_name,
            "CacheParameterGroupFamily": self.cache_parameter_group_family,
            "Description": self.description,
            "IsGlobal": self.is_global,
            "ARN": self.arn,
        }

    def parameters(self) -> list[dict[str, Any]]:
        rows, family_version = FAMILIES[self.cache_parameter_group_family]
        cluster_on = self.cache_parameter_group_name.endswith(".cluster.on")
        result = []
        for name, spec in sorted(rows.items()):
            value, source = ("yes" if cluster_on and name == "cluster-enabled" else spec.default), spec.source
            if name in self.values:
                value, source = self.values[name], "user"
            parameter = {
                "ParameterName": name,
                "ParameterValue": value,
                "Description": DESCRIPTIONS[name],
                "Source": source,
                "DataType": spec.data_type,
                "IsModifiable": spec.modifiable,
                "MinimumEngineVersion": family_version or spec.added_in,
                "ChangeType": spec.change_type,
            }
            if spec.allowed:
                parameter["AllowedValues"] = spec.allowed
            result.append(parameter)
        return result


def _groups(backend: ElastiCacheBackend) -> dict[str, CacheParameterGroup]:
    groups = getattr(backend, "cache_parameter_groups", None)
    if groups is None:
        groups = backend.cache_parameter_groups = {}
        for family in FAMILIES:
            for name in (f"default.{family}", f"default.{family}.cluster.on"):
                groups[name] = CacheParameterGroup(
                    backend.account_id, backend.region_name, name, family, f"Default parameter group for {family}"
                )
    return groups


def _require_group(backend: ElastiCacheBackend, name: str | None) -> CacheParameterGroup:
    group = _groups(backend).get((name or "").lower())
    if group is None:
        raise CacheParameterGroupNotFound(name)
    return group


def _require_custom(group: CacheParameterGroup, verb: str) -> None:
    if group.is_default:
        raise InvalidParameterValueException(
            f"Default parameter groups cannot be {verb}: {group.cache_parameter_group_name}."
        )


def _in_range(number: int, allowed: str) -> bool:
    for item in allowed.split(","):
        low, dash, high = item.partition("-")
        if not dash and number == int(low):
            return True
        if dash and number >= int(low) and (not high or number <= int(high)):
            return True
    return False


def _value_error(parameter: dict[str, Any], value: str) -> str | None:
    name, allowed = parameter["ParameterName"], parameter.get("AllowedValues")
    if not parameter["IsModifiable"]:
        return f"The parameter {name} cannot be modified."
    if parameter["DataType"] == "integer":
        if not re.fullmatch(r"-?\d+", value or "") or (allowed and not _in_range(int(value), allowed)):
            return f"The value {value!r} is not allowed for parameter {name}. Allowed values: {allowed}."
    elif allowed and value not in allowed.split(","):
        return f"The value {value!r} is not allowed for parameter {name}. Allowed values: {allowed}."
    return None


def _users(backend: ElastiCacheBackend, name: str) -> list[str]:
    users = [
        f"replication group {group_id}"
        for group_id, group in backend.replication_groups.items()
        if (getattr(group, "cache_parameter_group_name", None) or "").lower() == name
    ]
    users += [
        f"cache cluster {cluster_id}"
        for cluster_id, cluster in backend.cache_clusters.items()
        if (getattr(cluster, "cache_parameter_group_name", None) or "").lower() == name
        and getattr(cluster, "cache_cluster_status", None) != "deleting"
    ]
    return users


# --- backend ------------------------------------------------------------------------


def create_cache_parameter_group(
    self: ElastiCacheBackend, name: str, family: str, description: str, tags: list[dict[str, str]]
) -> CacheParameterGroup:
    groups = _groups(self)
    name = (name or "").lower()
    if family not in FAMILIES:
        raise InvalidParameterValueException(
            f"Invalid parameter group family {family!r}. Valid families: {', '.join(FAMILIES)}."
        )
    if not name or name.startswith("default."):
        raise InvalidParameterValueException(f"Invalid parameter group name {name!r}.")
    if name in groups:
        raise CacheParameterGroupAlreadyExists(name)
    group = CacheParameterGroup(self.account_id, self.region_name, name, family, description)
    groups[name] = group
    if tags:
        self.tagging_service.tag_resource(group.arn, tags)
    return group


def describe_cache_parameter_groups(self: ElastiCacheBackend, name: str | None) -> list[CacheParameterGroup]:
    if name:
        return [_require_group(self, name)]
    return [group for _, group in sorted(_groups(self).items())]


def describe_cache_parameters(self: ElastiCacheBackend, name: str, source: str | None) -> list[dict[str, Any]]:
    if source and source not in ("user", "system", "engine-default"):
        raise InvalidParameterValueException(f"Invalid source {source!r}. Valid values: user, system, engine-default.")
    parameters = _require_group(self, name).parameters()
    return [parameter for parameter in parameters if not source or parameter["Source"] == source]


def describe_engine_default_parameters(self: ElastiCacheBackend, family: str) -> list[dict[str, Any]]:
    if family not in FAMILIES:
        raise InvalidParameterValueException(
            f"Invalid parameter group family {family!r}. Valid families: {', '.join(FAMILIES)}."
        )
    return _groups(self)[f"default.{family}"].parameters()


def modify_cache_parameter_group(self: ElastiCacheBackend, name: str, name_values: list[dict[str, str]]) -> None:
    group = _require_group(self, name)
    _require_custom(group, "modified")
    if not name_values:
        raise InvalidParameterValueException("At least one parameter name and value must be supplied.")
    if len(name_values) > MAX_PARAMETERS_PER_MODIFY:
        raise InvalidParameterValueException(
            f"A maximum of {MAX_PARAMETERS_PER_MODIFY} parameters may be modified per request."
        )
    parameters = {parameter["ParameterName"]: parameter for parameter in group.parameters()}
    changes = {}
    for item in name_values:
        parameter_name, value = item.get("ParameterName"), item.get("ParameterValue", "")
        if parameter_name not in parameters:
            raise InvalidParameterValueException(
                f"Parameter {parameter_name} is not a valid parameter of family {group.cache_parameter_group_family}."
            )
        error = _value_error(parameters[parameter_name], value)
        if error:
            raise InvalidParameterValueException(error)
        changes[parameter_name] = value
    group.values.update(changes)


def reset_cache_parameter_group(
    self: ElastiCacheBackend, name: str, reset_all: bool, name_values: list[dict[str, str]]
) -> None:
    group = _require_group(self, name)
    _require_custom(group, "modified")
    if reset_all and name_values:
        raise ElastiCacheException(
            "InvalidParameterCombination", "ResetAllParameters and ParameterNameValues cannot both be given."
        )
    if reset_all:
        group.values.clear()
        return
    if not name_values:
        raise InvalidParameterValueException("At least one parameter name must be supplied to reset.")
    known = FAMILIES[group.cache_parameter_group_family][0]
    for item in name_values:
        if item.get("ParameterName") not in known:
            raise InvalidParameterValueException(
                f"Parameter {item.get('ParameterName')} is not a valid parameter of family "
                f"{group.cache_parameter_group_family}."
            )
    for item in name_values:
        group.values.pop(item["ParameterName"], None)


def delete_cache_parameter_group(self: ElastiCacheBackend, name: str) -> None:
    group = _require_group(self, name)
    _require_custom(group, "deleted")
    name = group.cache_parameter_group_name
    users = _users(self, name)
    if users:
        raise InvalidCacheParameterGroupState(
            f"Parameter group {name} is in use by {', '.join(users)} and cannot be deleted."
        )
    del _groups(self)[group.cache_parameter_group_name]
    self.tagging_service.delete_all_tags_for_resource(group.arn)


def _check_tagged_group(backend: ElastiCacheBackend, arn: str) -> None:
    match = PARAMETER_GROUP_ARN.match(arn or "")
    if match:
        _require_group(backend, match.group("name"))


def _checking_arn(original: Any) -> Any:
    def method(self: ElastiCacheBackend, arn: str, *args: Any, **kwargs: Any) -> Any:
        _check_tagged_group(self, arn)
        return original(self, arn, *args, **kwargs)

    return method


def _iterating_parameter_groups(original: Any) -> Any:
    def iter_tagged_resources(self: ElastiCacheBackend) -> Iterator[TaggedResource]:
        yield from original(self)
        for group in _groups(self).values():
            if group.is_default:
                continue
            yield TaggedResource(
                arn=group.arn,
                tags=self.tagging_service.get_tag_dict_for_resource(group.arn),
                resource_type="elasticache:parametergroup",
                extra={"include_untagged": True},
            )

    return iter_tagged_resources


def _backend_init(original: Any) -> Any:
    def __init__(self: ElastiCacheBackend, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        # Moto's pattern lacks "parametergroup": ListTagsForResource answered InvalidARN.
        self.arn_regex = ARN_REGEX

    return __init__


# --- responses ----------------------------------------------------------------------


def _page(self: ElastiCacheResponse, items: list[Any]) -> tuple[list[Any], str | None]:
    start = int(self._get_param("Marker") or 0)
    size = int(self._get_param("MaxRecords") or DEFAULT_MAX_RECORDS)
    if not 20 <= size <= DEFAULT_MAX_RECORDS:
        raise InvalidParameterValueException("MaxRecords must be between 20 and 100.")
    end = start + size
    return items[start:end], (str(end) if end < len(items) else None)


def _name_values(self: ElastiCacheResponse) -> list[dict[str, str]]:
    return self._get_param("ParameterNameValues", []) or []


def _create_response(self: ElastiCacheResponse) -> ActionResult:
    group = self.elasticache_backend.create_cache_parameter_group(
        self._get_param("CacheParameterGroupName"),
        self._get_param("CacheParameterGroupFamily"),
        self._get_param("Description"),
        self._get_param("Tags", []),
    )
    return ActionResult({"CacheParameterGroup": group.to_dict()})


def _describe_groups_response(self: ElastiCacheResponse) -> ActionResult:
    groups = self.elasticache_backend.describe_cache_parameter_groups(self._get_param("CacheParameterGroupName"))
    page, marker = _page(self, [group.to_dict() for group in groups])
    return ActionResult({"CacheParameterGroups": page, **({"Marker": marker} if marker else {})})


def _describe_parameters_response(self: ElastiCacheResponse) -> ActionResult:
    parameters = self.elasticache_backend.describe_cache_parameters(
        self._get_param("CacheParameterGroupName"), self._get_param("Source")
    )
    page, marker = _page(self, parameters)
    return ActionResult(
        {"Parameters": page, "CacheNodeTypeSpecificParameters": [], **({"Marker": marker} if marker else {})}
    )


def _engine_defaults_response(self: ElastiCacheResponse) -> ActionResult:
    family = self._get_param("CacheParameterGroupFamily")
    page, marker = _page(self, self.elasticache_backend.describe_engine_default_parameters(family))
    defaults = {"CacheParameterGroupFamily": family, "Parameters": page, "CacheNodeTypeSpecificParameters": []}
    return ActionResult({"EngineDefaults": {**defaults, **({"Marker": marker} if marker else {})}})


def _modify_response(self: ElastiCacheResponse) -> ActionResult:
    name = self._get_param("CacheParameterGroupName")
    self.elasticache_backend.modify_cache_parameter_group(name, _name_values(self))
    return ActionResult({"CacheParameterGroupName": name})


def _reset_response(self: ElastiCacheResponse) -> ActionResult:
    name = self._get_param("CacheParameterGroupName")
    self.elasticache_backend.reset_cache_parameter_group(
        name, bool(self._get_bool_param("ResetAllParameters")), _name_values(self)
    )
    return ActionResult({"CacheParameterGroupName": name})


def _delete_response(self: ElastiCacheResponse) -> EmptyResult:
    self.elasticache_backend.delete_cache_parameter_group(self._get_param("CacheParameterGroupName"))
    return EmptyResult()


def apply() -> None:
    ElastiCacheBackend.__init__ = _backend_init(ElastiCacheBackend.__init__)
    for method_name in ("list_tags_for_resource", "add_tags_to_resource", "remove_tags_from_resource"):
        setattr(ElastiCacheBackend, method_name, _checking_arn(getattr(ElastiCacheBackend, method_name)))
    ElastiCacheBackend.iter_tagged_resources = _iterating_parameter_groups(ElastiCacheBackend.iter_tagged_resources)
    ElastiCacheBackend.create_cache_parameter_group = create_cache_parameter_group
    ElastiCacheBackend.describe_cache_parameter_groups = describe_cache_parameter_groups
    ElastiCacheBackend.describe_cache_parameters = describe_cache_parameters
    ElastiCacheBackend.describe_engine_default_parameters = describe_engine_default_parameters
    ElastiCacheBackend.modify_cache_parameter_group = modify_cache_parameter_group
    ElastiCacheBackend.reset_cache_parameter_group = reset_cache_parameter_group
    ElastiCacheBackend.delete_cache_parameter_group = delete_cache_parameter_group
    ElastiCacheResponse.create_cache_parameter_group = _create_response
    ElastiCacheResponse.describe_cache_parameter_groups = _describe_groups_response
    ElastiCacheResponse.describe_cache_parameters = _describe_parameters_response
    ElastiCacheResponse.describe_engine_default_parameters = _engine_defaults_response
    ElastiCacheResponse.modify_cache_parameter_group = _modify_response
    ElastiCacheResponse.reset_cache_parameter_group = _reset_response
    ElastiCacheResponse.delete_cache_parameter_group = _delete_response
