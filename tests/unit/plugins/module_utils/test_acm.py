"""Unit tests for the pure planning of plugins/module_utils/acm.py: names, identity, tokens, predictions, waits."""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import acm

WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "name", ["example.com", "*.example.com", "www.example.com", "a-b.example.co.uk", "EXAMPLE.com", "xn--bcher-kva.de"]
)
def test_a_domain_name_by_acm_rules_passes(name):
    assert acm.domain_name_problems(name, "domain_name") == []


@pytest.mark.parametrize(
    "name",
    [
        "",
        "example",
        "*.*.example.com",
        "www.*.example.com",
        "*example.com",
        "example.com.",
        "-a.example.com",
        "a-.example.com",
        "a..example.com",
        "a b.example.com",
        "under_score.example.com",
        f"{'a' * 64}.example.com",
    ],
)
def test_a_domain_name_against_acm_rules_is_explained(name):
    (problem,) = acm.domain_name_problems(name, "subject_alternative_names[0]")
    assert problem.startswith("subject_alternative_names[0] must be a fully qualified domain name")


def test_the_first_domain_name_is_at_most_64_characters_and_the_others_253():
    long_name = f"{'a' * 60}.example.com"
    assert acm.names_problems(long_name, []) != []
    assert acm.names_problems("example.com", [long_name]) == []


def test_the_quota_counts_the_domain_name_and_each_other_name_once():
    sans = [f"s{n}.example.com" for n in range(9)]
    assert acm.names_problems("example.com", sans) == []
    assert acm.names_problems("example.com", [*sans, "EXAMPLE.com", "s0.example.com"]) == []
    (problem,) = acm.names_problems("example.com", [*sans, "s9.example.com"])
    assert "at most 10 domain names" in problem and "not 11" in problem
    assert acm.names_problems("example.com", [*sans, "s9.example.com"], quota=11) == []


def test_certificate_names_put_the_domain_first_and_drop_repeats_in_any_case():
    assert acm.certificate_names("example.com", ["*.example.com", "Example.com", "*.EXAMPLE.com"]) == [
        "example.com",
        "*.example.com",
    ]


def test_a_certificate_matches_the_same_set_of_names_and_the_key_algorithm_asked_for():
    detail = {
        "DomainName": "example.com",
        "SubjectAlternativeNames": ["example.com", "*.example.com", "www.example.com"],
        "KeyAlgorithm": "RSA_2048",
    }
    assert acm.matches(detail, "example.com", ["www.example.com", "*.example.com"])
    assert acm.matches(detail, "EXAMPLE.COM", ["WWW.example.com", "*.example.com", "example.com"], "RSA_2048")
    assert not acm.matches(detail, "example.com", ["*.example.com"])
    assert not acm.matches(detail, "www.example.com", ["example.com", "*.example.com"])
    assert not acm.matches(detail, "example.com", ["www.example.com", "*.example.com"], "EC_prime256v1")
    summary = {"DomainName": "example.com", "SubjectAlternativeNameSummaries": ["example.com"]}
    assert acm.matches(summary, "example.com", [])


def test_an_issued_certificate_comes_before_a_pending_one_and_a_newer_before_an_older():
    old = {"Status": "ISSUED", "CreatedAt": WHEN}
    new = {"Status": "ISSUED", "CreatedAt": WHEN + datetime.timedelta(days=1)}
    pending = {"Status": "PENDING_VALIDATION", "CreatedAt": WHEN + datetime.timedelta(days=2)}
    assert sorted([pending, old, new], key=acm.preference) == [new, old, pending]


def test_validation_records_are_listed_once_each():
    record = {"name": "_a.example.com.", "type": "CNAME", "value": "_b.acm-validations.aws."}
    other = {"name": "_c.www.example.com.", "type": "CNAME", "value": "_d.acm-validations.aws."}
    certificate = {
        "domain_validation_options": [
            {"domain_name": "example.com", "resource_record": record},
            {"domain_name": "*.example.com", "resource_record": dict(record)},
            {"domain_name": "www.example.com", "resource_record": other},
            {"domain_name": "new.example.com"},
        ]
    }
    assert acm.validation_records(certificate) == [record, other]


def test_records_are_missing_only_from_a_pending_certificate_without_them():
    with_record = {"validation_method": "DNS", "resource_record": {"name": "x"}}
    assert acm.records_missing({"status": "PENDING_VALIDATION", "domain_validation_options": []})
    assert acm.records_missing({"status": "PENDING_VALIDATION", "domain_validation_options": [with_record, {}]})
    assert not acm.records_missing({"status": "PENDING_VALIDATION", "domain_validation_options": [with_record]})
    assert not acm.records_missing({"status": "ISSUED", "domain_validation_options": [{}]})


def test_the_predicted_certificate_has_the_names_algorithm_and_tags_asked_for():
    predicted = acm.predicted_certificate(
        {
            "domain_name": "example.com",
            "subject_alternative_names": ["*.example.com"],
            "key_algorithm": None,
            "tags": {"Name": "x"},
        }
    )
    assert predicted["subject_alternative_names"] == ["example.com", "*.example.com"]
    assert (predicted["status"], predicted["key_algorithm"], predicted["tags"]) == (
        "PENDING_VALIDATION",
        "RSA_2048",
        {"Name": "x"},
    )
    assert [o["domain_name"] for o in predicted["domain_validation_options"]] == ["example.com", "*.example.com"]


def test_the_validation_summary_names_the_domains_still_pending():
    detail = {
        "Status": "PENDING_VALIDATION",
        "DomainValidationOptions": [
            {"DomainName": "example.com", "ValidationStatus": "SUCCESS"},
            {"DomainName": "www.example.com", "ValidationStatus": "PENDING_VALIDATION"},
        ],
    }
    assert acm.validation_summary(detail) == (
        "PENDING_VALIDATION: 1 of 2 domain names validated, waiting for www.example.com"
    )
    assert acm.validation_summary({"Status": "ISSUED"}) == "ISSUED"
