"""ElastiCache clusters report their nodes and security groups.

AWS: ``DescribeCacheClusters`` with ``ShowCacheNodeInfo=true`` lists each
node under ``CacheNodes`` (id, status, creation time, endpoint, parameter
group status, zone), and every cluster carries ``CacheSecurityGroups`` (empty
for clusters in a VPC) and, in a VPC, ``SecurityGroups`` with each group's
status; memcached clusters also have a ``ConfigurationEndpoint``
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html,
https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html).

Moto 5.2.5 returns none of these. community.aws ``elasticache`` reads
``CacheNodes[0].Endpoint.Port`` and ``CacheSecurityGroups`` on every run
against an existing cluster, and fails with a KeyError.
"""

from __future__ import annotations

import hashlib
from typing import Any

from moto.core.responses import ActionResult
from moto.core.serialize import never_return
from moto.elasticache.models import CacheCluster
from moto.elasticache.responses import ElastiCacheResponse

# Suffix of the response key path of a cluster's node list, in every operation.
CACHE_NODES_PATH = "CacheCluster.CacheNodes"
MEMCACHED_PORT = 11211

_original_describe = ElastiCacheResponse.describe_cache_clusters


def _region(cluster: CacheCluster) -> str:
    # Moto keeps the region only inside the ARN: arn:aws:elasticache:REGION:ACCOUNT:cluster:ID.
    return cluster.arn.split(":")[3]


def _endpoint_host(cluster: CacheCluster, label: str) -> str:
    # AWS endpoints look like <id>.<6 chars>.<node or cfg>.<region code>.cache.amazonaws.com.
    cluster_tag = hashlib.sha256(cluster.arn.encode()).hexdigest()[:6]
    return f"{cluster.cache_cluster_id}.{cluster_tag}.{label}.{_region(cluster)}.cache.amazonaws.com"


def _cache_nodes(self: CacheCluster) -> list[dict[str, Any]]:
    zone = self.preferred_availability_zone or f"{_region(self)}a"
    return [
        {
            "CacheNodeId": f"{number:04d}",
            "CacheNodeStatus": self.cache_cluster_status,
            "CacheNodeCreateTime": self.cache_cluster_create_time,
            "Endpoint": {"Address": _endpoint_host(self, f"{number:04d}"), "Port": self.port},
            "ParameterGroupStatus": "in-sync",
            "CustomerAvailabilityZone": zone,
        }
        for number in range(1, (getattr(self, "num_cache_nodes", None) or 1) + 1)
    ]


def _cache_security_groups(self: CacheCluster) -> list[dict[str, str]]:
    return [{"CacheSecurityGroupName": name, "Status": "active"} for name in self.cache_security_group_names]


def _security_groups(self: CacheCluster) -> list[dict[str, str]]:
    return [{"SecurityGroupId": group_id, "Status": "active"} for group_id in self.security_group_ids]


def _configuration_endpoint(self: CacheCluster) -> dict[str, Any] | None:
    if self.engine != "memcached":
        return None
    return {"Address": _endpoint_host(self, "cfg"), "Port": self.port}


def describe_cache_clusters(self: ElastiCacheResponse) -> ActionResult:
    result = _original_describe(self)
    if self._get_bool_param("ShowCacheNodeInfo"):
        # An instance attribute, so that only this response shows the nodes.
        self.RESPONSE_KEY_PATH_TO_TRANSFORMER = {}
    return result


def apply() -> None:
    CacheCluster.cache_nodes = property(_cache_nodes)
    CacheCluster.cache_security_groups = property(_cache_security_groups)
    CacheCluster.security_groups = property(_security_groups)
    CacheCluster.configuration_endpoint = property(_configuration_endpoint)
    # AWS lists nodes only when asked (ShowCacheNodeInfo): hidden by default.
    # A class of its own, as BaseResponse's mapping is shared by every service.
    ElastiCacheResponse.RESPONSE_KEY_PATH_TO_TRANSFORMER = {CACHE_NODES_PATH: never_return}
    ElastiCacheResponse.describe_cache_clusters = describe_cache_clusters
