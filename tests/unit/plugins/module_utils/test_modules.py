"""AppstackAWSModule names appstack.aws in the user agent and passes aws_config to botocore."""

import json
from pathlib import Path

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args
from ansible_collections.amazon.aws.plugins.module_utils import common as amazon_common
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.common import APPSTACK_AWS_COLLECTION_VERSION
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from botocore.awsrequest import AWSResponse

GALAXY_YML = Path(__file__).resolve().parents[4] / "galaxy.yml"
ARGS = {"region": "us-east-1", "access_key": "testing", "secret_key": "testing", "session_token": ""}


class _Body:
    def stream(self, **kwargs):
        yield b'{"logGroups": []}'


@pytest.fixture(autouse=True)
def collection_info(monkeypatch):
    """Undo the module's registration of appstack.aws in amazon.aws's collection info after each test."""
    monkeypatch.setattr(amazon_common, "_collection_info_context", dict(amazon_common._collection_info_context))


def build_client(args):
    with patch_module_args(args):
        module = AppstackAWSModule(argument_spec={}, supports_check_mode=True)
    return module.client("logs", retry_decorator=AWSRetry.jittered_backoff())


def send_one_request(client):
    """Make one DescribeLogGroups call, answered locally; returns the request's headers."""
    sent = {}

    def answer(request, **kwargs):
        sent.update(request.headers)
        return AWSResponse(request.url, 200, {}, _Body())

    client.meta.events.register("before-send.cloudwatch-logs.DescribeLogGroups", answer)
    client.describe_log_groups(aws_retry=True)
    return {key: value.decode() if isinstance(value, bytes) else value for key, value in sent.items()}


def test_the_collection_version_matches_galaxy_yml():
    assert yaml.safe_load(GALAXY_YML.read_text())["version"] == APPSTACK_AWS_COLLECTION_VERSION


def test_requests_name_appstack_aws_in_the_user_agent():
    headers = send_one_request(build_client(ARGS))

    assert f"appstack.aws/{APPSTACK_AWS_COLLECTION_VERSION}" in headers["User-Agent"]


def test_aws_config_reaches_the_client():
    retries = {"mode": "standard", "max_attempts": 10}
    client = build_client({**ARGS, "aws_config": {"retries": retries, "user_agent_extra": "site/prod"}})

    # botocore counts the first attempt too: max_attempts=10 retries means 11 attempts in all.
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 11}
    headers = send_one_request(client)
    assert "site/prod" in headers["User-Agent"]
    assert f"appstack.aws/{APPSTACK_AWS_COLLECTION_VERSION}" in headers["User-Agent"]


def test_fail_on_invalid_fails_once_with_every_problem(capsys):
    with patch_module_args(ARGS):
        module = AppstackAWSModule(argument_spec={}, supports_check_mode=True)
        module.fail_on_invalid([])  # No problem: the module goes on.
        with pytest.raises(SystemExit):
            module.fail_on_invalid(["name must be short.", "wait_timeout must be above 0."])

    result = json.loads(capsys.readouterr().out)
    assert result["failed"]
    assert result["msg"] == "name must be short. wait_timeout must be above 0."
    assert result["problems"] == ["name must be short.", "wait_timeout must be above 0."]
