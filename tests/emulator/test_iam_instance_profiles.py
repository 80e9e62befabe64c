"""IAM: a role's instance profile is created, found by the role and deleted, as amazon.aws iam_role manages it.

amazon.aws's iam_role target checks that the module called CreateInstanceProfile through ``resource_actions``, which
the module reads from botocore's log of ``https://<service>.`` URLs: against the emulator's ``http://`` endpoint the
list is always empty. This test covers the calls themselves.
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
)


def test_a_role_and_its_instance_profile(emulator: EmulatorClient) -> None:
    iam = emulator.client("iam")
    iam.create_role(RoleName="shop-worker", AssumeRolePolicyDocument=TRUST)
    assert iam.list_instance_profiles_for_role(RoleName="shop-worker")["InstanceProfiles"] == []

    iam.create_instance_profile(InstanceProfileName="shop-worker")
    iam.add_role_to_instance_profile(InstanceProfileName="shop-worker", RoleName="shop-worker")

    (profile,) = iam.list_instance_profiles_for_role(RoleName="shop-worker")["InstanceProfiles"]
    assert profile["InstanceProfileName"] == "shop-worker"
    assert [role["RoleName"] for role in profile["Roles"]] == ["shop-worker"]

    iam.remove_role_from_instance_profile(InstanceProfileName="shop-worker", RoleName="shop-worker")
    iam.delete_instance_profile(InstanceProfileName="shop-worker")
    with pytest.raises(ClientError) as missing:
        iam.get_instance_profile(InstanceProfileName="shop-worker")
    assert missing.value.response["Error"]["Code"] == "NoSuchEntity"
