"""playbooks/drift.yml on the converged prod: ten settings changed out of band, across the tiers, are reported with
their live and declared values by a run that writes nothing to AWS (without --check); site.yml puts each back, and
the run after it changes nothing.

The changes are made with boto3 as someone in the console would make them. The module-scoped fixtures run the
three playbooks once each: the drift run, the repair, the no-op run.
"""

import json

import pytest

from .playbook import run_playbook
from .secrets_reads import leaked, mutating, stored_secret_values

PROD = "inventories/prod"
NAME = "smartscheduler-prod"
ALARM = f"{NAME}-db-cpu"
DB_CPU_THRESHOLD = 80.0
CACHE_POLICY = f"{NAME}-default"
FLOW_LOG_GROUP = f"/appstack/{NAME}/vpc-flow-logs"
DB_LOG_GROUP = f"/aws/rds/instance/{NAME}/postgresql"
WORLD = "0.0.0.0/0"
PUBLIC_ACCESS_BLOCK = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def _cache_policy(cloudfront, name):
    """The cache policy named name, its id and ETag."""
    policies = cloudfront.list_cache_policies(Type="custom")["CachePolicyList"].get("Items", [])
    (summary,) = [p for p in policies if p["CachePolicy"]["CachePolicyConfig"]["Name"] == name]
    found = cloudfront.get_cache_policy(Id=summary["CachePolicy"]["Id"])
    return found["CachePolicy"]["Id"], found["ETag"], found["CachePolicy"]["CachePolicyConfig"]


def _flow_logs(ec2, vpc_id):
    return ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc_id]}])["FlowLogs"]


def _world_open(ec2, group_id):
    """The app security group's ingress rules open to the world."""
    (group,) = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
    return [rule for rule in group["IpPermissions"] if any(r["CidrIp"] == WORLD for r in rule.get("IpRanges", []))]


def _auto_scaling_max_size(apprunner, service_arn):
    service = apprunner.describe_service(ServiceArn=service_arn)["Service"]
    arn = service["AutoScalingConfigurationSummary"]["AutoScalingConfigurationArn"]
    return apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=arn)["AutoScalingConfiguration"][
        "MaxSize"
    ]


def read_settings(emulator, outputs):
    """The ten settings as the API answers them now."""
    network, edge, app = outputs["network"], outputs["s3_cloudfront"], outputs["apprunner"]
    ec2, logs = emulator.client("ec2"), emulator.client("logs")
    (alarm,) = emulator.client("cloudwatch").describe_alarms(AlarmNames=[ALARM])["MetricAlarms"]
    block = emulator.client("s3").get_public_access_block(Bucket=edge["bucket_name"])
    (instance,) = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=NAME)["DBInstances"]
    (repository,) = emulator.client("ecr").describe_repositories(repositoryNames=["smartscheduler-backend"])[
        "repositories"
    ]
    hostnames = ec2.describe_vpc_attribute(VpcId=network["vpc_id"], Attribute="enableDnsHostnames")
    return {
        "world_open_rules": len(_world_open(ec2, network["security_group_ids"]["app"])),
        "block_public_access": [block["PublicAccessBlockConfiguration"][key] for key in PUBLIC_ACCESS_BLOCK],
        "backup_retention": instance["BackupRetentionPeriod"],
        "scan_on_push": repository["imageScanningConfiguration"]["scanOnPush"],
        "alarm_threshold": alarm["Threshold"],
        "max_size": _auto_scaling_max_size(emulator.client("apprunner"), app["service_arn"]),
        "db_log_group": [
            g["logGroupName"] for g in logs.describe_log_groups(logGroupNamePrefix=DB_LOG_GROUP)["logGroups"]
        ],
        "flow_logs": len(_flow_logs(ec2, network["vpc_id"])),
        "dns_hostnames": hostnames["EnableDnsHostnames"]["Value"],
        "default_ttl": _cache_policy(emulator.client("cloudfront"), CACHE_POLICY)[2]["DefaultTTL"],
    }


def make_drift(emulator, outputs):
    """Change ten settings across the tiers, as someone would in the console."""
    network, edge, app = outputs["network"], outputs["s3_cloudfront"], outputs["apprunner"]
    ec2 = emulator.client("ec2")
    ec2.authorize_security_group_ingress(
        GroupId=network["security_group_ids"]["app"],
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": WORLD}]}],
    )
    emulator.client("s3").put_public_access_block(
        Bucket=edge["bucket_name"], PublicAccessBlockConfiguration=dict.fromkeys(PUBLIC_ACCESS_BLOCK, False)
    )
    emulator.client("rds").modify_db_instance(DBInstanceIdentifier=NAME, BackupRetentionPeriod=1, ApplyImmediately=True)
    emulator.client("ecr").put_image_scanning_configuration(
        repositoryName="smartscheduler-backend", imageScanningConfiguration={"scanOnPush": False}
    )
    cloudwatch = emulator.client("cloudwatch")
    (alarm,) = cloudwatch.describe_alarms(AlarmNames=[ALARM])["MetricAlarms"]
    kept = ("AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions")
    kept += ("MetricName", "Namespace", "Statistic", "Dimensions", "Period", "EvaluationPeriods", "DatapointsToAlarm")
    kept += ("ComparisonOperator", "TreatMissingData")
    cloudwatch.put_metric_alarm(**{key: alarm[key] for key in kept if key in alarm}, Threshold=95.0)
    apprunner = emulator.client("apprunner")
    revision = apprunner.create_auto_scaling_configuration(
        AutoScalingConfigurationName=NAME, MinSize=1, MaxSize=2, MaxConcurrency=100
    )["AutoScalingConfiguration"]
    apprunner.update_service(
        ServiceArn=app["service_arn"], AutoScalingConfigurationArn=revision["AutoScalingConfigurationArn"]
    )
    emulator.client("logs").delete_log_group(logGroupName=DB_LOG_GROUP)
    ec2.delete_flow_logs(FlowLogIds=[log["FlowLogId"] for log in _flow_logs(ec2, network["vpc_id"])])
    ec2.modify_vpc_attribute(VpcId=network["vpc_id"], EnableDnsHostnames={"Value": False})
    cloudfront = emulator.client("cloudfront")
    policy_id, etag, config = _cache_policy(cloudfront, CACHE_POLICY)
    cloudfront.update_cache_policy(Id=policy_id, IfMatch=etag, CachePolicyConfig={**config, "DefaultTTL": 60})


# What the converge built, as read_settings reads it back.
CONVERGED = {
    "world_open_rules": 0,
    "block_public_access": [True] * 4,
    "backup_retention": 30,
    "scan_on_push": True,
    "alarm_threshold": DB_CPU_THRESHOLD,
    "max_size": 5,
    "db_log_group": [DB_LOG_GROUP],
    "flow_logs": 1,
    "dns_hostnames": True,
    "default_ttl": 3600,
}


@pytest.fixture(scope="module")
def drifted(prod, prod_emulator, tmp_path_factory):
    """The ten changes, then drift.yml as a scheduled job runs it: no --check, no --diff."""
    make_drift(prod_emulator, prod["outputs"])
    reports = tmp_path_factory.mktemp("reports")
    prod_emulator.clear_requests()
    run = run_playbook(
        "playbooks/drift.yml",
        PROD,
        prod_emulator.env,
        extra_vars={**prod["extra_vars"], "appstack_reports_dir": str(reports)},
    )
    requests = prod_emulator.requests()
    report_text = (reports / "prod-drift.json").read_text()
    return {
        "run": run,
        "requests": requests,
        "report_text": report_text,
        "secrets": stored_secret_values(prod_emulator.client("secretsmanager")),
        "report": json.loads(report_text),
        "live": read_settings(prod_emulator, prod["outputs"]),
    }


@pytest.fixture(scope="module")
def repaired(drifted, prod, prod_emulator):
    """site.yml after the drift run, then site.yml again."""
    repair = run_playbook("site.yml", PROD, prod_emulator.env, extra_vars=prod["extra_vars"])
    after = read_settings(prod_emulator, prod["outputs"])
    prod_emulator.clear_requests()
    again = run_playbook("site.yml", PROD, prod_emulator.env, extra_vars=prod["extra_vars"])
    return {"repair": repair, "after": after, "again": again, "again_requests": prod_emulator.requests()}


def settings_of(report, resource):
    """{setting: (live, declared)} of one resource in the report."""
    return {
        entry["setting"]: (entry["live"], entry["declared"])
        for entry in report["settings"]
        if entry["resource"] == resource
    }


@pytest.mark.changes_shared(1)
class TestDrift:
    def test_the_drift_run_fails_and_writes_nothing_to_aws(self, drifted):
        run = drifted["run"]
        assert run.failed
        assert "differ from the inventory" in run.failure_messages(), run.outcome()
        assert drifted["requests"]["mutating"] == 0, mutating(drifted["requests"]["calls"])
        # Every tier was read: the run got past the last tier to the report.
        assert drifted["requests"]["total"] > 100
        assert drifted["live"] != CONVERGED
        assert drifted["secrets"]
        assert leaked(drifted["secrets"], drifted["report_text"], run.stdout, run.stderr) == []

    def test_the_report_names_each_drifted_setting_with_its_live_and_declared_values(self, drifted, prod):
        report = drifted["report"]
        outputs = prod["outputs"]
        assert (report["environment"], report["drifted"]) == ("prod", True)
        (ingress,) = [entry for entry in report["settings"] if entry["setting"] == "ip_permissions"]
        assert (ingress["resource"], ingress["role"]) == (f"{NAME}-app", "network")
        assert any(rule["from_port"] == 22 and {"cidr_ip": WORLD} in rule["ip_ranges"] for rule in ingress["live"])
        assert not any(range_.get("cidr_ip") == WORLD for rule in ingress["declared"] for range_ in rule["ip_ranges"])
        assert [str(rule["from_port"]) for rule in ingress["declared"]] == ["8080"]
        assert settings_of(report, edge_bucket(outputs)) == {
            f"public_access.{option}": (False, True)
            for option in ("block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets")
        }
        assert settings_of(report, NAME)["backup_retention_period"] == (1, 30)
        assert settings_of(report, "smartscheduler-backend") == {
            "image_scanning_configuration.scan_on_push": (False, True)
        }
        assert settings_of(report, ALARM) == {"threshold": (95.0, DB_CPU_THRESHOLD)}
        assert settings_of(report, NAME)["max_size"] == (2, 5)
        assert settings_of(report, DB_LOG_GROUP) == {"state": ("absent", "present")}
        assert settings_of(report, outputs["network"]["vpc_id"]) == {"state": ("absent", "present")}
        assert settings_of(report, NAME)["enable_dns_hostnames"] == (False, True)
        assert settings_of(report, CACHE_POLICY) == {"default_ttl": (60, 3600)}
        assert {entry["role"] for entry in report["settings"]} == {
            "network",
            "rds",
            "ecr",
            "s3_cloudfront",
            "apprunner",
            "monitoring",
        }
        # Nothing the converge left alone: the egress rules, the other alarms and buckets are not in it.
        assert "ip_permissions_egress" not in {entry["setting"] for entry in report["settings"]}

    def test_site_puts_back_each_drifted_setting_and_its_next_run_changes_nothing(self, repaired):
        assert not repaired["repair"].failed, repaired["repair"].outcome()
        assert repaired["after"] == CONVERGED
        again = repaired["again"]
        assert not again.failed, again.outcome()
        assert again.changed == 0, again.changed_resources()
        assert repaired["again_requests"]["mutating"] == 0, mutating(repaired["again_requests"]["calls"])


def edge_bucket(outputs):
    return outputs["s3_cloudfront"]["bucket_name"]


def test_without_the_callback_the_drift_run_stops_before_any_aws_call(emulator, tmp_path):
    """A configuration that does not enable appstack.aws.drift (another callback instead, whose recap follows the
    JSON report: the message is read from the output)."""
    run = run_playbook(
        "playbooks/drift.yml",
        PROD,
        {**emulator.env, "ANSIBLE_CALLBACKS_ENABLED": "ansible.posix.timer"},
        extra_vars={"appstack_outputs_dir": str(tmp_path / "outputs"), "appstack_reports_dir": str(tmp_path)},
    )
    assert run.failed
    assert "ANSIBLE_CALLBACKS_ENABLED=appstack.aws.drift" in run.stdout, run.stdout[-2000:]
    assert emulator.requests()["total"] == 0
    assert not (tmp_path / "prod-drift.json").exists()
