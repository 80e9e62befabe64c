"""What ElastiCache accepts in a replication group request: engines, versions, names, tokens and log delivery.

Pure checks used by ``emulator.fixes.elasticache_replication_groups``. Each raises the error AWS answers with
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html and
API_ModifyReplicationGroup.html, "Request Parameters" and "Errors"):

* ``ReplicationGroupId``: 1 to 40 letters, digits or hyphens, starting with a letter, neither ending with a hyphen
  nor holding two consecutive ones; stored in lower case (``InvalidParameterValue``).
* ``Engine``: ``valkey`` or ``redis`` (``InvalidParameterValue``); ``EngineVersion`` one that
  ``DescribeCacheEngineVersions`` lists for that engine (``InvalidParameterCombination``: "Cannot find version").
* ``AuthToken``: 16 to 128 printable ASCII characters; at create, the only non-alphanumeric characters allowed are
  ``! & # $ ^ < > -`` (the AUTH page of the user guide, https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html);
  on modify, ``/ " @ %`` are refused (``InvalidParameterValue``).
* ``LogDeliveryConfigurations``: ``LogType`` slow-log or engine-log, ``DestinationType`` cloudwatch-logs or
  kinesis-firehose with the matching details, ``LogFormat`` text or json, one configuration per log type
  (API_LogDeliveryConfigurationRequest.html).
"""

from __future__ import annotations

import re
import string
from typing import Any

from moto.elasticache.exceptions import (
    ElastiCacheException,
    InvalidParameterCombinationException,
    InvalidParameterValueException,
)

# The engine versions the emulator knows, as DescribeCacheEngineVersions lists them, with the parameter group
# family of each (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html).
ENGINE_VERSIONS: dict[str, dict[str, tuple[str, str]]] = {
    "valkey": {"7.2": ("7.2.6", "valkey7"), "8.0": ("8.0.1", "valkey8"), "8.1": ("8.1.0", "valkey8"),
               "8.2": ("8.2.0", "valkey8")},
    "redis": {"6.2": ("6.2.6", "redis6.x"), "7.0": ("7.0.7", "redis7"), "7.1": ("7.1.0", "redis7")},
}  # fmt: skip
# The default parameter group of each family: they always exist.
DEFAULT_PARAMETER_GROUPS = {
    f"default.{family}": family for versions in ENGINE_VERSIONS.values() for _, family in versions.values()
}
REPLICATION_GROUP_ID = re.compile(r"^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,39}(?<!-)$")
CACHE_NODE_TYPE = re.compile(r"^cache\.[a-z]+\d+[a-z0-9-]*\.[a-z0-9]+$")
CREATE_TOKEN_SPECIALS = set("!&#$^<>-")
MODIFY_TOKEN_FORBIDDEN = set('/"@% ')
LOG_TYPES = ("slow-log", "engine-log")
LOG_FORMATS = ("text", "json")
DESTINATION_DETAILS = {"cloudwatch-logs": "CloudWatchLogsDetails", "kinesis-firehose": "KinesisFirehoseDetails"}
MAX_NUM_CACHE_CLUSTERS = 6
MAX_SNAPSHOT_RETENTION_DAYS = 35


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"

    def __init__(self, name: str):
        super().__init__(f"CacheParameterGroup {name} not found.")


class InvalidKMSKeyFault(ElastiCacheException):
    code = "InvalidKMSKeyFault"


def check_group_id(group_id: str | None) -> str:
    if not group_id or not REPLICATION_GROUP_ID.match(group_id):
        raise InvalidParameterValueException(
            f"Invalid replication group id {group_id!r}: 1 to 40 letters, digits or hyphens, starting with a letter,"
            " not ending with a hyphen nor holding two consecutive hyphens."
        )
    return group_id.lower()


def check_engine(engine: str | None) -> str:
    value = (engine or "redis").lower()
    if value not in ENGINE_VERSIONS:
        raise InvalidParameterValueException(f"Invalid engine {engine!r}: the value must be valkey or redis.")
    return value


def engine_version(engine: str, version: str | None) -> tuple[str, str]:
    """(full version, parameter group family) of a version given as X.Y or X.Y.Z; the latest when None."""
    versions = ENGINE_VERSIONS[engine]
    if version is None:
        return versions[max(versions, key=version_key)]
    major_minor = ".".join(version.split(".")[:2])
    found = versions.get(major_minor)
    if found is None or (version.count(".") == 2 and version != found[0]):
        raise InvalidParameterCombinationException(f"Cannot find version {version} for {engine}")
    return found


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def check_cache_node_type(node_type: str | None) -> str:
    if not node_type:
        raise InvalidParameterValueException("The parameter CacheNodeType must be provided and must not be null.")
    if not CACHE_NODE_TYPE.match(node_type):
        raise InvalidParameterValueException(f"Invalid cache node type: {node_type}")
    return node_type


def check_snapshot_retention(limit: int | None) -> None:
    if limit is not None and not 0 <= limit <= MAX_SNAPSHOT_RETENTION_DAYS:
        raise InvalidParameterValueException(
            f"Invalid SnapshotRetentionLimit {limit}: it must be between 0 and {MAX_SNAPSHOT_RETENTION_DAYS}."
        )


def check_port(port: int | None) -> None:
    if port is not None and not 1 <= port <= 65535:
        raise InvalidParameterValueException(f"Invalid port {port}.")


def check_auth_token(token: str, on_create: bool) -> None:
    printable = set(string.printable) - set(string.whitespace)
    valid = 16 <= len(token) <= 128 and set(token) <= printable
    if on_create:
        valid = valid and all(char.isalnum() or char in CREATE_TOKEN_SPECIALS for char in token)
        rule = "the only non-alphanumeric characters allowed are !, &, #, $, ^, <, > and -"
    else:
        valid = valid and not set(token) & MODIFY_TOKEN_FORBIDDEN
        rule = "it can't contain '/', '\"', '@' or '%'"
    if not valid:
        raise InvalidParameterValueException(
            f"Invalid AuthToken: it must be 16 to 128 printable ASCII characters, and {rule}."
        )


def check_failover(automatic_failover: bool, multi_az: bool, num_cache_clusters: int) -> None:
    if automatic_failover and num_cache_clusters < 2:
        raise InvalidParameterCombinationException(
            "When using automatic failover, there must be at least 2 cache clusters in the replication group."
        )
    if multi_az and not automatic_failover:
        raise InvalidParameterCombinationException("Multi-AZ requires automatic failover to be enabled.")


def log_delivery(requests: list[dict[str, Any]] | None, current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The log delivery configurations once ``requests`` are applied to ``current`` (disabled ones removed)."""
    by_type = {config["LogType"]: config for config in current}
    seen = set()
    for request in requests or []:
        log_type = request.get("LogType")
        if log_type not in LOG_TYPES:
            raise InvalidParameterValueException(f"Invalid LogType {log_type!r}: slow-log or engine-log.")
        if log_type in seen:
            raise InvalidParameterCombinationException(f"Duplicate log delivery configuration for {log_type}.")
        seen.add(log_type)
        if str(request.get("Enabled", True)).lower() == "false":
            by_type.pop(log_type, None)
            continue
        destination = request.get("DestinationType")
        details_key = DESTINATION_DETAILS.get(destination)
        if details_key is None:
            raise InvalidParameterValueException(
                f"Invalid DestinationType {destination!r}: cloudwatch-logs or kinesis-firehose."
            )
        details = (request.get("DestinationDetails") or {}).get(details_key)
        if not details:
            raise InvalidParameterValueException(f"DestinationDetails.{details_key} is required for {destination}.")
        log_format = request.get("LogFormat")
        if log_format not in LOG_FORMATS:
            raise InvalidParameterValueException(f"Invalid LogFormat {log_format!r}: text or json.")
        by_type[log_type] = {
            "LogType": log_type,
            "DestinationType": destination,
            "DestinationDetails": {details_key: details},
            "LogFormat": log_format,
        }
    return [by_type[log_type] for log_type in LOG_TYPES if log_type in by_type]


def region_code(region: str) -> str:
    """us-east-1 -> use1, eu-west-2 -> euw2, ap-southeast-1 -> apse1: the region part of an endpoint."""
    area, direction, number = ([*region.split("-"), "", ""])[:3]
    short = {"northeast": "ne", "southeast": "se", "northwest": "nw", "southwest": "sw"}.get(direction, direction[:1])
    return f"{area}{short}{number}"
