# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tag planning shared by the appstack.aws modules."""

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags


def plan_tags(current_tags, desired_tags, purge_tags):
    """Work out how a resource's tags must change.

    :param current_tags: the resource's tags now, as a dict
    :param desired_tags: the O(tags) option; None leaves the tags alone
    :param purge_tags: whether tags missing from desired_tags are removed (aws: tags never are)
    :return: (tags_to_set, tag_keys_to_unset, resulting_tags)
    """
    current_tags = current_tags or {}
    if desired_tags is None:
        return {}, [], dict(current_tags)

    tags_to_set, tag_keys_to_unset = compare_aws_tags(current_tags, desired_tags, purge_tags)
    resulting_tags = {key: value for key, value in current_tags.items() if key not in tag_keys_to_unset}
    resulting_tags.update({key: to_text(value) for key, value in tags_to_set.items()})
    return tags_to_set, tag_keys_to_unset, resulting_tags
