"""tests/peer: the harness that runs amazon.aws's integration targets, its skip list and its report callback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.peer import harness

REPO_ROOT = Path(__file__).resolve().parents[2]
EMULATOR_DOC = REPO_ROOT / "docs" / "emulator.md"


def test_every_target_has_an_entry_in_the_skip_list() -> None:
    assert set(harness.load_skips()) == set(harness.load_targets())


def test_every_skip_is_documented_with_its_reason() -> None:
    doc = EMULATOR_DOC.read_text(encoding="utf-8")
    for target, entries in harness.load_skips().items():
        for entry in entries:
            listed = entry.get("task") or entry["at"]
            assert listed in doc, f"docs/emulator.md does not list the skip of {target}: {listed}"


def test_every_skip_names_a_test_of_ours_that_exists() -> None:
    for entries in harness.load_skips().values():
        for entry in entries:
            path, _, test_name = entry["covered_by"].partition("::")
            test_file = REPO_ROOT / path
            assert test_file.is_file(), entry
            assert f"def {test_name.split('[')[0]}(" in test_file.read_text(encoding="utf-8"), entry


def test_a_skip_names_its_task_or_places_it() -> None:
    entries = [{"task": "Assert the output"}, {"at": "iam_role/tasks/instance_profile.yml:58"}]

    assert harness.skipped_tasks(entries) == ["Assert the output", "iam_role/tasks/instance_profile.yml:58"]


def test_a_skip_without_its_reason_is_refused(tmp_path: Path) -> None:
    skips = tmp_path / "skips.yml"
    skips.write_text(yaml.safe_dump({"targets": ["t"], "skips": {"t": [{"task": "Do it", "covered_by": "x::y"}]}}))

    with pytest.raises(ValueError, match="a skip of t lacks reason"):
        harness.load_skips(skips)


def outcome(target: str, backend: str, passed: bool, failure: str = "") -> harness.Outcome:
    return harness.Outcome(target, backend, passed, 12.3, failure)


def test_the_table_has_a_row_per_target_and_the_pass_counts() -> None:
    outcomes = [
        outcome("ec2_vpc_net", "emulator", True),
        outcome("ec2_vpc_net", "moto", False, "Assert the | output"),
        outcome("iam_role", "emulator", True),
        outcome("iam_role", "moto", True),
    ]

    rendered = harness.table(outcomes, ["ec2_vpc_net", "iam_role"], ["emulator", "moto"])

    lines = rendered.splitlines()
    assert lines[2] == "| `ec2_vpc_net` | pass |  | 12 | fail | Assert the \\| output | 12 | 0 |"
    assert lines[3] == "| `iam_role` | pass |  | 12 | pass |  | 12 | 0 |"
    assert lines[-1] == "emulator: 2 of 2 pass, moto: 1 of 2 pass"


def test_a_run_that_timed_out_fails_and_says_so(tmp_path: Path) -> None:
    log = tmp_path / "ansible.log"
    log.write_text("TASK [x]\n")

    result = harness.outcome_from("t", "emulator", None, 900.0, tmp_path / "none.json", log, 900)

    assert not result.passed
    assert result.first_failure == "(timed out)"
    assert result.message.startswith("timed out after 900 s")


def test_a_playbook_that_fails_before_any_task_reports_the_log_tail(tmp_path: Path) -> None:
    log = tmp_path / "ansible.log"
    log.write_text("ERROR! the role 'x' was not found\n")

    result = harness.outcome_from("t", "emulator", 1, 1.0, tmp_path / "none.json", log, 900)

    assert (result.passed, result.first_failure) == (False, "(playbook error)")
    assert "the role 'x' was not found" in result.message


PLAYBOOK = [
    {
        "name": "Stand in for a target",
        "hosts": "localhost",
        "gather_facts": False,
        "tasks": [
            {"name": "Fails on this backend", "ansible.builtin.fail": {"msg": "no such field"}, "register": "r"},
            {"name": "Tolerated failure", "ansible.builtin.fail": {"msg": "ignored"}, "ignore_errors": True},
            {"name": "Sees the skipped result", "ansible.builtin.assert": {"that": ["r is skipped"]}},
            {"ansible.builtin.assert": {"that": ["false"]}},
            {"name": "Fails for real", "ansible.builtin.fail": {"msg": "the first real failure"}},
        ],
    }
]


def unnamed_task_line() -> int:
    """Where the playbook's task without a name starts, as Ansible reports a task's place."""
    lines = yaml.safe_dump(PLAYBOOK, sort_keys=False).splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == "- ansible.builtin.assert:")


def run_with_callback(tmp_path: Path, skip: list[str]) -> tuple[int, dict]:
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump(PLAYBOOK, sort_keys=False))
    report = tmp_path / "report.json"
    config = tmp_path / "ansible.cfg"
    config.write_text("[defaults]\n")
    env = dict(
        os.environ,
        ANSIBLE_CONFIG=str(config),
        ANSIBLE_CALLBACK_PLUGINS=str(harness.PEER_DIR / "callback_plugins"),
        ANSIBLE_CALLBACKS_ENABLED="peer_report",
        APPSTACK_PEER_REPORT=str(report),
        APPSTACK_PEER_SKIP=json.dumps(skip),
    )
    command = [str(Path(sys.executable).parent / "ansible-playbook"), str(playbook), "-i", "localhost,", "-c", "local"]
    completed = subprocess.run(command, env=env, capture_output=True, check=False, cwd=tmp_path)
    return completed.returncode, json.loads(report.read_text())


def test_the_callback_skips_the_named_tasks_and_reports_the_first_real_failure(tmp_path: Path) -> None:
    unnamed = f"play.yml:{unnamed_task_line()}"
    returncode, report = run_with_callback(tmp_path, ["Fails on this backend", unnamed])

    assert returncode == 2
    assert report["skipped_on_purpose"] == ["Fails on this backend", unnamed]
    assert report["first_failure"]["task"] == "Fails for real"
    assert report["first_failure"]["message"] == "the first real failure"
    assert report["failed"] == 1


def test_a_failing_task_without_a_name_is_reported_with_its_place(tmp_path: Path) -> None:
    _, report = run_with_callback(tmp_path, ["Fails on this backend"])

    assert report["first_failure"]["task"].endswith(f"/play.yml:{unnamed_task_line()})")


def test_without_skips_the_first_failure_is_the_first_failing_task(tmp_path: Path) -> None:
    returncode, report = run_with_callback(tmp_path, [])

    assert returncode == 2
    assert report["first_failure"]["task"] == "Fails on this backend"
    assert report["skipped_on_purpose"] == []
