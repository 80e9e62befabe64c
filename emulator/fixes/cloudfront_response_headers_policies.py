"""CloudFront response headers policies: the API, every field kept, the AWS managed policies in every account.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateResponseHeadersPolicy.html
and the other ``*ResponseHeadersPolic*`` operations; shared rules in ``cloudfront_policy_api``):

* ``ResponseHeadersPolicyConfig`` has ``Name`` and optionally ``Comment``, ``CorsConfig``,
  ``SecurityHeadersConfig`` (``XSSProtection``, ``FrameOptions``, ``ReferrerPolicy``,
  ``ContentSecurityPolicy``, ``ContentTypeOptions``, ``StrictTransportSecurity``),
  ``ServerTimingHeadersConfig``, ``CustomHeadersConfig`` and ``RemoveHeadersConfig``; the policy
  comes back with what was sent (API_ResponseHeadersPolicyConfig.html).
* ``FrameOptions.FrameOption`` is ``DENY`` or ``SAMEORIGIN``; ``ReferrerPolicy.ReferrerPolicy`` one
  of the eight policies the API lists; anything else fails with ``InvalidArgument``.
* The managed response headers policies and their headers are those of the CloudFront Developer
  Guide, "Use managed response headers policies" (using-managed-response-headers-policies.html).

Moto 5.2.5 has no response headers policy API (every call is a 404): the security headers of the
frontend and appstack.aws ``cloudfront_response_headers_policy`` cannot run.
"""

from __future__ import annotations

from typing import Any

from emulator.fixes.cloudfront_common import CloudFrontError
from emulator.fixes.cloudfront_policy_api import PolicyFamily

FRAME_OPTIONS = ("DENY", "SAMEORIGIN")
REFERRER_POLICIES = (
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
)


def _list(values: list[str]) -> dict[str, Any]:
    return {"Quantity": len(values), "Items": values}


def _cors(methods: list[str], *, preflight: bool) -> dict[str, Any]:
    cors: dict[str, Any] = {
        "AccessControlAllowOrigins": _list(["*"]),
        "AccessControlAllowHeaders": _list(["*"]),
        "AccessControlAllowMethods": _list(methods),
        "AccessControlAllowCredentials": False,
        "OriginOverride": False,
    }
    if preflight:
        cors["AccessControlExposeHeaders"] = _list(["*"])
    return cors


MANAGED = {
    "67f7725c-6f97-4210-82d7-5512b31e9d03": {
        "Name": "Managed-SecurityHeadersPolicy",
        "Comment": "Adds a set of security headers to every response",
        "SecurityHeadersConfig": {
            "XSSProtection": {"Override": False, "Protection": True, "ModeBlock": True},
            "FrameOptions": {"Override": False, "FrameOption": "SAMEORIGIN"},
            "ReferrerPolicy": {"Override": False, "ReferrerPolicy": "strict-origin-when-cross-origin"},
            "ContentTypeOptions": {"Override": True},
            "StrictTransportSecurity": {
                "Override": False,
                "IncludeSubdomains": False,
                "Preload": False,
                "AccessControlMaxAgeSec": 31536000,
            },
        },
    },
    "5cc3b908-e619-4b99-88e5-2cf7f45965bd": {
        "Name": "Managed-CORS-With-Preflight",
        "Comment": "Allows all origins for CORS requests, including preflight requests",
        "CorsConfig": _cors(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"], preflight=True),
    },
    "60669652-455b-4ae9-85a4-c4c02393f86c": {
        "Name": "Managed-SimpleCORS",
        "Comment": "Allow all origins for simple CORS requests",
        "CorsConfig": _cors(["ALL"], preflight=False),
    },
}


def normalize(config: dict[str, Any]) -> dict[str, Any]:
    """``InvalidArgument`` for a frame option or referrer policy AWS does not know."""
    security = config.get("SecurityHeadersConfig") or {}
    frame = (security.get("FrameOptions") or {}).get("FrameOption")
    if "FrameOptions" in security and frame not in FRAME_OPTIONS:
        raise CloudFrontError("InvalidArgument", f"FrameOption must be DENY or SAMEORIGIN, not {frame}.")
    referrer = (security.get("ReferrerPolicy") or {}).get("ReferrerPolicy")
    if "ReferrerPolicy" in security and referrer not in REFERRER_POLICIES:
        raise CloudFrontError("InvalidArgument", f"ReferrerPolicy must be one of {', '.join(REFERRER_POLICIES)}.")
    return config


FAMILY = PolicyFamily(
    noun="ResponseHeadersPolicy",
    path="response-headers-policy",
    behaviour_field="ResponseHeadersPolicyId",
    managed=MANAGED,
    normalize=normalize,
)


def apply() -> None:
    FAMILY.apply()
