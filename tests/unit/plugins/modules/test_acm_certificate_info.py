"""Unit tests for appstack.aws.acm_certificate_info (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.module_utils.acm import ALL_KEY_TYPES
from ansible_collections.appstack.aws.plugins.modules import acm_certificate_info as module

ARN = "arn:aws:acm:us-east-1:123456789012:certificate/8f6a2f54-1b3c-4c9e-9f7e-0123456789ab"
OTHER_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-1b3c-4c9e-9f7e-0123456789ab"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
RECORD = {"Name": "_a.example.com.", "Type": "CNAME", "Value": "_b.acm-validations.aws."}


def summary(arn, names):
    return {"CertificateArn": arn, "DomainName": names[0], "SubjectAlternativeNameSummaries": list(names)}


def detail(arn, names, status="ISSUED"):
    return {
        "CertificateArn": arn,
        "DomainName": names[0],
        "SubjectAlternativeNames": list(names),
        "Status": status,
        "Type": "AMAZON_ISSUED",
        "KeyAlgorithm": "EC_prime256v1",
        "InUseBy": [],
        "CreatedAt": WHEN,
        "DomainValidationOptions": [
            {"DomainName": name, "ValidationStatus": "SUCCESS", "ValidationMethod": "DNS", "ResourceRecord": RECORD}
            for name in names
        ],
    }


def test_a_certificate_is_read_by_arn_with_its_tags_and_records(acm, run_module):
    client, stubber = acm
    stubber.add_response(
        "describe_certificate", {"Certificate": detail(ARN, ["example.com", "*.example.com"])}, {"CertificateArn": ARN}
    )
    stubber.add_response(
        "list_tags_for_certificate", {"Tags": [{"Key": "Name", "Value": "site"}]}, {"CertificateArn": ARN}
    )

    rc, result = run_module(module, {"certificate_arn": ARN}, client)

    assert rc == 0, result
    assert not result["changed"]
    (certificate,) = result["certificates"]
    assert (certificate["arn"], certificate["key_algorithm"], certificate["tags"]) == (
        ARN,
        "EC_prime256v1",
        {"Name": "site"},
    )
    assert certificate["validation_records"] == [
        {"name": "_a.example.com.", "type": "CNAME", "value": "_b.acm-validations.aws."}
    ]


def test_a_missing_arn_gives_no_certificate(acm, run_module):
    client, stubber = acm
    stubber.add_client_error("describe_certificate", "ResourceNotFoundException", "not found", 400)

    rc, result = run_module(module, {"certificate_arn": ARN}, client)

    assert rc == 0, result
    assert result["certificates"] == []


def test_certificates_are_listed_by_name_and_status_whatever_their_key_type(acm, run_module):
    client, stubber = acm
    stubber.add_response(
        "list_certificates",
        {
            "CertificateSummaryList": [
                summary(ARN, ["example.com", "WWW.example.com"]),
                summary(OTHER_ARN, ["api.example.com"]),
            ]
        },
        {"CertificateStatuses": ["ISSUED"], "Includes": {"keyTypes": ALL_KEY_TYPES}},
    )
    stubber.add_response(
        "describe_certificate",
        {"Certificate": detail(ARN, ["example.com", "WWW.example.com"])},
        {"CertificateArn": ARN},
    )
    stubber.add_response("list_tags_for_certificate", {}, {"CertificateArn": ARN})

    rc, result = run_module(module, {"domain_name": "www.example.com", "statuses": ["ISSUED"]}, client)

    assert rc == 0, result
    assert [c["arn"] for c in result["certificates"]] == [ARN]
    assert result["certificates"][0]["tags"] == {}


def test_a_bad_domain_name_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"domain_name": "www.*.example.com"}, client=None)

    assert rc == 1
    assert "domain_name" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(acm, run_module):
    client, stubber = acm
    stubber.add_client_error("list_certificates", "AccessDeniedException", "denied", 400)

    rc, result = run_module(module, {}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to list ACM certificates")
    assert result["error"]["code"] == "AccessDeniedException"
