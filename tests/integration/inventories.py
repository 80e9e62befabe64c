"""Copies of the project's inventories with a user's edits, for tests of what a run does with them."""

import shutil

import yaml

from .playbook import REPO_ROOT


def inventory_with(tmp_path, env="prod", **overrides):
    """A copy of inventories/<env> whose group sets `overrides` too, as a user would edit it."""
    inventory = tmp_path / env
    shutil.copytree(REPO_ROOT / "inventories" / env, inventory)
    group_file = inventory / "group_vars" / f"{env}.yml"
    values = yaml.safe_load(group_file.read_text())
    values.update(overrides)
    group_file.write_text(yaml.safe_dump(values))
    return inventory
