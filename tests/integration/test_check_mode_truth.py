"""Check-mode truth: the tasks that ``--check`` of site.yml marks changed are the tasks a real run then changes.

Compared task by task, and a loop item by item: a task is known by its play's playbook, its file and line, its
module and the resource it acts on (playbook.IDENTITY_ARGUMENTS), never by its name. Three states of prod's account:

- empty: prod_check's ``--check`` against prod's first real run (two empty accounts, the same inventory and extra
  vars);
- converged: ``--check`` of the converged prod predicts nothing (the real run that follows it changes nothing:
  test_data_tier's second run proves that on the same environment);
- partly converged: the network tier alone, then ``--check`` of site.yml, then the real run, in an account of
  its own.

The tasks that only wait or read report no change, in a check or a run. What differs rightly, and nothing else:
- a task that stands in, under --check, for tasks whose modules have no check mode (STAND_INS: one debug task for
  several S3 changes), or for a task that has nothing to act on yet (an appstack.aws.predicted_change task: the
  default security group of a VPC to create, the master password of an instance to create);
- ALLOWED, each entry with its reason.
Any other difference is a wrong prediction, named by task, module and resource.
"""

import copy
import re
from collections import Counter
from typing import NamedTuple

from .conftest import PROD
from .playbook import REPO_ROOT, PlaybookRun, _identity, _loop_items, mutating_calls, run_playbook


class TaskChange(NamedTuple):
    """A change one task (or one item of a loop) reported: made, or predicted under --check."""

    # The playbook of the task's play, from the repository root: "playbooks/network.yml".
    play: str
    # The task's file and line: "roles/network/tasks/vpc.yml:12".
    task: str
    # The module: "amazon.aws.ec2_vpc_net".
    action: str
    # The resource it acts on (playbook.IDENTITY_ARGUMENTS, else the Name tag); None when no_log hides it.
    resource: str | None


class Allowed(NamedTuple):
    """Changes that only one of a check and a run reports, rightly: those of these modules in these files."""

    task_files: tuple[str, ...]
    actions: tuple[str, ...]
    # "check": only --check reports them; "run": only the real run does.
    only_in: str


class StandIn(NamedTuple):
    """A task that, under --check, says what tasks whose modules have no check mode (skipped under --check) would
    change: its prediction and their changes in the same play stand for each other, and neither may come alone."""

    task_file: str
    covers: tuple[str, ...]
    actions: tuple[str, ...]


S3_MODULES = (
    "amazon.aws.s3_bucket",
    "amazon.aws.s3_object",
    "community.aws.s3_cors",
    "community.aws.s3_lifecycle",
    "community.aws.s3_logging",
)
S3_TASKS = "roles/s3_cloudfront/tasks/"
# The S3 modules have no check mode: under --check they are skipped, and one debug task of the role per step says
# what they would change (the buckets' settings; the frontend bucket's policy; the assets bucket's CORS rules).
STAND_INS: tuple[StandIn, ...] = (
    StandIn(f"{S3_TASKS}prepare.yml", (f"{S3_TASKS}prepare.yml", f"{S3_TASKS}assets_bucket.yml"), S3_MODULES),
    StandIn(f"{S3_TASKS}main.yml", (f"{S3_TASKS}main.yml",), ("amazon.aws.s3_bucket",)),
    StandIn(f"{S3_TASKS}assets_cors.yml", (f"{S3_TASKS}assets_cors.yml",), ("community.aws.s3_cors",)),
)
# Under --check an appstack.aws.predicted_change task stands for the task of its file that acts on the same
# resource (or on one no_log hides) and cannot say so itself (no check mode, or no resource yet): see
# plugins/modules/predicted_change.py.
PREDICTED_CHANGE = "appstack.aws.predicted_change"
ALLOWED: tuple[Allowed, ...] = (
    # A NAT gateway's Elastic IP is allocated by the gateway's creation, which --check predicts (one change per
    # gateway, the same loop item); under --check it has no address yet to tag.
    Allowed(("roles/network/tasks/nat.yml",), ("amazon.aws.ec2_tag",), "run"),
)


# Where ansible-playbook finds the collection's roles (ansible.cfg's collections path): a role's task is known by
# its path in the repository.
INSTALLED = ".venv/collections/ansible_collections/appstack/aws/"
# An id AWS generates ("subnet-3f437d3501fc8b2eb"; under --check a placeholder, "subnet-00000000000000000"):
# it names the same resource in two accounts by its kind only.
GENERATED_ID = re.compile(r"^([a-z]+(?:-[a-z]+)*)-(?:[0-9a-f]{8}|[0-9a-f]{17})$")


def _relative(path: str) -> str:
    """A play's or task's path ("/work/main/roles/x/tasks/main.yml:3") from the repository root."""
    return path.removeprefix(f"{REPO_ROOT}/").removeprefix(INSTALLED)


def _normalized(resource, outputs_dir: str | None):
    """A resource identity as two accounts share it: an id AWS generates by its kind, the run's outputs directory
    (the one input two equivalent runs may not share) by a placeholder."""
    if not isinstance(resource, str):
        return resource
    if outputs_dir:
        resource = resource.replace(outputs_dir, "<appstack_outputs_dir>")
    return GENERATED_ID.sub(r"\1-*", resource)


def task_results(run: PlaybookRun, outputs_dir: str | None = None) -> list[tuple[TaskChange, bool]]:
    """Every task result of the run (each item of a loop on its own), as (TaskChange, changed), in run order."""
    found = []
    for play in run.report.get("plays", []):
        playbook = _relative(play["play"]["path"].rsplit(":", 1)[0])
        for task in play["tasks"]:
            for result in task["hosts"].values():
                for item in _loop_items(result) or [result]:
                    change = TaskChange(
                        playbook,
                        _relative(task["task"]["path"]),
                        result.get("action", ""),
                        _normalized(_identity(item), outputs_dir),
                    )
                    found.append((change, bool(item.get("changed"))))
    return found


def task_changes(run: PlaybookRun, outputs_dir: str | None = None) -> Counter:
    """The changes the run reported (or predicted), counted: a loop may change one resource twice."""
    return Counter(change for change, changed in task_results(run, outputs_dir) if changed)


def _file(change: TaskChange) -> str:
    return change.task.rsplit(":", 1)[0]


def _allowed(change: TaskChange, only_in: str, allowed: tuple[Allowed, ...]) -> bool:
    return any(
        entry.only_in == only_in and _file(change) in entry.task_files and change.action in entry.actions
        for entry in allowed
    )


def _stand_ins_answered(predicted: list[TaskChange], made: list[TaskChange], stand_ins: tuple[StandIn, ...]):
    """predicted and made without the stand-ins' predictions and the changes they stand for, where a play has
    both."""
    for stand_in in stand_ins:
        for play in {change.play for change in predicted}:
            says = [
                c
                for c in predicted
                if c.play == play and _file(c) == stand_in.task_file and c.action != PREDICTED_CHANGE
            ]
            does = [c for c in made if c.play == play and _file(c) in stand_in.covers and c.action in stand_in.actions]
            if says and does:
                predicted = [c for c in predicted if c not in says]
                made = [c for c in made if c not in does]
    return predicted, made


def _predicted_changes_answered(predicted: list[TaskChange], made: list[TaskChange]):
    """predicted and made without each predicted_change and the one change of its play and file it stands for."""
    left = []
    for change in predicted:
        if change.action != PREDICTED_CHANGE:
            left.append(change)
            continue
        answer = next(
            (
                c
                for c in made
                if (c.play, _file(c)) == (change.play, _file(change)) and c.resource in (change.resource, None)
            ),
            None,
        )
        if answer is None:
            left.append(change)
        else:
            made.remove(answer)
    return left, made


def mismatches(
    check: PlaybookRun,
    run: PlaybookRun,
    *,
    allowed: tuple[Allowed, ...] = ALLOWED,
    stand_ins: tuple[StandIn, ...] = STAND_INS,
    check_outputs_dir: str | None = None,
    run_outputs_dir: str | None = None,
) -> dict[str, list[TaskChange]]:
    """What --check predicted that the run did not change ("predicted, not made") and what the run changed that
    --check did not predict ("made, not predicted"), less the allowed differences: both empty when the check told
    the truth."""
    predicted_counts = task_changes(check, check_outputs_dir)
    made_counts = task_changes(run, run_outputs_dir)
    predicted = sorted((predicted_counts - made_counts).elements(), key=str)
    made = sorted((made_counts - predicted_counts).elements(), key=str)
    predicted, made = _predicted_changes_answered(predicted, made)
    predicted, made = _stand_ins_answered(predicted, made, stand_ins)
    return {
        "predicted, not made": [c for c in predicted if not _allowed(c, "check", allowed)],
        "made, not predicted": [c for c in made if not _allowed(c, "run", allowed)],
    }


def _task(path: str, action: str, changed: bool, args: dict | None = None, items: list[dict] | None = None) -> dict:
    """A task of a JSON report, as the callback writes it: its path, and the result of the single host."""
    result = {"action": action, "changed": changed, "invocation": {"module_args": args or {}}}
    if items is not None:
        result = {"action": action, "changed": any(item["changed"] for item in items), "results": items}
    return {"task": {"path": f"{REPO_ROOT}/{path}"}, "hosts": {"localhost": result}}


def _item(changed: bool, **args) -> dict:
    return {"ansible_loop_var": "item", "changed": changed, "invocation": {"module_args": args}}


def _report(*tasks: dict, play: str = "playbooks/network.yml") -> PlaybookRun:
    return PlaybookRun(0, "", "", {"plays": [{"play": {"path": f"{REPO_ROOT}/{play}:2"}, "tasks": list(tasks)}]})


SUBNETS = "roles/network/tasks/vpc.yml:40"
NATS = "roles/network/tasks/nat.yml:5"


def test_the_comparison_names_each_task_and_item_the_check_got_wrong():
    """Doctored reports: a subnet predicted but not made, one made but not predicted (two items of one loop), a
    predicted_change nothing answered and a stand-in whose modules changed nothing are reported; generated ids, the
    allowed Elastic IP tags and an answered predicted_change are not."""
    check = _report(
        _task(
            SUBNETS,
            "amazon.aws.ec2_vpc_subnet",
            True,
            items=[_item(True, cidr="10.0.0.0/24"), _item(False, cidr="10.0.1.0/24")],
        ),
        _task(NATS, "amazon.aws.ec2_vpc_nat_gateway", True, items=[_item(True, subnet_id="subnet-00000000000000000")]),
        _task("roles/network/tasks/vpc.yml:34", PREDICTED_CHANGE, True, {"resource": "default"}),
        _task("roles/network/tasks/flow_logs.yml:3", PREDICTED_CHANGE, True, {"resource": "flow-logs"}),
    )
    run = _report(
        _task(
            SUBNETS,
            "amazon.aws.ec2_vpc_subnet",
            True,
            items=[_item(False, cidr="10.0.0.0/24"), _item(True, cidr="10.0.1.0/24")],
        ),
        _task(NATS, "amazon.aws.ec2_vpc_nat_gateway", True, items=[_item(True, subnet_id="subnet-3f437d3501fc8b2eb")]),
        _task("roles/network/tasks/nat.yml:23", "amazon.aws.ec2_tag", True, {"resource": "eipalloc-398475c4d8723c4ec"}),
        _task("roles/network/tasks/vpc.yml:32", "amazon.aws.ec2_security_group", True, {"name": "default"}),
    )
    stand_in_alone = _report(_task(f"{S3_TASKS}main.yml:144", "ansible.builtin.debug", True), play="playbooks/edge.yml")
    assert mismatches(check, run) == {
        "predicted, not made": [
            TaskChange("playbooks/network.yml", "roles/network/tasks/flow_logs.yml:3", PREDICTED_CHANGE, "flow-logs"),
            TaskChange("playbooks/network.yml", SUBNETS, "amazon.aws.ec2_vpc_subnet", "10.0.0.0/24"),
        ],
        "made, not predicted": [
            TaskChange("playbooks/network.yml", SUBNETS, "amazon.aws.ec2_vpc_subnet", "10.0.1.0/24")
        ],
    }
    assert mismatches(stand_in_alone, _report()) == {
        "predicted, not made": [
            TaskChange("playbooks/edge.yml", f"{S3_TASKS}main.yml:144", "ansible.builtin.debug", None)
        ],
        "made, not predicted": [],
    }
    assert mismatches(check, check) == {"predicted, not made": [], "made, not predicted": []}


def _without_one_change(run: PlaybookRun) -> tuple[PlaybookRun, dict]:
    """run with its first changed task result (not a loop's) reported unchanged, and that result."""
    report = copy.deepcopy(run.report)
    (result, *_) = [
        result
        for play in report["plays"]
        for task in play["tasks"]
        for result in task["hosts"].values()
        if result.get("changed") and not _loop_items(result)
    ]
    result["changed"] = False
    return PlaybookRun(run.returncode, run.stdout, run.stderr, report), result


def test_check_on_the_empty_account_predicts_every_change_of_the_first_run_and_no_other(prod, prod_check):
    """prod_check's --check and prod's first real run: two empty accounts, the same inventory and extra vars
    (but for where the outputs go; the run takes its region from the inventory, the check from the environment:
    both us-east-1)."""
    check, run = prod_check["check"], prod["run"]
    assert not check.failed, check.outcome()
    assert prod_check["extra_vars"].keys() == prod["extra_vars"].keys() == {"appstack_outputs_dir"}
    outputs = {
        "check_outputs_dir": prod_check["extra_vars"]["appstack_outputs_dir"],
        "run_outputs_dir": prod["extra_vars"]["appstack_outputs_dir"],
    }
    assert mismatches(check, run, **outputs) == {"predicted, not made": [], "made, not predicted": []}
    assert sum(task_changes(run).values()) > 50, "the first run should build the whole environment"
    doctored, result = _without_one_change(run)
    assert mismatches(check, doctored, **outputs)["predicted, not made"], f"missed the doctored {result['action']}"


def test_check_of_the_converged_environment_predicts_nothing_and_writes_nothing(prod, prod_emulator):
    """The real run that follows changes nothing: test_data_tier's second run, on the same environment."""
    prod_emulator.clear_requests()
    check = run_playbook("site.yml", PROD, prod_emulator.env, check=True, extra_vars=prod["extra_vars"])
    assert not check.failed, check.outcome()
    assert check.changed_resources() == []
    assert check.changed == 0
    assert mutating_calls(prod_emulator) == []


def test_check_of_a_partly_built_account_predicts_every_change_of_the_run_and_no_other(emulator, tmp_path):
    """The network tier alone (site.yml --tags network), then --check of site.yml, then the real run."""
    extra_vars = {"appstack_outputs_dir": str(tmp_path / "outputs")}
    network = run_playbook("site.yml", PROD, emulator.env, extra_vars=extra_vars, tags=["network"])
    assert not network.failed, network.outcome()
    assert network.changed > 0
    emulator.clear_requests()
    check = run_playbook("site.yml", PROD, emulator.env, check=True, extra_vars=extra_vars)
    assert not check.failed, check.outcome()
    assert mutating_calls(emulator) == []
    run = run_playbook("site.yml", PROD, emulator.env, extra_vars=extra_vars)
    assert not run.failed, run.outcome()
    assert mismatches(check, run) == {"predicted, not made": [], "made, not predicted": []}
    made = task_changes(run)
    assert made and all(change.play != "playbooks/network.yml" for change in made), "the network was built"
