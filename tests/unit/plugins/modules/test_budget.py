"""Unit tests for appstack.aws.budget (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating call
is made.
"""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.modules import budget as module

NAME = "app-prod-monthly"
ACCOUNT = "123456789012"
ARN = f"arn:aws:budgets::{ACCOUNT}:budget/{NAME}"
TOPIC = "arn:aws:sns:us-east-1:123456789012:app-prod-alerts"
FILTERS = {"TagKeyValue": ["user:Environment$prod"]}
START = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
END = datetime.datetime(2087, 6, 15, tzinfo=datetime.UTC)


def boto_budget(amount="150.0", budget_type="COST", **overrides):
    budget = {
        "BudgetName": NAME,
        "BudgetLimit": {"Amount": amount, "Unit": "USD"},
        "CostFilters": FILTERS,
        "CostTypes": {"IncludeTax": True, "UseBlended": False},
        "TimeUnit": "MONTHLY",
        "TimePeriod": {"Start": START, "End": END},
        "CalculatedSpend": {"ActualSpend": {"Amount": "12.3", "Unit": "USD"}},
        "BudgetType": budget_type,
        "LastUpdatedTime": START,
    }
    budget.update(overrides)
    return budget


def api_notification(kind="ACTUAL", threshold=50.0):
    return {
        "NotificationType": kind,
        "ComparisonOperator": "GREATER_THAN",
        "Threshold": threshold,
        "ThresholdType": "ABSOLUTE_VALUE",
    }


EMAIL = {"SubscriptionType": "EMAIL", "Address": "ops@example.com"}
SNS = {"SubscriptionType": "SNS", "Address": TOPIC}
CONVERGED = [(api_notification("ACTUAL", 50.0), [EMAIL, SNS]), (api_notification("FORECASTED", 100.0), [SNS])]


def queue_account(sts_stubber):
    sts_stubber.add_response(
        "get_caller_identity",
        {"UserId": "AIDA", "Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ops"},
        {},
    )


def queue_read(stubber, budget=None, notifications=(), tags=None):
    """Queue the reads of get_budget: the budget, its notifications, their subscribers and (tags) its tags."""
    if budget is None:
        stubber.add_client_error(
            "describe_budget",
            "NotFoundException",
            "the budget doesn't exist",
            400,
            expected_params={"AccountId": ACCOUNT, "BudgetName": NAME},
        )
        return
    stubber.add_response("describe_budget", {"Budget": budget}, {"AccountId": ACCOUNT, "BudgetName": NAME})
    stubber.add_response(
        "describe_notifications_for_budget",
        {"Notifications": [{**n, "NotificationState": "OK"} for n, _ in notifications]},
        {"AccountId": ACCOUNT, "BudgetName": NAME},
    )
    for notification, subscribers in notifications:
        stubber.add_response(
            "describe_subscribers_for_notification",
            {"Subscribers": subscribers},
            {"AccountId": ACCOUNT, "BudgetName": NAME, "Notification": notification},
        )
    if tags is not None:
        stubber.add_response(
            "list_tags_for_resource",
            {"ResourceTags": [{"Key": k, "Value": v} for k, v in tags.items()]},
            {"ResourceARN": ARN},
        )


def option_notifications(forecast_threshold=100):
    return [
        {
            "notification_type": "ACTUAL",
            "threshold": 50,
            "threshold_type": "ABSOLUTE_VALUE",
            "subscribers": [
                {"type": "EMAIL", "address": "ops@example.com"},
                {"type": "SNS", "address": TOPIC},
            ],
        },
        {
            "notification_type": "FORECASTED",
            "threshold": forecast_threshold,
            "threshold_type": "ABSOLUTE_VALUE",
            "subscribers": [{"type": "SNS", "address": TOPIC}],
        },
    ]


def args(**overrides):
    values = {
        "name": NAME,
        "limit_amount": 150,
        "cost_filters": FILTERS,
        "notifications": option_notifications(),
        "tags": {"Environment": "prod"},
    }
    values.update(overrides)
    return values


@pytest.fixture
def clients(budgets, sts):
    return {"budgets": budgets[0], "sts": sts[0]}, budgets[1], sts[1]


# Creating


def test_check_mode_on_a_missing_budget_predicts_it_and_makes_no_write(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber)

    rc, result = run_module(module, args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    budget = result["budget"]
    assert budget["budget_limit"] == {"amount": "150", "unit": "USD"}
    assert budget["time_unit"] == "MONTHLY"
    assert budget["cost_filters"] == FILTERS
    assert [n["threshold"] for n in budget["notifications"]] == [50.0, 100.0]
    assert result["diff"]["before"] == {}
    assert result["read_calls"] == 2


def test_create_sends_the_budget_its_notifications_and_tags_in_one_call(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber)
    stubber.add_response(
        "create_budget",
        {},
        {
            "AccountId": ACCOUNT,
            "Budget": {
                "BudgetName": NAME,
                "BudgetType": "COST",
                "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": "150", "Unit": "USD"},
                "CostFilters": FILTERS,
            },
            "NotificationsWithSubscribers": [
                {"Notification": api_notification("ACTUAL", 50.0), "Subscribers": [EMAIL, SNS]},
                {"Notification": api_notification("FORECASTED", 100.0), "Subscribers": [SNS]},
            ],
            "ResourceTags": [{"Key": "Environment", "Value": "prod"}],
        },
    )
    queue_read(stubber, boto_budget("150"), CONVERGED, tags={"Environment": "prod"})

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["budget"]["tags"] == {"Environment": "prod"}
    assert result["budget"]["notifications"][0]["subscribers"] == [
        {"subscription_type": "EMAIL", "address": "ops@example.com"},
        {"subscription_type": "SNS", "address": TOPIC},
    ]


def test_creating_without_a_limit_fails_naming_the_option(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber)

    rc, result = run_module(module, args(limit_amount=None), client)

    assert rc == 1
    assert "to create it, set limit_amount" in result["msg"]


# Converged


def test_a_converged_budget_is_only_read(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    # "150.0" from AWS is the limit 150 asked for; the notifications come back in another order.
    queue_read(stubber, boto_budget("150.0"), list(reversed(CONVERGED)), tags={"Environment": "prod"})

    rc, result = run_module(module, args(), client)

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result
    # GetCallerIdentity, DescribeBudget, DescribeNotificationsForBudget, 2 x DescribeSubscribersForNotification,
    # ListTagsForResource.
    assert result["read_calls"] == 6
    assert result["budget"]["cost_filters"] == FILTERS


def test_a_given_account_id_saves_the_sts_call_and_unset_tags_are_not_read(budgets, run_module):
    client, stubber = budgets
    queue_read(stubber, boto_budget(), CONVERGED)

    rc, result = run_module(module, args(account_id=ACCOUNT, tags=None), {"budgets": client})

    assert rc == 0, result
    assert not result["changed"]
    assert result["read_calls"] == 4
    assert "tags" not in result["budget"]


# Updating


def test_a_changed_threshold_updates_the_notification_and_shows_a_diff(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(), CONVERGED, tags={"Environment": "prod"})
    stubber.add_response(
        "update_notification",
        {},
        {
            "AccountId": ACCOUNT,
            "BudgetName": NAME,
            "OldNotification": api_notification("FORECASTED", 100.0),
            "NewNotification": api_notification("FORECASTED", 120.0),
        },
    )
    changed = [CONVERGED[0], (api_notification("FORECASTED", 120.0), [SNS])]
    queue_read(stubber, boto_budget(), changed, tags={"Environment": "prod"})

    rc, result = run_module(module, args(notifications=option_notifications(120), _ansible_diff=True), client)

    assert rc == 0, result
    assert result["changed"]
    before = [n["threshold"] for n in result["diff"]["before"]["notifications"]]
    after = [n["threshold"] for n in result["diff"]["after"]["notifications"]]
    assert (before, after) == ([50.0, 100.0], [50.0, 120.0])
    assert "calculated_spend" not in result["diff"]["after"]


def test_check_mode_on_a_changed_budget_predicts_it_and_makes_no_write(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(), CONVERGED, tags={"Environment": "prod", "Old": "x"})

    rc, result = run_module(
        module, args(limit_amount=200, notifications=option_notifications(120), _ansible_check_mode=True), client
    )

    assert rc == 0, result
    assert result["changed"]
    budget = result["budget"]
    assert budget["budget_limit"]["amount"] == "200"
    assert [n["threshold"] for n in budget["notifications"]] == [50.0, 120.0]
    assert budget["tags"] == {"Environment": "prod"}


def test_a_new_limit_and_tags_update_the_budget_keeping_what_was_not_set(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(), CONVERGED, tags={"Environment": "prod", "Old": "x"})
    stubber.add_response(
        "update_budget",
        {},
        {
            "AccountId": ACCOUNT,
            "NewBudget": {
                "BudgetName": NAME,
                "BudgetType": "COST",
                "BudgetLimit": {"Amount": "200", "Unit": "USD"},
                "TimeUnit": "MONTHLY",
                "CostFilters": FILTERS,
                "CostTypes": {"IncludeTax": True, "UseBlended": False},
                "TimePeriod": {"Start": "2026-12-01T00:00:00+00:00", "End": "2087-06-15T00:00:00+00:00"},
            },
        },
    )
    stubber.add_response("untag_resource", {}, {"ResourceARN": ARN, "ResourceTagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"ResourceARN": ARN, "ResourceTags": [{"Key": "Owner", "Value": "ops"}]})
    queue_read(stubber, boto_budget("200.0"), CONVERGED, tags={"Environment": "prod", "Owner": "ops"})

    rc, result = run_module(
        module, args(limit_amount=200, notifications=None, tags={"Environment": "prod", "Owner": "ops"}), client
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["budget"]["budget_limit"]["amount"] == "200.0"


def test_a_budget_of_another_type_is_refused_without_a_change(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(budget_type="USAGE"), CONVERGED, tags={"Environment": "prod"})

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert "is a USAGE budget" in result["msg"]


# Deleting


def test_absent_deletes_the_budget(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(), CONVERGED)
    stubber.add_response("delete_budget", {}, {"AccountId": ACCOUNT, "BudgetName": NAME})

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert result["changed"]
    assert "budget" not in result


def test_absent_on_a_missing_budget_changes_nothing(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0, result
    assert not result["changed"]


# Bad input


def test_bad_input_fails_before_any_client_is_made(run_module):
    bad = option_notifications()
    bad[0]["subscribers"][0]["address"] = "not-an-email"
    bad[1]["threshold"] = 0

    rc, result = run_module(module, args(limit_amount=-1, notifications=bad), None)

    assert rc == 1
    assert result["problems"] == [
        "limit_amount must be a number above 0, not -1.0.",
        "notifications[1].subscribers[1].address must be an email address, not 'not-an-email'.",
        "notifications[2].threshold must be a number above 0, not 0.0.",
    ]
