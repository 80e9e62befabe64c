"""CloudFront invalidations: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/cloudfront_invalidations.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60


def distribution(emulator: EmulatorClient) -> str:
    emulator.client("s3").create_bucket(Bucket="site-bucket")
    config = {
        "CallerReference": "site",
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "s3",
                    "DomainName": "site-bucket.s3.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "s3",
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
    }
    return emulator.client("cloudfront").create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def invalidate(emulator: EmulatorClient, distribution_id: str, reference: str, paths: list[str]) -> dict:
    batch = {"CallerReference": reference, "Paths": {"Quantity": len(paths), "Items": paths}}
    return emulator.client("cloudfront").create_invalidation(DistributionId=distribution_id, InvalidationBatch=batch)[
        "Invalidation"
    ]


def status(emulator: EmulatorClient, distribution_id: str, invalidation_id: str) -> str:
    cloudfront = emulator.client("cloudfront")
    return cloudfront.get_invalidation(DistributionId=distribution_id, Id=invalidation_id)["Invalidation"]["Status"]


def test_an_invalidation_is_in_progress_then_completed(emulator: EmulatorClient) -> None:
    """AWS Invalidation Status: InProgress, then Completed (the value botocore's invalidation_completed waiter
    expects). https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_Invalidation.html
    """
    distribution_id = distribution(emulator)

    created = invalidate(emulator, distribution_id, "deploy-1", ["/index.html"])

    assert created["Status"] == "InProgress"
    assert status(emulator, distribution_id, created["Id"]) == "Completed"
    emulator.client("cloudfront").get_waiter("invalidation_completed").wait(
        DistributionId=distribution_id, Id=created["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 2}
    )


def test_an_invalidation_stays_in_progress_for_the_cloudfront_delay(emulator: EmulatorClient) -> None:
    distribution_id = distribution(emulator)
    emulator.configure(provisioning_delays={"cloudfront": DELAY})

    created = invalidate(emulator, distribution_id, "deploy-1", ["/index.html"])

    assert status(emulator, distribution_id, created["Id"]) == "InProgress"
    listed = emulator.client("cloudfront").list_invalidations(DistributionId=distribution_id)["InvalidationList"]
    assert [item["Status"] for item in listed["Items"]] == ["InProgress"]
    emulator.advance_clock(DELAY)
    assert status(emulator, distribution_id, created["Id"]) == "Completed"


def test_the_same_caller_reference_and_paths_return_the_first_invalidation(emulator: EmulatorClient) -> None:
    """AWS InvalidationBatch CallerReference: the same reference with the same request returns the invalidation
    created first, and creates none. https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationBatch.html
    """
    distribution_id = distribution(emulator)
    first = invalidate(emulator, distribution_id, "deploy-1", ["/a", "/index.html"])

    again = invalidate(emulator, distribution_id, "deploy-1", ["/index.html", "/a"])

    assert again["Id"] == first["Id"]
    listed = emulator.client("cloudfront").list_invalidations(DistributionId=distribution_id)["InvalidationList"]
    assert listed["Quantity"] == 1


def test_the_same_caller_reference_with_other_paths_is_refused(emulator: EmulatorClient) -> None:
    """AWS: "If CallerReference is a value you already sent [...] but the content of any Path is different [...],
    CloudFront returns an InvalidationBatchAlreadyExists error."
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_InvalidationBatch.html
    """
    distribution_id = distribution(emulator)
    invalidate(emulator, distribution_id, "deploy-1", ["/index.html"])

    with pytest.raises(ClientError) as raised:
        invalidate(emulator, distribution_id, "deploy-1", ["/other.html"])

    assert raised.value.response["Error"]["Code"] == "InvalidationBatchAlreadyExists"


def test_invalidations_are_listed_newest_first_a_page_at_a_time(emulator: EmulatorClient) -> None:
    """AWS ListInvalidations: results "in decreasing order from most recent to oldest"; NextMarker "is the same as
    the ID of the last invalidation batch on that page".
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ListInvalidations.html
    """
    distribution_id = distribution(emulator)
    created = [invalidate(emulator, distribution_id, f"deploy-{n}", ["/index.html"])["Id"] for n in range(3)]
    cloudfront = emulator.client("cloudfront")

    first = cloudfront.list_invalidations(DistributionId=distribution_id, MaxItems="2")["InvalidationList"]
    second = cloudfront.list_invalidations(DistributionId=distribution_id, MaxItems="2", Marker=first["NextMarker"])[
        "InvalidationList"
    ]

    assert [item["Id"] for item in first["Items"]] == [created[2], created[1]]
    assert (first["IsTruncated"], first["NextMarker"]) == (True, created[1])
    assert [item["Id"] for item in second["Items"]] == [created[0]]
    assert not second["IsTruncated"] and "NextMarker" not in second
    paginated = cloudfront.get_paginator("list_invalidations").paginate(
        DistributionId=distribution_id, PaginationConfig={"PageSize": 1}
    )
    assert [item["Id"] for page in paginated for item in page["InvalidationList"]["Items"]] == created[::-1]
