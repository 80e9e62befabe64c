"""The tagging API files ElastiCache's resources under AWS's resource types (elasticache:replicationgroup, ...)."""

from emulator.client import EmulatorClient


def test_a_replication_group_is_found_by_its_aws_resource_type(emulator: EmulatorClient):
    elasticache = emulator.client("elasticache")
    elasticache.create_replication_group(
        ReplicationGroupId="cache",
        ReplicationGroupDescription="cache",
        Engine="valkey",
        CacheNodeType="cache.t3.micro",
        NumCacheClusters=1,
        Tags=[{"Key": "Environment", "Value": "prod"}],
    )
    tagging = emulator.client("resourcegroupstaggingapi")
    found = tagging.get_resources(ResourceTypeFilters=["elasticache:replicationgroup"])["ResourceTagMappingList"]
    assert [mapping["ResourceARN"].rsplit(":", 1)[-1] for mapping in found] == ["cache"]
    assert tagging.get_resources(ResourceTypeFilters=["elasticache:replication-group"])["ResourceTagMappingList"] == []
