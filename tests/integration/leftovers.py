"""What is left of an environment in an account, read with the services' own APIs and the tagging API.

Independent of the collection's own finder (plugins/module_utils/environment_resources.py): a teardown is judged
by what AWS still lists, not by what the code that deleted it believes.
"""

from emulator.client import EmulatorClient

APP = "smartscheduler"


def tagged_arns(emulator: EmulatorClient, environment: str) -> list[str]:
    """Every ARN the Resource Groups Tagging API lists with the environment's tags."""
    tagging = emulator.client("resourcegroupstaggingapi")
    filters = [
        {"Key": "Application", "Values": [APP]},
        {"Key": "Environment", "Values": [environment]},
        {"Key": "ManagedBy", "Values": ["appstack.aws"]},
    ]
    arns = []
    for page in tagging.get_paginator("get_resources").paginate(TagFilters=filters):
        arns += [mapping["ResourceARN"] for mapping in page["ResourceTagMappingList"]]
    return arns


def tagged_leftovers(emulator: EmulatorClient, environment: str) -> list[str]:
    """The tagged ARNs that still exist and are not kept by design: final DB and cache snapshots are kept; a KMS key
    waits out its deletion window as PendingDeletion; a deleted NAT gateway is listed, as `deleted`, for a while."""
    left = []
    for arn in tagged_arns(emulator, environment):
        if ":snapshot:" in arn and "-final-" in arn:
            continue
        if ":kms:" in arn and _key_state(emulator, arn) == "PendingDeletion":
            continue
        if ":natgateway/" in arn and _nat_state(emulator, arn.rsplit("/", 1)[-1]) == "deleted":
            continue
        if ":ecs:" in arn and _ecs_status(emulator, arn) in ("INACTIVE", "DELETE_IN_PROGRESS"):
            continue
        left.append(arn)
    return left


def _ecs_status(emulator: EmulatorClient, arn: str) -> str:
    """An ECS cluster or service deleted is INACTIVE, and may stay discoverable for a while; a task definition deleted
    is DELETE_IN_PROGRESS until ECS removes it."""
    ecs = emulator.client("ecs")
    kind = arn.split(":", 5)[5].split("/", 1)[0]
    if kind == "cluster":
        return ecs.describe_clusters(clusters=[arn])["clusters"][0]["status"]
    if kind == "service":
        cluster = arn.split("/")[-2]
        return ecs.describe_services(cluster=cluster, services=[arn])["services"][0]["status"]
    if kind == "task-definition":
        return ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]["status"]
    return ""


def _key_state(emulator: EmulatorClient, arn: str) -> str:
    return emulator.client("kms").describe_key(KeyId=arn)["KeyMetadata"]["KeyState"]


def _nat_state(emulator: EmulatorClient, gateway_id: str) -> str:
    gateways = emulator.client("ec2").describe_nat_gateways(NatGatewayIds=[gateway_id])["NatGateways"]
    return gateways[0]["State"] if gateways else "deleted"


def described_leftovers(emulator: EmulatorClient, environment: str) -> dict[str, list]:
    """What each service still lists of the environment (the account holds no other environment), by kind; only
    the kinds with something left."""
    prefix = f"{APP}-{environment}"
    found = {**_network(emulator, environment), **_data(emulator, environment, prefix)}
    found.update(_app_and_edge(emulator, environment, prefix))
    found.update(_monitoring_and_account(emulator, environment, prefix))
    return {kind: items for kind, items in found.items() if items}


def _network(emulator: EmulatorClient, environment: str) -> dict[str, list]:
    ec2 = emulator.client("ec2")
    tagged = [{"Name": "tag:Environment", "Values": [environment]}]
    return {
        "vpcs": [vpc["VpcId"] for vpc in ec2.describe_vpcs(Filters=tagged)["Vpcs"]],
        "subnets": [subnet["SubnetId"] for subnet in ec2.describe_subnets(Filters=tagged)["Subnets"]],
        "security_groups": [
            group["GroupId"] for group in ec2.describe_security_groups(Filters=tagged)["SecurityGroups"]
        ],
        "nat_gateways": [
            gateway["NatGatewayId"]
            for gateway in ec2.describe_nat_gateways(Filter=tagged)["NatGateways"]
            if gateway["State"] != "deleted"
        ],
        "addresses": [address["AllocationId"] for address in ec2.describe_addresses(Filters=tagged)["Addresses"]],
        "flow_logs": [flow_log["FlowLogId"] for flow_log in ec2.describe_flow_logs(Filters=tagged)["FlowLogs"]],
        "vpc_endpoints": [
            endpoint["VpcEndpointId"]
            for endpoint in ec2.describe_vpc_endpoints(Filters=tagged)["VpcEndpoints"]
            if endpoint["State"].lower() != "deleted"
        ],
        "internet_gateways": [
            gateway["InternetGatewayId"]
            for gateway in ec2.describe_internet_gateways(Filters=tagged)["InternetGateways"]
        ],
        "route_tables": [table["RouteTableId"] for table in ec2.describe_route_tables(Filters=tagged)["RouteTables"]],
    }


def _data(emulator: EmulatorClient, environment: str, prefix: str) -> dict[str, list]:
    rds = emulator.client("rds")
    elasticache = emulator.client("elasticache")
    secrets = emulator.client("secretsmanager").list_secrets()["SecretList"]
    return {
        "db_instances": [i["DBInstanceIdentifier"] for i in rds.describe_db_instances()["DBInstances"]],
        "db_proxies": [p["DBProxyName"] for p in rds.describe_db_proxies()["DBProxies"]],
        "db_subnet_groups": [g["DBSubnetGroupName"] for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]],
        "db_parameter_groups": [
            g["DBParameterGroupName"]
            for g in rds.describe_db_parameter_groups()["DBParameterGroups"]
            if g["DBParameterGroupName"].startswith(prefix)
        ],
        "replication_groups": [
            g["ReplicationGroupId"] for g in elasticache.describe_replication_groups()["ReplicationGroups"]
        ],
        "cache_subnet_groups": [
            g["CacheSubnetGroupName"]
            for g in elasticache.describe_cache_subnet_groups()["CacheSubnetGroups"]
            if g["CacheSubnetGroupName"].startswith(prefix)
        ],
        "cache_parameter_groups": [
            g["CacheParameterGroupName"]
            for g in elasticache.describe_cache_parameter_groups()["CacheParameterGroups"]
            if g["CacheParameterGroupName"].startswith(prefix)
        ],
        "secrets": [s["Name"] for s in secrets if f"/{environment}/" in s["Name"] and not s.get("DeletedDate")],
    }


def _app_and_edge(emulator: EmulatorClient, environment: str, prefix: str) -> dict[str, list]:
    apprunner = emulator.client("apprunner")
    ecs = emulator.client("ecs")
    elbv2 = emulator.client("elbv2")
    cloudfront = emulator.client("cloudfront")
    clusters = ecs.describe_clusters(clusters=ecs.list_clusters()["clusterArns"] or ["none"])["clusters"]
    return {
        "apprunner_services": [
            s["ServiceName"] for s in apprunner.list_services()["ServiceSummaryList"] if s["Status"] != "DELETED"
        ],
        "apprunner_vpc_connectors": [
            c["VpcConnectorName"] for c in apprunner.list_vpc_connectors()["VpcConnectors"] if c["Status"] == "ACTIVE"
        ],
        "apprunner_auto_scaling": [
            c["AutoScalingConfigurationName"]
            for c in apprunner.list_auto_scaling_configurations()["AutoScalingConfigurationSummaryList"]
            if c["AutoScalingConfigurationName"] != "DefaultConfiguration" and c.get("Status", "ACTIVE") == "ACTIVE"
        ],
        "ecs_clusters": [c["clusterName"] for c in clusters if c.get("status") == "ACTIVE"],
        "task_definitions": ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"],
        "load_balancers": [lb["LoadBalancerName"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]],
        "target_groups": [tg["TargetGroupName"] for tg in elbv2.describe_target_groups()["TargetGroups"]],
        "ecr_repositories": [
            r["repositoryName"] for r in emulator.client("ecr").describe_repositories()["repositories"]
        ],
        "distributions": [d["Id"] for d in cloudfront.list_distributions()["DistributionList"].get("Items", [])],
        "cache_policies": [
            p["CachePolicy"]["CachePolicyConfig"]["Name"]
            for p in cloudfront.list_cache_policies(Type="custom")["CachePolicyList"].get("Items", [])
        ],
        "response_headers_policies": [
            p["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"]["Name"]
            for p in cloudfront.list_response_headers_policies(Type="custom")["ResponseHeadersPolicyList"].get(
                "Items", []
            )
        ],
        "cloudfront_functions": [f["Name"] for f in cloudfront.list_functions()["FunctionList"].get("Items", [])],
        "origin_access_controls": [
            c["Name"] for c in cloudfront.list_origin_access_controls()["OriginAccessControlList"].get("Items", [])
        ],
        "buckets": [b["Name"] for b in emulator.client("s3").list_buckets()["Buckets"] if environment in b["Name"]],
    }


def _monitoring_and_account(emulator: EmulatorClient, environment: str, prefix: str) -> dict[str, list]:
    cloudwatch = emulator.client("cloudwatch")
    iam = emulator.client("iam")
    ssm = emulator.client("ssm")
    budgets = emulator.client("budgets").describe_budgets(AccountId="123456789012").get("Budgets", [])
    return {
        "alarms": [a["AlarmName"] for a in cloudwatch.describe_alarms()["MetricAlarms"]],
        "dashboards": [d["DashboardName"] for d in cloudwatch.list_dashboards()["DashboardEntries"]],
        "budgets": [b["BudgetName"] for b in budgets],
        "topics": [t["TopicArn"] for t in emulator.client("sns").list_topics()["Topics"]],
        "log_groups": [
            g["logGroupName"]
            for g in emulator.client("logs").describe_log_groups()["logGroups"]
            if APP in g["logGroupName"]
        ],
        "iam_roles": [r["RoleName"] for r in iam.list_roles()["Roles"] if r["RoleName"].startswith(prefix)],
        "iam_policies": [
            p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"] if p["PolicyName"].startswith(prefix)
        ],
        "parameters": [
            p["Name"] for p in ssm.get_parameters_by_path(Path=f"/{APP}/{environment}", Recursive=True)["Parameters"]
        ],
        "kms_aliases": [
            a["AliasName"] for a in emulator.client("kms").list_aliases()["Aliases"] if APP in a["AliasName"]
        ],
    }
