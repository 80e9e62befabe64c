"""appstack.aws.iam_oidc_provider and iam_oidc_provider_info against the emulator, through ansible-playbook.

One play manages the OIDC provider GitHub Actions workflows assume their deploy roles with: its URL, the
``sts.amazonaws.com`` client id, no thumbprint (IAM no longer needs one for GitHub's certificate) and tags. The
tests of the class run in order on one account (reset once): check mode on the empty account, the create (read back
with boto3), a second run, check mode of a change, the change, and the provider deleted. The emulator's request log
proves what check mode and a second run promise: no mutating call.
"""

import pytest

from .playbook import mutating_calls, run_tasks

MODULE = "appstack.aws.iam_oidc_provider"
INFO = "appstack.aws.iam_oidc_provider_info"
ACCOUNT = "123456789012"
URL = "https://token.actions.githubusercontent.com"
ARN = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
CLIENT_IDS = ["sts.amazonaws.com"]
TAGS = {"Application": "shop", "Purpose": "github-actions"}
THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1"


def provider(**overrides):
    values = {"url": URL, "client_ids": CLIENT_IDS, "tags": TAGS}
    values.update(overrides)
    return values


def tasks(wanted):
    return [
        {"name": "Manage the GitHub Actions OIDC provider", MODULE: wanted, "register": "oidc_test__result"},
        {"name": "Read the GitHub Actions OIDC provider", INFO: {"url": URL}, "register": "oidc_test__info"},
    ]


def run(emulator, directory, wanted, check=False):
    emulator.clear_requests()
    return run_tasks(emulator.env, directory, "Manage the OIDC provider", tasks(wanted), check=check, diff=True)


def reads(emulator):
    return [f"{call['service']}:{call['operation']}" for call in emulator.requests()["calls"] if not call["mutating"]]


def read_back(emulator):
    """The account's provider ARNs, and GetOpenIDConnectProvider's answer for ARN (None when it is not listed)."""
    iam = emulator.client("iam")
    arns = [entry["Arn"] for entry in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    if ARN not in arns:
        return arns, None
    answer = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
    answer["Tags"] = {tag["Key"]: tag["Value"] for tag in answer.get("Tags", [])}
    return arns, answer


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0, server_error_rate=0)
    return {"directory": tmp_path_factory.mktemp("oidc-playbooks")}


class TestIamOidcProvider:
    def test_check_mode_on_an_empty_account_predicts_the_provider_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account["directory"], provider(), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == []
        assert read_back(emulator_server) == ([], None)
        (predicted,) = result.results(MODULE)
        assert predicted["oidc_provider"] == {"url": URL, "client_ids": CLIENT_IDS, "tags": TAGS}
        assert predicted["diff"]["before"] == {}
        assert result.results(INFO)[0]["oidc_providers"] == []

    def test_create_builds_the_provider_with_its_client_ids_and_tags(self, emulator_server, account):
        result = run(emulator_server, account["directory"], provider())

        assert not result.failed, result.outcome()
        assert result.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == ["iam:CreateOpenIDConnectProvider"]

        arns, answer = read_back(emulator_server)
        assert arns == [ARN]
        assert answer["Url"] == "token.actions.githubusercontent.com"
        assert answer["ClientIDList"] == CLIENT_IDS
        assert answer["Tags"] == TAGS

        (created,) = result.results(MODULE)
        assert created["oidc_provider"]["arn"] == ARN
        assert created["oidc_provider"]["url"] == URL
        assert created["oidc_provider"]["client_ids"] == CLIENT_IDS
        assert created["oidc_provider"]["tags"] == TAGS
        assert created["oidc_provider"]["create_date"]
        (info,) = result.results(INFO)[0]["oidc_providers"]
        assert info == created["oidc_provider"]

    def test_a_second_run_changes_nothing_and_writes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], provider())

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        # The module's reads, then the info module's.
        assert reads(emulator_server) == ["iam:ListOpenIDConnectProviders", "iam:GetOpenIDConnectProvider"] * 2

    def test_check_mode_of_a_change_predicts_it_and_sends_no_write(self, emulator_server, account):
        wanted = provider(
            client_ids=[*CLIENT_IDS, "shop-deployer"],
            thumbprints=[THUMBPRINT],
            tags={"Purpose": "github-actions", "Environment": "prod"},
        )

        result = run(emulator_server, account["directory"], wanted, check=True)

        assert not result.failed, result.outcome()
        assert result.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == []
        _, answer = read_back(emulator_server)
        assert (answer["ClientIDList"], answer["Tags"]) == (CLIENT_IDS, TAGS)
        (predicted,) = result.results(MODULE)
        assert predicted["oidc_provider"]["arn"] == ARN
        assert predicted["oidc_provider"]["client_ids"] == [*CLIENT_IDS, "shop-deployer"]
        assert predicted["oidc_provider"]["thumbprints"] == [THUMBPRINT]
        assert predicted["oidc_provider"]["tags"] == {"Purpose": "github-actions", "Environment": "prod"}
        assert predicted["diff"]["before"]["tags"] == TAGS

    def test_client_ids_thumbprints_and_tags_are_changed_in_place(self, emulator_server, account):
        tags = {"Purpose": "github-actions", "Environment": "prod"}

        result = run(
            emulator_server,
            account["directory"],
            provider(client_ids=["shop-deployer"], thumbprints=[THUMBPRINT], tags=tags),
        )

        assert not result.failed, result.outcome()
        assert result.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == [
            "iam:AddClientIDToOpenIDConnectProvider",
            "iam:RemoveClientIDFromOpenIDConnectProvider",
            "iam:UpdateOpenIDConnectProviderThumbprint",
            "iam:UntagOpenIDConnectProvider",
            "iam:TagOpenIDConnectProvider",
        ]
        arns, answer = read_back(emulator_server)
        assert arns == [ARN]
        assert answer["ThumbprintList"] == [THUMBPRINT]
        assert answer["Tags"] == tags
        assert answer["ClientIDList"] == ["shop-deployer"]
        (changed,) = result.results(MODULE)
        assert changed["oidc_provider"]["tags"] == tags
        assert changed["diff"]["before"]["thumbprints"] == []
        assert changed["diff"]["after"]["thumbprints"] == [THUMBPRINT]

    def test_absent_deletes_the_provider_and_a_second_absent_changes_nothing(self, emulator_server, account):
        checked = run(emulator_server, account["directory"], {"url": URL, "state": "absent"}, check=True)
        assert not checked.failed, checked.outcome()
        assert checked.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == []

        result = run(emulator_server, account["directory"], {"url": URL, "state": "absent"})

        assert not result.failed, result.outcome()
        assert result.changed_actions() == [MODULE]
        assert mutating_calls(emulator_server) == ["iam:DeleteOpenIDConnectProvider"]
        assert read_back(emulator_server) == ([], None)
        assert result.results(INFO)[0]["oidc_providers"] == []

        again = run(emulator_server, account["directory"], {"url": URL, "state": "absent"})
        assert not again.failed, again.outcome()
        assert again.changed == 0
        assert mutating_calls(emulator_server) == []
