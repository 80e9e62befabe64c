"""Record a peer target's outcome, and skip the tasks the harness was told to skip.

The harness (``tests/peer/harness.py``) enables this callback for each run. It reads:

- ``APPSTACK_PEER_REPORT``: the JSON file this callback writes when the playbook ends;
- ``APPSTACK_PEER_SKIP``: a JSON list of the tasks to skip, each by its name or, for a task without one, by where
  it is written (``iam_role/tasks/instance_profile.yml:58``).

A skipped task gets a false ``when`` before the strategy queues it, so Ansible reports it as skipped, registers
``skipped: true`` for it and goes on: the target's files stay as their authors wrote them.
"""

from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: peer_report
type: aggregate
short_description: Outcome of an upstream integration target, for the peer-test harness
description:
  - Writes the first failing task and the counts of a run to the file named by APPSTACK_PEER_REPORT.
  - Skips the tasks APPSTACK_PEER_SKIP lists (a JSON list of names or file:line places) by giving them a false
    condition.
options: {}
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "peer_report"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self) -> None:
        super().__init__()
        self._report_path = os.environ.get("APPSTACK_PEER_REPORT")
        self._skip = frozenset(json.loads(os.environ.get("APPSTACK_PEER_SKIP", "[]")))
        self._report: dict = {"first_failure": None, "failed": 0, "ok": 0, "skipped_on_purpose": []}

    def v2_playbook_on_task_start(self, task, is_conditional):
        listed = self._listed(task)
        if listed:
            task.when = [False]
            if listed not in self._report["skipped_on_purpose"]:
                self._report["skipped_on_purpose"].append(listed)

    def _listed(self, task) -> str | None:
        """The skip-list entry naming this task, if any."""
        if task.name in self._skip:
            return task.name
        place = task.get_path() or ""
        return next((entry for entry in self._skip if place.endswith("/" + entry)), None)

    def v2_runner_on_ok(self, result):
        self._report["ok"] += 1

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if ignore_errors:
            return
        self._record_failure(result, "failed")

    def v2_runner_on_unreachable(self, result):
        self._record_failure(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        if self._report_path:
            with open(self._report_path, "w", encoding="utf-8") as report:
                json.dump(self._report, report, indent=2)

    def _record_failure(self, result, kind: str) -> None:
        self._report["failed"] += 1
        if self._report["first_failure"] is None:
            self._report["first_failure"] = {
                "task": _task_label(result),
                "kind": kind,
                "message": _message(result._result),
            }


def _task_label(result) -> str:
    """The task's name; for a task without one, its action and where it is written."""
    task = result._task
    if task.name:
        return result.task_name
    place = "/".join((task.get_path() or "").split("/")[-3:])
    return f"{result.task_name} ({place})" if place else result.task_name


def _message(result: dict) -> str:
    """The failure's reason, short enough for a table cell."""
    message = result.get("msg") or result.get("message") or ""
    if not message and result.get("assertion"):
        message = f"assertion failed: {result['assertion']}"
    if not isinstance(message, str):
        message = json.dumps(message, default=str)
    return " ".join(message.split())[:400]
