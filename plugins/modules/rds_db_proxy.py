#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: rds_db_proxy
version_added: 0.2.0
short_description: Manage Amazon RDS Proxy proxies
description:
  - Create, update and delete an Amazon RDS Proxy, its C(default) target group's connection pool settings and the
    DB instance registered as its target.
  - On an existing proxy, only the settings given are compared and changed; an option left unset leaves that
    setting as it is.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the proxy (C(DBProxyName)).
      - 1 to 63 letters, digits or hyphens, starting with a letter; it can't end with a hyphen or hold two
        consecutive hyphens.
    type: str
    required: true
    aliases: ["db_proxy_name"]
  state:
    description:
      - Whether the proxy should exist.
      - O(state=absent) deletes the proxy; the DB instance behind it is not touched.
    type: str
    choices: ["present", "absent"]
    default: present
  engine_family:
    description:
      - The kind of database the proxy connects to.
      - Required to create a proxy. RDS can't change it afterwards; see O(vpc_subnet_ids).
    type: str
    choices: ["POSTGRESQL", "MYSQL", "SQLSERVER"]
  auth:
    description:
      - How the proxy logs in to the database, one entry per Secrets Manager secret.
      - Required to create a proxy. On an existing proxy, the list is compared secret by secret (each entry's
        given fields only); when it differs, the whole list is sent to C(ModifyDBProxy), replacing the proxy's.
    type: list
    elements: dict
    suboptions:
      secret_arn:
        description: The ARN of the Secrets Manager secret holding the database user's C(username) and C(password).
        type: str
        required: true
      auth_scheme:
        description: The kind of authentication; RDS Proxy knows only V(SECRETS).
        type: str
        choices: ["SECRETS"]
        default: SECRETS
      iam_auth:
        description:
          - Whether clients must (V(REQUIRED)), may (V(ENABLED)) or may not (V(DISABLED)) log in to the proxy
            with IAM database authentication.
          - When not set, RDS uses V(DISABLED) for a new proxy.
        type: str
        choices: ["DISABLED", "REQUIRED", "ENABLED"]
      client_password_auth_type:
        description:
          - The password authentication clients use with the proxy, one of those of O(engine_family).
          - When not set, RDS picks the engine's default (V(POSTGRES_SCRAM_SHA_256) for PostgreSQL).
        type: str
        choices:
          - MYSQL_NATIVE_PASSWORD
          - MYSQL_CACHING_SHA2_PASSWORD
          - POSTGRES_SCRAM_SHA_256
          - POSTGRES_MD5
          - SQL_SERVER_AUTHENTICATION
      description:
        description: A description of this entry.
        type: str
  role_arn:
    description:
      - The ARN of the IAM role the proxy uses to read the secrets of O(auth) (C(secretsmanager:GetSecretValue),
        and C(kms:Decrypt) on their key). Its trust policy must allow C(rds.amazonaws.com).
      - Required to create a proxy.
    type: str
  vpc_subnet_ids:
    description:
      - The subnets the proxy runs in, at least two in different Availability Zones of one VPC.
      - Required to create a proxy. RDS can't change the subnets (or O(engine_family)) of a proxy; when they differ
        from the existing proxy's, the module fails without changing anything. To change them, delete the proxy
        with O(state=absent) and create it again; its endpoint name stays the same, but clients are disconnected.
    type: list
    elements: str
  vpc_security_group_ids:
    description:
      - The VPC security groups of the proxy, compared as a set.
      - When not set, a new proxy gets the VPC's default security group.
    type: list
    elements: str
  require_tls:
    description: Whether clients must connect to the proxy with TLS.
    type: bool
  idle_client_timeout:
    description: Seconds (1 to 28,800) a client connection may stay idle before the proxy closes it. RDS defaults to 1,800.
    type: int
  debug_logging:
    description: Whether the proxy logs the SQL statements and connection details it sees; for troubleshooting only.
    type: bool
  target_db_instance_identifier:
    description:
      - The DB instance to register as the target of the proxy's C(default) target group.
      - Any other DB instance registered there is deregistered, so that changing it moves the proxy to the new
        instance. When not set, the targets are left as they are.
      - The instance must be V(available); RDS refuses to register one that is not.
      - When a new proxy is given a target or O(connection_pool), the module waits for the proxy to become
        V(available) before setting them, whatever O(wait) says.
    type: str
  connection_pool:
    description:
      - Connection pool settings of the C(default) target group; only those given are compared and changed.
    type: dict
    aliases: ["connection_pool_config"]
    suboptions:
      max_connections_percent:
        description: The share (1 to 100) of the database's C(max_connections) the proxy may use. RDS defaults to 100.
        type: int
      max_idle_connections_percent:
        description: The share (0 to O(connection_pool.max_connections_percent)) of C(max_connections) the proxy keeps open while idle.
        type: int
      connection_borrow_timeout:
        description: Seconds (0 to 3,600) a client waits for a connection from the pool when all are in use. RDS defaults to 120.
        type: int
      session_pinning_filters:
        description: SQL operations that don't pin a client session to a connection; compared as a set.
        type: list
        elements: str
        choices: ["EXCLUDE_VARIABLE_SETS"]
      init_query:
        description: SQL statements the proxy runs on each new database connection (for example C(SET TIME ZONE 'UTC')).
        type: str
  wait:
    description:
      - Wait for the proxy to be V(available) and, when it has targets, for them to be V(AVAILABLE); with
        O(state=absent), wait until the proxy is gone.
      - Whatever O(wait) says, a proxy that is still being created or modified and differs from the options is
        awaited (up to O(wait_timeout)) before it is changed, since RDS refuses to change it meanwhile; a matching
        one is left as it is.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds (above 0) to wait. The module fails, naming the proxy and its last status, when the wait
        runs out.
    type: int
    default: 900
notes:
  - Neither amazon.aws nor community.aws has a module for RDS Proxy.
  - The options are checked before any API call (the name by AWS's rules, the ranges above, O(wait_timeout)); a
    failure lists every problem found.
  - Updates go through C(ModifyDBProxy), C(ModifyDBProxyTargetGroup), C(RegisterDBProxyTargets),
    C(DeregisterDBProxyTargets), C(AddTagsToResource) and C(RemoveTagsFromResource); the caller also needs
    C(rds:DescribeDBProxies), C(rds:DescribeDBProxyTargetGroups), C(rds:DescribeDBProxyTargets),
    C(rds:ListTagsForResource) and, to create a proxy, C(iam:PassRole) on O(role_arn).
  - Use M(appstack.aws.rds_db_proxy_info) to read proxies.
  - Supports check mode and diff mode. Check mode returns the expected proxy and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a PostgreSQL proxy in front of a DB instance, logging in with the credentials secret
  appstack.aws.rds_db_proxy:
    name: smartscheduler-prod
    engine_family: POSTGRESQL
    auth:
      - secret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/db/prod/credentials-AbCdEf
        iam_auth: DISABLED
        client_password_auth_type: POSTGRES_SCRAM_SHA_256
    role_arn: arn:aws:iam::123456789012:role/smartscheduler-prod-rds-proxy
    vpc_subnet_ids: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
    vpc_security_group_ids: [sg-0123456789abcdef0]
    require_tls: true
    idle_client_timeout: 1800
    target_db_instance_identifier: smartscheduler-prod
    connection_pool:
      max_connections_percent: 90
      max_idle_connections_percent: 50
      connection_borrow_timeout: 120
    tags:
      Environment: prod

- name: Require IAM authentication without touching any other setting
  appstack.aws.rds_db_proxy:
    name: smartscheduler-prod
    auth:
      - secret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:smartscheduler/db/prod/credentials-AbCdEf
        iam_auth: REQUIRED

- name: Delete a proxy
  appstack.aws.rds_db_proxy:
    name: smartscheduler-dev
    state: absent
"""

RETURN = r"""
db_proxy:
  description:
    - The proxy, with its tags, its C(default) target group and that group's targets.
    - In check mode, the state the proxy would have; values only AWS can give (such as the endpoint of a new
      proxy) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    db_proxy_name:
      description: The name of the proxy.
      returned: always
      type: str
      sample: smartscheduler-prod
    db_proxy_arn:
      description: The ARN of the proxy.
      returned: when the proxy exists
      type: str
      sample: arn:aws:rds:us-east-1:123456789012:db-proxy:prx-0123456789abcdef0
    status:
      description: The status of the proxy, such as V(creating), V(available) or V(modifying).
      returned: always
      type: str
      sample: available
    endpoint:
      description: The host name clients connect to.
      returned: when the proxy exists
      type: str
      sample: smartscheduler-prod.proxy-abcdefghijkl.us-east-1.rds.amazonaws.com
    engine_family:
      description: The kind of database the proxy connects to.
      returned: always
      type: str
      sample: POSTGRESQL
    auth:
      description: How the proxy logs in, one entry per secret (C(secret_arn), C(auth_scheme), C(iam_auth), ...).
      returned: always
      type: list
      elements: dict
      sample: [{"auth_scheme": "SECRETS", "iam_auth": "DISABLED", "secret_arn": "arn:aws:secretsmanager:..."}]
    role_arn:
      description: The IAM role the proxy reads its secrets with.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:role/smartscheduler-prod-rds-proxy
    vpc_id:
      description: The VPC of the proxy.
      returned: when the proxy exists
      type: str
      sample: vpc-0123456789abcdef0
    vpc_subnet_ids:
      description: The subnets of the proxy.
      returned: always
      type: list
      elements: str
    vpc_security_group_ids:
      description: The security groups of the proxy.
      returned: always
      type: list
      elements: str
    require_tls:
      description: Whether clients must use TLS.
      returned: when known
      type: bool
      sample: true
    idle_client_timeout:
      description: Seconds an idle client connection is kept.
      returned: when known
      type: int
      sample: 1800
    debug_logging:
      description: Whether debug logging is on.
      returned: when known
      type: bool
      sample: false
    created_date:
      description: When the proxy was created.
      returned: when the proxy exists
      type: str
    updated_date:
      description: When the proxy was last changed.
      returned: when the proxy exists
      type: str
    tags:
      description: The tags of the proxy.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    target_group:
      description:
        - The C(default) target group (C(target_group_name), C(target_group_arn), C(status), C(is_default)), with
          its C(connection_pool_config) (C(max_connections_percent), C(max_idle_connections_percent),
          C(connection_borrow_timeout), C(session_pinning_filters), C(init_query)).
      returned: always
      type: dict
    targets:
      description:
        - The targets of the C(default) target group (C(rds_resource_id), C(type), C(endpoint), C(port),
          C(target_arn), C(target_health)).
      returned: always
      type: list
      elements: dict
      sample: [{"rds_resource_id": "smartscheduler-prod", "type": "RDS_INSTANCE", "target_health": {"state": "AVAILABLE"}}]
"""

from copy import deepcopy
from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import rds, rds_proxy, rds_proxy_plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems
from ansible_collections.appstack.aws.plugins.module_utils.rds import AnsibleRDSError
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

REQUIRED_TO_CREATE = ("engine_family", "auth", "role_arn", "vpc_subnet_ids")


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = rds_proxy.name_problems(params["name"])
    low, high = rds_proxy.IDLE_CLIENT_TIMEOUT_RANGE
    if params.get("idle_client_timeout") is not None and not low <= params["idle_client_timeout"] <= high:
        problems.append(f"idle_client_timeout must be {low} to {high} seconds, not {params['idle_client_timeout']}.")
    pool = params.get("connection_pool") or {}
    problems.extend(rds_proxy.range_problems(pool, rds_proxy.POOL_RANGES, prefix="connection_pool."))
    most, idle = pool.get("max_connections_percent"), pool.get("max_idle_connections_percent")
    if most is not None and idle is not None and idle > most:
        problems.append(
            f"connection_pool.max_idle_connections_percent ({idle}) can't be above"
            f" connection_pool.max_connections_percent ({most})."
        )
    problems.extend(wait_timeout_problems(params.get("wait_timeout")))
    return problems


def check_replaceable(current, params):
    """Refuse to go on when a setting RDS can't change differs from the existing proxy's."""
    differences = rds_proxy_plan.immutable_differences(current, params)
    if differences:
        raise AnsibleRDSError(
            message=(
                f"RDS Proxy {params['name']} can't be changed in place: {'; '.join(differences)}. RDS can't change"
                " the engine family or the subnets of a proxy. To change them, delete the proxy with state=absent"
                " and create it again (clients are disconnected meanwhile), or leave these options as they are."
            )
        )


def create(client, params, check_mode):
    missing = [option for option in REQUIRED_TO_CREATE if not params.get(option)]
    if missing:
        raise AnsibleRDSError(
            message=f"RDS Proxy {params['name']} does not exist; to create it, set {', '.join(missing)}."
        )
    if check_mode:
        return rds_proxy_plan.predicted_proxy(params)
    created = rds_proxy.to_ansible(rds_proxy.create_proxy(client, params))
    created.update(tags=dict(params.get("tags") or {}), target_group={}, targets=[])
    if params["target_db_instance_identifier"] or params["connection_pool"]:
        # The target group can't be changed while the proxy is being created.
        rds_proxy.wait(client, "db_proxy_available", params["wait_timeout"], DBProxyName=params["name"])
    return created


def ensure_settings(client, proxy, params, check_mode):
    changes = rds_proxy_plan.plan_proxy_changes(proxy, params)
    if not changes:
        return False, proxy
    new_proxy = deepcopy(proxy)
    for option, key in rds_proxy_plan.MODIFIABLE_SETTINGS.items():
        if key in changes:
            new_proxy[option] = changes[key]
    if "SecurityGroups" in changes:
        new_proxy["vpc_security_group_ids"] = changes["SecurityGroups"]
    if "Auth" in changes:
        new_proxy["auth"] = [{k: v for k, v in entry.items() if v is not None} for entry in params["auth"]]
    if not check_mode:
        rds_proxy.modify_proxy(client, params["name"], changes)
    return True, new_proxy


def ensure_pool(client, proxy, params, check_mode):
    current_pool = proxy.get("target_group", {}).get("connection_pool_config")
    changes = rds_proxy_plan.plan_pool_changes(current_pool, params["connection_pool"])
    if not changes:
        return False, proxy
    new_proxy = deepcopy(proxy)
    pool = new_proxy.setdefault("target_group", {}).setdefault("connection_pool_config", {})
    pool.update({key: value for key, value in params["connection_pool"].items() if value is not None})
    if not check_mode:
        rds_proxy.modify_target_group(client, params["name"], changes)
    return True, new_proxy


def ensure_target(client, proxy, params, check_mode):
    to_register, to_deregister = rds_proxy_plan.plan_targets(
        proxy.get("targets", []), params["target_db_instance_identifier"]
    )
    if not to_register and not to_deregister:
        return False, proxy
    new_proxy = deepcopy(proxy)
    new_proxy["targets"] = [t for t in new_proxy.get("targets", []) if t.get("rds_resource_id") not in to_deregister]
    new_proxy["targets"].extend(
        {"rds_resource_id": name, "type": "RDS_INSTANCE", "target_health": {"state": "REGISTERING"}}
        for name in to_register
    )
    if not check_mode:
        for name in to_deregister:
            rds_proxy.deregister_instance(client, params["name"], name)
        for name in to_register:
            rds_proxy.register_instance(client, params["name"], name)
    return True, new_proxy


def ensure_proxy_tags(client, proxy, params, check_mode):
    arn = proxy["db_proxy_arn"]
    return ensure_tags(
        proxy,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(rds.add_tags, client, arn),
        untag=partial(rds.remove_tags, client, arn),
    )


def settled(client, current, params, check_mode):
    """The proxy as it can be changed: RDS refuses to change a proxy that is still being created or
    modified (a run that started it without waiting), so such a proxy is awaited first, once there is
    something to change."""
    if check_mode or current.get("status") == "available":
        return current
    settings, pool, (to_register, to_deregister) = rds_proxy_plan.plan_changes(current, params)
    if not (settings or pool or to_register or to_deregister):
        return current
    rds_proxy.wait(client, "db_proxy_available", params["wait_timeout"], DBProxyName=params["name"])
    return rds_proxy.get_proxy(client, params["name"])


def ensure_present(client, current, params, check_mode):
    """Bring the proxy to what params ask for; returns (changed, expected state)."""
    if current:
        check_replaceable(current, params)
        current = settled(client, current, params, check_mode)
        changed, proxy = False, current
        for step in (ensure_settings, ensure_proxy_tags):
            step_changed, proxy = step(client, proxy, params, check_mode)
            changed = changed or step_changed
    else:
        changed, proxy = True, create(client, params, check_mode)
    for step in (ensure_pool, ensure_target):
        step_changed, proxy = step(client, proxy, params, check_mode)
        changed = changed or step_changed
    return changed, proxy


def ensure_absent(client, current, params, check_mode):
    """Delete the proxy; returns (changed, expected state), the state being None: no proxy."""
    if not current:
        return False, None
    if not check_mode:
        rds_proxy.delete_proxy(client, params["name"])
        if params["wait"]:
            rds_proxy.wait(client, "db_proxy_deleted", params["wait_timeout"], DBProxyName=params["name"])
    return True, None


def wait_until_ready(client, proxy, params):
    rds_proxy.wait(client, "db_proxy_available", params["wait_timeout"], DBProxyName=params["name"])
    if proxy.get("targets") or params["target_db_instance_identifier"]:
        rds_proxy.wait(
            client,
            "db_proxy_targets_available",
            params["wait_timeout"],
            DBProxyName=params["name"],
            TargetGroupName=rds_proxy.DEFAULT_TARGET_GROUP,
        )


def main():
    auth_spec = dict(
        secret_arn=dict(type="str", required=True),
        auth_scheme=dict(type="str", default="SECRETS", choices=rds_proxy.AUTH_SCHEMES),
        iam_auth=dict(type="str", choices=rds_proxy.IAM_AUTH_CHOICES),
        client_password_auth_type=dict(type="str", choices=rds_proxy.CLIENT_PASSWORD_AUTH_TYPES),
        description=dict(type="str"),
    )
    pool_spec = dict(
        max_connections_percent=dict(type="int"),
        max_idle_connections_percent=dict(type="int"),
        connection_borrow_timeout=dict(type="int"),
        session_pinning_filters=dict(type="list", elements="str", choices=rds_proxy.SESSION_PINNING_FILTERS),
        init_query=dict(type="str"),
    )
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["db_proxy_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        engine_family=dict(type="str", choices=rds_proxy.ENGINE_FAMILIES),
        auth=dict(type="list", elements="dict", options=auth_spec),
        role_arn=dict(type="str"),
        vpc_subnet_ids=dict(type="list", elements="str"),
        vpc_security_group_ids=dict(type="list", elements="str"),
        require_tls=dict(type="bool"),
        idle_client_timeout=dict(type="int"),
        debug_logging=dict(type="bool"),
        target_db_instance_identifier=dict(type="str"),
        connection_pool=dict(type="dict", options=pool_spec, aliases=["connection_pool_config"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("rds", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = rds_proxy.get_proxy(client, params["name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, params, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, module.check_mode)
            if not module.check_mode:
                if params["wait"]:
                    wait_until_ready(client, final, params)
                if changed or params["wait"]:
                    final = rds_proxy.get_proxy(client, params["name"]) or final
            result["db_proxy"] = final
    except AnsibleRDSError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
