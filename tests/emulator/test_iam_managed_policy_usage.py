"""IAM: a managed policy reports PermissionsBoundaryUsageCount (emulator/fixes/iam_managed_policy_usage.py)."""

from __future__ import annotations

import json

from emulator.client import EmulatorClient

DOCUMENT = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)


def test_a_policy_counts_the_roles_it_bounds(emulator: EmulatorClient) -> None:
    """API_Policy: PermissionsBoundaryUsageCount is "the number of entities (users and roles) for which the policy
    is used to set the permissions boundary".
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_Policy.html
    """
    iam = emulator.client("iam")
    arn = iam.create_policy(PolicyName="shop-boundary", PolicyDocument=DOCUMENT)["Policy"]["Arn"]

    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 0

    iam.create_role(RoleName="shop-task", AssumeRolePolicyDocument=TRUST, PermissionsBoundary=arn)
    iam.create_role(RoleName="shop-exec", AssumeRolePolicyDocument=TRUST)
    iam.put_role_permissions_boundary(RoleName="shop-exec", PermissionsBoundary=arn)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 2

    iam.delete_role_permissions_boundary(RoleName="shop-task")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 1
