"""Run the project's playbooks the way a user does, and read what they did.

The JSON callback turns a run into data, so tests can ask what a run changed, by
module and resource, instead of scraping text. Task names are for people: no
test reads them, so renaming a task never breaks a test.

Strategy: a run's outcome does not depend on it (the same roles call the same
modules), its cost does. Most runs use Mitogen's strategy (README, "Speed"), which
starts one Python per host instead of one per task and halves a run's CPU time: the
suite must fit two cores. A verbose run uses the default strategy unless it names
one (its output is what the user reads): prod's `-vvv` second run runs every module
of site.yml under it. A rolled-back deploy passes ``strategy=DEFAULT_STRATEGY`` too.
"""

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = REPO_ROOT / ".venv" / "bin" / "ansible-playbook"
ANSIBLE_RUNNER = REPO_ROOT / ".venv" / "bin" / "ansible-runner"
DEFAULT_STRATEGY = "linear"
FAST_STRATEGY = "mitogen_linear"
# The module argument that names what a task acts on, first match wins: `cidr` for
# a subnet, `subnet_id` for a NAT gateway, `service` for a VPC endpoint, `resource`
# for ec2_tag; a module with none of them is known by its Name tag.
IDENTITY_ARGUMENTS = (
    "db_instance_identifier",
    "replication_group_id",
    "name",
    "alias",
    "log_group_name",
    "cidr_block",
    "cidr",
    "subnet_id",
    "service",
    "resource",
)


class Change(NamedTuple):
    """What a task changed (or would change, under --check)."""

    # The module, as the task calls it: "amazon.aws.rds_instance".
    action: str
    # The value of the module's identifying argument (IDENTITY_ARGUMENTS, else the Name tag):
    # "smartscheduler-prod". None when no_log hides the arguments.
    resource: str | None


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
    def custom_stats(self) -> dict:
        """What the run's plays recorded with ansible.builtin.set_stats (aggregated over hosts)."""
        return self.report.get("global_custom_stats", {})

    @property
    def failed(self) -> bool:
        return self.returncode != 0

    def results(self, action: str | None = None) -> list[dict]:
        """Every task result of the single host, in run order, optionally only those of one module.

        Each carries `action` (the module) and, unless no_log hid it, `invocation.module_args`;
        a loop's result lists one result per item under `results`.
        """
        found = []
        for play in self.report.get("plays", []):
            for task in play["tasks"]:
                for result in task["hosts"].values():
                    if action is None or result.get("action") == action:
                        found.append(result)
        return found

    def plays_from(self, *playbooks: str) -> "PlaybookRun":
        """This run with only the plays of these playbooks (file names: "edge.yml"), for what some of the tiers a
        run went through did."""
        plays = [
            play
            for play in self.report.get("plays", [])
            if Path(play["play"]["path"].rsplit(":", 1)[0]).name in playbooks
        ]
        return PlaybookRun(self.returncode, self.stdout, self.stderr, {**self.report, "plays": plays})

    def changed_resources(self) -> list[Change]:
        """What reported a change (or would, under --check), in run order: one Change per
        changed task, or per changed item of a loop."""
        changes = []
        for result in self.results():
            for item in _loop_items(result) or [result]:
                if item.get("changed"):
                    changes.append(Change(result["action"], _identity(item)))
        return changes

    def changed_actions(self) -> list[str]:
        """The modules of changed_resources(), in run order."""
        return [change.action for change in self.changed_resources()]

    def failure_messages(self) -> str:
        """Every failure message of the run, joined; for asserting on what the user reads."""
        messages = []
        for play in self.report.get("plays", []):
            for task in play["tasks"]:
                messages.extend(str(result.get("msg", "")) for result in task["hosts"].values() if result.get("failed"))
        return "\n".join(messages) + self.stderr

    def outcome(self) -> str:
        return f"rc={self.returncode} stats={self.stats}\n{self.failure_messages()}"


@dataclass
class RunnerRun(PlaybookRun):
    """A run through ansible-runner: its status ("successful", "failed", "timeout", ...) and artifacts directory."""

    status: str = ""
    artifacts: Path | None = None

    def events(self, name: str) -> list[dict]:
        """The job events runner recorded of one kind ("playbook_on_stats", "runner_on_ok", ...), in order."""
        found = []
        for path in sorted((self.artifacts / "job_events").glob("*.json"), key=lambda p: int(p.name.split("-")[0])):
            event = json.loads(path.read_text())
            if event.get("event") == name:
                found.append(event)
        return found


def _loop_items(result: dict) -> list[dict]:
    """The per-item results of a loop task (censored ones too); [] for a task without a loop."""
    items = result.get("results")
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict) and ("ansible_loop_var" in item or "censored" in item)]


def _identity(result: dict) -> str | None:
    """The identifying argument of a task's (or a loop item's) result; None if no_log censored it."""
    arguments = result.get("invocation", {}).get("module_args") or {}
    for key in IDENTITY_ARGUMENTS:
        if arguments.get(key) not in (None, ""):
            return arguments[key]
    return (arguments.get("tags") or {}).get("Name")


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
    tags: list[str] | None = None,
    strategy: str | None = None,
    config: Path | None = None,
) -> PlaybookRun:
    """Run `ansible-playbook playbook -i inventory` from the repository root, or, with config (a user's
    ansible.cfg), from config's directory with that configuration. The strategy is FAST_STRATEGY unless given (env
    may name it too, as ANSIBLE_STRATEGY); a verbose run's is DEFAULT_STRATEGY."""
    command, run_env = _invocation(
        playbook,
        inventory,
        env,
        check=check,
        diff=diff,
        extra_vars=extra_vars,
        verbosity=verbosity,
        tags=tags,
        strategy=strategy,
        config=config,
    )
    if json_report:
        run_env["ANSIBLE_STDOUT_CALLBACK"] = "ansible.posix.json"
        run_env["ANSIBLE_SHOW_CUSTOM_STATS"] = "1"
    completed = subprocess.run(
        command,
        cwd=config.parent if config else REPO_ROOT,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    report = _parse_report(completed.stdout) if json_report else {}
    return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, report)


def run_with_ansible_runner(
    playbook: str,
    inventory: str | Path,
    env: dict,
    private_data_dir: Path,
    *,
    ident: str,
    extra_vars: dict | None = None,
    timeout: int = 900,
) -> RunnerRun:
    """Run playbook as AWX runs a job template: through ansible-runner, with the inventory, the extra variables and
    the credentials' environment in its private data directory, this checkout as the project (whose ansible.cfg
    applies, from the working directory), and the JSON callback under runner's event callback."""
    _lay_out_private_data(private_data_dir, REPO_ROOT / inventory, env, extra_vars or {})
    command = [str(ANSIBLE_RUNNER), "run", str(private_data_dir), "--playbook", playbook]
    command += ["--project-dir", str(REPO_ROOT), "--ident", ident, "--quiet"]
    run_env = {name: value for name, value in os.environ.items() if name not in env or env[name] is not None}
    run_env.pop("ANSIBLE_CONFIG", None)
    run_env["PATH"] = f"{ANSIBLE_PLAYBOOK.parent}:{run_env.get('PATH', '')}"
    completed = subprocess.run(command, env=run_env, capture_output=True, text=True, timeout=timeout, check=False)
    artifacts = private_data_dir / "artifacts" / ident
    stdout = (artifacts / "stdout").read_text() if (artifacts / "stdout").exists() else completed.stdout
    returncode = int((artifacts / "rc").read_text()) if (artifacts / "rc").exists() else completed.returncode
    status = (artifacts / "status").read_text() if (artifacts / "status").exists() else ""
    return RunnerRun(returncode, stdout, completed.stderr, _parse_report(stdout), status=status, artifacts=artifacts)


def _lay_out_private_data(private_data_dir: Path, inventory: Path, env: dict, extra_vars: dict) -> None:
    """The private data directory AWX gives runner: inventory/ (the environment's inventory, group_vars and all),
    env/extravars, and env/envvars, where AWX puts what a credential injects (here the emulator's endpoint and
    dummy keys), with the strategy and the callback of the other runs."""
    if not (private_data_dir / "inventory").exists():
        shutil.copytree(inventory, private_data_dir / "inventory")
    (private_data_dir / "env").mkdir(parents=True, exist_ok=True)
    (private_data_dir / "env" / "extravars").write_text(yaml.safe_dump(extra_vars))
    envvars = {
        "ANSIBLE_STRATEGY": FAST_STRATEGY,
        **{name: value for name, value in env.items() if value is not None},
        "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
        "ANSIBLE_SHOW_CUSTOM_STATS": "1",
        "ANSIBLE_NOCOLOR": "1",
    }
    (private_data_dir / "env" / "envvars").write_text(yaml.safe_dump(envvars))


def start_playbook(
    playbook: str, inventory: str | Path, env: dict, log: Path, *, extra_vars: dict | None = None
) -> subprocess.Popen:
    """Start a run of playbook in a process group of its own, its output to log, and return at once: a test can
    kill it mid-way (kill_run) as a dying machine or a cancelled CI job would. It runs under the default strategy:
    Mitogen's multiplexer starts a session of its own, which a kill of the group would leave running."""
    command, run_env = _invocation(playbook, inventory, env, extra_vars=extra_vars, strategy=DEFAULT_STRATEGY)
    with log.open("w") as output:
        return subprocess.Popen(
            command, cwd=REPO_ROOT, env=run_env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill_run(process: subprocess.Popen) -> None:
    """SIGKILL the run and every process it started (its workers, their modules): nothing gets to clean up."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _invocation(
    playbook: str,
    inventory: str | Path,
    env: dict,
    *,
    check: bool = False,
    diff: bool = False,
    extra_vars: dict | None = None,
    verbosity: int = 0,
    tags: list[str] | None = None,
    strategy: str | None = None,
    config: Path | None = None,
) -> tuple[list, dict]:
    """The command line and environment of a run of playbook."""
    strategy = strategy or (DEFAULT_STRATEGY if verbosity else FAST_STRATEGY)
    command = [str(ANSIBLE_PLAYBOOK), playbook, "-i", str(inventory)]
    if check:
        command.append("--check")
    if diff:
        command.append("--diff")
    if verbosity:
        command.append("-" + "v" * verbosity)
    if extra_vars:
        command += ["-e", json.dumps(extra_vars)]
    if tags:
        command += ["--tags", ",".join(tags)]
    merged = {
        **os.environ,
        "ANSIBLE_STRATEGY": strategy,
        **env,
        "ANSIBLE_CONFIG": str(config or REPO_ROOT / "ansible.cfg"),
        "ANSIBLE_NOCOLOR": "1",
    }
    if config:
        # The checkout's strategies, for a run of the installed collection to cost what the checkout's runs do.
        merged["ANSIBLE_STRATEGY_PLUGINS"] = str(REPO_ROOT / "strategy_plugins")
    # env maps a variable to None to take it out of the run's environment.
    return command, {name: value for name, value in merged.items() if value is not None}


def _parse_report(stdout: str) -> dict:
    """The JSON callback prints one document; anything before it is a warning."""
    start = stdout.find("{")
    if start < 0:
        return {}
    try:
        return json.loads(stdout[start:])
    except json.JSONDecodeError:
        return {}


def localhost_play(name: str, tasks: list[dict], region: str = "us-east-1") -> list[dict]:
    """A playbook of one play that runs tasks on localhost, every module of ours in region."""
    return [
        {
            "name": name,
            "hosts": "localhost",
            "connection": "local",
            "gather_facts": False,
            "module_defaults": {"group/appstack.aws.aws": {"region": region}},
            # The Python that runs ansible-playbook, which has boto3.
            "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
            "tasks": list(tasks),
        }
    ]


def run_tasks(
    env: dict, directory: Path, name: str, tasks: list[dict], *, check: bool = False, diff: bool | None = None
) -> "PlaybookRun":
    """Run tasks as localhost_play(name) from a new file in directory (the inventory is localhost alone);
    diff defaults to check."""
    playbook = directory / f"play_{time.monotonic_ns()}.yml"
    playbook.write_text(yaml.safe_dump(localhost_play(name, tasks), sort_keys=False))
    return run_playbook(str(playbook), "localhost,", env, check=check, diff=check if diff is None else diff)


def mutating_calls(emulator) -> list[str]:
    """The emulator's logged writes since it last cleared its log, as "service:Operation"."""
    return [f"{call['service']}:{call['operation']}" for call in emulator.requests()["calls"] if call["mutating"]]
