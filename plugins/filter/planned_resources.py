# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the roles' outputs say the environment has, for the kinds a run can leave behind.

``planned_resources(outputs)`` maps each judged kind to the identifiers a run of the inventory keeps: a resource
of that kind tagged with the environment but not listed is an orphan (environment_resources_info). ``*`` keeps
every resource of the kind. Kinds not in the map are never judged: the outputs do not list all of them.
"""

DOCUMENTATION = r"""
name: planned_resources
short_description: The resources an environment's outputs plan, by kind
description:
  - From the outputs document of an environment (C(outputs/<env>.json)'s C(outputs)), the identifiers of the
    NAT gateways, flow logs, alarms, services and cache a run of the inventory keeps, by kind, for
    M(appstack.aws.environment_resources_info)'s O(appstack.aws.environment_resources_info#module:planned).
positional: _input
options:
  _input:
    description: The outputs, by role.
    type: dict
    required: true
  compute:
    description: C(appstack_compute); the other choice's services are not planned.
    type: str
"""

EXAMPLES = r"""
- name: Find what no run plans any more
  appstack.aws.environment_resources_info:
    application: shop
    environment: prod
    planned: "{{ appstack_recorded_outputs | appstack.aws.planned_resources(appstack_compute) }}"
"""

RETURN = r"""
_value:
  description: Kind to identifiers (or C(*) for all of the kind).
  type: dict
"""

EVERY = "*"


def _tier(outputs, name):
    return outputs.get(name) or {}


def planned_resources(outputs, compute=None):
    """Kind -> identifiers (or "*") that the roles' outputs keep; compute (appstack_compute) names the service
    kind that is not planned at all."""
    outputs = outputs or {}
    network = _tier(outputs, "network")
    monitoring = _tier(outputs, "monitoring")
    apprunner = _tier(outputs, "apprunner")
    ecs = _tier(outputs, "ecs")
    cache = _tier(outputs, "cache")
    plan = {
        "nat_gateway": list(network.get("nat_gateway_ids") or []),
        "vpc_flow_log": EVERY if network.get("flow_log_group_name") else [],
        "cloudwatch_alarm": list(monitoring.get("alarm_names") or []),
        "apprunner_service": [apprunner["service_arn"]] if apprunner.get("service_arn") else [],
        "ecs_service": [ecs["service_arn"]] if ecs.get("service_arn") else [],
        "elasticache_replication_group": [cache["replication_group_id"]] if cache.get("enabled") else [],
    }
    # A tier that never ran has no outputs: its kinds are not judged, rather than all called orphans.
    ran = {
        "nat_gateway": "network",
        "vpc_flow_log": "network",
        "cloudwatch_alarm": "monitoring",
        "apprunner_service": "apprunner",
        "ecs_service": "ecs",
        "elasticache_replication_group": "cache",
    }
    judged = {kind: ids for kind, ids in plan.items() if outputs.get(ran[kind]) is not None}
    # The service of the compute choice not made is left behind, whatever an earlier run recorded of it.
    other = {"apprunner": "ecs_service", "ecs_fargate": "apprunner_service"}.get(compute)
    if other:
        judged[other] = []
    return judged


def resource_labels(resources):
    """One line per resource, for people: "<kind> <name>", with the reason it is kept when it is."""
    labels = []
    for resource in resources or []:
        label = f"{resource['kind']} {resource.get('name') or resource['id']}"
        if resource.get("reason"):
            label += f" (kept: {resource['reason']})"
        labels.append(label)
    return labels


class FilterModule:
    def filters(self):
        return {"planned_resources": planned_resources, "resource_labels": resource_labels}
