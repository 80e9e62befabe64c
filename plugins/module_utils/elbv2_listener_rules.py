# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Listener rule helpers shared by appstack.aws.elbv2_listener_rule and its _info twin.

Every API helper expects a client created with ``module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleELBv2Error, which a module turns into a failure with ``fail_json_aws_error``. A rule takes effect
as soon as CreateRule returns: there is nothing to wait for. The planning is in ``elbv2_listener_rule_plan.py``,
which imports nothing of botocore.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.elbv2 import (  # noqa: F401 (the modules import them here)
    AnsibleELBv2Error,
    ELBv2ErrorHandler,
    describe_tags,
    get_tags,
    tags_to_api,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_target_groups import describe_target_groups


class RuleErrorHandler(ELBv2ErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["ListenerNotFound", "RuleNotFound"])


@RuleErrorHandler.list_error_handler("describe rules", [])
@AWSRetry.jittered_backoff()
def describe_rules(client, listener_arn=None, rule_arns=None):
    """The rules of a listener (its default rule included), or the rules of these ARNs ([] when missing)."""
    params = {"ListenerArn": listener_arn} if listener_arn else {"RuleArns": list(rule_arns)}
    paginator = client.get_paginator("describe_rules")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("Rules", []))


def get_rule(client, listener_arn, priority):
    """The rule of this priority on the listener, as DescribeRules returns it; None when there is none."""
    wanted = str(priority)
    return next(
        (rule for rule in describe_rules(client, listener_arn=listener_arn) if rule["Priority"] == wanted), None
    )


@RuleErrorHandler.common_error_handler("create rule")
def create_rule(client, listener_arn, priority, request, tags=None):
    params = dict(request, ListenerArn=listener_arn, Priority=priority)
    if tags:
        params["Tags"] = tags_to_api(tags)
    return normalize_boto3_result(client.create_rule(aws_retry=True, **params)["Rules"][0])


@RuleErrorHandler.common_error_handler("modify rule")
def modify_rule(client, arn, request):
    return normalize_boto3_result(client.modify_rule(aws_retry=True, RuleArn=arn, **request)["Rules"][0])


@RuleErrorHandler.deletion_error_handler("delete rule")
def delete_rule(client, arn):
    client.delete_rule(aws_retry=True, RuleArn=arn)
    return True


def target_group_arns(client, names):
    """{name: ARN} of the target groups named; fails naming the ones that don't exist."""
    found = {}
    for name in names:
        found.update(
            {group["TargetGroupName"]: group["TargetGroupArn"] for group in describe_target_groups(client, [name])}
        )
    missing = [name for name in names if name not in found]
    if missing:
        raise AnsibleELBv2Error(
            message=f"No target group named {', '.join(missing)}: create it first (appstack.aws.elbv2_target_group)."
        )
    return found
