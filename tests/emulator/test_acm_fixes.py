"""ACM certificates requested with DNS validation: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/acm_certificates.py``), or pins down moto behaviour
appstack.aws.acm_certificate relies on (tags, idempotency tokens).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60

DOMAIN = "example.com"


def request(emulator: EmulatorClient, **settings: object) -> str:
    arguments = {"DomainName": DOMAIN, "ValidationMethod": "DNS"} | settings
    return emulator.client("acm").request_certificate(**arguments)["CertificateArn"]


def describe(emulator: EmulatorClient, arn: str) -> dict:
    return emulator.client("acm").describe_certificate(CertificateArn=arn)["Certificate"]


def error_code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response["Error"]["Code"]


def test_a_dns_validated_certificate_is_pending_with_one_record_per_domain_for_the_acm_delay(
    emulator: EmulatorClient,
) -> None:
    """AWS DomainValidation: ValidationStatus PENDING_VALIDATION | SUCCESS | FAILED, and a CNAME ResourceRecord
    with DNS validation; a wildcard shares its parent domain's record. A certificate not issued yet has no
    Serial, NotBefore, NotAfter or IssuedAt.
    https://docs.aws.amazon.com/acm/latest/APIReference/API_DomainValidation.html
    https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
    """
    emulator.configure(provisioning_delays={"acm": DELAY})
    arn = request(emulator, SubjectAlternativeNames=["*.example.com", "www.example.com"])

    pending = describe(emulator, arn)
    assert pending["Status"] == "PENDING_VALIDATION"
    assert pending["SubjectAlternativeNames"] == ["example.com", "*.example.com", "www.example.com"]
    options = pending["DomainValidationOptions"]
    assert [o["DomainName"] for o in options] == ["example.com", "*.example.com", "www.example.com"]
    assert {(o["ValidationMethod"], o["ValidationStatus"]) for o in options} == {("DNS", "PENDING_VALIDATION")}
    apex, wildcard, www = (o["ResourceRecord"] for o in options)
    assert apex == wildcard != www
    assert apex["Type"] == "CNAME" and apex["Name"].endswith(".example.com.")
    assert apex["Value"].endswith(".acm-validations.aws.")
    assert not {"Serial", "NotBefore", "NotAfter", "IssuedAt"} & set(pending)

    emulator.advance_clock(DELAY)
    issued = describe(emulator, arn)
    assert issued["Status"] == "ISSUED"
    assert {o["ValidationStatus"] for o in issued["DomainValidationOptions"]} == {"SUCCESS"}
    assert issued["DomainValidationOptions"][0]["ResourceRecord"] == apex
    assert {"Serial", "NotBefore", "NotAfter", "IssuedAt"} <= set(issued)


def test_the_validation_record_of_a_domain_is_the_same_for_every_certificate_of_the_account(
    emulator: EmulatorClient,
) -> None:
    """ACM: the CNAME record of a domain does not change between certificates of one account.
    https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html
    """
    first = describe(emulator, request(emulator))["DomainValidationOptions"][0]["ResourceRecord"]
    second = describe(emulator, request(emulator, SubjectAlternativeNames=["api.example.com"]))

    assert second["DomainValidationOptions"][0]["ResourceRecord"] == first


def test_a_request_without_validation_method_is_validated_by_email(emulator: EmulatorClient) -> None:
    """AWS RequestCertificate ValidationMethod: DNS or EMAIL; without it ACM validates by email
    (ValidationEmails, no ResourceRecord).
    https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
    """
    arn = emulator.client("acm").request_certificate(DomainName=DOMAIN)["CertificateArn"]

    (option,) = describe(emulator, arn)["DomainValidationOptions"]
    assert option["ValidationMethod"] == "EMAIL"
    assert "ResourceRecord" not in option
    assert "admin@example.com" in option["ValidationEmails"]


def test_request_certificate_honours_the_key_algorithm(emulator: EmulatorClient) -> None:
    """AWS RequestCertificate KeyAlgorithm: RSA_2048 (default), EC_prime256v1 or EC_secp384r1; other algorithms
    are for imported certificates only.
    https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
    """
    assert describe(emulator, request(emulator))["KeyAlgorithm"] == "RSA_2048"
    assert describe(emulator, request(emulator, KeyAlgorithm="EC_secp384r1"))["KeyAlgorithm"] == "EC_secp384r1"

    with pytest.raises(ClientError) as raised:
        request(emulator, KeyAlgorithm="RSA_4096")
    assert error_code(raised) == "InvalidParameterException"


def test_list_certificates_returns_only_rsa_certificates_unless_key_types_are_included(
    emulator: EmulatorClient,
) -> None:
    """AWS Filters keyTypes: "Default filtering returns only RSA_1024 and RSA_2048 certificates"; entries are
    CertificateSummary objects (SubjectAlternativeNameSummaries, InUse).
    https://docs.aws.amazon.com/acm/latest/APIReference/API_Filters.html
    https://docs.aws.amazon.com/acm/latest/APIReference/API_CertificateSummary.html
    """
    acm = emulator.client("acm")
    rsa = request(emulator, SubjectAlternativeNames=["www.example.com"])
    ec = request(emulator, KeyAlgorithm="EC_prime256v1")

    (summary,) = acm.list_certificates()["CertificateSummaryList"]
    assert summary["CertificateArn"] == rsa
    assert summary["SubjectAlternativeNameSummaries"] == ["example.com", "www.example.com"]
    assert summary["InUse"] is False
    assert "DomainValidationOptions" not in summary
    everything = acm.list_certificates(Includes={"keyTypes": ["RSA_2048", "EC_prime256v1"]})
    assert {s["CertificateArn"] for s in everything["CertificateSummaryList"]} == {rsa, ec}


def test_more_than_ten_domain_names_exceed_the_default_quota(emulator: EmulatorClient) -> None:
    """ACM quota "Domain names per ACM certificate": 10 by default, the first domain name included.
    https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html
    """
    sans = [f"site{n}.example.com" for n in range(10)]
    with pytest.raises(ClientError) as raised:
        request(emulator, SubjectAlternativeNames=sans)
    assert error_code(raised) == "LimitExceededException"

    assert describe(emulator, request(emulator, SubjectAlternativeNames=sans[:9]))["Status"]


def test_a_certificate_used_by_a_cloudfront_distribution_is_in_use_and_cannot_be_deleted(
    emulator: EmulatorClient,
) -> None:
    """AWS CertificateDetail InUseBy lists the resources using the certificate; DeleteCertificate fails with
    ResourceInUseException for a certificate in use.
    https://docs.aws.amazon.com/acm/latest/APIReference/API_DeleteCertificate.html
    """
    arn = request(emulator)
    distribution = emulator.client("cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "site",
            "Comment": "",
            "Enabled": True,
            "Aliases": {"Quantity": 1, "Items": [DOMAIN]},
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {"Id": "web", "DomainName": "web.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "web",
                "ViewerProtocolPolicy": "redirect-to-https",
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "MinTTL": 0,
            },
            "ViewerCertificate": {
                "ACMCertificateArn": arn,
                "SSLSupportMethod": "sni-only",
                "MinimumProtocolVersion": "TLSv1.2_2021",
            },
        }
    )["Distribution"]
    acm = emulator.client("acm")

    assert describe(emulator, arn)["InUseBy"] == [distribution["ARN"]]
    assert acm.list_certificates()["CertificateSummaryList"][0]["InUse"] is True
    with pytest.raises(ClientError) as raised:
        acm.delete_certificate(CertificateArn=arn)
    assert error_code(raised) == "ResourceInUseException"

    unused = request(emulator, SubjectAlternativeNames=["www.example.com"])
    acm.delete_certificate(CertificateArn=unused)
    assert [s["CertificateArn"] for s in acm.list_certificates()["CertificateSummaryList"]] == [arn]


def test_an_idempotency_token_returns_the_same_certificate_and_a_deleted_one_is_requested_again(
    emulator: EmulatorClient,
) -> None:
    """AWS RequestCertificate IdempotencyToken: calls with the same token within one hour request one
    certificate. A token whose certificate was deleted requests a new one (moto answered HTTP 500).
    https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html
    """
    first = request(emulator, IdempotencyToken="site1")
    assert request(emulator, IdempotencyToken="site1") == first

    emulator.client("acm").delete_certificate(CertificateArn=first)
    again = request(emulator, IdempotencyToken="site1")
    assert again != first
    assert describe(emulator, again)["DomainName"] == DOMAIN


def test_tags_given_to_request_certificate_are_listed(emulator: EmulatorClient) -> None:
    """AWS RequestCertificate Tags, ListTagsForCertificate.
    https://docs.aws.amazon.com/acm/latest/APIReference/API_ListTagsForCertificate.html
    """
    arn = request(emulator, Tags=[{"Key": "Name", "Value": "site"}])

    assert emulator.client("acm").list_tags_for_certificate(CertificateArn=arn)["Tags"] == [
        {"Key": "Name", "Value": "site"}
    ]


def test_a_certificate_of_a_deleted_load_balancer_is_no_longer_in_use(emulator: EmulatorClient) -> None:
    """AWS drops a listener from InUseBy once it (or its load balancer) is deleted; the certificate can then go."""
    acm = emulator.client("acm")
    arn = acm.request_certificate(DomainName="api.example.com", ValidationMethod="DNS")["CertificateArn"]
    acm.describe_certificate(CertificateArn=arn)  # issued once read again, with no delay
    ec2 = emulator.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for i, zone in enumerate("ab")
    ]
    elbv2 = emulator.client("elbv2")
    balancer = elbv2.create_load_balancer(Name="api", Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    group = elbv2.create_target_group(Name="api", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
    elbv2.create_listener(
        LoadBalancerArn=balancer,
        Protocol="HTTPS",
        Port=443,
        Certificates=[{"CertificateArn": arn}],
        DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
    )
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["InUseBy"]
    with pytest.raises(ClientError) as refused:
        acm.delete_certificate(CertificateArn=arn)
    assert refused.value.response["Error"]["Code"] == "ResourceInUseException"
    elbv2.delete_load_balancer(LoadBalancerArn=balancer)
    assert acm.describe_certificate(CertificateArn=arn)["Certificate"]["InUseBy"] == []
    acm.delete_certificate(CertificateArn=arn)
