"""Unit tests for appstack.aws.ecr_repository (botocore Stubber, no network).

The Stubber fails on any call that was not queued, in the order queued, and checks each request's parameters: a
test that queues only reads proves that no write is made.
"""

import datetime
import json

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import ecr_repository as module
from botocore.stub import Stubber

NAME = "smartscheduler/web"
ACCOUNT = "123456789012"
ARN = f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/{NAME}"
URI = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{NAME}"
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
TAGS = {"Environment": "prod", "ManagedBy": "appstack.aws"}


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


def boto_repository(mutability="MUTABLE", scan_on_push=False, encryption=None):
    return {
        "repositoryArn": ARN,
        "registryId": ACCOUNT,
        "repositoryName": NAME,
        "repositoryUri": URI,
        "createdAt": WHEN,
        "imageTagMutability": mutability,
        "imageScanningConfiguration": {"scanOnPush": scan_on_push},
        "encryptionConfiguration": encryption or {"encryptionType": "AES256"},
    }


def queue_read(stubber, repository=None, lifecycle_policy=None, policy=None, tags=None):
    """Queue the four reads of an existing repository; with no repository, the one read of a missing one."""
    if repository is None:
        stubber.add_client_error(
            "describe_repositories",
            "RepositoryNotFoundException",
            "not found",
            400,
            expected_params={"repositoryNames": [NAME]},
        )
        return
    stubber.add_response("describe_repositories", {"repositories": [repository]}, {"repositoryNames": [NAME]})
    stubber.add_response(
        "list_tags_for_resource",
        {"tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
        {"resourceArn": ARN},
    )
    if lifecycle_policy is None:
        stubber.add_client_error(
            "get_lifecycle_policy",
            "LifecyclePolicyNotFoundException",
            "none",
            400,
            expected_params={"repositoryName": NAME},
        )
    else:
        # AWS hands the document back as text of its own formatting.
        stubber.add_response(
            "get_lifecycle_policy", {"lifecyclePolicyText": json.dumps(lifecycle_policy)}, {"repositoryName": NAME}
        )
    if policy is None:
        stubber.add_client_error(
            "get_repository_policy",
            "RepositoryPolicyNotFoundException",
            "none",
            400,
            expected_params={"repositoryName": NAME},
        )
    else:
        stubber.add_response(
            "get_repository_policy", {"policyText": json.dumps(policy, indent=2)}, {"repositoryName": NAME}
        )


def args(**overrides):
    values = {"name": NAME}
    values.update(overrides)
    return values


def full_args(**overrides):
    """Every setting of the module, as they are in full_read()."""
    return args(
        image_tag_mutability="IMMUTABLE",
        scan_on_push=True,
        encryption_type="KMS",
        kms_key=KEY,
        lifecycle_policy=LIFECYCLE,
        policy=POLICY,
        tags=TAGS,
        **overrides,
    )


def full_read(stubber, **overrides):
    """Queue the reads of the repository full_args() asks for."""
    settings = dict(
        repository=boto_repository("IMMUTABLE", True, {"encryptionType": "KMS", "kmsKey": KEY}),
        lifecycle_policy=LIFECYCLE,
        policy=POLICY,
        tags=TAGS,
    )
    settings.update(overrides)
    queue_read(stubber, **settings)


# Creating


def test_create_sends_every_setting_then_the_policies_and_reads_the_repository_back(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber)
    stubber.add_response(
        "create_repository",
        {"repository": boto_repository("IMMUTABLE", True, {"encryptionType": "KMS", "kmsKey": KEY})},
        {
            "repositoryName": NAME,
            "imageTagMutability": "IMMUTABLE",
            "imageScanningConfiguration": {"scanOnPush": True},
            "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": KEY},
            "tags": [{"Key": key, "Value": value} for key, value in TAGS.items()],
        },
    )
    stubber.add_response(
        "put_lifecycle_policy", {}, {"repositoryName": NAME, "lifecyclePolicyText": json.dumps(LIFECYCLE)}
    )
    stubber.add_response("set_repository_policy", {}, {"repositoryName": NAME, "policyText": json.dumps(POLICY)})
    full_read(stubber)

    rc, result = run_module(module, full_args(_ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    repository = result["repository"]
    assert (repository["repository_arn"], repository["repository_uri"]) == (ARN, URI)
    assert repository["registry_id"] == ACCOUNT
    assert repository["image_tag_mutability"] == "IMMUTABLE"
    assert repository["image_scanning_configuration"] == {"scan_on_push": True}
    assert repository["encryption_configuration"] == {"encryption_type": "KMS", "kms_key": KEY}
    assert repository["lifecycle_policy"] == LIFECYCLE
    assert repository["policy"] == POLICY
    assert repository["tags"] == TAGS
    assert repository["created_at"] == "2026-01-01T00:00:00+00:00"
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"] == repository


def test_create_without_settings_leaves_them_to_ecr(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber)
    stubber.add_response("create_repository", {"repository": boto_repository()}, {"repositoryName": NAME})
    queue_read(stubber, boto_repository())

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["repository"]["image_tag_mutability"] == "MUTABLE"
    assert result["repository"]["encryption_configuration"] == {"encryption_type": "AES256", "kms_key": None}


def test_check_mode_on_a_missing_repository_predicts_it_and_makes_no_write(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber)

    rc, result = run_module(module, full_args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    repository = result["repository"]
    assert repository["repository_name"] == NAME
    assert repository["image_tag_mutability"] == "IMMUTABLE"
    assert repository["encryption_configuration"] == {"encryption_type": "KMS", "kms_key": KEY}
    assert (repository["lifecycle_policy"], repository["policy"], repository["tags"]) == (LIFECYCLE, POLICY, TAGS)
    assert "repository_arn" not in repository
    assert result["diff"] == {"before": {}, "after": repository}


# Updating


def test_a_repository_as_asked_reports_no_change_and_makes_no_write(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)

    rc, result = run_module(module, full_args(_ansible_diff=True), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert result["repository"]["policy"] == POLICY


def test_options_left_unset_leave_the_repository_alone(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)

    rc, result = run_module(module, args(), client)

    assert (rc, result["changed"]) == (0, False)


def test_a_lifecycle_policy_in_another_key_and_rule_order_and_as_text_is_no_change(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    reordered = {"rules": [dict(reversed(list(TAGGED_RULE.items()))), dict(reversed(list(UNTAGGED_RULE.items())))]}

    rc, result = run_module(module, args(lifecycle_policy=json.dumps(reordered, indent=4)), client)

    assert (rc, result["changed"]) == (0, False)


def test_a_policy_in_another_order_is_no_change(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    reordered = {
        "Statement": [{**POLICY["Statement"][0], "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]}],
        "Version": "2012-10-17",
    }

    rc, result = run_module(module, args(policy=reordered), client)

    assert (rc, result["changed"]) == (0, False)


OTHER_LIFECYCLE = {"rules": [{**UNTAGGED_RULE, "selection": {**UNTAGGED_RULE["selection"], "countNumber": 7}}]}
OTHER_POLICY = {"Version": "2012-10-17", "Statement": [{**POLICY["Statement"][0], "Action": "ecr:*"}]}


@pytest.mark.parametrize(
    ("asked", "call", "expected_params", "after"),
    [
        (
            {"image_tag_mutability": "MUTABLE"},
            "put_image_tag_mutability",
            {"repositoryName": NAME, "imageTagMutability": "MUTABLE"},
            ("image_tag_mutability", "MUTABLE"),
        ),
        (
            {"scan_on_push": False},
            "put_image_scanning_configuration",
            {"repositoryName": NAME, "imageScanningConfiguration": {"scanOnPush": False}},
            ("image_scanning_configuration", {"scan_on_push": False}),
        ),
        (
            {"lifecycle_policy": OTHER_LIFECYCLE},
            "put_lifecycle_policy",
            {"repositoryName": NAME, "lifecyclePolicyText": json.dumps(OTHER_LIFECYCLE)},
            ("lifecycle_policy", OTHER_LIFECYCLE),
        ),
        (
            {"purge_lifecycle_policy": True},
            "delete_lifecycle_policy",
            {"repositoryName": NAME},
            ("lifecycle_policy", None),
        ),
        (
            {"policy": OTHER_POLICY},
            "set_repository_policy",
            {"repositoryName": NAME, "policyText": json.dumps(OTHER_POLICY)},
            ("policy", OTHER_POLICY),
        ),
        ({"purge_policy": True}, "delete_repository_policy", {"repositoryName": NAME}, ("policy", None)),
        (
            {"tags": {**TAGS, "Owner": "platform"}},
            "tag_resource",
            {"resourceArn": ARN, "tags": [{"Key": "Owner", "Value": "platform"}]},
            ("tags", {**TAGS, "Owner": "platform"}),
        ),
        (
            {"tags": {"Environment": "prod"}},
            "untag_resource",
            {"resourceArn": ARN, "tagKeys": ["ManagedBy"]},
            ("tags", {"Environment": "prod"}),
        ),
    ],
    ids=[
        "mutability",
        "scan-on-push",
        "lifecycle-policy",
        "purge-lifecycle-policy",
        "policy",
        "purge-policy",
        "tag",
        "untag",
    ],
)
def test_each_change_alone_makes_its_one_call(ecr_client, run_module, asked, call, expected_params, after):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response(call, {}, expected_params)
    option, value = after
    changed_read = {
        "image_tag_mutability": {
            "repository": boto_repository("MUTABLE", True, {"encryptionType": "KMS", "kmsKey": KEY})
        },
        "image_scanning_configuration": {
            "repository": boto_repository("IMMUTABLE", False, {"encryptionType": "KMS", "kmsKey": KEY})
        },
    }.get(option, {option: value})
    full_read(stubber, **changed_read)

    rc, result = run_module(module, args(_ansible_diff=True, **asked), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["repository"][option] == value
    assert result["diff"]["after"][option] == value
    assert result["diff"]["before"][option] != value


def test_check_mode_of_every_change_predicts_it_and_makes_no_write(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)

    rc, result = run_module(
        module,
        args(
            image_tag_mutability="MUTABLE",
            scan_on_push=False,
            lifecycle_policy=OTHER_LIFECYCLE,
            purge_policy=True,
            tags={"Environment": "dev"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    after = result["repository"]
    assert after["image_tag_mutability"] == "MUTABLE"
    assert after["image_scanning_configuration"] == {"scan_on_push": False}
    assert (after["lifecycle_policy"], after["policy"]) == (OTHER_LIFECYCLE, None)
    assert after["tags"] == {"Environment": "dev"}
    assert result["diff"]["after"] == after
    assert result["diff"]["before"]["policy"] == POLICY


def test_tags_left_unset_are_not_purged(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)

    rc, result = run_module(module, args(purge_tags=True), client)

    assert (rc, result["changed"]) == (0, False)


def test_tags_without_purge_are_only_added(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": [{"Key": "Owner", "Value": "platform"}]})
    full_read(stubber, tags={**TAGS, "Owner": "platform"})

    rc, result = run_module(module, args(tags={"Owner": "platform"}, purge_tags=False), client)

    assert (rc, result["changed"]) == (0, True)
    assert result["repository"]["tags"] == {**TAGS, "Owner": "platform"}


@pytest.mark.parametrize(
    ("asked", "words"),
    [
        ({"encryption_type": "AES256"}, "encryption_type is KMS, not AES256"),
        ({"encryption_type": "KMS", "kms_key": OTHER_KEY}, f"kms_key is {KEY}, not {OTHER_KEY}"),
    ],
    ids=["type", "key"],
)
def test_an_encryption_change_fails_before_any_write(ecr_client, run_module, asked, words):
    client, stubber = ecr_client
    full_read(stubber)

    rc, result = run_module(module, args(image_tag_mutability="MUTABLE", tags={}, **asked), client)

    assert rc == 1
    assert result["msg"].startswith(f"ECR repository {NAME} can't be changed in place: {words}.")
    assert "ECR can't change the encryption of a repository" in result["msg"]
    assert "create a repository under another name" in result["msg"]


# Deleting


def test_absent_deletes_an_empty_repository(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response("list_images", {}, {"repositoryName": NAME, "maxResults": 1})
    stubber.add_response(
        "delete_repository", {"repository": boto_repository()}, {"repositoryName": NAME, "force": False}
    )

    rc, result = run_module(module, args(state="absent", _ansible_diff=True), client)

    assert (rc, result["changed"]) == (0, True)
    assert "repository" not in result
    assert result["diff"]["after"] == {}
    assert result["diff"]["before"]["repository_arn"] == ARN


def test_absent_refuses_a_repository_with_images_before_any_write(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response(
        "list_images",
        {"imageIds": [{"imageDigest": "sha256:a", "imageTag": "1.0"}]},
        {"repositoryName": NAME, "maxResults": 1},
    )

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 1
    assert result["msg"].startswith(f"ECR repository {NAME} holds images, so it was not deleted.")
    assert "force_delete=true" in result["msg"]


def test_absent_with_force_deletes_the_repository_with_its_images(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response(
        "delete_repository", {"repository": boto_repository()}, {"repositoryName": NAME, "force": True}
    )

    rc, result = run_module(module, args(state="absent", force_delete=True), client)

    assert (rc, result["changed"]) == (0, True)


def test_absent_in_check_mode_makes_no_write(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_response("list_images", {}, {"repositoryName": NAME, "maxResults": 1})

    rc, result = run_module(module, args(state="absent", _ansible_check_mode=True), client)

    assert (rc, result["changed"]) == (0, True)


def test_absent_when_missing_is_a_no_op(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber)

    rc, result = run_module(module, args(state="absent"), client)

    assert (rc, result["changed"]) == (0, False)


# Input and errors


def test_every_problem_is_reported_at_once_before_any_api_call(run_module):
    rc, result = run_module(
        module,
        args(
            name="Smartscheduler/Web",
            encryption_type="KMS",
            lifecycle_policy='{"rules": []}',
            purge_lifecycle_policy=True,
            policy="{}",
        ),
        client=None,
    )

    assert rc == 1
    assert len(result["problems"]) == 5
    for words in ("name must be", "encryption_type=KMS needs kms_key", '"rules"', "Statement", "purge_lifecycle"):
        assert words in result["msg"]


def test_a_purge_with_the_policy_it_would_delete_is_refused(run_module):
    rc, result = run_module(module, args(policy=POLICY, purge_policy=True), client=None)

    assert rc == 1
    assert result["problems"] == ["purge_policy=true deletes the policy: don't set policy with it."]


def test_an_api_error_fails_with_the_aws_error(ecr_client, run_module):
    client, stubber = ecr_client
    full_read(stubber)
    stubber.add_client_error("put_image_tag_mutability", "AccessDeniedException", "not allowed", 400)

    rc, result = run_module(module, args(image_tag_mutability="MUTABLE"), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to set the image tag mutability of ECR repository")
    assert result["error"]["code"] == "AccessDeniedException"
