#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_cluster
version_added: 0.7.0
short_description: Manage an ECS cluster, its Container Insights setting and its capacity providers
description:
  - Create, update and delete an Amazon ECS cluster, with its Container Insights setting, its capacity providers
    (for example V(FARGATE) and V(FARGATE_SPOT)) and its default capacity provider strategy, and its tags.
  - Only the options given are compared with the cluster, in the form ECS reports them (capacity providers as a
    set, the strategy with ECS's defaults spelled out), and only what differs is sent.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the cluster, 1 to 255 letters, numbers, hyphens and underscores.
    type: str
    required: true
    aliases: ["cluster_name"]
  state:
    description:
      - Whether the cluster should exist. ECS refuses to delete a cluster that still has services or tasks.
    type: str
    choices: ["present", "absent"]
    default: present
  container_insights:
    description:
      - The C(containerInsights) setting of the cluster. V(enhanced) is Container Insights with enhanced
        observability. ECS reports V(disabled) when it was never set (and the account default is off).
      - Unset, the cluster's setting is kept.
    type: str
    choices: ["enabled", "enhanced", "disabled"]
  capacity_providers:
    description:
      - The capacity providers the cluster may use, for example V([FARGATE, FARGATE_SPOT]). Their order does not
        matter; the list replaces the cluster's.
      - Unset, the cluster's providers are kept.
    type: list
    elements: str
  default_capacity_provider_strategy:
    description:
      - The strategy a service or task gets when it names neither a launch type nor a strategy. Each provider must
        be in O(capacity_providers). Unset, the cluster's strategy is kept; V([]) removes it.
    type: list
    elements: dict
    suboptions:
      capacity_provider:
        description: The capacity provider.
        type: str
        required: true
      weight:
        description: The relative share of tasks it runs, 0 to 1000. ECS uses 0 when it is never set.
        type: int
      base:
        description: The tasks it runs at least, 0 to 100000; only one provider may have a base.
        type: int
notes:
  - This module replaces M(community.aws.ecs_cluster). In community.aws 10.0.0 that module cannot set Container
    Insights or any cluster setting, has no tags, purges the capacity providers whenever the option is left out,
    compares the strategy without ECS's defaults, and returns nothing in check mode.
  - Creating, updating and deleting a Fargate cluster is synchronous, so the module has nothing to wait for.
  - The caller needs C(ecs:DescribeClusters), C(ecs:CreateCluster), C(ecs:UpdateCluster),
    C(ecs:PutClusterCapacityProviders), C(ecs:DeleteCluster), C(ecs:TagResource) and C(ecs:UntagResource).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the cluster with Container Insights and the Fargate capacity providers
  appstack.aws.ecs_cluster:
    name: shop-prod
    container_insights: enabled
    capacity_providers: [FARGATE, FARGATE_SPOT]
    default_capacity_provider_strategy:
      - capacity_provider: FARGATE
        weight: 1
        base: 1
    tags:
      Environment: prod

- name: Delete a cluster (its services must be deleted first)
  appstack.aws.ecs_cluster:
    name: shop-dev
    state: absent
"""

RETURN = r"""
cluster:
  description:
    - The cluster, with the keys of C(DescribeClusters) in snake_case and its tags as a dict.
    - In check mode, the cluster as it would be; a new cluster's ARN is then missing.
  returned: when O(state=present)
  type: dict
  contains:
    cluster_name:
      description: The name of the cluster.
      returned: always
      type: str
      sample: shop-prod
    cluster_arn:
      description: The ARN of the cluster.
      returned: when the cluster exists
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:cluster/shop-prod
    status:
      description: The status of the cluster.
      returned: always
      type: str
      sample: ACTIVE
    container_insights:
      description: The C(containerInsights) setting (V(disabled) when ECS reports none).
      returned: always
      type: str
      sample: enabled
    settings:
      description: The settings of the cluster, as ECS reports them.
      returned: when set
      type: list
      elements: dict
      sample: [{"name": "containerInsights", "value": "enabled"}]
    capacity_providers:
      description: The capacity providers of the cluster.
      returned: always
      type: list
      elements: str
      sample: ["FARGATE", "FARGATE_SPOT"]
    default_capacity_provider_strategy:
      description: The default capacity provider strategy.
      returned: always
      type: list
      elements: dict
      sample: [{"capacity_provider": "FARGATE", "weight": 1, "base": 1}]
    active_services_count:
      description: The number of active services in the cluster.
      returned: when the cluster exists
      type: int
      sample: 1
    tags:
      description: The tags of the cluster.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs_cluster_plan import (
    CONTAINER_INSIGHTS,
    apply_changes,
    capacity_providers_request,
    cluster_to_result,
    config_view,
    create_request,
    predicted_cluster,
    settings_request,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.ecs_clusters import (
    AnsibleECSError,
    create_cluster,
    delete_cluster,
    get_cluster,
    put_capacity_providers,
    tag_resource,
    tags_from_api,
    untag_resource,
    update_cluster_settings,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def ensure_present(client, current, params, check_mode):
    """Bring the cluster to what params ask for.

    :param current: the cluster as DescribeClusters returns it, None when there is none
    :return: (changed, (the cluster as it is expected to be, its tags))
    """
    if current is None:
        request = create_request(params)
        tags = plan_tags({}, params["tags"], True).result
        if check_mode:
            return True, (predicted_cluster(request), tags)
        return True, (create_cluster(client, request, tags), tags)

    settings = settings_request(current, params)
    providers = capacity_providers_request(current, params)
    cluster = apply_changes(current, settings, providers)
    if not check_mode:
        if settings is not None:
            cluster = update_cluster_settings(client, params["name"], settings)
        if providers is not None:
            cluster = put_capacity_providers(client, params["name"], providers)
    tags_changed, tagged = ensure_tags(
        {"tags": tags_from_api(current.get("tags"))},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(tag_resource, client, current["clusterArn"]),
        untag=partial(untag_resource, client, current["clusterArn"]),
    )
    changed = settings is not None or providers is not None or tags_changed
    return changed, (cluster, tagged["tags"])


def ensure_absent(client, current, params, check_mode):
    """Delete the cluster. Returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        delete_cluster(client, params["name"])
    return True, None


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["cluster_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        container_insights=dict(type="str", choices=CONTAINER_INSIGHTS),
        capacity_providers=dict(type="list", elements="str"),
        default_capacity_provider_strategy=dict(
            type="list",
            elements="dict",
            options=dict(
                capacity_provider=dict(type="str", required=True), weight=dict(type="int"), base=dict(type="int")
            ),
        ),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    after = {}
    try:
        current = get_cluster(client, params["name"])
        if params["state"] == "absent":
            changed, _ = ensure_absent(client, current, params, module.check_mode)
        else:
            changed, (cluster, tags) = ensure_present(client, current, params, module.check_mode)
            after = config_view(cluster, tags)
            if changed and not module.check_mode:
                cluster = get_cluster(client, params["name"]) or cluster
                tags = tags_from_api(cluster.get("tags")) if "tags" in cluster else tags
            result["cluster"] = cluster_to_result(cluster, tags)
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": config_view(current, tags_from_api((current or {}).get("tags"))), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
