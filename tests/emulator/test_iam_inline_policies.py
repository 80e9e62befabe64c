"""IAM: inline policies of users, groups and roles are put, listed, read back, replaced and deleted as on AWS.

What amazon.aws's ``iam_policy`` integration target checks through the module's removed ``policies`` return key
(its asserts are skipped, see ``tests/peer/skips.yml``), checked here through the API the module calls.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

NO_ACCESS = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
READ_ONLY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}
ASSUME = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def make_user(iam) -> tuple[str, str]:
    iam.create_user(UserName="shop-test-user")
    return "User", "shop-test-user"


def make_group(iam) -> tuple[str, str]:
    iam.create_group(GroupName="shop-test-group")
    return "Group", "shop-test-group"


def make_role(iam) -> tuple[str, str]:
    iam.create_role(RoleName="shop-test-role", AssumeRolePolicyDocument=json.dumps(ASSUME))
    return "Role", "shop-test-role"


def call(iam, action: str, kind: str, name: str, **params):
    """iam.<action>_<kind>_policy/policies(<Kind>Name=name, ...), e.g. put_user_policy(UserName=...)."""
    return getattr(iam, action.format(kind=kind.lower()))(**{f"{kind}Name": name}, **params)


def document(iam, kind: str, name: str, policy: str) -> dict:
    text = call(iam, "get_{kind}_policy", kind, name, PolicyName=policy)["PolicyDocument"]
    return json.loads(unquote(text)) if isinstance(text, str) else text


@pytest.mark.parametrize("make", [make_user, make_group, make_role], ids=["user", "group", "role"])
def test_inline_policies_are_listed_replaced_and_deleted(emulator: EmulatorClient, make) -> None:
    """PutUserPolicy (and its group and role forms) "adds or updates an inline policy document"; List*Policies
    lists their names; Delete*Policy removes one, and a name that is not there is NoSuchEntity.
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
    """
    iam = emulator.client("iam")
    kind, name = make(iam)

    assert call(iam, "list_{kind}_policies", kind, name)["PolicyNames"] == []
    call(iam, "put_{kind}_policy", kind, name, PolicyName="policy-a", PolicyDocument=json.dumps(NO_ACCESS))
    call(iam, "put_{kind}_policy", kind, name, PolicyName="policy-b", PolicyDocument=json.dumps(NO_ACCESS))
    assert sorted(call(iam, "list_{kind}_policies", kind, name)["PolicyNames"]) == ["policy-a", "policy-b"]

    call(iam, "put_{kind}_policy", kind, name, PolicyName="policy-a", PolicyDocument=json.dumps(READ_ONLY))
    assert document(iam, kind, name, "policy-a") == READ_ONLY
    assert document(iam, kind, name, "policy-b") == NO_ACCESS

    call(iam, "delete_{kind}_policy", kind, name, PolicyName="policy-a")
    assert call(iam, "list_{kind}_policies", kind, name)["PolicyNames"] == ["policy-b"]
    with pytest.raises(ClientError) as missing:
        call(iam, "delete_{kind}_policy", kind, name, PolicyName="policy-a")
    assert missing.value.response["Error"]["Code"] == "NoSuchEntity"
