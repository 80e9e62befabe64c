"""What appstack.aws.rds_db_proxy would change on a proxy, from a read the run made already.

The rds role reads the proxy before any write (check_current.yml, appstack.aws.rds_db_proxy_info) and runs the
module only when this filter, which plans with the module's own functions, finds a difference or something the
module would wait for.
"""

from ansible_collections.appstack.aws.plugins.module_utils import rds_proxy_plan
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import converted_options, tag_differences

DOCUMENTATION = r"""
name: rds_proxy_drift
version_added: 0.4.0
short_description: The differences between an RDS Proxy and what appstack.aws.rds_db_proxy is asked for
description:
  - Takes the proxies M(appstack.aws.rds_db_proxy_info) read (by name) and the options of
    M(appstack.aws.rds_db_proxy) (state present), and returns what the module would change or wait for, each a
    sentence; an empty list means the module would report no change and return at once.
  - Plans with the module's own functions, so that the two never disagree; the settings ModifyDBProxy changes, the
    connection pool, the target instance and the tags, and the settings RDS can't change (the module then fails,
    saying how to replace the proxy). With O(wanted.wait) (default true) a proxy that is not C(available), or a
    target that is not C(AVAILABLE), is a difference too.
options:
  _input:
    description: The C(db_proxies) list of M(appstack.aws.rds_db_proxy_info); empty when the proxy does not exist.
    type: list
    elements: dict
    required: true
  wanted:
    description: The options of M(appstack.aws.rds_db_proxy), as the task gives them (strings of numbers are fine).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the proxy with the inventory
  ansible.builtin.set_fact:
    __proxy_drift: "{{ __current.db_proxies | appstack.aws.rds_proxy_drift({'name': 'app-prod', 'require_tls': true}) }}"
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the proxy; empty when it is as asked.
  type: list
  elements: str
"""

INTEGERS = ("idle_client_timeout",)
BOOLEANS = ("require_tls", "debug_logging", "purge_tags", "wait")
POOL_INTEGERS = ("max_connections_percent", "max_idle_connections_percent", "connection_borrow_timeout")


def _normalized(wanted):
    """The options as the module's argument spec would convert them."""
    params = converted_options(wanted, INTEGERS, BOOLEANS)
    if params.get("connection_pool"):
        params["connection_pool"] = converted_options(params["connection_pool"], POOL_INTEGERS)
    if params.get("auth"):
        params["auth"] = [{"auth_scheme": "SECRETS", **entry} for entry in params["auth"]]
    return params


def _waits(proxy, params):
    """What the module would wait for: the proxy to be available, its targets healthy."""
    if not params.get("wait", True):
        return []
    waits = []
    if proxy.get("status") != "available":
        waits.append(f"is {proxy.get('status')}, not available")
    unhealthy = [
        target.get("rds_resource_id")
        for target in proxy.get("targets") or []
        if (target.get("target_health") or {}).get("state") != "AVAILABLE"
    ]
    if unhealthy:
        waits.append(f"has targets that are not available ({', '.join(map(str, unhealthy))})")
    return waits


def rds_proxy_drift(proxies, wanted):
    """What the module would change on, or wait for, the proxy (empty: nothing)."""
    params = _normalized(wanted)
    name = params.get("name")
    if not proxies:
        return [f"the RDS Proxy {name} does not exist"]
    proxy = proxies[0]
    found = [
        f"the RDS Proxy {name}: {difference}" for difference in rds_proxy_plan.immutable_differences(proxy, params)
    ]
    changes, pool, (to_register, to_deregister) = rds_proxy_plan.plan_changes(proxy, params)
    if changes:
        found.append(f"the RDS Proxy {name}: {', '.join(sorted(changes))} differ")
    if pool:
        found.append(f"the RDS Proxy {name}: the connection pool's {', '.join(sorted(pool))} differ")
    if to_register or to_deregister:
        found.append(f"the RDS Proxy {name}: targets to register {to_register}, to deregister {to_deregister}")
    found.extend(tag_differences(f"the RDS Proxy {name}", proxy.get("tags"), params))
    found.extend(f"the RDS Proxy {name} {wait}" for wait in _waits(proxy, params))
    return found


class FilterModule:
    def filters(self):
        return {"rds_proxy_drift": rds_proxy_drift}
