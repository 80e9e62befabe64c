"""ElastiCache cache subnet groups: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/elasticache_subnet_groups.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def vpc_subnets(emulator: EmulatorClient, second_octet: int = 0) -> tuple[str, list[str]]:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock=f"10.{second_octet}.0.0/16")["Vpc"]["VpcId"]
    subnet_ids = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.{second_octet}.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")[
            "Subnet"
        ]["SubnetId"]
        for n, zone in ((1, "a"), (2, "b"), (3, "c"))
    ]
    return vpc_id, subnet_ids


def create_group(emulator: EmulatorClient, subnet_ids: list[str], name: str = "app-cache", **settings: object) -> dict:
    return emulator.client("elasticache").create_cache_subnet_group(
        CacheSubnetGroupName=name, CacheSubnetGroupDescription="App cache", SubnetIds=subnet_ids, **settings
    )["CacheSubnetGroup"]


def test_a_group_reports_its_vpc_and_each_subnets_zone(emulator: EmulatorClient) -> None:
    """AWS CacheSubnetGroup: VpcId; Subnet: SubnetIdentifier, SubnetAvailabilityZone {Name}, SupportedNetworkTypes.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Subnet.html
    """
    vpc_id, subnet_ids = vpc_subnets(emulator)
    create_group(emulator, subnet_ids[:2])

    (group,) = emulator.client("elasticache").describe_cache_subnet_groups(CacheSubnetGroupName="app-cache")[
        "CacheSubnetGroups"
    ]
    assert group["VpcId"] == vpc_id
    assert group["ARN"] == "arn:aws:elasticache:us-east-1:123456789012:subnetgroup:app-cache"
    assert group["SupportedNetworkTypes"] == ["ipv4"]
    assert [(s["SubnetIdentifier"], s["SubnetAvailabilityZone"]["Name"]) for s in group["Subnets"]] == [
        (subnet_ids[0], "us-east-1a"),
        (subnet_ids[1], "us-east-1b"),
    ]


def test_create_refuses_unknown_subnets_and_subnets_of_two_vpcs(emulator: EmulatorClient) -> None:
    """AWS CreateCacheSubnetGroup: InvalidSubnet, "An invalid subnet identifier was specified".
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    _, other_subnet_ids = vpc_subnets(emulator, 1)

    for subnets in ([subnet_ids[0], "subnet-0123456789abcdef0"], [subnet_ids[0], other_subnet_ids[0]]):
        with pytest.raises(ClientError) as raised:
            create_group(emulator, subnets)
        assert error_of(raised) == ("InvalidSubnet", 400)
    assert emulator.client("elasticache").describe_cache_subnet_groups()["CacheSubnetGroups"] == []


def test_create_refuses_an_existing_name(emulator: EmulatorClient) -> None:
    """AWS CreateCacheSubnetGroup: CacheSubnetGroupAlreadyExists.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    create_group(emulator, subnet_ids)
    with pytest.raises(ClientError) as raised:
        create_group(emulator, subnet_ids)
    assert error_of(raised) == ("CacheSubnetGroupAlreadyExists", 400)


def test_modify_replaces_the_subnets_and_the_description(emulator: EmulatorClient) -> None:
    """AWS ModifyCacheSubnetGroup: SubnetIds replaces the subnets; the description changes.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyCacheSubnetGroup.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    create_group(emulator, subnet_ids[:2])
    client = emulator.client("elasticache")

    group = client.modify_cache_subnet_group(
        CacheSubnetGroupName="app-cache", CacheSubnetGroupDescription="Cache", SubnetIds=subnet_ids[1:]
    )["CacheSubnetGroup"]
    assert group["CacheSubnetGroupDescription"] == "Cache"
    assert [s["SubnetIdentifier"] for s in group["Subnets"]] == subnet_ids[1:]

    group = client.modify_cache_subnet_group(CacheSubnetGroupName="app-cache", CacheSubnetGroupDescription="Again")[
        "CacheSubnetGroup"
    ]
    assert [s["SubnetIdentifier"] for s in group["Subnets"]] == subnet_ids[1:]
    with pytest.raises(ClientError) as raised:
        client.modify_cache_subnet_group(CacheSubnetGroupName="app-cache", SubnetIds=["subnet-0123456789abcdef0"])
    assert error_of(raised) == ("InvalidSubnet", 400)


def test_delete_refuses_a_group_in_use_then_deletes(emulator: EmulatorClient) -> None:
    """AWS DeleteCacheSubnetGroup: CacheSubnetGroupInUse while a cluster uses the group.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheSubnetGroup.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    create_group(emulator, subnet_ids)
    client = emulator.client("elasticache")
    client.create_cache_cluster(
        CacheClusterId="app-node",
        Engine="redis",
        CacheNodeType="cache.t3.micro",
        NumCacheNodes=1,
        CacheSubnetGroupName="app-cache",
    )
    with pytest.raises(ClientError) as raised:
        client.delete_cache_subnet_group(CacheSubnetGroupName="app-cache")
    assert error_of(raised) == ("CacheSubnetGroupInUse", 400)

    client.delete_cache_cluster(CacheClusterId="app-node")
    client.delete_cache_subnet_group(CacheSubnetGroupName="app-cache")
    with pytest.raises(ClientError) as raised:
        client.describe_cache_subnet_groups(CacheSubnetGroupName="app-cache")
    assert error_of(raised) == ("CacheSubnetGroupNotFoundFault", 400)


def test_subnet_groups_take_tags_and_a_missing_one_is_not_found(emulator: EmulatorClient) -> None:
    """AWS: subnet groups are taggable by ARN; a missing one is CacheSubnetGroupNotFoundFault.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ListTagsForResource.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    arn = create_group(emulator, subnet_ids, Tags=[{"Key": "env", "Value": "prod"}])["ARN"]
    client = emulator.client("elasticache")
    client.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "team", "Value": "web"}])
    client.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])
    assert client.list_tags_for_resource(ResourceName=arn)["TagList"] == [{"Key": "team", "Value": "web"}]

    with pytest.raises(ClientError) as raised:
        client.list_tags_for_resource(ResourceName=arn.replace("app-cache", "missing"))
    assert error_of(raised) == ("CacheSubnetGroupNotFoundFault", 400)


def test_names_are_stored_in_lower_case(emulator: EmulatorClient) -> None:
    """AWS CacheSubnetGroupName: "This value is stored as a lowercase string."
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheSubnetGroup.html
    """
    _, subnet_ids = vpc_subnets(emulator)
    assert create_group(emulator, subnet_ids, name="App-Cache")["CacheSubnetGroupName"] == "app-cache"
    client = emulator.client("elasticache")
    (group,) = client.describe_cache_subnet_groups(CacheSubnetGroupName="APP-cache")["CacheSubnetGroups"]
    assert group["ARN"].endswith(":subnetgroup:app-cache")
    client.delete_cache_subnet_group(CacheSubnetGroupName="App-Cache")
    assert client.describe_cache_subnet_groups()["CacheSubnetGroups"] == []
