#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_cluster_info
version_added: 0.7.0
short_description: Describe ECS clusters, with their settings, capacity providers and tags
description:
  - Describe the ECS clusters named, or every cluster of the account and region; C(INACTIVE) (deleted) clusters
    are left out.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  names:
    description:
      - The names or ARNs of the clusters. A cluster that does not exist is left out of the result.
      - Unset, every cluster is described.
    type: list
    elements: str
    aliases: ["clusters"]
notes:
  - The caller needs C(ecs:DescribeClusters), and C(ecs:ListClusters) without O(names).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the cluster
  appstack.aws.ecs_cluster_info:
    names: [shop-prod]
  register: cluster_info
"""

RETURN = r"""
clusters:
  description: The clusters found, sorted by name, as M(appstack.aws.ecs_cluster) returns one.
  returned: always
  type: list
  elements: dict
  contains:
    cluster_name:
      description: The name of the cluster.
      returned: always
      type: str
      sample: shop-prod
    cluster_arn:
      description: The ARN of the cluster.
      returned: always
      type: str
      sample: arn:aws:ecs:us-east-1:123456789012:cluster/shop-prod
    container_insights:
      description: The C(containerInsights) setting (V(disabled) when ECS reports none).
      returned: always
      type: str
      sample: enabled
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
      sample: [{"capacity_provider": "FARGATE", "weight": 1, "base": 0}]
    tags:
      description: The tags of the cluster.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs_cluster_plan import cluster_to_result
from ansible_collections.appstack.aws.plugins.module_utils.ecs_clusters import (
    DESCRIBE_BATCH,
    GONE_STATUSES,
    AnsibleECSError,
    describe_clusters,
    list_clusters,
    tags_from_api,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def find_clusters(client, names=None):
    """The clusters asked for (every one without names), as the module returns them, sorted by name."""
    if names is None:
        clusters = list_clusters(client)
    else:
        clusters = []
        for start in range(0, len(names), DESCRIBE_BATCH):
            clusters += describe_clusters(client, names[start : start + DESCRIBE_BATCH])
    found = [cluster for cluster in clusters if cluster.get("status") not in GONE_STATUSES]
    return [
        cluster_to_result(cluster, tags_from_api(cluster.get("tags")))
        for cluster in sorted(found, key=lambda cluster: cluster["clusterName"])
    ]


def main():
    argument_spec = dict(names=dict(type="list", elements="str", aliases=["clusters"]))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())
    try:
        clusters = find_clusters(client, module.params["names"])
    except AnsibleECSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, clusters=clusters)


if __name__ == "__main__":
    main()
