# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of a frontend deploy to S3, shared by appstack.aws.s3_frontend_sync and its info twin.

Pure: it imports nothing of botocore and makes no call. A file is described by an entry, a dict with
``sha256`` (hex digest of its content), ``content_type``, ``cache_control`` and, for an object already in the
bucket, ``version_id`` and ``etag``. Three sets of entries are compared, each a dict key -> entry:

- ``desired``: what the bucket must serve after the deploy (the build directory, or an earlier deploy's files
  for a rollback);
- ``current``: what the bucket holds now (its current object versions, without the deploy records);
- ``before``: what the last recorded deploy served (its manifest's files), or None when no deploy is recorded.

``plan()`` says what to upload (or restore), delete, keep and leave alone, which CloudFront paths to invalidate
and whether a new deploy record must be written.  Uploads compare the build with the bucket by content hash (the
SHA-256 stored in each object's metadata at upload; an ETag is not a content hash under SSE-KMS or multipart
uploads); invalidations compare it with what was last served, so that a deploy that stopped before its
invalidation is invalidated by the next run.

Content-hashed files the build no longer has are kept while one of the last N deploy records lists them: viewers
and CloudFront edges may hold an earlier index.html (cached up to its TTL) that still names them.
``retention_window()`` says which records to read, ``listed_keys()`` what they list, and ``plan()`` keeps those keys.
"""

import fnmatch
import hashlib
import os
import posixpath
import re
from urllib.parse import quote

# Where the deploy records live in the bucket; never synced, deleted or invalidated.
MANIFEST_PREFIX = ".appstack/deploys/"
# The record of the current deploy, beside one record per deploy (<id>.json).
CURRENT_NAME = "current.json"
MANIFEST_FORMAT = 1
# The object metadata key (x-amz-meta-sha256) holding the content hash of each uploaded file.
SHA256_METADATA = "sha256"

CACHE_CONTROL_NO_CACHE = "no-cache"
CACHE_CONTROL_HASHED = "public, max-age=31536000, immutable"
CACHE_CONTROL_DEFAULT = "public, max-age=3600"
# A content hash in a file name, as webpack and Create React App write it: main.3f2a9b1c.js, 123.4e5f6a7b.chunk.js.
DEFAULT_HASHED_PATTERN = r"\.[0-9a-f]{8,}\."
DEFAULT_NO_CACHE_PATHS = ["index.html"]
# /index.html is what every SPA route falls back to; / is the default root object, which CloudFront caches under
# the path the viewer asked for.
DEFAULT_INVALIDATE_ALWAYS = ["/index.html", "/"]
# CloudFront accepts up to 3,000 paths in progress per distribution (15 with a wildcard).
MAX_INVALIDATION_PATHS = 3000

# Content-Type by file extension. A fixed table: Python's mimetypes reads the host's /etc/mime.types, which
# differs between machines, and a deploy must set the same headers wherever it runs.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".map": "application/json",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
}
BINARY_DEFAULT = "application/octet-stream"
# Types served with "; charset=utf-8", so that browsers do not guess the encoding of text.
CHARSET_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
# Characters CloudFront takes as they are in an invalidation path; any other is percent-encoded (RFC 3986).
PATH_SAFE = "/-_.~!$&'()*+,;=:@"


def is_manifest_key(key, prefix=MANIFEST_PREFIX):
    return key.startswith(prefix)


def content_type_for(key, overrides=None):
    """The Content-Type of a key by its extension; overrides (extension with its dot -> type) win."""
    extension = posixpath.splitext(key)[1].lower()
    content_type = (overrides or {}).get(extension) or CONTENT_TYPES.get(extension, BINARY_DEFAULT)
    if content_type.startswith(CHARSET_TYPES) and "charset" not in content_type:
        content_type += "; charset=utf-8"
    return content_type


def is_hashed(key, pattern):
    """Whether the key's file name holds a content hash (pattern: a regular expression searched in the name)."""
    return bool(re.search(pattern, posixpath.basename(key)))


def cache_control_for(key, rules):
    """The Cache-Control of a key.

    rules: no_cache_paths (globs of keys, e.g. index.html), no_cache, hashed_pattern, hashed and default.
    A no-cache path wins over a hashed name; anything else takes the default.
    """
    if any(fnmatch.fnmatchcase(key, glob) for glob in rules["no_cache_paths"]):
        return rules["no_cache"]
    if is_hashed(key, rules["hashed_pattern"]):
        return rules["hashed"]
    return rules["default"]


def sha256_of_file(path, chunk_size=1024 * 1024):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_excluded(key, exclude):
    """Whether a key matches one of the exclude globs: such keys are neither uploaded nor deleted."""
    return any(fnmatch.fnmatchcase(key, glob) for glob in exclude)


def read_build(build_dir, rules, content_types=None, exclude=(), manifest_prefix=MANIFEST_PREFIX):
    """The files of a build directory as entries by key (the path below build_dir, with / separators).

    Each entry has sha256, size, content_type, cache_control and path (on disk). Keys matching an exclude glob,
    and any under the manifest prefix, are left out.
    """
    files = {}
    for directory, subdirectories, names in os.walk(build_dir):
        subdirectories.sort()
        for name in sorted(names):
            path = os.path.join(directory, name)
            if not os.path.isfile(path):
                continue
            key = os.path.relpath(path, build_dir).replace(os.sep, "/")
            if is_manifest_key(key, manifest_prefix) or is_excluded(key, exclude):
                continue
            files[key] = {
                "sha256": sha256_of_file(path),
                "size": os.path.getsize(path),
                "content_type": content_type_for(key, content_types),
                "cache_control": cache_control_for(key, rules),
                "path": path,
            }
    return files


def same_file(wanted, found):
    """Whether an object serves what an entry asks: the same content and the same headers."""
    if not found or not found.get("sha256"):
        return False
    return all(wanted.get(field) == found.get(field) for field in ("sha256", "content_type", "cache_control"))


def invalidation_path(key):
    return "/" + quote(key, safe=PATH_SAFE)


def described(key, current, before):
    """Whether the last deploy record describes the bucket's current object under key (the same ETag): its
    content hash is then the record's, and no HeadObject is needed."""
    recorded = (before or {}).get(key)
    return bool(recorded and current.get(key) and recorded.get("etag") == current[key].get("etag"))


def keys_to_read(desired, current, before):
    """Keys of the bucket whose content hash must be read (HeadObject): those the build has, whose current object
    the deploy record does not describe (a first deploy, or an object changed outside the deploys)."""
    return sorted(key for key in desired if key in current and not described(key, current, before))


def hashed_keys(keys, pattern):
    """The keys whose file name holds a content hash, sorted."""
    return sorted(key for key in keys if is_hashed(key, pattern))


def retention_window(record_ids, current_id, new_record, keep):
    """The ids of the deploy records whose content-hashed files a deploy keeps, newest first.

    They are the keep deploys before the one the bucket serves after the run: when the run records a new deploy,
    the current one and those before it; when it records none (the current deploy's build again), those before
    the current one, so that a re-run keeps what the deploy's own run kept.

    :param record_ids: the ids of the records in the bucket (ids sort by their deploy's time)
    :param current_id: the id of the current deploy, or None
    :param new_record: whether the run records a new deploy
    :param keep: how many deploys (0: none)
    """
    ids = sorted(set(record_ids) | ({current_id} if current_id else set()), reverse=True)
    if current_id and not new_record:
        ids = [deploy for deploy in ids if deploy < current_id]
    return ids[: max(keep, 0)]


def listed_keys(records):
    """Every key that one of the deploy records (None for a missing one) lists."""
    return {key for record in records if record for key in record.get("files") or {}}


def plan(desired, current, before, hashed_pattern, invalidate_always, max_paths, delete=True, retained=()):
    """What a deploy of desired does to the bucket and to CloudFront's cache.

    :param desired: entries by key that the bucket must serve afterwards
    :param current: entries by key that the bucket holds now (sha256 None when unknown)
    :param before: entries by key that the last recorded deploy served, or None when none is recorded
    :param hashed_pattern: the regular expression of content-hashed file names
    :param invalidate_always: paths invalidated whenever anything changes (/index.html)
    :param max_paths: above this many paths, the invalidation is /* instead
    :param delete: whether keys the build does not have are deleted
    :param retained: keys that recent deploys list: content-hashed ones among them are kept, not deleted
    :return: dict upload, delete, kept, unchanged (sorted keys), invalidation_paths (sorted, [] when nothing
        changed), record (whether a new deploy record must be written)
    """
    upload = sorted(key for key in desired if not same_file(desired[key], current.get(key)))
    gone_keys = sorted(key for key in current if key not in desired) if delete else []
    kept = [key for key in hashed_keys(gone_keys, hashed_pattern) if key in set(retained)]
    to_delete = [key for key in gone_keys if key not in kept]
    unchanged = sorted(key for key in desired if key not in upload)
    served = current if before is None else before

    # Every path whose answer changes: a file uploaded (new, or with other content or headers), one served before
    # with other content or headers, one deleted. A new key may have an error answer cached (the SPA fallback). A
    # content-hashed file that is new was never asked for, and one that is gone stays valid for the pages that
    # name it: neither is invalidated, and deleting it alone changes no page.
    changed = set(upload) | {key for key in desired if key in served and not same_file(desired[key], served[key])}
    gone = set(to_delete) | (set(served) - set(desired) - set(current))
    gone = {key for key in gone if not is_hashed(key, hashed_pattern)}
    known = set(current) | set(served)
    invalidated = {key for key in changed if key in known or not is_hashed(key, hashed_pattern)} | gone

    paths = []
    if changed or gone:
        paths = sorted(set(invalidate_always) | {invalidation_path(key) for key in invalidated})
        if len(paths) > max_paths:
            paths = ["/*"]

    record = before is None or set(before) != set(desired) or bool(upload)
    record = record or any(
        not same_file(desired[key], before[key]) or before[key].get("version_id") != current[key].get("version_id")
        for key in desired
    )
    return {
        "upload": upload,
        "delete": to_delete,
        "kept": kept,
        "unchanged": unchanged,
        "invalidation_paths": paths,
        "record": bool(record and (desired or before)),
    }


def build_digest(files):
    """One SHA-256 over every key and content hash: the same build has the same digest."""
    digest = hashlib.sha256()
    for key in sorted(files):
        digest.update(f"{key}\0{files[key]['sha256']}\n".encode())
    return digest.hexdigest()


def deploy_id(now, files):
    """The id of a deploy: its UTC time (sortable) and the start of its build digest."""
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{build_digest(files)[:8]}"


def manifest_key(prefix, deploy):
    return f"{prefix}{deploy}.json"


def recorded_entry(entry):
    return {
        field: entry.get(field)
        for field in ("version_id", "etag", "sha256", "size", "content_type", "cache_control")
        if entry.get(field) is not None
    }


def manifest(deploy, created, files, previous, invalidation_paths, caller_reference, kind="deploy", restored=None):
    """The record of a deploy, written to <prefix><id>.json and <prefix>current.json."""
    document = {
        "format": MANIFEST_FORMAT,
        "id": deploy,
        "kind": kind,
        "created": created,
        "previous": previous,
        "build_sha256": build_digest(files),
        "invalidation": {"caller_reference": caller_reference, "paths": list(invalidation_paths)},
        "files": {key: recorded_entry(files[key]) for key in sorted(files)},
    }
    if restored:
        document["restored"] = restored
    return document


def rollback_target(current_manifest, rollback_to=None):
    """The id of the deploy a rollback restores, or raise ValueError saying why there is none."""
    if not current_manifest:
        raise ValueError("no deploy is recorded in the bucket: there is nothing to roll back to")
    target = rollback_to or current_manifest.get("previous")
    if not target:
        raise ValueError(
            f"the current deploy {current_manifest['id']} is the first one recorded: there is no earlier deploy to"
            " roll back to"
        )
    return target


def recorded_versions(record):
    """The object versions a deploy record names: ({key: version_id}, [keys recorded without a version])."""
    versions, unversioned = {}, []
    for key, entry in sorted((record.get("files") or {}).items()):
        if entry.get("version_id") in (None, "null"):
            unversioned.append(key)
        else:
            versions[key] = entry["version_id"]
    return versions, unversioned


def unrestorable_message(bucket, deploy, missing, shown=10):
    """Why a deploy cannot be restored: the recorded versions of missing (keys) no longer exist."""
    listed = ", ".join(missing[:shown]) + (f" and {len(missing) - shown} more" if len(missing) > shown else "")
    return (
        f"Cannot roll back the frontend in bucket {bucket} to deploy {deploy}: the object versions it recorded for"
        f" {listed} no longer exist. The bucket's lifecycle rule expires noncurrent versions after"
        " s3_cloudfront_noncurrent_version_days days. Nothing was written: roll back to a later deploy"
        " (appstack.aws.s3_frontend_sync_info with check_restorable=true says which are restorable), or deploy"
        " that build again, and raise s3_cloudfront_noncurrent_version_days to keep older deploys restorable."
    )


def summary(result):
    """Counts of a sync or rollback result, for the deploy's closing line."""
    return {
        "uploaded": len(result["uploaded"]),
        "deleted": len(result["deleted"]),
        "kept": len(result["kept"]),
        "unchanged": len(result["unchanged"]),
        "invalidated": len(result["invalidation_paths"]),
    }
