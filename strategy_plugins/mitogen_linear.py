"""Mitogen's linear strategy (ansible_mitogen) without its CPU pinning, and with what each task's worker process
would load again loaded once, in the controller.

On a machine with fewer than four CPUs, Mitogen's affinity policy (ansible_mitogen.affinity) reserves CPU 0 for its
connection multiplexer and pins every other process of a run to the remaining CPU: the controller, the worker of
each task and the interpreter that runs the modules. On two cores, a run then uses one; runs side by side (CI jobs,
``make test``) all share that one. This strategy is Mitogen's own with that policy replaced by the no-op base
``Policy``, so the kernel schedules Ansible's processes as it schedules any other.

Each task runs in a worker process forked from the controller, which repeats work the controller could do once:

* a worker that templates a filter or a test loads the plugin files of its collection (every filter file of
  appstack.aws, ansible's builtin filters and tests), compiling the collection's from source. The controller loads
  them before the play's first task, and each worker starts with them loaded.
* the worker of each module's first task lists the installed collections for Mitogen's planner, importing every
  collection's package (and parsing its meta/runtime.yml) to tell them apart. The controller lists their
  directories once, without importing them (imported in the controller, they would make every fork dearer).
* a worker's garbage collector walks every object the worker inherited, copying each memory page it touches. A
  worker freezes what it inherits (``gc.freeze``) and collects only what it makes.

Together, they take a no-op run of prod from 27 s of CPU time to 20 s.

``ansible.cfg`` points ``strategy_plugins`` here, and ansible-playbook finds it next to ``site.yml`` too;
``ANSIBLE_STRATEGY=mitogen_linear`` selects it.
"""

import functools
import gc
import os

import ansible_mitogen.affinity
import ansible_mitogen.loaders
import ansible_mitogen.planner
import ansible_mitogen.strategy
from ansible.plugins.loader import filter_loader, test_loader
from ansible.utils.collection_loader import AnsibleCollectionConfig

# Read at each call (ansible_mitogen.process, ansible_mitogen.strategy), so replacing it before the run starts
# leaves every process of the run unpinned.
ansible_mitogen.affinity.policy = ansible_mitogen.affinity.Policy()

# Every process forked from here on: the task workers and Mitogen's multiplexer.
os.register_at_fork(after_in_child=gc.freeze)

Base = ansible_mitogen.loaders.strategy_loader.get("linear", class_only=True)

# One plugin of each set: loading it loads every plugin file of its collection and kind.
PRELOADED = (
    (filter_loader, "ansible.builtin.to_json"),
    (filter_loader, "appstack.aws.network_drift"),
    (test_loader, "ansible.builtin.match"),
)


def subdirectories(path: str) -> list[str]:
    return (
        sorted(name for name in os.listdir(path) if os.path.isdir(os.path.join(path, name)))
        if os.path.isdir(path)
        else []
    )


def installed_collection_dirs(roots: list[str]) -> list[str]:
    """The directory of each installed collection, the first one found in the search path order for each name:
    what ansible.collections.list.list_collection_dirs() gives, read from the file system alone."""
    found: dict[tuple[str, str], str] = {}
    for root in roots:
        base = os.path.join(root, "ansible_collections")
        for namespace in subdirectories(base):
            for name in subdirectories(os.path.join(base, namespace)):
                found.setdefault((namespace, name), os.path.join(base, namespace, name))
    return list(found.values())


def list_collections_once() -> None:
    """Give Mitogen's planner the collection directories, listed here once, instead of a listing per worker."""
    roots = getattr(AnsibleCollectionConfig.collection_finder, "_n_collection_paths", None)
    if roots is None or getattr(ansible_mitogen.planner, "_load_collections", None) is None:
        return
    directories = installed_collection_dirs(list(roots))

    def load_collections(invocation) -> None:
        invocation._extra_sys_paths.update(directories)

    ansible_mitogen.planner._load_collections = load_collections


# Once per run: each play's run() calls it, and neither the plugins nor the collections change between plays.
@functools.cache
def load_once_for_every_worker() -> None:
    for loader, name in PRELOADED:
        loader.get(name)
    list_collections_once()


class StrategyModule(ansible_mitogen.strategy.StrategyMixin, Base):
    """ansible_mitogen's mitogen_linear."""

    def run(self, iterator, play_context):
        load_once_for_every_worker()
        return super().run(iterator, play_context)
