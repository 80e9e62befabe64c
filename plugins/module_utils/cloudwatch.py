# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every CloudWatch module of the collection shares: its error, its error handler and the tagging calls.

Alarms and dashboards are tagged by ARN through the same three CloudWatch APIs. Every helper expects a client
created with ``module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())`` and raises
AnsibleCloudWatchError, which a module turns into a failure with ``fail_json_aws_error``.
"""

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)

# GetDashboard and DeleteDashboards answer ResourceNotFound (DashboardNotFoundError) for a missing dashboard,
# the tagging APIs ResourceNotFoundException.
MISSING_CODES = ["ResourceNotFound", "ResourceNotFoundException"]


class AnsibleCloudWatchError(AnsibleAWSError):
    pass


class CloudWatchErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = AnsibleCloudWatchError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(MISSING_CODES)


@CloudWatchErrorHandler.list_error_handler("list tags", {})
def list_tags(client, arn):
    """The tags of an alarm or dashboard, as a dict; {} when it is gone."""
    return boto3_tag_list_to_ansible_dict(client.list_tags_for_resource(ResourceARN=arn, aws_retry=True)["Tags"])


@CloudWatchErrorHandler.common_error_handler("tag resource")
def tag_resource(client, arn, tags):
    tag_list = ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in tags.items()})
    client.tag_resource(ResourceARN=arn, Tags=tag_list, aws_retry=True)
    return True


@CloudWatchErrorHandler.common_error_handler("untag resource")
def untag_resource(client, arn, tag_keys):
    client.untag_resource(ResourceARN=arn, TagKeys=list(tag_keys), aws_retry=True)
    return True
