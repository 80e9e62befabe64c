"""The frontend deploy and its rollback against the emulator, as a user runs them.

One account (a versioned bucket and a distribution made with boto3, standing in for the edge tier) goes through
a sample build's life: its first deploy, the same build again, --check of a second build (one file changed, one
removed), that build's deploy, a rollback, a second rollback with nothing before, and a run with bad input. The
runs happen once, in the ``deploys`` fixture; each test reads what one run did and what the bucket and the
distribution hold afterwards (object bodies, headers, versions, invalidations, the emulator's request log).

A second bucket (``keeps``) goes through three builds that each name a new content-hashed script, deployed with
deploy_frontend_keep_previous_deploys 1, and a rollback to a deploy whose index.html version has expired.
"""

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from .playbook import REPO_ROOT, run_playbook

DEPLOY = "playbooks/deploy_frontend.yml"
ROLLBACK = "playbooks/rollback_frontend.yml"
INVENTORY = "inventories/prod"
SAMPLE = REPO_ROOT / "tests" / "integration" / "files" / "frontend_build"
BUCKET = "smartscheduler-frontend-prod"
RECORDS = ".appstack/deploys/"
SAMPLE_KEYS = ["index.html", "robots.txt", "static/css/main.8e4d2c1a.css", "static/js/main.3f2a9b1c.js"]
CHANGED, REMOVED = "robots.txt", "static/media/logo.png"
# The second build's invalidation: the changed file, the removed one, and what is invalidated on every change.
SECOND_PATHS = sorted(["/", "/index.html", f"/{CHANGED}", f"/{REMOVED}"])
NEW_ROBOTS = b"User-agent: *\nDisallow: /admin/\n"
# The IAM actions of each API operation the deploys call (the preflight's STS and IAM calls aside).
IAM_ACTIONS = {
    "s3:ListObjectsV2": ["s3:ListBucket"],
    "s3:HeadObject": ["s3:GetObject"],
    "s3:CopyObject": ["s3:GetObjectVersion", "s3:PutObject"],
    "s3:DeleteObjects": ["s3:DeleteObject"],
}
README = REPO_ROOT / "roles" / "deploy_frontend" / "README.md"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def distribution(cloudfront, reference="frontend-deploy-test"):
    config = {
        "CallerReference": reference,
        "Comment": "frontend deploy test",
        "Enabled": True,
        "DefaultRootObject": "index.html",
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "frontend",
                    "DomainName": f"{BUCKET}.s3.us-east-1.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "frontend",
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def invalidations(cloudfront, distribution_id):
    """Every invalidation of the distribution: caller reference -> sorted paths."""
    found = {}
    for item in cloudfront.list_invalidations(DistributionId=distribution_id)["InvalidationList"].get("Items") or []:
        batch = cloudfront.get_invalidation(DistributionId=distribution_id, Id=item["Id"])["Invalidation"]
        found[batch["InvalidationBatch"]["CallerReference"]] = sorted(batch["InvalidationBatch"]["Paths"]["Items"])
    return found


def bodies(s3):
    """The bucket's current objects without the deploy records: key -> body."""
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    return {key: s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys if not key.startswith(RECORDS)}


def latest_versions(s3):
    """The current version of each object: key -> VersionId."""
    versions = s3.list_object_versions(Bucket=BUCKET).get("Versions", [])
    return {version["Key"]: version["VersionId"] for version in versions if version["IsLatest"]}


def record(s3, name="current"):
    """A deploy record, or None."""
    try:
        return json.loads(s3.get_object(Bucket=BUCKET, Key=f"{RECORDS}{name}.json")["Body"].read())
    except s3.exceptions.NoSuchKey:
        return None


def operations(requests):
    return {f"{service}:{op}": n for service, ops in requests["by_service"].items() for op, n in ops.items()}


@pytest.fixture(scope="module")
def deploys(emulator_server, tmp_path_factory):
    """Every run of the scenario, with the request log and a snapshot of the account after each."""
    emulator = emulator_server
    emulator.reset()
    emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
    s3, cloudfront = emulator.client("s3"), emulator.client("cloudfront")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    distribution_id = distribution(cloudfront)

    work = tmp_path_factory.mktemp("frontend")
    first, second, broken = work / "first", work / "second", work / "broken"
    shutil.copytree(SAMPLE, first)
    shutil.copytree(SAMPLE, second)
    (second / CHANGED).write_bytes(NEW_ROBOTS)
    (second / REMOVED).unlink()
    (broken / "static").mkdir(parents=True)
    (broken / "static" / "app.js").write_text("console.log(1);\n")
    edge = {
        "deploy_frontend_bucket": BUCKET,
        "deploy_frontend_distribution_id": distribution_id,
        "appstack_outputs_dir": str(work / "outputs"),
    }

    runs = {}

    def run(name, playbook, check=False, **extra_vars):
        emulator.clear_requests()
        result = run_playbook(playbook, INVENTORY, emulator.env, check=check, extra_vars={**edge, **extra_vars})
        runs[name] = {
            "run": result,
            "requests": emulator.requests(),
            "bodies": bodies(s3),
            "versions": latest_versions(s3),
            "record": record(s3),
            "invalidations": invalidations(cloudfront, distribution_id),
        }

    run("first", DEPLOY, build_dir=str(first))
    run("same", DEPLOY, build_dir=str(first))
    run("check", DEPLOY, check=True, build_dir=str(second))
    run("second", DEPLOY, build_dir=str(second))
    run("rollback", ROLLBACK)
    run("rollback_again", ROLLBACK)
    run("bad_input", DEPLOY, build_dir=str(broken), deploy_frontend_invalidation_max_paths=0)
    return {"runs": runs, "s3": s3, "first": first, "distribution_id": distribution_id}


def stats(deploys, name):
    return deploys["runs"][name]["run"].custom_stats["frontend_deploy"]


def test_the_first_deploy_uploads_every_file_with_its_headers_and_content_hash(deploys):
    first = deploys["runs"]["first"]
    assert not first["run"].failed, first["run"].outcome()
    assert stats(deploys, "first")["uploaded"] == sorted([*SAMPLE_KEYS, REMOVED])
    s3 = deploys["s3"]
    # After the rollback, each object is the first build's again (CopyObject keeps the headers and metadata).
    headers = {key: s3.head_object(Bucket=BUCKET, Key=key) for key in ("index.html", "static/js/main.3f2a9b1c.js")}
    assert headers["index.html"]["CacheControl"] == "no-cache"
    assert headers["index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert headers["static/js/main.3f2a9b1c.js"]["CacheControl"] == "public, max-age=31536000, immutable"
    assert headers["static/js/main.3f2a9b1c.js"]["ContentType"] == "text/javascript; charset=utf-8"
    logo = s3.head_object(Bucket=BUCKET, Key=REMOVED)
    assert (logo["ContentType"], logo["CacheControl"]) == ("image/png", "public, max-age=3600")
    assert logo["Metadata"]["sha256"] == sha256((SAMPLE / REMOVED).read_bytes())
    assert first["bodies"] == {key: (SAMPLE / key).read_bytes() for key in [*SAMPLE_KEYS, REMOVED]}


def test_the_first_deploy_records_each_keys_version_and_invalidates_the_entry_points(deploys):
    first = deploys["runs"]["first"]
    recorded = first["record"]
    assert recorded["kind"] == "deploy" and recorded["previous"] is None
    s3 = deploys["s3"]
    for key, entry in recorded["files"].items():
        assert entry["version_id"] == first["versions"][key]
        assert entry["sha256"] == sha256((SAMPLE / key).read_bytes())
    # The content-hashed files are new names: nothing can have cached them.
    first_paths = sorted(["/", "/index.html", "/robots.txt", f"/{REMOVED}"])
    assert first["invalidations"] == {recorded["invalidation"]["caller_reference"]: first_paths}
    assert record(s3, recorded["id"])["id"] == recorded["id"]


def test_the_same_build_again_uploads_and_invalidates_nothing(deploys):
    same = deploys["runs"]["same"]
    assert not same["run"].failed, same["run"].outcome()
    assert same["run"].changed == 0
    summary = stats(deploys, "same")
    assert (summary["uploaded"], summary["deleted"], summary["invalidated"]) == ([], [], [])
    assert summary["unchanged"] == 5
    assert same["requests"]["mutating"] == 0, operations(same["requests"])
    assert len(same["invalidations"]) == 1


def test_check_lists_the_second_builds_changes_and_writes_nothing(deploys):
    check = deploys["runs"]["check"]
    assert not check["run"].failed, check["run"].outcome()
    summary = stats(deploys, "check")
    assert (summary["uploaded"], summary["deleted"]) == ([CHANGED], [REMOVED])
    assert summary["invalidated"] == SECOND_PATHS
    assert check["requests"]["mutating"] == 0, operations(check["requests"])
    assert check["bodies"] == deploys["runs"]["same"]["bodies"]
    assert check["record"] == deploys["runs"]["same"]["record"]


def test_the_second_build_uploads_the_changed_file_deletes_the_removed_one_and_invalidates_only_them(deploys):
    second = deploys["runs"]["second"]
    assert not second["run"].failed, second["run"].outcome()
    summary = stats(deploys, "second")
    assert (summary["uploaded"], summary["deleted"], summary["unchanged"]) == ([CHANGED], [REMOVED], 3)
    calls = operations(second["requests"])
    # One file, then the deploy record and the current-deploy pointer.
    assert (calls["s3:PutObject"], calls["s3:DeleteObjects"], calls["cloudfront:CreateInvalidation"]) == (3, 1, 1)
    assert second["bodies"][CHANGED] == NEW_ROBOTS and REMOVED not in second["bodies"]
    recorded = second["record"]
    assert recorded["previous"] == deploys["runs"]["first"]["record"]["id"]
    assert second["invalidations"][recorded["invalidation"]["caller_reference"]] == SECOND_PATHS
    assert summary["invalidated"] == SECOND_PATHS


def test_a_removed_file_stays_as_an_old_version(deploys):
    assert REMOVED not in deploys["runs"]["second"]["versions"]
    # Read after the rollback, which copied the old version back on top of the delete marker.
    versions = deploys["s3"].list_object_versions(Bucket=BUCKET, Prefix=REMOVED)
    assert len(versions.get("DeleteMarkers", [])) == 1
    first_version = deploys["runs"]["first"]["record"]["files"][REMOVED]["version_id"]
    assert first_version in [version["VersionId"] for version in versions["Versions"]]


def test_a_rollback_restores_the_first_builds_content_and_invalidates_what_it_restored(deploys):
    rollback = deploys["runs"]["rollback"]
    assert not rollback["run"].failed, rollback["run"].outcome()
    first = deploys["first"]
    assert rollback["bodies"] == {key: (first / key).read_bytes() for key in [*SAMPLE_KEYS, REMOVED]}
    summary = stats(deploys, "rollback")
    assert (summary["uploaded"], summary["deleted"]) == (sorted([CHANGED, REMOVED]), [])
    recorded = rollback["record"]
    assert (recorded["kind"], recorded["restored"]) == ("rollback", deploys["runs"]["first"]["record"]["id"])
    assert rollback["invalidations"][recorded["invalidation"]["caller_reference"]] == SECOND_PATHS
    assert operations(rollback["requests"])["s3:CopyObject"] == 2


def test_a_rollback_with_no_earlier_deploy_fails_saying_so_and_changes_nothing(deploys):
    again = deploys["runs"]["rollback_again"]
    assert again["run"].failed
    assert "no earlier deploy to roll back to" in again["run"].failure_messages()
    assert again["requests"]["mutating"] == 0, operations(again["requests"])
    assert again["bodies"] == deploys["runs"]["rollback"]["bodies"]


def test_bad_input_fails_before_any_call_naming_the_variables(deploys):
    bad = deploys["runs"]["bad_input"]
    assert bad["run"].failed
    messages = bad["run"].failure_messages()
    assert "deploy_frontend_build_dir" in messages and "has no index.html" in messages
    assert "deploy_frontend_invalidation_max_paths is 0" in messages
    assert bad["requests"]["total"] == 0, operations(bad["requests"])


def test_the_readme_lists_every_permission_the_runs_used(deploys):
    text = README.read_text()
    listed = set(re.findall(r"^- `([a-z0-9]+:[A-Za-z]+)`", text.split("<!-- BEGIN PERMISSIONS -->")[1], re.MULTILINE))
    used = set()
    for run in deploys["runs"].values():
        for operation in operations(run["requests"]):
            if operation.split(":")[0] in ("s3", "cloudfront"):
                used.update(IAM_ACTIONS.get(operation, [operation]))
    assert used <= listed, used - listed


KEEP_BUCKET = "smartscheduler-frontend-keep"


def hashed_build(root, version):
    """A build whose index.html names its one content-hashed script, static/js/main.<version * 8>.js."""
    script = f"static/js/main.{str(version) * 8}.js"
    (root / "static" / "js").mkdir(parents=True)
    (root / "index.html").write_text(f'<html><script src="/{script}"></script></html>')
    (root / script).write_text(f"console.log({version});\n")
    return script


@pytest.fixture(scope="module")
def keeps(emulator_server, tmp_path_factory):
    """Three builds, each with a new content-hashed script, deployed in turn into a bucket of their own with
    deploy_frontend_keep_previous_deploys 1; then a rollback to a deploy whose index.html version expired."""
    emulator = emulator_server
    emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
    s3, cloudfront = emulator.client("s3"), emulator.client("cloudfront")
    s3.create_bucket(Bucket=KEEP_BUCKET)
    s3.put_bucket_versioning(Bucket=KEEP_BUCKET, VersioningConfiguration={"Status": "Enabled"})
    work = tmp_path_factory.mktemp("frontend_keep")
    builds, scripts = {}, {}
    for version in (1, 2, 3):
        builds[version] = work / f"v{version}"
        scripts[version] = hashed_build(builds[version], version)
    extra = {
        "deploy_frontend_bucket": KEEP_BUCKET,
        "deploy_frontend_distribution_id": distribution(cloudfront, "frontend-keep-test"),
        "deploy_frontend_keep_previous_deploys": 1,
        "appstack_outputs_dir": str(work / "outputs"),
    }
    runs = {}

    def run(name, playbook, check=False, **extra_vars):
        emulator.clear_requests()
        result = run_playbook(playbook, INVENTORY, emulator.env, check=check, extra_vars={**extra, **extra_vars})
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket=KEEP_BUCKET).get("Contents", [])]
        runs[name] = {
            "run": result,
            "requests": emulator.requests(),
            "keys": sorted(key for key in keys if not key.startswith(RECORDS)),
        }

    run("v1", DEPLOY, build_dir=str(builds[1]))
    run("v2", DEPLOY, build_dir=str(builds[2]))
    run("check_v3", DEPLOY, check=True, build_dir=str(builds[3]))
    run("v3", DEPLOY, build_dir=str(builds[3]))
    run("same_v3", DEPLOY, build_dir=str(builds[3]))
    # A rollback restores v2's index.html, whose version the bucket's lifecycle rule has expired.
    v2_record = json.loads(s3.get_object(Bucket=KEEP_BUCKET, Key=f"{RECORDS}current.json")["Body"].read())["previous"]
    v2_files = json.loads(s3.get_object(Bucket=KEEP_BUCKET, Key=f"{RECORDS}{v2_record}.json")["Body"].read())["files"]
    s3.delete_object(Bucket=KEEP_BUCKET, Key="index.html", VersionId=v2_files["index.html"]["version_id"])
    run("expired_rollback", ROLLBACK)
    return {"runs": runs, "scripts": scripts}


def keep_stats(keeps, name):
    return keeps["runs"][name]["run"].custom_stats["frontend_deploy"]


def test_a_deploy_keeps_the_hashed_script_the_previous_deploys_index_names(keeps):
    v2 = keeps["runs"]["v2"]
    assert not v2["run"].failed, v2["run"].outcome()
    scripts = keeps["scripts"]
    assert (keep_stats(keeps, "v2")["deleted"], keep_stats(keeps, "v2")["kept"]) == ([], [scripts[1]])
    assert v2["keys"] == sorted(["index.html", scripts[1], scripts[2]])
    # The kept script is not invalidated: the cached pages that name it keep getting it.
    assert keep_stats(keeps, "v2")["invalidated"] == ["/", "/index.html"]


def test_check_then_the_deploy_delete_a_hashed_script_once_no_recent_deploy_lists_it(keeps):
    scripts = keeps["scripts"]
    check, v3 = keeps["runs"]["check_v3"], keeps["runs"]["v3"]
    assert not check["run"].failed and not v3["run"].failed, v3["run"].outcome()
    for name in ("check_v3", "v3"):
        summary = keep_stats(keeps, name)
        assert (summary["deleted"], summary["kept"]) == ([scripts[1]], [scripts[2]])
    assert check["requests"]["mutating"] == 0, operations(check["requests"])
    assert "1 kept" in check["run"].stdout and "(--check, nothing written)" in check["run"].stdout
    assert v3["keys"] == sorted(["index.html", scripts[2], scripts[3]])


def test_the_same_build_again_keeps_what_its_deploy_kept_and_changes_nothing(keeps):
    same = keeps["runs"]["same_v3"]
    assert not same["run"].failed, same["run"].outcome()
    assert same["run"].changed == 0
    assert (keep_stats(keeps, "same_v3")["deleted"], keep_stats(keeps, "same_v3")["kept"]) == (
        [],
        [keeps["scripts"][2]],
    )
    assert same["requests"]["mutating"] == 0, operations(same["requests"])


def test_a_rollback_to_an_expired_version_fails_naming_it_and_the_lifecycle_setting_and_writes_nothing(keeps):
    rollback = keeps["runs"]["expired_rollback"]
    assert rollback["run"].failed
    messages = rollback["run"].failure_messages()
    assert "the object versions it recorded for index.html no longer exist" in messages
    assert "s3_cloudfront_noncurrent_version_days" in messages
    assert rollback["requests"]["mutating"] == 0, operations(rollback["requests"])
    assert rollback["keys"] == keeps["runs"]["same_v3"]["keys"]


def test_the_sample_build_is_what_the_tests_expect():
    keys = sorted(path.relative_to(SAMPLE).as_posix() for path in Path(SAMPLE).rglob("*") if path.is_file())
    assert keys == sorted([*SAMPLE_KEYS, REMOVED])
