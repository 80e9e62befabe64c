"""Unit tests for appstack.aws.cloudfront_origin_request_policy_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import ORIGIN_REQUEST_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_origin_request_policy_info as module

from .cloudfront_stubs import ETAG, queue_get, queue_list, resource

ALL_VIEWER_EXCEPT_HOST_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
MANAGED = resource(
    KIND,
    ALL_VIEWER_EXCEPT_HOST_ID,
    {
        "Name": "Managed-AllViewerExceptHostHeader",
        "Comment": "Policy to forward all parameters in viewer requests except for the Host header",
        "HeadersConfig": {"HeaderBehavior": "allExcept", "Headers": {"Quantity": 1, "Items": ["host"]}},
        "CookiesConfig": {"CookieBehavior": "all"},
        "QueryStringsConfig": {"QueryStringBehavior": "all"},
    },
)


def test_a_managed_policy_is_found_by_name(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [MANAGED], resource_type="managed")
    queue_get(stubber, KIND, MANAGED)

    rc, result = run_module(module, {"name": "Managed-AllViewerExceptHostHeader", "type": "managed"}, client)

    assert rc == 0, result
    [policy] = result["origin_request_policies"]
    assert (policy["id"], policy["type"], policy["e_tag"]) == (ALL_VIEWER_EXCEPT_HOST_ID, "managed", ETAG)
    assert policy["headers"] == {"behavior": "allExcept", "items": ["host"]}


def test_every_policy_is_listed(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [MANAGED], resource_type=None, item_type="managed")

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert [policy["id"] for policy in result["origin_request_policies"]] == [ALL_VIEWER_EXCEPT_HOST_ID]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_origin_request_policies", "AccessDenied", "not allowed", 403)

    rc, result = run_module(module, {"name": "x"}, client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDenied"
