# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""App Runner's revisioned resources: auto scaling configurations and VPC connectors.

App Runner names these resources and numbers their revisions: creating an auto scaling configuration
under a name already in use adds a revision to it; the highest ACTIVE revision is the latest, the one
a service gets when it is given the name's ARN, and the one DescribeAutoScalingConfiguration returns for it
(ResourceNotFoundException when no revision is active). A deleted revision turns INACTIVE, and App Runner
removes it some time later. ARNs read::

    arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/NAME/REVISION/ID
    arn:aws:apprunner:us-east-1:123456789012:vpcconnector/NAME/REVISION/ID

Every API helper expects a client created with
``module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleAppRunnerError (see ``apprunner.py``). What works on the revisions once read (their ARNs, the latest one)
is in ``apprunner_revisions_plan.py``, which imports nothing of botocore.
"""

from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AppRunnerErrorHandler,
    describe_service,
    list_all,
    list_services,
    list_tags,
    to_ansible,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import name_arn, only_active

# App Runner's quota of active revisions per auto scaling configuration name.
MAX_AUTO_SCALING_REVISIONS = 5


# Reading a revision


def described_if_active(client, describe, arn, arn_key):
    """The revision arn names, read with describe (a partial ARN: the latest ACTIVE one), as a snake_case dict
    with its tags; None when it does not exist or is no longer ACTIVE."""
    resource = only_active(describe(client, arn))
    return with_tags(client, resource, arn_key) if resource else None


def with_tags(client, resource, arn_key):
    """A described resource as a snake_case dict with its tags."""
    result = to_ansible(resource)
    result["tags"] = list_tags(client, resource[arn_key])
    return result


# Auto scaling configurations


@AppRunnerErrorHandler.list_error_handler("list App Runner auto scaling configurations", [])
def list_auto_scaling_configurations(client, name=None, latest_only=False):
    """Summaries of the ACTIVE auto scaling configurations: every revision of name, or of every name."""
    kwargs = {"LatestOnly": latest_only}
    if name:
        kwargs["AutoScalingConfigurationName"] = name
    summaries = list_all(
        client.list_auto_scaling_configurations, "AutoScalingConfigurationSummaryList", MaxResults=100, **kwargs
    )
    if name:
        summaries = [summary for summary in summaries if summary["AutoScalingConfigurationName"] == name]
    return summaries


@AppRunnerErrorHandler.list_error_handler("describe App Runner auto scaling configuration", None)
def describe_auto_scaling_configuration(client, arn):
    return client.describe_auto_scaling_configuration(aws_retry=True, AutoScalingConfigurationArn=arn)[
        "AutoScalingConfiguration"
    ]


@AppRunnerErrorHandler.common_error_handler("create App Runner auto scaling configuration")
def create_auto_scaling_configuration(client, name, settings, tags):
    """Create a revision of name; settings maps MinSize/MaxSize/MaxConcurrency to a value or None."""
    kwargs = {key: value for key, value in settings.items() if value is not None}
    if tags:
        kwargs["Tags"] = tags
    return client.create_auto_scaling_configuration(aws_retry=True, AutoScalingConfigurationName=name, **kwargs)[
        "AutoScalingConfiguration"
    ]


@AppRunnerErrorHandler.deletion_error_handler("delete App Runner auto scaling configuration")
def delete_auto_scaling_configuration(client, arn, all_revisions=False):
    """Delete one revision (a full ARN), or every revision of a name (all_revisions with any ARN of it)."""
    if all_revisions:
        client.delete_auto_scaling_configuration(
            aws_retry=True, AutoScalingConfigurationArn=name_arn(arn), DeleteAllRevisions=True
        )
    else:
        client.delete_auto_scaling_configuration(aws_retry=True, AutoScalingConfigurationArn=arn)
    return True


@AppRunnerErrorHandler.list_error_handler("list App Runner services of an auto scaling configuration", [])
def list_services_for_auto_scaling_configuration(client, arn):
    return list_all(
        client.list_services_for_auto_scaling_configuration,
        "ServiceArnList",
        AutoScalingConfigurationArn=arn,
        MaxResults=100,
    )


# VPC connectors


@AppRunnerErrorHandler.list_error_handler("list App Runner VPC connectors", [])
def list_vpc_connectors(client, name=None):
    """The VPC connectors (every revision, ACTIVE and INACTIVE) named name, or all of them."""
    connectors = list_all(client.list_vpc_connectors, "VpcConnectors", MaxResults=100)
    if name:
        connectors = [connector for connector in connectors if connector["VpcConnectorName"] == name]
    return connectors


@AppRunnerErrorHandler.common_error_handler("create App Runner VPC connector")
def create_vpc_connector(client, name, subnets, security_groups, tags):
    kwargs = {"VpcConnectorName": name, "Subnets": list(subnets)}
    if security_groups is not None:
        kwargs["SecurityGroups"] = list(security_groups)
    if tags:
        kwargs["Tags"] = tags
    return client.create_vpc_connector(aws_retry=True, **kwargs)["VpcConnector"]


@AppRunnerErrorHandler.deletion_error_handler("delete App Runner VPC connector")
def delete_vpc_connector(client, arn):
    client.delete_vpc_connector(aws_retry=True, VpcConnectorArn=arn)
    return True


def services_using_vpc_connector(client, connector_arn):
    """The ARNs of the live services whose egress goes through the connector.

    App Runner has no API listing a connector's services, so every service is described.
    """
    users = []
    for summary in list_services(client):
        if summary.get("Status") == "DELETED":
            continue
        service = describe_service(client, summary["ServiceArn"]) or {}
        egress = service.get("NetworkConfiguration", {}).get("EgressConfiguration", {})
        if egress.get("VpcConnectorArn") == connector_arn:
            users.append(summary["ServiceArn"])
    return users
