#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: rds_db_proxy_info
version_added: 0.2.0
short_description: Read Amazon RDS Proxy proxies
description:
  - Read one Amazon RDS Proxy by name, or every proxy of the region, with its tags, its C(default) target
    group and that group's targets.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the proxy. When not set, every proxy of the region is returned.
    type: str
    aliases: ["db_proxy_name"]
notes:
  - The info twin of M(appstack.aws.rds_db_proxy); it returns proxies in the same form.
  - Needs C(rds:DescribeDBProxies), C(rds:DescribeDBProxyTargetGroups), C(rds:DescribeDBProxyTargets) and
    C(rds:ListTagsForResource).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read a proxy
  appstack.aws.rds_db_proxy_info:
    name: smartscheduler-prod
  register: proxy_info

- name: Read every proxy of the region
  appstack.aws.rds_db_proxy_info:
"""

RETURN = r"""
db_proxies:
  description:
    - The proxies found, in the form M(appstack.aws.rds_db_proxy) returns as RV(appstack.aws.rds_db_proxy#module:db_proxy);
      empty when O(name) names no proxy.
  returned: always
  type: list
  elements: dict
  contains:
    db_proxy_name:
      description: The name of the proxy.
      returned: always
      type: str
      sample: smartscheduler-prod
    db_proxy_arn:
      description: The ARN of the proxy.
      returned: always
      type: str
      sample: arn:aws:rds:us-east-1:123456789012:db-proxy:prx-0123456789abcdef0
    status:
      description: The status of the proxy.
      returned: always
      type: str
      sample: available
    endpoint:
      description: The host name clients connect to.
      returned: always
      type: str
      sample: smartscheduler-prod.proxy-abcdefghijkl.us-east-1.rds.amazonaws.com
    engine_family:
      description: The kind of database the proxy connects to.
      returned: always
      type: str
      sample: POSTGRESQL
    auth:
      description: How the proxy logs in, one entry per secret.
      returned: always
      type: list
      elements: dict
    require_tls:
      description: Whether clients must use TLS.
      returned: always
      type: bool
    tags:
      description: The tags of the proxy.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
    target_group:
      description: The C(default) target group, with its C(connection_pool_config).
      returned: always
      type: dict
    targets:
      description: The targets of the C(default) target group.
      returned: always
      type: list
      elements: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import rds_proxy
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    return rds_proxy.name_problems(params["name"])


def main():
    argument_spec = dict(name=dict(type="str", aliases=["db_proxy_name"]))
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))
    client = module.client("rds", retry_decorator=AWSRetry.jittered_backoff())

    try:
        if module.params["name"]:
            proxy = rds_proxy.get_proxy(client, module.params["name"])
            proxies = [proxy] if proxy else []
        else:
            proxies = rds_proxy.list_proxies(client)
    except rds_proxy.AnsibleRDSError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, db_proxies=proxies)


if __name__ == "__main__":
    main()
