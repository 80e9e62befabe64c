#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: elasticache_replication_group_info
version_added: 0.8.0
short_description: Read Amazon ElastiCache replication groups
description:
  - Read one ElastiCache replication group by id, or every replication group of the region, with its tags and the
    settings ElastiCache keeps on its primary cluster.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  replication_group_id:
    description:
      - The id of the group. When not set, every replication group of the region is returned.
    type: str
    aliases: ["name"]
notes:
  - The info twin of M(appstack.aws.elasticache_replication_group); it returns groups in the same form.
  - Needs C(elasticache:DescribeReplicationGroups), C(elasticache:DescribeCacheClusters) and
    C(elasticache:ListTagsForResource).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read a replication group
  appstack.aws.elasticache_replication_group_info:
    replication_group_id: shop-prod
  register: cache_info

- name: Read every replication group of the region
  appstack.aws.elasticache_replication_group_info:
"""

RETURN = r"""
replication_groups:
  description:
    - The groups found (none when the id names no group), each as C(DescribeReplicationGroups) describes it in
      snake_case, with its tags, the settings read from its primary cluster, and its endpoints.
  returned: always
  type: list
  elements: dict
  contains:
    replication_group_id:
      description: The id of the group.
      returned: always
      type: str
      sample: shop-prod
    arn:
      description: The ARN of the group.
      returned: always
      type: str
    status:
      description: V(creating), V(available), V(modifying), V(deleting), ...
      returned: always
      type: str
      sample: available
    engine:
      description: V(valkey) or V(redis).
      returned: always
      type: str
    engine_version:
      description: The full engine version, from the primary cluster.
      returned: when known
      type: str
      sample: 8.0.1
    cache_node_type:
      description: The node type.
      returned: always
      type: str
    member_clusters:
      description: The clusters of the group, the primary first.
      returned: always
      type: list
      elements: str
    node_groups:
      description: The one node group, with its endpoints and members.
      returned: always
      type: list
      elements: dict
    automatic_failover:
      description: V(enabled), V(disabled), V(enabling) or V(disabling).
      returned: always
      type: str
    multi_az:
      description: V(enabled) or V(disabled).
      returned: always
      type: str
    at_rest_encryption_enabled:
      description: Whether the data at rest is encrypted.
      returned: always
      type: bool
    transit_encryption_enabled:
      description: Whether connections use TLS.
      returned: always
      type: bool
    auth_token_enabled:
      description: Whether clients must give an AUTH token.
      returned: always
      type: bool
    snapshot_retention_limit:
      description: The days automatic snapshots are kept.
      returned: always
      type: int
    cache_parameter_group_name:
      description: The parameter group, from the primary cluster.
      returned: when known
      type: str
    cache_subnet_group_name:
      description: The subnet group, from the primary cluster.
      returned: when known
      type: str
    security_group_ids:
      description: The security groups, from the primary cluster, sorted.
      returned: when known
      type: list
      elements: str
    port:
      description: The port, from the primary endpoint.
      returned: once the group has endpoints
      type: int
    tags:
      description: The tags of the group.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    primary_endpoint:
      description: The address and port of the primary; V({}) until ElastiCache gives it.
      returned: always
      type: dict
      sample: {"address": "master.shop-prod.abc123.use1.cache.amazonaws.com", "port": 6379}
    reader_endpoint:
      description: The address and port of the reader endpoint; V({}) until ElastiCache gives it.
      returned: always
      type: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import elasticache_replication_groups as groups
from ansible_collections.appstack.aws.plugins.module_utils.elasticache import AnsibleElastiCacheError
from ansible_collections.appstack.aws.plugins.module_utils.elasticache_replication_group_plan import validate
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def main():
    argument_spec = dict(replication_group_id=dict(type="str", aliases=["name"]))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    group_id = module.params["replication_group_id"]
    if group_id is not None:
        module.fail_on_invalid(validate({"replication_group_id": group_id, "state": "absent"}))
    client = module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())

    try:
        if group_id:
            group = groups.get_group(client, group_id.lower())
            found = [group] if group else []
        else:
            found = groups.list_groups(client)
    except AnsibleElastiCacheError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, replication_groups=[dict(group, **groups.endpoints(group)) for group in found])


if __name__ == "__main__":
    main()
