# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.budget: the options checked, and what must change on an existing budget, as pure
functions of the budget read (``budgets.get_budget``) and the module's options.

Nothing here imports botocore. A budget is a snake_case dict (``budget_name``, ``budget_limit``,
``cost_filters``, ``cost_types``, ``time_unit``, ``time_period``, ``budget_type``, ``notifications``, each
notification with its ``subscribers``); the plans are in the API's own spelling, ready to send.
"""

import re
from collections import namedtuple
from decimal import Decimal, InvalidOperation

# AWS Budgets API reference, Budget (TimeUnit, BudgetType), Notification and Subscriber.
TIME_UNITS = ["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"]
BUDGET_TYPES = ["COST"]
NOTIFICATION_TYPES = ["ACTUAL", "FORECASTED"]
COMPARISON_OPERATORS = ["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]
THRESHOLD_TYPES = ["PERCENTAGE", "ABSOLUTE_VALUE"]
SUBSCRIPTION_TYPES = ["EMAIL", "SNS"]

# What a new budget gets when the option is not set.
DEFAULT_TIME_UNIT = "MONTHLY"
DEFAULT_LIMIT_UNIT = "USD"

# Suboption of cost_types -> CostTypes key.
COST_TYPE_KEYS = {
    "include_tax": "IncludeTax",
    "include_subscription": "IncludeSubscription",
    "use_blended": "UseBlended",
    "include_refund": "IncludeRefund",
    "include_credit": "IncludeCredit",
    "include_upfront": "IncludeUpfront",
    "include_recurring": "IncludeRecurring",
    "include_other_subscription": "IncludeOtherSubscription",
    "include_support": "IncludeSupport",
    "include_discount": "IncludeDiscount",
    "use_amortized": "UseAmortized",
}

# AWS's limits (API reference: Notification, "A budget can have up to ten notifications"; NotificationWithSubscribers,
# "A notification can have one SNS subscriber and up to 10 email subscribers").
MAX_NOTIFICATIONS = 10
MAX_SUBSCRIBERS = {"EMAIL": 10, "SNS": 1}
# Notification Threshold: at most 1,000,000 % of the budgeted amount; the model's maximum for any threshold.
MAX_PERCENTAGE_THRESHOLD = Decimal(1000000)
MAX_THRESHOLD = Decimal(15000000000000)
# Budget BudgetName: 1 to 100 characters, no ':' or '\', and never '/action/'.
BUDGET_NAME_MAX_LENGTH = 100
BUDGET_NAME = re.compile(r"^[^:\\]+$")
ACCOUNT_ID = re.compile(r"^\d{12}$")
# An address a mail can be sent to (one '@', a dot in the domain, no spaces), and an SNS topic ARN.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
SNS_TOPIC_ARN = re.compile(r"^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$")

# A step of a plan: an API operation (snake_case, as boto3 names it) and its parameters, AccountId and BudgetName
# aside.
Step = namedtuple("Step", ["operation", "parameters"])


# Amounts and keys


def to_decimal(value):
    """value (a number or its text) as a Decimal; None when it is not a number."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def amount_text(value):
    """An amount as the API takes it: plain digits, no exponent, no trailing zeros ("150", "12.5")."""
    return f"{to_decimal(value).normalize():f}"


def same_amount(left, right):
    """Whether two amounts are equal as numbers: "100.0" and "100" are."""
    left, right = to_decimal(left), to_decimal(right)
    return left is not None and left == right


def notification_key(notification):
    """What identifies a notification of a budget: (type, comparison operator, threshold, threshold type)."""
    return (
        notification["notification_type"],
        notification.get("comparison_operator") or "GREATER_THAN",
        to_decimal(notification["threshold"]),
        notification.get("threshold_type") or "PERCENTAGE",
    )


def subscriber_key(subscriber):
    return (subscriber["subscription_type"], subscriber["address"])


# Checking the options


def name_problems(name, option="name"):
    if name is None:
        return []
    rules = f"{option} must be 1 to {BUDGET_NAME_MAX_LENGTH} characters without ':' or '\\' and without '/action/'"
    if not name or len(name) > BUDGET_NAME_MAX_LENGTH or not BUDGET_NAME.match(name) or "/action/" in name:
        return [f"{rules}, not {name!r}."]
    return []


def _subscriber_problems(where, subscribers):
    problems = []
    if not subscribers:
        return [f"{where}.subscribers must name at least one subscriber."]
    seen = set()
    for number, subscriber in enumerate(subscribers, start=1):
        kind, address = subscriber.get("subscription_type"), subscriber.get("address") or ""
        if kind == "EMAIL" and not EMAIL.match(address):
            problems.append(f"{where}.subscribers[{number}].address must be an email address, not {address!r}.")
        if kind == "SNS" and not SNS_TOPIC_ARN.match(address):
            problems.append(
                f"{where}.subscribers[{number}].address must be an SNS topic ARN"
                f" (arn:aws:sns:REGION:ACCOUNT:TOPIC), not {address!r}."
            )
        if (kind, address) in seen:
            problems.append(f"{where}.subscribers lists {kind} {address} twice.")
        seen.add((kind, address))
    for kind, most in MAX_SUBSCRIBERS.items():
        count = sum(1 for subscriber in subscribers if subscriber.get("subscription_type") == kind)
        if count > most:
            problems.append(f"{where}.subscribers can have at most {most} {kind} subscribers (AWS limit), not {count}.")
    return problems


def _threshold_problems(where, notification):
    threshold = to_decimal(notification.get("threshold"))
    if threshold is None or threshold <= 0:
        return [f"{where}.threshold must be a number above 0, not {notification.get('threshold')}."]
    if notification.get("threshold_type") == "PERCENTAGE" and threshold > MAX_PERCENTAGE_THRESHOLD:
        return [f"{where}.threshold is a percentage of the limit: at most {MAX_PERCENTAGE_THRESHOLD}, not {threshold}."]
    if threshold > MAX_THRESHOLD:
        return [f"{where}.threshold must be at most {MAX_THRESHOLD}, not {threshold}."]
    return []


def notification_problems(notifications):
    """Every problem with the notifications option, as messages naming the entry."""
    if notifications is None:
        return []
    problems = []
    if len(notifications) > MAX_NOTIFICATIONS:
        problems.append(
            f"notifications can have at most {MAX_NOTIFICATIONS} entries (AWS limit per budget), not {len(notifications)}."
        )
    seen = set()
    for number, notification in enumerate(notifications, start=1):
        where = f"notifications[{number}]"
        problems.extend(_threshold_problems(where, notification))
        problems.extend(_subscriber_problems(where, notification.get("subscribers")))
        if to_decimal(notification.get("threshold")) is not None:
            key = notification_key(notification)
            if key in seen:
                problems.append(
                    f"{where} repeats another notification: {key[0]} {key[1]} {notification['threshold']} {key[3]};"
                    " a budget's notifications must differ in one of these."
                )
            seen.add(key)
    return problems


def validate(params):
    """Every problem with the options of appstack.aws.budget, as messages naming the option (empty: none)."""
    problems = name_problems(params["name"])
    if params.get("account_id") is not None and not ACCOUNT_ID.match(params["account_id"]):
        problems.append(f"account_id must be 12 digits, not {params['account_id']!r}.")
    if params.get("limit_amount") is not None:
        limit = to_decimal(params["limit_amount"])
        if limit is None or limit <= 0:
            problems.append(f"limit_amount must be a number above 0, not {params['limit_amount']}.")
    for key, values in (params.get("cost_filters") or {}).items():
        if not isinstance(values, list) or not values or not all(isinstance(value, str) for value in values):
            problems.append(f"cost_filters.{key} must be a non-empty list of strings, not {values!r}.")
    problems.extend(notification_problems(params.get("notifications")))
    return problems


# The budget itself


def normalized_filters(filters):
    return {key: sorted(values) for key, values in (filters or {}).items()}


def cost_types_to_api(cost_types):
    return {COST_TYPE_KEYS[key]: value for key, value in (cost_types or {}).items() if value is not None}


def _current_cost_types(current):
    return {
        COST_TYPE_KEYS[key]: value for key, value in (current.get("cost_types") or {}).items() if key in COST_TYPE_KEYS
    }


def plan_budget(current, params):
    """The UpdateBudget NewBudget that brings the budget to params, or None when it already matches.

    UpdateBudget replaces the whole budget, so what the options leave unset is sent as it is.
    """
    limit = current.get("budget_limit") or {}
    amount, unit = limit.get("amount"), limit.get("unit")
    if params.get("limit_amount") is not None and not same_amount(amount, params["limit_amount"]):
        amount = amount_text(params["limit_amount"])
    if params.get("limit_unit") is not None:
        unit = params["limit_unit"]
    time_unit = params.get("time_unit") or current.get("time_unit")
    filters = current.get("cost_filters") or {}
    if params.get("cost_filters") is not None:
        filters = params["cost_filters"]
    cost_types = {**_current_cost_types(current), **cost_types_to_api(params.get("cost_types"))}

    differs = (
        not same_amount(amount, limit.get("amount"))
        or unit != limit.get("unit")
        or time_unit != current.get("time_unit")
        or normalized_filters(filters) != normalized_filters(current.get("cost_filters"))
        or cost_types != _current_cost_types(current)
    )
    if not differs:
        return None
    new_budget = {
        "BudgetName": current["budget_name"],
        "BudgetType": current.get("budget_type") or "COST",
        "BudgetLimit": {"Amount": amount_text(amount), "Unit": unit},
        "TimeUnit": time_unit,
        "CostFilters": {key: list(values) for key, values in filters.items()},
    }
    if cost_types:
        new_budget["CostTypes"] = cost_types
    period = current.get("time_period")
    if period and time_unit == current.get("time_unit"):
        # A new time unit starts a new period, which AWS works out.
        new_budget["TimePeriod"] = {key.capitalize(): value for key, value in period.items()}
    return new_budget


def budget_to_api(params):
    """The CreateBudget Budget for params."""
    budget = {
        "BudgetName": params["name"],
        "BudgetType": params.get("budget_type") or "COST",
        "TimeUnit": params.get("time_unit") or DEFAULT_TIME_UNIT,
        "BudgetLimit": {
            "Amount": amount_text(params["limit_amount"]),
            "Unit": params.get("limit_unit") or DEFAULT_LIMIT_UNIT,
        },
    }
    if params.get("cost_filters"):
        budget["CostFilters"] = {key: list(values) for key, values in params["cost_filters"].items()}
    if params.get("cost_types"):
        budget["CostTypes"] = cost_types_to_api(params["cost_types"])
    return budget


# Notifications and subscribers


def desired_notifications(notifications):
    """The notifications option as notifications of a budget (snake_case, defaults filled in, threshold a float)."""
    return [
        {
            "notification_type": entry["notification_type"],
            "comparison_operator": entry.get("comparison_operator") or "GREATER_THAN",
            "threshold": float(to_decimal(entry["threshold"])),
            "threshold_type": entry.get("threshold_type") or "PERCENTAGE",
            "subscribers": [
                {"subscription_type": subscriber["subscription_type"], "address": subscriber["address"]}
                for subscriber in entry.get("subscribers") or []
            ],
        }
        for entry in notifications or []
    ]


def notification_to_api(notification):
    return {
        "NotificationType": notification["notification_type"],
        "ComparisonOperator": notification.get("comparison_operator") or "GREATER_THAN",
        "Threshold": float(notification["threshold"]),
        "ThresholdType": notification.get("threshold_type") or "PERCENTAGE",
    }


def subscriber_to_api(subscriber):
    return {"SubscriptionType": subscriber["subscription_type"], "Address": subscriber["address"]}


def _subscriber_steps(notification, current_subscribers, desired_subscribers):
    """The steps that turn a notification's subscribers into desired_subscribers.

    A subscriber replaced by one of the same type is updated in place (UpdateSubscriber), so that the SNS topic
    can change without a second SNS subscriber; the others are removed first, unless that would leave the
    notification without subscribers, which AWS refuses.
    """
    current_keys = [subscriber_key(s) for s in current_subscribers]
    desired_keys = [subscriber_key(s) for s in desired_subscribers]
    to_remove = [key for key in current_keys if key not in desired_keys]
    to_add = [key for key in desired_keys if key not in current_keys]
    api_notification = notification_to_api(notification)

    def api(key):
        return {"SubscriptionType": key[0], "Address": key[1]}

    steps = []
    for kind in SUBSCRIPTION_TYPES:
        removed = [key for key in to_remove if key[0] == kind]
        added = [key for key in to_add if key[0] == kind]
        for old, new in zip(removed, added, strict=False):
            steps.append(
                Step(
                    "update_subscriber",
                    {"Notification": api_notification, "OldSubscriber": api(old), "NewSubscriber": api(new)},
                )
            )
            to_remove.remove(old)
            to_add.remove(new)
    removals = [Step("delete_subscriber", {"Notification": api_notification, "Subscriber": api(k)}) for k in to_remove]
    additions = [Step("create_subscriber", {"Notification": api_notification, "Subscriber": api(k)}) for k in to_add]
    if to_remove and len(to_remove) == len(current_keys):
        return steps + additions + removals
    return steps + removals + additions


def _pair_replaced(removed, added):
    """Pairs (old, new) of a removed and an added notification of the same type and threshold type, lowest
    thresholds first: UpdateNotification changes one into the other and keeps its subscribers."""
    pairs = []
    for kind in NOTIFICATION_TYPES:
        for threshold_type in THRESHOLD_TYPES:

            def same(notification, kind=kind, threshold_type=threshold_type):
                key = notification_key(notification)
                return key[0] == kind and key[3] == threshold_type

            olds = sorted((n for n in removed if same(n)), key=lambda n: to_decimal(n["threshold"]))
            news = sorted((n for n in added if same(n)), key=lambda n: to_decimal(n["threshold"]))
            pairs.extend(zip(olds, news, strict=False))
    return pairs


def plan_notifications(current_notifications, desired):
    """The steps that turn the budget's notifications into desired (from desired_notifications), in order:
    deletions (which free AWS's per-budget slots), updates of a notification whose threshold or operator
    changed, subscriber changes, then creations. Empty: nothing to change."""
    current_by_key = {notification_key(n): n for n in current_notifications or []}
    desired_by_key = {notification_key(n): n for n in desired}
    removed = [n for key, n in current_by_key.items() if key not in desired_by_key]
    added = [n for key, n in desired_by_key.items() if key not in current_by_key]
    pairs = _pair_replaced(removed, added)
    paired_old = [notification_key(old) for old, _ in pairs]
    paired_new = [notification_key(new) for _, new in pairs]

    deletions = [
        Step("delete_notification", {"Notification": notification_to_api(n)})
        for n in removed
        if notification_key(n) not in paired_old
    ]
    updates, subscriber_steps = [], []
    for old, new in pairs:
        updates.append(
            Step(
                "update_notification",
                {"OldNotification": notification_to_api(old), "NewNotification": notification_to_api(new)},
            )
        )
        subscriber_steps.extend(_subscriber_steps(new, old.get("subscribers") or [], new["subscribers"]))
    for key, notification in desired_by_key.items():
        if key in current_by_key:
            subscriber_steps.extend(
                _subscriber_steps(
                    notification, current_by_key[key].get("subscribers") or [], notification["subscribers"]
                )
            )
    creations = [
        Step(
            "create_notification",
            {
                "Notification": notification_to_api(n),
                "Subscribers": [subscriber_to_api(s) for s in n["subscribers"]],
            },
        )
        for n in added
        if notification_key(n) not in paired_new
    ]
    return deletions + updates + subscriber_steps + creations


def notifications_with_subscribers(desired):
    """The CreateBudget NotificationsWithSubscribers for desired (from desired_notifications)."""
    return [
        {"Notification": notification_to_api(n), "Subscribers": [subscriber_to_api(s) for s in n["subscribers"]]}
        for n in desired
    ]


# Predictions (check mode, and the state after a change)


def predicted_budget(params, account_id):
    """The budget that CreateBudget makes from params, as get_budget would read it."""
    budget = budget_to_api(params)
    predicted = {
        "budget_name": budget["BudgetName"],
        "account_id": account_id,
        "budget_type": budget["BudgetType"],
        "time_unit": budget["TimeUnit"],
        "budget_limit": {"amount": budget["BudgetLimit"]["Amount"], "unit": budget["BudgetLimit"]["Unit"]},
        "cost_filters": budget.get("CostFilters", {}),
        "cost_types": {key: value for key, value in (params.get("cost_types") or {}).items() if value is not None},
        "notifications": desired_notifications(params.get("notifications")),
    }
    if params.get("tags") is not None:
        predicted["tags"] = dict(params["tags"])
    return predicted


def updated_budget(current, new_budget, desired):
    """current after UpdateBudget with new_budget (None: unchanged) and with desired notifications (None: as
    they are)."""
    budget = dict(current)
    if new_budget:
        budget["budget_limit"] = {
            "amount": new_budget["BudgetLimit"]["Amount"],
            "unit": new_budget["BudgetLimit"]["Unit"],
        }
        budget["time_unit"] = new_budget["TimeUnit"]
        budget["cost_filters"] = new_budget["CostFilters"]
        reverse = {api: option for option, api in COST_TYPE_KEYS.items()}
        budget["cost_types"] = {reverse[key]: value for key, value in new_budget.get("CostTypes", {}).items()}
    if desired is not None:
        budget["notifications"] = desired
    return budget
