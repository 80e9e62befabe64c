"""Measure what a user waits for: converge, no-op re-run and --check of one environment on the emulator.

    .venv/bin/python -m tests.perf.bench [--inventory inventories/prod] [--output docs/performance.md]

One emulator, one account, in this order:
1. a cold converge of the environment from an empty account, with the provisioning delays AWS would impose
   on the slow resources (RDS, NAT gateways, App Runner, CloudFront), so that what runs in the background shows;
2. a no-op re-run (it must report changed=0);
3. --check on the converged environment.
It prints a table and writes a Markdown report with the machine, the date and the commit. It is a measuring
tool, not a timed test: nothing fails on a slow machine, except a no-op run that changes something.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from emulator.control import emulator_subprocess
from tests.integration.playbook import REPO_ROOT, PlaybookRun, run_playbook

# Seconds the emulator keeps each slow resource in progress, as AWS does (order of magnitude).
PROVISIONING_DELAYS = {
    "rds": 60,
    "nat_gateway": 20,
    "apprunner": 30,
    "cloudfront": 45,
    "load_balancer": 30,
    "ecs_deployment": 30,
    # ElastiCache takes as long as RDS or longer to create a replication group; the two start together.
    "elasticache": 60,
}
# The Create* calls that start each slow resource, to tell which delays a converge really met.
SLOW_CREATES = {
    "rds": ("rds", ("CreateDBInstance",)),
    "nat_gateway": ("ec2", ("CreateNatGateway",)),
    "apprunner": ("apprunner", ("CreateService",)),
    "cloudfront": ("cloudfront", ("CreateDistribution", "CreateDistributionWithTags")),
    "load_balancer": ("elasticloadbalancing", ("CreateLoadBalancer",)),
    "ecs_deployment": ("ecs", ("CreateService", "UpdateService")),
    "elasticache": ("elasticache", ("CreateReplicationGroup",)),
}
# --compute ecs_fargate: the compute switch, with the load balancer's certificate requested for a name in a hosted
# zone the bench creates (ACM validates it through the zone's records).
ECS_ZONE = "smartscheduler.example.com"
ECS_VARS = {"appstack_compute": "ecs_fargate", "alb_domain_name": f"api.{ECS_ZONE}", "alb_hosted_zone": ECS_ZONE}
SLOWEST_TASKS = 10


@dataclass
class Measure:
    """One timed playbook run and the API calls it made."""

    label: str
    seconds: float
    run: PlaybookRun
    calls: dict = field(default_factory=dict)

    @property
    def call_count(self) -> int:
        return sum(sum(operations.values()) for operations in self.calls.values())


def timed_run(label, emulator, inventory, extra_vars, check=False) -> Measure:
    emulator.clear_requests()
    started = time.monotonic()
    run = run_playbook("site.yml", inventory, emulator.env, check=check, extra_vars=extra_vars, timeout=3600)
    seconds = time.monotonic() - started
    if run.failed:
        raise SystemExit(f"{label} failed:\n{run.outcome()}")
    return Measure(label, seconds, run, emulator.requests()["by_service"])


def managed_resources(emulator, environment: str) -> int:
    """Resources that carry the environment's tags, by the Resource Groups Tagging API; not the SSM parameters of the
    published outputs (one per value, about a hundred), which would make the figure incomparable with earlier ones."""
    paginator = emulator.client("resourcegroupstaggingapi").get_paginator("get_resources")
    pages = paginator.paginate(TagFilters=[{"Key": "Environment", "Values": [environment]}])
    arns = [mapping["ResourceARN"] for page in pages for mapping in page["ResourceTagMappingList"]]
    return sum(1 for arn in arns if ":ssm:" not in arn)


def task_durations(run: PlaybookRun) -> list[tuple[str, str, float]]:
    """(play, task, seconds) of every task of a run, from the JSON callback's timestamps."""
    rows = []
    for play in run.report.get("plays", []):
        for task in play["tasks"]:
            duration = task["task"].get("duration", {})
            if duration.get("start") and duration.get("end"):
                rows.append((play["play"]["name"], task["task"]["name"], _seconds(duration)))
    return rows


def _seconds(duration: dict) -> float:
    start = datetime.datetime.fromisoformat(duration["start"].replace("Z", "+00:00"))
    end = datetime.datetime.fromisoformat(duration["end"].replace("Z", "+00:00"))
    return (end - start).total_seconds()


def seconds_by_role(run: PlaybookRun) -> Counter:
    totals = Counter()
    for _play, task, seconds in task_durations(run):
        role = task.split(" : ", 1)[0] if " : " in task else "(playbook)"
        totals[role] += seconds
    return totals


def delays_met(calls: dict) -> dict:
    """The provisioning delays of the slow resources this converge created."""
    return {
        kind: PROVISIONING_DELAYS[kind]
        for kind, (service, operations) in SLOW_CREATES.items()
        if any(calls.get(service, {}).get(operation) for operation in operations)
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
        cpu = model.split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    completed = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    return completed.stdout.strip() or "unknown"


def report(inventory, cold, noop, check, resources, compute="apprunner") -> str:
    delays = delays_met(cold.calls)
    slowest_delay = max(delays.values(), default=0)
    converge_target = 1.25 * slowest_delay + noop.seconds
    lines = [
        "# Performance",
        "",
        f"`make bench` on {datetime.date.today().isoformat()}, commit `{commit()}`, {machine()}, "
        f"strategy {os.environ.get('ANSIBLE_STRATEGY') or 'linear'}.",
        f"Inventory `{inventory}` with `appstack_compute: {compute}` on the emulator, provisioning delays "
        + ", ".join(f"{kind} {seconds} s" for kind, seconds in PROVISIONING_DELAYS.items())
        + " (each applies where the environment has such a resource).",
        "",
        "| figure | measured | target |",
        "| --- | --- | --- |",
        f"| cold converge from an empty account | {cold.seconds:.0f} s | ≤ {converge_target:.0f} s "
        f"(1.25 x slowest delay {slowest_delay} s + no-op) |",
        f"| sequential floor: the sum of the delays met ({', '.join(delays) or 'none'}) | {sum(delays.values())} s | |",
        f"| no-op re-run (changed={noop.run.changed}) | {noop.seconds:.0f} s | ≤ 30 s |",
        f"| --check on the converged environment | {check.seconds:.0f} s | ≤ 30 s |",
        f"| managed resources (tagged Environment; the outputs' parameters not counted) | {resources} | |",
        f"| API calls: converge / no-op / check | {cold.call_count} / {noop.call_count} / {check.call_count} | |",
        f"| API calls per managed resource, no-op | {noop.call_count / max(resources, 1):.1f} | ≤ 2 |",
        "",
        "## API calls of the no-op run, by operation",
        "",
        "| service | operation | calls |",
        "| --- | --- | --- |",
    ]
    operations = [
        (service, operation, count)
        for service, by_operation in noop.calls.items()
        for operation, count in by_operation.items()
    ]
    lines += [f"| {s} | {o} | {c} |" for s, o, c in sorted(operations, key=lambda row: -row[2])]
    lines += ["", "## Time per role, no-op run", "", "| role | seconds |", "| --- | --- |"]
    lines += [f"| {role} | {seconds:.1f} |" for role, seconds in seconds_by_role(noop.run).most_common()]
    lines += [
        "",
        f"## The {SLOWEST_TASKS} slowest tasks of the cold converge",
        "",
        "| task | seconds |",
        "| --- | --- |",
    ]
    slowest = sorted(task_durations(cold.run), key=lambda row: -row[2])[:SLOWEST_TASKS]
    lines += [f"| {task} | {seconds:.1f} |" for _play, task, seconds in slowest]
    return "\n".join(lines) + "\n"


BASELINE_HEADING = "## Baseline"


def kept_baseline(output: Path) -> str:
    """The "## Baseline" section of the previous report, kept so that the file shows before and after."""
    if not output.exists():
        return ""
    previous = output.read_text()
    start = previous.find(BASELINE_HEADING)
    return "\n" + previous[start:] if start >= 0 else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", default="inventories/prod")
    parser.add_argument("--output", default=str(REPO_ROOT / "docs" / "performance.md"))
    parser.add_argument("--compute", choices=["apprunner", "ecs_fargate"], default="apprunner")
    args = parser.parse_args(argv)
    environment = Path(args.inventory).name
    with tempfile.TemporaryDirectory() as scratch:
        extra_vars = {"appstack_outputs_dir": scratch, **(ECS_VARS if args.compute == "ecs_fargate" else {})}
        with emulator_subprocess(Path(scratch) / "emulator.log") as emulator:
            emulator.configure(provisioning_delays=PROVISIONING_DELAYS)
            if args.compute == "ecs_fargate":
                emulator.client("route53").create_hosted_zone(Name=ECS_ZONE, CallerReference="bench")
            cold = timed_run("cold converge", emulator, args.inventory, extra_vars)
            noop = timed_run("no-op re-run", emulator, args.inventory, extra_vars)
            check = timed_run("--check", emulator, args.inventory, extra_vars, check=True)
            resources = managed_resources(emulator, environment)
    text = report(args.inventory, cold, noop, check, resources, args.compute) + kept_baseline(Path(args.output))
    Path(args.output).write_text(text)
    print(text)
    if noop.run.changed:
        print(f"The no-op re-run changed {noop.run.changed} task(s): it is not idempotent.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
