# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The comparisons and planning of appstack.aws.ecr_repository: pure functions of a repository read and the options.

The ecr_repository_drift and ecr_immutable_errors filters call them too, so that a filter and the module never
disagree about what differs; they import nothing of botocore, since Ansible imports every filter file (and what it
uses) in the process of every task. A repository read is the snake_case dict of ``ecr.repository_to_result``.
"""

import json
from copy import deepcopy

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies

# What ECR gives a repository created without these settings.
DEFAULT_IMAGE_TAG_MUTABILITY = "MUTABLE"
DEFAULT_ENCRYPTION_TYPE = "AES256"


def parse_json(value):
    """A JSON document given as text or already parsed, as Python data; None and "" are None."""
    if value is None or value == "":
        return None
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _rule_order(rule):
    """A total order of lifecycle rules: by rulePriority (unique on AWS), then by content."""
    priority = rule.get("rulePriority") if isinstance(rule, dict) else None
    number = priority if isinstance(priority, int) and not isinstance(priority, bool) else float("inf")
    return number, json.dumps(rule, sort_keys=True)


def normalized_lifecycle_policy(policy):
    """A lifecycle policy as compared: parsed, its rules ordered by rulePriority; None when there is none.

    ECR applies rules by priority, so the order they are written in doesn't matter; key order never does.
    """
    policy = parse_json(policy)
    if isinstance(policy, dict) and isinstance(policy.get("rules"), list):
        policy = {**policy, "rules": sorted(policy["rules"], key=_rule_order)}
    return policy


def lifecycle_policies_equal(current, desired):
    return normalized_lifecycle_policy(current) == normalized_lifecycle_policy(desired)


def policies_equal(current, desired):
    """Whether two repository policies mean the same, as amazon.aws compares IAM policies."""
    current, desired = parse_json(current), parse_json(desired)
    if current is None or desired is None:
        return current is None and desired is None
    return not compare_policies(current, desired)


def scan_on_push(repository):
    return bool((repository.get("image_scanning_configuration") or {}).get("scan_on_push"))


def encryption_of(repository):
    """(encryption type, KMS key ARN or None) of a repository read."""
    encryption = repository.get("encryption_configuration") or {}
    return encryption.get("encryption_type") or DEFAULT_ENCRYPTION_TYPE, encryption.get("kms_key")


def immutable_differences(current, params):
    """The encryption settings asked for that differ from the repository's, which ECR can't change, as phrases."""
    current_type, current_key = encryption_of(current)
    wanted_type, wanted_key = params.get("encryption_type"), params.get("kms_key")
    if wanted_type and wanted_type != current_type:
        return [f"encryption_type is {current_type}, not {wanted_type}"]
    # A key means something only with KMS encryption (validate() refuses one without it).
    if wanted_key and (wanted_type or current_type) == "KMS" and wanted_key != current_key:
        return [f"kms_key is {current_key or 'not set'}, not {wanted_key}"]
    return []


def immutable_message(name, differences):
    """The failure message for encryption settings that differ: what differs, and how to get there."""
    return (
        f"ECR repository {name} can't be changed in place: {'; '.join(differences)}. ECR can't change the"
        " encryption of a repository after it is created. To change it, create a repository under another name"
        " with the new encryption_type and kms_key, copy the images to it (pull and push them, or replicate them),"
        " move its clients to it, then delete this one (state=absent, with force_delete=true while it holds"
        " images); or leave encryption_type and kms_key unset, or as the repository has them."
    )


def _policy_change(current, desired, purge, equal):
    """(whether it changes, the new policy or None to delete it) for one of the two policies."""
    desired = parse_json(desired)
    if desired is not None:
        return not equal(current, desired), desired
    return bool(purge and current is not None), None


def plan_changes(current, params):
    """What the module changes on an existing repository, tags and encryption aside: {option: new value}.

    Only the options given are compared; None as the new value of lifecycle_policy or policy means deleting it.
    """
    changes = {}
    mutability = params.get("image_tag_mutability")
    if mutability and mutability != current.get("image_tag_mutability"):
        changes["image_tag_mutability"] = mutability
    if params.get("scan_on_push") is not None and params["scan_on_push"] != scan_on_push(current):
        changes["scan_on_push"] = params["scan_on_push"]
    for option, purge, equal in (
        ("lifecycle_policy", "purge_lifecycle_policy", lifecycle_policies_equal),
        ("policy", "purge_policy", policies_equal),
    ):
        changed, value = _policy_change(current.get(option), params.get(option), params.get(purge), equal)
        if changed:
            changes[option] = value
    return changes


def apply_changes(repository, changes):
    """The repository as it is expected to be once plan_changes' changes are made."""
    result = deepcopy(repository)
    if "image_tag_mutability" in changes:
        result["image_tag_mutability"] = changes["image_tag_mutability"]
    if "scan_on_push" in changes:
        result.setdefault("image_scanning_configuration", {})["scan_on_push"] = changes["scan_on_push"]
    for option in ("lifecycle_policy", "policy"):
        if option in changes:
            result[option] = deepcopy(changes[option])
    return result


def predicted_repository(params):
    """The repository a creation from params is expected to give (check mode); ARN and URI only AWS knows."""
    return {
        "repository_name": params["name"],
        "image_tag_mutability": params.get("image_tag_mutability") or DEFAULT_IMAGE_TAG_MUTABILITY,
        "image_scanning_configuration": {"scan_on_push": bool(params.get("scan_on_push"))},
        "encryption_configuration": {
            "encryption_type": params.get("encryption_type") or DEFAULT_ENCRYPTION_TYPE,
            "kms_key": params.get("kms_key"),
        },
        "lifecycle_policy": parse_json(params.get("lifecycle_policy")),
        "policy": parse_json(params.get("policy")),
        "tags": {key: str(value) for key, value in (params.get("tags") or {}).items()},
    }
