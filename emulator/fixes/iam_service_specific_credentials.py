"""IAM: ``ListServiceSpecificCredentials`` answers, as it does for every user on AWS.

AWS (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServiceSpecificCredentials.html): "Returns
information about the service-specific credentials associated with the specified IAM user. If none exists, the
operation returns an empty list." An unknown ``UserName`` fails with ``NoSuchEntity`` ("The request was rejected
because it referenced a resource entity that does not exist"); ``ServiceName`` filters by service.

Moto 5.2.5 implements none of the service-specific credential operations, so the call fails with "not
implemented". Deleting a user with amazon.aws's ``iam_user`` (``state: absent``) lists the user's service-specific
credentials first, to delete them before the user, and so fails here: a user could never be removed.

The emulator does not create service-specific credentials (``CreateServiceSpecificCredential`` stays
unimplemented), so every existing user has none and the list is empty.
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.iam.responses import IamResponse


def list_service_specific_credentials(self: IamResponse) -> ActionResult:
    user_name = self._get_param("UserName")
    if user_name:
        self.backend.get_user(user_name)  # NoSuchEntity for a user that does not exist
    return ActionResult({"ServiceSpecificCredentials": []})


def apply() -> None:
    IamResponse.list_service_specific_credentials = list_service_specific_credentials
