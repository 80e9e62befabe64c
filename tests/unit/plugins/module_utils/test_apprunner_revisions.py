"""Revisions of App Runner auto scaling configurations and VPC connectors: ARNs, the latest one, the API helpers."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    delete_auto_scaling_configuration,
    delete_vpc_connector,
    list_auto_scaling_configurations,
    list_vpc_connectors,
    services_using_vpc_connector,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    arn_problems,
    latest_active_revision,
    lists_superseded,
    means_latest,
    name_arn,
    older_revisions,
    only_active,
    parse_revision_arn,
    revisions_by_name,
    superseded_revisions,
)

PREFIX = "arn:aws:apprunner:us-east-1:123456789012"
ASC_ARN = f"{PREFIX}:autoscalingconfiguration/backend-scaling/3/0123456789abcdef0123456789abcdef"
CONNECTOR_ARN = f"{PREFIX}:vpcconnector/backend-vpc/1/fedcba9876543210fedcba9876543210"
REV = "AutoScalingConfigurationRevision"


def summary(revision, status="ACTIVE", name="backend-scaling"):
    return {
        "AutoScalingConfigurationArn": f"{PREFIX}:autoscalingconfiguration/{name}/{revision}/{revision:032d}",
        "AutoScalingConfigurationName": name,
        REV: revision,
        "Status": status,
    }


def connector(name="backend-vpc", revision=1, status="ACTIVE"):
    return {
        "VpcConnectorName": name,
        "VpcConnectorArn": f"{PREFIX}:vpcconnector/{name}/{revision}/{revision:032d}",
        "VpcConnectorRevision": revision,
        "Subnets": ["subnet-1"],
        "SecurityGroups": ["sg-1"],
        "Status": status,
    }


def service(arn, connector_arn=None):
    network = {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": connector_arn}} if connector_arn else {}
    return {
        "Service": {
            "ServiceName": arn.split("/")[1],
            "ServiceId": "0123456789abcdef0123456789abcdef",
            "ServiceArn": arn,
            "CreatedAt": "2026-01-01T00:00:00Z",
            "UpdatedAt": "2026-01-01T00:00:00Z",
            "Status": "RUNNING",
            "SourceConfiguration": {},
            "InstanceConfiguration": {},
            "AutoScalingConfigurationSummary": {},
            "NetworkConfiguration": network,
        }
    }


# ARNs


def test_a_revision_arn_is_parsed_into_kind_name_revision_and_name_arn():
    assert parse_revision_arn(ASC_ARN) == {
        "kind": "autoscalingconfiguration",
        "name": "backend-scaling",
        "revision": 3,
        "id": "0123456789abcdef0123456789abcdef",
        "name_arn": f"{PREFIX}:autoscalingconfiguration/backend-scaling",
    }
    assert parse_revision_arn(CONNECTOR_ARN)["kind"] == "vpcconnector"


def test_partial_arns_parse_and_other_arns_do_not():
    assert parse_revision_arn(f"{PREFIX}:autoscalingconfiguration/backend-scaling")["revision"] is None
    assert parse_revision_arn(f"{PREFIX}:autoscalingconfiguration/backend-scaling/2")["revision"] == 2
    assert parse_revision_arn("arn:aws:s3:::bucket") is None
    assert parse_revision_arn(None) is None


def test_name_arn_drops_revision_and_id_in_any_partition():
    assert name_arn(ASC_ARN) == f"{PREFIX}:autoscalingconfiguration/backend-scaling"
    gov = "arn:aws-us-gov:apprunner:us-gov-west-1:123456789012:vpcconnector/vpc-a/2/abc"
    assert name_arn(gov) == "arn:aws-us-gov:apprunner:us-gov-west-1:123456789012:vpcconnector/vpc-a"


def test_only_an_arn_ending_with_the_name_means_the_latest_revision():
    assert means_latest(f"{PREFIX}:autoscalingconfiguration/backend-scaling")
    assert not means_latest(f"{PREFIX}:autoscalingconfiguration/backend-scaling/2")
    assert not means_latest(ASC_ARN)
    assert not means_latest(None)


def test_an_arn_of_the_wrong_kind_or_shape_is_a_problem_naming_the_option():
    assert arn_problems(ASC_ARN, "autoscalingconfiguration") == []
    assert arn_problems(f"{PREFIX}:autoscalingconfiguration/backend-scaling", "autoscalingconfiguration") == []
    assert arn_problems(None, "autoscalingconfiguration") == []
    [problem] = arn_problems(CONNECTOR_ARN, "autoscalingconfiguration")
    assert problem.startswith("arn must be an App Runner autoscalingconfiguration ARN")
    assert arn_problems("backend-scaling", "autoscalingconfiguration")


# Latest and superseded revisions


def test_the_latest_revision_is_the_highest_active_one_whatever_the_order():
    revisions = [summary(2), summary(5, status="INACTIVE"), summary(4), summary(1)]

    assert latest_active_revision(revisions, REV)[REV] == 4


def test_no_active_revision_means_no_latest_one():
    assert latest_active_revision([summary(1, status="INACTIVE")], REV) is None
    assert latest_active_revision([], REV) is None


def test_superseded_revisions_are_the_other_active_ones_highest_first():
    revisions = [summary(1), summary(3), summary(2, status="INACTIVE"), summary(4)]
    latest = latest_active_revision(revisions, REV)

    assert [item[REV] for item in superseded_revisions(revisions, REV, latest)] == [3, 1]
    assert [item[REV] for item in superseded_revisions(revisions, REV, None)] == [4, 3, 1]


def test_revisions_are_grouped_by_name_highest_first_without_inactive_ones():
    revisions = [summary(1, name="worker"), summary(1), summary(3), summary(4, status="INACTIVE"), summary(2)]

    groups = revisions_by_name(revisions, "AutoScalingConfigurationName", REV)

    assert [[(item["AutoScalingConfigurationName"], item[REV]) for item in group] for group in groups] == [
        [("backend-scaling", 3), ("backend-scaling", 2), ("backend-scaling", 1)],
        [("worker", 1)],
    ]


def test_older_revisions_are_the_active_ones_below_the_latest_read():
    revisions = [summary(4), summary(3), summary(2, status="INACTIVE"), summary(1)]

    assert [item[REV] for item in older_revisions(revisions, REV, 3)] == [1]


def test_a_deleted_revision_is_not_active():
    assert only_active(summary(1)) == summary(1)
    assert only_active(summary(1, status="INACTIVE")) is None
    assert only_active(None) is None


def test_superseded_revisions_are_listed_only_behind_a_latest_read_by_name_above_revision_1():
    by_name = f"{PREFIX}:autoscalingconfiguration/backend-scaling"

    assert lists_superseded(by_name, latest_only=False, revision=2)
    assert not lists_superseded(by_name, latest_only=False, revision=1)
    assert not lists_superseded(by_name, latest_only=True, revision=2)
    assert not lists_superseded(ASC_ARN, latest_only=False, revision=3)


# API helpers


def test_auto_scaling_configurations_are_listed_across_pages_for_the_exact_name(apprunner):
    client, stubber = apprunner
    request = {"AutoScalingConfigurationName": "backend-scaling", "LatestOnly": False, "MaxResults": 100}
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [summary(1)], "NextToken": "page2"},
        request,
    )
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [summary(2), summary(1, name="backend-scaling-2")]},
        dict(request, NextToken="page2"),
    )

    listed = list_auto_scaling_configurations(client, "backend-scaling")

    assert [item[REV] for item in listed] == [1, 2]


def test_deleting_all_revisions_sends_the_partial_name_arn(apprunner):
    client, stubber = apprunner
    stubber.add_response(
        "delete_auto_scaling_configuration",
        {"AutoScalingConfiguration": {}},
        {
            "AutoScalingConfigurationArn": f"{PREFIX}:autoscalingconfiguration/backend-scaling",
            "DeleteAllRevisions": True,
        },
    )

    assert delete_auto_scaling_configuration(client, ASC_ARN, all_revisions=True)


def test_deleting_a_missing_revision_is_not_an_error(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("delete_auto_scaling_configuration", "ResourceNotFoundException", "gone")

    assert delete_auto_scaling_configuration(client, ASC_ARN) is False


def test_a_connector_in_use_is_not_deleted_and_the_aws_error_is_kept(apprunner):
    client, stubber = apprunner
    stubber.add_client_error("delete_vpc_connector", "InvalidRequestException", "The VPC connector is in use")

    with pytest.raises(AnsibleAppRunnerError) as error:
        delete_vpc_connector(client, CONNECTOR_ARN)

    assert error.value.exception.response["Error"]["Code"] == "InvalidRequestException"


def test_connectors_are_listed_across_pages_for_the_exact_name(apprunner):
    client, stubber = apprunner
    stubber.add_response(
        "list_vpc_connectors", {"VpcConnectors": [connector("backend-vpc-2")], "NextToken": "t"}, {"MaxResults": 100}
    )
    stubber.add_response(
        "list_vpc_connectors",
        {"VpcConnectors": [connector(), connector(status="INACTIVE")]},
        {"MaxResults": 100, "NextToken": "t"},
    )

    listed = list_vpc_connectors(client, "backend-vpc")

    assert [item["Status"] for item in listed] == ["ACTIVE", "INACTIVE"]


def test_services_using_a_connector_are_found_by_describing_each_live_service(apprunner):
    client, stubber = apprunner
    users = f"{PREFIX}:service/backend-api/0123456789abcdef0123456789abcdef"
    other = f"{PREFIX}:service/frontend-web/0123456789abcdef0123456789abcdef"
    deleted = f"{PREFIX}:service/retired-app/0123456789abcdef0123456789abcdef"
    stubber.add_response(
        "list_services",
        {
            "ServiceSummaryList": [
                {"ServiceName": "backend-api", "ServiceArn": users, "Status": "RUNNING"},
                {"ServiceName": "frontend-web", "ServiceArn": other, "Status": "PAUSED"},
                {"ServiceName": "retired-app", "ServiceArn": deleted, "Status": "DELETED"},
            ]
        },
        {"MaxResults": 20},
    )
    stubber.add_response("describe_service", service(users, CONNECTOR_ARN), {"ServiceArn": users})
    stubber.add_response("describe_service", service(other), {"ServiceArn": other})

    assert services_using_vpc_connector(client, CONNECTOR_ARN) == [users]
