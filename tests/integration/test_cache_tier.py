"""The cache tier (the cache role, and the secrets role's auth token) against the emulator, as a user runs it.

prod turns the cache on (inventories/prod): every property the role promises is read back with boto3 from the shared
converged prod (App Runner) and prod on ECS Fargate, and the app tier's wiring with it. dev leaves it off and gets
nothing. Bad input fails before any call, naming the variable.
"""

import json
import re

from .inventories import inventory_with
from .playbook import REPO_ROOT, run_playbook
from .secrets_reads import mutating, secret_names

ACCOUNT = "123456789012"
GROUP = "smartscheduler-prod"
TOKEN_SECRET = secret_names("prod")["cache-auth-token"]
SLOW_LOG = f"/elasticache/{GROUP}/slow-log"
ROLES = REPO_ROOT / "roles"


def replication_group(emulator, group_id=GROUP):
    (found,) = emulator.client("elasticache").describe_replication_groups(ReplicationGroupId=group_id)[
        "ReplicationGroups"
    ]
    return found


def member_clusters(emulator, group_id=GROUP):
    clusters = emulator.client("elasticache").describe_cache_clusters(ShowCacheNodeInfo=True)["CacheClusters"]
    return {cluster["CacheClusterId"]: cluster for cluster in clusters if cluster.get("ReplicationGroupId") == group_id}


def env_key_arn(emulator, env="prod"):
    return emulator.client("kms").describe_key(KeyId=f"alias/smartscheduler/{env}")["KeyMetadata"]["Arn"]


def security_group(emulator, name):
    (group,) = emulator.client("ec2").describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])[
        "SecurityGroups"
    ]
    return group


def database_subnet_ids(emulator, prefix=GROUP):
    subnets = emulator.client("ec2").describe_subnets(
        Filters=[{"Name": "tag:Name", "Values": [f"{prefix}-database-*"]}]
    )["Subnets"]
    return {subnet["SubnetId"] for subnet in subnets}


def documented_permissions(role):
    readme = (ROLES / role / "README.md").read_text()
    return set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", readme, re.MULTILINE))


class TestProdCache:
    def test_the_group_runs_valkey_8_on_a_primary_and_a_replica_with_failover_across_zones(self, prod, prod_emulator):
        group = replication_group(prod_emulator)
        assert group["Status"] == "available"
        assert (group["Engine"], group["CacheNodeType"]) == ("valkey", "cache.t3.micro")
        assert group["AutomaticFailover"] == "enabled" and group["MultiAZ"] == "enabled"
        assert sorted(group["MemberClusters"]) == [f"{GROUP}-001", f"{GROUP}-002"]
        assert group["ClusterEnabled"] is False
        roles = {member["CurrentRole"] for member in group["NodeGroups"][0]["NodeGroupMembers"]}
        assert roles == {"primary", "replica"}
        members = member_clusters(prod_emulator)
        assert set(members) == {f"{GROUP}-001", f"{GROUP}-002"}
        # ElastiCache runs the latest patch of the version asked for (8.1 -> 8.1.x).
        assert all(cluster["EngineVersion"].split(".")[:2] == ["8", "1"] for cluster in members.values()), members
        assert len({cluster["PreferredAvailabilityZone"] for cluster in members.values()}) == 2

    def test_the_group_is_encrypted_at_rest_with_the_environment_key_and_in_transit_with_a_token(
        self, prod, prod_emulator
    ):
        group = replication_group(prod_emulator)
        assert group["AtRestEncryptionEnabled"] is True
        assert group["KmsKeyId"] == env_key_arn(prod_emulator)
        assert group["TransitEncryptionEnabled"] is True
        assert group.get("TransitEncryptionMode", "required") == "required"
        assert group["AuthTokenEnabled"] is True

    def test_the_token_is_a_secret_of_64_letters_and_digits_in_the_environment_key(self, prod, prod_emulator):
        secretsmanager = prod_emulator.client("secretsmanager")
        secret = secretsmanager.describe_secret(SecretId=TOKEN_SECRET)
        assert secret["KmsKeyId"] == env_key_arn(prod_emulator)
        token = secretsmanager.get_secret_value(SecretId=TOKEN_SECRET)["SecretString"]
        assert re.fullmatch(r"[A-Za-z0-9]{64}", token)
        assert prod["outputs"]["cache"]["auth_token_secret_arn"] == secret["ARN"]
        assert token not in prod["outputs_text"]

    def test_snapshots_are_kept_7_days_in_the_window_away_from_maintenance(self, prod, prod_emulator):
        group = replication_group(prod_emulator)
        assert (group["SnapshotRetentionLimit"], group["SnapshotWindow"]) == (7, "05:00-06:00")
        for cluster in member_clusters(prod_emulator).values():
            assert cluster["PreferredMaintenanceWindow"] == "sun:06:30-sun:07:30"

    def test_the_nodes_sit_in_the_database_subnets_behind_the_cache_group_open_to_the_app_only(
        self, prod, prod_emulator
    ):
        elasticache = prod_emulator.client("elasticache")
        (subnet_group,) = elasticache.describe_cache_subnet_groups(CacheSubnetGroupName=f"{GROUP}-cache")[
            "CacheSubnetGroups"
        ]
        assert {subnet["SubnetIdentifier"] for subnet in subnet_group["Subnets"]} == database_subnet_ids(prod_emulator)
        cache_group, app_group = (
            security_group(prod_emulator, f"{GROUP}-cache"),
            security_group(prod_emulator, f"{GROUP}-app"),
        )
        for cluster in member_clusters(prod_emulator).values():
            assert cluster["CacheSubnetGroupName"] == f"{GROUP}-cache"
            assert [group["SecurityGroupId"] for group in cluster["SecurityGroups"]] == [cache_group["GroupId"]]
        (ingress,) = cache_group["IpPermissions"]
        assert (ingress["FromPort"], ingress["ToPort"], ingress["IpRanges"]) == (6379, 6379, [])
        assert [pair["GroupId"] for pair in ingress["UserIdGroupPairs"]] == [app_group["GroupId"]]

    def test_the_parameter_group_keeps_every_key_for_bullmq(self, prod, prod_emulator):
        elasticache = prod_emulator.client("elasticache")
        name = f"{GROUP}-valkey8"
        (group,) = elasticache.describe_cache_parameter_groups(CacheParameterGroupName=name)["CacheParameterGroups"]
        assert group["CacheParameterGroupFamily"] == "valkey8"
        parameters = elasticache.describe_cache_parameters(CacheParameterGroupName=name, Source="user")["Parameters"]
        assert {p["ParameterName"]: p["ParameterValue"] for p in parameters} == {"maxmemory-policy": "noeviction"}
        for cluster in member_clusters(prod_emulator).values():
            assert cluster["CacheParameterGroup"]["CacheParameterGroupName"] == name

    def test_the_slow_log_goes_to_an_encrypted_log_group_kept_a_year(self, prod, prod_emulator):
        (delivery,) = replication_group(prod_emulator)["LogDeliveryConfigurations"]
        assert (delivery["LogType"], delivery["DestinationType"], delivery["LogFormat"]) == (
            "slow-log",
            "cloudwatch-logs",
            "json",
        )
        assert delivery["DestinationDetails"]["CloudWatchLogsDetails"]["LogGroup"] == SLOW_LOG
        (log_group,) = prod_emulator.client("logs").describe_log_groups(logGroupNamePrefix=SLOW_LOG)["logGroups"]
        assert log_group["retentionInDays"] == 365
        assert log_group["kmsKeyId"] == env_key_arn(prod_emulator)

    def test_every_resource_is_tagged(self, prod, prod_emulator):
        elasticache = prod_emulator.client("elasticache")
        arns = [replication_group(prod_emulator)["ARN"]]
        arns += [
            elasticache.describe_cache_subnet_groups(CacheSubnetGroupName=f"{GROUP}-cache")["CacheSubnetGroups"][0][
                "ARN"
            ],
            elasticache.describe_cache_parameter_groups(CacheParameterGroupName=f"{GROUP}-valkey8")[
                "CacheParameterGroups"
            ][0]["ARN"],
        ]
        for arn in arns:
            tags = {tag["Key"]: tag["Value"] for tag in elasticache.list_tags_for_resource(ResourceName=arn)["TagList"]}
            assert tags["Environment"] == "prod" and tags["ManagedBy"] == "appstack.aws", arn
            assert tags["CostCenter"] == "smartscheduler-prod", arn

    def test_the_outputs_give_the_endpoints_port_and_token_secret_and_the_app_its_env(self, prod, prod_emulator):
        outputs = prod["outputs"]["cache"]
        group = replication_group(prod_emulator)
        primary = group["NodeGroups"][0]["PrimaryEndpoint"]
        assert outputs["primary_endpoint"] == primary["Address"] and outputs["port"] == primary["Port"] == 6379
        assert outputs["reader_endpoint"] == group["NodeGroups"][0]["ReaderEndpoint"]["Address"]
        assert outputs["env"] == {"REDIS_HOST": primary["Address"], "REDIS_PORT": "6379", "REDIS_TLS": "true"}
        assert outputs["secrets"] == {"REDIS_AUTH_TOKEN": outputs["auth_token_secret_arn"]}
        assert sorted(outputs["member_clusters"]) == [f"{GROUP}-001", f"{GROUP}-002"]

    def test_the_alarms_watch_memory_evictions_and_cpu_of_every_node(self, prod, prod_emulator):
        cloudwatch = prod_emulator.client("cloudwatch")
        names = [f"{GROUP}-cache-memory", f"{GROUP}-cache-evictions", f"{GROUP}-cache-cpu"]
        alarms = {alarm["AlarmName"]: alarm for alarm in cloudwatch.describe_alarms(AlarmNames=names)["MetricAlarms"]}
        assert set(alarms) == set(names)
        expected = {"cache-memory": 90, "cache-evictions": 0, "cache-cpu": 80}
        for name, alarm in alarms.items():
            assert alarm["Threshold"] == expected[name.removeprefix(f"{GROUP}-")]
            watched = {
                query["MetricStat"]["Metric"]["Dimensions"][0]["Value"]
                for query in alarm["Metrics"]
                if "MetricStat" in query
            }
            assert watched == {f"{GROUP}-001", f"{GROUP}-002"}, name

    def test_the_readme_lists_every_elasticache_permission_the_run_uses(self, prod):
        used = {
            f"{call['service']}:{call['operation']}"
            for call in prod["requests"]["calls"]
            if call["service"] == "elasticache"
        }
        assert used and used - documented_permissions("cache") == set()


def test_prod_on_ecs_gives_the_tasks_the_cache_and_its_token(prod_ecs):
    emulator, outputs = prod_ecs["emulator"], prod_ecs["outputs"]
    arn = emulator.client("ecs").describe_services(cluster=GROUP, services=["smartscheduler-api-prod"])["services"][0][
        "taskDefinition"
    ]
    (container,) = emulator.client("ecs").describe_task_definition(taskDefinition=arn)["taskDefinition"][
        "containerDefinitions"
    ]
    env = {item["name"]: item["value"] for item in container["environment"]}
    secrets = {item["name"]: item["valueFrom"] for item in container["secrets"]}
    assert {key: env[key] for key in ("REDIS_HOST", "REDIS_PORT", "REDIS_TLS")} == outputs["cache"]["env"]
    assert env["REDIS_HOST"] == replication_group(emulator)["NodeGroups"][0]["PrimaryEndpoint"]["Address"]
    assert secrets["REDIS_AUTH_TOKEN"] == outputs["secrets"]["cache_auth_token_arn"]


def test_dev_without_a_cache_creates_nothing_of_it(dev, dev_emulator):
    elasticache = dev_emulator.client("elasticache")
    assert elasticache.describe_replication_groups()["ReplicationGroups"] == []
    assert elasticache.describe_cache_subnet_groups()["CacheSubnetGroups"] == []
    custom = [
        group
        for group in elasticache.describe_cache_parameter_groups()["CacheParameterGroups"]
        if not group["CacheParameterGroupName"].startswith("default.")
    ]
    assert custom == []
    names = [secret["Name"] for secret in dev_emulator.client("secretsmanager").list_secrets()["SecretList"]]
    assert not [name for name in names if "/cache/" in name]
    assert dev["outputs"]["cache"] == {
        "enabled": False,
        "replication_group_id": "",
        "left_in_place": "",
        "left_in_place_message": "",
        "env": {},
        "secrets": {},
    }
    assert not [call for call in dev["requests"]["calls"] if call["service"] == "elasticache" and call["mutating"]]


def test_check_on_the_empty_account_predicts_the_cache_and_writes_nothing(prod_check):
    check = prod_check["check"]
    assert not check.failed, check.outcome()
    changed = check.changed_resources()
    for change in (
        ("appstack.aws.elasticache_subnet_group", f"{GROUP}-cache"),
        ("appstack.aws.elasticache_parameter_group", f"{GROUP}-valkey8"),
        ("appstack.aws.elasticache_replication_group", GROUP),
    ):
        assert change in changed, changed
    assert mutating(prod_check["check_requests"]["calls"]) == []


def test_bad_cache_input_fails_before_any_call_naming_each_variable(emulator, tmp_path):
    """One real run (not --check) with every mistake at once: each is named, and not one API call is made."""
    run = run_playbook(
        "site.yml",
        inventory_with(
            tmp_path,
            cache_replicas=0,
            cache_engine_version="7.1",
            cache_snapshot_retention_days=40,
            cache_node_type="t3.micro",
            network_availability_zones=["us-east-1a"],
            network_nat_mode="single",
            network_subnet_cidrs={
                "public": ["10.0.0.0/24"],
                "app": ["10.0.10.0/24"],
                "database": ["10.0.20.0/24"],
            },
            rds_multi_az=False,
        ),
        emulator.env,
    )
    assert run.failed
    message = run.failure_messages()
    for fragment in (
        "cache_automatic_failover needs a replica to promote: set cache_replicas to 1 or more",
        "cache_multi_az needs two availability zones; cache_availability_zones has 1 (us-east-1a)",
        "cache_engine_version 7.1 is a Redis OSS version, not a Valkey one",
        "cache_snapshot_retention_days must be a whole number from 0 to 35; got 40.",
        "cache_node_type must be an ElastiCache node type, cache.<family>.<size>",
    ):
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0, emulator.requests()["by_service"]


def test_an_unknown_engine_fails_before_any_call_with_the_engines_offered(emulator, tmp_path):
    run = run_playbook("site.yml", inventory_with(tmp_path, cache_engine="memcached"), emulator.env)
    assert run.failed
    message = run.failure_messages()
    assert "cache_engine" in message and "valkey" in message and "redis" in message, message
    assert emulator.requests()["total"] == 0, emulator.requests()["by_service"]


def test_the_outputs_record_holds_no_token(prod, prod_emulator):
    token = prod_emulator.client("secretsmanager").get_secret_value(SecretId=TOKEN_SECRET)["SecretString"]
    assert token not in json.dumps(prod["document"])
