"""Unit tests for appstack.aws.sns_topic (botocore Stubber, no network)."""

import json

from ansible_collections.appstack.aws.plugins.modules import sns_topic as module

ACCOUNT = "123456789012"
NAME = "shop-prod-alerts"
ARN = f"arn:aws:sns:us-east-1:{ACCOUNT}:{NAME}"
SUB_ARN = f"{ARN}:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
HOOK = "https://events.example.com/sns"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowCloudWatchAlarms",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": ARN,
            "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
        }
    ],
}


def params(**overrides):
    values = dict(
        name=NAME,
        state="present",
        account_id=None,
        display_name="shop alerts",
        kms_master_key_id="alias/shop-prod-alerts",
        policy=json.dumps(POLICY),
        delivery_policy=None,
        subscriptions=[
            {"protocol": "email", "endpoint": "ops@example.com", "attributes": None},
            {"protocol": "https", "endpoint": HOOK, "attributes": None},
        ],
        purge_subscriptions=True,
        tags={"Environment": "prod"},
        purge_tags=True,
    )
    values.update(overrides)
    return values


def args(**overrides):
    """The module arguments of params(), without the unset ones."""
    values = {key: value for key, value in params(**overrides).items() if value is not None}
    values["region"] = "us-east-1"
    return values


def topic_attributes(**overrides):
    values = {
        "TopicArn": ARN,
        "Owner": ACCOUNT,
        "DisplayName": "shop alerts",
        "KmsMasterKeyId": "alias/shop-prod-alerts",
        "Policy": json.dumps(POLICY),
        "SubscriptionsPending": "1",
        "SubscriptionsConfirmed": "1",
    }
    values.update(overrides)
    return values


def listed(protocol, endpoint, arn="PendingConfirmation"):
    return {"SubscriptionArn": arn, "Owner": ACCOUNT, "Protocol": protocol, "Endpoint": endpoint, "TopicArn": ARN}


CONVERGED_SUBSCRIPTIONS = [listed("email", "ops@example.com"), listed("https", HOOK, SUB_ARN)]
TAGS = [{"Key": "Environment", "Value": "prod"}]


def current(attributes=None, subscriptions=None, tags=None):
    return (
        topic_attributes() if attributes is None else attributes,
        CONVERGED_SUBSCRIPTIONS if subscriptions is None else subscriptions,
        {"Environment": "prod"} if tags is None else tags,
    )


def queue_reads(stubber, attributes=None, subscriptions=None, tags=None):
    stubber.add_response("get_topic_attributes", {"Attributes": attributes or topic_attributes()}, {"TopicArn": ARN})
    stubber.add_response(
        "list_subscriptions_by_topic",
        {"Subscriptions": CONVERGED_SUBSCRIPTIONS if subscriptions is None else subscriptions},
        {"TopicArn": ARN},
    )
    stubber.add_response("list_tags_for_resource", {"Tags": TAGS if tags is None else tags}, {"ResourceArn": ARN})


def queue_missing(stubber):
    stubber.add_client_error(
        "get_topic_attributes", "NotFound", "Topic does not exist", 404, expected_params={"TopicArn": ARN}
    )


# Creating


def test_a_new_topic_is_created_with_its_settings_and_tags_then_subscribed(sns):
    client, stubber = sns
    stubber.add_response(
        "create_topic",
        {"TopicArn": ARN},
        {
            "Name": NAME,
            "Attributes": {
                "DisplayName": "shop alerts",
                "KmsMasterKeyId": "alias/shop-prod-alerts",
                "Policy": json.dumps(POLICY, sort_keys=True),
            },
            "Tags": TAGS,
        },
    )
    stubber.add_response(
        "subscribe",
        {"SubscriptionArn": "pending confirmation"},
        {"TopicArn": ARN, "Protocol": "email", "Endpoint": "ops@example.com"},
    )
    stubber.add_response(
        "subscribe",
        {"SubscriptionArn": "pending confirmation"},
        {"TopicArn": ARN, "Protocol": "https", "Endpoint": HOOK},
    )

    changed, (settings, subscriptions, tags) = module.ensure_present(client, ARN, (None, [], {}), params(), False)

    assert changed
    assert settings["KmsMasterKeyId"] == "alias/shop-prod-alerts"
    assert [sub["SubscriptionArn"] for sub in subscriptions] == ["PendingConfirmation"] * 2
    assert tags == {"Environment": "prod"}


def test_a_new_subscription_is_sent_with_its_attributes(sns):
    client, stubber = sns
    queue = f"arn:aws:sqs:us-east-1:{ACCOUNT}:events"
    stubber.add_response(
        "subscribe",
        {"SubscriptionArn": SUB_ARN},
        {
            "TopicArn": ARN,
            "Protocol": "sqs",
            "Endpoint": queue,
            "Attributes": {"RawMessageDelivery": "true", "FilterPolicy": '{"severity": ["high"]}'},
        },
    )
    wanted = [
        {
            "protocol": "sqs",
            "endpoint": queue,
            "attributes": {"RawMessageDelivery": True, "FilterPolicy": {"severity": ["high"]}},
        }
    ]

    changed, subscriptions = module.ensure_subscriptions(
        client, ARN, [], params(subscriptions=wanted, purge_subscriptions=False), False
    )

    assert changed
    assert subscriptions == [{"SubscriptionArn": SUB_ARN, "Protocol": "sqs", "Endpoint": queue}]


def test_check_mode_on_a_missing_topic_predicts_it_and_sends_nothing(sns):
    client, _ = sns

    changed, (settings, subscriptions, tags) = module.ensure_present(client, ARN, (None, [], {}), params(), True)

    assert changed
    result = module.topic_to_result(ARN, settings, subscriptions, tags)
    assert result["policy"] == POLICY
    assert module.pending_confirmation(subscriptions) == [
        {"protocol": "email", "endpoint": "ops@example.com"},
        {"protocol": "https", "endpoint": HOOK},
    ]


# Updating


def test_a_converged_topic_sends_nothing(sns):
    client, _ = sns

    changed, _ = module.ensure_present(client, ARN, current(), params(), False)

    assert not changed


def test_a_changed_policy_and_key_are_set(sns):
    client, stubber = sns
    policy = json.loads(json.dumps(POLICY))
    policy["Statement"][0]["Principal"] = {"Service": "events.amazonaws.com"}
    stubber.add_response(
        "set_topic_attributes",
        {},
        {"TopicArn": ARN, "AttributeName": "KmsMasterKeyId", "AttributeValue": "alias/other"},
    )
    stubber.add_response(
        "set_topic_attributes",
        {},
        {"TopicArn": ARN, "AttributeName": "Policy", "AttributeValue": json.dumps(policy, sort_keys=True)},
    )

    changed, (settings, _, _) = module.ensure_present(
        client, ARN, current(), params(policy=policy, kms_master_key_id="alias/other"), False
    )

    assert changed
    assert settings["Policy"] == policy


def test_an_unwanted_confirmed_subscription_is_removed_and_a_pending_one_kept(sns):
    client, stubber = sns
    old = listed("email", "old@example.com", f"{ARN}:old")
    gone_pending = listed("email", "gone@example.com")
    stubber.add_response("unsubscribe", {}, {"SubscriptionArn": f"{ARN}:old"})

    changed, (_, subscriptions, _) = module.ensure_present(
        client, ARN, current(subscriptions=[*CONVERGED_SUBSCRIPTIONS, old, gone_pending]), params(), False
    )

    assert changed
    assert [sub["Endpoint"] for sub in subscriptions] == ["ops@example.com", HOOK, "gone@example.com"]
    assert module.pending_confirmation(subscriptions)[-1] == {"protocol": "email", "endpoint": "gone@example.com"}


def test_attributes_of_a_confirmed_subscription_are_compared_and_set_scope_first(sns):
    client, stubber = sns
    stubber.add_response(
        "get_subscription_attributes",
        {"Attributes": {"RawMessageDelivery": "false", "PendingConfirmation": "false"}},
        {"SubscriptionArn": SUB_ARN},
    )
    for name, value in (("FilterPolicyScope", "MessageBody"), ("FilterPolicy", '{"severity": ["high"]}')):
        stubber.add_response(
            "set_subscription_attributes",
            {},
            {"SubscriptionArn": SUB_ARN, "AttributeName": name, "AttributeValue": value},
        )
    attributes = {
        "FilterPolicy": {"severity": ["high"]},
        "FilterPolicyScope": "MessageBody",
        "RawMessageDelivery": False,
    }
    wanted = [
        {"protocol": "email", "endpoint": "ops@example.com", "attributes": None},
        {"protocol": "https", "endpoint": HOOK, "attributes": attributes},
    ]

    changed, _ = module.ensure_subscriptions(client, ARN, CONVERGED_SUBSCRIPTIONS, params(subscriptions=wanted), False)

    assert changed


def test_tags_are_changed_with_the_tagging_api(sns):
    client, stubber = sns
    stubber.add_response("untag_resource", {}, {"ResourceArn": ARN, "TagKeys": ["Owner"]})
    stubber.add_response("tag_resource", {}, {"ResourceArn": ARN, "Tags": [{"Key": "Environment", "Value": "prod"}]})

    changed, (_, _, tags) = module.ensure_present(
        client, ARN, current(tags={"Environment": "dev", "Owner": "ops"}), params(), False
    )

    assert changed
    assert tags == {"Environment": "prod"}


# Deleting


def test_absent_deletes_an_existing_topic(sns):
    client, stubber = sns
    stubber.add_response("delete_topic", {}, {"TopicArn": ARN})

    assert module.ensure_absent(client, ARN, current(), False) == (True, None)


def test_absent_without_a_topic_or_in_check_mode_sends_nothing(sns):
    client, _ = sns

    assert module.ensure_absent(client, ARN, (None, [], {}), False) == (False, None)
    assert module.ensure_absent(client, ARN, current(), True) == (True, None)


# main()


def test_bad_input_fails_before_any_call(run_module):
    subscriptions = [{"protocol": "https", "endpoint": "http://events.example.com/sns"}]

    code, result = run_module(module, args(name="alerts.fifo", subscriptions=subscriptions), None)

    assert code == 1, result["msg"]
    assert any(problem.startswith("name must be") for problem in result["problems"])
    assert any("https:// URL" in problem for problem in result["problems"])


def test_main_on_a_converged_topic_reads_three_times_and_writes_nothing(run_module, sns, sts):
    client, stubber = sns
    sts_client, sts_stubber = sts
    sts_stubber.add_response(
        "get_caller_identity",
        {"UserId": "AIDA", "Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ci"},
        {},
    )
    queue_reads(stubber)

    code, result = run_module(module, args(), {"sns": client, "sts": sts_client})

    assert code == 0, result
    assert not result["changed"]
    assert "diff" not in result
    assert result["topic"]["topic_arn"] == ARN
    assert result["pending_confirmation"] == [{"protocol": "email", "endpoint": "ops@example.com"}]


def test_main_with_account_id_does_not_call_sts_and_check_mode_predicts_a_new_topic(run_module, sns):
    client, stubber = sns
    queue_missing(stubber)

    code, result = run_module(module, {**args(account_id=ACCOUNT), "_ansible_check_mode": True}, {"sns": client})

    assert code == 0, result
    assert result["changed"]
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["subscriptions"] == ["email:ops@example.com", f"https:{HOOK}"]
    assert result["topic"]["kms_master_key_id"] == "alias/shop-prod-alerts"
    assert len(result["pending_confirmation"]) == 2


def test_main_returns_the_topic_read_back_and_a_diff_after_a_change(run_module, sns):
    client, stubber = sns
    queue_reads(stubber)
    stubber.add_response(
        "set_topic_attributes",
        {},
        {"TopicArn": ARN, "AttributeName": "DisplayName", "AttributeValue": "shop prod alerts"},
    )
    queue_reads(stubber, attributes=topic_attributes(DisplayName="shop prod alerts"))

    code, result = run_module(module, args(account_id=ACCOUNT, display_name="shop prod alerts"), {"sns": client})

    assert code == 0, result
    assert result["changed"]
    assert result["diff"]["before"]["display_name"] == "shop alerts"
    assert result["diff"]["after"]["display_name"] == "shop prod alerts"
    assert result["topic"]["display_name"] == "shop prod alerts"
    assert result["topic"]["owner"] == ACCOUNT


def test_main_absent_deletes_the_topic(run_module, sns):
    client, stubber = sns
    queue_reads(stubber)
    stubber.add_response("delete_topic", {}, {"TopicArn": ARN})

    code, result = run_module(
        module, {"name": NAME, "state": "absent", "account_id": ACCOUNT, "region": "us-east-1"}, {"sns": client}
    )

    assert code == 0, result
    assert result["changed"]
    assert result["diff"]["after"] == {}
    assert "topic" not in result
