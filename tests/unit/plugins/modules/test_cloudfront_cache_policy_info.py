"""Unit tests for appstack.aws.cloudfront_cache_policy_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import CACHE_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_cache_policy_info as module

from .cloudfront_stubs import ETAG, list_response, queue_get, queue_list, resource

CACHING_DISABLED_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CUSTOM_ID = "2e54312d-136d-493c-8eb9-b001f22f67d2"


def config(name, ttl):
    return {
        "Name": name,
        "Comment": "",
        "MinTTL": 0,
        "DefaultTTL": ttl,
        "MaxTTL": ttl,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": ttl > 0,
            "HeadersConfig": {"HeaderBehavior": "none"},
            "CookiesConfig": {"CookieBehavior": "none"},
            "QueryStringsConfig": {"QueryStringBehavior": "none"},
        },
    }


MANAGED = resource(KIND, CACHING_DISABLED_ID, config("Managed-CachingDisabled", 0))
CUSTOM = resource(KIND, CUSTOM_ID, config("app-static", 3600))


def test_a_managed_policy_is_found_by_name(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [MANAGED], resource_type="managed")
    queue_get(stubber, KIND, MANAGED)

    rc, result = run_module(module, {"name": "Managed-CachingDisabled", "type": "managed"}, client)

    assert rc == 0, result
    assert not result["changed"]
    [policy] = result["cache_policies"]
    assert (policy["id"], policy["type"], policy["e_tag"]) == (CACHING_DISABLED_ID, "managed", ETAG)
    assert policy["max_ttl"] == 0


def test_a_policy_is_found_by_id_among_both_types(cloudfront, run_module):
    client, stubber = cloudfront
    listing = list_response(KIND, [MANAGED], "managed")
    listing["CachePolicyList"]["Items"].append({"Type": "custom", "CachePolicy": CUSTOM})
    stubber.add_response("list_cache_policies", listing, {})
    queue_get(stubber, KIND, CUSTOM)

    rc, result = run_module(module, {"id": CUSTOM_ID}, client)

    assert rc == 0, result
    [policy] = result["cache_policies"]
    assert (policy["name"], policy["type"]) == ("app-static", "custom")


def test_every_custom_policy_is_listed_without_etags(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [CUSTOM], resource_type="custom")

    rc, result = run_module(module, {"type": "custom"}, client)

    assert rc == 0, result
    [policy] = result["cache_policies"]
    assert policy["name"] == "app-static" and "e_tag" not in policy


def test_every_page_of_the_listing_is_read(cloudfront, run_module):
    client, stubber = cloudfront
    first = list_response(KIND, [MANAGED], "managed", next_marker="page2")
    stubber.add_response("list_cache_policies", first, {})
    stubber.add_response("list_cache_policies", list_response(KIND, [CUSTOM]), {"Marker": "page2"})

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert [policy["id"] for policy in result["cache_policies"]] == [CACHING_DISABLED_ID, CUSTOM_ID]


def test_an_unknown_name_returns_no_policy(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [CUSTOM], resource_type=None)

    rc, result = run_module(module, {"name": "missing"}, client)

    assert rc == 0, result
    assert result["cache_policies"] == []


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_cache_policies", "AccessDenied", "not allowed", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDenied"
