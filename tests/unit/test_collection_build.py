"""The tarball `ansible-galaxy collection build` makes: what a user installs, without what only developers use.

The integration side (tests/integration/test_faults.py) installs it into a path of its own and builds the local
environment from the installed copy, by FQCN (`ansible-playbook appstack.aws.site`).
"""

import json
import tarfile

import pytest
import yaml

from tests.collection import REPO_ROOT, build_tarball, install_tarball, tarball_members, user_config

# What only developers use: the tests, the emulator, the benchmarks (tests/perf), molecule, lint settings, the
# developer pins, and the checkout's own ansible.cfg (which points at the Mitogen strategies, not shipped).
DEVELOPMENT_ONLY = (
    "tests/",
    "emulator/",
    "molecule/",
    ".config/",
    "strategy_plugins/",
    "docs/performance",
    ".venv/",
    "outputs/",
    ".ansible-lint",
    ".yamllint",
    "ansible.cfg",
    "Makefile",
    "pyproject.toml",
    "requirements.txt",
)
# What a user runs, by FQCN: appstack.aws.site and the playbooks beside it, with their shared defaults.
USER_FILES = (
    "playbooks/site.yml",
    "playbooks/deploy_backend.yml",
    "playbooks/deploy_frontend.yml",
    "playbooks/teardown.yml",
    "playbooks/group_vars",
    "group_vars/all/appstack.yml",
    "roles/network/tasks/main.yml",
    "plugins/modules/apprunner_service.py",
    "meta/runtime.yml",
    "README.md",
)


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    return build_tarball(tmp_path_factory.mktemp("build"))


def development_files_in(members: list[str]) -> list[str]:
    return [member for member in members if member.startswith(DEVELOPMENT_ONLY)]


def test_the_tarball_leaves_out_what_only_developers_use(tarball):
    assert development_files_in(tarball_members(tarball)) == []


def test_the_check_finds_a_development_file():
    assert development_files_in(["roles/x/tasks/main.yml", "tests/unit/test_x.py", "emulator/app.py"]) == [
        "tests/unit/test_x.py",
        "emulator/app.py",
    ]


def test_the_tarball_holds_the_playbooks_roles_and_plugins_a_user_runs(tarball):
    members = set(tarball_members(tarball))
    assert [path for path in USER_FILES if path not in members] == []


def test_the_manifest_names_the_collection_its_version_and_dependencies(tarball):
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))["collection_info"]
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == ("appstack", "aws", galaxy["version"])
    assert manifest["dependencies"] == galaxy["dependencies"]


def test_the_installed_copy_keeps_the_shared_defaults_beside_its_playbooks(tarball, tmp_path):
    """playbooks/group_vars links to the top-level group_vars: the link must survive the build and the install,
    or appstack.aws.site runs without the shared defaults."""
    installed = install_tarball(tarball, tmp_path)
    defaults = yaml.safe_load((installed / "playbooks/group_vars/all/appstack.yml").read_text())
    assert defaults["appstack_app_name"] == "smartscheduler"
    assert user_config(tmp_path).read_text().count("collections_path") == 1
