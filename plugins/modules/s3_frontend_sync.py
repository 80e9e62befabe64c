#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: s3_frontend_sync
version_added: 0.6.0
short_description: Deploy a static frontend build to an S3 bucket, or roll it back
description:
  - Uploads the files of a build directory that differ from the bucket's, with a Content-Type by extension and a
    Cache-Control by path, deletes the objects the build no longer has, and records the deploy in the bucket.
  - Content-hashed files the build no longer has are kept while one of the last O(keep_previous_deploys) deploy
    records lists them, since viewers and CloudFront edges may still hold an earlier C(index.html), cached up to
    its TTL, that names them. Other files the build no longer has are deleted.
  - Files are compared by content hash, the SHA-256 stored in each object's metadata (C(x-amz-meta-sha256)) when
    it is uploaded. An ETag is not a content hash for objects encrypted with SSE-KMS or uploaded in parts.
  - Each deploy that changes the bucket writes a record, C(<manifest_prefix><id>.json) and
    C(<manifest_prefix>current.json), listing every key with its C(VersionId), content hash and headers, the
    deploy before it, and the CloudFront paths to invalidate. The deploy records are never synced or deleted.
  - With O(rollback=true), restores the files of the deploy before the current one (or O(rollback_to)); the
    earlier version of each changed object is copied over the current one and keys that deploy did not have are
    deleted. The bucket must be versioned.
  - Before a rollback writes anything, it checks that every object version it would restore still exists (one
    C(HeadObject) each, O(concurrency) at once), as a lifecycle rule expires noncurrent versions. When one is
    gone, the module fails naming its keys and writes nothing.
  - Returns the paths to invalidate; M(appstack.aws.cloudfront_invalidation) invalidates them.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  bucket:
    description: The name of the bucket.
    type: str
    required: true
  build_dir:
    description:
      - The build directory on the host that runs the module (the controller, for an inventory host with
        C(ansible_connection=local)); its path below this directory is each file's key.
      - Required unless O(rollback=true).
    type: path
  rollback:
    description: Restore an earlier deploy instead of syncing O(build_dir).
    type: bool
    default: false
  rollback_to:
    description:
      - The id of the deploy to restore (see M(appstack.aws.s3_frontend_sync_info)). When not set, the deploy
        before the current one.
      - Only with O(rollback=true).
    type: str
  delete:
    description: Delete the objects that the build does not have (a versioned bucket keeps them as old versions).
    type: bool
    default: true
  keep_previous_deploys:
    description:
      - How many recorded deploys before this one keep their content-hashed files (those O(hashed_pattern)
        matches) in the bucket after the build drops them. A hashed key the build no longer has is deleted only
        when none of these deploys' records lists it; C(0) deletes it at once.
      - The deploys are the current one and those before it, newest first; when the run records no new deploy
        (the current build again), those before the current one, so that a re-run keeps what its deploy kept.
      - Costs one C(ListObjectsV2) of the records and one C(GetObject) per record read, only when the build
        dropped a hashed file.
    type: int
    default: 2
    version_added: 0.7.0
  exclude:
    description: Globs of keys (C(fnmatch), relative to O(build_dir)) that are neither uploaded nor deleted.
    type: list
    elements: str
    default: []
  hashed_pattern:
    description:
      - A regular expression searched in each file name (not its directory); a match marks the file as
        content-hashed, served with O(cache_control.hashed).
      - The default finds webpack's and Create React App's C(main.3f2a9b1c.js). For Vite's C(index-BxYz12Ab.js)
        use for example C(-[A-Za-z0-9_]{8}\.(js|css)$).
    type: str
    default: '\.[0-9a-f]{8,}\.'
  no_cache_paths:
    description: Globs of keys served with O(cache_control.no_cache); they win over O(hashed_pattern).
    type: list
    elements: str
    default: [index.html]
  cache_control:
    description: The Cache-Control header of each kind of file.
    type: dict
    default: {}
    suboptions:
      no_cache:
        description: For O(no_cache_paths).
        type: str
        default: no-cache
      hashed:
        description: For content-hashed files.
        type: str
        default: public, max-age=31536000, immutable
      default:
        description: For every other file.
        type: str
        default: public, max-age=3600
  content_types:
    description:
      - Content-Type by extension (with its dot, C(.js)), over the module's table of web types; an unknown
        extension is served as C(application/octet-stream). Text types get C(; charset=utf-8).
    type: dict
    default: {}
  invalidate_always:
    description:
      - Paths invalidated whenever a deploy changes anything. C(/) is the default root object, which CloudFront
        caches under the path viewers ask for.
    type: list
    elements: str
    default: [/index.html, /]
  invalidation_max_paths:
    description: When more paths than this changed, the deploy invalidates C(/*) instead (1 to 3000).
    type: int
    default: 15
  manifest_prefix:
    description: Where the deploy records live in the bucket; ends with C(/).
    type: str
    default: .appstack/deploys/
  concurrency:
    description: How many files are uploaded at once.
    type: int
    default: 8
notes:
  - Supports check mode, which lists what would be uploaded, deleted and invalidated and writes nothing, and diff.
  - Ansible modules cannot show output while they run. The module logs a line per 50 files uploaded to the
    host's log (syslog or the journal) and returns those lines in RV(progress).
  - Files are uploaded with one C(PutObject) each (up to 5 GB), the C(no_cache) ones (C(index.html)) after every
    other, so that no viewer gets a page naming assets not uploaded yet; deletions come last.
  - Needs C(s3:ListBucket), C(s3:GetObject), C(s3:PutObject) and C(s3:DeleteObject), and for a rollback
    C(s3:GetObjectVersion) (which C(HeadObject) of a version needs too).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Deploy the build
  appstack.aws.s3_frontend_sync:
    bucket: smartscheduler-frontend-prod
    build_dir: frontend/dist
    cache_control:
      default: public, max-age=3600
  register: frontend_sync

- name: Roll back to the deploy before the current one
  appstack.aws.s3_frontend_sync:
    bucket: smartscheduler-frontend-prod
    rollback: true
"""

RETURN = r"""
uploaded:
  description: The keys uploaded (restored, for a rollback), or that would be under check mode.
  returned: always
  type: list
  elements: str
  sample: [index.html, static/js/main.3f2a9b1c.js]
deleted:
  description: The keys deleted, or that would be.
  returned: always
  type: list
  elements: str
  sample: [static/js/main.0a1b2c3d.js]
kept:
  description:
    - The content-hashed keys the build no longer has that stay in the bucket because one of the last
      O(keep_previous_deploys) deploys lists them.
  returned: always
  type: list
  elements: str
  sample: [static/js/main.0a1b2c3d.js]
  version_added: 0.7.0
unchanged:
  description: The keys whose object already has the same content and headers.
  returned: always
  type: list
  elements: str
invalidation_paths:
  description: The CloudFront paths this run's changes need invalidated; empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: [/, /index.html, /static/css/main.css]
invalidations:
  description:
    - The invalidations the recorded deploys need, oldest first, each C({deploy_id, created, caller_reference,
      paths}). The current deploy's, and when this run recorded a new deploy, the one before it (in case its run
      stopped before its invalidation). Invalidating them again with the same C(caller_reference) changes nothing.
  returned: always
  type: list
  elements: dict
deploy:
  description:
    - The current deploy's record without its files (C(id), C(kind) C(deploy) or C(rollback), C(created),
      C(previous), C(restored), C(build_sha256), C(invalidation)), and C(manifest_key); the predicted one under
      check mode. None when no deploy is recorded.
  returned: always
  type: dict
  sample: {"id": "20260104T101500Z-3f2a9b1c", "kind": "deploy", "previous": "20260103T091000Z-0a1b2c3d"}
summary:
  description: The counts C(uploaded), C(deleted), C(kept), C(unchanged) and C(invalidated) (paths).
  returned: always
  type: dict
  sample: {"uploaded": 1, "deleted": 0, "kept": 1, "unchanged": 5, "invalidated": 3}
progress:
  description: One line per 50 files uploaded, as logged while uploading.
  returned: always
  type: list
  elements: str
  sample: ["Uploaded 50 of 120 files (2.4 MB)"]
"""

import os
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.s3_frontend import AnsibleS3FrontendError

PROGRESS_EVERY = 50


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if params["rollback"]:
        if params.get("build_dir"):
            problems.append("build_dir is not used with rollback=true: a rollback restores an earlier deploy.")
    else:
        if not params.get("build_dir"):
            problems.append("build_dir is required to deploy (or set rollback=true).")
        elif not os.path.isdir(params["build_dir"]):
            problems.append(f"build_dir {params['build_dir']} is not a directory.")
        if params.get("rollback_to"):
            problems.append("rollback_to needs rollback=true.")
    try:
        re.compile(params["hashed_pattern"])
    except re.error as e:
        problems.append(f"hashed_pattern is not a regular expression: {e}.")
    if not 1 <= params["invalidation_max_paths"] <= plan.MAX_INVALIDATION_PATHS:
        problems.append(
            f"invalidation_max_paths must be 1 to {plan.MAX_INVALIDATION_PATHS}, not {params['invalidation_max_paths']}."
        )
    wrong = [path for path in params["invalidate_always"] if not path.startswith("/")]
    if wrong:
        problems.append(f"invalidate_always paths must start with /: {', '.join(wrong)}.")
    prefix = params["manifest_prefix"]
    if not prefix.endswith("/") or prefix.startswith("/"):
        problems.append(f"manifest_prefix must end with / and not start with one, not {prefix}.")
    if params["concurrency"] < 1:
        problems.append(f"concurrency must be 1 or more, not {params['concurrency']}.")
    if params["keep_previous_deploys"] < 0:
        problems.append(f"keep_previous_deploys must be 0 or more, not {params['keep_previous_deploys']}.")
    return problems


def cache_rules(params):
    controls = params["cache_control"] or {}
    return {
        "no_cache_paths": params["no_cache_paths"],
        "hashed_pattern": params["hashed_pattern"],
        "no_cache": controls.get("no_cache") or plan.CACHE_CONTROL_NO_CACHE,
        "hashed": controls.get("hashed") or plan.CACHE_CONTROL_HASHED,
        "default": controls.get("default") or plan.CACHE_CONTROL_DEFAULT,
    }


def read_current(client, params, desired, before):
    """The bucket's current objects as entries: described by the deploy record where its ETag matches, else read
    with HeadObject (only keys the deploy keeps: the others are deleted whatever they hold)."""
    listed = s3_frontend.list_current(client, params["bucket"], params["manifest_prefix"])
    # Excluded keys are not the deploy's: what the bucket holds under them stays, whatever the build has.
    current = {key: found for key, found in listed.items() if not plan.is_excluded(key, params["exclude"])}
    for key, found in current.items():
        if plan.described(key, current, before):
            found.update({field: before[key].get(field) for field in ("sha256", "content_type", "cache_control")})
            found["version_id"] = before[key].get("version_id")
    for key in plan.keys_to_read(desired, current, before):
        current[key] = s3_frontend.head_object(client, params["bucket"], key) or current[key]
    return current


def _megabytes(size):
    return f"{size / 1_000_000:.1f} MB"


def write_files(module, params, keys, desired, write, progress):
    """Write keys with write(key) in parallel, the no-cache files last, adding a line to progress every
    PROGRESS_EVERY files; returns key -> {version_id, etag}."""
    no_cache = cache_rules(params)["no_cache"]
    ordered = [[key for key in keys if desired[key].get("cache_control") != no_cache]]
    ordered.append([key for key in keys if desired[key].get("cache_control") == no_cache])
    written, done, size = {}, 0, 0
    with ThreadPoolExecutor(max_workers=params["concurrency"]) as pool:
        for group in ordered:
            for key, result in zip(group, pool.map(write, group), strict=True):
                written[key] = result
                done += 1
                size += desired[key].get("size") or 0
                if done % PROGRESS_EVERY == 0 or done == len(keys):
                    line = f"Uploaded {done} of {len(keys)} files ({_megabytes(size)})"
                    module.log(f"s3_frontend_sync {params['bucket']}: {line}")
                    progress.append(line)
    return written


def deploy_summary(record, prefix):
    if not record:
        return None
    summary = {key: value for key, value in record.items() if key != "files"}
    summary["manifest_key"] = plan.manifest_key(prefix, record["id"])
    return summary


def invalidation_of(record):
    invalidation = record.get("invalidation") or {}
    return {
        "deploy_id": record["id"],
        "created": record["created"],
        "caller_reference": invalidation.get("caller_reference"),
        "paths": invalidation.get("paths") or [],
    }


def record_deploy(client, params, check_mode, now, desired, written, current, current_record, paths, **kind):
    """Write the new deploy record (unless check_mode); returns it."""
    files = {}
    for key, entry in desired.items():
        files[key] = dict(entry)
        files[key].update(written.get(key) or {f: (current.get(key) or {}).get(f) for f in ("version_id", "etag")})
    deploy = plan.deploy_id(now, desired)
    record = plan.manifest(
        deploy,
        now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        files,
        kind.pop("previous", current_record["id"] if current_record else None),
        paths,
        f"{params['bucket']}/{deploy}",
        **kind,
    )
    if not check_mode:
        prefix = params["manifest_prefix"]
        s3_frontend.put_json(client, params["bucket"], plan.manifest_key(prefix, deploy), record)
        s3_frontend.put_json(client, params["bucket"], prefix + plan.CURRENT_NAME, record)
    return record


def recent_deploy_keys(client, params, current_record, new_record):
    """The keys the last keep_previous_deploys deploy records list (the current one is read already)."""
    bucket, prefix = params["bucket"], params["manifest_prefix"]
    current_id = current_record["id"] if current_record else None
    record_ids = [record["id"] for record in s3_frontend.list_manifests(client, bucket, prefix)]
    window = plan.retention_window(record_ids, current_id, new_record, params["keep_previous_deploys"])
    records = [
        current_record
        if deploy == current_id
        else s3_frontend.get_json(client, bucket, plan.manifest_key(prefix, deploy))
        for deploy in window
    ]
    return plan.listed_keys(records)


def plan_steps(params, desired, current, before, current_record, client):
    """plan.plan(), keeping the content-hashed files that recent deploys list (read only when some would go)."""
    options = (params["hashed_pattern"], params["invalidate_always"], params["invalidation_max_paths"])
    steps = plan.plan(desired, current, before, *options, delete=params["delete"])
    if params["keep_previous_deploys"] and plan.hashed_keys(steps["delete"], params["hashed_pattern"]):
        retained = recent_deploy_keys(client, params, current_record, steps["record"])
        steps = plan.plan(desired, current, before, *options, delete=params["delete"], retained=retained)
    return steps


def converge(module, client, params, desired, current_record, now, write, verify=None, **kind):
    """Bring the bucket to desired; returns the module's result. verify(steps), when given, runs before any write
    (under check mode too) and fails the module if the steps cannot be carried out."""
    before = current_record["files"] if current_record else None
    current = read_current(client, params, desired, before)
    steps = plan_steps(params, desired, current, before, current_record, client)
    if verify:
        verify(steps)
    written, progress = {}, []
    if not module.check_mode:
        written = write_files(module, params, steps["upload"], desired, write, progress)
        if steps["delete"]:
            s3_frontend.delete_objects(client, params["bucket"], steps["delete"])
    record, invalidations = current_record, []
    if steps["record"]:
        record = record_deploy(
            client,
            params,
            module.check_mode,
            now,
            desired,
            written,
            current,
            current_record,
            steps["invalidation_paths"],
            **kind,
        )
        if current_record and current_record.get("invalidation", {}).get("paths"):
            invalidations.append(invalidation_of(current_record))
    if record and record.get("invalidation", {}).get("paths"):
        invalidations.append(invalidation_of(record))
    result = {
        "changed": bool(steps["upload"] or steps["delete"] or steps["record"]),
        "uploaded": steps["upload"],
        "deleted": steps["delete"],
        "kept": steps["kept"],
        "unchanged": steps["unchanged"],
        "invalidation_paths": steps["invalidation_paths"],
        "invalidations": invalidations,
        "deploy": deploy_summary(record, params["manifest_prefix"]),
        "progress": progress,
    }
    result["summary"] = plan.summary(result)
    if result["changed"]:
        changed_keys = set(steps["upload"]) | set(steps["delete"])
        result["diff"] = {
            "before": {key: (current.get(key) or {}).get("sha256") for key in sorted(changed_keys) if key in current},
            "after": {key: desired[key]["sha256"] for key in sorted(changed_keys) if key in desired},
        }
    return result


def sync(module, client, params, now):
    desired = plan.read_build(
        params["build_dir"], cache_rules(params), params["content_types"], params["exclude"], params["manifest_prefix"]
    )
    current_record = s3_frontend.get_json(client, params["bucket"], params["manifest_prefix"] + plan.CURRENT_NAME)

    def upload(key):
        return s3_frontend.put_file(client, params["bucket"], key, desired[key])

    return converge(module, client, params, desired, current_record, now, upload)


def rollback(module, client, params, now):
    prefix = params["manifest_prefix"]
    current_record = s3_frontend.get_json(client, params["bucket"], prefix + plan.CURRENT_NAME)
    try:
        target_id = plan.rollback_target(current_record, params["rollback_to"])
    except ValueError as e:
        module.fail_json(msg=f"Cannot roll back the frontend in bucket {params['bucket']}: {e}.")
    target = s3_frontend.get_json(client, params["bucket"], plan.manifest_key(prefix, target_id))
    if not target:
        module.fail_json(
            msg=f"Cannot roll back the frontend in bucket {params['bucket']}: there is no deploy record {target_id}"
            f" ({plan.manifest_key(prefix, target_id)})."
        )
    desired = target["files"]
    unversioned = sorted(key for key, entry in desired.items() if entry.get("version_id") in (None, "null"))
    if unversioned:
        module.fail_json(
            msg=f"Cannot roll back the frontend in bucket {params['bucket']}: deploy {target_id} recorded no object"
            f" versions (was versioning off?) for {', '.join(unversioned[:5])}."
        )

    def restore(key):
        return s3_frontend.restore_version(client, params["bucket"], key, desired[key]["version_id"])

    def verify(steps):
        versions = {key: desired[key]["version_id"] for key in steps["upload"]}
        missing = s3_frontend.missing_versions(client, params["bucket"], versions, params["concurrency"])
        if missing:
            module.fail_json(msg=plan.unrestorable_message(params["bucket"], target_id, missing))

    return converge(
        module,
        client,
        params,
        desired,
        current_record,
        now,
        restore,
        verify=verify,
        kind="rollback",
        restored=target_id,
        previous=target.get("previous"),
    )


def main():
    cache_control_spec = dict(
        no_cache=dict(type="str", default=plan.CACHE_CONTROL_NO_CACHE),
        hashed=dict(type="str", default=plan.CACHE_CONTROL_HASHED),
        default=dict(type="str", default=plan.CACHE_CONTROL_DEFAULT),
    )
    argument_spec = dict(
        bucket=dict(type="str", required=True),
        build_dir=dict(type="path"),
        rollback=dict(type="bool", default=False),
        rollback_to=dict(type="str"),
        delete=dict(type="bool", default=True),
        keep_previous_deploys=dict(type="int", default=2),
        exclude=dict(type="list", elements="str", default=[]),
        hashed_pattern=dict(type="str", default=plan.DEFAULT_HASHED_PATTERN),
        no_cache_paths=dict(type="list", elements="str", default=plan.DEFAULT_NO_CACHE_PATHS),
        cache_control=dict(type="dict", default={}, options=cache_control_spec),
        content_types=dict(type="dict", default={}),
        invalidate_always=dict(type="list", elements="str", default=plan.DEFAULT_INVALIDATE_ALWAYS),
        invalidation_max_paths=dict(type="int", default=15),
        manifest_prefix=dict(type="str", default=plan.MANIFEST_PREFIX),
        concurrency=dict(type="int", default=8),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("s3", retry_decorator=AWSRetry.jittered_backoff())
    now = datetime.now(UTC)

    try:
        result = rollback(module, client, params, now) if params["rollback"] else sync(module, client, params, now)
    except AnsibleS3FrontendError as e:
        module.fail_json_aws_error(e)

    module.exit_json(**result)


if __name__ == "__main__":
    main()
