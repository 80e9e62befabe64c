"""Deregistering a scalable target deletes its scaling policies, their alarms and its scheduled actions.

AWS (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DeregisterScalableTarget.html):
"Deregistering a scalable target deletes the scaling policies and the scheduled actions that are associated with
it"; and a target tracking policy's CloudWatch alarms go with the policy
(https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html:
"Do not edit or delete the CloudWatch alarms ... Application Auto Scaling deletes them when you delete the scaling
policy").

Moto 5.2.5 drops only the target: its policies stay, and so do the ``TargetTracking-…`` alarms they made. Without
this fix, tearing down an ECS service leaves four alarms the emulator invents and AWS does not.
"""

from __future__ import annotations

from collections.abc import Callable

from moto.applicationautoscaling.models import ApplicationAutoscalingBackend


def _with_policies(deregister: Callable[..., None]) -> Callable[..., None]:
    def deregister_scalable_target(
        self: ApplicationAutoscalingBackend, namespace: str, r_id: str, dimension: str
    ) -> None:
        deregister(self, namespace, r_id, dimension)
        _delete_policies_and_actions(self, namespace, r_id, dimension)

    return deregister_scalable_target


def _delete_policies_and_actions(
    self: ApplicationAutoscalingBackend, namespace: str, r_id: str, dimension: str
) -> None:
    for key, policy in list(self.policies.items()):
        if (policy.service_namespace, policy.resource_id, policy.scalable_dimension) == (namespace, r_id, dimension):
            policy.delete_alarms(self.account_id, self.region_name)
            del self.policies[key]
    self.scheduled_actions = [
        action
        for action in self.scheduled_actions
        if (action.resource_id, action.scalable_dimension) != (r_id, dimension)
    ]


def apply() -> None:
    # Wraps what is in place when applied, so that another fix of the same method keeps its part.
    ApplicationAutoscalingBackend.deregister_scalable_target = _with_policies(
        ApplicationAutoscalingBackend.deregister_scalable_target
    )
