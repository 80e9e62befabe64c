"""Every module's documentation parses, renders with ansible-doc, and agrees with its argument spec."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
import yaml
from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.testing import patch_module_args
from ansible_collections.amazon.aws.plugins.module_utils.modules import aws_argument_spec

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSIBLE_CONFIG = REPO_ROOT / "ansible.cfg"
MODULES = sorted(path.stem for path in (REPO_ROOT / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
COMMON_FRAGMENTS = {"amazon.aws.common.modules", "amazon.aws.region.modules", "amazon.aws.boto3"}
TAG_FRAGMENTS = {"amazon.aws.tags", "amazon.aws.tags.modules"}
TAG_OPTIONS = {"tags", "purge_tags"}
# The author line validate-modules accepts: "Name (@github-handle)", or "Name (!UNKNOWN)" without a handle.
AUTHOR_LINE = re.compile(r"^\w.*(\(@([\w-]+)\)|!UNKNOWN)(?![\w.])")


class _ArgumentSpecCaptured(Exception):
    def __init__(self, kwargs):
        super().__init__("argument spec captured")
        self.kwargs = kwargs


def module_docs(name):
    """DOCUMENTATION, EXAMPLES and RETURN of a module, parsed as YAML, read without importing it."""
    tree = ast.parse((REPO_ROOT / "plugins" / "modules" / f"{name}.py").read_text())
    docs = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in ("DOCUMENTATION", "EXAMPLES", "RETURN"):
                    docs[target.id] = yaml.safe_load(node.value.value)
    return docs


def controller_only(name):
    """A check that runs on the controller alone (an action plugin, no AWS call): it takes no AWS options."""
    return (REPO_ROOT / "plugins" / "action" / f"{name}.py").exists() and not module_docs(name)["DOCUMENTATION"].get(
        "extends_documentation_fragment"
    )


def module_kwargs(name, monkeypatch):
    """The keyword arguments (argument_spec, mutually_exclusive, ...) the module gives AnsibleModule;
    for a controller-only check, the argument spec its action plugin validates."""
    if controller_only(name):
        action = import_module(f"ansible_collections.appstack.aws.plugins.action.{name}")
        return {"argument_spec": action.ARGUMENT_SPEC}

    def capture(self, **kwargs):
        raise _ArgumentSpecCaptured(kwargs)

    monkeypatch.setattr(AnsibleModule, "__init__", capture)
    module = import_module(f"ansible_collections.appstack.aws.plugins.modules.{name}")
    with patch_module_args({}), pytest.raises(_ArgumentSpecCaptured) as captured:
        module.main()
    return captured.value.kwargs


def own_argument_spec(name, monkeypatch):
    """The options the module defines itself, without those its doc fragments document."""
    spec = module_kwargs(name, monkeypatch)["argument_spec"]
    fragments = set(module_docs(name)["DOCUMENTATION"].get("extends_documentation_fragment") or [])
    inherited = set(aws_argument_spec()) if fragments else set()
    if fragments & TAG_FRAGMENTS:
        inherited |= TAG_OPTIONS
    return {key: value for key, value in spec.items() if key not in inherited}


def assert_option_matches(name, option, doc, spec):
    where = f"{name}: option {option}"
    assert doc.get("type", "str") == spec.get("type", "str"), f"{where}: type"
    assert doc.get("elements") == spec.get("elements"), f"{where}: elements"
    assert doc.get("choices") == spec.get("choices"), f"{where}: choices"
    assert doc.get("default") == spec.get("default"), f"{where}: default"
    assert bool(doc.get("required", False)) == bool(spec.get("required", False)), f"{where}: required"
    assert sorted(doc.get("aliases", [])) == sorted(spec.get("aliases", [])), f"{where}: aliases"
    assert doc.get("description"), f"{where}: description"


def ansible_doc(*args, plugin_type="module"):
    executable = Path(sys.executable).with_name("ansible-doc")
    command = [str(executable) if executable.exists() else shutil.which("ansible-doc"), "-t", plugin_type, *args]
    env = {**os.environ, "ANSIBLE_CONFIG": str(ANSIBLE_CONFIG), "ANSIBLE_NOCOLOR": "1"}
    return subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def rendered_docs():
    """ansible-doc's JSON for every module: the documentation with the doc fragments merged in."""
    result = ansible_doc("--json", *(f"appstack.aws.{name}" for name in MODULES))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# The collection's versions, oldest first; a module's version_added must name one of them.
RELEASED_VERSIONS = ("0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0")


def test_the_newest_version_is_the_collection_version():
    galaxy = yaml.safe_load((Path(__file__).resolve().parents[2] / "galaxy.yml").read_text())
    assert RELEASED_VERSIONS[-1] == galaxy["version"]


def test_modules_are_found():
    assert {"cloudwatchlogs_log_group", "ec2_vpc_flow_log"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_documentation_is_complete(name):
    docs = module_docs(name)
    documentation = docs["DOCUMENTATION"]

    assert documentation["module"] == name
    assert documentation["version_added"] in RELEASED_VERSIONS
    assert documentation["short_description"]
    assert documentation["description"]
    assert documentation["author"]
    assert all(AUTHOR_LINE.search(author) for author in documentation["author"]), documentation["author"]
    assert documentation["notes"], "the notes say why the module exists"
    if not controller_only(name):
        assert set(documentation["extends_documentation_fragment"]) >= COMMON_FRAGMENTS
    assert docs["RETURN"], "RETURN documents the result"
    for key, value in docs["RETURN"].items():
        assert {"description", "returned", "type"} <= set(value), f"RETURN {key}"


@pytest.mark.parametrize("name", MODULES)
def test_documented_options_match_the_argument_spec(name, monkeypatch):
    options = module_docs(name)["DOCUMENTATION"].get("options") or {}
    spec = own_argument_spec(name, monkeypatch)

    assert set(options) == set(spec)
    for option, doc in options.items():
        assert_option_matches(name, option, doc, spec[option])


@pytest.mark.parametrize("name", MODULES)
def test_rendered_options_with_fragments_match_the_argument_spec(name, monkeypatch, rendered_docs):
    options = rendered_docs[f"appstack.aws.{name}"]["doc"]["options"]
    spec = module_kwargs(name, monkeypatch)["argument_spec"]

    assert set(options) == set(spec)
    for option, doc in options.items():
        assert_option_matches(name, option, doc, spec[option])


@pytest.mark.parametrize("name", MODULES)
def test_option_relations_name_real_options(name, monkeypatch):
    kwargs = module_kwargs(name, monkeypatch)
    known = set(kwargs["argument_spec"])

    for group in kwargs.get("mutually_exclusive", []) + kwargs.get("required_together", []):
        assert set(group) <= known
    for rule in kwargs.get("required_if", []):
        assert rule[0] in known and set(rule[2]) <= known


@pytest.mark.parametrize("name", MODULES)
def test_examples_use_the_module_with_documented_options(name, rendered_docs):
    options = rendered_docs[f"appstack.aws.{name}"]["doc"]["options"]
    known = set(options) | {alias for option in options.values() for alias in option.get("aliases", [])}
    tasks = module_docs(name)["EXAMPLES"]

    assert tasks
    for task in tasks:
        assert task["name"][0].isupper(), task["name"]
        arguments = task[f"appstack.aws.{name}"] or {}
        assert set(arguments) <= known, f"{task['name']}: {set(arguments) - known}"


@pytest.fixture(scope="module")
def rendered_manuals():
    """ansible-doc's text manual of every module, one run for all: each module's manual, by name."""
    result = ansible_doc(*(f"appstack.aws.{name}" for name in MODULES))
    manuals = {}
    for manual in result.stdout.split("> MODULE ")[1:]:
        manuals[manual.split()[0]] = manual
    return {"manuals": manuals, "stderr": result.stderr, "returncode": result.returncode}


@pytest.mark.parametrize("name", MODULES)
def test_ansible_doc_renders_the_module(name, rendered_manuals):
    assert rendered_manuals["returncode"] == 0, rendered_manuals["stderr"]
    manual = rendered_manuals["manuals"].get(f"appstack.aws.{name}", "")
    assert "OPTIONS" in manual and "EXAMPLES" in manual, manual[:2000]
    assert "WARNING" not in rendered_manuals["stderr"], rendered_manuals["stderr"]


FILTERS = sorted(path.stem for path in (REPO_ROOT / "plugins" / "filter").glob("*.py") if path.stem != "__init__")


@pytest.fixture(scope="module")
def filter_docs():
    """ansible-doc's JSON for every filter, one run for all."""
    completed = ansible_doc("--json", *(f"appstack.aws.{name}" for name in FILTERS), plugin_type="filter")
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.mark.parametrize("name", FILTERS)
def test_ansible_doc_renders_the_filter(name, filter_docs):
    """ansible-lint and ansible-doc read a filter's DOCUMENTATION; a YAML error there hides the filter's manual."""
    doc = filter_docs[f"appstack.aws.{name}"]["doc"]
    assert doc["name"] == name
    assert doc["short_description"]
