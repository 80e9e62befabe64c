"""CloudFront origin request policies: the API, with the AWS managed policies present in every account.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateOriginRequestPolicy.html
and the other ``*OriginRequestPolic*`` operations; shared rules in ``cloudfront_policy_api``):

* ``OriginRequestPolicyConfig`` has ``Name``, ``HeadersConfig``, ``CookiesConfig`` and
  ``QueryStringsConfig``. Header behaviours are ``none``, ``whitelist``, ``allViewer``,
  ``allViewerAndWhitelistCloudFront`` or ``allExcept``; cookie and query string behaviours
  ``none``, ``whitelist``, ``all`` or ``allExcept`` (API_OriginRequestPolicyHeadersConfig.html, ...).
* The managed origin request policies and their settings are those of the CloudFront Developer
  Guide, "Use managed origin request policies" (using-managed-origin-request-policies.html).

Moto 5.2.5 has no origin request policy API (every call is a 404): the ``/api/*`` behaviour
(Managed-AllViewerExceptHostHeader) and appstack.aws ``cloudfront_origin_request_policy`` cannot run.
"""

from __future__ import annotations

from typing import Any

from emulator.fixes.cloudfront_common import CloudFrontError
from emulator.fixes.cloudfront_policy_api import PolicyFamily

HEADER_BEHAVIORS = ("none", "whitelist", "allViewer", "allViewerAndWhitelistCloudFront", "allExcept")
COOKIE_AND_QUERY_BEHAVIORS = ("none", "whitelist", "all", "allExcept")


def _names(names: list[str]) -> dict[str, Any]:
    return {"Quantity": len(names), "Items": names}


def _managed(
    name: str,
    comment: str,
    headers: tuple[str, list[str]],
    cookies: str = "none",
    query_strings: str = "none",
) -> dict[str, Any]:
    header_behavior, header_names = headers
    header_config: dict[str, Any] = {"HeaderBehavior": header_behavior}
    if header_names:
        header_config["Headers"] = _names(header_names)
    return {
        "Name": name,
        "Comment": comment,
        "HeadersConfig": header_config,
        "CookiesConfig": {"CookieBehavior": cookies},
        "QueryStringsConfig": {"QueryStringBehavior": query_strings},
    }


MANAGED = {
    "216adef6-5c7f-47e4-b989-5492eafa07d3": _managed(
        "Managed-AllViewer", "Policy to forward all parameters in viewer requests", ("allViewer", []), "all", "all"
    ),
    "b689b0a8-53d0-40ab-baf2-68738e2966ac": _managed(
        "Managed-AllViewerExceptHostHeader",
        "Policy to forward all parameters in viewer requests except for the Host header",
        ("allExcept", ["host"]),
        "all",
        "all",
    ),
    "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": _managed(
        "Managed-CORS-S3Origin",
        "Policy for origin request to enable CORS for S3 origins",
        ("whitelist", ["origin", "access-control-request-headers", "access-control-request-method"]),
    ),
    "59781a5b-3903-41f3-afcb-af62929ccde1": _managed(
        "Managed-CORS-CustomOrigin",
        "Policy for origin request to enable CORS for custom origins",
        ("whitelist", ["origin"]),
    ),
    "acba4595-bd28-49b8-b9fe-13317c0390fa": _managed(
        "Managed-UserAgentRefererHeaders",
        "Policy to forward user-agent and referer headers to origin",
        ("whitelist", ["referer", "user-agent"]),
    ),
}


def normalize(config: dict[str, Any]) -> dict[str, Any]:
    """``InvalidArgument`` for a missing part or a behaviour AWS does not know."""
    for key, behavior_key, allowed in (
        ("HeadersConfig", "HeaderBehavior", HEADER_BEHAVIORS),
        ("CookiesConfig", "CookieBehavior", COOKIE_AND_QUERY_BEHAVIORS),
        ("QueryStringsConfig", "QueryStringBehavior", COOKIE_AND_QUERY_BEHAVIORS),
    ):
        behavior = (config.get(key) or {}).get(behavior_key)
        if behavior not in allowed:
            raise CloudFrontError(
                "InvalidArgument", f"{key}.{behavior_key} must be one of {', '.join(allowed)}, not {behavior}."
            )
    return config


FAMILY = PolicyFamily(
    noun="OriginRequestPolicy",
    path="origin-request-policy",
    behaviour_field="OriginRequestPolicyId",
    managed=MANAGED,
    normalize=normalize,
)


def apply() -> None:
    FAMILY.apply()
