# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Amazon ECR repository helpers shared by appstack.aws.ecr_repository and ecr_repository_info.

Every API helper expects a client created with ``module.client("ecr", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleECRError, which a module turns into a failure with ``fail_json_aws_error``.

A repository is returned as a snake_case dict (``boto3_resource_to_ansible_dict``) with its tags as a dict under
``tags`` and its lifecycle policy and repository policy as dicts (or None) under ``lifecycle_policy`` and ``policy``;
the policies keep the keys AWS has (``rulePriority``, ``Statement``), they are not snake-cased.

The comparisons and planning, which the ecr_repository_drift and ecr_immutable_errors filters share with the
module, are in ``ecr_plan.py``, which imports nothing of botocore.
"""

import json
import re
from datetime import UTC, datetime

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import (
    AnsibleAWSError,
    is_ansible_aws_error_code,
)
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.ecr_plan import DEFAULT_ENCRYPTION_TYPE, parse_json

# botocore's ecr model (ImageTagMutability, EncryptionType), narrowed to what the module manages.
IMAGE_TAG_MUTABILITIES = ["MUTABLE", "IMMUTABLE"]
ENCRYPTION_TYPES = ["AES256", "KMS"]

# AWS's rules for a repository name (CreateRepository repositoryName): 2 to 256 characters, lower-case
# components separated by . _ - within a component and / between components.
REPOSITORY_NAME_LENGTH = (2, 256)
REPOSITORY_NAME = re.compile(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
# DescribeRepositories reports the key as an ARN whatever CreateRepository was given, so only an ARN compares.
KMS_KEY_ARN = re.compile(r"^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key/[\w-]+$")

REPOSITORY_NOT_FOUND = "RepositoryNotFoundException"
POLICY_NOT_FOUND_CODES = ["LifecyclePolicyNotFoundException", "RepositoryPolicyNotFoundException"]
# Sorts images without a push date (none seen on AWS) last.
NEVER = datetime.min.replace(tzinfo=UTC)


class AnsibleECRError(AnsibleAWSError):
    pass


class ECRErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleECRError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(REPOSITORY_NOT_FOUND)


class ECRPolicyErrorHandler(ECRErrorHandler):
    """For the policy calls: a repository without that policy is "no policy", not an error.

    A repository that is gone still raises, so that a read can tell the two apart.
    """

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(POLICY_NOT_FOUND_CODES)


# Reading


@ECRErrorHandler.list_error_handler("describe ECR repository", None)
def describe_repository(client, name):
    """The repository as boto3 describes it, or None."""
    repositories = client.describe_repositories(aws_retry=True, repositoryNames=[name])["repositories"]
    return repositories[0] if repositories else None


@ECRErrorHandler.list_error_handler("describe ECR repositories", [])
@AWSRetry.jittered_backoff()
def describe_repositories(client):
    """Every repository of the registry, as boto3 describes them."""
    paginator = client.get_paginator("describe_repositories")
    return paginator.paginate().build_full_result().get("repositories", [])


@ECRErrorHandler.list_error_handler("list the tags of ECR repository", None)
def list_tags(client, arn):
    """The repository's tags as a dict; None when the repository is gone."""
    tags = client.list_tags_for_resource(aws_retry=True, resourceArn=arn).get("tags", [])
    return boto3_tag_list_to_ansible_dict(tags)


@ECRPolicyErrorHandler.list_error_handler("get the lifecycle policy of ECR repository", None)
def get_lifecycle_policy_text(client, name):
    return client.get_lifecycle_policy(aws_retry=True, repositoryName=name)["lifecyclePolicyText"]


@ECRPolicyErrorHandler.list_error_handler("get the policy of ECR repository", None)
def get_policy_text(client, name):
    return client.get_repository_policy(aws_retry=True, repositoryName=name)["policyText"]


@ECRErrorHandler.list_error_handler("describe the images of ECR repository", None)
@AWSRetry.jittered_backoff()
def describe_images(client, name):
    """Every image of the repository, as boto3 describes them; None when the repository is gone."""
    paginator = client.get_paginator("describe_images")
    return paginator.paginate(repositoryName=name).build_full_result().get("imageDetails", [])


@ECRErrorHandler.list_error_handler("look up an image tag in ECR repository", None)
def image_tag_exists(client, name, tag):
    """Whether an image of the repository has this tag: one DescribeImages call, whatever the number of images.

    None when the repository is gone.
    """
    try:
        details = client.describe_images(aws_retry=True, repositoryName=name, imageIds=[{"imageTag": tag}])
    except is_boto3_error_code("ImageNotFoundException"):
        return False
    return bool(details.get("imageDetails"))


@ECRErrorHandler.list_error_handler("list the images of ECR repository", False)
def has_images(client, name):
    """Whether the repository holds any image: one ListImages call of one result."""
    return bool(client.list_images(aws_retry=True, repositoryName=name, maxResults=1).get("imageIds"))


def repository_to_result(repository, tags, lifecycle_policy_text, policy_text):
    """A DescribeRepositories repository, its tags and its policies' texts, as the modules return it."""
    result = boto3_resource_to_ansible_dict(repository, transform_tags=False, force_tags=False)
    result.setdefault("image_scanning_configuration", {}).setdefault("scan_on_push", False)
    encryption = result.setdefault("encryption_configuration", {})
    encryption.setdefault("encryption_type", DEFAULT_ENCRYPTION_TYPE)
    encryption.setdefault("kms_key", None)
    result.update(
        lifecycle_policy=parse_json(lifecycle_policy_text),
        policy=parse_json(policy_text),
        tags=dict(tags),
    )
    return result


def complete_repository(client, repository):
    """A described repository with its tags and policies (three more calls), or None when it is gone meanwhile."""
    name = repository["repositoryName"]
    try:
        tags = list_tags(client, repository["repositoryArn"])
        if tags is None:
            return None
        lifecycle_policy = get_lifecycle_policy_text(client, name)
        policy = get_policy_text(client, name)
    except is_ansible_aws_error_code(REPOSITORY_NOT_FOUND):
        return None
    return repository_to_result(repository, tags, lifecycle_policy, policy)


def get_repository(client, name):
    """The repository named name as the modules return it, or None: four calls when it exists, one when not."""
    repository = describe_repository(client, name)
    return complete_repository(client, repository) if repository else None


def list_repositories(client):
    """Every repository of the registry as the modules return them."""
    found = (complete_repository(client, repository) for repository in describe_repositories(client))
    return [repository for repository in found if repository is not None]


def images_newest_first(image_details):
    """DescribeImages imageDetails as [{image_digest, image_tags, image_pushed_at}], the newest push first."""
    ordered = sorted(
        image_details,
        key=lambda image: (image.get("imagePushedAt") or NEVER, image["imageDigest"]),
        reverse=True,
    )
    return [
        {
            "image_digest": image["imageDigest"],
            "image_tags": list(image.get("imageTags") or []),
            "image_pushed_at": image["imagePushedAt"].isoformat() if image.get("imagePushedAt") else None,
        }
        for image in ordered
    ]


# Writing


def create_request(params):
    """The CreateRepository parameters for the module's options; what is left unset is ECR's default."""
    request = {"repositoryName": params["name"]}
    if params.get("image_tag_mutability"):
        request["imageTagMutability"] = params["image_tag_mutability"]
    if params.get("scan_on_push") is not None:
        request["imageScanningConfiguration"] = {"scanOnPush": params["scan_on_push"]}
    if params.get("encryption_type"):
        request["encryptionConfiguration"] = {"encryptionType": params["encryption_type"]}
        if params.get("kms_key"):
            request["encryptionConfiguration"]["kmsKey"] = params["kms_key"]
    if params.get("tags"):
        request["tags"] = ansible_dict_to_boto3_tag_list(params["tags"])
    return request


@ECRErrorHandler.common_error_handler("create ECR repository")
def create_repository(client, params):
    return client.create_repository(aws_retry=True, **create_request(params))["repository"]


@ECRErrorHandler.common_error_handler("set the image tag mutability of ECR repository")
def put_image_tag_mutability(client, name, mutability):
    client.put_image_tag_mutability(aws_retry=True, repositoryName=name, imageTagMutability=mutability)


@ECRErrorHandler.common_error_handler("set the image scanning configuration of ECR repository")
def put_scan_on_push(client, name, scan_on_push):
    client.put_image_scanning_configuration(
        aws_retry=True, repositoryName=name, imageScanningConfiguration={"scanOnPush": scan_on_push}
    )


@ECRErrorHandler.common_error_handler("put the lifecycle policy of ECR repository")
def put_lifecycle_policy(client, name, policy):
    client.put_lifecycle_policy(aws_retry=True, repositoryName=name, lifecyclePolicyText=json.dumps(policy))


@ECRPolicyErrorHandler.deletion_error_handler("delete the lifecycle policy of ECR repository")
def delete_lifecycle_policy(client, name):
    client.delete_lifecycle_policy(aws_retry=True, repositoryName=name)
    return True


@ECRErrorHandler.common_error_handler("set the policy of ECR repository")
def set_policy(client, name, policy):
    client.set_repository_policy(aws_retry=True, repositoryName=name, policyText=json.dumps(policy))


@ECRPolicyErrorHandler.deletion_error_handler("delete the policy of ECR repository")
def delete_policy(client, name):
    client.delete_repository_policy(aws_retry=True, repositoryName=name)
    return True


@ECRErrorHandler.common_error_handler("tag ECR repository")
def tag_repository(client, arn, tags):
    client.tag_resource(aws_retry=True, resourceArn=arn, tags=ansible_dict_to_boto3_tag_list(tags))


@ECRErrorHandler.common_error_handler("untag ECR repository")
def untag_repository(client, arn, tag_keys):
    client.untag_resource(aws_retry=True, resourceArn=arn, tagKeys=list(tag_keys))


@ECRErrorHandler.deletion_error_handler("delete ECR repository")
def delete_repository(client, name, force):
    client.delete_repository(aws_retry=True, repositoryName=name, force=force)
    return True


# Checking the options: pure functions


def name_problems(name, option="name"):
    """What is wrong with a repository name, by AWS's rules, as messages (empty: nothing)."""
    low, high = REPOSITORY_NAME_LENGTH
    if name is None:
        return []
    if not low <= len(name) <= high or not REPOSITORY_NAME.match(name):
        return [
            f"{option} must be {low} to {high} lower-case letters, digits and the separators . _ - (between"
            f" letters or digits) and / (between path components), not {name!r}."
        ]
    return []


def encryption_problems(params):
    """kms_key goes with encryption_type=KMS, and is a key ARN."""
    kms_key, encryption_type = params.get("kms_key"), params.get("encryption_type")
    if encryption_type == "KMS" and not kms_key:
        return ["encryption_type=KMS needs kms_key, the ARN of the KMS key that encrypts the repository."]
    if kms_key and encryption_type != "KMS":
        return ["kms_key is only used with encryption_type=KMS; set encryption_type: KMS or leave kms_key unset."]
    if kms_key and not KMS_KEY_ARN.match(kms_key):
        return [
            f"kms_key must be the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID), not {kms_key!r};"
            " ECR reports the key by ARN, so an alias or a key id would never compare equal."
        ]
    return []


def _parsed_object(option, value, expected):
    """(the JSON object an option holds, [problem]) for a json option."""
    try:
        document = parse_json(value)
    except ValueError as e:
        return None, [f"{option} must be {expected}; it is not valid JSON ({e})."]
    if not isinstance(document, dict):
        return None, [f"{option} must be {expected}, not {type(document).__name__ if value else 'empty'}."]
    return document, []


def lifecycle_policy_problems(value, option="lifecycle_policy"):
    """What is wrong with a lifecycle policy document, as messages (empty: nothing; None: not given)."""
    if value is None:
        return []
    expected = 'a JSON object with a non-empty list of "rules"'
    policy, problems = _parsed_object(option, value, expected)
    if problems:
        return problems
    rules = policy.get("rules")
    if not isinstance(rules, list) or not rules:
        return [f"{option} must be {expected}."]
    priorities = []
    for number, rule in enumerate(rules, start=1):
        priority = rule.get("rulePriority") if isinstance(rule, dict) else None
        if not isinstance(priority, int) or isinstance(priority, bool) or priority < 1:
            problems.append(f"{option}: rule {number} must be an object with an integer rulePriority of 1 or more.")
        else:
            priorities.append(priority)
    problems.extend(
        f"{option}: rulePriority {priority} is given to more than one rule; each rule needs its own."
        for priority in sorted({p for p in priorities if priorities.count(p) > 1})
    )
    return problems


def policy_problems(value, option="policy"):
    """What is wrong with a repository policy document, as messages (empty: nothing; None: not given)."""
    if value is None:
        return []
    expected = 'a JSON policy document, an object with a "Statement"'
    policy, problems = _parsed_object(option, value, expected)
    if problems:
        return problems
    if not isinstance(policy.get("Statement"), (list, dict)) or not policy["Statement"]:
        return [f"{option} must be {expected}."]
    return []
