# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A service that appstack.aws.apprunner_service_info returned, back in the shape DescribeService gives.

The apprunner_drift filters plan with appstack.aws.apprunner_service's own functions
(``apprunner_service_plan.plan_update``), which compare boto3-shaped (CamelCase) sections. The info module
returns each service in snake_case (``service_to_ansible``), so the filters turn it back. Every key of
App Runner's Service shape survives the round trip (a unit test walks botocore's model to prove it); the
contents of the environment variable maps keep their keys as given, as ``service_to_ansible`` keeps them.
"""

import copy

from ansible.module_utils.common.dict_transformations import snake_dict_to_camel_dict
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_service_plan import USER_MAPS

# What the info module adds to a described service: the tags (compared apart) and, when asked, its operations.
ADDED_BY_INFO = ("tags", "operations")


def camel_key(key):
    """A snake_case key as App Runner spells it: service_url -> ServiceUrl, cpu -> Cpu."""
    return next(iter(snake_dict_to_camel_dict({key: None}, capitalize_first=True)))


def _to_boto3(value):
    if isinstance(value, list):
        return [_to_boto3(item) for item in value]
    if not isinstance(value, dict):
        return value
    converted = {}
    for key, item in value.items():
        camel = camel_key(key)
        # Variable names are the user's own: "database_url" must not become "DatabaseUrl".
        converted[camel] = copy.deepcopy(item) if camel in USER_MAPS else _to_boto3(item)
    return converted


def service_from_ansible(service):
    """A service of apprunner_service_info's ``services`` as DescribeService describes it (None stays None).

    The tags and operations the info module adds are left out: ``plan_update`` doesn't read them.
    """
    if not service:
        return None
    return _to_boto3({key: value for key, value in service.items() if key not in ADDED_BY_INFO})
