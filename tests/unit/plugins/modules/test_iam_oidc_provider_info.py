"""Unit tests for appstack.aws.iam_oidc_provider_info (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.modules import iam_oidc_provider_info as module

ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
OTHER_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/realms/ci"
THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def queue_list(stubber, *arns):
    stubber.add_response(
        "list_open_id_connect_providers", {"OpenIDConnectProviderList": [{"Arn": arn} for arn in arns]}, {}
    )


def queue_get(stubber, arn, client_ids=("sts.amazonaws.com",), tags=()):
    stubber.add_response(
        "get_open_id_connect_provider",
        {
            "Url": arn.split(":oidc-provider/")[1],
            "ClientIDList": list(client_ids),
            "ThumbprintList": [THUMBPRINT],
            "CreateDate": WHEN,
            "Tags": [{"Key": k, "Value": v} for k, v in tags],
        },
        {"OpenIDConnectProviderArn": arn},
    )


def test_a_provider_is_found_by_its_url_and_returned_like_the_module_returns_it(iam, run_module):
    client, stubber = iam
    queue_list(stubber, OTHER_ARN, ARN)
    queue_get(stubber, ARN, tags=[("Purpose", "github-actions")])

    code, result = run_module(module, {"url": "https://token.actions.githubusercontent.com"}, client)

    assert code == 0, result
    assert not result["changed"]
    assert result["oidc_providers"] == [
        {
            "arn": ARN,
            "url": "https://token.actions.githubusercontent.com",
            "client_ids": ["sts.amazonaws.com"],
            "thumbprints": [THUMBPRINT],
            "tags": {"Purpose": "github-actions"},
            "create_date": "2026-01-01T00:00:00+00:00",
        }
    ]


def test_a_url_without_scheme_finds_the_provider_too(iam, run_module):
    client, stubber = iam
    queue_list(stubber, ARN)
    queue_get(stubber, ARN)

    code, result = run_module(module, {"url": "token.actions.githubusercontent.com"}, client)

    assert code == 0, result
    assert [provider["arn"] for provider in result["oidc_providers"]] == [ARN]


def test_a_provider_is_read_by_its_arn_without_listing(iam, run_module):
    client, stubber = iam
    queue_get(stubber, OTHER_ARN, client_ids=["ci-deployer"])

    code, result = run_module(module, {"arn": OTHER_ARN}, client)

    assert code == 0, result
    (provider,) = result["oidc_providers"]
    assert provider["url"] == "https://oidc.example.com/realms/ci"
    assert provider["client_ids"] == ["ci-deployer"]


def test_a_missing_provider_gives_an_empty_list(iam, run_module):
    client, stubber = iam
    stubber.add_client_error("get_open_id_connect_provider", "NoSuchEntity", "not found", 404)
    queue_list(stubber, OTHER_ARN)

    code, by_arn = run_module(module, {"arn": ARN}, client)
    assert (code, by_arn["oidc_providers"]) == (0, [])

    code, by_url = run_module(module, {"url": "https://token.actions.githubusercontent.com"}, client)
    assert (code, by_url["oidc_providers"]) == (0, [])


def test_without_options_every_provider_is_read_sorted_by_arn(iam, run_module):
    client, stubber = iam
    queue_list(stubber, ARN, OTHER_ARN)
    queue_get(stubber, OTHER_ARN)
    queue_get(stubber, ARN)

    code, result = run_module(module, {}, client)

    assert code == 0, result
    assert [provider["arn"] for provider in result["oidc_providers"]] == [OTHER_ARN, ARN]


def test_an_aws_error_fails_with_the_aws_message(iam, run_module):
    client, stubber = iam
    stubber.add_client_error(
        "list_open_id_connect_providers",
        "AccessDenied",
        "not authorized to perform iam:ListOpenIDConnectProviders",
        403,
    )

    code, result = run_module(module, {}, client)

    assert code == 1, result
    assert "Failed to list OpenID Connect providers" in result["msg"]
    assert "not authorized to perform iam:ListOpenIDConnectProviders" in result["msg"]


def test_an_arn_of_something_else_fails_before_any_call(run_module):
    code, result = run_module(module, {"arn": "arn:aws:iam::123456789012:role/ci"}, None)

    assert code == 1, result
    assert "OIDC provider's ARN" in result["msg"]


def test_url_and_arn_are_mutually_exclusive(run_module):
    code, result = run_module(module, {"url": "https://token.actions.githubusercontent.com", "arn": ARN}, None)

    assert code == 1, result
    assert "mutually exclusive" in result["msg"]
