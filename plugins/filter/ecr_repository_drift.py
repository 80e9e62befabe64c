"""What appstack.aws.ecr_repository would change on a repository, from one read of it
(appstack.aws.ecr_repository_info).

A play that reads its repositories once (to check an image tag before a deployment, say) can tell from this filter,
without calling the module, whether the module would change anything: the filter plans with the module's own
comparison functions (module_utils/ecr_plan.py), so that the two never disagree.
"""

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.appstack.aws.plugins.module_utils import ecr_plan
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import tag_differences

DOCUMENTATION = r"""
name: ecr_repository_drift
version_added: 0.5.0
short_description: The differences between an ECR repository and what appstack.aws.ecr_repository is asked for
description:
  - Takes one repository M(appstack.aws.ecr_repository_info) read and the options of M(appstack.aws.ecr_repository)
    (state present), and returns what the module would change, each a sentence; an empty list means the module
    would report no change.
  - Compares exactly as the module does, with its own functions; the image tag mutability, scan on push, the
    lifecycle policy (by meaning, whatever the order of keys and rules), the repository policy (by meaning, as
    amazon.aws compares IAM policies), their purge options, the tags (with O(asked.purge_tags), default true) and
    the encryption, which ECR can't change (the module then fails; see the C(appstack.aws.ecr_immutable_errors)
    filter).
options:
  _input:
    description:
      - One repository of the C(repositories) list of M(appstack.aws.ecr_repository_info); C({}) or null when it
        doesn't exist (for example C(repositories | first | default({}))).
    type: dict
    required: true
  asked:
    description:
      - The options of M(appstack.aws.ecr_repository) as a task gives them, C(name) and any of
        C(image_tag_mutability), C(scan_on_push), C(encryption_type), C(kms_key), C(lifecycle_policy) and C(policy)
        (JSON strings or dicts), C(purge_lifecycle_policy), C(purge_policy), C(tags) and C(purge_tags); an option
        left out or null is not compared.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the repository with the inventory
  ansible.builtin.set_fact:
    __ecr_drift: "{{ __ecr.repositories | first | default({})
      | appstack.aws.ecr_repository_drift({'name': 'smartscheduler/web', 'image_tag_mutability': 'IMMUTABLE',
      'scan_on_push': true, 'tags': {'Environment': 'prod'}}) }}"
"""

RETURN = r"""
_value:
  description:
    - The differences, each a sentence naming the repository; empty when it is as asked.
    - C(repository NAME does not exist) when the repository doesn't exist.
  type: list
  elements: str
"""

BOOLEANS = ("scan_on_push", "purge_lifecycle_policy", "purge_policy", "purge_tags")
POLICY_NAMES = {"lifecycle_policy": "the lifecycle policy", "policy": "the repository policy"}


def normalized(asked):
    """The options as the module's argument spec would convert them (booleans given as strings)."""
    params = dict(asked or {})
    for option in BOOLEANS:
        if params.get(option) is not None:
            params[option] = boolean(params[option], strict=True)
    return params


def describe_change(repository, option, value):
    """One planned change (from ecr_plan.plan_changes) as a phrase."""
    if option in POLICY_NAMES:
        policy = POLICY_NAMES[option]
        if value is None:
            return f"{policy} is to be deleted"
        if repository.get(option) is None:
            return f"there is no {policy[4:]}, one is asked for"
        return f"{policy} differs from the one asked for"
    current = repository.get(option) if option != "scan_on_push" else ecr_plan.scan_on_push(repository)
    return f"{option} is {current}, not {value}"


def ecr_repository_drift(repository, asked):
    """What the module would change on the repository read (empty: nothing)."""
    params = normalized(asked)
    what = f"repository {params.get('name')}"
    if not repository:
        return [f"{what} does not exist"]
    found = [f"{what}: {difference}" for difference in ecr_plan.immutable_differences(repository, params)]
    changes = ecr_plan.plan_changes(repository, params)
    found.extend(f"{what}: {describe_change(repository, option, changes[option])}" for option in sorted(changes))
    found.extend(tag_differences(what, repository.get("tags"), params))
    return found


class FilterModule:
    def filters(self):
        return {"ecr_repository_drift": ecr_repository_drift}
