"""Mitogen's linear strategy (ansible_mitogen), without its CPU pinning, with the filters and tests loaded once.

On a machine with fewer than four CPUs, Mitogen's affinity policy (ansible_mitogen.affinity) reserves CPU 0 for its
connection multiplexer and pins every other process of a run to the remaining CPU: the controller, the worker of
each task and the interpreter that runs the modules. On two cores, a run then uses one; runs side by side (CI jobs,
``make test``) all share that one. This strategy is Mitogen's own with that policy replaced by the no-op base
``Policy``, so the kernel schedules Ansible's processes as it schedules any other.

Each task runs in a worker process forked from the controller. A worker that templates a filter or a test loads the
plugin files of its collection (every filter file of appstack.aws, ansible's builtin filters and tests), compiling
the collection's from source: the same work again in every worker. The controller loads them once, before the
play's first task, and each worker starts with them loaded: a no-op run of prod takes about a sixth less CPU time.
(Importing every installed collection's package up front, which Mitogen's planner does in the worker of each
module's first task, costs more than it saves: a larger controller makes every fork dearer.)

``ansible.cfg`` points ``strategy_plugins`` here, and ansible-playbook finds it next to ``site.yml`` too;
``ANSIBLE_STRATEGY=mitogen_linear`` selects it.
"""

import ansible_mitogen.affinity
import ansible_mitogen.loaders
import ansible_mitogen.strategy
from ansible.plugins.loader import filter_loader, test_loader

# Read at each call (ansible_mitogen.process, ansible_mitogen.strategy), so replacing it before the run starts
# leaves every process of the run unpinned.
ansible_mitogen.affinity.policy = ansible_mitogen.affinity.Policy()

Base = ansible_mitogen.loaders.strategy_loader.get("linear", class_only=True)

# One plugin of each set: loading it loads every plugin file of its collection and kind.
PRELOADED = (
    (filter_loader, "ansible.builtin.to_json"),
    (filter_loader, "appstack.aws.network_drift"),
    (test_loader, "ansible.builtin.match"),
)


def load_filters_and_tests() -> None:
    """Load the filters and tests the roles template, in this process, so that forked workers inherit them."""
    for loader, name in PRELOADED:
        loader.get(name)


class StrategyModule(ansible_mitogen.strategy.StrategyMixin, Base):
    """ansible_mitogen's mitogen_linear."""

    def run(self, iterator, play_context):
        load_filters_and_tests()
        return super().run(iterator, play_context)
