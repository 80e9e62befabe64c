"""The planning of a frontend deploy: headers by path, what to upload, delete and invalidate, the deploy record."""

import hashlib
from datetime import UTC, datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import s3_frontend_plan as plan

HASHED = plan.DEFAULT_HASHED_PATTERN
ALWAYS = ["/", "/index.html"]
RULES = {
    "no_cache_paths": ["index.html"],
    "no_cache": "no-cache",
    "hashed_pattern": HASHED,
    "hashed": plan.CACHE_CONTROL_HASHED,
    "default": "public, max-age=3600",
}


def entry(sha, key="x.txt", version=None, etag=None):
    found = {
        "sha256": sha,
        "content_type": plan.content_type_for(key),
        "cache_control": plan.cache_control_for(key, RULES),
    }
    if version:
        found.update(version_id=version, etag=etag or f"etag-{version}")
    return found


BUILD = {
    "index.html": entry("a1", "index.html"),
    "static/js/main.3f2a9b1c.js": entry("b1", "static/js/main.3f2a9b1c.js"),
    "logo.png": entry("c1", "logo.png"),
}


def served(build, versions="v1"):
    return {key: {**value, "version_id": f"{versions}-{key}", "etag": f"e-{key}"} for key, value in build.items()}


def run(desired, current, before, max_paths=15, delete=True):
    return plan.plan(desired, current, before, HASHED, ALWAYS, max_paths, delete=delete)


def test_content_types_come_from_a_fixed_table_with_a_utf8_charset_for_text():
    assert plan.content_type_for("index.html") == "text/html; charset=utf-8"
    assert plan.content_type_for("static/js/main.3f2a9b1c.js") == "text/javascript; charset=utf-8"
    assert plan.content_type_for("logo.PNG") == "image/png"
    assert plan.content_type_for("fonts/a.woff2") == "font/woff2"
    assert plan.content_type_for("data.bin") == "application/octet-stream"
    assert plan.content_type_for("a.js", {".js": "application/javascript"}) == "application/javascript; charset=utf-8"


def test_cache_control_is_no_cache_for_index_immutable_for_hashed_names_and_the_default_otherwise():
    assert plan.cache_control_for("index.html", RULES) == "no-cache"
    assert plan.cache_control_for("static/js/main.3f2a9b1c.js", RULES) == "public, max-age=31536000, immutable"
    assert plan.cache_control_for("static/js/123.4e5f6a7b.chunk.js", RULES) == plan.CACHE_CONTROL_HASHED
    assert plan.cache_control_for("static/media/logo.png", RULES) == "public, max-age=3600"
    # The pattern is searched in the file name only: a hashed directory name does not count.
    assert plan.cache_control_for("3f2a9b1c.d/logo.png", {**RULES, "hashed_pattern": r"\.[0-9a-f]{8,}\."}) == (
        "public, max-age=3600"
    )
    assert plan.cache_control_for("no-cache.3f2a9b1c.html", {**RULES, "no_cache_paths": ["*.html"]}) == "no-cache"


def test_read_build_hashes_every_file_and_skips_the_excluded_ones_and_the_deploy_records(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "static" / "js" / "main.3f2a9b1c.js").write_text("x")
    (tmp_path / ".DS_Store").write_text("")
    (tmp_path / ".appstack" / "deploys").mkdir(parents=True)
    (tmp_path / ".appstack" / "deploys" / "current.json").write_text("{}")

    found = plan.read_build(str(tmp_path), RULES, exclude=[".DS_Store"])

    assert sorted(found) == ["index.html", "static/js/main.3f2a9b1c.js"]
    assert found["index.html"]["sha256"] == hashlib.sha256(b"<html></html>").hexdigest()
    assert found["index.html"]["size"] == 13
    assert found["static/js/main.3f2a9b1c.js"]["cache_control"] == plan.CACHE_CONTROL_HASHED


def test_a_first_deploy_to_an_empty_bucket_uploads_everything_and_invalidates_the_non_hashed_paths():
    steps = run(BUILD, {}, None)

    assert steps["upload"] == sorted(BUILD)
    assert (steps["delete"], steps["unchanged"], steps["record"]) == ([], [], True)
    assert steps["invalidation_paths"] == ["/", "/index.html", "/logo.png"]


def test_the_same_build_again_uploads_invalidates_and_records_nothing():
    before = served(BUILD)

    steps = run(BUILD, before, before)

    assert (steps["upload"], steps["delete"], steps["invalidation_paths"], steps["record"]) == ([], [], [], False)
    assert steps["unchanged"] == sorted(BUILD)


def test_one_changed_file_is_uploaded_and_invalidated_with_the_entry_points():
    before = served(BUILD)
    desired = {**BUILD, "logo.png": entry("c2", "logo.png")}

    steps = run(desired, before, before)

    assert (steps["upload"], steps["delete"], steps["record"]) == (["logo.png"], [], True)
    assert steps["invalidation_paths"] == ["/", "/index.html", "/logo.png"]


def test_new_hashed_files_are_not_invalidated_and_removed_hashed_files_are_deleted_but_not_invalidated():
    before = served(BUILD)
    desired = {key: value for key, value in BUILD.items() if "main." not in key}
    desired["static/js/main.0a1b2c3d.js"] = entry("b2", "static/js/main.0a1b2c3d.js")
    desired["index.html"] = entry("a2", "index.html")

    steps = run(desired, before, before)

    assert steps["upload"] == ["index.html", "static/js/main.0a1b2c3d.js"]
    assert steps["delete"] == ["static/js/main.3f2a9b1c.js"]
    assert steps["invalidation_paths"] == ["/", "/index.html"]


def test_a_removed_file_is_deleted_and_invalidated_unless_deletes_are_off():
    before = served(BUILD)
    desired = {key: value for key, value in BUILD.items() if key != "logo.png"}

    steps = run(desired, before, before)
    kept = run(desired, before, before, delete=False)

    assert (steps["delete"], steps["invalidation_paths"]) == (["logo.png"], ["/", "/index.html", "/logo.png"])
    assert (kept["delete"], kept["invalidation_paths"]) == ([], [])


def test_more_changed_paths_than_the_threshold_invalidate_everything():
    before = served(BUILD)
    desired = {**BUILD, "logo.png": entry("c2", "logo.png"), "index.html": entry("a2", "index.html")}

    assert run(desired, before, before, max_paths=3)["invalidation_paths"] == ["/", "/index.html", "/logo.png"]
    assert run(desired, before, before, max_paths=2)["invalidation_paths"] == ["/*"]


def test_a_header_change_alone_uploads_the_file_again():
    before = served(BUILD)
    desired = {**BUILD, "logo.png": {**BUILD["logo.png"], "cache_control": "public, max-age=86400"}}

    assert run(desired, before, before)["upload"] == ["logo.png"]


def test_an_object_changed_outside_the_deploys_is_uploaded_again_and_invalidated():
    before = served(BUILD)
    current = {**before, "logo.png": {**entry("zz", "logo.png"), "version_id": "v9", "etag": "e9"}}

    steps = run(BUILD, current, before)

    assert steps["upload"] == ["logo.png"]
    assert steps["invalidation_paths"] == ["/", "/index.html", "/logo.png"]


def test_a_deploy_whose_run_stopped_before_its_record_is_recorded_and_invalidated_by_the_next_run():
    before = served(BUILD)
    # The bucket has the new logo already (uploaded by the run that stopped); the record still names the old one.
    desired = {**BUILD, "logo.png": entry("c2", "logo.png")}
    current = {**before, "logo.png": {**desired["logo.png"], "version_id": "v2", "etag": "e2"}}

    steps = run(desired, current, before)

    assert (steps["upload"], steps["record"]) == ([], True)
    assert steps["invalidation_paths"] == ["/", "/index.html", "/logo.png"]


def test_the_heads_needed_are_those_of_kept_keys_the_record_does_not_describe():
    before = served(BUILD)
    current = {**before, "logo.png": {"etag": "other"}, "old.txt": {"etag": "x"}}

    assert plan.keys_to_read(BUILD, current, before) == ["logo.png"]
    assert plan.keys_to_read(BUILD, {"index.html": {"etag": "e"}}, None) == ["index.html"]


def test_invalidation_paths_are_percent_encoded():
    assert plan.invalidation_path("static/media/my logo é.png") == "/static/media/my%20logo%20%C3%A9.png"
    assert plan.invalidation_path("a/b(1).js") == "/a/b(1).js"


def test_the_deploy_id_and_record_name_the_build():
    now = datetime(2026, 1, 4, 10, 15, tzinfo=UTC)
    deploy = plan.deploy_id(now, BUILD)

    assert deploy.startswith("20260104T101500Z-") and deploy[-8:] == plan.build_digest(BUILD)[:8]
    record = plan.manifest(deploy, "2026-01-04T10:15:00Z", served(BUILD), "prev", ["/"], "bucket/" + deploy)
    assert record["previous"] == "prev" and record["invalidation"]["paths"] == ["/"]
    assert record["files"]["logo.png"]["version_id"] == "v1-logo.png"
    assert "path" not in record["files"]["logo.png"]


def test_a_rollback_needs_an_earlier_deploy():
    with pytest.raises(ValueError, match="no deploy is recorded"):
        plan.rollback_target(None)
    with pytest.raises(ValueError, match="no earlier deploy to roll back to"):
        plan.rollback_target({"id": "d1", "previous": None})
    assert plan.rollback_target({"id": "d2", "previous": "d1"}) == "d1"
    assert plan.rollback_target({"id": "d2", "previous": "d1"}, "d0") == "d0"


def test_a_rollback_plan_restores_changed_keys_and_deletes_keys_the_earlier_deploy_lacked():
    first = served(BUILD)
    second_build = {**BUILD, "logo.png": entry("c2", "logo.png"), "new.txt": entry("n", "new.txt")}
    second = served(second_build, "v2")

    steps = run(first, second, second)

    assert (steps["upload"], steps["delete"]) == (["logo.png"], ["new.txt"])
    assert steps["invalidation_paths"] == ["/", "/index.html", "/logo.png", "/new.txt"]


def test_a_dropped_hashed_file_that_a_recent_deploy_lists_is_kept_and_other_gone_files_deleted():
    before = served(BUILD)
    current = {**before, "static/js/vendor.11111111.js": {"etag": "v"}, "old.txt": {"etag": "o"}}

    steps = plan.plan(BUILD, current, before, HASHED, ALWAYS, 15, retained={"static/js/vendor.11111111.js", "old.txt"})

    # A non-hashed file is deleted whatever the records list: its name holds no version.
    assert (steps["delete"], steps["kept"]) == (["old.txt"], ["static/js/vendor.11111111.js"])
    assert steps["invalidation_paths"] == ["/", "/index.html", "/old.txt"]


def test_deleting_only_hashed_files_invalidates_nothing():
    before = served(BUILD)
    current = {**before, "static/js/vendor.11111111.js": {"etag": "v"}}

    steps = run(BUILD, current, before)

    assert (steps["delete"], steps["invalidation_paths"], steps["record"]) == (
        ["static/js/vendor.11111111.js"],
        [],
        False,
    )


def test_the_retention_window_is_the_deploys_before_the_one_served_after_the_run():
    ids = ["d1", "d2", "d3", "d4"]

    # A run that records a new deploy: the current one and the one before it.
    assert plan.retention_window(ids, "d4", True, 2) == ["d4", "d3"]
    # The current deploy's build again: the two before it, as its own run kept.
    assert plan.retention_window(ids, "d4", False, 2) == ["d3", "d2"]
    assert plan.retention_window(ids, "d4", True, 0) == []
    assert plan.retention_window([], None, True, 2) == []
    assert plan.listed_keys([{"files": {"a": {}, "b": {}}}, None, {"files": {"c": {}}}]) == {"a", "b", "c"}


def test_a_record_names_the_versions_to_check_and_an_unrestorable_deploy_names_the_lifecycle_setting():
    record = {"files": {"a.js": {"version_id": "v1"}, "b.js": {"version_id": "null"}, "c.js": {}}}

    assert plan.recorded_versions(record) == ({"a.js": "v1"}, ["b.js", "c.js"])
    message = plan.unrestorable_message("bucket", "d1", [f"k{n}" for n in range(12)])
    assert "k0, k1" in message and "and 2 more" in message
    assert "s3_cloudfront_noncurrent_version_days" in message
