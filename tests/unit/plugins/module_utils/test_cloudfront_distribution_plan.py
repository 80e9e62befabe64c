"""Unit tests for the CloudFront distribution planning: validation, the merged DistributionConfig, comparison."""

from copy import deepcopy

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_distribution_plan as plan

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
FUNCTION = "arn:aws:cloudfront::123456789012:function/spa-rewrite"
CACHE_POLICY = "658327ea-f89d-4fab-a63d-7e88639e58f6"

OPTIONS = [
    "caller_reference",
    "distribution_id",
    "comment",
    "enabled",
    "aliases",
    "default_root_object",
    "price_class",
    "http_version",
    "ipv6_enabled",
    "web_acl_id",
    "viewer_certificate",
    "logging",
    "origins",
    "default_cache_behavior",
    "cache_behaviors",
    "custom_error_responses",
    "tags",
    "wait_timeout",
]
ORIGIN_OPTIONS = [
    "id",
    "domain_name",
    "origin_path",
    "origin_access_control_id",
    "s3_origin_access_identity",
    "custom_origin",
    "custom_headers",
    "connection_attempts",
    "connection_timeout",
]
CUSTOM_ORIGIN_OPTIONS = [
    "http_port",
    "https_port",
    "origin_protocol_policy",
    "origin_ssl_protocols",
    "origin_read_timeout",
    "origin_keepalive_timeout",
]
BEHAVIOR_OPTIONS = [
    "target_origin_id",
    "viewer_protocol_policy",
    "allowed_methods",
    "cached_methods",
    "compress",
    "cache_policy_id",
    "origin_request_policy_id",
    "response_headers_policy_id",
    "function_associations",
    "min_ttl",
    "default_ttl",
    "max_ttl",
]


def filled(keys, values):
    """Options as Ansible gives them: every key present, None when unset."""
    unknown = set(values) - set(keys)
    assert not unknown, unknown
    return {key: values.get(key) for key in keys}


def custom_origin(**values):
    return filled(CUSTOM_ORIGIN_OPTIONS, values)


def origin(origin_id="frontend", domain_name="site.s3.us-east-1.amazonaws.com", **values):
    return filled(ORIGIN_OPTIONS, dict(id=origin_id, domain_name=domain_name, **values))


def behavior(target_origin_id="frontend", **values):
    return filled(BEHAVIOR_OPTIONS, dict(target_origin_id=target_origin_id, **values))


def ordered(path_pattern, target_origin_id="frontend", **values):
    return {"path_pattern": path_pattern, **behavior(target_origin_id, **values)}


def error(error_code, response_code=None, response_page_path=None, error_caching_min_ttl=None):
    return dict(
        error_code=error_code,
        response_code=response_code,
        response_page_path=response_page_path,
        error_caching_min_ttl=error_caching_min_ttl,
    )


def params(**values):
    return filled(OPTIONS, values)


def create_params(**values):
    settings = dict(
        caller_reference="ref-1",
        comment="frontend",
        origins=[
            origin(origin_access_control_id="E2QWRUHAPOMQZL"),
            origin("api", "api.example.com", custom_origin=custom_origin()),
        ],
        default_cache_behavior=behavior(cache_policy_id=CACHE_POLICY),
        cache_behaviors=[
            ordered("/index.html", min_ttl=0, default_ttl=300, max_ttl=300),
            ordered("/api/*", "api", allowed_methods=list(plan.METHODS), cache_policy_id=CACHE_POLICY),
        ],
        custom_error_responses=[error(403, 200, "/index.html", 10), error(404, 200, "/index.html", 10)],
        wait_timeout=1800,
    )
    settings.update(values)
    return params(**settings)


def created():
    """The DistributionConfig of create_params() as CloudFront returns it (with what it fills in)."""
    config = plan.desired_config(create_params())
    for entry in config["CustomErrorResponses"]["Items"]:
        entry.setdefault("ErrorCachingMinTTL", 10)
    for entry in config["Origins"]["Items"]:
        entry["OriginShield"] = {"Enabled": False}
    config["DefaultCacheBehavior"]["RealtimeLogConfigArn"] = ""
    config["OriginGroups"] = {"Quantity": 0}
    return config


# Validation


def test_valid_options_have_no_problem():
    assert (
        plan.validate(
            create_params(
                aliases=["www.example.com"],
                viewer_certificate={
                    "acm_certificate_arn": CERTIFICATE,
                    "minimum_protocol_version": "TLSv1.2_2021",
                    "ssl_support_method": None,
                },
            )
        )
        == []
    )


def test_an_update_of_one_setting_has_no_problem():
    assert plan.validate(params(distribution_id="E1", enabled=False)) == []


@pytest.mark.parametrize("pattern", ["", "/static files/*", "/a" * 130, "/path#x", "/é/*"])
def test_path_patterns_cloudfront_rejects_are_reported(pattern):
    problems = plan.validate(create_params(cache_behaviors=[ordered(pattern)]))

    assert any("path_pattern must be 1 to 255 characters" in problem for problem in problems), problems


def test_path_patterns_with_wildcards_and_allowed_punctuation_pass():
    patterns = ["/static/*", "*.jpg", "/img/??/*.png", "/a-b_c.d/~x$y@z:+&'\""]
    assert plan.validate(create_params(cache_behaviors=[ordered(p) for p in patterns])) == []


def test_a_repeated_path_pattern_is_reported():
    problems = plan.validate(create_params(cache_behaviors=[ordered("/a/*"), ordered("/a/*")]))

    assert problems == ["cache_behaviors must have distinct path_pattern values; /a/* repeat."]


def test_a_behaviour_naming_no_origin_is_reported_with_the_origins():
    problems = plan.validate(create_params(default_cache_behavior=behavior("nope")))

    assert problems == [
        "default_cache_behavior.target_origin_id nope names no origin; the origins are ['api', 'frontend']."
    ]


def test_duplicate_origin_ids_are_reported():
    problems = plan.validate(create_params(origins=[origin(), origin()]))

    assert "origins must have distinct ids; frontend appear more than once." in problems


@pytest.mark.parametrize(
    ("ttls", "message"),
    [
        ({"min_ttl": -1}, "cache_behaviors[/x].min_ttl must be 0 to 3153600000 seconds, not -1."),
        ({"max_ttl": 3153600001}, "cache_behaviors[/x].max_ttl must be 0 to 3153600000 seconds, not 3153600001."),
        ({"min_ttl": 600, "default_ttl": 300}, "cache_behaviors[/x].min_ttl <= default_ttl <= max_ttl must hold"),
        ({"default_ttl": 300, "cache_policy_id": CACHE_POLICY}, "default_ttl can't be set with cache_policy_id"),
    ],
)
def test_ttl_problems_name_the_behaviour_and_the_rule(ttls, message):
    problems = plan.validate(create_params(cache_behaviors=[ordered("/x", **ttls)]))

    assert any(problem.startswith(message) or message in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (error(418), "custom_error_responses[418].error_code must be one of [400, 403"),
        (error(404, 302, "/x.html"), "custom_error_responses[404].response_code must be one of [200, 400"),
        (error(404, 200, "index.html"), "response_page_path must start with /"),
        (error(404, 200), "response_code and response_page_path go together"),
        (error(404, error_caching_min_ttl=-5), "error_caching_min_ttl must be 0 to"),
    ],
)
def test_error_response_problems(response, message):
    problems = plan.validate(create_params(custom_error_responses=[response]))

    assert any(message in problem for problem in problems), problems


def test_a_repeated_error_code_is_reported():
    problems = plan.validate(create_params(custom_error_responses=[error(404), error(404)]))

    assert "custom_error_responses names an error_code more than once." in problems


def test_aliases_without_a_certificate_are_reported():
    problems = plan.validate(create_params(aliases=["www.example.com"]))

    assert problems == [
        "aliases need viewer_certificate.acm_certificate_arn: CloudFront serves a custom domain only with an ACM"
        " certificate (in us-east-1) that covers it."
    ]


def test_a_certificate_outside_us_east_1_is_reported():
    arn = CERTIFICATE.replace("us-east-1", "eu-west-1")
    certificate = {"acm_certificate_arn": arn, "minimum_protocol_version": None, "ssl_support_method": None}

    problems = plan.validate(create_params(aliases=["www.example.com"], viewer_certificate=certificate))

    assert len(problems) == 1 and "an ACM certificate in us-east-1" in problems[0]


def test_a_protocol_version_without_a_certificate_is_reported():
    certificate = {"acm_certificate_arn": None, "minimum_protocol_version": "TLSv1.2_2021", "ssl_support_method": None}

    problems = plan.validate(create_params(viewer_certificate=certificate))

    assert len(problems) == 1 and "apply only with viewer_certificate.acm_certificate_arn" in problems[0]


def test_sslv3_needs_a_dedicated_ip():
    certificate = {
        "acm_certificate_arn": CERTIFICATE,
        "minimum_protocol_version": "SSLv3",
        "ssl_support_method": "sni-only",
    }

    assert plan.validate(create_params(viewer_certificate=certificate)) == [
        "viewer_certificate.minimum_protocol_version SSLv3 needs ssl_support_method vip."
    ]


def test_tls_protocols_on_an_http_only_origin_are_reported():
    api = origin(
        "api",
        "api.example.com",
        custom_origin=custom_origin(origin_protocol_policy="http-only", origin_ssl_protocols=["TLSv1.2"]),
    )

    problems = plan.validate(create_params(origins=[origin(), api]))

    assert len(problems) == 1
    assert "origins[api].custom_origin.origin_ssl_protocols asks for TLS" in problems[0]
    assert "https-only" in problems[0]


@pytest.mark.parametrize(
    ("custom", "message"),
    [
        ({"https_port": 8}, "origins[api].custom_origin.https_port must be 80, 443 or 1024 to 65535, not 8."),
        ({"origin_read_timeout": 0}, "origins[api].custom_origin.origin_read_timeout must be 1 to 180, not 0."),
        ({"origin_keepalive_timeout": 181}, "origins[api].custom_origin.origin_keepalive_timeout must be 1 to 180"),
    ],
)
def test_custom_origin_ranges(custom, message):
    api = origin("api", "api.example.com", custom_origin=custom_origin(**custom))

    problems = plan.validate(create_params(origins=[origin(), api]))

    assert any(problem.startswith(message) for problem in problems), problems


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"connection_attempts": 4}, "origins[frontend].connection_attempts must be 1 to 3, not 4."),
        ({"connection_timeout": 11}, "origins[frontend].connection_timeout must be 1 to 10, not 11."),
        ({"origin_path": "/assets/"}, "origins[frontend].origin_path must start with / and not end with /"),
        (
            {"s3_origin_access_identity": "origin-access-identity/cloudfront/E1", "origin_access_control_id": "E2"},
            "origins[frontend].origin_access_control_id and s3_origin_access_identity exclude each other",
        ),
        ({"s3_origin_access_identity": "E1"}, "origins[frontend].s3_origin_access_identity must be"),
        (
            {"custom_headers": [{"name": "X-A", "value": "1"}, {"name": "x-a", "value": "2"}]},
            "origins[frontend].custom_headers names a header more than once.",
        ),
    ],
)
def test_origin_problems(values, message):
    problems = plan.validate(create_params(origins=[origin(**values), origin("api", "api.example.com")]))

    assert any(problem.startswith(message) for problem in problems), problems


@pytest.mark.parametrize(
    ("methods", "message"),
    [
        ({"allowed_methods": ["GET", "POST"]}, "default_cache_behavior.allowed_methods must be [GET, HEAD]"),
        ({"cached_methods": ["GET"]}, "default_cache_behavior.cached_methods must be [GET, HEAD] or"),
        (
            {"allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD", "OPTIONS"]},
            "default_cache_behavior.cached_methods (['GET', 'HEAD'",
        ),
    ],
)
def test_method_sets_cloudfront_rejects(methods, message):
    problems = plan.validate(create_params(default_cache_behavior=behavior(**methods)))

    assert any(problem.startswith(message) for problem in problems), problems


def test_function_association_problems():
    associations = [
        {"event_type": "viewer-request", "function_arn": FUNCTION},
        {"event_type": "viewer-request", "function_arn": "spa-rewrite"},
    ]

    problems = plan.validate(create_params(default_cache_behavior=behavior(function_associations=associations)))

    assert len(problems) == 2
    assert "one function per event type" in problems[0]
    assert "must be a CloudFront function ARN" in problems[1]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"default_root_object": "/index.html"}, "default_root_object must be an object name without a leading /"),
        ({"comment": "x" * 129}, "comment must be at most 128 characters, not 129."),
        ({"aliases": ["https://www.example.com"]}, "aliases must be domain names"),
        (
            {"logging": {"bucket": "my-logs", "prefix": None, "include_cookies": None}},
            "logging.bucket must be the bucket's domain name",
        ),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0, not 0."),
    ],
)
def test_top_level_problems(values, message):
    problems = plan.validate(create_params(**values))

    assert any(problem.startswith(message) for problem in problems), problems


def test_every_problem_is_reported_at_once():
    problems = plan.validate(
        create_params(default_root_object="/x", custom_error_responses=[error(418)], origins=[origin(), origin()])
    )

    assert len(problems) >= 4


# Building the configuration


def test_a_new_configuration_has_cloudfronts_defaults_and_the_options():
    config = plan.desired_config(create_params())

    assert config["CallerReference"] == "ref-1"
    assert (config["Enabled"], config["PriceClass"], config["HttpVersion"], config["IsIPV6Enabled"]) == (
        True,
        "PriceClass_All",
        "http2",
        True,
    )
    assert config["ViewerCertificate"]["CloudFrontDefaultCertificate"] is True
    s3, api = config["Origins"]["Items"]
    assert s3["OriginAccessControlId"] == "E2QWRUHAPOMQZL"
    assert s3["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    assert "CustomOriginConfig" not in s3
    assert api["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert api["CustomOriginConfig"]["OriginSslProtocols"] == {"Quantity": 1, "Items": ["TLSv1.2"]}
    assert "S3OriginConfig" not in api
    default = config["DefaultCacheBehavior"]
    assert default["CachePolicyId"] == CACHE_POLICY
    assert "ForwardedValues" not in default and "MinTTL" not in default
    assert default["ViewerProtocolPolicy"] == "redirect-to-https"
    assert default["Compress"] is True
    index, api_behavior = config["CacheBehaviors"]["Items"]
    assert index["PathPattern"] == "/index.html"
    assert (index["MinTTL"], index["DefaultTTL"], index["MaxTTL"]) == (0, 300, 300)
    assert index["ForwardedValues"]["QueryString"] is False
    assert api_behavior["AllowedMethods"]["Quantity"] == 7
    assert config["CustomErrorResponses"]["Items"][0] == {
        "ErrorCode": 403,
        "ResponseCode": "200",
        "ResponsePagePath": "/index.html",
        "ErrorCachingMinTTL": 10,
    }


def test_options_left_unset_keep_the_current_values():
    current = created()
    current["Comment"] = "kept"
    current["PriceClass"] = "PriceClass_100"

    config = plan.desired_config(params(distribution_id="E1", http_version="http2and3"), current)

    assert config["Comment"] == "kept"
    assert config["PriceClass"] == "PriceClass_100"
    assert config["HttpVersion"] == "http2and3"
    assert config["Origins"] == current["Origins"]


def test_settings_the_module_does_not_manage_are_sent_back():
    current = created()
    current["Restrictions"] = {"GeoRestriction": {"RestrictionType": "whitelist", "Quantity": 1, "Items": ["FR"]}}
    current["OriginGroups"] = {"Quantity": 1, "Items": [{"Id": "group"}]}
    lambda_edge = {"Quantity": 1, "Items": [{"LambdaFunctionARN": "arn:x", "EventType": "origin-request"}]}
    current["DefaultCacheBehavior"]["LambdaFunctionAssociations"] = lambda_edge

    config = plan.desired_config(create_params(comment="changed"), current)

    assert config["Restrictions"] == current["Restrictions"]
    assert config["OriginGroups"] == current["OriginGroups"]
    assert config["DefaultCacheBehavior"]["LambdaFunctionAssociations"] == lambda_edge


def test_an_origin_keeps_its_unset_settings_from_the_origin_of_the_same_id():
    current = created()
    current["Origins"]["Items"][1]["ConnectionAttempts"] = 2
    current["Origins"]["Items"][1]["CustomOriginConfig"]["OriginReadTimeout"] = 60

    config = plan.desired_config(create_params(), current)

    api = config["Origins"]["Items"][1]
    assert (api["ConnectionAttempts"], api["CustomOriginConfig"]["OriginReadTimeout"]) == (2, 60)


def test_a_behaviour_keeps_its_unset_settings_from_the_behaviour_of_the_same_path():
    current = created()
    current["CacheBehaviors"]["Items"][0]["Compress"] = False

    config = plan.desired_config(create_params(), current)

    assert config["CacheBehaviors"]["Items"][0]["Compress"] is False


def test_an_oac_replaces_a_legacy_origin_access_identity():
    current = created()
    current["Origins"]["Items"][0]["OriginAccessControlId"] = ""
    current["Origins"]["Items"][0]["S3OriginConfig"] = {"OriginAccessIdentity": "origin-access-identity/cloudfront/E1"}

    config = plan.desired_config(create_params(), current)

    assert config["Origins"]["Items"][0]["S3OriginConfig"] == {"OriginAccessIdentity": ""}
    assert config["Origins"]["Items"][0]["OriginAccessControlId"] == "E2QWRUHAPOMQZL"


def test_a_cache_policy_replaces_the_legacy_settings_and_an_empty_one_brings_them_back():
    current = created()

    with_policy = plan.desired_config(
        create_params(cache_behaviors=[ordered("/index.html", cache_policy_id="P1")]), current
    )
    legacy = plan.desired_config(create_params(default_cache_behavior=behavior(cache_policy_id="")), current)

    index = with_policy["CacheBehaviors"]["Items"][0]
    assert index["CachePolicyId"] == "P1"
    assert not {"ForwardedValues", "MinTTL", "DefaultTTL", "MaxTTL"} & set(index)
    default = legacy["DefaultCacheBehavior"]
    assert "CachePolicyId" not in default
    assert (default["MinTTL"], default["DefaultTTL"], default["MaxTTL"]) == (0, 86400, 31536000)


def test_empty_policy_ids_remove_them():
    current = created()
    current["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] = "R1"

    config = plan.desired_config(create_params(default_cache_behavior=behavior(response_headers_policy_id="")), current)

    assert "ResponseHeadersPolicyId" not in config["DefaultCacheBehavior"]


def test_a_certificate_gets_the_modern_defaults_and_keeps_its_current_settings():
    certificate = {"acm_certificate_arn": CERTIFICATE, "minimum_protocol_version": None, "ssl_support_method": None}
    first = plan.desired_config(create_params(aliases=["www.example.com"], viewer_certificate=certificate))
    current = deepcopy(first)
    current["ViewerCertificate"]["MinimumProtocolVersion"] = "TLSv1.2_2019"

    again = plan.desired_config(create_params(viewer_certificate=certificate), current)
    back = plan.desired_config(
        create_params(aliases=[], viewer_certificate={**certificate, "acm_certificate_arn": None}), current
    )

    assert first["ViewerCertificate"] == {
        "ACMCertificateArn": CERTIFICATE,
        "SSLSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
        "CertificateSource": "acm",
    }
    assert first["Aliases"] == {"Quantity": 1, "Items": ["www.example.com"]}
    assert again["ViewerCertificate"]["MinimumProtocolVersion"] == "TLSv1.2_2019"
    assert back["ViewerCertificate"]["CloudFrontDefaultCertificate"] is True


def test_a_certificate_as_cloudfront_returns_it_is_the_one_asked_for():
    """CloudFront returns an ACM certificate with CloudFrontDefaultCertificate false and the deprecated Certificate."""
    certificate = {"acm_certificate_arn": CERTIFICATE, "minimum_protocol_version": None, "ssl_support_method": None}
    desired = plan.desired_config(create_params(aliases=["www.example.com"], viewer_certificate=certificate))
    current = deepcopy(desired)
    current["ViewerCertificate"].update(CloudFrontDefaultCertificate=False, Certificate=CERTIFICATE)

    assert plan.same_config(current, plan.desired_config(create_params(viewer_certificate=certificate), current))
    other = {**certificate, "acm_certificate_arn": CERTIFICATE.replace("0a1b", "9f8e")}
    assert not plan.same_config(current, plan.desired_config(create_params(viewer_certificate=other), current))


def test_logging_without_a_bucket_is_off():
    on = plan.desired_config(
        create_params(logging={"bucket": "logs.s3.amazonaws.com", "prefix": "cf/", "include_cookies": None})
    )
    off = plan.desired_config(create_params(logging={"bucket": None, "prefix": "cf/", "include_cookies": True}), on)

    assert on["Logging"] == {
        "Enabled": True,
        "IncludeCookies": False,
        "Bucket": "logs.s3.amazonaws.com",
        "Prefix": "cf/",
    }
    assert off["Logging"] == {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""}


def test_an_error_response_keeps_its_unset_caching_ttl():
    current = created()
    current["CustomErrorResponses"]["Items"][1]["ErrorCachingMinTTL"] = 60

    config = plan.desired_config(create_params(custom_error_responses=[error(404, 200, "/index.html")]), current)

    assert config["CustomErrorResponses"]["Items"] == [
        {"ErrorCode": 404, "ResponseCode": "200", "ResponsePagePath": "/index.html", "ErrorCachingMinTTL": 60}
    ]


def test_function_associations_are_sent_as_cloudfront_spells_them():
    associations = [{"event_type": "viewer-request", "function_arn": FUNCTION}]

    config = plan.desired_config(create_params(default_cache_behavior=behavior(function_associations=associations)))

    assert config["DefaultCacheBehavior"]["FunctionAssociations"] == {
        "Quantity": 1,
        "Items": [{"FunctionARN": FUNCTION, "EventType": "viewer-request"}],
    }


def test_config_problems_find_a_behaviour_whose_origin_is_gone():
    config = plan.desired_config(create_params(origins=[origin()]), created())

    problems = plan.config_problems(config)

    assert problems == [
        "cache_behaviors[/api/*].target_origin_id api names no origin of the distribution; its origins are ['frontend']."
    ]


def test_config_problems_find_a_new_behaviour_without_an_origin():
    config = plan.desired_config(params(cache_behaviors=[ordered("/new/*", target_origin_id=None)]), created())

    assert plan.config_problems(config) == ["cache_behaviors[/new/*] is new and needs target_origin_id."]


def test_config_problems_find_cached_methods_the_behaviour_does_not_allow():
    config = plan.desired_config(
        params(default_cache_behavior=behavior(cached_methods=["GET", "HEAD", "OPTIONS"])), created()
    )

    assert plan.config_problems(config) == [
        "default_cache_behavior.cached_methods ['GET', 'HEAD', 'OPTIONS'] must be among its allowed methods"
        " ['GET', 'HEAD']."
    ]


def test_config_problems_find_aliases_left_without_a_certificate():
    config = plan.desired_config(params(aliases=["www.example.com"]), created())

    assert plan.config_problems(config) == [
        "aliases need viewer_certificate.acm_certificate_arn, a certificate that covers them."
    ]


# Comparing


def test_the_configuration_cloudfront_returns_matches_the_options():
    assert plan.same_config(created(), plan.desired_config(create_params(), created()))


def test_lists_whose_order_means_nothing_compare_in_any_order():
    current = created()
    reordered = create_params(
        aliases=None,
        origins=list(reversed(create_params()["origins"])),
        default_cache_behavior=behavior(
            cache_policy_id=CACHE_POLICY, allowed_methods=["HEAD", "GET"], cached_methods=["HEAD", "GET"]
        ),
        custom_error_responses=[error(404, 200, "/index.html", 10), error(403, 200, "/index.html", 10)],
    )
    current["Aliases"] = plan.items(["b.example.com", "a.example.com"])
    current["Origins"]["Items"][1]["CustomHeaders"] = plan.items(
        [{"HeaderName": "X-A", "HeaderValue": "1"}, {"HeaderName": "X-B", "HeaderValue": "2"}]
    )
    current["Origins"]["Items"][1]["CustomOriginConfig"]["OriginSslProtocols"] = plan.items(["TLSv1.1", "TLSv1.2"])
    reordered["aliases"] = ["a.example.com", "b.example.com"]
    reordered["origins"][0]["custom_headers"] = [{"name": "X-B", "value": "2"}, {"name": "X-A", "value": "1"}]
    reordered["origins"][0]["custom_origin"]["origin_ssl_protocols"] = ["TLSv1.2", "TLSv1.1"]

    desired = plan.desired_config(reordered, current)

    assert plan.same_config(current, desired)


def test_reordered_cache_behaviours_differ():
    current = created()
    swapped = create_params(cache_behaviors=list(reversed(create_params()["cache_behaviors"])))

    assert not plan.same_config(current, plan.desired_config(swapped, current))


def test_a_changed_ttl_differs():
    current = created()
    changed = create_params(
        cache_behaviors=[ordered("/index.html", default_ttl=60), create_params()["cache_behaviors"][1]]
    )

    desired = plan.desired_config(changed, current)

    assert not plan.same_config(current, desired)
    assert desired["CacheBehaviors"]["Items"][0]["DefaultTTL"] == 60
    assert desired["CacheBehaviors"]["Items"][0]["MaxTTL"] == 300


def test_unset_and_empty_values_compare_equal():
    current = created()
    current["DefaultCacheBehavior"]["OriginRequestPolicyId"] = ""
    current["Origins"]["Items"][0]["CustomHeaders"] = {"Quantity": 0, "Items": []}
    current["Aliases"] = {"Quantity": 0}
    desired = deepcopy(current)
    del desired["DefaultCacheBehavior"]["OriginRequestPolicyId"]
    desired["Origins"]["Items"][0]["CustomHeaders"] = {"Quantity": 0}
    del desired["Aliases"]

    assert plan.same_config(current, desired)


def test_legacy_settings_beside_a_cache_policy_are_ignored():
    current = created()
    current["DefaultCacheBehavior"].update(ForwardedValues={"QueryString": False}, MinTTL=0, DefaultTTL=0, MaxTTL=0)

    assert plan.same_config(current, plan.desired_config(create_params(), current))


def test_predicted_distribution_of_a_new_one():
    config = plan.desired_config(create_params())

    predicted = plan.predicted_distribution(None, config, {"Env": "test"})

    assert predicted == {
        "Id": None,
        "ARN": None,
        "DomainName": None,
        "Status": "InProgress",
        "DistributionConfig": config,
        "Tags": {"Env": "test"},
    }
