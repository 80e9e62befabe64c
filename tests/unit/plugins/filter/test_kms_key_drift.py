"""A KMS key compared as amazon.aws.kms_key compares it, from one read."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.filter.kms_key_drift import FilterModule, kms_key_drift

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Admin",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "Use",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": ["kms:Encrypt", "kms:Decrypt"],
            "Resource": "*",
        },
    ],
}
WANTED = {
    "alias": "alias/smartscheduler-prod",
    "description": "Encrypts prod",
    "enabled": True,
    "enable_key_rotation": True,
    "policy": json.dumps(POLICY),
    "tags": {"Environment": "prod", "ManagedBy": "appstack.aws"},
}


def key(**changes):
    read = {
        "key_arn": "arn:aws:kms:us-east-1:123456789012:key/k",
        "key_state": "Enabled",
        "description": "Encrypts prod",
        "enable_key_rotation": True,
        "key_policies": [POLICY],
        "tags": {"Environment": "prod", "ManagedBy": "appstack.aws", "aws:cloudformation:stack-id": "x"},
    }
    read.update(changes)
    return [read]


def test_a_key_as_asked_has_no_drift_whatever_the_order_of_its_policy():
    reordered = {**POLICY, "Statement": list(reversed(POLICY["Statement"]))}
    reordered["Statement"][0] = {**reordered["Statement"][0], "Action": ["kms:Decrypt", "kms:Encrypt"]}
    assert kms_key_drift(key(), WANTED) == []
    assert kms_key_drift(key(key_policies=[reordered]), WANTED) == []


def test_a_missing_key_is_a_difference():
    assert kms_key_drift([], WANTED) == ["the KMS key alias/smartscheduler-prod does not exist"]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"key_state": "Disabled"}, "is Disabled, the inventory asks for Enabled"),
        ({"key_state": "PendingDeletion"}, "is PendingDeletion"),
        ({"description": "old"}, "description is 'old'"),
        ({"enable_key_rotation": False}, "enable_key_rotation is False"),
        ({"key_policies": [{**POLICY, "Statement": POLICY["Statement"][:1]}]}, "key policy differs"),
        ({"tags": {"Environment": "prod"}}, "tags are"),
        ({"tags": {**WANTED["tags"], "Owner": "x"}}, "tags are"),
    ],
)
def test_each_difference_is_named(changes, words):
    (found,) = kms_key_drift(key(**changes), WANTED)
    assert words in found


def test_options_left_out_are_not_compared_and_a_dict_policy_works():
    assert kms_key_drift(key(description="other", tags={}), {"alias": "a", "policy": POLICY}) == []


def test_the_filter_is_registered():
    assert FilterModule().filters()["kms_key_drift"] is kms_key_drift
