"""CloudFront invalidations: their status, and their caller reference.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Invalidation.html): an invalidation's
``Status`` is ``InProgress`` and then ``Completed`` (botocore's ``invalidation_completed`` waiter waits for
``Completed``). Moto 5.2.5 answers ``COMPLETED`` from the start, so the waiter never succeeds. Here a new
invalidation is ``InProgress`` for the ``cloudfront`` provisioning delay, then ``Completed``; with no delay, it is
``InProgress`` in the CreateInvalidation response and ``Completed`` when next read, as moto treats distributions.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationBatch.html, ``CallerReference``):
"If you make a second invalidation request with the same value for CallerReference, and if the rest of the
request is the same, CloudFront doesn't create a new invalidation request. Instead, CloudFront returns
information about the invalidation request that you previously created [...]. If CallerReference is a value you
already sent in a previous invalidation batch request but the content of any Path is different from the original
request, CloudFront returns an InvalidationBatchAlreadyExists error." Moto creates a new invalidation each time.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend, Invalidation

from emulator import delays

IN_PROGRESS = "InProgress"
COMPLETED = "Completed"


class InvalidationBatchAlreadyExists(CloudFrontException):
    code = "InvalidationBatchAlreadyExists"

    def __init__(self, caller_reference: str) -> None:
        super().__init__(
            "InvalidationBatchAlreadyExists",
            f"The caller reference {caller_reference} was used for a previous invalidation batch with other paths.",
        )


def _status(self: Invalidation) -> str:
    if delays.still_provisioning(getattr(self, "_appstack_ready_at", None)):
        return IN_PROGRESS
    return getattr(self, "_appstack_answered_status", None) or COMPLETED


def _set_status(self: Invalidation, value: str) -> None:
    # Moto's __init__ assigns "COMPLETED"; the status follows the delay instead.
    pass


def _create_invalidation(original: Any) -> Any:
    def create_invalidation(self: CloudFrontBackend, dist_id: str, paths: list[str], caller_ref: str) -> Invalidation:
        for existing in self.invalidations.get(dist_id) or []:
            if existing.caller_ref == caller_ref:
                if sorted(existing.paths) != sorted(paths):
                    raise InvalidationBatchAlreadyExists(caller_ref)
                return existing
        invalidation = original(self, dist_id, paths, caller_ref)
        invalidation._appstack_ready_at = delays.provisioning_deadline("cloudfront")
        # The CreateInvalidation response answers a copy that is still in progress.
        answered = copy.copy(invalidation)
        answered._appstack_answered_status = IN_PROGRESS
        return answered

    return create_invalidation


def apply() -> None:
    Invalidation.status = property(_status, _set_status)
    CloudFrontBackend.create_invalidation = _create_invalidation(CloudFrontBackend.create_invalidation)
