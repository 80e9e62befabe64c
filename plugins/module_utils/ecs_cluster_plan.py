# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.ecs_cluster, as pure functions: the options checked, the CreateCluster request,
what an existing cluster must change (its settings by UpdateCluster, its capacity providers by
PutClusterCapacityProviders), and the cluster as the modules return it.

Container Insights is compared as ECS reports it in the cluster's ``settings`` (``disabled`` when the setting is
absent), capacity providers as a set, and the default strategy as a set of (provider, weight, base) with ECS's
defaults (weight 0, base 0) spelled out. It imports nothing of botocore.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

CONTAINER_INSIGHTS = ["enabled", "enhanced", "disabled"]
DEFAULT_CONTAINER_INSIGHTS = "disabled"
# Cluster names: up to 255 letters, numbers, hyphens and underscores (CreateCluster).
NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
WEIGHT_RANGE = (0, 1000)
BASE_RANGE = (0, 100000)


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if not NAME.match(params["name"] or ""):
        problems.append(f"name must be 1 to 255 letters, numbers, hyphens and underscores, not {params['name']!r}.")
    strategy = params.get("default_capacity_provider_strategy") or []
    providers = params.get("capacity_providers")
    for index, item in enumerate(strategy):
        for key, (low, high) in (("weight", WEIGHT_RANGE), ("base", BASE_RANGE)):
            value = item.get(key)
            if value is not None and not low <= value <= high:
                problems.append(
                    f"default_capacity_provider_strategy[{index}].{key} must be from {low} to {high}, not {value}."
                )
        if providers is not None and item["capacity_provider"] not in providers:
            problems.append(
                f"default_capacity_provider_strategy[{index}].capacity_provider {item['capacity_provider']!r} must be"
                " one of capacity_providers."
            )
    if sum(1 for item in strategy if item.get("base")) > 1:
        problems.append("default_capacity_provider_strategy: only one capacity provider may have a base.")
    return problems


def strategy_to_api(strategy):
    return [
        {
            key: value
            for key, value in (
                ("capacityProvider", item["capacity_provider"]),
                ("weight", item.get("weight")),
                ("base", item.get("base")),
            )
            if value is not None
        }
        for item in strategy
    ]


def container_insights_of(cluster):
    """The cluster's containerInsights setting, 'disabled' when ECS reports none."""
    for setting in (cluster or {}).get("settings") or []:
        if setting.get("name") == "containerInsights":
            return setting.get("value") or DEFAULT_CONTAINER_INSIGHTS
    return DEFAULT_CONTAINER_INSIGHTS


def _canonical_strategy(items):
    return sorted((item["capacityProvider"], item.get("weight") or 0, item.get("base") or 0) for item in items or [])


def create_request(params):
    """The CreateCluster parameters (tags excluded: the caller adds them)."""
    request = {"clusterName": params["name"]}
    if params.get("container_insights") is not None:
        request["settings"] = [{"name": "containerInsights", "value": params["container_insights"]}]
    if params.get("capacity_providers") is not None:
        request["capacityProviders"] = list(params["capacity_providers"])
    if params.get("default_capacity_provider_strategy") is not None:
        request["defaultCapacityProviderStrategy"] = strategy_to_api(params["default_capacity_provider_strategy"])
    return request


def settings_request(cluster, params):
    """The UpdateCluster settings that bring Container Insights to what was asked; None when nothing differs."""
    wanted = params.get("container_insights")
    if wanted is None or wanted == container_insights_of(cluster):
        return None
    return [{"name": "containerInsights", "value": wanted}]


def capacity_providers_request(cluster, params):
    """The PutClusterCapacityProviders parameters (both lists, as the call requires them); None when neither the
    providers nor the default strategy differ. An option left unset keeps the cluster's value."""
    current_providers = list(cluster.get("capacityProviders") or [])
    current_strategy = list(cluster.get("defaultCapacityProviderStrategy") or [])
    providers = current_providers if params.get("capacity_providers") is None else list(params["capacity_providers"])
    strategy = current_strategy
    if params.get("default_capacity_provider_strategy") is not None:
        strategy = strategy_to_api(params["default_capacity_provider_strategy"])
    if sorted(providers) == sorted(current_providers) and _canonical_strategy(strategy) == _canonical_strategy(
        current_strategy
    ):
        return None
    return {"capacityProviders": providers, "defaultCapacityProviderStrategy": strategy}


def apply_changes(cluster, settings, providers):
    """The cluster as it is expected to be after the changes (check mode, diff)."""
    updated = deepcopy(cluster)
    if settings is not None:
        others = [setting for setting in updated.get("settings") or [] if setting.get("name") != "containerInsights"]
        updated["settings"] = others + deepcopy(settings)
    if providers is not None:
        updated.update(deepcopy(providers))
    return updated


def predicted_cluster(request):
    """A new cluster as it is expected to be, from its CreateCluster request."""
    cluster = {key: deepcopy(value) for key, value in request.items() if key != "clusterName"}
    cluster["clusterName"] = request["clusterName"]
    cluster["status"] = "ACTIVE"
    cluster.setdefault("capacityProviders", [])
    cluster.setdefault("defaultCapacityProviderStrategy", [])
    return cluster


def config_view(cluster, tags):
    """The settings the module manages and the tags, snake_case, for the diff ({} for no cluster)."""
    if not cluster:
        return {}
    return {
        "container_insights": container_insights_of(cluster),
        "capacity_providers": sorted(cluster.get("capacityProviders") or []),
        "default_capacity_provider_strategy": camel_dict_to_snake_dict(
            {"s": cluster.get("defaultCapacityProviderStrategy") or []}
        )["s"],
        "tags": dict(tags or {}),
    }


def cluster_to_result(cluster, tags):
    """A cluster as the modules return it: snake_case keys, tags as a dict, container_insights spelled out."""
    result = camel_dict_to_snake_dict({key: value for key, value in cluster.items() if key != "tags"})
    result["tags"] = dict(tags or {})
    result["container_insights"] = container_insights_of(cluster)
    return result
