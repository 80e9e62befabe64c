"""The distribution's cache behaviours, in the order CloudFront routes by."""

from ansible_collections.appstack.aws.plugins.filter.s3_cloudfront_behaviors import (
    FilterModule,
    cache_policy_ids,
    s3_cloudfront_behaviors,
)

SHARED = {
    "target_origin_id": "s3-smartscheduler-frontend-prod",
    "viewer_protocol_policy": "redirect-to-https",
    "allowed_methods": ["GET", "HEAD"],
    "cached_methods": ["GET", "HEAD"],
    "compress": True,
    "response_headers_policy_id": "headers-1",
}
PATHS = {"index": ["/index.html"], "static": ["/static/*"], "media": ["/images/*", "/media/*"]}
RESULTS = [
    {"item": {"class": name}, "cache_policy": {"id": f"{name}-policy"}}
    for name in ("index", "static", "media", "default")
]
API = {
    "path_pattern": "/api/*",
    "target_origin_id": "api-smartscheduler-prod",
    "cache_policy_id": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    "origin_request_policy_id": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
}


def test_the_frontend_paths_come_class_by_class_with_their_cache_policy():
    behaviors = s3_cloudfront_behaviors(SHARED, PATHS, RESULTS)
    assert [(b["path_pattern"], b["cache_policy_id"]) for b in behaviors] == [
        ("/index.html", "index-policy"),
        ("/static/*", "static-policy"),
        ("/images/*", "media-policy"),
        ("/media/*", "media-policy"),
    ]
    assert all(b["viewer_protocol_policy"] == "redirect-to-https" and b["compress"] for b in behaviors)


def test_the_api_comes_first_uncached_with_every_method_over_https_only():
    api, *rest = s3_cloudfront_behaviors(SHARED, PATHS, RESULTS, API)
    assert api == {
        "path_pattern": "/api/*",
        "target_origin_id": "api-smartscheduler-prod",
        "viewer_protocol_policy": "https-only",
        "allowed_methods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
        "cached_methods": ["GET", "HEAD"],
        "compress": True,
        "cache_policy_id": API["cache_policy_id"],
        "origin_request_policy_id": API["origin_request_policy_id"],
        "response_headers_policy_id": "headers-1",
    }
    assert len(rest) == 4


def test_a_policy_yet_to_be_created_has_an_empty_id():
    assert cache_policy_ids([{"item": {"class": "index"}, "cache_policy": {}}, {"item": {"class": "media"}}]) == {
        "index": "",
        "media": "",
    }
    assert cache_policy_ids({"index": "a"}) == {"index": "a"}


def test_the_filters_are_registered():
    assert FilterModule().filters()["s3_cloudfront_behaviors"] is s3_cloudfront_behaviors
