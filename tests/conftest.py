"""Fixtures shared by every test suite: a private emulator per test session.

``emulator_server`` (session): an emulator subprocess on a free port, one per
pytest-xdist worker, stopped at the end. ``emulator`` (function): the same
emulator, reset (empty account, empty request log, no provisioning delay, no throttling).

Both give an ``emulator.client.EmulatorClient``:
``.endpoint``, ``.port``, ``.env`` (AWS_* variables for subprocesses such as
ansible-playbook), ``.client(service)`` (boto3), ``.reset()``, ``.requests()``,
``.clear_requests()``, ``.configure(**settings)``, ``.config()``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess


@pytest.fixture(scope="session")
def emulator_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    log_file = tmp_path_factory.mktemp("emulator") / "emulator.log"
    with emulator_subprocess(log_file) as client:
        yield client


@pytest.fixture
def emulator(emulator_server: EmulatorClient) -> Iterator[EmulatorClient]:
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    yield emulator_server
