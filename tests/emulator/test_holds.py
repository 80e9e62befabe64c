"""Holds: the emulator serves a call, then keeps its answer from the caller, as when a run dies mid-call."""

import threading
import time

import boto3
import pytest
from botocore.config import Config

from emulator.client import EmulatorError

ONE_ATTEMPT = Config(retries={"mode": "standard", "total_max_attempts": 1}, read_timeout=30)


def _logs(emulator):
    return boto3.client(
        "logs",
        endpoint_url=emulator.endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=ONE_ATTEMPT,
    )


def _wait_until_held(emulator, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not emulator.held():
        assert time.monotonic() < deadline, "the call was never held"
        time.sleep(0.05)
    return emulator.held()


def test_the_nth_call_is_served_and_its_answer_kept_back_until_released(emulator):
    logs = _logs(emulator)
    logs.create_log_group(logGroupName="/before")
    emulator.hold("logs:CreateLogGroup", occurrence=2)
    logs.create_log_group(logGroupName="/first")  # the 1st from now: answered
    answered = threading.Event()
    caller = threading.Thread(target=lambda: (logs.create_log_group(logGroupName="/held"), answered.set()), daemon=True)
    caller.start()

    assert _wait_until_held(emulator) == ["logs:CreateLogGroup"]
    # Done in the account, unknown to its caller.
    names = [group["logGroupName"] for group in _logs(emulator).describe_log_groups()["logGroups"]]
    assert names == ["/before", "/first", "/held"]
    assert not answered.is_set()

    emulator.release_holds()
    caller.join(10)
    assert answered.is_set()
    assert emulator.held() == []


def test_other_calls_are_answered_while_one_is_held(emulator):
    logs = _logs(emulator)
    emulator.hold("logs:CreateLogGroup")
    threading.Thread(target=lambda: logs.create_log_group(logGroupName="/held"), daemon=True).start()
    _wait_until_held(emulator)
    assert _logs(emulator).describe_log_groups()["logGroups"]
    emulator.reset()  # A reset lets the held answer go, as a release does.
    assert emulator.held() == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"operation": "CreateVpc"}, "operation must be service:Operation"),
        ({"operation": "ec2:CreateVpc", "occurrence": 0}, "occurrence must be a whole number from 1"),
        ({"operation": "ec2:CreateVpc", "after": 1}, "unknown fields: after"),
    ],
)
def test_a_hold_that_cannot_be_armed_is_refused(emulator, body, message):
    with pytest.raises(EmulatorError, match=message):
        emulator._call("POST", "holds", body)
    assert emulator._call("GET", "holds") == {"holds": []}
