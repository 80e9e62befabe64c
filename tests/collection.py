"""Build the collection as Galaxy does and install it where a user would: from the tarball, into a path of its own.

Shared by the unit test of the tarball's contents and the integration run of site.yml from the installed copy.
"""

import os
import subprocess
import tarfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ANSIBLE_GALAXY = REPO_ROOT / ".venv" / "bin" / "ansible-galaxy"
NAMESPACE, NAME = "appstack", "aws"


def build_tarball(output_dir: Path) -> Path:
    """`ansible-galaxy collection build` of the checkout into output_dir; the tarball's path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(ANSIBLE_GALAXY), "collection", "build", "--force", "--output-path", str(output_dir), str(REPO_ROOT)],
        check=True,
        capture_output=True,
        text=True,
        env=_clean_config_env(output_dir),
    )
    (tarball,) = output_dir.glob(f"{NAMESPACE}-{NAME}-*.tar.gz")
    return tarball


def tarball_members(tarball: Path) -> list[str]:
    with tarfile.open(tarball) as archive:
        return archive.getnames()


def user_config(directory: Path) -> Path:
    """An ansible.cfg such as a user of the installed collection has: the collections it installed, and the ones
    the ansible package brings (amazon.aws, community.aws), nothing of this checkout's."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "ansible.cfg"
    config.write_text(f"[defaults]\ncollections_path = {directory / 'collections'}\n")
    return config


def install_tarball(tarball: Path, directory: Path) -> Path:
    """Install tarball with `ansible-galaxy collection install` into directory/collections (under user_config);
    the installed collection's root."""
    config = user_config(directory)
    subprocess.run(
        [str(ANSIBLE_GALAXY), "collection", "install", "--no-deps", "-p", str(directory / "collections"), str(tarball)],
        check=True,
        capture_output=True,
        text=True,
        cwd=directory,
        env={**_clean_config_env(directory), "ANSIBLE_CONFIG": str(config)},
    )
    return directory / "collections" / "ansible_collections" / NAMESPACE / NAME


def _clean_config_env(directory: Path) -> dict:
    """An environment whose Ansible reads no ansible.cfg of the checkout's (an empty one in directory)."""
    empty = directory / "empty-ansible.cfg"
    empty.write_text("[defaults]\n")
    return {**os.environ, "ANSIBLE_CONFIG": str(empty)}
