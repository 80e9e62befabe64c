"""AWS Budgets: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/budgets.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

ACCOUNT = "123456789012"
NAME = "app-prod-monthly"
ARN = f"arn:aws:budgets::{ACCOUNT}:budget/{NAME}"
TOPIC = "arn:aws:sns:us-east-1:123456789012:app-prod-alerts"
EMAIL = {"SubscriptionType": "EMAIL", "Address": "ops@example.com"}
SNS = {"SubscriptionType": "SNS", "Address": TOPIC}


def notification(threshold: float = 50, kind: str = "ACTUAL") -> dict:
    return {
        "NotificationType": kind,
        "ComparisonOperator": "GREATER_THAN",
        "Threshold": threshold,
        "ThresholdType": "ABSOLUTE_VALUE",
    }


def error_code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response["Error"]["Code"]


@pytest.fixture
def budgets(emulator: EmulatorClient):
    client = emulator.client("budgets")
    client.create_budget(
        AccountId=ACCOUNT,
        Budget={
            "BudgetName": NAME,
            "BudgetLimit": {"Amount": "150", "Unit": "USD"},
            "TimeUnit": "MONTHLY",
            "BudgetType": "COST",
            "CostFilters": {"TagKeyValue": ["user:Environment$prod"]},
        },
        NotificationsWithSubscribers=[{"Notification": notification(50), "Subscribers": [EMAIL]}],
        ResourceTags=[{"Key": "Environment", "Value": "prod"}],
    )
    return client


def subscribers(client, threshold: float = 50) -> list[dict]:
    return client.describe_subscribers_for_notification(
        AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(threshold)
    )["Subscribers"]


def test_update_budget_changes_the_limit_and_filters_and_keeps_the_period(budgets):
    before = budgets.describe_budget(AccountId=ACCOUNT, BudgetName=NAME)["Budget"]

    budgets.update_budget(
        AccountId=ACCOUNT,
        NewBudget={
            "BudgetName": NAME,
            "BudgetLimit": {"Amount": "200", "Unit": "USD"},
            "TimeUnit": "MONTHLY",
            "BudgetType": "COST",
            "CostFilters": {"TagKeyValue": ["user:Environment$staging"]},
        },
    )

    after = budgets.describe_budget(AccountId=ACCOUNT, BudgetName=NAME)["Budget"]
    assert after["BudgetLimit"] == {"Amount": "200", "Unit": "USD"}
    assert after["CostFilters"] == {"TagKeyValue": ["user:Environment$staging"]}
    assert after["TimePeriod"] == before["TimePeriod"]


def test_update_budget_on_a_missing_budget_is_not_found(budgets):
    with pytest.raises(ClientError) as raised:
        budgets.update_budget(
            AccountId=ACCOUNT,
            NewBudget={
                "BudgetName": "nope",
                "BudgetLimit": {"Amount": "1", "Unit": "USD"},
                "TimeUnit": "MONTHLY",
                "BudgetType": "COST",
            },
        )
    assert error_code(raised) == "NotFoundException"


def test_notifications_are_reported_with_their_state_and_subscribers(budgets):
    (found,) = budgets.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName=NAME)["Notifications"]
    assert found["NotificationState"] == "OK"
    # 50 and 50.0 are the same threshold.
    assert subscribers(budgets, 50.0) == [EMAIL]


def test_the_notifications_of_a_missing_budget_are_not_found(budgets):
    with pytest.raises(ClientError) as raised:
        budgets.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName="nope")
    assert error_code(raised) == "NotFoundException"


def test_a_repeated_notification_is_a_duplicate_and_a_missing_one_is_not_found(budgets):
    with pytest.raises(ClientError) as raised:
        budgets.create_notification(
            AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50.0), Subscribers=[SNS]
        )
    assert error_code(raised) == "DuplicateRecordException"
    with pytest.raises(ClientError) as raised:
        budgets.delete_notification(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(75))
    assert error_code(raised) == "NotFoundException"
    with pytest.raises(ClientError) as raised:
        subscribers(budgets, 75)
    assert error_code(raised) == "NotFoundException"


def test_update_notification_keeps_the_subscribers(budgets):
    budgets.update_notification(
        AccountId=ACCOUNT, BudgetName=NAME, OldNotification=notification(50), NewNotification=notification(60)
    )

    thresholds = [
        n["Threshold"]
        for n in budgets.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName=NAME)["Notifications"]
    ]
    assert thresholds == [60]
    assert subscribers(budgets, 60) == [EMAIL]


def test_update_notification_onto_an_existing_one_is_a_duplicate(budgets):
    budgets.create_notification(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(100), Subscribers=[SNS])
    with pytest.raises(ClientError) as raised:
        budgets.update_notification(
            AccountId=ACCOUNT, BudgetName=NAME, OldNotification=notification(50), NewNotification=notification(100)
        )
    assert error_code(raised) == "DuplicateRecordException"


def test_subscribers_are_created_updated_and_deleted(budgets):
    budgets.create_subscriber(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=SNS)
    assert subscribers(budgets) == [EMAIL, SNS]
    other = {"SubscriptionType": "EMAIL", "Address": "billing@example.com"}
    budgets.update_subscriber(
        AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), OldSubscriber=EMAIL, NewSubscriber=other
    )
    assert subscribers(budgets) == [other, SNS]
    budgets.delete_subscriber(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=SNS)
    assert subscribers(budgets) == [other]


def test_subscriber_errors_are_those_of_aws(budgets):
    with pytest.raises(ClientError) as raised:
        budgets.create_subscriber(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=EMAIL)
    assert error_code(raised) == "DuplicateRecordException"
    with pytest.raises(ClientError) as raised:
        budgets.delete_subscriber(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=SNS)
    assert error_code(raised) == "NotFoundException"
    budgets.create_subscriber(AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=SNS)
    second_topic = {"SubscriptionType": "SNS", "Address": f"{TOPIC}-2"}
    with pytest.raises(ClientError) as raised:
        budgets.create_subscriber(
            AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(50), Subscriber=second_topic
        )
    assert error_code(raised) == "CreationLimitExceededException"


def test_a_budget_has_at_most_ten_notifications(budgets):
    for threshold in range(60, 150, 10):
        budgets.create_notification(
            AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(threshold), Subscribers=[EMAIL]
        )
    with pytest.raises(ClientError) as raised:
        budgets.create_notification(
            AccountId=ACCOUNT, BudgetName=NAME, Notification=notification(500), Subscribers=[EMAIL]
        )
    assert error_code(raised) == "CreationLimitExceededException"


def test_budget_tags_are_read_and_changed_by_arn(budgets):
    assert budgets.list_tags_for_resource(ResourceARN=ARN)["ResourceTags"] == [{"Key": "Environment", "Value": "prod"}]
    budgets.tag_resource(ResourceARN=ARN, ResourceTags=[{"Key": "Owner", "Value": "ops"}])
    budgets.untag_resource(ResourceARN=ARN, ResourceTagKeys=["Environment"])
    assert budgets.list_tags_for_resource(ResourceARN=ARN)["ResourceTags"] == [{"Key": "Owner", "Value": "ops"}]
    with pytest.raises(ClientError) as raised:
        budgets.list_tags_for_resource(ResourceARN=f"arn:aws:budgets::{ACCOUNT}:budget/nope")
    assert error_code(raised) == "NotFoundException"


def test_a_deleted_budget_takes_its_tags_with_it(budgets):
    budgets.delete_budget(AccountId=ACCOUNT, BudgetName=NAME)
    with pytest.raises(ClientError) as raised:
        budgets.list_tags_for_resource(ResourceARN=ARN)
    assert error_code(raised) == "NotFoundException"
