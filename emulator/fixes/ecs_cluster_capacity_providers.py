"""ECS clusters always report ``capacityProviders`` and ``defaultCapacityProviderStrategy``.

AWS: the ``Cluster`` returned by ``CreateCluster``, ``DescribeClusters`` and
the other cluster calls always carries ``capacityProviders`` and
``defaultCapacityProviderStrategy``, as empty lists when none are set
(https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Cluster.html).

Moto 5.2.5 leaves both out unless they were passed in, and community.aws
``ecs_cluster``, which reads ``existing["capacityProviders"]`` to compare them,
fails with a KeyError on an existing cluster.
"""

from __future__ import annotations

from typing import Any

from moto.ecs.models import Cluster


def _list_property(attribute: str) -> property:
    def get(self: Cluster) -> list[Any]:
        return getattr(self, attribute, None) or []

    def set_(self: Cluster, value: list[Any] | None) -> None:
        setattr(self, attribute, value)

    return property(get, set_)


def apply() -> None:
    Cluster.capacity_providers = _list_property("_capacity_providers")
    Cluster.default_capacity_provider_strategy = _list_property("_default_capacity_provider_strategy")
