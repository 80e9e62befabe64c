"""appstack.aws.budget and budget_info against the emulator, through ansible-playbook.

A small playbook (tests/integration/playbooks/budget.yml) builds the monthly cost budget of one environment: a
$150 limit on the costs tagged Environment=prod, with actual and forecasted notifications at $50, $100 and $150
to an email address and an SNS topic. The tests run in order on one account (the emulator is reset once, at the
start); each builds on the state the previous one left. Every property is read back with boto3, and the
emulator's request log proves what check mode promises: no mutating call.
"""

import pytest
from botocore.exceptions import ClientError

from .playbook import REPO_ROOT, mutating_calls, run_playbook

PLAYBOOK = str(REPO_ROOT / "tests" / "integration" / "playbooks" / "budget.yml")
INVENTORY = "localhost,"
ACCOUNT = "123456789012"
NAME = "smartscheduler-prod-monthly"
TOPIC = "arn:aws:sns:us-east-1:123456789012:smartscheduler-prod-alerts"
BUDGET_CHANGED = [("appstack.aws.budget", NAME)]
SUBSCRIBERS = sorted([("EMAIL", "ops@example.com"), ("SNS", TOPIC)])


def run(emulator, check=False, **extra_vars):
    return run_playbook(PLAYBOOK, INVENTORY, emulator.env, check=check, diff=True, extra_vars=extra_vars)


def budget_calls(emulator):
    return [call["operation"] for call in emulator.requests()["calls"] if call["service"] == "budgets"]


def read_budget(emulator):
    """The budget, its notifications as {(type, threshold, threshold type): subscribers} and its tags."""
    client = emulator.client("budgets")
    budget = client.describe_budget(AccountId=ACCOUNT, BudgetName=NAME)["Budget"]
    notifications = {}
    for notification in client.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName=NAME)["Notifications"]:
        notification.pop("NotificationState", None)
        subscribers = client.describe_subscribers_for_notification(
            AccountId=ACCOUNT, BudgetName=NAME, Notification=notification
        )["Subscribers"]
        key = (notification["NotificationType"], float(notification["Threshold"]), notification["ThresholdType"])
        assert notification["ComparisonOperator"] == "GREATER_THAN"
        notifications[key] = sorted((s["SubscriptionType"], s["Address"]) for s in subscribers)
    arn = f"arn:aws:budgets::{ACCOUNT}:budget/{NAME}"
    tags = {tag["Key"]: tag["Value"] for tag in client.list_tags_for_resource(ResourceARN=arn)["ResourceTags"]}
    return budget, notifications, tags


def expected_notifications(thresholds=(50.0, 100.0, 150.0)):
    return {
        (kind, threshold, "ABSOLUTE_VALUE"): SUBSCRIBERS
        for kind in ("ACTUAL", "FORECASTED")
        for threshold in thresholds
    }


@pytest.fixture(scope="class")
def account(emulator_server):
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    return emulator_server


class TestBudgetLifecycle:
    def test_check_on_an_empty_account_predicts_the_budget_and_sends_no_mutating_call(self, account):
        account.clear_requests()

        result = run(account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == BUDGET_CHANGED
        assert mutating_calls(account) == []
        (predicted,) = result.results("appstack.aws.budget")
        assert len(predicted["budget"]["notifications"]) == 6

    def test_create_builds_the_budget_with_its_filter_notifications_and_tags(self, account):
        result = run(account)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == BUDGET_CHANGED
        budget, notifications, tags = read_budget(account)
        assert float(budget["BudgetLimit"]["Amount"]) == 150
        assert budget["BudgetLimit"]["Unit"] == "USD"
        assert (budget["TimeUnit"], budget["BudgetType"]) == ("MONTHLY", "COST")
        assert budget["CostFilters"] == {"TagKeyValue": ["user:Environment$prod"]}
        assert notifications == expected_notifications()
        assert tags == {"Application": "smartscheduler", "Environment": "prod"}

    def test_a_rerun_changes_nothing_and_only_reads(self, account):
        account.clear_requests()

        result = run(account)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(account) == []
        (converged,) = result.results("appstack.aws.budget")
        # GetCallerIdentity, DescribeBudget, DescribeNotificationsForBudget, 6 x DescribeSubscribersForNotification,
        # ListTagsForResource.
        assert converged["read_calls"] == 10
        module_calls = budget_calls(account)[: converged["read_calls"] - 1]
        assert module_calls.count("DescribeSubscribersForNotification") == 6

    def test_check_on_a_converged_account_sends_no_mutating_call(self, account):
        account.clear_requests()

        result = run(account, check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(account) == []

    def test_a_changed_threshold_is_updated_in_place_with_a_diff(self, account):
        account.clear_requests()

        result = run(account, budget_test_thresholds=[50, 100, 175])

        assert not result.failed, result.outcome()
        assert result.changed_resources() == BUDGET_CHANGED
        assert mutating_calls(account) == ["budgets:UpdateNotification", "budgets:UpdateNotification"]
        (changed,) = result.results("appstack.aws.budget")
        before = sorted(n["threshold"] for n in changed["diff"]["before"]["notifications"])
        after = sorted(n["threshold"] for n in changed["diff"]["after"]["notifications"])
        assert (before, after) == ([50.0, 50.0, 100.0, 100.0, 150.0, 150.0], [50.0, 50.0, 100.0, 100.0, 175.0, 175.0])
        _, notifications, _ = read_budget(account)
        assert notifications == expected_notifications((50.0, 100.0, 175.0))

    def test_a_new_limit_and_subscriber_are_updated(self, account):
        account.clear_requests()
        subscribers = [{"type": "EMAIL", "address": "billing@example.com"}, {"type": "SNS", "address": TOPIC}]

        result = run(
            account, budget_test_limit=200, budget_test_thresholds=[50, 100, 175], budget_test_subscribers=subscribers
        )

        assert not result.failed, result.outcome()
        assert result.changed_resources() == BUDGET_CHANGED
        calls = mutating_calls(account)
        assert calls == ["budgets:UpdateBudget"] + ["budgets:UpdateSubscriber"] * 6
        budget, notifications, _ = read_budget(account)
        assert float(budget["BudgetLimit"]["Amount"]) == 200
        assert budget["CostFilters"] == {"TagKeyValue": ["user:Environment$prod"]}
        assert all(
            found == sorted([("EMAIL", "billing@example.com"), ("SNS", TOPIC)]) for found in notifications.values()
        )

    def test_bad_input_fails_before_any_call_naming_the_option(self, account):
        account.clear_requests()

        result = run(account, budget_test_limit=0, budget_test_subscribers=[{"type": "EMAIL", "address": "ops"}])

        assert result.failed
        messages = result.failure_messages()
        assert "limit_amount must be a number above 0" in messages
        assert "notifications[1].subscribers[1].address must be an email address" in messages
        assert account.requests()["total"] == 0

    def test_absent_deletes_the_budget(self, account):
        account.clear_requests()

        result = run(account, budget_test_state="absent")

        assert not result.failed, result.outcome()
        assert result.changed_resources() == BUDGET_CHANGED
        assert mutating_calls(account) == ["budgets:DeleteBudget"]
        with pytest.raises(ClientError) as raised:
            account.client("budgets").describe_budget(AccountId=ACCOUNT, BudgetName=NAME)
        assert raised.value.response["Error"]["Code"] == "NotFoundException"
        rerun = run(account, budget_test_state="absent")
        assert rerun.changed == 0, rerun.changed_resources()
