# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ElastiCache replication group helpers shared by appstack.aws.elasticache_replication_group and its _info twin.

Every API helper expects a client created with
``module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleElastiCacheError
(from ``module_utils/elasticache.py``), which a module turns into a failure with ``fail_json_aws_error``.

A group is returned as a snake_case dict (``boto3_resource_to_ansible_dict``) with its tags as a dict under
``tags``. ElastiCache keeps some settings of a group on its clusters only (API_ReplicationGroup.html has no engine
version, port, subnet group, security groups, parameter group or maintenance window): they are read from the
primary cluster (``DescribeCacheClusters``) and added as ``engine_version``, ``cache_parameter_group_name``,
``cache_subnet_group_name``, ``security_group_ids``, ``preferred_maintenance_window``, ``port`` (from the primary
endpoint, once there is one) and ``cluster_pending_modified_values`` (a node type or version waiting for the
maintenance window). Reading a group costs three calls.
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail
from ansible_collections.appstack.aws.plugins.module_utils.elasticache import (
    POLL_DELAY_SECONDS,
    AnsibleElastiCacheError,
    ElastiCacheErrorHandler,
    list_tags,
)

NOT_FOUND = "ReplicationGroupNotFoundFault"


class ReplicationGroupWaiterFactory(BaseWaiterFactory):
    """Waiters on DescribeReplicationGroups that name the statuses ElastiCache passes through."""

    @property
    def _waiter_model_data(self):
        status = "ReplicationGroups[0].Status"
        return {
            "replication_group_available": {
                "operation": "DescribeReplicationGroups",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 120,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": status, "expected": "available"},
                    {"state": "retry", "matcher": "path", "argument": status, "expected": "creating"},
                    {"state": "retry", "matcher": "path", "argument": status, "expected": "modifying"},
                    {"state": "retry", "matcher": "path", "argument": status, "expected": "snapshotting"},
                    {"state": "failure", "matcher": "path", "argument": status, "expected": "create-failed"},
                    {"state": "failure", "matcher": "path", "argument": status, "expected": "deleting"},
                ],
            },
            "replication_group_deleted": {
                "operation": "DescribeReplicationGroups",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 120,
                "acceptors": [
                    {"state": "success", "matcher": "error", "expected": NOT_FOUND},
                    {"state": "retry", "matcher": "path", "argument": status, "expected": "deleting"},
                ],
            },
        }


# Reading


@ElastiCacheErrorHandler.list_error_handler("describe replication group", None)
def describe_group(client, group_id):
    """The group as boto3 describes it, or None."""
    groups = client.describe_replication_groups(aws_retry=True, ReplicationGroupId=group_id)["ReplicationGroups"]
    return groups[0] if groups else None


@ElastiCacheErrorHandler.list_error_handler("describe replication groups", [])
@AWSRetry.jittered_backoff()
def describe_groups(client):
    paginator = client.get_paginator("describe_replication_groups")
    return paginator.paginate().build_full_result().get("ReplicationGroups", [])


@ElastiCacheErrorHandler.list_error_handler("describe cache cluster", None)
def describe_cluster(client, cluster_id):
    clusters = client.describe_cache_clusters(aws_retry=True, CacheClusterId=cluster_id)["CacheClusters"]
    return clusters[0] if clusters else None


def endpoint_of(node_group, key):
    """{address, port} of a node group's endpoint, {} until ElastiCache gives it."""
    endpoint = (node_group or {}).get(key) or {}
    if not endpoint.get("Address"):
        return {}
    return {"address": endpoint["Address"], "port": endpoint.get("Port")}


def to_result(group, cluster, tags):
    """A described group, its primary cluster (or None) and its tags, as the modules return them."""
    result = boto3_resource_to_ansible_dict(group, transform_tags=False, force_tags=False)
    result["tags"] = dict(tags or {})
    node_group = (group.get("NodeGroups") or [{}])[0]
    port = endpoint_of(node_group, "PrimaryEndpoint").get("port")
    if port is not None:
        result["port"] = port
    if cluster:
        parameter_group = cluster.get("CacheParameterGroup") or {}
        result.update(
            engine_version=cluster.get("EngineVersion"),
            cache_parameter_group_name=parameter_group.get("CacheParameterGroupName"),
            cache_subnet_group_name=cluster.get("CacheSubnetGroupName"),
            security_group_ids=sorted(sg["SecurityGroupId"] for sg in cluster.get("SecurityGroups") or []),
            preferred_maintenance_window=cluster.get("PreferredMaintenanceWindow"),
            cluster_pending_modified_values=boto3_resource_to_ansible_dict(
                cluster.get("PendingModifiedValues") or {}, transform_tags=False, force_tags=False
            ),
        )
    return result


def normalize_group(client, group):
    members = group.get("MemberClusters") or []
    cluster = describe_cluster(client, members[0]) if members else None
    return to_result(group, cluster, list_tags(client, group["ARN"]))


def get_group(client, group_id):
    """The group as a snake_case dict (see to_result), or None."""
    group = describe_group(client, group_id)
    return normalize_group(client, group) if group else None


def list_groups(client):
    return [normalize_group(client, group) for group in describe_groups(client)]


def endpoints(group):
    """The convenience keys primary_endpoint and reader_endpoint of a group read (snake_case)."""
    node_group = ((group or {}).get("node_groups") or [{}])[0]
    found = {}
    for key in ("primary_endpoint", "reader_endpoint"):
        endpoint = node_group.get(key) or {}
        found[key] = {"address": endpoint["address"], "port": endpoint.get("port")} if endpoint.get("address") else {}
    return found


# Writing


@ElastiCacheErrorHandler.common_error_handler("create replication group")
def create_group(client, kwargs):
    return client.create_replication_group(aws_retry=True, **kwargs)["ReplicationGroup"]


@ElastiCacheErrorHandler.common_error_handler("modify replication group")
def modify_group(client, group_id, changes, apply_immediately):
    return client.modify_replication_group(
        aws_retry=True, ReplicationGroupId=group_id, ApplyImmediately=apply_immediately, **changes
    )["ReplicationGroup"]


@ElastiCacheErrorHandler.common_error_handler("increase replica count")
def increase_replicas(client, group_id, count):
    client.increase_replica_count(
        aws_retry=True, ReplicationGroupId=group_id, NewReplicaCount=count, ApplyImmediately=True
    )


@ElastiCacheErrorHandler.common_error_handler("decrease replica count")
def decrease_replicas(client, group_id, count):
    client.decrease_replica_count(
        aws_retry=True, ReplicationGroupId=group_id, NewReplicaCount=count, ApplyImmediately=True
    )


@ElastiCacheErrorHandler.deletion_error_handler("delete replication group")
def delete_group(client, group_id):
    client.delete_replication_group(aws_retry=True, ReplicationGroupId=group_id)
    return True


@ElastiCacheErrorHandler.common_error_handler("describe KMS key")
def key_arn(kms_client, key_id):
    return kms_client.describe_key(aws_retry=True, KeyId=key_id)["KeyMetadata"]["Arn"]


# Waiting


def _last_status(response):
    return (response.get("ReplicationGroups") or [{}])[0].get("Status", "unknown")


@ElastiCacheErrorHandler.common_error_handler("wait for replication group")
def wait(client, waiter_name, group_id, timeout):
    """Wait for the group to be available (replication_group_available) or gone (replication_group_deleted)."""
    goal = "to be available" if waiter_name == "replication_group_available" else "to be deleted"
    wait_or_fail(
        ReplicationGroupWaiterFactory().get_waiter(client, waiter_name),
        timeout,
        POLL_DELAY_SECONDS,
        f"replication group {group_id} {goal}",
        _last_status,
        AnsibleElastiCacheError,
        ReplicationGroupId=group_id,
    )
