"""What a new user trips over in the first hour, each as the user meets it: a new `qa`
environment copied from dev as the README says, then the usual mistakes.

Bad input fails before any API call (the emulator's request log is the witness), with a
message that names the variable. The qa environment is built once, with every boolean
input passed as an `-e` string, and the later tests read it back or run against it.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from emulator.control import emulator_subprocess

from .playbook import REPO_ROOT, run_playbook

# Every boolean input of every role, as `-e name=value` passes it: a string. Each differs from
# dev's value where the result can be read back, so that a string read as true would show.
BOOLEANS_AS_STRINGS = {
    "network_flow_logs_enabled": "false",
    "network_s3_gateway_endpoint": "false",
    "secrets_kms_key_rotation": "true",
    "rds_multi_az": "true",
    "rds_deletion_protection": "false",
    "rds_final_snapshot": "false",
    "rds_performance_insights": "true",
    "rds_proxy_enabled": "false",
    "rds_allow_major_version_upgrade": "false",
    "s3_cloudfront_assets_bucket": "false",
    "s3_cloudfront_static_hashed": "true",
    "cache_enabled": "false",
}
# Accounts the emulator answers as, and one it does not.
EMULATOR_ACCOUNT = "123456789012"


def new_environment(project: Path, name: str, **overrides) -> Path:
    """inventories/dev copied to <project>/inventories/<name>, its group, host and environment renamed."""
    inventory = project / "inventories" / name
    shutil.copytree(REPO_ROOT / "inventories" / "dev", inventory)
    hosts = (
        (inventory / "hosts.yml").read_text().replace("dev:", f"{name}:").replace("appstack-dev", f"appstack-{name}")
    )
    (inventory / "hosts.yml").write_text(hosts)
    group_vars = yaml.safe_load((inventory / "group_vars" / "dev.yml").read_text())
    (inventory / "group_vars" / "dev.yml").unlink()
    group_vars.update({"appstack_environment": name, **overrides})
    (inventory / "group_vars" / f"{name}.yml").write_text(yaml.safe_dump(group_vars, sort_keys=False))
    return inventory


@pytest.fixture(scope="module")
def qa_emulator(tmp_path_factory):
    with emulator_subprocess(tmp_path_factory.mktemp("emulator-qa") / "emulator.log") as client:
        client.configure(provisioning_delay_seconds=0, throttle_rate=0)
        yield client


@pytest.fixture(scope="module")
def qa(qa_emulator, tmp_path_factory):
    """The qa environment, converged once with every boolean input given as an -e string."""
    project = tmp_path_factory.mktemp("qa-project")
    inventory = new_environment(project, "qa", appstack_allowed_account_ids=[EMULATOR_ACCOUNT])
    run = run_playbook("site.yml", inventory, qa_emulator.env, extra_vars=BOOLEANS_AS_STRINGS)
    assert not run.failed, run.outcome()
    return {"inventory": inventory, "project": project, "run": run, "emulator": qa_emulator}


@pytest.fixture
def quiet(qa_emulator):
    """The qa emulator with an empty request log, for a test to count the calls of its own run."""
    qa_emulator.clear_requests()
    return qa_emulator


def assert_refused_before_any_call(run, emulator, *fragments):
    assert run.failed, run.outcome()
    message = run.failure_messages()
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    requests = emulator.requests()
    assert requests["total"] == 0, requests["by_service"]


# Booleans: -e name=false means false everywhere.
def test_booleans_given_as_strings_take_effect(qa):
    ec2 = qa["emulator"].client("ec2")
    (vpc,) = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-qa"]}])["Vpcs"]
    vpc_filter = [{"Name": "vpc-id", "Values": [vpc["VpcId"]]}]
    assert ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc["VpcId"]]}])["FlowLogs"] == []
    assert ec2.describe_vpc_endpoints(Filters=vpc_filter)["VpcEndpoints"] == []
    kms = qa["emulator"].client("kms")
    key_id = kms.describe_key(KeyId="alias/smartscheduler/qa")["KeyMetadata"]["KeyId"]
    assert kms.get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True
    (instance,) = (
        qa["emulator"].client("rds").describe_db_instances(DBInstanceIdentifier="smartscheduler-qa")["DBInstances"]
    )
    assert instance["MultiAZ"] is True
    assert instance["DeletionProtection"] is False
    assert instance["PerformanceInsightsEnabled"] is True
    assert qa["emulator"].client("rds").describe_db_proxies()["DBProxies"] == []
    policies = qa["emulator"].client("cloudfront").list_cache_policies(Type="custom")["CachePolicyList"]["Items"]
    configs = {p["CachePolicy"]["CachePolicyConfig"]["Name"]: p["CachePolicy"]["CachePolicyConfig"] for p in policies}
    assert configs["smartscheduler-qa-static"]["DefaultTTL"] == 31536000
    buckets = {bucket["Name"] for bucket in qa["emulator"].client("s3").list_buckets()["Buckets"]}
    assert "smartscheduler-frontend-qa" in buckets and "smartscheduler-frontend-qa-assets" not in buckets
    # A string "false" is false: no cache, and no auth token for one.
    assert qa["emulator"].client("elasticache").describe_replication_groups()["ReplicationGroups"] == []
    secrets = qa["emulator"].client("secretsmanager").list_secrets()["SecretList"]
    assert not [secret for secret in secrets if "/cache/" in secret["Name"]]


def test_the_network_tier_alone_with_the_same_strings_changes_nothing(qa, quiet):
    """The data tier's re-run with them is below, with --tags data."""
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars=BOOLEANS_AS_STRINGS, tags=["network"])
    assert not run.failed, run.outcome()
    assert run.changed_resources() == []
    requests = quiet.requests()
    assert requests["mutating"] == 0
    assert "rds" not in requests["by_service"] or set(requests["by_service"]["rds"]) == {"DescribeDBInstances"}


# Typos: a variable no role declares fails the run, naming the closest real one.
def test_a_typo_in_the_inventory_is_refused_with_the_closest_name(qa, quiet, tmp_path):
    inventory = new_environment(tmp_path, "qa", rds_instance_clas="db.t3.large")
    run = run_playbook("site.yml", inventory, quiet.env)
    assert_refused_before_any_call(
        run, quiet, "rds_instance_clas (set in inventories/qa/group_vars/qa.yml:", "did you mean rds_instance_class?"
    )


def test_a_typo_in_extra_vars_is_refused_and_a_declared_extra_is_allowed(qa, quiet, tmp_path):
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars={"network_flow_logs_enabld": "false"})
    assert_refused_before_any_call(
        run, quiet, "network_flow_logs_enabld (set in -e)", "did you mean network_flow_logs_enabled?"
    )

    allowed = {"rds_owner_note": "team-db", "appstack_extra_variables": ["rds_owner_note"]}
    run = run_playbook("playbooks/validate.yml", qa["inventory"], quiet.env, extra_vars=allowed | BOOLEANS_AS_STRINGS)
    assert not run.failed, run.outcome()


# The right environment: a copied inventory that still names another environment.
def test_a_copied_inventory_that_still_names_dev_is_refused(qa, quiet, tmp_path):
    inventory = new_environment(tmp_path, "qa", appstack_environment="dev")
    run = run_playbook("site.yml", inventory, quiet.env)
    assert_refused_before_any_call(
        run, quiet, "appstack_environment is dev", "the host is appstack-qa", "groups are qa"
    )


# The region: checked against botocore's partitions, before any call.
def test_a_region_that_does_not_exist_is_refused(qa, quiet):
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars={"appstack_region": "us-east-9"})
    assert_refused_before_any_call(run, quiet, "appstack_region 'us-east-9' is not an AWS region", "us-east-2")


# Credentials and the endpoint: the first call says what is wrong and what to do.
def test_no_credentials_names_the_fix(qa, tmp_path):
    env = {**qa["emulator"].env, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": ""}
    env |= {"AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"), "AWS_CONFIG_FILE": str(tmp_path / "none")}
    run = run_playbook("site.yml", qa["inventory"], env)
    assert run.failed
    assert "No AWS credentials were found" in run.failure_messages()
    assert "AWS_PROFILE" in run.failure_messages()


def test_a_dead_endpoint_fails_in_seconds_naming_the_emulator(qa):
    env = {**qa["emulator"].env, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
    run = run_playbook("site.yml", qa["inventory"], env, timeout=60)
    assert run.failed
    assert "http://127.0.0.1:9 (AWS_ENDPOINT_URL) does not answer" in run.failure_messages()
    assert "make emulator-start" in run.failure_messages()
    # The input checks of every role (about 30 tasks), then the preflight's first call: far from the hundreds of a
    # run that went on.
    assert run.stats["ok"] < 40, "it stopped at the first call"


def test_an_account_not_allowed_for_the_environment_is_refused(qa, quiet):
    run = run_playbook(
        "site.yml",
        qa["inventory"],
        quiet.env,
        extra_vars={"appstack_allowed_account_ids": ["210987654321"]} | BOOLEANS_AS_STRINGS,
    )
    assert run.failed
    assert (
        f"qa may run only in account(s) 210987654321 (appstack_allowed_account_ids), but the credentials are of account {EMULATOR_ACCOUNT}"
        in run.failure_messages()
    )
    assert quiet.requests()["mutating"] == 0


# An assumed role (an AWX job template's, a CI job's): the whole run works as the role.
def test_a_run_with_appstack_assume_role_arn_makes_every_later_call_as_the_role(qa, quiet):
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": EMULATOR_ACCOUNT}, "Action": "sts:AssumeRole"}],
    }
    role = quiet.client("iam").create_role(
        RoleName="smartscheduler-qa-operator", AssumeRolePolicyDocument=json.dumps(trust)
    )
    quiet.clear_requests()
    extra_vars = {"appstack_assume_role_arn": role["Role"]["Arn"]} | BOOLEANS_AS_STRINGS
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars=extra_vars, tags=["network"])
    assert not run.failed, run.outcome()
    assert run.changed_resources() == []
    (caller,) = run.results("amazon.aws.aws_caller_info")
    assert caller["arn"] == f"arn:aws:sts::{EMULATOR_ACCOUNT}:assumed-role/smartscheduler-qa-operator/appstack-qa"
    calls = quiet.requests()["calls"]
    assert (calls[0]["service"], calls[0]["operation"]) == ("sts", "AssumeRole")
    # Every call after it, in every play (the network tier's included), was signed with the role's key.
    assert len(calls) > 10
    assert {call["access_key_id"] for call in calls[1:]} == {calls[1]["access_key_id"]} != {"testing"}
    # The credentials are never printed: the tasks that hold them are censored.
    (assumed,) = run.results("amazon.aws.sts_assume_role")
    assert "censored" in assumed and "sts_creds" not in run.stdout


# Tags: a tier alone, on an existing environment.
def test_the_data_tier_alone_finds_the_network_and_changes_nothing(qa, quiet):
    outputs_file = qa["project"] / "outputs" / "qa.json"
    before = yaml.safe_load(outputs_file.read_text())
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars=BOOLEANS_AS_STRINGS, tags=["data"])
    assert not run.failed, run.outcome()
    assert run.changed_resources() == []
    requests = quiet.requests()
    assert requests["mutating"] == 0
    assert "rds" in requests["by_service"], "the data tier ran"
    ec2_calls = {call["operation"] for call in requests["calls"] if call["service"] == "ec2"}
    assert not ec2_calls & {"CreateVpc", "CreateSubnet", "CreateNatGateway", "CreateRouteTable"}
    after = yaml.safe_load(outputs_file.read_text())
    assert after["outputs"]["network"] == before["outputs"]["network"], "a tier alone keeps the others' outputs"
    assert after["outputs"]["rds"]["instance_identifier"] == "smartscheduler-qa"


def test_a_tag_that_selects_no_tier_is_warned_about(qa, quiet):
    run = run_playbook("playbooks/validate.yml", qa["inventory"], quiet.env, tags=["netwrok"])
    assert not run.failed, run.outcome()
    assert "--tags netwrok selects no tier" in run.stdout + run.stderr


# Immutable settings: a new VPC CIDR is refused before any write, never a second VPC.
def test_a_vpc_cidr_change_is_refused_before_any_write(qa, quiet):
    changes = BOOLEANS_AS_STRINGS | {"network_vpc_cidr": "10.1.0.0/16"}
    check = run_playbook("site.yml", qa["inventory"], quiet.env, check=True, extra_vars=changes)
    assert check.failed
    assert "network_vpc_cidr" in check.failure_messages() and "10.1.0.0/16" in check.failure_messages()
    run = run_playbook("site.yml", qa["inventory"], quiet.env, extra_vars=changes)
    assert run.failed
    assert quiet.requests()["mutating"] == 0
    vpcs = quiet.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-qa"]}])["Vpcs"]
    assert [vpc["CidrBlock"] for vpc in vpcs] == ["10.0.0.0/16"]


# Quiet output: each input check once, no deprecation warning the project cannot act on.
def test_the_run_checks_each_input_once_and_prints_no_deprecation(qa):
    input_checks = [
        result
        for result in qa["run"].results("ansible.builtin.set_fact")
        if "appstack_input_errors" in result.get("ansible_facts", {})
    ]
    assert len(input_checks) == 10, "the inventory's check, the compute choice's and each role's, once"
    # amazon.aws iam_role returns a deprecation notice on every run (the end of a return value the roles do
    # not read): it stays in the results, and no DEPRECATION warning is printed.
    assert "DEPRECATION" not in qa["run"].stdout + qa["run"].stderr
