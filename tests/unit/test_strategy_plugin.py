"""strategy_plugins/mitogen_linear.py: Mitogen's strategy unpinned, with the collection listing done once."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import ansible_mitogen.affinity
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def strategy():
    spec = importlib.util.spec_from_file_location(
        "appstack_mitogen_linear", REPO_ROOT / "strategy_plugins" / "mitogen_linear.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_process_is_pinned_to_a_cpu(strategy):
    assert type(ansible_mitogen.affinity.policy) is ansible_mitogen.affinity.Policy


# Run in an interpreter of its own: ansible's collection loader must be the only importer of ansible_collections,
# which the unit tests' own imports are not.
COMPARE = """
import importlib.util, json, sys
from ansible.plugins.loader import init_plugin_loader
init_plugin_loader([sys.argv[2]])
from ansible.collections.list import list_collection_dirs
from ansible.utils.collection_loader import AnsibleCollectionConfig
spec = importlib.util.spec_from_file_location("strategy", sys.argv[1])
strategy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(strategy)
roots = list(AnsibleCollectionConfig.collection_finder._n_collection_paths)
print(json.dumps({
    "ours": strategy.installed_collection_dirs(roots),
    "ansible": [path.decode() for path in list_collection_dirs()],
}))
"""


def test_the_collection_directories_are_those_ansible_lists():
    collections = REPO_ROOT / ".venv" / "collections"
    completed = subprocess.run(
        [sys.executable, "-c", COMPARE, str(REPO_ROOT / "strategy_plugins" / "mitogen_linear.py"), str(collections)],
        capture_output=True,
        text=True,
        check=True,
    )
    listed = json.loads(completed.stdout)

    assert sorted(listed["ours"]) == sorted(listed["ansible"])
    assert str(collections / "ansible_collections" / "appstack" / "aws") in listed["ours"]


def test_a_collection_in_two_roots_is_taken_from_the_first(strategy, tmp_path):
    for root in ("first", "second"):
        (tmp_path / root / "ansible_collections" / "acme" / "web").mkdir(parents=True)
    (tmp_path / "second" / "ansible_collections" / "acme" / "db").mkdir()
    (tmp_path / "second" / "ansible_collections" / "acme" / "README").write_text("not a collection")

    listed = strategy.installed_collection_dirs([str(tmp_path / "first"), str(tmp_path / "second"), "/nonexistent"])

    assert listed == [
        str(tmp_path / "first" / "ansible_collections" / "acme" / "web"),
        str(tmp_path / "second" / "ansible_collections" / "acme" / "db"),
    ]
