# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ECS task definition helpers shared by appstack.aws.ecs_task_definition and its _info twin.

Every API helper expects a client created with ``module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())``
and raises AnsibleECSError, which a module turns into a failure with ``fail_json_aws_error``. Task definitions are
returned as ECS returns them, dates as strings, with their tags as a dict.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_message, normalize_boto3_result
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ecs import (  # noqa: F401 (the modules import them here)
    AnsibleECSError,
    ECSErrorHandler,
    tag_resource,
    tags_from_api,
    tags_to_api,
    untag_resource,
)

# DescribeTaskDefinition answers ClientException with this message for a revision that does not exist, and for a
# family without an ACTIVE revision; ClientException alone also covers other client errors.
MISSING_MESSAGE = "Unable to describe task definition"


class TaskDefinitionErrorHandler(ECSErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_message(MISSING_MESSAGE)


@TaskDefinitionErrorHandler.list_error_handler("describe task definition", (None, {}))
@AWSRetry.jittered_backoff()
def describe_task_definition(client, task_definition):
    """(the task definition, its tags) for FAMILY (its latest ACTIVE revision), FAMILY:REVISION or an ARN;
    (None, {}) when there is none. One DescribeTaskDefinition call."""
    response = client.describe_task_definition(taskDefinition=task_definition, include=["TAGS"])
    return normalize_boto3_result(response["taskDefinition"]), tags_from_api(response.get("tags"))


@TaskDefinitionErrorHandler.list_error_handler("list task definitions", [])
@AWSRetry.jittered_backoff()
def list_task_definition_arns(client, family, status="ACTIVE", descending=False):
    """The ARNs of the family's revisions in a status, by revision (ascending unless descending)."""
    paginator = client.get_paginator("list_task_definitions")
    params = {"familyPrefix": family, "status": status, "sort": "DESC" if descending else "ASC"}
    arns = paginator.paginate(**params).build_full_result().get("taskDefinitionArns", [])
    # familyPrefix names the whole family; the filter keeps that true whatever the service does with it.
    return [arn for arn in arns if arn.rsplit("/", 1)[-1].rsplit(":", 1)[0] == family]


def revision_of(arn):
    return int(arn.rsplit(":", 1)[-1])


@TaskDefinitionErrorHandler.common_error_handler("register task definition")
def register_task_definition(client, request, tags=None):
    """Register a revision; returns (it, its tags)."""
    params = dict(request)
    if tags:
        params["tags"] = tags_to_api(tags)
    response = client.register_task_definition(aws_retry=True, **params)
    return normalize_boto3_result(response["taskDefinition"]), tags_from_api(response.get("tags"))


@TaskDefinitionErrorHandler.deletion_error_handler("deregister task definition")
def deregister_task_definition(client, arn):
    client.deregister_task_definition(taskDefinition=arn, aws_retry=True)
    return True
