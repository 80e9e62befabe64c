"""Fixtures for the module and module_utils unit tests: botocore clients under a Stubber, and a module runner.

The Stubber checks every request against botocore's service model and fails on any call that was not
queued, so a test that queues only read calls proves that no mutating call is made.
"""

import json

import botocore.session
import pytest
from ansible.module_utils.testing import patch_module_args
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from botocore.stub import Stubber

# One session for every test: it caches the service models, which are slow to load.
SESSION = botocore.session.get_session()


def _stubbed_client(service):
    client = SESSION.create_client(
        service, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    return RetryingBotoClientWrapper(client, AWSRetry.jittered_backoff()), Stubber(client)


@pytest.fixture
def logs():
    """(client, stubber) for CloudWatch Logs; the client is wrapped like module.client() wraps it."""
    client, stubber = _stubbed_client("logs")
    with stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


@pytest.fixture
def ec2():
    """(client, stubber) for EC2; the client is wrapped like module.client() wraps it."""
    client, stubber = _stubbed_client("ec2")
    with stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _stubbed_fixture(service):
    """A fixture yielding (client, stubber) for one service, checking that every queued response was used."""

    @pytest.fixture
    def fixture():
        client, stubber = _stubbed_client(service)
        with stubber:
            yield client, stubber
            stubber.assert_no_pending_responses()

    fixture.__doc__ = f"(client, stubber) for {service}; the client is wrapped like module.client() wraps it."
    return fixture


acm = _stubbed_fixture("acm")
apprunner = _stubbed_fixture("apprunner")
rds = _stubbed_fixture("rds")
secretsmanager = _stubbed_fixture("secretsmanager")
kms = _stubbed_fixture("kms")
iam = _stubbed_fixture("iam")
cloudfront = _stubbed_fixture("cloudfront")
cloudwatch = _stubbed_fixture("cloudwatch")
s3 = _stubbed_fixture("s3")
budgets = _stubbed_fixture("budgets")
sts = _stubbed_fixture("sts")
sns = _stubbed_fixture("sns")
ecs = _stubbed_fixture("ecs")
elbv2 = _stubbed_fixture("elbv2")
elasticache = _stubbed_fixture("elasticache")
s3control = _stubbed_fixture("s3control")


@pytest.fixture
def run_module(capsys, monkeypatch):
    """Run a module's main() with these arguments and this client; returns (exit code, result dict).

    Pass client=None to assert that the module fails before creating a client, and a dict
    (service name -> client) for a module that uses several services.
    """

    def run(module, args, client):
        def fake_client(self, service, retry_decorator=None, **kwargs):
            if client is None:
                raise AssertionError(f"the module created a {service} client")
            if isinstance(client, dict):
                if service not in client:
                    raise AssertionError(f"the module created an unexpected {service} client")
                return client[service]
            return client

        monkeypatch.setattr(AppstackAWSModule, "client", fake_client)
        with patch_module_args(args), pytest.raises(SystemExit) as exit_info:
            module.main()
        return exit_info.value.code, json.loads(capsys.readouterr().out)

    return run
