"""What the roles declare: inputs (meta/argument_specs.yml), defaults, published outputs (set_fact of
<role>_outputs in tasks/), README sections. Also renders docs/roles.md."""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from docs.docgen.markdown import cell, code, table

SET_FACT = {"ansible.builtin.set_fact", "ansible.legacy.set_fact", "set_fact"}
NESTED_TASK_KEYS = ("block", "rescue", "always")
# libyaml's loader when PyYAML has it: the pure-Python one takes a second over the roles' task files.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(path: Path):
    """A YAML file, parsed once per run (several generators read the same task files)."""
    return yaml.load(path.read_text(), Loader=_LOADER)


def role_dirs(root: Path) -> list[Path]:
    """Every role with an argument spec (a role without one is not documented, and test_role_docs says so)."""
    return sorted(path.parent.parent for path in root.glob("roles/*/meta/argument_specs.yml"))


def entry_points(role_dir: Path) -> dict:
    return load_yaml(role_dir / "meta" / "argument_specs.yml")["argument_specs"]


def defaults(role_dir: Path) -> dict:
    path = role_dir / "defaults" / "main.yml"
    return (load_yaml(path) or {}) if path.is_file() else {}


def options(role_dir: Path) -> dict:
    """Every input, main's first, then those only other entry points take (as docs/role_inputs.py orders them),
    each with the entry points that take it."""
    merged = {}
    specs = entry_points(role_dir)
    for entry in sorted(specs, key=lambda name: name != "main"):
        for name, spec in (specs[entry].get("options") or {}).items():
            merged.setdefault(name, {"spec": spec, "entry_points": []})["entry_points"].append(entry)
    return merged


def _tasks(node):
    """Every task of a task file, blocks walked into."""
    for task in node or []:
        if not isinstance(task, dict):
            continue
        yield task
        for key in NESTED_TASK_KEYS:
            yield from _tasks(task.get(key))


def outputs(role_dir: Path) -> dict[str, list[str]]:
    """The keys of the <role>_outputs fact, from every set_fact in the role's tasks that writes it as a dict (a
    fact copied whole from a lookup adds no key), each with the task files that set it. A dict value adds its own
    keys, dotted (cache_outputs.env.REDIS_HOST): later roles read those."""
    fact = f"{role_dir.name}_outputs"
    keys: dict[str, set[str]] = {}
    for task_file in sorted((role_dir / "tasks").glob("*.yml")):
        for task in _tasks(load_yaml(task_file)):
            value = next((task[key] for key in SET_FACT if key in task), {}).get(fact)
            if isinstance(value, dict):
                for key in _keys(value):
                    keys.setdefault(key, set()).add(f"tasks/{task_file.name}")
    return {key: sorted(files) for key, files in sorted(keys.items())}


def _keys(value: dict, parent: str = ""):
    for key, item in value.items():
        yield f"{parent}{key}"
        if isinstance(item, dict):
            yield from _keys(item, f"{parent}{key}.")


def readme_section(role_dir: Path, heading: str) -> str:
    """The text under a '## heading' of the role's README, up to the next '## ' heading; '' when absent."""
    readme = (role_dir / "README.md").read_text()
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def built_resources(role_dir: Path) -> list[str]:
    """What the README's 'What it builds' section lists: the first column of its first table, or else the bold
    names its top-level bullets start with (READMEs use either)."""
    lines = readme_section(role_dir, "What it builds").splitlines()
    first_table = []
    for line in lines:
        if line.startswith("|"):
            first_table.append(line)
        elif first_table:
            break
    if len(first_table) > 2:
        names = [row.split("|")[1].strip() for row in first_table[2:]]
    else:
        names = [match.group(1) for line in lines if (match := re.match(r"^- \*\*(.+?)\*\*", line))]
    # Three rows of "IAM role + managed policy" read better as one with a count.
    counts = Counter(names)
    return [f"{name} ({counts[name]})" if counts[name] > 1 else name for name in dict.fromkeys(names)]


def _default(name: str, spec: dict, role_defaults: dict) -> str:
    # An input computed in defaults/main.yml (from other roles' outputs, or the inventory) has no default in the
    # spec: the expression says where its value comes from.
    if "default" in spec:
        return code(spec["default"])
    if name in role_defaults:
        return code(role_defaults[name])
    return ""


def _input_rows(role_dir: Path) -> list[list[str]]:
    role_defaults = defaults(role_dir)
    rows = []
    for name, found in options(role_dir).items():
        rows.extend(_option_rows(name, found["spec"], role_defaults, found["entry_points"]))
    return rows


def _option_rows(name: str, spec: dict, role_defaults: dict, entries: list[str]) -> list[list[str]]:
    kind = spec.get("type", "str") + (f" of {spec['elements']}" if "elements" in spec else "")
    choices = ", ".join(code(choice) for choice in spec.get("choices", []))
    rows = [
        [
            f"`{name}`",
            kind,
            _default(name, spec, role_defaults),
            "yes" if spec.get("required") else "",
            choices,
            ", ".join(entries),
            cell(spec.get("description", "")),
        ]
    ]
    for sub_name, sub_spec in (spec.get("options") or {}).items():
        rows.extend(_option_rows(f"{name}.{sub_name}", sub_spec, {}, entries))
    return rows


def _role_section(role_dir: Path) -> list[str]:
    specs = entry_points(role_dir)
    lines = [f"## {role_dir.name}", "", cell(specs.get("main", {}).get("short_description", "")), ""]
    lines += ["Entry points (`tasks_from`):", ""]
    lines += [f"- `{entry}`: {cell(specs[entry].get('short_description', ''))}" for entry in sorted(specs)]
    lines += ["", "### Inputs", ""]
    header = ["Variable", "Type", "Default", "Required", "Choices", "Entry points", "Description"]
    lines += table(header, _input_rows(role_dir))
    lines += ["", "### Outputs", ""]
    published = outputs(role_dir)
    if published:
        rows = [[f"`{key}`", ", ".join(files)] for key, files in published.items()]
        lines += [f"The keys of `{role_dir.name}_outputs`:", "", *table(["Key", "Set in"], rows)]
    else:
        lines += [f"None: the role sets no `{role_dir.name}_outputs` fact."]
    return [*lines, ""]


def render(root: Path) -> str:
    lines = [
        "# Roles: inputs and outputs",
        "",
        "<!-- Generated by docs/generate.py from roles/*/meta/argument_specs.yml, defaults/main.yml and the",
        "     set_fact of <role>_outputs in tasks/. Do not edit: run `make docs`. -->",
        "",
        "An input without a default in its argument spec takes the value `defaults/main.yml` computes, shown in",
        "the Default column; the spec marks most of those required, so that a default that renders empty fails",
        "before any AWS call. Every role publishes what later roles read as one fact, `<role>_outputs`;",
        "`playbooks/outputs.yml` records them in `outputs/<env>.json`.",
        "",
    ]
    lines += [f"- [{role.name}](#{role.name})" for role in role_dirs(root)]
    lines.append("")
    for role in role_dirs(root):
        lines += _role_section(role)
    return "\n".join(lines).rstrip("\n") + "\n"
