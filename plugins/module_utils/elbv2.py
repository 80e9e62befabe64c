# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every Elastic Load Balancing (v2) module of the collection shares: its error, a base error handler,
attributes and tags.

Load balancers, listeners and target groups are tagged by ARN through AddTags/RemoveTags/DescribeTags, with
``Key``/``Value`` tags, and carry their settings as ``Key``/``Value`` attributes whose values are strings. Every
helper expects a client created with ``module.client("elbv2", retry_decorator=AWSRetry.jittered_backoff())`` and
raises AnsibleELBv2Error, which a module turns into a failure with ``fail_json_aws_error``. A resource's helpers
subclass ELBv2ErrorHandler to say which errors mean "missing" for their resource.
"""

from functools import partial

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.appstack.aws.plugins.module_utils.elbv2_attributes import (  # noqa: F401 (re-exported)
    attribute_changes,
    attribute_value,
    attributes_from_api,
    attributes_to_api,
)
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

# The errors of a resource that doesn't exist (any of the three kinds).
MISSING_CODES = ["LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound"]


class AnsibleELBv2Error(AnsibleAWSError):
    pass


class ELBv2ErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleELBv2Error

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(MISSING_CODES)


def tags_to_api(tags):
    return ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})


@ELBv2ErrorHandler.list_error_handler("describe tags", {})
@AWSRetry.jittered_backoff()
def describe_tags(client, arns):
    """The tags of up to 20 resources, as {arn: {key: value}}."""
    response = client.describe_tags(ResourceArns=list(arns))
    return {
        item["ResourceArn"]: boto3_tag_list_to_ansible_dict(item.get("Tags", []))
        for item in response["TagDescriptions"]
    }


def get_tags(client, arn):
    return describe_tags(client, [arn]).get(arn, {})


@ELBv2ErrorHandler.common_error_handler("add tags")
def add_tags(client, arn, tags):
    client.add_tags(ResourceArns=[arn], Tags=tags_to_api(tags), aws_retry=True)
    return True


@ELBv2ErrorHandler.common_error_handler("remove tags")
def remove_tags(client, arn, tag_keys):
    client.remove_tags(ResourceArns=[arn], TagKeys=list(tag_keys), aws_retry=True)
    return True


def ensure_resource_tags(client, arn, current_tags, params, check_mode):
    """Bring the tags of a load balancer, listener, rule or target group to O(tags)/O(purge_tags).

    :param current_tags: the resource's tags as read (None when O(tags) was not given, so they were not read)
    :return: (changed, the tags afterwards, or None when unread)
    """
    if current_tags is None:
        return False, None
    changed, tagged = ensure_tags(
        {"tags": current_tags},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(add_tags, client, arn),
        untag=partial(remove_tags, client, arn),
    )
    return changed, tagged["tags"]
