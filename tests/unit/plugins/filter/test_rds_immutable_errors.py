"""Settings RDS cannot change in place are refused before any write, with the way out."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.rds_immutable_errors import (
    FilterModule,
    rds_immutable_errors,
    same_kms_key,
)

KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/99999999-8888-7777-6666-555555555555"
INSTANCE = {"engine": "postgres", "kms_key_id": KEY, "engine_version": "16.6"}


def test_nothing_to_refuse_when_the_instance_matches():
    assert rds_immutable_errors(INSTANCE, "app-prod", kms_key_arn=KEY, proxy={"engine_family": "POSTGRESQL"}) == []


def test_nothing_to_refuse_when_there_is_no_instance_nor_proxy():
    assert rds_immutable_errors({}, "app-prod", kms_key_arn=KEY, proxy={}) == []
    assert rds_immutable_errors(None, "app-prod") == []


def test_another_engine_is_refused_with_the_migration_path():
    (message,) = rds_immutable_errors({**INSTANCE, "engine": "mysql"}, "app-prod")
    assert "the engine of app-prod is mysql and the rds role requests postgres" in message
    assert "new rds_instance_identifier" in message


def test_another_storage_key_is_refused_naming_both_keys_and_the_snapshot_path():
    (message,) = rds_immutable_errors(INSTANCE, "app-prod", kms_key_arn=OTHER_KEY)
    assert message.startswith(f"rds_kms_key_arn is {OTHER_KEY} but the storage of app-prod is encrypted with {KEY}")
    assert "copy-db-snapshot --kms-key-id" in message
    assert f"keep rds_kms_key_arn {KEY}" in message


def test_the_key_is_not_compared_when_the_requested_key_is_unknown():
    assert rds_immutable_errors(INSTANCE, "app-prod", kms_key_arn=None) == []
    assert rds_immutable_errors(INSTANCE, "app-prod", kms_key_arn="") == []


@pytest.mark.parametrize(
    ("current", "requested", "same"),
    [
        pytest.param(KEY, KEY, True, id="same-arn"),
        pytest.param(KEY, OTHER_KEY, False, id="other-arn"),
        pytest.param("11111111-2222-3333-4444-555555555555", KEY, True, id="key-id-against-its-arn"),
        pytest.param(KEY, "11111111-2222-3333-4444-555555555555", True, id="arn-against-its-key-id"),
        pytest.param(KEY.replace("us-east-1", "eu-west-1"), KEY, False, id="same-id-other-region"),
    ],
)
def test_kms_keys_are_compared_arn_with_arn(current, requested, same):
    assert same_kms_key(current, requested) is same


def test_a_proxy_of_another_engine_family_is_refused_with_the_way_out():
    proxy = {"db_proxy_name": "app-prod", "engine_family": "MYSQL"}
    (message,) = rds_immutable_errors(INSTANCE, "app-prod", proxy=proxy)
    assert "rds_proxy_enabled is true but the proxy app-prod exists with engine family MYSQL" in message
    assert "aws rds delete-db-proxy --db-proxy-name app-prod" in message


def test_every_problem_is_reported_at_once():
    errors = rds_immutable_errors(
        {**INSTANCE, "engine": "mysql"}, "app-prod", kms_key_arn=OTHER_KEY, proxy={"engine_family": "SQLSERVER"}
    )
    assert len(errors) == 3


def test_the_filter_is_registered():
    assert FilterModule().filters()["rds_immutable_errors"] is rds_immutable_errors
