"""The Mitogen opt-in (`ANSIBLE_STRATEGY=mitogen_linear`, README "Speed") keeps the guarantees of the default
strategy: on the converged prod environment a whole re-run under it changes nothing and sends no write. Most
other tests run under it too, to fit the suite on two cores; those that stand for the default strategy say so
(tests/integration/playbook.py)."""

from .playbook import run_playbook


def test_a_rerun_under_mitogen_changes_nothing(prod):
    emulator = prod["emulator"]
    emulator.clear_requests()
    env = {**emulator.env, "ANSIBLE_STRATEGY": "mitogen_linear"}
    run = run_playbook("site.yml", "inventories/prod", env, extra_vars=prod["extra_vars"])
    # ansible-playbook refuses a strategy it cannot load ("Invalid play strategy"): a passing run ran Mitogen's.
    assert not run.failed, run.outcome()
    assert run.changed_resources() == []
    assert emulator.requests()["mutating"] == 0
