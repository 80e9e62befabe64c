"""The AWS managed policies the roles attach exist, as they do in every account.

AWS: AWS managed policies such as
``arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`` exist
in every account, and ``AttachRolePolicy`` attaches them by ARN
(https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html).

Moto 5.2.5 creates none of them unless told to load all ~1,600 (which makes
every reset slow), so attaching one fails with ``NoSuchEntity``. This loads the
few that the roles attach, from moto's own copy of their documents, into every
IAM backend; and ``AWSDenyAll``, the policy amazon.aws's ``iam_role`` integration
target attaches by name (``iam_role`` looks the name up with ``ListPolicies``, and
fails "Failed to find policy by name" when no policy has it).
"""

from __future__ import annotations

import json

from moto.iam.aws_managed_policies import aws_managed_policies_data
from moto.iam.models import AWSManagedPolicy, IAMBackend, ManagedPolicy

# AWS managed policies the roles attach (by name; path and document come from moto's data), and AWSDenyAll, the
# policy that grants nothing: amazon.aws's iam_role target attaches it.
POLICY_NAMES = ("AmazonRDSEnhancedMonitoringRole", "AmazonECSInfrastructureRolePolicyForLoadBalancers", "AWSDenyAll")

_original_init_aws_policies = IAMBackend._init_aws_policies


def _init_aws_policies(self: IAMBackend) -> list[ManagedPolicy]:
    policies = _original_init_aws_policies(self)
    loaded = {policy.name for policy in policies}
    data = json.loads(aws_managed_policies_data)
    for name in POLICY_NAMES:
        if name not in loaded:
            policies.append(AWSManagedPolicy.from_data(name, self.account_id, self.region_name, data[name]))
    return policies


def apply() -> None:
    IAMBackend._init_aws_policies = _init_aws_policies
