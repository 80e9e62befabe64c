"""Unit tests for appstack.aws.cloudfront_response_headers_policy_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import RESPONSE_HEADERS_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_response_headers_policy_info as module

from .cloudfront_stubs import ETAG, queue_get, queue_list, resource

SECURITY_HEADERS_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03"
MANAGED = resource(
    KIND,
    SECURITY_HEADERS_ID,
    {
        "Name": "Managed-SecurityHeadersPolicy",
        "Comment": "Adds a set of security headers to every response",
        "SecurityHeadersConfig": {
            "FrameOptions": {"Override": False, "FrameOption": "SAMEORIGIN"},
            "XSSProtection": {"Override": False, "Protection": True, "ModeBlock": True},
        },
    },
)


def test_a_managed_policy_is_found_by_name(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [MANAGED], resource_type="managed")
    queue_get(stubber, KIND, MANAGED)

    rc, result = run_module(module, {"name": "Managed-SecurityHeadersPolicy", "type": "managed"}, client)

    assert rc == 0, result
    [policy] = result["response_headers_policies"]
    assert (policy["id"], policy["type"], policy["e_tag"]) == (SECURITY_HEADERS_ID, "managed", ETAG)
    assert policy["security_headers_config"]["xss_protection"] == {
        "override": False,
        "protection": True,
        "mode_block": True,
    }


def test_a_policy_found_by_id_that_is_gone_meanwhile_is_not_returned(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [MANAGED], resource_type=None, item_type="managed")
    stubber.add_client_error(
        "get_response_headers_policy", "NoSuchResponseHeadersPolicy", "gone", 404, {"Id": SECURITY_HEADERS_ID}
    )

    rc, result = run_module(module, {"id": SECURITY_HEADERS_ID}, client)

    assert rc == 0, result
    assert result["response_headers_policies"] == []


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_response_headers_policies", "AccessDenied", "not allowed", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDenied"
