"""The s3_cloudfront role's input checks, run before any AWS call: one test per rule."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.s3_cloudfront_input_errors import (
    FilterModule,
    s3_cloudfront_input_errors,
)

TTLS = {
    "index": {"min": 0, "default": 300, "max": 300},
    "static": {"min": 0, "default": 3600, "max": 3600},
    "media": {"min": 0, "default": 86400, "max": 86400},
    "default": {"min": 0, "default": 3600, "max": 3600},
}
VALID = {
    "s3_cloudfront_bucket_name": "smartscheduler-frontend-prod",
    "s3_cloudfront_log_bucket_name": "smartscheduler-frontend-prod-logs",
    "s3_cloudfront_assets_bucket": True,
    "s3_cloudfront_assets_bucket_name": "smartscheduler-frontend-prod-assets",
    "s3_cloudfront_encryption": "AES256",
    "s3_cloudfront_kms_key_arn": "",
    "s3_cloudfront_origin_access": "oac",
    "s3_cloudfront_noncurrent_version_days": 60,
    "s3_cloudfront_log_retention_days": "365",
    "s3_cloudfront_assets_temp_expiry_days": 1,
    "s3_cloudfront_cache_ttls": TTLS,
    "s3_cloudfront_error_caching_ttl": 10,
    "s3_cloudfront_spa_fallback": "function",
    "s3_cloudfront_index_path": "/index.html",
    "s3_cloudfront_static_paths": ["/static/*"],
    "s3_cloudfront_media_paths": ["/images/*", "/media/*", "*.png"],
    "s3_cloudfront_api_path": "/api/*",
    "s3_cloudfront_price_class": "PriceClass_All",
    "s3_cloudfront_content_security_policy": "default-src 'self'; frame-ancestors 'none'",
    "s3_cloudfront_hsts_max_age": 31536000,
    "s3_cloudfront_domain_name": "",
    "s3_cloudfront_aliases": [],
    "s3_cloudfront_certificate_arn": "",
    "s3_cloudfront_hosted_zone": "",
    "s3_cloudfront_web_acl_arn": "",
}
DOMAIN = {
    "s3_cloudfront_domain_name": "app.example.com",
    "s3_cloudfront_aliases": ["app.example.com", "www.app.example.com"],
    "s3_cloudfront_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666",
    "s3_cloudfront_hosted_zone": "Z0123456789ABCDEFGHIJ",
    "s3_cloudfront_web_acl_arn": "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-1111-2222-3333-444455556666",
}


def errors(**changes):
    return s3_cloudfront_input_errors({**VALID, **changes})


def test_the_defaults_and_a_custom_domain_are_valid():
    assert errors() == []
    assert errors(**DOMAIN) == []
    assert (
        errors(
            s3_cloudfront_encryption="aws:kms",
            s3_cloudfront_kms_key_arn="arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d",
        )
        == []
    )


def test_the_filter_is_registered_and_a_missing_input_is_a_role_error():
    assert FilterModule().filters()["s3_cloudfront_input_errors"] is s3_cloudfront_input_errors
    with pytest.raises(AnsibleFilterError, match="s3_cloudfront_price_class"):
        s3_cloudfront_input_errors({k: v for k, v in VALID.items() if k != "s3_cloudfront_price_class"})


@pytest.mark.parametrize(
    ("variable", "name", "fragment"),
    [
        ("s3_cloudfront_bucket_name", "Frontend_Prod", "must be a bucket name S3 accepts"),
        ("s3_cloudfront_bucket_name", "ab", "3 to 63 lowercase"),
        ("s3_cloudfront_log_bucket_name", "logs..prod", "no '..'"),
        ("s3_cloudfront_log_bucket_name", "192.168.1.10", "not an IP address"),
        ("s3_cloudfront_assets_bucket_name", "xn--assets", "'xn--', which S3 reserves"),
        ("s3_cloudfront_assets_bucket_name", "assets-s3alias", "'-s3alias', which S3 reserves"),
    ],
)
def test_a_bucket_name_s3_rejects_is_named(variable, name, fragment):
    (message,) = errors(**{variable: name})
    assert message.startswith(variable) and fragment in message


def test_the_assets_bucket_name_is_checked_only_when_the_bucket_is_built():
    assert errors(s3_cloudfront_assets_bucket=False, s3_cloudfront_assets_bucket_name="NO") == []


def test_two_buckets_of_the_same_name_are_refused():
    (message,) = errors(s3_cloudfront_log_bucket_name="smartscheduler-frontend-prod")
    assert "must name different buckets" in message


@pytest.mark.parametrize(
    ("ttls", "fragment"),
    [
        ({**TTLS, "index": {"min": -1, "default": 300, "max": 300}}, "s3_cloudfront_cache_ttls.index.min must be"),
        ({**TTLS, "media": {"min": 0, "default": 86400, "max": 60}}, "s3_cloudfront_cache_ttls.media must have min <="),
        ({**TTLS, "static": {"min": 600, "default": 300, "max": 3600}}, "got min 600, default 300, max 3600"),
        ({**TTLS, "default": {"min": 0, "default": "1h", "max": 3600}}, "default.default must be a whole number"),
        ({k: v for k, v in TTLS.items() if k != "media"}, "missing ['media']"),
        ({**TTLS, "api": TTLS["index"]}, "unknown ['api']"),
        ("300", "must map index, static, media, default"),
    ],
)
def test_a_ttl_below_0_or_a_minimum_above_the_maximum_is_refused(ttls, fragment):
    (message,) = errors(s3_cloudfront_cache_ttls=ttls)
    assert fragment in message


def test_ttls_given_as_strings_are_read_as_numbers():
    assert errors(s3_cloudfront_cache_ttls={**TTLS, "index": {"min": "0", "default": "300", "max": "300"}}) == []


def test_a_negative_error_caching_ttl_is_refused():
    (message,) = errors(s3_cloudfront_error_caching_ttl=-5)
    assert message.startswith("s3_cloudfront_error_caching_ttl must be")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"s3_cloudfront_static_paths": ["/static/<script>"]}, "s3_cloudfront_static_paths: '/static/<script>'"),
        ({"s3_cloudfront_media_paths": ["*"]}, "not '*' alone"),
        ({"s3_cloudfront_api_path": "/api/ *"}, "s3_cloudfront_api_path: '/api/ *' is not a path pattern"),
        ({"s3_cloudfront_index_path": "/" + "a" * 255}, "1 to 255"),
        ({"s3_cloudfront_media_paths": ["/static/*"]}, "given twice (also in s3_cloudfront_static_paths)"),
        ({"s3_cloudfront_static_paths": "/static/*"}, "s3_cloudfront_static_paths must be a list"),
    ],
)
def test_a_path_pattern_cloudfront_rejects_is_named(changes, fragment):
    (message,) = errors(**changes)
    assert fragment in message


def test_a_price_class_that_does_not_exist_names_the_allowed_ones():
    (message,) = errors(s3_cloudfront_price_class="PriceClass_300")
    assert message == (
        "s3_cloudfront_price_class must be one of PriceClass_100, PriceClass_200, PriceClass_All; got 'PriceClass_300'."
    )


@pytest.mark.parametrize("fallback", ["function", "error_responses"])
def test_both_spa_fallbacks_are_valid(fallback):
    assert errors(s3_cloudfront_spa_fallback=fallback) == []


def test_an_unknown_spa_fallback_names_the_variable_and_the_allowed_values():
    (message,) = errors(s3_cloudfront_spa_fallback="redirect")
    assert message.startswith("s3_cloudfront_spa_fallback must be function (")
    assert "or error_responses (" in message and message.endswith("got 'redirect'.")


@pytest.mark.parametrize("policy", ["default-src 'self';\nscript-src 'self'", "default-src 'self'\r", "", "x" * 1800])
def test_a_csp_with_a_newline_or_empty_or_too_long_is_refused(policy):
    (message,) = errors(s3_cloudfront_content_security_policy=policy)
    assert message.startswith("s3_cloudfront_content_security_policy must be one line")


def test_hsts_shorter_than_a_year_is_refused():
    (message,) = errors(s3_cloudfront_hsts_max_age=86400)
    assert "s3_cloudfront_hsts_max_age must be at least 31536000" in message


@pytest.mark.parametrize(
    "variable", ["s3_cloudfront_aliases", "s3_cloudfront_certificate_arn", "s3_cloudfront_hosted_zone"]
)
def test_a_certificate_alias_or_zone_without_a_domain_is_refused(variable):
    (message,) = errors(**{variable: DOMAIN[variable]})
    assert message.startswith(f"{variable} is set but s3_cloudfront_domain_name is empty")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"s3_cloudfront_domain_name": "App Example"}, "s3_cloudfront_domain_name must be a DNS name"),
        ({"s3_cloudfront_aliases": ["www.other.org"]}, "'www.other.org' must be s3_cloudfront_domain_name"),
        ({"s3_cloudfront_certificate_arn": "arn:aws:acm:eu-west-1:123456789012:certificate/ab"}, "in us-east-1"),
        ({"s3_cloudfront_hosted_zone": "not a zone"}, "s3_cloudfront_hosted_zone must be"),
        ({"s3_cloudfront_web_acl_arn": "arn:aws:wafv2:eu-west-1:1:regional/webacl/x/y"}, "scope CLOUDFRONT"),
    ],
)
def test_the_domain_certificate_zone_and_web_acl_are_checked(changes, fragment):
    found = errors(**{**DOMAIN, **changes})
    assert any(fragment in message for message in found), found


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"s3_cloudfront_encryption": "SSE-C"}, "s3_cloudfront_encryption must be AES256"),
        (
            {"s3_cloudfront_kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d"},
            "but s3_cloudfront_encryption is not aws:kms",
        ),
        ({"s3_cloudfront_encryption": "aws:kms"}, "s3_cloudfront_encryption aws:kms needs s3_cloudfront_kms_key_arn"),
        (
            {
                "s3_cloudfront_encryption": "aws:kms",
                "s3_cloudfront_kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d",
                "s3_cloudfront_origin_access": "oai",
            },
            "s3_cloudfront_origin_access oai cannot read SSE-KMS objects",
        ),
        ({"s3_cloudfront_origin_access": "public"}, "s3_cloudfront_origin_access must be oac (origin access control)"),
        ({"s3_cloudfront_noncurrent_version_days": 0}, "s3_cloudfront_noncurrent_version_days must be"),
        ({"s3_cloudfront_log_retention_days": "forever"}, "s3_cloudfront_log_retention_days must be"),
        ({"s3_cloudfront_assets_temp_expiry_days": True}, "s3_cloudfront_assets_temp_expiry_days must be"),
    ],
)
def test_the_encryption_and_the_lifecycle_days_are_checked(changes, fragment):
    (message,) = errors(**changes)
    assert fragment in message


def test_every_problem_is_listed_at_once():
    found = errors(
        s3_cloudfront_price_class="cheap", s3_cloudfront_static_paths=["bad path"], s3_cloudfront_aliases=["a"]
    )
    assert len(found) == 3
