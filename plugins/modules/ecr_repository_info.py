#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecr_repository_info
version_added: 0.5.0
short_description: Read Amazon ECR repositories, their policies, tags and images
description:
  - Read Amazon ECR private repositories by name, or every repository of the registry, each with its lifecycle
    policy, repository policy and tags, in the form M(appstack.aws.ecr_repository) returns.
  - Optionally lists each repository's images, the newest push first, or only tells whether an image tag exists,
    a cheap check before a deployment.
  - A repository asked for by name that doesn't exist is not an error; its name is returned in RV(missing).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of one repository to read. Can't be used with O(names).
      - With neither O(name) nor O(names), every repository of the registry is read.
    type: str
    aliases: ["repository_name"]
  names:
    description:
      - The names of the repositories to read, in this order; a name given twice is read once. Can't be used with
        O(name).
    type: list
    elements: str
  images:
    description:
      - Also list the images of each repository (RV(repositories[].images)), the newest push first.
      - This reads every image of the repository, one C(DescribeImages) call per 100 images.
    type: bool
    default: false
  image_tag:
    description:
      - Tell, in RV(repositories[].image_tag_found), whether an image of each repository has this tag, with one
        C(DescribeImages) call per repository whatever the number of images.
    type: str
notes:
  - The info twin of M(appstack.aws.ecr_repository); feed a repository it returns to the
    C(appstack.aws.ecr_repository_drift) filter to see what that module would change.
  - "Calls made, per repository: C(DescribeRepositories) (one call for all repositories when none is named),
    C(ListTagsForResource), C(GetLifecyclePolicy) and C(GetRepositoryPolicy): four calls per repository that
    exists, one per name that doesn't; then C(DescribeImages) for O(images) and for O(image_tag). The IAM
    permissions are the C(ecr:) actions of the same names."
  - A repository deleted while it is being read is left out of RV(repositories) (and, when asked for by name,
    added to RV(missing)).
  - The module never changes anything, also outside check mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the repository of the web image
  appstack.aws.ecr_repository_info:
    name: smartscheduler/web
  register: ecr_web

- name: Check that the image to deploy was pushed
  appstack.aws.ecr_repository_info:
    name: smartscheduler/web
    image_tag: "{{ release_version }}"
  register: ecr_release

# The tag exists when: ecr_release.repositories | selectattr('image_tag_found') | list | length == 1

- name: List the images of two repositories, the newest first
  appstack.aws.ecr_repository_info:
    names:
      - smartscheduler/web
      - smartscheduler/worker
    images: true
  register: ecr_images

- name: Read every repository of the registry
  appstack.aws.ecr_repository_info:
"""

RETURN = r"""
repositories:
  description:
    - The repositories found, in the order asked (by name), or every repository of the registry; each as
      M(appstack.aws.ecr_repository) returns it.
  returned: always
  type: list
  elements: dict
  contains:
    repository_name:
      description: The name of the repository.
      returned: always
      type: str
      sample: smartscheduler/web
    repository_arn:
      description: The ARN of the repository.
      returned: always
      type: str
      sample: arn:aws:ecr:us-east-1:123456789012:repository/smartscheduler/web
    repository_uri:
      description: The URI to push to and pull from.
      returned: always
      type: str
      sample: 123456789012.dkr.ecr.us-east-1.amazonaws.com/smartscheduler/web
    registry_id:
      description: The account id of the registry.
      returned: always
      type: str
      sample: "123456789012"
    image_tag_mutability:
      description: V(MUTABLE) or V(IMMUTABLE).
      returned: always
      type: str
      sample: IMMUTABLE
    image_scanning_configuration:
      description: The image scanning configuration, C(scan_on_push) (bool).
      returned: always
      type: dict
      sample: {"scan_on_push": true}
    encryption_configuration:
      description: How the images are encrypted, C(encryption_type) and C(kms_key) (null without KMS).
      returned: always
      type: dict
      sample: {"encryption_type": "AES256", "kms_key": null}
    lifecycle_policy:
      description: The lifecycle policy as a dict, with the keys AWS has (not snake-cased); null when there is none.
      returned: always
      type: dict
    policy:
      description: The repository policy as a dict, with the keys AWS has (not snake-cased); null when there is none.
      returned: always
      type: dict
    tags:
      description: The tags of the repository.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    created_at:
      description: When the repository was created.
      returned: always
      type: str
      sample: "2026-01-01T12:00:00+00:00"
    images:
      description: The images of the repository, the newest push first.
      returned: when O(images=true)
      type: list
      elements: dict
      contains:
        image_digest:
          description: The digest of the image manifest.
          returned: always
          type: str
          sample: sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
        image_tags:
          description: The tags of the image, empty for an untagged image.
          returned: always
          type: list
          elements: str
          sample: ["1.4.2", "latest"]
        image_pushed_at:
          description: When the image was pushed.
          returned: always
          type: str
          sample: "2026-01-01T12:00:00+00:00"
    image_tag_found:
      description: Whether an image of the repository has the tag O(image_tag).
      returned: when O(image_tag) is set
      type: bool
      sample: true
missing:
  description: The names asked for (O(name), O(names)) of repositories that don't exist.
  returned: always
  type: list
  elements: str
  sample: ["smartscheduler/old-worker"]
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import ecr
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none): a name ECR would refuse costs no call."""
    problems = []
    for option in ("name", "names"):
        value = params.get(option)
        for name in [value] if isinstance(value, str) else value or []:
            problems.extend(ecr.name_problems(name, option=option))
    if params.get("image_tag") == "":
        problems.append("image_tag must not be empty.")
    return problems


def asked_names(params):
    """The names asked for, once each and in order; None for every repository of the registry."""
    if params.get("name"):
        return [params["name"]]
    if params.get("names"):
        return list(dict.fromkeys(params["names"]))
    return None


def read(client, names):
    """The repositories named (those that exist, in order), or every repository of the registry."""
    if names is None:
        return ecr.list_repositories(client)
    found = (ecr.get_repository(client, name) for name in names)
    return [repository for repository in found if repository is not None]


def add_images(client, repository, params):
    """The repository with its images and image_tag_found, as asked; None when it is gone meanwhile."""
    name = repository["repository_name"]
    if params["images"]:
        images = ecr.describe_images(client, name)
        if images is None:
            return None
        repository["images"] = ecr.images_newest_first(images)
    if params.get("image_tag"):
        found = ecr.image_tag_exists(client, name, params["image_tag"])
        if found is None:
            return None
        repository["image_tag_found"] = found
    return repository


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["repository_name"]),
        names=dict(type="list", elements="str"),
        images=dict(type="bool", default=False),
        image_tag=dict(type="str"),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, mutually_exclusive=[["name", "names"]]
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecr", retry_decorator=AWSRetry.jittered_backoff())

    names = asked_names(params)
    try:
        completed = [add_images(client, repository, params) for repository in read(client, names)]
    except ecr.AnsibleECRError as e:
        module.fail_json_aws_error(e)

    repositories = [repository for repository in completed if repository is not None]
    found = {repository["repository_name"] for repository in repositories}
    missing = [name for name in names or [] if name not in found]
    module.exit_json(changed=False, repositories=repositories, missing=missing)


if __name__ == "__main__":
    main()
