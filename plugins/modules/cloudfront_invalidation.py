#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_invalidation
version_added: 0.6.0
short_description: Invalidate paths of a CloudFront distribution, once per caller reference
description:
  - Creates a CloudFront invalidation of O(paths) identified by O(caller_reference), unless the distribution has
    one with that reference already; a second run with the same reference reports no change and creates nothing.
  - The search for an existing invalidation is bounded by an idempotency window, the invalidations created
    since O(search_since) (less 15 minutes, for clock skew) or, without it, in the last O(lookback) hours.
    CloudFront lists invalidations newest first, a page (up to 100) at a time. The module reads pages until one
    reaches past the window's start, or until it finds the reference, and reads each candidate inside the
    window (C(GetInvalidation), as the list does not return the reference), newest first.
  - An invalidation with O(caller_reference) created before the window is not found. The module then sends
    C(CreateInvalidation) again (and check mode predicts it); with the same paths CloudFront makes no new
    invalidation and answers the earlier one, which the module reports unchanged. Give O(search_since) (the
    time the reference was first used, such as a deploy's) to make the window cover it.
  - Optionally waits until the invalidation has completed.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  distribution_id:
    description: The id of the distribution.
    type: str
    required: true
  paths:
    description:
      - The paths to invalidate, each starting with C(/); C(*) only at the end (C(/static/*), C(/*)). Up to 3000.
      - Keys with characters outside RFC 3986's unreserved and sub-delimiters are given percent-encoded.
    type: list
    elements: str
    required: true
  caller_reference:
    description:
      - The identity of this invalidation (CloudFront's C(CallerReference)), e.g. the deploy's id. An invalidation
        with this reference and other paths makes the module fail, as CloudFront would refuse it.
    type: str
    required: true
  search_since:
    description:
      - An ISO 8601 time with its zone (C(2026-01-04T10:15:00Z)); only invalidations created since then (less 15
        minutes, for clock skew) are searched for O(caller_reference). When not set, O(lookback) bounds the
        search.
    type: str
  lookback:
    description:
      - Without O(search_since), how many hours back the search for O(caller_reference) looks (1 or more).
    type: int
    default: 24
    version_added: 0.7.0
  wait:
    description: Wait until the invalidation has completed (a new one, or one found in progress).
    type: bool
    default: false
  wait_timeout:
    description: How many seconds to wait at most.
    type: int
    default: 900
notes:
  - Supports check mode, which reads the distribution's invalidations and says whether one would be created, and
    diff.
  - Replaces M(community.aws.cloudfront_invalidation), which has no check mode and no wait, reads every
    invalidation of the distribution on each run, and sends C(CreateInvalidation) even when the reference exists.
  - A distribution's invalidation history grows with every deploy; the window keeps each run's reads to the
    recent pages (one C(ListInvalidations) when the window fits in the newest page).
  - Needs C(cloudfront:ListInvalidations), C(cloudfront:GetInvalidation) and C(cloudfront:CreateInvalidation).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Invalidate what the deploy changed
  appstack.aws.cloudfront_invalidation:
    distribution_id: E2QWRUHEXAMPLE
    caller_reference: smartscheduler-frontend-prod/20260104T101500Z-3f2a9b1c
    search_since: "2026-01-04T10:15:00Z"
    paths: [/index.html, /]
    wait: true
    wait_timeout: 600
"""

RETURN = r"""
invalidation:
  description: The invalidation (the predicted one, without an id, under check mode when it would be created).
  returned: always
  type: dict
  contains:
    id:
      description: The id of the invalidation.
      returned: always
      type: str
      sample: I2J0I21PCUYOIK
    distribution_id:
      description: The id of the distribution.
      returned: always
      type: str
      sample: E2QWRUHEXAMPLE
    status:
      description: C(InProgress) or C(Completed).
      returned: always
      type: str
      sample: InProgress
    create_time:
      description: When it was created.
      returned: always
      type: str
      sample: "2026-01-04T10:15:07+00:00"
    caller_reference:
      description: Its caller reference.
      returned: always
      type: str
    paths:
      description: Its paths, sorted.
      returned: always
      type: list
      elements: str
      sample: [/, /index.html]
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_invalidations as invalidations
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront_invalidations import (
    AnsibleCloudFrontInvalidationError,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = invalidations.path_problems(params["paths"])
    if not params["caller_reference"]:
        problems.append("caller_reference must not be empty.")
    if params.get("search_since"):
        try:
            invalidations.parse_time(params["search_since"])
        except ValueError as e:
            problems.append(f"search_since must be an ISO 8601 time with its zone, e.g. 2026-01-04T10:15:00Z: {e}.")
    if params["lookback"] < 1:
        problems.append(f"lookback must be 1 hour or more, not {params['lookback']}.")
    problems.extend(wait_timeout_problems(params.get("wait_timeout")))
    return problems


def ensure_present(client, params, check_mode):
    """Create the invalidation unless it exists; returns (changed, invalidation in boto3 form or predicted)."""
    distribution_id, reference = params["distribution_id"], params["caller_reference"]
    since = invalidations.parse_time(params["search_since"]) if params.get("search_since") else None
    start = invalidations.search_start(since, params["lookback"])
    existing = invalidations.find_by_caller_reference(client, distribution_id, reference, start)
    if existing:
        found = sorted(existing["InvalidationBatch"]["Paths"].get("Items") or [])
        if found != sorted(params["paths"]):
            raise AnsibleCloudFrontInvalidationError(
                message=f"Invalidation {existing['Id']} of distribution {distribution_id} has caller reference"
                f" {reference} with other paths ({', '.join(found)}); CloudFront refuses a reference again with other"
                " paths: give this batch a new caller_reference."
            )
        return False, existing
    predicted = {
        "Status": "InProgress",
        "InvalidationBatch": {"CallerReference": reference, "Paths": {"Items": list(params["paths"])}},
    }
    if check_mode:
        return True, predicted
    created = invalidations.create_invalidation(client, distribution_id, reference, params["paths"])
    # CloudFront answers the earlier invalidation of this reference and paths, older than the window, unchanged.
    return not invalidations.is_earlier(created, start), created


def main():
    argument_spec = dict(
        distribution_id=dict(type="str", required=True),
        paths=dict(type="list", elements="str", required=True),
        caller_reference=dict(type="str", required=True),
        search_since=dict(type="str"),
        lookback=dict(type="int", default=invalidations.DEFAULT_LOOKBACK_HOURS),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=900),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())
    distribution_id = params["distribution_id"]

    try:
        changed, invalidation = ensure_present(client, params, module.check_mode)
        if params["wait"] and not module.check_mode and invalidation["Status"] != invalidations.COMPLETED:
            invalidations.wait_completed(client, distribution_id, invalidation["Id"], params["wait_timeout"])
            invalidation = invalidations.get_invalidation(client, distribution_id, invalidation["Id"])
    except AnsibleCloudFrontInvalidationError as e:
        module.fail_json_aws_error(e)

    result = {"changed": changed, "invalidation": invalidations.to_ansible(invalidation, distribution_id)}
    if changed:
        after = {key: result["invalidation"][key] for key in ("caller_reference", "paths")}
        result["diff"] = {"before": {}, "after": after}
    module.exit_json(**result)


if __name__ == "__main__":
    main()
