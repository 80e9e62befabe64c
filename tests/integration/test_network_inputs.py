"""Bad input fails before any AWS request, with a message that names the variable.

The emulator's request log is the witness: a run that fails on input must not
have sent a single API call.
"""

import shutil

import pytest
import yaml

from .playbook import REPO_ROOT, run_playbook


def _prod_inventory_with(tmp_path, **overrides):
    """A copy of inventories/prod whose prod group sets `overrides` too, as a user would edit it."""
    inventory = tmp_path / "prod"
    shutil.copytree(REPO_ROOT / "inventories" / "prod", inventory)
    group_file = inventory / "group_vars" / "prod.yml"
    values = yaml.safe_load(group_file.read_text())
    values.update(overrides)
    group_file.write_text(yaml.safe_dump(values))
    return inventory


def _assert_rejected_without_requests(run, emulator, *expected_fragments):
    assert run.failed, "the run should have failed"
    message = run.failure_messages()
    for fragment in expected_fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0, emulator.requests()["by_service"]


def test_bad_vpc_cidr_in_the_inventory_fails_before_any_request(emulator, tmp_path):
    inventory = _prod_inventory_with(tmp_path, network_vpc_cidr="10.0.0.0/33")
    run = run_playbook("site.yml", inventory, emulator.env)
    _assert_rejected_without_requests(run, emulator, "network_vpc_cidr", "10.0.0.0/33", "not a valid IPv4 CIDR")


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        pytest.param(
            {
                "network_subnet_cidrs": {
                    "public": ["10.0.0.0/24", "10.1.1.0/24"],
                    "app": ["10.0.10.0/24", "10.0.11.0/24"],
                    "database": ["10.0.20.0/24", "10.0.21.0/24"],
                }
            },
            ["network_subnet_cidrs.public[1]", "outside network_vpc_cidr"],
            id="subnet-outside-vpc",
        ),
        pytest.param(
            {
                "network_subnet_cidrs": {
                    "public": ["10.0.0.0/24", "10.0.1.0/24"],
                    "app": ["10.0.0.0/23", "10.0.11.0/24"],
                    "database": ["10.0.20.0/24", "10.0.21.0/24"],
                }
            },
            ["network_subnet_cidrs.app[0]", "overlaps"],
            id="overlapping-subnets",
        ),
        pytest.param(
            {
                "network_availability_zones": ["us-east-1a"],
                "network_subnet_cidrs": {
                    "public": ["10.0.0.0/24"],
                    "app": ["10.0.10.0/24"],
                    "database": ["10.0.20.0/24"],
                },
            },
            ["network_nat_mode", "per_az", "at least two"],
            id="per-az-nat-with-one-zone",
        ),
        pytest.param(
            {"network_flow_logs_retention_days": 45},
            ["network_flow_logs_retention_days", "must be one of", "365", "3653"],
            id="retention-cloudwatch-rejects",
        ),
        pytest.param(
            {"network_nat_mode": "sometimes"},
            ["network_nat_mode", "none, single, per_az"],
            id="unknown-nat-mode",
        ),
    ],
)
def test_bad_input_names_the_variable_and_sends_no_request(emulator, tmp_path, overrides, fragments):
    inventory = _prod_inventory_with(tmp_path, **overrides)
    run = run_playbook("site.yml", inventory, emulator.env, check=True)
    _assert_rejected_without_requests(run, emulator, *fragments)


def _failed_results(run):
    return [
        result
        for play in run.report.get("plays", [])
        for task in play["tasks"]
        for result in task["hosts"].values()
        if result.get("failed")
    ]


def test_two_mistakes_in_two_roles_fail_once_naming_both_before_any_request(emulator, tmp_path):
    """As `-e network_vpc_cidr=10.0.0.0/33 -e rds_backup_retention_days=40` gives them: strings."""
    extra_vars = {
        "network_vpc_cidr": "10.0.0.0/33",
        "rds_backup_retention_days": "40",
        "appstack_outputs_dir": str(tmp_path / "outputs"),
    }
    run = run_playbook("site.yml", "inventories/dev", emulator.env, extra_vars=extra_vars)
    assert run.failed, "the run should have failed"
    (failure,) = _failed_results(run)
    assert run.stats["failures"] == 1, run.stats
    message = str(failure["msg"])
    assert "network_vpc_cidr: '10.0.0.0/33' is not a valid IPv4 CIDR block" in message, message
    assert "rds_backup_retention_days is 40" in message, message
    assert emulator.requests()["total"] == 0, emulator.requests()["by_service"]
    assert not (tmp_path / "outputs").exists()


def test_bad_retention_leaves_an_existing_log_group_alone(emulator, tmp_path):
    """amazon.aws's log group module deletes the group on an invalid retention; ours never gets that far."""
    logs = emulator.client("logs")
    logs.create_log_group(logGroupName="/appstack/smartscheduler-prod/vpc-flow-logs")
    emulator.clear_requests()
    inventory = _prod_inventory_with(tmp_path, network_flow_logs_retention_days=400000)
    run = run_playbook("site.yml", inventory, emulator.env)
    _assert_rejected_without_requests(run, emulator, "network_flow_logs_retention_days")
    assert logs.describe_log_groups(logGroupNamePrefix="/appstack/smartscheduler-prod/")["logGroups"]


def test_environment_group_value_beats_playbook_group_vars_all(tmp_path):
    """The precedence trap: top-level group_vars/all (beside site.yml) outranks an inventory's
    group_vars/all, but a group named after the environment outranks both."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "group_vars").symlink_to(REPO_ROOT / "group_vars")
    (project / "show.yml").write_text(
        "- name: Show the values\n  hosts: all\n  gather_facts: false\n  tasks:\n"
        "    - name: Print them\n      ansible.builtin.debug:\n"
        '        msg: "{{ appstack_app_name }} {{ appstack_extra_tags | to_json }}"\n'
    )
    inventory = _prod_inventory_with(tmp_path)
    # A value put in the inventory's group_vars/all loses to the top-level group_vars/all...
    (inventory / "group_vars" / "all.yml").write_text("appstack_app_name: from-inventory-all\n")
    run = run_playbook(str(project / "show.yml"), inventory, {})
    assert not run.failed, run.outcome()
    (shown,) = run.results("ansible.builtin.debug")
    message = shown["msg"]
    assert message.startswith("smartscheduler ")
    # ...while the prod group's own value wins over the top-level default ({}).
    assert '"CostCenter": "smartscheduler-prod"' in message
