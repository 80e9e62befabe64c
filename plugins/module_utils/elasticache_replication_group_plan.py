# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.elasticache_replication_group, as pure functions of the group read
(``elasticache_replication_groups.get_group``: a snake_case dict) and the module's options.

ElastiCache rules followed (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/
API_CreateReplicationGroup.html, API_ModifyReplicationGroup.html, and the user guide's auth.html):
automatic failover needs a replica, Multi-AZ needs automatic failover, an AUTH token needs encryption in transit
and is 16 to 128 characters, letters, digits and ``! & # $ ^ < > -`` only; a KMS key needs encryption at rest; a
snapshot retention is 0 to 35 days. ``ModifyReplicationGroup`` has no parameter for encryption at rest, its KMS key,
the subnet group or the port, an engine can go from redis to valkey but not back, and a version only up: such a
change needs a new group.

Nothing here imports botocore, and nothing returned holds the AUTH token except the create and modify parameters,
which are only sent.
"""

import re

ENGINES = ["valkey", "redis"]
AUTH_TOKEN_UPDATE_STRATEGIES = ["rotate", "set"]
LOG_TYPES = ["slow-log", "engine-log"]
LOG_FORMATS = ["json", "text"]
LOG_DESTINATION = "cloudwatch-logs"
MAX_REPLICAS = 5
SNAPSHOT_RETENTION_RANGE = (0, 35)
PORT_RANGE = (1, 65535)

GROUP_ID = re.compile(r"^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*(?<!-)$")
GROUP_ID_MAX_LENGTH = 40
# cache.<family><generation>[suffix].<size>: cache.t4g.micro, cache.r7g.large, cache.m6gd.2xlarge, cache.r6gd.xlarge
CACHE_NODE_TYPE = re.compile(r"^cache\.[a-z]+[0-9]+[a-z-]*\.[0-9]*[a-z]+$")
ENGINE_VERSION = re.compile(r"^[0-9]+\.[0-9]+$")
AUTH_TOKEN = re.compile(r"^[A-Za-z0-9!&#$^<>-]{16,128}$")
WINDOW = re.compile(r"^(?:[a-z]{3}:)?[0-9]{2}:[0-9]{2}-(?:[a-z]{3}:)?[0-9]{2}:[0-9]{2}$")

# Option -> (ModifyReplicationGroup parameter, key of the group read), compared as plain values.
PLAIN_SETTINGS = {
    "description": ("ReplicationGroupDescription", "description"),
    "cache_parameter_group_name": ("CacheParameterGroupName", "cache_parameter_group_name"),
    "snapshot_retention_limit": ("SnapshotRetentionLimit", "snapshot_retention_limit"),
    "snapshot_window": ("SnapshotWindow", "snapshot_window"),
    "preferred_maintenance_window": ("PreferredMaintenanceWindow", "preferred_maintenance_window"),
    "auto_minor_version_upgrade": ("AutoMinorVersionUpgrade", "auto_minor_version_upgrade"),
}

REPLACE_ADVICE = (
    "ElastiCache can't change it on an existing replication group. To change it, replace the group: take a"
    " snapshot of it, create a new replication group from that snapshot with the new setting, point the clients"
    " to the new group's endpoints, then delete the old group (state=absent). Or leave the option as it is."
)


# Checking the options


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    group_id = params.get("replication_group_id") or ""
    if len(group_id) > GROUP_ID_MAX_LENGTH or not GROUP_ID.match(group_id):
        problems.append(
            f"replication_group_id must be 1 to {GROUP_ID_MAX_LENGTH} letters, digits or hyphens, start with a"
            f" letter, not end with a hyphen and not hold two consecutive hyphens, not {group_id!r}."
        )
    if params.get("state", "present") == "absent":
        return problems + _wait_timeout_problems(params)
    num_replicas = params.get("num_replicas")
    if num_replicas is not None and not 0 <= num_replicas <= MAX_REPLICAS:
        problems.append(f"num_replicas must be 0 to {MAX_REPLICAS}, not {num_replicas}.")
    if params.get("automatic_failover") and num_replicas is not None and num_replicas < 1:
        problems.append("automatic_failover needs num_replicas of 1 or more: failover promotes a replica.")
    if params.get("multi_az") and params.get("automatic_failover") is not True:
        problems.append("multi_az needs automatic_failover=true.")
    problems.extend(_token_problems(params))
    if params.get("kms_key_id") and params.get("at_rest_encryption") is not True:
        problems.append("kms_key_id needs at_rest_encryption=true.")
    low, high = SNAPSHOT_RETENTION_RANGE
    retention = params.get("snapshot_retention_limit")
    if retention is not None and not low <= retention <= high:
        problems.append(f"snapshot_retention_limit must be {low} to {high} days, not {retention}.")
    node_type = params.get("cache_node_type")
    if node_type is not None and not CACHE_NODE_TYPE.match(node_type):
        problems.append(
            f"cache_node_type must be an ElastiCache node type, cache.<family><generation>[suffix].<size> such as"
            f" cache.t4g.micro or cache.r7g.large, not {node_type!r}."
        )
    version = params.get("engine_version")
    if version is not None and not ENGINE_VERSION.match(version):
        problems.append(f"engine_version must be a major.minor version such as 8.0 or 7.1, not {version!r}.")
    port = params.get("port")
    if port is not None and not PORT_RANGE[0] <= port <= PORT_RANGE[1]:
        problems.append(f"port must be {PORT_RANGE[0]} to {PORT_RANGE[1]}, not {port}.")
    for option in ("snapshot_window", "preferred_maintenance_window"):
        value = params.get(option)
        if value is not None and not WINDOW.match(value.lower()):
            problems.append(f"{option} must be a UTC range such as 05:00-06:00 or sun:23:00-mon:01:30, not {value!r}.")
    problems.extend(_log_delivery_problems(params.get("log_delivery")))
    return problems + _wait_timeout_problems(params)


def _token_problems(params):
    problems = []
    token = params.get("auth_token")
    if token is not None:
        if params.get("transit_encryption") is not True:
            problems.append("auth_token needs transit_encryption=true.")
        if not AUTH_TOKEN.match(token):
            # Never show the token itself.
            problems.append(
                f"auth_token must be 16 to 128 characters, letters, digits and ! & # $ ^ < > - only (it has"
                f" {len(token)} characters)."
            )
    if params.get("auth_token_update_strategy") and token is None:
        problems.append("auth_token_update_strategy needs auth_token.")
    return problems


def _log_delivery_problems(log_delivery):
    problems = []
    types = [entry.get("log_type") for entry in log_delivery or []]
    duplicates = sorted({log_type for log_type in types if types.count(log_type) > 1})
    if duplicates:
        problems.append(f"log_delivery has more than one entry for {', '.join(duplicates)}.")
    return problems


def _wait_timeout_problems(params):
    timeout = params.get("wait_timeout")
    if timeout is not None and timeout <= 0:
        return [f"wait_timeout must be a number of seconds above 0, not {timeout}."]
    return []


# Reading the group


def num_replicas_of(group):
    """The replicas the group has (or will have once what is under way ends)."""
    return max(len(group.get("member_clusters") or []) - 1, 0)


def version_key(version):
    return tuple(int(part) for part in re.findall(r"[0-9]+", version or ""))


def major_minor(version):
    return ".".join((version or "").split(".")[:2])


def current_log_delivery(group):
    """The group's log delivery as {log_type: {log_type, log_group, log_format}}, those being disabled left out."""
    found = {}
    for config in group.get("log_delivery_configurations") or []:
        if config.get("status") == "disabling":
            continue
        details = (config.get("destination_details") or {}).get("cloud_watch_logs_details") or {}
        found[config.get("log_type")] = {
            "log_type": config.get("log_type"),
            "log_group": details.get("log_group"),
            "log_format": config.get("log_format"),
            "destination_type": config.get("destination_type"),
        }
    return found


def _log_request(entry):
    return {
        "LogType": entry["log_type"],
        "DestinationType": LOG_DESTINATION,
        "DestinationDetails": {"CloudWatchLogsDetails": {"LogGroup": entry["log_group"]}},
        "LogFormat": entry["log_format"],
        "Enabled": True,
    }


def plan_log_delivery(group, log_delivery):
    """The LogDeliveryConfigurations that bring the group's log delivery to log_delivery (None: leave it)."""
    if log_delivery is None:
        return []
    current = current_log_delivery(group or {})
    requests = []
    wanted_types = set()
    for entry in log_delivery:
        wanted_types.add(entry["log_type"])
        have = current.get(entry["log_type"])
        wanted = {"log_type": entry["log_type"], "log_group": entry["log_group"], "log_format": entry["log_format"]}
        if (
            have is None
            or have.get("destination_type") != LOG_DESTINATION
            or any(have.get(key) != value for key, value in wanted.items())
        ):
            requests.append(_log_request(entry))
    for log_type in sorted(set(current) - wanted_types):
        requests.append({"LogType": log_type, "Enabled": False})
    return requests


# Creating


def create_parameters(params):
    """The CreateReplicationGroup parameters for params (the AUTH token included: to be sent, never shown)."""
    kwargs = {
        "ReplicationGroupId": params["replication_group_id"],
        "ReplicationGroupDescription": params["description"],
        "CacheNodeType": params["cache_node_type"],
        "NumCacheClusters": (params.get("num_replicas") or 0) + 1,
    }
    optional = {
        "Engine": "engine",
        "EngineVersion": "engine_version",
        "AutomaticFailoverEnabled": "automatic_failover",
        "MultiAZEnabled": "multi_az",
        "CacheSubnetGroupName": "cache_subnet_group_name",
        "SecurityGroupIds": "security_group_ids",
        "CacheParameterGroupName": "cache_parameter_group_name",
        "Port": "port",
        "AtRestEncryptionEnabled": "at_rest_encryption",
        "KmsKeyId": "kms_key_id",
        "TransitEncryptionEnabled": "transit_encryption",
        "AuthToken": "auth_token",
        "SnapshotRetentionLimit": "snapshot_retention_limit",
        "SnapshotWindow": "snapshot_window",
        "PreferredMaintenanceWindow": "preferred_maintenance_window",
        "AutoMinorVersionUpgrade": "auto_minor_version_upgrade",
    }
    for key, option in optional.items():
        if params.get(option) is not None:
            kwargs[key] = params[option]
    if params.get("log_delivery"):
        kwargs["LogDeliveryConfigurations"] = [_log_request(entry) for entry in params["log_delivery"]]
    if params.get("tags"):
        kwargs["Tags"] = [{"Key": key, "Value": str(value)} for key, value in params["tags"].items()]
    return kwargs


def missing_to_create(params):
    return [option for option in ("description", "cache_node_type") if not params.get(option)]


def create_problems(params):
    """What AWS would refuse in a create that validate() can't see alone (num_replicas may be unset)."""
    if params.get("automatic_failover") and not params.get("num_replicas"):
        return ["automatic_failover needs num_replicas of 1 or more to create the group."]
    return []


def predicted_group(params):
    """The group a create from params is expected to give (check mode, and the diff's after)."""
    group = {
        "replication_group_id": params["replication_group_id"].lower(),
        "description": params["description"],
        "status": "creating",
        "engine": params.get("engine") or "redis",
        "cache_node_type": params["cache_node_type"],
        "member_clusters": [
            f"{params['replication_group_id'].lower()}-{number:03d}"
            for number in range(1, (params.get("num_replicas") or 0) + 2)
        ],
        "automatic_failover": "enabled" if params.get("automatic_failover") else "disabled",
        "multi_az": "enabled" if params.get("multi_az") else "disabled",
        "at_rest_encryption_enabled": bool(params.get("at_rest_encryption")),
        "transit_encryption_enabled": bool(params.get("transit_encryption")),
        "auth_token_enabled": params.get("auth_token") is not None,
        "snapshot_retention_limit": params.get("snapshot_retention_limit") or 0,
        "cluster_enabled": False,
        "tags": dict(params.get("tags") or {}),
    }
    for option in (
        "engine_version",
        "kms_key_id",
        "cache_subnet_group_name",
        "cache_parameter_group_name",
        "snapshot_window",
        "preferred_maintenance_window",
        "auto_minor_version_upgrade",
        "port",
    ):
        if params.get(option) is not None:
            group[option] = params[option]
    if params.get("security_group_ids") is not None:
        group["security_group_ids"] = list(params["security_group_ids"])
    if params.get("log_delivery"):
        group["log_delivery_configurations"] = _predicted_logs(params["log_delivery"])
    return group


def _predicted_logs(log_delivery):
    return [
        {
            "log_type": entry["log_type"],
            "destination_type": LOG_DESTINATION,
            "destination_details": {"cloud_watch_logs_details": {"log_group": entry["log_group"]}},
            "log_format": entry["log_format"],
        }
        for entry in log_delivery
    ]


# Changing an existing group


def immutable_differences(group, params, kms_key_arn=None):
    """The options asked for that differ from the group and that ElastiCache can't change, as messages."""
    differences = []
    checks = (
        ("at_rest_encryption", "at_rest_encryption_enabled"),
        ("transit_encryption", "transit_encryption_enabled"),
        ("cache_subnet_group_name", "cache_subnet_group_name"),
        ("port", "port"),
    )
    for option, key in checks:
        wanted, have = params.get(option), group.get(key)
        if wanted is not None and have is not None and wanted != have:
            differences.append(f"{option} is {have}, not {wanted}")
    wanted_key = kms_key_arn or params.get("kms_key_id")
    have_key = group.get("kms_key_id")
    if wanted_key and wanted_key != have_key and not (have_key or "").endswith(f"/{wanted_key}"):
        differences.append(f"kms_key_id is {have_key or 'the AWS managed key'}, not {wanted_key}")
    engine = params.get("engine")
    if engine == "redis" and group.get("engine") == "valkey":
        differences.append("engine is valkey, not redis (a valkey group can't go back to redis)")
    wanted_version, have_version = params.get("engine_version"), group.get("engine_version")
    if wanted_version and have_version and version_key(wanted_version) < version_key(major_minor(have_version)):
        differences.append(f"engine_version is {have_version}, not {wanted_version} (versions only go up)")
    return differences


def _pending(group, key):
    return (group.get("cluster_pending_modified_values") or {}).get(key)


def plan_modify(group, params):
    """The ModifyReplicationGroup parameters (ReplicationGroupId and ApplyImmediately aside) that bring the group to
    params; empty when nothing must change. Only the options given are compared."""
    changes = {}
    for option, (key, read_key) in PLAIN_SETTINGS.items():
        wanted = params.get(option)
        if wanted is None:
            continue
        have = group.get(read_key)
        # ElastiCache answers windows in lower case (sun:23:00-mon:01:30) whatever case they were given in.
        same = wanted.lower() == (have or "").lower() if option.endswith("window") else wanted == have
        if not same:
            changes[key] = wanted
    node_type = params.get("cache_node_type")
    if node_type and node_type != (_pending(group, "cache_node_type") or group.get("cache_node_type")):
        changes["CacheNodeType"] = node_type
    engine = params.get("engine")
    if engine and engine != group.get("engine"):
        changes["Engine"] = engine
    version = params.get("engine_version")
    have_version = major_minor(_pending(group, "engine_version") or group.get("engine_version"))
    if version and version != have_version and version_key(version) > version_key(have_version):
        changes["EngineVersion"] = version
    if "Engine" in changes and "EngineVersion" not in changes and version:
        changes["EngineVersion"] = version
    failover = params.get("automatic_failover")
    if failover is not None and failover != (group.get("automatic_failover") in ("enabled", "enabling")):
        changes["AutomaticFailoverEnabled"] = failover
    multi_az = params.get("multi_az")
    if multi_az is not None and multi_az != (group.get("multi_az") == "enabled"):
        changes["MultiAZEnabled"] = multi_az
    groups = params.get("security_group_ids")
    if groups is not None and sorted(groups) != sorted(group.get("security_group_ids") or []):
        changes["SecurityGroupIds"] = list(groups)
    logs = plan_log_delivery(group, params.get("log_delivery"))
    if logs:
        changes["LogDeliveryConfigurations"] = logs
    if params.get("auth_token") is not None and params.get("auth_token_update_strategy"):
        changes["AuthToken"] = params["auth_token"]
        changes["AuthTokenUpdateStrategy"] = params["auth_token_update_strategy"].upper()
    return changes


def plan_replicas(group, params):
    """The new replica count, or None when it must not change."""
    wanted = params.get("num_replicas")
    if wanted is None or wanted == num_replicas_of(group):
        return None
    return wanted


def change_problems(group, changes, new_replicas):
    """What ElastiCache would refuse in the planned changes, given the group as it is."""
    replicas = num_replicas_of(group) if new_replicas is None else new_replicas
    failover = changes.get("AutomaticFailoverEnabled", group.get("automatic_failover") in ("enabled", "enabling"))
    multi_az = changes.get("MultiAZEnabled", group.get("multi_az") == "enabled")
    problems = []
    if failover and replicas < 1:
        problems.append("automatic failover needs at least one replica (num_replicas).")
    if multi_az and not failover:
        problems.append("multi_az needs automatic failover (automatic_failover=true).")
    if "AuthToken" in changes and not group.get("transit_encryption_enabled"):
        problems.append("auth_token needs encryption in transit, which this group doesn't have.")
    return problems


def predicted_changes(group, changes, new_replicas, apply_immediately=True):
    """The group as it is expected once changes (from plan_modify) and the replica count are applied."""
    new = dict(group)
    for key, read_key in PLAIN_SETTINGS.values():
        if key in changes:
            new[read_key] = changes[key]
    if apply_immediately:
        for key, read_key in (("CacheNodeType", "cache_node_type"), ("Engine", "engine")):
            if key in changes:
                new[read_key] = changes[key]
        if "EngineVersion" in changes:
            new["engine_version"] = changes["EngineVersion"]
    else:
        pending = dict(new.get("cluster_pending_modified_values") or {})
        if "CacheNodeType" in changes:
            pending["cache_node_type"] = changes["CacheNodeType"]
        if "EngineVersion" in changes:
            pending["engine_version"] = changes["EngineVersion"]
        new["cluster_pending_modified_values"] = pending
        if "Engine" in changes:
            new["engine"] = changes["Engine"]
    if "AutomaticFailoverEnabled" in changes:
        new["automatic_failover"] = "enabled" if changes["AutomaticFailoverEnabled"] else "disabled"
    if "MultiAZEnabled" in changes:
        new["multi_az"] = "enabled" if changes["MultiAZEnabled"] else "disabled"
    if "SecurityGroupIds" in changes:
        new["security_group_ids"] = list(changes["SecurityGroupIds"])
    if "LogDeliveryConfigurations" in changes:
        logs = {entry["log_type"]: entry for entry in _logs_of(group)}
        for request in changes["LogDeliveryConfigurations"]:
            if request["Enabled"]:
                logs[request["LogType"]] = _predicted_logs(
                    [
                        {
                            "log_type": request["LogType"],
                            "log_group": request["DestinationDetails"]["CloudWatchLogsDetails"]["LogGroup"],
                            "log_format": request["LogFormat"],
                        }
                    ]
                )[0]
            else:
                logs.pop(request["LogType"], None)
        new["log_delivery_configurations"] = [logs[log_type] for log_type in LOG_TYPES if log_type in logs]
    if "AuthToken" in changes:
        new["auth_token_enabled"] = True
    if new_replicas is not None:
        members = list(group.get("member_clusters") or [])
        group_id = group["replication_group_id"]
        new["member_clusters"] = (members + [f"{group_id}-{n:03d}" for n in range(len(members) + 1, 8)])[
            : new_replicas + 1
        ]
    return new


def _logs_of(group):
    return [
        {key: value for key, value in config.items() if key not in ("status", "message")}
        for config in group.get("log_delivery_configurations") or []
        if config.get("status") != "disabling"
    ]
