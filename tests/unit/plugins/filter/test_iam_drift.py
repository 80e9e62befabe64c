"""IAM roles and managed policies compared as amazon.aws.iam_role and iam_managed_policy compare them."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.filter.iam_managed_policy_drift import (
    FilterModule as PolicyFilters,
)
from ansible_collections.appstack.aws.plugins.filter.iam_managed_policy_drift import iam_managed_policy_drift
from ansible_collections.appstack.aws.plugins.filter.iam_role_drift import FilterModule as RoleFilters
from ansible_collections.appstack.aws.plugins.filter.iam_role_drift import iam_role_drift

NAME = "smartscheduler-prod-vpc-flow-logs"
POLICY_ARN = f"arn:aws:iam::123456789012:policy/{NAME}"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}
DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["logs:PutLogEvents", "logs:CreateLogStream"], "Resource": "*"}],
}
TAGS = {"Environment": "prod", "ManagedBy": "appstack.aws"}
ROLE_WANTED = {
    "name": NAME,
    "description": "Lets VPC Flow Logs write",
    "assume_role_policy_document": json.dumps(TRUST),
    "managed_policies": [POLICY_ARN],
    "purge_policies": True,
    "tags": TAGS,
    "purge_tags": True,
}
POLICY_WANTED = {"name": NAME, "policy": json.dumps(DOCUMENT), "tags": TAGS, "purge_tags": True}


def role(**changes):
    read = {
        "role_name": NAME,
        "description": "Lets VPC Flow Logs write",
        "max_session_duration": 3600,
        "assume_role_policy_document": TRUST,
        "attached_policy_arns": [POLICY_ARN],
        "tags": {**TAGS, "aws:cloudformation:stack-id": "x"},
    }
    read.update(changes)
    return [{"role_name": "other"}, read]


def policy(**changes):
    read = {"policy_name": NAME, "arn": POLICY_ARN, "description": "anything", "document": DOCUMENT, "tags": dict(TAGS)}
    read.update(changes)
    return [read]


def test_a_role_and_a_policy_as_asked_have_no_drift_whatever_the_order_inside_their_documents():
    reordered = {
        **DOCUMENT,
        "Statement": [{**DOCUMENT["Statement"][0], "Action": ["logs:CreateLogStream", "logs:PutLogEvents"]}],
    }
    assert iam_role_drift(role(), ROLE_WANTED) == []
    assert iam_managed_policy_drift(policy(document=reordered), POLICY_WANTED) == []


def test_missing_ones_are_differences():
    assert iam_role_drift([], ROLE_WANTED) == [f"the IAM role {NAME} does not exist"]
    assert iam_managed_policy_drift([], POLICY_WANTED) == [f"the IAM policy {NAME} does not exist"]


@pytest.mark.parametrize(
    "changes, wanted, words",
    [
        ({"assume_role_policy_document": {**TRUST, "Statement": []}}, {}, "trust policy differs"),
        ({"description": "old"}, {}, "description is 'old'"),
        ({}, {"max_session_duration": "7200"}, "max_session_duration is 3600"),
        ({"attached_policy_arns": []}, {}, f"policies to attach ['{POLICY_ARN}']"),
        (
            {"attached_policy_arns": [POLICY_ARN, "arn:aws:iam::aws:policy/x"]},
            {},
            "to detach ['arn:aws:iam::aws:policy/x']",
        ),
        ({"tags": {"Environment": "prod"}}, {}, "tags to set ['ManagedBy']"),
        ({"tags": {**TAGS, "Owner": "x"}}, {}, "to remove ['Owner']"),
    ],
)
def test_each_role_difference_is_named(changes, wanted, words):
    (found,) = iam_role_drift(role(**changes), {**ROLE_WANTED, **wanted})
    assert words in found


def test_without_purge_an_extra_policy_is_not_a_difference():
    extra = role(attached_policy_arns=[POLICY_ARN, "arn:aws:iam::aws:policy/x"])
    assert iam_role_drift(extra, {**ROLE_WANTED, "purge_policies": False}) == []


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"document": {**DOCUMENT, "Statement": []}}, "document differs"),
        ({"tags": {}}, "tags to set"),
        ({"tags": {**TAGS, "Owner": "x"}}, "to remove ['Owner']"),
    ],
)
def test_each_policy_difference_is_named(changes, words):
    (found,) = iam_managed_policy_drift(policy(**changes), POLICY_WANTED)
    assert words in found


def test_the_filters_are_registered():
    assert RoleFilters().filters()["iam_role_drift"] is iam_role_drift
    assert PolicyFilters().filters()["iam_managed_policy_drift"] is iam_managed_policy_drift
