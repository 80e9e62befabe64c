"""Patches where moto 5.2.5 answers differently from AWS.

Each module restores AWS behaviour that moto gets wrong; its docstring cites
the AWS API reference and says what breaks without it. ``apply_all`` applies them, once, at startup.
"""

from __future__ import annotations

from emulator.fixes import (
    acm_certificates,
    budgets,
    cloudfront_cache_policies,
    cloudfront_distributions,
    cloudfront_functions,
    cloudfront_invalidations,
    cloudfront_origin_access_controls,
    cloudfront_origin_access_identities,
    cloudfront_origin_request_policies,
    cloudfront_response_headers_policies,
    cloudwatch_dashboards,
    ec2_tag_resource_types,
    ec2_vpc_endpoint_defaults,
    ecr_tagging_api,
    ecs_cluster_capacity_providers,
    ecs_services,
    ecs_task_definitions,
    ecs_tasks,
    elasticache_cache_nodes,
    elasticache_parameter_groups,
    elasticache_replication_groups,
    elasticache_subnet_groups,
    elbv2_access_logs,
    elbv2_load_balancers,
    elbv2_rule_priorities,
    iam_aws_managed_policies,
    logs_log_groups,
    rds_db_proxies,
    rds_engine_major_version,
    rds_gp3_storage,
    rds_master_user_secret,
    rds_parameter_defaults,
    rds_parameter_groups,
    rds_performance_insights,
    route53_hosted_zone_ids,
    s3_bucket_policy_conditions,
    s3_logging_target_policy,
    sns_subscription_confirmation,
    wafv2_web_acl_resources,
)

FIXES = (
    acm_certificates,
    budgets,
    cloudfront_cache_policies,
    cloudfront_distributions,
    cloudfront_functions,
    cloudfront_invalidations,
    cloudfront_origin_access_controls,
    cloudfront_origin_access_identities,
    cloudfront_origin_request_policies,
    cloudfront_response_headers_policies,
    cloudwatch_dashboards,
    ec2_tag_resource_types,
    ec2_vpc_endpoint_defaults,
    ecr_tagging_api,
    ecs_cluster_capacity_providers,
    ecs_services,
    ecs_task_definitions,
    ecs_tasks,
    elasticache_cache_nodes,
    elasticache_parameter_groups,
    elasticache_replication_groups,
    elasticache_subnet_groups,
    elbv2_access_logs,
    elbv2_load_balancers,
    elbv2_rule_priorities,
    iam_aws_managed_policies,
    logs_log_groups,
    rds_db_proxies,
    rds_engine_major_version,
    rds_gp3_storage,
    rds_master_user_secret,
    rds_parameter_defaults,
    rds_parameter_groups,
    rds_performance_insights,
    route53_hosted_zone_ids,
    s3_bucket_policy_conditions,
    s3_logging_target_policy,
    sns_subscription_confirmation,
    wafv2_web_acl_resources,
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
