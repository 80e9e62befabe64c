"""The operator runbooks (docs/runbooks/*.md) name only what exists in this repository.

A runbook goes stale silently: a playbook renamed, a variable dropped, a make target gone. Each rule is a function
of a checkout's root, run on this repository and, to show that it can fail, on small trees built in a temporary
directory.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNBOOKS_DIR = Path("docs/runbooks")
INDEX = "README.md"

# Extra vars that no role declares under their own name: the playbooks and roles read them at run time (the roles'
# own inputs default to them, e.g. deploy_backend_image_tag to image_tag). Each must still appear in playbooks/ or
# roles/ (test_runtime_variables_are_read_by_the_playbooks_or_roles).
RUNTIME_VARIABLES = ("image_tag", "build_dir", "rollback_to", "confirm_teardown", "confirm_prune")

# A fenced block, indented too (inside a list item).
FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
# An inline code span, which may go on over a line break (not over a blank line).
INLINE_CODE = re.compile(r"`((?:[^`\n]|\n(?![ \t]*\n))+)`")
PLAYBOOK_PATH = re.compile(r"(?<![\w./-])((?:playbooks/[\w-]+|site)\.yml)\b")
# -e name=value, -e "name=value", -e 'name=value'
EXTRA_VAR = re.compile(r"(?<!\S)(?:-e|--extra-vars)\s+[\"']?([A-Za-z_]\w*)=")
# -e '{"name": value}'
EXTRA_VAR_JSON = re.compile(r"(?<!\S)(?:-e|--extra-vars)\s+'(\{[^']*\})'")
MAKE_TARGET = re.compile(r"(?<![\w-])make\s+([a-z][\w-]*)")
MAKEFILE_TARGET = re.compile(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", re.MULTILINE)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
SECRET_PAIR = re.compile(r"replace\('\{service\}', '([\w-]+)'\) \| replace\('\{key\}', '([\w-]+)'\)")


def runbooks(root: Path) -> list[Path]:
    return sorted((root / RUNBOOKS_DIR).glob("*.md"))


def code_of(text: str) -> str:
    """The fenced blocks and inline code spans of a Markdown text, one per line."""
    blocks = [match.group(0) for match in FENCE.finditer(text)]
    spans = [" ".join(span.split()) for span in INLINE_CODE.findall(FENCE.sub("", text))]
    # A command broken over lines with a trailing backslash is one command.
    return "\n".join(blocks + spans).replace("\\\n", " ")


def _yaml_keys(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text()) or {}
    return set(data) if isinstance(data, dict) else set()


def known_variables(root: Path) -> set[str]:
    """Every variable the project declares: role defaults and argument specs, group_vars/all, the playbooks'."""
    names: set[str] = set()
    for path in root.glob("roles/*/defaults/main.yml"):
        names |= _yaml_keys(path)
    for path in root.glob("roles/*/meta/argument_specs.yml"):
        specs = (yaml.safe_load(path.read_text()) or {}).get("argument_specs", {})
        for entry in specs.values():
            names |= set((entry or {}).get("options", {}) or {})
    for pattern in ("group_vars/all/*.yml", "playbooks/group_vars/all/*.yml"):
        for path in root.glob(pattern):
            names |= _yaml_keys(path)
    return names


def runtime_variables_unread(root: Path, variables=RUNTIME_VARIABLES) -> list[str]:
    """The allowed run-time variables that no file under playbooks/ or roles/ mentions."""
    texts = [
        path.read_text(errors="replace")
        for folder in ("playbooks", "roles")
        for path in (root / folder).rglob("*")
        if path.is_file() and path.suffix in {".yml", ".yaml", ".j2", ".md"}
    ]
    return [name for name in variables if not any(re.search(rf"\b{name}\b", text) for text in texts)]


def missing_playbooks(root: Path) -> list[str]:
    """Playbook paths a runbook names that do not exist, as 'file: path'."""
    return [
        f"{doc.name}: {path}"
        for doc in runbooks(root)
        for path in sorted(set(PLAYBOOK_PATH.findall(doc.read_text())))
        if not (root / path).is_file()
    ]


def extra_variables(text: str) -> set[str]:
    """The names of the extra vars (-e) of the commands in a Markdown text."""
    code = code_of(text)
    names = set(EXTRA_VAR.findall(code))
    for document in EXTRA_VAR_JSON.findall(code):
        names |= set(json.loads(document))
    return names


def unknown_extra_variables(root: Path) -> list[str]:
    """Extra vars a runbook passes that the project does not know, as 'file: name'."""
    known = known_variables(root) | set(RUNTIME_VARIABLES)
    return [
        f"{doc.name}: {name}"
        for doc in runbooks(root)
        for name in sorted(extra_variables(doc.read_text()))
        if name not in known
    ]


def makefile_targets(root: Path) -> set[str]:
    return set(MAKEFILE_TARGET.findall((root / "Makefile").read_text()))


def unknown_make_targets(root: Path) -> list[str]:
    """`make <target>` commands of the runbooks whose target the Makefile lacks, as 'file: target'."""
    targets = makefile_targets(root)
    return [
        f"{doc.name}: make {target}"
        for doc in runbooks(root)
        for target in sorted(set(MAKE_TARGET.findall(code_of(doc.read_text()))))
        if target not in targets
    ]


def slug(heading: str) -> str:
    """The anchor a Markdown renderer such as GitHub's gives a heading."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", text))


def anchors(path: Path) -> set[str]:
    return {slug(heading) for heading in HEADING.findall(FENCE.sub("", path.read_text()))}


def broken_links(root: Path) -> list[str]:
    """Relative links of the runbooks whose file (or heading) does not exist, as 'file: link'."""
    broken = []
    for doc in runbooks(root):
        for target in LINK.findall(FENCE.sub("", doc.read_text())):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                continue
            path_part, _, fragment = target.partition("#")
            path = (doc.parent / path_part).resolve() if path_part else doc
            if not path.exists():
                broken.append(f"{doc.name}: {target}")
            elif fragment and path.suffix == ".md" and fragment not in anchors(path):
                broken.append(f"{doc.name}: {target} (no such heading)")
    return broken


def runbooks_not_in_index(root: Path) -> list[str]:
    """Runbook files docs/runbooks/README.md does not link."""
    index = root / RUNBOOKS_DIR / INDEX
    if not index.is_file():
        return [INDEX]
    linked = {target.partition("#")[0] for target in LINK.findall(index.read_text())}
    return [doc.name for doc in runbooks(root) if doc.name != INDEX and doc.name not in linked]


def unknown_secret_names(root: Path) -> list[str]:
    """Secret names of the form {app}/{service}/{env}/{key} the secrets role does not create, as 'file: name'."""
    app = yaml.safe_load((root / "group_vars/all/appstack.yml").read_text())["appstack_app_name"]
    secrets_role = root / "roles/secrets"
    pairs = set(SECRET_PAIR.findall((secrets_role / "vars/main.yml").read_text()))
    placeholders = yaml.safe_load((secrets_role / "defaults/main.yml").read_text())["secrets_placeholders"]
    pairs |= {("integrations", key) for key in placeholders}
    environments = {path.name for path in (root / "inventories").iterdir() if path.is_dir()} | {"<env>"}
    name = re.compile(rf"(?<![\w/-]){re.escape(app)}/([\w-]+)/([\w<>-]+)/([\w-]+)")
    bad = []
    for doc in runbooks(root):
        for service, env, key in sorted(set(name.findall(doc.read_text()))):
            # A secret's ARN ends with its name, a hyphen and six characters.
            known_key = any(
                key == k or re.fullmatch(rf"{re.escape(k)}-\w{{0,6}}", key) for s, k in pairs if s == service
            )
            if env not in environments or not known_key:
                bad.append(f"{doc.name}: {app}/{service}/{env}/{key}")
    return bad


# --- The rules, on this repository -----------------------------------------------------------------------------


def test_there_are_runbooks_and_an_index():
    names = {doc.name for doc in runbooks(REPO_ROOT)}
    assert INDEX in names
    assert len(names) > 1


def test_every_playbook_a_runbook_names_exists():
    assert missing_playbooks(REPO_ROOT) == []


def test_every_extra_variable_a_runbook_passes_is_known():
    assert unknown_extra_variables(REPO_ROOT) == []


def test_runbooks_pass_extra_variables():
    """The extraction finds the runbooks' -e variables (guards against a parser that finds nothing)."""
    found = set().union(*(extra_variables(doc.read_text()) for doc in runbooks(REPO_ROOT)))
    assert {"image_tag", "confirm_teardown", "teardown_disable_deletion_protection"} <= found


def test_runtime_variables_are_read_by_the_playbooks_or_roles():
    assert runtime_variables_unread(REPO_ROOT) == []


def test_runtime_variables_are_not_declared_variables():
    """The allow-list holds only what no role declares: a declared variable needs no exception."""
    assert set(RUNTIME_VARIABLES) & known_variables(REPO_ROOT) == set()


def test_every_make_target_a_runbook_names_exists():
    assert unknown_make_targets(REPO_ROOT) == []


def test_the_index_links_every_runbook():
    assert runbooks_not_in_index(REPO_ROOT) == []


def test_every_link_of_the_runbooks_resolves():
    assert broken_links(REPO_ROOT) == []


def test_every_secret_name_a_runbook_gives_is_one_the_secrets_role_creates():
    assert unknown_secret_names(REPO_ROOT) == []


@pytest.mark.parametrize("doc", [doc.name for doc in runbooks(REPO_ROOT) if doc.name not in {INDEX, "incidents.md"}])
def test_each_runbook_says_when_what_it_needs_how_to_verify_and_what_if_it_fails(doc):
    text = (REPO_ROOT / RUNBOOKS_DIR / doc).read_text()
    for part in ("**When:**", "**Prerequisites:**", "Verify", "If it fails"):
        assert part in text, f"{doc} lacks {part}"


def test_each_incident_has_symptom_confirmation_cause_fix_and_prevention():
    text = (REPO_ROOT / RUNBOOKS_DIR / "incidents.md").read_text()
    sections = re.split(r"^## ", FENCE.sub("", text), flags=re.MULTILINE)[1:]
    assert len(sections) >= 4
    for section in sections:
        title = section.splitlines()[0]
        for part in (
            "**Symptom:**",
            "**Confirm:**",
            "**Cause",
            "**Fix",
            "**How appstack.aws prevents or detects it now:**",
        ):
            assert part in section, f"incident {title!r} lacks {part}"


# --- The rules fail on a stale runbook -------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    """A checkout with one role, one playbook, a Makefile and an index that links a single runbook."""
    (tmp_path / "roles/demo/defaults").mkdir(parents=True)
    (tmp_path / "roles/demo/defaults/main.yml").write_text("demo_enabled: true\n")
    (tmp_path / "roles/demo/meta").mkdir()
    (tmp_path / "roles/demo/meta/argument_specs.yml").write_text(
        "argument_specs:\n  main:\n    options:\n      demo_timeout: {type: int}\n"
    )
    (tmp_path / "group_vars/all").mkdir(parents=True)
    (tmp_path / "group_vars/all/appstack.yml").write_text("appstack_app_name: shop\n")
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks/deploy.yml").write_text("- hosts: all\n  vars:\n    tag: '{{ image_tag }}'\n")
    (tmp_path / "Makefile").write_text("VENV := .venv\nreport: venv ## the report\n\t@true\nvenv:\n\t@true\n")
    (tmp_path / RUNBOOKS_DIR).mkdir(parents=True)
    (tmp_path / RUNBOOKS_DIR / INDEX).write_text("[Deploy](deploy.md)\n")
    (tmp_path / RUNBOOKS_DIR / "deploy.md").write_text(
        "# Deploy\n\n```sh\nansible-playbook playbooks/deploy.yml -i inventories/dev \\\n"
        "  -e image_tag=abc -e 'demo_timeout=5' -e '{\"demo_enabled\": false}'\nmake report ENV=dev\n```\n"
        "\nSee [the top](#deploy).\n"
    )
    return tmp_path


def test_a_current_runbook_passes_every_rule(tree):
    assert missing_playbooks(tree) == []
    assert unknown_extra_variables(tree) == []
    assert unknown_make_targets(tree) == []
    assert runbooks_not_in_index(tree) == []
    assert broken_links(tree) == []
    assert runtime_variables_unread(tree, ["image_tag"]) == []


def test_a_renamed_playbook_is_found(tree):
    (tree / "playbooks/deploy.yml").rename(tree / "playbooks/release.yml")
    assert missing_playbooks(tree) == ["deploy.md: playbooks/deploy.yml"]


def test_a_dropped_variable_is_found(tree):
    (tree / "roles/demo/meta/argument_specs.yml").write_text("argument_specs:\n  main:\n    options: {}\n")
    (tree / "roles/demo/defaults/main.yml").write_text("{}\n")
    assert unknown_extra_variables(tree) == ["deploy.md: demo_enabled", "deploy.md: demo_timeout"]


def test_a_quoted_extra_variable_is_read():
    assert extra_variables('```sh\nansible-playbook x.yml -e "confirm_prune=prod"\n```') == {"confirm_prune"}


def test_a_runtime_variable_no_playbook_reads_is_found(tree):
    (tree / "playbooks/deploy.yml").write_text("- hosts: all\n")
    assert runtime_variables_unread(tree, ["image_tag"]) == ["image_tag"]


def test_a_removed_make_target_is_found(tree):
    (tree / "Makefile").write_text("VENV := .venv\nvenv:\n\t@true\n")
    assert unknown_make_targets(tree) == ["deploy.md: make report"]


def test_a_runbook_the_index_omits_is_found(tree):
    (tree / RUNBOOKS_DIR / "restore.md").write_text("# Restore\n")
    assert runbooks_not_in_index(tree) == ["restore.md"]


def test_a_broken_link_or_anchor_is_found(tree):
    doc = tree / RUNBOOKS_DIR / "deploy.md"
    doc.write_text(doc.read_text() + "[gone](gone.md) [nowhere](#nowhere) [site](https://example.com)\n")
    assert broken_links(tree) == ["deploy.md: gone.md", "deploy.md: #nowhere (no such heading)"]


def test_headings_inside_code_blocks_are_not_anchors(tree):
    doc = tree / RUNBOOKS_DIR / "deploy.md"
    doc.write_text("# Deploy\n\n```sh\n# App Runner\n```\n\n[x](#app-runner)\n")
    assert broken_links(tree) == ["deploy.md: #app-runner (no such heading)"]


def test_a_command_in_a_list_item_is_read():
    text = "1. Deploy:\n\n   ```sh\n   ansible-playbook x.yml \\\n     -e image_tag=a\n   ```\n\n2. Then `make\n   report`.\n"
    assert extra_variables(text) == {"image_tag"}
    assert MAKE_TARGET.findall(code_of(text)) == ["report"]


def test_a_secret_the_secrets_role_does_not_create_is_found(tree):
    (tree / "roles/secrets/vars").mkdir(parents=True)
    (tree / "roles/secrets/vars/main.yml").write_text(
        "jwt: \"{{ p | replace('{service}', 'app') | replace('{key}', 'jwt-signing-key') }}\"\n"
    )
    (tree / "roles/secrets/defaults").mkdir()
    (tree / "roles/secrets/defaults/main.yml").write_text("secrets_placeholders: [maps-key]\n")
    (tree / "inventories/prod").mkdir(parents=True)
    doc = tree / RUNBOOKS_DIR / "deploy.md"
    doc.write_text("`shop/app/prod/jwt-signing-key` `shop/integrations/<env>/maps-key` `shop/app/prod/jwt-key`\n")
    assert unknown_secret_names(tree) == ["deploy.md: shop/app/prod/jwt-key"]
