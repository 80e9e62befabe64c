"""Every molecule scenario (molecule/<name>/), run as `molecule test -s <name>` runs it.

Each scenario starts an emulator of its own (molecule/shared/create.yml) on a port this test picks, so that
scenarios can run beside one another (`make molecule`, two pytest-xdist workers) and beside the integration tests
(`make test`). The scenarios run under Mitogen's strategy, as most integration tests do; ANSIBLE_STRATEGY chooses
another (`make molecule STRATEGY=linear`).
"""

import os
import subprocess

import pytest

from emulator.control import free_port
from tests.integration.playbook import FAST_STRATEGY, REPO_ROOT

MOLECULE = REPO_ROOT / ".venv" / "bin" / "molecule"
SCENARIOS = sorted(path.parent.name for path in (REPO_ROOT / "molecule").glob("*/molecule.yml"))
# What a failure shows of the scenario's output: its end, where molecule names the step and the task that failed.
OUTPUT_TAIL = 12000


# Mitogen's strategy as ansible.cfg loads it, without CPU pinning (molecule writes an ansible.cfg of its own).
STRATEGY_PLUGINS = REPO_ROOT / "strategy_plugins"


@pytest.mark.parametrize(
    "scenario", [pytest.param(name, marks=pytest.mark.xdist_group(f"molecule/{name}")) for name in SCENARIOS]
)
def test_scenario_passes_every_step(scenario):
    env = {
        **os.environ,
        "ANSIBLE_STRATEGY": os.environ.get("ANSIBLE_STRATEGY", FAST_STRATEGY),
        "ANSIBLE_STRATEGY_PLUGINS": str(STRATEGY_PLUGINS),
        "MOLECULE_EMULATOR_PORT": str(free_port()),
        "PATH": f"{MOLECULE.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    completed = subprocess.run(
        [str(MOLECULE), "test", "-s", scenario],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=1200,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-OUTPUT_TAIL:]


def test_every_scenario_is_found():
    """A scenario directory that the glob above misses would silently never run."""
    directories = {path.name for path in (REPO_ROOT / "molecule").iterdir() if (path / "converge.yml").exists()}
    assert set(SCENARIOS) == directories
    assert {"network", "secrets", "rds", "ecr", "apprunner"} <= set(SCENARIOS)
