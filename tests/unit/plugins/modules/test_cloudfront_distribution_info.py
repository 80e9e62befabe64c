"""Unit tests for appstack.aws.cloudfront_distribution_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import cloudfront_distribution_info as module

from .test_cloudfront_distribution import DIST_ID, boto_distribution, queue_list, queue_read, queue_tags, summary


def test_by_id_returns_the_distribution_with_its_etag_and_tags(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_response("get_distribution", {"Distribution": boto_distribution(), "ETag": "ETAG1"}, {"Id": DIST_ID})
    queue_tags(stubber, {"Env": "test"})

    rc, result = run_module(module, {"distribution_id": DIST_ID}, client)

    assert rc == 0, result.get("msg")
    assert not result["changed"]
    [distribution] = result["distributions"]
    assert (distribution["id"], distribution["e_tag"], distribution["tags"]) == (DIST_ID, "ETAG1", {"Env": "test"})
    assert distribution["distribution_config"]["caller_reference"] == "ref-1"


def test_by_caller_reference_reads_the_distribution_with_the_comment_first(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())

    rc, result = run_module(module, {"caller_reference": "ref-1", "comment": "frontend"}, client)

    assert rc == 0, result.get("msg")
    assert [d["id"] for d in result["distributions"]] == [DIST_ID]


def test_an_unknown_id_returns_nothing(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("get_distribution", "NoSuchDistribution", "gone", 404, expected_params={"Id": "ENOPE"})

    rc, result = run_module(module, {"distribution_id": "ENOPE"}, client)

    assert (rc, result["distributions"]) == (0, [])


def test_without_identity_returns_the_summaries_with_the_comment(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, summary("EOTHER", "another"), summary())

    rc, result = run_module(module, {"comment": "frontend"}, client)

    assert rc == 0, result.get("msg")
    assert [(d["id"], d["comment"]) for d in result["distributions"]] == [(DIST_ID, "frontend")]


def test_an_aws_error_fails(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("list_distributions", "AccessDenied", "no", 403)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert result["error"]["code"] == "AccessDenied"
