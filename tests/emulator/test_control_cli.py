"""``python -m emulator.control`` and ``python -m emulator`` as the Makefile runs them."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from emulator import __main__ as emulator_main
from emulator.client import EmulatorClient
from emulator.control import REPO_ROOT, free_port, read_live_pid


def control(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "emulator.control", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def pid_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "emulator.pid"
    yield path
    control("stop", "--pid-file", str(path))


def test_start_is_healthy_then_a_no_op_then_stop_ends_it(pid_file: Path, tmp_path: Path) -> None:
    port = free_port()
    start_args = ["start", "--port", str(port), "--pid-file", str(pid_file), "--log-file", str(tmp_path / "log")]

    started = control(*start_args, "--provisioning-delay", "2")
    pid = read_live_pid(pid_file)
    again = control(*start_args)
    client = EmulatorClient(f"http://127.0.0.1:{port}")
    config = client.config()
    stopped = control("stop", "--pid-file", str(pid_file))

    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith(f"emulator started on port {port} (pid {pid}")
    assert again.returncode == 0
    assert again.stdout == f"emulator already running on port {port} (pid {pid})\n"
    assert config["provisioning_delay_seconds"] == 2
    assert stopped.returncode == 0
    assert stopped.stdout == f"emulator stopped (pid {pid})\n"
    assert not pid_file.exists()
    assert not client.is_healthy()


def test_stop_without_an_emulator_is_a_no_op(pid_file: Path) -> None:
    stopped = control("stop", "--pid-file", str(pid_file))

    assert (stopped.returncode, stopped.stdout) == (0, "emulator not running\n")


def test_stop_removes_a_stale_pid_file(pid_file: Path) -> None:
    pid_file.write_text("999999999\n")

    stopped = control("stop", "--pid-file", str(pid_file))

    assert stopped.returncode == 0
    assert "stale" in stopped.stdout
    assert not pid_file.exists()


def test_start_fails_with_the_log_tail_when_the_port_is_taken(pid_file: Path, tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]

        started = control(
            "start", "--port", str(port), "--pid-file", str(pid_file), "--log-file", str(tmp_path / "log")
        )

    assert started.returncode == 1
    assert "exited before answering" in started.stderr
    assert "Address already in use" in started.stderr
    assert not pid_file.exists()


def test_cli_defaults_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMULATOR_PORT", "4999")
    monkeypatch.setenv("EMULATOR_PROVISIONING_DELAY", "2.5")

    args = emulator_main.parse_args([])

    assert (args.host, args.port, args.provisioning_delay) == ("127.0.0.1", 4999, 2.5)


def test_cli_defaults_without_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMULATOR_PORT", raising=False)
    monkeypatch.delenv("EMULATOR_PROVISIONING_DELAY", raising=False)

    args = emulator_main.parse_args(["--host", "0.0.0.0"])

    assert (args.host, args.port, args.provisioning_delay) == ("0.0.0.0", 4577, 0)


def test_cli_rejects_a_negative_delay(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        emulator_main.parse_args(["--provisioning-delay", "-1"])

    assert "must be >= 0" in capsys.readouterr().err
