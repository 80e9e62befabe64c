"""Bucket and object ACLs read back with one grant per grantee and permission, as AWS lists them.
Each test fails on stock moto 5.2.5, which lists only the first permission of a grant.
https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
"""

from __future__ import annotations

from typing import Any

from emulator.client import EmulatorClient

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def _group_permissions(acl: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (grant["Grantee"]["URI"], grant["Permission"]) for grant in acl["Grants"] if grant["Grantee"]["Type"] == "Group"
    )


def _bucket_that_takes_public_acls(s3: Any) -> None:
    s3.create_bucket(Bucket="open-bucket", ObjectOwnership="ObjectWriter")
    s3.delete_public_access_block(Bucket="open-bucket")


def test_public_read_write_lists_read_and_write_for_everyone(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _bucket_that_takes_public_acls(s3)
    s3.put_bucket_acl(Bucket="open-bucket", ACL="public-read-write")
    acl = s3.get_bucket_acl(Bucket="open-bucket")
    assert _group_permissions(acl) == [(ALL_USERS, "READ"), (ALL_USERS, "WRITE")]
    assert [grant["Permission"] for grant in acl["Grants"] if grant["Grantee"]["Type"] == "CanonicalUser"] == [
        "FULL_CONTROL"
    ]


def test_an_object_acl_lists_every_permission(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _bucket_that_takes_public_acls(s3)
    s3.put_object(Bucket="open-bucket", Key="page.html", Body=b"x", ACL="public-read-write")
    acl = s3.get_object_acl(Bucket="open-bucket", Key="page.html")
    assert _group_permissions(acl) == [(ALL_USERS, "READ"), (ALL_USERS, "WRITE")]
