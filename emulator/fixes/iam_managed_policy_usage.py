"""Managed policies report how many users and roles use them as a permissions boundary.

AWS: a managed policy (the ``Policy`` data type of ``CreatePolicy`` and ``GetPolicy``) carries
``PermissionsBoundaryUsageCount``, "the number of entities (users and roles) for which the policy is used to set
the permissions boundary" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html).

Moto 5.2.5 omits the field, so amazon.aws ``iam_managed_policy`` returns no ``permissions_boundary_usage_count``,
which amazon.aws's integration target ``iam_managed_policy`` asserts on every policy it creates or reads. Moto
serializes a policy's attributes by the names of the API's members: the count is added as the attribute the
serializer reads.
"""

from __future__ import annotations

from moto.iam.models import ManagedPolicy


def permissions_boundary_usage_count(policy: ManagedPolicy) -> int:
    backend = policy.backend
    entities = [*backend.roles.values(), *backend.users.values()]
    return sum(1 for entity in entities if getattr(entity, "permissions_boundary_arn", None) == policy.arn)


def apply() -> None:
    ManagedPolicy.permissions_boundary_usage_count = property(permissions_boundary_usage_count)
