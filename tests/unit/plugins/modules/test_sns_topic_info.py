"""Unit tests for appstack.aws.sns_topic_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import sns_topic_info as module

ACCOUNT = "123456789012"
ARN = f"arn:aws:sns:us-east-1:{ACCOUNT}:shop-prod-alerts"
OTHER = f"arn:aws:sns:us-east-1:{ACCOUNT}:shop-dev-alerts"


def queue_topic(stubber, arn, subscriptions=()):
    stubber.add_response(
        "get_topic_attributes",
        {"Attributes": {"TopicArn": arn, "Owner": ACCOUNT, "DisplayName": "", "KmsMasterKeyId": "alias/aws/sns"}},
        {"TopicArn": arn},
    )
    stubber.add_response("list_subscriptions_by_topic", {"Subscriptions": list(subscriptions)}, {"TopicArn": arn})
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceArn": arn})


def test_a_named_topic_is_read_by_its_arn_without_listing_topics(run_module, sns):
    client, stubber = sns
    pending = {"SubscriptionArn": "PendingConfirmation", "Protocol": "email", "Endpoint": "ops@example.com"}
    queue_topic(stubber, ARN, [pending])

    code, result = run_module(
        module, {"name": "shop-prod-alerts", "account_id": ACCOUNT, "region": "us-east-1"}, {"sns": client}
    )

    assert code == 0, result
    (topic,) = result["topics"]
    assert topic["kms_master_key_id"] == "alias/aws/sns"
    assert topic["subscriptions"] == [
        {"protocol": "email", "endpoint": "ops@example.com", "subscription_arn": None, "pending_confirmation": True}
    ]


def test_a_missing_named_topic_gives_no_topic(run_module, sns, sts):
    client, stubber = sns
    sts_client, sts_stubber = sts
    sts_stubber.add_response(
        "get_caller_identity", {"UserId": "AIDA", "Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ci"}, {}
    )
    stubber.add_client_error("get_topic_attributes", "NotFound", "Topic does not exist", 404)

    code, result = run_module(
        module, {"name": "shop-prod-alerts", "region": "us-east-1"}, {"sns": client, "sts": sts_client}
    )

    assert code == 0, result
    assert result["topics"] == []


def test_without_a_name_every_topic_is_read_sorted_by_arn(run_module, sns):
    client, stubber = sns
    stubber.add_response("list_topics", {"Topics": [{"TopicArn": ARN}, {"TopicArn": OTHER}]}, {})
    queue_topic(stubber, OTHER)
    queue_topic(stubber, ARN)

    code, result = run_module(module, {"region": "us-east-1"}, {"sns": client})

    assert code == 0, result
    assert [topic["topic_arn"] for topic in result["topics"]] == [OTHER, ARN]
