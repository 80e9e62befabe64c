# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.cloudfront_distribution, as pure functions of the module's options and the
distribution's current ``DistributionConfig`` (as boto3 returns it).

- ``validate(params)`` lists every problem with the options, before any API call;
- ``desired_config(params, current)`` is the whole ``DistributionConfig`` to send: the current one (or, for a new
  distribution, CloudFront's defaults) with every option the user set applied, so that an option left unset keeps
  its current value and settings this module does not manage (origin groups, geo restrictions, Lambda@Edge...)
  are sent back as they are;
- ``config_problems(config)`` checks what only the merged configuration shows (a behaviour whose origin is gone);
- ``same_config(a, b)`` compares two configurations without regard to the order of the lists whose order means
  nothing to CloudFront (aliases, methods, error responses, origins by id, custom headers, TLS protocols...),
  but with regard to the order of the cache behaviours, which decides routing.

Nothing here imports botocore.
"""

import re
from copy import deepcopy

PRICE_CLASSES = ["PriceClass_All", "PriceClass_200", "PriceClass_100"]
HTTP_VERSIONS = ["http1.1", "http2", "http3", "http2and3"]
VIEWER_PROTOCOL_POLICIES = ["allow-all", "https-only", "redirect-to-https"]
ORIGIN_PROTOCOL_POLICIES = ["http-only", "match-viewer", "https-only"]
ORIGIN_SSL_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"]
SSL_SUPPORT_METHODS = ["sni-only", "vip", "static-ip"]
MINIMUM_PROTOCOL_VERSIONS = [
    "SSLv3",
    "TLSv1",
    "TLSv1_2016",
    "TLSv1.1_2016",
    "TLSv1.2_2018",
    "TLSv1.2_2019",
    "TLSv1.2_2021",
    "TLSv1.2_2025",
    "TLSv1.3_2025",
]
# CloudFront Functions run on viewer events only.
FUNCTION_EVENT_TYPES = ["viewer-request", "viewer-response"]
METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
# The only method sets CloudFront accepts (AllowedMethods, CachedMethods).
ALLOWED_METHOD_SETS = [{"GET", "HEAD"}, {"GET", "HEAD", "OPTIONS"}, set(METHODS)]
CACHED_METHOD_SETS = [{"GET", "HEAD"}, {"GET", "HEAD", "OPTIONS"}]
# The HTTP status codes CloudFront can customise (CustomErrorResponse ErrorCode) and answer with (ResponseCode).
ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504]
RESPONSE_CODES = [200, *ERROR_CODES]

DEFAULT_MINIMUM_PROTOCOL_VERSION = "TLSv1.2_2021"
DEFAULT_SSL_SUPPORT_METHOD = "sni-only"
# TTLs are seconds, 0 to 100 years (CloudFront's limit); the legacy defaults apply without a cache policy.
MAX_TTL_SECONDS = 3153600000
LEGACY_TTL_DEFAULTS = {"MinTTL": 0, "DefaultTTL": 86400, "MaxTTL": 31536000}
COMMENT_MAX_LENGTH = 128
PATH_PATTERN_MAX_LENGTH = 255
# Characters CloudFront accepts in a path pattern (CacheBehavior PathPattern), * and ? being wildcards.
PATH_PATTERN = re.compile(r"^[A-Za-z0-9_\-.*$/~\"'@:+?&]+$")
ALIAS = re.compile(r"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$")
ACM_CERTIFICATE_ARN = re.compile(r"^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate/[\w-]+$")
FUNCTION_ARN = re.compile(r"^arn:aws[\w-]*:cloudfront::\d{12}:function/[\w-]+$")
ORIGIN_ACCESS_IDENTITY = re.compile(r"^origin-access-identity/cloudfront/[A-Z0-9]+$")
LOG_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]*\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$")

ORIGIN_RANGES = {"connection_attempts": (1, 3), "connection_timeout": (1, 10)}
CUSTOM_ORIGIN_RANGES = {"origin_read_timeout": (1, 180), "origin_keepalive_timeout": (1, 180)}
TTL_OPTIONS = ("min_ttl", "default_ttl", "max_ttl")

# Option -> DistributionConfig key, for the top-level settings that are plain values.
PLAIN_SETTINGS = {
    "comment": "Comment",
    "enabled": "Enabled",
    "default_root_object": "DefaultRootObject",
    "price_class": "PriceClass",
    "http_version": "HttpVersion",
    "ipv6_enabled": "IsIPV6Enabled",
    "web_acl_id": "WebACLId",
}
BEHAVIOR_SETTINGS = {
    "target_origin_id": "TargetOriginId",
    "viewer_protocol_policy": "ViewerProtocolPolicy",
    "compress": "Compress",
    "origin_request_policy_id": "OriginRequestPolicyId",
    "response_headers_policy_id": "ResponseHeadersPolicyId",
}
CUSTOM_ORIGIN_SETTINGS = {
    "http_port": "HTTPPort",
    "https_port": "HTTPSPort",
    "origin_protocol_policy": "OriginProtocolPolicy",
    "origin_read_timeout": "OriginReadTimeout",
    "origin_keepalive_timeout": "OriginKeepaliveTimeout",
}

# How the Items of each list-holding structure compare: by a key of each item, as plain values, or in order
# (absent: in order). Cache behaviours and origin group members keep their order: it decides routing and failover.
UNORDERED_ITEMS = {
    "Aliases": str,
    "AllowedMethods": str,
    "CachedMethods": str,
    "OriginSslProtocols": str,
    "Headers": str,
    "WhitelistedNames": str,
    "QueryStringCacheKeys": str,
    "GeoRestriction": str,
    "TrustedSigners": str,
    "TrustedKeyGroups": str,
    "StatusCodes": str,
    "Origins": lambda item: item.get("Id", ""),
    "CustomErrorResponses": lambda item: item.get("ErrorCode", 0),
    "CustomHeaders": lambda item: item.get("HeaderName", "").lower(),
    "FunctionAssociations": lambda item: item.get("EventType", ""),
    "LambdaFunctionAssociations": lambda item: item.get("EventType", ""),
}


def items(values):
    """A CloudFront list structure ({Quantity, Items}) of values."""
    values = list(values)
    return {"Quantity": len(values), "Items": values} if values else {"Quantity": 0}


def item_list(structure):
    return list((structure or {}).get("Items") or [])


# Validation, before any call


def _range_problems(values, ranges, prefix):
    problems = []
    for option, (low, high) in ranges.items():
        value = values.get(option)
        if value is not None and not low <= value <= high:
            problems.append(f"{prefix}{option} must be {low} to {high}, not {value}.")
    return problems


def _port_problems(value, option):
    if value is None or value in (80, 443) or 1024 <= value <= 65535:
        return []
    return [f"{option} must be 80, 443 or 1024 to 65535, not {value}."]


def valid_path_pattern(pattern):
    """Whether CloudFront accepts a cache behaviour's path pattern (the s3_cloudfront role checks its inputs so too)."""
    return bool(pattern) and len(pattern) <= PATH_PATTERN_MAX_LENGTH and bool(PATH_PATTERN.match(pattern))


def path_pattern_problems(pattern, option):
    if not valid_path_pattern(pattern):
        return [
            f"{option} must be 1 to {PATH_PATTERN_MAX_LENGTH} characters among A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + &"
            f" and the wildcards * and ?, not {pattern!r}."
        ]
    return []


def _origin_problems(origin, prefix):
    problems = _range_problems(origin, ORIGIN_RANGES, prefix)
    path = origin.get("origin_path")
    if path and (not path.startswith("/") or path.endswith("/")):
        problems.append(f"{prefix}origin_path must start with / and not end with /, not {path!r}.")
    custom = origin.get("custom_origin")
    identity = origin.get("s3_origin_access_identity")
    if identity and custom:
        problems.append(f"{prefix}s3_origin_access_identity applies to S3 origins only; remove custom_origin or it.")
    if identity and origin.get("origin_access_control_id"):
        problems.append(
            f"{prefix}origin_access_control_id and s3_origin_access_identity exclude each other; use the origin"
            " access control (OAC), or set origin_access_control_id to an empty string to keep the legacy OAI."
        )
    if identity and not ORIGIN_ACCESS_IDENTITY.match(identity):
        problems.append(
            f"{prefix}s3_origin_access_identity must be origin-access-identity/cloudfront/ID, not {identity}."
        )
    if custom:
        problems.extend(_range_problems(custom, CUSTOM_ORIGIN_RANGES, f"{prefix}custom_origin."))
        problems.extend(_port_problems(custom.get("http_port"), f"{prefix}custom_origin.http_port"))
        problems.extend(_port_problems(custom.get("https_port"), f"{prefix}custom_origin.https_port"))
        if custom.get("origin_protocol_policy") == "http-only" and custom.get("origin_ssl_protocols"):
            problems.append(
                f"{prefix}custom_origin.origin_ssl_protocols asks for TLS, but origin_protocol_policy http-only never"
                " uses it; set origin_protocol_policy to https-only (or match-viewer), or drop origin_ssl_protocols."
            )
        if custom.get("origin_ssl_protocols") == []:
            problems.append(f"{prefix}custom_origin.origin_ssl_protocols needs at least one of {ORIGIN_SSL_PROTOCOLS}.")
    names = [header["name"].lower() for header in origin.get("custom_headers") or []]
    if len(names) != len(set(names)):
        problems.append(f"{prefix}custom_headers names a header more than once.")
    return problems


def _methods_problems(behavior, prefix):
    problems = []
    allowed, cached = behavior.get("allowed_methods"), behavior.get("cached_methods")
    if allowed is not None and set(allowed) not in ALLOWED_METHOD_SETS:
        problems.append(
            f"{prefix}allowed_methods must be [GET, HEAD], [GET, HEAD, OPTIONS] or all of {METHODS}, not {allowed}."
        )
    if cached is not None and set(cached) not in CACHED_METHOD_SETS:
        problems.append(f"{prefix}cached_methods must be [GET, HEAD] or [GET, HEAD, OPTIONS], not {cached}.")
    elif cached is not None and allowed is not None and not set(cached) <= set(allowed):
        problems.append(f"{prefix}cached_methods ({cached}) must be among allowed_methods ({allowed}).")
    return problems


def _ttl_problems(behavior, prefix):
    ttls = {option: behavior.get(option) for option in TTL_OPTIONS if behavior.get(option) is not None}
    problems = [
        f"{prefix}{option} must be 0 to {MAX_TTL_SECONDS} seconds, not {value}."
        for option, value in ttls.items()
        if not 0 <= value <= MAX_TTL_SECONDS
    ]
    if ttls and behavior.get("cache_policy_id"):
        problems.append(
            f"{prefix}{', '.join(ttls)} can't be set with cache_policy_id: the cache policy sets the TTLs"
            " (appstack.aws.cloudfront_cache_policy); drop one or the other."
        )
    ordered = [ttls.get(option) for option in TTL_OPTIONS]
    known = [value for value in ordered if value is not None]
    if known != sorted(known):
        problems.append(f"{prefix}min_ttl <= default_ttl <= max_ttl must hold, not {ttls}.")
    return problems


def _behavior_problems(behavior, prefix, origin_ids):
    problems = _methods_problems(behavior, prefix) + _ttl_problems(behavior, prefix)
    target = behavior.get("target_origin_id")
    if origin_ids is not None and target is not None and target not in origin_ids:
        problems.append(f"{prefix}target_origin_id {target} names no origin; the origins are {sorted(origin_ids)}.")
    events = [association["event_type"] for association in behavior.get("function_associations") or []]
    if len(events) != len(set(events)):
        problems.append(f"{prefix}function_associations can hold one function per event type {FUNCTION_EVENT_TYPES}.")
    for association in behavior.get("function_associations") or []:
        if not FUNCTION_ARN.match(association["function_arn"]):
            problems.append(
                f"{prefix}function_associations.function_arn must be a CloudFront function ARN"
                f" (arn:aws:cloudfront::ACCOUNT:function/NAME), not {association['function_arn']}."
            )
    return problems


def _error_response_problems(responses):
    problems = []
    codes = [response["error_code"] for response in responses]
    if len(codes) != len(set(codes)):
        problems.append("custom_error_responses names an error_code more than once.")
    for response in responses:
        code = response["error_code"]
        prefix = f"custom_error_responses[{code}]."
        if code not in ERROR_CODES:
            problems.append(f"{prefix}error_code must be one of {ERROR_CODES}, not {code}.")
        if response.get("response_code") is not None and response["response_code"] not in RESPONSE_CODES:
            problems.append(f"{prefix}response_code must be one of {RESPONSE_CODES}, not {response['response_code']}.")
        page = response.get("response_page_path")
        if page and not page.startswith("/"):
            problems.append(f"{prefix}response_page_path must start with /, not {page!r}.")
        if (response.get("response_code") is None) != (not page):
            problems.append(f"{prefix}response_code and response_page_path go together: set both or neither.")
        ttl = response.get("error_caching_min_ttl")
        if ttl is not None and not 0 <= ttl <= MAX_TTL_SECONDS:
            problems.append(f"{prefix}error_caching_min_ttl must be 0 to {MAX_TTL_SECONDS} seconds, not {ttl}.")
    return problems


def _certificate_problems(params):
    problems = []
    certificate = params.get("viewer_certificate")
    arn = (certificate or {}).get("acm_certificate_arn")
    if params.get("aliases") and not arn:
        problems.append(
            "aliases need viewer_certificate.acm_certificate_arn: CloudFront serves a custom domain only with an"
            " ACM certificate (in us-east-1) that covers it."
        )
    if certificate is None:
        return problems
    if arn and not ACM_CERTIFICATE_ARN.match(arn):
        problems.append(
            f"viewer_certificate.acm_certificate_arn must be the ARN of an ACM certificate in us-east-1"
            f" (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID), not {arn}."
        )
    version = certificate.get("minimum_protocol_version")
    if not arn and (version not in (None, "TLSv1") or certificate.get("ssl_support_method")):
        problems.append(
            "viewer_certificate.minimum_protocol_version and ssl_support_method apply only with"
            " viewer_certificate.acm_certificate_arn; the CloudFront default certificate always uses TLSv1."
        )
    if version == "SSLv3" and certificate.get("ssl_support_method") != "vip":
        problems.append("viewer_certificate.minimum_protocol_version SSLv3 needs ssl_support_method vip.")
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if params.get("comment") is not None and len(params["comment"]) > COMMENT_MAX_LENGTH:
        problems.append(f"comment must be at most {COMMENT_MAX_LENGTH} characters, not {len(params['comment'])}.")
    aliases = params.get("aliases") or []
    problems.extend(
        f"aliases must be domain names (such as www.example.com), not {a!r}." for a in aliases if not ALIAS.match(a)
    )
    if len({alias.lower() for alias in aliases}) != len(aliases):
        problems.append("aliases names a domain more than once.")
    root = params.get("default_root_object")
    if root and (root.startswith("/") or len(root) > 255):
        problems.append(
            f"default_root_object must be an object name without a leading /, such as index.html, not {root!r}."
        )
    problems.extend(_certificate_problems(params))
    logging = params.get("logging") or {}
    if logging.get("bucket") and not LOG_BUCKET.match(logging["bucket"]):
        problems.append(
            f"logging.bucket must be the bucket's domain name, such as my-logs.s3.amazonaws.com, not {logging['bucket']}."
        )
    if logging.get("prefix") and logging["prefix"].startswith("/"):
        problems.append(f"logging.prefix must not start with /, not {logging['prefix']!r}.")

    origins = params.get("origins")
    origin_ids = None
    if origins is not None:
        ids = [origin["id"] for origin in origins]
        origin_ids = set(ids)
        duplicates = sorted({origin_id for origin_id in ids if ids.count(origin_id) > 1})
        if duplicates:
            problems.append(f"origins must have distinct ids; {', '.join(duplicates)} appear more than once.")
        if not origins:
            problems.append("origins needs at least one origin.")
        for origin in origins:
            problems.extend(_origin_problems(origin, f"origins[{origin['id']}]."))

    if params.get("default_cache_behavior") is not None:
        problems.extend(_behavior_problems(params["default_cache_behavior"], "default_cache_behavior.", origin_ids))
    patterns = []
    for behavior in params.get("cache_behaviors") or []:
        prefix = f"cache_behaviors[{behavior['path_pattern']}]."
        problems.extend(path_pattern_problems(behavior["path_pattern"], f"{prefix}path_pattern"))
        problems.extend(_behavior_problems(behavior, prefix, origin_ids))
        patterns.append(behavior["path_pattern"])
    duplicates = sorted({pattern for pattern in patterns if patterns.count(pattern) > 1})
    if duplicates:
        problems.append(f"cache_behaviors must have distinct path_pattern values; {', '.join(duplicates)} repeat.")
    problems.extend(_error_response_problems(params.get("custom_error_responses") or []))
    if params.get("wait_timeout") is not None and params["wait_timeout"] <= 0:
        problems.append(f"wait_timeout must be a number of seconds above 0, not {params['wait_timeout']}.")
    return problems


# Building the DistributionConfig


def _set(target, key, value):
    if value is not None:
        target[key] = value


def _custom_origin_config(custom, current):
    config = (
        deepcopy(current)
        if current
        else {
            "HTTPPort": 80,
            "HTTPSPort": 443,
            "OriginProtocolPolicy": "https-only",
            "OriginSslProtocols": items(["TLSv1.2"]),
            "OriginReadTimeout": 30,
            "OriginKeepaliveTimeout": 5,
        }
    )
    for option, key in CUSTOM_ORIGIN_SETTINGS.items():
        _set(config, key, custom.get(option))
    if custom.get("origin_ssl_protocols") is not None:
        config["OriginSslProtocols"] = items(custom["origin_ssl_protocols"])
    return config


def _origin(origin, current):
    """An Origin from the origin option, on top of the current origin of the same id (None: a new one)."""
    config = (
        deepcopy(current)
        if current
        else {
            "Id": origin["id"],
            "OriginPath": "",
            "CustomHeaders": items([]),
            "ConnectionAttempts": 3,
            "ConnectionTimeout": 10,
            "OriginAccessControlId": "",
        }
    )
    config["DomainName"] = origin["domain_name"]
    _set(config, "OriginPath", origin.get("origin_path"))
    _set(config, "OriginAccessControlId", origin.get("origin_access_control_id"))
    _set(config, "ConnectionAttempts", origin.get("connection_attempts"))
    _set(config, "ConnectionTimeout", origin.get("connection_timeout"))
    if origin.get("custom_headers") is not None:
        config["CustomHeaders"] = items(
            {"HeaderName": header["name"], "HeaderValue": header["value"]} for header in origin["custom_headers"]
        )
    if origin.get("custom_origin") is not None:
        config.pop("S3OriginConfig", None)
        config["CustomOriginConfig"] = _custom_origin_config(origin["custom_origin"], config.get("CustomOriginConfig"))
    else:
        config.pop("CustomOriginConfig", None)
        s3 = config.setdefault("S3OriginConfig", {"OriginAccessIdentity": ""})
        _set(s3, "OriginAccessIdentity", origin.get("s3_origin_access_identity"))
        if origin.get("origin_access_control_id"):
            s3["OriginAccessIdentity"] = ""
    return config


def _new_behavior(target_origin_id):
    return {
        "TargetOriginId": target_origin_id,
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": {**items(["HEAD", "GET"]), "CachedMethods": items(["HEAD", "GET"])},
        "SmoothStreaming": False,
        "Compress": True,
        "LambdaFunctionAssociations": items([]),
        "FunctionAssociations": items([]),
        "FieldLevelEncryptionId": "",
    }


def _use_legacy_cache_settings(config):
    config.pop("CachePolicyId", None)
    config.setdefault(
        "ForwardedValues",
        {"QueryString": False, "Cookies": {"Forward": "none"}, "Headers": items([]), "QueryStringCacheKeys": items([])},
    )
    for key, value in LEGACY_TTL_DEFAULTS.items():
        config.setdefault(key, value)


def _behavior(behavior, current):
    """A cache behaviour from a behaviour option, on top of the current one (None: a new one)."""
    config = deepcopy(current) if current else _new_behavior(behavior.get("target_origin_id"))
    if behavior.get("path_pattern") is not None:
        config = {"PathPattern": behavior["path_pattern"], **config}
    for option, key in BEHAVIOR_SETTINGS.items():
        _set(config, key, behavior.get(option))
    for key in ("OriginRequestPolicyId", "ResponseHeadersPolicyId"):
        if config.get(key) == "":
            del config[key]
    methods = config.setdefault("AllowedMethods", {**items(["HEAD", "GET"]), "CachedMethods": items(["HEAD", "GET"])})
    if behavior.get("allowed_methods") is not None:
        methods.update(items(behavior["allowed_methods"]))
    if behavior.get("cached_methods") is not None:
        methods["CachedMethods"] = items(behavior["cached_methods"])
    if behavior.get("function_associations") is not None:
        config["FunctionAssociations"] = items(
            {"FunctionARN": entry["function_arn"], "EventType": entry["event_type"]}
            for entry in behavior["function_associations"]
        )
    ttls = {option: behavior.get(option) for option in TTL_OPTIONS if behavior.get(option) is not None}
    if behavior.get("cache_policy_id"):
        config["CachePolicyId"] = behavior["cache_policy_id"]
        for key in ("ForwardedValues", *LEGACY_TTL_DEFAULTS):
            config.pop(key, None)
    elif ttls or behavior.get("cache_policy_id") == "" or not config.get("CachePolicyId"):
        _use_legacy_cache_settings(config)
        for option, key in zip(TTL_OPTIONS, LEGACY_TTL_DEFAULTS, strict=True):
            _set(config, key, ttls.get(option))
    return config


def _error_response(response, current):
    config = deepcopy(current) if current else {"ErrorCode": response["error_code"]}
    if response.get("response_code") is not None:
        config["ResponseCode"] = str(response["response_code"])
    _set(config, "ResponsePagePath", response.get("response_page_path"))
    _set(config, "ErrorCachingMinTTL", response.get("error_caching_min_ttl"))
    return config


def _viewer_certificate(certificate, current):
    arn = certificate.get("acm_certificate_arn")
    if not arn:
        return {
            "CloudFrontDefaultCertificate": True,
            "MinimumProtocolVersion": "TLSv1",
            "CertificateSource": "cloudfront",
        }
    same = (current or {}).get("ACMCertificateArn") == arn
    return {
        "ACMCertificateArn": arn,
        "SSLSupportMethod": certificate.get("ssl_support_method")
        or (current["SSLSupportMethod"] if same else DEFAULT_SSL_SUPPORT_METHOD),
        "MinimumProtocolVersion": certificate.get("minimum_protocol_version")
        or (current["MinimumProtocolVersion"] if same else DEFAULT_MINIMUM_PROTOCOL_VERSION),
        "CertificateSource": "acm",
    }


def new_config(caller_reference):
    """What CloudFront has for what a new distribution's options leave unset."""
    return {
        "CallerReference": caller_reference,
        "Aliases": items([]),
        "DefaultRootObject": "",
        "Origins": items([]),
        "CacheBehaviors": items([]),
        "CustomErrorResponses": items([]),
        "Comment": "",
        "Logging": {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""},
        "PriceClass": "PriceClass_All",
        "Enabled": True,
        "ViewerCertificate": {
            "CloudFrontDefaultCertificate": True,
            "MinimumProtocolVersion": "TLSv1",
            "CertificateSource": "cloudfront",
        },
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": "",
        "HttpVersion": "http2",
        "IsIPV6Enabled": True,
    }


def desired_config(params, current=None):
    """The whole DistributionConfig to send: current (None for a new distribution) with every option set applied."""
    config = deepcopy(current) if current else new_config(params["caller_reference"])
    for option, key in PLAIN_SETTINGS.items():
        _set(config, key, params.get(option))
    if params.get("aliases") is not None:
        config["Aliases"] = items(params["aliases"])
    if params.get("viewer_certificate") is not None:
        config["ViewerCertificate"] = _viewer_certificate(params["viewer_certificate"], config.get("ViewerCertificate"))
    if params.get("logging") is not None:
        logging = params["logging"]
        enabled = bool(logging.get("bucket"))
        config["Logging"] = {
            "Enabled": enabled,
            "IncludeCookies": bool(logging.get("include_cookies")) and enabled,
            "Bucket": logging.get("bucket") or "",
            "Prefix": (logging.get("prefix") or "") if enabled else "",
        }
    if params.get("origins") is not None:
        current_origins = {origin["Id"]: origin for origin in item_list(config.get("Origins"))}
        config["Origins"] = items(_origin(origin, current_origins.get(origin["id"])) for origin in params["origins"])
    if params.get("default_cache_behavior") is not None:
        config["DefaultCacheBehavior"] = _behavior(params["default_cache_behavior"], config.get("DefaultCacheBehavior"))
    if params.get("cache_behaviors") is not None:
        current_behaviors = {behavior["PathPattern"]: behavior for behavior in item_list(config.get("CacheBehaviors"))}
        config["CacheBehaviors"] = items(
            _behavior(behavior, current_behaviors.get(behavior["path_pattern"]))
            for behavior in params["cache_behaviors"]
        )
    if params.get("custom_error_responses") is not None:
        current_responses = {
            response["ErrorCode"]: response for response in item_list(config.get("CustomErrorResponses"))
        }
        config["CustomErrorResponses"] = items(
            _error_response(response, current_responses.get(response["error_code"]))
            for response in params["custom_error_responses"]
        )
    return config


def config_problems(config):
    """What is wrong with a merged DistributionConfig that the options alone can't show (empty: nothing)."""
    origin_ids = {origin["Id"] for origin in item_list(config.get("Origins"))}
    problems = []
    behaviors = [("default_cache_behavior", config.get("DefaultCacheBehavior") or {})]
    behaviors += [(f"cache_behaviors[{b['PathPattern']}]", b) for b in item_list(config.get("CacheBehaviors"))]
    for name, behavior in behaviors:
        methods = behavior.get("AllowedMethods") or {}
        allowed, cached = item_list(methods), item_list(methods.get("CachedMethods"))
        if not set(cached) <= set(allowed):
            problems.append(
                f"{name}.cached_methods {sorted(cached)} must be among its allowed methods {sorted(allowed)}."
            )
        if behavior.get("TargetOriginId") is None:
            problems.append(f"{name} is new and needs target_origin_id.")
        elif behavior.get("TargetOriginId") not in origin_ids:
            problems.append(
                f"{name}.target_origin_id {behavior.get('TargetOriginId')} names no origin of the distribution;"
                f" its origins are {sorted(origin_ids)}."
            )
    certificate = config.get("ViewerCertificate") or {}
    if item_list(config.get("Aliases")) and not (
        certificate.get("ACMCertificateArn") or certificate.get("IAMCertificateId")
    ):
        problems.append("aliases need viewer_certificate.acm_certificate_arn, a certificate that covers them.")
    return problems


# Comparing


def normalized(value, parent=None):
    """value with the lists whose order means nothing sorted, and what CloudFront treats as unset dropped
    (empty strings, empty lists, Quantity, which Items implies), so that equal configurations compare equal."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key == "Quantity":
                continue
            if key == "Items" and isinstance(item, list):
                item = [normalized(entry, key) for entry in item]
                order = UNORDERED_ITEMS.get(parent)
                if order is not None:
                    item = sorted(item, key=order)
            else:
                item = normalized(item, key)
            if item in (None, "", [], {}):
                continue
            result[key] = item
        if result.get("CachePolicyId"):
            # The legacy cache settings mean nothing beside a cache policy (and CloudFront refuses both).
            for key in ("ForwardedValues", *LEGACY_TTL_DEFAULTS):
                result.pop(key, None)
        if parent == "ViewerCertificate" and (result.get("ACMCertificateArn") or result.get("IAMCertificateId")):
            # What CloudFront adds to a custom certificate: CloudFrontDefaultCertificate false, and the deprecated
            # Certificate repeating the certificate's ARN or id.
            for key in ("CloudFrontDefaultCertificate", "Certificate"):
                result.pop(key, None)
        return result
    if isinstance(value, list):
        return [normalized(entry, parent) for entry in value]
    return value


def same_config(current, desired):
    """Whether two DistributionConfigs mean the same to CloudFront."""
    return normalized(current) == normalized(desired)


def predicted_distribution(current, config, tags):
    """The distribution (boto3 shape) expected once config is sent; current is None for a new one."""
    distribution = deepcopy(current) if current else {"Id": None, "ARN": None, "DomainName": None}
    distribution.update(Status="InProgress", DistributionConfig=config)
    distribution["Tags"] = dict(tags)
    return distribution
