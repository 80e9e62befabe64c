"""Start and stop a background emulator.

    python -m emulator.control start --port N --pid-file F --log-file L [--host H]
                                     [--provisioning-delay S]
    python -m emulator.control stop --pid-file F

``start`` detaches the emulator (new session, output to the log file), writes
its pid file and returns once ``/_appstack/health`` answers; if an emulator
started with that pid file already answers on the port, it does nothing.
``stop`` sends SIGTERM, then SIGKILL after 10 s, and removes the pid file; if
nothing runs, it does nothing. Both print one line and exit 0 on success;
on failure they print the reason (with the log's tail) and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from emulator import DEFAULT_HOST
from emulator.client import EmulatorClient

START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0
LOG_TAIL_LINES = 20
# The directory holding the `emulator` package, which the child must import.
REPO_ROOT = Path(__file__).resolve().parent.parent


class ControlError(RuntimeError):
    """The emulator could not be started or stopped."""


def emulator_command(host: str, port: int, provisioning_delay: float | None = None) -> list[str]:
    command = [sys.executable, "-m", "emulator", "--host", host, "--port", str(port)]
    if provisioning_delay is not None:
        command += ["--provisioning-delay", str(provisioning_delay)]
    return command


def child_environment() -> dict[str, str]:
    """This environment, with the repository importable whatever the working directory."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    # Unbuffered, so that the log shows what happened before a crash.
    env["PYTHONUNBUFFERED"] = "1"
    return env


def spawn_emulator(
    host: str, port: int, provisioning_delay: float | None, log_file: Path, *, detached: bool
) -> subprocess.Popen:
    """Start the emulator process with its output appended to ``log_file``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        return subprocess.Popen(
            emulator_command(host, port, provisioning_delay),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=child_environment(),
            cwd=REPO_ROOT,
            start_new_session=detached,
        )


def start(
    port: int,
    pid_file: Path,
    log_file: Path,
    host: str = DEFAULT_HOST,
    provisioning_delay: float | None = None,
) -> str:
    client = EmulatorClient(f"http://{host}:{port}")
    running_pid = read_live_pid(pid_file)
    if running_pid is not None:
        # Perhaps still starting: give it the time a start would get.
        wait_until_healthy(client, lambda: _alive(running_pid), log_file)
        return f"emulator already running on port {port} (pid {running_pid})"
    if client.is_healthy():
        raise ControlError(f"another emulator already answers on port {port} (not started with {pid_file})")

    pid_file.parent.mkdir(parents=True, exist_ok=True)
    # A session of its own: the emulator outlives the shell that started it.
    process = spawn_emulator(host, port, provisioning_delay, log_file, detached=True)
    write_pid_file(pid_file, process.pid)
    try:
        wait_until_healthy(client, lambda: process.poll() is None, log_file)
    except ControlError:
        _terminate(process.pid)
        pid_file.unlink(missing_ok=True)
        raise
    return f"emulator started on port {port} (pid {process.pid}, log {log_file})"


@contextmanager
def emulator_subprocess(
    log_file: Path,
    host: str = DEFAULT_HOST,
    port: int | None = None,
    provisioning_delay: float | None = None,
) -> Iterator[EmulatorClient]:
    """An emulator child process (same session) for the duration of a block.

    Unlike ``start``, the child ends with the block, or with the parent, so it
    suits test fixtures; without a port it takes a free one.
    """
    port = port or free_port(host)
    client = EmulatorClient(f"http://{host}:{port}")
    process = spawn_emulator(host, port, provisioning_delay, log_file, detached=False)
    try:
        wait_until_healthy(client, lambda: process.poll() is None, log_file)
        yield client
    finally:
        _terminate(process.pid)
        process.wait()


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nothing listens on now (the OS picks it; another process could take it first)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    client: EmulatorClient,
    still_running: Callable[[], bool],
    log_file: Path,
    timeout: float = START_TIMEOUT_SECONDS,
) -> None:
    deadline = time.monotonic() + timeout
    while not client.is_healthy():
        if not still_running():
            raise ControlError(f"emulator exited before answering on {client.endpoint}\n{log_tail(log_file)}")
        if time.monotonic() > deadline:
            raise ControlError(f"emulator not healthy after {timeout:g}s\n{log_tail(log_file)}")
        time.sleep(0.1)


def stop(pid_file: Path, timeout: float = STOP_TIMEOUT_SECONDS) -> str:
    pid = read_live_pid(pid_file)
    if pid is None:
        stale = pid_file.exists()
        pid_file.unlink(missing_ok=True)
        return "emulator not running" + (f" (removed stale {pid_file})" if stale else "")
    _terminate(pid, timeout)
    pid_file.unlink(missing_ok=True)
    return f"emulator stopped (pid {pid})"


def _terminate(pid: int, timeout: float = STOP_TIMEOUT_SECONDS) -> None:
    """SIGTERM, and SIGKILL if the process is still there after ``timeout``."""
    _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            _signal(pid, signal.SIGKILL)
            break
        time.sleep(0.1)


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # Already gone: nothing to do.
        os.kill(pid, signum)


def _alive(pid: int) -> bool:
    try:
        # Reap it if it is our child, so that it does not linger as a zombie.
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == pid:
            return False
    except ChildProcessError:
        pass  # Not our child: the check below decides.
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # Exists, owned by someone else.
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    # A detached emulator that exited stays a zombie until init reaps it, which
    # can take seconds; it is gone for our purposes.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # No procfs (not Linux), or gone in between.
    return stat.rpartition(")")[2].split()[0] == "Z"


def read_live_pid(pid_file: Path) -> int | None:
    """The pid in the file if that process is alive and is an emulator."""
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if not _alive(pid) or not _is_emulator(pid):
        return None
    return pid


def _is_emulator(pid: int) -> bool:
    # Guards against a recycled pid: never signal a process that is not ours.
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return True  # No procfs to ask (not Linux): trust the pid file.
    return b"emulator" in cmdline.read_bytes()


def write_pid_file(pid_file: Path, pid: int) -> None:
    temporary = pid_file.with_name(pid_file.name + ".tmp")
    temporary.write_text(f"{pid}\n")
    temporary.replace(pid_file)


def log_tail(log_file: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        tail = log_file.read_text(errors="replace").splitlines()[-lines:]
    except FileNotFoundError:
        return f"(no log at {log_file})"
    return "\n".join([f"--- last lines of {log_file} ---", *tail])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator.control", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start_parser = commands.add_parser("start", help="start a background emulator")
    start_parser.add_argument("--port", type=int, required=True)
    start_parser.add_argument("--host", default=DEFAULT_HOST)
    start_parser.add_argument("--pid-file", type=Path, required=True)
    start_parser.add_argument("--log-file", type=Path, required=True)
    start_parser.add_argument("--provisioning-delay", type=float, metavar="SECONDS")
    stop_parser = commands.add_parser("stop", help="stop the emulator of a pid file")
    stop_parser.add_argument("--pid-file", type=Path, required=True)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "start":
            message = start(args.port, args.pid_file, args.log_file, args.host, args.provisioning_delay)
        else:
            message = stop(args.pid_file)
    except ControlError as error:
        print(f"emulator.control {args.command}: {error}", file=sys.stderr)
        return 1
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
