"""CloudFront origin access controls (OAC): unique names, ETags and If-Match, in-use checks, the config call.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateOriginAccessControl.html
and the other ``*OriginAccessControl*`` operations, API_OriginAccessControlConfig.html):

* ``OriginAccessControlConfig`` has ``Name``, ``Description``, ``SigningProtocol`` (``sigv4``),
  ``SigningBehavior`` (``never``, ``always``, ``no-override``) and
  ``OriginAccessControlOriginType`` (``s3``, ``mediastore``, ``mediapackagev2``, ``lambda``);
  another value fails with ``InvalidArgument``.
* A name already taken fails with ``OriginAccessControlAlreadyExists`` (409), on create and update.
* ``GetOriginAccessControlConfig`` answers the configuration and ``ETag``.
* ``UpdateOriginAccessControl`` replaces the whole configuration; it and
  ``DeleteOriginAccessControl`` need ``If-Match`` (``InvalidIfMatchVersion`` /
  ``PreconditionFailed``); an update gives a new ``ETag``.
* ``DeleteOriginAccessControl`` fails with ``OriginAccessControlInUse`` (409) while an origin of
  a distribution names it, and with ``NoSuchOriginAccessControl`` (404) for an unknown id.

Moto 5.2.5 takes duplicate names, keeps one ``ETag`` for ever and ignores ``If-Match``, deletes
an OAC in use, answers HTTP 500 for ``GetOriginAccessControlConfig`` and for deleting an unknown
id, and keeps an omitted ``Description`` as nothing (AWS: ""): appstack.aws
``cloudfront_origin_access_control`` could not find or update its OAC the way it must on AWS.
"""

from __future__ import annotations

from typing import Any

from moto.cloudfront.models import CloudFrontBackend, OriginAccessControl
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult

from emulator.fixes import cloudfront_common as common
from emulator.fixes.cloudfront_common import CloudFrontError

CHOICES = {
    "SigningProtocol": ("sigv4",),
    "SigningBehavior": ("never", "always", "no-override"),
    "OriginAccessControlOriginType": ("s3", "mediastore", "mediapackagev2", "lambda"),
}


def config_of(control: OriginAccessControl) -> dict[str, Any]:
    return {
        "Name": control.name,
        "Description": control.description or "",
        "SigningProtocol": control.signing_protocol,
        "SigningBehavior": control.signing_behavior,
        "OriginAccessControlOriginType": control.origin_type,
    }


def _valid(backend: CloudFrontBackend, config: dict[str, Any] | None, own_id: str | None) -> dict[str, Any]:
    if not config or not config.get("Name"):
        raise CloudFrontError("InvalidArgument", "The origin access control needs a Name.")
    for key, allowed in CHOICES.items():
        if config.get(key) not in allowed:
            raise CloudFrontError(
                "InvalidArgument", f"{key} must be one of {', '.join(allowed)}, not {config.get(key)}."
            )
    for control in backend.origin_access_controls.values():
        if control.name == config["Name"] and control.id != own_id:
            raise CloudFrontError(
                "OriginAccessControlAlreadyExists", f"An origin access control named {config['Name']} already exists."
            )
    return {**config, "Description": config.get("Description") or ""}


def get_control(backend: CloudFrontBackend, control_id: str | None) -> OriginAccessControl:
    control = backend.origin_access_controls.get(control_id or "")
    if control is None:
        raise CloudFrontError("NoSuchOriginAccessControl", "The specified origin access control does not exist.")
    return control


def _answer(control: OriginAccessControl, **extra: Any) -> ActionResult:
    return ActionResult(
        {
            "OriginAccessControl": {"Id": control.id, "OriginAccessControlConfig": config_of(control)},
            "ETag": control.etag,
            **extra,
        }
    )


def _create(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    config = _valid(backend, response._get_param("OriginAccessControlConfig"), None)
    control = OriginAccessControl(config)
    control.id, control.etag = common.new_id(), common.new_etag()
    backend.origin_access_controls[control.id] = control
    return _answer(control, Location=f"{common.API}/origin-access-control/{control.id}")


def _get(response: CloudFrontResponse) -> ActionResult:
    return _answer(get_control(response.backend, response._get_param("Id")))


def _get_config(response: CloudFrontResponse) -> ActionResult:
    control = get_control(response.backend, response._get_param("Id"))
    return ActionResult({"OriginAccessControlConfig": config_of(control), "ETag": control.etag})


def _update(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    control = get_control(backend, response._get_param("Id"))
    common.check_if_match(response._get_param("IfMatch"), control.etag)
    control.update(_valid(backend, response._get_param("OriginAccessControlConfig"), control.id))
    control.etag = common.new_etag()
    return _answer(control)


def _delete(response: CloudFrontResponse) -> EmptyResult:
    backend = response.backend
    control = get_control(backend, response._get_param("Id"))
    common.check_if_match(response._get_param("IfMatch"), control.etag)
    if common.in_use(backend, "OriginAccessControlId", control.id, origins=True):
        raise CloudFrontError(
            "OriginAccessControlInUse",
            "Cannot delete the origin access control because it's in use by one or more distributions.",
        )
    del backend.origin_access_controls[control.id]
    return EmptyResult()


def _list(response: CloudFrontResponse) -> ActionResult:
    marker = response._get_param("Marker")
    chosen, next_marker = common.page(
        list(response.backend.origin_access_controls.values()),
        marker,
        response._get_param("MaxItems"),
        lambda control: control.id,
    )
    result = {
        "Marker": marker or "",
        "MaxItems": int(response._get_param("MaxItems") or 100),
        "IsTruncated": next_marker is not None,
        **common.listing([{"Id": control.id, **config_of(control)} for control in chosen]),
    }
    if next_marker:
        result["NextMarker"] = next_marker
    return ActionResult({"OriginAccessControlList": result})


def apply() -> None:
    common.add_operations(
        create_origin_access_control=_create,
        get_origin_access_control=_get,
        get_origin_access_control_config=_get_config,
        update_origin_access_control=_update,
        delete_origin_access_control=_delete,
        list_origin_access_controls=_list,
    )
