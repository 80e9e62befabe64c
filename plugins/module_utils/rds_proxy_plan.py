# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.rds_db_proxy: what must change on an existing proxy, as pure functions of the proxy
read (``rds_proxy.get_proxy``) and the module's options, and the options as the API spells them.

The rds_proxy_drift filter plans with them too, so that it and the module never disagree; they import nothing of
botocore, since Ansible imports every filter file (and what it uses) in the process of every task.
"""

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


def auth_to_api(auth):
    """The auth option as a UserAuthConfig list, with only the keys the user set."""
    return [{AUTH_KEYS[key]: value for key, value in entry.items() if value is not None} for entry in auth or []]


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
