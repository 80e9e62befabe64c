"""Make ``ansible_collections.appstack.aws`` importable in the unit tests.

`make venv` links .venv/collections/ansible_collections/appstack/aws to the checkout; without that link
(a checkout whose venv lives elsewhere) an equivalent link is made in a temporary directory.
"""

import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _collections_root():
    venv_collections = REPO_ROOT / ".venv" / "collections"
    if (venv_collections / "ansible_collections" / "appstack" / "aws" / "galaxy.yml").is_file():
        return venv_collections
    root = Path(tempfile.mkdtemp(prefix="appstack-collections-"))
    (root / "ansible_collections" / "appstack").mkdir(parents=True)
    (root / "ansible_collections" / "appstack" / "aws").symlink_to(REPO_ROOT, target_is_directory=True)
    return root


sys.path.insert(0, str(_collections_root()))
