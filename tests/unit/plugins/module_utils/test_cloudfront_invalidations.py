"""The bounds of the search for an invalidation by caller reference (pure functions, no call)."""

from datetime import UTC, datetime, timedelta

from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_invalidations as invalidations

NOW = datetime(2026, 1, 4, 12, 0, tzinfo=UTC)


def summary(invalidation_id, hours_ago):
    return {"Id": invalidation_id, "Status": "Completed", "CreateTime": NOW - timedelta(hours=hours_ago)}


def test_the_window_starts_at_search_since_less_the_clock_skew_or_lookback_hours_ago():
    since = datetime(2026, 1, 4, 10, 15, tzinfo=UTC)

    assert invalidations.search_start(since, 24, NOW) == since - invalidations.CLOCK_SKEW
    assert invalidations.search_start(None, 24, NOW) == NOW - timedelta(hours=24)
    assert invalidations.search_start(None, 2, NOW) == NOW - timedelta(hours=2)


def test_a_page_gives_its_candidates_newest_first_and_says_whether_older_pages_may_hold_more():
    start = NOW - timedelta(hours=24)

    inside, more = invalidations.page_candidates([summary("I8", 3), summary("I9", 1)], start)
    assert ([item["Id"] for item in inside], more) == (["I9", "I8"], True)
    inside, more = invalidations.page_candidates([summary("I9", 1), summary("I2", 25), summary("I1", 30)], start)
    assert ([item["Id"] for item in inside], more) == (["I9"], False)
    assert invalidations.page_candidates([], start) == ([], True)


def test_an_answer_created_before_the_window_is_an_earlier_invalidation():
    start = NOW - timedelta(hours=24)

    assert invalidations.is_earlier({"CreateTime": NOW - timedelta(hours=30)}, start)
    assert not invalidations.is_earlier({"CreateTime": NOW}, start)
    assert not invalidations.is_earlier({}, start)
