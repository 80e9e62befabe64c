"""CloudWatch Logs log groups: valid retention only, tags of existing groups only, a class.

AWS:

* ``PutRetentionPolicy`` accepts only the listed ``retentionInDays`` values
  (1, 3, 5, 7, 14, 30, ... 3653) and rejects others with
  ``InvalidParameterException``
  (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
* ``TagResource``, ``UntagResource`` and ``ListTagsForResource`` on the ARN of
  a log group that does not exist fail with ``ResourceNotFoundException``
  (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html).
  A log group's ARN there has the form ``arn:aws:logs:REGION:ACCOUNT:log-group:NAME``
  (``logGroupArn`` of DescribeLogGroups), without the ``:*`` that the older
  ``arn`` field ends with.
* ``DescribeLogGroups`` reports each group's ``logGroupClass``, ``STANDARD``
  unless created with another
  (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html).

Moto 5.2.5 stores any retention, tags any ARN (so tagging with the ``:*`` ARN
seems to work and then fails against AWS), and reports no class.
"""

from __future__ import annotations

from typing import Any

from moto.logs.exceptions import InvalidParameterException, ResourceNotFoundException
from moto.logs.models import LogGroup, LogsBackend
from moto.logs.responses import LogsResponse

RETENTION_DAYS = (
    1,
    3,
    5,
    7,
    14,
    30,
    60,
    90,
    120,
    150,
    180,
    365,
    400,
    545,
    731,
    1096,
    1827,
    2192,
    2557,
    2922,
    3288,
    3653,
)
DEFAULT_CLASS = "STANDARD"
LOG_GROUP_ARN_MARKER = ":log-group:"

_original_put_retention_policy = LogsBackend.put_retention_policy
_original_tag_resource = LogsBackend.tag_resource
_original_untag_resource = LogsBackend.untag_resource
_original_list_tags_for_resource = LogsBackend.list_tags_for_resource
_original_to_describe_dict = LogGroup.to_describe_dict
_original_create_log_group = LogsResponse.create_log_group


def put_retention_policy(self: LogsBackend, log_group_name: str, retention_in_days: Any) -> None:
    if retention_in_days not in RETENTION_DAYS:
        allowed = ", ".join(map(str, RETENTION_DAYS))
        raise InvalidParameterException(
            constraint=f"Member must satisfy enum value set: [{allowed}]",
            parameter="retentionInDays",
            value=retention_in_days,
        )
    _original_put_retention_policy(self, log_group_name, retention_in_days)


def _require_log_group(backend: LogsBackend, arn: str) -> None:
    """Fail as AWS does when a log group ARN names no existing group."""
    _, marker, name = arn.partition(LOG_GROUP_ARN_MARKER)
    if marker and name not in backend.groups:
        raise ResourceNotFoundException()


def tag_resource(self: LogsBackend, arn: str, tags: dict[str, str]) -> None:
    _require_log_group(self, arn)
    _original_tag_resource(self, arn, tags)


def untag_resource(self: LogsBackend, arn: str, tag_keys: list[str]) -> None:
    _require_log_group(self, arn)
    _original_untag_resource(self, arn, tag_keys)


def list_tags_for_resource(self: LogsBackend, resource_arn: str) -> dict[str, str]:
    _require_log_group(self, resource_arn)
    return _original_list_tags_for_resource(self, resource_arn)


def to_describe_dict(self: LogGroup) -> dict[str, Any]:
    described = _original_to_describe_dict(self)
    described["logGroupClass"] = getattr(self, "log_group_class", DEFAULT_CLASS)
    return described


def create_log_group(self: LogsResponse) -> str:
    result = _original_create_log_group(self)
    group_class = self._get_param("logGroupClass")
    if group_class:
        self.logs_backend.groups[self._get_param("logGroupName")].log_group_class = group_class
    return result


def apply() -> None:
    LogsBackend.put_retention_policy = put_retention_policy
    LogsBackend.tag_resource = tag_resource
    LogsBackend.untag_resource = untag_resource
    LogsBackend.list_tags_for_resource = list_tags_for_resource
    LogGroup.to_describe_dict = to_describe_dict
    LogsResponse.create_log_group = create_log_group
