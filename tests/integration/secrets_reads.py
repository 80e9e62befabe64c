"""Reads of the data tier's secrets and of the emulator's request log, shared by its integration tests."""

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
