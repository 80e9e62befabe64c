"""CloudFront origin access identities (OAI) and origin access controls (OAC): the emulator answers as AWS does.

Moto 5.2.5 has no OAI API, and its OAC API ignores If-Match, keeps one ETag and takes duplicate
names (see ``emulator/fixes/cloudfront_origin_access_identities.py`` and
``cloudfront_origin_access_controls.py``). References: https://docs.aws.amazon.com/cloudfront/latest/APIReference/
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def oac_config(name: str = "frontend", **settings: str) -> dict[str, str]:
    return {
        "Name": name,
        "Description": "frontend bucket",
        "SigningProtocol": "sigv4",
        "SigningBehavior": "always",
        "OriginAccessControlOriginType": "s3",
        **settings,
    }


def s3_distribution(emulator: EmulatorClient, **origin: Any) -> dict[str, Any]:
    return emulator.client("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "frontend",
            "Comment": "",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [{"Id": "s3", "DomainName": "frontend.s3.us-east-1.amazonaws.com", **origin}],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "s3",
                "ViewerProtocolPolicy": "redirect-to-https",
                "CachePolicyId": CACHING_OPTIMIZED,
            },
        }
    )


# --- Origin access identities -----------------------------------------------------------


def test_an_origin_access_identity_reads_back_with_its_canonical_user(emulator: EmulatorClient) -> None:
    """AWS CreateCloudFrontOriginAccessIdentity: 201 with Id, S3CanonicalUserId, the config, Location and ETag."""
    cloudfront = emulator.client("cloudfront")
    config = {"CallerReference": "frontend-oai", "Comment": "frontend"}

    created = cloudfront.create_cloud_front_origin_access_identity(CloudFrontOriginAccessIdentityConfig=config)
    identity = created["CloudFrontOriginAccessIdentity"]

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert re.fullmatch(r"[0-9a-f]{96}", identity["S3CanonicalUserId"])
    assert identity["CloudFrontOriginAccessIdentityConfig"] == config
    assert created["Location"].endswith(f"/origin-access-identity/cloudfront/{identity['Id']}")
    got = cloudfront.get_cloud_front_origin_access_identity(Id=identity["Id"])
    assert got["CloudFrontOriginAccessIdentity"] == identity
    assert got["ETag"] == created["ETag"]
    assert (
        cloudfront.get_cloud_front_origin_access_identity_config(Id=identity["Id"])[
            "CloudFrontOriginAccessIdentityConfig"
        ]
        == config
    )
    summaries = cloudfront.list_cloud_front_origin_access_identities()["CloudFrontOriginAccessIdentityList"]["Items"]
    assert summaries == [
        {"Id": identity["Id"], "S3CanonicalUserId": identity["S3CanonicalUserId"], "Comment": "frontend"}
    ]


def test_a_repeated_caller_reference_answers_the_same_identity_or_fails(emulator: EmulatorClient) -> None:
    """AWS: the same CallerReference and config answers the existing identity; another config fails with
    CloudFrontOriginAccessIdentityAlreadyExists (409)."""
    cloudfront = emulator.client("cloudfront")
    config = {"CallerReference": "frontend-oai", "Comment": "frontend"}
    first = cloudfront.create_cloud_front_origin_access_identity(CloudFrontOriginAccessIdentityConfig=config)

    again = cloudfront.create_cloud_front_origin_access_identity(CloudFrontOriginAccessIdentityConfig=config)
    with pytest.raises(ClientError) as raised:
        cloudfront.create_cloud_front_origin_access_identity(
            CloudFrontOriginAccessIdentityConfig={**config, "Comment": "other"}
        )

    assert again["CloudFrontOriginAccessIdentity"]["Id"] == first["CloudFrontOriginAccessIdentity"]["Id"]
    assert error_of(raised) == ("CloudFrontOriginAccessIdentityAlreadyExists", 409)


def test_updating_an_identity_needs_if_match_and_keeps_the_caller_reference(emulator: EmulatorClient) -> None:
    """AWS UpdateCloudFrontOriginAccessIdentity: InvalidIfMatchVersion, PreconditionFailed, IllegalUpdate."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_cloud_front_origin_access_identity(
        CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": "frontend"}
    )
    identity_id, etag = created["CloudFrontOriginAccessIdentity"]["Id"], created["ETag"]
    update = cloudfront.update_cloud_front_origin_access_identity

    with pytest.raises(ClientError) as missing:
        update(Id=identity_id, CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": "x"})
    with pytest.raises(ClientError) as stale:
        update(
            Id=identity_id,
            IfMatch="ESTALE",
            CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": "x"},
        )
    with pytest.raises(ClientError) as new_reference:
        update(
            Id=identity_id,
            IfMatch=etag,
            CloudFrontOriginAccessIdentityConfig={"CallerReference": "other", "Comment": "x"},
        )
    updated = update(
        Id=identity_id,
        IfMatch=etag,
        CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": "x"},
    )

    assert error_of(missing) == ("InvalidIfMatchVersion", 400)
    assert error_of(stale) == ("PreconditionFailed", 412)
    assert error_of(new_reference) == ("IllegalUpdate", 400)
    assert updated["ETag"] != etag
    assert updated["CloudFrontOriginAccessIdentity"]["CloudFrontOriginAccessIdentityConfig"]["Comment"] == "x"


def test_an_identity_used_by_a_distribution_cannot_be_deleted(emulator: EmulatorClient) -> None:
    """AWS DeleteCloudFrontOriginAccessIdentity: CloudFrontOriginAccessIdentityInUse (409) while an origin uses it."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_cloud_front_origin_access_identity(
        CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": ""}
    )
    identity_id = created["CloudFrontOriginAccessIdentity"]["Id"]
    distribution = s3_distribution(
        emulator, S3OriginConfig={"OriginAccessIdentity": f"origin-access-identity/cloudfront/{identity_id}"}
    )

    with pytest.raises(ClientError) as raised:
        cloudfront.delete_cloud_front_origin_access_identity(Id=identity_id, IfMatch=created["ETag"])

    assert error_of(raised) == ("CloudFrontOriginAccessIdentityInUse", 409)
    origin = distribution["Distribution"]["DistributionConfig"]["Origins"]["Items"][0]
    assert origin["S3OriginConfig"]["OriginAccessIdentity"] == f"origin-access-identity/cloudfront/{identity_id}"


def test_a_deleted_identity_is_gone(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_cloud_front_origin_access_identity(
        CloudFrontOriginAccessIdentityConfig={"CallerReference": "frontend-oai", "Comment": ""}
    )
    identity_id = created["CloudFrontOriginAccessIdentity"]["Id"]

    with pytest.raises(ClientError) as missing_if_match:
        cloudfront.delete_cloud_front_origin_access_identity(Id=identity_id)
    cloudfront.delete_cloud_front_origin_access_identity(Id=identity_id, IfMatch=created["ETag"])
    with pytest.raises(ClientError) as gone:
        cloudfront.get_cloud_front_origin_access_identity(Id=identity_id)

    assert error_of(missing_if_match) == ("InvalidIfMatchVersion", 400)
    assert error_of(gone) == ("NoSuchCloudFrontOriginAccessIdentity", 404)


def test_an_unknown_identity_on_an_origin_is_refused(emulator: EmulatorClient) -> None:
    """AWS CreateDistribution: InvalidOriginAccessIdentity for an identity that does not exist."""
    with pytest.raises(ClientError) as raised:
        s3_distribution(emulator, S3OriginConfig={"OriginAccessIdentity": "origin-access-identity/cloudfront/ENOPE"})

    assert error_of(raised) == ("InvalidOriginAccessIdentity", 400)


# --- Origin access controls ----------------------------------------------------------------


def test_an_origin_access_control_reads_back_with_its_etag(emulator: EmulatorClient) -> None:
    """AWS CreateOriginAccessControl, GetOriginAccessControl(Config), ListOriginAccessControls."""
    cloudfront = emulator.client("cloudfront")

    created = cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())
    control_id = created["OriginAccessControl"]["Id"]

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert created["OriginAccessControl"]["OriginAccessControlConfig"] == oac_config()
    got = cloudfront.get_origin_access_control(Id=control_id)
    assert got["ETag"] == created["ETag"]
    config = cloudfront.get_origin_access_control_config(Id=control_id)
    assert (config["OriginAccessControlConfig"], config["ETag"]) == (oac_config(), created["ETag"])
    summaries = cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Items"]
    assert summaries == [{"Id": control_id, **oac_config()}]


def test_an_origin_access_control_name_is_unique(emulator: EmulatorClient) -> None:
    """AWS: OriginAccessControlAlreadyExists (409)."""
    cloudfront = emulator.client("cloudfront")
    cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())

    with pytest.raises(ClientError) as raised:
        cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())

    assert error_of(raised) == ("OriginAccessControlAlreadyExists", 409)


def test_updating_an_origin_access_control_needs_if_match_and_changes_the_etag(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())
    control_id, etag = created["OriginAccessControl"]["Id"], created["ETag"]
    changed = oac_config(SigningBehavior="no-override")

    with pytest.raises(ClientError) as missing:
        cloudfront.update_origin_access_control(Id=control_id, OriginAccessControlConfig=changed)
    with pytest.raises(ClientError) as stale:
        cloudfront.update_origin_access_control(Id=control_id, IfMatch="ESTALE", OriginAccessControlConfig=changed)
    updated = cloudfront.update_origin_access_control(Id=control_id, IfMatch=etag, OriginAccessControlConfig=changed)

    assert error_of(missing) == ("InvalidIfMatchVersion", 400)
    assert error_of(stale) == ("PreconditionFailed", 412)
    assert updated["ETag"] != etag
    assert updated["OriginAccessControl"]["OriginAccessControlConfig"] == changed


def test_an_origin_access_control_in_use_cannot_be_deleted(emulator: EmulatorClient) -> None:
    """AWS DeleteOriginAccessControl: OriginAccessControlInUse (409) while a distribution's origin names it."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())
    control_id = created["OriginAccessControl"]["Id"]
    s3_distribution(emulator, S3OriginConfig={"OriginAccessIdentity": ""}, OriginAccessControlId=control_id)

    with pytest.raises(ClientError) as raised:
        cloudfront.delete_origin_access_control(Id=control_id, IfMatch=created["ETag"])

    assert error_of(raised) == ("OriginAccessControlInUse", 409)


def test_deleting_an_unknown_origin_access_control_is_no_such(emulator: EmulatorClient) -> None:
    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").delete_origin_access_control(Id="ENOPE", IfMatch="E1")

    assert error_of(raised) == ("NoSuchOriginAccessControl", 404)


def test_an_unknown_origin_access_control_on_an_origin_is_refused(emulator: EmulatorClient) -> None:
    """AWS CreateDistribution lists InvalidOriginAccessControl (400) for an origin access control that is not valid."""
    with pytest.raises(ClientError) as raised:
        s3_distribution(emulator, S3OriginConfig={"OriginAccessIdentity": ""}, OriginAccessControlId="ENOPE")

    assert error_of(raised) == ("InvalidOriginAccessControl", 400)


def test_an_origin_cannot_have_both_an_access_control_and_an_identity(emulator: EmulatorClient) -> None:
    """AWS: IllegalOriginAccessConfiguration (400)."""
    cloudfront = emulator.client("cloudfront")
    control_id = cloudfront.create_origin_access_control(OriginAccessControlConfig=oac_config())["OriginAccessControl"][
        "Id"
    ]
    identity_id = cloudfront.create_cloud_front_origin_access_identity(
        CloudFrontOriginAccessIdentityConfig={"CallerReference": "oai", "Comment": ""}
    )["CloudFrontOriginAccessIdentity"]["Id"]

    with pytest.raises(ClientError) as raised:
        s3_distribution(
            emulator,
            S3OriginConfig={"OriginAccessIdentity": f"origin-access-identity/cloudfront/{identity_id}"},
            OriginAccessControlId=control_id,
        )

    assert error_of(raised) == ("IllegalOriginAccessConfiguration", 400)
