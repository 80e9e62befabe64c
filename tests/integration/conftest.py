"""Converged environments that the integration tests of every tier share.

Each test run builds one prod and one dev environment, each in an emulator of its
own, and every read-back test of every tier reads them: the suite grows by
assertions, not by converges, as tiers are added.

``prod`` / ``dev`` (session): one real run of site.yml with the inventory (which builds no
App Runner service: there is no image yet, so the distribution has no API path), then the first
deploy of an image (``FIRST_IMAGE_TAG``, pushed with boto3), which creates the service; prod then
runs the edge and monitoring tiers again (one run, ``--tags edge,monitoring``), as a user re-runs site.yml
after the first deploy: the edge tier adds the API path to the distribution, the monitoring tier the
service's log groups, alarms and widgets, so that every later run of prod's finds nothing to change
(dev keeps the distribution without the API path, as a first run leaves it); recorded (the runs,
the emulator's request logs, the outputs file, the secrets).
``prod_emulator`` / ``dev_emulator``: their emulators.
``prod_check`` (session): prod's ``--check`` on an empty account of its own (one such check
covers every tier: dev's would repeat it), what it called and what it left behind. An
account of its own needs nothing of prod's and leaves prod's as the converge found it.
dev is built the way AWS behaves when it is slow and busy: NAT gateways and the DB
instance take a while to become available, one call in five of the real run is
throttled, and a stand-in for a later tier runs between data.yml and data_ready.yml,
where site.yml puts the tiers that do not need the database.

Tests that change an environment do not use these: they take ``emulator`` (or
``emulator_server`` and reset it) and build what they need in that account.

With pytest-xdist (``--dist loadgroup``), every test that reads prod runs on one
worker (group "prod"), every test that reads dev on one worker (group "dev"), and so
for prod_ecs, so each is built once per run; the other tests of a file stay together.
prod_check's readers join prod's group (SHARED_GROUP): a test compares its check with
prod's real run, task by task. The check runs beside prod's converge, in a thread.
"""

import hashlib
import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from emulator.client import EmulatorClient
from emulator.control import emulator_subprocess

from .clock import DelayCutter, Step, polled_after, polled_again_after
from .playbook import REPO_ROOT, PlaybookRun, run_playbook, run_with_ansible_runner
from .secrets_reads import secret_names, secrets_snapshot

PROD = "inventories/prod"
DEPLOY = "playbooks/deploy_backend.yml"
# The image the shared environments' first deploy runs.
FIRST_IMAGE_TAG = "1f0c2ab"
DEV = "inventories/dev"
SHARED = ("prod", "prod_check", "dev", "prod_ecs")
# The xdist group of the tests that read a shared environment, where it is not the environment's name: prod's
# --check on the empty account is built on prod's worker, for the test that compares it with prod's real run.
SHARED_GROUP = {"prod_check": "prod"}
# Seconds the emulator keeps dev's NAT gateways `pending` and its DB instance `creating`: long
# enough that the network role reaches its wait while the gateway is still pending, and data_ready.yml while the
# instance is still creating (after the image repository and the edge tier's buckets), even on a busy machine.
DEV_DELAYS = {"nat_gateway": 75, "rds": 90}
# Once dev's run has polled a slow resource as its tests require, the rest of its delay proves nothing more: the
# emulator's clock moves on by it. The NAT gateways: polled three times after the flow logs (the network tests count
# two) before any route. The instance: read `creating` by the later tier, then polled by data_ready.yml's wait at
# least twice, 10 s apart (its poll interval; a throttled call's retries come sooner), so that the wait's first
# attempt has seen it `creating`.
DEV_DELAY_CUTS = (
    Step(
        "nat_gateway",
        polled_after("ec2:CreateFlowLogs", "ec2:DescribeNatGateways", until="ec2:CreateRoute", polls=3),
        DEV_DELAYS["nat_gateway"],
    ),
    Step(
        "rds",
        polled_again_after(
            "logs:CreateLogGroup", after="rds:CreateDBInstance", poll="rds:DescribeDBInstances", gap_seconds=8, gaps=2
        ),
        DEV_DELAYS["rds"],
    ),
)
# What takes the region out of a run's environment (run_playbook drops a variable set to None).
NO_REGION = {"AWS_DEFAULT_REGION": None, "AWS_REGION": None}
# dev's database migrations, which every deploy runs first as a one-off Fargate task (App Runner environments get a
# tasks-only cluster for them).
DEV_MIGRATION = ["dotnet", "SmartScheduler.Migrations.dll", "--apply"]
# The share of dev's real run's calls the emulator throttles: the modules' retries must absorb it.
DEV_THROTTLE_RATE = 0.2
# The stand-in for a later tier: it needs no database, so it runs while RDS creates the
# instance; it creates a log group and records the status it saw (under --check, `missing`).
LATER_TIER = {
    "name": "Stand in for a later tier",
    "hosts": "all",
    "gather_facts": False,
    "module_defaults": {"group/appstack.aws.aws": "{{ appstack_module_defaults }}"},
    "tasks": [
        {
            "name": "Create a log group of the later tier",
            "appstack.aws.cloudwatchlogs_log_group": {"log_group_name": "/appstack/later-tier"},
        },
        {
            "name": "Read the database status",
            "amazon.aws.rds_instance_info": {
                "db_instance_identifier": "{{ appstack_app_name }}-{{ appstack_environment }}"
            },
            "register": "later_tier_db",
        },
        {
            "name": "Record the database status",
            "ansible.builtin.set_stats": {
                "data": {
                    "later_tier_db_status": "{{ later_tier_db.instances[0].db_instance_status | default('missing') }}"
                }
            },
        },
    ],
}


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too, so that --strict-markers accepts it when xdist is off (-p no:xdist).
    config.addinivalue_line("markers", "xdist_group(name): run every test of the group on one xdist worker")


def pytest_itemcollected(item: pytest.Item) -> None:
    """Group the integration tests for --dist loadgroup: by the shared environment they read,
    else by file, so that a file's own fixtures (an account it builds, ordered scenarios) are built once.
    Marked as each item is collected, before xdist turns the marker into the node id's group suffix."""
    here = Path(__file__).parent
    if here not in item.path.parents or item.get_closest_marker("xdist_group"):
        return
    shared = sorted({SHARED_GROUP.get(name, name) for name in SHARED if name in item.fixturenames})
    assert len(shared) <= 1, f"{item.nodeid} reads {shared}; they run on different workers"
    group = shared[0] if shared else item.path.relative_to(here).as_posix()
    item.add_marker(pytest.mark.xdist_group(group))


def _private_emulator(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[EmulatorClient]:
    log_file = tmp_path_factory.mktemp(f"emulator-{name}") / "emulator.log"
    with emulator_subprocess(log_file) as client:
        client.configure(provisioning_delay_seconds=0, throttle_rate=0)
        yield client


@pytest.fixture(scope="session")
def prod_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    yield from _private_emulator(tmp_path_factory, "prod")


@pytest.fixture(scope="session")
def prod_check_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    yield from _private_emulator(tmp_path_factory, "prod-check")


@pytest.fixture(scope="session")
def prod_ecs_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    yield from _private_emulator(tmp_path_factory, "prod-ecs")


@pytest.fixture(scope="session")
def dev_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorClient]:
    yield from _private_emulator(tmp_path_factory, "dev")


def push_image(emulator: EmulatorClient, tag: str, repository: str = "smartscheduler-backend") -> str:
    """Push a minimal image manifest under tag (as docker push would leave it); its digest."""
    config_digest = "sha256:" + hashlib.sha256(f"{repository}:{tag}".encode()).hexdigest()
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {
            "mediaType": "application/vnd.docker.container.image.v1+json",
            "size": 1024,
            "digest": config_digest,
        },
        "layers": [],
    }
    image = emulator.client("ecr").put_image(
        repositoryName=repository, imageManifest=json.dumps(manifest), imageTag=tag
    )
    return image["image"]["imageId"]["imageDigest"]


def deploy_vars(emulator: EmulatorClient, extra_vars: dict, tag: str, **more) -> dict:
    """The extra vars of playbooks/deploy_backend.yml: the smoke checks aimed at the emulator's address of the
    service, retried briefly."""
    return {
        **extra_vars,
        "image_tag": tag,
        "deploy_backend_smoke_base_url": emulator.service_http_base("{service_url}"),
        "deploy_backend_smoke_timeout": 3,
        "deploy_backend_smoke_delay": 1,
        **more,
    }


def _first_deploy(emulator: EmulatorClient, env: str, extra_vars: dict) -> dict:
    """Push FIRST_IMAGE_TAG and deploy it: the service is created."""
    push_image(emulator, FIRST_IMAGE_TAG)
    emulator.clear_requests()
    deploy = run_playbook(
        DEPLOY,
        f"inventories/{env}",
        emulator.env,
        extra_vars=deploy_vars(emulator, extra_vars, FIRST_IMAGE_TAG),
    )
    assert not deploy.failed, deploy.outcome()
    return {"deploy": deploy, "deploy_requests": emulator.requests()}


def _check_on_the_empty_account(emulator: EmulatorClient, playbook: str, inventory: str, extra_vars: dict) -> dict:
    """--check of playbook on the empty account, the calls it made and what it left behind (it must leave nothing:
    outputs_dir, which does not exist yet, included)."""
    check = run_playbook(playbook, inventory, emulator.env, check=True, extra_vars=extra_vars)
    return {
        "check": check,
        "extra_vars": extra_vars,
        "check_requests": emulator.requests(),
        "check_instances": emulator.client("rds").describe_db_instances()["DBInstances"],
        "check_secrets": emulator.client("secretsmanager").list_secrets()["SecretList"],
        "check_vpcs": [vpc for vpc in emulator.client("ec2").describe_vpcs()["Vpcs"] if not vpc["IsDefault"]],
        "check_wrote_outputs": Path(extra_vars["appstack_outputs_dir"]).exists(),
    }


def _edge_and_monitoring_after_the_first_deploy(emulator: EmulatorClient, env: str, extra_vars: dict) -> dict:
    """site.yml --tags edge,monitoring once the service exists: the distribution gets the API path, and the
    service's log groups, alarms and widgets are added. The run, its request log, and what the edge tier's plays
    (with the record of the outputs) and the monitoring tier's play each did."""
    emulator.clear_requests()
    run = run_playbook(
        "site.yml", f"inventories/{env}", emulator.env, extra_vars=extra_vars, tags=["edge", "monitoring"]
    )
    assert not run.failed, run.outcome()
    return {
        "after_deploy_run": run,
        "after_deploy_requests": emulator.requests(),
        "edge_run": run.plays_from("edge.yml", "edge_ready.yml", "outputs.yml"),
        "monitoring_run": run.plays_from("monitoring.yml"),
    }


def _converge(
    emulator: EmulatorClient,
    env: str,
    playbook: str,
    outputs_dir: Path,
    *,
    throttle_rate: float = 0,
    edge_after_deploy: bool = False,
    delay_cuts: tuple[Step, ...] = (),
    more_vars: dict | None = None,
    runner_dir: Path | None = None,
) -> dict:
    """One real run of playbook on the empty account (throttle_rate of its calls throttled) and the first deploy
    (and, with edge_after_deploy, the edge and monitoring tiers again, as a user re-runs site.yml after the first
    deploy); what they did. The run's environment names no region: every module must get it from the
    inventory, through module_defaults (group/appstack.aws.aws), or fail. ``delay_cuts`` end the real run's
    provisioning delays early (clock.DelayCutter). With ``runner_dir``, the real run goes through ansible-runner, as
    AWX runs it, with runner_dir its private data directory."""
    inventory = f"inventories/{env}"
    extra_vars = {"appstack_outputs_dir": str(outputs_dir), **(more_vars or {})}
    emulator.clear_requests()
    emulator.configure(throttle_rate=throttle_rate)
    try:
        with DelayCutter(emulator, delay_cuts) as cutter:
            run = _first_run(playbook, inventory, {**emulator.env, **NO_REGION}, extra_vars, runner_dir)
    finally:
        emulator.configure(throttle_rate=0)
    assert not run.failed, run.outcome()
    secretsmanager = emulator.client("secretsmanager")
    site_outputs = json.loads((outputs_dir / f"{env}.json").read_text())["outputs"]
    requests = emulator.requests()
    first_deploy = _first_deploy(emulator, env, extra_vars)
    after_deploy = _edge_and_monitoring_after_the_first_deploy(emulator, env, extra_vars) if edge_after_deploy else {}
    document_text = (outputs_dir / f"{env}.json").read_text()
    document = json.loads(document_text)
    return {
        "emulator": emulator,
        "run": run,
        "runner_dir": runner_dir,
        "delays_cut": cutter.cut,
        "requests": requests,
        "site_outputs": site_outputs,
        **first_deploy,
        **after_deploy,
        "extra_vars": extra_vars,
        "outputs_text": document_text,
        "document": document,
        "outputs": document["outputs"],
        "secrets": secrets_snapshot(secretsmanager, env),
        "credentials": json.loads(
            secretsmanager.get_secret_value(SecretId=secret_names(env)["db-credentials"])["SecretString"]
        ),
    }


def _first_run(playbook: str, inventory: str, env: dict, extra_vars: dict, runner_dir: Path | None) -> PlaybookRun:
    if runner_dir is None:
        return run_playbook(playbook, inventory, env, extra_vars=extra_vars)
    return run_with_ansible_runner(playbook, inventory, env, runner_dir, ident="converge", extra_vars=extra_vars)


@pytest.fixture(scope="session")
def prod(
    prod_emulator: EmulatorClient, prod_check_emulator: EmulatorClient, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict]:
    """A converged prod environment: one real run of site.yml (through ansible-runner, as AWX runs it:
    test_ansible_runner.py), the first deploy, then the edge and monitoring tiers again. prod's --check on an empty account of its own (``prod_check``) runs beside it, in a thread: both are
    built on prod's worker (a test compares them task by task), and the check needs nothing of prod's, so it
    costs that worker no time of its own."""
    check_dir = tmp_path_factory.mktemp("prod-check") / "outputs"
    with ThreadPoolExecutor(max_workers=1) as beside:
        _PROD_CHECK["future"] = beside.submit(
            _check_on_the_empty_account,
            prod_check_emulator,
            "site.yml",
            PROD,
            {"appstack_outputs_dir": str(check_dir)},
        )
        outputs_dir = tmp_path_factory.mktemp("prod") / "outputs"
        runner_dir = tmp_path_factory.mktemp("prod-runner")
        converged = _converge(
            prod_emulator, "prod", "site.yml", outputs_dir, edge_after_deploy=True, runner_dir=runner_dir
        )
        _PROD_CHECK["future"].result()
    yield converged


# prod's --check on the empty account, started by the prod fixture.
_PROD_CHECK: dict[str, Future] = {}


@pytest.fixture(scope="session")
def prod_check(prod: dict) -> dict:
    """prod's --check on an empty account: what it reported, called and left behind."""
    return _PROD_CHECK["future"].result()


def site_with_a_later_tier(project: Path) -> Path:
    """site.yml with LATER_TIER right after data.yml, in project (group_vars linked as site.yml has them): the other
    tiers of the database's window (the image repository, the edge tier's buckets) may take longer than the
    instance takes to become available."""
    plays = yaml.safe_load((REPO_ROOT / "playbooks" / "site.yml").read_text())
    for play in plays:
        if "ansible.builtin.import_playbook" in play:
            play["ansible.builtin.import_playbook"] = str(
                REPO_ROOT / "playbooks" / play["ansible.builtin.import_playbook"]
            )
    (data,) = [
        index
        for index, play in enumerate(plays)
        if play.get("ansible.builtin.import_playbook", "").endswith("/data.yml")
    ]
    plays.insert(data + 1, LATER_TIER)
    (project / "group_vars").symlink_to(REPO_ROOT / "group_vars")
    site = project / "site.yml"
    site.write_text(yaml.safe_dump(plays, sort_keys=False))
    return site


@pytest.fixture(scope="session")
def dev(dev_emulator: EmulatorClient, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A converged dev environment: one real run of site.yml with a later tier, on an empty account where NAT
    gateways and the DB instance are slow to become available and one call in five of the run is throttled."""
    site = site_with_a_later_tier(tmp_path_factory.mktemp("dev-site"))
    dev_emulator.configure(provisioning_delays=DEV_DELAYS)
    try:
        return _converge(
            dev_emulator,
            "dev",
            str(site),
            tmp_path_factory.mktemp("dev") / "outputs",
            throttle_rate=DEV_THROTTLE_RATE,
            delay_cuts=DEV_DELAY_CUTS,
            more_vars={"deploy_migration_command": DEV_MIGRATION},
        )
    finally:
        dev_emulator.configure(provisioning_delay_seconds=0)


# prod on ECS Fargate: the compute switch, ECS's native blue/green deployments (story 1.9), and the load balancer's
# certificate, requested for a name in a hosted zone the account holds (ACM validates it through the zone's records).
ECS_ZONE = "smartscheduler.example.com"
ECS_VARS = {
    "appstack_compute": "ecs_fargate",
    "appstack_backend_deployment_strategy": "blue_green",
    "alb_domain_name": f"api.{ECS_ZONE}",
    "alb_hosted_zone": ECS_ZONE,
}


def _ecs_first_deploy(emulator: EmulatorClient, extra_vars: dict) -> dict:
    """Push FIRST_IMAGE_TAG and deploy it: the task definition and the service are created."""
    push_image(emulator, FIRST_IMAGE_TAG)
    emulator.clear_requests()
    dns_name = json.loads((Path(extra_vars["appstack_outputs_dir"]) / "prod.json").read_text())["outputs"]["alb"][
        "dns_name"
    ]
    deploy = run_playbook(
        DEPLOY,
        PROD,
        emulator.env,
        extra_vars={
            **extra_vars,
            "image_tag": FIRST_IMAGE_TAG,
            "deploy_backend_smoke_base_url": emulator.load_balancer_http_base(dns_name),
            "deploy_backend_smoke_timeout": 3,
            "deploy_backend_smoke_delay": 1,
        },
    )
    assert not deploy.failed, deploy.outcome()
    return {"deploy": deploy, "deploy_requests": emulator.requests()}


@pytest.fixture(scope="session")
def prod_ecs(prod_ecs_emulator: EmulatorClient, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """prod with appstack_compute ecs_fargate: --check on the empty account, then one real run of site.yml and the
    first deploy, which creates the task definition and the service; what they did."""
    emulator = prod_ecs_emulator
    outputs_dir = tmp_path_factory.mktemp("prod-ecs") / "outputs"
    extra_vars = {"appstack_outputs_dir": str(outputs_dir), **ECS_VARS}
    emulator.client("route53").create_hosted_zone(Name=ECS_ZONE, CallerReference="prod-ecs")
    emulator.clear_requests()
    check = run_playbook("site.yml", PROD, emulator.env, check=True, extra_vars=extra_vars)
    check_requests = emulator.requests()
    emulator.clear_requests()
    run = run_playbook("site.yml", PROD, emulator.env, extra_vars=extra_vars)
    assert not run.failed, run.outcome()
    requests = emulator.requests()
    site_outputs = json.loads((outputs_dir / "prod.json").read_text())["outputs"]
    first_deploy = _ecs_first_deploy(emulator, extra_vars)
    document = json.loads((outputs_dir / "prod.json").read_text())
    return {
        "emulator": emulator,
        "check": check,
        "check_requests": check_requests,
        "run": run,
        "requests": requests,
        "site_outputs": site_outputs,
        **first_deploy,
        "extra_vars": extra_vars,
        "document": document,
        "outputs": document["outputs"],
    }
