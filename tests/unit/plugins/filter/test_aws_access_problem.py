"""The advice a failed first call gets: what went wrong, and what to do."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.aws_access_problem import FilterModule, aws_access_problem


def failed(msg, code=None):
    result = {"failed": True, "msg": msg}
    if code:
        result["error"] = {"code": code, "message": msg}
    return result


def test_a_successful_call_needs_no_advice():
    assert aws_access_problem({"account": "123456789012", "arn": "arn:aws:iam::123456789012:user/x"}) == ""


@pytest.mark.parametrize(
    ("result", "endpoint", "expected"),
    [
        pytest.param(
            failed("Failed to retrieve caller identity: Unable to locate credentials"),
            "",
            ["No AWS credentials were found", "AWS_PROFILE", "AWS_ACCESS_KEY_ID"],
            id="no-credentials",
        ),
        pytest.param(
            failed('Failed to retrieve caller identity: Could not connect to the endpoint URL: "http://127.0.0.1:1/"'),
            "http://127.0.0.1:1",
            ["http://127.0.0.1:1 (AWS_ENDPOINT_URL) does not answer", "make emulator-start"],
            id="dead-emulator",
        ),
        pytest.param(
            failed("Failed to retrieve caller identity: Connect timeout on endpoint URL"),
            "",
            ["AWS does not answer", "HTTPS_PROXY"],
            id="no-network",
        ),
        pytest.param(
            failed("Failed to retrieve caller identity: An error occurred (ExpiredToken)", "ExpiredToken"),
            "",
            ["invalid or expired", "aws sso login"],
            id="expired",
        ),
        pytest.param(
            failed("Failed to retrieve caller identity: An error occurred (AccessDenied)", "AccessDenied"),
            "",
            ["AWS denied the call", "README"],
            id="access-denied",
        ),
        pytest.param(
            failed("Failed to retrieve caller identity: The config profile (ops) could not be found"),
            "",
            ["AWS_PROFILE names a profile", "list-profiles"],
            id="unknown-profile",
        ),
    ],
)
def test_each_failure_gets_its_fix(result, endpoint, expected):
    advice = aws_access_problem(result, endpoint=endpoint)
    for text in expected:
        assert text in advice
    assert result["msg"] in advice, "the original error is kept"


def test_an_unknown_failure_keeps_the_original_message():
    assert aws_access_problem(failed("boom")) == "The first call to AWS failed: boom"


def test_the_filter_is_registered():
    assert FilterModule().filters()["aws_access_problem"] is aws_access_problem
