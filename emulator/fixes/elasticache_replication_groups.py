"""ElastiCache replication groups (cluster mode disabled) as AWS creates, modifies, scales and deletes them.

AWS (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/):

* ``CreateReplicationGroup`` checks its parameters (``emulator.fixes.elasticache_replication_rules``) and that the
  subnet group (``CacheSubnetGroupNotFoundFault``), parameter group (``CacheParameterGroupNotFound``, of the engine
  version's family else ``InvalidParameterCombination``), KMS key (``InvalidKMSKeyFault``) and security groups
  exist; an id in use fails with ``ReplicationGroupAlreadyExists``. Automatic failover needs at least 2 cache
  clusters, Multi-AZ needs automatic failover, a KMS key needs at-rest encryption, an AUTH token needs in-transit
  encryption (API_CreateReplicationGroup.html).
* The group is ``creating``, then ``available`` (API_ReplicationGroup.html ``Status``); here for the ``elasticache``
  provisioning delay. Its clusters, ``<id>-001`` (the primary) to ``<id>-00N``, are listed in ``MemberClusters``,
  in ``NodeGroups[0].NodeGroupMembers`` (``CurrentRole`` primary or replica, ``ReadEndpoint``) and by
  ``DescribeCacheClusters`` with their ``ReplicationGroupId``, ``EngineVersion``, ``CacheParameterGroup``,
  ``CacheSubnetGroupName`` and ``SecurityGroups``: the replication group itself has no engine version, port,
  subnet group or parameter group (API_CacheCluster.html). Endpoints exist once the group is available:
  ``<id>.<tag>.ng.0001.use1.cache.amazonaws.com`` and ``<id>-ro...`` without in-transit encryption,
  ``master.<id>.<tag>.use1...`` and ``replica.<id>...`` with it (API_NodeGroup.html; Endpoints.html).
* ``ModifyReplicationGroup`` (API_ModifyReplicationGroup.html) needs the group ``available``
  (``InvalidReplicationGroupState``) and puts it in ``modifying`` for the delay: automatic failover shows
  ``enabling``/``disabling`` with ``PendingModifiedValues.AutomaticFailoverStatus``, an AUTH token change
  ``PendingModifiedValues.AuthTokenStatus`` ``ROTATING``/``SETTING`` (ROTATE keeps the old token valid beside the
  new one, SET, allowed only after ROTATE, keeps only the new one), a node type or version the member clusters'
  ``PendingModifiedValues``; with ``ApplyImmediately=false`` those two stay pending (for the maintenance window)
  and the group stays ``available``. Refused: failover on a group without replica, Multi-AZ without failover,
  valkey to redis, a lower engine version, AUTH without in-transit encryption. The operation has no parameter for
  at-rest encryption, its KMS key, the subnet group or the port.
* ``IncreaseReplicaCount``/``DecreaseReplicaCount`` (API_IncreaseReplicaCount.html, API_DecreaseReplicaCount.html)
  take ``NewReplicaCount`` (0 to 5, at least 1 with automatic failover) and ``ApplyImmediately=true``; the group is
  ``modifying`` while new clusters are ``creating`` or removed ones ``deleting``.
* ``DeleteReplicationGroup`` (API_DeleteReplicationGroup.html): ``deleting``, then gone with its clusters (a
  ``FinalSnapshotIdentifier`` is taken first).
* Tags: ``AddTagsToResource``/``RemoveTagsFromResource`` answer the ``TagList``; a group's tags are its member
  clusters' too, at creation and after each change ("those actions will be replicated to all nodes in the
  replication group", API_Tag.html), so the Resource Groups Tagging API lists the clusters with them; on the ARN of
  a group that doesn't exist, the three tag operations fail with ``ReplicationGroupNotFoundFault``
  (API_AddTagsToResource.html).

Moto 5.2.5 creates every group ``available`` at once without validation, has none of these rules, no endpoints in
AWS's form, no member clusters in ``DescribeCacheClusters``, ``ModifyReplicationGroup`` changing only five fields
at once, no ``IncreaseReplicaCount``/``DecreaseReplicaCount``, and leaves a deleted group ``deleting`` forever:
appstack.aws ``elasticache_replication_group`` could neither wait, nor scale, nor read back what it set.
Groups with cluster mode enabled (``ClusterMode=enabled`` or several node groups) are still moto's.
"""

from __future__ import annotations

import hashlib
from typing import Any

from moto.core.responses import ActionResult, EmptyResult, PaginatedResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.elasticache.exceptions import (
    CacheSubnetGroupNotFound,
    InvalidParameterCombinationException,
    InvalidParameterValueException,
    ReplicationGroupAlreadyExists,
    ReplicationGroupNotFound,
)
from moto.elasticache.models import CacheCluster, ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse
from moto.kms.models import kms_backends

from emulator import delays
from emulator.fixes import elasticache_replication_rules as rules

KIND = "elasticache"
MAX_REPLICAS = rules.MAX_NUM_CACHE_CLUSTERS - 1

# The handlers replaced, as they are when this fix is applied (other fixes may have wrapped them already).
WRAPPED = (
    "create_replication_group",
    "modify_replication_group",
    "delete_replication_group",
    "describe_cache_clusters",
    "list_tags_for_resource",
    "add_tags_to_resource",
    "remove_tags_from_resource",
)
_original: dict[str, Any] = {}


class ReplicationGroup:
    """A replication group with cluster mode disabled: one node group, a primary and 0 to 5 replicas."""

    def __init__(self, backend: ElastiCacheBackend, group_id: str, settings: dict[str, Any]) -> None:
        self.backend = backend
        self.replication_group_id = group_id
        self.arn = f"arn:aws:elasticache:{backend.region_name}:{backend.account_id}:replicationgroup:{group_id}"
        self.tag = hashlib.sha256(self.arn.encode()).hexdigest()[:6]
        self.created = utcnow()
        self.status = "creating"
        self.ready_at = delays.provisioning_deadline(KIND)
        self.pending: dict[str, Any] = {}
        self.auth_tokens: list[str] = []
        self.auth_token_last_modified = None
        self.cluster_status: dict[str, str] = {}
        self.zones: list[str] = settings.pop("zones")
        self.__dict__.update(settings)
        self.member_ids: list[str] = []

    # Moto's own code (snapshots, the tagging API) reads these.
    @property
    def description(self) -> str:
        return self.replication_group_description

    @property
    def node_groups(self) -> list[dict[str, Any]]:
        return [{"node_group_id": "0001"}]

    @property
    def member_clusters(self) -> list[str]:
        return list(self.member_ids)

    def busy(self) -> bool:
        return delays.still_provisioning(self.ready_at)

    def start(self, status: str) -> None:
        self.status = status
        self.ready_at = delays.provisioning_deadline(KIND)

    def settle(self) -> bool:
        """Finish what is under way once the delay is over; False when the group is gone."""
        if self.status in ("available",) or self.busy():
            return True
        if self.status == "deleting":
            for member_id in self.member_ids:
                self.drop_member(member_id)
            self.backend.replication_groups.pop(self.replication_group_id, None)
            self.backend.tagging_service.delete_all_tags_for_resource(self.arn)
            return False
        for member_id, status in list(self.cluster_status.items()):
            if status == "deleting":
                self.member_ids.remove(member_id)
                self.drop_member(member_id)
        self.cluster_status.clear()
        self.apply_pending()
        self.status = "available"
        self.sync_members()
        return True

    def apply_pending(self) -> None:
        pending, self.pending = self.pending, {}
        for key in ("cache_node_type", "engine_version", "automatic_failover", "multi_az"):
            if key in pending:
                setattr(self, key, pending[key])
        if "auth_token" in pending:
            token, strategy = pending["auth_token"]
            self.auth_tokens = [*self.auth_tokens[-1:], token] if strategy == "ROTATE" else [token]
            self.auth_token_last_modified = utcnow()

    # Member clusters

    def member_status(self, member_id: str) -> str:
        if member_id in self.cluster_status:
            return self.cluster_status[member_id]
        return {"creating": "creating", "deleting": "deleting"}.get(self.status, "available")

    def add_members(self, count: int, status: str | None = None) -> None:
        for _ in range(count):
            number = max([int(member_id.rsplit("-", 1)[1]) for member_id in self.member_ids] or [0]) + 1
            member_id = f"{self.replication_group_id}-{number:03d}"
            self.member_ids.append(member_id)
            if status:
                self.cluster_status[member_id] = status
            cluster = CacheCluster.__new__(CacheCluster)
            cluster.cache_cluster_id = member_id
            cluster.cache_cluster_create_time = utcnow()
            cluster.arn = self.arn.replace(f"replicationgroup:{self.replication_group_id}", f"cluster:{member_id}")
            cluster.preferred_availability_zone = self.zones[(len(self.member_ids) - 1) % len(self.zones)]
            self.backend.cache_clusters[member_id] = cluster
        self.sync_members()

    def drop_member(self, member_id: str) -> None:
        cluster = self.backend.cache_clusters.pop(member_id, None)
        if cluster is not None:
            self.backend.tagging_service.delete_all_tags_for_resource(cluster.arn)

    def sync_members(self) -> None:
        """Copy the group's settings to its member clusters, as DescribeCacheClusters shows them, and its tags: "When
        you add or remove tags on replication groups, those actions will be replicated to all nodes in the replication
        group" (API_Tag.html)."""
        tagging = self.backend.tagging_service
        tags = tagging.list_tags_for_resource(self.arn)["Tags"]
        pending = {
            key: self.pending[attr]
            for key, attr in (("CacheNodeType", "cache_node_type"), ("EngineVersion", "engine_version"))
            if attr in self.pending
        }
        pending.update(self.pending_maintenance)
        for member_id in self.member_ids:
            cluster = self.backend.cache_clusters.get(member_id)
            if cluster is None:
                continue
            tagging.delete_all_tags_for_resource(cluster.arn)
            if tags:
                tagging.tag_resource(cluster.arn, tags)
            status = self.member_status(member_id)
            cluster.__dict__.update(
                replication_group_id=self.replication_group_id,
                cache_node_type=self.cache_node_type,
                engine=self.engine,
                engine_version=self.engine_version,
                cache_cluster_status=status,
                status=status,
                num_cache_nodes=1,
                port=self.port,
                preferred_maintenance_window=self.preferred_maintenance_window,
                pending_modified_values=dict(pending),
                cache_security_group_names=[],
                security_group_ids=list(self.security_group_ids),
                cache_parameter_group={
                    "CacheParameterGroupName": self.cache_parameter_group_name,
                    "ParameterApplyStatus": "in-sync",
                    "CacheNodeIdsToReboot": [],
                },
                cache_parameter_group_name=self.cache_parameter_group_name,
                cache_subnet_group_name=self.cache_subnet_group_name,
                auto_minor_version_upgrade=self.auto_minor_version_upgrade,
                snapshot_retention_limit=self.snapshot_retention_limit,
                snapshot_window=self.snapshot_window,
                auth_token_enabled=bool(self.auth_tokens),
                auth_token_last_modified_date=self.auth_token_last_modified,
                transit_encryption_enabled=self.transit_encryption_enabled,
                transit_encryption_mode=self.transit_encryption_mode,
                at_rest_encryption_enabled=self.at_rest_encryption_enabled,
                replication_group_log_delivery_enabled=bool(self.log_delivery_configurations),
                log_delivery_configurations=[],
                network_type="ipv4",
                ip_discovery="ipv4",
                notification_configuration=None,
            )

    # What DescribeReplicationGroups answers

    def _host(self, label: str) -> str:
        return f"{label}.{rules.region_code(self.backend.region_name)}.cache.amazonaws.com"

    def endpoints(self) -> tuple[str, str]:
        """(primary, reader) endpoint addresses."""
        group_id, tag = self.replication_group_id, self.tag
        if self.transit_encryption_enabled:
            return self._host(f"master.{group_id}.{tag}"), self._host(f"replica.{group_id}.{tag}")
        return self._host(f"{group_id}.{tag}.ng.0001"), self._host(f"{group_id}-ro.{tag}.ng.0001")

    def member_endpoint(self, member_id: str) -> str:
        if self.transit_encryption_enabled:
            return self._host(f"{member_id}.{self.replication_group_id}.{self.tag}")
        return self._host(f"{member_id}.{self.tag}.0001")

    def node_group(self) -> dict[str, Any]:
        ready = self.status != "creating"
        members = []
        for index, member_id in enumerate(self.member_ids):
            member = {
                "CacheClusterId": member_id,
                "CacheNodeId": "0001",
                "PreferredAvailabilityZone": self.backend.cache_clusters[member_id].preferred_availability_zone,
                "CurrentRole": "primary" if index == 0 else "replica",
            }
            if ready and self.member_status(member_id) != "creating":
                member["ReadEndpoint"] = {"Address": self.member_endpoint(member_id), "Port": self.port}
            members.append(member)
        group = {"NodeGroupId": "0001", "Status": self.status if self.status == "creating" else "available"}
        if ready:
            primary, reader = self.endpoints()
            group["PrimaryEndpoint"] = {"Address": primary, "Port": self.port}
            group["ReaderEndpoint"] = {"Address": reader, "Port": self.port}
        group["NodeGroupMembers"] = members
        return group

    def describe(self) -> dict[str, Any]:
        failover = self.automatic_failover
        pending_values: dict[str, Any] = {}
        if "automatic_failover" in self.pending and self.pending["automatic_failover"] != failover:
            wanted = self.pending["automatic_failover"]
            pending_values["AutomaticFailoverStatus"] = wanted
            failover = "enabling" if wanted == "enabled" else "disabling"
        if "auth_token" in self.pending:
            pending_values["AuthTokenStatus"] = "ROTATING" if self.pending["auth_token"][1] == "ROTATE" else "SETTING"
        log_status = {"creating": "enabling", "modifying": "modifying"}.get(self.status, "active")
        retention = self.snapshot_retention_limit
        described = {
            "ReplicationGroupId": self.replication_group_id,
            "Description": self.replication_group_description,
            "GlobalReplicationGroupInfo": {},
            "Status": self.status,
            "PendingModifiedValues": pending_values,
            "MemberClusters": list(self.member_ids),
            "NodeGroups": [self.node_group()],
            "AutomaticFailover": failover,
            "MultiAZ": self.multi_az,
            "SnapshotRetentionLimit": retention,
            "SnapshotWindow": self.snapshot_window,
            "ClusterEnabled": False,
            "CacheNodeType": self.cache_node_type,
            "AuthTokenEnabled": bool(self.auth_tokens),
            "TransitEncryptionEnabled": self.transit_encryption_enabled,
            "AtRestEncryptionEnabled": self.at_rest_encryption_enabled,
            "MemberClustersOutpostArns": [],
            "ARN": self.arn,
            "UserGroupIds": [],
            "LogDeliveryConfigurations": [
                dict(config, Status=log_status, Message="") for config in self.log_delivery_configurations
            ],
            "ReplicationGroupCreateTime": self.created,
            "DataTiering": "disabled",
            "AutoMinorVersionUpgrade": self.auto_minor_version_upgrade,
            "NetworkType": "ipv4",
            "IpDiscovery": "ipv4",
            "ClusterMode": "disabled",
            "Engine": self.engine,
        }
        if retention:
            described["SnapshottingClusterId"] = self.member_ids[-1]
        if self.auth_token_last_modified:
            described["AuthTokenLastModifiedDate"] = self.auth_token_last_modified
        if self.at_rest_encryption_enabled and self.kms_key_id:
            described["KmsKeyId"] = self.kms_key_id
        if self.transit_encryption_enabled:
            described["TransitEncryptionMode"] = self.transit_encryption_mode
        return described


# Helpers


def _backend(response: ElastiCacheResponse) -> ElastiCacheBackend:
    return response.elasticache_backend


def _settle_all(backend: ElastiCacheBackend) -> None:
    for group in list(backend.replication_groups.values()):
        if isinstance(group, ReplicationGroup):
            group.settle()


def _group(backend: ElastiCacheBackend, group_id: str | None) -> ReplicationGroup:
    _settle_all(backend)
    group = backend.replication_groups.get((group_id or "").lower())
    if group is None:
        raise ReplicationGroupNotFound(group_id or "")
    return group


def _ours(backend: ElastiCacheBackend, group_id: str | None) -> ReplicationGroup | None:
    group = backend.replication_groups.get((group_id or "").lower())
    return group if isinstance(group, ReplicationGroup) else None


def _available(group: ReplicationGroup) -> None:
    if group.status != "available":
        raise rules.InvalidReplicationGroupState(
            f"Replication group {group.replication_group_id} is not in available state (it is {group.status})."
        )


def _parameter_group_family(backend: ElastiCacheBackend, name: str) -> str:
    """The family of a cache parameter group, read where the emulator keeps them (the defaults always exist)."""
    if name in rules.DEFAULT_PARAMETER_GROUPS:
        return rules.DEFAULT_PARAMETER_GROUPS[name]
    group = (getattr(backend, "cache_parameter_groups", None) or {}).get(name)
    if group is None:
        raise rules.CacheParameterGroupNotFound(name)
    if isinstance(group, dict):
        return group.get("CacheParameterGroupFamily") or group.get("family")
    return getattr(group, "cache_parameter_group_family", None) or getattr(group, "family", None)


def _check_parameter_group(backend: ElastiCacheBackend, name: str, family: str) -> None:
    group_family = _parameter_group_family(backend, name)
    if group_family != family:
        raise InvalidParameterCombinationException(
            f"The parameter group {name} is of family {group_family}, not {family} as the engine version needs."
        )


def _subnet_group_zones(backend: ElastiCacheBackend, name: str | None) -> list[str]:
    region = backend.region_name
    if name is None:
        return [f"{region}a", f"{region}b", f"{region}c"]
    group = backend.cache_subnet_groups.get(name)
    if group is None:
        raise CacheSubnetGroupNotFound(name)
    zones = []
    for subnet in getattr(group, "subnets", None) or []:
        zone = subnet.get("subnet_availability_zone") or subnet.get("SubnetAvailabilityZone")
        zone = zone.get("Name") if isinstance(zone, dict) else zone
        if zone and zone not in zones:
            zones.append(zone)
    return sorted(zones) or [f"{region}a"]


def _check_security_groups(backend: ElastiCacheBackend, group_ids: list[str]) -> None:
    ec2 = ec2_backends[backend.account_id][backend.region_name]
    for group_id in group_ids:
        if ec2.get_security_group_from_id(group_id) is None:
            raise InvalidParameterValueException(f"Some security group Id not recognized by EC2: {group_id}")


def _kms_key_arn(backend: ElastiCacheBackend, key_id: str) -> str:
    try:
        return kms_backends[backend.account_id][backend.region_name].describe_key(key_id).arn
    except Exception as error:  # moto raises KeyError or NotFoundException for a key it doesn't have
        raise rules.InvalidKMSKeyFault(f"KMS key {key_id} is not valid or not accessible.") from error


def _bool(response: ElastiCacheResponse, name: str) -> bool | None:
    return response._get_bool_param(name)


# CreateReplicationGroup


def create_replication_group(self: ElastiCacheResponse) -> ActionResult:
    cluster_mode = (self._get_param("ClusterMode") or "disabled").lower()
    if cluster_mode != "disabled" or (self._get_int_param("NumNodeGroups") or 1) > 1:
        return _original["create_replication_group"](self)
    backend = _backend(self)
    _settle_all(backend)
    group_id = rules.check_group_id(self._get_param("ReplicationGroupId"))
    if group_id in backend.replication_groups:
        raise ReplicationGroupAlreadyExists(group_id)
    engine = rules.check_engine(self._get_param("Engine"))
    version, family = rules.engine_version(engine, self._get_param("EngineVersion"))
    node_type = rules.check_cache_node_type(self._get_param("CacheNodeType"))
    replicas = self._get_int_param("ReplicasPerNodeGroup")
    num_clusters = self._get_int_param("NumCacheClusters")
    if replicas is not None and num_clusters is not None:
        raise InvalidParameterCombinationException("NumCacheClusters and ReplicasPerNodeGroup can't both be given.")
    num_clusters = (replicas + 1) if replicas is not None else (num_clusters or 1)
    if not 1 <= num_clusters <= rules.MAX_NUM_CACHE_CLUSTERS:
        raise InvalidParameterValueException(
            f"NumCacheClusters must be between 1 and {rules.MAX_NUM_CACHE_CLUSTERS} (1 primary plus 5 replicas)."
        )
    failover = bool(_bool(self, "AutomaticFailoverEnabled"))
    multi_az = bool(_bool(self, "MultiAZEnabled"))
    rules.check_failover(failover, multi_az, num_clusters)
    at_rest = bool(_bool(self, "AtRestEncryptionEnabled"))
    transit = bool(_bool(self, "TransitEncryptionEnabled"))
    transit_mode = self._get_param("TransitEncryptionMode")
    kms_key_id = self._get_param("KmsKeyId")
    if kms_key_id and not at_rest:
        raise InvalidParameterCombinationException("KmsKeyId can only be given with AtRestEncryptionEnabled=true.")
    auth_token = self._get_param("AuthToken")
    if auth_token is not None:
        if not transit:
            raise InvalidParameterCombinationException(
                "The AUTH token is only supported when encryption in transit is enabled (TransitEncryptionEnabled)."
            )
        rules.check_auth_token(auth_token, on_create=True)
    if transit_mode is not None:
        if transit_mode not in ("preferred", "required"):
            raise InvalidParameterValueException("TransitEncryptionMode must be preferred or required.")
        if not transit:
            raise InvalidParameterCombinationException("TransitEncryptionMode needs TransitEncryptionEnabled=true.")
    retention = self._get_int_param("SnapshotRetentionLimit")
    rules.check_snapshot_retention(retention)
    port = self._get_int_param("Port")
    rules.check_port(port)
    log_delivery = rules.log_delivery(self._get_params().get("LogDeliveryConfigurations"), [])
    subnet_group = self._get_param("CacheSubnetGroupName")
    zones = _subnet_group_zones(backend, subnet_group)
    preferred_zones = self._get_param("PreferredCacheClusterAZs") or []
    parameter_group = self._get_param("CacheParameterGroupName") or f"default.{family}"
    _check_parameter_group(backend, parameter_group, family)
    security_group_ids = self._get_param("SecurityGroupIds") or []
    _check_security_groups(backend, security_group_ids)
    group = ReplicationGroup(
        backend,
        group_id,
        {
            "replication_group_description": self._get_param("ReplicationGroupDescription") or "",
            "engine": engine,
            "engine_version": version,
            "cache_node_type": node_type,
            "automatic_failover": "enabled" if failover else "disabled",
            "multi_az": "enabled" if multi_az else "disabled",
            "at_rest_encryption_enabled": at_rest,
            "kms_key_id": _kms_key_arn(backend, kms_key_id) if kms_key_id else None,
            "transit_encryption_enabled": transit,
            "transit_encryption_mode": (transit_mode or "required") if transit else None,
            "snapshot_retention_limit": retention or 0,
            "snapshot_window": self._get_param("SnapshotWindow") or "05:00-06:00",
            "preferred_maintenance_window": self._get_param("PreferredMaintenanceWindow") or "sun:23:00-mon:01:30",
            "auto_minor_version_upgrade": _bool(self, "AutoMinorVersionUpgrade") is not False,
            "port": port or 6379,
            "cache_subnet_group_name": subnet_group,
            "cache_parameter_group_name": parameter_group,
            "security_group_ids": security_group_ids,
            "log_delivery_configurations": log_delivery,
            "pending_maintenance": {},
            "zones": preferred_zones or zones,
        },
    )
    if auth_token is not None:
        group.auth_tokens = [auth_token]
        group.auth_token_last_modified = utcnow()
    backend.replication_groups[group_id] = group
    tags = self._get_param("Tags", [])
    if tags:
        backend.tagging_service.tag_resource(group.arn, tags)
    group.add_members(num_clusters)
    # AWS answers "creating" whatever the delay: the create call itself never finds the group ready.
    return ActionResult({"ReplicationGroup": group.describe()})


# DescribeReplicationGroups


def describe_replication_groups(self: ElastiCacheResponse) -> ActionResult:
    backend = _backend(self)
    _settle_all(backend)
    group_id = self._get_param("ReplicationGroupId")
    found = [_group(backend, group_id)] if group_id else list(backend.replication_groups.values())
    return PaginatedResult(
        {"ReplicationGroups": [group.describe() if isinstance(group, ReplicationGroup) else group for group in found]}
    )


# ModifyReplicationGroup


def _modify_engine(self: ElastiCacheResponse, group: ReplicationGroup, changes: dict[str, Any]) -> str:
    """Check Engine/EngineVersion; record the new ones in ``changes``; return the family of the version."""
    engine = group.engine
    asked_engine = self._get_param("Engine")
    if asked_engine is not None:
        engine = rules.check_engine(asked_engine)
        if group.engine == "valkey" and engine == "redis":
            raise InvalidParameterCombinationException(
                f"Replication group {group.replication_group_id} runs valkey: it can't be changed to redis."
            )
    asked_version = self._get_param("EngineVersion")
    if engine != group.engine and asked_version is None:
        raise InvalidParameterCombinationException("Changing the engine needs an EngineVersion of the new engine.")
    version, family = rules.engine_version(engine, asked_version or group.engine_version)
    if engine == group.engine and rules.version_key(version) < rules.version_key(group.engine_version):
        raise InvalidParameterCombinationException(
            f"Cannot downgrade from {group.engine_version} to {version}: the engine version can only be upgraded."
        )
    if engine != group.engine:
        changes["engine"] = engine
    if version != group.engine_version:
        changes["engine_version"] = version
    return family


def _modify_auth(self: ElastiCacheResponse, group: ReplicationGroup, transit: bool) -> tuple[str, str] | None:
    token = self._get_param("AuthToken")
    strategy = self._get_param("AuthTokenUpdateStrategy")
    if token is None:
        if strategy is not None and strategy != "DELETE":
            raise InvalidParameterCombinationException("AuthTokenUpdateStrategy needs an AuthToken.")
        if strategy == "DELETE":
            raise InvalidParameterCombinationException(
                "AuthTokenUpdateStrategy DELETE is allowed only when moving the group to role-based access control."
            )
        return None
    strategy = strategy or "ROTATE"
    if not transit:
        raise InvalidParameterCombinationException(
            "The AUTH token can only be set on a replication group with encryption in transit enabled."
        )
    rules.check_auth_token(token, on_create=False)
    if strategy == "SET" and len(group.auth_tokens) < 2:
        raise InvalidParameterCombinationException("AuthTokenUpdateStrategy SET is allowed only after ROTATE.")
    if strategy not in ("ROTATE", "SET"):
        raise InvalidParameterValueException(f"Invalid AuthTokenUpdateStrategy {strategy}.")
    return token, strategy


def modify_replication_group(self: ElastiCacheResponse) -> ActionResult:
    backend = _backend(self)
    group_id = self._get_param("ReplicationGroupId")
    group = _group(backend, group_id)
    if not isinstance(group, ReplicationGroup):
        return _original["modify_replication_group"](self)
    _available(group)
    immediately = bool(_bool(self, "ApplyImmediately"))
    delayed: dict[str, Any] = {}
    family = _modify_engine(self, group, delayed)
    node_type = self._get_param("CacheNodeType")
    if node_type is not None and rules.check_cache_node_type(node_type) != group.cache_node_type:
        delayed["cache_node_type"] = node_type

    failover_param = _bool(self, "AutomaticFailoverEnabled")
    multi_az_param = _bool(self, "MultiAZEnabled")
    failover = (group.automatic_failover == "enabled") if failover_param is None else failover_param
    multi_az = (group.multi_az == "enabled") if multi_az_param is None else multi_az_param
    if failover and group.automatic_failover != "enabled" and len(group.member_ids) < 2:
        raise rules.InvalidReplicationGroupState(
            "Replication group must have at least one read replica to enable autofailover."
        )
    if multi_az and not failover:
        raise InvalidParameterCombinationException("Multi-AZ requires automatic failover to be enabled.")

    transit = group.transit_encryption_enabled
    transit_param = _bool(self, "TransitEncryptionEnabled")
    transit_mode = self._get_param("TransitEncryptionMode")
    if transit_param is not None or transit_mode is not None:
        transit, transit_mode = _modify_transit(group, transit_param, transit_mode)
    auth = _modify_auth(self, group, transit)

    retention = self._get_int_param("SnapshotRetentionLimit")
    rules.check_snapshot_retention(retention)
    parameter_group = self._get_param("CacheParameterGroupName")
    if parameter_group is not None:
        _check_parameter_group(backend, parameter_group, family)
    security_group_ids = self._get_param("SecurityGroupIds")
    if security_group_ids is not None:
        _check_security_groups(backend, security_group_ids)
    log_requests = self._get_params().get("LogDeliveryConfigurations")
    log_delivery = rules.log_delivery(log_requests, group.log_delivery_configurations)

    # Everything checked: change the group.
    immediate = {
        "replication_group_description": self._get_param("ReplicationGroupDescription"),
        "snapshot_retention_limit": retention,
        "snapshot_window": self._get_param("SnapshotWindow"),
        "preferred_maintenance_window": self._get_param("PreferredMaintenanceWindow"),
        "auto_minor_version_upgrade": _bool(self, "AutoMinorVersionUpgrade"),
        "cache_parameter_group_name": parameter_group,
        "security_group_ids": security_group_ids,
        "transit_encryption_enabled": transit,
        "transit_encryption_mode": transit_mode,
    }
    changed = False
    for key, value in immediate.items():
        if value is not None and value != getattr(group, key):
            setattr(group, key, value)
            changed = True
    if log_requests is not None and log_delivery != group.log_delivery_configurations:
        group.log_delivery_configurations = log_delivery
        changed = True
    if "engine" in delayed:
        group.engine = delayed.pop("engine")
        changed = True
    if not immediately:
        group.pending_maintenance.update(
            {
                ("CacheNodeType" if key == "cache_node_type" else "EngineVersion"): value
                for key, value in delayed.items()
            }
        )
        delayed = {}
    wanted_failover = "enabled" if failover else "disabled"
    if wanted_failover != group.automatic_failover:
        delayed["automatic_failover"] = wanted_failover
    wanted_multi_az = "enabled" if multi_az else "disabled"
    if wanted_multi_az != group.multi_az:
        delayed["multi_az"] = wanted_multi_az
    if auth is not None:
        delayed["auth_token"] = auth
    if delayed or changed:
        group.pending = delayed
        group.pending_maintenance = {
            key: value
            for key, value in group.pending_maintenance.items()
            if not (key == "CacheNodeType" and "cache_node_type" in delayed)
            and not (key == "EngineVersion" and "engine_version" in delayed)
        }
        group.start("modifying")
    group.sync_members()
    return ActionResult({"ReplicationGroup": group.describe()})


def _modify_transit(group: ReplicationGroup, enabled: bool | None, mode: str | None) -> tuple[bool, str | None]:
    """In-transit encryption is turned on with mode preferred, then set to required (and back down the same way)."""
    if mode is not None and mode not in ("preferred", "required"):
        raise InvalidParameterValueException("TransitEncryptionMode must be preferred or required.")
    enabled = group.transit_encryption_enabled if enabled is None else enabled
    if not enabled:
        if group.auth_tokens:
            raise InvalidParameterCombinationException(
                "Encryption in transit can't be disabled on a replication group with an AUTH token."
            )
        if group.transit_encryption_mode == "required":
            raise InvalidParameterCombinationException(
                "Set TransitEncryptionMode to preferred before disabling encryption in transit."
            )
        return False, None
    if not group.transit_encryption_enabled and mode != "preferred":
        raise InvalidParameterCombinationException(
            "Encryption in transit is enabled with TransitEncryptionMode preferred first."
        )
    return True, mode or group.transit_encryption_mode


# IncreaseReplicaCount / DecreaseReplicaCount


def _replica_count(self: ElastiCacheResponse, group: ReplicationGroup) -> int:
    if not _bool(self, "ApplyImmediately"):
        raise InvalidParameterValueException("ApplyImmediately=false is not supported for replica count changes.")
    count = self._get_int_param("NewReplicaCount")
    configuration = self._get_params().get("ReplicaConfiguration") or []
    if count is None and configuration:
        count = int(configuration[0].get("NewReplicaCount"))
    if count is None:
        raise InvalidParameterValueException("NewReplicaCount is required for a replication group without shards.")
    if not 0 <= count <= MAX_REPLICAS:
        raise InvalidParameterValueException(f"NewReplicaCount must be between 0 and {MAX_REPLICAS}.")
    return count


def increase_replica_count(self: ElastiCacheResponse) -> ActionResult:
    backend = _backend(self)
    group = _group(backend, self._get_param("ReplicationGroupId"))
    _available(group)
    count = _replica_count(self, group)
    current = len(group.member_ids) - 1
    if count <= current:
        raise InvalidParameterValueException(
            f"NewReplicaCount {count} must be greater than the current number of replicas ({current})."
        )
    group.add_members(count - current, status="creating")
    group.start("modifying")
    group.sync_members()
    return ActionResult({"ReplicationGroup": group.describe()})


def decrease_replica_count(self: ElastiCacheResponse) -> ActionResult:
    backend = _backend(self)
    group = _group(backend, self._get_param("ReplicationGroupId"))
    _available(group)
    current = len(group.member_ids) - 1
    to_remove = self._get_param("ReplicasToRemove") or []
    if to_remove:
        unknown = [member_id for member_id in to_remove if member_id not in group.member_ids[1:]]
        if unknown:
            raise InvalidParameterValueException(f"Not replicas of {group.replication_group_id}: {unknown}")
        count = current - len(to_remove)
    else:
        count = _replica_count(self, group)
        to_remove = group.member_ids[count + 1 :]
    if count >= current:
        raise InvalidParameterValueException(
            f"NewReplicaCount {count} must be lower than the current number of replicas ({current})."
        )
    if count < 1 and group.automatic_failover == "enabled":
        raise InvalidParameterValueException(
            "Must have at least 1 replica when cluster mode is disabled with auto failover enabled."
        )
    for member_id in to_remove:
        group.cluster_status[member_id] = "deleting"
    group.start("modifying")
    group.sync_members()
    return ActionResult({"ReplicationGroup": group.describe()})


# DeleteReplicationGroup


def delete_replication_group(self: ElastiCacheResponse) -> ActionResult:
    backend = _backend(self)
    group = _group(backend, self._get_param("ReplicationGroupId"))
    if not isinstance(group, ReplicationGroup):
        return _original["delete_replication_group"](self)
    _available(group)
    snapshot_name = self._get_param("FinalSnapshotIdentifier")
    if snapshot_name:
        backend.create_snapshot(snapshot_name, group.replication_group_id, None, None, None)
    group.start("deleting")
    group.sync_members()
    return ActionResult({"ReplicationGroup": group.describe()})


# DescribeCacheClusters and tags


def describe_cache_clusters(self: ElastiCacheResponse) -> ActionResult:
    _settle_all(_backend(self))
    return _original["describe_cache_clusters"](self)


def _check_tagged_group(self: ElastiCacheResponse) -> None:
    arn = self._get_param("ResourceName") or ""
    if ":replicationgroup:" in arn:
        backend = _backend(self)
        _group(backend, arn.rsplit(":", 1)[1])


def list_tags_for_resource(self: ElastiCacheResponse) -> ActionResult:
    _check_tagged_group(self)
    return _original["list_tags_for_resource"](self)


def _tag_list(self: ElastiCacheResponse, result: Any) -> Any:
    """A group's tags after a change to them, which its member clusters take too."""
    arn = self._get_param("ResourceName") or ""
    if ":replicationgroup:" not in arn or not isinstance(result, EmptyResult):
        return result
    backend = _backend(self)
    group = _ours(backend, arn.rsplit(":", 1)[1])
    if group is not None:
        group.sync_members()
    return ActionResult({"TagList": backend.tagging_service.list_tags_for_resource(arn)["Tags"]})


def add_tags_to_resource(self: ElastiCacheResponse) -> ActionResult:
    _check_tagged_group(self)
    return _tag_list(self, _original["add_tags_to_resource"](self))


def remove_tags_from_resource(self: ElastiCacheResponse) -> ActionResult:
    _check_tagged_group(self)
    return _tag_list(self, _original["remove_tags_from_resource"](self))


def apply() -> None:
    _original.update({name: getattr(ElastiCacheResponse, name) for name in WRAPPED})
    ElastiCacheResponse.create_replication_group = create_replication_group
    ElastiCacheResponse.describe_replication_groups = describe_replication_groups
    ElastiCacheResponse.modify_replication_group = modify_replication_group
    ElastiCacheResponse.delete_replication_group = delete_replication_group
    ElastiCacheResponse.increase_replica_count = increase_replica_count
    ElastiCacheResponse.decrease_replica_count = decrease_replica_count
    ElastiCacheResponse.describe_cache_clusters = describe_cache_clusters
    ElastiCacheResponse.list_tags_for_resource = list_tags_for_resource
    ElastiCacheResponse.add_tags_to_resource = add_tags_to_resource
    ElastiCacheResponse.remove_tags_from_resource = remove_tags_from_resource
