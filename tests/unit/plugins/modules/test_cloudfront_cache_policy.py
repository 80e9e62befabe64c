"""Unit tests for appstack.aws.cloudfront_cache_policy (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import CACHE_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_cache_policy as module

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
NAME = "app-static"
POLICY_ID = "2e54312d-136d-493c-8eb9-b001f22f67d2"


def config(min_ttl=0, default_ttl=3600, max_ttl=86400, headers=(), cookies=(), query_strings=(), gzip=True):
    def names(key, values, behavior="whitelist"):
        if not values:
            return {f"{key}Behavior": "none"}
        return {f"{key}Behavior": behavior, f"{key}s": {"Quantity": len(values), "Items": list(values)}}

    return {
        "Name": NAME,
        "Comment": "",
        "MinTTL": min_ttl,
        "DefaultTTL": default_ttl,
        "MaxTTL": max_ttl,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": gzip,
            "EnableAcceptEncodingBrotli": gzip,
            "HeadersConfig": names("Header", headers),
            "CookiesConfig": names("Cookie", cookies),
            "QueryStringsConfig": names("QueryString", query_strings),
        },
    }


def args(**overrides):
    values = {"name": NAME, "min_ttl": 0, "default_ttl": 3600, "max_ttl": 86400}
    values.update(overrides)
    return values


def test_create_sends_the_whole_config_with_cloudfront_defaults(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(headers=["Origin"], cookies=["session"]), POLICY_ID)

    rc, result = run_module(
        module,
        args(headers=["Origin"], cookies={"behavior": "whitelist", "items": ["session"]}, _ansible_diff=True),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    policy = result["cache_policy"]
    assert (policy["id"], policy["e_tag"], policy["type"]) == (POLICY_ID, ETAG, "custom")
    assert (policy["min_ttl"], policy["default_ttl"], policy["max_ttl"]) == (0, 3600, 86400)
    assert policy["headers"] == ["Origin"]
    assert policy["cookies"] == {"behavior": "whitelist", "items": ["session"]}
    assert policy["query_strings"] == {"behavior": "none", "items": []}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["default_ttl"] == 3600


def test_a_new_policy_that_disables_caching_turns_compression_off(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(default_ttl=0, max_ttl=0, gzip=False), POLICY_ID)

    rc, result = run_module(module, args(default_ttl=0, max_ttl=0), client)

    assert rc == 0, result
    assert result["cache_policy"]["enable_accept_encoding_gzip"] is False


def test_a_matching_policy_listed_in_another_order_is_unchanged_after_one_list_call(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    current = config(headers=["Origin", "Accept-Language"], cookies=["b", "a"], query_strings=["w", "h"])
    other = resource(KIND, "other-id", dict(config(), Name="other"))
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, current), others=[other])

    rc, result = run_module(
        module,
        args(
            headers=["Accept-Language", "Origin"],
            cookies={"behavior": "whitelist", "items": ["a", "b"]},
            query_strings={"behavior": "whitelist", "items": ["h", "w"]},
        ),
        client,
    )

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert calls == [LIST]
    policy = result["cache_policy"]
    assert "e_tag" not in policy
    assert (policy["id"], policy["type"], policy["min_ttl"]) == (POLICY_ID, "custom", 0)
    assert policy["last_modified_time"] == "2026-01-01T00:00:00+00:00"
    assert sorted(policy["headers"]) == ["Accept-Language", "Origin"]


def test_an_update_reads_the_etag_then_sends_the_whole_config_with_it_and_keeps_unset_options(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    current = config(headers=["Origin"], query_strings=["w"])
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, current))
    wanted = config(default_ttl=600, headers=["Origin"], query_strings=["w"])
    queue_update(stubber, KIND, wanted, POLICY_ID)

    rc, result = run_module(module, {"name": NAME, "default_ttl": 600, "_ansible_diff": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["cache_policy"]["e_tag"] == NEW_ETAG
    assert result["cache_policy"]["headers"] == ["Origin"]
    assert result["diff"]["before"]["default_ttl"] == 3600
    assert result["diff"]["after"]["default_ttl"] == 600
    assert "e_tag" not in result["diff"]["after"]
    assert calls == [LIST, GET, UPDATE]


def test_check_mode_of_a_change_predicts_it_from_the_list_alone(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config()))

    rc, result = run_module(module, args(max_ttl=31536000, _ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["cache_policy"]["max_ttl"] == 31536000
    assert result["cache_policy"]["id"] == POLICY_ID
    assert (result["diff"]["before"]["max_ttl"], result["diff"]["after"]["max_ttl"]) == (86400, 31536000)
    assert calls == [LIST]


def test_check_mode_on_a_missing_policy_predicts_it_without_writing(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)

    rc, result = run_module(module, args(_ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["cache_policy"]["id"] is None
    assert result["cache_policy"]["name"] == NAME
    assert result["cache_policy"]["default_ttl"] == 3600


def test_a_ttl_that_would_cross_the_current_ones_fails_before_any_write(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config()))

    rc, result = run_module(module, {"name": NAME, "max_ttl": 60}, client)

    assert rc == 1
    assert "default_ttl (3600) can't be above max_ttl (60)" in result["msg"]


def test_absent_reads_the_etag_then_deletes_the_policy_with_it(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    queue_delete(stubber, KIND, POLICY_ID)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert "cache_policy" not in result
    assert calls == [LIST, GET, DELETE]


def test_absent_in_check_mode_reads_only_the_list(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config()))

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0, result
    assert result["changed"]
    assert calls == [LIST]


def test_absent_when_missing_is_a_no_op(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


def test_deleting_a_policy_in_use_explains_what_to_do(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    stubber.add_client_error("delete_cache_policy", "CachePolicyInUse", "The cache policy is in use.", 409)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert result["error"]["code"] == "CachePolicyInUse"
    assert f"Cache policy {NAME} ({POLICY_ID}) is still used" in result["msg"]
    assert "ListDistributionsByCachePolicyId" in result["msg"]


def test_ttls_out_of_order_fail_before_any_api_call(run_module):
    rc, result = run_module(module, args(min_ttl=-1, default_ttl=100, max_ttl=10), client=None)

    assert rc == 1
    assert "min_ttl must be 0 or more seconds, not -1." in result["problems"]
    assert "default_ttl (100) can't be above max_ttl (10)." in result["problems"]


def test_items_with_a_behavior_that_takes_none_fail_before_any_api_call(run_module):
    rc, result = run_module(module, args(cookies={"behavior": "all", "items": ["session"]}), client=None)

    assert rc == 1
    assert "cookies.items can only be given when cookies.behavior is whitelist, allExcept" in result["msg"]


def test_a_managed_policy_name_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(name="Managed-CachingOptimized"), client=None)

    assert rc == 1
    assert "AWS-managed cache policy" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_cache_policies", "AccessDenied", "not allowed", 403)

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to list cache policies")
    assert result["error"]["code"] == "AccessDenied"


def test_a_concurrent_change_fails_with_precondition_failed(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    stubber.add_client_error("update_cache_policy", "PreconditionFailed", "The ETag does not match.", 412)

    rc, result = run_module(module, args(default_ttl=60), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to update cache policy")
    assert result["error"]["code"] == "PreconditionFailed"
