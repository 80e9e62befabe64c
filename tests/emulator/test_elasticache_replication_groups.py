"""ElastiCache replication groups: the emulator creates, modifies, scales and deletes them as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/elasticache_replication_groups.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# Long enough that no read made right after a call comes after it; the tests move the emulator's clock on.
DELAY = 600
TOKEN = "Token-with-16-chars-or-more"
NEW_TOKEN = "Another-token-of-16-chars"
LOG_GROUP_SLOW = {
    "LogType": "slow-log",
    "DestinationType": "cloudwatch-logs",
    "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": "/app/cache/slow-log"}},
    "LogFormat": "json",
    "Enabled": True,
}


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response["Error"]["Code"]


def create(emulator: EmulatorClient, group_id: str = "app-cache", **settings: Any) -> dict:
    request = {
        "ReplicationGroupId": group_id,
        "ReplicationGroupDescription": "app cache",
        "Engine": "valkey",
        "EngineVersion": "8.0",
        "CacheNodeType": "cache.t4g.micro",
        "NumCacheClusters": 2,
    } | settings
    return emulator.client("elasticache").create_replication_group(**request)["ReplicationGroup"]


def describe(emulator: EmulatorClient, group_id: str = "app-cache") -> dict:
    return emulator.client("elasticache").describe_replication_groups(ReplicationGroupId=group_id)["ReplicationGroups"][
        0
    ]


def member(emulator: EmulatorClient, cluster_id: str) -> dict:
    return emulator.client("elasticache").describe_cache_clusters(CacheClusterId=cluster_id)["CacheClusters"][0]


def test_a_group_is_creating_for_the_delay_then_available_with_its_member_clusters(emulator: EmulatorClient) -> None:
    emulator.configure(provisioning_delays={"elasticache": DELAY})

    created = create(emulator)
    creating = describe(emulator)
    creating_member = member(emulator, "app-cache-002")
    emulator.advance_clock(DELAY)
    group = describe(emulator)

    assert created["Status"] == creating["Status"] == "creating"
    assert "PrimaryEndpoint" not in creating["NodeGroups"][0]
    assert creating_member["CacheClusterStatus"] == "creating"
    assert group["Status"] == "available"
    assert group["MemberClusters"] == ["app-cache-001", "app-cache-002"]
    assert [
        (m["CacheClusterId"], m["CacheNodeId"], m["CurrentRole"]) for m in group["NodeGroups"][0]["NodeGroupMembers"]
    ] == [
        ("app-cache-001", "0001", "primary"),
        ("app-cache-002", "0001", "replica"),
    ]
    assert group["ClusterEnabled"] is False
    assert group["ClusterMode"] == "disabled"
    assert group["Engine"] == "valkey"
    assert group["CacheNodeType"] == "cache.t4g.micro"
    assert group["ARN"] == "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:app-cache"
    cluster = member(emulator, "app-cache-002")
    assert cluster["ReplicationGroupId"] == "app-cache"
    assert cluster["CacheClusterStatus"] == "available"
    assert cluster["EngineVersion"].startswith("8.0.")
    assert cluster["CacheParameterGroup"]["CacheParameterGroupName"] == "default.valkey8"


def test_endpoints_without_in_transit_encryption(emulator: EmulatorClient) -> None:
    create(emulator)

    node_group = describe(emulator)["NodeGroups"][0]

    primary, reader = node_group["PrimaryEndpoint"], node_group["ReaderEndpoint"]
    assert primary["Address"].startswith("app-cache.")
    assert primary["Address"].endswith(".ng.0001.use1.cache.amazonaws.com")
    assert reader["Address"].startswith("app-cache-ro.")
    assert primary["Port"] == reader["Port"] == 6379
    assert node_group["NodeGroupMembers"][0]["ReadEndpoint"]["Address"].startswith("app-cache-001.")
    assert len(primary["Address"].split(".")[1]) == 6


def test_encryption_auth_token_and_endpoints_with_in_transit_encryption(emulator: EmulatorClient) -> None:
    key_arn = emulator.client("kms").create_key()["KeyMetadata"]["Arn"]
    create(
        emulator,
        AtRestEncryptionEnabled=True,
        KmsKeyId=key_arn,
        TransitEncryptionEnabled=True,
        AuthToken=TOKEN,
        Port=6380,
    )

    group = describe(emulator)

    assert group["AtRestEncryptionEnabled"] is True
    assert group["KmsKeyId"] == key_arn
    assert group["TransitEncryptionEnabled"] is True
    assert group["TransitEncryptionMode"] == "required"
    assert group["AuthTokenEnabled"] is True
    assert "AuthTokenLastModifiedDate" in group
    assert group["NodeGroups"][0]["PrimaryEndpoint"]["Address"].startswith("master.app-cache.")
    assert group["NodeGroups"][0]["ReaderEndpoint"] == {
        "Address": group["NodeGroups"][0]["ReaderEndpoint"]["Address"],
        "Port": 6380,
    }
    assert group["NodeGroups"][0]["ReaderEndpoint"]["Address"].startswith("replica.app-cache.")


def test_snapshots_log_delivery_failover_and_tags_on_create(emulator: EmulatorClient) -> None:
    create(
        emulator,
        AutomaticFailoverEnabled=True,
        MultiAZEnabled=True,
        SnapshotRetentionLimit=7,
        SnapshotWindow="03:00-04:00",
        LogDeliveryConfigurations=[LOG_GROUP_SLOW],
        Tags=[{"Key": "app", "Value": "shop"}],
    )

    group = describe(emulator)
    tags = emulator.client("elasticache").list_tags_for_resource(ResourceName=group["ARN"])["TagList"]

    assert (group["AutomaticFailover"], group["MultiAZ"]) == ("enabled", "enabled")
    assert (group["SnapshotRetentionLimit"], group["SnapshotWindow"]) == (7, "03:00-04:00")
    assert group["SnapshottingClusterId"] == "app-cache-002"
    [log] = group["LogDeliveryConfigurations"]
    assert log["Status"] == "active"
    assert log["DestinationDetails"] == {"CloudWatchLogsDetails": {"LogGroup": "/app/cache/slow-log"}}
    assert tags == [{"Key": "app", "Value": "shop"}]


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        pytest.param({"ReplicationGroupId": "1-starts-with-a-digit"}, "InvalidParameterValue", id="group-id"),
        pytest.param({"ReplicationGroupId": "double--hyphen"}, "InvalidParameterValue", id="double-hyphen"),
        pytest.param({"Engine": "memcache"}, "InvalidParameterValue", id="engine"),
        pytest.param({"EngineVersion": "7.0"}, "InvalidParameterCombination", id="version-of-another-engine"),
        pytest.param({"CacheNodeType": "t4g.micro"}, "InvalidParameterValue", id="node-type"),
        pytest.param({"NumCacheClusters": 7}, "InvalidParameterValue", id="too-many-clusters"),
        pytest.param(
            {"NumCacheClusters": 1, "AutomaticFailoverEnabled": True}, "InvalidParameterCombination", id="failover"
        ),
        pytest.param({"MultiAZEnabled": True}, "InvalidParameterCombination", id="multi-az-without-failover"),
        pytest.param({"KmsKeyId": "alias/aws/elasticache"}, "InvalidParameterCombination", id="kms-without-at-rest"),
        pytest.param({"AuthToken": TOKEN}, "InvalidParameterCombination", id="token-without-transit"),
        pytest.param(
            {"AuthToken": "short", "TransitEncryptionEnabled": True}, "InvalidParameterValue", id="short-token"
        ),
        pytest.param(
            {"AuthToken": "has/a/slash/in/it/yes", "TransitEncryptionEnabled": True},
            "InvalidParameterValue",
            id="token-character",
        ),
        pytest.param({"SnapshotRetentionLimit": 36}, "InvalidParameterValue", id="retention"),
        pytest.param({"CacheSubnetGroupName": "missing"}, "CacheSubnetGroupNotFoundFault", id="subnet-group"),
        pytest.param({"CacheParameterGroupName": "missing"}, "CacheParameterGroupNotFound", id="parameter-group"),
        pytest.param(
            {"CacheParameterGroupName": "default.redis7"}, "InvalidParameterCombination", id="parameter-group-family"
        ),
        pytest.param(
            {"AtRestEncryptionEnabled": True, "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/none"},
            "InvalidKMSKeyFault",
            id="kms-key",
        ),
        pytest.param({"SecurityGroupIds": ["sg-00000000000000000"]}, "InvalidParameterValue", id="security-group"),
    ],
)
def test_create_refuses_what_aws_refuses(emulator: EmulatorClient, settings: dict, code: str) -> None:
    with pytest.raises(ClientError) as raised:
        create(emulator, **settings)

    assert error_of(raised) == code
    assert emulator.client("elasticache").describe_replication_groups()["ReplicationGroups"] == []


def test_an_id_in_use_and_a_missing_group_fail_with_their_codes(emulator: EmulatorClient) -> None:
    create(emulator)
    elasticache = emulator.client("elasticache")

    with pytest.raises(ClientError) as exists:
        create(emulator)
    with pytest.raises(ClientError) as missing:
        elasticache.describe_replication_groups(ReplicationGroupId="missing")
    with pytest.raises(ClientError) as missing_tags:
        elasticache.list_tags_for_resource(
            ResourceName="arn:aws:elasticache:us-east-1:123456789012:replicationgroup:missing"
        )

    assert error_of(exists) == "ReplicationGroupAlreadyExists"
    assert error_of(missing) == error_of(missing_tags) == "ReplicationGroupNotFoundFault"
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_a_modification_is_modifying_for_the_delay_with_its_pending_values(emulator: EmulatorClient) -> None:
    create(emulator)
    emulator.configure(provisioning_delays={"elasticache": DELAY})
    elasticache = emulator.client("elasticache")

    answered = elasticache.modify_replication_group(
        ReplicationGroupId="app-cache",
        CacheNodeType="cache.t4g.small",
        AutomaticFailoverEnabled=True,
        SnapshotRetentionLimit=5,
        ApplyImmediately=True,
    )["ReplicationGroup"]
    modifying = describe(emulator)
    modifying_member = member(emulator, "app-cache-001")
    with pytest.raises(ClientError) as busy:
        elasticache.modify_replication_group(ReplicationGroupId="app-cache", SnapshotRetentionLimit=1)
    emulator.advance_clock(DELAY)
    group = describe(emulator)

    assert answered["Status"] == modifying["Status"] == "modifying"
    assert modifying["AutomaticFailover"] == "enabling"
    assert modifying["PendingModifiedValues"] == {"AutomaticFailoverStatus": "enabled"}
    assert modifying["CacheNodeType"] == "cache.t4g.micro"
    assert modifying["SnapshotRetentionLimit"] == 5
    assert modifying_member["PendingModifiedValues"] == {"CacheNodeType": "cache.t4g.small"}
    assert error_of(busy) == "InvalidReplicationGroupState"
    assert group["Status"] == "available"
    assert (group["AutomaticFailover"], group["CacheNodeType"], group["PendingModifiedValues"]) == (
        "enabled",
        "cache.t4g.small",
        {},
    )
    assert member(emulator, "app-cache-001")["CacheNodeType"] == "cache.t4g.small"


def test_a_node_type_not_applied_immediately_stays_pending(emulator: EmulatorClient) -> None:
    create(emulator)

    emulator.client("elasticache").modify_replication_group(
        ReplicationGroupId="app-cache", CacheNodeType="cache.t4g.small", ApplyImmediately=False
    )

    assert describe(emulator)["Status"] == "available"
    assert describe(emulator)["CacheNodeType"] == "cache.t4g.micro"
    assert member(emulator, "app-cache-002")["PendingModifiedValues"] == {"CacheNodeType": "cache.t4g.small"}


def test_settings_modified_are_read_back(emulator: EmulatorClient) -> None:
    security_group = emulator.client("ec2").create_security_group(GroupName="cache", Description="cache")["GroupId"]
    create(emulator, EngineVersion="7.2", CacheParameterGroupName="default.valkey7")
    elasticache = emulator.client("elasticache")

    elasticache.modify_replication_group(
        ReplicationGroupId="app-cache",
        ReplicationGroupDescription="new description",
        EngineVersion="8.0",
        CacheParameterGroupName="default.valkey8",
        SecurityGroupIds=[security_group],
        PreferredMaintenanceWindow="mon:01:00-mon:02:00",
        SnapshotWindow="02:00-03:00",
        AutoMinorVersionUpgrade=False,
        LogDeliveryConfigurations=[LOG_GROUP_SLOW],
        ApplyImmediately=True,
    )
    group = describe(emulator)
    cluster = member(emulator, "app-cache-001")

    assert (group["Description"], group["SnapshotWindow"], group["AutoMinorVersionUpgrade"]) == (
        "new description",
        "02:00-03:00",
        False,
    )
    assert [log["LogType"] for log in group["LogDeliveryConfigurations"]] == ["slow-log"]
    assert cluster["EngineVersion"].startswith("8.0.")
    assert cluster["CacheParameterGroup"]["CacheParameterGroupName"] == "default.valkey8"
    assert cluster["SecurityGroups"] == [{"SecurityGroupId": security_group, "Status": "active"}]
    assert cluster["PreferredMaintenanceWindow"] == "mon:01:00-mon:02:00"

    elasticache.modify_replication_group(
        ReplicationGroupId="app-cache",
        LogDeliveryConfigurations=[{"LogType": "slow-log", "Enabled": False}],
        ApplyImmediately=True,
    )
    assert describe(emulator)["LogDeliveryConfigurations"] == []


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        pytest.param({"AutomaticFailoverEnabled": True}, "InvalidReplicationGroupState", id="failover-one-cluster"),
        pytest.param({"MultiAZEnabled": True}, "InvalidParameterCombination", id="multi-az-without-failover"),
        pytest.param({"Engine": "redis", "EngineVersion": "7.1"}, "InvalidParameterCombination", id="valkey-to-redis"),
        pytest.param({"EngineVersion": "7.2"}, "InvalidParameterCombination", id="downgrade"),
        pytest.param({"EngineVersion": "9.9"}, "InvalidParameterCombination", id="unknown-version"),
        pytest.param({"AuthToken": TOKEN}, "InvalidParameterCombination", id="token-without-transit"),
        pytest.param({"CacheParameterGroupName": "missing"}, "CacheParameterGroupNotFound", id="parameter-group"),
        pytest.param({"SnapshotRetentionLimit": 40}, "InvalidParameterValue", id="retention"),
    ],
)
def test_modify_refuses_what_aws_refuses(emulator: EmulatorClient, settings: dict, code: str) -> None:
    create(emulator, NumCacheClusters=1)

    with pytest.raises(ClientError) as raised:
        emulator.client("elasticache").modify_replication_group(
            ReplicationGroupId="app-cache", ApplyImmediately=True, **settings
        )

    assert error_of(raised) == code
    assert describe(emulator)["Status"] == "available"


def test_modify_has_no_parameter_for_at_rest_encryption_subnet_group_or_port(emulator: EmulatorClient) -> None:
    elasticache = emulator.client("elasticache")
    accepted = elasticache.meta.service_model.operation_model("ModifyReplicationGroup").input_shape.members

    assert not {"AtRestEncryptionEnabled", "KmsKeyId", "CacheSubnetGroupName", "Port"} & set(accepted)


def test_the_auth_token_is_rotated_then_set(emulator: EmulatorClient) -> None:
    create(emulator, TransitEncryptionEnabled=True, AuthToken=TOKEN)
    first_date = describe(emulator)["AuthTokenLastModifiedDate"]
    emulator.configure(provisioning_delays={"elasticache": DELAY})
    elasticache = emulator.client("elasticache")

    with pytest.raises(ClientError) as set_first:
        elasticache.modify_replication_group(
            ReplicationGroupId="app-cache", AuthToken=NEW_TOKEN, AuthTokenUpdateStrategy="SET", ApplyImmediately=True
        )
    elasticache.modify_replication_group(
        ReplicationGroupId="app-cache", AuthToken=NEW_TOKEN, AuthTokenUpdateStrategy="ROTATE", ApplyImmediately=True
    )
    rotating = describe(emulator)
    emulator.advance_clock(DELAY)
    rotated = describe(emulator)
    elasticache.modify_replication_group(
        ReplicationGroupId="app-cache", AuthToken=NEW_TOKEN, AuthTokenUpdateStrategy="SET", ApplyImmediately=True
    )
    setting = describe(emulator)
    emulator.advance_clock(DELAY)

    assert error_of(set_first) == "InvalidParameterCombination"
    assert rotating["PendingModifiedValues"] == {"AuthTokenStatus": "ROTATING"}
    assert rotated["AuthTokenLastModifiedDate"] > first_date
    assert setting["PendingModifiedValues"] == {"AuthTokenStatus": "SETTING"}
    assert describe(emulator)["Status"] == "available"
    assert describe(emulator)["AuthTokenEnabled"] is True


def test_replicas_are_added_and_removed(emulator: EmulatorClient) -> None:
    create(emulator, NumCacheClusters=2, AutomaticFailoverEnabled=True)
    emulator.configure(provisioning_delays={"elasticache": DELAY})
    elasticache = emulator.client("elasticache")

    increasing = elasticache.increase_replica_count(
        ReplicationGroupId="app-cache", NewReplicaCount=2, ApplyImmediately=True
    )["ReplicationGroup"]
    new_member = member(emulator, "app-cache-003")
    emulator.advance_clock(DELAY)
    increased = describe(emulator)
    with pytest.raises(ClientError) as below_failover:
        elasticache.decrease_replica_count(ReplicationGroupId="app-cache", NewReplicaCount=0, ApplyImmediately=True)
    elasticache.decrease_replica_count(ReplicationGroupId="app-cache", NewReplicaCount=1, ApplyImmediately=True)
    removed_member = member(emulator, "app-cache-003")
    emulator.advance_clock(DELAY)

    assert increasing["Status"] == "modifying"
    assert new_member["CacheClusterStatus"] == "creating"
    assert increased["MemberClusters"] == ["app-cache-001", "app-cache-002", "app-cache-003"]
    assert error_of(below_failover) == "InvalidParameterValue"
    assert removed_member["CacheClusterStatus"] == "deleting"
    assert describe(emulator)["MemberClusters"] == ["app-cache-001", "app-cache-002"]
    with pytest.raises(ClientError) as gone:
        member(emulator, "app-cache-003")
    assert error_of(gone) == "CacheClusterNotFound"


def test_a_deleted_group_is_deleting_for_the_delay_then_gone_with_its_clusters(emulator: EmulatorClient) -> None:
    create(emulator)
    emulator.configure(provisioning_delays={"elasticache": DELAY})
    elasticache = emulator.client("elasticache")

    deleting = elasticache.delete_replication_group(
        ReplicationGroupId="app-cache", FinalSnapshotIdentifier="app-cache-final"
    )["ReplicationGroup"]
    still_there = describe(emulator)
    emulator.advance_clock(DELAY)

    assert deleting["Status"] == still_there["Status"] == "deleting"
    assert elasticache.describe_replication_groups()["ReplicationGroups"] == []
    assert elasticache.describe_cache_clusters()["CacheClusters"] == []
    snapshots = elasticache.describe_snapshots(SnapshotName="app-cache-final")["Snapshots"]
    assert snapshots[0]["ReplicationGroupId"] == "app-cache"


def test_tags_are_added_and_removed_on_the_groups_arn(emulator: EmulatorClient) -> None:
    arn = create(emulator, Tags=[{"Key": "env", "Value": "prod"}])["ARN"]
    elasticache = emulator.client("elasticache")

    added = elasticache.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "app", "Value": "shop"}])["TagList"]
    removed = elasticache.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])["TagList"]

    assert sorted(tag["Key"] for tag in added) == ["app", "env"]
    assert removed == [{"Key": "app", "Value": "shop"}]
    assert elasticache.list_tags_for_resource(ResourceName=arn)["TagList"] == removed


def cluster_tags(emulator: EmulatorClient, cluster_id: str) -> list[dict]:
    arn = member(emulator, cluster_id)["ARN"]
    return emulator.client("elasticache").list_tags_for_resource(ResourceName=arn)["TagList"]


def test_the_groups_tags_are_its_member_clusters_tags(emulator: EmulatorClient) -> None:
    arn = create(emulator, Tags=[{"Key": "env", "Value": "prod"}])["ARN"]
    elasticache = emulator.client("elasticache")
    on_create = cluster_tags(emulator, "app-cache-002")

    elasticache.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "app", "Value": "shop"}])
    elasticache.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])
    elasticache.increase_replica_count(ReplicationGroupId="app-cache", NewReplicaCount=2, ApplyImmediately=True)
    tagged = emulator.client("resourcegroupstaggingapi").get_resources(TagFilters=[{"Key": "app", "Values": ["shop"]}])

    assert on_create == [{"Key": "env", "Value": "prod"}]
    assert cluster_tags(emulator, "app-cache-001") == [{"Key": "app", "Value": "shop"}]
    assert cluster_tags(emulator, "app-cache-003") == [{"Key": "app", "Value": "shop"}]
    assert sorted(resource["ResourceARN"].rsplit(":", 2)[1:] for resource in tagged["ResourceTagMappingList"]) == [
        ["cluster", "app-cache-001"],
        ["cluster", "app-cache-002"],
        ["cluster", "app-cache-003"],
        ["replicationgroup", "app-cache"],
    ]
