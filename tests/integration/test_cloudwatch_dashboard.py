"""appstack.aws.cloudwatch_dashboard and cloudwatch_dashboard_info against the emulator.

Each test runs a small playbook (written to a temporary directory: one play on localhost whose tasks call the
modules) with ansible-playbook, as a user does. The tests of the class run in order on one account (the emulator is
reset once, at the start): each builds on the state the previous one left. The dashboard is read back with boto3,
and the emulator's request log proves what check mode and a second run promise: no mutating call.
"""

import copy
import json

import pytest

from .playbook import mutating_calls, run_tasks

NAME = "Smartscheduler-Test"
MODULE = "appstack.aws.cloudwatch_dashboard"
INFO = "appstack.aws.cloudwatch_dashboard_info"
CHANGED = [(MODULE, NAME)]
TAGS = {"Application": "smartscheduler", "Environment": "test"}
TEXT = {
    "type": "text",
    "x": 0,
    "y": 0,
    "width": 24,
    "height": 2,
    "properties": {"markdown": "Managed by Ansible: changes made in the console are undone by the next run."},
}
CPU = {
    "type": "metric",
    "x": 0,
    "y": 2,
    "width": 12,
    "height": 6,
    "properties": {
        "title": "Database CPU",
        "region": "us-east-1",
        "stat": "Average",
        "period": 300,
        "metrics": [["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "smartscheduler-test"]],
    },
}
ALARMS = {
    "type": "alarm",
    "x": 12,
    "y": 2,
    "width": 12,
    "height": 6,
    "properties": {"title": "Alarms", "alarms": ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:db-cpu"]},
}
BODY = {"widgets": [TEXT, CPU, ALARMS]}


def dashboard_task(**options):
    return {"name": "Manage the dashboard", MODULE: {"name": NAME, **options}, "register": "dashboard_test__result"}


def info_task(**options):
    return {"name": "Read the dashboard", INFO: {"name": NAME, **options}, "register": "dashboard_test__info"}


def run(emulator, directory, *tasks, check=False):
    return run_tasks(emulator.env, directory, "Manage a CloudWatch dashboard", list(tasks), check=check)


def only_result(result, action):
    (found,) = result.results(action)
    return found


def read_back(emulator):
    """The dashboard's parsed body and tags as boto3 reads them; (None, None) when there is no dashboard."""
    cloudwatch = emulator.client("cloudwatch")
    if not cloudwatch.list_dashboards(DashboardNamePrefix=NAME)["DashboardEntries"]:
        return None, None
    dashboard = cloudwatch.get_dashboard(DashboardName=NAME)
    tags = cloudwatch.list_tags_for_resource(ResourceARN=dashboard["DashboardArn"])["Tags"]
    return json.loads(dashboard["DashboardBody"]), {tag["Key"]: tag["Value"] for tag in tags}


def reordered_json(body):
    """The same body as a JSON string whose every object has its keys in reverse order, indented."""

    def reverse(value):
        if isinstance(value, dict):
            return {key: reverse(value[key]) for key in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(item) for item in value]
        return value

    return json.dumps(reverse(body), indent=4)


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    """An empty account, and a directory for the playbooks."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    return {"directory": tmp_path_factory.mktemp("dashboard-playbooks")}


class TestCloudWatchDashboard:
    def test_check_mode_on_an_empty_account_predicts_the_dashboard_and_creates_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == []
        assert read_back(emulator_server) == (None, None)
        predicted = only_result(result, MODULE)["dashboard"]
        assert (predicted["dashboard_body"], predicted["tags"]) == (BODY, TAGS)

    def test_create_puts_the_body_and_tags_in_one_call(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == ["monitoring:PutDashboard"]
        assert read_back(emulator_server) == (BODY, TAGS)
        returned = only_result(result, MODULE)["dashboard"]
        assert returned["dashboard_arn"] == f"arn:aws:cloudwatch::123456789012:dashboard/{NAME}"
        assert (returned["dashboard_body"], returned["tags"]) == (BODY, TAGS)

    def test_a_second_run_changes_nothing_and_the_info_module_agrees(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS), info_task())

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []
        (read,) = only_result(result, INFO)["dashboards"]
        returned = only_result(result, MODULE)["dashboard"]
        assert {key: value for key, value in read.items() if key != "last_modified"} == returned
        assert read["last_modified"]

    def test_a_json_string_with_reordered_keys_and_whitespace_is_no_change(self, emulator_server, account):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], dashboard_task(body=reordered_json(BODY), tags=TAGS))

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_check_mode_on_the_converged_account_changes_nothing_and_sends_no_mutating_call(
        self, emulator_server, account
    ):
        emulator_server.clear_requests()

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert mutating_calls(emulator_server) == []

    def test_a_widget_removed_by_hand_is_reported_in_check_mode_and_restored(self, emulator_server, account):
        by_hand = copy.deepcopy(BODY)
        del by_hand["widgets"][2]
        emulator_server.client("cloudwatch").put_dashboard(DashboardName=NAME, DashboardBody=json.dumps(by_hand))
        emulator_server.clear_requests()

        checked = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS), check=True)

        assert not checked.failed, checked.outcome()
        assert checked.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == []
        diff = only_result(checked, MODULE)["diff"]
        assert (diff["before"]["dashboard_body"], diff["after"]["dashboard_body"]) == (by_hand, BODY)

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=TAGS))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == ["monitoring:PutDashboard"]
        assert read_back(emulator_server) == (BODY, TAGS)

    def test_a_tag_change_is_applied_without_putting_the_body(self, emulator_server, account):
        emulator_server.clear_requests()
        tags = {"Application": "smartscheduler", "Owner": "web"}

        result = run(emulator_server, account["directory"], dashboard_task(body=BODY, tags=tags))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert sorted(mutating_calls(emulator_server)) == ["monitoring:TagResource", "monitoring:UntagResource"]
        assert read_back(emulator_server) == (BODY, tags)

    def test_a_body_cloudwatch_refuses_fails_naming_the_problem_and_changes_nothing(self, emulator_server, account):
        wide = copy.deepcopy(BODY)
        wide["widgets"][1]["width"] = 30
        before = read_back(emulator_server)

        result = run(emulator_server, account["directory"], dashboard_task(body=wide))

        assert result.failed
        assert "CloudWatch refused the body of dashboard" in result.failure_messages()
        assert "/widgets/1/width: Should be <= 24" in result.failure_messages()
        assert read_back(emulator_server) == before

    def test_absent_deletes_the_dashboard_and_a_second_run_changes_nothing(self, emulator_server, account):
        emulator_server.clear_requests()

        checked = run(emulator_server, account["directory"], dashboard_task(state="absent"), check=True)
        assert not checked.failed, checked.outcome()
        assert checked.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == []

        result = run(emulator_server, account["directory"], dashboard_task(state="absent"))
        again = run(emulator_server, account["directory"], dashboard_task(state="absent"), info_task())

        assert not result.failed, result.outcome()
        assert result.changed_resources() == CHANGED
        assert mutating_calls(emulator_server) == ["monitoring:DeleteDashboards"]
        assert read_back(emulator_server) == (None, None)
        assert not again.failed, again.outcome()
        assert again.changed == 0
        assert only_result(again, INFO)["dashboards"] == []
