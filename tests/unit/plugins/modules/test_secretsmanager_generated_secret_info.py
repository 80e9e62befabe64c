"""Unit tests for appstack.aws.secretsmanager_generated_secret_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import secretsmanager_generated_secret_info as module

NAME = "smartscheduler/app/test/jwt-signing-key"
ARN = f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{NAME}-AbCdEf"
VERSION = "11111111-2222-3333-4444-555555555555"


def described():
    return {"ARN": ARN, "Name": NAME, "VersionIdsToStages": {VERSION: ["AWSCURRENT"]}, "Tags": []}


def test_one_secret_by_name_is_described_without_its_value(secretsmanager, run_module):
    client, stubber = secretsmanager
    stubber.add_response("describe_secret", described(), {"SecretId": NAME})
    stubber.add_response("get_resource_policy", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN})

    code, result = run_module(module, {"name": NAME}, client)

    assert code == 0
    assert result["changed"] is False
    (secret,) = result["secrets"]
    assert secret["arn"] == ARN
    assert secret["version_id"] == VERSION
    assert secret["resource_policy"] is None
    assert secret["tags"] == {}


def test_a_missing_secret_gives_an_empty_list(secretsmanager, run_module):
    client, stubber = secretsmanager
    stubber.add_client_error("describe_secret", "ResourceNotFoundException", expected_params={"SecretId": NAME})

    code, result = run_module(module, {"name": NAME}, client)

    assert code == 0
    assert result["secrets"] == []


def test_without_a_name_every_secret_is_listed(secretsmanager, run_module):
    client, stubber = secretsmanager
    stubber.add_response("list_secrets", {"SecretList": [{"ARN": ARN, "Name": NAME}]}, {"IncludePlannedDeletion": True})
    stubber.add_response("describe_secret", described(), {"SecretId": ARN})
    stubber.add_response("get_resource_policy", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN})

    code, result = run_module(module, {}, client)

    assert code == 0
    assert [secret["name"] for secret in result["secrets"]] == [NAME]


def test_an_api_error_fails_with_a_message(secretsmanager, run_module):
    client, stubber = secretsmanager
    stubber.add_client_error("describe_secret", "AccessDeniedException", "no", expected_params={"SecretId": NAME})

    code, result = run_module(module, {"name": NAME}, client)

    assert code == 1
    assert "Failed to describe secret" in result["msg"]


def test_several_secrets_by_name_in_one_run_leave_out_the_missing_ones(secretsmanager, run_module):
    client, stubber = secretsmanager
    stubber.add_response("describe_secret", described(), {"SecretId": NAME})
    stubber.add_response("get_resource_policy", {"ARN": ARN, "Name": NAME}, {"SecretId": ARN})
    stubber.add_client_error("describe_secret", "ResourceNotFoundException", expected_params={"SecretId": "missing"})

    code, result = run_module(module, {"names": [NAME, "missing"]}, client)

    assert code == 0
    assert [secret["arn"] for secret in result["secrets"]] == [ARN]
    stubber.assert_no_pending_responses()


def test_name_and_names_together_are_refused_before_any_call(secretsmanager, run_module):
    client, stubber = secretsmanager

    code, result = run_module(module, {"name": NAME, "names": [NAME]}, client)

    assert code == 1
    assert "mutually exclusive" in result["msg"]
    stubber.assert_no_pending_responses()
