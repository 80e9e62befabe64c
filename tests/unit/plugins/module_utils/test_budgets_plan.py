"""Unit tests for the planning of appstack.aws.budget (pure functions, no client)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import budgets_plan as plan

TOPIC = "arn:aws:sns:us-east-1:123456789012:app-prod-alerts"
OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:app-prod-pager"


def notification(kind="ACTUAL", threshold=50.0, threshold_type="ABSOLUTE_VALUE", subscribers=None, **extra):
    return {
        "notification_type": kind,
        "comparison_operator": "GREATER_THAN",
        "threshold": threshold,
        "threshold_type": threshold_type,
        "subscribers": subscribers
        if subscribers is not None
        else [{"subscription_type": "EMAIL", "address": "ops@example.com"}],
        **extra,
    }


def email(address="ops@example.com"):
    return {"subscription_type": "EMAIL", "address": address}


def sns(topic=TOPIC):
    return {"subscription_type": "SNS", "address": topic}


def params(**overrides):
    values = dict(
        name="app-prod-monthly",
        account_id=None,
        limit_amount=150.0,
        limit_unit=None,
        time_unit=None,
        budget_type="COST",
        cost_filters=None,
        cost_types=None,
        notifications=None,
        tags=None,
        purge_tags=True,
    )
    values.update(overrides)
    return values


def current_budget(**overrides):
    budget = {
        "budget_name": "app-prod-monthly",
        "account_id": "123456789012",
        "budget_type": "COST",
        "budget_limit": {"amount": "150.0", "unit": "USD"},
        "time_unit": "MONTHLY",
        "time_period": {"start": "2026-12-01T00:00:00+00:00", "end": "2087-06-15T00:00:00+00:00"},
        "cost_filters": {"TagKeyValue": ["user:Environment$prod"]},
        "cost_types": {"include_tax": True, "use_blended": False},
        "notifications": [],
    }
    budget.update(overrides)
    return budget


# Checking the options


def test_valid_options_have_no_problem():
    assert plan.validate(params(notifications=[notification(subscribers=[email(), sns()])])) == []


@pytest.mark.parametrize("limit", [0, -5])
def test_a_limit_of_zero_or_less_is_refused_naming_the_option(limit):
    assert plan.validate(params(limit_amount=limit)) == [f"limit_amount must be a number above 0, not {limit}."]


def test_a_threshold_of_zero_is_refused_naming_the_notification():
    (problem,) = plan.validate(params(notifications=[notification(threshold=0)]))
    assert problem.startswith("notifications[1].threshold must be a number above 0")


def test_a_percentage_threshold_above_aws_maximum_is_refused():
    (problem,) = plan.validate(params(notifications=[notification(threshold=1000001, threshold_type="PERCENTAGE")]))
    assert "percentage" in problem and "1000000" in problem


def test_an_address_that_is_not_an_email_is_refused():
    (problem,) = plan.validate(params(notifications=[notification(subscribers=[email("ops.example.com")])]))
    assert problem == "notifications[1].subscribers[1].address must be an email address, not 'ops.example.com'."


def test_an_sns_subscriber_must_be_a_topic_arn():
    (problem,) = plan.validate(params(notifications=[notification(subscribers=[sns("arn:aws:sqs:us-east-1:1:q")])]))
    assert problem.startswith("notifications[1].subscribers[1].address must be an SNS topic ARN")


def test_more_subscribers_than_aws_allows_are_refused():
    too_many = [email(f"ops{n}@example.com") for n in range(11)] + [sns(), sns(OTHER_TOPIC)]
    problems = plan.validate(params(notifications=[notification(subscribers=too_many)]))
    assert "notifications[1].subscribers can have at most 10 EMAIL subscribers (AWS limit), not 11." in problems
    assert "notifications[1].subscribers can have at most 1 SNS subscribers (AWS limit), not 2." in problems


def test_more_than_ten_notifications_are_refused():
    notifications = [notification(threshold=n) for n in range(1, 12)]
    assert plan.validate(params(notifications=notifications)) == [
        "notifications can have at most 10 entries (AWS limit per budget), not 11."
    ]


def test_a_repeated_notification_and_subscriber_are_refused():
    problems = plan.validate(
        params(notifications=[notification(threshold=50), notification(threshold=50.0, subscribers=[email(), email()])])
    )
    assert any(problem.startswith("notifications[2] repeats another notification") for problem in problems)
    assert "notifications[2].subscribers lists EMAIL ops@example.com twice." in problems


def test_a_notification_without_subscribers_is_refused():
    assert plan.validate(params(notifications=[notification(subscribers=[])])) == [
        "notifications[1].subscribers must name at least one subscriber."
    ]


@pytest.mark.parametrize("name", ["", "a:b", "a\\b", "x/action/y", "n" * 101])
def test_a_name_aws_refuses_is_refused(name):
    assert plan.name_problems(name)[0].startswith("name must be 1 to 100 characters")


def test_an_account_id_must_be_twelve_digits():
    assert plan.validate(params(account_id="1234")) == ["account_id must be 12 digits, not '1234'."]


def test_every_problem_is_reported_at_once():
    problems = plan.validate(
        params(limit_amount=0, cost_filters={"TagKeyValue": []}, notifications=[notification(threshold=-1)])
    )
    assert len(problems) == 3


# The budget


def test_amounts_compare_as_numbers():
    assert plan.same_amount("150.0", 150)
    assert plan.same_amount("100.00", "100")
    assert not plan.same_amount("150.1", 150)
    assert plan.amount_text(150.0) == "150"
    assert plan.amount_text("12.50") == "12.5"


def test_a_matching_budget_needs_no_update():
    assert plan.plan_budget(current_budget(), params(limit_amount=150, time_unit="MONTHLY")) is None


def test_unset_options_leave_the_budget_alone():
    assert plan.plan_budget(current_budget(), params(limit_amount=None)) is None


def test_a_new_limit_sends_the_whole_budget_with_what_was_not_set():
    new_budget = plan.plan_budget(current_budget(), params(limit_amount=200))
    assert new_budget == {
        "BudgetName": "app-prod-monthly",
        "BudgetType": "COST",
        "BudgetLimit": {"Amount": "200", "Unit": "USD"},
        "TimeUnit": "MONTHLY",
        "CostFilters": {"TagKeyValue": ["user:Environment$prod"]},
        "CostTypes": {"IncludeTax": True, "UseBlended": False},
        "TimePeriod": {"Start": "2026-12-01T00:00:00+00:00", "End": "2087-06-15T00:00:00+00:00"},
    }


def test_filters_compare_without_regard_to_value_order():
    current = current_budget(cost_filters={"Service": ["b", "a"]})
    assert plan.plan_budget(current, params(cost_filters={"Service": ["a", "b"]})) is None
    assert plan.plan_budget(current, params(cost_filters={}))["CostFilters"] == {}


def test_a_new_time_unit_lets_aws_work_out_the_period():
    new_budget = plan.plan_budget(current_budget(), params(time_unit="QUARTERLY"))
    assert new_budget["TimeUnit"] == "QUARTERLY"
    assert "TimePeriod" not in new_budget


def test_only_the_cost_types_given_are_compared():
    assert plan.plan_budget(current_budget(), params(cost_types={"include_tax": True, "use_amortized": None})) is None
    new_budget = plan.plan_budget(current_budget(), params(cost_types={"include_tax": False}))
    assert new_budget["CostTypes"] == {"IncludeTax": False, "UseBlended": False}


def test_a_new_budget_gets_the_defaults():
    assert plan.budget_to_api(params(cost_filters={"TagKeyValue": ["user:Environment$prod"]})) == {
        "BudgetName": "app-prod-monthly",
        "BudgetType": "COST",
        "TimeUnit": "MONTHLY",
        "BudgetLimit": {"Amount": "150", "Unit": "USD"},
        "CostFilters": {"TagKeyValue": ["user:Environment$prod"]},
    }


# Notifications


def operations(steps):
    return [step.operation for step in steps]


def test_matching_notifications_need_no_step():
    current = [notification(threshold=50.0, notification_state="OK")]
    assert plan.plan_notifications(current, plan.desired_notifications([notification(threshold=50)])) == []


def test_subscribers_compare_as_a_set():
    current = [notification(subscribers=[sns(), email()])]
    desired = plan.desired_notifications([notification(subscribers=[email(), sns()])])
    assert plan.plan_notifications(current, desired) == []


def test_a_new_notification_is_created_with_its_subscribers():
    desired = plan.desired_notifications([notification(kind="FORECASTED", threshold=100, subscribers=[sns()])])
    (step,) = plan.plan_notifications([], desired)
    assert step.operation == "create_notification"
    assert step.parameters == {
        "Notification": {
            "NotificationType": "FORECASTED",
            "ComparisonOperator": "GREATER_THAN",
            "Threshold": 100.0,
            "ThresholdType": "ABSOLUTE_VALUE",
        },
        "Subscribers": [{"SubscriptionType": "SNS", "Address": TOPIC}],
    }


def test_a_changed_threshold_updates_the_notification_in_place():
    current = [notification(threshold=50.0), notification(threshold=100.0)]
    desired = plan.desired_notifications([notification(threshold=75), notification(threshold=100)])
    (step,) = plan.plan_notifications(current, desired)
    assert step.operation == "update_notification"
    assert step.parameters["OldNotification"]["Threshold"] == 50.0
    assert step.parameters["NewNotification"]["Threshold"] == 75.0


def test_a_notification_no_longer_wanted_is_deleted_before_others_are_created():
    current = [notification(kind="ACTUAL", threshold_type="PERCENTAGE", threshold=80)]
    desired = plan.desired_notifications([notification(kind="FORECASTED", threshold=100)])
    assert operations(plan.plan_notifications(current, desired)) == ["delete_notification", "create_notification"]


def test_an_empty_list_deletes_every_notification():
    current = [notification(threshold=50.0), notification(threshold=100.0)]
    assert operations(plan.plan_notifications(current, [])) == ["delete_notification", "delete_notification"]


def test_a_replaced_topic_is_updated_in_place():
    current = [notification(subscribers=[sns(), email()])]
    desired = plan.desired_notifications([notification(subscribers=[sns(OTHER_TOPIC), email()])])
    (step,) = plan.plan_notifications(current, desired)
    assert step.operation == "update_subscriber"
    assert step.parameters["OldSubscriber"] == {"SubscriptionType": "SNS", "Address": TOPIC}
    assert step.parameters["NewSubscriber"] == {"SubscriptionType": "SNS", "Address": OTHER_TOPIC}


def test_subscribers_are_removed_before_others_are_added():
    current = [notification(subscribers=[email("a@example.com"), sns()])]
    desired = plan.desired_notifications([notification(subscribers=[sns(), email("b@example.com"), email("c@x.io")])])
    assert operations(plan.plan_notifications(current, desired)) == ["update_subscriber", "create_subscriber"]
    current = [notification(subscribers=[email("a@example.com"), sns()])]
    desired = plan.desired_notifications([notification(subscribers=[email("a@example.com")])])
    assert operations(plan.plan_notifications(current, desired)) == ["delete_subscriber"]


def test_the_last_subscriber_is_removed_only_after_its_replacement_is_added():
    current = [notification(subscribers=[sns()])]
    desired = plan.desired_notifications([notification(subscribers=[email()])])
    assert operations(plan.plan_notifications(current, desired)) == ["create_subscriber", "delete_subscriber"]


def test_the_budget_after_the_changes():
    desired = plan.desired_notifications([notification()])
    new_budget = plan.plan_budget(current_budget(), params(limit_amount=200))
    after = plan.updated_budget(current_budget(), new_budget, desired)
    assert after["budget_limit"] == {"amount": "200", "unit": "USD"}
    assert after["cost_types"] == {"include_tax": True, "use_blended": False}
    assert after["notifications"] == desired


def test_the_predicted_budget_has_the_options_and_tags():
    predicted = plan.predicted_budget(
        params(notifications=[notification()], tags={"Environment": "prod"}), "123456789012"
    )
    assert predicted["budget_limit"] == {"amount": "150", "unit": "USD"}
    assert predicted["time_unit"] == "MONTHLY"
    assert predicted["tags"] == {"Environment": "prod"}
    assert predicted["notifications"][0]["threshold"] == 50.0
