"""Reads of the data tier's secrets and of the emulator's request log, shared by its integration tests."""


def secret_names(env):
    """The secrets role's secret names in an environment, by logical name."""
    return {
        "db-credentials": f"smartscheduler/db/{env}/credentials",
        "jwt-signing-key": f"smartscheduler/app/{env}/jwt-signing-key",
        "google-maps-api-key": f"smartscheduler/integrations/{env}/google-maps-api-key",
        "aws-ses-credentials": f"smartscheduler/integrations/{env}/aws-ses-credentials",
    }


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
