"""SNS: subscriptions wait for their endpoint's confirmation, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/sns_subscription_confirmation.py``) or pins down moto
behaviour that appstack.aws.sns_topic relies on.
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

TOPIC = "shop-test-alerts"
EMAIL = "ops@example.com"
HOOK = "https://events.example.com/sns"


@pytest.fixture
def topic_arn(emulator: EmulatorClient) -> str:
    return emulator.client("sns").create_topic(Name=TOPIC)["TopicArn"]


def listed(emulator: EmulatorClient, topic_arn: str) -> dict[tuple[str, str], str]:
    subscriptions = emulator.client("sns").list_subscriptions_by_topic(TopicArn=topic_arn)["Subscriptions"]
    return {(sub["Protocol"], sub["Endpoint"]): sub["SubscriptionArn"] for sub in subscriptions}


def token_for(emulator: EmulatorClient, endpoint: str) -> str:
    (entry,) = [entry for entry in emulator.sns_confirmation_tokens() if entry["endpoint"] == endpoint]
    return entry["token"]


def test_an_email_subscription_is_pending_until_confirmed(emulator: EmulatorClient, topic_arn: str) -> None:
    """Subscribe: for HTTP/S and email endpoints "the endpoint owner must run the ConfirmSubscription action";
    the answer is "pending confirmation" and ListSubscriptionsByTopic shows "PendingConfirmation".
    https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
    """
    sns = emulator.client("sns")

    assert sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL)["SubscriptionArn"] == (
        "pending confirmation"
    )
    assert sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=HOOK)["SubscriptionArn"] == (
        "pending confirmation"
    )

    assert listed(emulator, topic_arn) == {
        ("email", EMAIL): "PendingConfirmation",
        ("https", HOOK): "PendingConfirmation",
    }
    attributes = sns.get_topic_attributes(TopicArn=topic_arn)["Attributes"]
    assert (attributes["SubscriptionsPending"], attributes["SubscriptionsConfirmed"]) == ("2", "0")


def test_return_subscription_arn_gives_the_arn_of_a_pending_subscription(
    emulator: EmulatorClient, topic_arn: str
) -> None:
    """Subscribe ReturnSubscriptionArn: "the response includes the ARN in all cases, even if the subscription is
    not yet confirmed"; GetSubscriptionAttributes PendingConfirmation is then "true".
    https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
    https://docs.aws.amazon.com/sns/latest/api/API_GetSubscriptionAttributes.html
    """
    sns = emulator.client("sns")

    arn = sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL, ReturnSubscriptionArn=True)[
        "SubscriptionArn"
    ]

    assert arn.startswith(f"{topic_arn}:")
    attributes = sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert attributes["PendingConfirmation"] == "true"
    assert attributes["ConfirmationWasAuthenticated"] == "false"
    assert listed(emulator, topic_arn) == {("email", EMAIL): "PendingConfirmation"}


def test_confirm_subscription_with_the_token_confirms_it(emulator: EmulatorClient, topic_arn: str) -> None:
    """ConfirmSubscription validates "the token sent to the endpoint by an earlier Subscribe action" and returns
    the subscription's ARN, which ListSubscriptionsByTopic then shows.
    https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html
    """
    sns = emulator.client("sns")
    sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL)
    sns.subscribe(TopicArn=topic_arn, Protocol="https", Endpoint=HOOK)

    arn = sns.confirm_subscription(TopicArn=topic_arn, Token=token_for(emulator, EMAIL))["SubscriptionArn"]

    assert listed(emulator, topic_arn) == {("email", EMAIL): arn, ("https", HOOK): "PendingConfirmation"}
    assert sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["PendingConfirmation"] == "false"
    assert [entry["endpoint"] for entry in emulator.sns_confirmation_tokens()] == [HOOK]
    attributes = sns.get_topic_attributes(TopicArn=topic_arn)["Attributes"]
    assert (attributes["SubscriptionsPending"], attributes["SubscriptionsConfirmed"]) == ("1", "1")
    # Subscribing a confirmed endpoint again creates nothing and answers its ARN.
    assert sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL)["SubscriptionArn"] == arn


def test_confirm_subscription_with_a_wrong_token_is_invalid_parameter(emulator: EmulatorClient, topic_arn: str) -> None:
    """ConfirmSubscription errors: InvalidParameter, "Indicates that a request parameter does not comply with
    the associated constraints".
    https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html
    """
    sns = emulator.client("sns")
    sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL)

    with pytest.raises(ClientError) as raised:
        sns.confirm_subscription(TopicArn=topic_arn, Token="0" * 64)

    assert raised.value.response["Error"]["Code"] == "InvalidParameter"
    assert listed(emulator, topic_arn) == {("email", EMAIL): "PendingConfirmation"}


def test_a_same_account_queue_is_confirmed_at_once(emulator: EmulatorClient, topic_arn: str) -> None:
    """Only HTTP/S, email and cross-account endpoints wait for confirmation (API_Subscribe.html)."""
    sns = emulator.client("sns")
    queue = "arn:aws:sqs:us-east-1:123456789012:shop-test-events"
    other_account_queue = "arn:aws:sqs:us-east-1:210987654321:audit-events"

    arn = sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue)["SubscriptionArn"]
    pending = sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=other_account_queue)["SubscriptionArn"]

    assert arn.startswith(f"{topic_arn}:")
    assert pending == "pending confirmation"
    assert listed(emulator, topic_arn) == {("sqs", queue): arn, ("sqs", other_account_queue): "PendingConfirmation"}


def test_kms_master_key_id_round_trips_as_set(emulator: EmulatorClient) -> None:
    """GetTopicAttributes KmsMasterKeyId: "The ID of an Amazon Web Services managed KMS key for Amazon SNS or a
    custom KMS key", returned as it was set (key id, alias or ARN); DisplayName and Policy round-trip too.
    https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
    """
    sns = emulator.client("sns")
    key_id = emulator.client("kms").create_key()["KeyMetadata"]["KeyId"]
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish"}]}
    arn = sns.create_topic(
        Name=TOPIC,
        Attributes={"KmsMasterKeyId": "alias/aws/sns", "DisplayName": "alerts", "Policy": json.dumps(policy)},
    )["TopicArn"]

    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    assert (attributes["KmsMasterKeyId"], attributes["DisplayName"]) == ("alias/aws/sns", "alerts")
    assert json.loads(attributes["Policy"]) == policy

    sns.set_topic_attributes(TopicArn=arn, AttributeName="KmsMasterKeyId", AttributeValue=key_id)
    assert sns.get_topic_attributes(TopicArn=arn)["Attributes"]["KmsMasterKeyId"] == key_id
