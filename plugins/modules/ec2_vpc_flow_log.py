#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ec2_vpc_flow_log
version_added: 0.1.0
short_description: Manage VPC flow logs
description:
  - Create, replace and delete the flow log of a VPC, a subnet or a network interface.
  - A flow log is identified by its resource (O(resource_id)), its traffic type (O(traffic_type)) and its
    destination (O(log_destination_type) with O(log_group_name) or O(log_destination)); the module manages
    the one flow log with that identity.
  - Only the tags of a flow log can be changed. When the existing flow log differs in O(max_aggregation_interval),
    O(log_format) or O(deliver_logs_permission_arn), the module replaces it, deleting it and then creating the new
    one, and reports the difference. The logs already delivered to the destination are not deleted.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  resource_id:
    description:
      - The id of the VPC, subnet or network interface whose traffic is logged.
    type: str
    required: true
  resource_type:
    description:
      - The type of O(resource_id).
      - The module checks that O(resource_id) has the matching prefix (C(vpc-), C(subnet-) or C(eni-)).
    type: str
    choices: ["VPC", "Subnet", "NetworkInterface"]
    default: VPC
  traffic_type:
    description:
      - The traffic to log.
    type: str
    choices: ["ACCEPT", "REJECT", "ALL"]
    default: ALL
  log_destination_type:
    description:
      - Where the flow log records are delivered.
    type: str
    choices: ["cloud-watch-logs", "s3", "kinesis-data-firehose"]
    default: cloud-watch-logs
  log_group_name:
    description:
      - The name of the CloudWatch Logs log group that receives the records.
      - Only with O(log_destination_type=cloud-watch-logs), where either O(log_group_name) or O(log_destination)
        is required.
      - Mutually exclusive with O(log_destination).
    type: str
  log_destination:
    description:
      - The ARN of the destination. For O(log_destination_type=s3) the ARN of a bucket, optionally with a folder
        (C(arn:aws:s3:::bucket/folder/)); for O(log_destination_type=kinesis-data-firehose) the ARN of a delivery
        stream; for O(log_destination_type=cloud-watch-logs) the ARN of a log group (or use O(log_group_name)).
      - Required with O(log_destination_type=s3) and O(log_destination_type=kinesis-data-firehose).
      - Mutually exclusive with O(log_group_name).
    type: str
  deliver_logs_permission_arn:
    description:
      - The ARN of the IAM role that lets the flow log publish to the destination.
      - Required to create a flow log with O(log_destination_type=cloud-watch-logs), and for a Kinesis Data Firehose
        stream in another account.
      - When not set, the role of an existing flow log is not compared.
    type: str
  max_aggregation_interval:
    description:
      - The longest time, in seconds, during which a flow of packets is aggregated into one record.
      - Can't be changed on a flow log; a different value replaces the flow log.
    type: int
    choices: [60, 600]
    default: 600
  log_format:
    description:
      - The fields of a flow log record, as C(${field-id}) separated by spaces. When not set, a new flow log uses
        the AWS default format and the format of an existing flow log is not compared.
      - Can't be changed on a flow log; a different value replaces the flow log.
    type: str
  state:
    description:
      - Whether the flow log should exist.
      - O(state=absent) deletes the flow log; the logs already delivered are not deleted.
    type: str
    choices: ["present", "absent"]
    default: present
  wait:
    description:
      - Wait until a new flow log is listed by EC2, or a deleted one no longer is.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait, in seconds (above 0), when O(wait=true). The module fails, naming the flow logs and their
        last status, when the wait runs out.
    type: int
    default: 300
notes:
  - Neither amazon.aws nor community.aws has a module for VPC flow logs, hence this module.
  - Replacing a flow log deletes it before creating the new one, so no records are delivered between the two calls;
    if creating the new flow log fails, the resource is left without a flow log until the next run.
  - The tags are set at creation (C(TagSpecifications) of type C(vpc-flow-log)) and then changed with
    C(ec2:CreateTags) and C(ec2:DeleteTags).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Send the flow log of a VPC to CloudWatch Logs
  appstack.aws.ec2_vpc_flow_log:
    resource_id: vpc-0123456789abcdef0
    log_group_name: /appstack/prod/vpc-flow-logs
    deliver_logs_permission_arn: arn:aws:iam::123456789012:role/appstack-prod-flow-logs
    tags:
      Name: appstack-prod-vpc-flow-log
  register: flow_log

- name: Log the rejected traffic of a subnet to S3, one record a minute, with a custom format
  appstack.aws.ec2_vpc_flow_log:
    resource_id: subnet-0123456789abcdef0
    resource_type: Subnet
    traffic_type: REJECT
    log_destination_type: s3
    log_destination: arn:aws:s3:::appstack-prod-flow-logs/subnets/
    max_aggregation_interval: 60
    log_format: "${version} ${vpc-id} ${subnet-id} ${srcaddr} ${dstaddr} ${action}"

- name: Stop logging a VPC to CloudWatch Logs
  appstack.aws.ec2_vpc_flow_log:
    resource_id: vpc-0123456789abcdef0
    log_group_name: /appstack/prod/vpc-flow-logs
    state: absent
"""

RETURN = r"""
flow_log:
  description:
    - The flow log.
    - In check mode, the state the flow log would have; values only AWS can give, such as the id of a new flow
      log, are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    flow_log_id:
      description: The id of the flow log.
      returned: when the flow log exists
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
      sample: "arn:aws:logs:us-east-1:123456789012:log-group:/appstack/prod/vpc-flow-logs"
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
      returned: when the flow log exists or O(log_format) is set
      type: str
      sample: "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol}"
    flow_log_status:
      description: The status of the flow log.
      returned: when the flow log exists
      type: str
      sample: ACTIVE
    deliver_logs_status:
      description: Whether the records are delivered (C(SUCCESS) or C(FAILED)).
      returned: when the flow log exists
      type: str
      sample: SUCCESS
    deliver_logs_error_message:
      description: Why the records can't be delivered.
      returned: when delivery fails
      type: str
      sample: Access error
    creation_time:
      description: When the flow log was created.
      returned: when the flow log exists
      type: str
      sample: "2024-01-01T00:00:00+00:00"
    tags:
      description: The tags of the flow log.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-vpc-flow-log"}
"""

from copy import deepcopy
from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.flow_logs import (
    CLOUDWATCH_LOGS,
    RESOURCE_ID_PREFIXES,
    AnsibleFlowLogError,
    create_flow_log,
    delete_flow_logs,
    describe_flow_logs,
    find_flow_logs,
    flow_log_log_group,
    log_group_name_from_arn,
    tag_flow_log,
    untag_flow_log,
    wait_for_flow_logs,
)
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags

# The settings CreateFlowLogs sets for good: a change means a new flow log.
IMMUTABLE_SETTINGS = ("max_aggregation_interval", "log_format", "deliver_logs_permission_arn")


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    prefix = RESOURCE_ID_PREFIXES[params["resource_type"]]
    if not params["resource_id"].startswith(prefix):
        problems.append(
            f"resource_id {params['resource_id']} is not a {params['resource_type']} id (they start with {prefix});"
            " set resource_type to the type of the resource."
        )
    destination = params["log_destination"]
    if params["log_destination_type"] == CLOUDWATCH_LOGS and destination and not log_group_name_from_arn(destination):
        problems.append(
            f"log_destination {destination} is not the ARN of a CloudWatch Logs log group;"
            " with log_destination_type=cloud-watch-logs give a log group ARN or use log_group_name."
        )
    problems.extend(wait_timeout_problems(params["wait_timeout"]))
    return problems


def immutable_differences(flow_log, params):
    """{setting: (current, requested)} for each immutable setting that is asked for and differs."""
    return {
        name: (flow_log.get(name), params[name])
        for name in IMMUTABLE_SETTINGS
        if params[name] is not None and flow_log.get(name) != params[name]
    }


def planned_flow_log(params, current, tags):
    """The settings of the flow log to create: the options, and for those unset, the current flow log's."""
    current = current or {}
    flow_log = {
        "resource_id": params["resource_id"],
        "traffic_type": params["traffic_type"],
        "log_destination_type": params["log_destination_type"],
        "log_destination": params["log_destination"],
        # Tags in the aws: namespace belong to AWS and can't be given to CreateFlowLogs.
        "tags": {key: value for key, value in tags.items() if not key.startswith("aws:")},
    }
    if params["log_destination_type"] == CLOUDWATCH_LOGS:
        flow_log["log_group_name"] = flow_log_log_group(params)
    for name in IMMUTABLE_SETTINGS:
        flow_log[name] = params[name] if params[name] is not None else current.get(name)
    return {key: value for key, value in flow_log.items() if value is not None}


def check_can_create(params, planned):
    if params["log_destination_type"] == CLOUDWATCH_LOGS and not planned.get("deliver_logs_permission_arn"):
        raise AnsibleFlowLogError(
            message="deliver_logs_permission_arn is required to create a flow log with"
            " log_destination_type=cloud-watch-logs"
        )


def create(client, params, planned, check_mode):
    """Create the planned flow log; returns it, with its id unless in check mode."""
    check_can_create(params, planned)
    if check_mode:
        return planned
    flow_log = deepcopy(planned)
    flow_log["flow_log_id"] = create_flow_log(
        client,
        params["resource_id"],
        params["resource_type"],
        params["traffic_type"],
        params["log_destination_type"],
        # The destination as the options give it: CreateFlowLogs takes a log group name or an ARN.
        log_group_name=params["log_group_name"],
        log_destination=params["log_destination"],
        tags=planned["tags"],
        **{name: planned.get(name) for name in IMMUTABLE_SETTINGS},
    )
    if params["wait"]:
        wait_for_flow_logs(client, "flow_log_exists", [flow_log["flow_log_id"]], params["wait_timeout"])
    return flow_log


def ensure_flow_log_tags(client, flow_log, tags, purge_tags, check_mode):
    flow_log_id = flow_log["flow_log_id"]
    return ensure_tags(
        flow_log,
        tags,
        purge_tags,
        check_mode,
        tag=partial(tag_flow_log, client, flow_log_id),
        untag=partial(untag_flow_log, client, flow_log_id),
    )


def ensure_present(client, matches, params, check_mode):
    """Bring the flow log to what params ask for; returns (changed, expected state)."""
    if len(matches) > 1:
        ids = ", ".join(flow_log["flow_log_id"] for flow_log in matches)
        raise AnsibleFlowLogError(
            message=f"Found {len(matches)} flow logs of {params['resource_id']} with this traffic type and destination"
            f" ({ids}); delete all but one."
        )
    current = matches[0] if matches else None
    if current and not immutable_differences(current, params):
        return ensure_flow_log_tags(client, current, params["tags"], params["purge_tags"], check_mode)

    tags = plan_tags(current.get("tags") if current else {}, params["tags"], params["purge_tags"]).result
    planned = planned_flow_log(params, current, tags)
    if current:
        # Replace the flow log; find out whether the new one can be created before deleting the old one.
        check_can_create(params, planned)
        ensure_absent(client, [current], params, check_mode)
    return True, create(client, params, planned, check_mode)


def ensure_absent(client, matches, params, check_mode):
    """Delete the matching flow logs; returns (changed, expected state), the state being None: no flow log."""
    if not matches:
        return False, None
    if not check_mode:
        flow_log_ids = [flow_log["flow_log_id"] for flow_log in matches]
        delete_flow_logs(client, flow_log_ids)
        if params["wait"]:
            wait_for_flow_logs(client, "flow_log_deleted", flow_log_ids, params["wait_timeout"])
    return True, None


def diff_before(matches):
    if not matches:
        return {}
    if len(matches) == 1:
        return matches[0]
    # Several flow logs only match when state=absent deletes them all.
    return {"flow_logs": matches}


def main():
    argument_spec = dict(
        resource_id=dict(type="str", required=True),
        resource_type=dict(type="str", default="VPC", choices=["VPC", "Subnet", "NetworkInterface"]),
        traffic_type=dict(type="str", default="ALL", choices=["ACCEPT", "REJECT", "ALL"]),
        log_destination_type=dict(
            type="str", default=CLOUDWATCH_LOGS, choices=[CLOUDWATCH_LOGS, "s3", "kinesis-data-firehose"]
        ),
        log_group_name=dict(type="str"),
        log_destination=dict(type="str"),
        deliver_logs_permission_arn=dict(type="str"),
        max_aggregation_interval=dict(type="int", default=600, choices=[60, 600]),
        log_format=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=300),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[["log_group_name", "log_destination"]],
        required_if=[
            ["log_destination_type", CLOUDWATCH_LOGS, ["log_group_name", "log_destination"], True],
            ["log_destination_type", "s3", ["log_destination"]],
            ["log_destination_type", "kinesis-data-firehose", ["log_destination"]],
        ],
    )
    params = module.params
    module.fail_on_invalid(validate(params))

    client = module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())
    result = {}
    try:
        matches = find_flow_logs(
            client,
            params["resource_id"],
            params["traffic_type"],
            params["log_destination_type"],
            log_group_name=params["log_group_name"],
            log_destination=params["log_destination"],
        )
        if params["state"] == "absent":
            changed, final = ensure_absent(client, matches, params, module.check_mode)
        else:
            changed, final = ensure_present(client, matches, params, module.check_mode)
            if changed and not module.check_mode:
                found = describe_flow_logs(client, flow_log_ids=[final["flow_log_id"]])
                final = found[0] if found else final
            result["flow_log"] = final
    except AnsibleFlowLogError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": diff_before(matches), "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
