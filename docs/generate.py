"""Render the reference documentation from its sources, or check that the rendered files are up to date.

    python docs/generate.py          # rewrite (make docs)
    python docs/generate.py --check  # exit 1 naming every stale file (the unit tests run this)

What it writes, and from what:
- roles/*/README.md inputs tables: meta/argument_specs.yml (docs/role_inputs.py);
- docs/architecture.md: docs/templates/architecture.md filled from playbooks/site.yml, the roles' defaults, specs
  and READMEs;
- docs/roles.md: each role's argument spec, defaults and published <role>_outputs;
- docs/modules/: ansible-doc of every module of plugins/modules/;
- docs/iam-operator-policy.json: the permissions blocks of the roles' READMEs.
"""

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    # Run as a script (python docs/generate.py): `docs` is importable from the repository root.
    sys.path.insert(0, str(REPO_ROOT))

from docs import role_inputs
from docs.docgen import architecture, iam_policy, modules, roles

FIX = "run `make docs`"


def readme_tables(root: Path) -> dict[Path, str]:
    """Each role README with its inputs table rendered, for the READMEs that have the markers."""
    files = {}
    for readme in sorted(root.glob("roles/*/README.md")):
        current = readme.read_text()
        if role_inputs.BEGIN in current:
            table = role_inputs.inputs_table(readme.parent)
            files[readme.relative_to(root)] = role_inputs.render(current, table)
    return files


def render_all(root: Path, module_docs: dict | None = None) -> dict[Path, str]:
    """Every generated file, by path relative to root, with its expected content; module_docs is ansible-doc's
    JSON of the modules, read when not given."""
    files = readme_tables(root)
    files[Path("docs/architecture.md")] = architecture.render(root)
    files[Path("docs/roles.md")] = roles.render(root)
    files[Path("docs/iam-operator-policy.json")] = iam_policy.render(root)
    files.update(modules.render(root, module_docs))
    return files


def _leftovers(root: Path, files: dict[Path, str]) -> list[Path]:
    """Pages of docs/modules/ whose module is gone."""
    return sorted(
        path.relative_to(root)
        for path in (root / modules.OUTPUT_DIR).glob("*.md")
        if path.relative_to(root) not in files
    )


def stale(root: Path, files: dict[Path, str]) -> list[str]:
    """A message per file that differs from what the sources give, naming the file and the fix."""
    problems = []
    for path, content in sorted(files.items()):
        target = root / path
        if not target.is_file():
            problems.append(f"{path} is missing: {FIX}")
        elif target.read_text() != content:
            problems.append(f"{path} is out of date with its sources: {FIX}")
    problems += [f"{path} documents a module that no longer exists: {FIX}" for path in _leftovers(root, files)]
    problems += [
        f"roles/{role}/README.md has no {iam_policy.BEGIN} block: docs/iam-operator-policy.json leaves it out"
        for role in _roles_without_permissions(root)
    ]
    return problems


def _roles_without_permissions(root: Path) -> list[str]:
    readmes = {path.parent.name: path.read_text() for path in root.glob("roles/*/README.md")}
    return iam_policy.roles_without_block(readmes)


def write(root: Path, files: dict[Path, str]) -> list[Path]:
    """Write what changed, remove pages of removed modules; return the paths touched."""
    touched = []
    for path, content in sorted(files.items()):
        target = root / path
        if not target.is_file() or target.read_text() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content)
            touched.append(path)
    for path in _leftovers(root, files):
        (root / path).unlink()
        touched.append(path)
    return touched


def main(argv: list[str] | None = None, root: Path = REPO_ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is out of date")
    args = parser.parse_args(argv)
    files = render_all(root)
    if args.check:
        problems = stale(root, files)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for path in write(root, files):
        print(f"wrote {path}")
    # A README without a permissions block is not an out-of-date file, but the policy misses that role.
    for role in _roles_without_permissions(root):
        print(f"roles/{role}/README.md has no permissions block: the policy leaves the role out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
