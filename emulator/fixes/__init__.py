"""Patches where moto 5.2.5 answers differently from AWS.

Each module restores AWS behaviour that moto gets wrong; its docstring cites
the AWS API reference and says what breaks without it. ``apply_all`` applies them, once, at startup.
"""

from __future__ import annotations

from emulator.fixes import (
    acm_certificates,
    cloudfront_cache_policies,
    cloudfront_distributions,
    cloudfront_invalidations,
    cloudfront_origin_access_controls,
    cloudfront_origin_access_identities,
    cloudfront_origin_request_policies,
    cloudfront_response_headers_policies,
    ec2_tag_resource_types,
    ec2_vpc_endpoint_defaults,
    ecr_tagging_api,
    ecs_cluster_capacity_providers,
    elasticache_cache_nodes,
    iam_aws_managed_policies,
    logs_log_groups,
    rds_db_proxies,
    rds_engine_major_version,
    rds_gp3_storage,
    rds_master_user_secret,
    rds_parameter_defaults,
    rds_parameter_groups,
    rds_performance_insights,
    s3_bucket_policy_conditions,
    s3_logging_target_policy,
)

FIXES = (
    acm_certificates,
    cloudfront_cache_policies,
    cloudfront_distributions,
    cloudfront_invalidations,
    cloudfront_origin_access_controls,
    cloudfront_origin_access_identities,
    cloudfront_origin_request_policies,
    cloudfront_response_headers_policies,
    ec2_tag_resource_types,
    ec2_vpc_endpoint_defaults,
    ecr_tagging_api,
    ecs_cluster_capacity_providers,
    elasticache_cache_nodes,
    iam_aws_managed_policies,
    logs_log_groups,
    rds_db_proxies,
    rds_engine_major_version,
    rds_gp3_storage,
    rds_master_user_secret,
    rds_parameter_defaults,
    rds_parameter_groups,
    rds_performance_insights,
    s3_bucket_policy_conditions,
    s3_logging_target_policy,
)

_applied = False


def apply_all() -> None:
    """Apply every fix; later calls do nothing (the patches must not stack)."""
    global _applied
    if _applied:
        return
    for fix in FIXES:
        fix.apply()
    _applied = True
