"""Unit tests for appstack.aws.iam_oidc_provider (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating call is
made.
"""

import datetime

from ansible_collections.appstack.aws.plugins.modules import iam_oidc_provider as module

URL = "https://token.actions.githubusercontent.com"
ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
OTHER_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/realms/ci"
THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"
OTHER_THUMBPRINT = "1c58a3a8518e8759bf075b76b750d4f2df264fcd"
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
TAGS = {"Purpose": "github-actions"}


def args(**overrides):
    values = {"url": URL, "region": "us-east-1"}
    values.update(overrides)
    return values


def queue_list(stubber, *arns):
    stubber.add_response(
        "list_open_id_connect_providers", {"OpenIDConnectProviderList": [{"Arn": arn} for arn in arns]}, {}
    )


def queue_get(stubber, client_ids=("sts.amazonaws.com",), thumbprints=(THUMBPRINT,), tags=None):
    stubber.add_response(
        "get_open_id_connect_provider",
        {
            "Url": "token.actions.githubusercontent.com",
            "ClientIDList": list(client_ids),
            "ThumbprintList": list(thumbprints),
            "CreateDate": WHEN,
            "Tags": [{"Key": k, "Value": v} for k, v in (TAGS if tags is None else tags).items()],
        },
        {"OpenIDConnectProviderArn": ARN},
    )


def queue_existing(stubber, **provider):
    """The reads that find the provider by its URL: the list, then the provider."""
    queue_list(stubber, OTHER_ARN, ARN)
    queue_get(stubber, **provider)


def queue_write(stubber, operation, **expected):
    stubber.add_response(operation, {}, {"OpenIDConnectProviderArn": ARN, **expected})


# Creating


def test_create_sends_the_url_client_ids_and_tags_without_thumbprints_and_reads_back(iam, run_module):
    client, stubber = iam
    queue_list(stubber, OTHER_ARN)
    stubber.add_response(
        "create_open_id_connect_provider",
        {"OpenIDConnectProviderArn": ARN},
        {"Url": URL, "ClientIDList": ["sts.amazonaws.com"], "Tags": [{"Key": "Purpose", "Value": "github-actions"}]},
    )
    queue_get(stubber)

    code, result = run_module(module, args(client_ids=["sts.amazonaws.com"], tags=TAGS, _ansible_diff=True), client)

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"] == {
        "arn": ARN,
        "url": URL,
        "client_ids": ["sts.amazonaws.com"],
        "thumbprints": [THUMBPRINT],
        "tags": TAGS,
        "create_date": "2026-01-01T00:00:00+00:00",
    }
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["arn"] == ARN


def test_create_sends_the_thumbprints_given(iam, run_module):
    client, stubber = iam
    queue_list(stubber)
    stubber.add_response(
        "create_open_id_connect_provider",
        {"OpenIDConnectProviderArn": ARN},
        {"Url": URL, "ClientIDList": [], "ThumbprintList": [THUMBPRINT]},
    )
    queue_get(stubber, client_ids=(), tags={})

    code, result = run_module(module, args(thumbprints=[THUMBPRINT]), client)

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"]["thumbprints"] == [THUMBPRINT]


def test_check_mode_on_a_missing_provider_predicts_it_and_makes_no_write(iam, run_module):
    client, stubber = iam
    queue_list(stubber, OTHER_ARN)

    code, result = run_module(
        module,
        args(client_ids=["sts.amazonaws.com"], tags=TAGS, _ansible_check_mode=True, _ansible_diff=True),
        client,
    )

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"] == {"url": URL, "client_ids": ["sts.amazonaws.com"], "tags": TAGS}
    assert result["diff"] == {"before": {}, "after": result["oidc_provider"]}


# Updating


def test_a_second_run_with_the_same_options_changes_nothing_and_writes_nothing(iam, run_module):
    client, stubber = iam
    queue_existing(stubber)

    code, result = run_module(
        module,
        # Another order and case of the same client ids and thumbprints, the URL's host in capitals.
        args(
            url="https://Token.Actions.GitHubUserContent.com",
            client_ids=["sts.amazonaws.com"],
            thumbprints=[THUMBPRINT.upper()],
            tags=TAGS,
        ),
        client,
    )

    assert code == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert result["oidc_provider"]["arn"] == ARN


def test_unset_options_leave_the_provider_as_it_is(iam, run_module):
    client, stubber = iam
    queue_existing(stubber, thumbprints=(THUMBPRINT, OTHER_THUMBPRINT), tags={"Owner": "platform"})

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert not result["changed"]
    assert result["oidc_provider"]["thumbprints"] == [THUMBPRINT, OTHER_THUMBPRINT]


def test_client_ids_are_added_then_removed_to_match_the_list(iam, run_module):
    client, stubber = iam
    queue_existing(stubber, client_ids=("sts.amazonaws.com", "old-audience"))
    queue_write(stubber, "add_client_id_to_open_id_connect_provider", ClientID="new-audience")
    queue_write(stubber, "remove_client_id_from_open_id_connect_provider", ClientID="old-audience")
    queue_get(stubber, client_ids=("sts.amazonaws.com", "new-audience"))

    code, result = run_module(
        module, args(client_ids=["sts.amazonaws.com", "new-audience"], _ansible_diff=True), client
    )

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"]["client_ids"] == ["sts.amazonaws.com", "new-audience"]
    assert result["diff"]["before"]["client_ids"] == ["sts.amazonaws.com", "old-audience"]
    assert result["diff"]["after"]["client_ids"] == ["sts.amazonaws.com", "new-audience"]


def test_different_thumbprints_replace_the_providers(iam, run_module):
    client, stubber = iam
    queue_existing(stubber)
    queue_write(stubber, "update_open_id_connect_provider_thumbprint", ThumbprintList=[OTHER_THUMBPRINT])
    queue_get(stubber, thumbprints=(OTHER_THUMBPRINT,))

    code, result = run_module(module, args(thumbprints=[OTHER_THUMBPRINT]), client)

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"]["thumbprints"] == [OTHER_THUMBPRINT]


def test_tags_are_removed_and_set_to_match(iam, run_module):
    client, stubber = iam
    queue_existing(stubber, tags={"Purpose": "github-actions", "Owner": "platform"})
    queue_write(stubber, "untag_open_id_connect_provider", TagKeys=["Owner"])
    queue_write(
        stubber,
        "tag_open_id_connect_provider",
        Tags=[{"Key": "Environment", "Value": "prod"}, {"Key": "Purpose", "Value": "ci"}],
    )
    queue_get(stubber, tags={"Purpose": "ci", "Environment": "prod"})

    code, result = run_module(module, args(tags={"Purpose": "ci", "Environment": "prod"}), client)

    assert code == 0, result
    assert result["changed"]
    assert result["oidc_provider"]["tags"] == {"Purpose": "ci", "Environment": "prod"}


def test_purge_tags_false_only_adds_tags(iam, run_module):
    client, stubber = iam
    queue_existing(stubber, tags={"Owner": "platform"})
    queue_write(stubber, "tag_open_id_connect_provider", Tags=[{"Key": "Purpose", "Value": "github-actions"}])
    queue_get(stubber, tags={"Owner": "platform", "Purpose": "github-actions"})

    code, result = run_module(module, args(tags=TAGS, purge_tags=False), client)

    assert code == 0, result
    assert result["changed"]


def test_check_mode_of_a_change_predicts_it_and_makes_no_write(iam, run_module):
    client, stubber = iam
    queue_existing(stubber, tags={"Owner": "platform"})

    code, result = run_module(
        module,
        args(
            client_ids=["sts.amazonaws.com", "new-audience"],
            thumbprints=[OTHER_THUMBPRINT],
            tags=TAGS,
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert code == 0, result
    assert result["changed"]
    predicted = result["oidc_provider"]
    assert predicted["arn"] == ARN
    assert predicted["client_ids"] == ["sts.amazonaws.com", "new-audience"]
    assert predicted["thumbprints"] == [OTHER_THUMBPRINT]
    assert predicted["tags"] == TAGS
    assert result["diff"]["before"]["tags"] == {"Owner": "platform"}
    assert result["diff"]["after"] == predicted


# Deleting


def test_absent_deletes_the_provider(iam, run_module):
    client, stubber = iam
    queue_existing(stubber)
    queue_write(stubber, "delete_open_id_connect_provider")

    code, result = run_module(module, args(state="absent", _ansible_diff=True), client)

    assert code == 0, result
    assert result["changed"]
    assert "oidc_provider" not in result
    assert result["diff"]["before"]["arn"] == ARN
    assert result["diff"]["after"] == {}


def test_absent_in_check_mode_makes_no_write(iam, run_module):
    client, stubber = iam
    queue_existing(stubber)

    code, result = run_module(module, args(state="absent", _ansible_check_mode=True), client)

    assert code == 0, result
    assert result["changed"]


def test_absent_on_a_missing_provider_changes_nothing(iam, run_module):
    client, stubber = iam
    queue_list(stubber, OTHER_ARN)

    code, result = run_module(module, args(state="absent"), client)

    assert code == 0, result
    assert not result["changed"]


def test_a_provider_gone_between_list_and_get_is_created(iam, run_module):
    client, stubber = iam
    queue_list(stubber, ARN)
    stubber.add_client_error("get_open_id_connect_provider", "NoSuchEntity", "not found", 404)
    stubber.add_response(
        "create_open_id_connect_provider", {"OpenIDConnectProviderArn": ARN}, {"Url": URL, "ClientIDList": []}
    )
    queue_get(stubber, client_ids=(), tags={})

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"]


# Failures


def test_an_aws_error_fails_with_the_aws_message_and_no_traceback(iam, run_module):
    client, stubber = iam
    queue_existing(stubber)
    stubber.add_client_error(
        "add_client_id_to_open_id_connect_provider",
        "LimitExceeded",
        "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100",
        409,
    )

    code, result = run_module(module, args(client_ids=["sts.amazonaws.com", "another"]), client)

    assert code == 1, result
    assert result["failed"]
    assert result["msg"].startswith("Failed to add client ID to OpenID Connect provider")
    assert "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100" in result["msg"]
    assert result["error"]["code"] == "LimitExceeded"
    assert "Traceback" not in result["msg"]


def test_an_access_denied_on_the_listing_fails_naming_the_call(iam, run_module):
    client, stubber = iam
    stubber.add_client_error(
        "list_open_id_connect_providers",
        "AccessDenied",
        "User is not authorized to perform: iam:ListOpenIDConnectProviders",
        403,
    )

    code, result = run_module(module, args(), client)

    assert code == 1, result
    assert "Failed to list OpenID Connect providers" in result["msg"]
    assert "iam:ListOpenIDConnectProviders" in result["msg"]


def test_bad_input_fails_before_any_call(run_module):
    code, result = run_module(module, args(url="token.actions.githubusercontent.com", thumbprints=["AA:BB"]), None)

    assert code == 1, result
    assert len(result["problems"]) == 2
    assert "https:// URL" in result["msg"] and "40 hexadecimal digits" in result["msg"]
