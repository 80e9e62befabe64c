"""Unit tests for appstack.aws.cloudfront_origin_access_control_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import ORIGIN_ACCESS_CONTROL as KIND
from ansible_collections.appstack.aws.plugins.modules import cloudfront_origin_access_control_info as module

from .cloudfront_stubs import ETAG, queue_get, queue_list, resource

OAC_ID = "E2QWRUHAPOMQZL"
CONFIG = {
    "Name": "app-frontend",
    "Description": "frontend bucket",
    "SigningProtocol": "sigv4",
    "SigningBehavior": "always",
    "OriginAccessControlOriginType": "s3",
}
OAC = resource(KIND, OAC_ID, CONFIG)
EXPECTED = {
    "id": OAC_ID,
    "name": "app-frontend",
    "description": "frontend bucket",
    "origin_access_control_origin_type": "s3",
    "signing_behavior": "always",
    "signing_protocol": "sigv4",
}


def test_one_is_found_by_name_with_its_etag(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [resource(KIND, "EOTHER", dict(CONFIG, Name="other")), OAC])
    queue_get(stubber, KIND, OAC)

    rc, result = run_module(module, {"name": "app-frontend"}, client)

    assert rc == 0, result
    assert result["origin_access_controls"] == [dict(EXPECTED, e_tag=ETAG)]


def test_one_is_read_by_id_directly(cloudfront, run_module):
    client, stubber = cloudfront
    queue_get(stubber, KIND, OAC)

    rc, result = run_module(module, {"id": OAC_ID}, client)

    assert rc == 0, result
    assert result["origin_access_controls"] == [dict(EXPECTED, e_tag=ETAG)]


def test_an_unknown_id_returns_none(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("get_origin_access_control", "NoSuchOriginAccessControl", "no such", 404)

    rc, result = run_module(module, {"id": "EMISSING"}, client)

    assert rc == 0, result
    assert result["origin_access_controls"] == []


def test_every_one_is_listed_from_the_summaries(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, KIND, [OAC])

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    assert result["origin_access_controls"] == [EXPECTED]


def test_an_api_error_fails_with_the_aws_error(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_origin_access_controls", "AccessDenied", "not allowed", 403)

    rc, result = run_module(module, {"name": "x"}, client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDenied"
