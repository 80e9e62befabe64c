"""Unit tests for the ECR helpers: comparing, planning, checking the options, and reading (botocore Stubber)."""

import datetime
import json

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.module_utils import ecr, ecr_plan
from botocore.stub import Stubber

NAME = "smartscheduler/web"
ARN = f"arn:aws:ecr:us-east-1:123456789012:repository/{NAME}"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
UNTAGGED_RULE = {
    "rulePriority": 1,
    "description": "Expire untagged images after 14 days",
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


@pytest.fixture
def ecr_client():
    """(client, stubber) for ECR; the client is wrapped like module.client() wraps it."""
    client = botocore.session.get_session().create_client(
        "ecr", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(client)
    with stubber:
        yield RetryingBotoClientWrapper(client, AWSRetry.jittered_backoff()), stubber
        stubber.assert_no_pending_responses()


def repository(**overrides):
    """A repository as the modules return it."""
    read = {
        "repository_name": NAME,
        "repository_arn": ARN,
        "image_tag_mutability": "MUTABLE",
        "image_scanning_configuration": {"scan_on_push": False},
        "encryption_configuration": {"encryption_type": "AES256", "kms_key": None},
        "lifecycle_policy": None,
        "policy": None,
        "tags": {},
    }
    read.update(overrides)
    return read


def params(**overrides):
    """The module's options with their defaults."""
    values = {
        "name": NAME,
        "image_tag_mutability": None,
        "scan_on_push": None,
        "encryption_type": None,
        "kms_key": None,
        "lifecycle_policy": None,
        "purge_lifecycle_policy": False,
        "policy": None,
        "purge_policy": False,
        "tags": None,
        "purge_tags": True,
    }
    values.update(overrides)
    return values


# Lifecycle policies compare by meaning


def test_a_lifecycle_policy_equals_itself_whatever_the_order_of_its_keys_and_rules():
    reordered = {"rules": [dict(reversed(list(TAGGED_RULE.items()))), dict(reversed(list(UNTAGGED_RULE.items())))]}

    assert ecr_plan.lifecycle_policies_equal(LIFECYCLE, reordered)
    assert ecr_plan.lifecycle_policies_equal(json.dumps(LIFECYCLE), reordered)


def test_a_lifecycle_policy_with_another_count_differs():
    other = json.loads(json.dumps(LIFECYCLE))
    other["rules"][1]["selection"]["countNumber"] = 10

    assert not ecr_plan.lifecycle_policies_equal(LIFECYCLE, other)


def test_the_same_rules_under_other_priorities_differ():
    swapped = {"rules": [{**UNTAGGED_RULE, "rulePriority": 2}, {**TAGGED_RULE, "rulePriority": 1}]}

    assert not ecr_plan.lifecycle_policies_equal(LIFECYCLE, swapped)


def test_no_lifecycle_policy_differs_from_one():
    assert not ecr_plan.lifecycle_policies_equal(None, LIFECYCLE)
    assert ecr_plan.lifecycle_policies_equal(None, None)


# Repository policies compare as amazon.aws compares IAM policies


def test_a_policy_equals_itself_whatever_the_order_of_its_actions_and_as_text():
    reordered = {
        "Statement": [{**POLICY["Statement"][0], "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]}],
        "Version": "2012-10-17",
    }

    assert ecr_plan.policies_equal(json.dumps(POLICY, indent=2), reordered)


def test_a_policy_with_another_principal_differs():
    other = json.loads(json.dumps(POLICY))
    other["Statement"][0]["Principal"]["AWS"] = "arn:aws:iam::999999999999:root"

    assert not ecr_plan.policies_equal(POLICY, other)
    assert not ecr_plan.policies_equal(None, POLICY)
    assert ecr_plan.policies_equal(None, None)


# Planning


def test_nothing_asked_plans_nothing():
    current = repository(lifecycle_policy=LIFECYCLE, policy=POLICY, tags={"Environment": "prod"})

    assert ecr_plan.plan_changes(current, params()) == {}


def test_settings_as_they_are_plan_nothing():
    current = repository(image_tag_mutability="IMMUTABLE", lifecycle_policy=LIFECYCLE, policy=POLICY)
    asked = params(image_tag_mutability="IMMUTABLE", scan_on_push=False, lifecycle_policy=json.dumps(LIFECYCLE))

    assert ecr_plan.plan_changes(current, {**asked, "policy": json.dumps(POLICY)}) == {}


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ({"image_tag_mutability": "IMMUTABLE"}, {"image_tag_mutability": "IMMUTABLE"}),
        ({"scan_on_push": True}, {"scan_on_push": True}),
        ({"lifecycle_policy": json.dumps(LIFECYCLE)}, {"lifecycle_policy": LIFECYCLE}),
        ({"policy": json.dumps(POLICY)}, {"policy": POLICY}),
    ],
    ids=["mutability", "scan-on-push", "lifecycle-policy", "policy"],
)
def test_each_setting_that_differs_is_planned_alone(asked, expected):
    assert ecr_plan.plan_changes(repository(), params(**asked)) == expected


def test_purging_deletes_only_a_policy_that_exists():
    asked = params(purge_lifecycle_policy=True, purge_policy=True)

    assert ecr_plan.plan_changes(repository(lifecycle_policy=LIFECYCLE, policy=POLICY), asked) == {
        "lifecycle_policy": None,
        "policy": None,
    }
    assert ecr_plan.plan_changes(repository(), asked) == {}


def test_applied_changes_give_the_expected_repository():
    changes = {"image_tag_mutability": "IMMUTABLE", "scan_on_push": True, "lifecycle_policy": LIFECYCLE, "policy": None}

    after = ecr_plan.apply_changes(repository(policy=POLICY), changes)

    assert after["image_tag_mutability"] == "IMMUTABLE"
    assert after["image_scanning_configuration"] == {"scan_on_push": True}
    assert (after["lifecycle_policy"], after["policy"]) == (LIFECYCLE, None)


@pytest.mark.parametrize(
    ("current", "asked", "expected"),
    [
        ({}, {"encryption_type": "KMS", "kms_key": KEY}, ["encryption_type is AES256, not KMS"]),
        (
            {"encryption_type": "KMS", "kms_key": KEY},
            {"encryption_type": "AES256"},
            ["encryption_type is KMS, not AES256"],
        ),
        (
            {"encryption_type": "KMS", "kms_key": KEY},
            {"encryption_type": "KMS", "kms_key": OTHER_KEY},
            [f"kms_key is {KEY}, not {OTHER_KEY}"],
        ),
        ({"encryption_type": "KMS", "kms_key": KEY}, {"encryption_type": "KMS", "kms_key": KEY}, []),
        ({"encryption_type": "KMS", "kms_key": KEY}, {}, []),
        ({"encryption_type": "KMS", "kms_key": KEY}, {"kms_key": OTHER_KEY}, [f"kms_key is {KEY}, not {OTHER_KEY}"]),
        ({}, {"encryption_type": "AES256", "kms_key": KEY}, []),
    ],
    ids=["aes-to-kms", "kms-to-aes", "other-key", "same-key", "not-asked", "key-alone", "key-without-kms"],
)
def test_an_encryption_change_is_found(current, asked, expected):
    encryption = {"encryption_type": "AES256", "kms_key": None, **current}

    assert ecr_plan.immutable_differences(repository(encryption_configuration=encryption), params(**asked)) == expected


def test_the_encryption_message_says_how_to_move_to_a_new_repository():
    message = ecr_plan.immutable_message(NAME, ["encryption_type is AES256, not KMS"])

    assert message.startswith(f"ECR repository {NAME} can't be changed in place: encryption_type is AES256, not KMS.")
    assert "create a repository under another name" in message
    assert "force_delete=true" in message


def test_the_create_request_holds_every_setting_given():
    asked = params(
        image_tag_mutability="IMMUTABLE",
        scan_on_push=True,
        encryption_type="KMS",
        kms_key=KEY,
        tags={"Environment": "prod"},
    )

    assert ecr.create_request(asked) == {
        "repositoryName": NAME,
        "imageTagMutability": "IMMUTABLE",
        "imageScanningConfiguration": {"scanOnPush": True},
        "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": KEY},
        "tags": [{"Key": "Environment", "Value": "prod"}],
    }
    assert ecr.create_request(params()) == {"repositoryName": NAME}


def test_a_predicted_repository_has_ecr_defaults_for_what_is_unset():
    predicted = ecr_plan.predicted_repository(params(lifecycle_policy=json.dumps(LIFECYCLE)))

    assert predicted["image_tag_mutability"] == "MUTABLE"
    assert predicted["image_scanning_configuration"] == {"scan_on_push": False}
    assert predicted["encryption_configuration"] == {"encryption_type": "AES256", "kms_key": None}
    assert (predicted["lifecycle_policy"], predicted["policy"], predicted["tags"]) == (LIFECYCLE, None, {})


def test_images_are_listed_newest_first():
    older = {"imageDigest": "sha256:a", "imageTags": ["1.0"], "imagePushedAt": WHEN}
    newer = {"imageDigest": "sha256:b", "imagePushedAt": WHEN + datetime.timedelta(hours=1)}

    assert ecr.images_newest_first([older, newer]) == [
        {"image_digest": "sha256:b", "image_tags": [], "image_pushed_at": "2026-01-01T01:00:00+00:00"},
        {"image_digest": "sha256:a", "image_tags": ["1.0"], "image_pushed_at": "2026-01-01T00:00:00+00:00"},
    ]


# Checking the options


@pytest.mark.parametrize("name", ["ab", "smartscheduler/web", "a.b_c-d/e1", "a" * 256])
def test_a_repository_name_by_aws_rules_passes(name):
    assert ecr.name_problems(name) == []


@pytest.mark.parametrize("name", ["a", "Web", "web/", "/web", "web--app", "web//app", "a" * 257, "web app"])
def test_a_repository_name_against_aws_rules_is_explained(name):
    (problem,) = ecr.name_problems(name)

    assert problem.startswith("name must be 2 to 256 lower-case letters, digits and the separators")
    assert repr(name) in problem


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        ({"encryption_type": "KMS"}, "encryption_type=KMS needs kms_key"),
        ({"kms_key": KEY}, "kms_key is only used with encryption_type=KMS"),
        ({"encryption_type": "AES256", "kms_key": KEY}, "kms_key is only used with encryption_type=KMS"),
        ({"encryption_type": "KMS", "kms_key": "alias/ecr"}, "kms_key must be the ARN of a KMS key"),
    ],
    ids=["kms-without-key", "key-without-kms", "key-with-aes", "alias"],
)
def test_each_encryption_problem_is_explained(asked, words):
    (problem,) = ecr.encryption_problems(params(**asked))

    assert words in problem


def test_kms_with_a_key_arn_passes():
    assert ecr.encryption_problems(params(encryption_type="KMS", kms_key=KEY)) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "it is not valid JSON"),
        ("[]", "not list"),
        ("", "not empty"),
        ('{"rules": []}', 'a non-empty list of "rules"'),
        ('{"rules": [{"selection": {}}]}', "rule 1 must be an object with an integer rulePriority"),
        ('{"rules": [{"rulePriority": "1"}]}', "rule 1 must be an object with an integer rulePriority"),
        ('{"rules": [{"rulePriority": 1}, {"rulePriority": 1}]}', "rulePriority 1 is given to more than one rule"),
    ],
    ids=["not-json", "a-list", "empty", "no-rules", "no-priority", "priority-as-text", "same-priority"],
)
def test_each_lifecycle_policy_problem_is_explained(text, words):
    (problem,) = ecr.lifecycle_policy_problems(text)

    assert problem.startswith("lifecycle_policy")
    assert words in problem


def test_a_valid_lifecycle_policy_and_policy_pass():
    assert ecr.lifecycle_policy_problems(json.dumps(LIFECYCLE)) == []
    assert ecr.policy_problems(json.dumps(POLICY)) == []
    assert ecr.lifecycle_policy_problems(None) == ecr.policy_problems(None) == []


@pytest.mark.parametrize("text", ['{"Version": "2012-10-17"}', '{"Statement": []}', '"text"', "{"])
def test_a_policy_without_statements_is_explained(text):
    (problem,) = ecr.policy_problems(text)

    assert problem.startswith('policy must be a JSON policy document, an object with a "Statement"')


# Reading


def queue_describe(stubber):
    stubber.add_response(
        "describe_repositories",
        {
            "repositories": [
                {
                    "repositoryArn": ARN,
                    "registryId": "123456789012",
                    "repositoryName": NAME,
                    "repositoryUri": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{NAME}",
                    "createdAt": WHEN,
                    "imageTagMutability": "IMMUTABLE",
                    "imageScanningConfiguration": {"scanOnPush": True},
                    "encryptionConfiguration": {"encryptionType": "AES256"},
                }
            ]
        },
        {"repositoryNames": [NAME]},
    )


def queue_read(stubber, lifecycle_policy=None, policy=None, tags=()):
    queue_describe(stubber)
    stubber.add_response("list_tags_for_resource", {"tags": list(tags)}, {"resourceArn": ARN})
    if lifecycle_policy is None:
        stubber.add_client_error("get_lifecycle_policy", "LifecyclePolicyNotFoundException", "none", 400)
    else:
        stubber.add_response(
            "get_lifecycle_policy", {"lifecyclePolicyText": json.dumps(lifecycle_policy)}, {"repositoryName": NAME}
        )
    if policy is None:
        stubber.add_client_error("get_repository_policy", "RepositoryPolicyNotFoundException", "none", 400)
    else:
        stubber.add_response(
            "get_repository_policy", {"policyText": json.dumps(policy, indent=2)}, {"repositoryName": NAME}
        )


def test_a_repository_is_read_in_four_calls_with_its_policies_as_aws_has_them(ecr_client):
    client, stubber = ecr_client
    queue_read(stubber, LIFECYCLE, POLICY, tags=[{"Key": "ManagedBy", "Value": "appstack.aws"}])

    read = ecr.get_repository(client, NAME)

    assert read["repository_arn"] == ARN
    assert read["image_scanning_configuration"] == {"scan_on_push": True}
    assert read["encryption_configuration"] == {"encryption_type": "AES256", "kms_key": None}
    assert read["lifecycle_policy"] == LIFECYCLE
    assert read["policy"] == POLICY
    assert read["tags"] == {"ManagedBy": "appstack.aws"}
    assert read["created_at"] == "2026-01-01T00:00:00+00:00"


def test_a_repository_without_policies_has_null_policies(ecr_client):
    client, stubber = ecr_client
    queue_read(stubber)

    read = ecr.get_repository(client, NAME)

    assert (read["lifecycle_policy"], read["policy"], read["tags"]) == (None, None, {})


def test_a_missing_repository_costs_one_call(ecr_client):
    client, stubber = ecr_client
    stubber.add_client_error("describe_repositories", "RepositoryNotFoundException", "not found", 400)

    assert ecr.get_repository(client, NAME) is None


def test_a_repository_deleted_between_its_calls_is_missing(ecr_client):
    client, stubber = ecr_client
    queue_describe(stubber)
    stubber.add_response("list_tags_for_resource", {"tags": []}, {"resourceArn": ARN})
    stubber.add_client_error("get_lifecycle_policy", "RepositoryNotFoundException", "gone", 400)

    assert ecr.get_repository(client, NAME) is None


def test_another_error_while_reading_fails_naming_the_call(ecr_client):
    client, stubber = ecr_client
    stubber.add_client_error("describe_repositories", "AccessDeniedException", "denied", 400)

    with pytest.raises(ecr.AnsibleECRError) as error:
        ecr.get_repository(client, NAME)

    assert error.value.message == "Failed to describe ECR repository"


def test_an_image_tag_is_looked_up_in_one_call(ecr_client):
    client, stubber = ecr_client
    asked = {"repositoryName": NAME, "imageIds": [{"imageTag": "1.0"}]}
    stubber.add_response(
        "describe_images", {"imageDetails": [{"imageDigest": "sha256:a", "imageTags": ["1.0"]}]}, asked
    )
    stubber.add_client_error("describe_images", "ImageNotFoundException", "no such image", 400, expected_params=asked)
    stubber.add_client_error("describe_images", "RepositoryNotFoundException", "gone", 400, expected_params=asked)

    assert ecr.image_tag_exists(client, NAME, "1.0") is True
    assert ecr.image_tag_exists(client, NAME, "1.0") is False
    assert ecr.image_tag_exists(client, NAME, "1.0") is None
