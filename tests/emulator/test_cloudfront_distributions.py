"""CloudFront distributions and invalidations: the emulator keeps every field and answers as AWS does.

Moto 5.2.5 drops or reshapes several fields, keeps one ETag, ignores If-Match and reports Deployed
right after an update (see ``emulator/fixes/cloudfront_distributions.py`` and
``cloudfront_invalidations.py``). References: https://docs.aws.amazon.com/cloudfront/latest/APIReference/
"""

from __future__ import annotations

import copy
import re
import time
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from emulator.client import CREDENTIALS, EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"
# Certificates and web ACLs that do not exist: AWS refuses them.
MISSING_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0b8e6a55-0000-4000-8000-000000000001"
MISSING_WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/frontend/0b8e6a55-0000-4000-8000-000000000002"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def listing(values: list[Any]) -> dict[str, Any]:
    return {"Quantity": len(values), "Items": values}


def behaviour(target: str, cache_policy: str, **settings: Any) -> dict[str, Any]:
    return {
        "TargetOriginId": target,
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": {**listing(["HEAD", "GET"]), "CachedMethods": listing(["HEAD", "GET"])},
        "SmoothStreaming": False,
        "Compress": True,
        "LambdaFunctionAssociations": {"Quantity": 0},
        "FunctionAssociations": {"Quantity": 0},
        "FieldLevelEncryptionId": "",
        "CachePolicyId": cache_policy,
        "GrpcConfig": {"Enabled": False},
        **settings,
    }


def certificate(emulator: EmulatorClient, names: list[str], region: str = "us-east-1") -> str:
    """A certificate of names requested with DNS validation (issued when next read: the emulator has no delay)."""
    acm = emulator.client("acm")
    if region != acm.meta.region_name:
        credentials = {name.lower(): value for name, value in CREDENTIALS.items()}
        acm = boto3.client("acm", region_name=region, endpoint_url=emulator.endpoint, **credentials)
    return acm.request_certificate(DomainName=names[0], SubjectAlternativeNames=names, ValidationMethod="DNS")[
        "CertificateArn"
    ]


def web_acl(emulator: EmulatorClient, name: str, scope: str = "CLOUDFRONT") -> str:
    """A WAFv2 web ACL that allows everything."""
    return emulator.client("wafv2").create_web_acl(
        Name=name,
        Scope=scope,
        DefaultAction={"Allow": {}},
        VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": name},
    )["Summary"]["ARN"]


def viewer_certificate(arn: str) -> dict[str, Any]:
    return {"ACMCertificateArn": arn, "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"}


def full_config(emulator: EmulatorClient, reference: str = "frontend-prod") -> dict[str, Any]:
    """Every field the edge tier sets, written as AWS returns it, so that it must come back unchanged."""
    cloudfront = emulator.client("cloudfront")
    certificate_arn = certificate(emulator, ["example.com", "www.example.com"])
    web_acl_arn = web_acl(emulator, f"{reference}-waf")
    control_id = cloudfront.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": f"{reference}-oac",
            "SigningProtocol": "sigv4",
            "SigningBehavior": "always",
            "OriginAccessControlOriginType": "s3",
        }
    )["OriginAccessControl"]["Id"]
    created = cloudfront.create_function(
        Name=f"{reference}-rewrite",
        FunctionConfig={"Comment": "", "Runtime": "cloudfront-js-2.0"},
        FunctionCode=b"function handler(event) { return event.request; }",
    )
    function_arn = created["FunctionSummary"]["FunctionMetadata"]["FunctionARN"]
    cloudfront.publish_function(Name=f"{reference}-rewrite", IfMatch=created["ETag"])
    return {
        "CallerReference": reference,
        "Aliases": listing(["www.example.com", "example.com"]),
        "DefaultRootObject": "index.html",
        "Origins": listing(
            [
                {
                    "Id": "frontend",
                    "DomainName": "app-frontend-prod.s3.us-east-1.amazonaws.com",
                    "OriginPath": "",
                    "CustomHeaders": {"Quantity": 0},
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                    "ConnectionAttempts": 3,
                    "ConnectionTimeout": 10,
                    "OriginShield": {"Enabled": False},
                    "OriginAccessControlId": control_id,
                },
                {
                    "Id": "api",
                    "DomainName": "abc123.us-east-1.awsapprunner.com",
                    "OriginPath": "/v1",
                    "CustomHeaders": listing([{"HeaderName": "X-Origin-Verify", "HeaderValue": "edge"}]),
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                        "OriginSslProtocols": listing(["TLSv1.2"]),
                        "OriginReadTimeout": 30,
                        "OriginKeepaliveTimeout": 5,
                    },
                    "ConnectionAttempts": 2,
                    "ConnectionTimeout": 5,
                    "OriginShield": {"Enabled": False},
                    "OriginAccessControlId": "",
                },
            ]
        ),
        "OriginGroups": {"Quantity": 0},
        "DefaultCacheBehavior": behaviour(
            "frontend",
            CACHING_OPTIMIZED,
            ResponseHeadersPolicyId=SECURITY_HEADERS,
            FunctionAssociations=listing([{"FunctionARN": function_arn, "EventType": "viewer-request"}]),
        ),
        "CacheBehaviors": listing(
            [
                behaviour(
                    "api",
                    CACHING_DISABLED,
                    PathPattern="/api/*",
                    ViewerProtocolPolicy="https-only",
                    AllowedMethods={
                        **listing(["HEAD", "DELETE", "POST", "GET", "OPTIONS", "PUT", "PATCH"]),
                        "CachedMethods": listing(["HEAD", "GET"]),
                    },
                    Compress=False,
                    OriginRequestPolicyId=ALL_VIEWER_EXCEPT_HOST,
                    ResponseHeadersPolicyId=SECURITY_HEADERS,
                ),
                behaviour("frontend", CACHING_OPTIMIZED, PathPattern="/static/*"),
            ]
        ),
        "CustomErrorResponses": listing(
            [
                {"ErrorCode": 403, "ResponsePagePath": "/index.html", "ResponseCode": "200", "ErrorCachingMinTTL": 10},
                {"ErrorCode": 404, "ResponsePagePath": "/index.html", "ResponseCode": "200", "ErrorCachingMinTTL": 10},
            ]
        ),
        "Comment": "frontend prod",
        "Logging": {"Enabled": True, "IncludeCookies": False, "Bucket": "app-logs.s3.amazonaws.com", "Prefix": "cf/"},
        "PriceClass": "PriceClass_100",
        "Enabled": True,
        "ViewerCertificate": {
            "CloudFrontDefaultCertificate": False,
            "ACMCertificateArn": certificate_arn,
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": "TLSv1.2_2021",
            "Certificate": certificate_arn,
            "CertificateSource": "acm",
        },
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": web_acl_arn,
        "HttpVersion": "http2and3",
        "IsIPV6Enabled": True,
        "ContinuousDeploymentPolicyId": "",
        "Staging": False,
    }


def minimal_config(reference: str = "minimal", **settings: Any) -> dict[str, Any]:
    return {
        "CallerReference": reference,
        "Comment": "",
        "Enabled": True,
        "Origins": listing(
            [
                {
                    "Id": "frontend",
                    "DomainName": "app-frontend.s3.us-east-1.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ]
        ),
        "DefaultCacheBehavior": {
            "TargetOriginId": "frontend",
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED,
        },
        **settings,
    }


def assert_same_fields(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Field by field, so that a failure names the field that moved."""
    assert sorted(actual) == sorted(expected)
    for key, value in expected.items():
        assert actual[key] == value, key


def test_a_full_configuration_round_trips_unchanged(emulator: EmulatorClient) -> None:
    """AWS returns the DistributionConfig as sent from Create, Get, GetConfig, Update and List."""
    cloudfront = emulator.client("cloudfront")
    config = full_config(emulator)

    created = cloudfront.create_distribution(DistributionConfig=config)
    distribution_id = created["Distribution"]["Id"]

    assert_same_fields(created["Distribution"]["DistributionConfig"], config)
    assert_same_fields(cloudfront.get_distribution(Id=distribution_id)["Distribution"]["DistributionConfig"], config)
    got = cloudfront.get_distribution_config(Id=distribution_id)
    assert_same_fields(got["DistributionConfig"], config)
    updated = cloudfront.update_distribution(Id=distribution_id, IfMatch=got["ETag"], DistributionConfig=config)
    assert_same_fields(updated["Distribution"]["DistributionConfig"], config)
    summary = cloudfront.list_distributions()["DistributionList"]["Items"][0]
    for key in ("Aliases", "Origins", "DefaultCacheBehavior", "CacheBehaviors", "CustomErrorResponses", "Comment"):
        assert summary[key] == config[key], key
    for key in ("PriceClass", "Enabled", "ViewerCertificate", "WebACLId", "HttpVersion", "IsIPV6Enabled"):
        assert summary[key] == config[key], key
    assert summary["ETag"] == updated["ETag"]


def test_a_minimal_configuration_reads_back_with_the_defaults_aws_fills_in(emulator: EmulatorClient) -> None:
    """AWS GetDistributionConfig of a distribution created with the required fields only."""
    cloudfront = emulator.client("cloudfront")
    distribution_id = cloudfront.create_distribution(DistributionConfig=minimal_config())["Distribution"]["Id"]

    config = cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]

    assert config["Aliases"] == {"Quantity": 0}
    assert config["CacheBehaviors"] == {"Quantity": 0}
    assert config["CustomErrorResponses"] == {"Quantity": 0}
    assert config["DefaultRootObject"] == ""
    assert config["Logging"] == {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""}
    assert (config["PriceClass"], config["HttpVersion"], config["IsIPV6Enabled"]) == ("PriceClass_All", "http2", True)
    assert config["WebACLId"] == ""
    assert config["ViewerCertificate"] == {
        "CloudFrontDefaultCertificate": True,
        "SSLSupportMethod": "vip",
        "MinimumProtocolVersion": "TLSv1",
        "CertificateSource": "cloudfront",
    }
    origin = config["Origins"]["Items"][0]
    assert (origin["OriginPath"], origin["OriginAccessControlId"], origin["ConnectionAttempts"]) == ("", "", 3)
    assert config["DefaultCacheBehavior"] == behaviour("frontend", CACHING_OPTIMIZED, Compress=False)


def test_a_distribution_looks_like_aws(emulator: EmulatorClient) -> None:
    """AWS: DomainName dxxxxxxxxxxxxx.cloudfront.net, Location and ETag, InProgress in the create response."""
    created = emulator.client("cloudfront").create_distribution(DistributionConfig=minimal_config())
    distribution = created["Distribution"]

    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert re.fullmatch(r"d[a-z0-9]{13}\.cloudfront\.net", distribution["DomainName"])
    assert created["Location"].endswith(f"/distribution/{distribution['Id']}")
    assert distribution["ARN"].endswith(f":distribution/{distribution['Id']}")
    assert distribution["Status"] == "InProgress"
    assert created["ETag"]


def test_updates_need_the_current_etag_and_change_it(emulator: EmulatorClient) -> None:
    """AWS UpdateDistribution: InvalidIfMatchVersion (400) without If-Match, PreconditionFailed (412) when stale."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())
    distribution_id, etag = created["Distribution"]["Id"], created["ETag"]
    changed = minimal_config(Comment="changed")

    with pytest.raises(ClientError) as missing:
        cloudfront.update_distribution(Id=distribution_id, DistributionConfig=changed)
    with pytest.raises(ClientError) as stale:
        cloudfront.update_distribution(Id=distribution_id, IfMatch="ESTALE", DistributionConfig=changed)
    first = cloudfront.update_distribution(Id=distribution_id, IfMatch=etag, DistributionConfig=changed)
    second = cloudfront.update_distribution(Id=distribution_id, IfMatch=first["ETag"], DistributionConfig=changed)

    assert error_of(missing) == ("InvalidIfMatchVersion", 400)
    assert error_of(stale) == ("PreconditionFailed", 412)
    assert len({etag, first["ETag"], second["ETag"]}) == 3
    assert cloudfront.get_distribution(Id=distribution_id)["ETag"] == second["ETag"]
    assert first["Distribution"]["DistributionConfig"]["Comment"] == "changed"


def test_the_caller_reference_cannot_change(emulator: EmulatorClient) -> None:
    """AWS UpdateDistribution: IllegalUpdate (400)."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())

    with pytest.raises(ClientError) as raised:
        cloudfront.update_distribution(
            Id=created["Distribution"]["Id"], IfMatch=created["ETag"], DistributionConfig=minimal_config("other")
        )

    assert error_of(raised) == ("IllegalUpdate", 400)


def test_an_enabled_distribution_cannot_be_deleted(emulator: EmulatorClient) -> None:
    """AWS DeleteDistribution: DistributionNotDisabled (409); If-Match rules as for updates."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())
    distribution_id = created["Distribution"]["Id"]

    with pytest.raises(ClientError) as missing:
        cloudfront.delete_distribution(Id=distribution_id)
    with pytest.raises(ClientError) as enabled:
        cloudfront.delete_distribution(Id=distribution_id, IfMatch=created["ETag"])
    disabled = cloudfront.update_distribution(
        Id=distribution_id, IfMatch=created["ETag"], DistributionConfig=minimal_config(Enabled=False)
    )
    with pytest.raises(ClientError) as stale:
        cloudfront.delete_distribution(Id=distribution_id, IfMatch=created["ETag"])
    cloudfront.delete_distribution(Id=distribution_id, IfMatch=disabled["ETag"])

    assert error_of(missing) == ("InvalidIfMatchVersion", 400)
    assert error_of(enabled) == ("DistributionNotDisabled", 409)
    assert error_of(stale) == ("PreconditionFailed", 412)
    with pytest.raises(ClientError) as gone:
        cloudfront.get_distribution(Id=distribution_id)
    assert error_of(gone) == ("NoSuchDistribution", 404)


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("CachePolicyId", "NoSuchCachePolicy"),
        ("OriginRequestPolicyId", "NoSuchOriginRequestPolicy"),
        ("ResponseHeadersPolicyId", "NoSuchResponseHeadersPolicy"),
    ],
)
def test_a_behaviour_naming_a_missing_policy_is_refused(emulator: EmulatorClient, field: str, code: str) -> None:
    """AWS CreateDistribution: NoSuchCachePolicy, NoSuchOriginRequestPolicy, NoSuchResponseHeadersPolicy (404)."""
    config = minimal_config()
    config["DefaultCacheBehavior"][field] = "00000000-0000-0000-0000-000000000000"

    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_distribution(DistributionConfig=config)

    assert error_of(raised) == (code, 404)


def test_an_update_naming_a_missing_policy_is_refused(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())
    config = minimal_config()
    config["DefaultCacheBehavior"]["CachePolicyId"] = "00000000-0000-0000-0000-000000000000"

    with pytest.raises(ClientError) as raised:
        cloudfront.update_distribution(
            Id=created["Distribution"]["Id"], IfMatch=created["ETag"], DistributionConfig=config
        )

    assert error_of(raised) == ("NoSuchCachePolicy", 404)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param({"TargetOriginId": "nowhere"}, ("NoSuchOrigin", 404), id="unknown-origin"),
        pytest.param({"CachePolicyId": None}, ("InvalidArgument", 400), id="no-cache-policy-nor-forwarded-values"),
        pytest.param(
            {
                "FunctionAssociations": listing(
                    [{"FunctionARN": "arn:aws:cloudfront::123456789012:function/none", "EventType": "viewer-request"}]
                )
            },
            ("InvalidFunctionAssociation", 400),
            id="unknown-function",
        ),
    ],
)
def test_a_behaviour_aws_refuses_is_refused(
    emulator: EmulatorClient, change: dict[str, Any], code: tuple[str, int]
) -> None:
    config = minimal_config()
    config["DefaultCacheBehavior"].update(change)
    config["DefaultCacheBehavior"] = {key: value for key, value in config["DefaultCacheBehavior"].items() if value}

    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_distribution(DistributionConfig=config)

    assert error_of(raised) == code


def test_an_origin_without_an_origin_config_is_refused(emulator: EmulatorClient) -> None:
    """AWS CreateDistribution: InvalidOrigin when an origin has neither S3OriginConfig nor CustomOriginConfig."""
    config = minimal_config()
    del config["Origins"]["Items"][0]["S3OriginConfig"]

    with pytest.raises(ClientError) as raised:
        emulator.client("cloudfront").create_distribution(DistributionConfig=config)

    assert error_of(raised) == ("InvalidOrigin", 400)


def test_an_alias_belongs_to_one_distribution(emulator: EmulatorClient) -> None:
    """AWS: CNAMEAlreadyExists (409)."""
    cloudfront = emulator.client("cloudfront")
    covered = {
        "Aliases": listing(["www.example.com"]),
        "ViewerCertificate": viewer_certificate(certificate(emulator, ["www.example.com"])),
    }
    cloudfront.create_distribution(DistributionConfig=minimal_config("first", **covered))

    with pytest.raises(ClientError) as raised:
        cloudfront.create_distribution(DistributionConfig=minimal_config("second", **covered))

    assert error_of(raised) == ("CNAMEAlreadyExists", 409)


def test_a_certificate_that_acm_has_not_issued_is_refused(emulator: EmulatorClient) -> None:
    """AWS CreateDistribution: InvalidViewerCertificate for an ACM certificate that does not exist, is not in
    us-east-1 or is not issued yet (pending DNS validation); UpdateDistribution alike.
    https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
    """
    cloudfront = emulator.client("cloudfront")
    emulator.configure(provisioning_delays={"acm": 60})
    pending = certificate(emulator, ["www.example.com"])
    emulator.configure(provisioning_delay_seconds=0)
    elsewhere = certificate(emulator, ["www.example.com"], region="eu-west-1")
    for arn in (MISSING_CERTIFICATE, pending, elsewhere):
        with pytest.raises(ClientError) as raised:
            cloudfront.create_distribution(
                DistributionConfig=minimal_config("pending", ViewerCertificate=viewer_certificate(arn))
            )
        assert error_of(raised) == ("InvalidViewerCertificate", 400), arn

    created = cloudfront.create_distribution(DistributionConfig=minimal_config())
    with pytest.raises(ClientError) as raised:
        cloudfront.update_distribution(
            Id=created["Distribution"]["Id"],
            IfMatch=created["ETag"],
            DistributionConfig=minimal_config(ViewerCertificate=viewer_certificate(pending)),
        )
    assert error_of(raised) == ("InvalidViewerCertificate", 400)
    assert emulator.client("acm").describe_certificate(CertificateArn=pending)["Certificate"]["Status"] == (
        "PENDING_VALIDATION"
    )


@pytest.mark.parametrize(
    ("names", "aliases", "accepted"),
    [
        (["example.com", "*.example.com"], ["example.com", "www.example.com", "APP.example.com"], True),
        (["*.example.com"], ["example.com"], False),
        (["*.example.com"], ["a.b.example.com"], False),
        (["www.example.com"], ["www.example.com", "app.example.com"], False),
        (None, ["www.example.com"], False),
    ],
)
def test_aliases_need_a_certificate_that_covers_them(
    emulator: EmulatorClient, names: list[str] | None, aliases: list[str], accepted: bool
) -> None:
    """AWS: "you must attach a trusted certificate that validates your authorization to use the domain name";
    InvalidViewerCertificate otherwise, CloudFront's default certificate included. A wildcard covers one label.
    https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html
    """
    settings: dict[str, Any] = {"Aliases": listing(aliases)}
    if names:
        settings["ViewerCertificate"] = viewer_certificate(certificate(emulator, names))
    cloudfront = emulator.client("cloudfront")

    if accepted:
        cloudfront.create_distribution(DistributionConfig=minimal_config(**settings))
        return
    with pytest.raises(ClientError) as raised:
        cloudfront.create_distribution(DistributionConfig=minimal_config(**settings))
    assert error_of(raised) == ("InvalidViewerCertificate", 400)


def test_a_web_acl_must_exist_with_scope_cloudfront(emulator: EmulatorClient) -> None:
    """AWS DistributionConfig WebACLId: the ARN of a WAFv2 web ACL of scope CLOUDFRONT; InvalidWebACLId otherwise.
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html
    """
    cloudfront = emulator.client("cloudfront")
    regional = web_acl(emulator, "regional", scope="REGIONAL")
    for arn in (MISSING_WEB_ACL, regional):
        with pytest.raises(ClientError) as raised:
            cloudfront.create_distribution(DistributionConfig=minimal_config("waf", WebACLId=arn))
        assert error_of(raised) == ("InvalidWebACLId", 400), arn

    arn = web_acl(emulator, "frontend")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config("waf", WebACLId=arn))
    assert created["Distribution"]["DistributionConfig"]["WebACLId"] == arn


def test_a_repeated_caller_reference_is_refused(emulator: EmulatorClient) -> None:
    """AWS CreateDistribution: DistributionAlreadyExists (409)."""
    cloudfront = emulator.client("cloudfront")
    cloudfront.create_distribution(DistributionConfig=minimal_config())

    with pytest.raises(ClientError) as raised:
        cloudfront.create_distribution(DistributionConfig=minimal_config())

    assert error_of(raised) == ("DistributionAlreadyExists", 409)


@pytest.mark.parametrize(
    ("operation", "policy_field", "code"),
    [
        ("cache_policy", "CachePolicyId", "CachePolicyInUse"),
        ("origin_request_policy", "OriginRequestPolicyId", "OriginRequestPolicyInUse"),
        ("response_headers_policy", "ResponseHeadersPolicyId", "ResponseHeadersPolicyInUse"),
    ],
)
def test_a_policy_used_by_an_ordered_behaviour_cannot_be_deleted(
    emulator: EmulatorClient, operation: str, policy_field: str, code: str
) -> None:
    """AWS Delete<Policy>: <Policy>InUse (409) while a cache behaviour names the policy."""
    cloudfront = emulator.client("cloudfront")
    noun = "".join(part.title() for part in operation.split("_"))
    source = getattr(cloudfront, f"get_{operation}_config")(Id=full_policy_ids()[operation])[f"{noun}Config"]
    created = getattr(cloudfront, f"create_{operation}")(**{f"{noun}Config": {**source, "Name": "custom"}})
    policy_id = created[noun]["Id"]
    config = minimal_config()
    config["CacheBehaviors"] = listing(
        [{**config["DefaultCacheBehavior"], "PathPattern": "/api/*", policy_field: policy_id}]
    )
    cloudfront.create_distribution(DistributionConfig=config)

    with pytest.raises(ClientError) as raised:
        getattr(cloudfront, f"delete_{operation}")(Id=policy_id, IfMatch=created["ETag"])

    assert error_of(raised) == (code, 409)


def full_policy_ids() -> dict[str, str]:
    return {
        "cache_policy": CACHING_OPTIMIZED,
        "origin_request_policy": ALL_VIEWER_EXCEPT_HOST,
        "response_headers_policy": SECURITY_HEADERS,
    }


def wait_for(read: Any, expected: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while (value := read()) != expected:
        assert time.monotonic() < deadline, f"still {value!r}, not {expected!r}"
        time.sleep(0.1)


def test_an_update_is_in_progress_for_the_delay_then_deployed(emulator: EmulatorClient) -> None:
    """AWS: Status is InProgress after every update until the change is deployed."""
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())
    distribution_id = created["Distribution"]["Id"]
    status = lambda: cloudfront.get_distribution(Id=distribution_id)["Distribution"]["Status"]  # noqa: E731
    assert status() == "Deployed"
    emulator.configure(provisioning_delays={"cloudfront": DELAY})

    updated = cloudfront.update_distribution(
        Id=distribution_id, IfMatch=created["ETag"], DistributionConfig=minimal_config(Comment="changed")
    )

    assert updated["Distribution"]["Status"] == "InProgress"
    assert status() == "InProgress"
    emulator.advance_clock(DELAY)
    wait_for(status, "Deployed", timeout=30)


def test_without_a_delay_an_update_is_deployed_when_next_read(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    created = cloudfront.create_distribution(DistributionConfig=minimal_config())

    updated = cloudfront.update_distribution(
        Id=created["Distribution"]["Id"], IfMatch=created["ETag"], DistributionConfig=minimal_config(Comment="x")
    )

    assert updated["Distribution"]["Status"] == "InProgress"
    assert cloudfront.get_distribution(Id=created["Distribution"]["Id"])["Distribution"]["Status"] == "Deployed"


# --- Invalidations in progress ---------------------------------------------------------------


def create_invalidation(emulator: EmulatorClient, distribution_id: str, paths: list[str], reference: str) -> dict:
    return emulator.client("cloudfront").create_invalidation(
        DistributionId=distribution_id, InvalidationBatch={"Paths": listing(paths), "CallerReference": reference}
    )["Invalidation"]


def test_the_distribution_counts_its_invalidations_in_progress(emulator: EmulatorClient) -> None:
    """AWS Distribution InProgressInvalidationBatches (API_Distribution.html); the invalidations' own status
    comes from the ``cloudfront_invalidations`` fix (tests/emulator/test_cloudfront_invalidation_fixes.py)."""
    cloudfront = emulator.client("cloudfront")
    distribution_id = cloudfront.create_distribution(DistributionConfig=minimal_config())["Distribution"]["Id"]
    emulator.configure(provisioning_delays={"cloudfront": DELAY})

    invalidation = create_invalidation(emulator, distribution_id, ["/index.html"], "deploy-1")
    read = lambda: cloudfront.get_invalidation(DistributionId=distribution_id, Id=invalidation["Id"])[  # noqa: E731
        "Invalidation"
    ]["Status"]

    assert invalidation["Status"] == "InProgress"
    assert read() == "InProgress"
    assert cloudfront.get_distribution(Id=distribution_id)["Distribution"]["InProgressInvalidationBatches"] == 1
    emulator.advance_clock(DELAY)
    wait_for(read, "Completed", timeout=30)
    assert cloudfront.get_distribution(Id=distribution_id)["Distribution"]["InProgressInvalidationBatches"] == 0


def test_a_config_read_back_can_be_sent_back_unchanged(emulator: EmulatorClient) -> None:
    """The read-modify-write cycle of UpdateDistribution: GetDistributionConfig's answer is a valid update."""
    cloudfront = emulator.client("cloudfront")
    distribution_id = cloudfront.create_distribution(DistributionConfig=full_config(emulator))["Distribution"]["Id"]
    got = cloudfront.get_distribution_config(Id=distribution_id)
    config = copy.deepcopy(got["DistributionConfig"])

    updated = cloudfront.update_distribution(Id=distribution_id, IfMatch=got["ETag"], DistributionConfig=config)

    assert updated["Distribution"]["DistributionConfig"] == got["DistributionConfig"]
