# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tag planning and the one tag-convergence step shared by the appstack.aws modules."""

from collections import namedtuple

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

# How a resource's tags must change: to_set (dict), to_unset (list of keys), result (the tags afterwards).
TagPlan = namedtuple("TagPlan", ["to_set", "to_unset", "result"])


def plan_tags(current_tags, desired_tags, purge_tags):
    """Work out how a resource's tags must change.

    :param current_tags: the resource's tags now, as a dict (None for a resource yet to be created)
    :param desired_tags: the O(tags) option; None leaves the tags alone
    :param purge_tags: whether tags missing from desired_tags are removed (aws: tags never are)
    :return: a TagPlan
    """
    current_tags = current_tags or {}
    if desired_tags is None:
        return TagPlan({}, [], dict(current_tags))

    tags_to_set, tag_keys_to_unset = compare_aws_tags(current_tags, desired_tags, purge_tags)
    resulting_tags = {key: value for key, value in current_tags.items() if key not in tag_keys_to_unset}
    resulting_tags.update({key: to_text(value) for key, value in tags_to_set.items()})
    return TagPlan(tags_to_set, tag_keys_to_unset, resulting_tags)


def ensure_tags(resource, desired_tags, purge_tags, check_mode, tag, untag):
    """Bring a resource's tags to what was asked: the one tag step of every module.

    :param resource: the resource as a snake_case dict, its tags as a dict under "tags"
    :param desired_tags: the O(tags) option; None leaves the tags alone
    :param purge_tags: the O(purge_tags) option
    :param check_mode: when true, nothing is sent and the predicted resource is returned
    :param tag: callable(tags_to_set: dict) that tags this resource; called only with a non-empty dict
    :param untag: callable(tag_keys: list) that untags this resource; called only with a non-empty list
    :return: (changed, the resource with its resulting tags)
    """
    plan = plan_tags(resource.get("tags"), desired_tags, purge_tags)
    if not plan.to_set and not plan.to_unset:
        return False, resource
    if not check_mode:
        if plan.to_unset:
            untag(plan.to_unset)
        if plan.to_set:
            tag(plan.to_set)
    return True, {**resource, "tags": plan.result}
