"""Unit tests for appstack.aws.cloudfront_invalidation and its info twin (botocore Stubber, no network)."""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.modules import cloudfront_invalidation as module
from ansible_collections.appstack.aws.plugins.modules import cloudfront_invalidation_info as info_module

DISTRIBUTION = "E2QWRUHEXAMPLE"
REFERENCE = "smartscheduler-frontend-prod/20260104T101500Z-3f2a9b1c"
PATHS = ["/", "/index.html"]
SINCE = "2026-01-04T10:15:00Z"
NEW = datetime.datetime(2026, 1, 4, 10, 15, 7, tzinfo=datetime.UTC)
OLD = datetime.datetime(2025, 12, 1, tzinfo=datetime.UTC)


def args(**overrides):
    values = {"distribution_id": DISTRIBUTION, "caller_reference": REFERENCE, "paths": PATHS, "search_since": SINCE}
    values.update(overrides)
    return values


def boto_invalidation(invalidation_id="I1", reference=REFERENCE, paths=PATHS, status="Completed", when=NEW):
    return {
        "Id": invalidation_id,
        "Status": status,
        "CreateTime": when,
        "InvalidationBatch": {"CallerReference": reference, "Paths": {"Quantity": len(paths), "Items": list(paths)}},
    }


def queue_list(stubber, *summaries, marker=None, next_marker=None):
    """A page of the list (newest first, as CloudFront answers), followed by another when next_marker is set."""
    items = [{"Id": item["Id"], "CreateTime": item["CreateTime"], "Status": item["Status"]} for item in summaries]
    listing = {"Marker": marker or "", "MaxItems": 100, "IsTruncated": bool(next_marker), "Quantity": len(items)}
    listing.update({"Items": items, **({"NextMarker": next_marker} if next_marker else {})})
    expected = {"DistributionId": DISTRIBUTION, **({"Marker": marker} if marker else {})}
    stubber.add_response("list_invalidations", {"InvalidationList": listing}, expected)


def queue_get(stubber, invalidation):
    stubber.add_response(
        "get_invalidation", {"Invalidation": invalidation}, {"DistributionId": DISTRIBUTION, "Id": invalidation["Id"]}
    )


def queue_create(stubber, invalidation):
    batch = {"CallerReference": REFERENCE, "Paths": {"Quantity": len(PATHS), "Items": PATHS}}
    stubber.add_response(
        "create_invalidation",
        {"Invalidation": invalidation, "Location": "https://cloudfront.amazonaws.com/x"},
        {"DistributionId": DISTRIBUTION, "InvalidationBatch": batch},
    )


def test_bad_paths_and_a_bad_time_fail_before_any_client_is_created(run_module):
    rc, result = run_module(module, args(paths=["index.html", "/a*/b"], search_since="yesterday"), client=None)

    assert rc == 1
    assert "paths: index.html must start with /." in result["msg"]
    assert "paths: /a*/b may hold * only as its last character." in result["msg"]
    assert "search_since must be an ISO 8601 time" in result["msg"]


def test_check_mode_predicts_a_new_invalidation_after_reading_only_the_recent_ones(cloudfront, run_module):
    client, stubber = cloudfront
    # The old invalidation is outside the search window: it is not read.
    queue_list(stubber, boto_invalidation("I0", "other", when=OLD), boto_invalidation("I9", "other"))
    queue_get(stubber, boto_invalidation("I9", "other"))

    rc, result = run_module(module, args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["invalidation"]["status"] == "InProgress" and result["invalidation"]["id"] is None
    assert result["diff"] == {"before": {}, "after": {"caller_reference": REFERENCE, "paths": PATHS}}


def test_a_new_invalidation_is_created_and_waited_for(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber)
    queue_create(stubber, boto_invalidation(status="InProgress"))
    stubber.add_response(
        "get_invalidation", {"Invalidation": boto_invalidation()}, {"DistributionId": DISTRIBUTION, "Id": "I1"}
    )
    queue_get(stubber, boto_invalidation())

    rc, result = run_module(module, args(wait=True, wait_timeout=30), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["invalidation"] == {
        "id": "I1",
        "distribution_id": DISTRIBUTION,
        "status": "Completed",
        "create_time": NEW.isoformat(),
        "caller_reference": REFERENCE,
        "paths": PATHS,
    }


def test_an_invalidation_with_the_same_reference_is_found_and_not_made_again(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, boto_invalidation())
    queue_get(stubber, boto_invalidation())

    rc, result = run_module(module, args(paths=list(reversed(PATHS))), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["invalidation"]["id"] == "I1"


def test_the_same_reference_with_other_paths_fails_asking_for_a_new_reference(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, boto_invalidation(paths=["/other"]))
    queue_get(stubber, boto_invalidation(paths=["/other"]))

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert "give this batch a new caller_reference" in result["msg"]


def test_the_info_module_lists_newest_first_or_finds_by_reference(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, boto_invalidation("I0", "old", when=OLD), boto_invalidation())
    queue_list(stubber, boto_invalidation("I0", "old", when=OLD), boto_invalidation())
    queue_get(stubber, boto_invalidation())

    rc, listed = run_module(info_module, {"distribution_id": DISTRIBUTION}, client)
    rc2, found = run_module(
        info_module, {"distribution_id": DISTRIBUTION, "caller_reference": REFERENCE, "search_since": SINCE}, client
    )

    assert (rc, rc2) == (0, 0)
    assert [item["id"] for item in listed["invalidations"]] == ["I1", "I0"]
    assert listed["invalidations"][0]["paths"] == []
    assert [item["paths"] for item in found["invalidations"]] == [PATHS]


def test_the_search_stops_at_the_first_page_that_reaches_before_the_window(cloudfront, run_module):
    client, stubber = cloudfront
    # The first page ends before search_since: the older pages (I4 and before) are not listed, I5 not read.
    queue_list(stubber, boto_invalidation("I9", "other"), boto_invalidation("I5", "other", when=OLD), next_marker="I5")
    queue_get(stubber, boto_invalidation("I9", "other"))
    queue_create(stubber, boto_invalidation(status="InProgress"))

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"] and result["invalidation"]["id"] == "I1"
    stubber.assert_no_pending_responses()


def test_the_search_reads_the_next_page_while_the_window_goes_on_and_stops_when_found(cloudfront, run_module):
    client, stubber = cloudfront
    queue_list(stubber, boto_invalidation("I9", "other"), next_marker="I9")
    queue_get(stubber, boto_invalidation("I9", "other"))
    # The second page is still inside the window and has the reference: the third is not listed.
    queue_list(stubber, boto_invalidation("I1"), marker="I9", next_marker="I1")
    queue_get(stubber, boto_invalidation("I1"))

    rc, result = run_module(module, args(_ansible_check_mode=True), client)

    assert rc == 0, result
    assert not result["changed"] and result["invalidation"]["id"] == "I1"


@pytest.mark.parametrize("check_mode", [True, False])
def test_without_search_since_the_search_looks_back_lookback_hours(cloudfront, run_module, check_mode):
    client, stubber = cloudfront
    now = datetime.datetime.now(datetime.UTC)
    recent, old = now - datetime.timedelta(hours=5), now - datetime.timedelta(hours=30)
    queue_list(
        stubber, boto_invalidation("I9", "other", when=recent), boto_invalidation("I1", when=old), next_marker="I1"
    )
    queue_get(stubber, boto_invalidation("I9", "other", when=recent))
    if not check_mode:
        # The reference is older than the window: CloudFront answers its earlier invalidation, made no new one.
        queue_create(stubber, boto_invalidation(when=old))

    rc, result = run_module(module, args(search_since=None, _ansible_check_mode=check_mode), client)

    assert rc == 0, result
    # Check mode predicts the call the run makes; the run reports what CloudFront answered.
    assert result["changed"] is check_mode
    stubber.assert_no_pending_responses()


def test_a_lookback_below_one_hour_fails_before_any_client_is_created(run_module):
    rc, result = run_module(module, args(lookback=0), client=None)

    assert rc == 1
    assert "lookback must be 1 hour or more, not 0." in result["msg"]
