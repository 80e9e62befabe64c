"""The Resource Groups Tagging API names ElastiCache's resource types as AWS does.

AWS: ``ResourceTypeFilters`` takes ``elasticache:cluster``, ``elasticache:replicationgroup``,
``elasticache:subnetgroup``, ``elasticache:parametergroup``, ``elasticache:snapshot`` and ``elasticache:user``,
the resource types of ElastiCache's ARNs
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticache.html#amazonelasticache-resources-for-iam-policies).

Moto 5.2.5 files them as ``elasticache:cache_clusters``, ``elasticache:replication-group``,
``elasticache:cache_subnet_groups``, ``elasticache:snapshots`` and ``elasticache:users``: a filter by the AWS type
finds nothing, so a search for the environment's replication groups (what no run plans any more, after the cache
was turned off) misses them on the emulator only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from moto.core.resource_tagging import TaggedResource
from moto.elasticache.models import ElastiCacheBackend

AWS_TYPES = {
    "elasticache:cache_clusters": "elasticache:cluster",
    "elasticache:replication-group": "elasticache:replicationgroup",
    "elasticache:cache_subnet_groups": "elasticache:subnetgroup",
    "elasticache:snapshots": "elasticache:snapshot",
    "elasticache:users": "elasticache:user",
}


def _with_aws_types(iterate: Callable[[ElastiCacheBackend], Iterator[TaggedResource]]):
    def iter_tagged_resources(self: ElastiCacheBackend) -> Iterator[TaggedResource]:
        for resource in iterate(self):
            aws_type = AWS_TYPES.get(resource.resource_type)
            yield replace(resource, resource_type=aws_type) if aws_type else resource

    return iter_tagged_resources


def apply() -> None:
    # Wraps what is in place when applied: the parameter groups' fix adds its groups to the same method.
    ElastiCacheBackend.iter_tagged_resources = _with_aws_types(ElastiCacheBackend.iter_tagged_resources)
