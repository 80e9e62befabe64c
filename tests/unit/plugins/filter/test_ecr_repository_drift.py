"""An ECR repository compared with appstack.aws.ecr_repository's own planning, from one read of it."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.filter.ecr_immutable_errors import FilterModule as ImmutableFilters
from ansible_collections.appstack.aws.plugins.filter.ecr_immutable_errors import ecr_immutable_errors
from ansible_collections.appstack.aws.plugins.filter.ecr_repository_drift import FilterModule as DriftFilters
from ansible_collections.appstack.aws.plugins.filter.ecr_repository_drift import ecr_repository_drift

NAME = "smartscheduler/web"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
UNTAGGED_RULE = {
    "rulePriority": 1,
    "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
    "action": {"type": "expire"},
}
TAGGED_RULE = {
    "rulePriority": 2,
    "selection": {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "imageCountMoreThan", "countNumber": 30},
    "action": {"type": "expire"},
}
LIFECYCLE = {"rules": [UNTAGGED_RULE, TAGGED_RULE]}
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Pull",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        }
    ],
}
TAGS = {"Environment": "prod"}
ASKED = {
    "name": NAME,
    "image_tag_mutability": "IMMUTABLE",
    "scan_on_push": True,
    "encryption_type": "KMS",
    "kms_key": KEY,
    "lifecycle_policy": LIFECYCLE,
    "policy": json.dumps(POLICY),
    "tags": TAGS,
}


def read(**changes):
    """The repository ASKED describes, as appstack.aws.ecr_repository_info returns it."""
    repository = {
        "repository_name": NAME,
        "repository_arn": f"arn:aws:ecr:us-east-1:123456789012:repository/{NAME}",
        "image_tag_mutability": "IMMUTABLE",
        "image_scanning_configuration": {"scan_on_push": True},
        "encryption_configuration": {"encryption_type": "KMS", "kms_key": KEY},
        "lifecycle_policy": LIFECYCLE,
        "policy": POLICY,
        "tags": dict(TAGS),
    }
    repository.update(changes)
    return repository


def test_a_repository_as_asked_has_no_difference():
    assert ecr_repository_drift(read(), ASKED) == []


def test_options_left_out_are_not_compared():
    assert (
        ecr_repository_drift(read(image_tag_mutability="MUTABLE", policy=None, tags={"Other": "x"}), {"name": NAME})
        == []
    )


@pytest.mark.parametrize("repository", [None, {}], ids=["none", "empty"])
def test_a_missing_repository_is_one_difference(repository):
    assert ecr_repository_drift(repository, ASKED) == [f"repository {NAME} does not exist"]


def test_booleans_given_as_text_compare_as_the_module_converts_them():
    assert ecr_repository_drift(read(), {**ASKED, "scan_on_push": "true", "purge_tags": "yes"}) == []
    assert ecr_repository_drift(read(), {**ASKED, "scan_on_push": "false"}) == [
        f"repository {NAME}: scan_on_push is True, not False"
    ]


def test_a_lifecycle_policy_in_another_key_and_rule_order_as_text_has_no_difference():
    reordered = {"rules": [dict(reversed(list(TAGGED_RULE.items()))), dict(reversed(list(UNTAGGED_RULE.items())))]}

    assert ecr_repository_drift(read(), {**ASKED, "lifecycle_policy": json.dumps(reordered)}) == []


def test_a_policy_in_another_order_has_no_difference():
    statement = {**POLICY["Statement"][0], "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]}

    assert ecr_repository_drift(read(), {**ASKED, "policy": {"Statement": [statement], "Version": "2012-10-17"}}) == []


@pytest.mark.parametrize(
    ("current", "asked", "difference"),
    [
        ({"image_tag_mutability": "MUTABLE"}, {}, "image_tag_mutability is MUTABLE, not IMMUTABLE"),
        ({"image_scanning_configuration": {"scan_on_push": False}}, {}, "scan_on_push is False, not True"),
        (
            {"lifecycle_policy": {"rules": [UNTAGGED_RULE]}},
            {},
            "the lifecycle policy differs from the one asked for",
        ),
        ({"lifecycle_policy": None}, {}, "there is no lifecycle policy, one is asked for"),
        ({}, {"lifecycle_policy": None, "purge_lifecycle_policy": True}, "the lifecycle policy is to be deleted"),
        ({"policy": {**POLICY, "Statement": []}}, {}, "the repository policy differs from the one asked for"),
        ({"policy": None}, {}, "there is no repository policy, one is asked for"),
        ({}, {"policy": None, "purge_policy": "true"}, "the repository policy is to be deleted"),
        ({"tags": {**TAGS, "Old": "x"}}, {}, "tags to set [], to remove ['Old']"),
        ({"tags": {}}, {}, "tags to set ['Environment'], to remove []"),
        (
            {"encryption_configuration": {"encryption_type": "AES256", "kms_key": None}},
            {},
            "encryption_type is AES256, not KMS",
        ),
        (
            {"encryption_configuration": {"encryption_type": "KMS", "kms_key": OTHER_KEY}},
            {},
            f"kms_key is {OTHER_KEY}, not {KEY}",
        ),
    ],
    ids=[
        "mutability",
        "scan-on-push",
        "lifecycle-policy",
        "no-lifecycle-policy",
        "purge-lifecycle-policy",
        "policy",
        "no-policy",
        "purge-policy",
        "tag-to-purge",
        "tag-to-set",
        "encryption-type",
        "kms-key",
    ],
)
def test_each_difference_is_one_sentence_naming_the_repository(current, asked, difference):
    assert ecr_repository_drift(read(**current), {**ASKED, **asked}) == [f"repository {NAME}: {difference}"]


def test_tags_not_purged_only_differ_when_one_is_missing():
    asked = {**ASKED, "purge_tags": False}

    assert ecr_repository_drift(read(tags={**TAGS, "Old": "x"}), asked) == []
    assert ecr_repository_drift(read(tags={"Old": "x"}), asked) == [
        f"repository {NAME}: tags to set ['Environment'], to remove []"
    ]


def test_the_filters_are_registered_under_their_names():
    assert DriftFilters().filters() == {"ecr_repository_drift": ecr_repository_drift}
    assert ImmutableFilters().filters() == {"ecr_immutable_errors": ecr_immutable_errors}


# ecr_immutable_errors


def test_the_same_encryption_or_none_asked_is_no_error():
    assert ecr_immutable_errors(read(), ASKED) == []
    assert ecr_immutable_errors(read(), {"name": NAME}) == []


def test_a_missing_repository_is_no_error_as_it_will_be_created():
    assert ecr_immutable_errors({}, ASKED) == []
    assert ecr_immutable_errors(None, ASKED) == []


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        ({"encryption_type": "AES256", "kms_key": None}, "encryption_type is KMS, not AES256"),
        ({"kms_key": OTHER_KEY}, f"kms_key is {KEY}, not {OTHER_KEY}"),
    ],
    ids=["type", "key"],
)
def test_an_encryption_change_is_the_modules_own_message(asked, words):
    (message,) = ecr_immutable_errors(read(), {**ASKED, **asked})

    assert message.startswith(f"ECR repository {NAME} can't be changed in place: {words}.")
    assert "ECR can't change the encryption of a repository after it is created" in message
