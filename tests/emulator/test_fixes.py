"""Where moto 5.2.5 differs from AWS, the emulator answers as AWS does.

The tests drive the emulator with boto3. Most fail on stock moto; the others
pin down what a fix must keep (values the user set, other storage types, tags
that moto already returned).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient
from emulator.fixes.rds_gp3_storage import gp3_baseline

PASSWORD = "not-a-secret-42"


# --- RDS: DescribeDBParameterGroups -------------------------------------------------


def test_describing_a_missing_parameter_group_is_an_error(emulator: EmulatorClient) -> None:
    """AWS DescribeDBParameterGroups: "DBParameterGroupNotFound: DBParameterGroupName
    doesn't refer to an existing DB parameter group." (HTTP 404)
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameterGroups.html
    """
    rds = emulator.client("rds")

    with pytest.raises(ClientError) as raised:
        rds.describe_db_parameter_groups(DBParameterGroupName="missing")

    assert raised.value.response["Error"]["Code"] == "DBParameterGroupNotFound"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_describing_an_existing_parameter_group_finds_it_whatever_the_case(emulator: EmulatorClient) -> None:
    """AWS stores parameter group names in lower case ("Constraints: ... stored as a
    lowercase string") and finds them by any case.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html
    """
    rds = emulator.client("rds")
    rds.create_db_parameter_group(
        DBParameterGroupName="App-Params", DBParameterGroupFamily="postgres16", Description="app"
    )

    groups = rds.describe_db_parameter_groups(DBParameterGroupName="App-Params")["DBParameterGroups"]

    assert [group["DBParameterGroupName"] for group in groups] == ["app-params"]
    assert len(rds.describe_db_parameter_groups()["DBParameterGroups"]) == 1


def test_default_parameter_groups_always_exist(emulator: EmulatorClient) -> None:
    """AWS has a default parameter group for every family, named default.<family>.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/parameter-groups-overview.html
    """
    rds = emulator.client("rds")

    groups = rds.describe_db_parameter_groups(DBParameterGroupName="default.postgres16")["DBParameterGroups"]

    assert groups[0]["DBParameterGroupFamily"] == "postgres16"


# --- RDS: gp3 IOPS and throughput ---------------------------------------------------


def create_instance(emulator: EmulatorClient, name: str, **settings: object) -> dict:
    rds = emulator.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier=name,
        DBInstanceClass="db.m6g.large",
        MasterUsername="app",
        MasterUserPassword=PASSWORD,
        **settings,
    )
    return rds.describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]


@pytest.mark.parametrize(
    ("engine", "storage_gib", "iops", "throughput"),
    [
        ("postgres", 20, 3000, 125),
        ("postgres", 399, 3000, 125),
        ("postgres", 400, 12000, 500),
        ("mysql", 1000, 12000, 500),
        ("oracle-ee", 200, 12000, 500),
        ("sqlserver-se", 1000, 3000, 125),
    ],
)
def test_gp3_instances_report_their_baseline_iops_and_throughput(
    emulator: EmulatorClient, engine: str, storage_gib: int, iops: int, throughput: int
) -> None:
    """AWS DBInstance reports Iops and StorageThroughput for gp3 storage; the
    baseline is 3,000 IOPS / 125 MiB/s below 400 GiB (200 GiB for Oracle, any
    size for SQL Server), 12,000 IOPS / 500 MiB/s from there on.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage
    """
    instance = create_instance(emulator, "gp3-db", Engine=engine, AllocatedStorage=storage_gib, StorageType="gp3")

    assert (instance["Iops"], instance["StorageThroughput"]) == (iops, throughput)
    assert gp3_baseline(engine, storage_gib) == (iops, throughput)


def test_gp3_instances_report_what_the_user_provisioned(emulator: EmulatorClient) -> None:
    """AWS: Iops and StorageThroughput set on a gp3 instance above the threshold are
    what DescribeDBInstances reports.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
    """
    instance = create_instance(
        emulator,
        "tuned-db",
        Engine="postgres",
        AllocatedStorage=500,
        StorageType="gp3",
        Iops=15000,
        StorageThroughput=600,
    )

    assert (instance["Iops"], instance["StorageThroughput"]) == (15000, 600)


def test_gp2_instances_report_no_provisioned_iops(emulator: EmulatorClient) -> None:
    """AWS reports Iops and StorageThroughput only for storage that provisions them.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html
    """
    instance = create_instance(emulator, "gp2-db", Engine="postgres", AllocatedStorage=20, StorageType="gp2")

    assert "Iops" not in instance
    assert "StorageThroughput" not in instance


def test_gp3_baseline_follows_the_storage_after_modification(emulator: EmulatorClient) -> None:
    """AWS: growing gp3 storage past the threshold raises the baseline with it.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage
    """
    rds = emulator.client("rds")
    create_instance(emulator, "growing-db", Engine="postgres", AllocatedStorage=100, StorageType="gp3")

    rds.modify_db_instance(DBInstanceIdentifier="growing-db", AllocatedStorage=400, ApplyImmediately=True)

    instance = rds.describe_db_instances(DBInstanceIdentifier="growing-db")["DBInstances"][0]
    assert (instance["Iops"], instance["StorageThroughput"]) == (12000, 500)


# --- EC2: NAT gateway and Elastic IP tags -------------------------------------------


def create_nat_gateway(emulator: EmulatorClient) -> tuple[str, str]:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.5.0.0/16")["Vpc"]["VpcId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.5.0.0/24")["Subnet"]["SubnetId"]
    allocation_id = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(
        SubnetId=subnet_id,
        AllocationId=allocation_id,
        TagSpecifications=[{"ResourceType": "natgateway", "Tags": [{"Key": "Name", "Value": "nat-a"}]}],
    )["NatGateway"]
    return nat["NatGatewayId"], allocation_id


def test_nat_gateway_tags_are_found_under_resource_type_natgateway(emulator: EmulatorClient) -> None:
    """AWS DescribeTags: resource-type filter value and ResourceType of a NAT
    gateway are "natgateway".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html
    """
    ec2 = emulator.client("ec2")
    nat_id, _ = create_nat_gateway(emulator)

    tags = ec2.describe_tags(
        Filters=[
            {"Name": "resource-id", "Values": [nat_id]},
            {"Name": "resource-type", "Values": ["natgateway"]},
        ]
    )["Tags"]

    assert tags == [{"Key": "Name", "ResourceId": nat_id, "ResourceType": "natgateway", "Value": "nat-a"}]


def test_nat_gateway_tags_from_create_show_in_describe_nat_gateways(emulator: EmulatorClient) -> None:
    """AWS CreateNatGateway applies TagSpecifications of ResourceType "natgateway";
    DescribeNatGateways returns them as Tags.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNatGateway.html
    """
    ec2 = emulator.client("ec2")
    nat_id, _ = create_nat_gateway(emulator)

    nat = ec2.describe_nat_gateways(NatGatewayIds=[nat_id])["NatGateways"][0]

    assert nat["Tags"] == [{"Key": "Name", "Value": "nat-a"}]


def test_elastic_ip_tags_are_found_under_resource_type_elastic_ip(emulator: EmulatorClient) -> None:
    """AWS DescribeTags: the resource type of an Elastic IP is "elastic-ip".
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTags.html
    """
    ec2 = emulator.client("ec2")
    allocation_id = ec2.allocate_address(Domain="vpc")["AllocationId"]
    ec2.create_tags(Resources=[allocation_id], Tags=[{"Key": "Name", "Value": "eip-a"}])

    tags = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["elastic-ip"]}])["Tags"]

    assert [(tag["ResourceId"], tag["ResourceType"]) for tag in tags] == [(allocation_id, "elastic-ip")]


def test_flow_log_tags_are_found_under_resource_type_vpc_flow_log(emulator: EmulatorClient) -> None:
    """AWS: the resource type of a flow log is "vpc-flow-log", in TagSpecifications
    and in DescribeTags.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TagSpecification.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.6.0.0/16")["Vpc"]["VpcId"]
    [flow_log_id] = ec2.create_flow_logs(
        ResourceIds=[vpc_id],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="cloud-watch-logs",
        LogGroupName="/vpc/flow-logs",
        DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs",
        TagSpecifications=[{"ResourceType": "vpc-flow-log", "Tags": [{"Key": "Name", "Value": "flow"}]}],
    )["FlowLogIds"]

    tags = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["vpc-flow-log"]}])["Tags"]

    assert [(tag["ResourceId"], tag["ResourceType"]) for tag in tags] == [(flow_log_id, "vpc-flow-log")]


# --- EC2: VPC endpoint defaults -----------------------------------------------------


def test_vpc_endpoints_default_to_gateway_and_can_be_deleted(emulator: EmulatorClient) -> None:
    """AWS CreateVpcEndpoint: VpcEndpointType "Default: Gateway"; gateway endpoints
    report PrivateDnsEnabled false.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.7.0.0/16")["Vpc"]["VpcId"]

    endpoint = ec2.create_vpc_endpoint(VpcId=vpc_id, ServiceName="com.amazonaws.us-east-1.s3")["VpcEndpoint"]
    deleted = ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])

    assert endpoint["VpcEndpointType"] == "Gateway"
    assert endpoint["PrivateDnsEnabled"] is False
    assert deleted["Unsuccessful"] == []


def test_interface_endpoints_keep_private_dns(emulator: EmulatorClient) -> None:
    """AWS CreateVpcEndpoint: PrivateDnsEnabled "Default: true" for interface endpoints.
    https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
    """
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.8.0.0/24")["Subnet"]["SubnetId"]

    endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc_id, ServiceName="com.amazonaws.us-east-1.ssm", VpcEndpointType="Interface", SubnetIds=[subnet_id]
    )["VpcEndpoint"]

    assert (endpoint["VpcEndpointType"], endpoint["PrivateDnsEnabled"]) == ("Interface", True)


# --- CloudWatch Logs: log groups ----------------------------------------------------


def log_group_arn(emulator: EmulatorClient, name: str) -> str:
    [group] = emulator.client("logs").describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return group["logGroupArn"]


def test_retention_must_be_one_of_the_allowed_values(emulator: EmulatorClient) -> None:
    """AWS PutRetentionPolicy: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120,
    150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
    """
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/app/retained")

    with pytest.raises(logs.exceptions.InvalidParameterException):
        logs.put_retention_policy(logGroupName="/app/retained", retentionInDays=2)
    logs.put_retention_policy(logGroupName="/app/retained", retentionInDays=14)

    [group] = logs.describe_log_groups(logGroupNamePrefix="/app/retained")["logGroups"]
    assert group["retentionInDays"] == 14


def test_retention_policy_can_be_deleted(emulator: EmulatorClient) -> None:
    """AWS DeleteRetentionPolicy: the group's events then never expire, and
    DescribeLogGroups shows no retentionInDays.
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteRetentionPolicy.html
    """
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/app/forever")
    logs.put_retention_policy(logGroupName="/app/forever", retentionInDays=30)

    logs.delete_retention_policy(logGroupName="/app/forever")

    [group] = logs.describe_log_groups(logGroupNamePrefix="/app/forever")["logGroups"]
    assert "retentionInDays" not in group


def test_log_group_tags_by_arn(emulator: EmulatorClient) -> None:
    """AWS TagResource / ListTagsForResource / UntagResource take the log group ARN
    without ":*".
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
    """
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/app/tagged", tags={"team": "web"})
    arn = log_group_arn(emulator, "/app/tagged")

    logs.tag_resource(resourceArn=arn, tags={"env": "dev"})
    logs.untag_resource(resourceArn=arn, tagKeys=["team"])

    assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "dev"}


@pytest.mark.parametrize("arn_suffix", [":*", "-missing"], ids=["arn-with-star", "missing-group"])
def test_tagging_an_arn_that_names_no_log_group_fails(emulator: EmulatorClient, arn_suffix: str) -> None:
    """AWS TagResource / ListTagsForResource: ResourceNotFoundException when the
    ARN names no existing log group.
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
    """
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/app/real")
    arn = log_group_arn(emulator, "/app/real") + arn_suffix

    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.tag_resource(resourceArn=arn, tags={"env": "dev"})
    with pytest.raises(logs.exceptions.ResourceNotFoundException):
        logs.list_tags_for_resource(resourceArn=arn)


def test_log_groups_report_their_class(emulator: EmulatorClient) -> None:
    """AWS LogGroup.logGroupClass: STANDARD unless created as another class.
    https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
    """
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/app/standard")
    logs.create_log_group(logGroupName="/app/infrequent", logGroupClass="INFREQUENT_ACCESS")

    groups = logs.describe_log_groups(logGroupNamePrefix="/app/")["logGroups"]

    assert {group["logGroupName"]: group["logGroupClass"] for group in groups} == {
        "/app/infrequent": "INFREQUENT_ACCESS",
        "/app/standard": "STANDARD",
    }


# --- ECS: capacity providers --------------------------------------------------------


def test_ecs_clusters_report_empty_capacity_provider_lists(emulator: EmulatorClient) -> None:
    """AWS Cluster: capacityProviders and defaultCapacityProviderStrategy are
    returned by CreateCluster and DescribeClusters, empty when none are set.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Cluster.html
    """
    ecs = emulator.client("ecs")

    created = ecs.create_cluster(clusterName="plain")["cluster"]
    described = ecs.describe_clusters(clusters=["plain"])["clusters"][0]

    for cluster in (created, described):
        assert cluster["capacityProviders"] == []
        assert cluster["defaultCapacityProviderStrategy"] == []


def test_ecs_clusters_report_the_capacity_providers_set(emulator: EmulatorClient) -> None:
    """AWS PutClusterCapacityProviders: the cluster then reports them.
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutClusterCapacityProviders.html
    """
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName="fargate")
    strategy = [{"capacityProvider": "FARGATE", "weight": 1, "base": 0}]

    ecs.put_cluster_capacity_providers(
        cluster="fargate", capacityProviders=["FARGATE"], defaultCapacityProviderStrategy=strategy
    )

    cluster = ecs.describe_clusters(clusters=["fargate"])["clusters"][0]
    assert cluster["capacityProviders"] == ["FARGATE"]
    assert cluster["defaultCapacityProviderStrategy"] == strategy


# --- ElastiCache: cache nodes and security groups -----------------------------------


def create_cache_cluster(emulator: EmulatorClient, name: str, **settings: object) -> None:
    emulator.client("elasticache").create_cache_cluster(
        CacheClusterId=name, CacheNodeType="cache.t3.micro", NumCacheNodes=1, **settings
    )


def describe_cache_cluster(emulator: EmulatorClient, name: str, show_nodes: bool) -> dict:
    elasticache = emulator.client("elasticache")
    return elasticache.describe_cache_clusters(CacheClusterId=name, ShowCacheNodeInfo=show_nodes)["CacheClusters"][0]


def test_cache_nodes_are_listed_when_asked(emulator: EmulatorClient) -> None:
    """AWS DescribeCacheClusters with ShowCacheNodeInfo=true lists each node with
    its endpoint; without it, no CacheNodes.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheClusters.html
    """
    create_cache_cluster(emulator, "sessions", Engine="redis")

    with_nodes = describe_cache_cluster(emulator, "sessions", show_nodes=True)
    without_nodes = describe_cache_cluster(emulator, "sessions", show_nodes=False)

    [node] = with_nodes["CacheNodes"]
    assert node["CacheNodeId"] == "0001"
    assert node["CacheNodeStatus"] == "available"
    assert node["Endpoint"]["Port"] == 6379
    assert node["Endpoint"]["Address"].startswith("sessions.")
    assert "CacheNodes" not in without_nodes


def test_cache_clusters_report_their_security_groups(emulator: EmulatorClient) -> None:
    """AWS CacheCluster: CacheSecurityGroups (empty in a VPC) and SecurityGroups,
    each group with its status.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html
    """
    security_group_id = emulator.client("ec2").describe_security_groups()["SecurityGroups"][0]["GroupId"]
    create_cache_cluster(emulator, "in-vpc", Engine="redis", SecurityGroupIds=[security_group_id])

    cluster = describe_cache_cluster(emulator, "in-vpc", show_nodes=False)

    assert cluster["CacheSecurityGroups"] == []
    assert cluster["SecurityGroups"] == [{"SecurityGroupId": security_group_id, "Status": "active"}]


def test_memcached_clusters_have_a_configuration_endpoint(emulator: EmulatorClient) -> None:
    """AWS CacheCluster.ConfigurationEndpoint: "the configuration endpoint of a
    Memcached cluster"; Redis clusters have none.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheCluster.html
    """
    create_cache_cluster(emulator, "memcache", Engine="memcached", Port=11211)
    create_cache_cluster(emulator, "redis", Engine="redis")

    memcached = describe_cache_cluster(emulator, "memcache", show_nodes=False)
    redis = describe_cache_cluster(emulator, "redis", show_nodes=False)

    assert memcached["ConfigurationEndpoint"]["Port"] == 11211
    assert "ConfigurationEndpoint" not in redis


# --- Route 53: hosted zone ids -------------------------------------------------------


def test_hosted_zone_ids_start_with_z_as_aws_ids_do(emulator: EmulatorClient) -> None:
    """AWS hosted zone ids are "Z" and upper-case letters and digits, e.g. Z1D633PJN98FT9.
    https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html
    """
    route53 = emulator.client("route53")

    ids = [
        route53.create_hosted_zone(Name=f"zone{index}.example.com", CallerReference=f"zone-{index}")["HostedZone"]["Id"]
        for index in range(8)
    ]

    for zone_id in ids:
        short = zone_id.removeprefix("/hostedzone/")
        assert short.startswith("Z") and short.isalnum() and short.isupper(), zone_id
        assert route53.get_hosted_zone(Id=short)["HostedZone"]["Id"] == zone_id
