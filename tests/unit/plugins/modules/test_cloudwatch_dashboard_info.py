"""Unit tests for appstack.aws.cloudwatch_dashboard_info (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.modules import cloudwatch_dashboard_info as module

PREFIX = "Smartscheduler-"
MODIFIED = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
BODY = '{"widgets":[]}'


def arn(name):
    return f"arn:aws:cloudwatch::123456789012:dashboard/{name}"


def entry(name):
    return {"DashboardName": name, "DashboardArn": arn(name), "LastModified": MODIFIED, "Size": len(BODY)}


def queue_read(stubber, name, tags=None):
    stubber.add_response(
        "get_dashboard",
        {"DashboardName": name, "DashboardArn": arn(name), "DashboardBody": BODY},
        {"DashboardName": name},
    )
    stubber.add_response(
        "list_tags_for_resource",
        {"Tags": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]},
        {"ResourceARN": arn(name)},
    )


def test_exact_name_returns_only_that_dashboard_with_its_body_size_and_tags(cloudwatch):
    client, stubber = cloudwatch
    name = f"{PREFIX}Prod"
    stubber.add_response(
        "list_dashboards",
        {"DashboardEntries": [entry(name), entry(f"{name}-Old")]},
        {"DashboardNamePrefix": name},
    )
    queue_read(stubber, name, tags={"Environment": "prod"})

    (dashboard,) = module.find_dashboards(client, name=name)

    assert dashboard == {
        "dashboard_name": name,
        "dashboard_arn": arn(name),
        "dashboard_body": {"widgets": []},
        "size": len(BODY),
        "last_modified": "2026-01-15T10:00:00+00:00",
        "tags": {"Environment": "prod"},
    }


def test_a_missing_name_returns_an_empty_list(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("list_dashboards", {"DashboardEntries": []}, {"DashboardNamePrefix": "Missing"})

    assert module.find_dashboards(client, name="Missing") == []


def test_a_prefix_reads_every_page_sorted_by_name(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response(
        "list_dashboards",
        {"DashboardEntries": [entry(f"{PREFIX}Qa")], "NextToken": "t"},
        {"DashboardNamePrefix": PREFIX},
    )
    stubber.add_response(
        "list_dashboards",
        {"DashboardEntries": [entry(f"{PREFIX}Dev")]},
        {"DashboardNamePrefix": PREFIX, "NextToken": "t"},
    )
    queue_read(stubber, f"{PREFIX}Qa")
    queue_read(stubber, f"{PREFIX}Dev")

    dashboards = module.find_dashboards(client, name_prefix=PREFIX)

    assert [dashboard["dashboard_name"] for dashboard in dashboards] == [f"{PREFIX}Dev", f"{PREFIX}Qa"]


def test_a_dashboard_deleted_between_list_and_get_is_left_out(cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response("list_dashboards", {"DashboardEntries": [entry("Gone")]}, {})
    stubber.add_client_error("get_dashboard", "ResourceNotFound", "Dashboard does not exist", 404)

    assert module.find_dashboards(client) == []


def test_a_bad_prefix_fails_before_any_call(run_module):
    rc, result = run_module(module, {"name_prefix": "bad prefix"}, None)

    assert rc == 1
    assert result["problems"][0].startswith("name_prefix must be 1 to 255 letters, digits or the characters . - _")
