"""CloudFront distributions: every field kept, ETags and If-Match, AWS's defaults and validation, Status.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateDistribution.html,
API_GetDistributionConfig.html, API_UpdateDistribution.html, API_DeleteDistribution.html,
API_ListDistributions.html, API_DistributionConfig.html):

* The ``DistributionConfig`` a client sends comes back as sent from ``Get``, ``GetConfig``, ``Update``
  and (as a summary) ``List``, with what AWS fills in: empty lists as ``{Quantity: 0}``; origins
  with ``OriginPath`` "", ``ConnectionAttempts`` 3, ``ConnectionTimeout`` 10, ``OriginShield``
  off, ``OriginAccessControlId`` "", custom origins with read/keep-alive timeouts 30/5;
  behaviours with ``AllowedMethods``/``CachedMethods`` GET and HEAD, ``Compress`` false, no
  trusted signers or function associations; error responses with ``ErrorCachingMinTTL`` 10;
  ``Logging`` off; ``PriceClass_All``, ``http2``, IPv6 on; the default certificate as
  ``SSLSupportMethod`` ``vip`` and ``MinimumProtocolVersion`` ``TLSv1`` (the CloudFront domain
  allows no other), an ACM certificate with ``CertificateSource`` ``acm``.
* ``Update`` and ``Delete`` need ``If-Match`` (``InvalidIfMatchVersion`` without it,
  ``PreconditionFailed`` when stale); every update gives a new ``ETag``. ``Update`` cannot change
  the ``CallerReference`` (``IllegalUpdate``). ``Delete`` of an enabled distribution fails with
  ``DistributionNotDisabled`` (409).
* A behaviour must target an origin of the distribution (``NoSuchOrigin``) and name existing
  policies (``NoSuchCachePolicy``, ``NoSuchOriginRequestPolicy``, ``NoSuchResponseHeadersPolicy``),
  or carry ``ForwardedValues`` when it has no cache policy (``InvalidArgument``); its function
  associations name existing functions published to their ``LIVE`` stage ("You can only associate cache behaviors
  with functions that are in the LIVE stage", DeveloperGuide/publish-function.html), else
  ``InvalidFunctionAssociation``.
* An origin is an S3 origin (``S3OriginConfig``) or a custom one (``CustomOriginConfig``), else
  ``InvalidOrigin``. Its origin access control must exist (``InvalidOriginAccessControl``: the
  error CreateDistribution lists for it), its origin access identity too
  (``InvalidOriginAccessIdentity``), and it cannot have both (``IllegalOriginAccessConfiguration``).
* An alias in use by another distribution fails with ``CNAMEAlreadyExists`` (409).
* ``ViewerCertificate`` ``ACMCertificateArn``: "The certificate must be in the US East (N. Virginia) Region
  (us-east-1)" and issued; CreateDistribution and UpdateDistribution answer ``InvalidViewerCertificate`` for a
  certificate that does not exist there or that ACM has not issued. "To add an alternate domain name (CNAME) to a
  CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the
  domain name": aliases with CloudFront's default certificate, or outside the names of the ACM certificate (a
  wildcard ``*.example.com`` covers one label), fail with ``InvalidViewerCertificate`` too
  (DeveloperGuide/cnames-and-https-requirements.html, DeveloperGuide/CNAMEs.html).
* ``WebACLId``: a WAFv2 web ACL's ARN, of scope ``CLOUDFRONT`` (``global``); one that does not exist fails with
  ``InvalidWebACLId`` (API_DistributionConfig.html).
* ``Status`` is ``InProgress`` after a create or an update and ``Deployed`` once the change has
  spread; here ``InProgress`` lasts the ``cloudfront`` provisioning delay after each create and
  update (the create or update response always says ``InProgress``). ``DomainName`` has AWS's
  form, ``d`` and 13 letters or digits, then ``.cloudfront.net``.

Moto 5.2.5 drops ``OriginAccessControlId``, ``FunctionAssociations``, the response headers policy
of ordered behaviours and more, rewrites the viewer certificate, never changes the ``ETag``, takes
any ``If-Match``, deletes enabled distributions, accepts unknown policies and origins, certificates that
are not issued (or do not cover the aliases) and web ACLs that do not exist, and is
``Deployed`` again right after an update: appstack.aws ``cloudfront_distribution`` would see
drift on every run and its errors would only show on AWS.
"""

from __future__ import annotations

import copy
import string
from types import SimpleNamespace
from typing import Any

from moto.acm.models import acm_backends
from moto.cloudfront.models import CloudFrontBackend, Distribution
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random as random
from moto.moto_api._internal.managed_state_model import ManagedState
from moto.utilities.utils import get_partition
from moto.wafv2.models import GLOBAL_REGION, wafv2_backends

from emulator import delays
from emulator.fixes import (
    cloudfront_cache_policies,
    cloudfront_functions,
    cloudfront_origin_access_identities,
    cloudfront_origin_request_policies,
    cloudfront_response_headers_policies,
)
from emulator.fixes import cloudfront_common as common
from emulator.fixes.cloudfront_common import CloudFrontError, items

DEFAULT_METHODS = {"Quantity": 2, "Items": ["HEAD", "GET"]}
POLICIES = (
    ("CachePolicyId", cloudfront_cache_policies.FAMILY),
    ("OriginRequestPolicyId", cloudfront_origin_request_policies.FAMILY),
    ("ResponseHeadersPolicyId", cloudfront_response_headers_policies.FAMILY),
)
ALIAS_CERTIFICATE_MESSAGE = (
    "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate"
    " that validates your authorization to use the domain name. For more details, see:"
    " https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements"
)


class AppstackDistribution(Distribution):
    """A distribution that keeps its configuration as sent (``appstack_config``); moto's other calls still work."""

    def __init__(self, backend: CloudFrontBackend, config: dict[str, Any]) -> None:
        ManagedState.__init__(self, "cloudfront::distribution", transitions=[("InProgress", "Deployed")])
        self.distribution_id = self.id = common.new_id()
        self.arn = f"arn:{get_partition(backend.region_name)}:cloudfront::{backend.account_id}:distribution/{self.id}"
        self.domain_name = "d" + "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(13))
        self.domain_name += ".cloudfront.net"
        self.origin_groups: list[Any] = []
        self.alias_icp_recordals: list[Any] = []
        self.in_progress_invalidation_batches = 0
        self.has_active_trusted_key_groups = False
        self.distribution_config = SimpleNamespace(caller_reference=config["CallerReference"])
        self.store(config)

    def store(self, config: dict[str, Any]) -> None:
        self.appstack_config = config
        self.etag = common.new_etag()
        self.last_modified_time = common.now()
        self.appstack_ready_at = delays.provisioning_deadline("cloudfront")

    @property  # type: ignore[override]
    def status(self) -> str:
        return "InProgress" if delays.still_provisioning(self.appstack_ready_at) else "Deployed"

    @status.setter
    def status(self, value: str) -> None:
        """Moto's state manager sets a status; the provisioning delay decides it here."""


# --- AWS's defaults -----------------------------------------------------------------


def normalize(config: dict[str, Any]) -> dict[str, Any]:
    """The configuration as AWS returns it: what was sent, plus what AWS fills in."""
    config = common.tidy(copy.deepcopy(config))
    for key, default in (
        ("Aliases", {"Quantity": 0}),
        ("DefaultRootObject", ""),
        ("OriginGroups", {"Quantity": 0}),
        ("CacheBehaviors", {"Quantity": 0}),
        ("CustomErrorResponses", {"Quantity": 0}),
        ("Comment", ""),
        ("PriceClass", "PriceClass_All"),
        ("Restrictions", {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}}),
        ("WebACLId", ""),
        ("HttpVersion", "http2"),
        ("IsIPV6Enabled", True),
        ("ContinuousDeploymentPolicyId", ""),
        ("Staging", False),
    ):
        config.setdefault(key, default)
    logging = config.setdefault("Logging", {})
    for key, default in (("Enabled", False), ("IncludeCookies", False), ("Bucket", ""), ("Prefix", "")):
        logging.setdefault(key, default)
    config["ViewerCertificate"] = _viewer_certificate(config.get("ViewerCertificate") or {})
    for origin in items(config.get("Origins")):
        _origin_defaults(origin)
    for behaviour in common.behaviours(config):
        _behaviour_defaults(behaviour)
    for response in items(config["CustomErrorResponses"]):
        response.setdefault("ResponsePagePath", "")
        response.setdefault("ResponseCode", "")
        response.setdefault("ErrorCachingMinTTL", 10)
    return common.tidy(config)


def _viewer_certificate(certificate: dict[str, Any]) -> dict[str, Any]:
    for key, source in (("ACMCertificateArn", "acm"), ("IAMCertificateId", "iam")):
        if certificate.get(key):
            if not certificate.get("SSLSupportMethod") or not certificate.get("MinimumProtocolVersion"):
                raise CloudFrontError(
                    "InvalidViewerCertificate",
                    f"With {key}, the viewer certificate needs SSLSupportMethod and MinimumProtocolVersion.",
                )
            return {
                **certificate,
                "CloudFrontDefaultCertificate": False,
                "Certificate": certificate[key],
                "CertificateSource": source,
            }
    return {
        "CloudFrontDefaultCertificate": True,
        "SSLSupportMethod": "vip",
        "MinimumProtocolVersion": "TLSv1",
        "CertificateSource": "cloudfront",
    }


def _origin_defaults(origin: dict[str, Any]) -> None:
    for key, default in (
        ("OriginPath", ""),
        ("CustomHeaders", {"Quantity": 0}),
        ("ConnectionAttempts", 3),
        ("ConnectionTimeout", 10),
        ("OriginShield", {"Enabled": False}),
        ("OriginAccessControlId", ""),
    ):
        origin.setdefault(key, default)
    if "S3OriginConfig" in origin:
        origin["S3OriginConfig"].setdefault("OriginAccessIdentity", "")
    if "CustomOriginConfig" in origin:
        origin["CustomOriginConfig"].setdefault("OriginReadTimeout", 30)
        origin["CustomOriginConfig"].setdefault("OriginKeepaliveTimeout", 5)


def _behaviour_defaults(behaviour: dict[str, Any]) -> None:
    for key, default in (
        ("TrustedSigners", {"Enabled": False, "Quantity": 0}),
        ("TrustedKeyGroups", {"Enabled": False, "Quantity": 0}),
        ("AllowedMethods", copy.deepcopy(DEFAULT_METHODS)),
        ("SmoothStreaming", False),
        ("Compress", False),
        ("LambdaFunctionAssociations", {"Quantity": 0}),
        ("FunctionAssociations", {"Quantity": 0}),
        ("FieldLevelEncryptionId", ""),
        ("GrpcConfig", {"Enabled": False}),
    ):
        behaviour.setdefault(key, default)
    behaviour["AllowedMethods"].setdefault("CachedMethods", copy.deepcopy(DEFAULT_METHODS))


# --- AWS's checks -------------------------------------------------------------------


def validate(backend: CloudFrontBackend, config: dict[str, Any], own_id: str | None) -> None:
    common.check_quantities(config, "DistributionConfig")
    origin_ids = {origin["Id"] for origin in items(config.get("Origins"))}
    origin_ids |= {group.get("Id") for group in items(config.get("OriginGroups"))}
    for origin in items(config.get("Origins")):
        _check_origin(backend, origin)
    function_arns = cloudfront_functions.published_arns(backend)
    for behaviour in common.behaviours(config):
        if behaviour.get("TargetOriginId") not in origin_ids:
            raise CloudFrontError("NoSuchOrigin", "One or more of your origins or origin groups do not exist.")
        for field, family in POLICIES:
            if behaviour.get(field) and not family.exists(backend, behaviour[field]):
                raise CloudFrontError(f"NoSuch{family.noun}", f"The {field} {behaviour[field]} does not exist.")
        if not behaviour.get("CachePolicyId") and "ForwardedValues" not in behaviour:
            raise CloudFrontError("InvalidArgument", "The parameter ForwardedValues is required.")
        for association in items(behaviour.get("FunctionAssociations")):
            if association.get("FunctionARN") not in function_arns:
                raise CloudFrontError(
                    "InvalidFunctionAssociation",
                    f"The function {association.get('FunctionARN')} does not exist or is not published (LIVE).",
                )
    _check_viewer_certificate(backend, config)
    _check_web_acl(backend, config.get("WebACLId"))
    taken = {
        alias: distribution.id
        for distribution in backend.distributions.values()
        if distribution.id != own_id and getattr(distribution, "appstack_config", None)
        for alias in items(distribution.appstack_config.get("Aliases"))
    }
    for alias in items(config.get("Aliases")):
        if alias in taken:
            raise CloudFrontError(
                "CNAMEAlreadyExists",
                f"One or more of the CNAMEs you provided are already associated with a different resource: {alias}",
            )


def _covers(names: list[str], alias: str) -> bool:
    """Whether a certificate of these names is valid for the alias: the same name, or a wildcard over one label."""
    alias = alias.lower()
    for name in (name.lower() for name in names):
        if name == alias or (name.startswith("*.") and alias.partition(".")[2] == name[2:] and "*" not in alias):
            return True
    return False


def _check_viewer_certificate(backend: CloudFrontBackend, config: dict[str, Any]) -> None:
    aliases = items(config.get("Aliases"))
    arn = (config.get("ViewerCertificate") or {}).get("ACMCertificateArn")
    if not arn:
        if aliases and not (config.get("ViewerCertificate") or {}).get("IAMCertificateId"):
            raise CloudFrontError("InvalidViewerCertificate", ALIAS_CERTIFICATE_MESSAGE)
        return
    parts = arn.split(":")
    bundle = None
    if len(parts) > 4 and parts[3] == "us-east-1" and parts[4] == backend.account_id:
        bundle = acm_backends[backend.account_id]["us-east-1"]._certificates.get(arn)
    if bundle is not None:
        bundle.check()
    if bundle is None or bundle.status != "ISSUED":
        raise CloudFrontError(
            "InvalidViewerCertificate",
            "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include"
            " a valid certificate chain.",
        )
    if not all(_covers(bundle.sans, alias) for alias in aliases):
        raise CloudFrontError("InvalidViewerCertificate", ALIAS_CERTIFICATE_MESSAGE)


def _check_web_acl(backend: CloudFrontBackend, web_acl_id: str | None) -> None:
    if not web_acl_id or not web_acl_id.startswith("arn:"):
        return
    # Moto keeps the web ACLs of scope CLOUDFRONT in its "global" region.
    if web_acl_id not in wafv2_backends[backend.account_id][GLOBAL_REGION].wacls:
        raise CloudFrontError("InvalidWebACLId", "Web ACL is not accessible by the requester.")


def _check_origin(backend: CloudFrontBackend, origin: dict[str, Any]) -> None:
    if not any(key in origin for key in ("S3OriginConfig", "CustomOriginConfig", "VpcOriginConfig")):
        raise CloudFrontError("InvalidOrigin", "The specified origin server does not exist or is not valid.")
    control_id = origin.get("OriginAccessControlId")
    identity = (origin.get("S3OriginConfig") or {}).get("OriginAccessIdentity")
    if control_id and identity:
        raise CloudFrontError(
            "IllegalOriginAccessConfiguration",
            "An origin cannot contain both an origin access control (OAC) and an origin access identity (OAI).",
        )
    if control_id and control_id not in backend.origin_access_controls:
        raise CloudFrontError("InvalidOriginAccessControl", f"The origin access control {control_id} does not exist.")
    prefix = cloudfront_origin_access_identities.OAI_PREFIX
    if identity and not (
        identity.startswith(prefix)
        and identity[len(prefix) :] in cloudfront_origin_access_identities.identities(backend)
    ):
        raise CloudFrontError(
            "InvalidOriginAccessIdentity", "The specified origin access identity does not exist or is not valid."
        )


# --- The operations -----------------------------------------------------------------


def get_distribution(backend: CloudFrontBackend, distribution_id: str | None) -> AppstackDistribution:
    distribution = backend.distributions.get(distribution_id or "")
    if not isinstance(distribution, AppstackDistribution):
        raise CloudFrontError("NoSuchDistribution", "The specified distribution does not exist.")
    return distribution


def create(
    backend: CloudFrontBackend, config: dict[str, Any] | None, tags: list[dict[str, str]]
) -> AppstackDistribution:
    if not config:
        raise CloudFrontError("MissingBody", "This operation requires a body.")
    for existing in backend.distributions.values():
        if existing.distribution_config.caller_reference == config.get("CallerReference"):
            raise CloudFrontError(
                "DistributionAlreadyExists",
                "The caller reference that you are using to create a distribution is associated with another "
                f"distribution. Already exists: {existing.id}",
            )
    validate(backend, config, None)
    distribution = AppstackDistribution(backend, normalize(config))
    backend.distributions[distribution.id] = distribution
    backend.tagger.tag_resource(distribution.arn, tags)
    return distribution


def update(
    backend: CloudFrontBackend, distribution_id: str, config: dict[str, Any] | None, if_match: str | None
) -> AppstackDistribution:
    distribution = get_distribution(backend, distribution_id)
    common.check_if_match(if_match, distribution.etag)
    if not config:
        raise CloudFrontError("MissingBody", "This operation requires a body.")
    if config.get("CallerReference") != distribution.appstack_config["CallerReference"]:
        raise CloudFrontError("IllegalUpdate", "The CallerReference of a distribution cannot be changed.")
    validate(backend, config, distribution.id)
    distribution.store(normalize(config))
    return distribution


def delete(backend: CloudFrontBackend, distribution_id: str, if_match: str | None) -> None:
    distribution = get_distribution(backend, distribution_id)
    common.check_if_match(if_match, distribution.etag)
    if distribution.appstack_config["Enabled"]:
        raise CloudFrontError(
            "DistributionNotDisabled", "The distribution you are trying to delete has not been disabled."
        )
    del backend.distributions[distribution.id]
    backend.invalidations.pop(distribution.id, None)


def as_dict(
    backend: CloudFrontBackend, distribution: AppstackDistribution, status: str | None = None
) -> dict[str, Any]:
    in_progress = [
        invalidation
        for invalidation in backend.invalidations.get(distribution.id, [])
        if invalidation.status == "InProgress"
    ]
    return {
        "Id": distribution.id,
        "ARN": distribution.arn,
        "Status": status or distribution.status,
        "LastModifiedTime": distribution.last_modified_time,
        "InProgressInvalidationBatches": len(in_progress),
        "DomainName": distribution.domain_name,
        "ActiveTrustedSigners": {"Enabled": False, "Quantity": 0},
        "ActiveTrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "DistributionConfig": copy.deepcopy(distribution.appstack_config),
    }


def summary(backend: CloudFrontBackend, distribution: AppstackDistribution) -> dict[str, Any]:
    # The serializer keeps the DistributionSummary members: the config's, and these.
    described = as_dict(backend, distribution)
    return {**described.pop("DistributionConfig"), **described, "ETag": distribution.etag}


def _created(response: CloudFrontResponse, config: Any, tags: list[dict[str, str]]) -> ActionResult:
    distribution = create(response.backend, config, tags)
    return ActionResult(
        {
            "Distribution": as_dict(response.backend, distribution, "InProgress"),
            "Location": f"{common.API}/distribution/{distribution.id}",
            "ETag": distribution.etag,
        }
    )


def _create(response: CloudFrontResponse) -> ActionResult:
    return _created(response, response._get_param("DistributionConfig"), [])


def _create_with_tags(response: CloudFrontResponse) -> ActionResult:
    with_tags = response._get_param("DistributionConfigWithTags") or {}
    return _created(response, with_tags.get("DistributionConfig"), items(with_tags.get("Tags")))


def _get(response: CloudFrontResponse) -> ActionResult:
    distribution = get_distribution(response.backend, response._get_param("Id"))
    return ActionResult({"Distribution": as_dict(response.backend, distribution), "ETag": distribution.etag})


def _get_config(response: CloudFrontResponse) -> ActionResult:
    distribution = get_distribution(response.backend, response._get_param("Id"))
    return ActionResult({"DistributionConfig": copy.deepcopy(distribution.appstack_config), "ETag": distribution.etag})


def _update(response: CloudFrontResponse) -> ActionResult:
    distribution = update(
        response.backend,
        response._get_param("Id"),
        response._get_param("DistributionConfig"),
        response._get_param("IfMatch"),
    )
    return ActionResult(
        {"Distribution": as_dict(response.backend, distribution, "InProgress"), "ETag": distribution.etag}
    )


def _delete(response: CloudFrontResponse) -> EmptyResult:
    delete(response.backend, response._get_param("Id"), response._get_param("IfMatch"))
    return EmptyResult()


def _list(response: CloudFrontResponse) -> ActionResult:
    marker = response._get_param("Marker")
    distributions = [item for item in response.backend.distributions.values() if isinstance(item, AppstackDistribution)]
    chosen, next_marker = common.page(distributions, marker, response._get_param("MaxItems"), lambda item: item.id)
    result = {
        "Marker": marker or "",
        "MaxItems": int(response._get_param("MaxItems") or 100),
        "IsTruncated": next_marker is not None,
        **common.listing([summary(response.backend, item) for item in chosen]),
    }
    if next_marker:
        result["NextMarker"] = next_marker
    return ActionResult({"DistributionList": result})


def apply() -> None:
    common.add_operations(
        create_distribution=_create,
        create_distribution_with_tags=_create_with_tags,
        get_distribution=_get,
        get_distribution_config=_get_config,
        update_distribution=_update,
        delete_distribution=_delete,
        list_distributions=_list,
    )
