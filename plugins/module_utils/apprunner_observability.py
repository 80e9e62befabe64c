# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""App Runner observability configurations: the API helpers of appstack.aws.apprunner_observability_configuration
and its _info twin. Their planning, which the apprunner_observability_drift filter shares, is in
``apprunner_observability_plan.py``, which imports nothing of botocore.

Observability configurations revise like auto scaling configurations (``apprunner_revisions.py``): creating one
under a name in use adds a revision, a revision can't change, and the highest ACTIVE revision is the latest.
ARNs read ``arn:aws:apprunner:REGION:ACCOUNT:observabilityconfiguration/NAME/REVISION/ID``. Unlike auto scaling
configurations, App Runner has no call that lists the services of a revision and no DeleteAllRevisions:
``services_using`` describes the account's services, and revisions are deleted one by one.

Every API helper expects a client created with
``module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleAppRunnerError (see ``apprunner.py``).
"""

from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AppRunnerErrorHandler,
    describe_service,
    list_all,
    list_services,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_observability_plan import uses

ARN_KEY = "ObservabilityConfigurationArn"
REVISION_KEY = "ObservabilityConfigurationRevision"
# The snake_case keys of the same fields, in the modules' results.
ARN = "observability_configuration_arn"
REVISION = "observability_configuration_revision"


# API helpers


@AppRunnerErrorHandler.list_error_handler("list App Runner observability configurations", [])
def list_observability_configurations(client, name=None, latest_only=False):
    """Summaries (ARN, name, revision) of the ACTIVE observability configurations: of name, or of every name."""
    kwargs = {"LatestOnly": latest_only}
    if name:
        kwargs["ObservabilityConfigurationName"] = name
    summaries = list_all(
        client.list_observability_configurations, "ObservabilityConfigurationSummaryList", MaxResults=100, **kwargs
    )
    if name:
        summaries = [summary for summary in summaries if summary["ObservabilityConfigurationName"] == name]
    return summaries


@AppRunnerErrorHandler.list_error_handler("describe App Runner observability configuration", None)
def describe_observability_configuration(client, arn):
    """The revision, or None when App Runner doesn't know it."""
    return client.describe_observability_configuration(aws_retry=True, ObservabilityConfigurationArn=arn)[
        "ObservabilityConfiguration"
    ]


@AppRunnerErrorHandler.common_error_handler("create App Runner observability configuration")
def create_observability_configuration(client, name, trace, tags):
    """Create a revision of name; trace is a TraceConfiguration or None, tags a boto3 tag list."""
    kwargs = {"ObservabilityConfigurationName": name}
    if trace:
        kwargs["TraceConfiguration"] = trace
    if tags:
        kwargs["Tags"] = tags
    return client.create_observability_configuration(aws_retry=True, **kwargs)["ObservabilityConfiguration"]


@AppRunnerErrorHandler.deletion_error_handler("delete App Runner observability configuration")
def delete_observability_configuration(client, arn):
    """Delete one revision, named by its full ARN."""
    client.delete_observability_configuration(aws_retry=True, ObservabilityConfigurationArn=arn)
    return True


def services_using(client, revision_arns):
    """The live services that use each revision, as {revision ARN: [service ARN, ...]}.

    App Runner has no call listing a revision's services, so the account's services are described, once
    for all the revisions asked about; nothing is read when there is no revision to ask about.
    """
    users = {arn: [] for arn in revision_arns}
    if not users:
        return users
    for summary in list_services(client):
        if summary.get("Status") == "DELETED":
            continue
        service = describe_service(client, summary["ServiceArn"]) or {}
        reference = (service.get("ObservabilityConfiguration") or {}).get("ObservabilityConfigurationArn")
        for arn, services in users.items():
            if uses(reference, arn):
                services.append(summary["ServiceArn"])
    return users
