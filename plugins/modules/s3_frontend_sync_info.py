#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: s3_frontend_sync_info
version_added: 0.6.0
short_description: Read the frontend deploys recorded in an S3 bucket
description:
  - Lists the deploy records that M(appstack.aws.s3_frontend_sync) writes in a bucket, newest first, and reads the
    current deploy's record, or the one of O(deploy_id).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  bucket:
    description: The name of the bucket.
    type: str
    required: true
  deploy_id:
    description: The id of a deploy whose record to read, files included.
    type: str
  manifest_prefix:
    description: Where the deploy records live in the bucket, as given to M(appstack.aws.s3_frontend_sync).
    type: str
    default: .appstack/deploys/
notes:
  - The info twin of M(appstack.aws.s3_frontend_sync).
  - Needs C(s3:ListBucket) and C(s3:GetObject).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: List the frontend deploys
  appstack.aws.s3_frontend_sync_info:
    bucket: smartscheduler-frontend-prod
  register: frontend_deploys

- name: Read one deploy's files and versions
  appstack.aws.s3_frontend_sync_info:
    bucket: smartscheduler-frontend-prod
    deploy_id: 20260104T101500Z-3f2a9b1c
"""

RETURN = r"""
deploys:
  description: The deploy records of the bucket, newest first, each C({id, key, last_modified, size}).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "20260104T101500Z-3f2a9b1c", "key": ".appstack/deploys/20260104T101500Z-3f2a9b1c.json"}]
current:
  description:
    - The current deploy's record (C(id), C(kind), C(created), C(previous), C(restored), C(build_sha256),
      C(invalidation), C(files) by key with C(version_id), C(etag), C(sha256), C(size), C(content_type),
      C(cache_control)); None when no deploy is recorded.
  returned: always
  type: dict
deploy:
  description: The record of O(deploy_id), in the same form; None when there is no such record.
  returned: when O(deploy_id) is set
  type: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.s3_frontend import AnsibleS3FrontendError


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    prefix = params["manifest_prefix"]
    if not prefix.endswith("/") or prefix.startswith("/"):
        return [f"manifest_prefix must end with / and not start with one, not {prefix}."]
    return []


def main():
    argument_spec = dict(
        bucket=dict(type="str", required=True),
        deploy_id=dict(type="str"),
        manifest_prefix=dict(type="str", default=plan.MANIFEST_PREFIX),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("s3", retry_decorator=AWSRetry.jittered_backoff())
    bucket, prefix = params["bucket"], params["manifest_prefix"]

    result = {"changed": False}
    try:
        result["deploys"] = s3_frontend.list_manifests(client, bucket, prefix)
        result["current"] = s3_frontend.get_json(client, bucket, prefix + plan.CURRENT_NAME)
        if params["deploy_id"]:
            result["deploy"] = s3_frontend.get_json(client, bucket, plan.manifest_key(prefix, params["deploy_id"]))
    except AnsibleS3FrontendError as e:
        module.fail_json_aws_error(e)

    module.exit_json(**result)


if __name__ == "__main__":
    main()
