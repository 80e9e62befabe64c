# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""RDS Proxy helpers shared by appstack.aws.rds_db_proxy and appstack.aws.rds_db_proxy_info.

Every API helper expects a client created with
``module.client("rds", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleRDSError (from
``module_utils/rds.py``, whose error handler, poll interval and tag helpers serve every RDS module), which a
module turns into a failure with ``fail_json_aws_error``.

A proxy is returned as a snake_case dict (``boto3_resource_to_ansible_dict``) with its tags as a dict
under ``tags``, its ``default`` target group under ``target_group`` and that group's targets under
``targets``.  botocore has no waiters for RDS Proxy: ``RDSProxyWaiterFactory`` defines them.
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail
from ansible_collections.appstack.aws.plugins.module_utils.rds import (
    POLL_DELAY_SECONDS,
    AnsibleRDSError,
    RDSErrorHandler,
    list_tags,
)

# botocore's rds model: CreateDBProxy EngineFamily, UserAuthConfig IAMAuth and ClientPasswordAuthType.
ENGINE_FAMILIES = ["POSTGRESQL", "MYSQL", "SQLSERVER"]
AUTH_SCHEMES = ["SECRETS"]
IAM_AUTH_CHOICES = ["DISABLED", "REQUIRED", "ENABLED"]
CLIENT_PASSWORD_AUTH_TYPES = [
    "MYSQL_NATIVE_PASSWORD",
    "MYSQL_CACHING_SHA2_PASSWORD",
    "POSTGRES_SCRAM_SHA_256",
    "POSTGRES_MD5",
    "SQL_SERVER_AUTHENTICATION",
]
SESSION_PINNING_FILTERS = ["EXCLUDE_VARIABLE_SETS"]

# RDS Proxy has one target group, created with the proxy.
DEFAULT_TARGET_GROUP = "default"

# Settings ModifyDBProxy can't change (it has no parameter for them): the proxy must be replaced.
IMMUTABLE_SETTINGS = ("engine_family", "vpc_subnet_ids")

# Option of rds_db_proxy -> ModifyDBProxy parameter, for the settings compared as plain values.
MODIFIABLE_SETTINGS = {
    "role_arn": "RoleArn",
    "require_tls": "RequireTLS",
    "idle_client_timeout": "IdleClientTimeout",
    "debug_logging": "DebugLogging",
}

# Suboption of auth -> UserAuthConfig key.
AUTH_KEYS = {
    "description": "Description",
    "auth_scheme": "AuthScheme",
    "secret_arn": "SecretArn",
    "iam_auth": "IAMAuth",
    "client_password_auth_type": "ClientPasswordAuthType",
}

# Suboption of connection_pool -> ConnectionPoolConfig key.
POOL_KEYS = {
    "max_connections_percent": "MaxConnectionsPercent",
    "max_idle_connections_percent": "MaxIdleConnectionsPercent",
    "connection_borrow_timeout": "ConnectionBorrowTimeout",
    "session_pinning_filters": "SessionPinningFilters",
    "init_query": "InitQuery",
}

PROXY_NOT_FOUND = "DBProxyNotFoundFault"

# AWS's rules for a DB proxy name (CreateDBProxy DBProxyName): 1 to 63 characters, letters, digits and hyphens,
# a letter first, no hyphen last and no two consecutive hyphens.
PROXY_NAME_MAX_LENGTH = 63
PROXY_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*(?<!-)$")
# The ranges AWS documents for the proxy's and its pool's numeric settings.
IDLE_CLIENT_TIMEOUT_RANGE = (1, 28800)
POOL_RANGES = {
    "max_connections_percent": (1, 100),
    "max_idle_connections_percent": (0, 100),
    "connection_borrow_timeout": (0, 3600),
}


class RDSProxyWaiterFactory(BaseWaiterFactory):
    """Waiters for DescribeDBProxies and DescribeDBProxyTargets, which botocore doesn't have."""

    @property
    def _waiter_model_data(self):
        proxy_status = "DBProxies[0].Status"
        target_states = "Targets[].TargetHealth.State"
        return {
            "db_proxy_available": {
                "operation": "DescribeDBProxies",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 90,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": proxy_status, "expected": "available"},
                    {"state": "retry", "matcher": "path", "argument": proxy_status, "expected": "creating"},
                    {"state": "retry", "matcher": "path", "argument": proxy_status, "expected": "modifying"},
                    {
                        "state": "failure",
                        "matcher": "path",
                        "argument": proxy_status,
                        "expected": "incompatible-network",
                    },
                    {
                        "state": "failure",
                        "matcher": "path",
                        "argument": proxy_status,
                        "expected": "insufficient-resource-limits",
                    },
                ],
            },
            "db_proxy_deleted": {
                "operation": "DescribeDBProxies",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 90,
                "acceptors": [
                    {"state": "success", "matcher": "error", "expected": PROXY_NOT_FOUND},
                    {"state": "retry", "matcher": "path", "argument": proxy_status, "expected": "deleting"},
                ],
            },
            "db_proxy_targets_available": {
                "operation": "DescribeDBProxyTargets",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 90,
                "acceptors": [
                    {"state": "success", "matcher": "pathAll", "argument": target_states, "expected": "AVAILABLE"},
                    {"state": "retry", "matcher": "pathAny", "argument": target_states, "expected": "REGISTERING"},
                    {"state": "retry", "matcher": "pathAny", "argument": target_states, "expected": "UNAVAILABLE"},
                ],
            },
        }


# Reading


@RDSErrorHandler.list_error_handler("describe DB proxy", None)
def describe_proxy(client, name):
    """The proxy as boto3 describes it, or None."""
    proxies = client.describe_db_proxies(aws_retry=True, DBProxyName=name)["DBProxies"]
    return proxies[0] if proxies else None


@RDSErrorHandler.list_error_handler("describe DB proxies", [])
@AWSRetry.jittered_backoff()
def describe_proxies(client):
    paginator = client.get_paginator("describe_db_proxies")
    return paginator.paginate().build_full_result().get("DBProxies", [])


@RDSErrorHandler.list_error_handler("describe DB proxy target group", None)
@AWSRetry.jittered_backoff()
def describe_target_group(client, name):
    paginator = client.get_paginator("describe_db_proxy_target_groups")
    groups = (
        paginator.paginate(DBProxyName=name, TargetGroupName=DEFAULT_TARGET_GROUP)
        .build_full_result()
        .get("TargetGroups", [])
    )
    return groups[0] if groups else None


@RDSErrorHandler.list_error_handler("describe DB proxy targets", [])
@AWSRetry.jittered_backoff()
def describe_targets(client, name):
    paginator = client.get_paginator("describe_db_proxy_targets")
    return (
        paginator.paginate(DBProxyName=name, TargetGroupName=DEFAULT_TARGET_GROUP)
        .build_full_result()
        .get("Targets", [])
    )


def to_ansible(resource):
    return boto3_resource_to_ansible_dict(resource, transform_tags=False, force_tags=False) if resource else {}


def normalize_proxy(client, proxy):
    """A boto3 proxy as a snake_case dict with its tags, default target group and targets."""
    result = to_ansible(proxy)
    name = proxy["DBProxyName"]
    result["tags"] = list_tags(client, proxy["DBProxyArn"])
    result["target_group"] = to_ansible(describe_target_group(client, name))
    result["targets"] = [to_ansible(target) for target in describe_targets(client, name)]
    return result


def get_proxy(client, name):
    """The proxy named name as a snake_case dict (see normalize_proxy), or None."""
    proxy = describe_proxy(client, name)
    return normalize_proxy(client, proxy) if proxy else None


def list_proxies(client):
    return [normalize_proxy(client, proxy) for proxy in describe_proxies(client)]


# Writing


def auth_to_api(auth):
    """The auth option as a UserAuthConfig list, with only the keys the user set."""
    return [{AUTH_KEYS[key]: value for key, value in entry.items() if value is not None} for entry in auth or []]


def pool_to_api(pool):
    return {POOL_KEYS[key]: value for key, value in (pool or {}).items() if value is not None}


@RDSErrorHandler.common_error_handler("create DB proxy")
def create_proxy(client, params):
    kwargs = {
        "DBProxyName": params["name"],
        "EngineFamily": params["engine_family"],
        "Auth": auth_to_api(params["auth"]),
        "RoleArn": params["role_arn"],
        "VpcSubnetIds": params["vpc_subnet_ids"],
    }
    if params.get("vpc_security_group_ids"):
        kwargs["VpcSecurityGroupIds"] = params["vpc_security_group_ids"]
    for option, key in MODIFIABLE_SETTINGS.items():
        if option != "role_arn" and params.get(option) is not None:
            kwargs[key] = params[option]
    if params.get("tags"):
        kwargs["Tags"] = ansible_dict_to_boto3_tag_list(params["tags"])
    return client.create_db_proxy(aws_retry=True, **kwargs)["DBProxy"]


@RDSErrorHandler.common_error_handler("modify DB proxy")
def modify_proxy(client, name, changes):
    return client.modify_db_proxy(aws_retry=True, DBProxyName=name, **changes)["DBProxy"]


@RDSErrorHandler.common_error_handler("modify DB proxy target group")
def modify_target_group(client, name, pool_config):
    return client.modify_db_proxy_target_group(
        aws_retry=True, DBProxyName=name, TargetGroupName=DEFAULT_TARGET_GROUP, ConnectionPoolConfig=pool_config
    )["DBProxyTargetGroup"]


@RDSErrorHandler.common_error_handler("register DB proxy target")
def register_instance(client, name, db_instance_identifier):
    client.register_db_proxy_targets(
        aws_retry=True,
        DBProxyName=name,
        TargetGroupName=DEFAULT_TARGET_GROUP,
        DBInstanceIdentifiers=[db_instance_identifier],
    )


@RDSErrorHandler.deletion_error_handler("deregister DB proxy target")
def deregister_instance(client, name, db_instance_identifier):
    client.deregister_db_proxy_targets(
        aws_retry=True,
        DBProxyName=name,
        TargetGroupName=DEFAULT_TARGET_GROUP,
        DBInstanceIdentifiers=[db_instance_identifier],
    )


@RDSErrorHandler.deletion_error_handler("delete DB proxy")
def delete_proxy(client, name):
    client.delete_db_proxy(aws_retry=True, DBProxyName=name)
    return True


# What each waiter waits for, and how to read the last status from its last response.
WAITED_FOR = {
    "db_proxy_available": ("to be available", lambda r: (r.get("DBProxies") or [{}])[0].get("Status", "unknown")),
    "db_proxy_deleted": ("to be deleted", lambda r: (r.get("DBProxies") or [{}])[0].get("Status", "unknown")),
    "db_proxy_targets_available": (
        "to have available targets",
        lambda r: (
            ", ".join(
                f"{t.get('RdsResourceId')} {t.get('TargetHealth', {}).get('State', 'unknown')}"
                for t in r.get("Targets") or []
            )
            or "no targets"
        ),
    ),
}


@RDSErrorHandler.common_error_handler("wait for DB proxy")
def wait(client, waiter_name, timeout, **kwargs):
    """Wait with one of RDSProxyWaiterFactory's waiters; fail on timeout with the proxy's last status."""
    goal, last_status = WAITED_FOR[waiter_name]
    wait_or_fail(
        RDSProxyWaiterFactory().get_waiter(client, waiter_name),
        timeout,
        POLL_DELAY_SECONDS,
        f"DB proxy {kwargs['DBProxyName']} {goal}",
        last_status,
        AnsibleRDSError,
        **kwargs,
    )


# Planning: what must change on an existing proxy


def immutable_differences(current, params):
    """The settings asked for that differ from the proxy's and that AWS can't change, as messages."""
    differences = []
    if params.get("engine_family") and params["engine_family"] != current.get("engine_family"):
        differences.append(f"engine_family is {current.get('engine_family')}, not {params['engine_family']}")
    if params.get("vpc_subnet_ids") is not None and set(params["vpc_subnet_ids"]) != set(
        current.get("vpc_subnet_ids") or []
    ):
        differences.append(
            f"vpc_subnet_ids are {sorted(current.get('vpc_subnet_ids') or [])}, not {sorted(params['vpc_subnet_ids'])}"
        )
    return differences


def _auth_entry_matches(current_entry, desired_entry):
    return all(value is None or current_entry.get(key) == value for key, value in desired_entry.items())


def auth_matches(current_auth, desired_auth):
    """Whether the proxy's auth list is the one asked for: the same secrets, and the given fields equal."""
    current_by_secret = {entry.get("secret_arn"): entry for entry in current_auth or []}
    desired_secrets = [entry.get("secret_arn") for entry in desired_auth]
    if sorted(current_by_secret, key=str) != sorted(desired_secrets, key=str):
        return False
    return all(_auth_entry_matches(current_by_secret[entry.get("secret_arn")], entry) for entry in desired_auth)


def plan_proxy_changes(current, params):
    """The ModifyDBProxy parameters that bring the proxy to params (empty: nothing to change).

    Only the options given are compared; an option left unset is not touched.
    """
    changes = {}
    for option, key in MODIFIABLE_SETTINGS.items():
        if params.get(option) is not None and params[option] != current.get(option):
            changes[key] = params[option]
    groups = params.get("vpc_security_group_ids")
    if groups is not None and set(groups) != set(current.get("vpc_security_group_ids") or []):
        changes["SecurityGroups"] = groups
    if params.get("auth") is not None and not auth_matches(current.get("auth"), params["auth"]):
        changes["Auth"] = auth_to_api(params["auth"])
    return changes


def plan_pool_changes(current_pool, pool):
    """The ConnectionPoolConfig settings of pool that differ from the target group's (empty: none)."""
    current_pool = current_pool or {}
    changes = {}
    for option, value in (pool or {}).items():
        if value is None:
            continue
        current = current_pool.get(option)
        if option == "session_pinning_filters":
            differs = sorted(value) != sorted(current or [])
        elif option == "init_query":
            differs = value != (current or "")
        else:
            differs = value != current
        if differs:
            changes[POOL_KEYS[option]] = value
    return changes


def registered_instances(targets):
    return [target["rds_resource_id"] for target in targets if target.get("type") == "RDS_INSTANCE"]


def plan_targets(targets, db_instance_identifier):
    """(instances to register, instances to deregister) to make db_instance_identifier the only instance target.

    None leaves the targets alone; identifiers compare without regard to case, as RDS does.
    """
    if db_instance_identifier is None:
        return [], []
    current = registered_instances(targets)
    wanted = db_instance_identifier.lower()
    to_register = [] if wanted in (name.lower() for name in current) else [db_instance_identifier]
    to_deregister = [name for name in current if name.lower() != wanted]
    return to_register, to_deregister


def plan_changes(current, params):
    """Everything but tags that the module would change on an existing proxy: (the ModifyDBProxy parameters,
    the ConnectionPoolConfig settings, (instances to register, instances to deregister))."""
    current_pool = (current.get("target_group") or {}).get("connection_pool_config")
    return (
        plan_proxy_changes(current, params),
        plan_pool_changes(current_pool, params.get("connection_pool")),
        plan_targets(current.get("targets") or [], params.get("target_db_instance_identifier")),
    )


def predicted_proxy(params):
    """The state a proxy created from params is expected to have (check mode, and before AWS answers)."""
    proxy = {
        "db_proxy_name": params["name"],
        "status": "creating",
        "engine_family": params["engine_family"],
        "auth": [{key: value for key, value in entry.items() if value is not None} for entry in params["auth"]],
        "role_arn": params["role_arn"],
        "vpc_subnet_ids": params["vpc_subnet_ids"],
        "vpc_security_group_ids": params.get("vpc_security_group_ids") or [],
        "tags": dict(params.get("tags") or {}),
        "target_group": {},
        "targets": [],
    }
    for option in ("require_tls", "idle_client_timeout", "debug_logging"):
        if params.get(option) is not None:
            proxy[option] = params[option]
    return proxy


# Checking the options: pure functions


def name_problems(name, option="name"):
    """What is wrong with a DB proxy name, by AWS's rules, as messages (empty: nothing)."""
    if name is None:
        return []
    rules = (
        f"{option} must be 1 to {PROXY_NAME_MAX_LENGTH} letters, digits or hyphens, start with a letter, not end"
        " with a hyphen and not hold two consecutive hyphens"
    )
    if not name:
        return [f"{rules}; it is empty."]
    if len(name) > PROXY_NAME_MAX_LENGTH:
        return [f"{rules}; {name} has {len(name)} characters."]
    if not PROXY_NAME.match(name):
        return [f"{rules}, not {name}."]
    return []


def range_problems(values, ranges, prefix=""):
    """A message for each value of values (a dict) that is set and outside its (low, high) in ranges."""
    problems = []
    for option, (low, high) in ranges.items():
        value = (values or {}).get(option)
        if value is not None and not low <= value <= high:
            problems.append(f"{prefix}{option} must be {low} to {high}, not {value}.")
    return problems
