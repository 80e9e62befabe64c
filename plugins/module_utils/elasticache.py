# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ElastiCache helpers shared by the appstack.aws ElastiCache modules.

One error class, one error handler, one poll interval and one set of tag helpers serve every ElastiCache module
(replication groups, subnet groups, parameter groups).  API helpers expect clients created with
``module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())`` and raise AnsibleElastiCacheError,
which a module turns into a failure with ``fail_json_aws_error``.

ElastiCache tags any resource by its ARN: ListTagsForResource, AddTagsToResource and RemoveTagsFromResource all
take ``ResourceName=arn``
(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Tagging-Resources.html).
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)

# Seconds between two polls of any ElastiCache resource.
POLL_DELAY_SECONDS = 15
# The error codes of an ElastiCache resource that isn't there, for each kind this collection manages.
NOT_FOUND_CODES = [
    "ReplicationGroupNotFoundFault",
    "CacheSubnetGroupNotFoundFault",
    "CacheParameterGroupNotFound",
    "CacheClusterNotFound",
]


class AnsibleElastiCacheError(AnsibleAWSError):
    pass


class ElastiCacheErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleElastiCacheError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(NOT_FOUND_CODES)


# Tags of any ElastiCache resource, by ARN


@ElastiCacheErrorHandler.list_error_handler("list ElastiCache tags", {})
def list_tags(client, arn):
    """The resource's tags as a dict ({} when it has none or is gone)."""
    tags = client.list_tags_for_resource(aws_retry=True, ResourceName=arn).get("TagList", [])
    return boto3_tag_list_to_ansible_dict(tags)


@ElastiCacheErrorHandler.common_error_handler("tag ElastiCache resource")
def add_tags(client, arn, tags):
    client.add_tags_to_resource(aws_retry=True, ResourceName=arn, Tags=ansible_dict_to_boto3_tag_list(tags))


@ElastiCacheErrorHandler.common_error_handler("untag ElastiCache resource")
def remove_tags(client, arn, tag_keys):
    client.remove_tags_from_resource(aws_retry=True, ResourceName=arn, TagKeys=list(tag_keys))
