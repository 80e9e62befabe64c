#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elasticache_subnet_group
version_added: 0.8.0
short_description: Manage Amazon ElastiCache cache subnet groups
description:
  - Create, update and delete an ElastiCache cache subnet group, the subnets of one VPC that ElastiCache places cache
    nodes in, with its tags.
  - Unlike M(community.aws.elasticache_subnet_group), it manages the group's tags and returns its VPC and ARN.
  - On an existing group, only the options given are compared and changed.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the subnet group (C(CacheSubnetGroupName)), at most 255 letters, digits or hyphens.
      - ElastiCache stores it in lower case and finds it whatever the case.
    type: str
    required: true
  description:
    description:
      - The description of the subnet group.
      - Required to create a group; ElastiCache can change it.
    type: str
  subnets:
    description:
      - The IDs of the subnets of the group, all in one VPC, compared as a set.
      - Required to create a group. Changing them replaces the group's subnets (C(ModifyCacheSubnetGroup)); a group in
        use can't move to another VPC.
    type: list
    elements: str
  state:
    description:
      - Whether the subnet group should exist.
      - ElastiCache refuses to delete a group that a cluster or replication group uses (C(CacheSubnetGroupInUse)).
    type: str
    choices: ["present", "absent"]
    default: present
notes:
  - The options are checked before any API call; a failure lists every problem found.
  - Reads with C(elasticache:DescribeCacheSubnetGroups) and C(elasticache:ListTagsForResource); writes with
    C(elasticache:CreateCacheSubnetGroup), C(elasticache:ModifyCacheSubnetGroup),
    C(elasticache:DeleteCacheSubnetGroup), C(elasticache:AddTagsToResource) and
    C(elasticache:RemoveTagsFromResource).
  - Supports check mode and diff mode. Check mode returns the expected group and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the cache subnet group on the database subnets
  appstack.aws.elasticache_subnet_group:
    name: smartscheduler-prod-cache
    description: smartscheduler prod cache
    subnets: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
    tags:
      Environment: prod

- name: Delete a cache subnet group
  appstack.aws.elasticache_subnet_group:
    name: smartscheduler-dev-cache
    state: absent
"""

RETURN = r"""
subnet_group:
  description:
    - The subnet group. In check mode, the state it would have; a new group's C(vpc_id) and C(arn) are then null.
  returned: when O(state=present)
  type: dict
  contains:
    name:
      description: The name of the group, in lower case.
      returned: always
      type: str
      sample: smartscheduler-prod-cache
    description:
      description: The description of the group.
      returned: always
      type: str
      sample: smartscheduler prod cache
    vpc_id:
      description: The VPC of the group's subnets.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    subnet_ids:
      description: The IDs of the group's subnets, sorted.
      returned: always
      type: list
      elements: str
      sample: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
    arn:
      description: The ARN of the group.
      returned: always
      type: str
      sample: arn:aws:elasticache:us-east-1:123456789012:subnetgroup:smartscheduler-prod-cache
    tags:
      description: The tags of the group.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import elasticache, elasticache_groups
from ansible_collections.appstack.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

REQUIRED_TO_CREATE = ("description", "subnets")


def create(client, params, check_mode):
    missing = [option for option in REQUIRED_TO_CREATE if not params.get(option)]
    if missing:
        raise AnsibleElastiCacheError(
            message=f"Cache subnet group {params['name']} does not exist; to create it, set {', '.join(missing)}."
        )
    predicted = elasticache_groups.predicted_subnet_group(None, params)
    predicted["tags"] = dict(params.get("tags") or {})
    if check_mode:
        return predicted
    group = elasticache_groups.create_subnet_group(
        client, params["name"], params["description"], predicted["subnet_ids"], params.get("tags")
    )
    return elasticache_groups.subnet_group_to_result(group, predicted["tags"])


def ensure_settings(client, group, params, check_mode):
    changes = elasticache_groups.plan_subnet_group(group, params)
    if not changes:
        return False, group
    if check_mode:
        return True, elasticache_groups.predicted_subnet_group(group, params)
    modified = elasticache_groups.modify_subnet_group(client, group["name"], changes)
    return True, elasticache_groups.subnet_group_to_result(modified, group["tags"])


def ensure_group_tags(client, group, params, check_mode):
    return ensure_tags(
        group,
        params.get("tags"),
        params["purge_tags"],
        check_mode,
        tag=partial(elasticache.add_tags, client, group["arn"]),
        untag=partial(elasticache.remove_tags, client, group["arn"]),
    )


def ensure_present(client, current, params, check_mode):
    """Bring the subnet group to what params ask for; returns (changed, expected state)."""
    if not current:
        return True, create(client, params, check_mode)
    changed, group = False, current
    for step in (ensure_settings, ensure_group_tags):
        step_changed, group = step(client, group, params, check_mode)
        changed = changed or step_changed
    return changed, group


def ensure_absent(client, current, params, check_mode):
    """Delete the subnet group; returns (changed, None)."""
    if not current:
        return False, None
    if not check_mode:
        elasticache_groups.delete_subnet_group(client, current["name"])
    return True, None


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        subnets=dict(type="list", elements="str"),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(elasticache_groups.subnet_group_problems(params))
    client = module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = elasticache_groups.read_subnet_group(client, params["name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, params, module.check_mode)
        else:
            changed, final = ensure_present(client, current, params, module.check_mode)
            result["subnet_group"] = final
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
