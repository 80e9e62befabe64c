"""CloudFront cache, origin request and response headers policies: the emulator answers as AWS does.

Moto 5.2.5 has none of these APIs (see ``emulator/fixes/cloudfront_policy_api.py`` and the three
``cloudfront_*_policies`` fixes). References: https://docs.aws.amazon.com/cloudfront/latest/APIReference/
"""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
CACHING_OPTIMIZED_UNCOMPRESSED = "b2884449-e4de-46a7-ac36-70bc7f1ddd6d"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def cache_policy_config(name: str = "app-static", **settings: Any) -> dict[str, Any]:
    return {
        "Name": name,
        "Comment": "static assets",
        "MinTTL": 0,
        "DefaultTTL": 3600,
        "MaxTTL": 86400,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": True,
            "EnableAcceptEncodingBrotli": True,
            "HeadersConfig": {"HeaderBehavior": "whitelist", "Headers": {"Quantity": 1, "Items": ["Accept"]}},
            "CookiesConfig": {"CookieBehavior": "none"},
            "QueryStringsConfig": {
                "QueryStringBehavior": "allExcept",
                "QueryStrings": {"Quantity": 1, "Items": ["utm"]},
            },
        },
        **settings,
    }


def origin_request_policy_config(name: str = "app-api") -> dict[str, Any]:
    return {
        "Name": name,
        "Comment": "api",
        "HeadersConfig": {"HeaderBehavior": "allExcept", "Headers": {"Quantity": 1, "Items": ["host"]}},
        "CookiesConfig": {"CookieBehavior": "all"},
        "QueryStringsConfig": {"QueryStringBehavior": "all"},
    }


def response_headers_policy_config(name: str = "app-security") -> dict[str, Any]:
    return {
        "Name": name,
        "Comment": "security headers",
        "SecurityHeadersConfig": {
            "XSSProtection": {"Override": True, "Protection": True, "ModeBlock": True},
            "FrameOptions": {"Override": True, "FrameOption": "DENY"},
            "ReferrerPolicy": {"Override": True, "ReferrerPolicy": "strict-origin-when-cross-origin"},
            "ContentSecurityPolicy": {"Override": True, "ContentSecurityPolicy": "default-src 'self'"},
            "ContentTypeOptions": {"Override": True},
            "StrictTransportSecurity": {
                "Override": True,
                "IncludeSubdomains": True,
                "Preload": False,
                "AccessControlMaxAgeSec": 31536000,
            },
        },
        "CustomHeadersConfig": {"Quantity": 1, "Items": [{"Header": "X-App", "Value": "frontend", "Override": False}]},
        "RemoveHeadersConfig": {"Quantity": 1, "Items": [{"Header": "Server"}]},
        "CorsConfig": {
            "AccessControlAllowOrigins": {"Quantity": 1, "Items": ["https://app.example.com"]},
            "AccessControlAllowHeaders": {"Quantity": 1, "Items": ["*"]},
            "AccessControlAllowMethods": {"Quantity": 2, "Items": ["GET", "POST"]},
            "AccessControlAllowCredentials": False,
            "AccessControlExposeHeaders": {"Quantity": 1, "Items": ["ETag"]},
            "AccessControlMaxAgeSec": 600,
            "OriginOverride": True,
        },
        "ServerTimingHeadersConfig": {"Enabled": True, "SamplingRate": 10.0},
    }


# Each family: its operations as boto3 names them, a valid config, the id of a managed policy.
FAMILIES = [
    pytest.param("cache_policy", "cache_policies", "CachePolicy", cache_policy_config, CACHING_OPTIMIZED, id="cache"),
    pytest.param(
        "origin_request_policy",
        "origin_request_policies",
        "OriginRequestPolicy",
        origin_request_policy_config,
        ALL_VIEWER_EXCEPT_HOST,
        id="origin-request",
    ),
    pytest.param(
        "response_headers_policy",
        "response_headers_policies",
        "ResponseHeadersPolicy",
        response_headers_policy_config,
        SECURITY_HEADERS,
        id="response-headers",
    ),
]
FAMILY_ARGS = ("single", "plural", "noun", "make_config", "managed_id")


def call(emulator: EmulatorClient, operation: str, **params: Any) -> dict[str, Any]:
    return getattr(emulator.client("cloudfront"), operation)(**params)


@pytest.mark.parametrize(FAMILY_ARGS, FAMILIES)
def test_a_created_policy_reads_back_as_sent_with_an_etag(
    emulator: EmulatorClient, single: str, plural: str, noun: str, make_config: Any, managed_id: str
) -> None:
    """AWS Create<Policy> answers 201 with the policy, Location and ETag; Get and GetConfig give the same."""
    config = make_config()

    created = call(emulator, f"create_{single}", **{f"{noun}Config": config})

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    policy_id = created[noun]["Id"]
    assert created["Location"].endswith(f"/{single.replace('_', '-')}/{policy_id}")
    assert created[noun][f"{noun}Config"] == config
    got = call(emulator, f"get_{single}", Id=policy_id)
    assert got[noun][f"{noun}Config"] == config
    assert got["ETag"] == created["ETag"]
    assert call(emulator, f"get_{single}_config", Id=policy_id)[f"{noun}Config"] == config


@pytest.mark.parametrize(FAMILY_ARGS, FAMILIES)
def test_updating_a_policy_needs_the_current_etag_and_changes_it(
    emulator: EmulatorClient, single: str, plural: str, noun: str, make_config: Any, managed_id: str
) -> None:
    """AWS Update<Policy>: InvalidIfMatchVersion without If-Match (400), PreconditionFailed when stale (412)."""
    created = call(emulator, f"create_{single}", **{f"{noun}Config": make_config()})
    policy_id, etag = created[noun]["Id"], created["ETag"]
    changed = {**make_config(), "Comment": "changed"}

    with pytest.raises(ClientError) as missing:
        call(emulator, f"update_{single}", Id=policy_id, **{f"{noun}Config": changed})
    with pytest.raises(ClientError) as stale:
        call(emulator, f"update_{single}", Id=policy_id, IfMatch="ESTALE0000000", **{f"{noun}Config": changed})
    updated = call(emulator, f"update_{single}", Id=policy_id, IfMatch=etag, **{f"{noun}Config": changed})

    assert error_of(missing) == ("InvalidIfMatchVersion", 400)
    assert error_of(stale) == ("PreconditionFailed", 412)
    assert updated["ETag"] != etag
    assert updated[noun][f"{noun}Config"]["Comment"] == "changed"
    with pytest.raises(ClientError) as old_etag:
        call(emulator, f"delete_{single}", Id=policy_id, IfMatch=etag)
    assert error_of(old_etag) == ("PreconditionFailed", 412)
    call(emulator, f"delete_{single}", Id=policy_id, IfMatch=updated["ETag"])
    with pytest.raises(ClientError) as gone:
        call(emulator, f"get_{single}", Id=policy_id)
    assert error_of(gone) == (f"NoSuch{noun}", 404)


@pytest.mark.parametrize(FAMILY_ARGS, FAMILIES)
def test_a_policy_name_is_unique(
    emulator: EmulatorClient, single: str, plural: str, noun: str, make_config: Any, managed_id: str
) -> None:
    """AWS: <Policy>AlreadyExists (409) for a name already taken, on create and on update."""
    call(emulator, f"create_{single}", **{f"{noun}Config": make_config("first")})
    second = call(emulator, f"create_{single}", **{f"{noun}Config": make_config("second")})

    with pytest.raises(ClientError) as on_create:
        call(emulator, f"create_{single}", **{f"{noun}Config": make_config("first")})
    with pytest.raises(ClientError) as on_update:
        call(
            emulator,
            f"update_{single}",
            Id=second[noun]["Id"],
            IfMatch=second["ETag"],
            **{f"{noun}Config": make_config("first")},
        )

    assert error_of(on_create) == (f"{noun}AlreadyExists", 409)
    assert error_of(on_update) == (f"{noun}AlreadyExists", 409)


@pytest.mark.parametrize(FAMILY_ARGS, FAMILIES)
def test_managed_policies_exist_and_cannot_be_changed_or_deleted(
    emulator: EmulatorClient, single: str, plural: str, noun: str, make_config: Any, managed_id: str
) -> None:
    """AWS: managed policies are in every account; IllegalUpdate on update, IllegalDelete ("You cannot
    delete a managed policy.") on delete (API_DeleteCachePolicy.html)."""
    managed = call(emulator, f"get_{single}", Id=managed_id)

    with pytest.raises(ClientError) as on_update:
        call(emulator, f"update_{single}", Id=managed_id, IfMatch=managed["ETag"], **{f"{noun}Config": make_config()})
    with pytest.raises(ClientError) as on_delete:
        call(emulator, f"delete_{single}", Id=managed_id, IfMatch=managed["ETag"])

    assert managed[noun][f"{noun}Config"]["Name"].startswith("Managed-")
    assert error_of(on_update) == ("IllegalUpdate", 400)
    assert error_of(on_delete) == ("IllegalDelete", 400)


@pytest.mark.parametrize(FAMILY_ARGS, FAMILIES)
def test_listing_filters_on_the_type(
    emulator: EmulatorClient, single: str, plural: str, noun: str, make_config: Any, managed_id: str
) -> None:
    """AWS List<Policies> with Type=managed|custom lists {Type, <Policy>} summaries of that type."""
    created = call(emulator, f"create_{single}", **{f"{noun}Config": make_config()})

    def listed(**params: str) -> list[tuple[str, str]]:
        summaries = call(emulator, f"list_{plural}", **params)[f"{noun}List"].get("Items", [])
        return [(summary["Type"], summary[noun]["Id"]) for summary in summaries]

    assert listed(Type="custom") == [("custom", created[noun]["Id"])]
    assert ("managed", managed_id) in listed(Type="managed")
    assert all(kind == "managed" for kind, _ in listed(Type="managed"))
    assert len(listed()) == len(listed(Type="managed")) + 1


@pytest.mark.parametrize(
    ("policy_id", "name", "ttls", "compressed"),
    [
        (CACHING_OPTIMIZED, "Managed-CachingOptimized", (1, 86400, 31536000), True),
        (CACHING_DISABLED, "Managed-CachingDisabled", (0, 0, 0), False),
        (CACHING_OPTIMIZED_UNCOMPRESSED, "Managed-CachingOptimizedForUncompressedObjects", (1, 86400, 31536000), False),
    ],
)
def test_managed_cache_policies_have_aws_settings(
    emulator: EmulatorClient, policy_id: str, name: str, ttls: tuple[int, int, int], compressed: bool
) -> None:
    """AWS Developer Guide, "Use managed cache policies" (using-managed-cache-policies.html)."""
    config = emulator.client("cloudfront").get_cache_policy(Id=policy_id)["CachePolicy"]["CachePolicyConfig"]
    parameters = config["ParametersInCacheKeyAndForwardedToOrigin"]

    assert config["Name"] == name
    assert (config["MinTTL"], config["DefaultTTL"], config["MaxTTL"]) == ttls
    assert parameters["EnableAcceptEncodingGzip"] is compressed
    assert parameters["EnableAcceptEncodingBrotli"] is compressed
    assert parameters["HeadersConfig"] == {"HeaderBehavior": "none"}
    assert parameters["CookiesConfig"] == {"CookieBehavior": "none"}
    assert parameters["QueryStringsConfig"] == {"QueryStringBehavior": "none"}


@pytest.mark.parametrize(
    ("policy_id", "name"),
    [
        ("216adef6-5c7f-47e4-b989-5492eafa07d3", "Managed-AllViewer"),
        (ALL_VIEWER_EXCEPT_HOST, "Managed-AllViewerExceptHostHeader"),
        ("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", "Managed-CORS-S3Origin"),
        ("acba4595-bd28-49b8-b9fe-13317c0390fa", "Managed-UserAgentRefererHeaders"),
    ],
)
def test_managed_origin_request_policies_exist(emulator: EmulatorClient, policy_id: str, name: str) -> None:
    """AWS Developer Guide, "Use managed origin request policies"."""
    policy = emulator.client("cloudfront").get_origin_request_policy(Id=policy_id)["OriginRequestPolicy"]

    assert policy["OriginRequestPolicyConfig"]["Name"] == name


def test_all_viewer_except_host_forwards_everything_but_the_host(emulator: EmulatorClient) -> None:
    config = emulator.client("cloudfront").get_origin_request_policy(Id=ALL_VIEWER_EXCEPT_HOST)["OriginRequestPolicy"][
        "OriginRequestPolicyConfig"
    ]

    assert config["HeadersConfig"] == {"HeaderBehavior": "allExcept", "Headers": {"Quantity": 1, "Items": ["host"]}}
    assert config["CookiesConfig"] == {"CookieBehavior": "all"}
    assert config["QueryStringsConfig"] == {"QueryStringBehavior": "all"}


@pytest.mark.parametrize(
    ("policy_id", "name"),
    [
        (SECURITY_HEADERS, "Managed-SecurityHeadersPolicy"),
        ("5cc3b908-e619-4b99-88e5-2cf7f45965bd", "Managed-CORS-With-Preflight"),
        ("60669652-455b-4ae9-85a4-c4c02393f86c", "Managed-SimpleCORS"),
    ],
)
def test_managed_response_headers_policies_exist(emulator: EmulatorClient, policy_id: str, name: str) -> None:
    """AWS Developer Guide, "Use managed response headers policies"."""
    policy = emulator.client("cloudfront").get_response_headers_policy(Id=policy_id)["ResponseHeadersPolicy"]

    assert policy["ResponseHeadersPolicyConfig"]["Name"] == name


def test_a_cache_policy_gets_the_default_ttls_aws_fills_in(emulator: EmulatorClient) -> None:
    """AWS CachePolicyConfig: DefaultTTL defaults to 86400 and MaxTTL to 31536000 (API_CachePolicyConfig.html)."""
    config = cache_policy_config()
    del config["DefaultTTL"], config["MaxTTL"]

    created = emulator.client("cloudfront").create_cache_policy(CachePolicyConfig=config)["CachePolicy"]

    assert created["CachePolicyConfig"]["DefaultTTL"] == 86400
    assert created["CachePolicyConfig"]["MaxTTL"] == 31536000


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({"MinTTL": 10, "DefaultTTL": 5}, id="min-above-default"),
        pytest.param({"DefaultTTL": 100, "MaxTTL": 50}, id="default-above-max"),
    ],
)
def test_a_cache_policy_with_ttls_out_of_order_is_refused(emulator: EmulatorClient, settings: dict[str, int]) -> None:
    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_cache_policy(CachePolicyConfig=cache_policy_config(**settings))

    assert error_of(raised) == ("InvalidArgument", 400)


def test_a_quantity_that_does_not_count_the_items_is_refused(emulator: EmulatorClient) -> None:
    """AWS: InconsistentQuantities (400) when Quantity is not the number of Items."""
    config = origin_request_policy_config()
    config["HeadersConfig"]["Headers"]["Quantity"] = 2

    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_origin_request_policy(OriginRequestPolicyConfig=config)

    assert error_of(raised) == ("InconsistentQuantities", 400)


def test_a_response_headers_policy_with_an_unknown_frame_option_is_refused(emulator: EmulatorClient) -> None:
    config = response_headers_policy_config()
    config["SecurityHeadersConfig"]["FrameOptions"]["FrameOption"] = "ALLOW"

    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_response_headers_policy(ResponseHeadersPolicyConfig=config)

    assert error_of(raised) == ("InvalidArgument", 400)


def test_a_missing_policy_is_no_such_policy(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")

    for operation, code in (
        (cloudfront.get_cache_policy_config, "NoSuchCachePolicy"),
        (cloudfront.get_origin_request_policy, "NoSuchOriginRequestPolicy"),
        (cloudfront.get_response_headers_policy_config, "NoSuchResponseHeadersPolicy"),
    ):
        with pytest.raises(ClientError) as raised:
            operation(Id="00000000-0000-0000-0000-000000000000")
        assert error_of(raised) == (code, 404)
