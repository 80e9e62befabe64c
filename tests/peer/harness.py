"""Run amazon.aws's own integration targets against the emulator and against plain moto server.

    python -m tests.peer.harness --targets PATH [--target NAME ...] [--backend emulator|moto ...]

PATH is the ``tests/integration/targets`` directory of an amazon.aws checkout at the version ``requirements.txt``
pins (``git clone --branch 10.1.2 https://github.com/ansible-collections/amazon.aws``). The targets are run as their
authors wrote them; the tasks listed in ``tests/peer/skips.yml`` are skipped by name, each for the reason given there.

Each backend is a fresh server on a free port, emptied between targets. Each target runs as a role in a one-play
playbook (or, for a target with its own ``main.yml`` and ``inventory``, as that playbook), with the variables the
upstream test runner sets. The result is one table: target, outcome on each backend, first failing task, seconds.
It is printed, and written with the details to ``--output-dir`` (``results.json``, ``table.md``, a log per run).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
PEER_DIR = Path(__file__).resolve().parent
SKIPS_FILE = PEER_DIR / "skips.yml"
BACKENDS = ("emulator", "moto")
DEFAULT_TIMEOUT_SECONDS = 1800
START_TIMEOUT_SECONDS = 60
# The image setup_ec2_facts looks up: moto's catalogue has no Fedora image, and any x86_64 HVM EBS image serves.
AMI_VARS = {"ec2_ami_name": "ubuntu/images/hvm-ssd/ubuntu-*", "ec2_ami_owner_id": "099720109477"}


@dataclass
class Outcome:
    target: str
    backend: str
    passed: bool
    seconds: float
    first_failure: str = ""
    message: str = ""
    skipped_on_purpose: list[str] = field(default_factory=list)
    log: str = ""


def load_skips(path: Path = SKIPS_FILE) -> dict[str, list[dict[str, str]]]:
    """The documented skips: target -> [{task or at, reason, covered_by}].

    ``task`` names a task; ``at`` places one that has no name (``<target>/tasks/<file>.yml:<line>``).
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for target, entries in data.get("skips", {}).items():
        for entry in entries:
            missing = {"reason", "covered_by"} - set(entry)
            if not {"task", "at"} & set(entry):
                missing.add("task")
            if missing:
                raise ValueError(f"{path}: a skip of {target} lacks {', '.join(sorted(missing))}")
    return data.get("skips", {})


def skipped_tasks(entries: Sequence[dict[str, str]]) -> list[str]:
    """What the report callback matches: each entry's task name, or its place."""
    return [entry.get("task") or entry["at"] for entry in entries]


def load_targets(path: Path = SKIPS_FILE) -> list[str]:
    """The targets the harness runs by default: those whose modules our roles use."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["targets"])


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Backend:
    """A server answering AWS calls on a local port: our emulator, or moto server as released."""

    def __init__(self, kind: str, workdir: Path, provisioning_delay: float) -> None:
        self.kind = kind
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"{kind}-server.log"
        self._delay = provisioning_delay
        self._process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        if self.kind == "emulator":
            return [
                sys.executable,
                "-m",
                "emulator",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--provisioning-delay",
                str(self._delay),
            ]
        return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]

    def start(self) -> None:
        # setup_ec2_facts looks an image up, and the emulator leaves moto's catalogue of public images out unless asked.
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1", MOTO_EC2_LOAD_DEFAULT_AMIS="true")
        log = self.log_path.open("wb")
        self._process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO_ROOT, start_new_session=True
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited at start; see {self.log_path}")
            with contextlib.suppress(OSError):
                self.reset()
                return
            time.sleep(0.3)
        raise RuntimeError(f"{self.kind} did not answer on {self.endpoint} within {START_TIMEOUT_SECONDS} s")

    def reset(self) -> None:
        """Empty the account, so that one target's leftovers cannot decide the next one's outcome."""
        path = "/_appstack/reset" if self.kind == "emulator" else "/moto-api/reset"
        request = urllib.request.Request(self.endpoint + path, data=b"", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


# Dummy credentials; the servers accept any. Ansible masks a secret's value wherever it shows up in a result, so
# the secret must be a string no target uses: `testing` would turn kms_key's description "test key for testing" into
# "test key for ********" and fail its asserts.
ACCESS_KEY = "AKIAPEERHARNESS00000"
SECRET_KEY = "peer-harness-dummy-secret-key"


def ansible_test_variables(prefix: str) -> dict[str, str]:
    """The variables ansible-test gives a cloud/aws target, with dummy credentials."""
    return {
        "aws_access_key": ACCESS_KEY,
        "aws_secret_key": SECRET_KEY,
        "aws_region": "us-east-1",
        "resource_prefix": f"ansible-test-{prefix}",
        "tiny_prefix": prefix,
        **AMI_VARS,
    }


ANSIBLE_CFG = """\
[defaults]
collections_path = {collections}
roles_path = {roles}
callback_plugins = {callbacks}
callbacks_enabled = peer_report
stdout_callback = ansible.builtin.default
host_key_checking = False
retry_files_enabled = False
deprecation_warnings = False
interpreter_python = {python}
"""


def prepare_run(targets_dir: Path, target: str, rundir: Path) -> tuple[list[str], Path]:
    """The ansible-playbook command for one target, and the directory it runs in."""
    rundir.mkdir(parents=True, exist_ok=True)
    target_dir = targets_dir / target
    own_playbook = (target_dir / "main.yml").is_file() and (target_dir / "inventory").is_file()
    roles = [str(target_dir / "roles")] if own_playbook else []
    roles.append(str(targets_dir))
    (rundir / "ansible.cfg").write_text(
        ANSIBLE_CFG.format(
            collections=os.pathsep.join([str(REPO_ROOT / ".venv" / "collections"), *_site_collections()]),
            roles=os.pathsep.join(roles),
            callbacks=PEER_DIR / "callback_plugins",
            python=sys.executable,
        ),
        encoding="utf-8",
    )
    prefix = secrets.token_hex(4)
    (rundir / "vars.yml").write_text(yaml.safe_dump(ansible_test_variables(prefix)), encoding="utf-8")
    if own_playbook:
        playbook, inventory, cwd = target_dir / "main.yml", target_dir / "inventory", target_dir
    else:
        playbook, inventory, cwd = rundir / "play.yml", rundir / "inventory", rundir
        playbook.write_text(
            yaml.safe_dump(
                [
                    {
                        "name": f"Run {target}",
                        "hosts": "localhost",
                        "gather_facts": False,
                        "roles": [target],
                    }
                ],
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        inventory.write_text(
            f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n", encoding="utf-8"
        )
    command = [
        str(Path(sys.executable).parent / "ansible-playbook"),
        str(playbook),
        "-i",
        str(inventory),
        "-e",
        f"@{rundir / 'vars.yml'}",
    ]
    return command, cwd


def _site_collections() -> list[str]:
    """Where the ansible package installed amazon.aws and community.aws."""
    import ansible_collections

    return [str(Path(path).parent) for path in ansible_collections.__path__]


def run_target(
    targets_dir: Path, target: str, backend: Backend, skips: Sequence[str], outdir: Path, timeout: float
) -> Outcome:
    rundir = outdir / backend.kind / target
    command, cwd = prepare_run(targets_dir, target, rundir)
    report_path = rundir / "report.json"
    log_path = rundir / "ansible.log"
    env = dict(
        os.environ,
        ANSIBLE_CONFIG=str(rundir / "ansible.cfg"),
        AWS_ENDPOINT_URL=backend.endpoint,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_DEFAULT_REGION="us-east-1",
        ANSIBLE_DEBUG_BOTOCORE_LOGS="True",
        ANSIBLE_FORCE_COLOR="0",
        APPSTACK_PEER_REPORT=str(report_path),
        APPSTACK_PEER_SKIP=json.dumps(list(skips)),
    )
    env.pop("ANSIBLE_STRATEGY", None)
    backend.reset()
    started = time.monotonic()
    with log_path.open("wb") as log:
        try:
            completed = subprocess.run(
                command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=timeout, check=False
            )
            returncode = completed.returncode
        except subprocess.TimeoutExpired:
            returncode = None
    seconds = round(time.monotonic() - started, 1)
    return outcome_from(target, backend.kind, returncode, seconds, report_path, log_path, timeout)


def outcome_from(
    target: str, backend: str, returncode: int | None, seconds: float, report_path: Path, log_path: Path, timeout: float
) -> Outcome:
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
    failure = report.get("first_failure") or {}
    outcome = Outcome(
        target,
        backend,
        returncode == 0,
        seconds,
        failure.get("task", ""),
        failure.get("message", ""),
        report.get("skipped_on_purpose", []),
        str(log_path),
    )
    if returncode is None:
        outcome.first_failure = outcome.first_failure or "(timed out)"
        outcome.message = f"timed out after {timeout:.0f} s; {outcome.message}".strip("; ")
    elif returncode != 0 and not outcome.first_failure:
        outcome.first_failure = "(playbook error)"
        outcome.message = _log_tail(log_path)
    return outcome


def _log_tail(log_path: Path) -> str:
    lines = [line for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return " ".join(" ".join(lines[-3:]).split())[:400]


def run_backend(
    kind: str, targets_dir: Path, targets: Sequence[str], skips: dict, outdir: Path, timeout: float, delay: float
) -> list[Outcome]:
    backend = Backend(kind, outdir, delay)
    backend.start()
    try:
        outcomes = []
        for target in targets:
            skipped = skipped_tasks(skips.get(target, []))
            outcome = run_target(targets_dir, target, backend, skipped, outdir, timeout)
            print(
                f"  {kind:8} {target:32} {'pass' if outcome.passed else 'FAIL'} {outcome.seconds:7.1f} s"
                f"  {outcome.first_failure}",
                flush=True,
            )
            outcomes.append(outcome)
        return outcomes
    finally:
        backend.stop()


def table(outcomes: Sequence[Outcome], targets: Sequence[str], backends: Sequence[str]) -> str:
    """The markdown table: one row per target, the outcome and seconds on each backend."""
    by_key = {(o.target, o.backend): o for o in outcomes}
    header = ["target"]
    for kind in backends:
        header += [kind, f"{kind}: first failing task", f"{kind} s"]
    header.append("tasks skipped")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for target in targets:
        row = [f"`{target}`"]
        skipped = 0
        for kind in backends:
            outcome = by_key.get((target, kind))
            if outcome is None:
                row += ["", "", ""]
                continue
            skipped = max(skipped, len(outcome.skipped_on_purpose))
            failure = outcome.first_failure.replace("|", "\\|")
            row += ["pass" if outcome.passed else "fail", failure, f"{outcome.seconds:.0f}"]
        row.append(str(skipped))
        lines.append("| " + " | ".join(row) + " |")
    passed = {kind: sum(1 for o in outcomes if o.backend == kind and o.passed) for kind in backends}
    lines.append("")
    lines.append(", ".join(f"{kind}: {passed[kind]} of {len(targets)} pass" for kind in backends))
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--targets", required=True, type=Path, help="an amazon.aws checkout's tests/integration/targets directory"
    )
    parser.add_argument(
        "--target",
        action="append",
        dest="only",
        metavar="NAME",
        help="run this target (repeatable); default: the targets listed in tests/peer/skips.yml",
    )
    parser.add_argument(
        "--backend",
        action="append",
        choices=BACKENDS,
        dest="backends",
        help="run on this backend (repeatable); default: both",
    )
    parser.add_argument("--output-dir", type=Path, default=REPO_ROOT / "outputs" / "peer-tests")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS, help="seconds per target")
    parser.add_argument(
        "--provisioning-delay",
        type=float,
        default=1.0,
        help="the emulator's seconds before a new resource is available",
    )
    return parser.parse_args(argv)


def version_warning(targets_dir: Path) -> str | None:
    """A warning when the targets come from another amazon.aws release than the one installed."""
    galaxy = targets_dir.resolve().parents[2] / "galaxy.yml"
    if not galaxy.is_file():
        return None
    checkout = yaml.safe_load(galaxy.read_text(encoding="utf-8")).get("version")
    import ansible_collections.amazon.aws.plugins.module_utils.common as common

    installed = common.AMAZON_AWS_COLLECTION_VERSION
    if checkout == installed:
        return None
    return f"warning: the targets are amazon.aws {checkout}'s, the installed collection is {installed}"


def check_targets_dir(targets_dir: Path, targets: Sequence[str]) -> None:
    missing = [t for t in targets if not (targets_dir / t).is_dir()]
    if missing:
        raise SystemExit(
            f"--targets {targets_dir}: no target directory for {', '.join(missing)}; point "
            "PEER_TARGETS at an amazon.aws checkout's tests/integration/targets"
        )


@contextlib.contextmanager
def parallel(workers: int) -> Iterator[concurrent.futures.ThreadPoolExecutor]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        yield pool


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    targets = args.only or load_targets()
    backends = args.backends or list(BACKENDS)
    check_targets_dir(args.targets, targets)
    warning = version_warning(args.targets)
    if warning:
        print(warning, file=sys.stderr)
    skips = load_skips()
    args.output_dir.mkdir(parents=True, exist_ok=True)
    # The two backends run side by side, each its targets one after another.
    with parallel(len(backends)) as pool:
        futures = [
            pool.submit(
                run_backend,
                kind,
                args.targets.resolve(),
                targets,
                skips,
                args.output_dir,
                args.timeout,
                args.provisioning_delay,
            )
            for kind in backends
        ]
        outcomes = [outcome for future in futures for outcome in future.result()]
    rendered = table(outcomes, targets, backends)
    (args.output_dir / "table.md").write_text(rendered + "\n", encoding="utf-8")
    (args.output_dir / "results.json").write_text(json.dumps([asdict(o) for o in outcomes], indent=2), encoding="utf-8")
    print()
    print(rendered)
    emulator_failures = [o for o in outcomes if o.backend == "emulator" and not o.passed]
    return 1 if emulator_failures else 0


if __name__ == "__main__":
    sys.exit(main())
