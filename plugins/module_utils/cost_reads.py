# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The describe calls that appstack.aws.cost_estimate_info prices, one helper per resource kind.

Each helper takes a client created with ``retry_decorator=AWSRetry.jittered_backoff()`` and returns the summary
``cost_estimate.estimate`` takes, or None when the resource does not exist (it costs nothing); other errors raise
CostReadError, which the module reports with ``fail_json_aws_error``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError


class CostReadError(AnsibleAWSError):
    pass


class ReadErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = CostReadError


def vcpus(value):
    """App Runner's and ECS's CPU ("1 vCPU", "1024") in vCPUs."""
    text = str(value).strip()
    return float(text.split()[0]) if "vcpu" in text.lower() else int(text) / 1024


def gigabytes(value):
    """App Runner's and ECS's memory ("2 GB", "2048") in GB."""
    text = str(value).strip()
    return float(text.split()[0]) if "gb" in text.lower() else int(text) / 1024


@ReadErrorHandler.common_error_handler("describe rds instance")
def rds_instance(client, identifier):
    try:
        db = client.describe_db_instances(aws_retry=True, DBInstanceIdentifier=identifier)["DBInstances"][0]
    except is_boto3_error_code("DBInstanceNotFound"):
        return None
    return {
        "identifier": identifier,
        "instance_class": db["DBInstanceClass"],
        "multi_az": bool(db.get("MultiAZ")),
        "allocated_storage": db.get("AllocatedStorage", 0),
        "storage_type": db.get("StorageType", "gp2"),
        "performance_insights_enabled": bool(db.get("PerformanceInsightsEnabled")),
        "performance_insights_retention": db.get("PerformanceInsightsRetentionPeriod"),
    }


@ReadErrorHandler.common_error_handler("describe rds proxies")
def rds_proxies(client, endpoints, instances):
    """The proxies whose endpoint is one of those given, with the class of the instance they front."""
    classes = [db["instance_class"] for db in instances]
    found = []
    for page in client.get_paginator("describe_db_proxies").paginate():
        for proxy in page.get("DBProxies", []):
            if proxy.get("Endpoint") in endpoints and classes:
                found.append({"name": proxy["DBProxyName"], "instance_class": classes[0]})
    return found


@ReadErrorHandler.common_error_handler("describe nat gateways")
def nat_gateways(client, ids):
    """The NAT gateways of those IDs that are pending or available (billed)."""
    if not ids:
        return []
    try:
        gateways = client.describe_nat_gateways(aws_retry=True, NatGatewayIds=ids)["NatGateways"]
    except is_boto3_error_code("NatGatewayNotFound"):
        return []
    return [gateway["NatGatewayId"] for gateway in gateways if gateway.get("State") in ("pending", "available")]


@ReadErrorHandler.common_error_handler("describe apprunner service")
def apprunner_service(client, arn):
    try:
        service = client.describe_service(aws_retry=True, ServiceArn=arn)["Service"]
    except is_boto3_error_code("ResourceNotFoundException"):
        return None
    if service.get("Status") in ("DELETED", "DELETE_FAILED"):
        return None
    scaling_arn = (service.get("AutoScalingConfigurationSummary") or {}).get("AutoScalingConfigurationArn")
    min_size = 1
    if scaling_arn:
        scaling = client.describe_auto_scaling_configuration(aws_retry=True, AutoScalingConfigurationArn=scaling_arn)
        min_size = scaling["AutoScalingConfiguration"].get("MinSize", 1)
    instance = service.get("InstanceConfiguration") or {}
    return {
        "name": service["ServiceName"],
        "cpu_vcpu": vcpus(instance.get("Cpu", "1024")),
        "memory_gb": gigabytes(instance.get("Memory", "2048")),
        "min_size": min_size,
    }


@ReadErrorHandler.common_error_handler("describe ecs service")
def ecs_service(client, cluster, name):
    services = client.describe_services(aws_retry=True, cluster=cluster, services=[name]).get("services", [])
    service = next((item for item in services if item.get("status") == "ACTIVE"), None)
    if service is None:
        return None
    task = client.describe_task_definition(aws_retry=True, taskDefinition=service["taskDefinition"])["taskDefinition"]
    return {
        "name": name,
        "cpu_vcpu": vcpus(task.get("cpu", "256")),
        "memory_gb": gigabytes(task.get("memory", "512")),
        "desired_count": service.get("desiredCount", 0),
    }


@ReadErrorHandler.common_error_handler("describe load balancer")
def load_balancer(client, arn):
    try:
        found = client.describe_load_balancers(aws_retry=True, LoadBalancerArns=[arn])["LoadBalancers"][0]
    except is_boto3_error_code("LoadBalancerNotFound"):
        return None
    return found["LoadBalancerName"] if found.get("Type") == "application" else None


@ReadErrorHandler.common_error_handler("describe distribution")
def distribution(client, distribution_id):
    try:
        config = client.get_distribution_config(aws_retry=True, Id=distribution_id)["DistributionConfig"]
    except is_boto3_error_code("NoSuchDistribution"):
        return None
    return distribution_id if config.get("Enabled") else None


@ReadErrorHandler.common_error_handler("describe replication group")
def replication_group(client, group_id):
    try:
        group = client.describe_replication_groups(aws_retry=True, ReplicationGroupId=group_id)["ReplicationGroups"][0]
    except is_boto3_error_code("ReplicationGroupNotFoundFault"):
        return None
    members = group.get("MemberClusters") or []
    engine = group.get("Engine")
    if not engine and members:
        engine = client.describe_cache_clusters(aws_retry=True, CacheClusterId=members[0])["CacheClusters"][0]["Engine"]
    return {
        "id": group_id,
        "engine": engine or "redis",
        "node_type": group.get("CacheNodeType"),
        "nodes": len(members),
    }


@ReadErrorHandler.common_error_handler("describe kms key")
def kms_key(client, key_id):
    """The key's ID if it is an enabled or disabled customer managed key (billed until deleted)."""
    try:
        metadata = client.describe_key(aws_retry=True, KeyId=key_id)["KeyMetadata"]
    except is_boto3_error_code("NotFoundException"):
        return None
    if metadata.get("KeyManager") != "CUSTOMER" or metadata.get("KeyState") in ("PendingDeletion", "Unavailable"):
        return None
    return metadata["KeyId"]


@ReadErrorHandler.common_error_handler("describe secret")
def secret(client, secret_id):
    try:
        found = client.describe_secret(aws_retry=True, SecretId=secret_id)
    except is_boto3_error_code("ResourceNotFoundException"):
        return None
    return None if found.get("DeletedDate") else found["Name"]


@ReadErrorHandler.common_error_handler("describe alarms")
def alarms(client, names):
    found = []
    for start in range(0, len(names), 100):
        for page in client.get_paginator("describe_alarms").paginate(
            AlarmNames=names[start : start + 100], AlarmTypes=["MetricAlarm"]
        ):
            for alarm in page.get("MetricAlarms", []):
                period = alarm.get("Period") or min(
                    [query.get("MetricStat", {}).get("Period", 60) for query in alarm.get("Metrics", [])] or [60]
                )
                found.append({"name": alarm["AlarmName"], "high_resolution": period < 60})
    return found
