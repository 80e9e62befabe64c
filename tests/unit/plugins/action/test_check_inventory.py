"""What check_inventory knows is declared: every role's inputs and outputs, and the shared group_vars."""

from pathlib import Path

import pytest
from ansible_collections.appstack.aws.plugins.action import check_inventory

REPO_ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def declared():
    return check_inventory.declared_names(REPO_ROOT)


@pytest.mark.parametrize(
    "name",
    [
        "rds_instance_class",  # argument spec and defaults
        "network_flow_logs_enabled",
        "secrets_kms_key_rotation",
        "appstack_region",  # group_vars/all
        "appstack_extra_variables",
        "appstack_environment",  # set by every inventory
        "network_outputs",  # published by set_fact
        "rds_outputs",
        "secrets_outputs",
        "appstack_input_errors",
    ],
)
def test_the_projects_variables_are_declared(declared, name):
    assert name in declared


def test_a_typo_is_not_declared(declared):
    assert "rds_instance_clas" not in declared


def test_every_variable_the_inventories_set_is_declared(declared):
    """The example inventories pass their own check."""
    prefixes = check_inventory.inventory_checks.declared_prefixes(check_inventory.role_names(REPO_ROOT))
    for path in sorted((REPO_ROOT / "inventories").glob("*/group_vars/*.yml")):
        names = check_inventory._load_yaml(path) or {}
        assert check_inventory.inventory_checks.unknown_variables(names, declared, prefixes) == [], path


def test_a_role_in_a_tree_declares_its_specs_defaults_and_facts(tmp_path):
    role = tmp_path / "roles" / "cache"
    (role / "meta").mkdir(parents=True)
    (role / "defaults").mkdir()
    (role / "tasks").mkdir()
    (role / "meta" / "argument_specs.yml").write_text(
        "argument_specs:\n  main:\n    options:\n      cache_node_type: {type: str}\n"
    )
    (role / "defaults" / "main.yml").write_text("cache_enabled: false\n")
    (role / "tasks" / "main.yml").write_text(
        "- name: Publish\n  block:\n    - name: Set\n      ansible.builtin.set_fact:\n        cache_outputs: {}\n"
    )
    assert {"cache_node_type", "cache_enabled", "cache_outputs", "appstack_environment"} <= (
        check_inventory.declared_names(tmp_path)
    )
    assert check_inventory.role_names(tmp_path) == ["cache"]
