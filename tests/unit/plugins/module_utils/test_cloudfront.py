"""Unit tests for the CloudFront ETag protocol helpers shared by the CloudFront modules (botocore Stubber)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront as helpers
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront_policies import origin_access_control_config

OAC_ID = "E1ABCDEF123456"
CONFIG = {
    "Name": "oac",
    "SigningProtocol": "sigv4",
    "SigningBehavior": "always",
    "OriginAccessControlOriginType": "s3",
}


def test_the_kind_derives_the_api_names_from_its_shape():
    kind = helpers.RESPONSE_HEADERS_POLICY

    assert (kind.get_method, kind.update_method, kind.delete_method) == (
        "get_response_headers_policy",
        "update_response_headers_policy",
        "delete_response_headers_policy",
    )
    assert (kind.config_key, kind.list_key) == ("ResponseHeadersPolicyConfig", "ResponseHeadersPolicyList")


def test_list_all_follows_next_marker(cloudfront):
    client, stubber = cloudfront
    page = {"Marker": "", "MaxItems": 1, "IsTruncated": True, "Quantity": 1, "NextMarker": "m2"}
    stubber.add_response("list_distributions", {"DistributionList": dict(page, Items=[])}, {})
    last = {"Marker": "m2", "MaxItems": 1, "IsTruncated": False, "Quantity": 0}
    stubber.add_response("list_distributions", {"DistributionList": last}, {"Marker": "m2"})

    assert helpers.list_all(client, "list_distributions", "DistributionList") == []


def test_get_with_etag_returns_the_etag(cloudfront):
    client, stubber = cloudfront
    answer = {"OriginAccessControlConfig": CONFIG, "ETag": "E1"}
    stubber.add_response("get_origin_access_control_config", answer, {"Id": OAC_ID})

    found = helpers.get_with_etag(client, "get_origin_access_control_config", "OriginAccessControlConfig", Id=OAC_ID)

    assert found == (CONFIG, "E1")


def test_get_with_etag_of_a_missing_resource_is_none(cloudfront):
    client, stubber = cloudfront
    stubber.add_client_error("get_origin_access_control_config", "NoSuchOriginAccessControl", "missing", 404)

    found = helpers.get_with_etag(client, "get_origin_access_control_config", "OriginAccessControlConfig", Id=OAC_ID)

    assert found == (None, None)


def test_update_with_etag_sends_if_match(cloudfront):
    client, stubber = cloudfront
    stubber.add_client_error(
        "update_origin_access_control",
        "PreconditionFailed",
        "etag mismatch",
        412,
        expected_params={"Id": OAC_ID, "OriginAccessControlConfig": CONFIG, "IfMatch": "E1"},
    )

    with pytest.raises(helpers.AnsibleCloudFrontError) as failure:
        helpers.update_with_etag(
            client,
            "update_origin_access_control",
            "OriginAccessControl",
            "E1",
            Id=OAC_ID,
            OriginAccessControlConfig=CONFIG,
        )

    assert failure.value.message == "Failed to update origin access control"


def test_delete_with_etag_of_a_resource_already_gone_is_false(cloudfront):
    client, stubber = cloudfront
    stubber.add_client_error("delete_cache_policy", "NoSuchCachePolicy", "gone", 404, {"Id": "p", "IfMatch": "E1"})

    assert helpers.delete_with_etag(client, "delete_cache_policy", "E1", Id="p") is False


def test_delete_with_etag_of_a_resource_in_use_gives_the_advice(cloudfront):
    client, stubber = cloudfront
    stubber.add_client_error("delete_cache_policy", "CachePolicyInUse", "in use", 409)

    with pytest.raises(helpers.AnsibleCloudFrontError) as failure:
        helpers.delete_with_etag(
            client, "delete_cache_policy", "E1", in_use_code="CachePolicyInUse", in_use_advice="move it", Id="p"
        )

    assert failure.value.message == "move it"
    assert failure.value.exception.response["Error"]["Code"] == "CachePolicyInUse"


def test_the_diff_leaves_out_what_changes_on_every_write():
    diff = helpers.build_diff(
        {"id": "a", "e_tag": "E1", "last_modified_time": "t1", "min_ttl": 0},
        {"id": "a", "e_tag": "E2", "last_modified_time": "t2", "min_ttl": 5},
    )

    assert diff == {"before": {"id": "a", "min_ttl": 0}, "after": {"id": "a", "min_ttl": 5}}


def test_the_diff_of_a_deleted_resource_ends_empty():
    assert helpers.build_diff({"id": "a"}, None) == {"before": {"id": "a"}, "after": {}}


# manage(): find and compare from the list; read the resource with its ETag only to write

KIND = helpers.ORIGIN_ACCESS_CONTROL
SUMMARY = dict(CONFIG, Id=OAC_ID, Description="")


def _queue_list(stubber, *summaries):
    listing = {"Marker": "", "MaxItems": 100, "IsTruncated": False, "Quantity": len(summaries)}
    stubber.add_response("list_origin_access_controls", {"OriginAccessControlList": dict(listing, Items=summaries)}, {})


def _queue_get(stubber, config, etag="E1"):
    found = {"Id": OAC_ID, "OriginAccessControlConfig": config}
    stubber.add_response("get_origin_access_control", {"OriginAccessControl": found, "ETag": etag}, {"Id": OAC_ID})


def _params(**options):
    return dict({"name": "oac", "state": "present", "description": None, "signing_behavior": None}, **options)


def test_a_list_item_reads_as_the_resource_a_get_returns():
    assert KIND.item_resource(SUMMARY) == {"Id": OAC_ID, "OriginAccessControlConfig": dict(CONFIG, Description="")}


def test_manage_leaves_a_listed_match_alone_without_reading_it(cloudfront):
    client, stubber = cloudfront
    _queue_list(stubber, SUMMARY)

    changed, before, after = helpers.manage(client, KIND, _params(), origin_access_control_config, False)

    assert not changed
    assert before == after
    assert after["id"] == OAC_ID and "e_tag" not in after


def test_manage_plans_again_against_the_config_read_before_writing(cloudfront):
    client, stubber = cloudfront
    _queue_list(stubber, dict(SUMMARY, SigningBehavior="never"))
    _queue_get(stubber, dict(CONFIG, Description=""))

    changed, _before, after = helpers.manage(
        client, KIND, _params(signing_behavior="always"), origin_access_control_config, False
    )

    assert not changed
    assert after["e_tag"] == "E1"


def test_manage_creates_a_resource_gone_between_the_list_and_the_read(cloudfront):
    client, stubber = cloudfront
    _queue_list(stubber, dict(SUMMARY, SigningBehavior="never"))
    stubber.add_client_error("get_origin_access_control", "NoSuchOriginAccessControl", "gone", 404)
    wanted = dict(CONFIG, Description="")
    created = {"Id": "E2NEW", "OriginAccessControlConfig": wanted}
    stubber.add_response(
        "create_origin_access_control",
        {"OriginAccessControl": created, "ETag": "E2", "Location": "https://cloudfront.amazonaws.com/E2NEW"},
        {"OriginAccessControlConfig": wanted},
    )

    changed, before, after = helpers.manage(
        client, KIND, _params(signing_behavior="always"), origin_access_control_config, False
    )

    assert changed
    assert before is None
    assert (after["id"], after["e_tag"]) == ("E2NEW", "E2")


def test_manage_deletes_with_the_etag_it_reads_only_then(cloudfront):
    client, stubber = cloudfront
    _queue_list(stubber, SUMMARY)
    _queue_get(stubber, dict(CONFIG, Description=""))
    stubber.add_response("delete_origin_access_control", {}, {"Id": OAC_ID, "IfMatch": "E1"})

    changed, before, after = helpers.manage(client, KIND, _params(state="absent"), origin_access_control_config, False)

    assert changed
    assert (before["e_tag"], after) == ("E1", None)
