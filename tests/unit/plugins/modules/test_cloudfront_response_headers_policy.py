"""Unit tests for appstack.aws.cloudfront_response_headers_policy (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import RESPONSE_HEADERS_POLICY as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_response_headers_policy as module

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
NAME = "app-security"
POLICY_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03"
CSP = "default-src 'self'; frame-ancestors 'none'"


def security_config(csp=CSP):
    return {
        "StrictTransportSecurity": {
            "Override": True,
            "AccessControlMaxAgeSec": 31536000,
            "IncludeSubdomains": True,
            "Preload": False,
        },
        "ContentTypeOptions": {"Override": True},
        "FrameOptions": {"Override": True, "FrameOption": "DENY"},
        "ReferrerPolicy": {"Override": True, "ReferrerPolicy": "strict-origin-when-cross-origin"},
        "ContentSecurityPolicy": {"Override": True, "ContentSecurityPolicy": csp},
    }


def cors_config(origins, methods):
    return {
        "AccessControlAllowOrigins": {"Quantity": len(origins), "Items": origins},
        "AccessControlAllowHeaders": {"Quantity": 1, "Items": ["*"]},
        "AccessControlAllowMethods": {"Quantity": len(methods), "Items": methods},
        "AccessControlAllowCredentials": False,
        "OriginOverride": True,
    }


def config(csp=CSP, cors=None, remove=()):
    value = {"Name": NAME, "Comment": "", "SecurityHeadersConfig": security_config(csp)}
    if cors:
        value["CorsConfig"] = cors
    if remove:
        value["RemoveHeadersConfig"] = {"Quantity": len(remove), "Items": [{"Header": h} for h in remove]}
    return value


def security(csp=CSP):
    return {
        "strict_transport_security": {"max_age": 31536000, "include_subdomains": True},
        "content_type_options": {},
        "frame_options": {"frame_option": "DENY"},
        "referrer_policy": {"referrer_policy": "strict-origin-when-cross-origin"},
        "content_security_policy": {"content_security_policy": csp},
    }


def args(**overrides):
    values = {"name": NAME, "security_headers": security()}
    values.update(overrides)
    return values


def test_create_sends_the_security_headers(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, KIND)
    queue_create(stubber, KIND, config(remove=["Server"]), POLICY_ID)

    rc, result = run_module(module, args(remove_headers=["Server"]), client)

    assert rc == 0, result
    assert result["changed"]
    policy = result["response_headers_policy"]
    assert (policy["id"], policy["e_tag"]) == (POLICY_ID, ETAG)
    hsts = policy["security_headers_config"]["strict_transport_security"]
    assert (hsts["access_control_max_age_sec"], hsts["include_subdomains"]) == (31536000, True)
    assert policy["security_headers_config"]["frame_options"]["frame_option"] == "DENY"
    assert policy["remove_headers_config"] == {"quantity": 1, "items": [{"header": "Server"}]}
    assert policy["cors_config"] == {}


def test_a_matching_policy_with_cors_lists_in_another_order_is_unchanged_after_one_list_call(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    cors = cors_config(["https://b.example.com", "https://a.example.com"], ["PUT", "GET"])
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config(cors=cors)))

    rc, result = run_module(
        module,
        args(
            cors={
                "access_control_allow_origins": ["https://a.example.com", "https://b.example.com"],
                "allow_headers": ["*"],
                "allow_methods": ["GET", "PUT"],
            }
        ),
        client,
    )

    assert rc == 0, result
    assert not result["changed"]
    assert calls == [LIST]
    policy = result["response_headers_policy"]
    assert "e_tag" not in policy
    assert (policy["id"], policy["type"], policy["last_modified_time"][:10]) == (POLICY_ID, "custom", "2026-01-01")
    assert policy["cors_config"]["access_control_allow_methods"]["items"] == ["PUT", "GET"]


def test_a_new_csp_is_sent_with_the_rest_of_the_policy_and_the_etag_read_before(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    cors = cors_config(["https://a.example.com"], ["GET"])
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config(cors=cors)))
    queue_update(stubber, KIND, config(csp="default-src 'none'", cors=cors), POLICY_ID)

    rc, result = run_module(module, args(security_headers=security(csp="default-src 'none'")), client)

    assert rc == 0, result
    assert result["changed"]
    policy = result["response_headers_policy"]
    assert policy["e_tag"] == NEW_ETAG
    assert policy["cors_config"]["access_control_allow_origins"]["items"] == ["https://a.example.com"]
    assert calls == [LIST, GET, UPDATE]


def test_an_empty_cors_removes_it(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config(cors=cors_config(["*"], ["GET"]))))
    queue_update(stubber, KIND, config(), POLICY_ID)

    rc, result = run_module(module, {"name": NAME, "cors": {}}, client)

    assert rc == 0, result
    assert result["changed"]
    assert result["response_headers_policy"]["cors_config"] == {}


def test_check_mode_predicts_the_change_from_the_list_alone(cloudfront, run_module):
    client, stubber = cloudfront
    calls = record_calls(stubber)
    queue_read(stubber, KIND, resource(KIND, POLICY_ID, config()))

    rc, result = run_module(
        module,
        {"name": NAME, "custom_headers": [{"header": "X-App", "value": "1"}], "_ansible_check_mode": True},
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    custom = result["response_headers_policy"]["custom_headers_config"]
    assert custom == {"quantity": 1, "items": [{"header": "X-App", "value": "1", "override": True}]}
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
    stubber.add_client_error("delete_response_headers_policy", "ResponseHeadersPolicyInUse", "in use", 409)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert result["error"]["code"] == "ResponseHeadersPolicyInUse"
    assert "ListDistributionsByResponseHeadersPolicyId" in result["msg"]


def test_a_csp_with_a_newline_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(security_headers=security(csp="default-src 'self';\nimg-src *")), client=None)

    assert rc == 1
    assert "security_headers.content_security_policy.content_security_policy must be one line" in result["msg"]


def test_a_negative_hsts_max_age_fails_before_any_api_call(run_module):
    headers = {"strict_transport_security": {"max_age": -1}}
    rc, result = run_module(module, args(security_headers=headers), client=None)

    assert rc == 1
    assert "security_headers.strict_transport_security.max_age must be 0 or more seconds, not -1." in result["msg"]


def test_an_unknown_frame_option_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(security_headers={"frame_options": {"frame_option": "ALLOW"}}), client=None)

    assert rc == 1
    assert "frame_option" in result["msg"] and "SAMEORIGIN" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read_for_write(stubber, KIND, resource(KIND, POLICY_ID, config()))
    stubber.add_client_error("update_response_headers_policy", "InvalidArgument", "bad header", 400)

    rc, result = run_module(module, args(remove_headers=["Server"]), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to update response headers policy")
    assert result["error"]["code"] == "InvalidArgument"
