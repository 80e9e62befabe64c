"""The secrets role against the emulator.

TestProdSecrets reads back the converged prod environment that every tier shares
(tests/integration/conftest.py builds it with site.yml), values included, so that
the tests can prove they never leak; the credentials' password is read in dev, where
the credentials secret keeps it. TestSecretsRoleAlone runs the role alone
(tests/integration/playbooks/secrets.yml) in an account of its own, which it changes:
prod, then dev in the same account. Every property is read back with boto3, not taken
from the playbook's own report.
"""

import json
import re
import string

import pytest

from .playbook import REPO_ROOT, run_playbook
from .secrets_reads import mutating, secret_names, secrets_snapshot

PLAYBOOK = "tests/integration/playbooks/secrets.yml"
PROD = "inventories/prod"
DEV = "inventories/dev"
LOCAL = "inventories/local"
ROLE_README = REPO_ROOT / "roles" / "secrets" / "README.md"
ACCOUNT = "123456789012"
READER = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-dev-runtime"
DEPLOYER = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-dev-deploy"
RDS_FORBIDDEN = set('/@" ')
GENERATED_SECRET = "appstack.aws.secretsmanager_generated_secret"


@pytest.fixture(scope="module")
def secrets_alone(emulator_server):
    """An account of this module's own: --check on it empty, then one real run of the role with the prod inventory."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    check = run_playbook(PLAYBOOK, PROD, emulator_server.env, check=True)
    check_requests = emulator_server.requests()
    left_behind = {
        "secrets": emulator_server.client("secretsmanager").list_secrets()["SecretList"],
        "keys": emulator_server.client("kms").list_keys()["Keys"],
    }
    emulator_server.clear_requests()
    run = run_playbook(PLAYBOOK, PROD, emulator_server.env)
    assert not run.failed, run.outcome()
    return {
        "check": check,
        "check_requests": check_requests,
        "left_behind": left_behind,
        "run": run,
        "requests": emulator_server.requests(),
    }


@pytest.fixture(scope="module")
def secrets_alone_dev(secrets_alone, emulator_server):
    """One real run of the role with the dev inventory, in the same account as secrets_alone's prod."""
    run = run_playbook(PLAYBOOK, DEV, emulator_server.env)
    assert not run.failed, run.outcome()
    return {"run": run}


def kms_key(emulator, env):
    kms = emulator.client("kms")
    key_id = kms.describe_key(KeyId=f"alias/smartscheduler/{env}")["KeyMetadata"]["KeyId"]
    return kms, kms.describe_key(KeyId=key_id)["KeyMetadata"]


class TestProdSecrets:
    def test_kms_key_has_the_alias_rotation_policy_and_tags(self, prod, prod_emulator):
        kms, key = kms_key(prod_emulator, "prod")
        assert key["KeyManager"] == "CUSTOMER"
        assert key["KeySpec"] == "SYMMETRIC_DEFAULT" and key["KeyUsage"] == "ENCRYPT_DECRYPT"
        assert key["Enabled"] is True
        assert kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"] is True
        policy = json.loads(kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"])
        statements = {statement["Sid"]: statement for statement in policy["Statement"]}
        assert statements["AccountAdministration"]["Principal"] == {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}
        use = statements["UseThroughSecretsManagerAndRds"]
        assert use["Condition"]["StringEquals"] == {
            "kms:CallerAccount": ACCOUNT,
            "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"],
        }
        assert "kms:Decrypt" in use["Action"] and "kms:*" not in use["Action"]
        tags = {tag["TagKey"]: tag["TagValue"] for tag in kms.list_resource_tags(KeyId=key["KeyId"])["Tags"]}
        assert tags == {
            "Application": "smartscheduler",
            "Environment": "prod",
            "ManagedBy": "appstack.aws",
            "CostCenter": "smartscheduler-prod",
        }

    def test_every_secret_has_its_name_the_environment_key_and_the_tags(self, prod, prod_emulator):
        _, key = kms_key(prod_emulator, "prod")
        secretsmanager = prod_emulator.client("secretsmanager")
        for name in secret_names("prod").values():
            secret = secretsmanager.describe_secret(SecretId=name)
            assert secret["Name"] == name
            assert secret["KmsKeyId"] == key["Arn"], name
            assert {tag["Key"]: tag["Value"] for tag in secret["Tags"]} == {
                "Application": "smartscheduler",
                "Environment": "prod",
                "ManagedBy": "appstack.aws",
                "CostCenter": "smartscheduler-prod",
            }

    def test_jwt_signing_key_is_64_letters_and_digits(self, prod, prod_emulator):
        secretsmanager = prod_emulator.client("secretsmanager")
        key = secretsmanager.get_secret_value(SecretId=secret_names("prod")["jwt-signing-key"])["SecretString"]
        assert len(key) >= 64
        assert re.fullmatch(r"[A-Za-z0-9]+", key)

    def test_placeholders_hold_the_marker(self, prod, prod_emulator):
        secretsmanager = prod_emulator.client("secretsmanager")
        for logical in ("google-maps-api-key", "aws-ses-credentials"):
            assert (
                secretsmanager.get_secret_value(SecretId=secret_names("prod")[logical])["SecretString"] == "REPLACE_ME"
            )

    def test_every_secret_lets_the_app_tier_instance_role_read_it_and_nobody_else(self, prod, prod_emulator):
        secretsmanager = prod_emulator.client("secretsmanager")
        reader = "arn:aws:iam::123456789012:role/smartscheduler-prod-apprunner-instance"
        for name in secret_names("prod").values():
            policy = json.loads(secretsmanager.get_resource_policy(SecretId=name)["ResourcePolicy"])
            principals = [statement["Principal"] for statement in policy["Statement"]]
            assert principals == [{"AWS": [reader]}], name

    def test_outputs_name_the_arns_and_hold_no_value(self, prod, prod_emulator):
        outputs = prod["outputs"]["secrets"]
        secretsmanager = prod_emulator.client("secretsmanager")
        _, key = kms_key(prod_emulator, "prod")
        arns = {
            logical: secretsmanager.describe_secret(SecretId=name)["ARN"]
            for logical, name in secret_names("prod").items()
        }
        assert outputs["secret_arns"] == arns
        assert outputs["secret_names"] == secret_names("prod")
        assert outputs["db_credentials_arn"] == arns["db-credentials"]
        assert outputs["jwt_signing_key_arn"] == arns["jwt-signing-key"]
        assert outputs["placeholder_arns"] == {k: arns[k] for k in ("google-maps-api-key", "aws-ses-credentials")}
        assert outputs["kms_key_arn"] == key["Arn"]
        assert outputs["kms_key_alias"] == "alias/smartscheduler/prod"
        # The generated values: the JWT signing key, and the password where the credentials keep one.
        snapshot = secrets_snapshot(secretsmanager, "prod")
        credentials = json.loads(snapshot["db-credentials"][0])
        generated = [snapshot["jwt-signing-key"][0]] + [credentials[key] for key in ("password",) if key in credentials]
        text = json.dumps(outputs)
        for value in generated:
            assert value not in text


def test_dev_credentials_hold_the_username_and_a_password_rds_accepts(dev, dev_emulator):
    """In dev, the credentials secret keeps the password the instance was created with."""
    secretsmanager = dev_emulator.client("secretsmanager")
    value = json.loads(secretsmanager.get_secret_value(SecretId=secret_names("dev")["db-credentials"])["SecretString"])
    assert {"username", "password"} <= set(value)
    assert value["username"] == "smartscheduler_admin"
    password = value["password"]
    assert len(password) == 32
    assert not set(password) & (RDS_FORBIDDEN | {"'", "\\"})
    assert set(password) <= set(string.printable) - set(string.whitespace)


class TestSecretsRoleAlone:
    def test_check_on_an_empty_account_creates_nothing_and_sends_no_mutating_call(self, secrets_alone):
        check = secrets_alone["check"]
        assert not check.failed, check.outcome()
        assert mutating(secrets_alone["check_requests"]["calls"]) == []
        assert secrets_alone["left_behind"] == {"secrets": [], "keys": []}
        assert "secretsmanager" in secrets_alone["check_requests"]["by_service"]
        # The key, then the five secrets: the credentials, the JWT signing key, prod's cache auth token, the two
        # placeholders.
        assert check.changed_actions() == ["amazon.aws.kms_key"] + [GENERATED_SECRET] * 5
        assert check.changed_resources()[0].resource == "alias/smartscheduler/prod"
        # The real run that followed is the one that created everything.
        created = secrets_alone["requests"]["by_service"]["secretsmanager"]["CreateSecret"]
        assert created == 5

    def test_readme_lists_every_permission_the_role_uses(self, secrets_alone, emulator_server):
        documented = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", ROLE_README.read_text(), re.MULTILINE))
        used = {
            f"{call['service']}:{call['operation']}"
            for call in secrets_alone["requests"]["calls"] + secrets_alone["check_requests"]["calls"]
        }
        assert used - documented == set(), "add these to the IAM permissions of roles/secrets/README.md"

    def test_second_run_changes_nothing_keeps_every_version_and_a_value_put_in_a_placeholder_by_hand(
        self, secrets_alone, emulator_server
    ):
        secretsmanager = emulator_server.client("secretsmanager")
        placeholder = secret_names("prod")["google-maps-api-key"]
        secretsmanager.put_secret_value(SecretId=placeholder, SecretString="AIza-the-real-key")
        before = secrets_snapshot(secretsmanager, "prod")
        emulator_server.clear_requests()
        run = run_playbook(PLAYBOOK, PROD, emulator_server.env)
        assert not run.failed, run.outcome()
        assert run.changed_resources() == []
        assert mutating(emulator_server.requests()["calls"]) == []
        assert secrets_snapshot(secretsmanager, "prod") == before
        assert before["google-maps-api-key"][0] == "AIza-the-real-key"

    def test_check_predicts_a_tag_change_that_the_real_run_makes_without_new_versions(
        self, secrets_alone, emulator_server
    ):
        secretsmanager = emulator_server.client("secretsmanager")
        before = secrets_snapshot(secretsmanager, "prod")
        extra_vars = {"appstack_extra_tags": {"CostCenter": "platform"}}

        emulator_server.clear_requests()
        check = run_playbook(PLAYBOOK, PROD, emulator_server.env, check=True, diff=True, extra_vars=extra_vars)
        assert not check.failed, check.outcome()
        assert mutating(emulator_server.requests()["calls"]) == []
        credentials = secretsmanager.describe_secret(SecretId=secret_names("prod")["db-credentials"])
        assert {tag["Key"]: tag["Value"] for tag in credentials["Tags"]}["CostCenter"] == "smartscheduler-prod"

        real = run_playbook(PLAYBOOK, PROD, emulator_server.env, extra_vars=extra_vars)
        assert not real.failed, real.outcome()
        # The check predicts the retagging and nothing else: on the converged account it would predict nothing.
        assert check.changed_resources() == real.changed_resources()
        # The key and all five secrets are retagged.
        assert ("amazon.aws.kms_key", "alias/smartscheduler/prod") in real.changed_resources()
        assert real.changed_actions().count(GENERATED_SECRET) == 5
        for name in secret_names("prod").values():
            secret = secretsmanager.describe_secret(SecretId=name)
            assert {tag["Key"]: tag["Value"] for tag in secret["Tags"]}["CostCenter"] == "platform", name
        assert secrets_snapshot(secretsmanager, "prod") == before


class TestSecretsRoleAloneInDev:
    def test_dev_key_has_its_own_alias_and_no_rotation(self, secrets_alone_dev, emulator_server):
        kms, key = kms_key(emulator_server, "dev")
        _, prod_key = kms_key(emulator_server, "prod")
        assert key["KeyId"] != prod_key["KeyId"]
        assert kms.get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"] is False
        secretsmanager = emulator_server.client("secretsmanager")
        for name in secret_names("dev").values():
            assert secretsmanager.describe_secret(SecretId=name)["KmsKeyId"] == key["Arn"]

    def test_readers_get_a_policy_on_every_secret_and_losing_them_removes_it(self, secrets_alone_dev, emulator_server):
        secretsmanager = emulator_server.client("secretsmanager")
        before = secrets_snapshot(secretsmanager, "dev")

        run = run_playbook(
            PLAYBOOK, DEV, emulator_server.env, extra_vars={"secrets_reader_principal_arns": [READER, DEPLOYER]}
        )
        assert not run.failed, run.outcome()
        for name in secret_names("dev").values():
            policy = json.loads(secretsmanager.get_resource_policy(SecretId=name)["ResourcePolicy"])
            (statement,) = policy["Statement"]
            assert statement["Effect"] == "Allow"
            assert statement["Principal"] == {"AWS": [READER, DEPLOYER]}
            assert set(statement["Action"]) == {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}

        again = run_playbook(
            PLAYBOOK, DEV, emulator_server.env, extra_vars={"secrets_reader_principal_arns": [READER, DEPLOYER]}
        )
        assert again.changed_resources() == []

        emptied = run_playbook(PLAYBOOK, DEV, emulator_server.env)
        assert not emptied.failed, emptied.outcome()
        for name in secret_names("dev").values():
            assert secretsmanager.get_resource_policy(SecretId=name).get("ResourcePolicy") is None, name
        assert secrets_snapshot(secretsmanager, "dev") == before


def test_a_verbose_run_never_prints_a_generated_value(secrets_alone, emulator_server):
    """Creating the local environment's secrets with -vvv, then re-running: no value in any output."""
    first = run_playbook(PLAYBOOK, LOCAL, emulator_server.env, verbosity=3, json_report=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr
    second = run_playbook(PLAYBOOK, LOCAL, emulator_server.env, verbosity=3, diff=True, json_report=False)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr
    values = secrets_snapshot(emulator_server.client("secretsmanager"), "local")
    credentials = json.loads(values["db-credentials"][0])
    generated = [credentials["password"], values["jwt-signing-key"][0]]
    assert "smartscheduler/db/local/credentials" in first.stdout
    for run in (first, second):
        for value in generated:
            assert value not in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        # Mistakes that the role's checks find together: one run names every one of them.
        pytest.param(
            {
                "secrets_db_username": "postgres",
                "secrets_name_pattern": "{app}/{service}/{env}",
                "secrets_db_password_exclude_characters": '/" ',
                "secrets_db_password_length": 16,
                "secrets_reader_principal_arns": ["smartscheduler-runtime"],
                "secrets_kms_key_alias": "alias/aws/prod",
            },
            [
                "secrets_db_username",
                "postgres",
                "RDS.25",
                "secrets_name_pattern",
                "{key}",
                "secrets_db_password_exclude_characters",
                '"@"',
                "secrets_db_password_length must be 32 to 128",
                "secrets_reader_principal_arns",
                "smartscheduler-runtime",
                "secrets_kms_key_alias",
                "alias/aws/",
            ],
            id="together",
        ),
        pytest.param(
            {"secrets_db_username": "9admin"}, ["secrets_db_username", "starting with a letter"], id="pattern"
        ),
        # A type the argument specs refuse, before the role's own checks.
        pytest.param({"secrets_kms_key_rotation": "sometimes"}, ["secrets_kms_key_rotation"], id="type"),
    ],
)
def test_bad_input_fails_before_any_request_naming_the_variable(secrets_alone, emulator_server, overrides, fragments):
    emulator_server.clear_requests()
    run = run_playbook(PLAYBOOK, PROD, emulator_server.env, extra_vars=overrides)
    assert run.failed, "the run should have failed"
    message = run.failure_messages()
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator_server.requests()["total"] == 0, emulator_server.requests()["by_service"]
