"""ElastiCache cache parameter groups: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5, which has no cache parameter group operation
(see ``emulator/fixes/elasticache_parameter_groups.py``).
"""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from emulator.client import CREDENTIALS, EmulatorClient

KEYS = {key.lower(): value for key, value in CREDENTIALS.items()}
ARN_PREFIX = "arn:aws:elasticache:us-east-1:123456789012:parametergroup:"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def parameters(emulator: EmulatorClient, name: str, **filters: str) -> dict[str, dict]:
    paginator = emulator.client("elasticache").get_paginator("describe_cache_parameters")
    pages = paginator.paginate(CacheParameterGroupName=name, **filters)
    return {parameter["ParameterName"]: parameter for page in pages for parameter in page["Parameters"]}


def create_group(
    emulator: EmulatorClient, name: str = "app-cache", family: str = "valkey8", **settings: object
) -> dict:
    return emulator.client("elasticache").create_cache_parameter_group(
        CacheParameterGroupName=name, CacheParameterGroupFamily=family, Description="App cache", **settings
    )["CacheParameterGroup"]


def test_create_returns_the_group_with_its_arn(emulator: EmulatorClient) -> None:
    """AWS CreateCacheParameterGroup returns the CacheParameterGroup with IsGlobal and ARN.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheParameterGroup.html
    """
    group = create_group(emulator)

    assert group == {
        "CacheParameterGroupName": "app-cache",
        "CacheParameterGroupFamily": "valkey8",
        "Description": "App cache",
        "IsGlobal": False,
        "ARN": ARN_PREFIX + "app-cache",
    }
    (described,) = emulator.client("elasticache").describe_cache_parameter_groups(CacheParameterGroupName="app-cache")[
        "CacheParameterGroups"
    ]
    assert described == group


def test_create_refuses_an_existing_name_and_an_unknown_family(emulator: EmulatorClient) -> None:
    """AWS: CacheParameterGroupAlreadyExists; an unknown family is InvalidParameterValue.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheParameterGroup.html
    """
    create_group(emulator)
    with pytest.raises(ClientError) as raised:
        create_group(emulator)
    assert error_of(raised) == ("CacheParameterGroupAlreadyExists", 400)
    with pytest.raises(ClientError) as raised:
        create_group(emulator, "other", family="redis9")
    assert error_of(raised) == ("InvalidParameterValue", 400)


@pytest.mark.parametrize("family", ["valkey7", "valkey8", "redis6.x", "redis7"])
def test_the_default_groups_exist_in_every_region(emulator: EmulatorClient, family: str) -> None:
    """AWS: default.<family> exists without being created, in every region, with the engine defaults.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html
    """
    client = boto3.client("elasticache", region_name="eu-west-1", endpoint_url=emulator.endpoint, **KEYS)
    (group,) = client.describe_cache_parameter_groups(CacheParameterGroupName=f"default.{family}")[
        "CacheParameterGroups"
    ]
    assert group["CacheParameterGroupFamily"] == family
    assert group["ARN"] == f"arn:aws:elasticache:eu-west-1:123456789012:parametergroup:default.{family}"
    found = {
        parameter["ParameterName"]: parameter
        for parameter in client.describe_cache_parameters(CacheParameterGroupName=f"default.{family}")["Parameters"]
    }
    values = {name: found[name]["ParameterValue"] for name in found}
    assert values["maxmemory-policy"] == "volatile-lru"
    assert (values["timeout"], values["notify-keyspace-events"], values["cluster-enabled"]) == ("0", "", "no")
    assert parameters(emulator, f"default.{family}.cluster.on")["cluster-enabled"]["ParameterValue"] == "yes"


def test_parameters_carry_type_allowed_values_and_change_type(emulator: EmulatorClient) -> None:
    """AWS Parameter: DataType, AllowedValues, IsModifiable, MinimumEngineVersion, ChangeType, Source.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_Parameter.html
    """
    create_group(emulator, family="redis7")
    found = parameters(emulator, "app-cache")

    policy = found["maxmemory-policy"]
    assert policy["AllowedValues"].split(",") == [
        "volatile-lru",
        "allkeys-lru",
        "volatile-lfu",
        "allkeys-lfu",
        "volatile-random",
        "allkeys-random",
        "volatile-ttl",
        "noeviction",
    ]
    assert (policy["DataType"], policy["IsModifiable"], policy["ChangeType"]) == ("string", True, "immediate")
    assert found["cluster-enabled"]["ChangeType"] == "requires-reboot"
    assert found["appendonly"]["IsModifiable"] is False
    assert found["tcp-keepalive"]["DataType"] == "integer"
    assert {"latency-tracking", "slowlog-max-len", "reserved-memory-percent", "lazyfree-lazy-eviction"} <= set(found)
    assert "latency-tracking" not in parameters(emulator, "default.redis6.x")


def test_modify_sets_values_that_source_user_lists(emulator: EmulatorClient) -> None:
    """AWS ModifyCacheParameterGroup; DescribeCacheParameters Source=user lists what was set.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyCacheParameterGroup.html
    """
    create_group(emulator)
    client = emulator.client("elasticache")

    answer = client.modify_cache_parameter_group(
        CacheParameterGroupName="app-cache",
        ParameterNameValues=[
            {"ParameterName": "maxmemory-policy", "ParameterValue": "noeviction"},
            {"ParameterName": "timeout", "ParameterValue": "300"},
        ],
    )

    assert answer["CacheParameterGroupName"] == "app-cache"
    user = parameters(emulator, "app-cache", Source="user")
    assert {name: parameter["ParameterValue"] for name, parameter in user.items()} == {
        "maxmemory-policy": "noeviction",
        "timeout": "300",
    }
    assert "maxmemory-policy" not in parameters(emulator, "app-cache", Source="system")
    assert "activedefrag" in parameters(emulator, "app-cache", Source="engine-default")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("maxmemory-policy", "allkeys-fifo", "volatile-lru,allkeys-lru"),
        ("timeout", "10", "0,20-"),
        ("reserved-memory-percent", "101", "0-100"),
        ("appendonly", "yes", "cannot be modified"),
        ("no-such-parameter", "1", "not a valid parameter"),
    ],
)
def test_modify_refuses_unknown_parameters_and_values_not_allowed(
    emulator: EmulatorClient, name: str, value: str, message: str
) -> None:
    """AWS ModifyCacheParameterGroup: InvalidParameterValue.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ModifyCacheParameterGroup.html
    """
    create_group(emulator)
    with pytest.raises(ClientError) as raised:
        emulator.client("elasticache").modify_cache_parameter_group(
            CacheParameterGroupName="app-cache", ParameterNameValues=[{"ParameterName": name, "ParameterValue": value}]
        )
    assert error_of(raised) == ("InvalidParameterValue", 400)
    assert message in raised.value.response["Error"]["Message"]
    assert parameters(emulator, "app-cache", Source="user") == {}


def test_default_groups_cannot_be_modified_or_deleted(emulator: EmulatorClient) -> None:
    """AWS: "You cannot modify or delete the default parameter groups."
    https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Management.html
    """
    client = emulator.client("elasticache")
    calls = (
        lambda: client.modify_cache_parameter_group(
            CacheParameterGroupName="default.valkey8",
            ParameterNameValues=[{"ParameterName": "timeout", "ParameterValue": "300"}],
        ),
        lambda: client.delete_cache_parameter_group(CacheParameterGroupName="default.valkey8"),
    )
    for call in calls:
        with pytest.raises(ClientError) as raised:
            call()
        assert error_of(raised) == ("InvalidParameterValue", 400)
        assert "Default parameter groups cannot be" in raised.value.response["Error"]["Message"]


def test_reset_restores_the_defaults_named_or_all(emulator: EmulatorClient) -> None:
    """AWS ResetCacheParameterGroup: ParameterNameValues, or ResetAllParameters.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ResetCacheParameterGroup.html
    """
    create_group(emulator)
    client = emulator.client("elasticache")
    client.modify_cache_parameter_group(
        CacheParameterGroupName="app-cache",
        ParameterNameValues=[
            {"ParameterName": "maxmemory-policy", "ParameterValue": "noeviction"},
            {"ParameterName": "timeout", "ParameterValue": "300"},
        ],
    )

    client.reset_cache_parameter_group(
        CacheParameterGroupName="app-cache", ParameterNameValues=[{"ParameterName": "timeout"}]
    )
    assert set(parameters(emulator, "app-cache", Source="user")) == {"maxmemory-policy"}
    assert parameters(emulator, "app-cache")["timeout"]["ParameterValue"] == "0"

    client.reset_cache_parameter_group(CacheParameterGroupName="app-cache", ResetAllParameters=True)
    assert parameters(emulator, "app-cache")["maxmemory-policy"]["ParameterValue"] == "volatile-lru"


def test_a_missing_group_is_cache_parameter_group_not_found(emulator: EmulatorClient) -> None:
    """AWS: CacheParameterGroupNotFound (HTTP 404).
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeCacheParameterGroups.html
    """
    client = emulator.client("elasticache")
    calls = (
        lambda: client.describe_cache_parameter_groups(CacheParameterGroupName="missing"),
        lambda: client.describe_cache_parameters(CacheParameterGroupName="missing"),
        lambda: client.modify_cache_parameter_group(
            CacheParameterGroupName="missing", ParameterNameValues=[{"ParameterName": "timeout", "ParameterValue": "1"}]
        ),
        lambda: client.reset_cache_parameter_group(CacheParameterGroupName="missing", ResetAllParameters=True),
        lambda: client.delete_cache_parameter_group(CacheParameterGroupName="missing"),
        lambda: client.list_tags_for_resource(ResourceName=ARN_PREFIX + "missing"),
    )
    for call in calls:
        with pytest.raises(ClientError) as raised:
            call()
        assert error_of(raised) == ("CacheParameterGroupNotFound", 404)


def test_a_group_in_use_cannot_be_deleted(emulator: EmulatorClient) -> None:
    """AWS DeleteCacheParameterGroup: InvalidCacheParameterGroupState while a cluster uses the group.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheParameterGroup.html
    """
    create_group(emulator, family="redis7")
    client = emulator.client("elasticache")
    client.create_cache_cluster(
        CacheClusterId="app-node",
        Engine="redis",
        CacheNodeType="cache.t3.micro",
        NumCacheNodes=1,
        CacheParameterGroupName="app-cache",
    )

    with pytest.raises(ClientError) as raised:
        client.delete_cache_parameter_group(CacheParameterGroupName="app-cache")
    assert error_of(raised) == ("InvalidCacheParameterGroupState", 400)


def test_delete_removes_the_group(emulator: EmulatorClient) -> None:
    """AWS DeleteCacheParameterGroup.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheParameterGroup.html
    """
    create_group(emulator)
    client = emulator.client("elasticache")
    client.delete_cache_parameter_group(CacheParameterGroupName="app-cache")

    names = [
        group["CacheParameterGroupName"] for group in client.describe_cache_parameter_groups()["CacheParameterGroups"]
    ]
    assert "app-cache" not in names
    assert "default.valkey8" in names


def test_parameter_groups_take_tags(emulator: EmulatorClient) -> None:
    """AWS: parameter groups are taggable by ARN (CreateCacheParameterGroup Tags, Add/List/RemoveTags).
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ListTagsForResource.html
    """
    arn = create_group(emulator, Tags=[{"Key": "env", "Value": "prod"}])["ARN"]
    client = emulator.client("elasticache")
    client.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "team", "Value": "web"}])
    client.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])

    assert client.list_tags_for_resource(ResourceName=arn)["TagList"] == [{"Key": "team", "Value": "web"}]


def test_engine_default_parameters_list_a_familys_defaults(emulator: EmulatorClient) -> None:
    """AWS DescribeEngineDefaultParameters: EngineDefaults with the family and its parameters.
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeEngineDefaultParameters.html
    """
    paginator = emulator.client("elasticache").get_paginator("describe_engine_default_parameters")
    pages = paginator.paginate(CacheParameterGroupFamily="valkey7", PaginationConfig={"PageSize": 20})
    found = {
        parameter["ParameterName"]: parameter for page in pages for parameter in page["EngineDefaults"]["Parameters"]
    }

    assert found["maxmemory-policy"]["ParameterValue"] == "volatile-lru"
    assert found["maxmemory-policy"]["MinimumEngineVersion"] == "7.2.4"
    assert len(found) > 40


def test_names_are_stored_in_lower_case(emulator: EmulatorClient) -> None:
    """AWS CacheParameterGroupName: "This value is stored as a lowercase string."
    https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheParameterGroup.html
    """
    assert create_group(emulator, "App-Cache")["CacheParameterGroupName"] == "app-cache"
    (group,) = emulator.client("elasticache").describe_cache_parameter_groups(CacheParameterGroupName="APP-cache")[
        "CacheParameterGroups"
    ]
    assert group["ARN"] == ARN_PREFIX + "app-cache"
