"""ACM: public certificates requested with DNS validation, as AWS describes, lists and deletes them.

AWS (https://docs.aws.amazon.com/acm/latest/APIReference/):

* ``RequestCertificate`` ``KeyAlgorithm``: "Algorithms supported for an ACM
  certificate request include: RSA_2048, EC_prime256v1, EC_secp384r1. Other
  listed algorithms are for imported certificates only." Default ``RSA_2048``
  (API_RequestCertificate.html). ``ValidationMethod`` is ``DNS`` or ``EMAIL``;
  a request without it is validated by email.
* The quota "Domain names per ACM certificate" is 10 by default: "The first
  domain name that you submit is included as the subject common name (CN) of
  the certificate. All domain names are included in the Subject Alternative
  Name extension." A request for more fails with ``LimitExceededException``
  (acm/latest/userguide/acm-limits.html).
* ``DescribeCertificate`` (API_CertificateDetail.html): ``SubjectAlternativeNames``
  holds the domain name first, then the other names; ``DomainValidationOptions``
  has one entry per name (API_DomainValidation.html) whose ``ValidationStatus``
  is ``PENDING_VALIDATION``, ``SUCCESS`` or ``FAILED``, and, with DNS
  validation, a ``ResourceRecord`` (a CNAME ``_x.<domain>.`` pointing into
  ``acm-validations.aws.``). The record depends on the account and the domain:
  a wildcard name and its parent domain share one
  (acm/latest/userguide/dns-validation.html). A certificate that is not issued
  yet has no ``Serial``, ``NotBefore``, ``NotAfter`` or ``IssuedAt``.
* ``ListCertificates``: "Default filtering returns only RSA_1024 and RSA_2048
  certificates"; other key types only when ``Includes.keyTypes`` names them
  (API_Filters.html). Each entry is a ``CertificateSummary``
  (``SubjectAlternativeNameSummaries``, ``InUse``, ``KeyAlgorithm``, ...;
  API_CertificateSummary.html).
* ``InUseBy`` lists "the Amazon Web Services resources that are using the
  certificate", such as a CloudFront distribution; ``DeleteCertificate`` of a
  certificate in use fails with ``ResourceInUseException``
  (API_DeleteCertificate.html).
* A public certificate turns ``ISSUED`` once ACM has validated its domains.
  The emulator can't check DNS: the certificate is ``PENDING_VALIDATION`` for
  the ``acm`` provisioning delay, then ``ISSUED`` (with no delay, when next
  read).

Moto 5.2.5 ignores ``KeyAlgorithm`` and ``ValidationMethod`` (every certificate
is RSA_2048 with DNS records), orders the names and validation options at
random, gives every domain the same record, reports ``Serial`` and
``IssuedAt`` for a pending certificate, counts only the SANs against the
quota, lists every key type with detail fields instead of the summary, never
sees a CloudFront distribution in ``InUseBy`` and never forgets a deleted load
balancer listener there, deletes certificates in use,
answers HTTP 500 to a request whose ``IdempotencyToken`` named a deleted
certificate, and issues after a fixed 60 seconds: a module could forget
``ValidationMethod=DNS`` or ``Includes.keyTypes``, or delete a certificate in
use, and only fail on AWS.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
from typing import Any

import cryptography.x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import DNSName, IPAddress, NameOID
from moto.acm.exceptions import AWSError
from moto.acm.models import IPV4_REGEX, AWSCertificateManagerBackend, CertBundle, datetime_to_epoch
from moto.acm.responses import AWSCertificateManagerResponse
from moto.cloudfront.models import cloudfront_backends
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.elbv2.models import elbv2_backends

from emulator import delays

# RequestCertificate KeyAlgorithm: the algorithms ACM issues public certificates with.
REQUESTABLE_KEY_ALGORITHMS = ("RSA_2048", "EC_prime256v1", "EC_secp384r1")
# ListCertificates without Includes.keyTypes.
DEFAULT_LISTED_KEY_TYPES = ("RSA_1024", "RSA_2048")
DOMAIN_NAMES_QUOTA = 10
VALIDATION_EMAIL_USERS = ("admin", "administrator", "hostmaster", "postmaster", "webmaster")
_EC_CURVES = {"EC_prime256v1": ec.SECP256R1(), "EC_secp384r1": ec.SECP384R1()}
_SIGNATURE_ALGORITHMS = {
    "RSA_2048": "SHA256WITHRSA",
    "EC_prime256v1": "SHA256WITHECDSA",
    "EC_secp384r1": "SHA384WITHECDSA",
}
_NOT_ISSUED = ("PENDING_VALIDATION", "FAILED", "VALIDATION_TIMED_OUT")
_DOMAIN_STATUS = {"PENDING_VALIDATION": "PENDING_VALIDATION", "FAILED": "FAILED", "VALIDATION_TIMED_OUT": "FAILED"}
_SUMMARY_KEYS = (
    "CertificateArn",
    "DomainName",
    "Status",
    "Type",
    "KeyAlgorithm",
    "KeyUsages",
    "ExtendedKeyUsages",
    "RenewalEligibility",
    "NotBefore",
    "NotAfter",
    "CreatedAt",
    "IssuedAt",
    "ImportedAt",
)

_original_check = CertBundle.check
_original_describe = CertBundle.describe
_original_delete = AWSCertificateManagerBackend.delete_certificate


def _hex(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


def resource_record(account_id: str, domain_name: str) -> dict[str, str]:
    """The DNS validation CNAME of a domain in an account; a wildcard shares its parent domain's."""
    base = domain_name[2:] if domain_name.startswith("*.") else domain_name
    base = base.lower()
    letters = "".join(chr(ord("a") + int(c, 16) % 26) for c in _hex(account_id, base, "target")[:10])
    return {
        "Name": f"_{_hex(account_id, base)[:32]}.{base}.",
        "Type": "CNAME",
        "Value": f"_{_hex(account_id, base, 'value')[:32]}.{letters}.acm-validations.aws.",
    }


def _ordered_names(domain_name: str, sans: list[str] | None) -> list[str]:
    names: list[str] = []
    for name in [domain_name, *(sans or [])]:
        if name not in names:
            names.append(name)
    return names


def _generate_bundle(
    backend: AWSCertificateManagerBackend,
    names: list[str],
    key_algorithm: str,
    cert_authority_arn: str | None,
) -> CertBundle:
    """moto's CertBundle.generate_cert, with the key algorithm asked for and the names in order."""
    if key_algorithm in _EC_CURVES:
        key: Any = ec.generate_private_key(_EC_CURVES[key_algorithm])
        digest: Any = hashes.SHA384() if key_algorithm == "EC_secp384r1" else hashes.SHA256()
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        digest = hashes.SHA256()
    alt_names = [IPAddress(ipaddress.IPv4Address(name)) if IPV4_REGEX.match(name) else DNSName(name) for name in names]
    now = utcnow()
    cert = (
        cryptography.x509.CertificateBuilder()
        .subject_name(cryptography.x509.Name([cryptography.x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .issuer_name(cryptography.x509.Name([cryptography.x509.NameAttribute(NameOID.COMMON_NAME, "Amazon")]))
        .public_key(key.public_key())
        .serial_number(cryptography.x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=395))
        .add_extension(cryptography.x509.SubjectAlternativeName(alt_names), critical=False)
        .sign(key, digest)
    )
    private_key = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return CertBundle(
        certificate=cert.public_bytes(serialization.Encoding.PEM),
        private_key=private_key,
        cert_type="PRIVATE" if cert_authority_arn else "AMAZON_ISSUED",
        cert_status="ISSUED" if cert_authority_arn else "PENDING_VALIDATION",
        cert_authority_arn=cert_authority_arn,
        account_id=backend.account_id,
        region=backend.region_name,
    )


def request_certificate(
    self: AWSCertificateManagerBackend,
    domain_name: str,
    idempotency_token: str | None,
    subject_alt_names: list[str] | None,
    tags: list[dict[str, str]] | None,
    cert_authority_arn: str | None = None,
    cert_options: dict[str, Any] | None = None,
    key_algorithm: str | None = None,
    validation_method: str | None = None,
) -> str:
    if idempotency_token is not None:
        arn = self._get_arn_from_idempotency_token(idempotency_token)
        if arn in self._certificates and self._certificates[arn].tags.equals(tags or []):
            return arn
    bundle = _generate_bundle(
        self, _ordered_names(domain_name, subject_alt_names), key_algorithm or "RSA_2048", cert_authority_arn
    )
    bundle._appstack_key_algorithm = key_algorithm or "RSA_2048"
    bundle._appstack_validation_method = validation_method or "EMAIL"
    bundle._appstack_ready_at = delays.provisioning_deadline("acm")
    bundle._appstack_issued_at = bundle.created_at if cert_authority_arn else None
    if idempotency_token is not None:
        self._set_idempotency_token_arn(idempotency_token, bundle.arn)
    self._certificates[bundle.arn] = bundle
    if cert_options:
        bundle.cert_options.update(cert_options)
    if tags:
        bundle.tags.add(tags)
    return bundle.arn


def _check(self: CertBundle) -> None:
    if not hasattr(self, "_appstack_ready_at"):
        _original_check(self)
        return
    if self.status == "PENDING_VALIDATION" and not delays.still_provisioning(self._appstack_ready_at):
        self.status = "ISSUED"
        self._appstack_issued_at = utcnow()


def _viewer_certificate_arn(distribution: Any) -> str | None:
    """The ACM certificate of a distribution: from the configuration as sent (the ``cloudfront_distributions``
    fix keeps it in ``appstack_config``), or from moto's own model."""
    config = getattr(distribution, "appstack_config", None)
    if isinstance(config, dict):
        return (config.get("ViewerCertificate") or {}).get("ACMCertificateArn")
    viewer_certificate = getattr(distribution.distribution_config, "ViewerCertificate", None)
    return getattr(viewer_certificate, "acm_certificate_arn", None)


def _listener_exists(account_id: str, region: str, listener_arn: str) -> bool:
    backend = elbv2_backends[account_id][region]
    return any(listener_arn in balancer.listeners for balancer in list(backend.load_balancers.values()))


def _in_use_by(bundle: CertBundle) -> list[str]:
    """What uses the certificate: moto's load balancers' listeners that still exist (moto never forgets one, AWS
    does once the listener or its load balancer is deleted), and the CloudFront distributions that name it."""
    account_id = bundle.arn.split(":")[4]
    partition = bundle.arn.split(":")[1]
    region = bundle.arn.split(":")[3]
    users = [
        user for user in bundle.in_use_by if ":listener/" not in user or _listener_exists(account_id, region, user)
    ]
    backend = cloudfront_backends[account_id][partition]
    for distribution in backend.distributions.values():
        if _viewer_certificate_arn(distribution) == bundle.arn and distribution.arn not in users:
            users.append(distribution.arn)
    return users


def _validation_option(bundle: CertBundle, name: str, status: str) -> dict[str, Any]:
    option: dict[str, Any] = {
        "DomainName": name,
        "ValidationDomain": name,
        "ValidationStatus": _DOMAIN_STATUS.get(status, "SUCCESS"),
        "ValidationMethod": bundle._appstack_validation_method,
    }
    if bundle._appstack_validation_method == "DNS":
        option["ResourceRecord"] = resource_record(bundle.arn.split(":")[4], name)
    else:
        base = name[2:] if name.startswith("*.") else name
        option["ValidationEmails"] = [f"{user}@{base}" for user in VALIDATION_EMAIL_USERS]
    return option


def _describe(self: CertBundle) -> dict[str, Any]:
    result = _original_describe(self)
    detail = result["Certificate"]
    detail["InUseBy"] = _in_use_by(self)
    if not hasattr(self, "_appstack_ready_at"):
        return result
    detail["KeyAlgorithm"] = self._appstack_key_algorithm
    detail["SignatureAlgorithm"] = _SIGNATURE_ALGORITHMS[self._appstack_key_algorithm]
    if self.type == "AMAZON_ISSUED":
        detail["DomainValidationOptions"] = [_validation_option(self, name, self.status) for name in self.sans]
    if self.status in _NOT_ISSUED:
        for key in ("Serial", "NotBefore", "NotAfter", "IssuedAt"):
            detail.pop(key, None)
    elif self._appstack_issued_at is not None:
        detail["IssuedAt"] = datetime_to_epoch(self._appstack_issued_at)
    return result


def delete_certificate(self: AWSCertificateManagerBackend, arn: str) -> None:
    if arn in self._certificates:
        users = _in_use_by(self._certificates[arn])
        if users:
            raise AWSError(
                f"Certificate arn:{arn} is in use by {', '.join(users)}", exception_type="ResourceInUseException"
            )
    _original_delete(self, arn)


def _summary(bundle: CertBundle) -> dict[str, Any]:
    detail = bundle.describe()["Certificate"]
    summary = {key: detail[key] for key in _SUMMARY_KEYS if key in detail}
    summary["SubjectAlternativeNameSummaries"] = detail["SubjectAlternativeNames"][:100]
    summary["HasAdditionalSubjectAlternativeNames"] = len(detail["SubjectAlternativeNames"]) > 100
    summary["InUse"] = bool(detail["InUseBy"])
    summary["Exported"] = bundle.cert_options.get("Export") == "ENABLED"
    return summary


def _list_certificates_response(self: AWSCertificateManagerResponse) -> ActionResult:
    includes = dict(self._get_param("Includes") or {})
    includes.setdefault("keyTypes", list(DEFAULT_LISTED_KEY_TYPES))
    statuses = self._get_param("CertificateStatuses")
    bundles = self.acm_backend.list_certificates(statuses, includes)
    return ActionResult({"CertificateSummaryList": [_summary(bundle) for bundle in bundles]})


def _request_certificate_response(self: AWSCertificateManagerResponse) -> ActionResult:
    domain_name = self._get_param("DomainName")
    sans = self._get_param("SubjectAlternativeNames")
    key_algorithm = self._get_param("KeyAlgorithm")
    if len(_ordered_names(domain_name, sans)) > DOMAIN_NAMES_QUOTA:
        raise AWSError(
            "An ACM limit has been exceeded. Need to request SAN limit to be raised",
            exception_type="LimitExceededException",
        )
    if key_algorithm is not None and key_algorithm not in REQUESTABLE_KEY_ALGORITHMS:
        raise AWSError(
            f"The key algorithm {key_algorithm} is not supported for certificate requests;"
            f" use one of {', '.join(REQUESTABLE_KEY_ALGORITHMS)}.",
            exception_type="InvalidParameterException",
        )
    arn = self.acm_backend.request_certificate(
        domain_name,
        self._get_param("IdempotencyToken"),
        sans,
        self._get_param("Tags"),
        self._get_param("CertificateAuthorityArn"),
        self._get_param("Options"),
        key_algorithm=key_algorithm,
        validation_method=self._get_param("ValidationMethod"),
    )
    return ActionResult({"CertificateArn": arn})


def apply() -> None:
    CertBundle.check = _check
    CertBundle.describe = _describe
    AWSCertificateManagerBackend.request_certificate = request_certificate
    AWSCertificateManagerBackend.delete_certificate = delete_certificate
    AWSCertificateManagerResponse.request_certificate = _request_certificate_response
    AWSCertificateManagerResponse.list_certificates = _list_certificates_response
