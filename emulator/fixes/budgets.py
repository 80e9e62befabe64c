"""AWS Budgets: updates, subscribers, tags and the errors of a missing or repeated record, as AWS has them.

AWS (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_Operations_AWS_Budgets.html):

* ``UpdateBudget`` changes "every part of a budget except for the budgetName
  and the calculatedSpend" (API_budgets_UpdateBudget.html); a budget that
  doesn't exist fails with ``NotFoundException``.
* ``UpdateNotification`` replaces a notification (``OldNotification``) with
  another (``NewNotification``), keeping its subscribers; ``NotFoundException``
  when the old one doesn't exist, ``DuplicateRecordException`` when the new one
  already does (API_budgets_UpdateNotification.html).
* ``DescribeSubscribersForNotification``, ``CreateSubscriber``,
  ``UpdateSubscriber`` and ``DeleteSubscriber`` read and change a notification's
  subscribers; ``NotFoundException`` for a missing budget, notification or
  subscriber, ``DuplicateRecordException`` for a subscriber already there
  (their "Errors" sections).
* ``CreateNotification`` fails with ``DuplicateRecordException`` for a
  notification the budget already has, ``DeleteNotification`` with
  ``NotFoundException`` for one it hasn't, and
  ``DescribeNotificationsForBudget`` with ``NotFoundException`` for a missing
  budget. A notification is known by its type, comparison operator, threshold
  and threshold type (API_budgets_Notification.html); its ``NotificationState``
  (``OK`` or ``ALARM``) is reported with it.
* "A budget can have up to ten notifications" and "a notification can have one
  SNS subscriber and up to 10 email subscribers" (API_budgets_Notification.html):
  more fail with ``CreationLimitExceededException``.
* ``CreateBudget`` ``ResourceTags``, ``TagResource``, ``UntagResource`` and
  ``ListTagsForResource`` tag a budget by its ARN,
  ``arn:aws:budgets::ACCOUNT:budget/NAME`` (API_budgets_TagResource.html; the
  Service Authorization Reference, "Resource types defined by AWS Budgets");
  ``NotFoundException`` for a budget that doesn't exist.

Moto 5.2.5 has none of UpdateBudget, UpdateNotification, the subscriber
operations or tags (HTTP 500), ignores ``ResourceTags``, accepts a repeated
notification, deletes a missing one silently, and answers HTTP 500 for the
notifications of a missing budget: appstack.aws ``budget`` can't update a
budget, and a repeated notification would only fail on AWS.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from moto.budgets.exceptions import DuplicateRecordException, NotFoundException
from moto.budgets.models import Budget, BudgetsBackend, Notification
from moto.budgets.responses import BudgetsResponse
from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time

MAX_NOTIFICATIONS = 10
MAX_SUBSCRIBERS = {"EMAIL": 10, "SNS": 1}
BUDGET_ARN = re.compile(r"^arn:[\w-]+:budgets::(?P<account>\d{12}):budget/(?P<name>.+)$")


class InvalidParameterException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("InvalidParameterException", message)


class CreationLimitExceededException(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("CreationLimitExceededException", message)


def _key(details: dict[str, Any]) -> tuple[Any, ...]:
    return (
        details.get("NotificationType"),
        details.get("ComparisonOperator"),
        Decimal(str(details.get("Threshold"))),
        details.get("ThresholdType") or "PERCENTAGE",
    )


def _subscriber_key(subscriber: dict[str, Any]) -> tuple[str, str]:
    return subscriber.get("SubscriptionType", ""), subscriber.get("Address", "")


def _describe(details: dict[str, Any]) -> str:
    kind, operator, threshold, threshold_type = _key(details)
    return f"{kind} {operator} {threshold} {threshold_type}"


def _budget(backend: BudgetsBackend, account_id: str, name: str, action: str) -> Budget:
    if name not in backend.budgets[account_id]:
        raise NotFoundException(f"Unable to {action} - the budget {name} doesn't exist.")
    return backend.budgets[account_id][name]


def _notification(budget: Budget, details: dict[str, Any], action: str) -> Notification:
    for notification in budget.notifications:
        if _key(notification.details) == _key(details):
            return notification
    raise NotFoundException(f"Unable to {action} - the notification {_describe(details)} doesn't exist.")


def _check_subscribers(subscribers: list[dict[str, Any]]) -> None:
    if not subscribers:
        raise InvalidParameterException("A notification must have at least one subscriber.")
    for kind, most in MAX_SUBSCRIBERS.items():
        count = sum(1 for subscriber in subscribers if subscriber.get("SubscriptionType") == kind)
        if count > most:
            raise CreationLimitExceededException(
                f"A notification can have at most {most} {kind} subscribers; this one would have {count}."
            )


def _check_new_notification(budget: Budget, details: dict[str, Any]) -> None:
    if any(_key(notification.details) == _key(details) for notification in budget.notifications):
        raise DuplicateRecordException(record_type="notification", record_name=_describe(details))
    if len(budget.notifications) >= MAX_NOTIFICATIONS:
        raise CreationLimitExceededException(f"A budget can have at most {MAX_NOTIFICATIONS} notifications.")


# The backend


def create_notification(
    self: BudgetsBackend,
    account_id: str,
    budget_name: str,
    notification: dict[str, Any],
    subscribers: list[dict[str, Any]],
) -> None:
    budget = _budget(self, account_id, budget_name, "create notification")
    _check_new_notification(budget, notification)
    _check_subscribers(subscribers)
    budget.add_notification(details=dict(notification), subscribers=list(subscribers))


def delete_notification(self: BudgetsBackend, account_id: str, budget_name: str, notification: dict[str, Any]) -> None:
    budget = _budget(self, account_id, budget_name, "delete notification")
    found = _notification(budget, notification, "delete notification")
    budget.notifications.remove(found)


def describe_notifications_for_budget(self: BudgetsBackend, account_id: str, budget_name: str) -> list[dict[str, Any]]:
    budget = _budget(self, account_id, budget_name, "describe notifications")
    return [{**notification.details, "NotificationState": "OK"} for notification in budget.notifications]


def update_notification(
    self: BudgetsBackend, account_id: str, budget_name: str, old: dict[str, Any], new: dict[str, Any]
) -> None:
    budget = _budget(self, account_id, budget_name, "update notification")
    found = _notification(budget, old, "update notification")
    if _key(new) != _key(old) and any(_key(n.details) == _key(new) for n in budget.notifications):
        raise DuplicateRecordException(record_type="notification", record_name=_describe(new))
    found.details = {key: value for key, value in new.items() if key != "NotificationState"}


def describe_subscribers_for_notification(
    self: BudgetsBackend, account_id: str, budget_name: str, notification: dict[str, Any]
) -> list[dict[str, Any]]:
    budget = _budget(self, account_id, budget_name, "describe subscribers")
    return list(_notification(budget, notification, "describe subscribers").subscribers)


def create_subscriber(
    self: BudgetsBackend, account_id: str, budget_name: str, notification: dict[str, Any], subscriber: dict[str, Any]
) -> None:
    found = _notification(
        _budget(self, account_id, budget_name, "create subscriber"), notification, "create subscriber"
    )
    if _subscriber_key(subscriber) in {_subscriber_key(s) for s in found.subscribers}:
        raise DuplicateRecordException(record_type="subscriber", record_name=subscriber.get("Address", ""))
    _check_subscribers([*found.subscribers, subscriber])
    found.subscribers = [*found.subscribers, dict(subscriber)]


def _existing_subscriber(found: Notification, subscriber: dict[str, Any], action: str) -> int:
    for index, existing in enumerate(found.subscribers):
        if _subscriber_key(existing) == _subscriber_key(subscriber):
            return index
    raise NotFoundException(f"Unable to {action} - the subscriber {subscriber.get('Address')} doesn't exist.")


def delete_subscriber(
    self: BudgetsBackend, account_id: str, budget_name: str, notification: dict[str, Any], subscriber: dict[str, Any]
) -> None:
    found = _notification(
        _budget(self, account_id, budget_name, "delete subscriber"), notification, "delete subscriber"
    )
    index = _existing_subscriber(found, subscriber, "delete subscriber")
    found.subscribers = [s for position, s in enumerate(found.subscribers) if position != index]


def update_subscriber(
    self: BudgetsBackend,
    account_id: str,
    budget_name: str,
    notification: dict[str, Any],
    old: dict[str, Any],
    new: dict[str, Any],
) -> None:
    found = _notification(
        _budget(self, account_id, budget_name, "update subscriber"), notification, "update subscriber"
    )
    index = _existing_subscriber(found, old, "update subscriber")
    if _subscriber_key(new) != _subscriber_key(old) and _subscriber_key(new) in {
        _subscriber_key(s) for s in found.subscribers
    }:
        raise DuplicateRecordException(record_type="subscriber", record_name=new.get("Address", ""))
    subscribers = list(found.subscribers)
    subscribers[index] = dict(new)
    _check_subscribers(subscribers)
    found.subscribers = subscribers


def update_budget(self: BudgetsBackend, account_id: str, new_budget: dict[str, Any]) -> None:
    budget = _budget(self, account_id, new_budget.get("BudgetName", ""), "update budget")
    if "BudgetLimit" not in new_budget and "PlannedBudgetLimits" not in new_budget:
        raise InvalidParameterException(
            "Unable to create/update budget - please provide one of the followings:"
            " Budget Limit/ Planned Budget Limit/ Auto Adjust Data"
        )
    kept = {key: budget.budget[key] for key in ("TimePeriod",) if key in budget.budget}
    budget.budget = {**kept, **{key: value for key, value in new_budget.items() if key != "CalculatedSpend"}}
    budget.budget["LastUpdatedTime"] = unix_time()


def _tagged_budget(backend: BudgetsBackend, arn: str) -> Budget:
    match = BUDGET_ARN.match(arn or "")
    if not match:
        raise InvalidParameterException(f"{arn} is not the ARN of a budget.")
    return _budget(backend, match.group("account"), match.group("name"), "find resource")


def _tags(budget: Budget) -> dict[str, str]:
    if not hasattr(budget, "_appstack_tags"):
        budget._appstack_tags = {}
    return budget._appstack_tags


# The responses


def _params(response: BudgetsResponse) -> dict[str, Any]:
    return json.loads(response.body or "{}")


def _create_budget_response(self: BudgetsResponse) -> str:
    params = _params(self)
    notifications = params.get("NotificationsWithSubscribers") or []
    if len(notifications) > MAX_NOTIFICATIONS:
        raise CreationLimitExceededException(f"A budget can have at most {MAX_NOTIFICATIONS} notifications.")
    keys = [_key(entry["Notification"]) for entry in notifications]
    if len(set(keys)) != len(keys):
        raise DuplicateRecordException(
            record_type="notification", record_name="repeated in NotificationsWithSubscribers"
        )
    for entry in notifications:
        _check_subscribers(entry.get("Subscribers") or [])
    self.backend.create_budget(account_id=params["AccountId"], budget=params["Budget"], notifications=notifications)
    budget = self.backend.budgets[params["AccountId"]][params["Budget"]["BudgetName"]]
    _tags(budget).update({tag["Key"]: tag.get("Value", "") for tag in params.get("ResourceTags") or []})
    return "{}"


def _update_budget_response(self: BudgetsResponse) -> str:
    params = _params(self)
    self.backend.update_budget(params["AccountId"], params.get("NewBudget") or {})
    return "{}"


def _update_notification_response(self: BudgetsResponse) -> str:
    params = _params(self)
    self.backend.update_notification(
        params["AccountId"], params["BudgetName"], params["OldNotification"], params["NewNotification"]
    )
    return "{}"


def _describe_subscribers_response(self: BudgetsResponse) -> str:
    params = _params(self)
    subscribers = self.backend.describe_subscribers_for_notification(
        params["AccountId"], params["BudgetName"], params["Notification"]
    )
    return json.dumps({"Subscribers": subscribers})


def _subscriber_response(operation: str) -> Any:
    def respond(self: BudgetsResponse) -> str:
        params = _params(self)
        method = getattr(self.backend, operation)
        if operation == "update_subscriber":
            method(
                params["AccountId"],
                params["BudgetName"],
                params["Notification"],
                params["OldSubscriber"],
                params["NewSubscriber"],
            )
        else:
            method(params["AccountId"], params["BudgetName"], params["Notification"], params["Subscriber"])
        return "{}"

    respond.__name__ = operation
    return respond


def _tag_resource_response(self: BudgetsResponse) -> str:
    params = _params(self)
    tags = _tags(_tagged_budget(self.backend, params.get("ResourceARN", "")))
    tags.update({tag["Key"]: tag.get("Value", "") for tag in params.get("ResourceTags") or []})
    return "{}"


def _untag_resource_response(self: BudgetsResponse) -> str:
    params = _params(self)
    tags = _tags(_tagged_budget(self.backend, params.get("ResourceARN", "")))
    for key in params.get("ResourceTagKeys") or []:
        tags.pop(key, None)
    return "{}"


def _list_tags_response(self: BudgetsResponse) -> str:
    params = _params(self)
    tags = _tags(_tagged_budget(self.backend, params.get("ResourceARN", "")))
    return json.dumps({"ResourceTags": [{"Key": key, "Value": value} for key, value in tags.items()]})


def apply() -> None:
    BudgetsBackend.create_notification = create_notification
    BudgetsBackend.delete_notification = delete_notification
    BudgetsBackend.describe_notifications_for_budget = describe_notifications_for_budget
    BudgetsBackend.update_notification = update_notification
    BudgetsBackend.describe_subscribers_for_notification = describe_subscribers_for_notification
    BudgetsBackend.create_subscriber = create_subscriber
    BudgetsBackend.delete_subscriber = delete_subscriber
    BudgetsBackend.update_subscriber = update_subscriber
    BudgetsBackend.update_budget = update_budget
    BudgetsResponse.create_budget = _create_budget_response
    BudgetsResponse.update_budget = _update_budget_response
    BudgetsResponse.update_notification = _update_notification_response
    BudgetsResponse.describe_subscribers_for_notification = _describe_subscribers_response
    for operation in ("create_subscriber", "delete_subscriber", "update_subscriber"):
        setattr(BudgetsResponse, operation, _subscriber_response(operation))
    BudgetsResponse.tag_resource = _tag_resource_response
    BudgetsResponse.untag_resource = _untag_resource_response
    BudgetsResponse.list_tags_for_resource = _list_tags_response
