"""Checks of the deploy_frontend role's input, run on the controller before any AWS call.

Argument specs check types; they cannot tell that the build directory lacks its index.html, that a bucket name
breaks S3's rules or that the invalidation threshold is out of CloudFront's range. This filter does, with messages
that name the variable at fault and what it allows. The build directory is read on the controller, where the
deploy runs (the inventory hosts use ansible_connection local).
"""

import os
import re

DOCUMENTATION = r"""
name: deploy_frontend_input_errors
version_added: 0.6.0
short_description: List what is wrong with the input of the deploy_frontend role
description:
  - Returns a list of messages, empty when the input is valid; each names the variable and what is allowed.
  - Checks the build directory (set, a directory, with an C(index.html)) unless O(rollback), the bucket name and
    the distribution id (set, and as AWS spells them), the invalidation threshold (1 to 3000), the paths always
    invalidated, the hashed-file pattern, the Cache-Control values, the wait timeout, the concurrency, the number
    of deploys whose hashed files are kept (0 or more) and the deploy id to roll back to.
options:
  _input:
    description:
      - 'The role''s variables by name, e.g. C({"deploy_frontend_build_dir": "frontend/dist", ...}).'
      - Reads C(deploy_frontend_build_dir), C(deploy_frontend_bucket), C(deploy_frontend_distribution_id),
        C(deploy_frontend_invalidation_max_paths), C(deploy_frontend_invalidate_always),
        C(deploy_frontend_hashed_pattern), C(deploy_frontend_cache_control), C(deploy_frontend_wait_timeout),
        C(deploy_frontend_concurrency), C(deploy_frontend_keep_previous_deploys) and C(deploy_frontend_rollback_to);
        a variable left out is not checked.
    type: dict
    required: true
  rollback:
    description: Check the input of a rollback, which needs no build directory.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Collect the deploy's input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __errors) | unique }}"
  vars:
    __errors: "{{ {'deploy_frontend_build_dir': deploy_frontend_build_dir,
                   'deploy_frontend_bucket': deploy_frontend_bucket} | appstack.aws.deploy_frontend_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# S3 bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): 3 to 63
# lowercase letters, digits, dots and hyphens, a letter or digit first and last, no two adjacent dots, not an IP.
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
IP_ADDRESS = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
# CloudFront distribution ids are upper-case letters and digits (E2QWRUHEXAMPLE).
DISTRIBUTION_ID = re.compile(r"^[A-Z0-9]{6,32}$")
# The ids appstack.aws.s3_frontend_sync gives deploys.
DEPLOY_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")
MAX_INVALIDATION_PATHS = 3000
SOURCE_HINT = (
    "the s3_cloudfront role publishes it (s3_cloudfront_outputs.{key}), and playbooks/outputs.yml records it in"
    " outputs/<env>.json: build the edge tier first (site.yml), or set {name}"
)


def _whole_number(value):
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _build_dir_errors(build_dir):
    if not build_dir:
        return ["deploy_frontend_build_dir is not set: give the build directory, e.g. -e build_dir=frontend/dist"]
    if not os.path.isdir(build_dir):
        return [f"deploy_frontend_build_dir {build_dir} is not a directory (relative paths start where the run starts)"]
    if not os.path.isfile(os.path.join(build_dir, "index.html")):
        return [f"deploy_frontend_build_dir {build_dir} has no index.html: give the build's output directory"]
    return []


def _bucket_errors(bucket):
    if not bucket:
        return ["deploy_frontend_bucket is not set: " + SOURCE_HINT.format(key="frontend_bucket", name="it")]
    if not BUCKET_NAME.match(bucket) or ".." in bucket or IP_ADDRESS.match(bucket):
        return [
            f"deploy_frontend_bucket {bucket} is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots and"
            " hyphens, starting and ending with a letter or digit"
        ]
    return []


def _distribution_errors(distribution_id):
    if not distribution_id:
        return ["deploy_frontend_distribution_id is not set: " + SOURCE_HINT.format(key="distribution_id", name="it")]
    if not DISTRIBUTION_ID.match(distribution_id):
        return [
            f"deploy_frontend_distribution_id {distribution_id} is not a CloudFront distribution id: upper-case"
            " letters and digits, e.g. E2QWRUHEXAMPLE"
        ]
    return []


def _threshold_errors(value):
    number = _whole_number(value)
    if number is None or not 1 <= number <= MAX_INVALIDATION_PATHS:
        return [
            f"deploy_frontend_invalidation_max_paths is {value}: a whole number from 1 to {MAX_INVALIDATION_PATHS}"
            " (above it, the deploy invalidates /*)"
        ]
    return []


def _setting_errors(inputs):
    errors = []
    paths = inputs.get("deploy_frontend_invalidate_always") or []
    wrong = [str(path) for path in paths if not str(path).startswith("/")]
    if wrong:
        errors.append(f"deploy_frontend_invalidate_always holds {', '.join(wrong)}: each path starts with /")
    if "deploy_frontend_hashed_pattern" in inputs:
        try:
            re.compile(str(inputs["deploy_frontend_hashed_pattern"]))
        except re.error as e:
            errors.append(f"deploy_frontend_hashed_pattern is not a regular expression: {e}")
    if "deploy_frontend_cache_control" in inputs:
        value = str(inputs["deploy_frontend_cache_control"] or "")
        if not value.strip() or "\n" in value or "\r" in value:
            errors.append(
                f"deploy_frontend_cache_control is {value!r}: one Cache-Control header value, e.g. public, max-age=3600"
            )
    for name, low in (
        ("deploy_frontend_wait_timeout", 1),
        ("deploy_frontend_concurrency", 1),
        ("deploy_frontend_keep_previous_deploys", 0),
    ):
        if name in inputs:
            number = _whole_number(inputs[name])
            if number is None or number < low:
                errors.append(f"{name} is {inputs[name]}: a whole number of {low} or more")
    return errors


def deploy_frontend_input_errors(inputs, rollback=False):
    """Every problem with the deploy's input, as messages naming the variable (empty: none)."""
    errors = []
    if not rollback:
        errors.extend(_build_dir_errors(str(inputs.get("deploy_frontend_build_dir") or "")))
    elif inputs.get("deploy_frontend_rollback_to") and not DEPLOY_ID.match(str(inputs["deploy_frontend_rollback_to"])):
        errors.append(
            f"deploy_frontend_rollback_to is {inputs['deploy_frontend_rollback_to']}: a deploy id such as"
            " 20260104T101500Z-3f2a9b1c (appstack.aws.s3_frontend_sync_info lists them)"
        )
    errors.extend(_bucket_errors(str(inputs.get("deploy_frontend_bucket") or "")))
    errors.extend(_distribution_errors(str(inputs.get("deploy_frontend_distribution_id") or "")))
    if "deploy_frontend_invalidation_max_paths" in inputs:
        errors.extend(_threshold_errors(inputs["deploy_frontend_invalidation_max_paths"]))
    errors.extend(_setting_errors(inputs))
    return errors


class FilterModule:
    def filters(self):
        return {"deploy_frontend_input_errors": deploy_frontend_input_errors}
