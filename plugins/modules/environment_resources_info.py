#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: environment_resources_info
version_added: 0.8.0
short_description: List the resources tagged with one appstack.aws environment, and those no run plans any more
description:
  - List the resources of the judged kinds (NAT gateways, Elastic IP addresses, flow logs, alarms, App Runner and
    ECS services, ElastiCache replication groups) tagged with the environment (C(Application), C(Environment),
    C(ManagedBy=appstack.aws)) with the Resource Groups Tagging API, in one paginated call.
  - With O(planned), return in RV(orphans) the resources of the judged kinds that the plan does not list, such as an
    extra NAT gateway after the network went from one per zone to a single one, and its address (named as the
    gateway, which the plan no longer keeps); a flow log after
    flow logs were turned off; an alarm of a tier that is gone; the service of the compute choice not made; a
    cache that was turned off. Each is confirmed with its own service's describe call first, since the tagging API
    lists a deleted resource for a while.
  - Kinds O(planned) does not name are never judged.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  application:
    description: The C(Application) tag (C(appstack_app_name)).
    type: str
    required: true
  environment:
    description: The C(Environment) tag (C(appstack_environment)).
    type: str
    required: true
  planned:
    description:
      - Kind to the identifiers a run keeps, or C(*) for every resource of the kind, as
        P(appstack.aws.planned_resources#filter) returns it. Kinds C(nat_gateway) (ids), C(vpc_flow_log),
        C(cloudwatch_alarm) (names), C(apprunner_service) and C(ecs_service) (ARNs),
        C(elasticache_replication_group) (ids).
    type: dict
    default: {}
notes:
  - Needs C(tag:GetResources), and to confirm orphans C(ec2:DescribeNatGateways), C(ec2:DescribeAddresses),
    C(ec2:DescribeFlowLogs), C(cloudwatch:DescribeAlarms), C(cloudwatch:ListTagsForResource), C(apprunner:ListServices),
    C(apprunner:ListTagsForResource), C(ecs:ListClusters), C(ecs:DescribeClusters), C(ecs:ListServices),
    C(ecs:DescribeServices), C(elasticache:DescribeReplicationGroups) and C(elasticache:ListTagsForResource).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Warn of what no run plans any more
  appstack.aws.environment_resources_info:
    application: shop
    environment: prod
    planned: "{{ appstack_recorded_outputs | appstack.aws.planned_resources(appstack_compute) }}"
  register: shop_prod_resources
"""

RETURN = r"""
resources:
  description: The resources of the judged kinds tagged with the environment, by ARN, with their kind and id.
  returned: always
  type: list
  elements: dict
  sample: [{"arn": "arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0123", "kind": "nat_gateway", "id": "nat-0123"}]
orphans:
  description: The resources of the judged kinds that O(planned) does not list, confirmed to exist.
  returned: always
  type: list
  elements: dict
  sample: [{"kind": "nat_gateway", "id": "nat-0456", "name": "shop-prod-nat-us-east-1b", "arn": ""}]
"""

from contextlib import suppress

from ansible_collections.appstack.aws.plugins.module_utils.environment_resources import (
    KINDS_BY_NAME,
    Finder,
    Settings,
    client_factory,
    paginate,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import BotoCoreError, ClientError

# The judged kinds, by the service and resource type in their ARNs, and how the id is read from the ARN.
ARN_KINDS = {
    ("ec2", "natgateway"): "nat_gateway",
    ("ec2", "elastic-ip"): "elastic_ip",
    ("ec2", "vpc-flow-log"): "vpc_flow_log",
    ("cloudwatch", "alarm"): "cloudwatch_alarm",
    ("apprunner", "service"): "apprunner_service",
    ("ecs", "service"): "ecs_service",
    ("elasticache", "replicationgroup"): "elasticache_replication_group",
}
ARN_IS_ID = ("apprunner_service", "ecs_service")
EVERY = "*"


def classify(arn):
    """(kind, id) of an ARN of a judged kind; (None, None) otherwise."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return None, None
    service, resource = parts[2], parts[5]
    for separator in ("/", ":"):
        if separator in resource:
            resource_type, _, rest = resource.partition(separator)
            kind = ARN_KINDS.get((service, resource_type))
            if kind:
                return kind, arn if kind in ARN_IS_ID else rest
    return None, None


# The resource types of the judged kinds: the tagging API lists only these, so a run reads one page, not one per
# twenty of the environment's resources (a page holds at most 500 tags).
RESOURCE_TYPES = [
    "ec2:natgateway",
    "ec2:elastic-ip",
    "ec2:vpc-flow-log",
    "cloudwatch:alarm",
    "apprunner:service",
    "ecs:service",
    "elasticache:replicationgroup",
]


def tagged_resources(client, settings):
    filters = [{"Key": key, "Values": [value]} for key, value in settings.tags.items()]
    resources = []
    listing = paginate(
        client,
        "get_resources",
        "ResourceTagMappingList",
        TagFilters=filters,
        ResourceTypeFilters=RESOURCE_TYPES,
        ResourcesPerPage=100,
        TagsPerPage=500,
    )
    for mapping in listing:
        kind, identifier = classify(mapping["ResourceARN"])
        tags = {tag["Key"]: tag["Value"] for tag in mapping.get("Tags", [])}
        resources.append({"arn": mapping["ResourceARN"], "kind": kind, "id": identifier, "name": tags.get("Name", "")})
    return resources


def unplanned(resources, planned):
    """The tagged resources of judged kinds that the plan does not keep, by kind. An address is judged by the NAT
    gateways the plan keeps: the network role names each gateway and its address alike (``<app>-<env>-nat-<zone>``),
    so an address whose name no kept gateway has is left behind."""
    found = {}
    kept_gateways = planned.get("nat_gateway")
    gateway_names = {
        resource["name"]
        for resource in resources
        if resource["kind"] == "nat_gateway" and kept_gateways not in (None, EVERY) and resource["id"] in kept_gateways
    }
    for resource in resources:
        kind = resource["kind"]
        if kind == "elastic_ip":
            if kept_gateways not in (None, EVERY) and resource.get("name") not in gateway_names:
                found.setdefault(kind, set()).add(resource["id"])
            continue
        if kind not in planned or planned[kind] == EVERY or resource["id"] in planned[kind]:
            continue
        found.setdefault(kind, set()).add(resource["id"])
    return found


def confirmed_orphans(finder, suspects):
    """The suspects that their service still lists: the tagging API lists a deleted resource for a while."""
    orphans = []
    for kind, identifiers in suspects.items():
        for resource in KINDS_BY_NAME[kind].find(finder):
            if resource.id in identifiers:
                orphans.append(resource.to_result())
    return orphans


def main():
    argument_spec = dict(
        application=dict(type="str", required=True),
        environment=dict(type="str", required=True),
        planned=dict(type="dict", default={}),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    unknown = sorted(set(params["planned"]) - set(ARN_KINDS.values()) - {"elastic_ip"})
    if unknown:
        module.fail_json(
            msg=f"planned names kinds this module does not judge: {', '.join(unknown)}; it judges "
            f"{', '.join(sorted(ARN_KINDS.values()))}."
        )
    settings = Settings(app=params["application"], environment=params["environment"])
    client = client_factory(module)
    try:
        resources = tagged_resources(client("resourcegroupstaggingapi"), settings)
        suspects = unplanned(resources, params["planned"])
        orphans = confirmed_orphans(Finder(client, settings, module.region), suspects) if suspects else []
    except (BotoCoreError, ClientError) as e:
        module.fail_json_aws(e, msg="Could not list the environment's resources")
    if orphans:
        listed = "; ".join(f"{orphan['kind']} {orphan['name'] or orphan['id']}" for orphan in orphans)
        module.warn(
            f"{len(orphans)} resource(s) tagged with environment {params['environment']} that no run plans any "
            f"more (they still run and bill): {listed}. playbooks/prune.yml deletes them."
        )
    module.exit_json(changed=False, resources=resources, orphans=orphans)


if __name__ == "__main__":
    main()
