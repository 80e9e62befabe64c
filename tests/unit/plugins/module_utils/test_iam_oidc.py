"""Unit tests for the IAM OIDC provider helpers' pure functions: finding a provider by URL, checking the options and
planning the changes."""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import iam_oidc

GITHUB = "https://token.actions.githubusercontent.com"
ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
OTHER_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/realms/ci"
THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"
OTHER_THUMBPRINT = "1c58a3a8518e8759bf075b76b750d4f2df264fcd"


def params(**overrides):
    values = dict(url=GITHUB, client_ids=None, thumbprints=None, tags=None, purge_tags=True, state="present")
    values.update(overrides)
    return values


def provider(**overrides):
    values = dict(
        arn=ARN,
        url=GITHUB,
        client_ids=["sts.amazonaws.com"],
        thumbprints=[THUMBPRINT],
        tags={"Purpose": "github-actions"},
        create_date="2026-01-01T00:00:00+00:00",
    )
    values.update(overrides)
    return values


# Finding a provider by its URL


@pytest.mark.parametrize(
    "url, expected",
    [
        (GITHUB, "token.actions.githubusercontent.com"),
        ("HTTPS://Token.Actions.GitHubUserContent.com", "token.actions.githubusercontent.com"),
        ("token.actions.githubusercontent.com", "token.actions.githubusercontent.com"),
        ("https://OIDC.example.com/Realms/CI", "oidc.example.com/Realms/CI"),
        ("https://oidc.example.com/", "oidc.example.com/"),
        (None, None),
    ],
)
def test_normalize_url_drops_the_scheme_and_lowers_the_host_only(url, expected):
    assert iam_oidc.normalize_url(url) == expected


def test_the_url_of_an_arn_is_what_follows_oidc_provider():
    assert iam_oidc.url_of_arn(OTHER_ARN) == "oidc.example.com/realms/ci"
    assert iam_oidc.url_of_arn("arn:aws:iam::123456789012:role/ci") is None
    assert iam_oidc.url_of_arn(None) is None


def test_find_arn_matches_the_url_with_or_without_scheme_and_in_any_host_case():
    arns = [OTHER_ARN, ARN]

    assert iam_oidc.find_arn(arns, GITHUB) == ARN
    assert iam_oidc.find_arn(arns, "https://TOKEN.actions.githubusercontent.com") == ARN
    assert iam_oidc.find_arn(arns, "https://oidc.example.com/realms/ci") == OTHER_ARN


def test_find_arn_keeps_paths_and_trailing_slashes_apart():
    arns = [OTHER_ARN, ARN]

    assert iam_oidc.find_arn(arns, "https://oidc.example.com/realms/CI") is None
    assert iam_oidc.find_arn(arns, "https://oidc.example.com") is None
    assert iam_oidc.find_arn(arns, GITHUB + "/") is None
    assert iam_oidc.find_arn([], GITHUB) is None


# Checking the options


def test_valid_options_have_no_problem():
    assert iam_oidc.validate(params(client_ids=["sts.amazonaws.com"], thumbprints=[THUMBPRINT.upper()])) == []


@pytest.mark.parametrize(
    "url, problem",
    [
        ("token.actions.githubusercontent.com", "https:// URL"),
        ("http://token.actions.githubusercontent.com", "https:// URL"),
        ("https://", "https:// URL"),
        ("https://example.com/?aud=x", "query string"),
        ("https://example.com/#top", "query string"),
        ("https://" + "a" * 250, "at most 255 characters"),
    ],
)
def test_a_bad_url_is_a_problem_naming_the_option(url, problem):
    (message,) = iam_oidc.validate(params(url=url))
    assert message.startswith("url ") and problem in message


def test_every_problem_of_the_lists_is_reported_at_once():
    problems = iam_oidc.validate(
        params(client_ids=["", "x" * 256], thumbprints=["AA:BB", THUMBPRINT] + [THUMBPRINT] * 5)
    )

    assert len(problems) == 3
    assert "client_ids" in problems[0] and "1 to 255 characters" in problems[0]
    assert "at most 5 thumbprints" in problems[1]
    assert "40 hexadecimal digits" in problems[2] and "AA:BB" in problems[2]


def test_too_many_client_ids_is_a_problem():
    (message,) = iam_oidc.validate(params(client_ids=[f"client-{n}" for n in range(101)]))
    assert "at most 100 client ids" in message


def test_an_arn_of_something_else_is_a_problem():
    assert iam_oidc.arn_problems(ARN) == []
    assert iam_oidc.arn_problems(None) == []
    (message,) = iam_oidc.arn_problems("arn:aws:iam::123456789012:role/ci")
    assert message.startswith("arn must be an OIDC provider's ARN")


# Planning the changes


def test_unset_options_plan_no_change():
    plan = iam_oidc.plan_changes(provider(), params())

    assert not iam_oidc.has_changes(plan)
    assert iam_oidc.expected_provider(provider(), plan) == provider()


def test_the_same_client_ids_and_thumbprints_in_another_order_or_case_plan_no_change():
    current = provider(client_ids=["a", "b"], thumbprints=[THUMBPRINT, OTHER_THUMBPRINT])
    wanted = params(
        client_ids=["b", "a"], thumbprints=[OTHER_THUMBPRINT.upper(), THUMBPRINT], tags={"Purpose": "github-actions"}
    )

    assert not iam_oidc.has_changes(iam_oidc.plan_changes(current, wanted))


def test_client_ids_are_added_and_removed_to_match_the_list():
    plan = iam_oidc.plan_changes(
        provider(client_ids=["sts.amazonaws.com", "old"]), params(client_ids=["sts.amazonaws.com", "new", "new"])
    )

    assert (plan.client_ids_to_add, plan.client_ids_to_remove) == (["new"], ["old"])
    assert iam_oidc.has_changes(plan)
    assert iam_oidc.expected_provider(provider(), plan)["client_ids"] == ["sts.amazonaws.com", "new"]


def test_an_empty_client_id_list_removes_every_client_id():
    assert iam_oidc.plan_client_ids(["a", "b"], []) == ([], ["a", "b"])
    assert iam_oidc.plan_client_ids(["a"], None) == ([], [])


def test_different_thumbprints_are_replaced_as_a_whole():
    plan = iam_oidc.plan_changes(provider(), params(thumbprints=[OTHER_THUMBPRINT]))

    assert plan.thumbprints == [OTHER_THUMBPRINT]
    assert iam_oidc.expected_provider(provider(), plan)["thumbprints"] == [OTHER_THUMBPRINT]


def test_tags_follow_purge_tags():
    current = provider(tags={"Purpose": "github-actions", "Owner": "platform"})

    purged = iam_oidc.plan_changes(current, params(tags={"Purpose": "ci"}))
    kept = iam_oidc.plan_changes(current, params(tags={"Purpose": "ci"}, purge_tags=False))

    assert (purged.tags.to_set, purged.tags.to_unset) == ({"Purpose": "ci"}, ["Owner"])
    assert iam_oidc.expected_provider(current, purged)["tags"] == {"Purpose": "ci"}
    assert (kept.tags.to_set, kept.tags.to_unset) == ({"Purpose": "ci"}, [])
    assert iam_oidc.expected_provider(current, kept)["tags"] == {"Purpose": "ci", "Owner": "platform"}


# A new provider


def test_a_new_provider_without_thumbprints_is_created_without_them():
    wanted = params(client_ids=["sts.amazonaws.com"], tags={"Purpose": "github-actions", "Tier": 1})

    assert iam_oidc.create_arguments(wanted) == {
        "Url": GITHUB,
        "ClientIDList": ["sts.amazonaws.com"],
        "Tags": [{"Key": "Purpose", "Value": "github-actions"}, {"Key": "Tier", "Value": "1"}],
    }
    assert iam_oidc.predicted_provider(wanted) == {
        "url": GITHUB,
        "client_ids": ["sts.amazonaws.com"],
        "tags": {"Purpose": "github-actions", "Tier": "1"},
    }


def test_a_new_provider_gets_the_thumbprints_given():
    wanted = params(thumbprints=[THUMBPRINT])

    assert iam_oidc.create_arguments(wanted) == {"Url": GITHUB, "ClientIDList": [], "ThumbprintList": [THUMBPRINT]}
    assert iam_oidc.predicted_provider(wanted)["thumbprints"] == [THUMBPRINT]


# The result


def test_a_provider_is_returned_snake_cased_with_its_scheme_and_tags_as_a_dict():
    answer = {
        "Url": "token.actions.githubusercontent.com",
        "ClientIDList": ["sts.amazonaws.com"],
        "ThumbprintList": [THUMBPRINT],
        "CreateDate": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        "Tags": [{"Key": "Purpose", "Value": "github-actions"}],
    }

    assert iam_oidc.provider_to_result(ARN, answer) == provider()


def test_a_provider_without_lists_or_tags_returns_empty_ones():
    result = iam_oidc.provider_to_result(ARN, {"Url": "token.actions.githubusercontent.com"})

    assert (result["client_ids"], result["thumbprints"], result["tags"]) == ([], [], {})
    assert result["url"] == GITHUB
