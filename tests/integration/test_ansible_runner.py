"""AWX and Ansible Automation Platform run playbooks through ansible-runner: prod's converge goes through it (the
``prod`` fixture), with the inventory, the extra variables and the credentials' environment in runner's private
data directory, as a job template's launch lays them out; then a second run through it changes nothing.

It runs first among prod's readers (files run in name order), while prod is as its converge left it.
"""

from .conftest import PROD
from .playbook import run_with_ansible_runner


def test_runner_converged_prod_and_recorded_it_as_a_job(prod):
    run = prod["run"]
    assert (run.status, run.returncode) == ("successful", 0), run.outcome()
    assert run.changed > 0
    (stats,) = run.events("playbook_on_stats")
    assert stats["event_data"]["changed"] == {"appstack-prod": run.changed}
    assert stats["event_data"]["failures"] == {}
    # What the job template's launch laid out: the inventory and extra variables came from the private data dir.
    private_data = prod["runner_dir"]
    assert (private_data / "inventory" / "group_vars" / "prod.yml").is_file()
    assert "appstack_outputs_dir" in (private_data / "env" / "extravars").read_text()


def test_a_second_run_through_runner_changes_nothing(prod, prod_emulator):
    run = run_with_ansible_runner(
        "site.yml", PROD, prod_emulator.env, prod["runner_dir"], ident="second-run", extra_vars=prod["extra_vars"]
    )
    assert (run.status, run.returncode) == ("successful", 0), run.outcome()
    assert run.stats["changed"] == 0, run.changed_resources()
    (stats,) = run.events("playbook_on_stats")
    assert stats["event_data"]["changed"] == {}
