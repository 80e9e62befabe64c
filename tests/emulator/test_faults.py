"""Faults: a share of calls answered with each protocol's own throttling error, a share with a server error."""

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

NO_RETRIES = Config(retries={"mode": "standard", "total_max_attempts": 1})
STANDARD_TEN = Config(retries={"mode": "standard", "total_max_attempts": 10})


def _client(emulator, service, config):
    return boto3.client(
        service,
        endpoint_url=emulator.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


@pytest.mark.parametrize(
    ("service", "call", "error_code"),
    [
        ("ec2", lambda c: c.describe_vpcs(), "RequestLimitExceeded"),
        ("iam", lambda c: c.list_roles(), "Throttling"),
        ("logs", lambda c: c.describe_log_groups(), "ThrottlingException"),
        ("s3", lambda c: c.list_buckets(), "SlowDown"),
    ],
)
def test_every_call_throttled_gets_the_protocols_throttling_error(emulator, service, call, error_code):
    emulator.configure(throttle_rate=1)
    with pytest.raises(ClientError) as raised:
        call(_client(emulator, service, NO_RETRIES))
    assert raised.value.response["Error"]["Code"] == error_code


def test_a_rate_throttles_that_share_of_calls_deterministically(emulator):
    emulator.configure(throttle_rate=0.2)
    ec2 = _client(emulator, "ec2", NO_RETRIES)
    outcomes = []
    for _ in range(10):
        try:
            ec2.describe_vpcs()
            outcomes.append("ok")
        except ClientError:
            outcomes.append("throttled")
    assert outcomes == ["ok", "ok", "ok", "ok", "throttled"] * 2


@pytest.mark.parametrize(
    ("service", "call", "error_code", "status"),
    [
        ("ec2", lambda c: c.describe_vpcs(), "InternalError", 500),
        ("iam", lambda c: c.list_roles(), "InternalFailure", 500),
        ("logs", lambda c: c.describe_log_groups(), "InternalFailure", 500),
        ("s3", lambda c: c.list_buckets(), "InternalError", 500),
    ],
)
def test_every_call_faulted_gets_the_protocols_server_error(emulator, service, call, error_code, status):
    emulator.configure(server_error_rate=1)
    with pytest.raises(ClientError) as raised:
        call(_client(emulator, service, NO_RETRIES))
    assert raised.value.response["Error"]["Code"] == error_code
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_both_rates_interleave_and_never_fault_twice_in_a_row(emulator):
    emulator.configure(throttle_rate=0.2, server_error_rate=0.2)
    ec2 = _client(emulator, "ec2", NO_RETRIES)
    outcomes = []
    for _ in range(10):
        try:
            ec2.describe_vpcs()
            outcomes.append("ok")
        except ClientError as error:
            outcomes.append(error.response["Error"]["Code"])
    assert outcomes == ["ok", "ok", "InternalError", "ok", "RequestLimitExceeded"] * 2


def test_a_faulted_create_changes_nothing(emulator):
    emulator.configure(server_error_rate=1)
    logs = _client(emulator, "logs", NO_RETRIES)
    with pytest.raises(ClientError):
        logs.create_log_group(logGroupName="/faulted")
    emulator.configure(server_error_rate=0)
    assert logs.describe_log_groups()["logGroups"] == []


def test_standard_retries_ride_out_throttling(emulator):
    emulator.configure(throttle_rate=0.5)
    ec2 = _client(emulator, "ec2", STANDARD_TEN)
    for _ in range(6):
        ec2.describe_vpcs()
    assert emulator.requests()["by_service"]["ec2"]["DescribeVpcs"] > 6


def test_rate_is_reported_and_validated(emulator):
    assert emulator.configure(throttle_rate=0.25)["throttle_rate"] == 0.25
    assert emulator.config()["throttle_rate"] == 0.25
    with pytest.raises(Exception, match="throttle_rate must be a number from 0 to 1"):
        emulator.configure(throttle_rate=2)
    with pytest.raises(Exception, match="server_error_rate must be a number from 0 to 1"):
        emulator.configure(server_error_rate=True)
    assert emulator.configure(throttle_rate=0, server_error_rate=0.5)["server_error_rate"] == 0.5
    assert emulator.configure(server_error_rate=0)["throttle_rate"] == 0


def test_a_rejected_config_leaves_the_rate_alone(emulator):
    emulator.configure(throttle_rate=0.5)
    with pytest.raises(Exception, match="unknown resource kind"):
        emulator.configure(throttle_rate=0.1, provisioning_delays={"lambda": 2})
    assert emulator.config()["throttle_rate"] == 0.5
