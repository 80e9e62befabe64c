# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudWatch dashboard helpers shared by appstack.aws.cloudwatch_dashboard and cloudwatch_dashboard_info.

Every API helper expects a client created with
``module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleCloudWatchError,
which a module turns into a failure with ``fail_json_aws_error``.

A dashboard is returned as a dict: ``dashboard_name``, ``dashboard_arn``, ``dashboard_body`` (parsed JSON),
``size`` (bytes), ``tags`` (a dict, read with ListTagsForResource) and, when read through ListDashboards,
``last_modified``.  The pure planning (body parsing and comparison) is in ``cloudwatch_dashboard_plan.py``.
"""

import json

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch import (  # noqa: F401 (the modules import them here)
    AnsibleCloudWatchError,
    CloudWatchErrorHandler,
    list_tags,
    tag_resource,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatch_dashboard_plan import (
    body_size,
    format_validation_messages,
)

# PutDashboard's DashboardInvalidInputError: the body was refused, with DashboardValidationMessages.
INVALID_BODY_CODE = "InvalidParameterInput"


def _parse(body_text):
    try:
        return json.loads(body_text)
    except (TypeError, ValueError):
        return body_text


@CloudWatchErrorHandler.list_error_handler("get dashboard", None)
def _get_dashboard(client, name):
    return client.get_dashboard(DashboardName=name, aws_retry=True)


def get_dashboard(client, name, entry=None):
    """The dashboard named name, or None; entry is its ListDashboards entry when already read."""
    read = _get_dashboard(client, name)
    if read is None:
        return None
    body_text = read.get("DashboardBody") or ""
    dashboard = {
        "dashboard_name": read["DashboardName"],
        "dashboard_arn": read["DashboardArn"],
        "dashboard_body": _parse(body_text),
        "size": body_size(body_text),
    }
    if entry:
        dashboard["size"] = entry.get("Size", dashboard["size"])
        if entry.get("LastModified"):
            dashboard["last_modified"] = entry["LastModified"].isoformat()
    dashboard["tags"] = list_tags(client, dashboard["dashboard_arn"])
    return dashboard


@CloudWatchErrorHandler.list_error_handler("list dashboards", [])
@AWSRetry.jittered_backoff()
def list_dashboard_entries(client, prefix=None):
    """ListDashboards entries, every page, of the dashboards whose names start with prefix (all without one)."""
    params = {"DashboardNamePrefix": prefix} if prefix else {}
    paginator = client.get_paginator("list_dashboards")
    return paginator.paginate(**params).build_full_result().get("DashboardEntries", [])


def list_dashboards(client, prefix=None, name=None):
    """The dashboards whose names start with prefix, or the one named name (a list of one or none)."""
    entries = list_dashboard_entries(client, prefix=name or prefix)
    if name:
        entries = [entry for entry in entries if entry["DashboardName"] == name]
    dashboards = (get_dashboard(client, entry["DashboardName"], entry) for entry in entries)
    # A dashboard deleted between the two reads is left out.
    return [dashboard for dashboard in dashboards if dashboard]


def _refused_body(name, error):
    """The failure for a body CloudWatch refused, naming each problem it found."""
    response = getattr(error, "response", {}) or {}
    messages = response.get("dashboardValidationMessages") or response.get("DashboardValidationMessages")
    problems = "; ".join(format_validation_messages(messages)) or response.get("Error", {}).get("Message", "")
    return AnsibleCloudWatchError(
        message=f"CloudWatch refused the body of dashboard {name}: {problems}. Fix the body option and run again",
        exception=error,
    )


@CloudWatchErrorHandler.common_error_handler("put dashboard")
def put_dashboard(client, name, body_text, tags=None):
    """Create or replace the dashboard; returns the warnings CloudWatch gave, as lines (``DataPath: Message``).

    Tags are used by CloudWatch only when the dashboard is created.
    """
    params = {"DashboardName": name, "DashboardBody": body_text}
    if tags:
        params["Tags"] = ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})
    try:
        response = client.put_dashboard(aws_retry=True, **params)
    except is_boto3_error_code(INVALID_BODY_CODE) as e:
        raise _refused_body(name, e) from e
    return format_validation_messages(response.get("DashboardValidationMessages"))


@CloudWatchErrorHandler.deletion_error_handler("delete dashboard")
def delete_dashboard(client, name):
    client.delete_dashboards(DashboardNames=[name], aws_retry=True)
    return True
