# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudFront distribution helpers shared by appstack.aws.cloudfront_distribution and its _info twin.

They build on ``cloudfront.py`` (error handler and the ETag protocol) and expect a client created with
``module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())``; errors are AnsibleCloudFrontError.
A distribution is read with ``GetDistribution``, whose ETag is the one ``UpdateDistribution`` and
``DeleteDistribution`` need as ``IfMatch``.  The planning (options -> DistributionConfig, comparison, validation)
is in ``cloudfront_distribution_plan.py``.
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import (
    AnsibleCloudFrontError,
    CloudFrontErrorHandler,
    create_resource,
    delete_with_etag,
    get_with_etag,
    list_all,
    to_ansible,
    update_with_etag,
)
from ansible_collections.appstack.aws.plugins.module_utils.common import wait_or_fail

# Seconds between two polls of a distribution's status; a deployment takes minutes.
POLL_DELAY_SECONDS = 15


def list_distributions(client):
    """Every DistributionSummary of the account."""
    return list_all(client, "list_distributions", "DistributionList")


def get_distribution(client, distribution_id):
    """(Distribution as boto3 returns it, ETag), or (None, None) when there is no such distribution."""
    return get_with_etag(client, "get_distribution", "Distribution", Id=distribution_id)


def find_distribution(client, caller_reference, comment=None, summaries=None):
    """(Distribution, ETag) of the distribution created with caller_reference, or (None, None).

    ListDistributions has no caller reference, so the candidates are read one by one (GetDistribution), those
    whose comment is comment first: with a comment, the usual lookup costs one list and one read.
    """
    summaries = list_distributions(client) if summaries is None else summaries
    if comment is not None:
        summaries = sorted(summaries, key=lambda summary: summary.get("Comment") != comment)
    for summary in summaries:
        distribution, etag = get_distribution(client, summary["Id"])
        if distribution and distribution["DistributionConfig"]["CallerReference"] == caller_reference:
            return distribution, etag
    return None, None


@CloudFrontErrorHandler.list_error_handler("list tags for resource", {})
def list_tags(client, arn):
    response = client.list_tags_for_resource(aws_retry=True, Resource=arn)
    return boto3_tag_list_to_ansible_dict(response.get("Tags", {}).get("Items") or [])


@CloudFrontErrorHandler.common_error_handler("tag resource")
def tag_resource(client, arn, tags):
    client.tag_resource(aws_retry=True, Resource=arn, Tags={"Items": ansible_dict_to_boto3_tag_list(tags)})


@CloudFrontErrorHandler.common_error_handler("untag resource")
def untag_resource(client, arn, keys):
    client.untag_resource(aws_retry=True, Resource=arn, TagKeys={"Items": list(keys)})


def create_distribution(client, config, tags):
    """(Distribution, ETag) of a new distribution; with tags, created with them in one call."""
    if tags:
        request = {"DistributionConfig": config, "Tags": {"Items": ansible_dict_to_boto3_tag_list(tags)}}
        return create_resource(
            client, "create_distribution_with_tags", "Distribution", DistributionConfigWithTags=request
        )
    return create_resource(client, "create_distribution", "Distribution", DistributionConfig=config)


def update_distribution(client, distribution_id, config, etag):
    """(Distribution, new ETag) after sending the whole config with IfMatch=etag."""
    return update_with_etag(
        client, "update_distribution", "Distribution", etag, Id=distribution_id, DistributionConfig=config
    )


def delete_distribution(client, distribution_id, etag):
    advice = (
        f"CloudFront distribution {distribution_id} can't be deleted before it is disabled and deployed; run again"
        " once its status is Deployed."
    )
    return delete_with_etag(
        client,
        "delete_distribution",
        etag,
        in_use_code="DistributionNotDisabled",
        in_use_advice=advice,
        Id=distribution_id,
    )


def wait_deployed(client, distribution_id, timeout):
    """Wait (botocore's distribution_deployed waiter) until the distribution's status is Deployed."""
    wait_or_fail(
        client.get_waiter("distribution_deployed"),
        timeout,
        POLL_DELAY_SECONDS,
        f"CloudFront distribution {distribution_id} to be Deployed",
        lambda response: (response.get("Distribution") or {}).get("Status", "unknown"),
        AnsibleCloudFrontError,
        Id=distribution_id,
    )


def distribution_result(distribution, etag=None, tags=None):
    """A distribution (boto3's shape) as the returned dict: id, arn, domain_name, status, e_tag,
    last_modified_time, distribution_config (snake_case), tags."""
    result = to_ansible({key: value for key, value in distribution.items() if key != "Tags"})
    if etag is not None:
        result["e_tag"] = etag
    result["tags"] = dict(tags or {})
    return result
