"""Unit tests for appstack.aws.application_autoscaling_target_info (botocore Stubber, no network)."""

import botocore.session
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import application_autoscaling_target_info as module
from botocore.stub import Stubber

RESOURCE = "service/shop-prod/shop-api-prod"
DIMENSION = "ecs:service:DesiredCount"
KEY = {"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION}


def test_each_target_is_returned_with_its_policies(run_module):
    raw = botocore.session.get_session().create_client(
        "application-autoscaling", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(raw)
    stubber.add_response(
        "describe_scalable_targets",
        {
            "ScalableTargets": [
                {**KEY, "MinCapacity": 1, "MaxCapacity": 5, "RoleARN": "r", "CreationTime": "2026-01-01T00:00:00Z"}
            ]
        },
        {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE]},
    )
    stubber.add_response(
        "describe_scaling_policies",
        {
            "ScalingPolicies": [
                {
                    **KEY,
                    "PolicyARN": "p",
                    "PolicyName": "api-cpu",
                    "PolicyType": "TargetTrackingScaling",
                    "CreationTime": "2026-01-01T00:00:00Z",
                }
            ]
        },
        KEY,
    )
    with stubber:
        code, result = run_module(
            module,
            {"service_namespace": "ecs", "resource_ids": [RESOURCE]},
            RetryingBotoClientWrapper(raw, AWSRetry.jittered_backoff()),
        )
        stubber.assert_no_pending_responses()

    assert code == 0, result
    (found,) = result["scalable_targets"]
    assert found["max_capacity"] == 5
    assert found["scaling_policies"][0]["policy_name"] == "api-cpu"
