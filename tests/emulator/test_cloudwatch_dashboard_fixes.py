"""CloudWatch dashboards: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/cloudwatch_dashboards.py``) or pins down moto
behaviour that appstack.aws.cloudwatch_dashboard relies on.
"""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError

from emulator.client import CREDENTIALS, EmulatorClient

CREDENTIALS_ARGS = {
    "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
    "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    "aws_session_token": CREDENTIALS["AWS_SESSION_TOKEN"],
}
NAME = "Smartscheduler-Test"
ARN = f"arn:aws:cloudwatch::123456789012:dashboard/{NAME}"
BODY = json.dumps(
    {"widgets": [{"type": "text", "x": 0, "y": 0, "width": 6, "height": 3, "properties": {"markdown": "é"}}]}
)


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def tags_of(emulator: EmulatorClient, arn: str = ARN) -> dict[str, str]:
    tags = emulator.client("cloudwatch").list_tags_for_resource(ResourceARN=arn)["Tags"]
    return {tag["Key"]: tag["Value"] for tag in tags}


def test_get_dashboard_returns_the_global_arn_and_a_missing_one_is_resource_not_found(
    emulator: EmulatorClient,
) -> None:
    """GetDashboard: DashboardArn arn:aws:cloudwatch::ACCOUNT:dashboard/NAME; a missing dashboard is
    DashboardNotFoundError, code ResourceNotFound, HTTP 404.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetDashboard.html
    """
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY)

    assert cloudwatch.get_dashboard(DashboardName=NAME)["DashboardArn"] == ARN
    with pytest.raises(ClientError) as raised:
        cloudwatch.get_dashboard(DashboardName="Missing")
    assert error_of(raised) == ("ResourceNotFound", 404)


def test_put_dashboard_tags_a_new_dashboard_and_ignores_tags_on_update(emulator: EmulatorClient) -> None:
    """PutDashboard Tags: "You can use this parameter only when creating a new dashboard."
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
    """
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY, Tags=[{"Key": "Environment", "Value": "test"}])
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY, Tags=[{"Key": "Other", "Value": "x"}])

    assert tags_of(emulator) == {"Environment": "test"}


def test_tag_and_untag_resource_work_on_a_dashboard(emulator: EmulatorClient) -> None:
    """TagResource, UntagResource and ListTagsForResource take a dashboard ARN.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html
    """
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY, Tags=[{"Key": "Old", "Value": "x"}])

    cloudwatch.tag_resource(ResourceARN=ARN, Tags=[{"Key": "Owner", "Value": "web"}])
    cloudwatch.untag_resource(ResourceARN=ARN, TagKeys=["Old"])

    assert tags_of(emulator) == {"Owner": "web"}


def test_tagging_a_missing_dashboard_is_resource_not_found_exception(emulator: EmulatorClient) -> None:
    """TagResource and ListTagsForResource on an ARN that names no resource: ResourceNotFoundException.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListTagsForResource.html
    """
    cloudwatch = emulator.client("cloudwatch")
    with pytest.raises(ClientError) as raised:
        cloudwatch.tag_resource(ResourceARN=ARN, Tags=[{"Key": "Owner", "Value": "web"}])
    assert error_of(raised)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        cloudwatch.list_tags_for_resource(ResourceARN=ARN)
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_a_deleted_dashboard_loses_its_tags(emulator: EmulatorClient) -> None:
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY, Tags=[{"Key": "Old", "Value": "x"}])
    cloudwatch.delete_dashboards(DashboardNames=[NAME])
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY)

    assert tags_of(emulator) == {}


@pytest.mark.parametrize(
    "body, messages",
    [
        ('{"widget": []}', [{"DataPath": "", "Message": "Should have required property 'widgets'"}]),
        ("[]", [{"DataPath": "", "Message": "Should be object"}]),
        (
            '{"widgets": [{"type": "text", "width": 30, "properties": {}}]}',
            [{"DataPath": "/widgets/0/width", "Message": "Should be <= 24"}],
        ),
        (
            '{"widgets": [{"type": "graph"}]}',
            [
                {"DataPath": "/widgets/0", "Message": "Should have required property 'properties'"},
                {
                    "DataPath": "/widgets/0/type",
                    "Message": "Should be equal to one of the allowed values: metric, text, log, alarm, explorer, custom",
                },
            ],
        ),
    ],
)
def test_an_invalid_body_is_refused_with_its_validation_messages(
    emulator: EmulatorClient, body: str, messages: list[dict[str, str]]
) -> None:
    """PutDashboard: DashboardInvalidInputError, code InvalidParameterInput, with dashboardValidationMessages
    (DataPath, Message) for each problem; nothing is stored.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
    """
    cloudwatch = emulator.client("cloudwatch")
    with pytest.raises(ClientError) as raised:
        cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=body)

    assert error_of(raised) == ("InvalidParameterInput", 400)
    assert raised.value.response["dashboardValidationMessages"] == messages
    assert cloudwatch.list_dashboards()["DashboardEntries"] == []


def test_list_dashboards_filters_by_prefix_and_reports_the_size_in_bytes(emulator: EmulatorClient) -> None:
    """ListDashboards DashboardNamePrefix; DashboardEntry Size: "The size of the dashboard, in bytes."
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DashboardEntry.html
    """
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY)
    cloudwatch.put_dashboard(DashboardName="Other", DashboardBody=BODY)

    (entry,) = cloudwatch.list_dashboards(DashboardNamePrefix="Smartscheduler-")["DashboardEntries"]

    assert (entry["DashboardName"], entry["DashboardArn"]) == (NAME, ARN)
    assert entry["Size"] == len(BODY.encode("utf-8"))
    assert entry["LastModified"]


def test_delete_dashboards_deletes_what_exists_and_reports_the_missing(emulator: EmulatorClient) -> None:
    """DeleteDashboards "attempts to delete as many dashboards as possible"; a missing one is ResourceNotFound.
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteDashboards.html
    """
    cloudwatch = emulator.client("cloudwatch")
    cloudwatch.put_dashboard(DashboardName=NAME, DashboardBody=BODY)

    with pytest.raises(ClientError) as raised:
        cloudwatch.delete_dashboards(DashboardNames=[NAME, "Missing"])

    assert error_of(raised) == ("ResourceNotFound", 404)
    assert cloudwatch.list_dashboards()["DashboardEntries"] == []


def test_dashboards_are_global(emulator: EmulatorClient) -> None:
    """ "All dashboards in your account are global, not region-specific."
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
    """
    emulator.client("cloudwatch").put_dashboard(
        DashboardName=NAME, DashboardBody=BODY, Tags=[{"Key": "Environment", "Value": "test"}]
    )
    elsewhere = boto3.session.Session(region_name="eu-west-1", **CREDENTIALS_ARGS).client(
        "cloudwatch", endpoint_url=emulator.endpoint
    )

    assert elsewhere.get_dashboard(DashboardName=NAME)["DashboardArn"] == ARN
    assert {tag["Key"] for tag in elsewhere.list_tags_for_resource(ResourceARN=ARN)["Tags"]} == {"Environment"}
    elsewhere.delete_dashboards(DashboardNames=[NAME])
    assert emulator.client("cloudwatch").list_dashboards()["DashboardEntries"] == []
