# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""S3 calls of a frontend deploy, shared by appstack.aws.s3_frontend_sync and appstack.aws.s3_frontend_sync_info.

Every helper expects a client created with ``module.client("s3", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleS3FrontendError, which a module turns into a failure with ``fail_json_aws_error``. What to do
is decided in ``s3_frontend_plan.py``, which makes no call.
"""

import json
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.s3_frontend_plan import (
    CURRENT_NAME,
    SHA256_METADATA,
    is_manifest_key,
)

# DeleteObjects takes up to 1,000 keys a call.
DELETE_BATCH = 1000
JSON_CONTENT_TYPE = "application/json"


class AnsibleS3FrontendError(AnsibleAWSError):
    pass


class S3FrontendErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleS3FrontendError

    @classmethod
    def _is_missing(cls):
        # GetObject answers NoSuchKey (NoSuchVersion for a version that is gone); HeadObject, which has no body,
        # answers 404.
        return is_boto3_error_code(["NoSuchKey", "NoSuchVersion", "404", "NotFound"])


def _etag(value):
    return (value or "").strip('"')


# Reading


@S3FrontendErrorHandler.common_error_handler("list the objects of the bucket")
@AWSRetry.jittered_backoff()
def list_current(client, bucket, manifest_prefix):
    """The bucket's current objects, without the deploy records: key -> {etag, size}."""
    paginator = client.get_paginator("list_objects_v2")
    objects = {}
    for page in paginator.paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            if not is_manifest_key(item["Key"], manifest_prefix):
                objects[item["Key"]] = {"etag": _etag(item.get("ETag")), "size": item.get("Size")}
    return objects


@S3FrontendErrorHandler.common_error_handler("list the deploy records")
@AWSRetry.jittered_backoff()
def list_manifests(client, bucket, manifest_prefix):
    """The deploy records (<prefix><id>.json), newest first: [{id, key, last_modified, size}]."""
    paginator = client.get_paginator("list_objects_v2")
    records = []
    for page in paginator.paginate(Bucket=bucket, Prefix=manifest_prefix):
        for item in page.get("Contents", []):
            name = item["Key"][len(manifest_prefix) :]
            if name == CURRENT_NAME or "/" in name or not name.endswith(".json"):
                continue
            records.append(
                {
                    "id": name[: -len(".json")],
                    "key": item["Key"],
                    "last_modified": item["LastModified"].isoformat(),
                    "size": item.get("Size"),
                }
            )
    return sorted(records, key=lambda record: record["id"], reverse=True)


@S3FrontendErrorHandler.list_error_handler("read the object's metadata", None)
def head_object(client, bucket, key):
    """The current version of an object as an entry (sha256 None when its metadata has none), or None."""
    head = client.head_object(aws_retry=True, Bucket=bucket, Key=key)
    return {
        "sha256": (head.get("Metadata") or {}).get(SHA256_METADATA),
        "content_type": head.get("ContentType"),
        "cache_control": head.get("CacheControl"),
        "version_id": head.get("VersionId"),
        "etag": _etag(head.get("ETag")),
        "size": head.get("ContentLength"),
    }


@S3FrontendErrorHandler.list_error_handler("read an earlier version of an object", False)
def version_exists(client, bucket, key, version_id):
    """Whether this version of an object still exists (a lifecycle rule may have expired it)."""
    client.head_object(aws_retry=True, Bucket=bucket, Key=key, VersionId=version_id)
    return True


def missing_versions(client, bucket, versions, concurrency):
    """The keys whose version (versions: key -> version_id) no longer exists, sorted; one HeadObject each, up to
    concurrency at once."""
    keys = sorted(versions)
    with ThreadPoolExecutor(max_workers=max(concurrency, 1)) as pool:
        found = pool.map(lambda key: version_exists(client, bucket, key, versions[key]), keys)
        return [key for key, exists in zip(keys, found, strict=True) if not exists]


@S3FrontendErrorHandler.list_error_handler("read a deploy record", None)
def get_json(client, bucket, key):
    """The JSON document stored under key, or None when there is no such object."""
    body = client.get_object(aws_retry=True, Bucket=bucket, Key=key)["Body"].read()
    return json.loads(body)


# Writing


@S3FrontendErrorHandler.common_error_handler("upload a file")
def put_file(client, bucket, key, entry):
    """Upload a build file with its headers and content hash; returns its version_id and etag."""
    # Bytes, not the open file: a retried call would send the file from where the first attempt stopped reading
    # (an empty object, with the right hash in its metadata, that no later deploy would replace).
    with open(entry["path"], "rb") as handle:
        body = handle.read()
    response = client.put_object(
        aws_retry=True,
        Bucket=bucket,
        Key=key,
        Body=body,
        ContentType=entry["content_type"],
        CacheControl=entry["cache_control"],
        Metadata={SHA256_METADATA: entry["sha256"]},
    )
    return {"version_id": response.get("VersionId"), "etag": _etag(response.get("ETag"))}


@S3FrontendErrorHandler.common_error_handler("restore an earlier version of an object")
def restore_version(client, bucket, key, version_id):
    """Copy an earlier version of an object over its current one (its metadata and headers with it)."""
    response = client.copy_object(
        aws_retry=True,
        Bucket=bucket,
        Key=key,
        CopySource={"Bucket": bucket, "Key": key, "VersionId": version_id},
        MetadataDirective="COPY",
    )
    return {
        "version_id": response.get("VersionId"),
        "etag": _etag(response.get("CopyObjectResult", {}).get("ETag")),
    }


@S3FrontendErrorHandler.common_error_handler("delete objects")
def delete_objects(client, bucket, keys):
    """Delete keys, 1,000 a call; in a versioned bucket each gets a delete marker and its versions stay."""
    for start in range(0, len(keys), DELETE_BATCH):
        batch = keys[start : start + DELETE_BATCH]
        response = client.delete_objects(
            aws_retry=True, Bucket=bucket, Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True}
        )
        errors = response.get("Errors") or []
        if errors:
            failed = ", ".join(f"{error['Key']} ({error.get('Code')}: {error.get('Message')})" for error in errors)
            raise AnsibleS3FrontendError(message=f"S3 could not delete {failed}")


@S3FrontendErrorHandler.common_error_handler("write the deploy record")
def put_json(client, bucket, key, document):
    client.put_object(
        aws_retry=True,
        Bucket=bucket,
        Key=key,
        Body=json.dumps(document, indent=1, sort_keys=True).encode(),
        ContentType=JSON_CONTENT_TYPE,
        CacheControl="no-cache",
    )
