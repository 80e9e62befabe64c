"""CloudWatch dashboards: tags, body validation, partial deletes and one set of dashboards per account.

AWS (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/):

* ``TagResource``, ``UntagResource`` and ``ListTagsForResource`` work on
  dashboards, whose ARN is ``arn:aws:cloudwatch::ACCOUNT:dashboard/NAME``
  (API_TagResource.html, ``ResourceARN``); an ARN that names no dashboard
  fails with ``ResourceNotFoundException``.
* ``PutDashboard`` ``Tags`` are used only when the dashboard is created:
  "If you specify Tags when updating an existing dashboard, the tag updates
  are ignored" (API_PutDashboard.html).
* ``PutDashboard`` validates the body against the dashboard body structure
  (CloudWatch-Dashboard-Body-Structure.html: an object with a ``widgets``
  array; each widget has a ``type`` and ``properties``; ``x`` 0-23, ``y`` 0
  or more, ``width`` 1-24, ``height`` 1-1000) and refuses an invalid one with
  ``InvalidParameterInput`` (``DashboardInvalidInputError``) whose
  ``dashboardValidationMessages`` give a ``DataPath`` and a ``Message`` for
  each problem (API_PutDashboard.html, "Errors"; API_DashboardValidationMessage.html).
* ``DeleteDashboards`` "attempts to delete as many dashboards as possible"
  and fails with ``ResourceNotFound`` when one of them does not exist
  (API_DeleteDashboards.html).
* ``ListDashboards`` ``Size`` is "the size of the dashboard, in bytes"
  (API_DashboardEntry.html).
* "All dashboards in your account are global, not region-specific"
  (API_PutDashboard.html): every Region of an account sees the same
  dashboards.

Moto 5.2.5 ignores ``Tags``, refuses to tag a dashboard (its ``TagResource``
knows only alarms), accepts any JSON as a body, counts its size in characters, deletes nothing when one name
is missing, and keeps dashboards per Region: appstack.aws
``cloudwatch_dashboard`` could neither tag a dashboard nor show how AWS
reports an invalid body.
"""

from __future__ import annotations

import json
from typing import Any

from moto.cloudwatch.exceptions import DashboardInvalidInputError, ResourceNotFoundException
from moto.cloudwatch.models import CloudWatchBackend, Dashboard, cloudwatch_backends
from moto.cloudwatch.responses import CloudWatchResponse

# The Region whose backend holds an account's dashboards (they are global).
HOME_REGION = "us-east-1"
WIDGET_TYPES = ("metric", "text", "log", "alarm", "explorer", "custom")
# Widget position and size: (lowest, highest or None), CloudWatch-Dashboard-Body-Structure.html.
WIDGET_RANGES = {"x": (0, 23), "y": (0, None), "width": (1, 24), "height": (1, 1000)}
DASHBOARD_ARN_MARKER = ":dashboard/"

_original_put_dashboard = CloudWatchResponse.put_dashboard
_original_tag_resource = CloudWatchBackend.tag_resource
_original_untag_resource = CloudWatchBackend.untag_resource
_original_list_tags_for_resource = CloudWatchBackend.list_tags_for_resource


def _home(backend: CloudWatchBackend) -> CloudWatchBackend:
    return cloudwatch_backends[backend.account_id][HOME_REGION]


def _get_dashboards(self: CloudWatchBackend) -> dict[str, Dashboard]:
    home = self if self.region_name == HOME_REGION else _home(self)
    return home.__dict__.setdefault("_appstack_dashboards", {})


def _set_dashboards(self: CloudWatchBackend, value: dict[str, Dashboard]) -> None:
    if self.region_name == HOME_REGION:
        self.__dict__["_appstack_dashboards"] = value


def validation_messages(body: Any) -> list[dict[str, str]]:
    """Every problem with a parsed dashboard body, as DashboardValidationMessage dicts (empty: valid)."""
    if not isinstance(body, dict):
        return [{"DataPath": "", "Message": "Should be object"}]
    widgets = body.get("widgets")
    if widgets is None:
        return [{"DataPath": "", "Message": "Should have required property 'widgets'"}]
    if not isinstance(widgets, list):
        return [{"DataPath": "/widgets", "Message": "Should be array"}]
    messages = []
    for index, widget in enumerate(widgets):
        path = f"/widgets/{index}"
        if not isinstance(widget, dict):
            messages.append({"DataPath": path, "Message": "Should be object"})
            continue
        for required in ("type", "properties"):
            if required not in widget:
                messages.append({"DataPath": path, "Message": f"Should have required property '{required}'"})
        if "type" in widget and widget["type"] not in WIDGET_TYPES:
            messages.append(
                {
                    "DataPath": f"{path}/type",
                    "Message": f"Should be equal to one of the allowed values: {', '.join(WIDGET_TYPES)}",
                }
            )
        if "properties" in widget and not isinstance(widget["properties"], dict):
            messages.append({"DataPath": f"{path}/properties", "Message": "Should be object"})
        for key, (low, high) in WIDGET_RANGES.items():
            value = widget.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                messages.append({"DataPath": f"{path}/{key}", "Message": "Should be integer"})
            elif value < low:
                messages.append({"DataPath": f"{path}/{key}", "Message": f"Should be >= {low}"})
            elif high is not None and value > high:
                messages.append({"DataPath": f"{path}/{key}", "Message": f"Should be <= {high}"})
    return messages


def _size(self: Dashboard) -> int:
    """The size of the dashboard in bytes (DashboardEntry ``Size``), not in characters."""
    return len(self.body.encode("utf-8"))


def put_dashboard(self: CloudWatchResponse) -> Any:
    name = self._get_param("DashboardName")
    try:
        body = json.loads(self._get_param("DashboardBody"))
    except (TypeError, ValueError):
        body = None
    else:
        messages = validation_messages(body)
        if messages:
            error = DashboardInvalidInputError(
                f"The dashboard body is invalid, there are {len(messages)} validation errors:"
                f" {json.dumps([{'dataPath': m['DataPath'], 'message': m['Message']} for m in messages])}"
            )
            error.dashboardValidationMessages = messages
            raise error
    existed = name in self.cloudwatch_backend.dashboards
    result = _original_put_dashboard(self)
    tags = self._get_param("Tags", [])
    if tags and not existed:
        dashboard = self.cloudwatch_backend.dashboards[name]
        _home(self.cloudwatch_backend).tagger.tag_resource(dashboard.arn, tags)
    return result


def delete_dashboards(self: CloudWatchBackend, dashboards: list[str]) -> str | None:
    missing = []
    for name in dict.fromkeys(dashboards):
        dashboard = self.dashboards.pop(name, None)
        if dashboard is None:
            missing.append(name)
        else:
            _home(self).tagger.delete_all_tags_for_resource(dashboard.arn)
    if missing:
        return f"The specified dashboard does not exist. [{', '.join(missing)}]"
    return None


def _dashboard_arn(backend: CloudWatchBackend, arn: str) -> bool:
    """True for a dashboard ARN (whose tags the home Region's backend keeps); raises ResourceNotFoundException when it names no dashboard."""
    _, marker, name = arn.partition(DASHBOARD_ARN_MARKER)
    if not marker:
        return False
    dashboard = backend.dashboards.get(name)
    if dashboard is None or dashboard.arn != arn:
        raise ResourceNotFoundException()
    return True


def tag_resource(self: CloudWatchBackend, arn: str, tags: dict[str, str]) -> None:
    if _dashboard_arn(self, arn):
        tagger = _home(self).tagger
        tagger.tag_resource(arn, tagger.convert_dict_to_tags_input(tags))
        return
    _original_tag_resource(self, arn, tags)


def untag_resource(self: CloudWatchBackend, arn: str, tag_keys: list[str]) -> None:
    if _dashboard_arn(self, arn):
        _home(self).tagger.untag_resource_using_names(arn, tag_keys)
        return
    _original_untag_resource(self, arn, tag_keys)


def list_tags_for_resource(self: CloudWatchBackend, arn: str) -> dict[str, str]:
    if _dashboard_arn(self, arn):
        return _home(self).tagger.get_tag_dict_for_resource(arn)
    return _original_list_tags_for_resource(self, arn)


def apply() -> None:
    Dashboard.size = property(_size)
    CloudWatchBackend.dashboards = property(_get_dashboards, _set_dashboards)
    CloudWatchBackend.delete_dashboards = delete_dashboards
    CloudWatchBackend.tag_resource = tag_resource
    CloudWatchBackend.untag_resource = untag_resource
    CloudWatchBackend.list_tags_for_resource = list_tags_for_resource
    CloudWatchResponse.put_dashboard = put_dashboard
