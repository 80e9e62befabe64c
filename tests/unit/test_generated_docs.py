"""The reference documentation under docs/ is what docs/generate.py renders from the sources, and the check
that says so fails, naming the file and `make docs`, when a source changes."""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from docs import generate
from docs.docgen import iam_policy, modules, roles

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def module_docs():
    """ansible-doc's JSON of every module: one run for all (about 2.5 s)."""
    return modules.ansible_doc(REPO_ROOT, modules.module_names(REPO_ROOT))


@pytest.fixture(scope="module")
def rendered(module_docs):
    """Every generated file as the sources give it."""
    return generate.render_all(REPO_ROOT, module_docs)


def test_the_generated_docs_match_their_sources(rendered):
    problems = generate.stale(REPO_ROOT, rendered)
    assert problems == [], "\n".join(problems)


def test_every_module_has_a_page_and_an_index_entry(rendered):
    names = sorted(path.stem for path in (REPO_ROOT / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    assert {Path(f"docs/modules/{name}.md") for name in names} <= set(rendered)
    index = rendered[Path("docs/modules/README.md")]
    assert all(f"[appstack.aws.{name}]({name}.md)" in index for name in names)


def test_rendering_twice_gives_the_same_files(rendered, module_docs):
    """No timestamp, no dict order: the check compares byte for byte."""
    shuffled = {name: module_docs[name] for name in reversed(module_docs)}
    assert generate.render_all(REPO_ROOT, shuffled) == rendered


@pytest.fixture
def copied_roles(tmp_path):
    """The roles and the generated roles page, copied: a source there can be changed without touching the repo."""
    shutil.copytree(REPO_ROOT / "roles", tmp_path / "roles")
    (tmp_path / "docs").mkdir()
    shutil.copy(REPO_ROOT / "docs" / "roles.md", tmp_path / "docs" / "roles.md")
    return tmp_path


def test_a_changed_argument_spec_makes_the_check_name_the_stale_page_and_the_fix(copied_roles):
    spec_path = copied_roles / "roles" / "rds" / "meta" / "argument_specs.yml"
    specs = yaml.safe_load(spec_path.read_text())
    specs["argument_specs"]["main"]["options"]["rds_port"]["default"] = 5433
    spec_path.write_text(yaml.safe_dump(specs))

    expected = {Path("docs/roles.md"): roles.render(copied_roles)}

    assert "`rds_port` | int | `5433`" in expected[Path("docs/roles.md")]
    assert generate.stale(copied_roles, expected) == ["docs/roles.md is out of date with its sources: run `make docs`"]
    generate.write(copied_roles, expected)
    assert generate.stale(copied_roles, expected) == []


def test_a_missing_page_and_a_page_of_a_removed_module_are_reported(tmp_path):
    (tmp_path / "docs" / "modules").mkdir(parents=True)
    (tmp_path / "docs" / "modules" / "gone.md").write_text("# appstack.aws.gone\n")
    expected = {Path("docs/modules/kept.md"): "# appstack.aws.kept\n"}

    assert generate.stale(tmp_path, expected) == [
        "docs/modules/kept.md is missing: run `make docs`",
        "docs/modules/gone.md documents a module that no longer exists: run `make docs`",
    ]
    generate.write(tmp_path, expected)
    assert sorted(path.name for path in (tmp_path / "docs" / "modules").iterdir()) == ["kept.md"]


PERMISSIONS = """
## IAM permissions

<!-- BEGIN PERMISSIONS -->
- `rds:DescribeDBInstances`
- `monitoring:DescribeAlarms`, `budgets:DescribeBudget` (IAM `budgets:ViewBudget`), `rds:DescribeDBInstances`,
  `kms:Decrypt` (a continuation line)
- `iam:PassRole` (the roles)

`iam:PassRole` is needed on the proxy role only (`arn:aws:iam::<account>:role/<id>-rds-*`). Prose names
`kms:Encrypt` without granting it.
<!-- END PERMISSIONS -->
"""


def test_the_policy_merges_bullets_maps_logged_names_to_iam_actions_and_narrows_stated_resources():
    policy = iam_policy.policy({"rds": PERMISSIONS, "plain": "no block", "ecr": "<!-- BEGIN PERMISSIONS -->\n"})

    assert policy == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Rds",
                "Effect": "Allow",
                "Action": ["budgets:ViewBudget", "cloudwatch:DescribeAlarms", "kms:Decrypt", "rds:DescribeDBInstances"],
                "Resource": "*",
            },
            {
                "Sid": "RdsScoped1",
                "Effect": "Allow",
                "Action": ["iam:PassRole"],
                "Resource": "arn:aws:iam::*:role/*-rds-*",
            },
        ],
    }


def test_the_operator_policy_is_valid_json_with_sorted_unique_actions():
    policy = json.loads((REPO_ROOT / "docs" / "iam-operator-policy.json").read_text())
    assert policy["Version"] == "2012-10-17"
    for statement in policy["Statement"]:
        assert statement["Action"] == sorted(set(statement["Action"])), statement["Sid"]
        assert statement["Sid"].isalnum()
