"""Run the project's playbooks the way a user does, and read what they did.

The JSON callback turns a run into data, so tests can ask which tasks changed
instead of scraping text.
"""

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = REPO_ROOT / ".venv" / "bin" / "ansible-playbook"


@dataclass
class PlaybookRun:
    returncode: int
    stdout: str
    stderr: str
    report: dict = field(default_factory=dict)

    @property
    def stats(self) -> dict:
        """The recap of the single host, e.g. {"changed": 0, "failures": 0, ...}."""
        return next(iter(self.report.get("stats", {}).values()), {})

    @property
    def changed(self) -> int:
        return self.stats.get("changed", 0)

    @property
    def failed(self) -> bool:
        return self.returncode != 0

    def changed_tasks(self) -> list[str]:
        """Names of the tasks that reported a change (or would, under --check), in run order."""
        names = []
        for play in self.report.get("plays", []):
            for task in play["tasks"]:
                if any(result.get("changed") for result in task["hosts"].values()):
                    names.append(_without_role(task["task"]["name"]))
        return names

    def failure_messages(self) -> str:
        """Every failure message of the run, joined; for asserting on what the user reads."""
        messages = []
        for play in self.report.get("plays", []):
            for task in play["tasks"]:
                messages.extend(str(result.get("msg", "")) for result in task["hosts"].values() if result.get("failed"))
        return "\n".join(messages) + self.stderr

    def outcome(self) -> str:
        return f"rc={self.returncode} stats={self.stats}\n{self.failure_messages()}"


def _without_role(task_name: str) -> str:
    """'appstack.aws.network : Create the VPC' -> 'Create the VPC'."""
    return task_name.split(" : ", 1)[-1]


def run_playbook(
    playbook: str,
    inventory: str | Path,
    env: dict,
    *,
    check: bool = False,
    diff: bool = False,
    extra_vars: dict | None = None,
    json_report: bool = True,
    verbosity: int = 0,
    timeout: int = 900,
) -> PlaybookRun:
    """Run `ansible-playbook playbook -i inventory` from the repository root."""
    command = [str(ANSIBLE_PLAYBOOK), playbook, "-i", str(inventory)]
    if check:
        command.append("--check")
    if diff:
        command.append("--diff")
    if verbosity:
        command.append("-" + "v" * verbosity)
    if extra_vars:
        command += ["-e", json.dumps(extra_vars)]
    run_env = {**os.environ, **env, "ANSIBLE_CONFIG": str(REPO_ROOT / "ansible.cfg"), "ANSIBLE_NOCOLOR": "1"}
    if json_report:
        run_env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.posix.json"
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=run_env, capture_output=True, text=True, timeout=timeout, check=False
    )
    report = _parse_report(completed.stdout) if json_report else {}
    return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, report)


def _parse_report(stdout: str) -> dict:
    """The JSON callback prints one document; anything before it is a warning."""
    start = stdout.find("{")
    if start < 0:
        return {}
    try:
        return json.loads(stdout[start:])
    except json.JSONDecodeError:
        return {}
