#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: environment_teardown
version_added: 0.8.0
short_description: Delete the resources of one appstack.aws environment, in dependency order
description:
  - Find every resource of one environment by the tags each role puts on it (C(Application), C(Environment),
    C(ManagedBy=appstack.aws)), with each service's own list and describe calls, and delete them phase by phase,
    waiting until each phase's resources are gone before the next phase starts.
  - The phases, in order, C(app) (App Runner and ECS services and their configurations, load balancers and target
    groups, the image repository), C(edge) (CloudFront distributions, disabled and then deleted, their cache,
    origin request and response headers policies, functions and origin access controls; the frontend buckets,
    emptied of every object version and delete marker first; ACM certificates), C(monitoring) (alarms, the
    dashboard, the budget, alert topics with their subscriptions), C(data) (the RDS proxy, the DB instance and the
    ElastiCache replication group, with final snapshots when asked, their subnet and parameter groups, the
    secrets), C(network) (NAT gateways, then their Elastic IP addresses; flow logs, VPC endpoints, security groups,
    subnets, route tables, the internet gateway, the VPC) and C(account) (IAM roles and policies, log groups, the
    parameters under C(/<application>/<environment>/), the KMS key).
  - What AWS cannot tag (CloudFront's policies, functions and origin access controls; CloudWatch dashboards) is
    found by name, as the roles name it (C(<application>-<environment>) in any case, or a name that starts with
    C(<application>-<environment>-) or C(<application>-frontend-<environment>)), or because the environment's
    distribution uses it.
  - What is kept, and why, is returned in RV(kept) rather than deleted. DB snapshots are kept (final snapshots
    are taken to be kept), and so are the account's IAM OpenID Connect providers tagged with the application but no
    C(Environment) (GitHub Actions', which every environment of the account shares). A KMS key is scheduled for deletion, as KMS allows no sooner than 7 days later.
  - In check mode, nothing is written; RV(resources) lists what would be deleted.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  application:
    description: The C(Application) tag of the environment's resources (C(appstack_app_name)).
    type: str
    required: true
  environment:
    description: The C(Environment) tag of the environment's resources (C(appstack_environment)).
    type: str
    required: true
  phases:
    description: The phases to delete, always in the order listed above, whatever the order given.
    type: list
    elements: str
    choices: [app, edge, monitoring, data, network, account]
    default: [app, edge, monitoring, data, network, account]
  only:
    description:
      - Delete only the resources with these identifiers or ARNs (as RV(resources) returns them), e.g. the
        orphans M(appstack.aws.environment_resources_info) found. Empty deletes every resource of the phases.
    type: list
    elements: str
    default: []
  final_snapshot:
    description:
      - Take a final snapshot of the DB instance and of the ElastiCache replication group before they are deleted,
        named C(<identifier>-final-<UTC time as YYYYMMDDHHMM>), returned in RV(final_snapshots).
    type: bool
    default: false
  disable_deletion_protection:
    description:
      - Lift the deletion protection of DB instances and load balancers that have it.
      - Without it, the module fails before any write when a resource to delete has deletion protection on.
    type: bool
    default: false
  keep_log_groups:
    description: Keep the environment's log groups, with the logs in them.
    type: bool
    default: false
  secret_recovery_window_days:
    description:
      - The days Secrets Manager keeps a deleted secret, recoverable; V(0) deletes it at once.
      - 0, or 7 to 30.
    type: int
    default: 0
  kms_pending_window_days:
    description: The days KMS waits before it deletes the key (7 to 30).
    type: int
    default: 7
  extra_names:
    description: Names of resources AWS cannot tag that belong to the environment although their names are not
      the roles' usual ones (a renamed dashboard).
    type: list
    elements: str
    default: []
  outputs_parameter_path:
    description:
      - The subtree of SSM Parameter Store where the environment's outputs are published; every parameter under
        it is deleted in the C(account) phase. Empty means C(/<application>/<environment>/outputs).
    type: str
    default: ""
  wait_timeout:
    description: Seconds to wait for each phase's resources to be gone.
    type: int
    default: 3600
notes:
  - Needs the list, describe, tag-read and delete permissions of each service named above, and
    C(sts:GetCallerIdentity); C(docs/iam.md) lists them.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: List what a teardown of dev would delete
  appstack.aws.environment_teardown:
    application: shop
    environment: dev
  check_mode: true
  register: dev_plan

- name: Delete dev's services, then its distribution
  appstack.aws.environment_teardown:
    application: shop
    environment: dev
    phases: [app, edge]

- name: Delete prod, with final snapshots, lifting deletion protection
  appstack.aws.environment_teardown:
    application: shop
    environment: prod
    final_snapshot: true
    disable_deletion_protection: true
"""

RETURN = r"""
resources:
  description: The resources found that are to be deleted (in check mode, that would be), in deletion order.
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: The kind of resource.
      type: str
      sample: nat_gateway
    id:
      description: The identifier its delete call takes.
      type: str
      sample: nat-0123456789abcdef0
    name:
      description: Its name, for people.
      type: str
      sample: shop-prod-nat-us-east-1a
    arn:
      description: Its ARN, when it has one; empty otherwise.
      type: str
      sample: ""
deleted:
  description: The resources deleted (none in check mode), shaped as RV(resources).
  returned: always
  type: list
  elements: dict
kept:
  description: The resources found and kept, shaped as RV(resources) with C(reason).
  returned: always
  type: list
  elements: dict
  sample: [{"kind": "rds_snapshot", "id": "shop-prod-final-202612051200", "reason": "a DB snapshot is kept"}]
final_snapshots:
  description: The final snapshots taken, each with C(kind) and C(id).
  returned: always
  type: list
  elements: dict
  sample: [{"kind": "rds_instance", "source": "shop-prod", "id": "shop-prod-final-202612051200"}]
"""

from contextlib import suppress

from ansible_collections.appstack.aws.plugins.module_utils.environment_resources import (
    KINDS_BY_NAME,
    PHASES,
    Deleter,
    Finder,
    Settings,
    blocked_by_protection,
    client_factory,
    find,
    kept_reason,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import BotoCoreError, ClientError


def validate(params):
    """Problems with the input, found before any API call."""
    problems = []
    days = params["secret_recovery_window_days"]
    if days != 0 and not 7 <= days <= 30:
        problems.append(f"secret_recovery_window_days must be 0 or 7 to 30, not {days}.")
    if not 7 <= params["kms_pending_window_days"] <= 30:
        problems.append(f"kms_pending_window_days must be 7 to 30, not {params['kms_pending_window_days']}.")
    if params["wait_timeout"] <= 0:
        problems.append(f"wait_timeout must be a positive number of seconds, not {params['wait_timeout']}.")
    for name in ("application", "environment"):
        if not params[name]:
            problems.append(f"{name} must not be empty.")
    return problems


def make_finder(module):
    params = module.params
    client = client_factory(module)

    settings = Settings(
        app=params["application"],
        environment=params["environment"],
        final_snapshot=params["final_snapshot"],
        disable_deletion_protection=params["disable_deletion_protection"],
        keep_log_groups=params["keep_log_groups"],
        secret_recovery_days=params["secret_recovery_window_days"],
        kms_pending_days=params["kms_pending_window_days"],
        extra_names=tuple(params["extra_names"]),
        parameter_path=params["outputs_parameter_path"],
    )
    identity = client("sts").get_caller_identity()
    partition = identity["Arn"].split(":")[1]
    return Finder(client, settings, module.region, identity["Account"], partition)


def protection_problem(resources):
    names = ", ".join(f"{resource.kind} {resource.name}" for resource in resources)
    return (
        f"Deletion protection is on for {names}: nothing was deleted. Lift it with disable_deletion_protection "
        "(the teardown playbook's teardown_disable_deletion_protection=true)."
    )


def main():
    argument_spec = dict(
        application=dict(type="str", required=True),
        environment=dict(type="str", required=True),
        phases=dict(type="list", elements="str", choices=list(PHASES), default=list(PHASES)),
        only=dict(type="list", elements="str", default=[]),
        final_snapshot=dict(type="bool", default=False),
        disable_deletion_protection=dict(type="bool", default=False),
        keep_log_groups=dict(type="bool", default=False),
        secret_recovery_window_days=dict(type="int", default=0),
        kms_pending_window_days=dict(type="int", default=7),
        extra_names=dict(type="list", elements="str", default=[]),
        outputs_parameter_path=dict(type="str", default=""),
        wait_timeout=dict(type="int", default=3600),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))
    params = module.params
    try:
        finder = make_finder(module)
        phases = [phase for phase in PHASES if phase in params["phases"]]
        found = find(finder, phases, set(params["only"]) if params["only"] else None)
        kept = [(resource, kept_reason(finder, resource)) for resource in found]
        to_delete = [resource for resource, reason in kept if not reason]
        kept = [{**resource.to_result(), "reason": reason} for resource, reason in kept if reason]
        protected = blocked_by_protection(to_delete)
        if protected and not params["disable_deletion_protection"]:
            module.fail_json(msg=protection_problem(protected), resources=[r.to_result() for r in to_delete])
        plan = [resource.to_result() for resource in to_delete]
        diff = {"before": [f"{r['kind']} {r['name']}" for r in plan], "after": []}
        if module.check_mode or not to_delete:
            module.exit_json(
                changed=bool(to_delete), resources=plan, deleted=[], kept=kept, final_snapshots=[], diff=diff
            )
        deleted = []
        for phase in phases:
            batch = [resource for resource in to_delete if finder_phase(resource) == phase]
            deleted.extend(Deleter(finder, params["wait_timeout"]).delete_all(batch))
    except TimeoutError as e:
        module.fail_json(msg=str(e))
    except (BotoCoreError, ClientError) as e:
        module.fail_json_aws(e, msg="Could not delete the environment's resources")
    snapshots = [
        {"kind": resource.kind, "source": resource.id, "id": resource.detail["final_snapshot"]}
        for resource in deleted
        if resource.detail.get("final_snapshot")
    ]
    module.exit_json(
        changed=True,
        resources=plan,
        deleted=[resource.to_result() for resource in deleted],
        kept=kept,
        final_snapshots=snapshots,
        diff=diff,
    )


def finder_phase(resource):
    return KINDS_BY_NAME[resource.kind].phase


if __name__ == "__main__":
    main()
