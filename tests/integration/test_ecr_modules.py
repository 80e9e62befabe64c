"""appstack.aws.ecr_repository, ecr_repository_info and the ecr_repository_drift filter against the emulator.

Each test runs a small playbook (written to a temporary directory: one play on localhost whose tasks call the
modules) with ansible-playbook, as a user does. The tests of the class run in order on one account (the emulator is
reset once, at the start): each builds on the state the previous one left. Every property is read back with boto3,
and the emulator's request log proves what check mode and a second run promise: no mutating call.
"""

import json
import time

import pytest
from botocore.exceptions import ClientError

from .playbook import mutating_calls, run_tasks

NAME = "smartscheduler/web"
MODULE = "appstack.aws.ecr_repository"
INFO = "appstack.aws.ecr_repository_info"
CHANGED = [(MODULE, NAME)]
TAGS = {"Application": "smartscheduler", "Environment": "test"}
LIFECYCLE = {
    "rules": [
        {
            "rulePriority": 1,
            "description": "Expire untagged images after 14 days",
            "selection": {
                "tagStatus": "untagged",
                "countType": "sinceImagePushed",
                "countUnit": "days",
                "countNumber": 14,
            },
            "action": {"type": "expire"},
        },
        {
            "rulePriority": 2,
            "description": "Keep the 30 newest tagged images",
            "selection": {
                "tagStatus": "tagged",
                "tagPatternList": ["*"],
                "countType": "imageCountMoreThan",
                "countNumber": 30,
            },
            "action": {"type": "expire"},
        },
    ]
}
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PullFromTheDeployAccount",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
            "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        }
    ],
}


def manifest(layer):
    """A minimal Docker image manifest; ECR (and the emulator) derive the image digest from its layers."""
    return json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {
                "mediaType": "application/vnd.docker.container.image.v1+json",
                "size": 1469,
                "digest": "sha256:" + "c" * 64,
            },
            "layers": [
                {
                    "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    "size": 2811478,
                    "digest": "sha256:" + layer * 64,
                }
            ],
        }
    )


def repository_task(**options):
    return {"name": "Manage the repository", MODULE: {"name": NAME, **options}, "register": "ecr_test__repository"}


def info_task(**options):
    return {"name": "Read the repository", INFO: {"name": NAME, **options}, "register": "ecr_test__info"}


def run(emulator, directory, *tasks, check=False):
    return run_tasks(emulator.env, directory, "Manage an ECR repository", list(tasks), check=check)


def only_result(result, action):
    (found,) = result.results(action)
    return found


def read_back(emulator):
    """The repository, its policies and its tags, as boto3 reads them."""
    ecr = emulator.client("ecr")
    (repository,) = ecr.describe_repositories(repositoryNames=[NAME])["repositories"]
    lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName=NAME)["lifecyclePolicyText"])
    policy = json.loads(ecr.get_repository_policy(repositoryName=NAME)["policyText"])
    tags = {
        tag["Key"]: tag["Value"] for tag in ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"]
    }
    return repository, lifecycle, policy, tags


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    """An empty account with the KMS key of the repository, and a directory for the playbooks."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    key_arn = emulator_server.client("kms").create_key(Description="smartscheduler images")["KeyMetadata"]["Arn"]
    every_setting = {
        "image_tag_mutability": "IMMUTABLE",
        "scan_on_push": True,
        "encryption_type": "KMS",
        "kms_key": key_arn,
        "lifecycle_policy": LIFECYCLE,
        "policy": POLICY,
        "tags": TAGS,
    }
    return {"key_arn": key_arn, "settings": every_setting, "directory": tmp_path_factory.mktemp("ecr-playbooks")}


class TestECRRepository:
    def test_check_mode_on_an_empty_account_predicts_the_repository_and_creates_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], repository_task(**account["settings"]), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == []
        assert emulator_server.client("ecr").describe_repositories()["repositories"] == []
        predicted = only_result(result, MODULE)["repository"]
        assert predicted["encryption_configuration"] == {"encryption_type": "KMS", "kms_key": account["key_arn"]}
        assert (predicted["lifecycle_policy"], predicted["policy"], predicted["tags"]) == (LIFECYCLE, POLICY, TAGS)

    def test_create_builds_the_repository_with_every_setting(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], repository_task(**account["settings"]))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        repository, lifecycle, policy, tags = read_back(emulator_server)
        assert repository["imageTagMutability"] == "IMMUTABLE"
        assert repository["imageScanningConfiguration"] == {"scanOnPush": True}
        assert repository["encryptionConfiguration"] == {"encryptionType": "KMS", "kmsKey": account["key_arn"]}
        assert (lifecycle, policy, tags) == (LIFECYCLE, POLICY, TAGS)
        assert sorted(mutating_calls(emulator_server)) == [
            "ecr:CreateRepository",
            "ecr:PutLifecyclePolicy",
            "ecr:SetRepositoryPolicy",
        ]
        returned = only_result(result, MODULE)["repository"]
        assert returned["repository_uri"] == repository["repositoryUri"]
        assert (returned["lifecycle_policy"], returned["policy"], returned["tags"]) == (LIFECYCLE, POLICY, TAGS)

    def test_a_second_run_changes_nothing_and_the_drift_filter_agrees(self, emulator_server, account):
        emulator_server.clear_requests()
        drift = {
            "name": "Compare the repository read with the options",
            "ansible.builtin.set_stats": {
                "data": {
                    "ecr_test_drift": "{{ ecr_test__info.repositories | first | default({}) "
                    "| appstack.aws.ecr_repository_drift(ecr_test_asked) }}"
                }
            },
            "vars": {"ecr_test_asked": {"name": NAME, **account["settings"]}},
        }

        result = run(emulator_server, account["directory"], repository_task(**account["settings"]), info_task(), drift)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        assert result.custom_stats["ecr_test_drift"] == []
        (read,) = only_result(result, INFO)["repositories"]
        assert read == only_result(result, MODULE)["repository"]

    def test_check_mode_predicts_every_change_and_makes_none(self, emulator_server, account):
        emulator_server.clear_requests()
        changes = {
            "image_tag_mutability": "MUTABLE",
            "scan_on_push": False,
            "lifecycle_policy": {"rules": LIFECYCLE["rules"][:1]},
            "purge_policy": True,
            "tags": {**TAGS, "Owner": "platform"},
        }

        result = run(emulator_server, account["directory"], repository_task(**changes), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == []
        predicted = only_result(result, MODULE)["repository"]
        assert predicted["image_tag_mutability"] == "MUTABLE"
        assert predicted["image_scanning_configuration"] == {"scan_on_push": False}
        assert predicted["lifecycle_policy"] == {"rules": LIFECYCLE["rules"][:1]}
        assert predicted["policy"] is None
        assert predicted["tags"] == {**TAGS, "Owner": "platform"}
        repository, lifecycle, policy, tags = read_back(emulator_server)
        assert (repository["imageTagMutability"], lifecycle, policy, tags) == ("IMMUTABLE", LIFECYCLE, POLICY, TAGS)

    def test_a_change_is_applied_with_only_the_calls_it_needs(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            account["directory"],
            repository_task(scan_on_push=False, tags={**TAGS, "Owner": "platform"}),
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        repository, lifecycle, _, tags = read_back(emulator_server)
        assert repository["imageScanningConfiguration"] == {"scanOnPush": False}
        assert (repository["imageTagMutability"], lifecycle) == ("IMMUTABLE", LIFECYCLE)
        assert tags == {**TAGS, "Owner": "platform"}
        assert sorted(mutating_calls(emulator_server)) == ["ecr:PutImageScanningConfiguration", "ecr:TagResource"]

    def test_an_encryption_change_is_refused_without_a_change(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(
            emulator_server, account["directory"], repository_task(encryption_type="AES256", scan_on_push=True)
        )

        assert result.failed
        assert "can't be changed in place: encryption_type is KMS, not AES256" in result.failure_messages()
        assert mutating_calls(emulator_server) == []

    def test_info_lists_the_images_newest_first_and_finds_a_tag(self, emulator_server, account):
        ecr = emulator_server.client("ecr")
        first = ecr.put_image(repositoryName=NAME, imageManifest=manifest("a"), imageTag="1.0")["image"]
        time.sleep(1.1)  # ECR records push times to the second here: the second image must be newer.
        second = ecr.put_image(repositoryName=NAME, imageManifest=manifest("b"), imageTag="1.1")["image"]
        emulator_server.clear_requests()

        result = run(
            emulator_server,
            account["directory"],
            info_task(images=True),
            {"name": "Look for a pushed tag", INFO: {"names": [NAME, "smartscheduler/old"], "image_tag": "1.1"}},
            {"name": "Look for a tag never pushed", INFO: {"name": NAME, "image_tag": "9.9"}},
        )

        assert not result.failed, result.outcome()
        assert mutating_calls(emulator_server) == []
        listed, tag_found, tag_not_found = result.results(INFO)
        (repository,) = listed["repositories"]
        assert [(image["image_digest"], image["image_tags"]) for image in repository["images"]] == [
            (second["imageId"]["imageDigest"], ["1.1"]),
            (first["imageId"]["imageDigest"], ["1.0"]),
        ]
        assert repository["images"][0]["image_pushed_at"] > repository["images"][1]["image_pushed_at"]
        assert [r["image_tag_found"] for r in tag_found["repositories"]] == [True]
        assert tag_found["missing"] == ["smartscheduler/old"]
        assert [r["image_tag_found"] for r in tag_not_found["repositories"]] == [False]

    def test_absent_refuses_a_repository_with_images_without_force(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], repository_task(state="absent"))

        assert result.failed
        assert f"ECR repository {NAME} holds images" in result.failure_messages()
        assert mutating_calls(emulator_server) == []

    def test_absent_with_force_deletes_the_repository_and_its_images(self, emulator_server, account):
        result = run(emulator_server, account["directory"], repository_task(state="absent", force_delete=True))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        with pytest.raises(ClientError) as raised:
            emulator_server.client("ecr").describe_repositories(repositoryNames=[NAME])
        assert raised.value.response["Error"]["Code"] == "RepositoryNotFoundException"
