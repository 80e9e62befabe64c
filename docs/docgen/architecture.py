"""docs/architecture.md: the template docs/templates/architecture.md, its placeholders filled from the playbooks
(the order playbooks/site.yml builds the tiers in), the roles' defaults (which outputs each role reads) and the
roles' specs and READMEs (what each builds)."""

import re
from pathlib import Path

from docs.docgen import roles
from docs.docgen.markdown import cell, table

TEMPLATE = Path("docs/templates/architecture.md")
SITE = Path("playbooks/site.yml")
IMPORT_PLAYBOOK = {"ansible.builtin.import_playbook", "import_playbook"}
INCLUDE_ROLE = {"ansible.builtin.include_role", "ansible.builtin.import_role", "include_role", "import_role"}
INCLUDE_TASKS = {"ansible.builtin.include_tasks", "ansible.builtin.import_tasks", "include_tasks", "import_tasks"}
COLLECTION = "appstack.aws."
# A placeholder of the template: a line of its own.
PLACEHOLDER = re.compile(r"^<!-- generated: ([a-z_]+) -->$", re.MULTILINE)


def _load(path: Path) -> list:
    return roles.load_yaml(path) or []


def plays(root: Path, playbook: Path = SITE) -> list[dict]:
    """Every play site.yml runs, in order, import_playbook followed; each with the playbook that holds it."""
    found = []
    for entry in _load(root / playbook):
        imported = next((entry[key] for key in IMPORT_PLAYBOOK if key in entry), None)
        if imported:
            found.extend(plays(root, playbook.parent / imported))
        else:
            found.append({**entry, "_playbook": playbook.as_posix()})
    return found


def _role_name(name: str) -> str:
    return name.removeprefix(COLLECTION)


def play_roles(root: Path, play: dict) -> list[str]:
    """The roles a play runs, in order, as `role` or `role:entry point`: its roles: list, then its tasks'
    include_role and import_role (in blocks, and in task files it includes)."""
    found = []
    for role in play.get("roles") or []:
        found.append(_role_name(role["role"] if isinstance(role, dict) else role))
    for section in ("pre_tasks", "tasks", "post_tasks"):
        found.extend(_task_roles(root, root / Path(play["_playbook"]).parent, play.get(section)))
    return found


def _task_roles(root: Path, base: Path, tasks) -> list[str]:
    found = []
    for task in roles._tasks(tasks):
        include = next((task[key] for key in INCLUDE_ROLE if key in task), None)
        if include:
            entry = include.get("tasks_from")
            found.append(_role_name(include["name"]) + (f":{entry}" if entry else ""))
        included_file = next((task[key] for key in INCLUDE_TASKS if key in task), None)
        if isinstance(included_file, dict):
            included_file = included_file.get("file")
        # A file named by a template is not followed: which one runs is decided at run time.
        if included_file and "{{" not in included_file and (base / included_file).is_file():
            found.extend(_task_roles(root, (base / included_file).parent, _load(base / included_file)))
    return found


def _tags(play: dict) -> str:
    tags = play.get("tags") or []
    return ", ".join(f"`{tag}`" for tag in ([tags] if isinstance(tags, str) else tags))


def build_order(root: Path) -> list[str]:
    rows = []
    for number, play in enumerate(plays(root), start=1):
        run = ", ".join(f"`{role}`" for role in play_roles(root, play))
        rows.append([str(number), cell(play.get("name", "")), f"`{play['_playbook']}`", _tags(play), run])
    return table(["#", "Play", "Playbook", "Tags", "Roles (`role:tasks_from`)"], rows)


def tiers(root: Path) -> list[str]:
    """Each tag of the plays (a tier --tags selects), with its plays' playbooks in run order."""
    by_tag: dict[str, list[str]] = {}
    for play in plays(root):
        tags = play.get("tags") or ["(none)"]
        for tag in [tags] if isinstance(tags, str) else tags:
            by_tag.setdefault(tag, [])
            if play["_playbook"] not in by_tag[tag]:
                by_tag[tag].append(play["_playbook"])
    rows = [[f"`{tag}`", ", ".join(f"`{p}`" for p in books)] for tag, books in by_tag.items()]
    return table(["Tag", "Playbooks, in run order"], rows)


def data_flows(root: Path) -> list[str]:
    """Which outputs of which role each role's defaults read: an edge for every `<role>_outputs.key` reference."""
    publishers = {role.name for role in roles.role_dirs(root) if roles.outputs(role)}
    reference = re.compile(rf"\b({'|'.join(sorted(publishers))})_outputs((?:\.[A-Za-z0-9_]+)*)")
    rows = []
    for role in roles.role_dirs(root):
        text = (role / "defaults" / "main.yml").read_text() if (role / "defaults" / "main.yml").is_file() else ""
        reads: dict[str, set[str]] = {}
        for source, path in reference.findall(text):
            if source != role.name:
                reads.setdefault(source, set()).add(f"{source}_outputs{path}")
        for source in sorted(reads):
            rows.append([f"`{source}`", f"`{role.name}`", ", ".join(f"`{ref}`" for ref in sorted(reads[source]))])
    return table(["From", "To", "Outputs read (in the reader's defaults/main.yml)"], rows)


def role_purposes(root: Path) -> list[str]:
    rows = []
    for role in roles.role_dirs(root):
        summary = roles.entry_points(role).get("main", {}).get("short_description", "")
        built = ", ".join(roles.built_resources(role))
        rows.append([f"`{role.name}`", cell(summary), cell(built), f"[README](../roles/{role.name}/README.md)"])
    return table(["Role", "Purpose (argument spec)", "What it builds (README)", "Details"], rows)


def render(root: Path) -> str:
    parts = {
        "build_order": build_order(root),
        "tiers": tiers(root),
        "data_flows": data_flows(root),
        "role_purposes": role_purposes(root),
    }
    template = (root / TEMPLATE).read_text()
    return PLACEHOLDER.sub(lambda match: "\n".join(parts[match.group(1)]), template)
