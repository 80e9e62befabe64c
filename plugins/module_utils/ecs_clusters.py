# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS cluster helpers shared by appstack.aws.ecs_cluster and its _info twin.

Every API helper expects a client created with ``module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleECSError. Clusters are read with one DescribeClusters call that includes their settings and tags
(ECS leaves both out unless asked). Creating, updating and deleting a cluster are synchronous for Fargate: there is
nothing to wait for. The planning is in ``ecs_cluster_plan.py``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs import (  # noqa: F401 (the modules import them here)
    AnsibleECSError,
    ECSErrorHandler,
    tag_resource,
    tags_from_api,
    tags_to_api,
    untag_resource,
)

# A cluster that was deleted stays listed, INACTIVE, for a while (API_Cluster.html, status).
GONE_STATUSES = ("INACTIVE",)
DESCRIBE_BATCH = 100


class ECSClusterErrorHandler(ECSErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ClusterNotFoundException")


@ECSErrorHandler.list_error_handler("describe clusters", [])
@AWSRetry.jittered_backoff()
def describe_clusters(client, names):
    """The clusters named (a name missing is left out), with their settings and tags, dates as strings."""
    response = client.describe_clusters(clusters=list(names), include=["SETTINGS", "TAGS"])
    return normalize_boto3_result(response.get("clusters", []))


def get_cluster(client, name):
    """The cluster named, as DescribeClusters returns it; None when there is none or it is INACTIVE."""
    for cluster in describe_clusters(client, [name]):
        if cluster.get("clusterName") == name.split("/")[-1] and cluster.get("status") not in GONE_STATUSES:
            return cluster
    return None


@ECSErrorHandler.list_error_handler("list clusters", [])
@AWSRetry.jittered_backoff()
def list_cluster_arns(client):
    return client.get_paginator("list_clusters").paginate().build_full_result().get("clusterArns", [])


def list_clusters(client):
    """Every cluster of the account and region, with settings and tags."""
    arns = list_cluster_arns(client)
    clusters = []
    for start in range(0, len(arns), DESCRIBE_BATCH):
        clusters += describe_clusters(client, arns[start : start + DESCRIBE_BATCH])
    return clusters


@ECSErrorHandler.common_error_handler("create cluster")
def create_cluster(client, request, tags=None):
    params = dict(request)
    if tags:
        params["tags"] = tags_to_api(tags)
    return normalize_boto3_result(client.create_cluster(aws_retry=True, **params)["cluster"])


@ECSErrorHandler.common_error_handler("update cluster settings")
def update_cluster_settings(client, name, settings):
    return normalize_boto3_result(client.update_cluster(aws_retry=True, cluster=name, settings=settings)["cluster"])


@ECSErrorHandler.common_error_handler("put cluster capacity providers")
def put_capacity_providers(client, name, request):
    response = client.put_cluster_capacity_providers(aws_retry=True, cluster=name, **request)
    return normalize_boto3_result(response["cluster"])


@ECSClusterErrorHandler.deletion_error_handler("delete cluster")
def delete_cluster(client, name):
    client.delete_cluster(aws_retry=True, cluster=name)
    return True
