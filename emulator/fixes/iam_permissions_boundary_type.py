"""IAM: a role's permissions boundary reads ``PermissionsBoundaryType`` ``Policy``, as AWS answers it.

AWS (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachedPermissionsBoundary.html):
``PermissionsBoundaryType``, "The permissions boundary usage type that indicates what type of IAM resource is used
as the permissions boundary for an entity. This data type can only have a value of ``Policy``." ``GetRole``
answers ``{"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": ...}`` (the AWS CLI's ``get-user``
example in the IAM reference shows the same for a user).

Moto 5.2.5 answers ``PermissionsBoundaryPolicy``, the enum botocore's model lists, not what the service returns:
amazon.aws's ``iam_role`` integration target asserts ``permissions_boundary_type == 'Policy'`` on a role with a
boundary, and any caller comparing with AWS's value sees a difference.
"""

from __future__ import annotations

from moto.iam.models import Role

POLICY = "Policy"


def permissions_boundary(role: Role) -> dict[str, str] | None:
    if not role.permissions_boundary_arn:
        return None
    return {"PermissionsBoundaryType": POLICY, "PermissionsBoundaryArn": role.permissions_boundary_arn}


def apply() -> None:
    Role.permissions_boundary = property(permissions_boundary)
