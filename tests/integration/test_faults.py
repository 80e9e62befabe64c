"""Faults: a converge that AWS throttles and answers with server errors, and runs killed mid-way.

Three accounts, each in an emulator of its own, built side by side (they spend most of their time waiting out
the provisioning delays, and a comparison of times is only fair under the same load):

* ``clean``: site.yml on the local inventory, with the provisioning delays `make bench` models AWS with, run as a
  user of the released collection runs it: `ansible-playbook appstack.aws.site` from the tarball that
  `ansible-galaxy collection build` makes, installed into a path of its own, under an ansible.cfg that names
  only that path (the other two run the checkout's site.yml: the same plays);
* ``faulted``: the same run with one call in five throttled and one in five answered with a server error
  (emulator/faults.py: injected before the call reaches AWS's stand-in, so a faulted call does nothing), then a
  second run, faults still on, that must change nothing;
* ``killed``: the run killed at four points, each re-run killed at the next, then run to the end; then a deploy
  killed mid-way, and the next deploy. Each kill comes where it hurts most: the emulator has done what the call
  asked and holds the answer back (emulator/holds.py); the run is SIGKILLed, process group and all, while it
  waits. The re-run must find what the call made instead of making it again.

"Nothing is duplicated" is judged by what AWS lists, not by what the runs report: every kind of resource the
environment has, counted with the services' own describe calls and the tagging API, is as many in the faulted
and the killed accounts as in the clean one.
"""

import json
import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess
from tests.collection import build_tarball, install_tarball, user_config
from tests.perf.bench import PROVISIONING_DELAYS

from .conftest import DEPLOY, FIRST_IMAGE_TAG, deploy_vars, push_image
from .leftovers import described_leftovers, tagged_arns
from .playbook import REPO_ROOT, PlaybookRun, kill_run, run_playbook, start_playbook

LOCAL = "inventories/local"
INSTALLED_SITE = "appstack.aws.site"
ENVIRONMENT = "local"
FAULT_RATES = {"throttle_rate": 0.2, "server_error_rate": 0.2}
# Long enough that each slow resource is still in progress when the run after a kill reaches it.
KILL_DELAYS = {"rds": 40, "nat_gateway": 10, "apprunner": 10, "cloudfront": 20}
SECOND_IMAGE_TAG = "2d0e9b1"
SERVICE = "smartscheduler-api-local"
HELD_TIMEOUT = 420


@dataclass(frozen=True)
class KillPoint:
    name: str
    operation: str
    occurrence: int = 1


# In the order site.yml reaches them: each re-run is killed at the next, so it has got past the one before.
KILL_POINTS = (
    KillPoint("during network creation", "ec2:CreateNatGateway"),
    KillPoint("mid-secrets", "secretsmanager:CreateSecret", occurrence=2),
    KillPoint("while RDS is creating", "rds:CreateDBInstance"),
    KillPoint("mid-CloudFront", "cloudfront:CreateDistributionWithTags"),
)
DEPLOY_KILL_POINT = KillPoint("mid-deploy", "apprunner:UpdateService")


def resource_counts(emulator: EmulatorClient) -> dict[str, int]:
    """How many of each kind of resource the environment has: by the services' describe calls, and by the tagging
    API's resource types (which covers what those calls do not list, KMS keys for one)."""
    counts = {kind: len(items) for kind, items in described_leftovers(emulator, ENVIRONMENT).items()}
    counts.update(Counter(f"tagged {_resource_type(arn)}" for arn in tagged_arns(emulator, ENVIRONMENT)))
    return counts


def _resource_type(arn: str) -> str:
    service, resource = arn.split(":", 5)[2], arn.split(":", 5)[5]
    return f"{service}:{re.split('[:/]', resource)[0]}" if re.search("[:/]", resource) else service


def _build_clean(emulator: EmulatorClient, outputs: Path) -> dict:
    """site.yml from the installed collection (install_collection put it in outputs)."""
    emulator.configure(provisioning_delays=PROVISIONING_DELAYS)
    run, seconds = _timed_site(emulator, outputs, playbook=INSTALLED_SITE, config=user_config(outputs))
    return {"run": run, "seconds": seconds, "calls": emulator.requests()["total"], "counts": resource_counts(emulator)}


def install_collection(directory: Path) -> Path:
    """Build the tarball and install it into directory, as a user of the released collection does."""
    return install_tarball(build_tarball(directory / "build"), directory)


def _build_faulted(emulator: EmulatorClient, outputs: Path) -> dict:
    emulator.configure(provisioning_delays=PROVISIONING_DELAYS, **FAULT_RATES)
    run, seconds = _timed_site(emulator, outputs)
    calls = emulator.requests()["total"]
    second = run_playbook("site.yml", LOCAL, emulator.env, extra_vars={"appstack_outputs_dir": str(outputs)})
    emulator.configure(throttle_rate=0, server_error_rate=0)
    return {"run": run, "seconds": seconds, "calls": calls, "second": second, "counts": resource_counts(emulator)}


def _timed_site(
    emulator: EmulatorClient, outputs: Path, playbook: str = "site.yml", config: Path | None = None
) -> tuple[PlaybookRun, float]:
    start = time.monotonic()
    extra_vars = {"appstack_outputs_dir": str(outputs)}
    run = run_playbook(playbook, REPO_ROOT / LOCAL, emulator.env, extra_vars=extra_vars, config=config)
    return run, time.monotonic() - start


def _kill_and_rerun(emulator: EmulatorClient, outputs: Path) -> dict:
    emulator.configure(provisioning_delays=KILL_DELAYS)
    extra_vars = {"appstack_outputs_dir": str(outputs)}
    kills = [
        _run_killed_at(emulator, point, "site.yml", extra_vars, outputs / f"kill-{index}.log")
        for index, point in enumerate(KILL_POINTS, 1)
    ]
    final = run_playbook("site.yml", LOCAL, emulator.env, extra_vars=extra_vars)
    counts = resource_counts(emulator)
    second = run_playbook("site.yml", LOCAL, emulator.env, extra_vars=extra_vars)
    return {"kills": kills, "final": final, "counts": counts, "second": second, **_killed_deploy(emulator, outputs)}


def _killed_deploy(emulator: EmulatorClient, outputs: Path) -> dict:
    """The first deploy; a deploy of another image killed once App Runner has taken the update, and the service as
    the kill left it; at once, the next deploy of that image, and the service it leaves."""
    extra_vars = {"appstack_outputs_dir": str(outputs)}
    push_image(emulator, FIRST_IMAGE_TAG)
    first = run_playbook(DEPLOY, LOCAL, emulator.env, extra_vars=deploy_vars(emulator, extra_vars, FIRST_IMAGE_TAG))
    if first.failed:
        return {"first_deploy": first}
    push_image(emulator, SECOND_IMAGE_TAG)
    second_vars = deploy_vars(emulator, extra_vars, SECOND_IMAGE_TAG)
    kill = _run_killed_at(emulator, DEPLOY_KILL_POINT, DEPLOY, second_vars, outputs / "kill-deploy.log")
    after_kill = _service_state(emulator)
    recovery = run_playbook(DEPLOY, LOCAL, emulator.env, extra_vars=second_vars)
    return {
        "first_deploy": first,
        "deploy_kill": kill,
        "after_kill": after_kill,
        "recovery": recovery,
        "recovered": _service_state(emulator),
        "services": [s["ServiceName"] for s in emulator.client("apprunner").list_services()["ServiceSummaryList"]],
    }


def _service_state(emulator: EmulatorClient) -> dict:
    """The service's status and the tag of the image it is configured with."""
    apprunner = emulator.client("apprunner")
    (summary,) = apprunner.list_services()["ServiceSummaryList"]
    service = apprunner.describe_service(ServiceArn=summary["ServiceArn"])["Service"]
    image = service["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"]
    return {"status": service["Status"], "image_tag": image.rsplit(":", 1)[-1]}


def _run_killed_at(emulator: EmulatorClient, point: KillPoint, playbook: str, extra_vars: dict, log: Path) -> dict:
    """Start playbook, SIGKILL it while the emulator holds the answer to point's call, and say what was held."""
    emulator.hold(point.operation, point.occurrence)
    process = start_playbook(playbook, LOCAL, emulator.env, log, extra_vars=extra_vars)
    deadline = time.monotonic() + HELD_TIMEOUT
    try:
        while not emulator.held() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        held = emulator.held()
    finally:
        if process.poll() is None:
            kill_run(process)
        emulator.release_holds()
    return {"point": point.name, "held": held, "output": log.read_text()[-3000:] if not held else ""}


@pytest.fixture(scope="module")
def fault_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The three accounts, built side by side, each in a thread with an emulator of its own."""
    builders = {"clean": _build_clean, "faulted": _build_faulted, "killed": _kill_and_rerun}
    # Made here: TempPathFactory is not safe to use from threads.
    scratch = {name: tmp_path_factory.mktemp(f"faults-{name}") for name in builders}
    installed = install_collection(scratch["clean"])
    with ThreadPoolExecutor(max_workers=len(builders)) as pool:
        futures = {name: pool.submit(_in_own_emulator, build, scratch[name]) for name, build in builders.items()}
        runs = {name: future.result() for name, future in futures.items()}
    # The figures, for whoever reads the run's temporary files.
    figures = {name: {"seconds": runs[name]["seconds"], "calls": runs[name]["calls"]} for name in ("clean", "faulted")}
    (tmp_path_factory.getbasetemp() / "faults-figures.json").write_text(json.dumps(figures))
    return {**runs, "installed": installed}


def _in_own_emulator(build, scratch: Path) -> dict:
    with emulator_subprocess(scratch / "emulator.log") as emulator:
        emulator.configure(provisioning_delay_seconds=0)
        return build(emulator, scratch)


def test_the_clean_run_converges_from_the_installed_collection(fault_runs):
    run = fault_runs["clean"]["run"]
    assert not run.failed, run.outcome()
    assert run.changed > 0
    # The modules and roles came from the installed copy: the checkout is not on the run's collections path.
    installed = fault_runs["installed"]
    assert (installed / "MANIFEST.json").is_file()
    assert not (installed / "tests").exists()
    plays = {Path(play["play"]["path"].rsplit(":", 1)[0]).parent for play in run.report["plays"]}
    assert plays == {installed / "playbooks"}


def test_a_run_with_throttling_and_server_errors_converges_and_duplicates_nothing(fault_runs):
    clean, faulted = fault_runs["clean"], fault_runs["faulted"]
    assert not faulted["run"].failed, faulted["run"].outcome()
    # Two calls in five were faulted and retried: the run made about 1/(1 - 0.4) times the clean run's calls.
    assert faulted["calls"] >= 1.5 * clean["calls"], (faulted["calls"], clean["calls"])
    assert faulted["counts"] == clean["counts"]
    assert not faulted["second"].failed, faulted["second"].outcome()
    assert faulted["second"].changed == 0, faulted["second"].changed_resources()


def test_faults_at_most_double_the_time_of_a_clean_run(fault_runs):
    clean, faulted = fault_runs["clean"]["seconds"], fault_runs["faulted"]["seconds"]
    assert faulted <= 2 * clean, f"the faulted run took {faulted:.0f} s, the clean run {clean:.0f} s"


@pytest.mark.parametrize("index", range(len(KILL_POINTS)), ids=[point.name for point in KILL_POINTS])
def test_each_kill_point_was_reached_by_the_run_after_the_previous_kill(fault_runs, index):
    kill = fault_runs["killed"]["kills"][index]
    assert kill["held"] == [KILL_POINTS[index].operation], f"{kill['point']}: never reached\n{kill['output']}"


def test_the_run_after_the_last_kill_converges_with_no_duplicates(fault_runs):
    killed = fault_runs["killed"]
    assert not killed["final"].failed, killed["final"].outcome()
    assert killed["counts"] == fault_runs["clean"]["counts"]
    assert killed["second"].changed == 0, killed["second"].changed_resources()


def test_a_deploy_killed_mid_way_leaves_one_image_and_the_next_deploy_recovers(fault_runs):
    killed = fault_runs["killed"]
    assert not killed["first_deploy"].failed, killed["first_deploy"].outcome()
    assert killed["deploy_kill"]["held"] == [DEPLOY_KILL_POINT.operation], killed["deploy_kill"]["output"]
    # App Runner carries on with the update it took: the old image serves until the new one is healthy, never
    # neither. The next deploy, started at once, waits for that operation, then finds the image deployed.
    assert killed["after_kill"] == {"status": "OPERATION_IN_PROGRESS", "image_tag": SECOND_IMAGE_TAG}
    assert not killed["recovery"].failed, killed["recovery"].outcome()
    assert killed["recovered"] == {"status": "RUNNING", "image_tag": SECOND_IMAGE_TAG}
    assert killed["services"] == [SERVICE]
