"""Unit tests for appstack.aws.cloudfront_origin_access_control (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import ORIGIN_ACCESS_CONTROL as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_origin_access_control as module

from .cloudfront_stubs import (
    ETAG,
    NEW_ETAG,
    operation,
    queue_create,
    queue_delete,
    queue_read,
    queue_read_for_write,
    queue_update,
    record_calls,
    resource,
)

# One assignment each: ansible-lint reads module-level names of every Python file and warns on a tuple.
LIST = operation(KIND.list_method)
GET = operation(KIND.get_method)
UPDATE = operation(KIND.update_method)
DELETE = operation(KIND.delete_method)
NAME = "app-frontend"
OAC_ID = "E2QWRUHAPOMQZL"


def config(**overrides):
    values = {
        "Name": NAME,
        "Description": "",
        "SigningProtocol": "sigv4",
        "SigningBehavior": "always",
        "OriginAccessControlOriginType": "s3",
    }
    values.update(overrides)
    return values


def test_create_uses_the_s3_sigv4_always_defaults(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(), OAC_ID)

    rc, result = run_module(module, {"name": NAME, "_ansible_diff": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["origin_access_control"] == {
        "id": OAC_ID,
        "e_tag": ETAG,
        "name": NAME,
        "description": "",
        "origin_access_control_origin_type": "s3",
        "signing_behavior": "always",
        "signing_protocol": "sigv4",
    }
    assert result["diff"]["after"]["name"] == NAME


def test_a_matching_origin_access_control_is_unchanged_after_one_list_call(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    other = resource(KIND, "EOTHER", config(Name="other"))
    queue_read(stubber, KIND, resource(KIND, OAC_ID, config(Description="frontend")), others=[other])

    rc, result = run_module(module, {"name": NAME, "description": "frontend", "origin_type": "s3"}, client)

    assert rc == 0, result
    assert not result["changed"]
    assert calls == [LIST]
    assert result["origin_access_control"] == {
        "id": OAC_ID,
        "name": NAME,
        "description": "frontend",
        "origin_access_control_origin_type": "s3",
        "signing_behavior": "always",
        "signing_protocol": "sigv4",
    }


def test_an_update_reads_the_etag_then_sends_the_whole_config_with_it(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read_for_write(stubber, KIND, resource(KIND, OAC_ID, config(Description="frontend")))
    queue_update(stubber, KIND, config(Description="frontend", SigningBehavior="no-override"), OAC_ID)

    rc, result = run_module(module, {"name": NAME, "signing_behavior": "no-override"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["origin_access_control"]["signing_behavior"] == "no-override"
    assert result["origin_access_control"]["description"] == "frontend"
    assert result["origin_access_control"]["e_tag"] == NEW_ETAG
    assert calls == [LIST, GET, UPDATE]


def test_check_mode_predicts_a_new_origin_access_control_without_writing(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)

    rc, result = run_module(module, {"name": NAME, "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["origin_access_control"]["id"] is None
    assert result["origin_access_control"]["signing_protocol"] == "sigv4"


def test_check_mode_predicts_a_change_from_the_list_alone(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, OAC_ID, config()))

    rc, result = run_module(
        module, {"name": NAME, "description": "new", "_ansible_check_mode": True, "_ansible_diff": True}, client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["description"] == ""
    assert result["diff"]["after"]["description"] == "new"
    assert calls == [LIST]


def test_absent_reads_the_etag_then_deletes_with_it(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read_for_write(stubber, KIND, resource(KIND, OAC_ID, config()))
    queue_delete(stubber, KIND, OAC_ID)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [LIST, GET, DELETE]


def test_absent_in_check_mode_reads_only_the_list(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, OAC_ID, config()))

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [LIST]


def test_deleting_one_still_in_use_explains_what_to_do(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, OAC_ID, config()))
    stubber.add_client_error("delete_origin_access_control", "OriginAccessControlInUse", "in use", 409)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert result["error"]["code"] == "OriginAccessControlInUse"
    assert "remove origin_access_control_id" in result["msg"]


def test_a_name_too_long_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": "x" * 65}, client=None)

    assert rc == 1
    assert "name must be 1 to 64 characters" in result["msg"]


def test_an_unknown_signing_behavior_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": NAME, "signing_behavior": "sometimes"}, client=None)

    assert rc == 1
    assert "signing_behavior" in result["msg"] and "no-override" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    stubber.add_client_error("create_origin_access_control", "OriginAccessControlAlreadyExists", "exists", 409)

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to create origin access control")
    assert result["error"]["code"] == "OriginAccessControlAlreadyExists"
