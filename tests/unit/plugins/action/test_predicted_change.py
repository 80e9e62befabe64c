"""appstack.aws.predicted_change: a change a module without check mode or diff would make, as a diff."""

from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleActionFail
from ansible.playbook.play_context import PlayContext
from ansible_collections.appstack.aws.plugins.action.predicted_change import ActionModule


def action(args):
    task = MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = True
    task.diff = True
    play_context = PlayContext()
    play_context.check_mode = True
    return ActionModule(task, MagicMock(), play_context, MagicMock(), MagicMock(), MagicMock())


def test_it_reports_a_change_with_the_live_and_declared_values_as_its_diff():
    result = action(
        {"resource": "smartscheduler-prod", "before": {"dns": False}, "after": {"dns": True}, "msg": "DNS off"}
    ).run(task_vars={})
    assert result["changed"] is True
    assert result["diff"] == {"before": {"dns": False}, "after": {"dns": True}}
    assert result["msg"] == ["DNS off"]
    assert result["invocation"]["module_args"]["resource"] == "smartscheduler-prod"


def test_before_and_after_must_be_dicts():
    with pytest.raises(AnsibleActionFail, match="before"):
        action({"before": "off", "after": {"dns": True}}).run(task_vars={})
