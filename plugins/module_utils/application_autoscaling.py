# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Application Auto Scaling helpers shared by appstack.aws.application_autoscaling_target and its _info twin.

Every API helper expects a client created with
``module.client("application-autoscaling", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleApplicationAutoScalingError. A target and its policies are read with two calls (DescribeScalableTargets,
DescribeScalingPolicies). Every write is synchronous. The planning is in ``application_autoscaling_plan.py``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


class AnsibleApplicationAutoScalingError(AnsibleAWSError):
    pass


class ApplicationAutoScalingErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleApplicationAutoScalingError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ObjectNotFoundException")


def _key(service_namespace, resource_id, scalable_dimension):
    return {"ServiceNamespace": service_namespace, "ResourceId": resource_id, "ScalableDimension": scalable_dimension}


@ApplicationAutoScalingErrorHandler.list_error_handler("describe scalable targets", [])
@AWSRetry.jittered_backoff()
def describe_scalable_targets(client, service_namespace, resource_ids=None, scalable_dimension=None):
    params = {"ServiceNamespace": service_namespace}
    if resource_ids:
        params["ResourceIds"] = list(resource_ids)
    if scalable_dimension:
        params["ScalableDimension"] = scalable_dimension
    paginator = client.get_paginator("describe_scalable_targets")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("ScalableTargets", []))


def get_scalable_target(client, service_namespace, resource_id, scalable_dimension):
    """The scalable target, as DescribeScalableTargets returns it; None when it is not registered."""
    for target in describe_scalable_targets(client, service_namespace, [resource_id], scalable_dimension):
        if target.get("ResourceId") == resource_id and target.get("ScalableDimension") == scalable_dimension:
            return target
    return None


@ApplicationAutoScalingErrorHandler.list_error_handler("describe scaling policies", [])
@AWSRetry.jittered_backoff()
def describe_scaling_policies(client, service_namespace, resource_id, scalable_dimension=None):
    """The scaling policies of a resource (of one dimension when given), alarms included."""
    params = {"ServiceNamespace": service_namespace, "ResourceId": resource_id}
    if scalable_dimension:
        params["ScalableDimension"] = scalable_dimension
    paginator = client.get_paginator("describe_scaling_policies")
    return normalize_boto3_result(paginator.paginate(**params).build_full_result().get("ScalingPolicies", []))


@ApplicationAutoScalingErrorHandler.common_error_handler("register scalable target")
def register_scalable_target(client, service_namespace, resource_id, scalable_dimension, request):
    client.register_scalable_target(
        aws_retry=True, **_key(service_namespace, resource_id, scalable_dimension), **request
    )
    return True


@ApplicationAutoScalingErrorHandler.deletion_error_handler("deregister scalable target")
def deregister_scalable_target(client, service_namespace, resource_id, scalable_dimension):
    client.deregister_scalable_target(aws_retry=True, **_key(service_namespace, resource_id, scalable_dimension))
    return True


@ApplicationAutoScalingErrorHandler.common_error_handler("put scaling policy")
def put_target_tracking_policy(client, service_namespace, resource_id, scalable_dimension, name, configuration):
    client.put_scaling_policy(
        aws_retry=True,
        PolicyName=name,
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration=configuration,
        **_key(service_namespace, resource_id, scalable_dimension),
    )
    return True


@ApplicationAutoScalingErrorHandler.deletion_error_handler("delete scaling policy")
def delete_scaling_policy(client, service_namespace, resource_id, scalable_dimension, name):
    client.delete_scaling_policy(
        aws_retry=True, PolicyName=name, **_key(service_namespace, resource_id, scalable_dimension)
    )
    return True
