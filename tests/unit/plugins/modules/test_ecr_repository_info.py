"""Unit tests for appstack.aws.ecr_repository_info (botocore Stubber, no network).

The Stubber fails on any call that was not queued, in the order queued, and checks each request's parameters: a
test that queues N responses proves that the module makes exactly those N calls, none of them a write.
"""

import datetime
import json

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import ecr_repository_info as module
from botocore.stub import Stubber

ACCOUNT = "123456789012"
WEB = "smartscheduler/web"
WORKER = "smartscheduler/worker"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
LIFECYCLE = {
    "rules": [
        {
            "rulePriority": 1,
            "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5},
            "action": {"type": "expire"},
        }
    ]
}
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Pull", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "ecr:*"}
    ],
}
REPOSITORY_KEYS = {
    "repository_name",
    "repository_arn",
    "repository_uri",
    "registry_id",
    "image_tag_mutability",
    "image_scanning_configuration",
    "encryption_configuration",
    "lifecycle_policy",
    "policy",
    "tags",
    "created_at",
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


def arn(name):
    return f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/{name}"


def boto_repository(name):
    return {
        "repositoryArn": arn(name),
        "registryId": ACCOUNT,
        "repositoryName": name,
        "repositoryUri": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{name}",
        "createdAt": WHEN,
        "imageTagMutability": "IMMUTABLE",
        "imageScanningConfiguration": {"scanOnPush": True},
        "encryptionConfiguration": {"encryptionType": "AES256"},
    }


def queue_details(stubber, name, lifecycle_policy=None, policy=None):
    """Queue the three reads that follow DescribeRepositories: tags, lifecycle policy, repository policy."""
    stubber.add_response(
        "list_tags_for_resource", {"tags": [{"Key": "ManagedBy", "Value": "appstack.aws"}]}, {"resourceArn": arn(name)}
    )
    if lifecycle_policy is None:
        stubber.add_client_error(
            "get_lifecycle_policy", "LifecyclePolicyNotFoundException", "none", 400, {"repositoryName": name}
        )
    else:
        stubber.add_response(
            "get_lifecycle_policy", {"lifecyclePolicyText": json.dumps(lifecycle_policy)}, {"repositoryName": name}
        )
    if policy is None:
        stubber.add_client_error(
            "get_repository_policy", "RepositoryPolicyNotFoundException", "none", 400, {"repositoryName": name}
        )
    else:
        stubber.add_response("get_repository_policy", {"policyText": json.dumps(policy)}, {"repositoryName": name})


def queue_read(stubber, name, exists=True, **policies):
    if not exists:
        stubber.add_client_error(
            "describe_repositories",
            "RepositoryNotFoundException",
            "not found",
            400,
            expected_params={"repositoryNames": [name]},
        )
        return
    stubber.add_response(
        "describe_repositories", {"repositories": [boto_repository(name)]}, {"repositoryNames": [name]}
    )
    queue_details(stubber, name, **policies)


def image(digest, minutes, tags=()):
    details = {
        "registryId": ACCOUNT,
        "repositoryName": WEB,
        "imageDigest": digest,
        "imagePushedAt": WHEN + datetime.timedelta(minutes=minutes),
    }
    if tags:
        details["imageTags"] = list(tags)
    return details


def test_a_repository_by_name_is_read_in_four_calls_with_policies_kept_as_aws_has_them(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber, WEB, lifecycle_policy=LIFECYCLE, policy=POLICY)

    rc, result = run_module(module, {"name": WEB}, client)

    assert rc == 0, result
    assert not result["changed"]
    (repository,) = result["repositories"]
    assert set(repository) == REPOSITORY_KEYS
    assert repository["lifecycle_policy"] == LIFECYCLE
    assert repository["policy"] == POLICY
    assert repository["tags"] == {"ManagedBy": "appstack.aws"}
    assert repository["image_scanning_configuration"] == {"scan_on_push": True}
    assert repository["encryption_configuration"] == {"encryption_type": "AES256", "kms_key": None}
    assert result["missing"] == []


def test_a_missing_repository_is_not_an_error_and_costs_one_call(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber, WEB, exists=False)

    rc, result = run_module(module, {"name": WEB}, client)

    assert rc == 0, result
    assert (result["repositories"], result["missing"]) == ([], [WEB])


def test_names_are_read_once_each_in_order_with_the_missing_ones_apart(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber, WORKER)
    queue_read(stubber, "smartscheduler/old", exists=False)
    queue_read(stubber, WEB)

    rc, result = run_module(module, {"names": [WORKER, "smartscheduler/old", WEB, WORKER]}, client)

    assert rc == 0, result
    assert [repository["repository_name"] for repository in result["repositories"]] == [WORKER, WEB]
    assert result["missing"] == ["smartscheduler/old"]


def test_without_names_every_repository_of_the_registry_is_read(ecr_client, run_module):
    client, stubber = ecr_client
    stubber.add_response("describe_repositories", {"repositories": [boto_repository(WEB)], "nextToken": "page-2"}, {})
    stubber.add_response("describe_repositories", {"repositories": [boto_repository(WORKER)]}, {"nextToken": "page-2"})
    queue_details(stubber, WEB)
    queue_details(stubber, WORKER, policy=POLICY)

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert [repository["repository_name"] for repository in result["repositories"]] == [WEB, WORKER]
    assert result["repositories"][1]["policy"] == POLICY
    assert result["missing"] == []


def test_images_are_listed_newest_first_across_pages(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber, WEB)
    stubber.add_response(
        "describe_images",
        {"imageDetails": [image("sha256:old", 0, ["1.0"]), image("sha256:untagged", 5)], "nextToken": "page-2"},
        {"repositoryName": WEB},
    )
    stubber.add_response(
        "describe_images",
        {"imageDetails": [image("sha256:new", 10, ["1.1", "latest"])]},
        {"repositoryName": WEB, "nextToken": "page-2"},
    )

    rc, result = run_module(module, {"name": WEB, "images": True}, client)

    assert rc == 0, result
    assert result["repositories"][0]["images"] == [
        {"image_digest": "sha256:new", "image_tags": ["1.1", "latest"], "image_pushed_at": "2026-01-01T00:10:00+00:00"},
        {"image_digest": "sha256:untagged", "image_tags": [], "image_pushed_at": "2026-01-01T00:05:00+00:00"},
        {"image_digest": "sha256:old", "image_tags": ["1.0"], "image_pushed_at": "2026-01-01T00:00:00+00:00"},
    ]
    assert "image_tag_found" not in result["repositories"][0]


@pytest.mark.parametrize("found", [True, False], ids=["found", "not-found"])
def test_an_image_tag_is_looked_up_with_one_call_per_repository(ecr_client, run_module, found):
    client, stubber = ecr_client
    queue_read(stubber, WEB)
    asked = {"repositoryName": WEB, "imageIds": [{"imageTag": "1.1"}]}
    if found:
        stubber.add_response("describe_images", {"imageDetails": [image("sha256:new", 10, ["1.1"])]}, asked)
    else:
        stubber.add_client_error("describe_images", "ImageNotFoundException", "no image", 400, expected_params=asked)

    rc, result = run_module(module, {"name": WEB, "image_tag": "1.1"}, client)

    assert rc == 0, result
    assert result["repositories"][0]["image_tag_found"] is found
    assert "images" not in result["repositories"][0]


def test_a_repository_deleted_while_it_is_read_is_missing(ecr_client, run_module):
    client, stubber = ecr_client
    queue_read(stubber, WEB)
    stubber.add_client_error("describe_images", "RepositoryNotFoundException", "gone", 400)

    rc, result = run_module(module, {"name": WEB, "images": True}, client)

    assert rc == 0, result
    assert (result["repositories"], result["missing"]) == ([], [WEB])


def test_an_api_error_fails_with_the_aws_error(ecr_client, run_module):
    client, stubber = ecr_client
    stubber.add_client_error("describe_repositories", "AccessDeniedException", "denied", 400)

    rc, result = run_module(module, {"name": WEB}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to describe ECR repository")
    assert result["error"]["code"] == "AccessDeniedException"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ({"name": WEB, "names": [WORKER]}, "mutually exclusive"),
        ({"names": [WEB, "Bad Name"]}, "names must be 2 to 256 lower-case letters"),
        ({"name": WEB, "image_tag": ""}, "image_tag must not be empty"),
    ],
    ids=["name-and-names", "bad-name", "empty-tag"],
)
def test_bad_options_fail_before_any_api_call(run_module, args, words):
    rc, result = run_module(module, args, client=None)

    assert rc == 1
    assert words in result["msg"]
