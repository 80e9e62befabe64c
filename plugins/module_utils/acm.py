# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AWS Certificate Manager helpers shared by appstack.aws.acm_certificate and acm_certificate_info.

Every API helper expects a client created with ``module.client("acm", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleACMError, which a module turns into a failure with ``fail_json_aws_error``.

A certificate is returned as a snake_case dict (``boto3_resource_to_ansible_dict`` of DescribeCertificate's
``Certificate``) with ``arn`` and ``id`` (both the ARN), its tags as a dict under ``tags`` and the DNS records that
validate it, without duplicates, under ``validation_records``.

The pure part (option checks, identity, idempotency token, the predicted certificate, what a wait reports) comes
first and calls no API.  Timing:

* After RequestCertificate, "there is a delay of several seconds before you can retrieve information about the new
  certificate", and the DNS validation records (``DomainValidationOptions[].ResourceRecord``) appear a few seconds
  later still: ``wait_for_records`` polls every RECORDS_POLL_SECONDS for at most RECORDS_TIMEOUT_SECONDS.
* ACM issues a public certificate once the DNS records exist; ``wait_for_issued`` polls every POLL_DELAY_SECONDS and
  returns what it saw change, to be reported as the wait's progress.
"""

import hashlib
import re
import time

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict

# RequestCertificate KeyAlgorithm: the algorithms ACM issues public certificates with (the others of botocore's
# KeyAlgorithm enum are for imported certificates only). ACM's default is RSA_2048.
KEY_ALGORITHMS = ["RSA_2048", "EC_prime256v1", "EC_secp384r1"]
DEFAULT_KEY_ALGORITHM = "RSA_2048"
# ListCertificates returns only RSA_1024 and RSA_2048 certificates unless Includes.keyTypes names the others.
ALL_KEY_TYPES = ["RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"]
# botocore's CertificateStatus enum.
STATUSES = ["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"]
# The statuses of a certificate the module adopts, best first; a certificate in any other status is never reused.
USABLE_STATUSES = ["ISSUED", "PENDING_VALIDATION"]
# Statuses a pending certificate can end in, other than ISSUED.
FAILED_STATUSES = ["FAILED", "VALIDATION_TIMED_OUT", "REVOKED", "EXPIRED", "INACTIVE"]
VALIDATION_METHODS = ["DNS"]

# ACM quota "Domain names per ACM certificate": 10 by default, up to 100 on request; the domain name counts.
DEFAULT_DOMAIN_NAMES_QUOTA = 10
MAX_DOMAIN_NAMES = 100
# RFC 5280: the first domain name (the certificate's common name) is at most 64 octets; the others 253.
DOMAIN_NAME_MAX_LENGTH = 64
SAN_MAX_LENGTH = 253
# botocore's DomainNameString pattern, with the wildcard only as the whole leftmost label.
DOMAIN_NAME = re.compile(r"^(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$")
# RequestCertificate IdempotencyToken: 1 to 32 word characters.
IDEMPOTENCY_TOKEN_LENGTH = 32

RESOURCE_NOT_FOUND = "ResourceNotFoundException"
POLL_DELAY_SECONDS = 15
RECORDS_POLL_SECONDS = 2
RECORDS_TIMEOUT_SECONDS = 60


class AnsibleACMError(AnsibleAWSError):
    pass


class ACMErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleACMError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(RESOURCE_NOT_FOUND)


# Checking the options: pure functions


def domain_name_problems(name, option, max_length=SAN_MAX_LENGTH):
    """What is wrong with a domain name, by ACM's rules, as messages (empty: nothing)."""
    rules = (
        f"{option} must be a fully qualified domain name of at most {max_length} characters (labels of letters,"
        " digits and hyphens, not starting or ending with a hyphen, separated by dots, no trailing dot), with a"
        " wildcard only as the whole leftmost label (*.example.com)"
    )
    if not name:
        return [f"{rules}; it is empty."]
    if len(name) > max_length:
        return [f"{rules}; {name} has {len(name)} characters."]
    if not DOMAIN_NAME.match(name):
        return [f"{rules}, not {name}."]
    return []


def names_problems(domain_name, subject_alternative_names, quota=DEFAULT_DOMAIN_NAMES_QUOTA):
    """Every problem with the domain names of a certificate request, as messages (empty: none)."""
    problems = domain_name_problems(domain_name, "domain_name", DOMAIN_NAME_MAX_LENGTH)
    for index, name in enumerate(subject_alternative_names or []):
        problems.extend(domain_name_problems(name, f"subject_alternative_names[{index}]"))
    names = certificate_names(domain_name or "", subject_alternative_names)
    if len(names) > quota:
        problems.append(
            f"A certificate can have at most {quota} domain names (domain_name and subject_alternative_names, the"
            f" account's ACM quota 'Domain names per ACM certificate'), not {len(names)}. Raise the quota with"
            " Service Quotas and set domain_names_quota, or split the names over several certificates."
        )
    return problems


# Identity and planning: pure functions


def certificate_names(domain_name, subject_alternative_names):
    """The names of a certificate as ACM lists them: the domain name first, then the others, once each."""
    names, seen = [], set()
    for name in [domain_name, *(subject_alternative_names or [])]:
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def idempotency_token(domain_name, subject_alternative_names, key_algorithm, salt=""):
    """The RequestCertificate IdempotencyToken of a request: the same names and algorithm give the same token, so
    that a retry within the hour ACM remembers tokens for never makes a second certificate."""
    names = sorted(name.lower() for name in certificate_names(domain_name, subject_alternative_names))
    text = "\n".join([key_algorithm or DEFAULT_KEY_ALGORITHM, *names, salt])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:IDEMPOTENCY_TOKEN_LENGTH]


def certificate_names_of(certificate):
    """The names a DescribeCertificate Certificate or a ListCertificates summary gives (the full list for a summary
    only when HasAdditionalSubjectAlternativeNames is false)."""
    names = certificate.get("SubjectAlternativeNames") or certificate.get("SubjectAlternativeNameSummaries")
    return certificate_names(certificate.get("DomainName") or "", names)


def matches(certificate, domain_name, subject_alternative_names, key_algorithm=None):
    """Whether a DescribeCertificate Certificate (or a complete ListCertificates summary) is the certificate asked
    for: the same domain name, the same set of names, and the same key algorithm when one is asked for."""
    if (certificate.get("DomainName") or "").lower() != domain_name.lower():
        return False
    wanted = {name.lower() for name in certificate_names(domain_name, subject_alternative_names)}
    if wanted != {name.lower() for name in certificate_names_of(certificate)}:
        return False
    return key_algorithm is None or certificate.get("KeyAlgorithm") == key_algorithm


def preference(detail):
    """Sort key putting the certificate to adopt first: ISSUED before PENDING_VALIDATION, then the newest."""
    rank = USABLE_STATUSES.index(detail["Status"]) if detail.get("Status") in USABLE_STATUSES else len(STATUSES)
    created = detail.get("CreatedAt")
    return (rank, -created.timestamp() if created else 0)


def validation_records(certificate):
    """The DNS records that validate a certificate (snake_case), each once: a wildcard shares its domain's."""
    records = []
    for option in certificate.get("domain_validation_options") or []:
        record = option.get("resource_record")
        if record and record not in records:
            records.append(dict(record))
    return records


def records_missing(certificate):
    """Whether a certificate awaiting DNS validation does not show all its validation records yet."""
    if certificate.get("status") != "PENDING_VALIDATION":
        return False
    options = certificate.get("domain_validation_options") or []
    return not options or any(
        option.get("validation_method", "DNS") == "DNS" and not option.get("resource_record") for option in options
    )


def predicted_certificate(params):
    """The certificate a request would create, for check mode: what only ACM can give (ARN, records) is missing."""
    names = certificate_names(params["domain_name"], params.get("subject_alternative_names"))
    return {
        "arn": None,
        "id": None,
        "domain_name": params["domain_name"],
        "subject_alternative_names": names,
        "status": "PENDING_VALIDATION",
        "type": "AMAZON_ISSUED",
        "key_algorithm": params.get("key_algorithm") or DEFAULT_KEY_ALGORITHM,
        "in_use_by": [],
        "domain_validation_options": [
            {
                "domain_name": name,
                "validation_domain": name,
                "validation_method": "DNS",
                "validation_status": "PENDING_VALIDATION",
            }
            for name in names
        ],
        "validation_records": [],
        "tags": dict(params.get("tags") or {}),
    }


def validation_summary(detail):
    """A one-line account of a DescribeCertificate Certificate's validation, for the wait's progress."""
    status = detail.get("Status", "unknown")
    options = detail.get("DomainValidationOptions") or []
    if status != "PENDING_VALIDATION" or not options:
        return status
    pending = [o["DomainName"] for o in options if o.get("ValidationStatus") != "SUCCESS"]
    done = len(options) - len(pending)
    return f"{status}: {done} of {len(options)} domain names validated, waiting for {', '.join(pending)}"


def records_text(detail):
    """The validation records of the domains still pending, as text for a failure message."""
    lines = []
    for option in detail.get("DomainValidationOptions") or []:
        record = option.get("ResourceRecord")
        if option.get("ValidationStatus") != "SUCCESS" and record:
            line = f"{record['Type']} {record['Name']} -> {record['Value']}"
            if line not in lines:
                lines.append(line)
    return "; ".join(lines)


# Reading


def to_ansible(detail, tags):
    certificate = boto3_resource_to_ansible_dict(detail, transform_tags=False, force_tags=False)
    certificate["arn"] = certificate["id"] = detail["CertificateArn"]
    certificate["tags"] = tags
    certificate["validation_records"] = validation_records(certificate)
    return certificate


@ACMErrorHandler.list_error_handler("describe ACM certificate", None)
def describe_certificate(client, arn):
    """DescribeCertificate's Certificate, or None when there is no such certificate (yet)."""
    return client.describe_certificate(aws_retry=True, CertificateArn=arn)["Certificate"]


@ACMErrorHandler.list_error_handler("list ACM certificate tags", {})
def list_tags(client, arn):
    return boto3_tag_list_to_ansible_dict(
        client.list_tags_for_certificate(aws_retry=True, CertificateArn=arn).get("Tags", [])
    )


@ACMErrorHandler.list_error_handler("list ACM certificates", [])
@AWSRetry.jittered_backoff()
def list_summaries(client, statuses=None):
    """Every certificate summary of the region, whatever its key algorithm, in the given statuses (None: all)."""
    kwargs = {"Includes": {"keyTypes": ALL_KEY_TYPES}}
    if statuses:
        kwargs["CertificateStatuses"] = list(statuses)
    paginator = client.get_paginator("list_certificates")
    return paginator.paginate(**kwargs).build_full_result().get("CertificateSummaryList", [])


def get_certificate(client, arn):
    """The certificate as a snake_case dict with its tags, or None."""
    detail = describe_certificate(client, arn)
    return to_ansible(detail, list_tags(client, arn)) if detail else None


def find_certificates(client, domain_name, subject_alternative_names, key_algorithm=None):
    """The ACM-issued certificates in a usable status that match, best first, as ListCertificates summaries.

    One ListCertificates call; a DescribeCertificate only for a candidate whose summary doesn't hold all its names.
    """
    found = []
    for summary in list_summaries(client, USABLE_STATUSES):
        if summary.get("Type") != "AMAZON_ISSUED" or summary.get("DomainName", "").lower() != domain_name.lower():
            continue
        if summary.get("HasAdditionalSubjectAlternativeNames"):
            summary = describe_certificate(client, summary["CertificateArn"])
        usable = summary and summary.get("Status") in USABLE_STATUSES
        if usable and matches(summary, domain_name, subject_alternative_names, key_algorithm):
            found.append(summary)
    return sorted(found, key=preference)


def list_certificates(client, arn=None, domain_name=None, statuses=None):
    """Certificates as snake_case dicts with tags: the one of arn, or those of the region, optionally filtered by
    domain name (their DomainName or one of their other names) and statuses."""
    if arn:
        certificate = get_certificate(client, arn)
        if certificate and statuses and certificate["status"] not in statuses:
            return []
        return [certificate] if certificate else []
    result = []
    for summary in list_summaries(client, statuses):
        names = [summary.get("DomainName", ""), *(summary.get("SubjectAlternativeNameSummaries") or [])]
        if domain_name and domain_name.lower() not in {name.lower() for name in names}:
            continue
        certificate = get_certificate(client, summary["CertificateArn"])
        if certificate:
            result.append(certificate)
    return result


# Writing


@ACMErrorHandler.common_error_handler("request ACM certificate")
def request_certificate(client, params, token):
    kwargs = {
        "DomainName": params["domain_name"],
        "ValidationMethod": "DNS",
        "IdempotencyToken": token,
        "KeyAlgorithm": params.get("key_algorithm") or DEFAULT_KEY_ALGORITHM,
    }
    names = certificate_names(params["domain_name"], params.get("subject_alternative_names"))
    if len(names) > 1:
        kwargs["SubjectAlternativeNames"] = names[1:]
    if params.get("tags"):
        kwargs["Tags"] = ansible_dict_to_boto3_tag_list(params["tags"])
    return client.request_certificate(aws_retry=True, **kwargs)["CertificateArn"]


@ACMErrorHandler.common_error_handler("tag ACM certificate")
def add_tags(client, arn, tags):
    client.add_tags_to_certificate(aws_retry=True, CertificateArn=arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@ACMErrorHandler.common_error_handler("untag ACM certificate")
def remove_tags(client, arn, tag_keys):
    client.remove_tags_from_certificate(aws_retry=True, CertificateArn=arn, Tags=[{"Key": key} for key in tag_keys])


@ACMErrorHandler.deletion_error_handler("delete ACM certificate")
def delete_certificate(client, arn):
    client.delete_certificate(aws_retry=True, CertificateArn=arn)
    return True


# Waiting


def wait_for_records(client, arn, timeout, sleep=None, clock=None):
    """Poll a new or pending certificate until ACM shows it with all its DNS validation records; return its last
    DescribeCertificate detail (None when ACM never showed it). Never fails on timeout: the caller warns."""
    sleep, clock = sleep or time.sleep, clock or time.monotonic
    deadline = clock() + timeout
    while True:
        detail = describe_certificate(client, arn)
        if detail and not records_missing(boto3_resource_to_ansible_dict(detail)):
            return detail
        remaining = deadline - clock()
        if remaining <= 0:
            return detail
        sleep(min(RECORDS_POLL_SECONDS, remaining))


def wait_for_issued(client, arn, timeout, sleep=None, clock=None):
    """Poll a certificate until it is ISSUED; return (its DescribeCertificate detail, progress), progress being a
    line for each change seen ("30s: PENDING_VALIDATION: 1 of 2 domain names validated, ...").

    Raises AnsibleACMError when it ends in another status, or on timeout, naming the records still missing.
    """
    sleep, clock = sleep or time.sleep, clock or time.monotonic
    start = clock()
    deadline = start + timeout
    progress, last = [], None
    while True:
        detail = describe_certificate(client, arn) or {}
        summary = validation_summary(detail) if detail else "not visible yet"
        if summary != last:
            progress.append(f"{int(clock() - start)}s: {summary}")
            last = summary
        status = detail.get("Status")
        if status == "ISSUED":
            return detail, progress
        if status in FAILED_STATUSES:
            reason = detail.get("FailureReason")
            raise AnsibleACMError(
                message=(
                    f"Certificate {arn} became {status}{f' ({reason})' if reason else ''} instead of ISSUED. ACM"
                    " won't issue it: delete it with state=absent and run again to request a new one."
                ),
                progress=progress,
            )
        remaining = deadline - clock()
        if remaining <= 0:
            records = records_text(detail)
            raise AnsibleACMError(
                message=(
                    f"Timed out after {timeout} seconds waiting for certificate {arn} to be ISSUED; its last status"
                    f" was {summary}. Raise wait_timeout, or run again once"
                    + (f" these DNS records resolve: {records}" if records else " ACM has validated every name.")
                ),
                progress=progress,
            )
        sleep(min(POLL_DELAY_SECONDS, remaining))
