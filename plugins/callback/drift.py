# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs playbooks/drift.yml read-only and collects what its tasks would change."""

DOCUMENTATION = r"""
name: drift
type: aggregate
short_description: Runs playbooks/drift.yml in check and diff mode and records what each task would change
version_added: 0.8.0
description:
  - Inert in every playbook but one whose plays set C(appstack_drift_report) (C(playbooks/drift.yml)).
  - In that playbook it puts every play in check and diff mode, whatever the command line says, so that the
    roles read the environment and write nothing.
  - It records each task that would change something, with its role, its module and its diff (none for a task
    with C(no_log)), in a JSON file named by the environment variable C(APPSTACK_DRIFT_RECORDS), which it sets
    for the run; the playbook's last play turns the records into the drift report
    (the P(appstack.aws.drift_settings#filter) filter).
requirements:
  - Enabled in the configuration, e.g. C(callbacks_enabled = appstack.aws.drift) in ansible.cfg or
    C(ANSIBLE_CALLBACKS_ENABLED=appstack.aws.drift). C(playbooks/drift.yml) stops before any AWS call without it.
"""

import json
import os
import shutil
import tempfile

from ansible.plugins.callback import CallbackBase
from ansible.utils.vars import load_options_vars

# The play variable that marks a drift run.
MARKER = "appstack_drift_report"
# The environment variable that names the records file, for the playbook's lookup.
RECORDS_VARIABLE = "APPSTACK_DRIFT_RECORDS"
# The module arguments that name what a task acts on, first match wins.
IDENTITY_ARGUMENTS = (
    "db_instance_identifier",
    "replication_group_id",
    "repository_name",
    "resource_id",
    "log_group_name",
    "alarm_name",
    "name",
    "alias",
    "bucket",
    "cidr_block",
    "cidr",
    "subnet_id",
    "service",
    "resource",
    "id",
)


def task_record(task_result, role, task_name, action, play):
    """What one changed result (a task's, or a loop item's) says: None for a result that changed nothing."""
    if not task_result.get("changed"):
        return None
    hidden = bool(task_result.get("_ansible_no_log") or "censored" in task_result)
    arguments = (task_result.get("invocation") or {}).get("module_args") or {}
    resource = next((arguments[key] for key in IDENTITY_ARGUMENTS if arguments.get(key) not in (None, "")), None)
    if resource is None:
        resource = (arguments.get("tags") or {}).get("Name")
    diff = None if hidden else task_result.get("diff")
    return {
        "play": play,
        "role": role,
        "task": task_name,
        "action": action,
        "item": None if hidden else task_result.get("_ansible_item_label"),
        "resource": None if hidden else resource,
        "hidden": hidden,
        "diff": diff if isinstance(diff, list) else [diff] if diff else [],
    }


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "appstack.aws.drift"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._records = None
        self._directory = None
        self._path = None
        self._play = None

    def v2_playbook_on_start(self, playbook):
        plays = playbook.get_plays()
        if not any(play.vars.get(MARKER) for play in plays):
            return
        # import_playbook takes no play keywords: the plays are put in check and diff mode here, before any runs.
        for play in plays:
            play.check_mode = True
            play.diff = True
        # ansible_check_mode and ansible_diff_mode say what the command line asked (the variable manager holds this
        # dict): the roles' conditions on them must see the run as it is.
        load_options_vars(None).update(ansible_check_mode=True, ansible_diff_mode=True)
        self._records = []
        self._directory = tempfile.mkdtemp(prefix="appstack-drift-")
        self._path = os.path.join(self._directory, "records.json")
        self._write()
        # The worker processes that run the last play's lookup inherit it.
        os.environ[RECORDS_VARIABLE] = self._path

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()

    def v2_runner_on_ok(self, result):
        if self._records is None:
            return
        task = result.task
        role = task._role.get_name(include_role_fqcn=False) if task._role else None
        returned = result.result
        items = returned.get("results") if isinstance(returned.get("results"), list) else [returned]
        found = [
            record
            for item in items
            if isinstance(item, dict)
            and (record := task_record(item, role, task.get_name(), task.action, self._play)) is not None
        ]
        if found:
            self._records.extend(found)
            self._write()

    def v2_playbook_on_stats(self, stats):
        if self._directory:
            shutil.rmtree(self._directory, ignore_errors=True)
            os.environ.pop(RECORDS_VARIABLE, None)

    def _write(self):
        with open(self._path, "w", encoding="utf-8") as handle:
            json.dump(self._records, handle, default=str)
