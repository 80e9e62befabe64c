#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elasticache_parameter_group
version_added: 0.8.0
short_description: Manage Amazon ElastiCache cache parameter groups
description:
  - Create, update and delete an ElastiCache cache parameter group for Valkey or Redis OSS, the parameters set in
    it, and its tags.
  - M(community.aws.elasticache_parameter_group) has no tags, no C(valkey7), C(valkey8) or C(redis7) family and no
    check mode, which is why this module exists.
  - Only the parameters named in O(parameters) are managed; the others keep their values unless
    O(reset_unlisted=true).
  - Every parameter named is checked against the family's parameters (C(DescribeCacheParameters) of the group, or
    C(DescribeEngineDefaultParameters) of the family for a new group) before anything is written; a parameter the
    family lacks, one ElastiCache doesn't let you modify, or a value outside its allowed values fails, naming the
    parameter and the allowed values.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the parameter group (C(CacheParameterGroupName)); ElastiCache stores it in lower case.
      - The default groups (C(default.<family>)) can't be managed.
    type: str
    required: true
  family:
    description:
      - The parameter group family, which must match the engine and major version of the clusters using the group.
      - Required to create a group. ElastiCache can't change the family of a group; when it differs from the existing
        group's, the module fails without changing anything and says how to replace the group.
    type: str
    choices: ["valkey8", "valkey7", "redis7", "redis6.x"]
  description:
    description:
      - The description of the group, set on create.
      - ElastiCache can't change it afterwards; a different description on an existing group only gives a warning.
    type: str
  parameters:
    description:
      - Parameters to set, by name; values are compared as strings (V(true) and V(false) are written V(yes) and
        V(no)).
      - Parameters not named keep their values, unless O(reset_unlisted=true).
    type: dict
  reset_unlisted:
    description:
      - Whether the parameters set in the group (source V(user)) that O(parameters) doesn't name are reset to their
        defaults.
    type: bool
    default: false
  state:
    description:
      - Whether the parameter group should exist.
      - ElastiCache refuses to delete a group that a cluster or replication group uses.
    type: str
    choices: ["present", "absent"]
    default: present
notes:
  - Reads with C(elasticache:DescribeCacheParameterGroups), C(elasticache:DescribeCacheParameters),
    C(elasticache:DescribeEngineDefaultParameters) and C(elasticache:ListTagsForResource); writes with
    C(elasticache:CreateCacheParameterGroup), C(elasticache:ModifyCacheParameterGroup) (20 parameters a call),
    C(elasticache:ResetCacheParameterGroup), C(elasticache:DeleteCacheParameterGroup),
    C(elasticache:AddTagsToResource) and C(elasticache:RemoveTagsFromResource).
  - A parameter whose change type is C(requires-reboot) takes effect on the clusters using the group only after
    they reboot.
  - Supports check mode and diff mode. Check mode returns the expected group and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a Valkey 8 parameter group for a job queue, which must not evict keys
  appstack.aws.elasticache_parameter_group:
    name: smartscheduler-prod-cache
    family: valkey8
    description: smartscheduler prod cache
    parameters:
      maxmemory-policy: noeviction
      notify-keyspace-events: Ex
    tags:
      Environment: prod

- name: Set the parameters and reset every other one set earlier
  appstack.aws.elasticache_parameter_group:
    name: smartscheduler-prod-cache
    family: valkey8
    parameters:
      maxmemory-policy: noeviction
    reset_unlisted: true

- name: Delete a parameter group
  appstack.aws.elasticache_parameter_group:
    name: smartscheduler-dev-cache
    state: absent
"""

RETURN = r"""
parameter_group:
  description:
    - The parameter group. In check mode, the state it would have; a new group's C(arn) is then null.
  returned: when O(state=present)
  type: dict
  contains:
    name:
      description: The name of the group, in lower case.
      returned: always
      type: str
      sample: smartscheduler-prod-cache
    family:
      description: The family of the group.
      returned: always
      type: str
      sample: valkey8
    description:
      description: The description of the group.
      returned: always
      type: str
      sample: smartscheduler prod cache
    arn:
      description: The ARN of the group.
      returned: always
      type: str
      sample: arn:aws:elasticache:us-east-1:123456789012:parametergroup:smartscheduler-prod-cache
    parameters:
      description: The current values of the parameters named in O(parameters).
      returned: always
      type: dict
      sample: {"maxmemory-policy": "noeviction"}
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

REQUIRED_TO_CREATE = ("family", "description")


def check_parameters(name, family, parameters, desired):
    problems = elasticache_groups.parameter_problems(desired, parameters, family)
    if problems:
        raise AnsibleElastiCacheError(
            message=f"Parameter group {name} can't be given these parameters: {' '.join(problems)}"
        )


def create(client, params, desired, check_mode):
    missing = [option for option in REQUIRED_TO_CREATE if not params.get(option)]
    if missing:
        raise AnsibleElastiCacheError(
            message=f"Cache parameter group {params['name']} does not exist; to create it, set {', '.join(missing)}."
        )
    if desired:
        family_parameters = elasticache_groups.describe_family_parameters(client, params["family"])
        check_parameters(params["name"], params["family"], family_parameters, desired)
    tags = dict(params.get("tags") or {})
    if check_mode:
        predicted = {"name": params["name"].lower(), "family": params["family"], "arn": None}
        return {**predicted, "description": params["description"], "parameters": desired, "tags": tags}
    group = elasticache_groups.create_parameter_group(
        client, params["name"], params["family"], params["description"], tags
    )
    if desired:
        elasticache_groups.set_parameters(client, group["CacheParameterGroupName"], desired)
    return elasticache_groups.parameter_group_to_result(group, tags, desired)


def ensure_parameters(client, group, parameters, params, desired, check_mode):
    to_set, to_reset = elasticache_groups.plan_parameters(parameters, desired, params["reset_unlisted"])
    if not to_set and not to_reset:
        return False, group
    if not check_mode:
        if to_reset:
            elasticache_groups.reset_parameters(client, group["name"], to_reset)
        if to_set:
            elasticache_groups.set_parameters(client, group["name"], to_set)
    return True, {**group, "parameters": dict(desired)}


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
    """Bring the parameter group to what params ask for; returns (changed, expected state)."""
    desired = elasticache_groups.desired_parameters(params)
    if not current:
        return True, create(client, params, desired, check_mode)
    group_description, tags, parameters = current
    family = group_description["CacheParameterGroupFamily"]
    if params.get("family") and params["family"] != family:
        raise AnsibleElastiCacheError(
            message=elasticache_groups.family_change_message(params["name"], family, params["family"])
        )
    check_parameters(params["name"], family, parameters, desired)
    group = elasticache_groups.parameter_group_to_result(
        group_description, tags, elasticache_groups.managed_values(parameters, desired)
    )
    changed, group = ensure_parameters(client, group, parameters, params, desired, check_mode)
    tags_changed, group = ensure_group_tags(client, group, params, check_mode)
    return changed or tags_changed, group


def ensure_absent(client, current, params, check_mode):
    """Delete the parameter group; returns (changed, None)."""
    if not current:
        return False, None
    if not check_mode:
        elasticache_groups.delete_parameter_group(client, current[0]["CacheParameterGroupName"])
    return True, None


def before(current, params):
    """The existing group as the diff's "before": its values of the parameters named."""
    if not current:
        return {}
    group, tags, parameters = current
    values = elasticache_groups.managed_values(parameters, elasticache_groups.desired_parameters(params))
    return elasticache_groups.parameter_group_to_result(group, tags, values)


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        family=dict(type="str", choices=elasticache_groups.FAMILIES),
        description=dict(type="str"),
        parameters=dict(type="dict"),
        reset_unlisted=dict(type="bool", default=False),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(elasticache_groups.parameter_group_problems(params))
    client = module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current = elasticache_groups.read_parameter_group(client, params["name"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, current, params, module.check_mode)
        else:
            description = current[0].get("Description") if current else None
            if current and params.get("description") is not None and params["description"] != description:
                module.warn(
                    f"ElastiCache can't change the description of parameter group {params['name']}; it stays"
                    f" {description!r}."
                )
            changed, final = ensure_present(client, current, params, module.check_mode)
            result["parameter_group"] = final
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": before(current, params), "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
