#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: budget_info
version_added: 0.7.0
short_description: Read AWS Budgets budgets, their notifications and subscribers
description:
  - Read one budget by name, or every budget of the account, with its notifications, their subscribers and its
    tags.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the budget to read. When not set, every budget of the account is read.
    type: str
    aliases: ["budget_name"]
  account_id:
    description:
      - The 12-digit ID of the account that owns the budgets.
      - When not set, the account of the credentials, found with C(sts:GetCallerIdentity).
    type: str
notes:
  - Each budget costs C(DescribeBudget) (or a page of C(DescribeBudgets)), C(DescribeNotificationsForBudget), one
    C(DescribeSubscribersForNotification) per notification and C(ListTagsForResource); the IAM actions are
    C(budgets:ViewBudget) and C(budgets:ListTagsForResource).
  - Use M(appstack.aws.budget) to manage budgets.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the prod budget
  appstack.aws.budget_info:
    name: smartscheduler-prod-monthly
  register: budget_info

- name: Read every budget of the account
  appstack.aws.budget_info:
  register: all_budgets
"""

RETURN = r"""
budgets:
  description:
    - The budgets found, in the form M(appstack.aws.budget) returns as RV(appstack.aws.budget#module:budget), with
      their tags; empty when O(name) names no budget.
  returned: always
  type: list
  elements: dict
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
    cost_filters:
      description: The cost filters, as AWS spells them.
      returned: always
      type: dict
      sample: {"TagKeyValue": ["user:Environment$prod"]}
    notifications:
      description: The notifications, each with its C(subscribers).
      returned: always
      type: list
      elements: dict
    tags:
      description: The tags of the budget.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import budgets, budgets_plan
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    problems = budgets_plan.name_problems(params["name"])
    if params.get("account_id") is not None and not budgets_plan.ACCOUNT_ID.match(params["account_id"]):
        problems.append(f"account_id must be 12 digits, not {params['account_id']!r}.")
    return problems


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["budget_name"]),
        account_id=dict(type="str"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("budgets", retry_decorator=AWSRetry.jittered_backoff())
    try:
        account_id = params["account_id"] or budgets.caller_account_id(
            module.client("sts", retry_decorator=AWSRetry.jittered_backoff())
        )
        if params["name"]:
            budget = budgets.get_budget(client, account_id, params["name"])
            found = [budget] if budget else []
        else:
            found = budgets.list_budgets(client, account_id)
    except budgets.AnsibleBudgetsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, budgets=found)


if __name__ == "__main__":
    main()
