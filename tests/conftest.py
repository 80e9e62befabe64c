"""Fixtures shared by every test suite: a private emulator per test session.

``emulator_server`` (session): an emulator subprocess on a free port, one per
pytest-xdist worker, stopped at the end. ``emulator`` (function): the same
emulator, reset (empty account, empty request log, no provisioning delay, no throttling).

Both give an ``emulator.client.EmulatorClient``:
``.endpoint``, ``.port``, ``.env`` (AWS_* variables for subprocesses such as
ansible-playbook), ``.client(service)`` (boto3), ``.reset()``, ``.requests()``,
``.clear_requests()``, ``.configure(**settings)``, ``.config()``.

The order in which pytest-xdist hands out test groups (``--dist loadgroup --no-loadscope-reorder``,
as `make test` runs it) is set here: the longest groups first.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator

import pytest

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess

# The test groups (xdist_group) that take longest, longest first, as measured in `make test` (seconds of wall time
# on two busy cores, with the cache tier, from APPSTACK_TEST_COST_LOG: prod ~790 (~920 with prod_check, its --check
# on the empty account), prod on ECS Fargate ~570, dev ~350
# (its provisioning delays end once its run has polled them: conftest.DEV_DELAY_CUTS), the faults' three accounts
# ~320 (mostly waiting out delays), the network tier alone ~300
# (five runs of it), the first-hour qa environment ~290, dev on ECS ~240, ... the longest molecule scenarios ~90 to
# ~130). Handed out first,
# they end with the rest; a long group handed out last would run alone at the end. Groups not named here follow in
# collection order, and the emulator's own tests (short, one group each) fill the gaps last. A new group that runs
# for minutes belongs in this list.
LONGEST_GROUPS_FIRST = (
    "prod",
    "prod_ecs",
    "dev",
    "test_faults.py",
    "test_first_hour.py",
    "test_ecs_dev.py",
    "test_network.py",
    "test_secrets.py",
    "test_frontend_deploy.py",
    "test_edge_custom_domain.py",
    "test_check_mode_truth.py",
    "test_bad_inputs.py",
    "test_ecs_deploy.py",
    "test_app_tier.py",
    "molecule/ecs",
    "test_apprunner.py",
    "molecule/network",
    "test_rds_first_hour.py",
    "molecule/alb",
    "molecule/monitoring",
    "molecule/cache",
    "molecule/s3_cloudfront",
    "molecule/rds",
    "molecule/apprunner",
    "molecule/ecr",
    "test_apprunner_observability.py",
    "test_elasticache_groups.py",
    "molecule/secrets",
)


def _group(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker("xdist_group")
    if marker is None:
        return None
    return marker.args[0] if marker.args else marker.kwargs.get("name")


def _schedule_rank(item: pytest.Item) -> int:
    group = _group(item)
    if group in LONGEST_GROUPS_FIRST:
        return LONGEST_GROUPS_FIRST.index(group)
    return len(LONGEST_GROUPS_FIRST) + (group is None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "changes_shared(step): the test changes the shared environment it reads (drift, prune, teardown): it runs "
        "after every test that only reads it, in the order of step",
    )


def _change_step(item: pytest.Item) -> float:
    """0 for a test that only reads; the step of a test that changes a shared environment, which must see it as
    the converge left it no earlier than every reader has."""
    marker = item.get_closest_marker("changes_shared")
    return marker.args[0] if marker else 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest groups first (a stable sort: each group's tests keep their order, which ordered scenarios rely on),
    and within a group the tests that change its shared environment last."""
    items.sort(key=lambda item: (_schedule_rank(item), _change_step(item)))


@pytest.fixture(scope="session")
def emulator_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    log_file = tmp_path_factory.mktemp("emulator") / "emulator.log"
    with emulator_subprocess(log_file) as client:
        yield client


@pytest.fixture
def emulator(emulator_server: EmulatorClient) -> Iterator[EmulatorClient]:
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0, server_error_rate=0)
    yield emulator_server


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """With APPSTACK_TEST_COST_LOG set, append each test's wall and CPU seconds (this process and the subprocesses
    it waited for: playbook runs, molecule) to that file, a JSON line each: where the suite's time goes."""
    log = os.environ.get("APPSTACK_TEST_COST_LOG")
    if not log:
        yield
        return
    started, before = time.monotonic(), _cpu_seconds()
    yield
    cost = {
        "test": item.nodeid,
        "group": _group(item),
        "wall": round(time.monotonic() - started, 2),
        "cpu": round(_cpu_seconds() - before, 2),
    }
    with open(log, "a", encoding="utf-8") as lines:
        lines.write(json.dumps(cost) + "\n")


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
