# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws's CloudFront origin access control and policy modules, as pure functions.

For each resource: the checks of the options (``*_problems``: messages naming the option and what is allowed),
the whole API config built from the resource's current config and the options given (``*_config``: CloudFront
updates replace the whole config, so a setting the user leaves unset is carried over from the current config, and
takes CloudFront's default only on creation), and the API config as the module returns it (``*_result``).
``canonical`` makes two configs comparable regardless of the order of lists whose order means nothing to AWS.

Nothing here imports botocore; the API calls are in ``cloudfront.py``.
"""

from copy import deepcopy
from itertools import pairwise

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

# Names AWS gives its managed policies; they can be read and used, never changed.
MANAGED_PREFIX = "Managed-"

# botocore's cloudfront model: OriginAccessControlConfig.
OAC_ORIGIN_TYPES = ["s3", "mediastore", "lambda", "mediapackagev2"]
OAC_SIGNING_BEHAVIORS = ["always", "never", "no-override", "always-amz-auth"]
OAC_SIGNING_PROTOCOLS = ["sigv4", "sigv4a"]
OAC_DEFAULTS = {"origin_type": "s3", "signing_behavior": "always", "signing_protocol": "sigv4"}
OAC_KEYS = {
    "description": "Description",
    "origin_type": "OriginAccessControlOriginType",
    "signing_behavior": "SigningBehavior",
    "signing_protocol": "SigningProtocol",
}
OAC_NAME_MAX_LENGTH = 64

# CachePolicyConfig: behaviours, and the TTLs CloudFront uses when a new policy doesn't give them.
CACHE_COOKIE_BEHAVIORS = ["none", "whitelist", "allExcept", "all"]
CACHE_QUERY_STRING_BEHAVIORS = ["none", "whitelist", "allExcept", "all"]
TTL_KEYS = {"min_ttl": "MinTTL", "default_ttl": "DefaultTTL", "max_ttl": "MaxTTL"}
AWS_DEFAULT_TTL = 86400
AWS_MAX_TTL = 31536000
CACHE_PARAMETERS = "ParametersInCacheKeyAndForwardedToOrigin"

# OriginRequestPolicyConfig behaviours.
ORIGIN_REQUEST_HEADER_BEHAVIORS = ["none", "whitelist", "allViewer", "allViewerAndWhitelistCloudFront", "allExcept"]
ORIGIN_REQUEST_COOKIE_BEHAVIORS = ["none", "whitelist", "all", "allExcept"]
ORIGIN_REQUEST_QUERY_STRING_BEHAVIORS = ["none", "whitelist", "all", "allExcept"]
# The behaviours that take a list of names, and those that need one.
BEHAVIORS_WITH_ITEMS = ("whitelist", "allExcept", "allViewerAndWhitelistCloudFront")

# ResponseHeadersPolicyConfig.
FRAME_OPTIONS = ["DENY", "SAMEORIGIN"]
REFERRER_POLICIES = [
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
]
CORS_METHODS = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "HEAD", "ALL"]
# CloudFront's quota on the length of the Content-Security-Policy value.
CSP_MAX_LENGTH = 1783

# Each kind of cookies/headers/query strings setting: option -> (config key, behaviour key, items key).
PARAMETER_KEYS = {
    "headers": ("HeadersConfig", "HeaderBehavior", "Headers"),
    "cookies": ("CookiesConfig", "CookieBehavior", "Cookies"),
    "query_strings": ("QueryStringsConfig", "QueryStringBehavior", "QueryStrings"),
}


# Shared


def canonical(value):
    """A config as a value that compares equal whatever the order of its lists (AWS's item lists, CORS lists and
    header lists carry no order), and whether an empty value is sent or left out."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            item = canonical(item)
            if item in (None, "", [], {}):
                continue
            result[key] = item
        if result.get("Quantity") == 0:
            return {}
        return result
    if isinstance(value, list):
        return sorted((canonical(item) for item in value), key=repr)
    return value


def _items(values):
    """A CloudFront {Quantity, Items} list."""
    values = list(values or [])
    return {"Quantity": len(values), "Items": values} if values else {"Quantity": 0}


def _item_values(structure):
    return list((structure or {}).get("Items") or [])


def managed_name_problems(name, noun, option="name"):
    """The problem with managing a resource named like an AWS-managed policy, as messages (empty: none)."""
    if name and name.startswith(MANAGED_PREFIX):
        return [
            f"{option} {name} names an AWS-managed {noun} (its name starts with {MANAGED_PREFIX}), which can't be"
            f" created, changed or deleted; use a name without that prefix for a {noun} of your own, or read the"
            " managed one with the _info module and use its id."
        ]
    return []


def name_problems(name, noun, max_length=128, option="name"):
    """What is wrong with the name of a resource, as messages (empty: nothing)."""
    if name is None:
        return []
    if not name or len(name) > max_length:
        return [f"{option} must be 1 to {max_length} characters, not {len(name)}."]
    return managed_name_problems(name, noun, option)


def parameter_option_spec(behaviors):
    """The argument spec of a {behavior, items} option (headers, cookies or query strings)."""
    return dict(
        type="dict",
        options=dict(
            behavior=dict(type="str", required=True, choices=behaviors),
            items=dict(type="list", elements="str"),
        ),
    )


def parameter_problems(option, setting, behaviors):
    """The problems of a {behavior, items} option: a behaviour AWS knows, items with a behaviour taking them."""
    if setting is None:
        return []
    behavior, items = setting.get("behavior"), setting.get("items")
    if behavior not in behaviors:
        return [f"{option}.behavior must be one of {', '.join(behaviors)}, not {behavior}."]
    if behavior in BEHAVIORS_WITH_ITEMS and not items:
        return [f"{option}.items must list at least one name when {option}.behavior is {behavior}."]
    if behavior not in BEHAVIORS_WITH_ITEMS and items:
        allowed = ", ".join(b for b in BEHAVIORS_WITH_ITEMS if b in behaviors)
        return [f"{option}.items can only be given when {option}.behavior is {allowed}, not {behavior}."]
    return []


def _parameter_config(option, setting):
    """The {Behavior, Items} config of a {behavior, items} option."""
    _config_key, behavior_key, items_key = PARAMETER_KEYS[option]
    config = {behavior_key: setting["behavior"]}
    if setting.get("items"):
        config[items_key] = _items(setting["items"])
    return config


def _parameter_result(option, config):
    _config_key, behavior_key, items_key = PARAMETER_KEYS[option]
    config = config or {}
    return {"behavior": config.get(behavior_key, "none"), "items": _item_values(config.get(items_key))}


def _base_config(params, current):
    """The current config (a copy) or a new one, with the name and, when given, the comment."""
    config = deepcopy(current) if current else {}
    config["Name"] = params["name"]
    if params.get("comment") is not None:
        config["Comment"] = params["comment"]
    elif not current:
        config["Comment"] = ""
    return config


# Origin access control


def origin_access_control_problems(params):
    problems = []
    name = params.get("name")
    if name is not None and (not name or len(name) > OAC_NAME_MAX_LENGTH):
        problems.append(f"name must be 1 to {OAC_NAME_MAX_LENGTH} characters, not {len(name)}.")
    if params.get("origin_type") not in (None, "s3") and params.get("signing_behavior") == "always-amz-auth":
        problems.append("signing_behavior always-amz-auth is for origin_type s3 only.")
    return problems


def origin_access_control_config(params, current=None):
    """The whole OriginAccessControlConfig: the current one with the options given, or a new one."""
    config = deepcopy(current) if current else {"Description": ""}
    config["Name"] = params["name"]
    for option, key in OAC_KEYS.items():
        if params.get(option) is not None:
            config[key] = params[option]
        elif key not in config:
            config[key] = OAC_DEFAULTS[option]
    return config


def origin_access_control_result(config):
    return {
        "name": config.get("Name"),
        "description": config.get("Description", ""),
        "origin_access_control_origin_type": config.get("OriginAccessControlOriginType"),
        "signing_behavior": config.get("SigningBehavior"),
        "signing_protocol": config.get("SigningProtocol"),
    }


# Cache policy


def cache_policy_problems(params):
    """Every problem of the cache policy options that can be seen before reading the policy."""
    problems = name_problems(params.get("name"), "cache policy")
    for option in TTL_KEYS:
        if params.get(option) is not None and params[option] < 0:
            problems.append(f"{option} must be 0 or more seconds, not {params[option]}.")
    given = [(option, params[option]) for option in TTL_KEYS if params.get(option) is not None]
    for (low_option, low), (high_option, high) in pairwise(given):
        if low > high:
            problems.append(f"{low_option} ({low}) can't be above {high_option} ({high}).")
    for option in ("cookies", "query_strings"):
        problems.extend(parameter_problems(option, params.get(option), CACHE_COOKIE_BEHAVIORS))
    for header in params.get("headers") or []:
        if header.lower() == "accept-encoding":
            problems.append(
                "headers can't hold Accept-Encoding: CloudFront adds it to the cache key through"
                " enable_accept_encoding_gzip and enable_accept_encoding_brotli."
            )
    return problems


def cache_policy_config_problems(config):
    """The problems of the whole CachePolicyConfig built from the current policy and the options (the options
    alone can't show them when some TTLs come from the current policy)."""
    problems = []
    ttls = [(option, config.get(key)) for option, key in TTL_KEYS.items() if config.get(key) is not None]
    for (low_option, low), (high_option, high) in pairwise(ttls):
        if low > high:
            problems.append(f"{low_option} ({low}) can't be above {high_option} ({high}); set both.")
    parameters = config.get(CACHE_PARAMETERS) or {}
    if config.get("MaxTTL") == 0:
        for key, option in (("EnableAcceptEncodingGzip", "gzip"), ("EnableAcceptEncodingBrotli", "brotli")):
            if parameters.get(key):
                problems.append(
                    f"enable_accept_encoding_{option} must be false when max_ttl is 0: CloudFront rejects"
                    " compression settings in a policy that disables caching."
                )
    return problems


def _new_ttls(params):
    """MinTTL, DefaultTTL and MaxTTL of a new policy: those given, and CloudFront's defaults that fit them."""
    minimum = params.get("min_ttl") or 0
    maximum = params.get("max_ttl")
    if maximum is None:
        maximum = max(AWS_MAX_TTL, minimum, params.get("default_ttl") or 0)
    default = params.get("default_ttl")
    if default is None:
        default = max(minimum, min(AWS_DEFAULT_TTL, maximum))
    return {"MinTTL": minimum, "DefaultTTL": default, "MaxTTL": maximum}


def cache_policy_config(params, current=None):
    """The whole CachePolicyConfig: the current one with the options given, or a new one."""
    config = _base_config(params, current)
    if current:
        for option, key in TTL_KEYS.items():
            if params.get(option) is not None:
                config[key] = params[option]
    else:
        config.update(_new_ttls(params))
    parameters = config.setdefault(CACHE_PARAMETERS, {})
    caching_disabled = config["MaxTTL"] == 0
    for option, key in (
        ("enable_accept_encoding_gzip", "EnableAcceptEncodingGzip"),
        ("enable_accept_encoding_brotli", "EnableAcceptEncodingBrotli"),
    ):
        if params.get(option) is not None:
            parameters[key] = params[option]
        elif key not in parameters:
            parameters[key] = not caching_disabled
    if params.get("headers") is not None:
        headers = {"behavior": "whitelist" if params["headers"] else "none", "items": params["headers"]}
        parameters["HeadersConfig"] = _parameter_config("headers", headers)
    for option in ("cookies", "query_strings"):
        if params.get(option) is not None:
            parameters[PARAMETER_KEYS[option][0]] = _parameter_config(option, params[option])
    for config_key, behavior_key, _items_key in PARAMETER_KEYS.values():
        parameters.setdefault(config_key, {behavior_key: "none"})
    return config


def cache_policy_result(config):
    parameters = config.get(CACHE_PARAMETERS) or {}
    return {
        "name": config.get("Name"),
        "comment": config.get("Comment", ""),
        "min_ttl": config.get("MinTTL"),
        "default_ttl": config.get("DefaultTTL"),
        "max_ttl": config.get("MaxTTL"),
        "headers": _item_values((parameters.get("HeadersConfig") or {}).get("Headers")),
        "cookies": _parameter_result("cookies", parameters.get("CookiesConfig")),
        "query_strings": _parameter_result("query_strings", parameters.get("QueryStringsConfig")),
        "enable_accept_encoding_gzip": parameters.get("EnableAcceptEncodingGzip", False),
        "enable_accept_encoding_brotli": parameters.get("EnableAcceptEncodingBrotli", False),
    }


# Origin request policy


def origin_request_policy_problems(params):
    problems = name_problems(params.get("name"), "origin request policy")
    for option, behaviors in (
        ("headers", ORIGIN_REQUEST_HEADER_BEHAVIORS),
        ("cookies", ORIGIN_REQUEST_COOKIE_BEHAVIORS),
        ("query_strings", ORIGIN_REQUEST_QUERY_STRING_BEHAVIORS),
    ):
        problems.extend(parameter_problems(option, params.get(option), behaviors))
    return problems


def origin_request_policy_config(params, current=None):
    """The whole OriginRequestPolicyConfig: the current one with the options given, or a new one."""
    config = _base_config(params, current)
    for option, (config_key, behavior_key, _items_key) in PARAMETER_KEYS.items():
        if params.get(option) is not None:
            config[config_key] = _parameter_config(option, params[option])
        config.setdefault(config_key, {behavior_key: "none"})
    return config


def origin_request_policy_result(config):
    result = {"name": config.get("Name"), "comment": config.get("Comment", "")}
    for option, (config_key, _behavior_key, _items_key) in PARAMETER_KEYS.items():
        result[option] = _parameter_result(option, config.get(config_key))
    return result


# Response headers policy


def _security_problems(security):
    problems = []
    for option, required in (
        ("strict_transport_security", "max_age"),
        ("frame_options", "frame_option"),
        ("referrer_policy", "referrer_policy"),
        ("content_security_policy", "content_security_policy"),
        ("xss_protection", "protection"),
    ):
        header = security.get(option)
        if header is not None and header.get(required) is None:
            problems.append(
                f"security_headers.{option}.{required} is required when security_headers.{option} is given."
            )
    hsts = security.get("strict_transport_security") or {}
    if hsts.get("max_age") is not None and hsts["max_age"] < 0:
        problems.append(
            f"security_headers.strict_transport_security.max_age must be 0 or more seconds, not {hsts['max_age']}."
        )
    csp = (security.get("content_security_policy") or {}).get("content_security_policy")
    if csp is not None:
        if "\n" in csp or "\r" in csp:
            problems.append(
                "security_headers.content_security_policy.content_security_policy must be one line: an HTTP header"
                " value can't hold a newline; separate the directives with '; '."
            )
        if not csp.strip() or len(csp) > CSP_MAX_LENGTH:
            problems.append(
                "security_headers.content_security_policy.content_security_policy must be 1 to"
                f" {CSP_MAX_LENGTH} characters, not {len(csp)}."
            )
    xss = security.get("xss_protection") or {}
    if xss.get("protection") is False and (xss.get("mode_block") or xss.get("report_uri")):
        problems.append(
            "security_headers.xss_protection.mode_block and report_uri can only be given when protection is true."
        )
    if xss.get("mode_block") and xss.get("report_uri"):
        problems.append("security_headers.xss_protection takes mode_block or report_uri, not both.")
    return problems


def _cors_problems(cors):
    if not cors or all(value is None for value in cors.values()):
        return []
    problems = [
        f"cors.{option} must list at least one value when cors is given."
        for option in ("access_control_allow_origins", "allow_headers", "allow_methods")
        if not cors.get(option)
    ]
    unknown = [method for method in cors.get("allow_methods") or [] if method not in CORS_METHODS]
    if unknown:
        problems.append(f"cors.allow_methods must be among {', '.join(CORS_METHODS)}, not {', '.join(unknown)}.")
    if "ALL" in (cors.get("allow_methods") or []) and len(cors["allow_methods"]) > 1:
        problems.append("cors.allow_methods ALL can't be combined with other methods.")
    if cors.get("max_age_sec") is not None and cors["max_age_sec"] < 0:
        problems.append(f"cors.max_age_sec must be 0 or more seconds, not {cors['max_age_sec']}.")
    return problems


def response_headers_policy_problems(params):
    problems = name_problems(params.get("name"), "response headers policy")
    problems.extend(_security_problems(params.get("security_headers") or {}))
    seen = set()
    for header in params.get("custom_headers") or []:
        name = (header.get("header") or "").lower()
        if name in seen:
            problems.append(f"custom_headers names {header['header']} twice; each header can be set once.")
        seen.add(name)
    problems.extend(_cors_problems(params.get("cors")))
    return problems


def _security_config(security):
    config = {}
    hsts = security.get("strict_transport_security")
    if hsts is not None:
        config["StrictTransportSecurity"] = {
            "Override": hsts.get("override", True),
            "AccessControlMaxAgeSec": hsts["max_age"],
            "IncludeSubdomains": bool(hsts.get("include_subdomains")),
            "Preload": bool(hsts.get("preload")),
        }
    if security.get("content_type_options") is not None:
        config["ContentTypeOptions"] = {"Override": security["content_type_options"].get("override", True)}
    for option, key, value_option, value_key in (
        ("frame_options", "FrameOptions", "frame_option", "FrameOption"),
        ("referrer_policy", "ReferrerPolicy", "referrer_policy", "ReferrerPolicy"),
        ("content_security_policy", "ContentSecurityPolicy", "content_security_policy", "ContentSecurityPolicy"),
    ):
        header = security.get(option)
        if header is not None:
            config[key] = {"Override": header.get("override", True), value_key: header[value_option]}
    xss = security.get("xss_protection")
    if xss is not None:
        config["XSSProtection"] = {"Override": xss.get("override", True), "Protection": xss["protection"]}
        if xss.get("mode_block") is not None:
            config["XSSProtection"]["ModeBlock"] = xss["mode_block"]
        if xss.get("report_uri"):
            config["XSSProtection"]["ReportUri"] = xss["report_uri"]
    return config


def _cors_config(cors):
    config = {
        "AccessControlAllowOrigins": _items(cors["access_control_allow_origins"]),
        "AccessControlAllowHeaders": _items(cors["allow_headers"]),
        "AccessControlAllowMethods": _items(cors["allow_methods"]),
        "AccessControlAllowCredentials": bool(cors.get("allow_credentials")),
        "OriginOverride": True if cors.get("origin_override") is None else cors["origin_override"],
    }
    if cors.get("expose_headers"):
        config["AccessControlExposeHeaders"] = _items(cors["expose_headers"])
    if cors.get("max_age_sec") is not None:
        config["AccessControlMaxAgeSec"] = cors["max_age_sec"]
    return config


def response_headers_policy_config(params, current=None):
    """The whole ResponseHeadersPolicyConfig: the current one with the options given, or a new one.

    Each of security_headers, custom_headers, remove_headers and cors given replaces that part of the config
    (an empty one removes it); one left unset keeps the current part."""
    config = _base_config(params, current)
    if params.get("security_headers") is not None:
        security = _security_config(params["security_headers"])
        if security:
            config["SecurityHeadersConfig"] = security
        else:
            config.pop("SecurityHeadersConfig", None)
    if params.get("custom_headers") is not None:
        headers = [
            {
                "Header": h["header"],
                "Value": h["value"],
                "Override": True if h.get("override") is None else h["override"],
            }
            for h in params["custom_headers"]
        ]
        config["CustomHeadersConfig"] = _items(headers)
    if params.get("remove_headers") is not None:
        config["RemoveHeadersConfig"] = _items([{"Header": header} for header in params["remove_headers"]])
    cors = params.get("cors")
    if cors is not None:
        if any(value is not None for value in cors.values()):
            config["CorsConfig"] = _cors_config(cors)
        else:
            config.pop("CorsConfig", None)
    return config


def response_headers_policy_result(config):
    return {
        "name": config.get("Name"),
        "comment": config.get("Comment", ""),
        "security_headers_config": camel_dict_to_snake_dict(config.get("SecurityHeadersConfig") or {}),
        "custom_headers_config": camel_dict_to_snake_dict(config.get("CustomHeadersConfig") or {"Quantity": 0}),
        "remove_headers_config": camel_dict_to_snake_dict(config.get("RemoveHeadersConfig") or {"Quantity": 0}),
        "cors_config": camel_dict_to_snake_dict(config.get("CorsConfig") or {}),
    }
