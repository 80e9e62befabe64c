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

The planning of what changes on an existing proxy, which the rds_proxy_drift filter shares with the module, is in
``rds_proxy_plan.py``, which imports nothing of botocore.
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
from ansible_collections.appstack.aws.plugins.module_utils.rds_proxy_plan import MODIFIABLE_SETTINGS, auth_to_api

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
