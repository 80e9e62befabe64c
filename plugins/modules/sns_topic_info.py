#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: sns_topic_info
version_added: 0.7.0
short_description: Read SNS topics with their subscriptions and tags
description:
  - Read Amazon SNS topics, with their settings, subscriptions (those waiting for confirmation included) and
    tags, shaped as M(appstack.aws.sns_topic) returns them.
  - With O(name), the topic is read by its ARN (built from the account, O(account_id) or STS
    C(GetCallerIdentity)); without it, every topic of the Region is listed and read.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the topic to read. Without it, every topic is read.
    type: str
    aliases: ["topic_name"]
  account_id:
    description:
      - The account the topic is in, to build its ARN without calling STS C(GetCallerIdentity).
      - Used only with O(name).
    type: str
notes:
  - Needs C(sns:GetTopicAttributes), C(sns:ListSubscriptionsByTopic), C(sns:ListTagsForResource), and
    C(sns:ListTopics) without O(name) or C(sts:GetCallerIdentity) with O(name) but without O(account_id).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the alerts topic
  appstack.aws.sns_topic_info:
    name: shop-prod-alerts
  register: alerts_topic

- name: Read every topic of the Region
  appstack.aws.sns_topic_info:
  register: all_topics
"""

RETURN = r"""
topics:
  description:
    - The topics read, sorted by ARN; empty when O(name) names no topic.
    - Each is shaped as RV(appstack.aws.sns_topic#module:topic).
  returned: always
  type: list
  elements: dict
  contains:
    topic_arn:
      description: The ARN of the topic.
      returned: always
      type: str
      sample: arn:aws:sns:us-east-1:123456789012:shop-prod-alerts
    name:
      description: The name of the topic.
      returned: always
      type: str
      sample: shop-prod-alerts
    display_name:
      description: The display name of the topic (empty when unset).
      returned: always
      type: str
      sample: shop prod alerts
    kms_master_key_id:
      description: The KMS key that encrypts the topic, as it was set; null when the topic is not encrypted.
      returned: always
      type: str
      sample: alias/shop-prod-alerts
    policy:
      description: The access policy of the topic.
      returned: always
      type: dict
      sample: {"Version": "2012-10-17", "Statement": []}
    delivery_policy:
      description: The delivery policy of the topic; null when unset.
      returned: always
      type: dict
      sample: null
    owner:
      description: The account that owns the topic.
      returned: always
      type: str
      sample: "123456789012"
    subscriptions:
      description:
        - The subscriptions, each with C(protocol), C(endpoint), C(subscription_arn) (null while pending) and
          C(pending_confirmation).
      returned: always
      type: list
      elements: dict
      sample: [{"protocol": "email", "endpoint": "ops@example.com", "subscription_arn": null,
                "pending_confirmation": true}]
    tags:
      description: The tags of the topic.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.sns import (
    AnsibleSNSError,
    caller_account,
    get_topic,
    list_topic_arns,
)
from ansible_collections.appstack.aws.plugins.module_utils.sns_topic_plan import (
    partition_of_region,
    topic_arn,
    topic_settings,
    topic_to_result,
    validate,
)


def read_topics(client, arns):
    """The topics with these ARNs that exist, as the module returns them, sorted by ARN."""
    topics = []
    for arn in sorted(arns):
        attributes, subscriptions, tags = get_topic(client, arn)
        if attributes is not None:
            topics.append(topic_to_result(arn, topic_settings(attributes), subscriptions, tags, attributes))
    return topics


def main():
    argument_spec = dict(
        name=dict(type="str", aliases=["topic_name"]),
        account_id=dict(type="str"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    if params["name"] is not None:
        module.fail_on_invalid(validate({**params, "state": "absent"}))
    try:
        client = module.client("sns", retry_decorator=AWSRetry.jittered_backoff())
        if params["name"] is None:
            arns = list_topic_arns(client)
        elif params["account_id"]:
            region = module.region
            arns = [topic_arn(partition_of_region(region), region, params["account_id"], params["name"])]
        else:
            partition, account_id = caller_account(module.client("sts", retry_decorator=AWSRetry.jittered_backoff()))
            arns = [topic_arn(partition, module.region, account_id, params["name"])]
        topics = read_topics(client, arns)
    except AnsibleSNSError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, topics=topics)


if __name__ == "__main__":
    main()
