"""S3 lists every permission of an ACL as its own grant.

AWS: GetBucketAcl and GetObjectAcl return ``Grants``, a list of ``Grant`` elements each with one ``Grantee`` and one
``Permission``; the canned ACL ``public-read-write`` is the owner's ``FULL_CONTROL`` plus two grants to the
``AllUsers`` group, ``READ`` and ``WRITE``
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl).

Moto 5.2.5 stores ``public-read-write`` as one grant holding both permissions and answers with the first grantee
and the first permission of each grant only: the ACL reads back as ``public-read``, so amazon.aws's s3_bucket
reports ``acl: public-read`` after setting ``public-read-write`` and changes it again on every run. This answers with
one grant per grantee and permission.
"""

from __future__ import annotations

from typing import Any

from moto.s3.responses import S3Response

# The owner moto's ACL answers have always named (its account's canonical user).
OWNER = {"ID": "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "DisplayName": "webfile"}


def _grantee(grantee: Any) -> dict[str, Any]:
    return {
        "Type": grantee.type,
        "URI": grantee.uri or None,
        "ID": grantee.id or None,
        "DisplayName": grantee.display_name or None,
    }


def _acl_to_dict(acl: Any) -> dict[str, Any]:
    grants = [
        {"Grantee": _grantee(grantee), "Permission": permission}
        for grant in (acl.grants if acl is not None else [])
        for grantee in grant.grantees
        for permission in grant.permissions
    ]
    return {"Owner": dict(OWNER), "Grants": grants}


def apply() -> None:
    S3Response._acl_to_dict = staticmethod(_acl_to_dict)
