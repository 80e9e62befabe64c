"""The data tier (the secrets and rds roles) against the emulator, as a user runs it: site.yml with an inventory.

Every property the rds role promises is read back with boto3, not taken from the
playbook's own report: prod (Multi-AZ, RDS-managed password rotated every 90 days,
RDS Proxy) and dev (small, single-AZ, password from the credentials secret).
"""

import json
import re

import pytest
import yaml

from .playbook import FAST_STRATEGY, REPO_ROOT, run_playbook
from .secrets_reads import leaked, mutating, secret_names, secrets_snapshot, stored_secret_values

PROD = "inventories/prod"
DEV = "inventories/dev"
ROLES = REPO_ROOT / "roles"
ACCOUNT = "123456789012"
CREDENTIAL_KEYS = {"username", "password", "host", "port", "dbname", "engine"}
UPDATE = "appstack.aws.rds_instance"
# prod's boolean inputs that are true, as -e passes them: strings.
PROD_TRUE_BOOLEANS = (
    "rds_multi_az",
    "rds_deletion_protection",
    "rds_final_snapshot",
    "rds_performance_insights",
    "rds_proxy_enabled",
    "secrets_kms_key_rotation",
    "cache_enabled",
    "cache_automatic_failover",
    "cache_multi_az",
    "cache_log_encryption",
)


def creates_the_instance(changed, identifier):
    """Whether changed_resources() holds the instance's creation: it sends the master password, so
    no_log may hide its arguments (resource None)."""
    return any(c.action == "amazon.aws.rds_instance" and c.resource in (identifier, None) for c in changed)


def recap_changed(stdout):
    """changed=N of the PLAY RECAP of a run printed by the default callback."""
    (changed,) = re.findall(r"^appstack-\w+\s*:.*\bchanged=(\d+)", stdout, re.MULTILINE)
    return int(changed)


def env_key_arn(emulator, env):
    return emulator.client("kms").describe_key(KeyId=f"alias/smartscheduler/{env}")["KeyMetadata"]["Arn"]


def instance(emulator, identifier):
    (found,) = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"]
    return found


def tags_of(tag_list):
    return {tag["Key"]: tag["Value"] for tag in tag_list}


def database_subnet_ids(emulator, prefix):
    subnets = emulator.client("ec2").describe_subnets(
        Filters=[{"Name": "tag:Name", "Values": [f"{prefix}-database-*"]}]
    )["Subnets"]
    return {subnet["SubnetId"] for subnet in subnets}


def security_group_id(emulator, name):
    (group,) = emulator.client("ec2").describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])[
        "SecurityGroups"
    ]
    return group["GroupId"]


def documented_permissions(role):
    readme = (ROLES / role / "README.md").read_text()
    return set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", readme, re.MULTILINE))


def assert_documented(calls: list[dict]) -> None:
    """Every RDS call is in the rds role's README; every call is in some role's README."""
    rds_documented = documented_permissions("rds")
    all_documented = rds_documented.union(
        *(
            documented_permissions(role)
            for role in (
                "network",
                "secrets",
                "cache",
                "iam",
                "ecr",
                "apprunner",
                "alb",
                "ecs",
                "s3_cloudfront",
                "monitoring",
                "deploy_backend",
                # The record of the outputs: published in SSM, and the search for orphans.
                "teardown",
            )
        )
    )
    used = {f"{c['service']}:{c['operation']}" for c in calls}
    assert {u for u in used if u.startswith("rds:")} - rds_documented == set(), "add to roles/rds/README.md"
    assert used - all_documented == set(), "add these to the IAM permissions of the role that calls them"


def logged_run(playbook, inventory, env, log, **options):
    """A -vvv --diff run that writes its log to log (ANSIBLE_LOG_PATH) too, as a user keeps one; the run and all it
    printed: stdout, stderr and the log."""
    run = run_playbook(
        playbook, inventory, {**env, "ANSIBLE_LOG_PATH": str(log)}, verbosity=3, diff=True, json_report=False, **options
    )
    return run, (run.stdout, run.stderr, log.read_text() if log.exists() else "")


def secret_json(emulator, secret_id, stage="AWSCURRENT"):
    return json.loads(
        emulator.client("secretsmanager").get_secret_value(SecretId=secret_id, VersionStage=stage)["SecretString"]
    )


def initial_password(emulator):
    """The password the secrets role generated into prod's credentials secret, which created the instance:
    the role removed it from the secret's current version once RDS managed the password."""
    return secret_json(emulator, secret_names("prod")["db-credentials"], stage="AWSPREVIOUS")["password"]


@pytest.fixture(scope="class")
def rotated(prod, prod_emulator):
    """prod right after RDS rotated its master password (RotateMasterUserPassword), before any run."""
    rds = prod_emulator.client("rds")
    managed_arn = instance(prod_emulator, "smartscheduler-prod")["MasterUserSecret"]["SecretArn"]
    before = secret_json(prod_emulator, managed_arn)
    rds.modify_db_instance(
        DBInstanceIdentifier="smartscheduler-prod", RotateMasterUserPassword=True, ApplyImmediately=True
    )
    reference = prod["outputs"]["rds"]
    return {
        "managed_arn": managed_arn,
        "before": before,
        "after": secret_json(prod_emulator, managed_arn),
        "proxy": rds.describe_db_proxies(DBProxyName="smartscheduler-prod")["DBProxies"][0],
        "outputs_reference": secret_json(prod_emulator, reference["password_secret_arn"])[
            reference["password_secret_key"]
        ],
        "credentials": secret_json(prod_emulator, reference["credentials_secret_arn"]),
    }


# API calls of --check on the converged prod: 57 for network, secrets and rds (make bench,
# docs/performance.md, against 202 before the roles read once and converge only what differs),
# about 25 more for the app tier (two per role and policy, four for the repository, one
# read per App Runner resource), and about 50 for the edge tier (one list of the buckets and one read
# per setting of each of the three; a list and a get per CloudFront resource), and about 35 for the
# monitoring tier (one or two reads per resource: the topic, three log groups, ten alarms, the dashboard,
# the budget with a read per notification), and 10 for the cache tier (three for the replication group, read once
# in the preflight: the group, its primary cluster and its tags; two for the subnet group, three for the parameter
# group, two for the slow log's group), and 12 for the record of the outputs (the published parameters, ten per
# call, and one tagging API call for what no run plans any more), and 6 for the GitHub Actions deploy role (the
# account's OIDC providers listed, the provider, the role and its policy read). A task that re-describes what a role
# has read already fails this.
CHECK_CALL_BUDGET = 206


class TestProdDataTier:
    def test_check_on_the_empty_account_predicts_the_data_tier_and_writes_nothing(self, prod_check):
        assert not prod_check["check"].failed, prod_check["check"].outcome()
        changed = prod_check["check"].changed_resources()
        for change in (
            ("amazon.aws.rds_instance_param_group", "smartscheduler-prod-postgres16"),
            ("amazon.aws.iam_role", "smartscheduler-prod-rds-monitoring"),
            ("amazon.aws.iam_role", "smartscheduler-prod-rds-proxy"),
            ("appstack.aws.rds_db_proxy", "smartscheduler-prod"),
        ):
            assert change in changed
        assert creates_the_instance(changed, "smartscheduler-prod")
        assert prod_check["check_requests"]["by_service"]["rds"]
        assert mutating(prod_check["check_requests"]["calls"]) == []

    def test_postgres_16_6_on_db_t3_small_with_gp3_autoscaling_to_1_tb(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        assert (db["Engine"], db["EngineVersion"], db["DBInstanceClass"]) == ("postgres", "16.6", "db.t3.small")
        assert (db["StorageType"], db["AllocatedStorage"], db["MaxAllocatedStorage"]) == ("gp3", 100, 1000)
        assert db["DBName"] == "smartscheduler"
        assert db["Endpoint"]["Port"] == 5432

    def test_multi_az_with_30_days_of_backups_and_separate_windows(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        assert db["MultiAZ"] is True
        assert db["BackupRetentionPeriod"] == 30
        assert db["PreferredBackupWindow"] == "03:00-04:00"
        assert db["PreferredMaintenanceWindow"] == "sun:04:30-sun:05:30"

    def test_storage_and_performance_insights_are_encrypted_with_the_environment_key(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        key_arn = env_key_arn(prod_emulator, "prod")
        assert db["StorageEncrypted"] is True
        assert db["KmsKeyId"] == key_arn
        assert db["PerformanceInsightsEnabled"] is True
        assert db["PerformanceInsightsKMSKeyId"] == key_arn
        assert db["PerformanceInsightsRetentionPeriod"] == 7

    def test_deletion_protection_is_on_and_the_instance_is_never_public(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        assert db["DeletionProtection"] is True
        assert db["PubliclyAccessible"] is False
        with pytest.raises(prod_emulator.client("rds").exceptions.ClientError, match="eletion protection"):
            prod_emulator.client("rds").delete_db_instance(
                DBInstanceIdentifier="smartscheduler-prod", SkipFinalSnapshot=True
            )

    def test_instance_sits_in_the_database_subnets_and_security_group(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        subnet_group = db["DBSubnetGroup"]
        assert subnet_group["DBSubnetGroupName"] == "smartscheduler-prod"
        assert {s["SubnetIdentifier"] for s in subnet_group["Subnets"]} == database_subnet_ids(
            prod_emulator, "smartscheduler-prod"
        )
        assert [g["VpcSecurityGroupId"] for g in db["VpcSecurityGroups"]] == [
            security_group_id(prod_emulator, "smartscheduler-prod-database")
        ]

    def test_parameter_group_forces_tls_and_logs_slow_statements_and_connections(self, prod, prod_emulator):
        rds = prod_emulator.client("rds")
        db = instance(prod_emulator, "smartscheduler-prod")
        assert [g["DBParameterGroupName"] for g in db["DBParameterGroups"]] == ["smartscheduler-prod-postgres16"]
        (group,) = rds.describe_db_parameter_groups(DBParameterGroupName="smartscheduler-prod-postgres16")[
            "DBParameterGroups"
        ]
        assert group["DBParameterGroupFamily"] == "postgres16"
        parameters = {
            p["ParameterName"]: p.get("ParameterValue")
            for p in rds.describe_db_parameters(DBParameterGroupName="smartscheduler-prod-postgres16")["Parameters"]
        }
        assert parameters["rds.force_ssl"] == "1"
        assert parameters["log_min_duration_statement"] == "1000"
        assert parameters["log_connections"] == "1"
        assert parameters["log_disconnections"] == "1"

    def test_iam_auth_log_exports_tag_copies_and_minor_upgrades_are_on(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        assert db["IAMDatabaseAuthenticationEnabled"] is True
        assert sorted(db["EnabledCloudwatchLogsExports"]) == ["postgresql", "upgrade"]
        assert db["CopyTagsToSnapshot"] is True
        assert db["AutoMinorVersionUpgrade"] is True

    def test_enhanced_monitoring_every_minute_through_its_own_role(self, prod, prod_emulator):
        db = instance(prod_emulator, "smartscheduler-prod")
        iam = prod_emulator.client("iam")
        assert db["MonitoringInterval"] == 60
        assert db["MonitoringRoleArn"] == f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-prod-rds-monitoring"
        role = iam.get_role(RoleName="smartscheduler-prod-rds-monitoring")["Role"]
        (statement,) = role["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Principal"] == {"Service": "monitoring.rds.amazonaws.com"}
        attached = iam.list_attached_role_policies(RoleName="smartscheduler-prod-rds-monitoring")["AttachedPolicies"]
        assert [p["PolicyArn"] for p in attached] == [
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
        ]

    def test_credentials_secret_says_where_to_connect_and_keeps_no_copy_of_the_rds_managed_password(
        self, prod, prod_emulator
    ):
        db = instance(prod_emulator, "smartscheduler-prod")
        credentials = prod["credentials"]
        assert set(credentials) == CREDENTIAL_KEYS - {"password"}
        assert credentials["host"] == db["Endpoint"]["Address"]
        assert (credentials["port"], credentials["dbname"], credentials["engine"]) == (
            5432,
            "smartscheduler",
            "postgres",
        )
        assert credentials["username"] == db["MasterUsername"] == "smartscheduler_admin"
        managed = db["MasterUserSecret"]
        assert managed["KmsKeyId"] == env_key_arn(prod_emulator, "prod")
        rds_uses = secret_json(prod_emulator, managed["SecretArn"])
        assert rds_uses["username"] == credentials["username"]
        # The password the secrets role generated served only to create the instance; RDS replaced it.
        assert rds_uses["password"] != initial_password(prod_emulator)

    def test_rds_rotates_the_master_password_every_90_days(self, prod, prod_emulator):
        managed_arn = instance(prod_emulator, "smartscheduler-prod")["MasterUserSecret"]["SecretArn"]
        secret = prod_emulator.client("secretsmanager").describe_secret(SecretId=managed_arn)
        assert secret["RotationEnabled"] is True
        assert secret["RotationRules"]["AutomaticallyAfterDays"] == 90

    def test_proxy_requires_tls_logs_in_with_the_rds_managed_secret_and_targets_the_instance(self, prod, prod_emulator):
        rds = prod_emulator.client("rds")
        (proxy,) = rds.describe_db_proxies(DBProxyName="smartscheduler-prod")["DBProxies"]
        assert proxy["Status"] == "available"
        assert proxy["EngineFamily"] == "POSTGRESQL"
        assert proxy["RequireTLS"] is True
        (auth,) = proxy["Auth"]
        assert auth["SecretArn"] == instance(prod_emulator, "smartscheduler-prod")["MasterUserSecret"]["SecretArn"]
        assert (auth["AuthScheme"], auth["IAMAuth"], auth["ClientPasswordAuthType"]) == (
            "SECRETS",
            "DISABLED",
            "POSTGRES_SCRAM_SHA_256",
        )
        assert proxy["RoleArn"] == f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-prod-rds-proxy"
        assert set(proxy["VpcSubnetIds"]) == database_subnet_ids(prod_emulator, "smartscheduler-prod")
        assert proxy["VpcSecurityGroupIds"] == [security_group_id(prod_emulator, "smartscheduler-prod-database")]
        targets = rds.describe_db_proxy_targets(DBProxyName="smartscheduler-prod")["Targets"]
        assert [(t["Type"], t["RdsResourceId"]) for t in targets] == [("RDS_INSTANCE", "smartscheduler-prod")]
        (group,) = rds.describe_db_proxy_target_groups(DBProxyName="smartscheduler-prod")["TargetGroups"]
        pool = group["ConnectionPoolConfig"]
        assert (pool["MaxConnectionsPercent"], pool["MaxIdleConnectionsPercent"], pool["ConnectionBorrowTimeout"]) == (
            90,
            50,
            120,
        )

    def test_the_proxy_is_started_while_rds_creates_the_instance(self, prod):
        """Both take minutes to provision: the proxy is created right after the instance, logging in with the
        credentials secret, and switched to RDS's secret once RDS has created it with the instance available."""
        operations = [f"{c['service']}:{c['operation']}" for c in prod["requests"]["calls"]]
        instance_created = operations.index("rds:CreateDBInstance")
        proxy_created = operations.index("rds:CreateDBProxy")
        password_handed_over = operations.index("rds:ModifyDBInstance", instance_created)
        assert instance_created < proxy_created < password_handed_over
        assert (
            password_handed_over
            < operations.index("rds:ModifyDBProxy")
            < operations.index("rds:RegisterDBProxyTargets")
        )

    def test_proxy_role_reads_only_the_rds_managed_secret_with_the_environment_key(self, prod, prod_emulator):
        iam = prod_emulator.client("iam")
        role = iam.get_role(RoleName="smartscheduler-prod-rds-proxy")["Role"]
        (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
        assert trust["Principal"] == {"Service": "rds.amazonaws.com"}
        (attached,) = iam.list_attached_role_policies(RoleName="smartscheduler-prod-rds-proxy")["AttachedPolicies"]
        policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        document = iam.get_policy_version(PolicyArn=attached["PolicyArn"], VersionId=policy["DefaultVersionId"])[
            "PolicyVersion"
        ]["Document"]
        statements = {s["Action"]: s["Resource"] for s in document["Statement"]}
        assert statements == {
            "secretsmanager:GetSecretValue": prod["outputs"]["rds"]["master_user_secret_arn"],
            "kms:Decrypt": env_key_arn(prod_emulator, "prod"),
        }

    def test_every_resource_carries_the_standard_and_extra_tags(self, prod, prod_emulator):
        rds = prod_emulator.client("rds")
        iam = prod_emulator.client("iam")
        expected = {
            "Application": "smartscheduler",
            "Environment": "prod",
            "ManagedBy": "appstack.aws",
            "CostCenter": "smartscheduler-prod",
        }
        db = instance(prod_emulator, "smartscheduler-prod")
        (proxy,) = rds.describe_db_proxies(DBProxyName="smartscheduler-prod")["DBProxies"]
        subnet_group = db["DBSubnetGroup"]["DBSubnetGroupArn"]
        (parameter_group,) = rds.describe_db_parameter_groups(DBParameterGroupName="smartscheduler-prod-postgres16")[
            "DBParameterGroups"
        ]
        resources = {
            "instance": tags_of(db["TagList"]),
            "subnet group": tags_of(rds.list_tags_for_resource(ResourceName=subnet_group)["TagList"]),
            "parameter group": tags_of(
                rds.list_tags_for_resource(ResourceName=parameter_group["DBParameterGroupArn"])["TagList"]
            ),
            "proxy": tags_of(rds.list_tags_for_resource(ResourceName=proxy["DBProxyArn"])["TagList"]),
        }
        for role in ("smartscheduler-prod-rds-monitoring", "smartscheduler-prod-rds-proxy"):
            resources[role] = tags_of(iam.list_role_tags(RoleName=role)["Tags"])
        for kind, tags in resources.items():
            assert expected.items() <= tags.items(), f"{kind} lacks tags: {tags}"

    def test_outputs_give_endpoints_and_secret_arns_and_never_a_value(self, prod, prod_emulator):
        rds_outputs = prod["outputs"]["rds"]
        db = instance(prod_emulator, "smartscheduler-prod")
        (proxy,) = prod_emulator.client("rds").describe_db_proxies(DBProxyName="smartscheduler-prod")["DBProxies"]
        assert rds_outputs["endpoint_host"] == db["Endpoint"]["Address"]
        assert rds_outputs["endpoint_port"] == 5432
        assert rds_outputs["proxy_endpoint"] == proxy["Endpoint"]
        assert rds_outputs["db_name"] == "smartscheduler"
        assert rds_outputs["master_user_secret_arn"] == db["MasterUserSecret"]["SecretArn"]
        assert (
            rds_outputs["credentials_secret_arn"].split(":secret:")[1].startswith("smartscheduler/db/prod/credentials-")
        )
        # Clients read the password where RDS keeps and rotates it.
        assert (rds_outputs["password_secret_arn"], rds_outputs["password_secret_key"]) == (
            db["MasterUserSecret"]["SecretArn"],
            "password",
        )
        assert rds_outputs["env"] == {
            "DATABASE_HOST": proxy["Endpoint"],
            "DATABASE_PORT": 5432,
            "DATABASE_NAME": "smartscheduler",
        }
        for value, _version in prod["secrets"].values():
            assert value not in prod["outputs_text"]
        assert initial_password(prod_emulator) not in prod["outputs_text"]
        assert secret_json(prod_emulator, db["MasterUserSecret"]["SecretArn"])["password"] not in prod["outputs_text"]

    def test_readme_lists_every_permission_the_role_uses(self, prod):
        """Every RDS call of the cold converge is in the rds role's README; every call in some role's README."""
        assert_documented(prod["requests"]["calls"])

    def test_readme_lists_every_permission_the_check_uses(self, prod_check):
        """--check on the empty account too (read-only, as a reviewer's credentials may be)."""
        assert_documented(prod_check["check_requests"]["calls"])

    def test_after_rds_rotates_the_password_the_proxy_and_the_outputs_read_the_new_one_without_a_rerun(
        self, prod, rotated
    ):
        assert rotated["after"]["password"] != rotated["before"]["password"]
        (auth,) = rotated["proxy"]["Auth"]
        assert auth["SecretArn"] == rotated["managed_arn"]
        rds_outputs = prod["outputs"]["rds"]
        assert rds_outputs["password_secret_arn"] == rotated["managed_arn"]
        assert rotated["outputs_reference"] == rotated["after"]["password"]
        assert "password" not in rotated["credentials"]

    def test_a_refused_update_shows_the_rds_error_and_never_the_password(self, prod, prod_emulator):
        """Only the creation, which sends the password, hides its result: RDS refuses a maintenance window
        under 30 minutes, and the run (of the data tier: --tags data) says so. -vvv prints the update's arguments,
        without a password."""
        prod_emulator.clear_requests()
        run = run_playbook(
            "site.yml",
            PROD,
            prod_emulator.env,
            extra_vars={**prod["extra_vars"], "rds_maintenance_window": "sun:04:30-sun:04:40"},
            verbosity=3,
            json_report=False,
            tags=["data"],
            # What -vvv prints of a module's arguments does not depend on the strategy; the default strategy's
            # -vvv run of every module of site.yml is the second run's, below.
            strategy=FAST_STRATEGY,
        )
        assert run.failed
        printed = run.stdout + run.stderr
        assert "The maintenance window must be at least 30 minutes" in printed, printed[-3000:]
        assert "rds:ModifyDBInstance" in [f"{c['service']}:{c['operation']}" for c in prod_emulator.requests()["calls"]]
        managed_arn = instance(prod_emulator, "smartscheduler-prod")["MasterUserSecret"]["SecretArn"]
        for password in (initial_password(prod_emulator), secret_json(prod_emulator, managed_arn)["password"]):
            assert password not in printed
        assert instance(prod_emulator, "smartscheduler-prod")["PreferredMaintenanceWindow"] == "sun:04:30-sun:05:30"

    def test_second_run_changes_nothing_and_prints_no_secret_value(self, prod, prod_emulator, rotated, tmp_path):
        """A -vvv --diff run shows every module's arguments, results and differences, on the screen and in its
        log_path; no value of any secret the environment holds may appear in them. It follows a rotation by RDS,
        which needs no run to take effect and leaves nothing for one to do."""
        run, printed = logged_run(
            "site.yml", PROD, prod_emulator.env, tmp_path / "ansible.log", extra_vars=prod["extra_vars"]
        )
        assert not run.failed, run.stdout[-3000:] + run.stderr
        assert recap_changed(run.stdout) == 0, re.findall(r"^changed: .*|^TASK .*", run.stdout, re.MULTILINE)
        assert "PLAY RECAP" in printed[2], "the run wrote no log"
        secrets = stored_secret_values(prod_emulator.client("secretsmanager"))
        generated = {
            "initial master password": initial_password(prod_emulator),
            "RDS-managed password before the rotation": rotated["before"]["password"],
            "RDS-managed password": rotated["after"]["password"],
            "JWT signing key": prod["secrets"]["jwt-signing-key"][0],
            "cache auth token": prod["secrets"]["cache-auth-token"][0],
        }
        assert all(len(value) >= 16 for value in generated.values())
        assert set(generated.values()) <= set(secrets.values()), "the search misses a secret the environment holds"
        assert leaked(secrets, *printed) == [], "secret values in the -vvv --diff output or its log"
        assert secrets_snapshot(prod_emulator.client("secretsmanager"), "prod") == prod["secrets"]

    def test_the_leak_search_finds_a_secret_a_task_prints_to_the_log(self, prod, prod_emulator, tmp_path):
        """The search above, proven on a run that does print every secret value of the environment (a debug task
        without no_log), logged the same way: it finds each of them, however the log escapes it."""
        secrets = stored_secret_values(prod_emulator.client("secretsmanager"))
        values_file = tmp_path / "values.yml"
        # !unsafe: a generated value may hold "{{" or "{#", which Ansible would template (each JSON string is a YAML
        # double-quoted scalar).
        values = "".join(f"  - !unsafe {json.dumps(value)}\n" for value in sorted(secrets.values()))
        values_file.write_text(f"printed:\n{values}")
        play = {
            "name": "Print the values",
            "hosts": "localhost",
            "connection": "local",
            "gather_facts": False,
            "vars_files": [str(values_file)],
            "tasks": [{"name": "Print them", "ansible.builtin.debug": {"var": "printed"}}],
        }
        playbook = tmp_path / "print.yml"
        playbook.write_text(yaml.safe_dump([play], sort_keys=False))
        run, printed = logged_run(str(playbook), "localhost,", {}, tmp_path / "ansible.log")
        assert not run.failed, run.stdout[-3000:] + run.stderr
        assert leaked(secrets, printed[2]) == sorted(secrets), printed[2][-3000:]
        assert leaked(secrets, run.stdout) == sorted(secrets)

    def test_check_diff_on_the_converged_account_predicts_only_a_class_change_and_writes_nothing(
        self, prod, prod_emulator
    ):
        """A class change under --check --diff, with every boolean input given as -e passes it, a string equal to
        prod's value: the class change is the one change predicted, its diff shows no password, nothing is written.
        """
        prod_emulator.clear_requests()
        booleans = {name: "true" for name in PROD_TRUE_BOOLEANS}
        run = run_playbook(
            "site.yml",
            PROD,
            prod_emulator.env,
            check=True,
            diff=True,
            extra_vars={**prod["extra_vars"], **booleans, "rds_instance_class": "db.t3.medium"},
        )
        assert not run.failed, run.outcome()
        (update,) = run.results(UPDATE)
        assert update["diff"] == {
            "before": {"db_instance_class": "db.t3.small"},
            "after": {"db_instance_class": "db.t3.medium"},
        }
        assert run.changed_resources() == [(UPDATE, "smartscheduler-prod")]
        managed_arn = instance(prod_emulator, "smartscheduler-prod")["MasterUserSecret"]["SecretArn"]
        for password in (initial_password(prod_emulator), secret_json(prod_emulator, managed_arn)["password"]):
            assert password not in run.stdout + run.stderr
        requests = prod_emulator.requests()
        assert requests["by_service"]["rds"]
        assert mutating(requests["calls"]) == []
        assert instance(prod_emulator, "smartscheduler-prod")["DBInstanceClass"] == "db.t3.small"
        assert secrets_snapshot(prod_emulator.client("secretsmanager"), "prod") == prod["secrets"]
        # The read once, converge what differs budget: the network costs one describe per
        # kind of resource, and the whole run stays within what make bench measured.
        ec2 = requests["by_service"]["ec2"]
        assert {op: n for op, n in ec2.items() if n > (2 if op == "DescribeVpcAttribute" else 1)} == {}, ec2
        assert requests["total"] <= CHECK_CALL_BUDGET, requests["by_service"]


class TestDevDataTier:
    def test_other_work_proceeds_while_rds_creates_the_instance(self, dev):
        """The rds role starts the instance without waiting; a later tier (conftest's stand-in, between
        data.yml and data_ready.yml) runs while it is `creating`; data_ready.yml then polls until it is available."""
        operations = [f"{c['service']}:{c['operation']}" for c in dev["requests"]["calls"]]
        created = operations.index("rds:CreateDBInstance")
        later_tier = operations.index("logs:CreateLogGroup", created)
        assert created < later_tier
        assert dev["run"].custom_stats["later_tier_db_status"] == "creating"
        (wait,) = [
            result
            for result in dev["run"].results("amazon.aws.rds_instance_info")
            if "attempts" in result
            and result["invocation"]["module_args"]["db_instance_identifier"] == "smartscheduler-dev"
        ]
        assert wait["attempts"] >= 2, "the ready step should have polled the creating instance"
        assert wait["instances"][0]["db_instance_status"] == "available"

    def test_dev_is_small_single_az_kept_a_week_and_can_be_deleted(self, dev, dev_emulator):
        db = instance(dev_emulator, "smartscheduler-dev")
        assert (db["Engine"], db["EngineVersion"], db["DBInstanceClass"]) == ("postgres", "16.6", "db.t3.micro")
        assert (db["StorageType"], db["AllocatedStorage"]) == ("gp3", 20)
        assert db["MultiAZ"] is False
        assert db["BackupRetentionPeriod"] == 7
        assert db["DeletionProtection"] is False
        assert db["StorageEncrypted"] is True
        assert db["KmsKeyId"] == env_key_arn(dev_emulator, "dev")
        assert db["PerformanceInsightsEnabled"] is False
        assert db["MonitoringInterval"] == 0
        assert db["PubliclyAccessible"] is False

    def test_dev_has_no_proxy_and_keeps_its_password_in_the_credentials_secret(self, dev, dev_emulator):
        db = instance(dev_emulator, "smartscheduler-dev")
        assert dev_emulator.client("rds").describe_db_proxies()["DBProxies"] == []
        assert "MasterUserSecret" not in db
        credentials = dev["credentials"]
        assert set(credentials) == CREDENTIAL_KEYS
        assert credentials["host"] == db["Endpoint"]["Address"]
        assert credentials["username"] == db["MasterUsername"] == "smartscheduler_admin"
        assert dev["outputs"]["rds"]["master_user_secret_arn"] == ""
        assert (dev["outputs"]["rds"]["password_secret_arn"], dev["outputs"]["rds"]["password_secret_key"]) == (
            dev["outputs"]["rds"]["credentials_secret_arn"],
            "password",
        )
        assert dev["outputs"]["rds"]["proxy_endpoint"] == ""
        assert dev["outputs"]["rds"]["env"]["DATABASE_HOST"] == db["Endpoint"]["Address"]


def test_inventories_size_each_environment_as_the_stories_ask():
    """Staging sits between dev and prod; every environment keeps backups RDS accepts."""
    sizes = {}
    for env in ("local", "dev", "staging", "prod"):
        values = yaml.safe_load((REPO_ROOT / "inventories" / env / "group_vars" / f"{env}.yml").read_text())
        sizes[env] = (values["rds_allocated_storage"], values["rds_backup_retention_days"], values["rds_multi_az"])
    assert sizes["dev"] == (20, 7, False)
    assert sizes["prod"] == (100, 30, True)
    assert sizes["dev"][0] < sizes["staging"][0] < sizes["prod"][0]
    assert sizes["dev"][1] < sizes["staging"][1] < sizes["prod"][1] <= 35
