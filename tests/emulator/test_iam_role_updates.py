"""IAM: UpdateRole changes only the settings it is given, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/iam_role_updates.py``).
"""

from __future__ import annotations

import json

from emulator.client import EmulatorClient

ROLE = "shop-test-worker"
ASSUME = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def settings(iam) -> tuple[str | None, int]:
    role = iam.get_role(RoleName=ROLE)["Role"]
    return role.get("Description"), role["MaxSessionDuration"]


def test_update_role_keeps_the_setting_it_is_not_given(emulator: EmulatorClient) -> None:
    """UpdateRole "Updates the description or maximum session duration setting of a role"; both parameters are
    optional and the one left out keeps its value.
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html
    """
    iam = emulator.client("iam")
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(ASSUME), Description="first")

    iam.update_role(RoleName=ROLE, MaxSessionDuration=43200)
    assert settings(iam) == ("first", 43200)

    iam.update_role(RoleName=ROLE, Description="second")
    assert settings(iam) == ("second", 43200)

    iam.update_role(RoleName=ROLE, Description="third", MaxSessionDuration=7200)
    assert settings(iam) == ("third", 7200)
