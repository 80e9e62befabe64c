"""Unit tests for appstack.aws.secretsmanager_generated_secret (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues no GetSecretValue, PutSecretValue or
UpdateSecret-with-a-value proves the module never reads or rewrites an existing value.
"""

import json

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.secretsmanager import (
    AnsibleSecretsManagerError,
    get_secret,
    list_secrets,
    wait_for_secret,
)
from ansible_collections.appstack.aws.plugins.modules import secretsmanager_generated_secret as module
from botocore.stub import ANY

NAME = "smartscheduler/db/test/credentials"
ARN = f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{NAME}-AbCdEf"
KEY_A = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
KEY_B = "arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"
VERSION = "11111111-2222-3333-4444-555555555555"
PASSWORD = "s3cr3t-Generated-Value-0123456789"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:role/runtime"},
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
        }
    ],
}


def described(tags=None, **extra):
    secret = {
        "ARN": ARN,
        "Name": NAME,
        "Description": "creds",
        "KmsKeyId": KEY_A,
        "VersionIdsToStages": {VERSION: ["AWSCURRENT"], "99999999-8888-7777-6666-555555555555": ["AWSPREVIOUS"]},
        "Tags": [{"Key": k, "Value": v} for k, v in (tags or {"Env": "test"}).items()],
    }
    secret.update(extra)
    return secret


def queue_get_secret(stubber, secret=None, policy=None, secret_id=NAME):
    if secret is None:
        stubber.add_client_error(
            "describe_secret", "ResourceNotFoundException", expected_params={"SecretId": secret_id}
        )
        return
    stubber.add_response("describe_secret", secret, {"SecretId": secret_id})
    answer = {"ARN": ARN, "Name": NAME}
    if policy:
        answer["ResourcePolicy"] = json.dumps(policy)
    stubber.add_response("get_resource_policy", answer, {"SecretId": ARN})


def args(**overrides):
    values = {"name": NAME, "description": "creds", "kms_key_id": KEY_A, "tags": {"Env": "test"}, "wait": False}
    values.update(overrides)
    return values


GENERATE = {"length": 32, "exclude_characters": '/@" ', "json_keys": ["password"], "json_values": {"username": "app"}}


# Reading


def test_get_secret_returns_metadata_the_current_version_and_the_policy(secretsmanager):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described(), POLICY)

    secret = get_secret(client, NAME)

    assert secret["arn"] == ARN
    assert secret["version_id"] == VERSION
    assert secret["tags"] == {"Env": "test"}
    assert secret["kms_key_id"] == KEY_A
    assert secret["resource_policy"] == POLICY


def test_get_secret_of_a_missing_secret_is_none(secretsmanager):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)
    assert get_secret(client, NAME) is None


def test_list_secrets_keeps_the_exact_name_only(secretsmanager):
    client, stubber = secretsmanager
    stubber.add_response(
        "list_secrets",
        {"SecretList": [{"ARN": ARN, "Name": NAME}, {"ARN": ARN + "x", "Name": NAME + "-old"}]},
        {"IncludePlannedDeletion": True, "Filters": [{"Key": "name", "Values": [NAME]}]},
    )
    assert [secret["Name"] for secret in list_secrets(client, NAME)] == [NAME]


# Creating


def test_create_generates_a_json_value_and_sets_key_tags_and_policy(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)
    stubber.add_response(
        "get_random_password",
        {"RandomPassword": PASSWORD},
        {
            "PasswordLength": 32,
            "ExcludeCharacters": '/@" ',
            "ExcludePunctuation": False,
            "RequireEachIncludedType": True,
        },
    )
    stubber.add_response(
        "create_secret",
        {"ARN": ARN, "Name": NAME, "VersionId": VERSION},
        {
            "Name": NAME,
            "SecretString": json.dumps({"username": "app", "password": PASSWORD}),
            "Description": "creds",
            "KmsKeyId": KEY_A,
            "Tags": [{"Key": "Env", "Value": "test"}],
        },
    )
    stubber.add_response(
        "put_resource_policy",
        {"ARN": ARN, "Name": NAME},
        {"SecretId": ARN, "ResourcePolicy": ANY, "BlockPublicPolicy": True},
    )

    code, result = run_module(module, args(generate=GENERATE, resource_policy=POLICY), client)

    assert code == 0
    assert result["changed"] is True
    assert PASSWORD not in json.dumps(result)
    assert result["diff"]["before"] == {}
    assert result["secret"]["resource_policy"] == POLICY


def test_create_with_a_placeholder_writes_the_marker_and_generates_nothing(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)
    stubber.add_response(
        "create_secret",
        {"ARN": ARN, "Name": NAME, "VersionId": VERSION},
        {"Name": NAME, "SecretString": "REPLACE_ME", "Description": "creds", "KmsKeyId": KEY_A, "Tags": ANY},
    )

    code, result = run_module(module, args(secret_string="REPLACE_ME"), client)

    assert code == 0 and result["changed"] is True


def test_create_of_a_plain_value_is_one_generated_string(secretsmanager):
    client, stubber = secretsmanager
    stubber.add_response(
        "get_random_password",
        {"RandomPassword": PASSWORD},
        {"PasswordLength": 64, "ExcludePunctuation": True, "RequireEachIncludedType": True},
    )
    params = {
        "secret_string": None,
        "generate": {"length": 64, "exclude_characters": "", "exclude_punctuation": True, "json_keys": None},
    }
    assert module.initial_value(client, params) == PASSWORD


def test_check_mode_on_a_missing_secret_predicts_it_and_makes_no_call_but_the_read(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)

    code, result = run_module(module, args(generate=GENERATE, _ansible_check_mode=True), client)

    assert code == 0
    assert result["changed"] is True
    assert result["secret"] == {
        "name": NAME,
        "description": "creds",
        "kms_key_id": KEY_A,
        "tags": {"Env": "test"},
        "resource_policy": None,
    }


# An existing secret


def test_existing_secret_is_left_alone_and_its_value_never_read(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(generate=GENERATE), client)

    assert code == 0
    assert result["changed"] is False
    assert "diff" not in result
    assert result["secret"]["version_id"] == VERSION


def test_placeholder_filled_in_by_a_person_is_not_overwritten(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(secret_string="REPLACE_ME"), client)

    assert code == 0 and result["changed"] is False


def test_tags_description_and_key_change_without_a_new_version(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described(tags={"Env": "test", "Old": "x"}))
    stubber.add_response(
        "update_secret", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN, "Description": "new", "KmsKeyId": KEY_B}
    )
    stubber.add_response("untag_resource", {}, {"SecretId": ARN, "TagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"SecretId": ARN, "Tags": [{"Key": "Env", "Value": "prod"}]})
    queue_get_secret(stubber, described(tags={"Env": "prod"}, Description="new", KmsKeyId=KEY_B))

    code, result = run_module(
        module, args(generate=GENERATE, description="new", kms_key_id=KEY_B, tags={"Env": "prod"}), client
    )

    assert code == 0
    assert result["changed"] is True
    assert result["diff"]["before"]["tags"] == {"Env": "test", "Old": "x"}
    assert result["diff"]["after"]["tags"] == {"Env": "prod"}
    assert result["secret"]["version_id"] == VERSION


def test_check_mode_predicts_a_tag_change_without_writing(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(generate=GENERATE, tags={"Env": "prod"}, _ansible_check_mode=True), client)

    assert code == 0
    assert result["changed"] is True
    assert result["secret"]["tags"] == {"Env": "prod"}


def test_key_given_as_its_id_matches_the_key_arn(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())

    code, result = run_module(
        module, args(generate=GENERATE, kms_key_id="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"), client
    )

    assert code == 0 and result["changed"] is False


def test_policy_is_compared_as_a_policy(secretsmanager, run_module):
    client, stubber = secretsmanager
    reordered = json.loads(json.dumps(POLICY))
    reordered["Statement"][0]["Action"] = ["secretsmanager:GetSecretValue"]
    queue_get_secret(stubber, described(), POLICY)

    code, result = run_module(module, args(generate=GENERATE, resource_policy=reordered), client)

    assert code == 0 and result["changed"] is False


def test_purge_resource_policy_removes_an_attached_policy(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described(), POLICY)
    stubber.add_response("delete_resource_policy", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN})
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(generate=GENERATE, purge_resource_policy=True), client)

    assert code == 0
    assert result["changed"] is True
    assert result["secret"]["resource_policy"] is None


def test_purge_resource_policy_without_a_policy_changes_nothing(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(generate=GENERATE, purge_resource_policy=True), client)

    assert code == 0 and result["changed"] is False


def test_a_secret_scheduled_for_deletion_is_restored(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described(DeletedDate="2026-01-01T00:00:00Z"))
    stubber.add_response("restore_secret", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN})
    queue_get_secret(stubber, described())

    code, result = run_module(module, args(generate=GENERATE), client)

    assert code == 0 and result["changed"] is True
    assert "deleted_date" not in result["secret"]


# Deleting


def test_absent_schedules_the_deletion(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())
    stubber.add_response("delete_secret", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN, "RecoveryWindowInDays": 7})

    code, result = run_module(module, {"name": NAME, "state": "absent", "recovery_window": 7}, client)

    assert code == 0 and result["changed"] is True


def test_absent_with_no_recovery_deletes_at_once(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, described())
    stubber.add_response(
        "delete_secret", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN, "ForceDeleteWithoutRecovery": True}
    )

    code, result = run_module(module, {"name": NAME, "state": "absent", "recovery_window": 0}, client)

    assert code == 0 and result["changed"] is True


def test_absent_on_a_missing_secret_changes_nothing(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)

    code, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert code == 0 and result["changed"] is False


# Errors and bad input


def test_an_api_error_fails_with_a_message_not_a_traceback(secretsmanager, run_module):
    client, stubber = secretsmanager
    queue_get_secret(stubber, None)
    stubber.add_response("get_random_password", {"RandomPassword": PASSWORD})
    stubber.add_client_error("create_secret", "AccessDeniedException", "not allowed")

    code, result = run_module(module, args(generate=GENERATE), client)

    assert code == 1
    assert "Failed to create secret" in result["msg"]
    assert PASSWORD not in json.dumps(result)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({}, "needs secret_string or generate"),
        ({"generate": {"length": 5000}}, "generate.length must be 1 to 4096"),
        ({"generate": {"json_values": {"username": "x"}}}, "generate.json_values needs generate.json_keys"),
        (
            {"secret_string": "REPLACE_ME", "resource_policy": POLICY, "purge_resource_policy": True},
            "mutually exclusive",
        ),
        ({"secret_string": "REPLACE_ME", "resource_policy": "{not json"}, "resource_policy is not valid JSON"),
        ({"secret_string": "REPLACE_ME", "generate": {}}, "mutually exclusive"),
    ],
)
def test_bad_input_fails_before_any_client_is_created(run_module, bad, message):
    code, result = run_module(module, {"name": NAME, **bad}, None)
    assert code == 1
    assert message in result["msg"]


def test_bad_recovery_window_fails_before_any_client_is_created(run_module):
    code, result = run_module(module, {"name": NAME, "state": "absent", "recovery_window": 3}, None)
    assert code == 1
    assert "recovery_window must be 0 or 7 to 30" in result["msg"]


# Validating the options: one test per rule


def options(**overrides):
    """The options as AnsibleModule hands them to validate(), with their defaults."""
    values = dict(
        name=NAME,
        state="present",
        secret_string="REPLACE_ME",
        generate=None,
        resource_policy=None,
        purge_resource_policy=False,
        recovery_window=30,
        wait=True,
        wait_timeout=60,
    )
    values.update(overrides)
    return values


GENERATED = {
    "length": 32,
    "exclude_characters": "",
    "exclude_punctuation": False,
    "json_keys": None,
    "json_values": None,
}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"secret_string": None},
            "state=present needs secret_string or generate: the value a new secret is created with.",
        ),
        (
            {"secret_string": None, "generate": {**GENERATED, "length": 0}},
            "generate.length must be 1 to 4096, got 0.",
        ),
        (
            {"secret_string": None, "generate": {**GENERATED, "json_values": {"username": "app"}}},
            "generate.json_values needs generate.json_keys: the generated keys of the JSON object.",
        ),
        ({"state": "absent", "recovery_window": 31}, "recovery_window must be 0 or 7 to 30, got 31."),
        (
            {"resource_policy": json.dumps(POLICY), "purge_resource_policy": True},
            "resource_policy and purge_resource_policy=true are mutually exclusive.",
        ),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0, not 0."),
    ],
    ids=["no-value", "length", "json-values-without-keys", "recovery-window", "policy-and-purge", "wait-timeout"],
)
def test_each_rule_is_explained(overrides, message):
    assert module.validate(options(**overrides)) == [message]


def test_a_policy_that_is_not_json_is_explained():
    (problem,) = module.validate(options(resource_policy="{not json"))

    assert problem.startswith("resource_policy is not valid JSON")


def test_valid_options_pass_and_validate_leaves_them_as_they_are():
    values = options(resource_policy=json.dumps(POLICY), recovery_window=0, state="absent", wait_timeout=1)

    assert module.validate(values) == []
    assert values["resource_policy"] == json.dumps(POLICY)


def test_every_problem_is_reported_at_once_before_any_client_is_created(run_module):
    bad = {"name": NAME, "generate": {"length": 0, "json_values": {"a": "b"}}, "wait_timeout": 0}

    code, result = run_module(module, bad, None)

    assert code == 1
    assert len(result["problems"]) == 3
    for words in ("generate.length", "generate.json_values", "wait_timeout"):
        assert words in result["msg"]


# Waiting for a new secret


def test_create_with_wait_waits_until_the_secret_is_described_then_reads_it(secretsmanager, run_module, monkeypatch):
    client, stubber = secretsmanager
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_get_secret(stubber, None)
    stubber.add_response(
        "create_secret",
        {"ARN": ARN, "Name": NAME, "VersionId": VERSION},
        {
            "Name": NAME,
            "SecretString": "REPLACE_ME",
            "Description": "creds",
            "KmsKeyId": KEY_A,
            "Tags": [{"Key": "Env", "Value": "test"}],
        },
    )
    queue_get_secret(stubber, None, secret_id=ARN)
    stubber.add_response("describe_secret", described(), {"SecretId": ARN})
    queue_get_secret(stubber, described(), secret_id=ARN)

    code, result = run_module(module, args(secret_string="REPLACE_ME", wait=True), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["secret"]["arn"] == ARN
    assert result["secret"]["version_id"] == VERSION


def test_a_secret_still_missing_after_wait_timeout_fails_naming_it(secretsmanager, monkeypatch):
    client, stubber = secretsmanager
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    for _ in range(2):  # wait_timeout=1 polls twice, a second apart.
        queue_get_secret(stubber, None, secret_id=ARN)

    with pytest.raises(AnsibleSecretsManagerError) as error:
        wait_for_secret(client, ARN, 1)

    assert error.value.message == (
        f"Timed out after 1 seconds waiting for secret {ARN} to exist; its last status was ResourceNotFoundException"
    )
