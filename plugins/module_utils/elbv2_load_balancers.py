# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Load balancer and listener helpers shared by appstack.aws.elbv2_load_balancer and its _info twin.

Every API helper expects a client created with ``module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleELBv2Error, which a module turns into a failure with ``fail_json_aws_error``. botocore has the
waiters a load balancer needs (``load_balancer_available``, ``load_balancers_deleted``). The planning is in
``elbv2_load_balancer_plan.py``, which imports nothing of botocore.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail
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

# Seconds between two polls of a load balancer.
POLL_DELAY_SECONDS = 5


class LoadBalancerErrorHandler(ELBv2ErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["LoadBalancerNotFound", "ListenerNotFound"])


@LoadBalancerErrorHandler.list_error_handler("describe load balancers", [])
@AWSRetry.jittered_backoff()
def describe_load_balancers(client, names=None):
    """The load balancers named, or all of them ([] when one of the names is missing)."""
    params = {"Names": list(names)} if names else {}
    paginator = client.get_paginator("describe_load_balancers")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("LoadBalancers", []))


def get_load_balancer(client, name):
    """The load balancer named, as DescribeLoadBalancers returns it; None when there is none."""
    return next(iter(describe_load_balancers(client, names=[name])), None)


@LoadBalancerErrorHandler.list_error_handler("describe load balancer attributes", {})
@AWSRetry.jittered_backoff()
def get_attributes(client, arn):
    response = client.describe_load_balancer_attributes(LoadBalancerArn=arn)
    return attributes_from_api(response.get("Attributes"))


@LoadBalancerErrorHandler.list_error_handler("describe listeners", [])
@AWSRetry.jittered_backoff()
def describe_listeners(client, load_balancer_arn):
    paginator = client.get_paginator("describe_listeners")
    listeners = paginator.paginate(LoadBalancerArn=load_balancer_arn).build_full_result().get("Listeners", [])
    return normalize_boto3_result(listeners)


@LoadBalancerErrorHandler.common_error_handler("create load balancer")
def create_load_balancer(client, request, tags=None):
    params = dict(request)
    if tags:
        params["Tags"] = tags_to_api(tags)
    return normalize_boto3_result(client.create_load_balancer(aws_retry=True, **params)["LoadBalancers"][0])


@LoadBalancerErrorHandler.common_error_handler("set subnets")
def set_subnets(client, arn, subnets):
    client.set_subnets(aws_retry=True, LoadBalancerArn=arn, Subnets=list(subnets))
    return True


@LoadBalancerErrorHandler.common_error_handler("set security groups")
def set_security_groups(client, arn, groups):
    client.set_security_groups(aws_retry=True, LoadBalancerArn=arn, SecurityGroups=list(groups))
    return True


@LoadBalancerErrorHandler.common_error_handler("modify load balancer attributes")
def modify_attributes(client, arn, attributes):
    response = client.modify_load_balancer_attributes(
        aws_retry=True, LoadBalancerArn=arn, Attributes=attributes_to_api(attributes)
    )
    return attributes_from_api(response.get("Attributes"))


@LoadBalancerErrorHandler.common_error_handler("create listener")
def create_listener(client, load_balancer_arn, request):
    response = client.create_listener(aws_retry=True, LoadBalancerArn=load_balancer_arn, **request)
    return normalize_boto3_result(response["Listeners"][0])


@LoadBalancerErrorHandler.common_error_handler("modify listener")
def modify_listener(client, arn, request):
    response = client.modify_listener(aws_retry=True, ListenerArn=arn, **request)
    return normalize_boto3_result(response["Listeners"][0])


@LoadBalancerErrorHandler.deletion_error_handler("delete listener")
def delete_listener(client, arn):
    client.delete_listener(aws_retry=True, ListenerArn=arn)
    return True


@LoadBalancerErrorHandler.deletion_error_handler("delete load balancer")
def delete_load_balancer(client, arn):
    client.delete_load_balancer(aws_retry=True, LoadBalancerArn=arn)
    return True


def _state(response):
    return ((response.get("LoadBalancers") or [{}])[0].get("State") or {}).get("Code", "unknown")


@LoadBalancerErrorHandler.common_error_handler("wait for the load balancer to be active")
def wait_for_active(client, arn, name, timeout):
    wait_or_fail(
        client.get_waiter("load_balancer_available"),
        timeout,
        POLL_DELAY_SECONDS,
        f"load balancer {name} to be active",
        _state,
        AnsibleELBv2Error,
        LoadBalancerArns=[arn],
    )


@LoadBalancerErrorHandler.common_error_handler("wait for the load balancer to be deleted")
def wait_for_deleted(client, arn, name, timeout):
    wait_or_fail(
        client.get_waiter("load_balancers_deleted"),
        timeout,
        POLL_DELAY_SECONDS,
        f"load balancer {name} to be deleted",
        _state,
        AnsibleELBv2Error,
        LoadBalancerArns=[arn],
    )
