"""Deregistering a scalable target deletes its scaling policies and their alarms, as on AWS."""

from emulator.client import EmulatorClient

RESOURCE = "service/web/api"
DIMENSION = "ecs:service:DesiredCount"


def _services(emulator: EmulatorClient, *names: str) -> None:
    ecs = emulator.client("ecs")
    ecs.create_cluster(clusterName="web")
    ecs.register_task_definition(family="api", containerDefinitions=[{"name": "api", "image": "nginx", "memory": 128}])
    for name in names:
        ecs.create_service(cluster="web", serviceName=name, taskDefinition="api", desiredCount=1)


def _target_with_a_policy(emulator: EmulatorClient) -> None:
    _services(emulator, "api", "worker")
    autoscaling = emulator.client("application-autoscaling")
    autoscaling.register_scalable_target(
        ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION, MinCapacity=1, MaxCapacity=4
    )
    autoscaling.put_scaling_policy(
        PolicyName="cpu",
        ServiceNamespace="ecs",
        ResourceId=RESOURCE,
        ScalableDimension=DIMENSION,
        PolicyType="TargetTrackingScaling",
        TargetTrackingScalingPolicyConfiguration={
            "TargetValue": 60.0,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
        },
    )


def _alarms(emulator: EmulatorClient) -> list[str]:
    return [alarm["AlarmName"] for alarm in emulator.client("cloudwatch").describe_alarms()["MetricAlarms"]]


def test_the_policies_and_their_alarms_go_with_the_target(emulator: EmulatorClient):
    _target_with_a_policy(emulator)
    assert any(name.startswith("TargetTracking-") for name in _alarms(emulator))
    autoscaling = emulator.client("application-autoscaling")
    autoscaling.deregister_scalable_target(ServiceNamespace="ecs", ResourceId=RESOURCE, ScalableDimension=DIMENSION)
    assert autoscaling.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"] == []
    assert _alarms(emulator) == []


def test_another_target_keeps_its_policies(emulator: EmulatorClient):
    _target_with_a_policy(emulator)
    autoscaling = emulator.client("application-autoscaling")
    autoscaling.register_scalable_target(
        ServiceNamespace="ecs",
        ResourceId="service/web/worker",
        ScalableDimension=DIMENSION,
        MinCapacity=1,
        MaxCapacity=2,
    )
    autoscaling.deregister_scalable_target(
        ServiceNamespace="ecs", ResourceId="service/web/worker", ScalableDimension=DIMENSION
    )
    assert [
        p["PolicyName"] for p in autoscaling.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"]
    ] == ["cpu"]
