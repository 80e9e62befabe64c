"""IAM: the AWS managed policy AWSDenyAll exists, is listed and attaches, as in every AWS account.

Fails on stock moto 5.2.5 (see ``emulator/fixes/iam_aws_managed_policies.py``).
"""

from __future__ import annotations

import json

from emulator.client import EmulatorClient

DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll"
ASSUME = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def test_aws_deny_all_is_listed_by_name_and_attaches(emulator: EmulatorClient) -> None:
    """AWS managed policies exist in every account; ListPolicies (Scope AWS) lists AWSDenyAll, whose document
    denies every action, and AttachRolePolicy attaches it by ARN.
    https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSDenyAll.html
    """
    iam = emulator.client("iam")

    listed = [p for p in iam.list_policies(Scope="AWS")["Policies"] if p["PolicyName"] == "AWSDenyAll"]
    assert [p["Arn"] for p in listed] == [DENY_ALL]
    version = iam.get_policy_version(PolicyArn=DENY_ALL, VersionId=listed[0]["DefaultVersionId"])
    document = version["PolicyVersion"]["Document"]
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    assert [(s["Effect"], s["Action"]) for s in statements] == [("Deny", ["*"])]

    iam.create_role(RoleName="shop-test-locked", AssumeRolePolicyDocument=json.dumps(ASSUME))
    iam.attach_role_policy(RoleName="shop-test-locked", PolicyArn=DENY_ALL)
    attached = iam.list_attached_role_policies(RoleName="shop-test-locked")["AttachedPolicies"]
    assert attached == [{"PolicyName": "AWSDenyAll", "PolicyArn": DENY_ALL}]
