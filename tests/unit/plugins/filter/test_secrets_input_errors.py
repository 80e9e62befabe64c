"""The secrets role's input checks that run before any AWS call."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.secrets_input_errors import FilterModule, secrets_input_errors

VALID = {
    "secrets_app_name": "smartscheduler",
    "secrets_environment": "prod",
    "secrets_name_pattern": "{app}/{service}/{env}/{key}",
    "secrets_kms_key_alias": "alias/smartscheduler/prod",
    "secrets_db_username": "smartscheduler_admin",
    "secrets_db_password_length": 32,
    "secrets_jwt_signing_key_length": 64,
    "secrets_db_password_exclude_characters": "/@\"' \\",
    "secrets_placeholders": ["google-maps-api-key", "aws-ses-credentials"],
    "secrets_placeholder_marker": "REPLACE_ME",
    "secrets_reader_principal_arns": [],
}


def errors_of(**changes):
    return secrets_input_errors({**VALID, **changes})


def test_the_defaults_are_valid():
    assert errors_of() == []


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"secrets_name_pattern": "{env}-{app}_{service}.{key}"}, id="pattern-with-other-separators"),
        pytest.param({"secrets_db_password_length": 128, "secrets_jwt_signing_key_length": 4096}, id="longest"),
        pytest.param({"secrets_db_password_length": "40"}, id="length-given-as-an-extra-var-string"),
        pytest.param({"secrets_db_username": "App_Owner_1"}, id="mixed-case-user"),
        pytest.param({"secrets_placeholders": []}, id="no-placeholders"),
        pytest.param(
            {
                "secrets_reader_principal_arns": [
                    "arn:aws:iam::123456789012:role/smartscheduler-prod-runtime",
                    "arn:aws-us-gov:iam::123456789012:user/deploy",
                    "arn:aws:iam::123456789012:root",
                ]
            },
            id="role-user-and-root-readers",
        ),
    ],
)
def test_valid_variations_pass(changes):
    assert errors_of(**changes) == []


def test_filter_is_registered_under_its_documented_name():
    assert FilterModule().filters()["secrets_input_errors"] is secrets_input_errors


def test_an_input_without_a_checked_variable_is_a_caller_error():
    inputs = dict(VALID)
    del inputs["secrets_kms_key_alias"]
    with pytest.raises(AnsibleFilterError, match="lacks secrets_kms_key_alias"):
        secrets_input_errors(inputs)


PATTERN_MESSAGE = (
    "secrets_name_pattern: '{pattern}' must contain {{service}}, {{key}} and {{env}}, and otherwise letters, "
    "digits and /_+=.@- only"
)


@pytest.mark.parametrize(
    "pattern",
    ["{app}/{service}/{key}", "{app}/{env}/{key}", "{app}/{service}/{env}", "{app}/{service}/{env}/{key}!"],
)
def test_name_pattern_needs_service_key_env_and_allowed_characters(pattern):
    assert errors_of(secrets_name_pattern=pattern) == [PATTERN_MESSAGE.format(pattern=pattern)]


def test_name_pattern_is_checked_with_the_application_and_environment_filled_in():
    assert errors_of(secrets_app_name="smart scheduler") == [
        PATTERN_MESSAGE.format(pattern="{app}/{service}/{env}/{key}")
    ]


@pytest.mark.parametrize("alias", ["smartscheduler/prod", "alias/", "alias/smart scheduler", "alias/aws/secrets"])
def test_kms_alias_must_be_a_customer_alias(alias):
    assert errors_of(secrets_kms_key_alias=alias) == [
        f"secrets_kms_key_alias: '{alias}' must be alias/ followed by letters, digits and /_-, and not start with "
        "alias/aws/ (reserved for AWS managed keys)"
    ]


@pytest.mark.parametrize("username", ["postgres", "Admin", "rdsadmin", "rds_superuser", "1admin", "app-user", "a" * 64])
def test_db_username_follows_rds_rules_and_fsbp_rds25(username):
    assert errors_of(secrets_db_username=username) == [
        f"secrets_db_username: '{username}' must be 1 to 63 letters, digits and underscores starting with a letter, "
        "and none of postgres, admin, rdsadmin, rdsrepladmin, rds_superuser (FSBP RDS.25)"
    ]


@pytest.mark.parametrize(
    ("password_length", "jwt_length"),
    [(31, 64), (129, 64), (32, 63), (32, 4097), ("long", 64), (True, 64)],
)
def test_generated_lengths_stay_in_range(password_length, jwt_length):
    errors = errors_of(secrets_db_password_length=password_length, secrets_jwt_signing_key_length=jwt_length)
    assert errors == [
        f"secrets_db_password_length must be 32 to 128 (is {password_length}) and secrets_jwt_signing_key_length "
        f"64 to 4096 (is {jwt_length})"
    ]


def test_excluded_characters_must_cover_what_rds_refuses():
    assert errors_of(secrets_db_password_exclude_characters="/'") == [
        'secrets_db_password_exclude_characters must include / @ " and space, the characters RDS refuses in a '
        'master password; it lacks "@" "\\"" " "'
    ]


@pytest.mark.parametrize(
    ("placeholders", "marker"),
    [
        (["Google-Maps"], "REPLACE_ME"),
        (["-maps"], "REPLACE_ME"),
        (["maps", "maps"], "REPLACE_ME"),
        (["maps"], ""),
    ],
)
def test_placeholder_keys_and_marker(placeholders, marker):
    errors = errors_of(secrets_placeholders=placeholders, secrets_placeholder_marker=marker)
    assert len(errors) == 1
    assert errors[0].startswith("secrets_placeholders: each must be lower-case letters, digits and hyphens")
    assert errors[0].endswith("secrets_placeholder_marker must not be empty")


def test_placeholder_message_shows_the_list_as_json():
    assert errors_of(secrets_placeholders=["maps", "maps"]) == [
        "secrets_placeholders: each must be lower-case letters, digits and hyphens, without duplicates "
        '(["maps", "maps"]); secrets_placeholder_marker must not be empty'
    ]


def test_reader_arns_name_only_the_invalid_ones():
    arns = [
        "arn:aws:iam::123456789012:role/runtime",
        "arn:aws:iam::123456789012:group/admins",
        "arn:aws:s3:::bucket",
    ]
    assert errors_of(secrets_reader_principal_arns=arns) == [
        'secrets_reader_principal_arns: ["arn:aws:iam::123456789012:group/admins", "arn:aws:s3:::bucket"] are not '
        "IAM role or user ARNs (arn:aws:iam::<account>:role/<name>, :user/<name> or :root)"
    ]


def test_every_problem_is_reported_at_once():
    errors = errors_of(
        secrets_name_pattern="{app}",
        secrets_kms_key_alias="alias/aws/x",
        secrets_db_username="postgres",
        secrets_db_password_length=8,
        secrets_db_password_exclude_characters="",
        secrets_placeholders=["A"],
        secrets_reader_principal_arns=["nope"],
    )
    assert [error.split(" ")[0].rstrip(":") for error in errors] == [
        "secrets_name_pattern",
        "secrets_kms_key_alias",
        "secrets_db_username",
        "secrets_db_password_length",
        "secrets_db_password_exclude_characters",
        "secrets_placeholders",
        "secrets_reader_principal_arns",
    ]
