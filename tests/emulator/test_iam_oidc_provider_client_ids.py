"""IAM OIDC providers: client IDs added and removed one at a time, idempotently, as AWS does."""

import pytest
from botocore.exceptions import ClientError

URL = "https://token.actions.githubusercontent.com"


def _provider(emulator):
    iam = emulator.client("iam")
    arn = iam.create_open_id_connect_provider(Url=URL, ClientIDList=["sts.amazonaws.com"])["OpenIDConnectProviderArn"]
    return iam, arn


def _client_ids(iam, arn):
    return iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["ClientIDList"]


def test_a_client_id_is_added_once_however_often_it_is_added(emulator):
    iam, arn = _provider(emulator)
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="deploy")
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="deploy")
    assert _client_ids(iam, arn) == ["sts.amazonaws.com", "deploy"]


def test_removing_a_client_id_the_provider_lacks_is_no_error(emulator):
    iam, arn = _provider(emulator)
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="sts.amazonaws.com")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="sts.amazonaws.com")
    assert _client_ids(iam, arn) == []


def test_a_provider_that_does_not_exist_is_no_such_entity(emulator):
    iam, arn = _provider(emulator)
    missing = arn.replace("token.actions", "other")
    with pytest.raises(ClientError) as raised:
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=missing, ClientID="deploy")
    assert raised.value.response["Error"]["Code"] == "NoSuchEntity"


def test_more_than_a_hundred_client_ids_is_over_the_limit(emulator):
    iam, arn = _provider(emulator)
    for index in range(99):
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID=f"client-{index}")
    with pytest.raises(ClientError) as raised:
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="one-too-many")
    assert raised.value.response["Error"]["Code"] == "LimitExceeded"
