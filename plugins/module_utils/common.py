# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pieces every appstack.aws module shares: the collection's identity and the one way to wait.

Modules are shipped to the target host without galaxy.yml, so the version lives here as a
constant; a unit test keeps it equal to the version in galaxy.yml.
"""

from contextlib import suppress

from ansible_collections.amazon.aws.plugins.module_utils.waiter import custom_waiter_config

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import WaiterError

APPSTACK_AWS_COLLECTION_NAME = "appstack.aws"
APPSTACK_AWS_COLLECTION_VERSION = "0.8.0"


def wait_or_fail(waiter, timeout, delay, what, last_status, error, **kwargs):
    """Wait with a botocore waiter; return only once it succeeds.

    On a timeout, a failure state or an unexpected error, raise error (an AnsibleAWSError class) with a message
    naming what was waited for and the last status seen.

    :param waiter: a botocore waiter (botocore's own, or one from a BaseWaiterFactory)
    :param timeout: seconds to wait at most (the caller's validate() has rejected timeout <= 0)
    :param delay: seconds between two polls
    :param what: what is waited for, as a phrase: "DB proxy app-prod to be available"
    :param last_status: callable(last response dict) -> the resource's status in it, as text
    :param error: the exception class to raise
    :param kwargs: the parameters of the waiter's operation
    """
    try:
        waiter.wait(WaiterConfig=custom_waiter_config(timeout=timeout, default_pause=delay), **kwargs)
    except WaiterError as e:
        response = e.last_response or {}
        status = response["Error"].get("Code") if response.get("Error") else last_status(response)
        if (e.kwargs.get("reason") or "").startswith("Max attempts exceeded"):
            message = f"Timed out after {timeout} seconds waiting for {what}; its last status was {status}"
        else:
            message = f"Gave up waiting for {what}; its last status was {status}"
        # fail_json_aws_error adds botocore's reason after the message.
        raise error(message=message, exception=e) from e
