# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks the inventory of an environment as a whole, on the controller, with no API call.

See plugins/modules/check_inventory.py for the documentation.
"""

from pathlib import Path

import yaml
from ansible import context
from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase
from ansible_collections.appstack.aws.plugins.module_utils import inventory_checks

try:  # ansible-core 2.19 tags every value with the file and line it was read from.
    from ansible._internal._datatag._tags import Origin
except ImportError:  # pragma: no cover - older ansible-core: fall back to reading the inventory files
    Origin = None

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
SET_FACT_ACTIONS = ("ansible.builtin.set_fact", "set_fact")
# Names each inventory sets and no role defaults: the environment has no sensible default.
INVENTORY_NAMES = frozenset({"appstack_environment"})

ARGUMENT_SPEC = {
    "tier_tags": {"type": "list", "elements": "str", "required": True},
    "extra_variables": {"type": "list", "elements": "str", "default": []},
}


# libyaml's parser when PyYAML has it: this check reads every role's files on every run.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AnyTagLoader(_SafeLoader):
    """Reads role files with Ansible's YAML tags (!unsafe, !vault) as plain values."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _load_yaml(path):
    try:
        return yaml.load(path.read_text(), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return None


def _set_fact_names(tasks):
    """The variables set_fact publishes in a task list, blocks included."""
    names = set()
    for task in tasks if isinstance(tasks, list) else []:
        if not isinstance(task, dict):
            continue
        for action in SET_FACT_ACTIONS:
            if isinstance(task.get(action), dict):
                names |= {name for name in task[action] if name != "cacheable"}
        for section in ("block", "rescue", "always"):
            names |= _set_fact_names(task.get(section))
    return names


def role_names(root):
    return sorted(path.name for path in (root / "roles").iterdir() if (path / "meta").is_dir())


def declared_names(root):
    """Every variable a role or the project declares: argument specs, role defaults, the shared
    group_vars, and the facts roles publish (their outputs)."""
    names = set(INVENTORY_NAMES)
    for role in role_names(root):
        role_dir = root / "roles" / role
        specs = (_load_yaml(role_dir / "meta" / "argument_specs.yml") or {}).get("argument_specs") or {}
        for entry_point in specs.values():
            names |= set((entry_point or {}).get("options") or {})
        names |= set(_load_yaml(role_dir / "defaults" / "main.yml") or {})
        for tasks_file in sorted((role_dir / "tasks").glob("*.yml")):
            names |= _set_fact_names(_load_yaml(tasks_file))
    for group_vars in (root / "group_vars" / "all", root / "playbooks" / "group_vars" / "all"):
        for path in sorted(group_vars.glob("*.yml")):
            names |= set(_load_yaml(path) or {})
    return names


def _origin_of(name, value, inventory_dir):
    """Where a variable was set, as Ansible recorded it: a file and line, or -e."""
    origin = Origin.get_tag(value) if Origin else None
    if origin is None:
        return _origin_from_files(name, inventory_dir)
    if origin.path:
        path = Path(origin.path)
        if inventory_dir and path.is_relative_to(Path(inventory_dir).parent):
            path = path.relative_to(Path(inventory_dir).parent.parent)
        return f"{path}:{origin.line_num}" if origin.line_num else str(path)
    if origin.description and "-e" in origin.description:
        return "-e"
    return origin.description


def _origin_from_files(name, inventory_dir):
    """For values Ansible cannot tag (booleans, null): the extra vars, else the inventory file that sets it."""
    for extra in context.CLIARGS.get("extra_vars", ()) or ():
        if str(extra).lstrip("{ \"'").startswith(name):
            return "-e"
    if not inventory_dir:
        return None
    for path in sorted(Path(inventory_dir).rglob("*.yml")):
        document = _load_yaml(path)
        if isinstance(document, dict) and name in document:
            return str(path.relative_to(Path(inventory_dir).parent.parent))
    return None


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        validation = ArgumentSpecValidator(ARGUMENT_SPEC).validate(self._task.args)
        if validation.error_messages:
            raise AnsibleActionFail("; ".join(validation.error_messages))
        args = validation.validated_parameters
        task_vars = task_vars or {}

        problems = self._unknown_variables(task_vars, args["extra_variables"])
        mismatch = inventory_checks.environment_mismatch(
            str(task_vars.get("appstack_environment") or ""),
            str(task_vars.get("inventory_hostname")),
            list(task_vars.get("group_names") or []),
        )
        problems += [mismatch] if mismatch else []
        region = str(task_vars.get("appstack_region") or "")
        regions = _known_regions()
        region_problem = inventory_checks.region_error(region, regions)
        problems += [region_problem] if region_problem else []
        accounts_problem = inventory_checks.allowed_accounts_error(
            self._templar.template(task_vars.get("appstack_allowed_account_ids"))
        )
        problems += [accounts_problem] if accounts_problem else []
        assume_role_problem = inventory_checks.assume_role_error(
            self._templar.template(task_vars.get("appstack_assume_role_arn")),
            self._templar.template(task_vars.get("appstack_assume_role_duration_seconds", 3600)),
        )
        problems += [assume_role_problem] if assume_role_problem else []
        problems += inventory_checks.extra_tags_errors(self._templar.template(task_vars.get("appstack_extra_tags")))

        warnings = []
        tags = inventory_checks.unmatched_tags(task_vars.get("ansible_run_tags") or [], args["tier_tags"])
        if tags:
            warnings.append(inventory_checks.unmatched_tags_warning(tags, args["tier_tags"]))

        result.update(
            changed=False,
            problems=problems,
            region_partition=next((name for name, names in regions.items() if region in names), None),
        )
        if warnings:
            result["warnings"] = warnings
        return result

    def _unknown_variables(self, task_vars, extra_variables):
        declared = declared_names(COLLECTION_ROOT)
        prefixes = inventory_checks.declared_prefixes(role_names(COLLECTION_ROOT))
        allowed = list(extra_variables) + list(task_vars.get("appstack_extra_variables") or [])
        inventory_dir = task_vars.get("inventory_dir")
        return [
            inventory_checks.unknown_variable_message(name, _origin_of(name, task_vars[name], inventory_dir), declared)
            for name in inventory_checks.unknown_variables(task_vars, declared, prefixes, allowed)
        ]


def _known_regions():
    """Each partition's regions, from botocore's endpoint data (no API call)."""
    import boto3  # the controller runs AWS modules already; imported late to keep plugin loading light

    session = boto3.session.Session()
    return {
        partition: session.get_available_regions("ec2", partition_name=partition)
        for partition in session.get_available_partitions()
    }
