"""CloudFront cache policies: the API, with the AWS managed policies present in every account.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateCachePolicy.html and the
other ``*CachePolicy*`` operations; shared rules in ``cloudfront_policy_api``):

* ``CachePolicyConfig``: ``Name`` and ``MinTTL`` are required; ``DefaultTTL`` defaults to 86,400
  seconds (or ``MinTTL`` if higher) and ``MaxTTL`` to 31,536,000 (or ``DefaultTTL`` if higher)
  (API_CachePolicyConfig.html). TTLs out of order fail with ``InvalidArgument``.
* Header behaviours are ``none`` or ``whitelist``; cookie and query string behaviours ``none``,
  ``whitelist``, ``allExcept`` or ``all`` (API_CachePolicyHeadersConfig.html, ...).
* The managed cache policies and their settings are those of the CloudFront Developer Guide,
  "Use managed cache policies" (using-managed-cache-policies.html).

Moto 5.2.5 has no cache policy API (every call is a 404): a distribution naming
Managed-CachingOptimized by name lookup, and appstack.aws ``cloudfront_cache_policy``, cannot run.
"""

from __future__ import annotations

from typing import Any

from emulator.fixes.cloudfront_common import CloudFrontError
from emulator.fixes.cloudfront_policy_api import PolicyFamily

HEADER_BEHAVIORS = ("none", "whitelist")
COOKIE_AND_QUERY_BEHAVIORS = ("none", "whitelist", "allExcept", "all")


def _managed(
    name: str,
    comment: str,
    ttls: tuple[int, int, int],
    *,
    compressed: bool,
    headers: list[str] = (),  # type: ignore[assignment]
    cookies: str = "none",
    query_strings: str = "none",
) -> dict[str, Any]:
    minimum, default, maximum = ttls
    header_config: dict[str, Any] = {"HeaderBehavior": "whitelist" if headers else "none"}
    if headers:
        header_config["Headers"] = {"Quantity": len(headers), "Items": list(headers)}
    return {
        "Name": name,
        "Comment": comment,
        "MinTTL": minimum,
        "DefaultTTL": default,
        "MaxTTL": maximum,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": compressed,
            "EnableAcceptEncodingBrotli": compressed,
            "HeadersConfig": header_config,
            "CookiesConfig": {"CookieBehavior": cookies},
            "QueryStringsConfig": {"QueryStringBehavior": query_strings},
        },
    }


ORIGIN_CACHE_CONTROL_HEADERS = ["host", "origin", "x-http-method-override", "x-http-method", "x-method-override"]

MANAGED = {
    "658327ea-f89d-4fab-a63d-7e88639e58f6": _managed(
        "Managed-CachingOptimized",
        "Policy with caching enabled. Supports Gzip and Brotli compression.",
        (1, 86400, 31536000),
        compressed=True,
    ),
    "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": _managed(
        "Managed-CachingDisabled", "Policy with caching disabled", (0, 0, 0), compressed=False
    ),
    "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": _managed(
        "Managed-CachingOptimizedForUncompressedObjects",
        "Default policy when compression is disabled",
        (1, 86400, 31536000),
        compressed=False,
    ),
    "83da9c7e-98b4-4e11-a168-04f0df8e2c65": _managed(
        "Managed-UseOriginCacheControlHeaders",
        "Policy for origins that return Cache-Control headers. Query strings are not included in the cache key.",
        (0, 0, 31536000),
        compressed=True,
        headers=ORIGIN_CACHE_CONTROL_HEADERS,
        cookies="all",
    ),
    "4cc15a8a-d715-48a4-82b8-cc0b614638fe": _managed(
        "Managed-UseOriginCacheControlHeaders-QueryStrings",
        "Policy for origins that return Cache-Control headers and serve different content based on values "
        "present in the query string.",
        (0, 0, 31536000),
        compressed=True,
        headers=ORIGIN_CACHE_CONTROL_HEADERS,
        cookies="all",
        query_strings="all",
    ),
}


def normalize(config: dict[str, Any]) -> dict[str, Any]:
    """AWS's defaults for what the caller left out; ``InvalidArgument`` for what AWS refuses."""
    minimum = int(config["MinTTL"])
    default = int(config.get("DefaultTTL", max(86400, minimum)))
    maximum = int(config.get("MaxTTL", max(31536000, default)))
    if not 0 <= minimum <= default <= maximum:
        raise CloudFrontError(
            "InvalidArgument", "The TTL values must be in order: MinTTL <= DefaultTTL <= MaxTTL, none below 0."
        )
    config.update(MinTTL=minimum, DefaultTTL=default, MaxTTL=maximum)
    parameters = config.setdefault("ParametersInCacheKeyAndForwardedToOrigin", {})
    parameters.setdefault("EnableAcceptEncodingGzip", False)
    parameters.setdefault("EnableAcceptEncodingBrotli", False)
    for key, behavior_key, allowed in (
        ("HeadersConfig", "HeaderBehavior", HEADER_BEHAVIORS),
        ("CookiesConfig", "CookieBehavior", COOKIE_AND_QUERY_BEHAVIORS),
        ("QueryStringsConfig", "QueryStringBehavior", COOKIE_AND_QUERY_BEHAVIORS),
    ):
        behavior = parameters.setdefault(key, {behavior_key: "none"}).get(behavior_key)
        if behavior not in allowed:
            raise CloudFrontError(
                "InvalidArgument", f"{key}.{behavior_key} must be one of {', '.join(allowed)}, not {behavior}."
            )
    return config


FAMILY = PolicyFamily(
    noun="CachePolicy",
    path="cache-policy",
    behaviour_field="CachePolicyId",
    managed=MANAGED,
    normalize=normalize,
)


def apply() -> None:
    FAMILY.apply()
