"""Semantic checks of the app tier's input (the iam, ecr and apprunner roles), run before any AWS call.

Argument specs check types; they cannot tell that a minimum exceeds a maximum, that App Runner offers no such CPU
and memory pair, or that an environment variable would shadow a secret. These filters do, with messages that name
the variable at fault and what it allows.
"""

import re

from ansible_collections.appstack.aws.plugins.module_utils.apprunner_service_plan import (
    check_cpu_memory,
    normalize_cpu,
    normalize_memory,
)
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import range_errors, require_inputs, whole_number

DOCUMENTATION = r"""
name: app_tier_input_errors
version_added: 0.5.0
short_description: List what is wrong with the input of the iam, ecr and apprunner roles
description:
  - Four filters, C(iam_input_errors), C(iam_github_input_errors), C(ecr_input_errors) and C(apprunner_input_errors),
    each taking its role's
    variables by name and returning a list of messages, empty when the input is valid; each message names the
    variable at fault and what it allows.
  - C(image_tag_errors) checks one image tag, for the roles and the deploy playbook.
options:
  _input:
    description: The role's variables by name (see each role's C(tasks/validate.yml)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the apprunner input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __inputs | appstack.aws.apprunner_input_errors) | unique }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# IAM role names: 64 characters of [\w+=,.@-]; the longest suffix the iam role adds.
IAM_NAME = re.compile(r"^[\w+=,.@-]+$")
IAM_LONGEST_SUFFIX = "-apprunner-instance"
# ECR repository names and image tags, as ECR defines them.
ECR_REPOSITORY = re.compile(r"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")
IMAGE_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:(role|user)/[\w+=,.@/-]+$")
KMS_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")
# App Runner names: services 4-40, configurations 4-32 characters.
APPRUNNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The variables the apprunner role sets itself: from the database and the secrets.
BUILT_IN_VARIABLES = ("ASPNETCORE_ENVIRONMENT", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME")
BUILT_IN_SECRETS = ("DATABASE_USER", "DATABASE_PASSWORD", "JWT_SECRET")
# What an extra secret refers to: a Secrets Manager secret's ARN (with :KEY:: or :KEY:STAGE:VERSION for one JSON key)
# or an SSM parameter's ARN, as App Runner and ECS take them.
SECRET_REFERENCE = re.compile(
    r"^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+(:[^:]*:[^:]*:[^:]*)?"
    r"|ssm:[a-z0-9-]+:\d{12}:parameter/[\w/.-]+)$"
)


def image_tag_errors(tag, variable="image_tag"):
    """The problem with an image tag (an empty list when ECR would take it)."""
    if isinstance(tag, str) and IMAGE_TAG.match(tag):
        return []
    return [
        f"{variable} must be an image tag of 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or"
        f" '-' (a git SHA, say); got {tag!r}."
    ]


def iam_input_errors(inputs):
    require_inputs("iam_input_errors", inputs, ("iam_name_prefix",))
    prefix = inputs["iam_name_prefix"]
    longest = 64 - len(IAM_LONGEST_SUFFIX)
    if not isinstance(prefix, str) or not IAM_NAME.match(prefix) or len(prefix) > longest:
        return [
            f"iam_name_prefix must be 1 to {longest} letters, digits and +=,.@_- (the role names add"
            f" '{IAM_LONGEST_SUFFIX}' and IAM allows 64 characters); got {prefix!r}."
        ]
    return []


# GitHub's rules: an owner (user or organization) of 1 to 39 letters, digits and single hyphens, not at either end;
# a repository name of 1 to 100 letters, digits, '.', '_' and '-', other than '.' and '..'.
GITHUB_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
GITHUB_REPOSITORY_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
# A branch name as git takes it (git check-ref-format), without the wildcards IAM's StringLike would read and the ':'
# that separates the claims of the OIDC subject.
GIT_BRANCH_FORBIDDEN = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//")
GITHUB_INPUTS = ("iam_github_oidc_enabled", "iam_github_repository", "iam_github_branch", "iam_github_environment")


def _github_repository_errors(repository):
    owner, slash, name = str(repository).partition("/")
    if (
        isinstance(repository, str)
        and slash
        and GITHUB_OWNER.match(owner)
        and GITHUB_REPOSITORY_NAME.match(name)
        and name not in (".", "..")
    ):
        return []
    return [
        "iam_github_repository must be the GitHub repository whose workflows deploy, as OWNER/REPO (e.g."
        " acme/smartscheduler: an owner of 1 to 39 letters, digits and hyphens, a name of 1 to 100 letters, digits,"
        f" '.', '_' and '-'), when iam_github_oidc_enabled is true; got {repository!r}."
    ]


def _github_branch_errors(branch):
    if (
        isinstance(branch, str)
        and branch
        and not branch.startswith(("refs/", "/", "-", "."))
        and not branch.endswith(("/", ".", ".lock"))
        and not GIT_BRANCH_FORBIDDEN.search(branch)
    ):
        return []
    return [
        "iam_github_branch must be one branch name as git takes it, without refs/heads/ (e.g. main or release/2026):"
        " no spaces, wildcards (* ? [), ':', '~', '^', '..' or a leading '-', '.' or '/'; the deploy role's trust"
        f" pins exactly this branch; got {branch!r}."
    ]


def _github_environment_errors(environment):
    if isinstance(environment, str) and 1 <= len(environment) <= 255 and not re.search(r"[:*?\x00-\x1f]", environment):
        return []
    return [
        "iam_github_environment must be the name of the GitHub environment of the deploy job, 1 to 255 characters"
        " without ':', '*' or '?' (its OIDC subject reads repo:OWNER/REPO:environment:NAME:ref:...); got"
        f" {environment!r}."
    ]


def iam_github_input_errors(inputs):
    """The problems with the GitHub Actions deploy role's input (the github_oidc entry point); none when it is off."""
    require_inputs("iam_github_input_errors", inputs, GITHUB_INPUTS)
    enabled = inputs["iam_github_oidc_enabled"]
    if not (enabled is True or str(enabled).strip().lower() in ("true", "yes", "on", "1")):
        return []
    return (
        _github_repository_errors(inputs["iam_github_repository"])
        + _github_branch_errors(inputs["iam_github_branch"])
        + _github_environment_errors(inputs["iam_github_environment"])
    )


ECR_INPUTS = (
    "ecr_repository_name",
    "ecr_repository_owner",
    "ecr_encryption_type",
    "ecr_kms_key_arn",
    "ecr_lifecycle_keep_tagged_images",
    "ecr_lifecycle_untagged_expiry_days",
    "ecr_lifecycle_max_image_age_days",
    "ecr_extra_pull_principal_arns",
)


def ecr_input_errors(inputs):
    require_inputs("ecr_input_errors", inputs, ECR_INPUTS)
    errors = []
    name = inputs["ecr_repository_name"]
    if not isinstance(name, str) or not 2 <= len(name) <= 256 or not ECR_REPOSITORY.match(name):
        errors.append(
            "ecr_repository_name must be 2 to 256 lowercase letters, digits and . _ - / (each part starting and"
            f" ending with a letter or digit), e.g. smartscheduler-backend; got {name!r}."
        )
    for variable in (
        "ecr_lifecycle_keep_tagged_images",
        "ecr_lifecycle_untagged_expiry_days",
        "ecr_lifecycle_max_image_age_days",
    ):
        errors += range_errors(variable, inputs[variable], 1, 10000)
    # Empty stands for the environment's key, which the secrets role publishes later in the run.
    key = inputs["ecr_kms_key_arn"]
    if inputs["ecr_encryption_type"] == "KMS" and key and not KMS_KEY_ARN.match(str(key)):
        errors.append(
            "ecr_kms_key_arn must be the ARN of a KMS key (arn:aws:kms:REGION:ACCOUNT:key/ID) when"
            f" ecr_encryption_type is KMS; got {key!r}."
        )
    invalid = [arn for arn in inputs["ecr_extra_pull_principal_arns"] or [] if not ROLE_ARN.match(str(arn))]
    if invalid:
        errors.append(
            f"ecr_extra_pull_principal_arns: {invalid} are not IAM role or user ARNs (arn:aws:iam::ACCOUNT:role/NAME)."
        )
    return errors


APPRUNNER_INPUTS = (
    "apprunner_service_name",
    "apprunner_image_tag",
    "apprunner_port",
    "apprunner_cpu",
    "apprunner_memory",
    "apprunner_min_size",
    "apprunner_max_size",
    "apprunner_max_concurrency",
    "apprunner_health_check_path",
    "apprunner_health_check_interval",
    "apprunner_health_check_timeout",
    "apprunner_health_check_healthy_threshold",
    "apprunner_health_check_unhealthy_threshold",
    "apprunner_extra_env",
    "apprunner_extra_secrets",
)


def _name_errors(inputs):
    name = inputs["apprunner_service_name"]
    if isinstance(name, str) and APPRUNNER_NAME.match(name):
        return []
    return [
        "apprunner_service_name must be 4 to 40 letters, digits, '-' and '_', starting with a letter or digit;"
        f" got {name!r}."
    ]


def _scaling_errors(inputs):
    sizes = range_errors("apprunner_min_size", inputs["apprunner_min_size"], 1, 25)
    sizes += range_errors("apprunner_max_size", inputs["apprunner_max_size"], 1, 25)
    low, high = whole_number(inputs["apprunner_min_size"]), whole_number(inputs["apprunner_max_size"])
    if not sizes and low > high:
        sizes.append(f"apprunner_min_size ({low}) must not exceed apprunner_max_size ({high}).")
    return sizes + range_errors("apprunner_max_concurrency", inputs["apprunner_max_concurrency"], 1, 200)


def _size_errors(inputs):
    """The CPU and memory, checked with appstack.aws.apprunner_service's own functions: refused here as there."""
    try:
        cpu = normalize_cpu(inputs["apprunner_cpu"])
        memory = normalize_memory(inputs["apprunner_memory"])
        check_cpu_memory(cpu, memory)
    except ValueError as e:
        # The module's message names its options; name the role's variables instead.
        message = str(e).replace("instance.cpu", "apprunner_cpu").replace("instance.memory", "apprunner_memory")
        return [message]
    return []


def _health_check_errors(inputs):
    errors = []
    for variable in (
        "apprunner_health_check_interval",
        "apprunner_health_check_timeout",
        "apprunner_health_check_healthy_threshold",
        "apprunner_health_check_unhealthy_threshold",
    ):
        errors += range_errors(variable, inputs[variable], 1, 20)
    path = inputs["apprunner_health_check_path"]
    if not isinstance(path, str) or not path.startswith("/"):
        errors.append(f"apprunner_health_check_path must start with '/'; got {path!r}.")
    return errors


def secret_reference_errors(variable, secrets):
    """The extra secrets (variable name to reference) whose reference is not a secret's or a parameter's ARN."""
    bad = sorted(str(name) for name, reference in secrets.items() if not SECRET_REFERENCE.match(str(reference)))
    if not bad:
        return []
    return [
        f"{variable}: {bad} do not refer to a secret: each value is the ARN of a Secrets Manager secret"
        " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME, with :KEY:: for one JSON key) or of an SSM parameter"
        " (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)."
    ]


def _variable_errors(inputs):
    env, secrets = inputs["apprunner_extra_env"] or {}, inputs["apprunner_extra_secrets"] or {}
    errors = []
    for variable, names in (("apprunner_extra_env", env), ("apprunner_extra_secrets", secrets)):
        bad = sorted(name for name in names if not ENV_NAME.match(str(name)))
        if bad:
            errors.append(f"{variable}: {bad} are not environment variable names ([A-Za-z_][A-Za-z0-9_]*).")
    errors += secret_reference_errors("apprunner_extra_secrets", secrets)
    env_names, secret_names = set(env) | set(BUILT_IN_VARIABLES), set(secrets) | set(BUILT_IN_SECRETS)
    clashes = sorted(env_names & secret_names)
    if clashes:
        errors.append(
            f"apprunner_extra_env and apprunner_extra_secrets both set {clashes}: a name is either a plain variable"
            f" or a secret (the role sets {', '.join(BUILT_IN_VARIABLES)} and the secrets"
            f" {', '.join(BUILT_IN_SECRETS)})."
        )
    overridden = sorted((set(env) & set(BUILT_IN_VARIABLES)) | (set(secrets) & set(BUILT_IN_SECRETS)))
    if overridden:
        errors.append(f"{overridden} are set by the apprunner role itself; leave them out of the extra variables.")
    return errors


def apprunner_input_errors(inputs):
    require_inputs("apprunner_input_errors", inputs, APPRUNNER_INPUTS)
    errors = _name_errors(inputs) + _scaling_errors(inputs) + _size_errors(inputs)
    errors += _health_check_errors(inputs) + _variable_errors(inputs)
    errors += range_errors("apprunner_port", inputs["apprunner_port"], 1, 65535)
    tag = inputs["apprunner_image_tag"]
    if tag not in (None, ""):
        errors += image_tag_errors(tag, "apprunner_image_tag")
    return errors


class FilterModule:
    def filters(self):
        return {
            "iam_input_errors": iam_input_errors,
            "iam_github_input_errors": iam_github_input_errors,
            "ecr_input_errors": ecr_input_errors,
            "apprunner_input_errors": apprunner_input_errors,
            "image_tag_errors": image_tag_errors,
        }
