#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecr_repository
version_added: 0.5.0
short_description: Manage Amazon ECR repositories, their policies and their tags
description:
  - Create, update and delete an Amazon ECR private repository with its image tag mutability, scan on push,
    encryption, lifecycle policy, repository policy and tags.
  - On an existing repository, only the settings given are compared and changed; an option left unset leaves that
    setting as it is.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the repository (C(repositoryName)), such as C(smartscheduler/web).
      - 2 to 256 lower-case letters and digits, with C(.), C(_) or C(-) between them and C(/) between path
        components.
    type: str
    required: true
    aliases: ["repository_name"]
  state:
    description:
      - Whether the repository should exist.
      - O(state=absent) deletes the repository; one that holds images is deleted only with O(force_delete=true).
    type: str
    choices: ["present", "absent"]
    default: present
  image_tag_mutability:
    description:
      - Whether a tag can be pushed again to point at another image (V(MUTABLE)) or not (V(IMMUTABLE)).
      - When not set, an existing repository keeps its setting and a new one gets ECR's default, V(MUTABLE).
    type: str
    choices: ["MUTABLE", "IMMUTABLE"]
  scan_on_push:
    description:
      - Whether ECR scans each image for vulnerabilities when it is pushed (basic scanning).
      - When not set, an existing repository keeps its setting and a new one doesn't scan on push.
    type: bool
  encryption_type:
    description:
      - How ECR encrypts the images at rest, with its own key (V(AES256)) or with the KMS key O(kms_key) (V(KMS)).
      - Set at creation only; a new repository without it gets V(AES256). ECR can't change the encryption of a
        repository, so when it differs from the existing repository's, the module fails without changing anything;
        the message says how to move to a new repository.
    type: str
    choices: ["AES256", "KMS"]
  kms_key:
    description:
      - The ARN of the KMS key that encrypts the repository; required with O(encryption_type=KMS), and only used
        with it.
      - An alias or a key id is refused, because ECR reports the key by ARN and they would never compare equal.
      - Set at creation only, like O(encryption_type).
    type: str
  lifecycle_policy:
    description:
      - The lifecycle policy of the repository, as a JSON string or a dict with a non-empty list of C(rules).
      - Compared by meaning, with the repository's; the order of keys and of rules (which ECR applies by
        C(rulePriority)) doesn't matter.
      - When not set, the lifecycle policy is left as it is; see O(purge_lifecycle_policy).
    type: json
  purge_lifecycle_policy:
    description:
      - Delete the lifecycle policy of the repository, when it has one. Can't be used with O(lifecycle_policy).
    type: bool
    default: false
  policy:
    description:
      - The repository policy (who may pull or push), as a JSON string or a dict with a C(Statement).
      - Compared by meaning, as amazon.aws compares IAM policies (the order of statements, of actions and of
        principals doesn't matter).
      - When not set, the repository policy is left as it is; see O(purge_policy).
    type: json
  purge_policy:
    description:
      - Delete the repository policy, when there is one. Can't be used with O(policy).
    type: bool
    default: false
  force_delete:
    description:
      - With O(state=absent), delete the repository with the images it holds. Without it, a repository that holds
        images is not deleted and the module fails, saying so, before any change.
    type: bool
    default: false
notes:
  - M(community.aws.ecs_ecr) has no tags, resets O(scan_on_push) to false when it is not set, and can't tell a
    lifecycle policy that only differs in the order of its rules from a new one.
  - The options are checked before any API call (the name by AWS's rules, O(kms_key) with O(encryption_type), the
    policy documents); a failure lists every problem found.
  - "Calls made: C(DescribeRepositories), C(ListTagsForResource), C(GetLifecyclePolicy) and C(GetRepositoryPolicy)
    to read the repository (the first alone when it doesn't exist); then only what differs, among
    C(CreateRepository), C(PutImageTagMutability), C(PutImageScanningConfiguration), C(PutLifecyclePolicy),
    C(DeleteLifecyclePolicy), C(SetRepositoryPolicy), C(DeleteRepositoryPolicy), C(TagResource) and
    C(UntagResource); with O(state=absent), C(ListImages) (unless O(force_delete=true)) and C(DeleteRepository).
    After a change, the repository is read again. The IAM permissions are the C(ecr:) actions of the same names."
  - Use M(appstack.aws.ecr_repository_info) to read repositories and their images, and the
    C(appstack.aws.ecr_repository_drift) filter to compare one with these options without calling this module.
  - Supports check mode and diff mode. Check mode returns the expected repository and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the repository of the web image, encrypted with a KMS key, keeping 30 tagged images
  appstack.aws.ecr_repository:
    name: smartscheduler/web
    image_tag_mutability: IMMUTABLE
    scan_on_push: true
    encryption_type: KMS
    kms_key: arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
    lifecycle_policy:
      rules:
        - rulePriority: 1
          description: Expire untagged images after 14 days
          selection: {tagStatus: untagged, countType: sinceImagePushed, countUnit: days, countNumber: 14}
          action: {type: expire}
        - rulePriority: 2
          description: Keep the 30 newest tagged images
          selection: {tagStatus: tagged, tagPatternList: ["*"], countType: imageCountMoreThan, countNumber: 30}
          action: {type: expire}
    policy:
      Version: "2012-10-17"
      Statement:
        - Sid: PullFromTheDeployAccount
          Effect: Allow
          Principal: {AWS: "arn:aws:iam::210987654321:root"}
          Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchCheckLayerAvailability]
    tags:
      Environment: prod

- name: Turn scan on push on without touching any other setting
  appstack.aws.ecr_repository:
    name: smartscheduler/web
    scan_on_push: true

- name: Remove the repository policy
  appstack.aws.ecr_repository:
    name: smartscheduler/web
    purge_policy: true

- name: Delete a repository with its images
  appstack.aws.ecr_repository:
    name: smartscheduler/old-worker
    state: absent
    force_delete: true
"""

RETURN = r"""
repository:
  description:
    - The repository, with its policies and tags.
    - In check mode, the state the repository would have; values only AWS can give (the ARN, the URI and the
      creation date of a new repository) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    repository_name:
      description: The name of the repository.
      returned: always
      type: str
      sample: smartscheduler/web
    repository_arn:
      description: The ARN of the repository.
      returned: when the repository exists
      type: str
      sample: arn:aws:ecr:us-east-1:123456789012:repository/smartscheduler/web
    repository_uri:
      description: The URI to push to and pull from (C(docker push URI:TAG)).
      returned: when the repository exists
      type: str
      sample: 123456789012.dkr.ecr.us-east-1.amazonaws.com/smartscheduler/web
    registry_id:
      description: The account id of the registry holding the repository.
      returned: when the repository exists
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
      sample: {"encryption_type": "KMS", "kms_key": "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}
    lifecycle_policy:
      description: The lifecycle policy as a dict, with the keys AWS has (not snake-cased); null when there is none.
      returned: always
      type: dict
      sample: {"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
               "countUnit": "days", "countNumber": 14}, "action": {"type": "expire"}}]}
    policy:
      description: The repository policy as a dict, with the keys AWS has (not snake-cased); null when there is none.
      returned: always
      type: dict
      sample: {"Version": "2012-10-17", "Statement": [{"Sid": "Pull", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": ["ecr:BatchGetImage"]}]}
    tags:
      description: The tags of the repository.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    created_at:
      description: When the repository was created.
      returned: when the repository exists
      type: str
      sample: "2026-01-01T12:00:00+00:00"
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import ecr, ecr_plan
from ansible_collections.appstack.aws.plugins.module_utils.ecr import AnsibleECRError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = ecr.name_problems(params["name"])
    problems.extend(ecr.encryption_problems(params))
    problems.extend(ecr.lifecycle_policy_problems(params.get("lifecycle_policy")))
    problems.extend(ecr.policy_problems(params.get("policy")))
    for option, purge in (("lifecycle_policy", "purge_lifecycle_policy"), ("policy", "purge_policy")):
        if params.get(option) is not None and params.get(purge):
            problems.append(f"{purge}=true deletes the {option.replace('_', ' ')}: don't set {option} with it.")
    return problems


def check_replaceable(current, params):
    """Refuse to go on, before any change, when the encryption asked for differs from the repository's."""
    differences = ecr_plan.immutable_differences(current, params)
    if differences:
        raise AnsibleECRError(message=ecr_plan.immutable_message(params["name"], differences))


def create(client, params, check_mode):
    """Create the repository with every setting CreateRepository takes, then its policies."""
    predicted = ecr_plan.predicted_repository(params)
    if check_mode:
        return predicted
    ecr.create_repository(client, params)
    # CreateRepository takes neither policy: each is one more call.
    if predicted["lifecycle_policy"] is not None:
        ecr.put_lifecycle_policy(client, params["name"], predicted["lifecycle_policy"])
    if predicted["policy"] is not None:
        ecr.set_policy(client, params["name"], predicted["policy"])
    return predicted


def ensure_settings(client, repository, params, check_mode):
    changes = ecr_plan.plan_changes(repository, params)
    if not changes:
        return False, repository
    if not check_mode:
        name = params["name"]
        if "image_tag_mutability" in changes:
            ecr.put_image_tag_mutability(client, name, changes["image_tag_mutability"])
        if "scan_on_push" in changes:
            ecr.put_scan_on_push(client, name, changes["scan_on_push"])
        for option, put, delete in (
            ("lifecycle_policy", ecr.put_lifecycle_policy, ecr.delete_lifecycle_policy),
            ("policy", ecr.set_policy, ecr.delete_policy),
        ):
            if option in changes:
                if changes[option] is None:
                    delete(client, name)
                else:
                    put(client, name, changes[option])
    return True, ecr_plan.apply_changes(repository, changes)


def ensure_repository_tags(client, repository, params, check_mode):
    arn = repository["repository_arn"]
    return ensure_tags(
        repository,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(ecr.tag_repository, client, arn),
        untag=partial(ecr.untag_repository, client, arn),
    )


def ensure_present(client, current, params, check_mode):
    """Bring the repository to what params ask for; returns (changed, expected state)."""
    if not current:
        return True, create(client, params, check_mode)
    check_replaceable(current, params)
    changed, repository = False, current
    for step in (ensure_settings, ensure_repository_tags):
        step_changed, repository = step(client, repository, params, check_mode)
        changed = changed or step_changed
    return changed, repository


def ensure_absent(client, current, params, check_mode):
    """Delete the repository; returns (changed, expected state), the state being None: no repository."""
    if not current:
        return False, None
    # Checked first, so that check mode predicts the refusal and a real run fails with advice, not AWS's code.
    if not params["force_delete"] and ecr.has_images(client, params["name"]):
        raise AnsibleECRError(
            message=(
                f"ECR repository {params['name']} holds images, so it was not deleted. Set force_delete=true to"
                " delete it with its images, or delete the images first."
            )
        )
    if not check_mode:
        ecr.delete_repository(client, params["name"], params["force_delete"])
    return True, None


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["repository_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        image_tag_mutability=dict(type="str", choices=ecr.IMAGE_TAG_MUTABILITIES),
        scan_on_push=dict(type="bool"),
        encryption_type=dict(type="str", choices=ecr.ENCRYPTION_TYPES),
        kms_key=dict(type="str"),
        lifecycle_policy=dict(type="json"),
        purge_lifecycle_policy=dict(type="bool", default=False),
        policy=dict(type="json"),
        purge_policy=dict(type="bool", default=False),
        force_delete=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("ecr", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = ecr.get_repository(client, params["name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, params, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, module.check_mode)
            if changed and not module.check_mode:
                final = ecr.get_repository(client, params["name"]) or final
            result["repository"] = final
    except AnsibleECRError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
