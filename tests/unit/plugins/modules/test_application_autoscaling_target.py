"""Unit tests for appstack.aws.application_autoscaling_target (botocore Stubber, no network)."""

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import application_autoscaling_target as module
from botocore.stub import Stubber

RESOURCE = "service/shop-prod/shop-api-prod"
DIMENSION = "ecs:service:DesiredCount"
KEY = {"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": DIMENSION}
DESCRIBE_TARGET = {"ServiceNamespace": "ecs", "ResourceIds": [RESOURCE], "ScalableDimension": DIMENSION}
CPU = {
    "TargetValue": 70.0,
    "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
    "ScaleInCooldown": 300,
    "ScaleOutCooldown": 60,
    "DisableScaleIn": False,
}
MEMORY = {
    "TargetValue": 80.0,
    "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"},
    "DisableScaleIn": False,
}


@pytest.fixture
def autoscaling():
    raw = botocore.session.get_session().create_client(
        "application-autoscaling", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(raw)
    with stubber:
        yield RetryingBotoClientWrapper(raw, AWSRetry.jittered_backoff()), stubber
        stubber.assert_no_pending_responses()


def args(**overrides):
    values = {
        "service_namespace": "ecs",
        "resource_id": RESOURCE,
        "scalable_dimension": DIMENSION,
        "min_capacity": 1,
        "max_capacity": 5,
        "target_tracking_policies": [
            {
                "policy_name": "api-cpu",
                "predefined_metric_type": "ECSServiceAverageCPUUtilization",
                "target_value": 70,
                "scale_in_cooldown": 300,
                "scale_out_cooldown": 60,
            },
            {
                "policy_name": "api-memory",
                "predefined_metric_type": "ECSServiceAverageMemoryUtilization",
                "target_value": 80,
            },
        ],
    }
    values.update(overrides)
    return values


def target(low=1, high=5):
    return {
        **KEY,
        "MinCapacity": low,
        "MaxCapacity": high,
        "RoleARN": "arn:aws:iam::123456789012:role/x",
        "CreationTime": "2026-01-01T00:00:00Z",
    }


def policy(name, config):
    return {
        **KEY,
        "PolicyARN": f"arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x:resource/{name}",
        "PolicyName": name,
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": config,
        "CreationTime": "2026-01-01T00:00:00Z",
    }


def read(stubber, targets, policies):
    stubber.add_response("describe_scalable_targets", {"ScalableTargets": targets}, DESCRIBE_TARGET)
    if targets:
        stubber.add_response("describe_scaling_policies", {"ScalingPolicies": policies}, KEY)


def test_a_converged_target_is_read_with_two_calls_and_not_changed(run_module, autoscaling):
    client, stubber = autoscaling
    # AWS returns the memory policy's cooldowns, which were never asked for: they are not compared.
    memory = {**MEMORY, "TargetValue": 80, "ScaleInCooldown": 300, "ScaleOutCooldown": 300}
    read(stubber, [target()], [policy("api-cpu", CPU), policy("api-memory", memory)])

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is False
    assert [found["policy_name"] for found in result["scaling_policies"]] == ["api-cpu", "api-memory"]


def test_a_new_target_is_registered_and_its_policies_put(run_module, autoscaling):
    client, stubber = autoscaling
    read(stubber, [], [])
    stubber.add_response("register_scalable_target", {}, {**KEY, "MinCapacity": 1, "MaxCapacity": 5})
    stubber.add_response(
        "put_scaling_policy",
        {"PolicyARN": "a"},
        {
            **KEY,
            "PolicyName": "api-cpu",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": CPU,
        },
    )
    stubber.add_response(
        "put_scaling_policy",
        {"PolicyARN": "b"},
        {
            **KEY,
            "PolicyName": "api-memory",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": MEMORY,
        },
    )
    read(stubber, [target()], [policy("api-cpu", CPU), policy("api-memory", MEMORY)])

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["scalable_target"]["min_capacity"] == 1
    assert result["diff"]["before"] == {}


def test_check_mode_sends_no_write_and_predicts_the_target(run_module, autoscaling):
    client, stubber = autoscaling
    read(stubber, [], [])

    code, result = run_module(module, args(_ansible_check_mode=True), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["scalable_target"]["max_capacity"] == 5
    assert len(result["scaling_policies"]) == 2


def test_a_changed_maximum_and_target_value_are_sent_and_an_unlisted_policy_purged(run_module, autoscaling):
    client, stubber = autoscaling
    read(
        stubber,
        [target(high=4)],
        [policy("api-cpu", {**CPU, "TargetValue": 60.0}), policy("api-memory", MEMORY), policy("old", MEMORY)],
    )
    stubber.add_response("register_scalable_target", {}, {**KEY, "MaxCapacity": 5})
    stubber.add_response("delete_scaling_policy", {}, {**KEY, "PolicyName": "old"})
    stubber.add_response(
        "put_scaling_policy",
        {"PolicyARN": "a"},
        {
            **KEY,
            "PolicyName": "api-cpu",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": CPU,
        },
    )
    read(stubber, [target()], [policy("api-cpu", CPU), policy("api-memory", MEMORY)])

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["max_capacity"] == 4
    assert result["diff"]["after"]["max_capacity"] == 5


def test_min_above_max_fails_before_any_call(run_module):
    code, result = run_module(module, args(min_capacity=6), None)

    assert code == 1
    assert "min_capacity (6) must not exceed max_capacity (5)" in result["msg"]


def test_absent_deregisters_the_target(run_module, autoscaling):
    client, stubber = autoscaling
    read(stubber, [target()], [])
    stubber.add_response("deregister_scalable_target", {}, KEY)

    code, result = run_module(module, args(state="absent"), client)

    assert code == 0, result
    assert result["changed"] is True
