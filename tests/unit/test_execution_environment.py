"""execution-environment.yml gives ansible-builder a build context that installs the tested versions.

The context is written once to a temporary directory (`ansible-builder create`, as `make ee` does, with the
collection's tarball built from the checkout). The collections are installed into a temporary collections path as
the Containerfile installs them, and the context's own introspection script lists the Python requirements the image
would install; only their resolution asks the package index (PyPI), as the image build would.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

REPO_ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SITE_COLLECTIONS = Path(yaml.__file__).resolve().parents[1] / "ansible_collections"


def pins(path: Path) -> dict[str, str]:
    """name -> version of the `name==version` lines of a requirements file."""
    found = {}
    for line in path.read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        if "==" in requirement:
            name, version = requirement.split("==", 1)
            found[name.strip().lower()] = version.strip()
    return found


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def ee(tmp_path_factory):
    """The build context, the collections as the image installs them, and the introspected Python requirements."""
    root = tmp_path_factory.mktemp("ee")
    (root / "ansible.cfg").write_text("")
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(root), "ANSIBLE_CONFIG": str(root / "ansible.cfg")}
    shutil.copy2(REPO_ROOT / "execution-environment.yml", root)
    shutil.copy2(REPO_ROOT / "requirements.yml", root)
    run(BIN / "ansible-galaxy", "collection", "build", REPO_ROOT, "--output-path", root / "outputs/collection", cwd=root,
        env=env)  # fmt: skip
    context = root / "context"
    run(BIN / "ansible-builder", "create", "--file", "execution-environment.yml", "--context", context,
        "--output-filename", "Containerfile", cwd=root, env=env)  # fmt: skip

    # The galaxy stage: requirements.yml (amazon.aws and community.aws: the pinned ansible package's copies, at the
    # versions requirements.yml names), then this collection's tarball, offline.
    collections = root / "collections"
    for name in ("amazon/aws", "community/aws"):
        (collections / "ansible_collections" / name).parent.mkdir(parents=True, exist_ok=True)
        (collections / "ansible_collections" / name).symlink_to(SITE_COLLECTIONS / name, target_is_directory=True)
    tarballs = sorted((context / "_build" / "collections").glob("appstack-aws-*.tar.gz"))
    run(BIN / "ansible-galaxy", "collection", "install", "--offline", "--collections-path", collections, *tarballs,
        cwd=root, env=env)  # fmt: skip

    # The builder stage: the same script, with the same arguments, on the installed collections.
    python_requirements = root / "python-requirements.txt"
    run(sys.executable, context / "_build/scripts/introspect.py", "introspect", collections,
        "--user-pip", context / "_build/requirements.txt", "--write-pip", python_requirements, cwd=root, env=env)  # fmt: skip
    return {"root": root, "context": context, "collections": collections, "tarballs": tarballs,
            "python_requirements": python_requirements, "env": env}  # fmt: skip


def containerfile(ee) -> str:
    return (ee["context"] / "Containerfile").read_text()


def install_refs(ee) -> list[str]:
    match = re.search(r'^ARG ANSIBLE_INSTALL_REFS="([^"]*)"', containerfile(ee), re.MULTILINE)
    assert match, "the Containerfile installs no ansible-core/ansible-runner"
    return match.group(1).split()


def test_containerfile_installs_the_galaxy_requirements_and_the_collection_tarball(ee):
    text = containerfile(ee)
    assert "ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml" in text
    assert re.search(r"^RUN ansible-galaxy collection install --offline .*/build/collections/appstack-aws-\*\.tar\.gz$",
                     text, re.MULTILINE)  # fmt: skip
    assert (ee["context"] / "_build/requirements.yml").read_text() == (REPO_ROOT / "requirements.yml").read_text()
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())
    assert [tarball.name for tarball in ee["tarballs"]] == [f"appstack-aws-{galaxy['version']}.tar.gz"]


def test_galaxy_requirements_name_the_dependencies_within_galaxy_yml_ranges(ee):
    dependencies = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())["dependencies"]
    listed = {
        c["name"]: c["version"] for c in yaml.safe_load((REPO_ROOT / "requirements.yml").read_text())["collections"]
    }
    assert set(listed) == set(dependencies) == {"amazon.aws", "community.aws"}
    for name, version in listed.items():
        assert version in SpecifierSet(dependencies[name]), (
            f"{name} {version} is outside galaxy.yml's {dependencies[name]}"
        )
        manifest = (ee["collections"] / "ansible_collections" / name.replace(".", "/") / "MANIFEST.json").read_text()
        assert f'"version": "{version}"' in manifest, f"the pinned ansible package has another {name} than {version}"


def test_ansible_core_and_runner_are_the_pinned_versions(ee):
    pinned = pins(REPO_ROOT / "requirements.txt")
    refs = dict(ref.lower().split("==") for ref in install_refs(ee))
    assert refs == {"ansible-core": pinned["ansible-core"], "ansible-runner": pinned["ansible-runner"]}


def test_collection_declares_its_python_requirements_inside_the_tarball(ee):
    installed = ee["collections"] / "ansible_collections/appstack/aws"
    assert not (installed / "requirements.txt").exists(), "the developer pins must stay out of the tarball"
    declared = [Requirement(line) for line in pins_or_specs(installed / "meta/ee-requirements.txt")]
    assert {r.name for r in declared} == {"boto3", "botocore"}
    pinned = pins(REPO_ROOT / "requirements.txt")
    for requirement in declared:
        assert pinned[requirement.name] in requirement.specifier, f"requirements.txt's {requirement.name} is refused"
    introspected = ee["python_requirements"].read_text()
    for requirement in declared:
        assert f"{requirement}  # from collection appstack.aws" in introspected


def pins_or_specs(path: Path) -> list[str]:
    return [line.split("#", 1)[0].strip() for line in path.read_text().splitlines() if line.split("#", 1)[0].strip()]


def test_python_packages_resolve_to_the_pinned_versions(ee):
    """Every Python requirement of the image resolves together, for Python 3.11, on the package index."""
    requirements = ee["root"] / "all-requirements.txt"
    requirements.write_text(ee["python_requirements"].read_text() + "\n".join(install_refs(ee)) + "\n")
    resolved = ee["root"] / "resolved.txt"
    env = {**ee["env"], "UV_CACHE_DIR": str(ee["root"] / "uv-cache")}
    run(BIN / "uv", "pip", "compile", "--quiet", "--system-certs", "--python-version", "3.11", "--python-platform",
        "x86_64-manylinux_2_28", "--no-header", "--no-annotate", requirements, "--output-file", resolved,
        cwd=ee["root"], env=env)  # fmt: skip
    pinned = pins(REPO_ROOT / "requirements.txt")
    got = pins(resolved)
    for name in ("boto3", "botocore", "ansible-core", "ansible-runner"):
        assert got.get(name) == pinned[name], (
            f"{name}: the image would install {got.get(name)}, the tests run {pinned[name]}"
        )
