# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPC flow log helpers shared by the appstack.aws modules.

Every API helper expects an EC2 client created with
``module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleFlowLogError,
which a module turns into a failure with ``fail_json_aws_error``.  Flow logs are returned as snake_case
dicts (``boto3_resource_to_ansible_dict``) with their tags as a dict under ``tags``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_specifications,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import (
    ansible_dict_to_boto3_filter_list,
    boto3_resource_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.waiter import BaseWaiterFactory
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

FLOW_LOG_NOT_FOUND = "InvalidFlowLogId.NotFound"
# Seconds between two polls of DescribeFlowLogs.
POLL_DELAY_SECONDS = 5
CLOUDWATCH_LOGS = "cloud-watch-logs"

# The resource types this collection manages flow logs for, and the prefix of their identifiers.
RESOURCE_ID_PREFIXES = {"VPC": "vpc-", "Subnet": "subnet-", "NetworkInterface": "eni-"}


class AnsibleFlowLogError(AnsibleAWSError):
    pass


class FlowLogErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleFlowLogError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(FLOW_LOG_NOT_FOUND)


class FlowLogWaiterFactory(BaseWaiterFactory):
    """Waiters for DescribeFlowLogs, which botocore doesn't have."""

    @property
    def _waiter_model_data(self):
        return {
            "flow_log_exists": {
                "operation": "DescribeFlowLogs",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 60,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": "length(FlowLogs[]) > `0`", "expected": True},
                    {"state": "retry", "matcher": "error", "expected": FLOW_LOG_NOT_FOUND},
                ],
            },
            "flow_log_deleted": {
                "operation": "DescribeFlowLogs",
                "delay": POLL_DELAY_SECONDS,
                "maxAttempts": 60,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": "length(FlowLogs[]) == `0`", "expected": True},
                    {"state": "success", "matcher": "error", "expected": FLOW_LOG_NOT_FOUND},
                ],
            },
        }


# What each waiter waits for.
WAITED_FOR = {"flow_log_exists": "to be listed", "flow_log_deleted": "to be deleted"}


def _flow_log_statuses(response):
    flow_logs = response.get("FlowLogs") or []
    return ", ".join(f"{f.get('FlowLogId')} {f.get('FlowLogStatus', 'unknown')}" for f in flow_logs) or "not listed"


@FlowLogErrorHandler.common_error_handler("wait for flow logs")
def wait_for_flow_logs(client, waiter_name, flow_log_ids, timeout):
    """Wait until the flow logs are listed (flow_log_exists) or no longer listed (flow_log_deleted).

    Fails, naming the flow logs and their last status, when that doesn't happen within timeout seconds.
    """
    wait_or_fail(
        FlowLogWaiterFactory().get_waiter(client, waiter_name),
        timeout,
        POLL_DELAY_SECONDS,
        f"flow logs {', '.join(flow_log_ids)} {WAITED_FOR[waiter_name]}",
        _flow_log_statuses,
        AnsibleFlowLogError,
        FlowLogIds=list(flow_log_ids),
    )


def log_group_name_from_arn(arn):
    """The log group name in a CloudWatch Logs log group ARN (with or without the trailing ``:*``)."""
    if not arn:
        return None
    parts = arn.split(":")
    if len(parts) < 7 or parts[2] != "logs" or parts[5] != "log-group":
        return None
    return parts[6]


@FlowLogErrorHandler.list_error_handler("describe flow logs", [])
@AWSRetry.jittered_backoff()
def describe_flow_logs(client, flow_log_ids=None, filters=None):
    """The flow logs with these ids and matching these filters (a dict), as snake_case dicts with tags."""
    params = {}
    if flow_log_ids:
        params["FlowLogIds"] = list(flow_log_ids)
    if filters:
        params["Filter"] = ansible_dict_to_boto3_filter_list(filters)
    paginator = client.get_paginator("describe_flow_logs")
    flow_logs = paginator.paginate(**params).build_full_result().get("FlowLogs", [])
    return boto3_resource_list_to_ansible_dict(flow_logs) or []


def _raise_unsuccessful(action, unsuccessful, ignore_codes=()):
    errors = [item for item in unsuccessful or [] if item.get("Error", {}).get("Code") not in ignore_codes]
    if errors:
        details = "; ".join(
            f"{item.get('ResourceId')}: {item['Error'].get('Code')} {item['Error'].get('Message')}" for item in errors
        )
        raise AnsibleFlowLogError(message=f"Failed to {action}: {details}")


def flow_log_log_group(flow_log):
    """The log group of a flow log (or of module options): its log_group_name, or the name in its log_destination."""
    return flow_log.get("log_group_name") or log_group_name_from_arn(flow_log.get("log_destination"))


def find_flow_logs(client, resource_id, traffic_type, log_destination_type, log_group_name=None, log_destination=None):
    """The flow logs of resource_id for traffic_type that deliver to this destination.

    A CloudWatch Logs destination is compared by log group name, whether given by name or by ARN;
    other destinations by ARN.
    """
    filters = {
        "resource-id": resource_id,
        "traffic-type": traffic_type,
        "log-destination-type": log_destination_type,
    }
    wanted = {"log_group_name": log_group_name, "log_destination": log_destination}
    matches = []
    for flow_log in describe_flow_logs(client, filters=filters):
        if log_destination_type == CLOUDWATCH_LOGS:
            same_destination = flow_log_log_group(flow_log) == flow_log_log_group(wanted)
        else:
            same_destination = flow_log.get("log_destination") == log_destination
        if same_destination:
            matches.append(flow_log)
    return matches


@FlowLogErrorHandler.common_error_handler("create flow log")
def create_flow_log(client, resource_id, resource_type, traffic_type, log_destination_type, **options):
    """Create one flow log; options are the snake_case names of the optional CreateFlowLogs parameters.

    Returns the id of the new flow log.
    """
    params = {
        "ResourceIds": [resource_id],
        "ResourceType": resource_type,
        "TrafficType": traffic_type,
        "LogDestinationType": log_destination_type,
    }
    names = {
        "log_group_name": "LogGroupName",
        "log_destination": "LogDestination",
        "deliver_logs_permission_arn": "DeliverLogsPermissionArn",
        "max_aggregation_interval": "MaxAggregationInterval",
        "log_format": "LogFormat",
    }
    for option, value in options.items():
        if option == "tags":
            if value:
                params["TagSpecifications"] = boto3_tag_specifications(value, types=["vpc-flow-log"])
        elif value is not None:
            params[names[option]] = value
    response = client.create_flow_logs(aws_retry=True, **params)
    _raise_unsuccessful("create flow log", response.get("Unsuccessful"))
    return response["FlowLogIds"][0]


@FlowLogErrorHandler.common_error_handler("delete flow logs")
def delete_flow_logs(client, flow_log_ids):
    if not flow_log_ids:
        return False
    response = client.delete_flow_logs(FlowLogIds=list(flow_log_ids), aws_retry=True)
    _raise_unsuccessful("delete flow logs", response.get("Unsuccessful"), ignore_codes=(FLOW_LOG_NOT_FOUND,))
    return True


@FlowLogErrorHandler.common_error_handler("tag flow log")
def tag_flow_log(client, flow_log_id, tags):
    client.create_tags(Resources=[flow_log_id], Tags=ansible_dict_to_boto3_tag_list(tags), aws_retry=True)
    return True


@FlowLogErrorHandler.common_error_handler("untag flow log")
def untag_flow_log(client, flow_log_id, tag_keys):
    client.delete_tags(Resources=[flow_log_id], Tags=[{"Key": key} for key in tag_keys], aws_retry=True)
    return True
