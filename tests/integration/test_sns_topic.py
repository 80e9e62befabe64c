"""appstack.aws.sns_topic and sns_topic_info against the emulator.

One play manages the alerts topic the monitoring tier needs: encrypted with a customer managed KMS key, a
policy letting CloudWatch alarms of the account publish, two email subscriptions and an HTTPS one, tags. The
tests of the class run in order on one account (reset once): check mode on the empty account, the converge
(read back with boto3), a second run, check mode on the converged account, a confirmed subscription removed
while pending ones stay, a policy change, and the topic deleted. The emulator keeps email and HTTPS
subscriptions pending until ConfirmSubscription, as SNS does; its request log proves what check mode and a
second run promise: no mutating call.
"""

import json

import pytest

from .playbook import run_tasks

MODULE = "appstack.aws.sns_topic"
INFO = "appstack.aws.sns_topic_info"
ACCOUNT = "123456789012"
NAME = "shop-test-alerts"
ARN = f"arn:aws:sns:us-east-1:{ACCOUNT}:{NAME}"
OPS = "ops@example.com"
ONCALL = "oncall@example.com"
HOOK = "https://events.example.com/integration/0123456789abcdef/enqueue"
TAGS = {"Application": "shop", "Environment": "test"}


def cloudwatch_policy(service="cloudwatch.amazonaws.com"):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowCloudWatchAlarms",
                "Effect": "Allow",
                "Principal": {"Service": service},
                "Action": "sns:Publish",
                "Resource": ARN,
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }


def topic(key_id, emails=(OPS, ONCALL), hook=True, policy=None):
    subscriptions = [{"protocol": "email", "endpoint": email} for email in emails]
    if hook:
        subscriptions.append({"protocol": "https", "endpoint": HOOK})
    return {
        "name": NAME,
        "display_name": "shop test alerts",
        "kms_master_key_id": key_id,
        "policy": policy or cloudwatch_policy(),
        "subscriptions": subscriptions,
        "tags": TAGS,
    }


def tasks(*topics):
    managed = [{"name": "Manage the topic", MODULE: args, "register": "sns_test__result"} for args in topics]
    return [*managed, {"name": "Read the topic", INFO: {"name": NAME}, "register": "sns_test__info"}]


def run(emulator, directory, *topics, check=False):
    emulator.clear_requests()
    return run_tasks(emulator.env, directory, "Manage the alerts topic", tasks(*topics), check=check, diff=True)


def calls(emulator, mutating):
    return [
        f"{call['service']}:{call['operation']}"
        for call in emulator.requests()["calls"]
        if call["mutating"] == mutating
    ]


def listed(emulator):
    subscriptions = emulator.client("sns").list_subscriptions_by_topic(TopicArn=ARN)["Subscriptions"]
    return {(sub["Protocol"], sub["Endpoint"]): sub["SubscriptionArn"] for sub in subscriptions}


@pytest.fixture(scope="class")
def account(emulator_server, tmp_path_factory):
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    key_id = emulator_server.client("kms").create_key(Description="shop test alerts")["KeyMetadata"]["KeyId"]
    return {"directory": tmp_path_factory.mktemp("topic-playbooks"), "key_id": key_id}


class TestSnsTopic:
    def test_check_mode_on_an_empty_account_predicts_the_topic_and_sends_no_write(self, emulator_server, account):
        result = run(emulator_server, account["directory"], topic(account["key_id"]), check=True)

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, NAME)]
        assert calls(emulator_server, mutating=True) == []
        assert emulator_server.client("sns").list_topics()["Topics"] == []
        (predicted,) = result.results(MODULE)
        assert predicted["topic"]["topic_arn"] == ARN
        assert predicted["topic"]["kms_master_key_id"] == account["key_id"]
        assert predicted["diff"]["before"] == {}
        assert predicted["diff"]["after"]["subscriptions"] == [f"email:{ONCALL}", f"email:{OPS}", f"https:{HOOK}"]
        assert len(predicted["pending_confirmation"]) == 3
        assert result.results(INFO)[0]["topics"] == []

    def test_create_builds_the_topic_with_every_property(self, emulator_server, account):
        result = run(emulator_server, account["directory"], topic(account["key_id"]))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, NAME)]
        assert calls(emulator_server, mutating=True) == ["sns:CreateTopic"] + ["sns:Subscribe"] * 3

        sns = emulator_server.client("sns")
        attributes = sns.get_topic_attributes(TopicArn=ARN)["Attributes"]
        assert attributes["KmsMasterKeyId"] == account["key_id"]
        assert attributes["DisplayName"] == "shop test alerts"
        assert json.loads(attributes["Policy"]) == cloudwatch_policy()
        tags = {tag["Key"]: tag["Value"] for tag in sns.list_tags_for_resource(ResourceArn=ARN)["Tags"]}
        assert tags == TAGS
        assert listed(emulator_server) == {
            ("email", OPS): "PendingConfirmation",
            ("email", ONCALL): "PendingConfirmation",
            ("https", HOOK): "PendingConfirmation",
        }

        (created,) = result.results(MODULE)
        assert created["pending_confirmation"] == [
            {"protocol": "email", "endpoint": OPS},
            {"protocol": "email", "endpoint": ONCALL},
            {"protocol": "https", "endpoint": HOOK},
        ]
        (info,) = result.results(INFO)[0]["topics"]
        assert info["kms_master_key_id"] == account["key_id"]
        assert info["subscriptions_pending"] == 3
        assert all(sub["pending_confirmation"] for sub in info["subscriptions"])

    def test_a_second_run_changes_nothing_and_writes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], topic(account["key_id"]))

        assert not result.failed, result.outcome()
        assert result.changed == 0, result.changed_resources()
        assert calls(emulator_server, mutating=True) == []
        # The module's reads, then the info module's.
        assert (
            calls(emulator_server, mutating=False)
            == [
                "sts:GetCallerIdentity",
                "sns:GetTopicAttributes",
                "sns:ListSubscriptionsByTopic",
                "sns:ListTagsForResource",
            ]
            * 2
        )
        (converged,) = result.results(MODULE)
        assert len(converged["pending_confirmation"]) == 3

    def test_check_mode_on_the_converged_account_changes_nothing(self, emulator_server, account):
        result = run(emulator_server, account["directory"], topic(account["key_id"]), check=True)

        assert not result.failed, result.outcome()
        assert result.changed == 0
        assert calls(emulator_server, mutating=True) == []

    def test_a_removed_confirmed_subscription_is_unsubscribed_and_pending_ones_stay(self, emulator_server, account):
        (token,) = [entry["token"] for entry in emulator_server.sns_confirmation_tokens() if entry["endpoint"] == OPS]
        emulator_server.client("sns").confirm_subscription(TopicArn=ARN, Token=token)

        # OPS (now confirmed) and the HTTPS endpoint (still pending) are no longer wanted.
        result = run(emulator_server, account["directory"], topic(account["key_id"], emails=(ONCALL,), hook=False))

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, NAME)]
        assert calls(emulator_server, mutating=True) == ["sns:Unsubscribe"]
        assert listed(emulator_server) == {
            ("email", ONCALL): "PendingConfirmation",
            ("https", HOOK): "PendingConfirmation",
        }
        (changed,) = result.results(MODULE)
        assert changed["diff"]["before"]["subscriptions"] == [f"email:{ONCALL}", f"email:{OPS}", f"https:{HOOK}"]
        assert changed["diff"]["after"]["subscriptions"] == [f"email:{ONCALL}", f"https:{HOOK}"]
        assert sorted(sub["endpoint"] for sub in changed["pending_confirmation"]) == [HOOK, ONCALL]

    def test_a_policy_change_is_detected_with_a_diff_and_applied(self, emulator_server, account):
        policy = cloudwatch_policy(service="events.amazonaws.com")
        wanted = topic(account["key_id"], emails=(ONCALL,), hook=False, policy=policy)

        checked = run(emulator_server, account["directory"], wanted, check=True)
        assert not checked.failed, checked.outcome()
        assert calls(emulator_server, mutating=True) == []
        (predicted,) = checked.results(MODULE)
        assert predicted["changed"]
        assert predicted["diff"]["before"]["policy"] == cloudwatch_policy()
        assert predicted["diff"]["after"]["policy"] == policy

        result = run(emulator_server, account["directory"], wanted)

        assert not result.failed, result.outcome()
        assert calls(emulator_server, mutating=True) == ["sns:SetTopicAttributes"]
        attributes = emulator_server.client("sns").get_topic_attributes(TopicArn=ARN)["Attributes"]
        assert json.loads(attributes["Policy"]) == policy
        assert attributes["KmsMasterKeyId"] == account["key_id"]

    def test_absent_deletes_the_topic(self, emulator_server, account):
        result = run(emulator_server, account["directory"], {"name": NAME, "state": "absent"})

        assert not result.failed, result.outcome()
        assert result.changed_resources() == [(MODULE, NAME)]
        assert calls(emulator_server, mutating=True) == ["sns:DeleteTopic"]
        assert emulator_server.client("sns").list_topics()["Topics"] == []
        assert result.results(INFO)[0]["topics"] == []
