# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Every resource of one environment, found by its tags, and how each kind is deleted.

An environment's resources carry the tags every role sets: ``Application``, ``Environment`` and
``ManagedBy=appstack.aws``. Each kind below lists its resources with its own service's API (not the Resource
Groups Tagging API, which lags behind deletions and does not cover every kind), keeps those that carry the three
tags, and knows how to delete one and when it is gone. The few kinds AWS cannot tag (CloudFront's policies,
functions and origin access controls, CloudWatch dashboards) are matched by name: exactly ``<app>-<env>``
(any case), or starting with ``<app>-<env>-`` or ``<app>-frontend-<env>``, as the roles name them.

Kinds are grouped in phases, deleted in this order, each phase waiting until its resources are gone before the
next starts: what runs on the network and the data goes before them.

    app        App Runner and ECS services, their configurations, load balancers, image repository
    edge       CloudFront distributions (disabled, then deleted), their policies, the frontend buckets
    monitoring alarms, dashboard, budget, alert topics
    data       RDS proxy, then the DB instance and the cache (final snapshots), their groups, secrets
    network    NAT gateways, their addresses, flow logs, endpoints, security groups, subnets, routes, VPC
    account    IAM roles and policies, log groups, the published outputs (SSM), the KMS key (scheduled); the
               account's OIDC provider, which every environment shares, is listed as kept
"""

import functools
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import ClientError

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

PHASES = ("app", "edge", "monitoring", "data", "network", "account")
# Errors that mean a resource is already gone.
NOT_FOUND = (
    "ResourceNotFoundException",
    "NoSuchEntity",
    "NoSuchBucket",
    "NoSuchDistribution",
    "NoSuchCachePolicy",
    "NoSuchResponseHeadersPolicy",
    "NoSuchOriginRequestPolicy",
    "NoSuchOriginAccessControl",
    "NoSuchFunctionExists",
    "NoSuchCloudFrontOriginAccessIdentity",
    "DBInstanceNotFound",
    "DBInstanceNotFoundFault",
    "DBProxyNotFoundFault",
    "DBSubnetGroupNotFoundFault",
    "DBParameterGroupNotFound",
    "ReplicationGroupNotFoundFault",
    "CacheSubnetGroupNotFoundFault",
    "CacheParameterGroupNotFound",
    "LoadBalancerNotFound",
    "TargetGroupNotFound",
    "RepositoryNotFoundException",
    "NotFoundException",
    "ParameterNotFound",
    "InvalidNatGatewayID.NotFound",
    "InvalidAllocationID.NotFound",
    "InvalidGroup.NotFound",
    "InvalidSubnetID.NotFound",
    "InvalidRouteTableID.NotFound",
    "InvalidInternetGatewayID.NotFound",
    "InvalidVpcID.NotFound",
    "InvalidVpcEndpointId.NotFound",
    "InvalidFlowLogId.NotFound",
    "ClusterNotFoundException",
    "ServiceNotFoundException",
)
# Errors that mean a resource cannot be deleted yet, because something that AWS is still removing uses it:
# retried until the phase's timeout.
NOT_YET = (
    "DependencyViolation",
    "ResourceInUse",
    "ResourceInUseException",
    "InvalidStateException",
    "InvalidDBInstanceState",
    "InvalidDBProxyStateFault",
    "InvalidDBSubnetGroupStateFault",
    "InvalidReplicationGroupState",
    "InvalidCacheSubnetGroupState",
    "InvalidCacheParameterGroupState",
    "CacheSubnetGroupInUse",
    "DistributionNotDisabled",
    "PreconditionFailed",
    "CachePolicyInUse",
    "ResponseHeadersPolicyInUse",
    "OriginRequestPolicyInUse",
    "OriginAccessControlInUse",
    "FunctionInUse",
    "IllegalDelete",
    "InvalidParameterValue",
    "OperationAbortedException",
    "InvalidDBParameterGroupState",
    "ClusterContainsServicesException",
    "ClusterContainsTasksException",
    "Conflict",
    "InvalidParameterException",
    "DeleteConflict",
)


class RetryingClient:
    """A boto3 client whose every API call is retried by AWSRetry (throttling, transient errors); paginators
    rely on the client's own retry configuration (aws_config)."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in ("get_paginator", "can_paginate", "get_waiter", "meta", "exceptions") or not callable(attribute):
            return attribute
        return functools.partial(attribute, aws_retry=True)


def client_factory(module):
    """clients(service, region=None): one retrying client per service and Region, made when first asked for."""
    clients = {}

    def clients_of(service, region=None):
        key = (service, region)
        if key not in clients:
            retry = AWSRetry.jittered_backoff(retries=10)
            extra = {"region": region} if region else {}
            clients[key] = RetryingClient(module.client(service, retry_decorator=retry, **extra))
        return clients[key]

    return clients_of


@dataclass
class Resource:
    """One resource of the environment: its kind, the identifier its delete call takes, a name for people."""

    kind: str
    id: str
    name: str = ""
    arn: str = ""
    detail: dict = field(default_factory=dict)

    def to_result(self):
        phase = KINDS_BY_NAME[self.kind].phase if self.kind in KINDS_BY_NAME else ""
        return {"kind": self.kind, "id": self.id, "name": self.name or self.id, "arn": self.arn, "phase": phase}


@dataclass
class Settings:
    """What the teardown was asked to do."""

    app: str
    environment: str
    final_snapshot: bool = False
    disable_deletion_protection: bool = False
    keep_log_groups: bool = False
    secret_recovery_days: int = 0
    kms_pending_days: int = 7
    extra_names: tuple = ()
    # The subtree where the outputs are published (group_vars appstack_outputs_parameter_path).
    parameter_path: str = ""
    now: str = ""

    @property
    def tags(self):
        return {"Application": self.app, "Environment": self.environment, "ManagedBy": "appstack.aws"}

    @property
    def stamp(self):
        return self.now or datetime.now(UTC).strftime("%Y%m%d%H%M")


class Finder:
    """Lists the environment's resources of each kind, with one client per service."""

    def __init__(self, clients, settings, region, account_id="", partition="aws"):
        # clients(service, region=None) -> a boto3 client with retries.
        self.clients = clients
        self.settings = settings
        self.region = region
        self.account_id = account_id
        self.partition = partition

    def client(self, service, region=None):
        return self.clients(service, region)

    def ours(self, tags):
        tags = tags if isinstance(tags, dict) else boto3_tag_list_to_ansible_dict(tags or [])
        return all(tags.get(key) == value for key, value in self.settings.tags.items())

    def named_ours(self, name):
        """A resource AWS cannot tag: is its name one the roles give this environment's resources?"""
        base = f"{self.settings.app}-{self.settings.environment}"
        frontend = f"{self.settings.app}-frontend-{self.settings.environment}"
        lowered = (name or "").lower()
        return (
            lowered == base.lower()
            or lowered.startswith(base.lower() + "-")
            or lowered.startswith(frontend.lower())
            or name in self.settings.extra_names
        )


def paginate(client, operation, key, **kwargs):
    """Every item under key (dotted) of every page of operation; by NextToken where botocore has no paginator
    (App Runner)."""
    items = []
    for page in _pages(client, operation, kwargs):
        value = page
        for part in key.split("."):
            value = value.get(part, {}) if isinstance(value, dict) else {}
        items.extend(value or [])
    return items


def _pages(client, operation, kwargs):
    if client.can_paginate(operation):
        yield from client.get_paginator(operation).paginate(**kwargs)
        return
    token = None
    while True:
        page = getattr(client, operation)(**kwargs, **({"NextToken": token} if token else {}))
        yield page
        token = page.get("NextToken")
        if not token:
            return


def not_found(describe, **kwargs):
    """Whether describe(**kwargs) answers that the resource does not exist (any other error is raised)."""
    try:
        describe(**kwargs)
    except ClientError as e:
        if error_code(e) in NOT_FOUND:
            return True
        raise
    return False


def error_code(error):
    return error.response.get("Error", {}).get("Code", "") if isinstance(error, ClientError) else ""


# ---------------------------------------------------------------------------------------------------------------
# app
# ---------------------------------------------------------------------------------------------------------------


def find_apprunner_services(finder):
    apprunner = finder.client("apprunner")
    found = []
    for summary in paginate(apprunner, "list_services", "ServiceSummaryList"):
        if summary.get("Status") in ("DELETED",):
            continue
        tags = apprunner.list_tags_for_resource(ResourceArn=summary["ServiceArn"]).get("Tags", [])
        if finder.ours(tags):
            found.append(
                Resource("apprunner_service", summary["ServiceArn"], summary["ServiceName"], summary["ServiceArn"])
            )
    return found


def delete_apprunner_service(finder, resource):
    finder.client("apprunner").delete_service(ServiceArn=resource.id)


def apprunner_service_gone(finder, resource):
    try:
        service = finder.client("apprunner").describe_service(ServiceArn=resource.id)["Service"]
    except ClientError as e:
        if error_code(e) in NOT_FOUND:
            return True
        raise
    return service.get("Status") == "DELETED"


def _find_apprunner_configurations(finder, kind, operation, key, arn_key, name_key):
    apprunner = finder.client("apprunner")
    found = []
    for summary in paginate(apprunner, operation, key):
        if summary.get("Status") == "INACTIVE" or summary.get(name_key) == "DefaultConfiguration":
            continue
        tags = apprunner.list_tags_for_resource(ResourceArn=summary[arn_key]).get("Tags", [])
        if finder.ours(tags):
            found.append(Resource(kind, summary[arn_key], summary.get(name_key, ""), summary[arn_key]))
    return found


def find_apprunner_vpc_connectors(finder):
    return _find_apprunner_configurations(
        finder, "apprunner_vpc_connector", "list_vpc_connectors", "VpcConnectors", "VpcConnectorArn", "VpcConnectorName"
    )


def find_apprunner_auto_scaling_configurations(finder):
    return _find_apprunner_configurations(
        finder,
        "apprunner_auto_scaling_configuration",
        "list_auto_scaling_configurations",
        "AutoScalingConfigurationSummaryList",
        "AutoScalingConfigurationArn",
        "AutoScalingConfigurationName",
    )


def find_apprunner_observability_configurations(finder):
    return _find_apprunner_configurations(
        finder,
        "apprunner_observability_configuration",
        "list_observability_configurations",
        "ObservabilityConfigurationSummaryList",
        "ObservabilityConfigurationArn",
        "ObservabilityConfigurationName",
    )


def delete_apprunner_vpc_connector(finder, resource):
    finder.client("apprunner").delete_vpc_connector(VpcConnectorArn=resource.id)


def delete_apprunner_auto_scaling_configuration(finder, resource):
    finder.client("apprunner").delete_auto_scaling_configuration(AutoScalingConfigurationArn=resource.id)


def delete_apprunner_observability_configuration(finder, resource):
    finder.client("apprunner").delete_observability_configuration(ObservabilityConfigurationArn=resource.id)


def find_ecs_clusters(finder):
    ecs = finder.client("ecs")
    arns = paginate(ecs, "list_clusters", "clusterArns")
    found = []
    for start in range(0, len(arns), 100):
        for cluster in ecs.describe_clusters(clusters=arns[start : start + 100], include=["TAGS"])["clusters"]:
            if cluster.get("status") != "INACTIVE" and finder.ours(_ecs_tags(cluster)):
                found.append(
                    Resource("ecs_cluster", cluster["clusterArn"], cluster["clusterName"], cluster["clusterArn"])
                )
    return found


def _ecs_tags(described):
    return {tag["key"]: tag["value"] for tag in described.get("tags", [])}


def find_ecs_services(finder):
    ecs = finder.client("ecs")
    found = []
    for cluster in find_ecs_clusters(finder):
        arns = paginate(ecs, "list_services", "serviceArns", cluster=cluster.id)
        for start in range(0, len(arns), 10):
            described = ecs.describe_services(cluster=cluster.id, services=arns[start : start + 10], include=["TAGS"])
            for service in described["services"]:
                if service.get("status") != "INACTIVE" and finder.ours(_ecs_tags(service)):
                    found.append(
                        Resource(
                            "ecs_service",
                            service["serviceArn"],
                            service["serviceName"],
                            service["serviceArn"],
                            {"cluster": cluster.id},
                        )
                    )
    return found


def delete_ecs_service(finder, resource):
    finder.client("ecs").delete_service(cluster=resource.detail["cluster"], service=resource.id, force=True)


def ecs_service_gone(finder, resource):
    described = finder.client("ecs").describe_services(cluster=resource.detail["cluster"], services=[resource.id])
    return all(service.get("status") == "INACTIVE" for service in described["services"])


def find_scalable_targets(finder):
    """The ECS services' Application Auto Scaling targets, which outlive their service unless deregistered."""
    autoscaling = finder.client("application-autoscaling")
    clusters = {cluster.name for cluster in find_ecs_clusters(finder)}
    found = []
    for target in paginate(autoscaling, "describe_scalable_targets", "ScalableTargets", ServiceNamespace="ecs"):
        parts = target["ResourceId"].split("/")
        if len(parts) == 3 and parts[1] in clusters:
            found.append(
                Resource(
                    "scalable_target",
                    target["ResourceId"],
                    target["ResourceId"],
                    target.get("ScalableTargetARN", ""),
                    {"dimension": target["ScalableDimension"]},
                )
            )
    return found


def delete_scalable_target(finder, resource):
    finder.client("application-autoscaling").deregister_scalable_target(
        ServiceNamespace="ecs", ResourceId=resource.id, ScalableDimension=resource.detail["dimension"]
    )


def find_ecs_task_definitions(finder):
    """The environment's task definitions, every revision still registered: deregistered, then deleted (an INACTIVE
    revision stays listed, with its tags, until it is deleted). Families are listed by the application's prefix
    (ListTaskDefinitions' familyPrefix takes a whole family name)."""
    ecs = finder.client("ecs")
    found = []
    families = paginate(
        ecs, "list_task_definition_families", "families", familyPrefix=finder.settings.app, status="ALL"
    )
    for family in families:
        for status in ("ACTIVE", "INACTIVE"):
            for arn in paginate(ecs, "list_task_definitions", "taskDefinitionArns", familyPrefix=family, status=status):
                described = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
                if finder.ours(_ecs_tags(described)):
                    found.append(Resource("ecs_task_definition", arn, arn.rsplit("/", 1)[-1], arn, {"status": status}))
    return found


def delete_ecs_task_definition(finder, resource):
    ecs = finder.client("ecs")
    if resource.detail.get("status") == "ACTIVE":
        ecs.deregister_task_definition(taskDefinition=resource.id)
    ecs.delete_task_definitions(taskDefinitions=[resource.id])


def delete_ecs_cluster(finder, resource):
    finder.client("ecs").delete_cluster(cluster=resource.id)


def ecs_cluster_gone(finder, resource):
    clusters = finder.client("ecs").describe_clusters(clusters=[resource.id])["clusters"]
    return all(cluster.get("status") == "INACTIVE" for cluster in clusters)


def _elbv2_tagged(finder, arns):
    elbv2 = finder.client("elbv2")
    tagged = set()
    for start in range(0, len(arns), 20):
        for description in elbv2.describe_tags(ResourceArns=arns[start : start + 20])["TagDescriptions"]:
            if finder.ours(description.get("Tags", [])):
                tagged.add(description["ResourceArn"])
    return tagged


def find_load_balancers(finder):
    elbv2 = finder.client("elbv2")
    balancers = paginate(elbv2, "describe_load_balancers", "LoadBalancers")
    ours = _elbv2_tagged(finder, [balancer["LoadBalancerArn"] for balancer in balancers])
    found = []
    for balancer in balancers:
        if balancer["LoadBalancerArn"] not in ours:
            continue
        attributes = elbv2.describe_load_balancer_attributes(LoadBalancerArn=balancer["LoadBalancerArn"])
        protected = any(
            item["Key"] == "deletion_protection.enabled" and item["Value"] == "true"
            for item in attributes["Attributes"]
        )
        found.append(
            Resource(
                "load_balancer",
                balancer["LoadBalancerArn"],
                balancer["LoadBalancerName"],
                balancer["LoadBalancerArn"],
                {"deletion_protection": protected},
            )
        )
    return found


def delete_load_balancer(finder, resource):
    elbv2 = finder.client("elbv2")
    if resource.detail.get("deletion_protection"):
        elbv2.modify_load_balancer_attributes(
            LoadBalancerArn=resource.id, Attributes=[{"Key": "deletion_protection.enabled", "Value": "false"}]
        )
    elbv2.delete_load_balancer(LoadBalancerArn=resource.id)


def load_balancer_gone(finder, resource):
    return not_found(finder.client("elbv2").describe_load_balancers, LoadBalancerArns=[resource.id])


def find_target_groups(finder):
    elbv2 = finder.client("elbv2")
    groups = paginate(elbv2, "describe_target_groups", "TargetGroups")
    ours = _elbv2_tagged(finder, [group["TargetGroupArn"] for group in groups])
    return [
        Resource("target_group", group["TargetGroupArn"], group["TargetGroupName"], group["TargetGroupArn"])
        for group in groups
        if group["TargetGroupArn"] in ours
    ]


def delete_target_group(finder, resource):
    finder.client("elbv2").delete_target_group(TargetGroupArn=resource.id)


def find_ecr_repositories(finder):
    ecr = finder.client("ecr")
    found = []
    for repository in paginate(ecr, "describe_repositories", "repositories"):
        tags = ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"]).get("tags", [])
        if finder.ours(tags):
            found.append(
                Resource(
                    "ecr_repository",
                    repository["repositoryName"],
                    repository["repositoryName"],
                    repository["repositoryArn"],
                )
            )
    return found


def delete_ecr_repository(finder, resource):
    # force: with its images; they were built for this environment's repository.
    finder.client("ecr").delete_repository(repositoryName=resource.id, force=True)


# ---------------------------------------------------------------------------------------------------------------
# edge
# ---------------------------------------------------------------------------------------------------------------


def find_distributions(finder):
    cloudfront = finder.client("cloudfront")
    found = []
    for summary in paginate(cloudfront, "list_distributions", "DistributionList.Items"):
        tags = cloudfront.list_tags_for_resource(Resource=summary["ARN"])["Tags"].get("Items", [])
        if finder.ours(tags):
            found.append(
                Resource(
                    "cloudfront_distribution",
                    summary["Id"],
                    summary.get("Comment") or summary["DomainName"],
                    summary["ARN"],
                    {"references": _distribution_references(summary)},
                )
            )
    return found


def _distribution_references(summary):
    """The ids of the policies, functions and origin access controls the distribution uses: they can be deleted
    only once it is gone, and are this environment's even if their names are not the usual ones."""
    behaviors = [summary.get("DefaultCacheBehavior", {}), *summary.get("CacheBehaviors", {}).get("Items", [])]
    references = set()
    for behavior in behaviors:
        for key in ("CachePolicyId", "OriginRequestPolicyId", "ResponseHeadersPolicyId"):
            if behavior.get(key):
                references.add(behavior[key])
        for association in behavior.get("FunctionAssociations", {}).get("Items", []):
            references.add(association["FunctionARN"].rsplit("/", 1)[-1])
    for origin in summary.get("Origins", {}).get("Items", []):
        if origin.get("OriginAccessControlId"):
            references.add(origin["OriginAccessControlId"])
        identity = origin.get("S3OriginConfig", {}).get("OriginAccessIdentity", "")
        if identity:
            references.add(identity.rsplit("/", 1)[-1])
    return sorted(references)


def delete_distribution(finder, resource):
    """Disable the distribution (CloudFront deletes only disabled, deployed ones), then delete it once deployed."""
    cloudfront = finder.client("cloudfront")
    current = cloudfront.get_distribution_config(Id=resource.id)
    config = current["DistributionConfig"]
    if config["Enabled"]:
        config["Enabled"] = False
        cloudfront.update_distribution(Id=resource.id, IfMatch=current["ETag"], DistributionConfig=config)
        resource.detail["disabled_now"] = True
        raise NotYet("being disabled")
    distribution = cloudfront.get_distribution(Id=resource.id)
    if distribution["Distribution"]["Status"] != "Deployed":
        raise NotYet("being disabled")
    cloudfront.delete_distribution(Id=resource.id, IfMatch=distribution["ETag"])


def distribution_gone(finder, resource):
    return not_found(finder.client("cloudfront").get_distribution, Id=resource.id)


def _referenced(finder):
    """The ids the environment's distributions use (read once per phase)."""
    cached = getattr(finder, "_references", None)
    if cached is None:
        cached = set()
        for distribution in find_distributions(finder):
            cached.update(distribution.detail["references"])
        finder._references = cached
    return cached


def _cloudfront_policies(finder, kind, operation, list_key, item_key, config_key):
    cloudfront = finder.client("cloudfront")
    found = []
    listing = getattr(cloudfront, operation)(Type="custom")[list_key].get("Items", [])
    for item in listing:
        policy = item[item_key]
        name = policy[config_key]["Name"]
        if finder.named_ours(name) or policy["Id"] in _referenced(finder):
            found.append(Resource(kind, policy["Id"], name))
    return found


def find_cache_policies(finder):
    return _cloudfront_policies(
        finder, "cloudfront_cache_policy", "list_cache_policies", "CachePolicyList", "CachePolicy", "CachePolicyConfig"
    )


def find_response_headers_policies(finder):
    return _cloudfront_policies(
        finder,
        "cloudfront_response_headers_policy",
        "list_response_headers_policies",
        "ResponseHeadersPolicyList",
        "ResponseHeadersPolicy",
        "ResponseHeadersPolicyConfig",
    )


def find_origin_request_policies(finder):
    return _cloudfront_policies(
        finder,
        "cloudfront_origin_request_policy",
        "list_origin_request_policies",
        "OriginRequestPolicyList",
        "OriginRequestPolicy",
        "OriginRequestPolicyConfig",
    )


def delete_cache_policy(finder, resource):
    cloudfront = finder.client("cloudfront")
    cloudfront.delete_cache_policy(Id=resource.id, IfMatch=cloudfront.get_cache_policy(Id=resource.id)["ETag"])


def delete_response_headers_policy(finder, resource):
    cloudfront = finder.client("cloudfront")
    etag = cloudfront.get_response_headers_policy(Id=resource.id)["ETag"]
    cloudfront.delete_response_headers_policy(Id=resource.id, IfMatch=etag)


def delete_origin_request_policy(finder, resource):
    cloudfront = finder.client("cloudfront")
    etag = cloudfront.get_origin_request_policy(Id=resource.id)["ETag"]
    cloudfront.delete_origin_request_policy(Id=resource.id, IfMatch=etag)


def find_cloudfront_functions(finder):
    cloudfront = finder.client("cloudfront")
    names = {}
    for function in cloudfront.list_functions().get("FunctionList", {}).get("Items", []):
        name = function["Name"]
        if finder.named_ours(name) or name in _referenced(finder):
            names[name] = function.get("FunctionMetadata", {}).get("FunctionARN", "")
    return [Resource("cloudfront_function", name, name, arn) for name, arn in sorted(names.items())]


def delete_cloudfront_function(finder, resource):
    cloudfront = finder.client("cloudfront")
    etag = cloudfront.describe_function(Name=resource.id)["ETag"]
    cloudfront.delete_function(Name=resource.id, IfMatch=etag)


def find_origin_access_controls(finder):
    cloudfront = finder.client("cloudfront")
    found = []
    for control in cloudfront.list_origin_access_controls()["OriginAccessControlList"].get("Items", []):
        if finder.named_ours(control["Name"]) or control["Id"] in _referenced(finder):
            found.append(Resource("cloudfront_origin_access_control", control["Id"], control["Name"]))
    return found


def delete_origin_access_control(finder, resource):
    cloudfront = finder.client("cloudfront")
    etag = cloudfront.get_origin_access_control(Id=resource.id)["ETag"]
    cloudfront.delete_origin_access_control(Id=resource.id, IfMatch=etag)


def find_origin_access_identities(finder):
    cloudfront = finder.client("cloudfront")
    found = []
    listing = cloudfront.list_cloud_front_origin_access_identities()["CloudFrontOriginAccessIdentityList"]
    for identity in listing.get("Items", []):
        if identity["Id"] in _referenced(finder):
            found.append(Resource("cloudfront_origin_access_identity", identity["Id"], identity.get("Comment", "")))
    return found


def delete_origin_access_identity(finder, resource):
    cloudfront = finder.client("cloudfront")
    etag = cloudfront.get_cloud_front_origin_access_identity(Id=resource.id)["ETag"]
    cloudfront.delete_cloud_front_origin_access_identity(Id=resource.id, IfMatch=etag)


def find_buckets(finder):
    """The environment's buckets, those that receive the others' access logs last."""
    s3 = finder.client("s3")
    found = []
    for bucket in s3.list_buckets().get("Buckets", []):
        try:
            tags = s3.get_bucket_tagging(Bucket=bucket["Name"]).get("TagSet", [])
        except ClientError as e:
            if error_code(e) in ("NoSuchTagSet", "NoSuchBucket", *NOT_FOUND):
                continue
            raise
        if finder.ours(tags):
            found.append(Resource("s3_bucket", bucket["Name"], bucket["Name"], f"arn:aws:s3:::{bucket['Name']}"))
    log_targets = set()
    for bucket in found:
        logging = s3.get_bucket_logging(Bucket=bucket.id).get("LoggingEnabled") or {}
        log_targets.add(logging.get("TargetBucket"))
    return sorted(found, key=lambda bucket: bucket.id in log_targets)


def delete_bucket(finder, resource):
    """Empty the bucket, every version and delete marker, then delete it."""
    s3 = finder.client("s3")
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=resource.id):
        objects = [
            {"Key": item["Key"], "VersionId": item["VersionId"]}
            for item in page.get("Versions", []) + page.get("DeleteMarkers", [])
        ]
        for start in range(0, len(objects), 1000):
            s3.delete_objects(Bucket=resource.id, Delete={"Objects": objects[start : start + 1000], "Quiet": True})
        resource.detail["objects_deleted"] = resource.detail.get("objects_deleted", 0) + len(objects)
    for upload in paginate(s3, "list_multipart_uploads", "Uploads", Bucket=resource.id):
        s3.abort_multipart_upload(Bucket=resource.id, Key=upload["Key"], UploadId=upload["UploadId"])
    s3.delete_bucket(Bucket=resource.id)


def find_certificates(finder):
    """The environment's ACM certificates, in its Region and in us-east-1 (where CloudFront's must be)."""
    found = []
    for region in sorted({finder.region, "us-east-1"}):
        acm = finder.client("acm", region)
        for summary in paginate(acm, "list_certificates", "CertificateSummaryList"):
            tags = acm.list_tags_for_certificate(CertificateArn=summary["CertificateArn"]).get("Tags", [])
            if finder.ours(tags):
                found.append(
                    Resource(
                        "acm_certificate",
                        summary["CertificateArn"],
                        summary.get("DomainName", ""),
                        summary["CertificateArn"],
                        {"region": region},
                    )
                )
    return found


def delete_certificate(finder, resource):
    finder.client("acm", resource.detail["region"]).delete_certificate(CertificateArn=resource.id)


# ---------------------------------------------------------------------------------------------------------------
# monitoring
# ---------------------------------------------------------------------------------------------------------------


def find_alarms(finder):
    cloudwatch = finder.client("cloudwatch")
    found = []
    for page in cloudwatch.get_paginator("describe_alarms").paginate(AlarmTypes=["MetricAlarm", "CompositeAlarm"]):
        for alarm in page.get("MetricAlarms", []) + page.get("CompositeAlarms", []):
            tags = cloudwatch.list_tags_for_resource(ResourceARN=alarm["AlarmArn"]).get("Tags", [])
            if finder.ours(tags):
                found.append(Resource("cloudwatch_alarm", alarm["AlarmName"], alarm["AlarmName"], alarm["AlarmArn"]))
    return found


def delete_alarm(finder, resource):
    finder.client("cloudwatch").delete_alarms(AlarmNames=[resource.id])


def find_dashboards(finder):
    cloudwatch = finder.client("cloudwatch")
    return [
        Resource("cloudwatch_dashboard", entry["DashboardName"], entry["DashboardName"], entry.get("DashboardArn", ""))
        for entry in paginate(cloudwatch, "list_dashboards", "DashboardEntries")
        if finder.named_ours(entry["DashboardName"])
    ]


def delete_dashboard(finder, resource):
    finder.client("cloudwatch").delete_dashboards(DashboardNames=[resource.id])


def find_budgets(finder):
    budgets = finder.client("budgets", "us-east-1")
    account = finder.account_id
    found = []
    for budget in paginate(budgets, "describe_budgets", "Budgets", AccountId=account):
        name = budget["BudgetName"]
        arn = f"arn:{finder.partition}:budgets::{account}:budget/{name}"
        tags = budgets.list_tags_for_resource(ResourceARN=arn).get("ResourceTags", [])
        if finder.ours(tags):
            found.append(Resource("budget", name, name, arn))
    return found


def delete_budget(finder, resource):
    finder.client("budgets", "us-east-1").delete_budget(AccountId=finder.account_id, BudgetName=resource.id)


def find_topics(finder):
    sns = finder.client("sns")
    found = []
    for topic in paginate(sns, "list_topics", "Topics"):
        tags = sns.list_tags_for_resource(ResourceArn=topic["TopicArn"]).get("Tags", [])
        if finder.ours(tags):
            found.append(
                Resource("sns_topic", topic["TopicArn"], topic["TopicArn"].rsplit(":", 1)[-1], topic["TopicArn"])
            )
    return found


def delete_topic(finder, resource):
    # Its subscriptions, confirmed or pending, go with it.
    finder.client("sns").delete_topic(TopicArn=resource.id)


# ---------------------------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------------------------


def _rds_tags(finder, arn):
    return finder.client("rds").list_tags_for_resource(ResourceName=arn).get("TagList", [])


def find_db_proxies(finder):
    rds = finder.client("rds")
    return [
        Resource("rds_db_proxy", proxy["DBProxyName"], proxy["DBProxyName"], proxy["DBProxyArn"])
        for proxy in paginate(rds, "describe_db_proxies", "DBProxies")
        if finder.ours(_rds_tags(finder, proxy["DBProxyArn"]))
    ]


def delete_db_proxy(finder, resource):
    finder.client("rds").delete_db_proxy(DBProxyName=resource.id)


def db_proxy_gone(finder, resource):
    return not_found(finder.client("rds").describe_db_proxies, DBProxyName=resource.id)


def find_db_instances(finder):
    rds = finder.client("rds")
    found = []
    for instance in paginate(rds, "describe_db_instances", "DBInstances"):
        tags = instance.get("TagList") or _rds_tags(finder, instance["DBInstanceArn"])
        if finder.ours(tags):
            found.append(
                Resource(
                    "rds_instance",
                    instance["DBInstanceIdentifier"],
                    instance["DBInstanceIdentifier"],
                    instance["DBInstanceArn"],
                    {
                        "deletion_protection": instance.get("DeletionProtection", False),
                        "status": instance.get("DBInstanceStatus"),
                    },
                )
            )
    return found


def delete_db_instance(finder, resource):
    rds = finder.client("rds")
    if resource.detail.get("status") == "deleting":
        return
    if resource.detail.get("deletion_protection"):
        rds.modify_db_instance(DBInstanceIdentifier=resource.id, DeletionProtection=False, ApplyImmediately=True)
    if finder.settings.final_snapshot:
        snapshot = f"{resource.id}-final-{finder.settings.stamp}"
        rds.delete_db_instance(
            DBInstanceIdentifier=resource.id, FinalDBSnapshotIdentifier=snapshot, DeleteAutomatedBackups=True
        )
        resource.detail["final_snapshot"] = snapshot
    else:
        rds.delete_db_instance(DBInstanceIdentifier=resource.id, SkipFinalSnapshot=True, DeleteAutomatedBackups=True)


def db_instance_gone(finder, resource):
    return not_found(finder.client("rds").describe_db_instances, DBInstanceIdentifier=resource.id)


def find_db_subnet_groups(finder):
    rds = finder.client("rds")
    return [
        Resource("rds_subnet_group", group["DBSubnetGroupName"], group["DBSubnetGroupName"], group["DBSubnetGroupArn"])
        for group in paginate(rds, "describe_db_subnet_groups", "DBSubnetGroups")
        if finder.ours(_rds_tags(finder, group["DBSubnetGroupArn"]))
    ]


def delete_db_subnet_group(finder, resource):
    finder.client("rds").delete_db_subnet_group(DBSubnetGroupName=resource.id)


def find_db_parameter_groups(finder):
    rds = finder.client("rds")
    return [
        Resource(
            "rds_parameter_group",
            group["DBParameterGroupName"],
            group["DBParameterGroupName"],
            group["DBParameterGroupArn"],
        )
        for group in paginate(rds, "describe_db_parameter_groups", "DBParameterGroups")
        if not group["DBParameterGroupName"].startswith("default.")
        if finder.ours(_rds_tags(finder, group["DBParameterGroupArn"]))
    ]


def delete_db_parameter_group(finder, resource):
    finder.client("rds").delete_db_parameter_group(DBParameterGroupName=resource.id)


def find_db_snapshots(finder):
    """Manual snapshots of the environment's instances: kept (final snapshots are the point of taking them)."""
    rds = finder.client("rds")
    return [
        Resource(
            "rds_snapshot",
            snapshot["DBSnapshotIdentifier"],
            snapshot["DBSnapshotIdentifier"],
            snapshot["DBSnapshotArn"],
        )
        for snapshot in paginate(rds, "describe_db_snapshots", "DBSnapshots", SnapshotType="manual")
        if finder.ours(snapshot.get("TagList") or _rds_tags(finder, snapshot["DBSnapshotArn"]))
    ]


def _elasticache_tags(finder, arn):
    return finder.client("elasticache").list_tags_for_resource(ResourceName=arn).get("TagList", [])


def find_replication_groups(finder):
    elasticache = finder.client("elasticache")
    return [
        Resource(
            "elasticache_replication_group",
            group["ReplicationGroupId"],
            group["ReplicationGroupId"],
            group["ARN"],
            {"status": group.get("Status")},
        )
        for group in paginate(elasticache, "describe_replication_groups", "ReplicationGroups")
        if finder.ours(_elasticache_tags(finder, group["ARN"]))
    ]


def delete_replication_group(finder, resource):
    if resource.detail.get("status") == "deleting":
        return
    arguments = {"ReplicationGroupId": resource.id, "RetainPrimaryCluster": False}
    if finder.settings.final_snapshot:
        arguments["FinalSnapshotIdentifier"] = f"{resource.id}-final-{finder.settings.stamp}"
        resource.detail["final_snapshot"] = arguments["FinalSnapshotIdentifier"]
    finder.client("elasticache").delete_replication_group(**arguments)


def replication_group_gone(finder, resource):
    return not_found(finder.client("elasticache").describe_replication_groups, ReplicationGroupId=resource.id)


def find_cache_subnet_groups(finder):
    elasticache = finder.client("elasticache")
    return [
        Resource(
            "elasticache_subnet_group",
            group["CacheSubnetGroupName"],
            group["CacheSubnetGroupName"],
            group.get("ARN", ""),
        )
        for group in paginate(elasticache, "describe_cache_subnet_groups", "CacheSubnetGroups")
        if group.get("ARN") and finder.ours(_elasticache_tags(finder, group["ARN"]))
    ]


def delete_cache_subnet_group(finder, resource):
    finder.client("elasticache").delete_cache_subnet_group(CacheSubnetGroupName=resource.id)


def find_cache_parameter_groups(finder):
    elasticache = finder.client("elasticache")
    return [
        Resource(
            "elasticache_parameter_group",
            group["CacheParameterGroupName"],
            group["CacheParameterGroupName"],
            group.get("ARN", ""),
        )
        for group in paginate(elasticache, "describe_cache_parameter_groups", "CacheParameterGroups")
        if not group["CacheParameterGroupName"].startswith("default.")
        if group.get("ARN") and finder.ours(_elasticache_tags(finder, group["ARN"]))
    ]


def delete_cache_parameter_group(finder, resource):
    finder.client("elasticache").delete_cache_parameter_group(CacheParameterGroupName=resource.id)


def find_secrets(finder):
    """The environment's secrets; not those another service owns (RDS deletes its managed master secret with the
    instance) nor those already scheduled for deletion."""
    secretsmanager = finder.client("secretsmanager")
    return [
        Resource("secret", secret["ARN"], secret["Name"], secret["ARN"])
        for secret in paginate(secretsmanager, "list_secrets", "SecretList")
        if not secret.get("DeletedDate") and not secret.get("OwningService")
        if finder.ours(secret.get("Tags", []))
    ]


def delete_secret(finder, resource):
    secretsmanager = finder.client("secretsmanager")
    if finder.settings.secret_recovery_days:
        secretsmanager.delete_secret(SecretId=resource.id, RecoveryWindowInDays=finder.settings.secret_recovery_days)
    else:
        secretsmanager.delete_secret(SecretId=resource.id, ForceDeleteWithoutRecovery=True)


# ---------------------------------------------------------------------------------------------------------------
# network
# ---------------------------------------------------------------------------------------------------------------


def _tag_filters(finder):
    return [{"Name": f"tag:{key}", "Values": [value]} for key, value in finder.settings.tags.items()]


def _name_tag(item):
    return boto3_tag_list_to_ansible_dict(item.get("Tags", [])).get("Name", "")


def find_nat_gateways(finder):
    ec2 = finder.client("ec2")
    filters = [*_tag_filters(finder), {"Name": "state", "Values": ["pending", "available", "failed", "deleting"]}]
    return [
        Resource(
            "nat_gateway",
            gateway["NatGatewayId"],
            _name_tag(gateway),
            detail={"state": gateway["State"], "vpc": gateway.get("VpcId", "")},
        )
        for gateway in paginate(ec2, "describe_nat_gateways", "NatGateways", Filters=filters)
    ]


def delete_nat_gateway(finder, resource):
    if resource.detail.get("state") != "deleting":
        finder.client("ec2").delete_nat_gateway(NatGatewayId=resource.id)


def nat_gateway_gone(finder, resource):
    try:
        gateways = finder.client("ec2").describe_nat_gateways(NatGatewayIds=[resource.id])["NatGateways"]
    except ClientError as e:
        if error_code(e) in NOT_FOUND:
            return True
        raise
    return all(gateway["State"] == "deleted" for gateway in gateways)


def find_addresses(finder):
    ec2 = finder.client("ec2")
    return [
        Resource("elastic_ip", address["AllocationId"], _name_tag(address) or address.get("PublicIp", ""))
        for address in ec2.describe_addresses(Filters=_tag_filters(finder))["Addresses"]
    ]


def release_address(finder, resource):
    # Released once the NAT gateway that used it is deleted (AuthFailure / InvalidIPAddress.InUse until then).
    finder.client("ec2").release_address(AllocationId=resource.id)


def find_flow_logs(finder):
    ec2 = finder.client("ec2")
    return [
        Resource(
            "vpc_flow_log", flow_log["FlowLogId"], flow_log.get("LogGroupName") or flow_log.get("LogDestination", "")
        )
        for flow_log in paginate(ec2, "describe_flow_logs", "FlowLogs", Filters=_tag_filters(finder))
    ]


def delete_flow_log(finder, resource):
    finder.client("ec2").delete_flow_logs(FlowLogIds=[resource.id])


def find_vpc_endpoints(finder):
    ec2 = finder.client("ec2")
    filters = [
        *_tag_filters(finder),
        {
            "Name": "vpc-endpoint-state",
            "Values": ["pendingAcceptance", "pending", "available", "rejected", "failed", "deleting"],
        },
    ]
    return [
        Resource(
            "vpc_endpoint",
            endpoint["VpcEndpointId"],
            endpoint.get("ServiceName", ""),
            detail={"state": endpoint["State"]},
        )
        for endpoint in paginate(ec2, "describe_vpc_endpoints", "VpcEndpoints", Filters=filters)
    ]


def delete_vpc_endpoint(finder, resource):
    if resource.detail.get("state", "").lower() != "deleting":
        finder.client("ec2").delete_vpc_endpoints(VpcEndpointIds=[resource.id])


def vpc_endpoint_gone(finder, resource):
    try:
        endpoints = finder.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[resource.id])["VpcEndpoints"]
    except ClientError as e:
        if error_code(e) in NOT_FOUND:
            return True
        raise
    return all(endpoint["State"].lower() == "deleted" for endpoint in endpoints)


def find_security_groups(finder):
    ec2 = finder.client("ec2")
    return [
        Resource(
            "security_group",
            group["GroupId"],
            group["GroupName"],
            detail={"ingress": group.get("IpPermissions", []), "egress": group.get("IpPermissionsEgress", [])},
        )
        for group in paginate(ec2, "describe_security_groups", "SecurityGroups", Filters=_tag_filters(finder))
        if group["GroupName"] != "default"
    ]


def delete_security_group(finder, resource):
    """Drop the rules that name other groups first: the environment's groups name each other, and a group that
    another group's rule names cannot be deleted."""
    ec2 = finder.client("ec2")
    if not resource.detail.get("rules_revoked"):
        ingress = [rule for rule in resource.detail["ingress"] if rule.get("UserIdGroupPairs")]
        egress = [rule for rule in resource.detail["egress"] if rule.get("UserIdGroupPairs")]
        if ingress:
            ec2.revoke_security_group_ingress(GroupId=resource.id, IpPermissions=ingress)
        if egress:
            ec2.revoke_security_group_egress(GroupId=resource.id, IpPermissions=egress)
        resource.detail["rules_revoked"] = True
    ec2.delete_security_group(GroupId=resource.id)


def find_subnets(finder):
    ec2 = finder.client("ec2")
    return [
        Resource("subnet", subnet["SubnetId"], _name_tag(subnet) or subnet["CidrBlock"])
        for subnet in paginate(ec2, "describe_subnets", "Subnets", Filters=_tag_filters(finder))
    ]


def delete_subnet(finder, resource):
    finder.client("ec2").delete_subnet(SubnetId=resource.id)


def find_route_tables(finder):
    ec2 = finder.client("ec2")
    found = []
    for table in paginate(ec2, "describe_route_tables", "RouteTables", Filters=_tag_filters(finder)):
        associations = table.get("Associations", [])
        if any(association.get("Main") for association in associations):
            continue  # the VPC's main table goes with the VPC
        found.append(
            Resource(
                "route_table",
                table["RouteTableId"],
                _name_tag(table),
                detail={"associations": [a["RouteTableAssociationId"] for a in associations if not a.get("Main")]},
            )
        )
    return found


def delete_route_table(finder, resource):
    ec2 = finder.client("ec2")
    for association in resource.detail.get("associations", []):
        with suppress(ClientError):  # already gone with its subnet
            ec2.disassociate_route_table(AssociationId=association)
    resource.detail["associations"] = []
    ec2.delete_route_table(RouteTableId=resource.id)


def find_internet_gateways(finder):
    ec2 = finder.client("ec2")
    return [
        Resource(
            "internet_gateway",
            gateway["InternetGatewayId"],
            _name_tag(gateway),
            detail={"vpcs": [attachment["VpcId"] for attachment in gateway.get("Attachments", [])]},
        )
        for gateway in paginate(ec2, "describe_internet_gateways", "InternetGateways", Filters=_tag_filters(finder))
    ]


def delete_internet_gateway(finder, resource):
    ec2 = finder.client("ec2")
    for vpc in resource.detail.get("vpcs", []):
        ec2.detach_internet_gateway(InternetGatewayId=resource.id, VpcId=vpc)
    resource.detail["vpcs"] = []
    ec2.delete_internet_gateway(InternetGatewayId=resource.id)


def find_vpcs(finder):
    ec2 = finder.client("ec2")
    return [
        Resource("vpc", vpc["VpcId"], _name_tag(vpc) or vpc["CidrBlock"])
        for vpc in paginate(ec2, "describe_vpcs", "Vpcs", Filters=_tag_filters(finder))
    ]


def delete_vpc(finder, resource):
    finder.client("ec2").delete_vpc(VpcId=resource.id)


# ---------------------------------------------------------------------------------------------------------------
# account
# ---------------------------------------------------------------------------------------------------------------


def find_roles(finder):
    """The environment's IAM roles: named after the application (IAM lists no tags), then read with their tags."""
    iam = finder.client("iam")
    found = []
    for role in paginate(iam, "list_roles", "Roles"):
        if not role["RoleName"].startswith(finder.settings.app):
            continue
        tags = iam.list_role_tags(RoleName=role["RoleName"]).get("Tags", [])
        if finder.ours(tags):
            found.append(Resource("iam_role", role["RoleName"], role["RoleName"], role["Arn"]))
    return found


def delete_role(finder, resource):
    iam = finder.client("iam")
    for policy in paginate(iam, "list_attached_role_policies", "AttachedPolicies", RoleName=resource.id):
        iam.detach_role_policy(RoleName=resource.id, PolicyArn=policy["PolicyArn"])
    for name in paginate(iam, "list_role_policies", "PolicyNames", RoleName=resource.id):
        iam.delete_role_policy(RoleName=resource.id, PolicyName=name)
    for profile in paginate(iam, "list_instance_profiles_for_role", "InstanceProfiles", RoleName=resource.id):
        iam.remove_role_from_instance_profile(InstanceProfileName=profile["InstanceProfileName"], RoleName=resource.id)
        if finder.ours(profile.get("Tags", [])):
            iam.delete_instance_profile(InstanceProfileName=profile["InstanceProfileName"])
    iam.delete_role(RoleName=resource.id)


def find_managed_policies(finder):
    iam = finder.client("iam")
    found = []
    for policy in paginate(iam, "list_policies", "Policies", Scope="Local"):
        if not policy["PolicyName"].startswith(finder.settings.app):
            continue
        tags = iam.list_policy_tags(PolicyArn=policy["Arn"]).get("Tags", [])
        if finder.ours(tags):
            found.append(Resource("iam_policy", policy["Arn"], policy["PolicyName"], policy["Arn"]))
    return found


def delete_managed_policy(finder, resource):
    iam = finder.client("iam")
    entities = iam.list_entities_for_policy(PolicyArn=resource.id)
    for role in entities.get("PolicyRoles", []):
        iam.detach_role_policy(RoleName=role["RoleName"], PolicyArn=resource.id)
    for user in entities.get("PolicyUsers", []):
        iam.detach_user_policy(UserName=user["UserName"], PolicyArn=resource.id)
    for group in entities.get("PolicyGroups", []):
        iam.detach_group_policy(GroupName=group["GroupName"], PolicyArn=resource.id)
    for version in iam.list_policy_versions(PolicyArn=resource.id)["Versions"]:
        if not version["IsDefaultVersion"]:
            iam.delete_policy_version(PolicyArn=resource.id, VersionId=version["VersionId"])
    iam.delete_policy(PolicyArn=resource.id)


def find_oidc_providers(finder):
    """The account's OIDC providers an environment of the application made (the GitHub Actions one of the iam role):
    tagged with the application but no environment, since every environment of the account shares them. Kept."""
    iam = finder.client("iam")
    app_tags = {key: value for key, value in finder.settings.tags.items() if key != "Environment"}
    found = []
    for entry in iam.list_open_id_connect_providers().get("OpenIDConnectProviderList", []):
        try:
            provider = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=entry["Arn"])
        except ClientError as e:
            if error_code(e) in NOT_FOUND:
                continue
            raise
        tags = boto3_tag_list_to_ansible_dict(provider.get("Tags", []))
        if "Environment" not in tags and all(tags.get(key) == value for key, value in app_tags.items()):
            found.append(Resource("iam_oidc_provider", entry["Arn"], provider.get("Url", entry["Arn"]), entry["Arn"]))
    return found


def find_log_groups(finder):
    """Log groups whose name holds the application's name (the roles' and AWS's own naming), read with tags."""
    logs = finder.client("logs")
    found = []
    for group in paginate(logs, "describe_log_groups", "logGroups"):
        if finder.settings.app not in group["logGroupName"]:
            continue
        tags = logs.list_tags_log_group(logGroupName=group["logGroupName"]).get("tags", {})
        if finder.ours(tags):
            found.append(Resource("log_group", group["logGroupName"], group["logGroupName"], group.get("arn", "")))
    return found


def delete_log_group(finder, resource):
    finder.client("logs").delete_log_group(logGroupName=resource.id)


def find_parameters(finder):
    """The environment's published outputs: the parameters under the outputs' subtree, which only the run
    writes (/<app>/<env>/outputs unless set otherwise)."""
    ssm = finder.client("ssm")
    path = finder.settings.parameter_path or f"/{finder.settings.app}/{finder.settings.environment}/outputs"
    return [
        Resource("ssm_parameter", parameter["Name"], parameter["Name"], parameter.get("ARN", ""))
        for parameter in paginate(ssm, "get_parameters_by_path", "Parameters", Path=path, Recursive=True)
    ]


def delete_parameter(finder, resource):
    finder.client("ssm").delete_parameter(Name=resource.id)


def find_kms_keys(finder):
    """The environment's customer managed keys, not those already scheduled for deletion."""
    kms = finder.client("kms")
    found = []
    for key in paginate(kms, "list_keys", "Keys"):
        metadata = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if metadata.get("KeyManager") != "CUSTOMER" or metadata.get("KeyState") in (
            "PendingDeletion",
            "PendingReplicaDeletion",
        ):
            continue
        tags = {tag["TagKey"]: tag["TagValue"] for tag in kms.list_resource_tags(KeyId=key["KeyId"]).get("Tags", [])}
        if finder.ours(tags):
            found.append(Resource("kms_key", key["KeyId"], metadata.get("Description", ""), metadata["Arn"]))
    return found


def schedule_key_deletion(finder, resource):
    """KMS deletes a key only after a waiting period (7 to 30 days); its aliases go now."""
    kms = finder.client("kms")
    for alias in paginate(kms, "list_aliases", "Aliases", KeyId=resource.id):
        kms.delete_alias(AliasName=alias["AliasName"])
    kms.schedule_key_deletion(KeyId=resource.id, PendingWindowInDays=finder.settings.kms_pending_days)


@dataclass(frozen=True)
class Kind:
    """How one kind of resource is found, deleted, and known to be gone (None: gone once its delete call
    returned)."""

    name: str
    phase: str
    find: object
    delete: object
    gone: object = None
    # Kept, never deleted: the reason, shown in the summary.
    kept_because: str = ""


KINDS = (
    Kind("apprunner_service", "app", find_apprunner_services, delete_apprunner_service, apprunner_service_gone),
    Kind("scalable_target", "app", find_scalable_targets, delete_scalable_target),
    Kind("ecs_service", "app", find_ecs_services, delete_ecs_service, ecs_service_gone),
    Kind("load_balancer", "app", find_load_balancers, delete_load_balancer, load_balancer_gone),
    Kind("target_group", "app", find_target_groups, delete_target_group),
    Kind("ecs_task_definition", "app", find_ecs_task_definitions, delete_ecs_task_definition),
    Kind("ecs_cluster", "app", find_ecs_clusters, delete_ecs_cluster, ecs_cluster_gone),
    Kind("apprunner_vpc_connector", "app", find_apprunner_vpc_connectors, delete_apprunner_vpc_connector),
    Kind(
        "apprunner_auto_scaling_configuration",
        "app",
        find_apprunner_auto_scaling_configurations,
        delete_apprunner_auto_scaling_configuration,
    ),
    Kind(
        "apprunner_observability_configuration",
        "app",
        find_apprunner_observability_configurations,
        delete_apprunner_observability_configuration,
    ),
    Kind("ecr_repository", "app", find_ecr_repositories, delete_ecr_repository),
    Kind("cloudfront_distribution", "edge", find_distributions, delete_distribution, distribution_gone),
    Kind("cloudfront_cache_policy", "edge", find_cache_policies, delete_cache_policy),
    Kind("cloudfront_origin_request_policy", "edge", find_origin_request_policies, delete_origin_request_policy),
    Kind("cloudfront_response_headers_policy", "edge", find_response_headers_policies, delete_response_headers_policy),
    Kind("cloudfront_function", "edge", find_cloudfront_functions, delete_cloudfront_function),
    Kind("cloudfront_origin_access_control", "edge", find_origin_access_controls, delete_origin_access_control),
    Kind("cloudfront_origin_access_identity", "edge", find_origin_access_identities, delete_origin_access_identity),
    Kind("s3_bucket", "edge", find_buckets, delete_bucket),
    Kind("acm_certificate", "edge", find_certificates, delete_certificate),
    Kind("cloudwatch_alarm", "monitoring", find_alarms, delete_alarm),
    Kind("cloudwatch_dashboard", "monitoring", find_dashboards, delete_dashboard),
    Kind("budget", "monitoring", find_budgets, delete_budget),
    Kind("sns_topic", "monitoring", find_topics, delete_topic),
    Kind("rds_db_proxy", "data", find_db_proxies, delete_db_proxy, db_proxy_gone),
    Kind("rds_instance", "data", find_db_instances, delete_db_instance, db_instance_gone),
    Kind(
        "elasticache_replication_group",
        "data",
        find_replication_groups,
        delete_replication_group,
        replication_group_gone,
    ),
    Kind("rds_subnet_group", "data", find_db_subnet_groups, delete_db_subnet_group),
    Kind("rds_parameter_group", "data", find_db_parameter_groups, delete_db_parameter_group),
    Kind("elasticache_subnet_group", "data", find_cache_subnet_groups, delete_cache_subnet_group),
    Kind("elasticache_parameter_group", "data", find_cache_parameter_groups, delete_cache_parameter_group),
    Kind("rds_snapshot", "data", find_db_snapshots, None, kept_because="a DB snapshot is kept: delete it by hand"),
    Kind("secret", "data", find_secrets, delete_secret),
    Kind("nat_gateway", "network", find_nat_gateways, delete_nat_gateway, nat_gateway_gone),
    Kind("vpc_flow_log", "network", find_flow_logs, delete_flow_log),
    Kind("vpc_endpoint", "network", find_vpc_endpoints, delete_vpc_endpoint, vpc_endpoint_gone),
    Kind("elastic_ip", "network", find_addresses, release_address),
    Kind("security_group", "network", find_security_groups, delete_security_group),
    Kind("subnet", "network", find_subnets, delete_subnet),
    Kind("route_table", "network", find_route_tables, delete_route_table),
    Kind("internet_gateway", "network", find_internet_gateways, delete_internet_gateway),
    Kind("vpc", "network", find_vpcs, delete_vpc),
    Kind("iam_role", "account", find_roles, delete_role),
    Kind("iam_policy", "account", find_managed_policies, delete_managed_policy),
    Kind(
        "iam_oidc_provider",
        "account",
        find_oidc_providers,
        None,
        kept_because="the account's OIDC provider is shared by every environment of the account: delete it by hand"
        " once no environment's deploy role trusts it",
    ),
    Kind("log_group", "account", find_log_groups, delete_log_group),
    Kind("ssm_parameter", "account", find_parameters, delete_parameter),
    Kind("kms_key", "account", find_kms_keys, schedule_key_deletion),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


class NotYet(Exception):
    """A resource cannot be deleted yet (something it depends on is still being removed): retried."""


def find(finder, phases, ids=None):
    """The environment's resources of the phases' kinds, in deletion order; only those in ids when given."""
    found = []
    for kind in KINDS:
        if kind.phase not in phases:
            continue
        for resource in kind.find(finder):
            if ids is None or resource.id in ids or resource.arn in ids:
                found.append(resource)
    return found


def kept_reason(finder, resource):
    """Why the resource is kept rather than deleted; empty when it is to be deleted."""
    kind = KINDS_BY_NAME[resource.kind]
    if kind.kept_because:
        return kind.kept_because
    if resource.kind == "log_group" and finder.settings.keep_log_groups:
        return "log groups are kept (teardown_keep_log_groups)"
    return ""


def blocked_by_protection(resources):
    """The resources whose deletion protection is on."""
    return [resource for resource in resources if resource.detail.get("deletion_protection")]


class Deleter:
    """Deletes resources kind by kind in order, retrying what AWS refuses until something else is gone, and waits
    until each is gone before the phase ends."""

    def __init__(self, finder, timeout, delay=5, sleep=time.sleep, clock=time.monotonic):
        self.finder = finder
        self.timeout = timeout
        self.delay = delay
        self.sleep = sleep
        self.clock = clock

    def delete_all(self, resources):
        """Delete every resource; return them in the order they were deleted. Raise TimeoutError naming what
        is left when the timeout passes."""
        deadline = self.clock() + self.timeout
        pending = list(resources)
        started = []
        deleted = []
        while pending or started:
            pending = self._start_deletions(pending, started)
            still = []
            for resource in started:
                kind = KINDS_BY_NAME[resource.kind]
                if kind.gone is None or kind.gone(self.finder, resource):
                    deleted.append(resource)
                else:
                    still.append(resource)
            started = still
            if not pending and not started:
                break
            if self.clock() > deadline:
                left = ", ".join(f"{r.kind} {r.name or r.id}" for r in pending + started)
                raise TimeoutError(f"Timed out after {self.timeout} seconds; not yet deleted: {left}")
            self.sleep(self.delay)
        return deleted

    def _start_deletions(self, pending, started):
        """Start the deletion of each pending resource in order; those AWS refuses for now stay pending. A
        resource is tried only once every earlier kind's deletion has at least started: a subnet is not tried
        before the NAT gateway in it is on its way."""
        waiting = []
        blocked_kinds = set()
        for resource in pending:
            kind = KINDS_BY_NAME[resource.kind]
            if self._earlier_kinds_blocked(kind, blocked_kinds):
                waiting.append(resource)
                blocked_kinds.add(kind.name)
                continue
            try:
                kind.delete(self.finder, resource)
            except NotYet:
                waiting.append(resource)
                blocked_kinds.add(kind.name)
                continue
            except ClientError as e:
                code = error_code(e)
                if code in NOT_FOUND:
                    started.append(resource)
                    continue
                if code in NOT_YET or code in ("AuthFailure", "InvalidIPAddress.InUse"):
                    resource.detail["last_refusal"] = code
                    waiting.append(resource)
                    blocked_kinds.add(kind.name)
                    continue
                raise
            started.append(resource)
        # A resource whose deletion has started but which is not gone yet blocks the later kinds of its phase.
        return waiting

    @staticmethod
    def _earlier_kinds_blocked(kind, blocked_kinds):
        order = [k.name for k in KINDS]
        return any(order.index(name) < order.index(kind.name) for name in blocked_kinds)
