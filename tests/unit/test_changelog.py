"""CHANGELOG.md is what antsibull-changelog generates from changelogs/, and every fragment passes its lint.

Each test works on a copy of changelogs/ and galaxy.yml in a temporary directory: the checkout is never written.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def antsibull_changelog(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "antsibull_changelog", *args], cwd=root, capture_output=True, text=True, check=False
    )


@pytest.fixture
def changelog_tree(tmp_path: Path) -> Path:
    shutil.copytree(REPO_ROOT / "changelogs", tmp_path / "changelogs")
    shutil.copy2(REPO_ROOT / "galaxy.yml", tmp_path / "galaxy.yml")
    return tmp_path


def test_fragments_pass_antsibull_changelog_lint(changelog_tree):
    result = antsibull_changelog(changelog_tree, "lint")
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_lint_reports_a_fragment_with_an_unknown_section(changelog_tree):
    (changelog_tree / "changelogs" / "fragments" / "bad.yml").write_text("---\nnew_stuff:\n  - A change.\n")
    result = antsibull_changelog(changelog_tree, "lint")
    assert result.returncode != 0
    assert "bad.yml:0:0: invalid section: new_stuff" in result.stdout


def test_changelog_md_is_generated_from_changelogs(changelog_tree):
    result = antsibull_changelog(changelog_tree, "generate")
    assert result.returncode == 0, result.stdout + result.stderr
    generated = (changelog_tree / "CHANGELOG.md").read_text()
    assert (REPO_ROOT / "CHANGELOG.md").read_text() == generated, (
        "CHANGELOG.md differs from what antsibull-changelog generates from changelogs/: add a fragment to "
        "changelogs/fragments/ instead of editing CHANGELOG.md, and run `make changelog`"
    )
