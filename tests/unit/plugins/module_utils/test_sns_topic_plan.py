"""Unit tests for the planning of appstack.aws.sns_topic (pure functions, no botocore)."""

import json

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import sns_topic_plan as plan

ARN = "arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowCloudWatchAlarms",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": ["sns:Publish"],
            "Resource": ARN,
            "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
        }
    ],
}


def params(**overrides):
    values = dict(
        name="shop-prod-alerts",
        state="present",
        account_id=None,
        display_name=None,
        kms_master_key_id=None,
        policy=None,
        delivery_policy=None,
        subscriptions=None,
        purge_subscriptions=True,
        tags=None,
        purge_tags=True,
    )
    values.update(overrides)
    return values


def wanted(protocol, endpoint, attributes=None):
    return {"protocol": protocol, "endpoint": endpoint, "attributes": attributes}


def listed(protocol, endpoint, arn="PendingConfirmation"):
    return {
        "SubscriptionArn": arn,
        "Owner": "123456789012",
        "Protocol": protocol,
        "Endpoint": endpoint,
        "TopicArn": ARN,
    }


# validate


def test_valid_options_have_no_problem():
    subscriptions = [
        wanted("email", "ops@example.com"),
        wanted("https", "https://events.example.com/sns", {"RawMessageDelivery": True}),
        wanted("http", "http://legacy.example.com/hook"),
        wanted("sqs", "arn:aws:sqs:us-east-1:123456789012:events", {"FilterPolicy": {"severity": ["high"]}}),
        wanted("lambda", "arn:aws:lambda:us-east-1:123456789012:function:notify"),
    ]
    assert plan.validate(params(policy=json.dumps(POLICY), subscriptions=subscriptions)) == []


@pytest.mark.parametrize("name", ["", "a" * 257, "alerts.fifo", "shop alerts", "shop/alerts"])
def test_a_topic_name_outside_the_sns_rules_is_a_problem(name):
    (problem,) = plan.validate(params(name=name))
    assert problem.startswith("name must be 1 to 256 characters of letters, digits, hyphens and underscores")


def test_an_account_id_must_be_twelve_digits():
    (problem,) = plan.validate(params(account_id="12345"))
    assert problem.startswith("account_id must be the 12 digits")


@pytest.mark.parametrize("endpoint", ["ops", "ops@example", "ops @example.com", "@example.com"])
def test_an_email_endpoint_must_be_an_address(endpoint):
    (problem,) = plan.validate(params(subscriptions=[wanted("email", endpoint)]))
    assert problem.startswith("subscriptions[0].endpoint must be an email address")


def test_an_https_endpoint_must_be_https_and_http_needs_protocol_http():
    (problem,) = plan.validate(params(subscriptions=[wanted("https", "http://events.example.com/sns")]))
    assert "must be an https:// URL for https" in problem
    assert "needs protocol http" in problem


def test_an_http_endpoint_must_be_an_http_url():
    (problem,) = plan.validate(params(subscriptions=[wanted("http", "events.example.com")]))
    assert problem.startswith("subscriptions[0].endpoint must be an http:// URL for http")


def test_a_queue_endpoint_must_be_a_queue_arn():
    (problem,) = plan.validate(params(subscriptions=[wanted("sqs", "https://sqs.us-east-1.amazonaws.com/1/q")]))
    assert problem.startswith("subscriptions[0].endpoint must be the ARN of the sqs resource")


def test_subscription_attributes_are_checked():
    subscriptions = [
        wanted("email", "ops@example.com", {"RawMessageDelivery": True, "Colour": "red"}),
        wanted("sqs", "arn:aws:sqs:us-east-1:123456789012:events", {"FilterPolicy": "[1]"}),
    ]
    problems = plan.validate(params(subscriptions=subscriptions))
    assert problems == [
        "subscriptions[0].attributes.RawMessageDelivery applies to http, https, sqs subscriptions only, not email.",
        "subscriptions[0].attributes.Colour is not managed; use one of DeliveryPolicy, FilterPolicy,"
        " FilterPolicyScope, RawMessageDelivery, RedrivePolicy.",
        "subscriptions[1].attributes.FilterPolicy must be a JSON object, not list.",
    ]


def test_repeated_subscriptions_are_a_problem():
    subscriptions = [wanted("email", "ops@example.com"), wanted("email", "ops@example.com")]
    (problem,) = plan.validate(params(subscriptions=subscriptions))
    assert problem == "subscriptions must be unique by protocol and endpoint; repeated: email ops@example.com."


def test_a_policy_must_be_a_json_object():
    problems = plan.validate(params(policy="{not json", delivery_policy="[]"))
    assert problems[0].startswith("policy must be a JSON object:")
    assert problems[1] == "delivery_policy must be a JSON object, not list."


def test_absent_checks_only_the_name():
    assert plan.validate(params(state="absent", subscriptions=[wanted("email", "nope")])) == []


# ARN


def test_topic_arn_uses_the_partition_of_the_region():
    assert plan.topic_arn(plan.partition_of_region("cn-north-1"), "cn-north-1", "123456789012", "a") == (
        "arn:aws-cn:sns:cn-north-1:123456789012:a"
    )
    assert plan.partition_of_region("us-gov-west-1") == "aws-us-gov"
    assert plan.partition_of_region("eu-west-1") == "aws"


# settings


def attributes(**overrides):
    values = {
        "TopicArn": ARN,
        "Owner": "123456789012",
        "DisplayName": "shop alerts",
        "Policy": json.dumps(POLICY),
        "KmsMasterKeyId": "alias/shop-prod-alerts",
        "SubscriptionsPending": "2",
        "SubscriptionsConfirmed": "1",
        "EffectiveDeliveryPolicy": json.dumps({"http": {}}),
    }
    values.update(overrides)
    return values


def test_a_converged_topic_has_no_difference_whatever_the_policy_order():
    reordered = json.loads(json.dumps(POLICY))
    reordered["Statement"][0]["Action"] = "sns:Publish"
    current = plan.topic_settings(attributes())
    desired = plan.desired_settings(
        current,
        params(display_name="shop alerts", kms_master_key_id="alias/shop-prod-alerts", policy=json.dumps(reordered)),
    )
    assert plan.settings_differences(current, desired) == []


def test_a_key_given_another_way_is_a_difference():
    current = plan.topic_settings(attributes())
    desired = plan.desired_settings(current, params(kms_master_key_id="arn:aws:kms:us-east-1:123456789012:key/k"))
    assert plan.settings_differences(current, desired) == ["KmsMasterKeyId"]


def test_unset_options_keep_the_topic_values_and_empty_ones_clear_them():
    current = plan.topic_settings(attributes())
    assert plan.desired_settings(current, params()) == current
    cleared = plan.desired_settings(current, params(kms_master_key_id="", display_name=""))
    assert plan.settings_differences(current, cleared) == ["DisplayName", "KmsMasterKeyId"]
    assert plan.setting_to_api("KmsMasterKeyId", cleared["KmsMasterKeyId"]) == ""


def test_a_changed_policy_statement_is_a_difference():
    changed = json.loads(json.dumps(POLICY))
    changed["Statement"][0]["Principal"] = {"Service": "events.amazonaws.com"}
    current = plan.topic_settings(attributes())
    assert plan.settings_differences(current, plan.desired_settings(current, params(policy=changed))) == ["Policy"]


def test_a_new_topic_is_created_with_the_settings_given_only():
    settings = plan.desired_settings(None, params(kms_master_key_id="alias/k", policy=POLICY))
    created = plan.create_attributes(settings)
    assert set(created) == {"KmsMasterKeyId", "Policy"}
    assert json.loads(created["Policy"]) == POLICY


def test_delivery_policies_are_compared_parsed():
    delivery = {"http": {"defaultHealthyRetryPolicy": {"numRetries": 5, "minDelayTarget": 20}}}
    current = plan.topic_settings(attributes(DeliveryPolicy=json.dumps(delivery)))
    desired = plan.desired_settings(current, params(delivery_policy=json.dumps(delivery, indent=2, sort_keys=True)))
    assert plan.settings_differences(current, desired) == []


# subscriptions


def test_missing_subscriptions_are_subscribed_and_unwanted_confirmed_ones_removed():
    confirmed = listed("email", "old@example.com", f"{ARN}:1")
    current = [listed("email", "ops@example.com"), confirmed]

    result = plan.plan_subscriptions(
        current, [wanted("email", "ops@example.com"), wanted("email", "new@example.com")], True
    )

    assert result.to_subscribe == [wanted("email", "new@example.com")]
    assert result.to_unsubscribe == [confirmed]
    assert result.pending == [listed("email", "ops@example.com")]


def test_unwanted_pending_subscriptions_are_never_removed_and_are_reported():
    pending = listed("email", "gone@example.com")
    result = plan.plan_subscriptions([pending], [], True)
    assert result.to_unsubscribe == []
    assert result.pending == [pending]
    assert plan.pending_confirmation([pending]) == [{"protocol": "email", "endpoint": "gone@example.com"}]


def test_without_purge_unwanted_subscriptions_stay():
    result = plan.plan_subscriptions([listed("email", "old@example.com", f"{ARN}:1")], [], False)
    assert result.to_unsubscribe == []


def test_unset_subscriptions_leave_them_alone():
    result = plan.plan_subscriptions([listed("email", "old@example.com", f"{ARN}:1")], None, True)
    assert (result.to_subscribe, result.to_unsubscribe, result.to_check) == ([], [], [])


def test_only_confirmed_subscriptions_with_attributes_are_checked():
    confirmed = listed("sqs", "arn:aws:sqs:us-east-1:123456789012:q", f"{ARN}:2")
    pending = listed("https", "https://e.example.com/")
    desired = [
        wanted("sqs", "arn:aws:sqs:us-east-1:123456789012:q", {"RawMessageDelivery": True}),
        wanted("https", "https://e.example.com/", {"RawMessageDelivery": True}),
    ]
    result = plan.plan_subscriptions([confirmed, pending], desired, True)
    assert result.to_check == [(confirmed, desired[0])]


def test_a_subscription_arn_that_is_not_an_arn_is_neither_pending_nor_removed():
    deleted = listed("email", "old@example.com", "Deleted")
    result = plan.plan_subscriptions([deleted], [], True)
    assert (result.to_unsubscribe, result.pending) == ([], [])


def test_subscription_attribute_changes_compare_as_sns_returns_them():
    current = {"RawMessageDelivery": "false", "FilterPolicy": '{"severity": ["high"]}', "PendingConfirmation": "false"}
    desired = {"RawMessageDelivery": True, "FilterPolicy": {"severity": ["high"]}, "FilterPolicyScope": "MessageBody"}
    assert plan.subscription_attribute_changes(current, desired) == {
        "RawMessageDelivery": "true",
        "FilterPolicyScope": "MessageBody",
    }
    assert plan.subscription_attribute_changes({"RawMessageDelivery": "true"}, {"RawMessageDelivery": True}) == {}


def test_expected_subscriptions_show_new_email_ones_pending():
    current = [listed("email", "old@example.com", f"{ARN}:1"), listed("email", "ops@example.com")]
    result = plan.plan_subscriptions(
        current, [wanted("email", "ops@example.com"), wanted("sqs", "arn:aws:sqs:r:1:q")], True
    )
    subscribed = {("sqs", "arn:aws:sqs:r:1:q"): f"{ARN}:3"}

    expected = plan.expected_subscriptions(current, result, subscribed)

    assert [(sub["Endpoint"], sub["SubscriptionArn"]) for sub in expected] == [
        ("ops@example.com", "PendingConfirmation"),
        ("arn:aws:sqs:r:1:q", f"{ARN}:3"),
    ]
    assert plan.predicted_subscription_arn("email") == "pending confirmation"
    assert plan.predicted_subscription_arn("sqs") is None


# results


def test_topic_to_result_has_snake_case_keys_and_sorted_subscriptions():
    subscriptions = [listed("https", "https://e.example.com/"), listed("email", "ops@example.com", f"{ARN}:1")]
    result = plan.topic_to_result(
        ARN, plan.topic_settings(attributes()), subscriptions, {"Environment": "prod"}, attributes()
    )

    assert result["name"] == "shop-prod-alerts"
    assert result["kms_master_key_id"] == "alias/shop-prod-alerts"
    assert result["policy"] == POLICY
    assert result["delivery_policy"] is None
    assert (result["owner"], result["subscriptions_pending"], result["subscriptions_confirmed"]) == (
        "123456789012",
        2,
        1,
    )
    assert result["subscriptions"] == [
        {
            "protocol": "email",
            "endpoint": "ops@example.com",
            "subscription_arn": f"{ARN}:1",
            "pending_confirmation": False,
        },
        {
            "protocol": "https",
            "endpoint": "https://e.example.com/",
            "subscription_arn": None,
            "pending_confirmation": True,
        },
    ]
    assert result["tags"] == {"Environment": "prod"}


def test_diff_view_of_no_topic_is_empty():
    assert plan.diff_view(None, [], {}) == {}
    view = plan.diff_view(plan.topic_settings(attributes()), [listed("email", "ops@example.com")], {})
    assert view["subscriptions"] == ["email:ops@example.com"]
