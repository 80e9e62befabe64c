#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ec2_vpc_flow_log_info
version_added: 0.1.0
short_description: Describe VPC flow logs
description:
  - Describe the flow logs of VPCs, subnets and network interfaces, with their tags.
  - With no option, every flow log of the region is described; the options narrow the search and combine.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  flow_log_ids:
    description:
      - The ids of the flow logs to describe.
    type: list
    elements: str
  resource_ids:
    description:
      - Describe the flow logs of these VPCs, subnets or network interfaces.
      - A shorthand for the C(resource-id) filter, which O(filters) can't then also give.
    type: list
    elements: str
  filters:
    description:
      - A dict of filters, each a filter name and a value or a list of values.
      - See U(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeFlowLogs.html) for the filters,
        such as C(log-destination-type), C(traffic-type), C(log-group-name) and C(tag:<key>).
    type: dict
    default: {}
notes:
  - Neither amazon.aws nor community.aws has a module for VPC flow logs; this is the info twin of
    M(appstack.aws.ec2_vpc_flow_log).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Describe the flow logs of a VPC
  appstack.aws.ec2_vpc_flow_log_info:
    resource_ids:
      - vpc-0123456789abcdef0
  register: vpc_flow_logs

- name: Describe the flow logs that deliver to S3 and whose delivery fails
  appstack.aws.ec2_vpc_flow_log_info:
    filters:
      log-destination-type: s3
      deliver-log-status: FAILED

- name: Describe one flow log
  appstack.aws.ec2_vpc_flow_log_info:
    flow_log_ids:
      - fl-0123456789abcdef0
"""

RETURN = r"""
flow_logs:
  description: The flow logs found; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    flow_log_id:
      description: The id of the flow log.
      returned: always
      type: str
      sample: fl-0123456789abcdef0
    resource_id:
      description: The id of the logged VPC, subnet or network interface.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    traffic_type:
      description: The traffic logged.
      returned: always
      type: str
      sample: ALL
    log_destination_type:
      description: The type of destination.
      returned: always
      type: str
      sample: cloud-watch-logs
    log_group_name:
      description: The log group that receives the records.
      returned: when the destination is CloudWatch Logs
      type: str
      sample: /appstack/prod/vpc-flow-logs
    log_destination:
      description: The ARN of the destination.
      returned: when AWS reports it
      type: str
      sample: arn:aws:s3:::appstack-prod-flow-logs/subnets/
    deliver_logs_permission_arn:
      description: The ARN of the IAM role that publishes the records.
      returned: when the flow log has one
      type: str
      sample: arn:aws:iam::123456789012:role/appstack-prod-flow-logs
    max_aggregation_interval:
      description: The aggregation interval, in seconds.
      returned: always
      type: int
      sample: 600
    log_format:
      description: The format of the records.
      returned: always
      type: str
      sample: "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol}"
    flow_log_status:
      description: The status of the flow log.
      returned: always
      type: str
      sample: ACTIVE
    deliver_logs_status:
      description: Whether the records are delivered (C(SUCCESS) or C(FAILED)).
      returned: always
      type: str
      sample: SUCCESS
    deliver_logs_error_message:
      description: Why the records can't be delivered.
      returned: when delivery fails
      type: str
      sample: Access error
    creation_time:
      description: When the flow log was created.
      returned: always
      type: str
      sample: "2024-01-01T00:00:00+00:00"
    tags:
      description: The tags of the flow log.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-vpc-flow-log"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.flow_logs import AnsibleFlowLogError, describe_flow_logs
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    if params["resource_ids"] and "resource-id" in (params["filters"] or {}):
        return ["Give the resource ids either in resource_ids or in filters, not both."]
    return []


def build_filters(resource_ids, filters):
    """The filters dict for DescribeFlowLogs, with resource_ids as the resource-id filter (see validate)."""
    filters = dict(filters or {})
    if resource_ids:
        filters["resource-id"] = list(resource_ids)
    return filters


def main():
    argument_spec = dict(
        flow_log_ids=dict(type="list", elements="str"),
        resource_ids=dict(type="list", elements="str"),
        filters=dict(type="dict", default={}),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))

    try:
        filters = build_filters(module.params["resource_ids"], module.params["filters"])
        client = module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())
        flow_logs = describe_flow_logs(client, flow_log_ids=module.params["flow_log_ids"], filters=filters)
    except AnsibleFlowLogError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, flow_logs=flow_logs)


if __name__ == "__main__":
    main()
