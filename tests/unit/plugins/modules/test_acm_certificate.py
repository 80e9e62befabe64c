"""Unit tests for appstack.aws.acm_certificate (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that
no mutating call is made.
"""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import acm as acm_utils
from ansible_collections.appstack.aws.plugins.modules import acm_certificate as module

DOMAIN = "example.com"
SANS = ["*.example.com"]
ARN = "arn:aws:acm:us-east-1:123456789012:certificate/8f6a2f54-1b3c-4c9e-9f7e-0123456789ab"
OTHER_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-1b3c-4c9e-9f7e-0123456789ab"
DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
RECORD = {
    "Name": "_3f1c0e0a1b2c3d4e5f60718293a4b5c6.example.com.",
    "Type": "CNAME",
    "Value": "_9a8b7c6d5e4f30211f2e3d4c5b6a7980.jkddzztszm.acm-validations.aws.",
}
LIST_PARAMS = {
    "CertificateStatuses": ["ISSUED", "PENDING_VALIDATION"],
    "Includes": {"keyTypes": acm_utils.ALL_KEY_TYPES},
}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(acm_utils.time, "sleep", lambda seconds: None)


def summary(arn=ARN, names=(DOMAIN, *SANS), status="PENDING_VALIDATION", in_use=False, key_algorithm="RSA_2048"):
    return {
        "CertificateArn": arn,
        "DomainName": names[0],
        "SubjectAlternativeNameSummaries": list(names),
        "HasAdditionalSubjectAlternativeNames": False,
        "Status": status,
        "Type": "AMAZON_ISSUED",
        "KeyAlgorithm": key_algorithm,
        "InUse": in_use,
        "CreatedAt": WHEN,
    }


def detail(arn=ARN, names=(DOMAIN, *SANS), status="PENDING_VALIDATION", records=True, in_use_by=()):
    domain_status = {"ISSUED": "SUCCESS"}.get(status, "PENDING_VALIDATION")
    options = []
    for name in names:
        option = {
            "DomainName": name,
            "ValidationDomain": name,
            "ValidationStatus": domain_status,
            "ValidationMethod": "DNS",
        }
        if records:
            option["ResourceRecord"] = RECORD
        options.append(option)
    return {
        "CertificateArn": arn,
        "DomainName": names[0],
        "SubjectAlternativeNames": list(names),
        "DomainValidationOptions": options,
        "Status": status,
        "Type": "AMAZON_ISSUED",
        "KeyAlgorithm": "RSA_2048",
        "InUseBy": list(in_use_by),
        "CreatedAt": WHEN,
    }


def queue_list(stubber, *summaries):
    stubber.add_response("list_certificates", {"CertificateSummaryList": list(summaries)}, LIST_PARAMS)


def queue_describe(stubber, certificate, arn=ARN):
    stubber.add_response("describe_certificate", {"Certificate": certificate}, {"CertificateArn": arn})


def queue_tags(stubber, tags, arn=ARN):
    # ACM leaves Tags out of the answer for a certificate without tags.
    response = {"Tags": [{"Key": k, "Value": v} for k, v in tags.items()]} if tags else {}
    stubber.add_response("list_tags_for_certificate", response, {"CertificateArn": arn})


def args(**overrides):
    values = {"domain_name": DOMAIN, "subject_alternative_names": SANS}
    values.update(overrides)
    return values


def token(salt=""):
    return acm_utils.idempotency_token(DOMAIN, SANS, None, salt)


# Requesting


def test_a_missing_certificate_is_requested_with_dns_validation_and_returns_its_records(acm, run_module):
    client, stubber = acm
    queue_list(stubber)
    stubber.add_response(
        "request_certificate",
        {"CertificateArn": ARN},
        {
            "DomainName": DOMAIN,
            "ValidationMethod": "DNS",
            "IdempotencyToken": token(),
            "KeyAlgorithm": "RSA_2048",
            "SubjectAlternativeNames": SANS,
            "Tags": [{"Key": "Name", "Value": DOMAIN}],
        },
    )
    # ACM describes a new certificate after a few seconds, and its records a few seconds later.
    stubber.add_client_error("describe_certificate", "ResourceNotFoundException", "not yet", 400)
    queue_describe(stubber, detail(records=False))
    queue_describe(stubber, detail())

    rc, result = run_module(module, args(tags={"Name": DOMAIN}, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    certificate = result["certificate"]
    assert (certificate["arn"], certificate["id"], certificate["status"]) == (ARN, ARN, "PENDING_VALIDATION")
    assert certificate["subject_alternative_names"] == [DOMAIN, *SANS]
    assert certificate["validation_records"] == [{"name": RECORD["Name"], "type": "CNAME", "value": RECORD["Value"]}]
    assert certificate["domain_validation_options"][0]["resource_record"]["type"] == "CNAME"
    assert certificate["tags"] == {"Name": DOMAIN}
    assert result["diff"]["before"] == {}


def test_the_idempotency_token_depends_only_on_the_names_and_key_algorithm():
    assert acm_utils.idempotency_token(DOMAIN, ["*.example.com", "www.example.com"], None) == (
        acm_utils.idempotency_token("EXAMPLE.com", ["www.example.com", "*.example.com", DOMAIN], "RSA_2048")
    )
    assert acm_utils.idempotency_token(DOMAIN, SANS, "EC_prime256v1") != token()
    assert acm_utils.idempotency_token(DOMAIN, [], None) != token()
    assert len(token()) == 32 and token().isalnum()


def test_a_token_that_names_a_deleted_certificate_is_followed_by_a_request_of_its_own(acm, run_module, monkeypatch):
    client, stubber = acm
    now = [0.0]
    monkeypatch.setattr(acm_utils.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(acm_utils.time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    queue_list(stubber)
    request = {
        "DomainName": DOMAIN,
        "ValidationMethod": "DNS",
        "KeyAlgorithm": "RSA_2048",
        "SubjectAlternativeNames": SANS,
    }
    stubber.add_response("request_certificate", {"CertificateArn": OTHER_ARN}, {**request, "IdempotencyToken": token()})
    for _ in range(31):  # 60 seconds, every 2 seconds
        stubber.add_client_error("describe_certificate", "ResourceNotFoundException", "deleted", 400)
    stubber.add_response(
        "request_certificate", {"CertificateArn": ARN}, {**request, "IdempotencyToken": token(salt=OTHER_ARN)}
    )
    queue_describe(stubber, detail())

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["certificate"]["arn"] == ARN


def test_check_mode_on_a_missing_certificate_predicts_it_and_makes_no_write(acm, run_module):
    client, stubber = acm
    queue_list(stubber)

    rc, result = run_module(module, args(tags={"Name": DOMAIN}, _ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    certificate = result["certificate"]
    assert certificate["arn"] is None
    assert (certificate["status"], certificate["key_algorithm"]) == ("PENDING_VALIDATION", "RSA_2048")
    assert certificate["subject_alternative_names"] == [DOMAIN, *SANS]
    assert certificate["tags"] == {"Name": DOMAIN}
    assert result["diff"] == {"before": {}, "after": certificate}


# Finding an existing certificate


def test_a_rerun_finds_the_certificate_by_its_names_in_any_order_and_case_and_changes_nothing(acm, run_module):
    client, stubber = acm
    names = (DOMAIN, "www.example.com", "*.example.com")
    queue_list(stubber, summary(names=names))
    queue_describe(stubber, detail(names=names))
    queue_tags(stubber, {"Name": DOMAIN})

    rc, result = run_module(
        module,
        args(subject_alternative_names=["*.EXAMPLE.com", "www.example.com", DOMAIN], tags={"Name": DOMAIN}),
        client,
    )

    assert rc == 0, result
    assert not result["changed"]
    assert result["certificate"]["arn"] == ARN
    assert "diff" not in result


def test_an_issued_certificate_is_preferred_and_other_names_or_statuses_are_ignored(acm, run_module):
    client, stubber = acm
    newer = WHEN + datetime.timedelta(days=1)
    queue_list(
        stubber,
        {**summary(arn=ARN.replace("8f6a2f54", "pendingx")), "CreatedAt": newer},
        summary(arn=ARN.replace("8f6a2f54", "other-na"), names=(DOMAIN,)),
        summary(arn=ARN.replace("8f6a2f54", "other-do"), names=("www.example.com", DOMAIN)),
        {**summary(arn=ARN.replace("8f6a2f54", "imported")), "Type": "IMPORTED"},
        summary(status="ISSUED"),
    )
    queue_describe(stubber, detail(status="ISSUED"))
    queue_tags(stubber, {})

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["certificate"]["arn"] == ARN
    assert result["certificate"]["status"] == "ISSUED"


def test_other_names_request_a_new_certificate(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary(status="ISSUED", in_use=True))
    sans = ["*.example.com", "api.example.com"]
    stubber.add_response(
        "request_certificate",
        {"CertificateArn": OTHER_ARN},
        {
            "DomainName": DOMAIN,
            "ValidationMethod": "DNS",
            "IdempotencyToken": acm_utils.idempotency_token(DOMAIN, sans, None),
            "KeyAlgorithm": "RSA_2048",
            "SubjectAlternativeNames": sans,
        },
    )
    queue_describe(stubber, detail(arn=OTHER_ARN, names=(DOMAIN, *sans)), arn=OTHER_ARN)

    rc, result = run_module(module, args(subject_alternative_names=sans), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["certificate"]["arn"] == OTHER_ARN


def test_a_key_algorithm_asked_for_is_part_of_the_identity(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary(status="ISSUED"))

    rc, result = run_module(module, args(key_algorithm="EC_prime256v1", _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["certificate"]["arn"] is None
    assert result["certificate"]["key_algorithm"] == "EC_prime256v1"


def test_a_pending_certificate_without_its_records_yet_is_polled_for_them(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary())
    queue_describe(stubber, detail(records=False))
    queue_tags(stubber, {})
    queue_describe(stubber, detail())

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert not result["changed"]
    assert len(result["certificate"]["validation_records"]) == 1


# Tags


def test_tags_change_through_add_and_remove_tags(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary(status="ISSUED"))
    queue_describe(stubber, detail(status="ISSUED"))
    queue_tags(stubber, {"Name": "old", "Team": "web"})
    stubber.add_response("remove_tags_from_certificate", {}, {"CertificateArn": ARN, "Tags": [{"Key": "Team"}]})
    stubber.add_response(
        "add_tags_to_certificate", {}, {"CertificateArn": ARN, "Tags": [{"Key": "Name", "Value": DOMAIN}]}
    )

    rc, result = run_module(module, args(tags={"Name": DOMAIN}, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["certificate"]["tags"] == {"Name": DOMAIN}
    assert result["diff"]["before"]["tags"] == {"Name": "old", "Team": "web"}
    assert result["diff"]["after"]["tags"] == {"Name": DOMAIN}


def test_check_mode_of_a_tag_change_predicts_it_and_makes_no_write(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary(status="ISSUED"))
    queue_describe(stubber, detail(status="ISSUED"))
    queue_tags(stubber, {"Name": DOMAIN})

    rc, result = run_module(
        module, args(tags={"Env": "prod"}, purge_tags=False, _ansible_check_mode=True, _ansible_diff=True), client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["certificate"]["tags"] == {"Name": DOMAIN, "Env": "prod"}


# Waiting


def test_wait_polls_until_issued_and_reports_its_progress(acm, run_module, monkeypatch):
    client, stubber = acm
    now = [0.0]
    monkeypatch.setattr(acm_utils.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(acm_utils.time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    queue_list(stubber, summary())
    queue_describe(stubber, detail())
    queue_tags(stubber, {})
    queue_describe(stubber, detail())
    queue_describe(stubber, detail())
    queue_describe(stubber, detail(status="ISSUED"))

    rc, result = run_module(module, args(wait=True), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["certificate"]["status"] == "ISSUED"
    assert result["wait_progress"] == [
        "0s: PENDING_VALIDATION: 0 of 2 domain names validated, waiting for example.com, *.example.com",
        "30s: ISSUED",
    ]


def test_a_wait_that_runs_out_fails_naming_the_records_to_write(acm, run_module, monkeypatch):
    client, stubber = acm
    now = [0.0]
    monkeypatch.setattr(acm_utils.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(acm_utils.time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    queue_list(stubber, summary())
    queue_describe(stubber, detail())
    queue_tags(stubber, {})
    for _ in range(3):  # at 0, 15 and 20 seconds
        queue_describe(stubber, detail())

    rc, result = run_module(module, args(wait=True, wait_timeout=20), client)

    assert rc == 1
    assert result["msg"].startswith(f"Timed out after 20 seconds waiting for certificate {ARN} to be ISSUED")
    assert f"CNAME {RECORD['Name']} -> {RECORD['Value']}" in result["msg"]
    assert result["progress"]


def test_a_certificate_that_fails_validation_fails_the_wait(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary())
    queue_describe(stubber, detail())
    queue_tags(stubber, {})
    queue_describe(stubber, {**detail(status="VALIDATION_TIMED_OUT"), "FailureReason": "OTHER"})

    rc, result = run_module(module, args(wait=True), client)

    assert rc == 1
    assert "became VALIDATION_TIMED_OUT (OTHER)" in result["msg"]


# Deleting


def test_absent_deletes_an_unused_certificate(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary())
    stubber.add_response("delete_certificate", {}, {"CertificateArn": ARN})

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["deleted_arns"] == [ARN]


def test_absent_fails_with_the_in_use_by_list_and_deletes_nothing(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary(status="ISSUED", in_use=True), summary(arn=OTHER_ARN))
    queue_describe(stubber, detail(status="ISSUED", in_use_by=[DISTRIBUTION]))

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 1
    assert DISTRIBUTION in result["msg"]
    assert result["in_use_by"] == {ARN: [DISTRIBUTION]}


def test_absent_in_check_mode_makes_no_write(acm, run_module):
    client, stubber = acm
    queue_list(stubber, summary())

    rc, result = run_module(module, args(state="absent", _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["deleted_arns"] == [ARN]


def test_absent_when_missing_is_a_no_op(acm, run_module):
    client, stubber = acm
    queue_list(stubber)

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 0, result
    assert not result["changed"]


# Errors


@pytest.mark.parametrize(
    "overrides, option",
    [
        ({"domain_name": "*.*.example.com"}, "domain_name"),
        ({"domain_name": "www.*.example.com"}, "domain_name"),
        ({"domain_name": "example.com."}, "domain_name"),
        ({"domain_name": "-example.com"}, "domain_name"),
        ({"domain_name": "localhost"}, "domain_name"),
        ({"domain_name": f"{'a' * 60}.example.com"}, "domain_name"),
        ({"subject_alternative_names": ["ok.example.com", "bad_name.example.com"]}, "subject_alternative_names[1]"),
        ({"subject_alternative_names": [f"s{n}.example.com" for n in range(10)]}, "at most 10 domain names"),
        ({"domain_names_quota": 101}, "domain_names_quota"),
        ({"wait_timeout": 0}, "wait_timeout"),
        ({"key_algorithm": "RSA_4096"}, "key_algorithm"),
    ],
)
def test_invalid_options_fail_before_any_api_call(run_module, overrides, option):
    rc, result = run_module(module, args(**overrides), client=None)

    assert rc == 1
    assert option in result["msg"]


def test_eleven_names_pass_with_a_raised_quota():
    params = dict(
        domain_name=DOMAIN,
        subject_alternative_names=[f"s{n}.example.com" for n in range(10)],
        domain_names_quota=20,
        wait_timeout=10,
    )
    assert module.validate(params) == []


def test_an_api_error_fails_with_the_aws_error(acm, run_module):
    client, stubber = acm
    queue_list(stubber)
    stubber.add_client_error("request_certificate", "LimitExceededException", "An ACM quota has been exceeded", 400)

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to request ACM certificate")
    assert result["error"]["code"] == "LimitExceededException"
