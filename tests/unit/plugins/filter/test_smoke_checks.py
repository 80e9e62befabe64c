"""Smoke checks of a deploy: what passes, the report, and the checks' own validation."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.ecr_pull_principals import ecr_pull_principals
from ansible_collections.appstack.aws.plugins.filter.smoke_checks import (
    smoke_check_errors,
    smoke_check_passed,
    smoke_check_report,
)

HEALTH = {"path": "/health", "status": 200}
LOGIN = {"path": "/auth/google/login", "status": 302, "redirect_to": "https://accounts.google.com"}


def test_a_matching_status_passes_and_another_fails():
    assert smoke_check_passed({"status": 200}, HEALTH)
    assert not smoke_check_passed({"status": 500}, HEALTH)
    assert not smoke_check_passed({"status": -1, "msg": "Connection refused"}, HEALTH)


def test_a_redirect_must_go_where_asked():
    assert smoke_check_passed({"status": 302, "location": "https://accounts.google.com/o/oauth2"}, LOGIN)
    assert not smoke_check_passed({"status": 302, "location": "https://evil.example/accounts.google.com"}, LOGIN)
    assert not smoke_check_passed({"status": 302}, LOGIN)


def test_a_body_must_hold_the_text_asked_for():
    check = {"path": "/health", "status": 200, "body_contains": '"status": "ok"'}
    assert smoke_check_passed({"status": 200, "content": '{"status": "ok"}'}, check)
    assert not smoke_check_passed({"status": 200, "content": '{"status": "degraded"}'}, check)


def test_the_report_says_what_was_seen_and_expected():
    results = [
        {"item": HEALTH, "status": 500},
        {"item": LOGIN, "status": 302, "location": "https://accounts.google.com/x"},
        {"item": HEALTH, "status": -1, "msg": "Connection refused"},
    ]
    assert smoke_check_report(results) == [
        "FAIL /health: got 500, expected 200",
        "PASS /auth/google/login: got 302 to https://accounts.google.com/x, expected 302 to https://accounts.google.com",
        "FAIL /health: got no answer (Connection refused), expected 200",
    ]


@pytest.mark.parametrize(
    ("checks", "expected"),
    [
        ([], "deploy_backend_smoke_checks must be a non-empty list"),
        ([{"path": "health", "status": 200}], "deploy_backend_smoke_checks[0].path must start with '/'"),
        ([HEALTH, {"path": "/x", "status": 700}], "deploy_backend_smoke_checks[1].status must be an HTTP status"),
        ([{"path": "/x", "status": 200, "redirect": "y"}], "has unknown keys ['redirect']"),
    ],
)
def test_bad_checks_are_refused_naming_the_variable(checks, expected):
    assert any(expected in error for error in smoke_check_errors(checks, "deploy_backend_smoke_checks"))


def test_the_default_checks_are_valid():
    assert smoke_check_errors([HEALTH, {"path": "/ready", "status": 200}, LOGIN]) == []


def test_the_pull_principals_are_those_of_allow_statements_granting_a_pull():
    policy = {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": ["arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"]},
                "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            },
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:role/pusher"}, "Action": "ecr:PutImage"},
            {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "ecr:BatchGetImage"},
        ]
    }
    assert ecr_pull_principals(policy) == ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"]
    assert ecr_pull_principals(None) == []
