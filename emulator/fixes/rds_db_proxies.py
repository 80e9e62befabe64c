"""RDS Proxy: ModifyDBProxy, proxy status, connection pools, targets and missing proxies as AWS has them.

AWS (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/):

* ``ModifyDBProxy`` changes ``Auth``, ``RequireTLS``, ``IdleClientTimeout``,
  ``DebugLogging``, ``RoleArn``, ``SecurityGroups`` and the name
  (``NewDBProxyName``) of a proxy (API_ModifyDBProxy.html). It has no
  parameter for the engine family or the subnets.
* A new proxy is ``creating`` for a few minutes, then ``available``
  (API_DBProxy.html, ``Status``); here it stays ``creating`` for the ``rds``
  provisioning delay.
* ``ModifyDBProxyTargetGroup`` changes only the ``ConnectionPoolConfig``
  settings given, ``InitQuery`` included, and ``DescribeDBProxyTargetGroups``
  reports them (API_ConnectionPoolConfigurationInfo.html).
* ``ModifyDBProxy``, ``ModifyDBProxyTargetGroup`` and
  ``RegisterDBProxyTargets`` on a proxy that isn't ``available`` fail with
  ``InvalidDBProxyStateFault`` (their "Errors").
* ``RegisterDBProxyTargets`` fails with ``DBInstanceNotFound`` for an unknown
  instance, ``InvalidDBInstanceState`` for an instance that isn't
  ``available``, and ``DBProxyTargetAlreadyRegisteredFault`` for one already
  registered (API_RegisterDBProxyTargets.html, "Errors"). A registered
  instance is reported with its ``Endpoint``, ``Port`` and ``TargetArn``
  (API_DBProxyTarget.html).
* Every operation on a proxy name that names no proxy fails with
  ``DBProxyNotFoundFault`` (HTTP 404).
* ``DescribeDBProxies`` ``Filters``: "This parameter is not currently
  supported" (API_DescribeDBProxies.html); moto ignores them too, so nothing
  is changed there.

Moto 5.2.5 has no ``ModifyDBProxy`` (HTTP 500), reports every proxy
``available`` at once, resets ``MaxIdleConnectionsPercent`` on each
``ModifyDBProxyTargetGroup`` and drops ``InitQuery``, registers any
identifier (existing or not, in any state) without endpoint or ARN, and answers
HTTP 500 for a missing proxy: appstack.aws ``rds_db_proxy`` can't update a
proxy, and a wrong target would only fail on AWS.
"""

from __future__ import annotations

import math
from typing import Any

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.rds.exceptions import (
    DBInstanceNotFoundError,
    DBProxyNotFoundFault,
    InvalidDBInstanceStateFault,
    RDSClientError,
)
from moto.rds.models import DBProxy, DBProxyTarget, DBProxyTargetGroup, RDSBackend
from moto.rds.responses import RDSResponse

from emulator import delays

_original_proxy_init = DBProxy.__init__
_original_target_group_init = DBProxyTargetGroup.__init__
_original_register = RDSBackend.register_db_proxy_targets

# RDSBackend methods that look a proxy up by name with a KeyError (HTTP 500) when it is missing.
_PROXY_LOOKUPS = (
    "delete_db_proxy",
    "describe_db_proxy_targets",
    "describe_db_proxy_target_groups",
    "deregister_db_proxy_targets",
)


def _proxy_init(self: DBProxy, *args: Any, **kwargs: Any) -> None:
    _original_proxy_init(self, *args, **kwargs)
    self._appstack_ready_at = delays.provisioning_deadline("rds")


def _get_proxy_status(self: DBProxy) -> str:
    status = self._appstack_status
    if status == "available" and delays.still_provisioning(getattr(self, "_appstack_ready_at", None)):
        return "creating"
    return status


def _set_proxy_status(self: DBProxy, value: str) -> None:
    self._appstack_status = value


def _target_group_init(self: DBProxyTargetGroup, *args: Any, **kwargs: Any) -> None:
    _original_target_group_init(self, *args, **kwargs)
    self.init_query = ""


def _connection_pool_config(self: DBProxyTargetGroup) -> dict[str, Any]:
    config = {
        "MaxConnectionsPercent": self.max_connections,
        "MaxIdleConnectionsPercent": self.max_idle_connections,
        "ConnectionBorrowTimeout": self.borrow_timeout,
        "SessionPinningFilters": list(self.session_pinning_filters),
    }
    if getattr(self, "init_query", ""):
        config["InitQuery"] = self.init_query
    return config


def _require_proxy(backend: RDSBackend, name: str | None) -> DBProxy:
    if not name or name not in backend.db_proxies:
        raise DBProxyNotFoundFault(name or "")
    return backend.db_proxies[name]


def _require_available(proxy: DBProxy) -> None:
    if proxy.status != "available":
        raise RDSClientError(
            "InvalidDBProxyStateFault",
            f"The requested operation can't be performed while the proxy {proxy.db_proxy_name} is {proxy.status}.",
        )


def _checking_proxy(method_name: str) -> Any:
    original = getattr(RDSBackend, method_name)

    def method(self: RDSBackend, *args: Any, **kwargs: Any) -> Any:
        name = kwargs.get("db_proxy_name", kwargs.get("proxy_name", args[0] if args else None))
        _require_proxy(self, name)
        return original(self, *args, **kwargs)

    method.__name__ = method_name
    return method


def modify_db_proxy(self: RDSBackend, db_proxy_name: str, changes: dict[str, Any]) -> DBProxy:
    proxy = _require_proxy(self, db_proxy_name)
    _require_available(proxy)
    new_name = changes.get("NewDBProxyName")
    if new_name and new_name != db_proxy_name:
        if new_name in self.db_proxies:
            raise RDSClientError("DBProxyAlreadyExistsFault", f"Cannot create the DBProxy because {new_name} exists.")
        self._validate_db_identifier(new_name)
        del self.db_proxies[db_proxy_name]
        proxy.db_proxy_name = new_name
        for group in proxy.proxy_target_groups.values():
            group.db_proxy_name = new_name
        self.db_proxies[new_name] = proxy
    if "Auth" in changes:
        proxy.auth = list(changes["Auth"])
    if "RequireTLS" in changes:
        proxy.require_tls = changes["RequireTLS"]
    if "IdleClientTimeout" in changes:
        proxy.idle_client_timeout = min(max(int(changes["IdleClientTimeout"]), 1), 28800)
    if "DebugLogging" in changes:
        proxy.debug_logging = changes["DebugLogging"]
    if "RoleArn" in changes:
        proxy.role_arn = changes["RoleArn"]
    if "SecurityGroups" in changes:
        proxy.vpc_security_group_ids = list(changes["SecurityGroups"])
    proxy.updated_date = utcnow()
    return proxy


def modify_db_proxy_target_group(self: RDSBackend, proxy_name: str, config: dict[str, Any]) -> DBProxyTargetGroup:
    proxy = _require_proxy(self, proxy_name)
    _require_available(proxy)
    group = proxy.proxy_target_groups["default"]
    if "MaxConnectionsPercent" in config:
        group.max_connections = config["MaxConnectionsPercent"]
        if "MaxIdleConnectionsPercent" not in config:
            group.max_idle_connections = min(group.max_idle_connections, group.max_connections)
    if "MaxIdleConnectionsPercent" in config:
        group.max_idle_connections = config["MaxIdleConnectionsPercent"]
    if group.max_idle_connections > group.max_connections:
        group.max_idle_connections = math.floor(group.max_connections)
    if "ConnectionBorrowTimeout" in config:
        group.borrow_timeout = config["ConnectionBorrowTimeout"]
    if "SessionPinningFilters" in config:
        group.session_pinning_filters = list(config["SessionPinningFilters"])
    if "InitQuery" in config:
        group.init_query = config["InitQuery"]
    group.updated_date = utcnow()
    return group


def register_db_proxy_targets(
    self: RDSBackend,
    db_proxy_name: str,
    target_group_name: str,
    db_cluster_identifiers: list[str],
    db_instance_identifiers: list[str],
) -> list[DBProxyTarget]:
    proxy = _require_proxy(self, db_proxy_name)
    _require_available(proxy)
    group = proxy.proxy_target_groups[target_group_name or "default"]
    registered = {target.rds_resource_id.lower() for target in group.targets}
    instances = []
    for identifier in db_instance_identifiers:
        if identifier not in self.databases:
            raise DBInstanceNotFoundError(identifier)
        instance = self.databases[identifier]
        if instance.db_instance_status != "available":
            raise InvalidDBInstanceStateFault(
                f"DB instance {identifier} is {instance.db_instance_status}; it must be available to be registered."
            )
        if identifier.lower() in registered:
            raise RDSClientError(
                "DBProxyTargetAlreadyRegisteredFault",
                f"DB instance {identifier} is already registered with proxy {db_proxy_name}.",
            )
        instances.append(instance)
    new_targets = _original_register(self, db_proxy_name, target_group_name, db_cluster_identifiers, [])
    for instance in instances:
        target = DBProxyTarget(
            backend=self, resource_id=instance.db_instance_identifier, endpoint=instance.address, type="RDS_INSTANCE"
        )
        target.port = instance.port
        target.target_arn = instance.db_instance_arn
        group.targets.append(target)
        new_targets.append(target)
    return new_targets


def _modify_db_proxy_response(self: RDSResponse) -> ActionResult:
    # self.params finds "Auth" and "auth" alike; the Auth entries are kept as parsed, as CreateDBProxy keeps them.
    return ActionResult({"DBProxy": self.backend.modify_db_proxy(self.params.get("DBProxyName"), self.params)})


def apply() -> None:
    DBProxy.__init__ = _proxy_init
    DBProxy.status = property(_get_proxy_status, _set_proxy_status)
    DBProxyTargetGroup.__init__ = _target_group_init
    DBProxyTargetGroup.connection_pool_config = property(_connection_pool_config)
    for method_name in _PROXY_LOOKUPS:
        setattr(RDSBackend, method_name, _checking_proxy(method_name))
    RDSBackend.modify_db_proxy = modify_db_proxy
    RDSBackend.modify_db_proxy_target_group = modify_db_proxy_target_group
    RDSBackend.register_db_proxy_targets = register_db_proxy_targets
    RDSResponse.modify_db_proxy = _modify_db_proxy_response
