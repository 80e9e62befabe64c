#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_invalidation_info
version_added: 0.6.0
short_description: Read the invalidations of a CloudFront distribution
description:
  - Reads one invalidation by O(id), the one with a O(caller_reference), or lists the distribution's invalidations
    newest first (C(id), C(status), C(create_time) only, as CloudFront's list has no paths or reference).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  distribution_id:
    description: The id of the distribution.
    type: str
    required: true
  id:
    description: The id of one invalidation.
    type: str
  caller_reference:
    description:
      - The caller reference of one invalidation; each candidate inside the search window is read, newest first,
        until one matches (see M(appstack.aws.cloudfront_invalidation)).
    type: str
  search_since:
    description:
      - With O(caller_reference), an ISO 8601 time with its zone; only invalidations created since then (less 15
        minutes) are searched.
    type: str
  lookback:
    description:
      - With O(caller_reference) and without O(search_since), how many hours back the search looks (1 or more).
    type: int
    default: 24
    version_added: 0.7.0
notes:
  - The info twin of M(appstack.aws.cloudfront_invalidation); it returns invalidations in the same form.
  - Needs C(cloudfront:ListInvalidations) and C(cloudfront:GetInvalidation).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the invalidation of a deploy
  appstack.aws.cloudfront_invalidation_info:
    distribution_id: E2QWRUHEXAMPLE
    caller_reference: smartscheduler-frontend-prod/20260104T101500Z-3f2a9b1c
  register: deploy_invalidation

- name: List the distribution's invalidations
  appstack.aws.cloudfront_invalidation_info:
    distribution_id: E2QWRUHEXAMPLE
"""

RETURN = r"""
invalidations:
  description:
    - The invalidations found, in the form M(appstack.aws.cloudfront_invalidation) returns, newest first; a listing
      has C(caller_reference) and C(paths) empty. Empty when O(id) or O(caller_reference) names none.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "I2J0I21PCUYOIK", "status": "Completed", "caller_reference": "web/20260104T101500Z-3f2a9b1c",
            "paths": ["/", "/index.html"], "create_time": "2026-01-04T10:15:07+00:00"}]
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_invalidations as invalidations
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront_invalidations import (
    AnsibleCloudFrontInvalidationError,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    problems = []
    if params.get("search_since"):
        try:
            invalidations.parse_time(params["search_since"])
        except ValueError as e:
            problems.append(f"search_since must be an ISO 8601 time with its zone, e.g. 2026-01-04T10:15:00Z: {e}.")
    if params["lookback"] < 1:
        problems.append(f"lookback must be 1 hour or more, not {params['lookback']}.")
    return problems


def main():
    argument_spec = dict(
        distribution_id=dict(type="str", required=True),
        id=dict(type="str"),
        caller_reference=dict(type="str"),
        search_since=dict(type="str"),
        lookback=dict(type="int", default=invalidations.DEFAULT_LOOKBACK_HOURS),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, mutually_exclusive=[["id", "caller_reference"]]
    )
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())
    distribution_id = params["distribution_id"]

    try:
        if params["id"]:
            found = [invalidations.get_invalidation(client, distribution_id, params["id"])]
        elif params["caller_reference"]:
            since = invalidations.parse_time(params["search_since"]) if params["search_since"] else None
            start = invalidations.search_start(since, params["lookback"])
            found = [invalidations.find_by_caller_reference(client, distribution_id, params["caller_reference"], start)]
        else:
            summaries = invalidations.candidates(invalidations.list_invalidations(client, distribution_id))
            found = [{key: summary.get(key) for key in ("Id", "Status", "CreateTime")} for summary in summaries]
    except AnsibleCloudFrontInvalidationError as e:
        module.fail_json_aws_error(e)

    result = [invalidations.to_ansible(item, distribution_id) for item in found if item]
    module.exit_json(changed=False, invalidations=result)


if __name__ == "__main__":
    main()
