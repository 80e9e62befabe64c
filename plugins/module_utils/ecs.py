# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every ECS module of the collection can share: its error, a base error handler and the tagging calls.

ECS resources (clusters, services, task definitions) are tagged by ARN through the same two APIs, with
lower-case ``key``/``value`` tags. Every helper expects a client created with
``module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleECSError, which a module
turns into a failure with ``fail_json_aws_error``. A resource's helpers subclass ECSErrorHandler to say which
errors mean "missing" for their resource.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)


class AnsibleECSError(AnsibleAWSError):
    pass


class ECSErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleECSError


def tags_from_api(tags):
    """ECS's list of key/value tags as a dict."""
    return boto3_tag_list_to_ansible_dict(tags or [], tag_name_key_name="key", tag_value_key_name="value")


def tags_to_api(tags):
    """A dict of tags as ECS's list of key/value tags, values as strings."""
    return ansible_dict_to_boto3_tag_list(
        {key: to_text(value) for key, value in tags.items()}, tag_name_key_name="key", tag_value_key_name="value"
    )


@ECSErrorHandler.common_error_handler("tag resource")
def tag_resource(client, arn, tags):
    client.tag_resource(resourceArn=arn, tags=tags_to_api(tags), aws_retry=True)
    return True


@ECSErrorHandler.common_error_handler("untag resource")
def untag_resource(client, arn, tag_keys):
    client.untag_resource(resourceArn=arn, tagKeys=list(tag_keys), aws_retry=True)
    return True
