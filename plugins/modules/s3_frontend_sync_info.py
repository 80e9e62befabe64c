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
  - With O(check_restorable=true), says whether each record it returns can still be restored, that is whether
    every object version it names still exists (a lifecycle rule expires noncurrent versions).
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
  check_restorable:
    description:
      - Check that every object version named by the records returned (RV(current), and RV(deploy) with
        O(deploy_id)) still exists, and add C(restorable) and C(missing_versions) to each.
      - Costs one C(HeadObject) per file of each record, O(concurrency) at once.
    type: bool
    default: false
    version_added: 0.7.0
  concurrency:
    description: With O(check_restorable=true), how many object versions are checked at once.
    type: int
    default: 8
    version_added: 0.7.0
notes:
  - The info twin of M(appstack.aws.s3_frontend_sync).
  - Needs C(s3:ListBucket) and C(s3:GetObject), and with O(check_restorable=true) C(s3:GetObjectVersion).
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

- name: Check that a deploy can still be rolled back to
  appstack.aws.s3_frontend_sync_info:
    bucket: smartscheduler-frontend-prod
    deploy_id: 20260103T091000Z-0a1b2c3d
    check_restorable: true
  register: frontend_deploy
  failed_when: not frontend_deploy.deploy.restorable
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
    - With O(check_restorable=true), also C(restorable) (whether every version it names still exists) and
      C(missing_versions) (the keys whose version is gone, or was never recorded).
  returned: always
  type: dict
deploy:
  description: The record of O(deploy_id), in the same form; None when there is no such record.
  returned: when O(deploy_id) is set
  type: dict
  sample: {"id": "20260103T091000Z-0a1b2c3d", "restorable": false, "missing_versions": ["index.html"]}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.s3_frontend import AnsibleS3FrontendError


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    problems = []
    prefix = params["manifest_prefix"]
    if not prefix.endswith("/") or prefix.startswith("/"):
        problems.append(f"manifest_prefix must end with / and not start with one, not {prefix}.")
    if params["concurrency"] < 1:
        problems.append(f"concurrency must be 1 or more, not {params['concurrency']}.")
    return problems


def with_restorability(client, bucket, record, concurrency):
    """The record with restorable and missing_versions (the keys whose recorded version is gone or unknown)."""
    if not record:
        return record
    versions, unversioned = plan.recorded_versions(record)
    missing = sorted(unversioned + s3_frontend.missing_versions(client, bucket, versions, concurrency))
    return {**record, "restorable": not missing, "missing_versions": missing}


def main():
    argument_spec = dict(
        bucket=dict(type="str", required=True),
        deploy_id=dict(type="str"),
        manifest_prefix=dict(type="str", default=plan.MANIFEST_PREFIX),
        check_restorable=dict(type="bool", default=False),
        concurrency=dict(type="int", default=8),
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
        if params["check_restorable"]:
            for name in ("current", "deploy"):
                if name in result:
                    result[name] = with_restorability(client, bucket, result[name], params["concurrency"])
    except AnsibleS3FrontendError as e:
        module.fail_json_aws_error(e)

    module.exit_json(**result)


if __name__ == "__main__":
    main()
