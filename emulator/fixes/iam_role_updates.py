"""IAM: ``UpdateRole`` changes only the settings it is given.

AWS (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html): "Updates the description or
maximum session duration setting of a role." Both ``Description`` and ``MaxSessionDuration`` are optional; a
setting the request leaves out keeps its value.

Moto 5.2.5 writes both on every call: a request with only ``Description`` puts ``MaxSessionDuration`` back to
3600 seconds, and one with only ``MaxSessionDuration`` erases the description. amazon.aws's ``iam_role`` updates
them one at a time (its ``iam_role`` integration target sets a 12-hour session, then a description, and reads back
43200), so every description change silently shortened the role's sessions.
"""

from __future__ import annotations

from moto.core.responses import EmptyResult
from moto.iam.responses import IamResponse


def update_role(self: IamResponse) -> EmptyResult:
    role = self.backend.get_role(self._get_param("RoleName"))  # NoSuchEntity for a missing role
    description = self._get_param("Description")
    max_session_duration = self._get_param("MaxSessionDuration")
    if description is not None:
        role.description = description
    if max_session_duration is not None:
        role.max_session_duration = max_session_duration
    return EmptyResult()


def apply() -> None:
    IamResponse.update_role = update_role
