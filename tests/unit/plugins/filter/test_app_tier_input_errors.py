"""The app tier's input checks (iam, ecr, apprunner) that run before any AWS call."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.app_tier_input_errors import (
    apprunner_input_errors,
    ecr_input_errors,
    iam_github_input_errors,
    iam_input_errors,
    image_tag_errors,
)

APPRUNNER = {
    "apprunner_service_name": "smartscheduler-api-prod",
    "apprunner_image_tag": "",
    "apprunner_port": 8080,
    "apprunner_cpu": "1 vCPU",
    "apprunner_memory": "2 GB",
    "apprunner_min_size": 1,
    "apprunner_max_size": 5,
    "apprunner_max_concurrency": 100,
    "apprunner_health_check_path": "/health",
    "apprunner_health_check_interval": 10,
    "apprunner_health_check_timeout": 5,
    "apprunner_health_check_healthy_threshold": 1,
    "apprunner_health_check_unhealthy_threshold": 5,
    "apprunner_extra_env": {"FEATURE_FLAGS": "on"},
    "apprunner_extra_secrets": {"GOOGLE_MAPS_API_KEY": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"},
}
ECR = {
    "ecr_repository_name": "smartscheduler-backend",
    "ecr_repository_owner": True,
    "ecr_encryption_type": "AES256",
    "ecr_kms_key_arn": "",
    "ecr_lifecycle_keep_tagged_images": 10,
    "ecr_lifecycle_untagged_expiry_days": 1,
    "ecr_lifecycle_max_image_age_days": 30,
    "ecr_extra_pull_principal_arns": [],
}


def test_the_defaults_are_valid():
    assert apprunner_input_errors(APPRUNNER) == []
    assert ecr_input_errors(ECR) == []
    assert iam_input_errors({"iam_name_prefix": "smartscheduler-prod"}) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"apprunner_min_size": 6}, "apprunner_min_size (6) must not exceed apprunner_max_size (5)."),
        (
            {"apprunner_min_size": 6, "apprunner_max_concurrency": 0},
            "apprunner_min_size (6) must not exceed apprunner_max_size (5).",
        ),
        ({"apprunner_max_size": 26}, "apprunner_max_size must be a whole number from 1 to 25; got 26."),
        ({"apprunner_max_size": "30"}, "apprunner_max_size must be a whole number from 1 to 25; got '30'."),
        ({"apprunner_max_concurrency": 0}, "apprunner_max_concurrency must be a whole number from 1 to 200; got 0."),
        (
            {"apprunner_health_check_interval": 30},
            "apprunner_health_check_interval must be a whole number from 1 to 20",
        ),
        ({"apprunner_health_check_timeout": 0}, "apprunner_health_check_timeout must be a whole number from 1 to 20"),
        ({"apprunner_health_check_path": "health"}, "apprunner_health_check_path must start with '/'"),
        ({"apprunner_memory": "8 GB"}, "apprunner_memory 8192 MB is not allowed with apprunner_cpu 1024"),
        ({"apprunner_cpu": "3 vCPU"}, "apprunner_cpu must be one of"),
        ({"apprunner_image_tag": "v1 beta"}, "apprunner_image_tag must be an image tag of 1 to 128 letters"),
        ({"apprunner_service_name": "api"}, "apprunner_service_name must be 4 to 40 letters"),
        ({"apprunner_port": 70000}, "apprunner_port must be a whole number from 1 to 65535"),
        (
            {"apprunner_extra_env": {"API_KEY": "x"}, "apprunner_extra_secrets": {"API_KEY": "arn"}},
            "apprunner_extra_env and apprunner_extra_secrets both set ['API_KEY']",
        ),
        ({"apprunner_extra_env": {"JWT_SECRET": "plain"}}, "both set ['JWT_SECRET']"),
        ({"apprunner_extra_env": {"DATABASE_HOST": "elsewhere"}}, "['DATABASE_HOST'] are set by the apprunner role"),
        ({"apprunner_extra_env": {"1BAD": "x"}}, "apprunner_extra_env: ['1BAD'] are not environment variable names"),
        (
            {"apprunner_extra_secrets": {"MAPS_KEY": "smartscheduler/integrations/prod/google-maps-api-key"}},
            "apprunner_extra_secrets: ['MAPS_KEY'] do not refer to a secret: each value is the ARN of a Secrets"
            " Manager secret (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME",
        ),
    ],
)
def test_each_apprunner_rule_names_the_variable_and_what_it_allows(changes, expected):
    errors = apprunner_input_errors({**APPRUNNER, **changes})
    assert any(expected in error for error in errors), errors


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"ecr_lifecycle_keep_tagged_images": 0}, "ecr_lifecycle_keep_tagged_images must be a whole number from 1"),
        ({"ecr_lifecycle_untagged_expiry_days": -1}, "ecr_lifecycle_untagged_expiry_days must be a whole number"),
        ({"ecr_lifecycle_max_image_age_days": "0"}, "ecr_lifecycle_max_image_age_days must be a whole number"),
        ({"ecr_repository_name": "SmartScheduler"}, "ecr_repository_name must be 2 to 256 lowercase letters"),
        ({"ecr_encryption_type": "KMS", "ecr_kms_key_arn": "alias/x"}, "ecr_kms_key_arn must be the ARN of a KMS key"),
        ({"ecr_extra_pull_principal_arns": ["123456789012"]}, "are not IAM role or user ARNs"),
    ],
)
def test_each_ecr_rule_names_the_variable_and_what_it_allows(changes, expected):
    errors = ecr_input_errors({**ECR, **changes})
    assert any(expected in error for error in errors), errors


@pytest.mark.parametrize(
    "reference",
    [
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/maps-AbCdEf",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/maps-AbCdEf:api_key::",
        "arn:aws:ssm:eu-west-1:123456789012:parameter/smartscheduler/prod/maps",
        "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/maps",
    ],
)
def test_extra_secrets_that_are_secret_or_parameter_arns_are_accepted(reference):
    assert apprunner_input_errors({**APPRUNNER, "apprunner_extra_secrets": {"MAPS_KEY": reference}}) == []


def test_kms_without_a_key_yet_stands_for_the_environment_key():
    assert ecr_input_errors({**ECR, "ecr_encryption_type": "KMS", "ecr_kms_key_arn": ""}) == []


def test_a_role_name_prefix_too_long_for_iam_is_refused():
    (error,) = iam_input_errors({"iam_name_prefix": "x" * 46})
    assert error.startswith("iam_name_prefix must be 1 to 45 letters")


@pytest.mark.parametrize("tag", ["1f0c2ab", "v1.2.3", "release_2026-12-03", "a" * 128])
def test_image_tags_ecr_takes(tag):
    assert image_tag_errors(tag) == []


@pytest.mark.parametrize("tag", ["", ".hidden", "-x", "v1;rm", "a" * 129, None])
def test_image_tags_ecr_refuses(tag):
    assert image_tag_errors(tag)[0].startswith("image_tag must be an image tag")


def test_a_forgotten_input_is_a_role_error():
    with pytest.raises(AnsibleFilterError, match="lacks apprunner_port"):
        apprunner_input_errors({k: v for k, v in APPRUNNER.items() if k != "apprunner_port"})


GITHUB = {
    "iam_github_oidc_enabled": True,
    "iam_github_repository": "acme/smartscheduler",
    "iam_github_branch": "main",
    "iam_github_environment": "prod",
}


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"iam_github_repository": "Acme-Corp/smart.scheduler_2"},
        {"iam_github_branch": "release/2026-12"},
        {"iam_github_environment": "Production EU"},
        # Off: nothing is checked, the repository may stay empty.
        {"iam_github_oidc_enabled": False, "iam_github_repository": ""},
        {"iam_github_oidc_enabled": "false", "iam_github_repository": ""},
    ],
)
def test_a_github_deploy_role_input_that_github_takes_is_valid(changes):
    assert iam_github_input_errors({**GITHUB, **changes}) == []


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"iam_github_repository": "smartscheduler"}, "iam_github_repository"),
        ({"iam_github_repository": ""}, "iam_github_repository"),
        ({"iam_github_oidc_enabled": "true", "iam_github_repository": ""}, "iam_github_repository"),
        ({"iam_github_repository": "acme/*"}, "iam_github_repository"),
        ({"iam_github_repository": "-acme/smartscheduler"}, "iam_github_repository"),
        ({"iam_github_repository": "acme/smartscheduler/extra"}, "iam_github_repository"),
        ({"iam_github_repository": "acme/.."}, "iam_github_repository"),
        ({"iam_github_branch": "*"}, "iam_github_branch"),
        ({"iam_github_branch": "refs/heads/main"}, "iam_github_branch"),
        ({"iam_github_branch": "feature branch"}, "iam_github_branch"),
        ({"iam_github_branch": "a:b"}, "iam_github_branch"),
        ({"iam_github_branch": ""}, "iam_github_branch"),
        ({"iam_github_environment": "prod:eu"}, "iam_github_environment"),
        ({"iam_github_environment": ""}, "iam_github_environment"),
        ({"iam_github_environment": "x" * 256}, "iam_github_environment"),
    ],
)
def test_a_github_deploy_role_input_github_would_not_match_is_refused_naming_the_variable(changes, variable):
    (error,) = iam_github_input_errors({**GITHUB, **changes})
    assert error.startswith(f"{variable} must be")
