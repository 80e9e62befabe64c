"""Semantic checks of the secrets role's input, run before any AWS call.

Argument specs check types; they cannot tell that a name pattern would give two
secrets the same name or that a user name is one RDS reserves. This filter does,
with messages that name the variable at fault and what it allows.
"""

import json
import re

from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: secrets_input_errors
version_added: 0.2.0
short_description: List what is wrong with the secrets role's input
description:
  - Returns a list of messages, empty when the input is valid; each names the variable at fault and what it allows.
  - Checks the secret name pattern, the KMS key alias, the database user name, the generated lengths, the characters
    a generated password leaves out, the placeholder keys and marker, and the reader principal ARNs.
options:
  _input:
    description:
      - The role's variables by name, with at least C(secrets_app_name), C(secrets_environment),
        C(secrets_name_pattern), C(secrets_kms_key_alias), C(secrets_db_username), C(secrets_db_password_length),
        C(secrets_jwt_signing_key_length), C(secrets_db_password_exclude_characters), C(secrets_placeholders),
        C(secrets_placeholder_marker) and C(secrets_reader_principal_arns).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Gather the secrets input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __errors) | unique }}"
  vars:
    __errors: "{{ {'secrets_db_username': secrets_db_username, ...} | appstack.aws.secrets_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

INPUTS = (
    "secrets_app_name",
    "secrets_environment",
    "secrets_name_pattern",
    "secrets_kms_key_alias",
    "secrets_db_username",
    "secrets_db_password_length",
    "secrets_jwt_signing_key_length",
    "secrets_db_password_exclude_characters",
    "secrets_placeholders",
    "secrets_placeholder_marker",
    "secrets_reader_principal_arns",
)
# What Secrets Manager allows in a name, with the pattern's braces.
NAME_PATTERN_RE = re.compile(r"^[A-Za-z0-9/_+=.@{}-]{1,400}$")
KMS_ALIAS_RE = re.compile(r"^alias/[A-Za-z0-9/_-]{1,250}$")
DB_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")
# Names RDS reserves or FSBP RDS.25 rejects as the master user name.
RESERVED_DB_USERNAMES = ("postgres", "admin", "rdsadmin", "rdsrepladmin", "rds_superuser")
# The characters RDS refuses in a master password.
RDS_FORBIDDEN_CHARACTERS = ("/", "@", '"', " ")
PLACEHOLDER_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
PRINCIPAL_ARN_RE = re.compile(r"^arn:aws[a-z-]*:iam::[0-9]{12}:(root|(role|user)/[A-Za-z0-9+=,.@_/-]+)$")
PASSWORD_LENGTHS = (32, 128)
JWT_KEY_LENGTHS = (64, 4096)
# ElastiCache takes an auth token of 16 to 128 characters.
CACHE_TOKEN_LENGTHS = (16, 128)


def _matches(regex, value):
    return isinstance(value, str) and regex.search(value) is not None


def _integer(value):
    """The value as an int (an extra var arrives as a string), or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        return int(value)
    return None


def _name_pattern_errors(inputs):
    pattern = inputs["secrets_name_pattern"]
    filled = str(pattern).replace("{app}", str(inputs["secrets_app_name"]))
    filled = filled.replace("{env}", str(inputs["secrets_environment"]))
    if all(part in str(pattern) for part in ("{service}", "{key}", "{env}")) and _matches(NAME_PATTERN_RE, filled):
        return []
    return [
        f"secrets_name_pattern: '{pattern}' must contain {{service}}, {{key}} and {{env}}, and "
        "otherwise letters, digits and /_+=.@- only"
    ]


def _kms_alias_errors(alias):
    if _matches(KMS_ALIAS_RE, alias) and not str(alias).startswith("alias/aws/"):
        return []
    return [
        f"secrets_kms_key_alias: '{alias}' must be alias/ followed by letters, digits and /_-, "
        "and not start with alias/aws/ (reserved for AWS managed keys)"
    ]


def _db_username_errors(username):
    if _matches(DB_USERNAME_RE, username) and username.lower() not in RESERVED_DB_USERNAMES:
        return []
    return [
        f"secrets_db_username: '{username}' must be 1 to 63 letters, digits and underscores starting "
        f"with a letter, and none of {', '.join(RESERVED_DB_USERNAMES)} (FSBP RDS.25)"
    ]


def _length_errors(password_length, jwt_length):
    password, jwt = _integer(password_length), _integer(jwt_length)
    if (
        password is not None
        and jwt is not None
        and PASSWORD_LENGTHS[0] <= password <= PASSWORD_LENGTHS[1]
        and JWT_KEY_LENGTHS[0] <= jwt <= JWT_KEY_LENGTHS[1]
    ):
        return []
    return [
        f"secrets_db_password_length must be 32 to 128 (is {password_length}) and "
        f"secrets_jwt_signing_key_length 64 to 4096 (is {jwt_length})"
    ]


def _cache_token_length_errors(length):
    number = _integer(length)
    if number is not None and CACHE_TOKEN_LENGTHS[0] <= number <= CACHE_TOKEN_LENGTHS[1]:
        return []
    return [f"secrets_cache_auth_token_length must be 16 to 128, the lengths ElastiCache accepts (is {length})"]


def _excluded_characters_errors(excluded):
    missing = [character for character in RDS_FORBIDDEN_CHARACTERS if character not in str(excluded)]
    if not missing:
        return []
    return [
        'secrets_db_password_exclude_characters must include / @ " and space, the characters RDS refuses in a '
        f"master password; it lacks {' '.join(json.dumps(character) for character in missing)}"
    ]


def _placeholder_errors(placeholders, marker):
    valid = (
        isinstance(placeholders, list)
        and all(_matches(PLACEHOLDER_RE, key) for key in placeholders)
        and len(set(placeholders)) == len(placeholders)
        and marker is not None
        and len(str(marker)) > 0
    )
    if valid:
        return []
    return [
        "secrets_placeholders: each must be lower-case letters, digits and hyphens, without duplicates "
        f"({json.dumps(placeholders)}); secrets_placeholder_marker must not be empty"
    ]


def _reader_errors(arns):
    invalid = [arn for arn in arns or [] if not _matches(PRINCIPAL_ARN_RE, arn)]
    if not invalid:
        return []
    return [
        f"secrets_reader_principal_arns: {json.dumps(invalid)} are not IAM role or user ARNs "
        "(arn:aws:iam::<account>:role/<name>, :user/<name> or :root)"
    ]


def secrets_input_errors(inputs):
    """Return every problem of the secrets input as a message naming the variable; [] if valid."""
    require_inputs("secrets_input_errors", inputs, INPUTS)
    return [
        *_name_pattern_errors(inputs),
        *_kms_alias_errors(inputs["secrets_kms_key_alias"]),
        *_db_username_errors(inputs["secrets_db_username"]),
        *_length_errors(inputs["secrets_db_password_length"], inputs["secrets_jwt_signing_key_length"]),
        *_excluded_characters_errors(inputs["secrets_db_password_exclude_characters"]),
        *_placeholder_errors(inputs["secrets_placeholders"], inputs["secrets_placeholder_marker"]),
        *_reader_errors(inputs["secrets_reader_principal_arns"]),
        *_cache_token_length_errors(inputs.get("secrets_cache_auth_token_length", CACHE_TOKEN_LENGTHS[1])),
    ]


class FilterModule:
    def filters(self):
        return {"secrets_input_errors": secrets_input_errors}
