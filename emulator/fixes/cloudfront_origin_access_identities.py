"""CloudFront origin access identities (OAI, the legacy way for CloudFront to read a private bucket).

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateCloudFrontOriginAccessIdentity.html
and the other ``*CloudFrontOriginAccessIdentit*`` operations):

* ``CreateCloudFrontOriginAccessIdentity`` answers HTTP 201 with the identity (``Id``,
  ``S3CanonicalUserId``, ``CloudFrontOriginAccessIdentityConfig``: ``CallerReference``, ``Comment``),
  its ``Location`` and ``ETag``. The same ``CallerReference`` with the same config answers the
  existing identity; with another config it fails with
  ``CloudFrontOriginAccessIdentityAlreadyExists`` (409).
* ``Get...`` / ``Get...Config`` answer it with its ``ETag``; an unknown id fails with
  ``NoSuchCloudFrontOriginAccessIdentity`` (404).
* ``Update...`` (``PUT .../{Id}/config``) needs ``If-Match`` (``InvalidIfMatchVersion`` /
  ``PreconditionFailed``), may change only the ``Comment`` (``IllegalUpdate`` for the
  ``CallerReference``) and gives a new ``ETag``.
* ``Delete...`` needs ``If-Match`` and fails with ``CloudFrontOriginAccessIdentityInUse`` (409)
  while an S3 origin of a distribution names it (``origin-access-identity/cloudfront/ID``).
* ``ListCloudFrontOriginAccessIdentities`` answers summaries (``Id``, ``S3CanonicalUserId``,
  ``Comment``).

Moto 5.2.5 has none of this API (every call is a 404): community.aws
``cloudfront_origin_access_identity``, which the ``oai`` origin access of the frontend uses, cannot run.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from moto.cloudfront.models import CloudFrontBackend
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random as random

from emulator.fixes import cloudfront_common as common
from emulator.fixes.cloudfront_common import CloudFrontError

PATH = "origin-access-identity/cloudfront"
CONFIG = "CloudFrontOriginAccessIdentityConfig"
OAI_PREFIX = "origin-access-identity/cloudfront/"


@dataclass
class Identity:
    id: str
    s3_canonical_user_id: str
    config: dict[str, Any]
    etag: str

    def as_dict(self) -> dict[str, Any]:
        return {"Id": self.id, "S3CanonicalUserId": self.s3_canonical_user_id, CONFIG: copy.deepcopy(self.config)}


def identities(backend: CloudFrontBackend) -> dict[str, Identity]:
    return common.state(backend, "appstack_origin_access_identities", dict)


def get_identity(backend: CloudFrontBackend, identity_id: str) -> Identity:
    identity = identities(backend).get(identity_id)
    if identity is None:
        raise CloudFrontError(
            "NoSuchCloudFrontOriginAccessIdentity", "The specified origin access identity does not exist."
        )
    return identity


def _valid(config: dict[str, Any] | None) -> dict[str, Any]:
    if not config or not config.get("CallerReference"):
        raise CloudFrontError("MissingBody", "This operation requires a body with a CallerReference.")
    return {"CallerReference": config["CallerReference"], "Comment": config.get("Comment") or ""}


def create(backend: CloudFrontBackend, config: dict[str, Any] | None) -> tuple[Identity, bool]:
    """The identity, and whether it is new."""
    config = _valid(config)
    for identity in identities(backend).values():
        if identity.config["CallerReference"] == config["CallerReference"]:
            if identity.config == config:
                return identity, False
            raise CloudFrontError(
                "CloudFrontOriginAccessIdentityAlreadyExists",
                "The caller reference is already in use by another origin access identity with another config.",
            )
    canonical_user = "".join(random.choice("0123456789abcdef") for _ in range(96))
    identity = Identity(common.new_id(), canonical_user, config, common.new_etag())
    identities(backend)[identity.id] = identity
    return identity, True


def update(
    backend: CloudFrontBackend, identity_id: str, config: dict[str, Any] | None, if_match: str | None
) -> Identity:
    identity = get_identity(backend, identity_id)
    common.check_if_match(if_match, identity.etag)
    config = _valid(config)
    if config["CallerReference"] != identity.config["CallerReference"]:
        raise CloudFrontError("IllegalUpdate", "The CallerReference of an origin access identity cannot be changed.")
    identity.config, identity.etag = config, common.new_etag()
    return identity


def delete(backend: CloudFrontBackend, identity_id: str, if_match: str | None) -> None:
    identity = get_identity(backend, identity_id)
    common.check_if_match(if_match, identity.etag)
    if common.in_use(backend, "S3OriginConfig.OriginAccessIdentity", OAI_PREFIX + identity_id, origins=True):
        raise CloudFrontError(
            "CloudFrontOriginAccessIdentityInUse", "The CloudFront origin access identity is still being used."
        )
    del identities(backend)[identity_id]


def _create(response: CloudFrontResponse) -> ActionResult:
    identity, _ = create(response.backend, response._get_param(CONFIG))
    return ActionResult(
        {
            "CloudFrontOriginAccessIdentity": identity.as_dict(),
            "Location": f"{common.API}/{PATH}/{identity.id}",
            "ETag": identity.etag,
        }
    )


def _get(response: CloudFrontResponse) -> ActionResult:
    identity = get_identity(response.backend, response._get_param("Id"))
    return ActionResult({"CloudFrontOriginAccessIdentity": identity.as_dict(), "ETag": identity.etag})


def _get_config(response: CloudFrontResponse) -> ActionResult:
    identity = get_identity(response.backend, response._get_param("Id"))
    return ActionResult({CONFIG: copy.deepcopy(identity.config), "ETag": identity.etag})


def _update(response: CloudFrontResponse) -> ActionResult:
    identity = update(
        response.backend, response._get_param("Id"), response._get_param(CONFIG), response._get_param("IfMatch")
    )
    return ActionResult({"CloudFrontOriginAccessIdentity": identity.as_dict(), "ETag": identity.etag})


def _delete(response: CloudFrontResponse) -> EmptyResult:
    delete(response.backend, response._get_param("Id"), response._get_param("IfMatch"))
    return EmptyResult()


def _list(response: CloudFrontResponse) -> ActionResult:
    marker = response._get_param("Marker")
    chosen, next_marker = common.page(
        list(identities(response.backend).values()), marker, response._get_param("MaxItems"), lambda item: item.id
    )
    summaries = [
        {"Id": item.id, "S3CanonicalUserId": item.s3_canonical_user_id, "Comment": item.config["Comment"]}
        for item in chosen
    ]
    result = {
        "Marker": marker or "",
        "MaxItems": int(response._get_param("MaxItems") or 100),
        "IsTruncated": next_marker is not None,
        **common.listing(summaries),
    }
    if next_marker:
        result["NextMarker"] = next_marker
    return ActionResult({"CloudFrontOriginAccessIdentityList": result})


def apply() -> None:
    common.add_routes(PATH, PATH + "/(?P<Id>[^/]+)", PATH + "/(?P<Id>[^/]+)/config")
    common.add_operations(
        create_cloud_front_origin_access_identity=_create,
        get_cloud_front_origin_access_identity=_get,
        get_cloud_front_origin_access_identity_config=_get_config,
        update_cloud_front_origin_access_identity=_update,
        delete_cloud_front_origin_access_identity=_delete,
        list_cloud_front_origin_access_identities=_list,
    )
