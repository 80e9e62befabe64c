"""wait_or_fail: every wait of the collection returns on success and fails otherwise, naming what it waited for."""

import pytest
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems
from botocore.exceptions import WaiterError


class Waiter:
    """A botocore waiter stand-in that succeeds, or raises the WaiterError it is given, and records its call."""

    def __init__(self, error=None):
        self.error = error
        self.calls = []

    def wait(self, **kwargs):
        self.calls.append(kwargs)
        if self.error:
            raise self.error


def status_of(response):
    return response.get("Thing", {}).get("Status", "unknown")


def wait(waiter, timeout=30):
    wait_or_fail(waiter, timeout, 10, "thing t-1 to be ready", status_of, AnsibleAWSError, ThingId="t-1")


def test_success_returns_after_one_wait_with_the_timeout_as_waiter_config():
    waiter = Waiter()

    wait(waiter, timeout=30)

    assert len(waiter.calls) == 1
    assert waiter.calls[0]["ThingId"] == "t-1"
    config = waiter.calls[0]["WaiterConfig"]
    assert config["Delay"] * (config["MaxAttempts"] - 1) >= 30


def test_a_timeout_fails_naming_the_resource_and_its_last_status():
    error = WaiterError(
        name="thing_ready",
        reason="Max attempts exceeded. Previously accepted state: matched creating",
        last_response={"Thing": {"Status": "creating"}},
    )

    with pytest.raises(AnsibleAWSError) as raised:
        wait(Waiter(error), timeout=30)

    assert raised.value.message == (
        "Timed out after 30 seconds waiting for thing t-1 to be ready; its last status was creating"
    )
    assert raised.value.exception is error


def test_a_failure_state_fails_naming_the_resource_and_its_last_status():
    error = WaiterError(
        name="thing_ready",
        reason="Waiter encountered a terminal failure state: matched failed",
        last_response={"Thing": {"Status": "failed"}},
    )

    with pytest.raises(AnsibleAWSError) as raised:
        wait(Waiter(error))

    assert raised.value.message == "Gave up waiting for thing t-1 to be ready; its last status was failed"


def test_an_unexpected_error_gives_its_code_as_the_last_status():
    error = WaiterError(
        name="thing_ready",
        reason="An error occurred (AccessDenied): not allowed",
        last_response={"Error": {"Code": "AccessDenied", "Message": "not allowed"}},
    )

    with pytest.raises(AnsibleAWSError) as raised:
        wait(Waiter(error))

    assert raised.value.message == "Gave up waiting for thing t-1 to be ready; its last status was AccessDenied"


@pytest.mark.parametrize(("timeout", "problems"), [(None, 0), (1, 0), (0, 1), (-30, 1)])
def test_a_wait_timeout_must_be_above_zero(timeout, problems):
    found = wait_timeout_problems(timeout)

    assert len(found) == problems
    if problems:
        assert found == [f"wait_timeout must be a number of seconds above 0, not {timeout}."]
