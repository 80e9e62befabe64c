"""Unit tests for appstack.aws.cloudfront_origin_request_policy (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import ORIGIN_REQUEST_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_origin_request_policy as module

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
NAME = "app-api"
POLICY_ID = "1d2e3f4a-5b6c-7d8e-9f0a-1b2c3d4e5f6a"


def config(headers=("allExcept", ["Host"]), cookies=("all", []), query_strings=("all", []), comment=""):
    def part(key, setting):
        behavior, items = setting
        value = {f"{key}Behavior": behavior}
        if items:
            value[f"{key}s"] = {"Quantity": len(items), "Items": list(items)}
        return value

    return {
        "Name": NAME,
        "Comment": comment,
        "HeadersConfig": part("Header", headers),
        "CookiesConfig": part("Cookie", cookies),
        "QueryStringsConfig": part("QueryString", query_strings),
    }


def args(**overrides):
    values = {
        "name": NAME,
        "headers": {"behavior": "allExcept", "items": ["Host"]},
        "cookies": {"behavior": "all"},
        "query_strings": {"behavior": "all"},
    }
    values.update(overrides)
    return values


def test_create_sends_the_whole_config(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(), POLICY_ID)

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"]
    policy = result["origin_request_policy"]
    assert (policy["id"], policy["e_tag"], policy["type"]) == (POLICY_ID, ETAG, "custom")
    assert policy["headers"] == {"behavior": "allExcept", "items": ["Host"]}
    assert policy["cookies"] == {"behavior": "all", "items": []}


def test_a_new_policy_forwards_nothing_that_is_not_asked(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(cookies=("none", []), query_strings=("none", [])), POLICY_ID)

    rc, result = run_module(module, {"name": NAME, "headers": {"behavior": "allExcept", "items": ["Host"]}}, client)

    assert rc == 0, result
    assert result["origin_request_policy"]["query_strings"] == {"behavior": "none", "items": []}


def test_a_matching_policy_listed_in_another_order_is_unchanged_after_one_list_call(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    current = config(headers=("whitelist", ["Origin", "Accept", "Authorization"]))
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, current))

    rc, result = run_module(
        module, args(headers={"behavior": "whitelist", "items": ["Authorization", "Origin", "Accept"]}), client
    )

    assert rc == 0, result
    assert not result["changed"]
    assert calls == [LIST]
    policy = result["origin_request_policy"]
    assert "e_tag" not in policy
    assert (policy["id"], policy["type"], policy["last_modified_time"][:10]) == (POLICY_ID, "custom", "2026-01-01")
    assert policy["cookies"] == {"behavior": "all", "items": []}


def test_an_update_reads_the_etag_then_sends_the_whole_config_with_it(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    queue_update(stubber, KIND, config(comment="API", query_strings=("whitelist", ["page"])), POLICY_ID)

    rc, result = run_module(
        module, {"name": NAME, "comment": "API", "query_strings": {"behavior": "whitelist", "items": ["page"]}}, client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["origin_request_policy"]["e_tag"] == NEW_ETAG
    assert result["origin_request_policy"]["headers"] == {"behavior": "allExcept", "items": ["Host"]}
    assert calls == [LIST, GET, UPDATE]


def test_check_mode_predicts_the_change_from_the_list_alone(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config()))

    rc, result = run_module(
        module, args(cookies={"behavior": "none"}, _ansible_check_mode=True, _ansible_diff=True), client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["cookies"]["behavior"] == "all"
    assert result["diff"]["after"]["cookies"]["behavior"] == "none"
    assert calls == [LIST]


def test_absent_reads_the_etag_then_deletes_with_it(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    queue_delete(stubber, KIND, POLICY_ID)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [LIST, GET, DELETE]


def test_deleting_a_policy_in_use_explains_what_to_do(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    stubber.add_client_error("delete_origin_request_policy", "OriginRequestPolicyInUse", "in use", 409)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert result["error"]["code"] == "OriginRequestPolicyInUse"
    assert "ListDistributionsByOriginRequestPolicyId" in result["msg"]


def test_a_whitelist_without_items_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(headers={"behavior": "whitelist"}), client=None)

    assert rc == 1
    assert "headers.items must list at least one name when headers.behavior is whitelist." in result["msg"]


def test_a_managed_policy_name_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(name="Managed-AllViewer"), client=None)

    assert rc == 1
    assert "AWS-managed origin request policy" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    stubber.add_client_error("create_origin_request_policy", "TooManyOriginRequestPolicies", "limit", 400)

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to create origin request policy")
    assert result["error"]["code"] == "TooManyOriginRequestPolicies"
