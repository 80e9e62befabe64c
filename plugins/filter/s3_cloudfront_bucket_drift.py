"""What the s3_cloudfront role's S3 modules would change on a bucket, from one read of it (amazon.aws.s3_bucket_info).

amazon.aws.s3_bucket, community.aws.s3_lifecycle and community.aws.s3_cors have no check mode, and each reads every
setting it manages again on every run. The role reads its buckets once, with every setting it manages, and this
filter tells which module has something to do: the modules then run only for what differs, and under --check the
differences are what the run reports it would change.
"""

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import find_named, policy_document, tag_differences

DOCUMENTATION = r"""
name: s3_cloudfront_bucket_drift
version_added: 0.6.0
short_description: The differences between an S3 bucket and what the s3_cloudfront role asks of it
description:
  - Takes the C(buckets) that M(amazon.aws.s3_bucket_info) read (with C(bucket_facts) for versioning, encryption,
    ownership controls, public access block, policy, tagging, lifecycle configuration, logging, CORS and ACL) and
    what the role asks of one bucket, and returns what differs, grouped by the module that would change it.
  - A key left out of O(asked) is not compared.
  - C(s3_cloudfront_drift_messages) flattens one or a list of its results into their sentences.
  - C(s3_cloudfront_common_prefix) returns the longest prefix common to a list of bucket names, the C(name_filter)
    with which M(amazon.aws.s3_bucket_info) reads them all in one call.
options:
  _input:
    description: The C(buckets) list of M(amazon.aws.s3_bucket_info); the bucket may be missing from it.
    type: list
    elements: dict
    required: true
  asked:
    description:
      - C(name), and any of C(versioning) (bool), C(encryption) (C(AES256) or C(aws:kms)), C(encryption_key_id),
        C(bucket_key_enabled), C(public_access) (the four flags of M(amazon.aws.s3_bucket)), C(object_ownership),
        C(tags) and C(purge_tags) (M(amazon.aws.s3_bucket)); C(policy) (a dict or JSON string);
        C(lifecycle_rules), a list of C(rule_id), C(prefix), C(expiration_days),
        C(noncurrent_version_expiration_days), C(abort_incomplete_multipart_upload_days)
        (M(community.aws.s3_lifecycle)); C(logging), C(target_bucket) and C(target_prefix)
        (M(community.aws.s3_logging)); C(log_delivery_acl) (bool, the bucket's ACL grants the S3 log delivery group
        what M(community.aws.s3_logging) grants a target bucket); C(cors_rules) (the rules of
        M(community.aws.s3_cors)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the frontend bucket with the inventory
  ansible.builtin.set_fact:
    __drift: "{{ __read.buckets | appstack.aws.s3_cloudfront_bucket_drift({'name': 'smartscheduler-frontend-prod',
      'versioning': true, 'encryption': 'AES256'}) }}"
"""

RETURN = r"""
_value:
  description: What differs, each a sentence naming the bucket, by the module that would change it.
  type: dict
  contains:
    name:
      description: The bucket's name.
      type: str
    missing:
      description: Whether the bucket does not exist (every other key then lists what creating it sets).
      type: bool
    values:
      description:
        - The settings of C(settings) that differ, as C(before) (live) and C(after) (asked) dicts keyed by the
          option of M(amazon.aws.s3_bucket) (C(public_access.block_public_acls), ...); C(after) is
          C(state=present) for a missing bucket. The diff a check-mode report of the change shows.
      type: dict
    settings:
      description: Versioning, encryption, public access block, object ownership and tags (M(amazon.aws.s3_bucket)).
      type: list
      elements: str
    policy:
      description: The bucket policy (M(amazon.aws.s3_bucket) with C(policy)).
      type: list
      elements: str
    lifecycle:
      description: The lifecycle rules to write, by rule id (M(community.aws.s3_lifecycle)).
      type: dict
    logging:
      description: The server access logging (M(community.aws.s3_logging)), and the log delivery grant.
      type: list
      elements: str
    cors:
      description: The CORS rules (M(community.aws.s3_cors)).
      type: list
      elements: str
"""

PUBLIC_ACCESS = {
    "block_public_acls": "BlockPublicAcls",
    "ignore_public_acls": "IgnorePublicAcls",
    "block_public_policy": "BlockPublicPolicy",
    "restrict_public_buckets": "RestrictPublicBuckets",
}
LOG_DELIVERY_GRANT = {
    "Grantee": {"URI": "http://acs.amazonaws.com/groups/s3/LogDelivery", "Type": "Group"},
    "Permission": "FULL_CONTROL",
}
CORS_KEYS = {
    "allowed_origins": "AllowedOrigins",
    "allowed_methods": "AllowedMethods",
    "allowed_headers": "AllowedHeaders",
    "expose_headers": "ExposeHeaders",
    "max_age_seconds": "MaxAgeSeconds",
}


def _truthy(value):
    return str(value).lower() in ("true", "yes", "on", "1")


def settings_differences(name, bucket, asked):
    """What amazon.aws.s3_bucket would change: versioning, encryption, public access block, ownership, tags."""
    found = []
    if asked.get("versioning") is not None:
        status = (bucket.get("bucket_versioning") or {}).get("Status")
        if _truthy(asked["versioning"]) != (status == "Enabled"):
            found.append(f"bucket {name}: versioning is {status or 'off'}")
    if asked.get("encryption") is not None:
        rules = ((bucket.get("bucket_encryption") or {}).get("ServerSideEncryptionConfiguration") or {}).get("Rules")
        rule = (rules or [{}])[0]
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        if default.get("SSEAlgorithm") != asked["encryption"] or (
            asked.get("encryption_key_id") and default.get("KMSMasterKeyID") != asked["encryption_key_id"]
        ):
            found.append(f"bucket {name}: default encryption is {default.get('SSEAlgorithm') or 'not set'}")
        elif asked.get("bucket_key_enabled") is not None and bool(rule.get("BucketKeyEnabled")) != _truthy(
            asked["bucket_key_enabled"]
        ):
            found.append(f"bucket {name}: the S3 Bucket Key is {'on' if rule.get('BucketKeyEnabled') else 'off'}")
    if asked.get("public_access") is not None:
        current = (bucket.get("public_access_block") or {}).get("PublicAccessBlockConfiguration") or {}
        differing = [
            aws_name
            for option, aws_name in PUBLIC_ACCESS.items()
            if bool(current.get(aws_name)) != _truthy(asked["public_access"].get(option, False))
        ]
        if differing:
            found.append(f"bucket {name}: public access block {', '.join(differing)} differ")
    if asked.get("object_ownership") is not None:
        rules = ((bucket.get("bucket_ownership_controls") or {}).get("OwnershipControls") or {}).get("Rules") or [{}]
        if rules[0].get("ObjectOwnership") != asked["object_ownership"]:
            found.append(f"bucket {name}: object ownership is {rules[0].get('ObjectOwnership') or 'not set'}")
    if asked.get("tags") is not None:
        found += tag_differences(f"bucket {name}", bucket.get("bucket_tagging") or {}, asked)
    return found


def settings_values(bucket, asked):
    """The settings of settings_differences that differ, as {"before": live, "after": asked} (the diff a task that
    says what amazon.aws.s3_bucket would change shows): versioning, default encryption, the public access block's
    flags, object ownership, tags."""
    before, after = {}, {}

    def compare(key, live, wanted):
        if live != wanted:
            before[key], after[key] = live, wanted

    if asked.get("versioning") is not None:
        status = (bucket.get("bucket_versioning") or {}).get("Status")
        compare("versioning", status == "Enabled", _truthy(asked["versioning"]))
    if asked.get("encryption") is not None:
        rules = ((bucket.get("bucket_encryption") or {}).get("ServerSideEncryptionConfiguration") or {}).get("Rules")
        default = (rules or [{}])[0].get("ApplyServerSideEncryptionByDefault") or {}
        compare("encryption", default.get("SSEAlgorithm"), asked["encryption"])
        if asked.get("encryption_key_id"):
            compare("encryption_key_id", default.get("KMSMasterKeyID"), asked["encryption_key_id"])
    if asked.get("public_access") is not None:
        current = (bucket.get("public_access_block") or {}).get("PublicAccessBlockConfiguration") or {}
        for option, aws_name in PUBLIC_ACCESS.items():
            compare(
                f"public_access.{option}",
                bool(current.get(aws_name)),
                _truthy(asked["public_access"].get(option, False)),
            )
    if asked.get("object_ownership") is not None:
        rules = ((bucket.get("bucket_ownership_controls") or {}).get("OwnershipControls") or {}).get("Rules") or [{}]
        compare("object_ownership", rules[0].get("ObjectOwnership"), asked["object_ownership"])
    if asked.get("tags") is not None and tag_differences("", bucket.get("bucket_tagging") or {}, asked):
        compare("tags", bucket.get("bucket_tagging") or {}, dict(asked["tags"]))
    return {"before": before, "after": after}


def policy_differences(name, bucket, asked):
    current = policy_document((bucket.get("bucket_policy") or {}).get("Policy"))
    wanted = policy_document(asked["policy"])
    if not current:
        return [f"bucket {name}: there is no bucket policy"]
    if compare_policies(current, wanted):
        return [f"bucket {name}: the bucket policy differs"]
    return []


def lifecycle_rule(asked_rule):
    """The rule community.aws.s3_lifecycle writes for these options, as S3 returns it."""
    rule = {"ID": asked_rule["rule_id"], "Status": "Enabled", "Filter": {"Prefix": asked_rule.get("prefix") or ""}}
    if asked_rule.get("abort_incomplete_multipart_upload_days"):
        rule["AbortIncompleteMultipartUpload"] = {
            "DaysAfterInitiation": int(asked_rule["abort_incomplete_multipart_upload_days"])
        }
    if asked_rule.get("expiration_days") is not None:
        rule["Expiration"] = {"Days": int(asked_rule["expiration_days"])}
    if asked_rule.get("noncurrent_version_expiration_days") is not None:
        rule["NoncurrentVersionExpiration"] = {"NoncurrentDays": int(asked_rule["noncurrent_version_expiration_days"])}
    return rule


def _comparable_rule(rule):
    """A rule as S3 returns it, without what S3 adds or spells differently (a prefix outside Filter)."""
    comparable = {key: value for key, value in rule.items() if key not in ("Prefix", "Filter")}
    filter_ = rule.get("Filter") or {}
    comparable["Filter"] = {"Prefix": filter_.get("Prefix", rule.get("Prefix", "")) or ""}
    return comparable


def lifecycle_differences(name, bucket, asked):
    rules = (bucket.get("bucket_lifecycle_configuration") or {}).get("Rules") or []
    found = {}
    for asked_rule in asked["lifecycle_rules"]:
        current = find_named(rules, "ID", asked_rule["rule_id"])
        if current is None:
            found[asked_rule["rule_id"]] = f"bucket {name}: lifecycle rule {asked_rule['rule_id']} is missing"
        elif _comparable_rule(current) != _comparable_rule(lifecycle_rule(asked_rule)):
            found[asked_rule["rule_id"]] = f"bucket {name}: lifecycle rule {asked_rule['rule_id']} differs"
    return found


def logging_differences(name, bucket, asked):
    found = []
    if asked.get("logging") is not None:
        current = (bucket.get("bucket_logging") or {}).get("LoggingEnabled") or {}
        wanted = asked["logging"]
        if (current.get("TargetBucket"), current.get("TargetPrefix") or "") != (
            wanted["target_bucket"],
            wanted.get("target_prefix") or "",
        ):
            found.append(f"bucket {name}: server access logs go to {current.get('TargetBucket') or 'nowhere'}")
    if _truthy(asked.get("log_delivery_acl", False)):
        grants = (bucket.get("bucket_acl") or {}).get("Grants") or []
        if LOG_DELIVERY_GRANT not in grants:
            found.append(f"bucket {name}: its ACL does not let the S3 log delivery group write")
    return found


def cors_differences(name, bucket, asked):
    current = (bucket.get("bucket_cors") or {}).get("CORSRules") or []
    wanted = [
        {CORS_KEYS[key]: value for key, value in rule.items() if key in CORS_KEYS} for rule in asked["cors_rules"]
    ]
    # As community.aws.s3_cors compares them: by meaning, whatever the order of lists.
    if compare_policies(wanted, current):
        return [f"bucket {name}: the CORS rules differ"]
    return []


def s3_cloudfront_bucket_drift(buckets, asked):
    name = asked["name"]
    bucket = find_named(buckets, "name", name)
    missing = bucket is None
    bucket = bucket or {}
    drift = {
        "name": name,
        "missing": missing,
        "values": {"before": {}, "after": {"state": "present"}} if missing else settings_values(bucket, asked),
        "settings": settings_differences(name, bucket, asked),
        "policy": policy_differences(name, bucket, asked) if asked.get("policy") is not None else [],
        "lifecycle": lifecycle_differences(name, bucket, asked) if asked.get("lifecycle_rules") else {},
        "logging": logging_differences(name, bucket, asked),
        "cors": cors_differences(name, bucket, asked) if asked.get("cors_rules") is not None else [],
    }
    if missing:
        drift["settings"] = [f"bucket {name} does not exist", *drift["settings"]]
    return drift


def s3_cloudfront_drift_messages(drifts):
    """Every sentence of one or more results of s3_cloudfront_bucket_drift (empty ones skipped), in order."""
    messages = []
    for drift in drifts if isinstance(drifts, list) else [drifts]:
        for key in ("settings", "policy", "lifecycle", "logging", "cors"):
            found = (drift or {}).get(key) or []
            messages += list(found.values()) if isinstance(found, dict) else list(found)
    return messages


def s3_cloudfront_common_prefix(names):
    """The longest prefix common to every name: amazon.aws.s3_bucket_info's name_filter that finds them all."""
    names = [str(name) for name in names]
    prefix = min(names, default="")
    while not all(name.startswith(prefix) for name in names):
        prefix = prefix[:-1]
    return prefix


class FilterModule:
    def filters(self):
        return {
            "s3_cloudfront_bucket_drift": s3_cloudfront_bucket_drift,
            "s3_cloudfront_common_prefix": s3_cloudfront_common_prefix,
            "s3_cloudfront_drift_messages": s3_cloudfront_drift_messages,
        }
