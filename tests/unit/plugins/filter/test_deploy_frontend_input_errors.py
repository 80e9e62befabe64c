"""The deploy_frontend role's input checks: one test per rule, each message naming the variable."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.deploy_frontend_input_errors import deploy_frontend_input_errors


@pytest.fixture
def build(tmp_path):
    (tmp_path / "index.html").write_text("<html></html>")
    return str(tmp_path)


def inputs(build_dir, **overrides):
    values = {
        "deploy_frontend_build_dir": build_dir,
        "deploy_frontend_bucket": "smartscheduler-frontend-prod",
        "deploy_frontend_distribution_id": "E2QWRUHEXAMPLE",
        "deploy_frontend_invalidation_max_paths": 15,
        "deploy_frontend_invalidate_always": ["/index.html", "/"],
        "deploy_frontend_hashed_pattern": r"\.[0-9a-f]{8,}\.",
        "deploy_frontend_cache_control": "public, max-age=3600",
        "deploy_frontend_wait_timeout": 900,
        "deploy_frontend_concurrency": 8,
        "deploy_frontend_keep_previous_deploys": 2,
        "deploy_frontend_rollback_to": "",
    }
    values.update(overrides)
    return values


def test_valid_input_has_no_error(build):
    assert deploy_frontend_input_errors(inputs(build)) == []
    assert deploy_frontend_input_errors(inputs("", deploy_frontend_rollback_to="20260104T101500Z-3f2a9b1c"), True) == []


def test_a_missing_build_dir_is_named():
    (error,) = deploy_frontend_input_errors(inputs(""))
    assert error.startswith("deploy_frontend_build_dir is not set") and "-e build_dir=" in error


def test_a_build_dir_that_is_not_a_directory_is_named(tmp_path):
    (error,) = deploy_frontend_input_errors(inputs(str(tmp_path / "dist")))
    assert error.startswith("deploy_frontend_build_dir") and "is not a directory" in error


def test_a_build_dir_without_index_html_is_named(tmp_path):
    (tmp_path / "app.js").write_text("x")
    (error,) = deploy_frontend_input_errors(inputs(str(tmp_path)))
    assert error.startswith("deploy_frontend_build_dir") and "has no index.html" in error


def test_a_rollback_needs_no_build_dir_but_a_well_formed_deploy_id():
    (error,) = deploy_frontend_input_errors(inputs("", deploy_frontend_rollback_to="last-tuesday"), rollback=True)
    assert error.startswith("deploy_frontend_rollback_to is last-tuesday")


@pytest.mark.parametrize(
    ("bucket", "expected"),
    [
        ("", "deploy_frontend_bucket is not set: the s3_cloudfront role publishes it"),
        ("Frontend_Prod", "deploy_frontend_bucket Frontend_Prod is not an S3 bucket name"),
        ("ab", "deploy_frontend_bucket ab is not an S3 bucket name"),
        ("a..b", "deploy_frontend_bucket a..b is not an S3 bucket name"),
        ("192.168.1.10", "deploy_frontend_bucket 192.168.1.10 is not an S3 bucket name"),
    ],
)
def test_a_missing_or_invalid_bucket_is_named(build, bucket, expected):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_bucket=bucket))
    assert error.startswith(expected)


@pytest.mark.parametrize(
    ("distribution", "expected"),
    [("", "deploy_frontend_distribution_id is not set"), ("e2qw-x", "deploy_frontend_distribution_id e2qw-x is not")],
)
def test_a_missing_or_invalid_distribution_is_named(build, distribution, expected):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_distribution_id=distribution))
    assert error.startswith(expected)


@pytest.mark.parametrize("value", [0, -1, 3001, "many"])
def test_an_invalidation_threshold_out_of_range_is_named(build, value):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_invalidation_max_paths=value))
    assert error == (
        f"deploy_frontend_invalidation_max_paths is {value}: a whole number from 1 to 3000 (above it, the deploy"
        " invalidates /*)"
    )


def test_paths_always_invalidated_start_with_a_slash(build):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_invalidate_always=["index.html"]))
    assert error == "deploy_frontend_invalidate_always holds index.html: each path starts with /"


def test_a_hashed_pattern_must_be_a_regular_expression(build):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_hashed_pattern="[0-9"))
    assert error.startswith("deploy_frontend_hashed_pattern is not a regular expression")


@pytest.mark.parametrize("value", ["", "public,\nmax-age=60"])
def test_a_cache_control_must_be_one_header_value(build, value):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_cache_control=value))
    assert error.startswith("deploy_frontend_cache_control is")


@pytest.mark.parametrize("name", ["deploy_frontend_wait_timeout", "deploy_frontend_concurrency"])
def test_timeouts_and_concurrency_are_positive(build, name):
    (error,) = deploy_frontend_input_errors(inputs(build, **{name: 0}))
    assert error == f"{name} is 0: a whole number of 1 or more"


def test_every_problem_is_reported_at_once():
    errors = deploy_frontend_input_errors(
        inputs("", deploy_frontend_bucket="", deploy_frontend_invalidation_max_paths=0)
    )
    assert [error.split(" ")[0] for error in errors] == [
        "deploy_frontend_build_dir",
        "deploy_frontend_bucket",
        "deploy_frontend_invalidation_max_paths",
    ]


@pytest.mark.parametrize("value", [-1, "two", "1.5"])
def test_a_negative_or_non_whole_number_of_deploys_to_keep_is_named(build, value):
    (error,) = deploy_frontend_input_errors(inputs(build, deploy_frontend_keep_previous_deploys=value))
    assert error == f"deploy_frontend_keep_previous_deploys is {value}: a whole number of 0 or more"


def test_keeping_no_earlier_deploys_hashed_files_is_allowed(build):
    assert deploy_frontend_input_errors(inputs(build, deploy_frontend_keep_previous_deploys=0)) == []
