# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Target group helpers shared by appstack.aws.elbv2_target_group and its _info twin.

Every API helper expects a client created with ``module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleELBv2Error, which a module turns into a failure with ``fail_json_aws_error``. A target group is
ready as soon as CreateTargetGroup returns: there is nothing to wait for. The planning is in
``elbv2_target_group_plan.py``, which imports nothing of botocore.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import (  # noqa: F401 (the modules import them here)
    AnsibleELBv2Error,
    ELBv2ErrorHandler,
    add_tags,
    attributes_from_api,
    attributes_to_api,
    describe_tags,
    get_tags,
    remove_tags,
    tags_to_api,
)


class TargetGroupErrorHandler(ELBv2ErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["TargetGroupNotFound", "LoadBalancerNotFound"])


@TargetGroupErrorHandler.list_error_handler("describe target groups", [])
@AWSRetry.jittered_backoff()
def describe_target_groups(client, names=None, arns=None, load_balancer_arn=None):
    """The target groups named, or of these ARNs, or of a load balancer, or all ([] when one is missing)."""
    params = {}
    if names:
        params["Names"] = list(names)
    if arns:
        params["TargetGroupArns"] = list(arns)
    if load_balancer_arn:
        params["LoadBalancerArn"] = load_balancer_arn
    paginator = client.get_paginator("describe_target_groups")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("TargetGroups", []))


def get_target_group(client, name):
    """The target group named, as DescribeTargetGroups returns it; None when there is none."""
    return next(iter(describe_target_groups(client, names=[name])), None)


@TargetGroupErrorHandler.list_error_handler("describe target group attributes", {})
@AWSRetry.jittered_backoff()
def get_attributes(client, arn):
    response = client.describe_target_group_attributes(TargetGroupArn=arn)
    return attributes_from_api(response.get("Attributes"))


@TargetGroupErrorHandler.common_error_handler("create target group")
def create_target_group(client, request, tags=None):
    params = dict(request)
    if tags:
        params["Tags"] = tags_to_api(tags)
    response = client.create_target_group(aws_retry=True, **params)
    return normalize_boto3_result(response["TargetGroups"][0])


@TargetGroupErrorHandler.common_error_handler("modify target group")
def modify_target_group(client, arn, request):
    response = client.modify_target_group(aws_retry=True, TargetGroupArn=arn, **request)
    return normalize_boto3_result(response["TargetGroups"][0])


@TargetGroupErrorHandler.common_error_handler("modify target group attributes")
def modify_attributes(client, arn, attributes):
    response = client.modify_target_group_attributes(
        aws_retry=True, TargetGroupArn=arn, Attributes=attributes_to_api(attributes)
    )
    return attributes_from_api(response.get("Attributes"))


@TargetGroupErrorHandler.deletion_error_handler("delete target group")
def delete_target_group(client, arn):
    client.delete_target_group(aws_retry=True, TargetGroupArn=arn)
    return True
