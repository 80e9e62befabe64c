"""Role READMEs document every input their argument specs declare."""

import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
ROLES = sorted(path.parent.parent for path in REPO_ROOT.glob("roles/*/meta/argument_specs.yml"))


def test_every_role_has_an_argument_spec_and_a_readme():
    assert ROLES, "no role found"
    for role in ROLES:
        assert (role / "README.md").is_file(), f"{role.name} has no README"


def test_readme_input_tables_are_generated_from_the_argument_specs():
    result = subprocess.run(
        [sys.executable, "docs/role_inputs.py", "--check"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_defaults_and_argument_specs_agree():
    """Every input is declared by some entry point, and a default written in both places is the same value
    (STYLE: no contradictions). An entry point that runs before an input can be known leaves it out (the iam
    role's main runs before the secrets its permissions entry point grants)."""
    for role in ROLES:
        defaults = yaml.safe_load((role / "defaults" / "main.yml").read_text()) or {}
        entry_points = yaml.safe_load((role / "meta" / "argument_specs.yml").read_text())["argument_specs"]
        options = {name: spec for entry in entry_points.values() for name, spec in entry["options"].items()}
        assert set(defaults) == set(options), f"{role.name}: defaults and argument spec declare different variables"
        for name, spec in options.items():
            if "default" in spec:
                assert spec["default"] == defaults[name], f"{role.name}: {name} defaults differ"
