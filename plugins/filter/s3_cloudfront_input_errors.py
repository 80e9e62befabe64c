"""Semantic checks of the s3_cloudfront role's input, run before any AWS call.

Argument specs check types; they cannot tell that a TTL is negative or above its maximum, that CloudFront would
refuse a path pattern, that a bucket name breaks S3's rules or that an alias has no domain to belong to. This filter
does, with messages that name the variable at fault and what it allows.
"""

import ipaddress
import re

from ansible_collections.appstack.aws.plugins.module_utils.cloudfront_distribution_plan import valid_path_pattern
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: s3_cloudfront_input_errors
version_added: 0.6.0
short_description: List what is wrong with the input of the s3_cloudfront role
description:
  - Takes the role's variables by name and returns a list of messages, empty when the input is valid; each message
    names the variable at fault and what it allows.
  - Checks the bucket names against S3's naming rules, the cache TTLs (whole numbers of seconds, 0 or more, minimum
    not above the default, default not above the maximum), the path patterns (characters CloudFront takes, at most
    255, no pattern twice), the SPA fallback (function or error_responses), the price class, the content security policy (one line), the domain, aliases and
    certificate (an alias or a certificate needs C(s3_cloudfront_domain_name)), the hosted zone, the WAF web ACL
    ARN, the KMS key and the day counts of the lifecycle rules.
options:
  _input:
    description: The role's variables by name (see the role's C(vars/main.yml), C(s3_cloudfront__checked_inputs)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the s3_cloudfront input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs
      | appstack.aws.s3_cloudfront_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

INPUTS = (
    "s3_cloudfront_bucket_name",
    "s3_cloudfront_log_bucket_name",
    "s3_cloudfront_assets_bucket",
    "s3_cloudfront_assets_bucket_name",
    "s3_cloudfront_encryption",
    "s3_cloudfront_kms_key_arn",
    "s3_cloudfront_origin_access",
    "s3_cloudfront_noncurrent_version_days",
    "s3_cloudfront_log_retention_days",
    "s3_cloudfront_assets_temp_expiry_days",
    "s3_cloudfront_cache_ttls",
    "s3_cloudfront_error_caching_ttl",
    "s3_cloudfront_spa_fallback",
    "s3_cloudfront_index_path",
    "s3_cloudfront_static_paths",
    "s3_cloudfront_media_paths",
    "s3_cloudfront_api_path",
    "s3_cloudfront_price_class",
    "s3_cloudfront_content_security_policy",
    "s3_cloudfront_hsts_max_age",
    "s3_cloudfront_domain_name",
    "s3_cloudfront_aliases",
    "s3_cloudfront_certificate_arn",
    "s3_cloudfront_hosted_zone",
    "s3_cloudfront_web_acl_arn",
)
PRICE_CLASSES = ("PriceClass_100", "PriceClass_200", "PriceClass_All")
# How the SPA's routes are served /index.html: a viewer-request CloudFront function on the frontend's default
# behaviour, or the distribution-wide custom error responses (which also answer the API's errors with the page).
SPA_FALLBACKS = ("function", "error_responses")
TTL_CLASSES = ("index", "static", "media", "default")
TTL_KEYS = ("min", "default", "max")
# CloudFront's largest TTL is 100 years; it refuses more.
MAX_TTL = 3153600000
# S3 bucket names (general purpose buckets): 3 to 63 lowercase letters, digits, dots and hyphens, starting and
# ending with a letter or digit; no two adjacent dots, not an IP address, none of the reserved prefixes and suffixes.
BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
BUCKET_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
BUCKET_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
# A DNS name: labels of letters, digits and hyphens, a wildcard label first at most.
DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
ACM_ARN = re.compile(r"^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/[0-9a-f-]+$")
KMS_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/[A-Za-z0-9/_-]+$")
WEB_ACL_ARN = re.compile(r"^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global/webacl/[\w-]+/[0-9a-f-]+$")
HOSTED_ZONE = re.compile(r"^(Z[A-Z0-9]{1,31}|([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?)$")


def _integer(value):
    """An int from an int or a string of digits (an extra var); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _days_error(name, value, low=1, high=36500):
    number = _integer(value)
    if number is None or not low <= number <= high:
        return [f"{name} must be a whole number of days from {low} to {high}; got {value!r}."]
    return []


def bucket_name_errors(variable, name):
    """Why S3 would refuse the bucket name (an empty list when it would take it)."""
    if not isinstance(name, str) or not BUCKET_NAME.match(name) or ".." in name or _is_ip_address(name):
        return [
            f"{variable} must be a bucket name S3 accepts: 3 to 63 lowercase letters, digits, dots and hyphens,"
            f" starting and ending with a letter or digit, no '..', not an IP address; got {name!r}."
        ]
    reserved = [part for part in BUCKET_RESERVED_PREFIXES if name.startswith(part)]
    reserved += [part for part in BUCKET_RESERVED_SUFFIXES if name.endswith(part)]
    if reserved:
        return [f"{variable} {name!r} uses {reserved[0]!r}, which S3 reserves: pick another name."]
    return []


def _is_ip_address(name):
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def ttl_errors(ttls):
    """The problems of s3_cloudfront_cache_ttls: every class, each with min <= default <= max, 0 or more."""
    if not isinstance(ttls, dict):
        return [f"s3_cloudfront_cache_ttls must map {', '.join(TTL_CLASSES)} to {{min, default, max}}; got {ttls!r}."]
    errors = []
    missing = [name for name in TTL_CLASSES if name not in ttls]
    unknown = sorted(set(ttls) - set(TTL_CLASSES))
    if missing or unknown:
        errors.append(
            f"s3_cloudfront_cache_ttls must have exactly the classes {', '.join(TTL_CLASSES)}"
            f" (missing {missing}, unknown {unknown})."
        )
    for name in (name for name in TTL_CLASSES if name in ttls):
        values = ttls[name] if isinstance(ttls[name], dict) else {}
        numbers = {key: _integer(values.get(key)) for key in TTL_KEYS}
        bad = [key for key, number in numbers.items() if number is None or not 0 <= number <= MAX_TTL]
        if bad:
            errors.append(
                f"s3_cloudfront_cache_ttls.{name}.{bad[0]} must be a whole number of seconds from 0 to {MAX_TTL};"
                f" got {values.get(bad[0])!r}."
            )
        elif not numbers["min"] <= numbers["default"] <= numbers["max"]:
            errors.append(
                f"s3_cloudfront_cache_ttls.{name} must have min <= default <= max (CloudFront refuses otherwise);"
                f" got min {numbers['min']}, default {numbers['default']}, max {numbers['max']}."
            )
    return errors


def path_pattern_errors(inputs):
    """Path patterns CloudFront would refuse, and a pattern given twice (the second would never match)."""
    errors = []
    seen = {}
    patterns = [("s3_cloudfront_index_path", inputs["s3_cloudfront_index_path"])]
    for variable in ("s3_cloudfront_static_paths", "s3_cloudfront_media_paths"):
        value = inputs[variable]
        if not isinstance(value, list):
            errors.append(f"{variable} must be a list of path patterns, e.g. ['/static/*']; got {value!r}.")
            continue
        patterns += [(variable, pattern) for pattern in value]
    patterns.append(("s3_cloudfront_api_path", inputs["s3_cloudfront_api_path"]))
    for variable, pattern in patterns:
        if not isinstance(pattern, str) or not valid_path_pattern(pattern) or pattern == "*":
            errors.append(
                f"{variable}: {pattern!r} is not a path pattern CloudFront accepts: 1 to 255 of A-Z a-z 0-9"
                " _ - . $ / ~ \" ' @ : + & and the wildcards * and ?, not '*' alone (the default behaviour's)."
            )
        elif pattern in seen:
            errors.append(f"{variable}: the path pattern {pattern!r} is given twice (also in {seen[pattern]}).")
        else:
            seen[pattern] = variable
    return errors


def domain_errors(inputs):
    """The custom domain: aliases and a certificate need a domain; aliases lie in it."""
    errors = []
    domain = inputs["s3_cloudfront_domain_name"] or ""
    aliases = inputs["s3_cloudfront_aliases"] or []
    certificate = inputs["s3_cloudfront_certificate_arn"] or ""
    zone = inputs["s3_cloudfront_hosted_zone"] or ""
    if domain and not DOMAIN.match(str(domain)):
        errors.append(f"s3_cloudfront_domain_name must be a DNS name such as app.example.com; got {domain!r}.")
    if not domain:
        for variable, value in (
            ("s3_cloudfront_aliases", aliases),
            ("s3_cloudfront_certificate_arn", certificate),
            ("s3_cloudfront_hosted_zone", zone),
        ):
            if value:
                errors.append(
                    f"{variable} is set but s3_cloudfront_domain_name is empty: set the domain the distribution"
                    " answers for (its certificate covers it and the aliases), or leave it unset for the"
                    " *.cloudfront.net name."
                )
        return errors
    if not isinstance(aliases, list):
        return [*errors, f"s3_cloudfront_aliases must be a list of DNS names; got {aliases!r}."]
    for alias in aliases:
        base = str(domain).removeprefix("*.")
        if not DOMAIN.match(str(alias)) or not (alias == base or str(alias).endswith("." + base)):
            errors.append(
                f"s3_cloudfront_aliases: {alias!r} must be s3_cloudfront_domain_name ({domain}) or a name under it,"
                " which its certificate covers."
            )
    if certificate and not ACM_ARN.match(str(certificate)):
        errors.append(
            "s3_cloudfront_certificate_arn must be the ARN of an ACM certificate in us-east-1, where CloudFront"
            f" takes its certificates from (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID); got {certificate!r}."
        )
    if zone and not HOSTED_ZONE.match(str(zone)):
        errors.append(
            f"s3_cloudfront_hosted_zone must be a Route 53 hosted zone id (Z...) or name (example.com); got {zone!r}."
        )
    return errors


def origin_access_errors(origin_access, encryption, key):
    """How the distribution reads the bucket, and whether it can decrypt what it reads: CloudFront decrypts SSE-KMS
    objects only through an origin access control, with a customer managed key whose policy lets
    cloudfront.amazonaws.com decrypt (the AWS managed key aws/s3 cannot); else every object answers 403."""
    if origin_access not in ("oac", "oai"):
        return [
            f"s3_cloudfront_origin_access must be oac (origin access control) or oai (legacy); got {origin_access!r}."
        ]
    if encryption != "aws:kms":
        return []
    if origin_access == "oai":
        return [
            "s3_cloudfront_origin_access oai cannot read SSE-KMS objects: use oac, or s3_cloudfront_encryption AES256."
        ]
    if not key:
        return [
            "s3_cloudfront_encryption aws:kms needs s3_cloudfront_kms_key_arn, a customer managed key whose policy lets"
            " cloudfront.amazonaws.com decrypt: the distribution cannot decrypt with the AWS managed key aws/s3."
        ]
    return []


def s3_cloudfront_input_errors(inputs):
    require_inputs("s3_cloudfront_input_errors", inputs, INPUTS)
    errors = bucket_name_errors("s3_cloudfront_bucket_name", inputs["s3_cloudfront_bucket_name"])
    errors += bucket_name_errors("s3_cloudfront_log_bucket_name", inputs["s3_cloudfront_log_bucket_name"])
    if inputs["s3_cloudfront_assets_bucket"]:
        errors += bucket_name_errors("s3_cloudfront_assets_bucket_name", inputs["s3_cloudfront_assets_bucket_name"])
    names = [inputs["s3_cloudfront_bucket_name"], inputs["s3_cloudfront_log_bucket_name"]]
    names += [inputs["s3_cloudfront_assets_bucket_name"]] if inputs["s3_cloudfront_assets_bucket"] else []
    if len(set(map(str, names))) < len(names):
        errors.append(
            "s3_cloudfront_bucket_name, s3_cloudfront_log_bucket_name and s3_cloudfront_assets_bucket_name must"
            f" name different buckets; got {names}."
        )
    encryption = inputs["s3_cloudfront_encryption"]
    key = inputs["s3_cloudfront_kms_key_arn"] or ""
    if encryption not in ("AES256", "aws:kms"):
        errors.append(f"s3_cloudfront_encryption must be AES256 (SSE-S3) or aws:kms (SSE-KMS); got {encryption!r}.")
    if key and not KMS_KEY_ARN.match(str(key)):
        errors.append(f"s3_cloudfront_kms_key_arn must be the ARN of a KMS key or alias; got {key!r}.")
    if key and encryption != "aws:kms":
        errors.append("s3_cloudfront_kms_key_arn is set but s3_cloudfront_encryption is not aws:kms.")
    errors += origin_access_errors(inputs["s3_cloudfront_origin_access"], encryption, key)
    errors += _days_error("s3_cloudfront_noncurrent_version_days", inputs["s3_cloudfront_noncurrent_version_days"])
    errors += _days_error("s3_cloudfront_log_retention_days", inputs["s3_cloudfront_log_retention_days"])
    errors += _days_error("s3_cloudfront_assets_temp_expiry_days", inputs["s3_cloudfront_assets_temp_expiry_days"])
    errors += ttl_errors(inputs["s3_cloudfront_cache_ttls"])
    error_ttl = _integer(inputs["s3_cloudfront_error_caching_ttl"])
    if error_ttl is None or not 0 <= error_ttl <= MAX_TTL:
        errors.append(
            f"s3_cloudfront_error_caching_ttl must be a whole number of seconds from 0 to {MAX_TTL};"
            f" got {inputs['s3_cloudfront_error_caching_ttl']!r}."
        )
    if inputs["s3_cloudfront_spa_fallback"] not in SPA_FALLBACKS:
        errors.append(
            "s3_cloudfront_spa_fallback must be function (a CloudFront function serves the SPA's routes from the"
            " index page) or error_responses (403 and 404 answered with the index page, for every path, /api/*"
            f" included); got {inputs['s3_cloudfront_spa_fallback']!r}."
        )
    errors += path_pattern_errors(inputs)
    if inputs["s3_cloudfront_price_class"] not in PRICE_CLASSES:
        errors.append(
            f"s3_cloudfront_price_class must be one of {', '.join(PRICE_CLASSES)};"
            f" got {inputs['s3_cloudfront_price_class']!r}."
        )
    policy = inputs["s3_cloudfront_content_security_policy"]
    if not isinstance(policy, str) or not policy.strip() or re.search(r"[\r\n]", policy) or len(policy) > 1783:
        errors.append(
            "s3_cloudfront_content_security_policy must be one line of directives separated by ';' (a header"
            " value holds no newline; CloudFront takes up to 1783 characters), e.g. \"default-src 'self'\";"
            f" got {policy!r}."
        )
    max_age = _integer(inputs["s3_cloudfront_hsts_max_age"])
    if max_age is None or max_age < 31536000:
        errors.append(
            "s3_cloudfront_hsts_max_age must be at least 31536000 seconds (one year, as HSTS preload lists and"
            f" FSBP ask); got {inputs['s3_cloudfront_hsts_max_age']!r}."
        )
    errors += domain_errors(inputs)
    acl = inputs["s3_cloudfront_web_acl_arn"] or ""
    if acl and not WEB_ACL_ARN.match(str(acl)):
        errors.append(
            "s3_cloudfront_web_acl_arn must be the ARN of a WAFv2 web ACL of scope CLOUDFRONT"
            f" (arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID); got {acl!r}."
        )
    return errors


class FilterModule:
    def filters(self):
        return {"s3_cloudfront_input_errors": s3_cloudfront_input_errors}
