"""Task names read well in `ansible-playbook --list-tasks`, which shows them untemplated."""

from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
NESTED = ("block", "rescue", "always", "tasks", "pre_tasks", "post_tasks", "handlers")


class _AnyTagLoader(yaml.SafeLoader):
    """Loads Ansible YAML with its tags (!unsafe, !vault) as plain values."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def task_names(node):
    """Every name of a play, task or block in a loaded playbook or task file."""
    if isinstance(node, list):
        for item in node:
            yield from task_names(item)
    elif isinstance(node, dict):
        if isinstance(node.get("name"), str):
            yield node["name"]
        for section in NESTED:
            yield from task_names(node.get(section))


def files_with_tasks(root: Path) -> list[Path]:
    paths = [root / "site.yml", *(root / "playbooks").glob("*.yml")]
    for role in (root / "roles").iterdir():
        paths += [*(role / "tasks").glob("*.yml"), *(role / "handlers").glob("*.yml")]
    return sorted(path for path in paths if path.is_file())


def templated_names(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)}: {name}"
        for path in files_with_tasks(root)
        for name in task_names(yaml.load(path.read_text(), Loader=_AnyTagLoader))
        if "{{" in name or "{%" in name
    ]


def test_no_task_name_holds_a_template():
    assert templated_names(REPO_ROOT) == []


@pytest.mark.parametrize(("name", "found"), [("Create the VPC {{ vpc_name }}", True), ("Create the VPC", False)])
def test_a_templated_name_is_found(tmp_path, name, found):
    (tmp_path / "roles" / "x" / "tasks").mkdir(parents=True)
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "site.yml").write_text("- name: Build\n  hosts: all\n  tasks:\n    - name: Build it\n")
    (tmp_path / "roles" / "x" / "tasks" / "main.yml").write_text(
        f"- name: Outer\n  block:\n    - name: {name}\n      ansible.builtin.debug:\n"
    )
    assert bool(templated_names(tmp_path)) is found
