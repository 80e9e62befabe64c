"""A secret compared as appstack.aws.secretsmanager_generated_secret compares it, from one read."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.secretsmanager_secret_drift import (
    FilterModule,
    secretsmanager_secret_drift,
)

NAME = "smartscheduler/app/prod/jwt-signing-key"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
        }
    ],
}
WANTED = {
    "description": "JWT signing key",
    "kms_key_id": KEY,
    "resource_policy": None,
    "purge_resource_policy": True,
    "tags": {"Environment": "prod", "ManagedBy": "appstack.aws"},
    "purge_tags": True,
}


def read(**changes):
    secret = {
        "name": NAME,
        "arn": f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{NAME}-AbCdEf",
        "description": "JWT signing key",
        "kms_key_id": KEY,
        "resource_policy": None,
        "tags": {"Environment": "prod", "ManagedBy": "appstack.aws", "aws:cloudformation:stack-id": "x"},
    }
    secret.update(changes)
    return [{"name": "other", "tags": {}}, secret]


def test_a_secret_as_asked_has_no_drift():
    assert secretsmanager_secret_drift(read(), NAME, WANTED) == []
    assert secretsmanager_secret_drift(read(kms_key_id=KEY.split("/")[-1]), NAME, WANTED) == []


def test_a_policy_as_asked_has_no_drift_whatever_its_form():
    wanted = {**WANTED, "resource_policy": POLICY, "purge_resource_policy": False}
    assert secretsmanager_secret_drift(read(resource_policy=POLICY), NAME, wanted) == []
    as_json = {
        **wanted,
        "resource_policy": '{"Version": "2012-10-17", "Statement": ' + str(POLICY["Statement"]).replace("'", '"') + "}",
    }
    assert secretsmanager_secret_drift(read(resource_policy=POLICY), NAME, as_json) == []


@pytest.mark.parametrize(
    "changes, wanted, words",
    [
        ({"name": "x", "arn": "y"}, {}, "does not exist"),
        ({"deleted_date": "2026-12-01"}, {}, "scheduled for deletion"),
        ({"description": "old"}, {}, "description differs"),
        ({"kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/other"}, {}, "the KMS key is"),
        ({"resource_policy": POLICY}, {}, "resource policy differs"),
        ({}, {"resource_policy": POLICY, "purge_resource_policy": False}, "resource policy differs"),
        (
            {"resource_policy": {**POLICY, "Statement": []}},
            {"resource_policy": POLICY, "purge_resource_policy": False},
            "resource policy differs",
        ),
        ({"tags": {"Environment": "prod"}}, {}, "tags to set ['ManagedBy']"),
        ({"tags": {**WANTED["tags"], "Owner": "x"}}, {}, "to remove ['Owner']"),
    ],
)
def test_each_difference_is_named(changes, wanted, words):
    found = secretsmanager_secret_drift(read(**changes), NAME, {**WANTED, **wanted})
    assert len(found) == 1
    assert words in found[0]


def test_options_left_out_are_not_compared():
    assert (
        secretsmanager_secret_drift(
            read(description="x", kms_key_id=None, resource_policy=POLICY), NAME, {"tags": None}
        )
        == []
    )


def test_the_filter_is_registered():
    assert FilterModule().filters()["secretsmanager_secret_drift"] is secretsmanager_secret_drift
