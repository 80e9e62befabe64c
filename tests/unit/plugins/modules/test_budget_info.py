"""Unit tests for appstack.aws.budget_info (botocore Stubber, no network)."""

import pytest
from ansible_collections.appstack.aws.plugins.modules import budget_info as module

from .test_budget import ACCOUNT, ARN, CONVERGED, FILTERS, NAME, boto_budget, queue_account, queue_read


@pytest.fixture
def clients(budgets, sts):
    return {"budgets": budgets[0], "sts": sts[0]}, budgets[1], sts[1]


def test_reads_one_budget_with_its_notifications_and_tags(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber, boto_budget(), CONVERGED, tags={"Environment": "prod"})

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0, result
    (budget,) = result["budgets"]
    assert budget["tags"] == {"Environment": "prod"}
    assert budget["cost_filters"] == FILTERS
    assert [len(n["subscribers"]) for n in budget["notifications"]] == [2, 1]


def test_on_a_missing_budget_returns_none(clients, run_module):
    client, stubber, sts_stubber = clients
    queue_account(sts_stubber)
    queue_read(stubber)

    rc, result = run_module(module, {"name": NAME}, client)

    assert rc == 0, result
    assert result["budgets"] == []


def test_lists_every_budget_of_the_account(budgets, run_module):
    client, stubber = budgets
    stubber.add_response("describe_budgets", {"Budgets": [boto_budget()]}, {"AccountId": ACCOUNT})
    stubber.add_response(
        "describe_notifications_for_budget", {"Notifications": []}, {"AccountId": ACCOUNT, "BudgetName": NAME}
    )
    stubber.add_response("list_tags_for_resource", {"ResourceTags": []}, {"ResourceARN": ARN})

    rc, result = run_module(module, {"account_id": ACCOUNT}, {"budgets": client})

    assert rc == 0, result
    assert [b["budget_name"] for b in result["budgets"]] == [NAME]
