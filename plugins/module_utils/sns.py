# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""SNS topic helpers shared by appstack.aws.sns_topic and its _info twin.

Every API helper expects a client created with ``module.client("sns", retry_decorator=AWSRetry.jittered_backoff())``
(``"sts"`` for caller_account) and raises AnsibleSNSError, which a module turns into a failure with
``fail_json_aws_error``.  A topic is found by its ARN (GetTopicAttributes), never by listing every topic.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)


class AnsibleSNSError(AnsibleAWSError):
    pass


class SNSErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleSNSError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["NotFound", "ResourceNotFound"])


@SNSErrorHandler.common_error_handler("get caller identity")
def caller_account(client):
    """(partition, account id) of the caller, from STS GetCallerIdentity."""
    identity = client.get_caller_identity(aws_retry=True)
    return identity["Arn"].split(":")[1], identity["Account"]


@SNSErrorHandler.list_error_handler("get topic attributes", None)
def get_topic_attributes(client, arn):
    """The topic's GetTopicAttributes Attributes, None when there is no such topic."""
    return client.get_topic_attributes(TopicArn=arn, aws_retry=True)["Attributes"]


@SNSErrorHandler.list_error_handler("list subscriptions by topic", [])
@AWSRetry.jittered_backoff()
def list_subscriptions(client, arn):
    paginator = client.get_paginator("list_subscriptions_by_topic")
    return paginator.paginate(TopicArn=arn).build_full_result().get("Subscriptions", [])


@SNSErrorHandler.list_error_handler("list topic tags", {})
def list_topic_tags(client, arn):
    return boto3_tag_list_to_ansible_dict(client.list_tags_for_resource(ResourceArn=arn, aws_retry=True)["Tags"])


@SNSErrorHandler.list_error_handler("list topics", [])
@AWSRetry.jittered_backoff()
def list_topic_arns(client):
    paginator = client.get_paginator("list_topics")
    return [topic["TopicArn"] for topic in paginator.paginate().build_full_result().get("Topics", [])]


def get_topic(client, arn):
    """(attributes, subscriptions, tags) of the topic, or (None, [], {}) when there is none."""
    attributes = get_topic_attributes(client, arn)
    if attributes is None:
        return None, [], {}
    return attributes, list_subscriptions(client, arn), list_topic_tags(client, arn)


def _tag_list(tags):
    return ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})


@SNSErrorHandler.common_error_handler("create topic")
def create_topic(client, name, attributes, tags):
    params = {"Name": name}
    if attributes:
        params["Attributes"] = attributes
    if tags:
        params["Tags"] = _tag_list(tags)
    return client.create_topic(aws_retry=True, **params)["TopicArn"]


@SNSErrorHandler.common_error_handler("set topic attributes")
def set_topic_attribute(client, arn, name, value):
    client.set_topic_attributes(TopicArn=arn, AttributeName=name, AttributeValue=value, aws_retry=True)
    return True


@SNSErrorHandler.deletion_error_handler("delete topic")
def delete_topic(client, arn):
    client.delete_topic(TopicArn=arn, aws_retry=True)
    return True


@SNSErrorHandler.common_error_handler("subscribe")
def subscribe(client, arn, protocol, endpoint, attributes):
    """Subscribe an endpoint; returns the SubscriptionArn SNS answers ("pending confirmation" while pending)."""
    params = {"TopicArn": arn, "Protocol": protocol, "Endpoint": endpoint}
    if attributes:
        params["Attributes"] = attributes
    return client.subscribe(aws_retry=True, **params)["SubscriptionArn"]


@SNSErrorHandler.deletion_error_handler("unsubscribe")
def unsubscribe(client, subscription_arn):
    client.unsubscribe(SubscriptionArn=subscription_arn, aws_retry=True)
    return True


@SNSErrorHandler.common_error_handler("get subscription attributes")
def get_subscription_attributes(client, subscription_arn):
    return client.get_subscription_attributes(SubscriptionArn=subscription_arn, aws_retry=True)["Attributes"]


@SNSErrorHandler.common_error_handler("set subscription attributes")
def set_subscription_attribute(client, subscription_arn, name, value):
    client.set_subscription_attributes(
        SubscriptionArn=subscription_arn, AttributeName=name, AttributeValue=value, aws_retry=True
    )
    return True


@SNSErrorHandler.common_error_handler("tag topic")
def tag_topic(client, arn, tags):
    client.tag_resource(ResourceArn=arn, Tags=_tag_list(tags), aws_retry=True)
    return True


@SNSErrorHandler.common_error_handler("untag topic")
def untag_topic(client, arn, tag_keys):
    client.untag_resource(ResourceArn=arn, TagKeys=list(tag_keys), aws_retry=True)
    return True
