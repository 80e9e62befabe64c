"""Unit tests for the planning of the CloudFront origin access control and policy modules (pure functions)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_policies as plan


def cache_options(**overrides):
    values = dict(
        name="app",
        comment=None,
        min_ttl=None,
        default_ttl=None,
        max_ttl=None,
        headers=None,
        cookies=None,
        query_strings=None,
        enable_accept_encoding_gzip=None,
        enable_accept_encoding_brotli=None,
    )
    values.update(overrides)
    return values


# canonical


def test_canonical_ignores_the_order_of_lists():
    one = {"Items": ["b", "a"], "Quantity": 2, "Nested": [{"Header": "Y"}, {"Header": "X"}]}
    other = {"Quantity": 2, "Items": ["a", "b"], "Nested": [{"Header": "X"}, {"Header": "Y"}]}

    assert plan.canonical(one) == plan.canonical(other)


def test_canonical_treats_an_empty_list_as_left_out():
    assert plan.canonical({"Comment": "", "Headers": {"Quantity": 0, "Items": []}}) == plan.canonical({})


def test_canonical_still_sees_a_changed_value():
    assert plan.canonical({"MaxTTL": 1, "Items": ["a"]}) != plan.canonical({"MaxTTL": 2, "Items": ["a"]})


# Managed names


def test_a_managed_name_is_refused_with_the_way_out():
    [problem] = plan.managed_name_problems("Managed-CachingOptimized", "cache policy")

    assert "AWS-managed cache policy" in problem and "_info module" in problem


def test_a_name_of_our_own_passes():
    assert plan.name_problems("app-static", "cache policy") == []


# Cache policy


def test_a_new_cache_policy_takes_cloudfront_defaults():
    config = plan.cache_policy_config(cache_options())

    assert (config["MinTTL"], config["DefaultTTL"], config["MaxTTL"]) == (0, 86400, 31536000)
    parameters = config["ParametersInCacheKeyAndForwardedToOrigin"]
    assert parameters["EnableAcceptEncodingGzip"] and parameters["EnableAcceptEncodingBrotli"]
    assert parameters["HeadersConfig"] == {"HeaderBehavior": "none"}
    assert parameters["CookiesConfig"] == {"CookieBehavior": "none"}


def test_a_new_cache_policy_default_ttl_fits_a_small_max_ttl():
    config = plan.cache_policy_config(cache_options(max_ttl=300))

    assert (config["DefaultTTL"], config["MaxTTL"]) == (300, 300)


def test_a_cache_policy_that_disables_caching_gets_no_compression():
    parameters = plan.cache_policy_config(cache_options(max_ttl=0))["ParametersInCacheKeyAndForwardedToOrigin"]

    assert not parameters["EnableAcceptEncodingGzip"] and not parameters["EnableAcceptEncodingBrotli"]


def test_an_update_keeps_every_setting_left_unset():
    current = plan.cache_policy_config(
        cache_options(comment="kept", headers=["Origin"], query_strings={"behavior": "all", "items": None})
    )

    config = plan.cache_policy_config(cache_options(default_ttl=60), current)

    assert config["DefaultTTL"] == 60
    assert config["Comment"] == "kept"
    assert config["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"]["Headers"]["Items"] == ["Origin"]
    assert config["ParametersInCacheKeyAndForwardedToOrigin"]["QueryStringsConfig"] == {"QueryStringBehavior": "all"}
    assert current["DefaultTTL"] == 86400, "the current config is not changed"


def test_an_empty_header_list_removes_the_headers():
    current = plan.cache_policy_config(cache_options(headers=["Origin"]))

    config = plan.cache_policy_config(cache_options(headers=[]), current)

    assert config["ParametersInCacheKeyAndForwardedToOrigin"]["HeadersConfig"] == {"HeaderBehavior": "none"}


def test_the_cache_policy_result_flattens_the_parameters():
    config = plan.cache_policy_config(
        cache_options(headers=["Origin"], cookies={"behavior": "allExcept", "items": ["tracking"]})
    )

    result = plan.cache_policy_result(config)

    assert result["headers"] == ["Origin"]
    assert result["cookies"] == {"behavior": "allExcept", "items": ["tracking"]}
    assert result["query_strings"] == {"behavior": "none", "items": []}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_ttl": -1}, "min_ttl must be 0 or more seconds, not -1."),
        ({"default_ttl": 10, "max_ttl": 5}, "default_ttl (10) can't be above max_ttl (5)."),
        ({"min_ttl": 10, "max_ttl": 5}, "min_ttl (10) can't be above max_ttl (5)."),
        (
            {"cookies": {"behavior": "whitelist", "items": None}},
            "cookies.items must list at least one name when cookies.behavior is whitelist.",
        ),
        (
            {"query_strings": {"behavior": "none", "items": ["a"]}},
            "query_strings.items can only be given when query_strings.behavior is whitelist, allExcept, not none.",
        ),
        ({"headers": ["Accept-Encoding"]}, "headers can't hold Accept-Encoding"),
        ({"name": "Managed-X"}, "AWS-managed cache policy"),
    ],
)
def test_each_cache_policy_rule_is_explained(overrides, message):
    problems = plan.cache_policy_problems(cache_options(**overrides))

    assert any(message in problem for problem in problems), problems


def test_good_cache_policy_options_pass():
    options = cache_options(min_ttl=0, default_ttl=60, max_ttl=60, cookies={"behavior": "all", "items": None})

    assert plan.cache_policy_problems(options) == []


def test_ttls_crossing_the_current_ones_are_explained():
    current = plan.cache_policy_config(cache_options(default_ttl=3600))
    config = plan.cache_policy_config(cache_options(max_ttl=60), current)

    assert plan.cache_policy_config_problems(config) == ["default_ttl (3600) can't be above max_ttl (60); set both."]


def test_compression_on_a_policy_that_disables_caching_is_explained():
    current = plan.cache_policy_config(cache_options())
    config = plan.cache_policy_config(cache_options(min_ttl=0, default_ttl=0, max_ttl=0), current)

    problems = plan.cache_policy_config_problems(config)

    assert len(problems) == 2 and "enable_accept_encoding_gzip must be false when max_ttl is 0" in problems[0]


# Origin request policy


def request_options(**overrides):
    values = dict(name="api", comment=None, headers=None, cookies=None, query_strings=None)
    values.update(overrides)
    return values


def test_a_new_origin_request_policy_forwards_nothing_unasked():
    config = plan.origin_request_policy_config(request_options(headers={"behavior": "allViewer", "items": None}))

    assert config["HeadersConfig"] == {"HeaderBehavior": "allViewer"}
    assert config["CookiesConfig"] == {"CookieBehavior": "none"}
    assert config["QueryStringsConfig"] == {"QueryStringBehavior": "none"}


def test_an_origin_request_policy_update_replaces_only_the_parts_given():
    current = plan.origin_request_policy_config(request_options(cookies={"behavior": "all", "items": None}))

    config = plan.origin_request_policy_config(
        request_options(headers={"behavior": "allExcept", "items": ["Host"]}), current
    )

    assert config["CookiesConfig"] == {"CookieBehavior": "all"}
    assert plan.origin_request_policy_result(config)["headers"] == {"behavior": "allExcept", "items": ["Host"]}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"headers": {"behavior": "allViewerAndWhitelistCloudFront", "items": None}},
            "headers.items must list at least one name when headers.behavior is allViewerAndWhitelistCloudFront.",
        ),
        (
            {"headers": {"behavior": "allViewer", "items": ["Host"]}},
            "headers.items can only be given when headers.behavior is whitelist, allExcept,"
            " allViewerAndWhitelistCloudFront, not allViewer.",
        ),
        (
            {"cookies": {"behavior": "allViewer", "items": None}},
            "cookies.behavior must be one of none, whitelist, all, allExcept, not allViewer.",
        ),
    ],
)
def test_each_origin_request_policy_rule_is_explained(overrides, message):
    assert message in plan.origin_request_policy_problems(request_options(**overrides))


# Response headers policy


def headers_options(**overrides):
    values = dict(name="sec", comment=None, security_headers=None, custom_headers=None, remove_headers=None, cors=None)
    values.update(overrides)
    return values


SECURITY = {
    "strict_transport_security": {"max_age": 31536000, "include_subdomains": True, "preload": False, "override": True},
    "content_type_options": {"override": True},
    "frame_options": {"frame_option": "DENY", "override": True},
    "referrer_policy": None,
    "content_security_policy": {"content_security_policy": "default-src 'self'", "override": False},
    "xss_protection": None,
}


def test_security_headers_become_the_api_config():
    config = plan.response_headers_policy_config(headers_options(security_headers=SECURITY))

    security = config["SecurityHeadersConfig"]
    assert security["StrictTransportSecurity"] == {
        "Override": True,
        "AccessControlMaxAgeSec": 31536000,
        "IncludeSubdomains": True,
        "Preload": False,
    }
    assert security["ContentTypeOptions"] == {"Override": True}
    assert security["ContentSecurityPolicy"] == {"Override": False, "ContentSecurityPolicy": "default-src 'self'"}
    assert "ReferrerPolicy" not in security and "XSSProtection" not in security


def test_parts_left_unset_are_kept_and_empty_ones_removed():
    current = plan.response_headers_policy_config(
        headers_options(security_headers=SECURITY, remove_headers=["Server"], cors=_cors())
    )

    config = plan.response_headers_policy_config(headers_options(security_headers={}, cors={}), current)

    assert "SecurityHeadersConfig" not in config and "CorsConfig" not in config
    assert config["RemoveHeadersConfig"] == {"Quantity": 1, "Items": [{"Header": "Server"}]}


def _cors(**overrides):
    values = dict(
        access_control_allow_origins=["https://app.example.com"],
        allow_headers=["*"],
        allow_methods=["GET", "PUT"],
        allow_credentials=None,
        expose_headers=None,
        max_age_sec=None,
        origin_override=None,
    )
    values.update(overrides)
    return values


def test_cors_takes_defaults_for_credentials_and_override():
    cors = plan.response_headers_policy_config(headers_options(cors=_cors(max_age_sec=600)))["CorsConfig"]

    assert cors["AccessControlAllowCredentials"] is False and cors["OriginOverride"] is True
    assert cors["AccessControlMaxAgeSec"] == 600
    assert cors["AccessControlAllowMethods"] == {"Quantity": 2, "Items": ["GET", "PUT"]}


def test_the_response_headers_policy_result_is_snake_case():
    config = plan.response_headers_policy_config(headers_options(security_headers=SECURITY, cors=_cors()))

    result = plan.response_headers_policy_result(config)

    assert result["security_headers_config"]["strict_transport_security"]["access_control_max_age_sec"] == 31536000
    assert result["cors_config"]["access_control_allow_origins"] == {
        "quantity": 1,
        "items": ["https://app.example.com"],
    }
    assert result["custom_headers_config"] == {"quantity": 0}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"security_headers": {"content_security_policy": {"content_security_policy": "a\nb"}}},
            "security_headers.content_security_policy.content_security_policy must be one line",
        ),
        (
            {"security_headers": {"content_security_policy": {"content_security_policy": "x" * 1784}}},
            "must be 1 to 1783 characters, not 1784.",
        ),
        (
            {"security_headers": {"strict_transport_security": {"max_age": -5}}},
            "security_headers.strict_transport_security.max_age must be 0 or more seconds, not -5.",
        ),
        (
            {"security_headers": {"xss_protection": {"protection": True, "mode_block": True, "report_uri": "/r"}}},
            "security_headers.xss_protection takes mode_block or report_uri, not both.",
        ),
        (
            {"security_headers": {"xss_protection": {"protection": False, "mode_block": True}}},
            "mode_block and report_uri can only be given when protection is true.",
        ),
        (
            {"custom_headers": [{"header": "X-A", "value": "1"}, {"header": "x-a", "value": "2"}]},
            "custom_headers names x-a twice",
        ),
        ({"cors": _cors(allow_headers=None)}, "cors.allow_headers must list at least one value when cors is given."),
        ({"cors": _cors(allow_methods=["ALL", "GET"])}, "cors.allow_methods ALL can't be combined with other methods."),
        ({"cors": _cors(max_age_sec=-1)}, "cors.max_age_sec must be 0 or more seconds, not -1."),
    ],
)
def test_each_response_headers_policy_rule_is_explained(overrides, message):
    problems = plan.response_headers_policy_problems(headers_options(**overrides))

    assert any(message in problem for problem in problems), problems


def test_an_empty_cors_is_no_problem():
    assert plan.response_headers_policy_problems(headers_options(cors={})) == []


# Origin access control


def test_a_new_origin_access_control_takes_the_defaults():
    config = plan.origin_access_control_config({"name": "oac"})

    assert config == {
        "Name": "oac",
        "Description": "",
        "OriginAccessControlOriginType": "s3",
        "SigningBehavior": "always",
        "SigningProtocol": "sigv4",
    }


def test_an_origin_access_control_update_keeps_what_is_unset():
    current = plan.origin_access_control_config({"name": "oac", "description": "kept", "origin_type": "lambda"})

    config = plan.origin_access_control_config({"name": "oac", "signing_behavior": "no-override"}, current)

    assert (config["Description"], config["OriginAccessControlOriginType"]) == ("kept", "lambda")
    assert config["SigningBehavior"] == "no-override"
