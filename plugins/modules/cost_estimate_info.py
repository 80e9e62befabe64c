#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cost_estimate_info
version_added: 0.8.0
short_description: Estimate the monthly cost of an environment's resources from a price table
description:
  - Describes the billable resources named (their class, size, count) and prices each with O(prices), a dated
    on-demand price table of one region, and O(assumptions) for what is billed by use.
  - Returns one line per resource and billing dimension and their total; a resource that does not exist costs nothing
    and is left out.
  - Read-only; it changes nothing, in check mode or not.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  prices:
    description:
      - The price table, as C(roles/report/files/prices_us_east_1.yml) holds it (C(hours_per_month), C(rds),
        C(nat_gateway), C(apprunner), C(fargate), C(alb), C(cloudfront), C(elasticache), C(kms), C(secretsmanager),
        C(cloudwatch)).
    type: dict
    required: true
  assumptions:
    description:
      - The usage the estimate assumes, each a number of 0 or more.
      - C(nat_processed_gb_per_month), C(apprunner_active_hours_per_month), C(alb_lcu),
        C(cloudfront_transfer_gb_per_month) and C(cloudfront_https_requests_per_month).
    type: dict
    required: true
  rds_instance_identifiers:
    description: RDS DB instances (instance hours, storage, Multi-AZ, Performance Insights).
    type: list
    elements: str
    default: []
  rds_proxy_endpoints:
    description: Endpoints of the RDS proxies in front of those instances (billed per vCPU of the instance).
    type: list
    elements: str
    default: []
  nat_gateway_ids:
    description: NAT gateways (hours, and the data processed that O(assumptions) states).
    type: list
    elements: str
    default: []
  apprunner_service_arns:
    description: App Runner services (their minimum of instances, provisioned and active as O(assumptions) states).
    type: list
    elements: str
    default: []
  ecs_services:
    description: ECS Fargate services, each C(cluster) and C(service) (their desired tasks, all month).
    type: list
    elements: dict
    default: []
  load_balancer_arns:
    description: Application load balancers (hours and the capacity units O(assumptions) states).
    type: list
    elements: str
    default: []
  distribution_ids:
    description: CloudFront distributions (the traffic O(assumptions) states).
    type: list
    elements: str
    default: []
  replication_group_ids:
    description: ElastiCache replication groups (node hours).
    type: list
    elements: str
    default: []
  kms_key_ids:
    description: KMS keys; each customer managed key costs a key-month.
    type: list
    elements: str
    default: []
  secret_ids:
    description: Secrets Manager secrets, names or ARNs.
    type: list
    elements: str
    default: []
  alarm_names:
    description: CloudWatch metric alarms (standard or high resolution).
    type: list
    elements: str
    default: []
  budget_amounts:
    description: Monthly amounts of the budget's notifications, to compare the total with.
    type: list
    elements: float
    default: []
  budget_limit:
    description: The budget's limit, to compare the total with.
    type: float
notes:
  - The IAM actions are C(rds:DescribeDBInstances), C(rds:DescribeDBProxies), C(ec2:DescribeNatGateways),
    C(apprunner:DescribeService), C(apprunner:DescribeAutoScalingConfiguration), C(ecs:DescribeServices),
    C(ecs:DescribeTaskDefinition), C(elasticloadbalancing:DescribeLoadBalancers), C(cloudfront:GetDistributionConfig),
    C(elasticache:DescribeReplicationGroups), C(elasticache:DescribeCacheClusters), C(kms:DescribeKey),
    C(secretsmanager:DescribeSecret) and C(cloudwatch:DescribeAlarms).
  - Free tiers, data transfer between zones, storage of S3, backups and logs, and taxes are not in the estimate.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Price the database and the NAT gateways
  appstack.aws.cost_estimate_info:
    prices: "{{ lookup('ansible.builtin.file', 'prices_us_east_1.yml') | from_yaml }}"
    assumptions:
      nat_processed_gb_per_month: 100
      apprunner_active_hours_per_month: 243
      alb_lcu: 1
      cloudfront_transfer_gb_per_month: 100
      cloudfront_https_requests_per_month: 1000000
    rds_instance_identifiers: [smartscheduler-prod]
    nat_gateway_ids: [nat-0123456789abcdef0]
  register: cost
"""

RETURN = r"""
lines:
  description: One line per resource and billing dimension.
  returned: always
  type: list
  elements: dict
  contains:
    resource:
      description: The resource's name or ID.
      returned: always
      type: str
      sample: smartscheduler-prod
    item:
      description: What is billed.
      returned: always
      type: str
      sample: db.t3.small instance, Multi-AZ
    quantity:
      description: How much of it a month.
      returned: always
      type: float
      sample: 1460
    unit:
      description: The unit of the quantity.
      returned: always
      type: str
      sample: instance-hours
    unit_price:
      description: The price of one unit, in the table's currency.
      returned: always
      type: float
      sample: 0.036
    monthly:
      description: quantity times unit_price, rounded to the cent.
      returned: always
      type: float
      sample: 52.56
total:
  description: The sum of the lines' C(monthly).
  returned: always
  type: float
  sample: 250.12
unpriced:
  description: Resources the table has no price for, each with why; they are not in the total.
  returned: always
  type: list
  elements: str
resources:
  description: The billable resources as described, by kind.
  returned: always
  type: dict
budget:
  description:
    - The total against O(budget_amounts) and O(budget_limit); C(crossed) lists the amounts the total is above.
  returned: always
  type: dict
  sample: {"total": 227.19, "amounts": [50, 100, 150], "limit": 150.0, "crossed": [50, 100, 150],
           "within_limit": false, "share_of_limit": 151.5}
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cost_estimate, cost_reads
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

PRICE_SECTIONS = (
    "hours_per_month",
    "rds",
    "nat_gateway",
    "apprunner",
    "fargate",
    "alb",
    "cloudfront",
    "elasticache",
    "kms",
    "secretsmanager",
    "cloudwatch",
)


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    problems = [f"prices has no {section!r}." for section in PRICE_SECTIONS if section not in params["prices"]]
    problems += cost_estimate.missing_assumptions(params["assumptions"])
    problems += [
        f"ecs_services: each item needs cluster and service, not {item!r}."
        for item in params["ecs_services"]
        if not item.get("cluster") or not item.get("service")
    ]
    return problems


def _present(items):
    return [item for item in items if item]


def describe(module, params):
    """The billable resources, by kind, as cost_estimate.estimate takes them."""
    retry = AWSRetry.jittered_backoff()

    def client(name):
        return module.client(name, retry_decorator=retry)

    resources = {}
    if params["rds_instance_identifiers"]:
        rds = client("rds")
        resources["rds_instances"] = _present(
            cost_reads.rds_instance(rds, name) for name in params["rds_instance_identifiers"]
        )
        if params["rds_proxy_endpoints"]:
            resources["rds_proxies"] = cost_reads.rds_proxies(
                rds, params["rds_proxy_endpoints"], resources["rds_instances"]
            )
    if params["nat_gateway_ids"]:
        resources["nat_gateways"] = cost_reads.nat_gateways(client("ec2"), params["nat_gateway_ids"])
    if params["apprunner_service_arns"]:
        apprunner = client("apprunner")
        resources["apprunner_services"] = _present(
            cost_reads.apprunner_service(apprunner, arn) for arn in params["apprunner_service_arns"]
        )
    if params["ecs_services"]:
        ecs = client("ecs")
        resources["ecs_services"] = _present(
            cost_reads.ecs_service(ecs, item["cluster"], item["service"]) for item in params["ecs_services"]
        )
    if params["load_balancer_arns"]:
        elbv2 = client("elbv2")
        resources["load_balancers"] = _present(
            cost_reads.load_balancer(elbv2, arn) for arn in params["load_balancer_arns"]
        )
    if params["distribution_ids"]:
        cloudfront = client("cloudfront")
        resources["distributions"] = _present(
            cost_reads.distribution(cloudfront, item) for item in params["distribution_ids"]
        )
    if params["replication_group_ids"]:
        elasticache = client("elasticache")
        resources["cache_groups"] = _present(
            cost_reads.replication_group(elasticache, item) for item in params["replication_group_ids"]
        )
    if params["kms_key_ids"]:
        kms = client("kms")
        resources["kms_keys"] = sorted(set(_present(cost_reads.kms_key(kms, item) for item in params["kms_key_ids"])))
    if params["secret_ids"]:
        secretsmanager = client("secretsmanager")
        resources["secrets"] = sorted(
            set(_present(cost_reads.secret(secretsmanager, item) for item in params["secret_ids"]))
        )
    if params["alarm_names"]:
        resources["alarms"] = cost_reads.alarms(client("cloudwatch"), sorted(set(params["alarm_names"])))
    return resources


def main():
    argument_spec = dict(
        prices=dict(type="dict", required=True),
        assumptions=dict(type="dict", required=True),
        rds_instance_identifiers=dict(type="list", elements="str", default=[]),
        rds_proxy_endpoints=dict(type="list", elements="str", default=[]),
        nat_gateway_ids=dict(type="list", elements="str", default=[]),
        apprunner_service_arns=dict(type="list", elements="str", default=[]),
        ecs_services=dict(type="list", elements="dict", default=[]),
        load_balancer_arns=dict(type="list", elements="str", default=[]),
        distribution_ids=dict(type="list", elements="str", default=[]),
        replication_group_ids=dict(type="list", elements="str", default=[]),
        kms_key_ids=dict(type="list", elements="str", default=[]),
        secret_ids=dict(type="list", elements="str", default=[]),
        alarm_names=dict(type="list", elements="str", default=[]),
        budget_amounts=dict(type="list", elements="float", default=[]),
        budget_limit=dict(type="float"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    try:
        resources = describe(module, params)
    except AnsibleAWSError as e:
        module.fail_json_aws_error(e)
    result = cost_estimate.estimate(resources, params["prices"], params["assumptions"])
    budget = cost_estimate.budget_comparison(result["total"], params["budget_amounts"], params["budget_limit"])
    module.exit_json(changed=False, resources=resources, budget=budget, **result)


if __name__ == "__main__":
    main()
