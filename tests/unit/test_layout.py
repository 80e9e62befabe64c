"""Rules of the collection's layout that no single test of a role or module would notice.

Each rule is a function of a checkout's root, run on this repository and, to show that it can
fail, on small trees built in a temporary directory.
"""

import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
UPSTREAM_COLLECTIONS = ("amazon.aws.", "community.aws.")
AWS_COLLECTIONS = (*UPSTREAM_COLLECTIONS, "appstack.aws.")
ROLE_INCLUDES = {
    "ansible.builtin.include_role",
    "ansible.builtin.import_role",
    "include_role",
    "import_role",
}
TASK_SECTIONS = ("pre_tasks", "tasks", "post_tasks", "handlers")
BLOCK_SECTIONS = ("block", "rescue", "always")
DEFAULTS_GROUP = "group/appstack.aws.aws"
# Groups whose modules the plays reach through group/appstack.aws.aws (meta/runtime.yml): declaring them too
# repeats the defaults.
EXTENDED_GROUPS = ("group/amazon.aws.aws", "group/community.aws.aws", "group/aws")


class _AnyTagLoader(yaml.SafeLoader):
    """Loads playbooks with Ansible's tags (!unsafe, !vault) as plain values."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


# (a) No role reads another role's private names.
def foreign_private_names(root: Path) -> list[str]:
    """Every `<other role>__name` in a role's YAML or templates, as 'path:line: name'."""
    roles_dir = root / "roles"
    roles = sorted(path.name for path in roles_dir.iterdir() if path.is_dir())
    if not roles:
        return []
    private_name = re.compile(r"\b(" + "|".join(map(re.escape, roles)) + r")__\w+")
    found = []
    for role in roles:
        for path in sorted((roles_dir / role).rglob("*")):
            if not path.is_file() or path.suffix not in (".yml", ".yaml", ".j2"):
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                for match in private_name.finditer(line):
                    if match.group(1) != role:
                        found.append(f"{path.relative_to(root)}:{number}: {match.group(0)}")
    return found


# (b) Every module of ours, and every amazon.aws and community.aws module that a task calls, is in the action
# group that module_defaults address (the group lists the upstream modules by name instead of extending their
# groups, meta/runtime.yml says why).
def action_group_mismatches(root: Path) -> list[str]:
    """Modules missing from meta/runtime.yml's action group `aws`, and entries naming no module or no call."""
    runtime = yaml.safe_load((root / "meta" / "runtime.yml").read_text()) or {}
    group = (runtime.get("action_groups") or {}).get("aws") or []
    listed = {entry for entry in group if isinstance(entry, str) and "." not in entry}
    listed_upstream = {entry for entry in group if isinstance(entry, str) and "." in entry}
    modules = {path.stem for path in (root / "plugins" / "modules").glob("*.py") if path.stem != "__init__"}
    # A check that runs on the controller alone takes no AWS options, so the AWS defaults must not reach it.
    modules -= {name for name in modules if _controller_only(root, name)}
    called = upstream_modules_called(root)
    return (
        [f"{name}: not in action group aws" for name in sorted(modules - listed)]
        + [f"{name}: in action group aws but no such module" for name in sorted(listed - modules)]
        + [f"{name}: called by a task but not in action group aws" for name in sorted(called - listed_upstream)]
        + [f"{name}: in action group aws but no task calls it" for name in sorted(listed_upstream - called)]
    )


def upstream_modules_called(root: Path) -> set[str]:
    """The amazon.aws and community.aws modules that the tasks of the roles and the playbooks call."""
    files = [*playbook_files(root), *(root / "roles").glob("*/tasks/*.yml"), *(root / "roles").glob("*/handlers/*.yml")]
    called = set()
    for path in files:
        documents = yaml.load(path.read_text(), Loader=_AnyTagLoader)
        for task in _tasks_in(documents):
            called |= {key for key in task if key.startswith(UPSTREAM_COLLECTIONS)}
    return called


def _tasks_in(node) -> list[dict]:
    """Every task in a play list or task list, blocks and play sections included."""
    if isinstance(node, list):
        return [task for entry in node for task in _tasks_in(entry)]
    if not isinstance(node, dict):
        return []
    inner = [node.get(section) or [] for section in (*TASK_SECTIONS, *BLOCK_SECTIONS)]
    return [node, *(task for tasks in inner for task in _tasks_in(tasks))]


def _controller_only(root: Path, name: str) -> bool:
    """An action plugin whose documentation extends no AWS fragment: it never calls AWS."""
    if not (root / "plugins" / "action" / f"{name}.py").exists():
        return False
    return "extends_documentation_fragment" not in (root / "plugins" / "modules" / f"{name}.py").read_text()


# (c) Every play that calls AWS gets the region and retry defaults from the one place.
def playbook_files(root: Path) -> list[Path]:
    """site.yml, playbooks/, the integration tests' playbooks and molecule's, without inventories and vars."""
    candidates = [root / "site.yml", *(root / "playbooks").glob("*.yml")]
    for folder in (root / "tests" / "integration" / "playbooks", root / "molecule"):
        candidates += folder.rglob("*.yml")
    skipped = {"group_vars", "host_vars", "inventory"}
    return sorted(
        path
        for path in set(candidates)
        if path.is_file() and path.name != "molecule.yml" and not skipped & set(path.relative_to(root).parts)
    )


def _is_ours(role_name) -> bool:
    return isinstance(role_name, str) and role_name.startswith("appstack.aws.")


def _task_calls_aws(task) -> bool:
    if not isinstance(task, dict):
        return False
    if any(_task_calls_aws(inner) for section in BLOCK_SECTIONS for inner in task.get(section) or []):
        return True
    for key, value in task.items():
        if key.startswith(AWS_COLLECTIONS):
            return True
        if key in ROLE_INCLUDES and isinstance(value, dict) and _is_ours(value.get("name")):
            return True
    return False


def play_calls_aws(play: dict) -> bool:
    """Whether the play runs a module of amazon.aws, community.aws or ours, or one of our roles."""
    for role in play.get("roles") or []:
        if _is_ours(role if isinstance(role, str) else role.get("role", role.get("name"))):
            return True
    return any(_task_calls_aws(task) for section in TASK_SECTIONS for task in play.get(section) or [])


def _module_defaults(play: dict) -> dict:
    defaults = play.get("module_defaults") or {}
    if isinstance(defaults, list):
        merged = {}
        for entry in defaults:
            merged.update(entry)
        return merged
    return defaults


def plays_without_module_defaults(root: Path) -> list[str]:
    """Plays that call AWS without module_defaults for group/appstack.aws.aws, or that repeat them per group."""
    problems = []
    for path in playbook_files(root):
        plays = yaml.load(path.read_text(), Loader=_AnyTagLoader)
        if not isinstance(plays, list):
            continue
        for play in plays:
            if not isinstance(play, dict) or "hosts" not in play or not play_calls_aws(play):
                continue
            where = f"{path.relative_to(root)}: play {play.get('name', '(unnamed)')!r}"
            defaults = _module_defaults(play)
            if DEFAULTS_GROUP not in defaults:
                problems.append(f"{where} calls AWS without module_defaults for {DEFAULTS_GROUP}")
            repeated = [group for group in EXTENDED_GROUPS if group in defaults]
            if repeated:
                problems.append(f"{where} repeats the defaults for {', '.join(repeated)}; {DEFAULTS_GROUP} covers them")
    return problems


# (d) A module_utils file named like a module shadows nothing today, but confuses imports and readers.
def module_utils_named_like_modules(root: Path) -> list[str]:
    modules = {path.stem for path in (root / "plugins" / "modules").glob("*.py")}
    utils = {path.stem for path in (root / "plugins" / "module_utils").glob("*.py")}
    return sorted((modules & utils) - {"__init__"})


# The rules on this repository.


def test_no_role_references_another_roles_private_names():
    assert foreign_private_names(REPO_ROOT) == []


def test_every_module_is_in_the_aws_action_group():
    assert action_group_mismatches(REPO_ROOT) == []


def test_every_play_that_calls_aws_has_the_module_defaults_once():
    assert plays_without_module_defaults(REPO_ROOT) == []


def test_the_layout_rules_see_the_repository_plays():
    """The play scan finds the plays it is meant to check, so an empty result above means something."""
    files = {str(path.relative_to(REPO_ROOT)) for path in playbook_files(REPO_ROOT)}
    assert {"site.yml", "playbooks/network.yml", "playbooks/preflight.yml"} <= files
    assert any(name.startswith("tests/integration/playbooks/") for name in files)
    assert any(name.startswith("molecule/") for name in files)
    network_play = yaml.safe_load((REPO_ROOT / "playbooks" / "network.yml").read_text())[0]
    assert play_calls_aws(network_play)


def test_no_module_utils_file_shares_a_modules_name():
    assert module_utils_named_like_modules(REPO_ROOT) == []


# Each rule fails where it should.


def _write(root: Path, files: dict) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        ("roles/db/tasks/main.yml", "subnets: '{{ net__subnet_ids }}'\n", "roles/db/tasks/main.yml:1: net__subnet_ids"),
        ("roles/db/defaults/main.yml", "x: 1\ndb_ids: '{{ net__ids }}'\n", "roles/db/defaults/main.yml:2: net__ids"),
        (
            "roles/db/templates/policy.json.j2",
            '{"a": "{{ net__arn }}"}\n',
            "roles/db/templates/policy.json.j2:1: net__arn",
        ),
        ("roles/net/vars/main.yml", "net__x: '{{ db__y }}'\n", "roles/net/vars/main.yml:1: db__y"),
    ],
)
def test_a_reference_to_another_roles_private_name_is_found(tmp_path, relative, text, expected):
    _write(
        tmp_path,
        {
            "roles/net/tasks/main.yml": "vpc: '{{ net__vpc_id }}'\n",
            "roles/db/tasks/validate.yml": "ok: '{{ db__own }} {{ net_outputs.subnet_ids }} {{ appstack__caller }}'\n",
            relative: text,
        },
    )
    assert foreign_private_names(tmp_path) == [expected]


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        (["net_vpc", "net_vpc_info"], []),
        (["net_vpc"], ["net_vpc_info: not in action group aws"]),
        ([{"metadata": {"extend_group": ["amazon.aws.aws"]}}, "net_vpc_info"], ["net_vpc: not in action group aws"]),
        (["net_vpc", "net_vpc_info", "old_module"], ["old_module: in action group aws but no such module"]),
    ],
)
def test_a_module_missing_from_the_action_group_is_found(tmp_path, listed, expected):
    _write(
        tmp_path,
        {
            "plugins/modules/__init__.py": "",
            "plugins/modules/net_vpc.py": "",
            "plugins/modules/net_vpc_info.py": "",
            "meta/runtime.yml": yaml.safe_dump({"action_groups": {"aws": listed}}),
        },
    )
    assert action_group_mismatches(tmp_path) == expected


@pytest.mark.parametrize(
    ("listed", "expected"),
    [
        (["net_vpc", "amazon.aws.ec2_vpc_net", "community.aws.secretsmanager_secret"], []),
        (
            ["net_vpc", "amazon.aws.ec2_vpc_net"],
            ["community.aws.secretsmanager_secret: called by a task but not in action group aws"],
        ),
        (
            ["net_vpc", "amazon.aws.ec2_vpc_net", "community.aws.secretsmanager_secret", "amazon.aws.s3_bucket"],
            ["amazon.aws.s3_bucket: in action group aws but no task calls it"],
        ),
    ],
)
def test_an_upstream_module_that_a_task_calls_must_be_in_the_action_group(tmp_path, listed, expected):
    play = _play(tasks=[{"name": "B", "block": [{"name": "Secret", "community.aws.secretsmanager_secret": {}}]}])
    _write(
        tmp_path,
        {
            "plugins/modules/__init__.py": "",
            "plugins/modules/net_vpc.py": "",
            "roles/net/tasks/main.yml": yaml.safe_dump([{"name": "VPC", "amazon.aws.ec2_vpc_net": {}}]),
            "playbooks/data.yml": yaml.safe_dump([play]),
            "meta/runtime.yml": yaml.safe_dump({"action_groups": {"aws": listed}}),
        },
    )
    assert action_group_mismatches(tmp_path) == expected


DEFAULTS = {DEFAULTS_GROUP: "{{ appstack_module_defaults }}"}


def _play(**fields):
    return {"name": "A play", "hosts": "all", "gather_facts": False, **fields}


@pytest.mark.parametrize(
    ("relative", "play", "expected"),
    [
        pytest.param(
            "site.yml",
            _play(tasks=[{"name": "Read", "amazon.aws.ec2_vpc_net_info": {}}]),
            "site.yml: play 'A play' calls AWS without module_defaults for group/appstack.aws.aws",
            id="amazon-module-without-defaults",
        ),
        pytest.param(
            "playbooks/data.yml",
            _play(
                module_defaults={"group/amazon.aws.aws": {"region": "us-east-1"}},
                tasks=[{"name": "B", "block": [{"name": "Read", "community.aws.secretsmanager_secret": {}}]}],
            ),
            "playbooks/data.yml: play 'A play' calls AWS without module_defaults for group/appstack.aws.aws\n"
            "playbooks/data.yml: play 'A play' repeats the defaults for group/amazon.aws.aws; "
            "group/appstack.aws.aws covers them",
            id="community-module-in-a-block-with-another-group-only",
        ),
        pytest.param(
            "tests/integration/playbooks/sub/network.yml",
            _play(roles=[{"role": "appstack.aws.network"}]),
            "tests/integration/playbooks/sub/network.yml: play 'A play' calls AWS without module_defaults "
            "for group/appstack.aws.aws",
            id="our-role-in-a-test-playbook",
        ),
        pytest.param(
            "molecule/rds/verify.yml",
            _play(post_tasks=[{"name": "Ready", "ansible.builtin.include_role": {"name": "appstack.aws.rds"}}]),
            "molecule/rds/verify.yml: play 'A play' calls AWS without module_defaults for group/appstack.aws.aws",
            id="included-role-in-molecule",
        ),
        pytest.param(
            "playbooks/network.yml",
            _play(
                module_defaults={**DEFAULTS, "group/amazon.aws.aws": {"region": "us-east-1"}},
                tasks=[{"name": "Mine", "appstack.aws.ec2_vpc_flow_log_info": {}}],
            ),
            "playbooks/network.yml: play 'A play' repeats the defaults for group/amazon.aws.aws; "
            "group/appstack.aws.aws covers them",
            id="defaults-repeated-per-group",
        ),
    ],
)
def test_a_play_that_calls_aws_without_the_defaults_is_found(tmp_path, relative, play, expected):
    harmless = [
        _play(name="Local only", tasks=[{"name": "Say", "ansible.builtin.debug": {"msg": "hi"}}]),
        _play(name="Configured", module_defaults=DEFAULTS, roles=["appstack.aws.secrets"]),
        {"name": "Import", "ansible.builtin.import_playbook": "other.yml"},
    ]
    _write(
        tmp_path,
        {
            relative: yaml.safe_dump([*harmless, play], sort_keys=False),
            "molecule/rds/molecule.yml": "scenario: {}\n",
            "molecule/rds/inventory/hosts.yml": "all: {hosts: {h: {}}}\n",
        },
    )
    assert plays_without_module_defaults(tmp_path) == expected.split("\n")


@pytest.mark.parametrize(
    ("utils", "expected"),
    [
        (["common.py", "net.py"], []),
        (["common.py", "net_vpc.py"], ["net_vpc"]),
    ],
)
def test_a_module_utils_file_named_like_a_module_is_found(tmp_path, utils, expected):
    files = {
        "plugins/modules/__init__.py": "",
        "plugins/modules/net_vpc.py": "",
        "plugins/module_utils/__init__.py": "",
    }
    files.update({f"plugins/module_utils/{name}": "" for name in utils})
    assert module_utils_named_like_modules(_write(tmp_path, files)) == expected
