"""The bad-input catalogue: one wrong value of the kind users write, per case, in every role's input.

Each case runs the playbook a user would (site.yml, or the deploy playbook for a deploy's variables) with the one bad
value as an extra var, and asserts what the standard asks of bad input: the run fails, the emulator received not
one request (validation comes before the preflight's first call), and the failure message names the variable and
what it allows. A case may set other variables (``context``) so that the bad value is read at all: the load
balancer's and ECS's input is checked only with appstack_compute ecs_fargate, and a deploy needs its image tag or
build directory.
"""

from typing import NamedTuple

import pytest

from .playbook import run_playbook

SITE = "site.yml"
DEPLOY_BACKEND = "playbooks/deploy_backend.yml"
DEPLOY_FRONTEND = "playbooks/deploy_frontend.yml"
# ECS Fargate as prod runs it: HTTPS, with a certificate ACM issues for a name in the account's zone.
ECS = {
    "appstack_compute": "ecs_fargate",
    "alb_domain_name": "api.smartscheduler.example.com",
    "alb_hosted_zone": "smartscheduler.example.com",
}
# A deploy of the backend needs an image tag.
BACKEND_DEPLOY = {"image_tag": "1f0c2ab"}


class Bad(NamedTuple):
    """One wrong value: the variable, its value, what the message must say is allowed, the playbook, other vars."""

    variable: str
    value: object
    allowed: tuple[str, ...]
    playbook: str = SITE
    context: dict | None = None


def case(variable, value, *allowed, case_id, playbook=SITE, context=None):
    return pytest.param(Bad(variable, value, allowed, playbook, context), id=case_id)


CASES = [
    # network
    case("network_nat_mode", "per-az", "none, single, per_az", case_id="network-nat-mode-unknown"),
    case("network_flow_logs_enabled", "ture", "bool", case_id="network-flow-logs-enabled-not-a-boolean"),
    case("network_vpc_cidr", "10.0.0.0/8", "/16 to /28", case_id="network-vpc-cidr-too-large"),
    case("network_alb_ingress_cidrs", ["0.0.0.0/0", "10.1.0.0/33"], "IPv4 CIDR", case_id="network-ingress-cidr"),
    # secrets
    case("secrets_db_username", "admin", "letters, digits and underscores", "postgres", case_id="secrets-username"),
    case(
        "secrets_reader_principal_arns",
        ["arn:aws:iam::1234:role/app"],
        "arn:aws:iam::<account>:role/<name>",
        case_id="secrets-reader-arn-malformed",
    ),
    # rds
    case("rds_backup_retention_days", "forty", "int", case_id="rds-retention-not-a-number"),
    case("rds_instance_class", "db.t3.smal", "db.<family>.<size>", "small", case_id="rds-instance-class-size-typo"),
    case("rds_max_allocated_storage", 50, "more than rds_allocated_storage", case_id="rds-ceiling-below-storage"),
    case("rds_multi_az", "yes please", "bool", case_id="rds-multi-az-not-a-boolean"),
    case("rds_master_password_mode", "managed", "secret, rds_managed", case_id="rds-password-mode-unknown"),
    # cache (prod has it on)
    case("cache_node_type", "t3.micro", "cache.", case_id="cache-node-type-without-prefix"),
    case("cache_engine", "memcached", "valkey, redis", case_id="cache-engine-unknown"),
    case("cache_replicas", 6, "0 to 5", case_id="cache-replicas-too-many"),
    # iam
    case("iam_name_prefix", "smart scheduler", "+=,.@_-", case_id="iam-prefix-with-a-space"),
    case("iam_apprunner_roles", "sometimes", "bool", case_id="iam-apprunner-roles-not-a-boolean"),
    # ecr
    case("ecr_image_tag_mutability", "immutable", "MUTABLE, IMMUTABLE", case_id="ecr-mutability-lower-case"),
    case(
        "ecr_extra_pull_principal_arns",
        ["123456789012"],
        "arn:aws:iam::ACCOUNT:role/NAME",
        case_id="ecr-pull-principal-account-id",
    ),
    # apprunner (prod's compute), through the backend's shared input and its own
    case("appstack_backend_cpu", "3 vCPU", "vCPU", case_id="backend-cpu-unknown"),
    case("appstack_backend_min_capacity", 6, "appstack_backend_max_capacity", case_id="backend-min-above-max"),
    case("appstack_backend_min_capacity", "two", "int", case_id="backend-min-not-a-number"),
    case("appstack_backend_health_check_path", "health", "start with '/'", case_id="backend-health-path-no-slash"),
    case(
        "appstack_backend_secrets",
        {"MAPS_API_KEY": "smartscheduler/integrations/prod/google-maps-api-key"},
        "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME",
        case_id="backend-secret-name-not-arn",
    ),
    # alb and ecs (appstack_compute ecs_fargate)
    case("alb_idle_timeout", 5000, "4000", case_id="alb-idle-timeout-too-long", context=ECS),
    case(
        "alb_certificate_arn",
        "arn:aws:acm:us-east-1:123:certificate",
        "arn:aws:acm:",
        case_id="alb-certificate-arn-malformed",
        context=ECS,
    ),
    case("ecs_container_insights", "on", "enabled, enhanced, disabled", case_id="ecs-insights-unknown", context=ECS),
    case("ecs_cpu_target", 150, "100", case_id="ecs-cpu-target-above-100", context=ECS),
    # s3_cloudfront
    case("s3_cloudfront_price_class", "PriceClass_300", "PriceClass_100", case_id="edge-price-class-unknown"),
    case("s3_cloudfront_origin_access", "OAC", "oac, oai", case_id="edge-origin-access-upper-case"),
    case("s3_cloudfront_api_path", "/api/{version}/*", "A-Z a-z 0-9", case_id="edge-api-path-with-braces"),
    # monitoring
    case("monitoring_alert_emails", ["ops.example.com"], "email", case_id="monitoring-email-malformed"),
    case("monitoring_budget_amounts", [-50], "above 0", case_id="monitoring-budget-negative"),
    # the environment as a whole
    case("appstack_compute", "fargate", "apprunner, ecs_fargate", case_id="compute-unknown"),
    case("appstack_region", "us-east-9", "us-east-1", case_id="region-unknown"),
    case("rds_backup_retension_days", 7, "rds_backup_retention_days", case_id="variable-name-typo"),
    case("appstack_backend_deployment_strategy", "blue_green", "ecs_fargate", case_id="blue-green-with-apprunner"),
    case("appstack_allowed_account_ids", ["12345"], "12 digits", case_id="allowed-account-id-malformed"),
    case(
        "appstack_assume_role_arn",
        "smartscheduler-deploy",
        "an IAM role's ARN, e.g. arn:aws:iam::111111111111:role/",
        case_id="assume-role-arn-not-an-arn",
    ),
    case("appstack_assume_role_duration_seconds", 60, "900 to 43200", case_id="assume-role-duration-too-short"),
    case("appstack_extra_tags", {"aws:owner": "ops"}, "not starting with aws:", case_id="extra-tag-reserved-prefix"),
    case("cache_enabled", "ture", "bool", case_id="cache-enabled-not-a-boolean"),
    case("deploy_migration_command", "alembic upgrade head", "list of non-empty strings", case_id="migration-string"),
    # deploys
    case("image_tag", "-latest", "letters, digits", case_id="deploy-image-tag-malformed", playbook=DEPLOY_BACKEND),
    case(
        "deploy_backend_smoke_timeout",
        0,
        "more than 0",
        case_id="deploy-smoke-timeout-zero",
        playbook=DEPLOY_BACKEND,
        context=BACKEND_DEPLOY,
    ),
    case(
        "deploy_frontend_invalidation_max_paths",
        0,
        "1 to 3000",
        case_id="deploy-frontend-max-paths-zero",
        playbook=DEPLOY_FRONTEND,
    ),
    case(
        "deploy_frontend_distribution_id",
        "e2qwruhexample",
        "upper-case letters and digits",
        case_id="deploy-frontend-distribution-lower-case",
        playbook=DEPLOY_FRONTEND,
    ),
]


@pytest.fixture
def frontend_deploy(tmp_path):
    """A deploy of a build with an index.html to a bucket and a distribution given with -e."""
    build = tmp_path / "dist"
    build.mkdir()
    (build / "index.html").write_text("<!doctype html><title>app</title>\n")
    return {
        "build_dir": str(build),
        "deploy_frontend_bucket": "smartscheduler-prod-frontend",
        "deploy_frontend_distribution_id": "E2QWRUHEXAMPLE",
    }


@pytest.mark.parametrize("bad", CASES)
def test_a_bad_value_fails_before_any_request_naming_the_variable_and_what_it_allows(
    emulator, tmp_path, frontend_deploy, bad
):
    context = dict(bad.context or {})
    if bad.playbook == DEPLOY_FRONTEND:
        context = {**frontend_deploy, **context}
    extra_vars = {"appstack_outputs_dir": str(tmp_path / "outputs"), **context, bad.variable: bad.value}
    emulator.clear_requests()
    run = run_playbook(bad.playbook, "inventories/prod", emulator.env, extra_vars=extra_vars)
    assert run.failed, f"{bad.variable}={bad.value!r} was accepted:\n{run.outcome()}"
    message = run.failure_messages()
    for fragment in (bad.variable, *bad.allowed):
        assert fragment in message, f"{fragment!r} not in the failure message:\n{message}"
    requests = emulator.requests()
    assert requests["total"] == 0, requests["by_service"]
