# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudFront invalidations, shared by appstack.aws.cloudfront_invalidation and its info twin.

API helpers expect a client created with ``module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())``
and raise AnsibleCloudFrontInvalidationError, which a module turns into a failure with ``fail_json_aws_error``.
The checks of paths and the search window are pure.

An invalidation is returned flattened: ``{id, status, create_time, caller_reference, paths}``.

Idempotency: CloudFront identifies an invalidation batch by its caller reference (the same reference and paths
again return the first invalidation; other paths, InvalidationBatchAlreadyExists). ListInvalidations does not
return the reference, so finding one costs a GetInvalidation per candidate. The search is bounded by a window:
it looks only at invalidations created since a given time (a deploy's, less CLOCK_SKEW), or else in the last
``lookback`` hours. ListInvalidations answers newest first, a page at a time, so the search reads pages until
one reaches past the window's start (its oldest invalidation was created before it) or the reference is found,
and reads only the candidates inside the window, newest first.

An invalidation older than the window is not found: CreateInvalidation with its reference and paths again makes
no new one (CloudFront answers the earlier invalidation), which ``is_earlier()`` tells from a new one.
"""

from datetime import UTC, datetime, timedelta

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

# CloudFront's limits: 3,000 paths in progress per distribution (15 with a wildcard), a wildcard only at the end.
MAX_PATHS = 3000
COMPLETED = "Completed"
POLL_DELAY_SECONDS = 10
# The controller's clock and CloudFront's may differ: the search starts this long before the time given.
CLOCK_SKEW = timedelta(minutes=15)
# Without a start time, the search looks this many hours back.
DEFAULT_LOOKBACK_HOURS = 24


class AnsibleCloudFrontInvalidationError(AnsibleAWSError):
    pass


class CloudFrontInvalidationErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudFrontInvalidationError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("NoSuchInvalidation")


# Pure checks


def path_problems(paths, option="paths"):
    """Every problem with a list of invalidation paths, as messages naming the option."""
    problems = []
    if not paths:
        problems.append(f"{option} must name at least one path.")
    if len(paths or []) > MAX_PATHS:
        problems.append(f"{option} may name up to {MAX_PATHS} paths, not {len(paths)}: use a wildcard such as /*.")
    for path in paths or []:
        if not path.startswith("/"):
            problems.append(f"{option}: {path} must start with /.")
        elif "*" in path[:-1]:
            problems.append(f"{option}: {path} may hold * only as its last character.")
    return problems


def parse_time(text):
    """An ISO 8601 time (Z or an offset) as an aware datetime; ValueError if it is not one."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text} names no time zone")
    return moment


def search_start(since=None, lookback_hours=DEFAULT_LOOKBACK_HOURS, now=None):
    """The start of the search window: since less CLOCK_SKEW, or else lookback_hours before now."""
    if since is not None:
        return since - CLOCK_SKEW
    return (now or datetime.now(UTC)) - timedelta(hours=lookback_hours)


def page_candidates(summaries, start):
    """The summaries of one ListInvalidations page worth a GetInvalidation (created at or after start), newest
    first, and whether a later (older) page may hold more: not when this page reaches before start."""
    inside = candidates([item for item in summaries if item["CreateTime"] >= start])
    reaches_past = any(item["CreateTime"] < start for item in summaries)
    return inside, not reaches_past


def is_earlier(invalidation, start):
    """Whether an invalidation that CreateInvalidation answered was created before the search window (CloudFront
    answered an earlier batch with the same reference and paths, rather than making one)."""
    created = invalidation.get("CreateTime")
    return bool(start is not None and hasattr(created, "tzinfo") and created < start)


def candidates(summaries, since=None):
    """The invalidation summaries worth a GetInvalidation, newest first: those created since since (minus
    CLOCK_SKEW), or all when since is None."""
    if since is not None:
        summaries = [item for item in summaries if item["CreateTime"] >= since - CLOCK_SKEW]
    return sorted(summaries, key=lambda item: item["CreateTime"], reverse=True)


def to_ansible(invalidation, distribution_id):
    batch = invalidation.get("InvalidationBatch") or {}
    create_time = invalidation.get("CreateTime")
    return {
        "id": invalidation.get("Id"),
        "distribution_id": distribution_id,
        "status": invalidation.get("Status"),
        "create_time": create_time.isoformat() if hasattr(create_time, "isoformat") else create_time,
        "caller_reference": batch.get("CallerReference"),
        "paths": sorted((batch.get("Paths") or {}).get("Items") or []),
    }


def summary_to_ansible(summary, distribution_id):
    return to_ansible({key: summary.get(key) for key in ("Id", "Status", "CreateTime")}, distribution_id)


# Reading


@CloudFrontInvalidationErrorHandler.common_error_handler("list the distribution's invalidations")
@AWSRetry.jittered_backoff()
def list_invalidations(client, distribution_id):
    paginator = client.get_paginator("list_invalidations")
    items = []
    for page in paginator.paginate(DistributionId=distribution_id):
        items.extend(page.get("InvalidationList", {}).get("Items") or [])
    return items


@CloudFrontInvalidationErrorHandler.common_error_handler("list the distribution's invalidations")
def list_invalidations_page(client, distribution_id, marker=None):
    """One page of the distribution's invalidations, newest first: (summaries, the next page's marker or None)."""
    kwargs = {"Marker": marker} if marker else {}
    listing = client.list_invalidations(aws_retry=True, DistributionId=distribution_id, **kwargs)["InvalidationList"]
    return listing.get("Items") or [], listing.get("NextMarker") if listing.get("IsTruncated") else None


@CloudFrontInvalidationErrorHandler.list_error_handler("read an invalidation", None)
def get_invalidation(client, distribution_id, invalidation_id):
    return client.get_invalidation(aws_retry=True, DistributionId=distribution_id, Id=invalidation_id)["Invalidation"]


def find_by_caller_reference(client, distribution_id, caller_reference, start):
    """The invalidation (boto3 form) with this caller reference created since start (see search_start()), or None.

    Reads pages of the list until one reaches before start, and each candidate until one matches."""
    marker = None
    while True:
        summaries, marker = list_invalidations_page(client, distribution_id, marker)
        inside, more = page_candidates(summaries, start)
        for summary in inside:
            invalidation = get_invalidation(client, distribution_id, summary["Id"])
            if invalidation and invalidation["InvalidationBatch"]["CallerReference"] == caller_reference:
                return invalidation
        if not (more and marker):
            return None


# Writing


@CloudFrontInvalidationErrorHandler.common_error_handler("create the invalidation")
def create_invalidation(client, distribution_id, caller_reference, paths):
    batch = {"CallerReference": caller_reference, "Paths": {"Quantity": len(paths), "Items": list(paths)}}
    return client.create_invalidation(aws_retry=True, DistributionId=distribution_id, InvalidationBatch=batch)[
        "Invalidation"
    ]


def wait_completed(client, distribution_id, invalidation_id, timeout):
    wait_or_fail(
        client.get_waiter("invalidation_completed"),
        timeout,
        POLL_DELAY_SECONDS,
        f"invalidation {invalidation_id} of distribution {distribution_id} to complete",
        lambda response: (response.get("Invalidation") or {}).get("Status"),
        AnsibleCloudFrontInvalidationError,
        DistributionId=distribution_id,
        Id=invalidation_id,
    )
