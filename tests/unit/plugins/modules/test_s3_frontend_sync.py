"""Unit tests for appstack.aws.s3_frontend_sync and appstack.aws.s3_frontend_sync_info (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no write is made.
"""

import datetime
import hashlib
import io
import json
import time

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend_plan as plan
from ansible_collections.appstack.aws.plugins.modules import s3_frontend_sync as module
from ansible_collections.appstack.aws.plugins.modules import s3_frontend_sync_info as info_module
from botocore.response import StreamingBody
from botocore.stub import ANY

BUCKET = "smartscheduler-frontend-prod"
CURRENT = ".appstack/deploys/current.json"
WHEN = datetime.datetime(2026, 1, 4, 10, 15, tzinfo=datetime.UTC)
FILES = {"index.html": b"<html>v1</html>", "static/js/main.3f2a9b1c.js": b"console.log(1)"}


@pytest.fixture
def build(tmp_path):
    for key, body in FILES.items():
        path = tmp_path / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return tmp_path


def args(build_dir, **overrides):
    values = {"bucket": BUCKET, "build_dir": str(build_dir), "concurrency": 1}
    values.update(overrides)
    return values


def sha(body):
    return hashlib.sha256(body).hexdigest()


def recorded(deploy_id="20260103T091000Z-0a1b2c3d", previous=None, files=None, paths=("/", "/index.html")):
    """A deploy record of FILES (or files: key -> body), each at version v-<key>."""
    rules = module.cache_rules(
        {"cache_control": {}, "no_cache_paths": ["index.html"], "hashed_pattern": plan.DEFAULT_HASHED_PATTERN}
    )
    entries = {
        key: {
            "sha256": sha(body),
            "content_type": plan.content_type_for(key),
            "cache_control": plan.cache_control_for(key, rules),
            "version_id": f"v-{key}",
            "etag": f"e-{key}",
        }
        for key, body in (files or FILES).items()
    }
    return plan.manifest(deploy_id, "2026-01-03T09:10:00Z", entries, previous, list(paths), f"{BUCKET}/{deploy_id}")


def queue_record(stubber, record, key=CURRENT):
    if record is None:
        stubber.add_client_error(
            "get_object", "NoSuchKey", "missing", 404, expected_params={"Bucket": BUCKET, "Key": key}
        )
        return
    body = json.dumps(record).encode()
    stubber.add_response(
        "get_object", {"Body": StreamingBody(io.BytesIO(body), len(body))}, {"Bucket": BUCKET, "Key": key}
    )


def queue_listing(stubber, objects):
    contents = [{"Key": key, "ETag": f'"{etag}"', "Size": 1, "LastModified": WHEN} for key, etag in objects.items()]
    stubber.add_response("list_objects_v2", {"Contents": contents, "KeyCount": len(contents)}, {"Bucket": BUCKET})


def queue_head_version(stubber, key, version_id, missing=False):
    expected = {"Bucket": BUCKET, "Key": key, "VersionId": version_id}
    if missing:
        stubber.add_client_error("head_object", "404", "Not Found", 404, expected_params=expected)
    else:
        stubber.add_response("head_object", {"VersionId": version_id, "ETag": '"x"'}, expected)


def queue_manifest_listing(stubber, *deploy_ids):
    contents = [
        {"Key": f".appstack/deploys/{name}.json", "LastModified": WHEN, "Size": 10, "ETag": '"x"'}
        for name in [*deploy_ids, "current"]
    ]
    stubber.add_response("list_objects_v2", {"Contents": contents}, {"Bucket": BUCKET, "Prefix": ".appstack/deploys/"})


def queue_record_writes(stubber):
    for _ in range(2):
        stubber.add_response(
            "put_object",
            {"ETag": '"r"'},
            {"Bucket": BUCKET, "Key": ANY, "Body": ANY, "ContentType": "application/json", "CacheControl": "no-cache"},
        )


def test_invalid_options_fail_before_any_client_is_created(run_module, tmp_path):
    rc, result = run_module(module, {"bucket": BUCKET, "invalidation_max_paths": 0}, client=None)

    assert rc == 1
    assert "build_dir is required" in result["msg"]
    assert "invalidation_max_paths must be 1 to 3000, not 0." in result["msg"]
    rc, result = run_module(module, args(tmp_path / "missing"), client=None)
    assert "is not a directory" in result["msg"]


def test_check_mode_on_an_empty_bucket_lists_every_upload_and_writes_nothing(s3, run_module, build):
    client, stubber = s3
    queue_record(stubber, None)
    queue_listing(stubber, {})

    rc, result = run_module(module, args(build, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["uploaded"] == sorted(FILES)
    assert result["invalidation_paths"] == ["/", "/index.html"]
    assert result["deploy"]["kind"] == "deploy" and result["deploy"]["previous"] is None
    (invalidation,) = result["invalidations"]
    assert invalidation["caller_reference"] == f"{BUCKET}/{result['deploy']['id']}"
    assert result["summary"] == {"uploaded": 2, "deleted": 0, "kept": 0, "unchanged": 0, "invalidated": 2}


def test_the_recorded_build_again_reads_two_things_and_writes_nothing(s3, run_module, build):
    client, stubber = s3
    record = recorded()
    queue_record(stubber, record)
    queue_listing(stubber, {key: f"e-{key}" for key in FILES})

    rc, result = run_module(module, args(build), client)

    assert rc == 0, result
    assert not result["changed"]
    assert (result["uploaded"], result["deleted"], result["invalidation_paths"]) == ([], [], [])
    assert result["deploy"]["id"] == record["id"]
    # The current deploy's invalidation, which cloudfront_invalidation finds made already.
    assert [item["deploy_id"] for item in result["invalidations"]] == [record["id"]]


def test_keys_the_exclude_globs_match_stay_in_the_bucket(s3, run_module, build):
    client, stubber = s3
    record = recorded()
    queue_record(stubber, record)
    queue_listing(stubber, {**{key: f"e-{key}" for key in FILES}, "uploads/user1.png": "u", "app.js.map": "m"})

    rc, result = run_module(module, args(build, exclude=["uploads/*", "*.map"]), client)

    assert rc == 0, result
    assert not result["changed"]
    assert (result["uploaded"], result["deleted"], result["invalidation_paths"]) == ([], [], [])


def test_a_retried_upload_sends_the_whole_file_again(s3, tmp_path, monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    client, stubber = s3
    path = tmp_path / "index.html"
    path.write_bytes(b"<html>v2</html>")
    entry = {"path": str(path), "content_type": "text/html", "cache_control": "no-cache", "sha256": sha(b"x")}
    expected = {
        "Bucket": BUCKET,
        "Key": "index.html",
        "Body": b"<html>v2</html>",
        "ContentType": "text/html",
        "CacheControl": "no-cache",
        "Metadata": {s3_frontend.SHA256_METADATA: sha(b"x")},
    }
    stubber.add_client_error("put_object", "InternalError", "try again", 500, expected_params=expected)
    stubber.add_response("put_object", {"ETag": '"e2"', "VersionId": "v2"}, expected)

    assert s3_frontend.put_file(client, BUCKET, "index.html", entry) == {"version_id": "v2", "etag": "e2"}


def test_a_changed_file_is_uploaded_with_its_headers_and_hash_and_a_new_deploy_recorded(s3, run_module, build):
    client, stubber = s3
    record = recorded()
    queue_record(stubber, record)
    queue_listing(stubber, {key: f"e-{key}" for key in FILES} | {"old.txt": "e-old"})
    (build / "index.html").write_bytes(b"<html>v2</html>")
    stubber.add_response(
        "put_object",
        {"ETag": '"new"', "VersionId": "v2"},
        {
            "Bucket": BUCKET,
            "Key": "index.html",
            "Body": ANY,
            "ContentType": "text/html; charset=utf-8",
            "CacheControl": "no-cache",
            "Metadata": {"sha256": sha(b"<html>v2</html>")},
        },
    )
    stubber.add_response(
        "delete_objects",
        {"Deleted": [{"Key": "old.txt"}]},
        {"Bucket": BUCKET, "Delete": {"Objects": [{"Key": "old.txt"}], "Quiet": True}},
    )
    queue_record_writes(stubber)

    rc, result = run_module(module, args(build, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert (result["uploaded"], result["deleted"]) == (["index.html"], ["old.txt"])
    assert result["invalidation_paths"] == ["/", "/index.html", "/old.txt"]
    assert result["deploy"]["previous"] == record["id"]
    # The deploy before, in case its run stopped before invalidating, then this one.
    assert [item["deploy_id"] for item in result["invalidations"]] == [record["id"], result["deploy"]["id"]]
    assert result["progress"] == ["Uploaded 1 of 1 files (0.0 MB)"]
    assert result["diff"]["after"] == {"index.html": sha(b"<html>v2</html>")}


def test_an_object_the_record_does_not_describe_is_compared_by_its_stored_hash(s3, run_module, build):
    client, stubber = s3
    queue_record(stubber, None)
    queue_listing(stubber, {"index.html": "kms-etag"})
    stubber.add_response(
        "head_object",
        {
            "Metadata": {"sha256": sha(FILES["index.html"])},
            "ContentType": "text/html; charset=utf-8",
            "CacheControl": "no-cache",
            "VersionId": "v0",
            "ETag": '"kms-etag"',
        },
        {"Bucket": BUCKET, "Key": "index.html"},
    )

    rc, result = run_module(module, args(build, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert (result["uploaded"], result["unchanged"]) == (["static/js/main.3f2a9b1c.js"], ["index.html"])


def test_a_rollback_with_no_earlier_deploy_fails_saying_so(s3, run_module):
    client, stubber = s3
    queue_record(stubber, recorded())

    rc, result = run_module(module, {"bucket": BUCKET, "rollback": True}, client)

    assert rc == 1
    assert "is the first one recorded: there is no earlier deploy to roll back to" in result["msg"]


def test_a_rollback_copies_the_earlier_versions_back_and_deletes_what_that_deploy_lacked(s3, run_module):
    client, stubber = s3
    first = recorded()
    second_files = {**FILES, "index.html": b"<html>v2</html>", "new.txt": b"n"}
    second = recorded("20260104T101500Z-11111111", first["id"], second_files)
    second["files"]["index.html"].update(version_id="v2", etag="e2")
    queue_record(stubber, second)
    queue_record(stubber, first, f".appstack/deploys/{first['id']}.json")
    queue_listing(
        stubber,
        {"index.html": "e2", "static/js/main.3f2a9b1c.js": "e-static/js/main.3f2a9b1c.js", "new.txt": "e-new.txt"},
    )
    # The version to restore is checked before any write.
    queue_head_version(stubber, "index.html", "v-index.html")
    stubber.add_response(
        "copy_object",
        {"VersionId": "v3", "CopyObjectResult": {"ETag": '"e3"'}},
        {
            "Bucket": BUCKET,
            "Key": "index.html",
            "CopySource": {"Bucket": BUCKET, "Key": "index.html", "VersionId": "v-index.html"},
            "MetadataDirective": "COPY",
        },
    )
    stubber.add_response(
        "delete_objects", {}, {"Bucket": BUCKET, "Delete": {"Objects": [{"Key": "new.txt"}], "Quiet": True}}
    )
    queue_record_writes(stubber)

    rc, result = run_module(module, {"bucket": BUCKET, "rollback": True, "concurrency": 1}, client)

    assert rc == 0, result
    assert (result["uploaded"], result["deleted"]) == (["index.html"], ["new.txt"])
    assert result["deploy"]["kind"] == "rollback" and result["deploy"]["restored"] == first["id"]
    assert result["deploy"]["previous"] is None
    assert result["invalidation_paths"] == ["/", "/index.html", "/new.txt"]


def test_the_info_module_lists_the_deploys_newest_first_and_reads_the_current_one(s3, run_module):
    client, stubber = s3
    contents = [
        {"Key": f".appstack/deploys/{name}", "LastModified": WHEN, "Size": 10, "ETag": '"x"'}
        for name in ("20260103T091000Z-0a1b2c3d.json", "20260104T101500Z-11111111.json", "current.json")
    ]
    stubber.add_response("list_objects_v2", {"Contents": contents}, {"Bucket": BUCKET, "Prefix": ".appstack/deploys/"})
    queue_record(stubber, recorded())

    rc, result = run_module(info_module, {"bucket": BUCKET}, client)

    assert rc == 0, result
    assert [deploy["id"] for deploy in result["deploys"]] == ["20260104T101500Z-11111111", "20260103T091000Z-0a1b2c3d"]
    assert result["current"]["files"]["index.html"]["version_id"] == "v-index.html"


OLDEST = "20260101T080000Z-22222222"
EARLIER = "20260102T080000Z-11111111"
LATEST = "20260103T091000Z-0a1b2c3d"
VENDOR = "static/js/vendor.11111111.js"
CHUNK = "static/js/chunk.22222222.js"


def test_a_hashed_file_the_build_dropped_stays_while_one_of_the_last_deploys_lists_it(s3, run_module, build):
    client, stubber = s3
    # The bucket still holds hashed files of two earlier deploys; only the latest two deploys count.
    earlier = recorded(EARLIER, OLDEST, {**FILES, VENDOR: b"v"})
    latest = recorded(LATEST, EARLIER)
    queue_record(stubber, latest)
    queue_listing(stubber, {**{key: f"e-{key}" for key in FILES}, VENDOR: "v", CHUNK: "c", "old.txt": "o"})
    (build / "index.html").write_bytes(b"<html>v2</html>")
    queue_manifest_listing(stubber, OLDEST, EARLIER, LATEST)
    # The current record is read already: one GetObject, for the deploy before it.
    queue_record(stubber, earlier, f".appstack/deploys/{EARLIER}.json")

    rc, result = run_module(module, args(build, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert (result["deleted"], result["kept"]) == (["old.txt", CHUNK], [VENDOR])
    assert result["summary"]["kept"] == 1
    # Neither deleting a hashed file nor keeping one is invalidated.
    assert result["invalidation_paths"] == ["/", "/index.html", "/old.txt"]


def test_keep_previous_deploys_0_deletes_a_dropped_hashed_file_without_reading_any_record(s3, run_module, build):
    client, stubber = s3
    queue_record(stubber, recorded(LATEST, EARLIER))
    queue_listing(stubber, {**{key: f"e-{key}" for key in FILES}, VENDOR: "v"})

    rc, result = run_module(module, args(build, keep_previous_deploys=0, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert (result["deleted"], result["kept"]) == ([VENDOR], [])
    # The current deploy's build again: a hashed file deleted alone changes no page.
    assert result["invalidation_paths"] == []


def test_keep_previous_deploys_below_0_fails_before_any_client_is_created(run_module, build):
    rc, result = run_module(module, args(build, keep_previous_deploys=-1), client=None)

    assert rc == 1
    assert "keep_previous_deploys must be 0 or more, not -1." in result["msg"]


def test_a_rollback_whose_versions_expired_fails_naming_them_and_writes_nothing(s3, run_module):
    client, stubber = s3
    first = recorded()
    second = recorded("20260104T101500Z-11111111", first["id"], {**FILES, "index.html": b"<html>v2</html>"})
    second["files"]["index.html"].update(version_id="v2", etag="e2")
    queue_record(stubber, second)
    queue_record(stubber, first, f".appstack/deploys/{first['id']}.json")
    queue_listing(stubber, {"index.html": "e2", "static/js/main.3f2a9b1c.js": "e-static/js/main.3f2a9b1c.js"})
    queue_head_version(stubber, "index.html", "v-index.html", missing=True)

    rc, result = run_module(module, {"bucket": BUCKET, "rollback": True, "concurrency": 1}, client)

    assert rc == 1, result
    assert f"to deploy {first['id']}: the object versions it recorded for index.html no longer exist" in result["msg"]
    assert "s3_cloudfront_noncurrent_version_days" in result["msg"]
    assert "Nothing was written" in result["msg"]
    stubber.assert_no_pending_responses()


def test_the_info_module_says_whether_a_recorded_deploy_can_still_be_restored(s3, run_module):
    client, stubber = s3
    target = recorded()
    queue_manifest_listing(stubber, target["id"])
    queue_record(stubber, target)
    queue_record(stubber, target, f".appstack/deploys/{target['id']}.json")
    for name in ("current", "deploy"):
        queue_head_version(stubber, "index.html", "v-index.html", missing=name == "deploy")
        queue_head_version(stubber, "static/js/main.3f2a9b1c.js", "v-static/js/main.3f2a9b1c.js")

    rc, result = run_module(
        info_module,
        {"bucket": BUCKET, "deploy_id": target["id"], "check_restorable": True, "concurrency": 1},
        client,
    )

    assert rc == 0, result
    assert (result["current"]["restorable"], result["current"]["missing_versions"]) == (True, [])
    assert (result["deploy"]["restorable"], result["deploy"]["missing_versions"]) == (False, ["index.html"])
