#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: budget
version_added: 0.7.0
short_description: Manage AWS Budgets cost budgets, their notifications and subscribers
description:
  - Create, update and delete an AWS Budgets cost budget, with its cost filters, its notifications (actual or
    forecasted spend over an absolute amount or a percentage of the limit) and their email and SNS subscribers.
  - Only cost budgets (O(budget_type=COST)) are supported; usage, RI and Savings Plans budgets are not.
  - On an existing budget, only the settings given are compared and changed; an option left unset leaves that
    setting as it is.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the budget (C(BudgetName)), unique in the account.
      - 1 to 100 characters, without C(:) or C(\) and without C(/action/).
    type: str
    required: true
    aliases: ["budget_name"]
  state:
    description: Whether the budget should exist. O(state=absent) deletes it with its notifications and subscribers.
    type: str
    choices: ["present", "absent"]
    default: present
  account_id:
    description:
      - The 12-digit ID of the account that owns the budget.
      - When not set, the account of the credentials, found with C(sts:GetCallerIdentity) (one more call).
    type: str
  limit_amount:
    description:
      - The budgeted amount, above 0, in O(limit_unit), for each O(time_unit).
      - Required to create a budget. Compared as a number, so V(100), V(100.0) and C("100.00") are the same limit.
    type: float
  limit_unit:
    description:
      - The unit of O(limit_amount), a currency for a cost budget.
      - When not set, V(USD) for a new budget; an existing budget's unit is left as it is.
    type: str
  time_unit:
    description:
      - How long each budget period is; O(limit_amount) applies to each.
      - When not set, V(MONTHLY) for a new budget; an existing budget's time unit is left as it is.
    type: str
    choices: ["DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY"]
  budget_type:
    description:
      - What the budget tracks. Only V(COST) is supported.
      - The module fails, without changing anything, on an existing budget of another type.
    type: str
    choices: ["COST"]
    default: COST
  cost_filters:
    description:
      - The costs the budget counts, as AWS's C(CostFilters) (filter name to a list of values); compared with the
        values in any order. V({}) removes every filter.
      - >-
        To count the costs of one environment, filter by a cost allocation tag with C(TagKeyValue), each value
        C(user:<tag key>$<tag value>), for example C({"TagKeyValue": ["user:Environment$prod"]}). The tag must be
        activated as a cost allocation tag in the Billing console before AWS counts costs by it.
      - Other filter names include C(Service) (for example C(Amazon Relational Database Service)), C(Region) and
        C(LinkedAccount).
    type: dict
  cost_types:
    description:
      - Which kinds of cost the budget counts; only the kinds given are compared and changed.
      - AWS counts every kind but blended and amortized costs unless told otherwise.
    type: dict
    suboptions:
      include_tax:
        description: Whether taxes count.
        type: bool
      include_subscription:
        description: Whether non-RI subscription costs count.
        type: bool
      use_blended:
        description: Whether blended costs are used.
        type: bool
      include_refund:
        description: Whether refunds count.
        type: bool
      include_credit:
        description: Whether credits count.
        type: bool
      include_upfront:
        description: Whether upfront RI costs count.
        type: bool
      include_recurring:
        description: Whether recurring fees (such as monthly RI fees) count.
        type: bool
      include_other_subscription:
        description: Whether other subscription costs count.
        type: bool
      include_support:
        description: Whether support charges count.
        type: bool
      include_discount:
        description: Whether discounts count.
        type: bool
      use_amortized:
        description: Whether amortized costs are used.
        type: bool
  notifications:
    description:
      - The notifications of the budget, compared as a set. A notification is known by its
        O(notifications[].notification_type), O(notifications[].comparison_operator), O(notifications[].threshold)
        and O(notifications[].threshold_type); its subscribers are compared as a set.
      - A notification whose threshold or operator changes is updated in place (C(UpdateNotification)) and keeps
        its subscribers; others are created or deleted. V([]) deletes every notification; when not set, the
        notifications are left as they are.
      - AWS allows at most 10 notifications per budget (API reference, C(Notification)).
    type: list
    elements: dict
    suboptions:
      notification_type:
        description: Whether the notification is about the actual spend (V(ACTUAL)) or the forecasted spend (V(FORECASTED)).
        type: str
        required: true
        choices: ["ACTUAL", "FORECASTED"]
      comparison_operator:
        description: How the spend is compared with the threshold.
        type: str
        choices: ["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]
        default: GREATER_THAN
      threshold:
        description:
          - The threshold, above 0, compared as a number.
          - With O(notifications[].threshold_type=PERCENTAGE), a percentage of O(limit_amount) (at most 1,000,000);
            with V(ABSOLUTE_VALUE), an amount in O(limit_unit).
        type: float
        required: true
      threshold_type:
        description: Whether O(notifications[].threshold) is a percentage of the limit or an amount.
        type: str
        choices: ["PERCENTAGE", "ABSOLUTE_VALUE"]
        default: PERCENTAGE
      subscribers:
        description:
          - Who is notified, compared as a set. At least one; AWS allows at most 10 email subscribers and one SNS
            topic per notification (API reference, C(NotificationWithSubscribers)).
          - An SNS topic must let C(budgets.amazonaws.com) publish to it (its access policy, and its KMS key policy
            when it is encrypted).
        type: list
        elements: dict
        required: true
        suboptions:
          subscription_type:
            description: How the subscriber is notified.
            type: str
            required: true
            choices: ["EMAIL", "SNS"]
            aliases: ["type"]
          address:
            description: An email address for V(EMAIL), an SNS topic ARN for V(SNS).
            type: str
            required: true
notes:
  - Neither amazon.aws nor community.aws has a module for AWS Budgets.
  - AWS Budgets has one endpoint for all Regions, in us-east-1; O(region) only picks the partition.
  - The options are checked before any API call (the name by AWS's rules, the limit and thresholds above 0, email
    addresses, SNS topic ARNs, the limits of 10 notifications per budget and of 10 email subscribers and one SNS
    topic per notification); a failure lists every problem found.
  - Budgets change at once, and there is nothing to wait for, so the module has no C(wait) option.
  - A run that changes nothing reads the budget with C(DescribeBudget), C(DescribeNotificationsForBudget) and one
    C(DescribeSubscribersForNotification) per notification, plus C(ListTagsForResource) when O(tags) is set and
    C(sts:GetCallerIdentity) when O(account_id) is not.
  - Updates go through C(UpdateBudget), C(CreateNotification), C(UpdateNotification), C(DeleteNotification),
    C(CreateSubscriber), C(UpdateSubscriber), C(DeleteSubscriber), C(TagResource) and C(UntagResource); the IAM
    actions are C(budgets:ViewBudget) and C(budgets:ModifyBudget), plus C(budgets:ListTagsForResource),
    C(budgets:TagResource) and C(budgets:UntagResource) for tags.
  - Use M(appstack.aws.budget_info) to read budgets.
  - Supports check mode and diff mode. Check mode returns the expected budget and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create a monthly cost budget for the prod environment, with alerts at $50, $100 and $150
  appstack.aws.budget:
    name: smartscheduler-prod-monthly
    limit_amount: 150
    time_unit: MONTHLY
    cost_filters:
      TagKeyValue:
        - user:Environment$prod
    notifications:
      - notification_type: ACTUAL
        threshold: 50
        threshold_type: ABSOLUTE_VALUE
        subscribers:
          - subscription_type: EMAIL
            address: ops@example.com
          - subscription_type: SNS
            address: arn:aws:sns:us-east-1:123456789012:smartscheduler-prod-alerts
      - notification_type: FORECASTED
        threshold: 100
        threshold_type: PERCENTAGE
        subscribers:
          - subscription_type: EMAIL
            address: ops@example.com
    tags:
      Application: smartscheduler
      Environment: prod

- name: Raise the limit without touching the notifications
  appstack.aws.budget:
    name: smartscheduler-prod-monthly
    limit_amount: 200

- name: Delete a budget
  appstack.aws.budget:
    name: smartscheduler-dev-monthly
    state: absent
"""

RETURN = r"""
budget:
  description:
    - The budget, with its notifications and their subscribers.
    - In check mode, the state the budget would have; values only AWS can give (such as the time period of a new
      budget) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    budget_name:
      description: The name of the budget.
      returned: always
      type: str
      sample: smartscheduler-prod-monthly
    account_id:
      description: The account that owns the budget.
      returned: always
      type: str
      sample: "123456789012"
    budget_type:
      description: What the budget tracks.
      returned: always
      type: str
      sample: COST
    budget_limit:
      description: The limit, as C(amount) (text) and C(unit).
      returned: always
      type: dict
      sample: {"amount": "150.0", "unit": "USD"}
    time_unit:
      description: How long each budget period is.
      returned: always
      type: str
      sample: MONTHLY
    time_period:
      description: The C(start) and C(end) of the budget.
      returned: when the budget exists
      type: dict
    cost_filters:
      description: The cost filters, as AWS spells them.
      returned: always
      type: dict
      sample: {"TagKeyValue": ["user:Environment$prod"]}
    cost_types:
      description: The kinds of cost counted (C(include_tax), C(use_blended), ...).
      returned: always
      type: dict
    calculated_spend:
      description: The C(actual_spend) and C(forecasted_spend) so far.
      returned: when the budget exists
      type: dict
    last_updated_time:
      description: When the budget was last changed.
      returned: when the budget exists
      type: str
    notifications:
      description:
        - The notifications (C(notification_type), C(comparison_operator), C(threshold), C(threshold_type) and,
          once AWS has evaluated them, C(notification_state)), each with its C(subscribers)
          (C(subscription_type), C(address)).
      returned: always
      type: list
      elements: dict
      sample:
        - {"notification_type": "ACTUAL", "comparison_operator": "GREATER_THAN", "threshold": 50.0,
           "threshold_type": "ABSOLUTE_VALUE", "notification_state": "OK",
           "subscribers": [{"subscription_type": "EMAIL", "address": "ops@example.com"}]}
    tags:
      description: The tags of the budget.
      returned: when O(tags) is set
      type: dict
      sample: {"Environment": "prod"}
read_calls:
  description: How many API calls the module made to read the budget (a no-op run makes only these).
  returned: always
  type: int
  sample: 6
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import budgets, budgets_plan
from ansible_collections.appstack.aws.plugins.module_utils.budgets import AnsibleBudgetsError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

# What AWS recomputes by itself, and a diff leaves out.
VOLATILE_KEYS = ("calculated_spend", "last_updated_time")


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return budgets_plan.validate(params)


def create(client, account_id, params, check_mode):
    if params.get("limit_amount") is None:
        raise AnsibleBudgetsError(message=f"Budget {params['name']} does not exist; to create it, set limit_amount.")
    predicted = budgets_plan.predicted_budget(params, account_id)
    if not check_mode:
        budgets.create_budget(
            client,
            account_id,
            budgets_plan.budget_to_api(params),
            budgets_plan.notifications_with_subscribers(predicted["notifications"]),
            params.get("tags"),
        )
    return predicted


def ensure_settings(client, budget, params, check_mode):
    if budget.get("budget_type") != params["budget_type"]:
        raise AnsibleBudgetsError(
            message=(
                f"Budget {params['name']} is a {budget.get('budget_type')} budget; this module manages only"
                f" {params['budget_type']} budgets. Give another name, or delete the budget with state=absent first."
            )
        )
    new_budget = budgets_plan.plan_budget(budget, params)
    if not new_budget:
        return False, budget
    if not check_mode:
        budgets.update_budget(client, budget["account_id"], new_budget)
    return True, budgets_plan.updated_budget(budget, new_budget, None)


def ensure_notifications(client, budget, params, check_mode):
    if params.get("notifications") is None:
        return False, budget
    desired = budgets_plan.desired_notifications(params["notifications"])
    steps = budgets_plan.plan_notifications(budget.get("notifications"), desired)
    if not steps:
        return False, budget
    if not check_mode:
        for step in steps:
            budgets.run_step(client, budget["account_id"], params["name"], step)
    return True, budgets_plan.updated_budget(budget, None, desired)


def ensure_budget_tags(client, budget, params, check_mode):
    arn = budgets.budget_arn(client, budget["account_id"], params["name"])
    return ensure_tags(
        budget,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(budgets.tag_budget, client, arn),
        untag=partial(budgets.untag_budget, client, arn),
    )


def ensure_present(client, account_id, current, params, check_mode):
    """Bring the budget to what params ask for; returns (changed, expected state)."""
    if not current:
        return True, create(client, account_id, params, check_mode)
    changed, budget = False, current
    for step in (ensure_settings, ensure_notifications, ensure_budget_tags):
        step_changed, budget = step(client, budget, params, check_mode)
        changed = changed or step_changed
    return changed, budget


def ensure_absent(client, account_id, current, params, check_mode):
    """Delete the budget; returns (changed, expected state), the state being None: no budget."""
    if not current:
        return False, None
    if not check_mode:
        budgets.delete_budget(client, account_id, params["name"])
    return True, None


def read_call_count(budget, params, state):
    """The calls get_budget made (and GetCallerIdentity): what a run that changes nothing costs."""
    count = 0 if params.get("account_id") else 1
    if not budget:
        return count + 1
    count += 2 + len(budget.get("notifications") or [])
    return count + (1 if state == "present" and params.get("tags") is not None else 0)


def diff_view(budget):
    """The budget as a diff shows it: without the spend and update time AWS recomputes on every change."""
    return {key: value for key, value in (budget or {}).items() if key not in VOLATILE_KEYS}


def main():
    subscriber_spec = dict(
        subscription_type=dict(type="str", required=True, choices=budgets_plan.SUBSCRIPTION_TYPES, aliases=["type"]),
        address=dict(type="str", required=True),
    )
    notification_spec = dict(
        notification_type=dict(type="str", required=True, choices=budgets_plan.NOTIFICATION_TYPES),
        comparison_operator=dict(type="str", default="GREATER_THAN", choices=budgets_plan.COMPARISON_OPERATORS),
        threshold=dict(type="float", required=True),
        threshold_type=dict(type="str", default="PERCENTAGE", choices=budgets_plan.THRESHOLD_TYPES),
        subscribers=dict(type="list", elements="dict", required=True, options=subscriber_spec),
    )
    cost_types_spec = {option: dict(type="bool") for option in budgets_plan.COST_TYPE_KEYS}
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["budget_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        account_id=dict(type="str"),
        limit_amount=dict(type="float"),
        limit_unit=dict(type="str"),
        time_unit=dict(type="str", choices=budgets_plan.TIME_UNITS),
        budget_type=dict(type="str", default="COST", choices=budgets_plan.BUDGET_TYPES),
        cost_filters=dict(type="dict"),
        cost_types=dict(type="dict", options=cost_types_spec),
        notifications=dict(type="list", elements="dict", options=notification_spec),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("budgets", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    changed, current, final = False, None, None
    try:
        account_id = params["account_id"] or budgets.caller_account_id(
            module.client("sts", retry_decorator=AWSRetry.jittered_backoff())
        )
        with_tags = params["tags"] is not None and params["state"] == "present"
        current = budgets.get_budget(client, account_id, params["name"], with_tags=with_tags)
        result["read_calls"] = read_call_count(current, params, params["state"])
        if params["state"] == "absent":
            changed, final = ensure_absent(client, account_id, current, params, module.check_mode)
        else:
            changed, final = ensure_present(client, account_id, current, params, module.check_mode)
            if changed and not module.check_mode:
                final = budgets.get_budget(client, account_id, params["name"], with_tags=with_tags) or final
            result["budget"] = final
    except AnsibleBudgetsError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": diff_view(current), "after": diff_view(final)}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
