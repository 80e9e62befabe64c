"""Teardown, orphans and prune, and the outputs published in SSM Parameter Store, on the shared environments.

The read-only tests run first (the refusals make no call, or no write). Then, on dev, the orphan scenario changes
the plan (no NAT gateway, no flow logs) and prunes what it leaves behind, and last the teardowns delete prod
(after its drift tests) and prod on ECS Fargate (step 2): what the services still list afterwards is read
with their own APIs and the tagging API (tests/integration/leftovers.py), not with the code that deleted it.
"""

from pathlib import Path

import pytest

from .leftovers import described_leftovers, tagged_arns, tagged_leftovers
from .playbook import run_playbook
from .secrets_reads import leaked, stored_secret_values

TEARDOWN = "playbooks/teardown.yml"
PRUNE = "playbooks/prune.yml"
PROD = "inventories/prod"
DEV = "inventories/dev"
TEARDOWN_MODULE = "appstack.aws.environment_teardown"
RESOURCES_INFO = "appstack.aws.environment_resources_info"
PARAMETERS = "/smartscheduler/prod/outputs"
# An alarm of a tier that is gone: created out of band with the environment's tags.
RETIRED_ALARM = "smartscheduler-prod-retired-tier-errors"
# Every kind prod has, which a teardown must find (and a --check must list).
PROD_KINDS = {
    "apprunner_service",
    "apprunner_vpc_connector",
    "apprunner_auto_scaling_configuration",
    "apprunner_observability_configuration",
    "ecr_repository",
    "cloudfront_distribution",
    "cloudfront_cache_policy",
    "cloudfront_response_headers_policy",
    "cloudfront_function",
    "cloudfront_origin_access_control",
    "s3_bucket",
    "cloudwatch_alarm",
    "cloudwatch_dashboard",
    "budget",
    "sns_topic",
    "rds_db_proxy",
    "rds_instance",
    "elasticache_replication_group",
    "rds_subnet_group",
    "rds_parameter_group",
    "elasticache_subnet_group",
    "elasticache_parameter_group",
    "secret",
    "nat_gateway",
    "vpc_flow_log",
    "vpc_endpoint",
    "elastic_ip",
    "security_group",
    "subnet",
    "route_table",
    "internet_gateway",
    "vpc",
    "iam_role",
    "iam_policy",
    "log_group",
    "ssm_parameter",
    "kms_key",
}


def _plan(run) -> list[dict]:
    """The resources the teardown's first (read-only) task found."""
    return run.results(TEARDOWN_MODULE)[0]["resources"]


def _deleted(run) -> list[dict]:
    deleted = []
    for result in run.results(TEARDOWN_MODULE)[1:]:
        for item in result.get("results", [result]):
            deleted += item.get("deleted", [])
    return deleted


def _keys(resources) -> set[tuple[str, str]]:
    return {(resource["kind"], resource["id"]) for resource in resources}


def _parameters(emulator, path=PARAMETERS) -> dict[str, str]:
    ssm = emulator.client("ssm")
    found = {}
    for page in ssm.get_paginator("get_parameters_by_path").paginate(Path=path, Recursive=True):
        found.update({parameter["Name"]: parameter["Value"] for parameter in page["Parameters"]})
    return found


class TestOutputsInParameterStore:
    def test_every_output_is_a_parameter_and_none_holds_a_secret(self, prod, prod_emulator):
        parameters = _parameters(prod_emulator)
        outputs = prod["outputs"]
        assert parameters[f"{PARAMETERS}/ecr/repository_uri"] == outputs["ecr"]["repository_uri"]
        assert parameters[f"{PARAMETERS}/network/vpc_id"] == outputs["network"]["vpc_id"]
        assert parameters[f"{PARAMETERS}/rds/endpoint_port"] == str(outputs["rds"]["endpoint_port"])
        assert parameters[f"{PARAMETERS}/network/subnet_ids/app"] == ",".join(outputs["network"]["subnet_ids"]["app"])
        assert parameters[f"{PARAMETERS}/secrets/secret_arns/db-credentials"].startswith("arn:aws:secretsmanager:")
        assert parameters[f"{PARAMETERS}/s3_cloudfront/distribution_id"] == outputs["s3_cloudfront"]["distribution_id"]
        secret_values = stored_secret_values(prod_emulator.client("secretsmanager"))
        assert len(secret_values) >= 3
        assert leaked(secret_values, *parameters.values()) == []
        types = prod_emulator.client("ssm").get_parameter(Name=f"{PARAMETERS}/network/subnet_ids/app")["Parameter"]
        assert types["Type"] == "StringList"

    def test_a_pipeline_reads_an_output_with_the_ssm_lookup(self, prod, prod_emulator, tmp_path):
        playbook = tmp_path / "read.yml"
        playbook.write_text(
            "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
            "    - ansible.builtin.set_stats:\n        data:\n"
            f"          repository_uri: \"{{{{ lookup('amazon.aws.ssm_parameter', '{PARAMETERS}/ecr/repository_uri', "
            "region='us-east-1') }}\"\n"
        )
        run = run_playbook(str(playbook), "localhost,", prod_emulator.env)
        assert not run.failed, run.outcome()
        assert run.custom_stats["repository_uri"] == prod["outputs"]["ecr"]["repository_uri"]

    def test_a_converged_run_finds_no_orphan(self, prod):
        (found,) = prod["after_deploy_run"].results(RESOURCES_INFO)
        assert found["orphans"] == []
        kinds = {resource["kind"] for resource in found["resources"]}
        assert {"nat_gateway", "elastic_ip", "vpc_flow_log", "cloudwatch_alarm", "apprunner_service"} <= kinds


class TestRefusals:
    def test_prod_without_confirmation_is_refused_before_any_call(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        run = run_playbook(TEARDOWN, PROD, prod_emulator.env, extra_vars=prod["extra_vars"])
        assert run.failed
        assert prod_emulator.requests()["total"] == 0
        assert "confirm_teardown=prod" in run.failure_messages()

    def test_a_wrong_confirmation_is_refused_too(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        run = run_playbook(
            TEARDOWN, PROD, prod_emulator.env, extra_vars={**prod["extra_vars"], "confirm_teardown": "dev"}
        )
        assert run.failed
        assert prod_emulator.requests()["total"] == 0
        assert '(now "dev")' in run.failure_messages()

    def test_deletion_protection_stops_it_before_any_write(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        run = run_playbook(
            TEARDOWN, PROD, prod_emulator.env, extra_vars={**prod["extra_vars"], "confirm_teardown": "prod"}
        )
        assert run.failed
        assert prod_emulator.requests()["mutating"] == 0
        message = run.failure_messages()
        assert "rds_instance smartscheduler-prod" in message
        assert "teardown_disable_deletion_protection=true" in message

    def test_a_prune_of_prod_without_confirmation_is_refused_before_any_call(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        run = run_playbook(PRUNE, PROD, prod_emulator.env, extra_vars=prod["extra_vars"])
        assert run.failed
        assert prod_emulator.requests()["total"] == 0
        assert "confirm_prune=prod" in run.failure_messages()

    def test_a_waiting_period_aws_refuses_is_refused_before_any_call(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        extra = {**prod["extra_vars"], "confirm_teardown": "prod", "teardown_kms_pending_window_days": 3}
        run = run_playbook(TEARDOWN, PROD, prod_emulator.env, extra_vars=extra)
        assert run.failed
        assert prod_emulator.requests()["total"] == 0
        assert "teardown_kms_pending_window_days must be 7 to 30" in run.failure_messages()
        assert "teardown_secret_recovery_window_days" not in run.failure_messages()


@pytest.mark.changes_shared(1)
class TestOrphansAndPrune:
    """On dev (one NAT gateway, flow logs on, no alarms): the plan drops the NAT gateway and the flow logs, and an
    alarm of a retired tier is found; dev is not protected, so prune needs no confirmation."""

    @pytest.fixture(scope="class")
    def replanned(self, dev, dev_emulator):
        """dev with an alarm of a retired tier added out of band, then the network tier run with no NAT gateway and
        no flow logs: what the run found."""
        cloudwatch = dev_emulator.client("cloudwatch")
        cloudwatch.put_metric_alarm(
            AlarmName=RETIRED_ALARM,
            MetricName="Errors",
            Namespace="AWS/Lambda",
            Statistic="Sum",
            Period=60,
            EvaluationPeriods=1,
            Threshold=1,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
            Tags=[{"Key": k, "Value": v} for k, v in dev["document"]["tags"].items()],
        )
        gateways = list(dev["outputs"]["network"]["nat_gateway_ids"])
        extra = {**dev["extra_vars"], "network_nat_mode": "none", "network_flow_logs_enabled": False}
        run = run_playbook("site.yml", DEV, dev_emulator.env, extra_vars=extra, tags=["network"])
        assert not run.failed, run.outcome()
        return {"run": run, "extra": extra, "gateways": gateways}

    def test_the_run_warns_of_each_orphan(self, replanned):
        (found,) = replanned["run"].results(RESOURCES_INFO)
        orphans = {(orphan["kind"], orphan["id"]) for orphan in found["orphans"]}
        (gateway,) = replanned["gateways"]
        assert sorted(kind for kind, _ in orphans) == ["cloudwatch_alarm", "elastic_ip", "nat_gateway", "vpc_flow_log"]
        assert ("nat_gateway", gateway) in orphans
        assert ("cloudwatch_alarm", RETIRED_ALARM) in orphans
        assert "no run plans any more" in replanned["run"].stdout + replanned["run"].stderr

    def test_prune_deletes_the_orphans_and_nothing_else(self, replanned, dev_emulator):
        dev_emulator.clear_requests()
        check = run_playbook(PRUNE, DEV, dev_emulator.env, extra_vars=replanned["extra"], check=True)
        assert not check.failed, check.outcome()
        assert dev_emulator.requests()["mutating"] == 0
        subnets_before = sorted(
            subnet["SubnetId"] for subnet in dev_emulator.client("ec2").describe_subnets()["Subnets"]
        )
        run = run_playbook(PRUNE, DEV, dev_emulator.env, extra_vars=replanned["extra"])
        assert not run.failed, run.outcome()
        (predicted,) = [r["resources"] for r in check.results(TEARDOWN_MODULE)]
        (deleted,) = [r["deleted"] for r in run.results(TEARDOWN_MODULE)]
        assert _keys(predicted) == _keys(deleted)
        assert len(deleted) == 4
        ec2 = dev_emulator.client("ec2")
        (gateway,) = replanned["gateways"]
        assert ec2.describe_nat_gateways(NatGatewayIds=[gateway])["NatGateways"][0]["State"] == "deleted"
        assert ec2.describe_flow_logs()["FlowLogs"] == []
        assert ec2.describe_addresses()["Addresses"] == []
        names = [a["AlarmName"] for a in dev_emulator.client("cloudwatch").describe_alarms()["MetricAlarms"]]
        assert RETIRED_ALARM not in names
        assert sorted(subnet["SubnetId"] for subnet in ec2.describe_subnets()["Subnets"]) == subnets_before

    def test_the_next_run_finds_no_orphan_and_changes_nothing(self, replanned, dev_emulator):
        run = run_playbook("site.yml", DEV, dev_emulator.env, extra_vars=replanned["extra"], tags=["network"])
        assert not run.failed, run.outcome()
        (found,) = run.results(RESOURCES_INFO)
        assert found["orphans"] == []
        assert run.changed == 0, run.changed_resources()


@pytest.mark.changes_shared(2)
class TestProdTeardown:
    @pytest.fixture(scope="class")
    def torn_down(self, prod, prod_emulator):
        extra = {**prod["extra_vars"], "confirm_teardown": "prod", "teardown_disable_deletion_protection": True}
        # The frontend bucket is versioned: two versions of a page and a delete marker must go before the bucket.
        s3 = prod_emulator.client("s3")
        bucket = prod["outputs"]["s3_cloudfront"]["bucket_name"]
        for body in (b"one", b"two"):
            s3.put_object(Bucket=bucket, Key="old.html", Body=body)
        s3.delete_object(Bucket=bucket, Key="old.html")
        listing = s3.list_object_versions(Bucket=bucket, Prefix="old.html")
        assert len(listing["Versions"]) == 2 and len(listing["DeleteMarkers"]) == 1
        prod_emulator.clear_requests()
        check = run_playbook(TEARDOWN, PROD, prod_emulator.env, extra_vars=extra, check=True)
        assert not check.failed, check.outcome()
        check_requests = prod_emulator.requests()
        run = run_playbook(TEARDOWN, PROD, prod_emulator.env, extra_vars=extra)
        assert not run.failed, run.outcome()
        again = run_playbook(TEARDOWN, PROD, prod_emulator.env, extra_vars=extra)
        return {"check": check, "check_requests": check_requests, "run": run, "again": again, "extra": extra}

    def test_check_lists_every_kind_and_writes_nothing(self, torn_down):
        assert torn_down["check_requests"]["mutating"] == 0
        kinds = {resource["kind"] for resource in _plan(torn_down["check"])}
        assert kinds >= PROD_KINDS
        assert torn_down["check"].changed > 0

    def test_the_teardown_deletes_what_check_predicted(self, torn_down):
        assert _keys(_deleted(torn_down["run"])) == _keys(_plan(torn_down["check"]))

    def test_nothing_tagged_remains_but_what_is_kept_by_design(self, torn_down, prod_emulator):
        assert tagged_leftovers(prod_emulator, "prod") == []
        assert described_leftovers(prod_emulator, "prod") == {}
        kept = [arn for arn in tagged_arns(prod_emulator, "prod") if ":snapshot:" in arn]
        assert kept and all("-final-" in arn for arn in kept)

    def test_the_final_snapshot_is_taken_and_named_in_the_summary(self, torn_down, prod_emulator):
        snapshots = prod_emulator.client("rds").describe_db_snapshots(SnapshotType="manual")["DBSnapshots"]
        names = [snapshot["DBSnapshotIdentifier"] for snapshot in snapshots]
        assert len(names) == 1 and names[0].startswith("smartscheduler-prod-final-")
        assert names[0] in torn_down["run"].stdout

    def test_the_versioned_buckets_were_emptied_and_deleted(self, torn_down, prod, prod_emulator):
        buckets = [bucket["Name"] for bucket in prod_emulator.client("s3").list_buckets()["Buckets"]]
        assert prod["outputs"]["s3_cloudfront"]["bucket_name"] not in buckets
        deleted = [r for r in _deleted(torn_down["run"]) if r["kind"] == "s3_bucket"]
        assert len(deleted) == 3

    def test_the_key_waits_out_its_deletion_window(self, torn_down, prod, prod_emulator):
        key = prod_emulator.client("kms").describe_key(KeyId=prod["outputs"]["secrets"]["kms_key_arn"])["KeyMetadata"]
        assert key["KeyState"] == "PendingDeletion"

    def test_the_record_of_the_outputs_is_gone(self, torn_down, prod_emulator):
        assert _parameters(prod_emulator, "/smartscheduler/prod") == {}
        assert not Path(torn_down["extra"]["appstack_outputs_dir"], "prod.json").exists()

    def test_a_second_teardown_changes_nothing(self, torn_down):
        assert not torn_down["again"].failed, torn_down["again"].outcome()
        assert torn_down["again"].changed == 0


@pytest.mark.changes_shared(2)
def test_an_ecs_environment_is_torn_down_whole(prod_ecs, prod_ecs_emulator):
    extra = {**prod_ecs["extra_vars"], "confirm_teardown": "prod", "teardown_disable_deletion_protection": True}
    run = run_playbook(TEARDOWN, PROD, prod_ecs_emulator.env, extra_vars=extra)
    assert not run.failed, run.outcome()
    kinds = {resource["kind"] for resource in _deleted(run)}
    assert {"ecs_service", "ecs_cluster", "load_balancer", "target_group", "ecs_task_definition"} <= kinds
    assert tagged_leftovers(prod_ecs_emulator, "prod") == []
    assert described_leftovers(prod_ecs_emulator, "prod") == {}
