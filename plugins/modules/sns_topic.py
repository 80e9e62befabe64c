#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: sns_topic
version_added: 0.7.0
short_description: Manage standard SNS topics, their encryption, policy, subscriptions and tags
description:
  - Create, update and delete Amazon SNS standard topics, with server-side encryption (O(kms_master_key_id)),
    an access policy, a delivery policy, subscriptions and tags.
  - The topic is found by its ARN, built from O(name), the Region and the account (O(account_id), or STS
    C(GetCallerIdentity)), with one C(GetTopicAttributes); a topic that needs no change costs that call,
    C(ListSubscriptionsByTopic) and C(ListTagsForResource).
  - Settings are compared with what SNS returns and written only when they differ; O(policy) is compared as
    IAM policies are (statement and value order ignored). On an existing topic, an option left unset keeps the
    topic's current value.
  - Subscriptions are matched on their protocol and endpoint. An email or HTTP/S subscription waits for its
    endpoint owner to confirm it; until then SNS gives it no ARN, so the module never removes nor reads it and
    reports it in RV(pending_confirmation) instead.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the topic, 1 to 256 letters, digits, hyphens and underscores.
      - FIFO topics (names ending in C(.fifo)) are not managed by this module.
    type: str
    required: true
    aliases: ["topic_name"]
  state:
    description:
      - Whether the topic should exist. Deleting a topic deletes its subscriptions.
    type: str
    choices: ["present", "absent"]
    default: present
  account_id:
    description:
      - The account the topic is in, to build its ARN without calling STS C(GetCallerIdentity).
      - Without it, the module calls C(GetCallerIdentity) once.
    type: str
  display_name:
    description:
      - The display name of the topic, used as the sender name of email and SMS messages.
      - V("") removes it.
    type: str
  kms_master_key_id:
    description:
      - The KMS key that encrypts the topic's messages at rest, as a key id, an alias (V(alias/aws/sns) for the
        AWS managed key) or an ARN.
      - It is compared as given with what SNS returns, which is what was set; give it the same way on every run.
      - V("") turns encryption off.
      - Services that publish to an encrypted topic (CloudWatch alarms) need C(kms:Decrypt) and
        C(kms:GenerateDataKey*) on a customer managed key in its key policy; the AWS managed key does not allow
        them.
    type: str
  policy:
    description:
      - The access policy of the topic, as a dict or a JSON document.
      - Unset leaves the current policy alone; a new topic then gets the default SNS gives it (the account only).
    type: json
  delivery_policy:
    description:
      - The delivery policy of the topic (HTTP/S retries), as a dict or a JSON document; compared parsed.
    type: json
  subscriptions:
    description:
      - The subscriptions of the topic, each matched on O(subscriptions[].protocol) and
        O(subscriptions[].endpoint).
      - Unset leaves the subscriptions alone.
    type: list
    elements: dict
    suboptions:
      protocol:
        description:
          - The protocol of the endpoint.
        type: str
        required: true
        choices: ["email", "email-json", "https", "http", "sqs", "lambda"]
      endpoint:
        description:
          - An email address for V(email) and V(email-json), an C(https://) URL for V(https) (C(http://) is
            accepted only with V(http)), the ARN of a queue for V(sqs) or of a function for V(lambda).
        type: str
        required: true
      attributes:
        description:
          - Subscription attributes, as C(SetSubscriptionAttributes) names them (C(RawMessageDelivery),
            C(FilterPolicy), C(FilterPolicyScope), C(DeliveryPolicy) and C(RedrivePolicy)), policies as dicts
            or JSON.
          - They are sent with C(Subscribe) to a new subscription, and compared (only those given) with those
            of a confirmed one; a subscription waiting for confirmation can not be read, and keeps those it was
            created with.
        type: dict
  purge_subscriptions:
    description:
      - Whether confirmed subscriptions missing from O(subscriptions) are removed.
      - Subscriptions waiting for confirmation are never removed; SNS deletes them itself when they stay
        unconfirmed.
    type: bool
    default: true
notes:
  - This module replaces M(community.aws.sns_topic). In community.aws 10.0.0 that module has no option for
    server-side encryption, fails in check mode when the topic does not exist yet, and reads the topic with 11
    calls when nothing changes.
  - FIFO topics are out of scope.
  - SNS creates, changes and deletes topics synchronously, so the module has nothing to wait for.
  - Needs C(sns:GetTopicAttributes), C(sns:ListSubscriptionsByTopic), C(sns:ListTagsForResource) and, without
    O(account_id), C(sts:GetCallerIdentity); to change things, C(sns:CreateTopic), C(sns:SetTopicAttributes),
    C(sns:Subscribe), C(sns:Unsubscribe), C(sns:GetSubscriptionAttributes), C(sns:SetSubscriptionAttributes),
    C(sns:TagResource), C(sns:UntagResource) and C(sns:DeleteTopic).
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the alerts topic, encrypted, that CloudWatch alarms publish to
  appstack.aws.sns_topic:
    name: shop-prod-alerts
    display_name: shop prod alerts
    kms_master_key_id: alias/shop-prod-alerts
    policy:
      Version: "2012-10-17"
      Statement:
        - Sid: AllowCloudWatchAlarms
          Effect: Allow
          Principal: {Service: cloudwatch.amazonaws.com}
          Action: sns:Publish
          Resource: arn:aws:sns:us-east-1:123456789012:shop-prod-alerts
          Condition:
            StringEquals: {"aws:SourceAccount": "123456789012"}
    subscriptions:
      - protocol: email
        endpoint: ops@example.com
      - protocol: https
        endpoint: https://events.pagerduty.com/integration/0123456789abcdef/enqueue
    tags:
      Environment: prod
  # alerts_topic.pending_confirmation lists the endpoints that must still confirm the subscription SNS sent.
  register: alerts_topic

- name: Delete a topic and its subscriptions
  appstack.aws.sns_topic:
    name: shop-dev-alerts
    state: absent
"""

RETURN = r"""
topic:
  description:
    - The topic. In check mode, the topic as it would be; values only SNS gives (the owner, the ARNs of new
      subscriptions, the policy of a new topic created without O(policy)) are then missing.
  returned: when O(state=present)
  type: dict
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
      sample: {"http": {"defaultHealthyRetryPolicy": {"numRetries": 3}}}
    effective_delivery_policy:
      description: The delivery policy SNS applies, defaults included.
      returned: when the topic exists
      type: dict
      sample: {"http": {"defaultHealthyRetryPolicy": {"numRetries": 3}}}
    owner:
      description: The account that owns the topic.
      returned: when the topic exists
      type: str
      sample: "123456789012"
    subscriptions_confirmed:
      description: The number of confirmed subscriptions, as SNS counts them.
      returned: when the topic exists
      type: int
      sample: 1
    subscriptions_pending:
      description: The number of subscriptions waiting for confirmation, as SNS counts them.
      returned: when the topic exists
      type: int
      sample: 2
    subscriptions:
      description: The subscriptions of the topic, sorted by protocol and endpoint.
      returned: always
      type: list
      elements: dict
      contains:
        protocol:
          description: The protocol.
          type: str
          sample: email
        endpoint:
          description: The endpoint.
          type: str
          sample: ops@example.com
        subscription_arn:
          description: The ARN of a confirmed subscription; null while it waits for confirmation.
          type: str
          sample: arn:aws:sns:us-east-1:123456789012:shop-prod-alerts:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
        pending_confirmation:
          description: Whether the subscription waits for its endpoint owner's confirmation.
          type: bool
          sample: true
    tags:
      description: The tags of the topic.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
pending_confirmation:
  description:
    - The subscriptions waiting for their endpoint owner's confirmation (an email to click, an HTTP/S endpoint
      to answer), wanted or not.
  returned: when O(state=present)
  type: list
  elements: dict
  sample: [{"protocol": "email", "endpoint": "ops@example.com"}]
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.sns import (
    AnsibleSNSError,
    caller_account,
    create_topic,
    delete_topic,
    get_subscription_attributes,
    get_topic,
    set_subscription_attribute,
    set_topic_attribute,
    subscribe,
    tag_topic,
    unsubscribe,
    untag_topic,
)
from ansible_collections.appstack.aws.plugins.module_utils.sns_topic_plan import (
    PROTOCOLS,
    create_attributes,
    desired_settings,
    diff_view,
    expected_subscriptions,
    partition_of_region,
    pending_confirmation,
    plan_subscriptions,
    predicted_subscription_arn,
    setting_to_api,
    settings_differences,
    subscription_attribute_changes,
    subscription_attributes_to_api,
    subscription_key,
    topic_arn,
    topic_settings,
    topic_to_result,
    validate,
)
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags


def ensure_subscriptions(client, arn, current, params, check_mode):
    """Bring the topic's subscriptions to what params ask for; returns (changed, the subscriptions as listed)."""
    plan = plan_subscriptions(current, params["subscriptions"], params["purge_subscriptions"])
    changed = bool(plan.to_subscribe or plan.to_unsubscribe)
    subscribed = {}
    for wanted in plan.to_subscribe:
        key = subscription_key(wanted)
        if check_mode:
            subscribed[key] = predicted_subscription_arn(wanted["protocol"])
        else:
            attributes = subscription_attributes_to_api(wanted.get("attributes"))
            subscribed[key] = subscribe(client, arn, wanted["protocol"], wanted["endpoint"], attributes)
    for listed in plan.to_unsubscribe:
        if not check_mode:
            unsubscribe(client, listed["SubscriptionArn"])
    for listed, wanted in plan.to_check:
        current_attributes = get_subscription_attributes(client, listed["SubscriptionArn"])
        changes = subscription_attribute_changes(current_attributes, wanted["attributes"])
        changed = changed or bool(changes)
        # The scope first: SNS checks a filter policy against the scope the subscription has.
        for name in sorted(changes, key=lambda name: name != "FilterPolicyScope"):
            if not check_mode:
                set_subscription_attribute(client, listed["SubscriptionArn"], name, changes[name])
    return changed, expected_subscriptions(current, plan, subscribed)


def ensure_present(client, arn, current, params, check_mode):
    """Bring the topic to what params ask for.

    :param current: (GetTopicAttributes Attributes or None, subscriptions as listed, tags)
    :return: (changed, (settings, subscriptions, tags) as they are expected to be)
    """
    attributes, current_subscriptions, current_tags = current
    settings = desired_settings(topic_settings(attributes), params)
    if attributes is None:
        tags = plan_tags({}, params["tags"], True).result
        if not check_mode:
            create_topic(client, params["name"], create_attributes(settings), tags)
        _, subscriptions = ensure_subscriptions(client, arn, [], params, check_mode)
        return True, (settings, subscriptions, tags)

    differences = settings_differences(topic_settings(attributes), settings)
    for key in differences:
        if not check_mode:
            set_topic_attribute(client, arn, key, setting_to_api(key, settings[key]))
    subscriptions_changed, subscriptions = ensure_subscriptions(client, arn, current_subscriptions, params, check_mode)
    tags_changed, tagged = ensure_tags(
        {"tags": current_tags},
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(tag_topic, client, arn),
        untag=partial(untag_topic, client, arn),
    )
    changed = bool(differences) or subscriptions_changed or tags_changed
    return changed, (settings, subscriptions, tagged["tags"])


def ensure_absent(client, arn, current, check_mode):
    """Delete the topic (and so its subscriptions); returns (changed, None)."""
    if current[0] is None:
        return False, None
    if not check_mode:
        delete_topic(client, arn)
    return True, None


def resolve_arn(module, params):
    """The topic's ARN, from account_id or from STS GetCallerIdentity."""
    region = module.region
    if params["account_id"]:
        return topic_arn(partition_of_region(region), region, params["account_id"], params["name"])
    partition, account_id = caller_account(module.client("sts", retry_decorator=AWSRetry.jittered_backoff()))
    return topic_arn(partition, region, account_id, params["name"])


def main():
    subscription_spec = dict(
        protocol=dict(type="str", required=True, choices=PROTOCOLS),
        endpoint=dict(type="str", required=True),
        attributes=dict(type="dict"),
    )
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["topic_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        account_id=dict(type="str"),
        display_name=dict(type="str"),
        kms_master_key_id=dict(type="str", no_log=False),
        policy=dict(type="json"),
        delivery_policy=dict(type="json"),
        subscriptions=dict(type="list", elements="dict", options=subscription_spec),
        purge_subscriptions=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))

    result = {}
    try:
        arn = resolve_arn(module, params)
        client = module.client("sns", retry_decorator=AWSRetry.jittered_backoff())
        current = get_topic(client, arn)
        before = diff_view(topic_settings(current[0]), current[1], current[2])
        if params["state"] == "absent":
            changed, _ = ensure_absent(client, arn, current, module.check_mode)
            after = {}
        else:
            changed, (settings, subscriptions, tags) = ensure_present(client, arn, current, params, module.check_mode)
            after = diff_view(settings, subscriptions, tags)
            attributes = current[0]
            if not changed:
                settings = topic_settings(attributes)
            elif not module.check_mode:
                attributes, subscriptions, tags = get_topic(client, arn)
                settings = topic_settings(attributes) if attributes else settings
            result["topic"] = topic_to_result(arn, settings, subscriptions, tags, attributes)
            result["pending_confirmation"] = pending_confirmation(subscriptions)
    except AnsibleSNSError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": before, "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
