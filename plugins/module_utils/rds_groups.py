# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read the DB subnet groups and DB parameter groups the rds role manages: two calls per subnet group, four per
parameter group.

Every helper expects an RDS client created with
``module.client("rds", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleRDSError (from
``module_utils/rds.py``), which a module turns into a failure with ``fail_json_aws_error``.

A subnet group is read with ``DescribeDBSubnetGroups`` and ``ListTagsForResource``; a parameter group with
``DescribeDBParameterGroups``, ``ListTagsForResource`` and ``DescribeDBParameters`` once with ``Source="user"`` and
once with ``Source="system"``, each read to the last page.  A group that doesn't exist (``DBSubnetGroupNotFoundFault``, ``DBParameterGroupNotFound``), or that
disappears between its calls, is left out.  Results are flat dicts with the keys of SUBNET_GROUP_KEYS and
PARAMETER_GROUP_KEYS; tags are a dict (``{}`` when none) and parameters a dict by parameter name, neither
snake-cased.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.rds import RDSErrorHandler

# The error codes of a DB subnet group and of a DB parameter group that isn't there.
GROUP_NOT_FOUND_CODES = ["DBSubnetGroupNotFoundFault", "DBParameterGroupNotFound"]
# DescribeDBParameters is asked for the parameters that have a value: those set in the group (user) and those RDS
# sets (system, e.g. rds.force_ssl from PostgreSQL 15), not the several hundred engine defaults, which have none.
PARAMETER_SOURCES = ("user", "system")

# The keys of each entry of ``subnet_groups``, of ``parameter_groups`` and of each of its ``parameters``.
SUBNET_GROUP_KEYS = (
    "db_subnet_group_name",
    "db_subnet_group_description",
    "db_subnet_group_arn",
    "vpc_id",
    "subnet_group_status",
    "subnet_ids",
    "tags",
)
PARAMETER_GROUP_KEYS = (
    "db_parameter_group_name",
    "db_parameter_group_family",
    "description",
    "db_parameter_group_arn",
    "tags",
    "parameters",
)
PARAMETER_KEYS = ("value", "source", "data_type", "apply_method", "apply_type")


class RDSGroupErrorHandler(RDSErrorHandler):
    """RDSErrorHandler (raising AnsibleRDSError) for which a missing subnet or parameter group is "not there".

    rds.py's ``list_tags`` treats only the instance and proxy codes as missing; a group deleted between its calls
    must be left out here, so its tags are read through this handler instead.
    """

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(GROUP_NOT_FOUND_CODES)


@RDSGroupErrorHandler.list_error_handler("list the tags of DB group")
def list_group_tags(client, arn):
    """A subnet or parameter group's tags as a dict; None when the group is gone."""
    return boto3_tag_list_to_ansible_dict(client.list_tags_for_resource(aws_retry=True, ResourceName=arn)["TagList"])


@RDSGroupErrorHandler.list_error_handler("describe DB subnet group")
def describe_db_subnet_group(client, name):
    """DescribeDBSubnetGroups' group of this name; None when it doesn't exist."""
    groups = client.describe_db_subnet_groups(aws_retry=True, DBSubnetGroupName=name)["DBSubnetGroups"]
    return groups[0] if groups else None


@RDSGroupErrorHandler.list_error_handler("describe DB parameter group")
def describe_db_parameter_group(client, name):
    """DescribeDBParameterGroups' group of this name; None when it doesn't exist."""
    groups = client.describe_db_parameter_groups(aws_retry=True, DBParameterGroupName=name)["DBParameterGroups"]
    return groups[0] if groups else None


@RDSGroupErrorHandler.list_error_handler("describe DB parameters")
@AWSRetry.jittered_backoff()
def describe_parameters(client, name, source):
    """The group's parameters of one source, read to the last page; None when the group is gone."""
    paginator = client.get_paginator("describe_db_parameters")
    pages = paginator.paginate(DBParameterGroupName=name, Source=source)
    return pages.build_full_result().get("Parameters", [])


def parameters_to_dict(parameters):
    """DescribeDBParameters ``Parameters`` as {ParameterName: {value, source, data_type, apply_method, apply_type}},
    names kept as is."""
    return {
        parameter["ParameterName"]: {
            "value": parameter.get("ParameterValue"),
            "source": parameter.get("Source"),
            "data_type": parameter.get("DataType"),
            "apply_method": parameter.get("ApplyMethod"),
            "apply_type": parameter.get("ApplyType"),
        }
        for parameter in parameters
    }


def subnet_group_to_result(group, tags):
    """A DescribeDBSubnetGroups group and its tags, as one entry of ``subnet_groups``."""
    return {
        "db_subnet_group_name": group["DBSubnetGroupName"],
        "db_subnet_group_description": group.get("DBSubnetGroupDescription") or "",
        "db_subnet_group_arn": group["DBSubnetGroupArn"],
        "vpc_id": group.get("VpcId"),
        "subnet_group_status": group.get("SubnetGroupStatus"),
        "subnet_ids": sorted(subnet["SubnetIdentifier"] for subnet in group.get("Subnets") or []),
        "tags": dict(tags),
    }


def parameter_group_to_result(group, tags, parameters):
    """A DescribeDBParameterGroups group, its tags and its parameters, as one entry of ``parameter_groups``."""
    return {
        "db_parameter_group_name": group["DBParameterGroupName"],
        "db_parameter_group_family": group["DBParameterGroupFamily"],
        "description": group.get("Description") or "",
        "db_parameter_group_arn": group["DBParameterGroupArn"],
        "tags": dict(tags),
        "parameters": parameters_to_dict(parameters),
    }


def read_subnet_group(client, name):
    """The subnet group as an entry of ``subnet_groups``, or None when it doesn't exist (no tag call then)."""
    group = describe_db_subnet_group(client, name)
    if group is None:
        return None
    tags = list_group_tags(client, group["DBSubnetGroupArn"])
    if tags is None:
        return None
    return subnet_group_to_result(group, tags)


def read_parameter_group(client, name):
    """The parameter group as an entry of ``parameter_groups``, or None when it doesn't exist (no further call)."""
    group = describe_db_parameter_group(client, name)
    if group is None:
        return None
    tags = list_group_tags(client, group["DBParameterGroupArn"])
    if tags is None:
        return None
    parameters = []
    for source in PARAMETER_SOURCES:
        of_source = describe_parameters(client, name, source)
        if of_source is None:
            return None
        parameters.extend(of_source)
    return parameter_group_to_result(group, tags, parameters)


def read_rds_groups(client, subnet_group_names=(), parameter_group_names=()):
    """``{"subnet_groups": [...], "parameter_groups": [...]}``: the groups found, in the order asked.

    A group that doesn't exist is left out; a name given twice is read once.
    """
    subnet_groups = [read_subnet_group(client, name) for name in dict.fromkeys(subnet_group_names)]
    parameter_groups = [read_parameter_group(client, name) for name in dict.fromkeys(parameter_group_names)]
    return {
        "subnet_groups": [group for group in subnet_groups if group is not None],
        "parameter_groups": [group for group in parameter_groups if group is not None],
    }
