"""IAM: a role's permissions boundary reads PermissionsBoundaryType "Policy", as on AWS.

Fails on stock moto 5.2.5 (see ``emulator/fixes/iam_permissions_boundary_type.py``).
"""

from __future__ import annotations

import json

from emulator.client import EmulatorClient

ROLE = "shop-test-bounded"
BOUNDARY = "arn:aws:iam::aws:policy/AWSDenyAll"
ASSUME = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def test_a_role_boundary_is_of_type_policy(emulator: EmulatorClient) -> None:
    """AttachedPermissionsBoundary: PermissionsBoundaryType "can only have a value of Policy"; GetRole answers it
    for a role with a boundary, and no PermissionsBoundary once it is deleted.
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachedPermissionsBoundary.html
    """
    iam = emulator.client("iam")
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(ASSUME))
    iam.put_role_permissions_boundary(RoleName=ROLE, PermissionsBoundary=BOUNDARY)

    expected = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": BOUNDARY}
    assert iam.get_role(RoleName=ROLE)["Role"]["PermissionsBoundary"] == expected

    iam.delete_role_permissions_boundary(RoleName=ROLE)
    assert "PermissionsBoundary" not in iam.get_role(RoleName=ROLE)["Role"]
