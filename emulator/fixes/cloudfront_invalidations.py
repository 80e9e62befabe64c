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

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListInvalidations.html, ``Marker``): "the
results are returned in decreasing order from most recent to oldest, the most recent results are on the first
page, the second page will contain earlier results, and so on. To get the next page of results, set Marker to the
value of the NextMarker from the current page's response. This value is the same as the ID of the last
invalidation batch on that page." Moto lists oldest first, with an opaque marker.
"""

from __future__ import annotations

import copy
from typing import Any

from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend, Invalidation

from emulator import delays

IN_PROGRESS = "InProgress"
COMPLETED = "Completed"
# ListInvalidations' MaxItems when the request gives none.
DEFAULT_MAX_ITEMS = 100


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


def _list_invalidations(
    self: CloudFrontBackend, dist_id: str, marker: str | None = None, max_items: int | None = None
) -> tuple[list[Invalidation], str | None]:
    """A page of the distribution's invalidations, newest first, and the next page's marker (the id of this
    page's last invalidation), None on the last page."""
    newest_first = list(reversed(self.invalidations.get(dist_id) or []))
    start = 0
    if marker:
        ids = [invalidation.id for invalidation in newest_first]
        start = ids.index(marker) + 1 if marker in ids else len(newest_first)
    limit = int(max_items or DEFAULT_MAX_ITEMS)
    page = newest_first[start : start + limit]
    next_marker = page[-1].id if page and start + limit < len(newest_first) else None
    return page, next_marker


def apply() -> None:
    Invalidation.status = property(_status, _set_status)
    CloudFrontBackend.create_invalidation = _create_invalidation(CloudFrontBackend.create_invalidation)
    CloudFrontBackend.list_invalidations = _list_invalidations
