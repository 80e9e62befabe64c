# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Judging AWS Foundational Security Best Practices (FSBP) controls from described resources: pure functions.

Each ``judge_*`` function takes resources as boto3 describes them (the readers are in ``fsbp_reads.py``) and returns
findings, one per resource: ``{"control", "resource", "status", "reason"}`` with ``status`` PASS or FAIL. Each judges
what the AWS Config rule behind the Security Hub control judges (named in ``CONTROLS``), as the AWS Config developer
guide and the Security Hub user guide describe it (docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html).

``apply_exceptions`` turns the FAIL findings that a documented choice of the environment explains into EXCEPTION,
with that choice as the reason; ``summarise`` gives each control one verdict.
"""

import json

PASS = "PASS"
FAIL = "FAIL"
EXCEPTION = "EXCEPTION"

# Security Hub control ID: (title, AWS Config rule).
CONTROLS = {
    "RDS.2": (
        "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration",
        "rds-instance-public-access-check",
    ),
    "RDS.3": ("RDS DB instances should have encryption at-rest enabled", "rds-storage-encrypted"),
    "RDS.5": ("RDS DB instances should be configured with multiple Availability Zones", "rds-multi-az-support"),
    "RDS.8": ("RDS DB instances should have deletion protection enabled", "rds-instance-deletion-protection-enabled"),
    "RDS.9": ("RDS DB instances should publish logs to CloudWatch Logs", "rds-logging-enabled"),
    "RDS.10": ("IAM authentication should be configured for RDS instances", "rds-instance-iam-authentication-enabled"),
    "RDS.11": ("RDS instances should have automatic backups enabled", "db-instance-backup-enabled"),
    "RDS.13": ("RDS automatic minor version upgrades should be enabled", "rds-automatic-minor-version-upgrade-enabled"),
    "RDS.25": ("RDS database instances should use a custom administrator username", "rds-instance-default-admin-check"),
    "S3.1": (
        "S3 general purpose buckets should have block public access settings enabled",
        "s3-account-level-public-access-blocks-periodic",
    ),
    "S3.5": ("S3 general purpose buckets should require requests to use SSL", "s3-bucket-ssl-requests-only"),
    "S3.8": ("S3 general purpose buckets should block public access", "s3-bucket-level-public-access-prohibited"),
    "S3.9": ("S3 general purpose buckets should have server access logging enabled", "s3-bucket-logging-enabled"),
    "S3.13": ("S3 general purpose buckets should have Lifecycle configurations", "s3-lifecycle-policy-check"),
    "S3.14": ("S3 general purpose buckets should have versioning enabled", "s3-bucket-versioning-enabled"),
    "CloudFront.1": (
        "CloudFront distributions should have a default root object configured",
        "cloudfront-default-root-object-configured",
    ),
    "CloudFront.3": ("CloudFront distributions should require encryption in transit", "cloudfront-viewer-policy-https"),
    "CloudFront.5": ("CloudFront distributions should have logging enabled", "cloudfront-accesslogs-enabled"),
    "CloudFront.6": ("CloudFront distributions should have WAF enabled", "cloudfront-associated-with-waf"),
    "CloudFront.7": (
        "CloudFront distributions should use custom SSL/TLS certificates",
        "cloudfront-custom-ssl-certificate",
    ),
    "CloudFront.13": (
        "CloudFront distributions should use origin access control",
        "cloudfront-s3-origin-access-control-enabled",
    ),
    "CloudFront.15": (
        "CloudFront distributions should use the recommended TLS security policy",
        "cloudfront-security-policy-check",
    ),
    "ECR.1": ("ECR private repositories should have image scanning configured", "ecr-private-image-scanning-enabled"),
    "ECR.2": (
        "ECR private repositories should have tag immutability configured",
        "ecr-private-tag-immutability-enabled",
    ),
    "ECR.3": (
        "ECR repositories should have at least one lifecycle policy configured",
        "ecr-private-lifecycle-policy-configured",
    ),
    "SecretsManager.1": (
        "Secrets Manager secrets should have automatic rotation enabled",
        "secretsmanager-rotation-enabled-check",
    ),
    "EC2.2": (
        "VPC default security groups should not allow inbound or outbound traffic",
        "vpc-default-security-group-closed",
    ),
    "EC2.6": ("VPC flow logging should be enabled in all VPCs", "vpc-flow-logs-enabled"),
    "EC2.15": (
        "EC2 subnets should not automatically assign public IP addresses",
        "subnet-auto-assign-public-ip-disabled",
    ),
    "SNS.1": ("SNS topics should be encrypted at-rest using AWS KMS", "sns-encrypted-kms"),
    "CloudWatch.15": ("CloudWatch alarms should have specified actions configured", "cloudwatch-alarm-action-check"),
    "CloudWatch.17": ("CloudWatch alarm actions should be activated", "cloudwatch-alarm-action-enabled-check"),
    "KMS.4": ("AWS KMS key rotation should be enabled", "cmk-backing-key-rotation-enabled"),
    "ELB.4": (
        "Application Load Balancer should be configured to drop invalid http headers",
        "alb-http-drop-invalid-header-enabled",
    ),
}

# RDS.9: the log types Security Hub requires per engine (its rds-logging-enabled parameters).
RDS_REQUIRED_LOGS = {
    "postgres": {"postgresql", "upgrade"},
    "mysql": {"audit", "error", "general", "slowquery"},
    "mariadb": {"audit", "error", "general", "slowquery"},
}
# RDS.11: Security Hub's backupRetentionMinimum.
RDS_BACKUP_RETENTION_MINIMUM = 7
# RDS.25: the engines' default master user names (rds-instance-default-admin-check).
RDS_DEFAULT_ADMIN_NAMES = {"postgres", "admin"}
# CloudFront.15: the policies Security Hub recommends (TLSv1.2_2021 and later).
CLOUDFRONT_RECOMMENDED_POLICIES = {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}
# S3.1 and S3.8: the four block public access flags.
PUBLIC_ACCESS_FLAGS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")


def finding(control, resource, passed, reason):
    return {"control": control, "resource": resource, "status": PASS if passed else FAIL, "reason": reason}


# RDS


def judge_rds_instance(db):
    """RDS.2/3/5/8/9/10/11/13/25 for one DBInstance of DescribeDBInstances."""
    name = db["DBInstanceIdentifier"]
    engine = db.get("Engine", "")
    family = "postgres" if "postgres" in engine else "mysql" if "mysql" in engine else engine
    required = RDS_REQUIRED_LOGS.get(family, set())
    exported = set(db.get("EnabledCloudwatchLogsExports") or [])
    missing = sorted(required - exported)
    retention = db.get("BackupRetentionPeriod", 0)
    user = db.get("MasterUsername", "")
    return [
        finding(
            "RDS.2",
            name,
            not db.get("PubliclyAccessible"),
            f"PubliclyAccessible is {bool(db.get('PubliclyAccessible'))}",
        ),
        finding(
            "RDS.3", name, bool(db.get("StorageEncrypted")), f"StorageEncrypted is {bool(db.get('StorageEncrypted'))}"
        ),
        finding("RDS.5", name, bool(db.get("MultiAZ")), f"MultiAZ is {bool(db.get('MultiAZ'))}"),
        finding(
            "RDS.8",
            name,
            bool(db.get("DeletionProtection")),
            f"DeletionProtection is {bool(db.get('DeletionProtection'))}",
        ),
        finding(
            "RDS.9",
            name,
            not missing,
            f"exports {', '.join(sorted(exported)) or 'no logs'}"
            + (f"; missing {', '.join(missing)}" if missing else ""),
        ),
        finding(
            "RDS.10",
            name,
            bool(db.get("IAMDatabaseAuthenticationEnabled")),
            f"IAMDatabaseAuthenticationEnabled is {bool(db.get('IAMDatabaseAuthenticationEnabled'))}",
        ),
        finding(
            "RDS.11",
            name,
            retention >= RDS_BACKUP_RETENTION_MINIMUM,
            f"BackupRetentionPeriod is {retention} days (at least {RDS_BACKUP_RETENTION_MINIMUM})",
        ),
        finding(
            "RDS.13",
            name,
            bool(db.get("AutoMinorVersionUpgrade")),
            f"AutoMinorVersionUpgrade is {bool(db.get('AutoMinorVersionUpgrade'))}",
        ),
        finding("RDS.25", name, user.lower() not in RDS_DEFAULT_ADMIN_NAMES, f"MasterUsername is {user}"),
    ]


# S3


def _all_flags(block):
    return bool(block) and all(block.get(flag) for flag in PUBLIC_ACCESS_FLAGS)


def judge_account_public_access_block(account_id, block):
    """S3.1: the account-level block public access settings (s3control GetPublicAccessBlock); None: not set."""
    off = [flag for flag in PUBLIC_ACCESS_FLAGS if not (block or {}).get(flag)]
    reason = "all four account-level settings on" if not off else f"account-level settings off: {', '.join(off)}"
    return [finding("S3.1", f"account {account_id}", not off, reason)]


def _denies_insecure_transport(policy_text):
    """s3-bucket-ssl-requests-only: a Deny statement for every principal on s3 actions when SecureTransport is false."""
    if not policy_text:
        return False
    try:
        policy = json.loads(policy_text)
    except ValueError:
        return False
    statements = policy.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    for statement in statements:
        if statement.get("Effect") != "Deny":
            continue
        principal = statement.get("Principal")
        if principal not in ("*", {"AWS": "*"}):
            continue
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if not any(action in ("*", "s3:*") for action in actions):
            continue
        condition = statement.get("Condition", {}).get("Bool", {})
        if str(condition.get("aws:SecureTransport", "")).lower() == "false":
            return True
    return False


def judge_bucket(bucket):
    """S3.5/8/9/13/14 for one bucket: {name, public_access_block, policy, logging, lifecycle_rules, versioning}."""
    name = bucket["name"]
    block = bucket.get("public_access_block")
    off = [flag for flag in PUBLIC_ACCESS_FLAGS if not (block or {}).get(flag)]
    logging = bucket.get("logging") or {}
    rules = [rule for rule in bucket.get("lifecycle_rules") or [] if rule.get("Status") == "Enabled"]
    versioning = bucket.get("versioning") or "never enabled"
    return [
        finding(
            "S3.5",
            name,
            _denies_insecure_transport(bucket.get("policy")),
            "the bucket policy denies aws:SecureTransport false"
            if _denies_insecure_transport(bucket.get("policy"))
            else "no policy statement denies requests without TLS",
        ),
        finding("S3.8", name, not off, "all four settings on" if not off else f"settings off: {', '.join(off)}"),
        finding(
            "S3.9",
            name,
            bool(logging.get("TargetBucket")),
            f"logs to {logging['TargetBucket']}" if logging.get("TargetBucket") else "no server access logging",
        ),
        finding("S3.13", name, bool(rules), f"{len(rules)} enabled lifecycle rule(s)"),
        finding("S3.14", name, versioning == "Enabled", f"versioning {versioning}"),
    ]


# CloudFront


def judge_distribution(distribution):
    """CloudFront.1/3/5/6/7/13/15 for one distribution: {Id, DistributionConfig} of GetDistribution."""
    name = distribution["Id"]
    config = distribution["DistributionConfig"]
    behaviors = [config["DefaultCacheBehavior"], *((config.get("CacheBehaviors") or {}).get("Items") or [])]
    allow_all = [b.get("PathPattern", "default") for b in behaviors if b.get("ViewerProtocolPolicy") == "allow-all"]
    logging = config.get("Logging") or {}
    certificate = config.get("ViewerCertificate") or {}
    default_certificate = bool(certificate.get("CloudFrontDefaultCertificate", True))
    protocol = certificate.get("MinimumProtocolVersion", "TLSv1")
    s3_origins = [
        origin
        for origin in (config.get("Origins") or {}).get("Items") or []
        if origin.get("S3OriginConfig") is not None
    ]
    without_oac = [origin["Id"] for origin in s3_origins if not origin.get("OriginAccessControlId")]
    return [
        finding(
            "CloudFront.1",
            name,
            bool(config.get("DefaultRootObject")),
            f"DefaultRootObject is {config.get('DefaultRootObject') or 'empty'}",
        ),
        finding(
            "CloudFront.3",
            name,
            not allow_all,
            "every cache behavior redirects to or requires HTTPS"
            if not allow_all
            else f"allow-all on {', '.join(allow_all)}",
        ),
        finding(
            "CloudFront.5",
            name,
            bool(logging.get("Enabled")),
            f"standard logs to {logging.get('Bucket')}" if logging.get("Enabled") else "standard logging off",
        ),
        finding(
            "CloudFront.6",
            name,
            bool(config.get("WebACLId")),
            f"web ACL {config['WebACLId']}" if config.get("WebACLId") else "no web ACL",
        ),
        finding(
            "CloudFront.7",
            name,
            not default_certificate,
            "CloudFront's default certificate" if default_certificate else "a custom certificate",
        ),
        finding(
            "CloudFront.13",
            name,
            not without_oac,
            "every S3 origin uses origin access control"
            if not without_oac
            else f"S3 origins without origin access control: {', '.join(without_oac)}",
        ),
        finding(
            "CloudFront.15",
            name,
            protocol in CLOUDFRONT_RECOMMENDED_POLICIES,
            f"MinimumProtocolVersion is {protocol}"
            + (" (CloudFront's default certificate)" if default_certificate else ""),
        ),
    ]


# ECR


def judge_repository(repository, lifecycle_policy, registry_scan_on_push=False):
    """ECR.1/2/3 for one repository of DescribeRepositories, its lifecycle policy (text or None) and whether the
    registry's scanning configuration scans it on push."""
    name = repository["repositoryName"]
    scan = bool((repository.get("imageScanningConfiguration") or {}).get("scanOnPush")) or registry_scan_on_push
    mutability = repository.get("imageTagMutability", "MUTABLE")
    return [
        finding("ECR.1", name, scan, "scan on push" if scan else "no scan on push"),
        finding("ECR.2", name, mutability.startswith("IMMUTABLE"), f"imageTagMutability is {mutability}"),
        finding(
            "ECR.3", name, bool(lifecycle_policy), "a lifecycle policy" if lifecycle_policy else "no lifecycle policy"
        ),
    ]


# Secrets Manager, KMS, SNS, CloudWatch


def judge_secret(secret):
    """SecretsManager.1 for one secret of DescribeSecret."""
    name = secret.get("Name", secret.get("ARN"))
    enabled = bool(secret.get("RotationEnabled"))
    days = (secret.get("RotationRules") or {}).get("AutomaticallyAfterDays")
    reason = f"rotates every {days} days" if enabled and days else "rotation on" if enabled else "no automatic rotation"
    return [finding("SecretsManager.1", name, enabled, reason)]


def judge_kms_key(key_id, metadata, rotation_enabled):
    """KMS.4 for one customer managed symmetric key (DescribeKey metadata, GetKeyRotationStatus)."""
    return [finding("KMS.4", key_id, bool(rotation_enabled), f"KeyRotationEnabled is {bool(rotation_enabled)}")]


def judge_topic(topic_arn, attributes):
    """SNS.1 for one topic's GetTopicAttributes."""
    key = (attributes or {}).get("KmsMasterKeyId")
    return [finding("SNS.1", topic_arn, bool(key), f"encrypted with {key}" if key else "no KMS key")]


def judge_alarm(alarm):
    """CloudWatch.15 (an ALARM action, the rule's default parameters) and CloudWatch.17 for one alarm."""
    name = alarm["AlarmName"]
    actions = alarm.get("AlarmActions") or []
    enabled = bool(alarm.get("ActionsEnabled"))
    return [
        finding("CloudWatch.15", name, bool(actions), f"{len(actions)} ALARM action(s)"),
        finding("CloudWatch.17", name, enabled, f"ActionsEnabled is {enabled}"),
    ]


# EC2 and ELB


def _has_rules(group):
    return bool(group.get("IpPermissions")) or bool(group.get("IpPermissionsEgress"))


def judge_vpc(vpc_id, default_group, flow_logs):
    """EC2.2 (the default security group has no rule) and EC2.6 (an active flow log; Security Hub's trafficType
    REJECT is met by REJECT or ALL) for one VPC."""
    logs = [
        log for log in flow_logs if log.get("TrafficType") in ("REJECT", "ALL") and log.get("FlowLogStatus") == "ACTIVE"
    ]
    group_id = (default_group or {}).get("GroupId", "default")
    open_rules = bool(default_group) and _has_rules(default_group)
    return [
        finding(
            "EC2.2",
            f"{vpc_id} {group_id}",
            not open_rules,
            "no inbound or outbound rule" if not open_rules else "the default security group has rules",
        ),
        finding(
            "EC2.6",
            vpc_id,
            bool(logs),
            f"flow log {logs[0].get('FlowLogId')} ({logs[0].get('TrafficType')})" if logs else "no active flow log",
        ),
    ]


def judge_subnet(subnet):
    """EC2.15 for one subnet of DescribeSubnets."""
    auto = bool(subnet.get("MapPublicIpOnLaunch"))
    return [finding("EC2.15", subnet["SubnetId"], not auto, f"MapPublicIpOnLaunch is {auto}")]


def judge_load_balancer(load_balancer, attributes):
    """ELB.4 for one application load balancer and its attributes (key to value)."""
    value = str((attributes or {}).get("routing.http.drop_invalid_header_fields.enabled", "false")).lower()
    return [
        finding(
            "ELB.4",
            load_balancer.get("LoadBalancerName", load_balancer.get("LoadBalancerArn")),
            value == "true",
            f"routing.http.drop_invalid_header_fields.enabled is {value}",
        )
    ]


# Verdicts


def apply_exceptions(findings, exceptions):
    """FAIL findings that an exception names become EXCEPTION with its reason.

    An exception is {control, reason, resources}: it names the findings of its control whose resource contains one of
    its resources (any resource when there are none). One that names no failing finding changes nothing, so a choice
    that no longer fails is reported as it is."""
    result = []
    for item in findings:
        item = dict(item)
        if item["status"] == FAIL:
            for exception in exceptions:
                if exception["control"] != item["control"]:
                    continue
                names = exception.get("resources") or []
                if names and not any(name in item["resource"] for name in names):
                    continue
                item["status"] = EXCEPTION
                item["exception"] = exception["reason"]
                break
        result.append(item)
    return result


def summarise(findings, controls, exceptions):
    """One verdict per control, in the order asked: FAIL if any finding fails, else EXCEPTION if any is excepted,
    else PASS; a control with no resource to judge is an EXCEPTION with the reason its exception gives."""
    summary = []
    for control in controls:
        title, rule = CONTROLS[control]
        own = [item for item in findings if item["control"] == control]
        statuses = {item["status"] for item in own}
        entry = {"control": control, "title": title, "config_rule": rule, "findings": own}
        if not own:
            reasons = [e["reason"] for e in exceptions if e["control"] == control]
            entry.update(
                status=EXCEPTION, reason=reasons[0] if reasons else "no resource of this kind in the environment"
            )
        elif FAIL in statuses:
            entry.update(
                status=FAIL, reason="; ".join(f"{i['resource']}: {i['reason']}" for i in own if i["status"] == FAIL)
            )
        elif EXCEPTION in statuses:
            entry.update(
                status=EXCEPTION,
                reason="; ".join(f"{i['resource']}: {i['exception']}" for i in own if i["status"] == EXCEPTION),
            )
        else:
            entry.update(status=PASS, reason="; ".join(f"{i['resource']}: {i['reason']}" for i in own))
        summary.append(entry)
    return summary
