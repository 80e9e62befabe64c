"""Unit tests for appstack.aws.cloudwatch_metric_alarm_info (botocore Stubber, no network)."""

import botocore.session
import pytest
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.appstack.aws.plugins.modules import cloudwatch_metric_alarm_info as module
from botocore.stub import Stubber

ARN = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:"


@pytest.fixture
def cloudwatch():
    """(client, stubber) for CloudWatch; the client is wrapped like module.client() wraps it."""
    client = botocore.session.get_session().create_client(
        "cloudwatch", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    stubber = Stubber(client)
    with stubber:
        yield RetryingBotoClientWrapper(client, AWSRetry.jittered_backoff()), stubber
        stubber.assert_no_pending_responses()


def alarm(name):
    return {
        "AlarmName": name,
        "AlarmArn": ARN + name,
        "MetricName": "CPUUtilization",
        "Namespace": "AWS/RDS",
        "Dimensions": [{"Name": "DBInstanceIdentifier", "Value": "shop-prod"}],
        "Threshold": 80.0,
    }


def test_alarms_by_prefix_are_read_with_their_tags_sorted_by_name(run_module, cloudwatch):
    client, stubber = cloudwatch
    stubber.add_response(
        "describe_alarms",
        {"MetricAlarms": [alarm("shop-prod-z"), alarm("shop-prod-a")]},
        {"AlarmNamePrefix": "shop-prod-", "AlarmTypes": ["MetricAlarm"]},
    )
    stubber.add_response(
        "list_tags_for_resource", {"Tags": [{"Key": "Env", "Value": "prod"}]}, {"ResourceARN": ARN + "shop-prod-a"}
    )
    stubber.add_response("list_tags_for_resource", {"Tags": []}, {"ResourceARN": ARN + "shop-prod-z"})

    code, result = run_module(module, {"name_prefix": "shop-prod-"}, client)

    assert code == 0
    assert [item["alarm_name"] for item in result["alarms"]] == ["shop-prod-a", "shop-prod-z"]
    assert result["alarms"][0]["dimensions"] == {"DBInstanceIdentifier": "shop-prod"}
    assert result["alarms"][0]["tags"] == {"Env": "prod"}


def test_an_empty_names_list_reads_nothing(cloudwatch):
    client, _ = cloudwatch
    assert module.find_alarms(client, names=[]) == []
