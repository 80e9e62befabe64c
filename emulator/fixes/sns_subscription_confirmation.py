"""SNS: subscriptions that wait for their endpoint's confirmation, as AWS has them.

AWS (https://docs.aws.amazon.com/sns/latest/api/):

* ``Subscribe``: "If the endpoint type is HTTP/S or email, or if the endpoint and the topic are not in the same
  Amazon Web Services account, the endpoint owner must run the ``ConfirmSubscription`` action to confirm the
  subscription." Until then ``Subscribe`` answers ``SubscriptionArn`` ``pending confirmation``, unless
  ``ReturnSubscriptionArn`` is true: then it returns "the pending subscription ARN value for subscriptions that
  aren't yet confirmed" (API_Subscribe.html). Subscribing an endpoint already subscribed creates nothing new.
* ``ListSubscriptionsByTopic`` and ``ListSubscriptions`` give a subscription that is not confirmed the
  ``SubscriptionArn`` ``PendingConfirmation`` (API_Subscription.html; the SNS developer guide,
  sns-create-subscribe-endpoint-to-topic.html), so its ARN can't be read there.
* ``GetSubscriptionAttributes``: ``PendingConfirmation`` is ``true`` "if the subscription hasn't been confirmed"
  and ``ConfirmationWasAuthenticated`` ``true`` if it was confirmed with authentication
  (API_GetSubscriptionAttributes.html).
* ``ConfirmSubscription`` "verifies an endpoint owner's intent to receive messages by validating the token sent
  to the endpoint by an earlier ``Subscribe`` action" and returns the subscription's ARN; a token that matches
  no subscription of the topic fails with ``InvalidParameter`` (API_ConfirmSubscription.html).
* ``GetTopicAttributes`` ``SubscriptionsPending`` and ``SubscriptionsConfirmed`` count the topic's subscriptions
  "pending confirmation" and "confirmed" (API_GetTopicAttributes.html).
* A message published to a topic is delivered to confirmed subscriptions only.

Moto 5.2.5 confirms every subscription at once with its real ARN, and its ``ConfirmSubscription`` accepts any
token and returns an ARN that names no subscription: appstack.aws ``sns_topic`` could never show (nor be tested
on) the email subscriptions a user has yet to confirm, which it must neither unsubscribe nor read.

The emulator has no mailbox and posts nothing to HTTP/S endpoints, so the token AWS would send to the endpoint
is kept with the subscription and read through the control API instead
(``GET /_appstack/sns/confirmation-tokens``: one entry per pending subscription, with its topic, protocol,
endpoint and token); ``ConfirmSubscription`` with that token confirms it, any other token fails as on AWS.
"""

from __future__ import annotations

import secrets
from typing import Any

from moto.core.responses import ActionResult
from moto.sns.exceptions import SNSInvalidParameter
from moto.sns.models import SNSBackend, Subscription, sns_backends
from moto.sns.responses import SNSResponse

# Protocols whose endpoint owner always confirms (API_Subscribe.html); others only across accounts.
CONFIRMED_BY_ENDPOINT = ("http", "https", "email", "email-json")
# Protocols whose endpoint is an ARN, confirmed at once when it is in the topic's account.
ARN_ENDPOINTS = ("sqs", "lambda", "firehose", "application")
# What AWS puts in SubscriptionArn for a subscription yet to be confirmed.
SUBSCRIBE_PENDING = "pending confirmation"
LISTED_PENDING = "PendingConfirmation"

_original_subscribe = SNSBackend.subscribe
_original_publish = Subscription.publish
_original_get_topic_attributes = SNSResponse.get_topic_attributes
_original_subscribe_response = SNSResponse.subscribe


def needs_confirmation(topic_account: str, protocol: str, endpoint: str) -> bool:
    """Whether a new subscription of this protocol and endpoint waits for the endpoint owner's confirmation."""
    if protocol in CONFIRMED_BY_ENDPOINT:
        return True
    if protocol in ARN_ENDPOINTS and endpoint.startswith("arn:"):
        parts = endpoint.split(":")
        return len(parts) > 4 and parts[4] not in ("", topic_account)
    return False


def is_pending(subscription: Subscription) -> bool:
    return bool(subscription.__dict__.get("_appstack_token"))


def _set_pending(subscription: Subscription, pending: bool) -> None:
    subscription.__dict__["_appstack_token"] = secrets.token_hex(64) if pending else None
    subscription.confirmed = not pending
    subscription.attributes["PendingConfirmation"] = pending
    subscription.attributes["ConfirmationWasAuthenticated"] = not pending


def subscribe(self: SNSBackend, topic_arn: str, endpoint: str, protocol: str) -> Subscription:
    known = set(self.subscriptions)
    subscription = _original_subscribe(self, topic_arn, endpoint, protocol)
    if subscription.arn not in known:
        _set_pending(subscription, needs_confirmation(subscription.topic.account_id, protocol, endpoint))
    return subscription


def subscribe_response(self: SNSResponse) -> Any:
    result = _original_subscribe_response(self)
    arn = result.result["SubscriptionArn"]
    subscription = self.backend.subscriptions.get(arn)
    return_arn = str(self._get_param("ReturnSubscriptionArn", False)).lower() == "true"
    if subscription is not None and is_pending(subscription) and not return_arn:
        return ActionResult({"SubscriptionArn": SUBSCRIBE_PENDING})
    return result


def listed(subscription: Subscription) -> dict[str, str]:
    """A subscription as ListSubscriptions and ListSubscriptionsByTopic show it."""
    return {
        "SubscriptionArn": LISTED_PENDING if is_pending(subscription) else subscription.arn,
        "Owner": subscription.owner,
        "Protocol": subscription.protocol,
        "Endpoint": subscription.endpoint,
        "TopicArn": subscription.topic.arn,
    }


def list_subscriptions(self: SNSResponse) -> ActionResult:
    subscriptions, next_token = self.backend.list_subscriptions(next_token=self._get_param("NextToken"))
    return ActionResult({"Subscriptions": [listed(sub) for sub in subscriptions], "NextToken": next_token})


def list_subscriptions_by_topic(self: SNSResponse) -> ActionResult:
    subscriptions, next_token = self.backend.list_subscriptions_by_topic(
        self._get_param("TopicArn"), next_token=self._get_param("NextToken")
    )
    return ActionResult({"Subscriptions": [listed(sub) for sub in subscriptions], "NextToken": next_token})


def confirm_subscription(self: SNSResponse) -> ActionResult:
    topic = self.backend.get_topic(self._get_param("TopicArn"))  # NotFound for a missing topic
    token = self._get_param("Token") or ""
    for subscription in self.backend.subscriptions.values():
        if subscription.topic is topic and token and subscription.__dict__.get("_appstack_token") == token:
            _set_pending(subscription, False)
            return ActionResult({"SubscriptionArn": subscription.arn})
    raise SNSInvalidParameter("Invalid token")


def get_topic_attributes(self: SNSResponse) -> Any:
    result = _original_get_topic_attributes(self)
    topic = self.backend.get_topic(self._get_param("TopicArn"))
    subscriptions = [sub for sub in self.backend.subscriptions.values() if sub.topic is topic]
    pending = sum(1 for sub in subscriptions if is_pending(sub))
    result.result["Attributes"]["SubscriptionsPending"] = pending
    result.result["Attributes"]["SubscriptionsConfirmed"] = len(subscriptions) - pending
    return result


def publish(self: Subscription, *args: Any, **kwargs: Any) -> None:
    if is_pending(self):
        return None
    return _original_publish(self, *args, **kwargs)


def pending_confirmations() -> list[dict[str, str]]:
    """Every subscription waiting for confirmation, in every account and Region, with the token AWS would send
    its endpoint: what ``GET /_appstack/sns/confirmation-tokens`` answers."""
    pending = []
    for account_id, regions in list(sns_backends.items()):
        for region, backend in list(regions.items()):
            for subscription in backend.subscriptions.values():
                if is_pending(subscription):
                    pending.append(
                        {
                            "account_id": account_id,
                            "region": region,
                            "topic_arn": subscription.topic.arn,
                            "protocol": subscription.protocol,
                            "endpoint": subscription.endpoint,
                            "token": subscription.__dict__["_appstack_token"],
                        }
                    )
    return pending


def apply() -> None:
    SNSBackend.subscribe = subscribe
    Subscription.publish = publish
    SNSResponse.subscribe = subscribe_response
    SNSResponse.list_subscriptions = list_subscriptions
    SNSResponse.list_subscriptions_by_topic = list_subscriptions_by_topic
    SNSResponse.confirm_subscription = confirm_subscription
    SNSResponse.get_topic_attributes = get_topic_attributes
