"""The appstack.aws.drift callback: inert outside drift.yml; in it, every play in check and diff mode, and each
changed result recorded with its role, task and diff, and no value of a no_log result."""

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from ansible.utils.vars import load_options_vars
from ansible_collections.appstack.aws.plugins.callback.drift import (
    MARKER,
    RECORDS_VARIABLE,
    CallbackModule,
    task_record,
)


class Play:
    def __init__(self, variables=None):
        self.vars = variables or {}
        self.check_mode = None
        self.diff = None

    def get_name(self):
        return "Build the network"


def playbook(*plays):
    return SimpleNamespace(get_plays=lambda: list(plays))


def result(returned, no_log=False):
    role = SimpleNamespace(get_name=lambda include_role_fqcn=True: "network")
    task = SimpleNamespace(_role=role, action="amazon.aws.ec2_security_group", no_log=no_log)
    task.get_name = lambda: "Set the security group rules"
    return SimpleNamespace(task=task, result=returned)


@pytest.fixture
def options_vars():
    """The options variables the callback updates, restored afterwards."""
    options = load_options_vars(None)
    saved = dict(options)
    yield options
    options.clear()
    options.update(saved)
    os.environ.pop(RECORDS_VARIABLE, None)


def test_a_playbook_without_the_marker_is_left_as_it_is(options_vars):
    plays = [Play(), Play()]
    callback = CallbackModule()
    callback.v2_playbook_on_start(playbook(*plays))
    assert [(play.check_mode, play.diff) for play in plays] == [(None, None), (None, None)]
    assert RECORDS_VARIABLE not in os.environ
    callback.v2_runner_on_ok(result({"changed": True, "diff": {"before": {}, "after": {"a": 1}}}))
    assert callback._records is None


def test_a_drift_playbook_runs_every_play_in_check_and_diff_mode(options_vars):
    plays = [Play({MARKER: True}), Play(), Play()]
    callback = CallbackModule()
    callback.v2_playbook_on_start(playbook(*plays))
    try:
        assert [(play.check_mode, play.diff) for play in plays] == [(True, True)] * 3
        assert options_vars["ansible_check_mode"] is True
        assert options_vars["ansible_diff_mode"] is True
        assert json.loads(Path(os.environ[RECORDS_VARIABLE]).read_text()) == []
    finally:
        callback.v2_playbook_on_stats(None)
    assert RECORDS_VARIABLE not in os.environ


def test_changed_results_and_loop_items_are_recorded_in_the_records_file(options_vars):
    callback = CallbackModule()
    callback.v2_playbook_on_start(playbook(Play({MARKER: True})))
    try:
        callback.v2_playbook_on_play_start(Play())
        diff = {"before": {"ip_permissions": []}, "after": {"ip_permissions": [{"from_port": 443}]}}
        callback.v2_runner_on_ok(result({"changed": False}))
        callback.v2_runner_on_ok(
            result(
                {
                    "changed": True,
                    "results": [
                        {"changed": False, "_ansible_item_label": "alb"},
                        {
                            "changed": True,
                            "_ansible_item_label": "app",
                            "diff": diff,
                            "invocation": {"module_args": {"name": "smartscheduler-prod-app"}},
                        },
                    ],
                }
            )
        )
        (recorded,) = json.loads(Path(os.environ[RECORDS_VARIABLE]).read_text())
    finally:
        callback.v2_playbook_on_stats(None)
    assert recorded == {
        "play": "Build the network",
        "role": "network",
        "task": "Set the security group rules",
        "action": "amazon.aws.ec2_security_group",
        "item": "app",
        "resource": "smartscheduler-prod-app",
        "hidden": False,
        "diff": [diff],
    }


def test_a_no_log_result_is_recorded_without_its_diff_item_or_arguments():
    censored = {
        "changed": True,
        "censored": "the output has been hidden due to the fact that 'no_log: true' was specified for this result",
    }
    recorded = task_record(censored, "secrets", "Store the secret", "appstack.aws.secret", "Build the secrets")
    assert recorded["hidden"] is True
    assert (recorded["diff"], recorded["item"], recorded["resource"]) == ([], None, None)
    leaked = {"changed": True, "_ansible_no_log": True, "diff": {"after": {"secret": "s3cr3t"}}}
    assert "s3cr3t" not in json.dumps(task_record(leaked, "secrets", "Store", "x", "p"))


def test_the_resource_is_the_tasks_identifying_argument_else_its_name_tag():
    by_name = {"changed": True, "invocation": {"module_args": {"alarm_name": "a", "name": "b"}}}
    assert task_record(by_name, None, "t", "x", "p")["resource"] == "a"
    by_tag = {"changed": True, "invocation": {"module_args": {"tags": {"Name": "smartscheduler-prod-igw"}}}}
    assert task_record(by_tag, None, "t", "x", "p")["resource"] == "smartscheduler-prod-igw"
