# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.sns_topic, as pure functions: the options checked, the topic's ARN, its settings
as GetTopicAttributes spells them, their comparison, and the plan for its subscriptions.

A topic's settings are compared as SNS returns them: DisplayName and KmsMasterKeyId as they were set (SNS
returns the key id, alias or ARN it was given), Policy as amazon.aws compares IAM policies (parsed, statement
and value order ignored), DeliveryPolicy parsed.  An option left unset (None) keeps the current value.

Subscriptions are matched on (protocol, endpoint).  One that waits for its endpoint owner's confirmation has
no ARN to act on (ListSubscriptionsByTopic shows ``PendingConfirmation``), so it is never unsubscribed nor
read: it is reported, so that the user can be told to confirm it.

It imports nothing of botocore.
"""

import json
import re
from collections import namedtuple
from copy import deepcopy
from urllib.parse import urlparse

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies

# CreateTopic Name: "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers,
# underscores, and hyphens, and must be between 1 and 256 characters long" (FIFO topics, out of scope, end
# with .fifo).
TOPIC_NAME = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
ACCOUNT_ID = re.compile(r"^\d{12}$")
# An address SNS can send a confirmation to: one @, no spaces, a dot in the domain.
EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PROTOCOLS = ["email", "email-json", "https", "http", "sqs", "lambda"]
# Protocols whose endpoint is an ARN of this service.
ARN_PROTOCOLS = {"sqs": "sqs", "lambda": "lambda"}
# Subscribe Attributes (API_SetSubscriptionAttributes.html) this module manages; SubscriptionRoleArn is for
# Firehose endpoints, out of scope.
SUBSCRIPTION_ATTRIBUTES = ["DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy"]
JSON_SUBSCRIPTION_ATTRIBUTES = ("DeliveryPolicy", "FilterPolicy", "RedrivePolicy")
# RawMessageDelivery applies to these protocols only (API_SetSubscriptionAttributes.html).
RAW_MESSAGE_DELIVERY_PROTOCOLS = ("http", "https", "sqs")
# What SNS puts in SubscriptionArn for a subscription yet to be confirmed: ListSubscriptionsByTopic says
# PendingConfirmation, Subscribe says "pending confirmation".
PENDING_ARNS = ("pendingconfirmation", "pending confirmation")

# Option of sns_topic -> topic attribute (GetTopicAttributes, SetTopicAttributes, CreateTopic Attributes).
SETTINGS = {
    "display_name": "DisplayName",
    "kms_master_key_id": "KmsMasterKeyId",
    "policy": "Policy",
    "delivery_policy": "DeliveryPolicy",
}
JSON_SETTINGS = ("Policy", "DeliveryPolicy")

# How a topic's subscriptions must change.
# to_subscribe: the wanted subscriptions (option entries) to create;
# to_unsubscribe: the confirmed subscriptions (as listed) to remove;
# to_check: (listed subscription, option entry) pairs of confirmed subscriptions whose attributes were given;
# pending: the listed subscriptions waiting for confirmation (wanted or not).
SubscriptionPlan = namedtuple("SubscriptionPlan", ["to_subscribe", "to_unsubscribe", "to_check", "pending"])


def parse_json(value):
    """A JSON document given as text or already parsed, as Python data; None and "" are None."""
    if value is None or value == "":
        return None
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _json_problem(option, value):
    try:
        parsed = parse_json(value)
    except ValueError as e:
        return [f"{option} must be a JSON object: {e}."]
    if parsed is not None and not isinstance(parsed, dict):
        return [f"{option} must be a JSON object, not {type(parsed).__name__}."]
    return []


def _endpoint_problems(option, protocol, endpoint):
    if not endpoint:
        return [f"{option}.endpoint is required."]
    if protocol in ("email", "email-json"):
        if not EMAIL_ADDRESS.match(endpoint):
            return [f"{option}.endpoint must be an email address (name@domain.tld) for {protocol}, not {endpoint!r}."]
        return []
    if protocol in ("http", "https"):
        url = urlparse(endpoint)
        if url.scheme != protocol or not url.netloc:
            if protocol == "https" and url.scheme == "http":
                return [
                    f"{option}.endpoint must be an https:// URL for https, not {endpoint!r}; a plain http endpoint"
                    " needs protocol http (messages then travel unencrypted)."
                ]
            return [f"{option}.endpoint must be an {protocol}:// URL for {protocol}, not {endpoint!r}."]
        return []
    service = ARN_PROTOCOLS[protocol]
    parts = endpoint.split(":")
    if len(parts) < 6 or parts[0] != "arn" or parts[2] != service:
        return [f"{option}.endpoint must be the ARN of the {service} resource for {protocol}, not {endpoint!r}."]
    return []


def _subscription_problems(index, subscription):
    option = f"subscriptions[{index}]"
    protocol, endpoint = subscription["protocol"], subscription["endpoint"]
    problems = _endpoint_problems(option, protocol, endpoint)
    for name, value in (subscription.get("attributes") or {}).items():
        if name not in SUBSCRIPTION_ATTRIBUTES:
            problems.append(
                f"{option}.attributes.{name} is not managed; use one of {', '.join(SUBSCRIPTION_ATTRIBUTES)}."
            )
        elif name == "RawMessageDelivery" and protocol not in RAW_MESSAGE_DELIVERY_PROTOCOLS:
            problems.append(
                f"{option}.attributes.RawMessageDelivery applies to {', '.join(RAW_MESSAGE_DELIVERY_PROTOCOLS)}"
                f" subscriptions only, not {protocol}."
            )
        elif name in JSON_SUBSCRIPTION_ATTRIBUTES:
            problems += _json_problem(f"{option}.attributes.{name}", value)
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    name = params["name"]
    if not TOPIC_NAME.match(name or ""):
        problems.append(
            "name must be 1 to 256 characters of letters, digits, hyphens and underscores"
            f" (FIFO topics are not managed by this module), not {name!r}."
        )
    account_id = params.get("account_id")
    if account_id is not None and not ACCOUNT_ID.match(account_id):
        problems.append(f"account_id must be the 12 digits of an AWS account id, not {account_id!r}.")
    if params["state"] == "absent":
        return problems
    for option in ("policy", "delivery_policy"):
        problems += _json_problem(option, params.get(option))
    subscriptions = params.get("subscriptions") or []
    for index, subscription in enumerate(subscriptions):
        problems += _subscription_problems(index, subscription)
    keys = [subscription_key(subscription) for subscription in subscriptions]
    duplicates = sorted(
        {f"{protocol} {endpoint}" for protocol, endpoint in keys if keys.count((protocol, endpoint)) > 1}
    )
    if duplicates:
        problems.append(f"subscriptions must be unique by protocol and endpoint; repeated: {', '.join(duplicates)}.")
    return problems


def partition_of_region(region):
    """The AWS partition of a Region name: aws-cn for China, aws-us-gov for GovCloud, else aws."""
    if (region or "").startswith("cn-"):
        return "aws-cn"
    if (region or "").startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def topic_arn(partition, region, account_id, name):
    return f"arn:{partition}:sns:{region}:{account_id}:{name}"


def topic_settings(attributes):
    """The managed settings of a topic from its GetTopicAttributes Attributes (None: no topic), JSON parsed;
    a setting the topic lacks is None."""
    if attributes is None:
        return None
    settings = {}
    for key in SETTINGS.values():
        value = attributes.get(key) or None
        settings[key] = parse_json(value) if key in JSON_SETTINGS else value
    return settings


def desired_settings(current, params):
    """The settings the topic must have: the current ones (topic_settings; None for a new topic) with the options
    the user set laid over them."""
    settings = deepcopy(current) if current else dict.fromkeys(SETTINGS.values())
    for option, key in SETTINGS.items():
        value = params.get(option)
        if value is not None:
            settings[key] = parse_json(value) if key in JSON_SETTINGS else (value or None)
    return settings


def _same_setting(key, current, desired):
    if key == "Policy" and current is not None and desired is not None:
        return not compare_policies(current, desired)
    return current == desired


def settings_differences(current, desired):
    """The topic attributes whose values differ between two settings dicts, sorted."""
    current = current or dict.fromkeys(SETTINGS.values())
    return sorted(key for key in SETTINGS.values() if not _same_setting(key, current.get(key), desired.get(key)))


def setting_to_api(key, value):
    """A setting as SetTopicAttributes and CreateTopic take it: text, JSON for policies, "" to clear."""
    if value is None:
        return ""
    if key in JSON_SETTINGS:
        return json.dumps(value, sort_keys=True)
    return str(value)


def create_attributes(settings):
    """The CreateTopic Attributes of a new topic with these settings (those set only)."""
    return {key: setting_to_api(key, value) for key, value in settings.items() if value is not None}


def subscription_key(subscription):
    """(protocol, endpoint) of an option entry or of a listed subscription."""
    if "Protocol" in subscription:
        return subscription["Protocol"], subscription["Endpoint"]
    return subscription["protocol"], subscription["endpoint"]


def is_pending(subscription_arn):
    """Whether a SubscriptionArn, as Subscribe or ListSubscriptionsByTopic give it, is a pending subscription."""
    return (subscription_arn or "").lower() in PENDING_ARNS


def is_confirmed(subscription_arn):
    """Whether a SubscriptionArn names a subscription one can act on (not pending, not being deleted)."""
    return (subscription_arn or "").startswith("arn:")


def plan_subscriptions(current, desired, purge):
    """How a topic's subscriptions must change.

    :param current: the subscriptions ListSubscriptionsByTopic gave (an empty list for a new topic)
    :param desired: the subscriptions option (None leaves the subscriptions alone)
    :param purge: whether confirmed subscriptions missing from desired are removed
    :return: a SubscriptionPlan
    """
    pending = [subscription for subscription in current if is_pending(subscription["SubscriptionArn"])]
    if desired is None:
        return SubscriptionPlan([], [], [], pending)
    listed = {subscription_key(subscription): subscription for subscription in current}
    wanted = {subscription_key(subscription): subscription for subscription in desired}
    to_subscribe = [subscription for key, subscription in wanted.items() if key not in listed]
    to_unsubscribe = []
    if purge:
        to_unsubscribe = [
            subscription
            for key, subscription in listed.items()
            if key not in wanted and is_confirmed(subscription["SubscriptionArn"])
        ]
    to_check = [
        (listed[key], subscription)
        for key, subscription in wanted.items()
        if key in listed and subscription.get("attributes") and is_confirmed(listed[key]["SubscriptionArn"])
    ]
    return SubscriptionPlan(to_subscribe, to_unsubscribe, to_check, pending)


def subscription_attribute_to_api(name, value):
    """A subscription attribute as SNS takes it: JSON text for the policies, "true"/"false", else text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in JSON_SUBSCRIPTION_ATTRIBUTES and not isinstance(value, str):
        return json.dumps(value, sort_keys=True)
    return str(value)


def subscription_attributes_to_api(attributes):
    return {name: subscription_attribute_to_api(name, value) for name, value in (attributes or {}).items()}


def _same_attribute(name, current, desired):
    if name in JSON_SUBSCRIPTION_ATTRIBUTES:
        try:
            return parse_json(current) == parse_json(desired)
        except ValueError:
            return current == desired
    if name == "RawMessageDelivery":
        return (current or "false").lower() == desired.lower()
    return current == desired


def subscription_attribute_changes(current, desired):
    """The subscription attributes to set, name -> API value, for the attributes asked that differ.

    :param current: GetSubscriptionAttributes Attributes of the subscription
    :param desired: the attributes of its option entry (only those given are compared)
    """
    wanted = subscription_attributes_to_api(desired)
    return {name: value for name, value in wanted.items() if not _same_attribute(name, current.get(name), value)}


def expected_subscriptions(current, plan, subscribed):
    """The topic's subscriptions after the plan, as ListSubscriptionsByTopic would list them.

    :param subscribed: {(protocol, endpoint): the SubscriptionArn Subscribe answered}, for the new subscriptions
        (in check mode: "pending confirmation" for the protocols that wait for it, None for the others)
    """
    removed = {subscription_key(subscription) for subscription in plan.to_unsubscribe}
    result = [deepcopy(subscription) for subscription in current if subscription_key(subscription) not in removed]
    for subscription in plan.to_subscribe:
        key = subscription_key(subscription)
        arn = subscribed.get(key)
        result.append(
            {
                "SubscriptionArn": "PendingConfirmation" if is_pending(arn) else arn,
                "Protocol": key[0],
                "Endpoint": key[1],
            }
        )
    return result


def predicted_subscription_arn(protocol):
    """What Subscribe is expected to answer for a new subscription, in check mode (same-account ARN endpoints are
    confirmed at once, with an ARN only SNS gives)."""
    return "pending confirmation" if protocol in ("email", "email-json", "http", "https") else None


def subscription_to_result(subscription):
    arn = subscription.get("SubscriptionArn")
    pending = is_pending(arn)
    return {
        "protocol": subscription["Protocol"],
        "endpoint": subscription["Endpoint"],
        "subscription_arn": None if pending else arn,
        "pending_confirmation": pending,
    }


def pending_confirmation(subscriptions):
    """The subscriptions waiting for confirmation, as {protocol, endpoint} dicts."""
    return [
        {"protocol": subscription["Protocol"], "endpoint": subscription["Endpoint"]}
        for subscription in subscriptions
        if is_pending(subscription.get("SubscriptionArn"))
    ]


def topic_to_result(arn, settings, subscriptions, tags, attributes=None):
    """A topic as the modules return it.

    :param settings: topic_settings (or desired_settings for a prediction)
    :param attributes: GetTopicAttributes Attributes, for the values only SNS gives (None for a prediction)
    """
    attributes = attributes or {}
    result = {
        "topic_arn": arn,
        "name": arn.rsplit(":", 1)[-1],
        "display_name": settings.get("DisplayName") or "",
        "kms_master_key_id": settings.get("KmsMasterKeyId"),
        "policy": settings.get("Policy"),
        "delivery_policy": settings.get("DeliveryPolicy"),
        "subscriptions": sorted(
            (subscription_to_result(subscription) for subscription in subscriptions),
            key=lambda subscription: (subscription["protocol"], subscription["endpoint"]),
        ),
        "tags": dict(tags or {}),
    }
    if "Owner" in attributes:
        result["owner"] = attributes["Owner"]
    if attributes.get("EffectiveDeliveryPolicy"):
        result["effective_delivery_policy"] = parse_json(attributes["EffectiveDeliveryPolicy"])
    for key, name in (
        ("SubscriptionsConfirmed", "subscriptions_confirmed"),
        ("SubscriptionsPending", "subscriptions_pending"),
    ):
        if key in attributes:
            result[name] = int(attributes[key])
    return result


def diff_view(settings, subscriptions, tags):
    """A topic's managed state as the diff shows it ({} when there is no topic)."""
    if settings is None:
        return {}
    return {
        "display_name": settings.get("DisplayName") or "",
        "kms_master_key_id": settings.get("KmsMasterKeyId"),
        "policy": settings.get("Policy"),
        "delivery_policy": settings.get("DeliveryPolicy"),
        "subscriptions": sorted(
            f"{protocol}:{endpoint}" for protocol, endpoint in map(subscription_key, subscriptions)
        ),
        "tags": dict(tags or {}),
    }
