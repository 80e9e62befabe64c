"""Unit tests for appstack.aws.cloudfront_function (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

import datetime

from ansible_collections.appstack.aws.plugins.modules import cloudfront_function as module

from .cloudfront_stubs import ETAG, NEW_ETAG, record_calls

WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
NAME = "app-prod-spa-routing"
ARN = f"arn:aws:cloudfront::123456789012:function/{NAME}"
CODE = "function handler(event) { return event.request; }"
NEW_CODE = "function handler(event) { var r = event.request; r.uri = '/index.html'; return r; }"
LIVE_ETAG = "ELIVEETAGEXAMPLE"
CONFIG = {"Comment": "SPA routing", "Runtime": "cloudfront-js-2.0"}
# One assignment each: ansible-lint reads module-level names of every Python file and warns on a tuple.
DESCRIBE = "DescribeFunction"
GET = "GetFunction"
CREATE = "CreateFunction"
UPDATE = "UpdateFunction"
PUBLISH = "PublishFunction"
DELETE = "DeleteFunction"


def summary(stage="DEVELOPMENT", status="UNASSOCIATED", config=None):
    return {
        "Name": NAME,
        "Status": status,
        "FunctionConfig": dict(config or CONFIG),
        "FunctionMetadata": {"FunctionARN": ARN, "Stage": stage, "CreatedTime": WHEN, "LastModifiedTime": WHEN},
    }


def queue_missing(stubber, stage="DEVELOPMENT"):
    stubber.add_client_error(
        "describe_function",
        "NoSuchFunctionExists",
        "no such function",
        404,
        expected_params={"Name": NAME, "Stage": stage},
    )


def queue_stage(stubber, stage, code=CODE, etag=ETAG, status="UNASSOCIATED", config=None, read_code=True):
    stubber.add_response(
        "describe_function",
        {"FunctionSummary": summary(stage, status, config), "ETag": etag},
        {"Name": NAME, "Stage": stage},
    )
    if read_code:
        stubber.add_response(
            "get_function",
            {"FunctionCode": code.encode(), "ETag": etag, "ContentType": "application/octet-stream"},
            {"Name": NAME, "Stage": stage},
        )


def queue_published(stubber, code=CODE, live_code=None, status="DEPLOYED"):
    """A function whose LIVE stage holds live_code (by default the same code as DEVELOPMENT)."""
    queue_stage(stubber, "DEVELOPMENT", code, status=status)
    queue_stage(stubber, "LIVE", live_code or code, LIVE_ETAG, status=status)


def queue_publish(stubber, etag=ETAG, status="UNASSOCIATED"):
    stubber.add_response(
        "publish_function", {"FunctionSummary": summary("LIVE", status)}, {"Name": NAME, "IfMatch": etag}
    )


def args(**overrides):
    values = {"name": NAME, "code": CODE, "comment": "SPA routing"}
    values.update(overrides)
    return values


def test_create_then_publish_returns_the_live_function(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_missing(stubber)
    stubber.add_response(
        "create_function",
        {"FunctionSummary": summary(status="UNPUBLISHED"), "ETag": ETAG, "Location": "https://example"},
        {"Name": NAME, "FunctionConfig": CONFIG, "FunctionCode": CODE.encode()},
    )
    queue_publish(stubber)

    rc, result = run_module(module, args(_ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [DESCRIBE, CREATE, PUBLISH]
    assert result["function"] == {
        "name": NAME,
        "arn": ARN,
        "stage": "LIVE",
        "status": "UNASSOCIATED",
        "e_tag": ETAG,
        "comment": "SPA routing",
        "runtime": "cloudfront-js-2.0",
        "key_value_store_arns": [],
        "code": CODE,
        "created_time": "2026-01-01T00:00:00+00:00",
        "last_modified_time": "2026-01-01T00:00:00+00:00",
    }
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["code"] == CODE


def test_a_published_function_that_matches_is_unchanged_after_reads_only(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_published(stubber)

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert not result["changed"]
    assert calls == [DESCRIBE, GET, DESCRIBE, GET]
    assert result["function"]["stage"] == "LIVE"
    assert result["function"]["status"] == "DEPLOYED"
    assert result["function"]["e_tag"] == ETAG


def test_new_code_is_written_with_the_etag_then_published(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_published(stubber)
    stubber.add_response(
        "update_function",
        {"FunctionSummary": summary(), "ETag": NEW_ETAG},
        {"Name": NAME, "IfMatch": ETAG, "FunctionConfig": CONFIG, "FunctionCode": NEW_CODE.encode()},
    )
    queue_publish(stubber, etag=NEW_ETAG, status="DEPLOYED")

    rc, result = run_module(module, args(code=NEW_CODE, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [DESCRIBE, GET, DESCRIBE, GET, UPDATE, PUBLISH]
    assert result["function"]["e_tag"] == NEW_ETAG
    assert result["function"]["stage"] == "LIVE"
    assert result["diff"]["before"]["code"] == CODE
    assert result["diff"]["after"]["code"] == NEW_CODE


def test_code_is_compared_exactly(cloudfront, run_module):
    client, stubber = cloudfront
    queue_published(stubber)

    rc, result = run_module(module, args(code=CODE + "\n", _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]


def test_development_ahead_of_live_is_published_without_an_update(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_published(stubber, live_code=NEW_CODE)
    queue_publish(stubber, status="DEPLOYED")

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [DESCRIBE, GET, DESCRIBE, GET, PUBLISH]


def test_a_live_stage_with_another_configuration_is_not_read_for_its_code(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_stage(stubber, "DEVELOPMENT")
    queue_stage(stubber, "LIVE", etag=LIVE_ETAG, config=dict(CONFIG, Comment="old"), read_code=False)
    queue_publish(stubber)

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert calls == [DESCRIBE, GET, DESCRIBE, PUBLISH]


def test_without_publish_a_change_stays_in_development(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_stage(stubber, "DEVELOPMENT", status="UNPUBLISHED")
    queue_missing(stubber, "LIVE")
    stubber.add_response(
        "update_function",
        {"FunctionSummary": summary(status="UNPUBLISHED"), "ETag": NEW_ETAG},
        {"Name": NAME, "IfMatch": ETAG, "FunctionConfig": CONFIG, "FunctionCode": NEW_CODE.encode()},
    )

    rc, result = run_module(module, args(code=NEW_CODE, publish=False), client)

    assert rc == 0, result
    assert calls == [DESCRIBE, GET, DESCRIBE, UPDATE]
    assert result["function"]["stage"] == "DEVELOPMENT"
    assert result["function"]["status"] == "UNPUBLISHED"


def test_unset_options_keep_the_current_configuration(cloudfront, run_module):
    client, stubber = cloudfront
    current = dict(CONFIG, Runtime="cloudfront-js-1.0", Comment="kept")
    queue_stage(stubber, "DEVELOPMENT", config=current)
    queue_stage(stubber, "LIVE", etag=LIVE_ETAG, config=current)

    rc, result = run_module(module, {"name": NAME, "code": CODE}, client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["function"]["runtime"] == "cloudfront-js-1.0"
    assert result["function"]["comment"] == "kept"


def test_check_mode_predicts_a_new_published_function_without_writing(cloudfront, run_module):
    client, stubber = cloudfront
    queue_missing(stubber)

    rc, result = run_module(module, args(_ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["function"]["arn"] is None
    assert result["function"]["stage"] == "LIVE"
    assert result["function"]["status"] == "UNASSOCIATED"
    assert "e_tag" not in result["function"]


def test_check_mode_predicts_an_update_from_the_reads(cloudfront, run_module):
    client, stubber = cloudfront
    queue_published(stubber)

    rc, result = run_module(module, args(comment="new", _ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["comment"] == "SPA routing"
    assert result["diff"]["after"]["comment"] == "new"
    assert result["function"]["arn"] == ARN


def test_key_value_store_arns_are_sent_as_associations(cloudfront, run_module):
    client, stubber = cloudfront
    store = "arn:aws:cloudfront::123456789012:key-value-store/0a1b2c3d"
    config = dict(CONFIG, KeyValueStoreAssociations={"Quantity": 1, "Items": [{"KeyValueStoreARN": store}]})
    queue_published(stubber)
    stubber.add_response(
        "update_function",
        {"FunctionSummary": summary(config=config), "ETag": NEW_ETAG},
        {"Name": NAME, "IfMatch": ETAG, "FunctionConfig": config, "FunctionCode": CODE.encode()},
    )
    queue_publish(stubber, etag=NEW_ETAG)

    rc, result = run_module(module, args(key_value_store_arns=[store]), client)

    assert rc == 0, result
    assert result["function"]["key_value_store_arns"] == [store]


def test_absent_deletes_with_the_development_etag(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_published(stubber)
    stubber.add_response("delete_function", {}, {"Name": NAME, "IfMatch": ETAG})

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert "function" not in result
    assert calls == [DESCRIBE, GET, DESCRIBE, GET, DELETE]


def test_absent_when_missing_is_unchanged(cloudfront, run_module):
    client, stubber = cloudfront
    queue_missing(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


def test_absent_in_check_mode_deletes_nothing(cloudfront, run_module):
    client, stubber = cloudfront
    queue_published(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]


def test_deleting_a_function_a_distribution_uses_explains_what_to_do(cloudfront, run_module):
    client, stubber = cloudfront
    queue_published(stubber)
    stubber.add_client_error("delete_function", "FunctionInUse", "in use", 409)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert result["error"]["code"] == "FunctionInUse"
    assert "remove its function association" in result["msg"] and ARN in result["msg"]


def test_a_stale_etag_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    queue_published(stubber)
    stubber.add_client_error("update_function", "PreconditionFailed", "stale", 412)

    rc, result = run_module(module, args(code=NEW_CODE), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to update function")
    assert result["error"]["code"] == "PreconditionFailed"


def test_present_needs_code(run_module):
    rc, result = run_module(module, {"name": NAME}, client=None)

    assert rc == 1
    assert "code" in result["msg"]


def test_invalid_options_fail_before_any_api_call(run_module):
    stores = [
        "arn:aws:cloudfront::123456789012:key-value-store/a",
        "arn:aws:cloudfront::123456789012:key-value-store/b",
    ]
    params = {"name": "no spaces", "code": " ", "runtime": "cloudfront-js-1.0", "key_value_store_arns": stores}

    rc, result = run_module(module, params, client=None)

    assert rc == 1
    assert "name must be 1 to 64 letters" in result["msg"]
    assert "code must not be empty" in result["msg"]
    assert "key_value_store_arns takes at most 1" in result["msg"]
    assert "key_value_store_arns needs runtime cloudfront-js-2.0" in result["msg"]
