"""Reads of the data tier's secrets and of the emulator's request log, shared by its integration tests."""

import json

# JSON keys of a secret that say where to connect, not a secret: runs print them, and the outputs carry them.
CONNECTION_KEYS = frozenset({"username", "host", "port", "dbname", "engine", "dbInstanceIdentifier"})
# Shorter strings are not searched for in a run's output: they could occur in it by chance.
SECRET_MIN_LENGTH = 8
# What the secrets role stores in a placeholder secret until someone sets its value (secrets_placeholder_marker).
PLACEHOLDER_MARKER = "REPLACE_ME"

# The environments whose inventory turns the cache on (cache_enabled), which have its auth token too.
CACHE_ENVIRONMENTS = ("prod", "staging")


def secret_names(env):
    """The secrets role's secret names in an environment, by logical name."""
    names = {
        "db-credentials": f"smartscheduler/db/{env}/credentials",
        "jwt-signing-key": f"smartscheduler/app/{env}/jwt-signing-key",
        "google-maps-api-key": f"smartscheduler/integrations/{env}/google-maps-api-key",
        "aws-ses-credentials": f"smartscheduler/integrations/{env}/aws-ses-credentials",
    }
    if env in CACHE_ENVIRONMENTS:
        names["cache-auth-token"] = f"smartscheduler/cache/{env}/auth-token"
    return names


def secrets_snapshot(secretsmanager, env):
    """Each secret's current value and version id, by logical name."""
    snapshot = {}
    for logical, name in secret_names(env).items():
        value = secretsmanager.get_secret_value(SecretId=name)
        snapshot[logical] = (value["SecretString"], value["VersionId"])
    return snapshot


def mutating(calls):
    """The mutating calls of an emulator request log, as service:Operation."""
    return [f"{call['service']}:{call['operation']}" for call in calls if call["mutating"]]


def stored_secret_values(secretsmanager):
    """Every secret string the account's Secrets Manager holds, in every version it keeps (AWSCURRENT, AWSPREVIOUS):
    a secret's string, or each string value of its JSON but the connection keys, of SECRET_MIN_LENGTH characters or
    more; a placeholder, which holds no value yet, left out. By where it is: "<name> <stages>[.<key>]"."""
    values = {}
    for page in secretsmanager.get_paginator("list_secrets").paginate():
        for secret in page["SecretList"]:
            for version_id, stages in (secret.get("SecretVersionsToStages") or {}).items():
                string = secretsmanager.get_secret_value(SecretId=secret["ARN"], VersionId=version_id)["SecretString"]
                where = f"{secret['Name']} {'/'.join(stages)}"
                try:
                    document = json.loads(string)
                except ValueError:
                    document = string
                if isinstance(document, dict):
                    values.update(
                        (f"{where}.{key}", value)
                        for key, value in document.items()
                        if key not in CONNECTION_KEYS and isinstance(value, str) and len(value) >= SECRET_MIN_LENGTH
                    )
                elif len(string) >= SECRET_MIN_LENGTH and string != PLACEHOLDER_MARKER:
                    values[where] = string
    return values


def printed_forms(value):
    """How a run may print a value: as it is, escaped in JSON (-vvv's module arguments and results) or in a YAML
    single-quoted scalar (the default callback's yaml result format)."""
    return {value, json.dumps(value)[1:-1], value.replace("'", "''")}


def leaked(values, *texts):
    """The names of the values (name to value) that appear, in any printed form, in any of the texts."""
    return sorted(
        name for name, value in values.items() if any(form in text for form in printed_forms(value) for text in texts)
    )
