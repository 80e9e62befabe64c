"""`-e name=false` means false everywhere: every boolean input is read through `| bool`.

Extra vars arrive as strings ("false"), and they outrank everything, so no role can convert them
once with set_fact. ansible-core 2.19 refuses a string in a conditional, and a string "false" is
true to Jinja: a role must read each boolean input through the bool filter wherever it uses it.
"""

import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
# Where a role reads its inputs; defaults only declare them, meta and READMEs document them.
READ_DIRS = ("tasks", "handlers", "templates", "vars")


def boolean_inputs(role_dir: Path) -> set[str]:
    specs = yaml.safe_load((role_dir / "meta" / "argument_specs.yml").read_text())["argument_specs"]
    return {
        name
        for entry_point in specs.values()
        for name, option in (entry_point.get("options") or {}).items()
        if option.get("type") == "bool"
    }


def bare_reads(role_dir: Path, names: set[str], root: Path) -> list[str]:
    """Every read of a boolean input not followed by `| bool`, as 'path:line: name'."""
    if not names:
        return []
    read = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b(?!\s*\|\s*bool\b)(?!:)")
    found = []
    for folder in READ_DIRS:
        for path in sorted((role_dir / folder).rglob("*")):
            if not path.is_file():
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                code = line.split("#", 1)[0] if path.suffix == ".yml" else line
                found += [f"{path.relative_to(root)}:{number}: {match.group(1)}" for match in read.finditer(code)]
    return found


def roles(root: Path) -> list[Path]:
    return sorted(path for path in (root / "roles").iterdir() if (path / "meta" / "argument_specs.yml").exists())


@pytest.mark.parametrize("role_dir", roles(REPO_ROOT), ids=lambda path: path.name)
def test_every_boolean_input_is_read_through_the_bool_filter(role_dir):
    assert bare_reads(role_dir, boolean_inputs(role_dir), REPO_ROOT) == []


def test_the_roles_have_boolean_inputs():
    assert {"network_flow_logs_enabled", "rds_multi_az"} <= set().union(*map(boolean_inputs, roles(REPO_ROOT)))


def test_a_bare_read_is_found(tmp_path):
    role = tmp_path / "roles" / "cache"
    (role / "meta").mkdir(parents=True)
    (role / "tasks").mkdir()
    (role / "meta" / "argument_specs.yml").write_text(
        "argument_specs:\n  main:\n    options:\n      cache_enabled: {type: bool}\n      cache_size: {type: int}\n"
    )
    (role / "tasks" / "main.yml").write_text(
        "- name: Build\n"
        "  ansible.builtin.include_tasks: build.yml\n"
        "  when: cache_enabled  # the bare read\n"
        "- name: Record\n"
        "  ansible.builtin.set_fact:\n"
        "    cache_enabled: true\n"
        '    cache__on: "{{ cache_enabled | bool and cache_size > 0 }}"\n'
    )
    assert bare_reads(role, boolean_inputs(role), tmp_path) == ["roles/cache/tasks/main.yml:3: cache_enabled"]
