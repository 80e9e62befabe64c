# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ElastiCache cache subnet groups and cache parameter groups, for appstack.aws.elasticache_subnet_group and
appstack.aws.elasticache_parameter_group.

Every API helper expects a client created with
``module.client("elasticache", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleElastiCacheError
(from ``module_utils/elasticache.py``), which a module turns into a failure with ``fail_json_aws_error``.

A subnet group is read with ``DescribeCacheSubnetGroups`` and ``ListTagsForResource`` (two calls); a parameter
group with ``DescribeCacheParameterGroups``, ``ListTagsForResource`` and ``DescribeCacheParameters`` (three, one
page holding up to 100 parameters).  Both come back as flat dicts (SUBNET_GROUP_KEYS, PARAMETER_GROUP_KEYS) with
tags as a dict.

The planning functions (``*_problems``, ``plan_*``, ``predicted_*``) are pure: they import nothing of botocore and
make no call.  AWS's rules they follow
(https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/):

* group names are stored in lower case (CreateCacheSubnetGroup, CreateCacheParameterGroup);
* a subnet group name has at most 255 letters, digits or hyphens;
* ``ModifyCacheParameterGroup`` takes at most 20 parameters a request;
* a parameter's ``AllowedValues`` is a comma-separated list of values, or for an integer of values and ranges
  (``0,20-``, ``1-100``); ``IsModifiable`` false means it can't be set;
* the default groups (``default.<family>...``) can't be modified, and nothing changes a group's family or a
  parameter group's description.
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.appstack.aws.plugins.module_utils.elasticache import ElastiCacheErrorHandler, list_tags

SUBNET_GROUP_NAME = re.compile(r"^[A-Za-z0-9-]{1,255}$")
PARAMETER_GROUP_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*(?<!-)$")
PARAMETER_GROUP_NAME_MAX_LENGTH = 255
DEFAULT_GROUP_PREFIX = "default."
MAX_PARAMETERS_PER_CALL = 20
# The families of the engines this collection manages (CreateCacheParameterGroup CacheParameterGroupFamily).
FAMILIES = ["valkey8", "valkey7", "redis7", "redis6.x"]

SUBNET_GROUP_KEYS = ("name", "description", "vpc_id", "subnet_ids", "arn", "tags")
PARAMETER_GROUP_KEYS = ("name", "family", "description", "arn", "parameters", "tags")
VALUE_LIST = re.compile(r"^[\w.-]+(?:,[\w.-]+)*$")
INTEGER = re.compile(r"^-?\d+$")


# --- input checks -------------------------------------------------------------------


def subnet_group_problems(params):
    """Every problem with elasticache_subnet_group's options (empty: none)."""
    problems = []
    if not SUBNET_GROUP_NAME.match(params["name"] or ""):
        problems.append(f"name must be 1 to 255 letters, digits or hyphens, not {params['name']!r}.")
    if params.get("state") != "absent" and params.get("subnets") is not None and not params["subnets"]:
        problems.append("subnets must name at least one subnet.")
    return problems


def parameter_group_problems(params):
    """Every problem with elasticache_parameter_group's options (empty: none)."""
    problems = []
    name = params["name"] or ""
    if name.lower().startswith(DEFAULT_GROUP_PREFIX):
        problems.append(f"name {name!r} is a default parameter group, which can't be changed; name a group of yours.")
    elif not PARAMETER_GROUP_NAME.match(name) or len(name) > PARAMETER_GROUP_NAME_MAX_LENGTH:
        problems.append(
            f"name must be 1 to {PARAMETER_GROUP_NAME_MAX_LENGTH} letters, digits or hyphens, starting with a letter,"
            f" without two hyphens in a row or a hyphen last, not {name!r}."
        )
    return problems


def parameter_value(value):
    """An option's parameter value as ElastiCache writes it: a string, booleans as yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _allowed(value, data_type, allowed):
    if not allowed:
        return True
    if data_type == "integer":
        if not INTEGER.match(value):
            return False
        number = int(value)
        for item in allowed.split(","):
            low, dash, high = item.partition("-")
            if not INTEGER.match(low or "0") or (high and not INTEGER.match(high)):
                return True  # a form of AllowedValues not known here: leave the check to ElastiCache
            if (not dash and number == int(low)) or (dash and number >= int(low) and (not high or number <= int(high))):
                return True
        return False
    if VALUE_LIST.match(allowed):
        return value in allowed.split(",")
    return True


def parameter_problems(desired, parameters, family):
    """Every parameter of ``desired`` ({name: value string}) the family lacks, can't modify or won't take.

    :param parameters: DescribeCacheParameters (or DescribeEngineDefaultParameters) ``Parameters`` of the family
    """
    known = {parameter["ParameterName"]: parameter for parameter in parameters}
    problems = []
    for name, value in sorted(desired.items()):
        parameter = known.get(name)
        if parameter is None:
            problems.append(f"parameters: {name} is not a parameter of family {family}.")
        elif not parameter.get("IsModifiable", True):
            problems.append(f"parameters: {name} can't be modified (ElastiCache sets it).")
        elif not _allowed(value, parameter.get("DataType"), parameter.get("AllowedValues")):
            problems.append(
                f"parameters: {name} can't be {value!r}; allowed values: {parameter['AllowedValues']}"
                f" ({parameter.get('DataType')})."
            )
    return problems


# --- planning -----------------------------------------------------------------------


def plan_subnet_group(current, params):
    """ModifyCacheSubnetGroup's arguments for what differs from ``current`` (a SUBNET_GROUP_KEYS dict); {}: none."""
    changes = {}
    if params.get("description") is not None and params["description"] != current["description"]:
        changes["CacheSubnetGroupDescription"] = params["description"]
    if params.get("subnets") is not None and sorted(set(params["subnets"])) != current["subnet_ids"]:
        changes["SubnetIds"] = sorted(set(params["subnets"]))
    return changes


def predicted_subnet_group(current, params):
    """The subnet group as it will be once created or modified (tags are planned apart)."""
    group = dict(current or {"name": params["name"].lower(), "vpc_id": None, "arn": None, "tags": {}})
    if params.get("description") is not None:
        group["description"] = params["description"]
    if params.get("subnets") is not None:
        group["subnet_ids"] = sorted(set(params["subnets"]))
    return group


def desired_parameters(params):
    """The ``parameters`` option as {name: value string}."""
    return {name: parameter_value(value) for name, value in (params.get("parameters") or {}).items()}


def current_values(parameters):
    """{name: value} of DescribeCacheParameters ``Parameters`` (a parameter without value: "")."""
    return {parameter["ParameterName"]: parameter.get("ParameterValue", "") for parameter in parameters}


def plan_parameters(parameters, desired, reset_unlisted):
    """(to_set {name: value}, to_reset [names]) that bring a group's ``parameters`` (DescribeCacheParameters) to
    ``desired``; with ``reset_unlisted``, the parameters set in the group (Source user) and not desired are reset."""
    values = current_values(parameters)
    to_set = {name: value for name, value in desired.items() if values.get(name) != value}
    to_reset = []
    if reset_unlisted:
        to_reset = sorted(
            parameter["ParameterName"]
            for parameter in parameters
            if parameter.get("Source") == "user" and parameter["ParameterName"] not in desired
        )
    return to_set, to_reset


def managed_values(parameters, desired):
    """{name: current value} of the parameters named in ``desired``."""
    values = current_values(parameters)
    return {name: values.get(name, "") for name in desired}


def family_change_message(name, current_family, family):
    return (
        f"Parameter group {name} has family {current_family}, not {family}: ElastiCache can't change the family of a"
        f" parameter group. To move to {family}, create a new parameter group with another name and family {family},"
        " point the replication group at it (cache_parameter_group_name, with the matching engine version), then"
        " delete this one with state=absent."
    )


def chunks(items, size=MAX_PARAMETERS_PER_CALL):
    items = list(items)
    return [items[start : start + size] for start in range(0, len(items), size)]


# --- results ------------------------------------------------------------------------


def subnet_group_to_result(group, tags):
    """A DescribeCacheSubnetGroups group and its tags, as elasticache_subnet_group returns it."""
    return {
        "name": group["CacheSubnetGroupName"],
        "description": group.get("CacheSubnetGroupDescription") or "",
        "vpc_id": group.get("VpcId"),
        "subnet_ids": sorted(subnet["SubnetIdentifier"] for subnet in group.get("Subnets") or []),
        "arn": group.get("ARN"),
        "tags": dict(tags or {}),
    }


def parameter_group_to_result(group, tags, values):
    """A DescribeCacheParameterGroups group, its tags and its managed values, as elasticache_parameter_group
    returns it."""
    return {
        "name": group["CacheParameterGroupName"],
        "family": group["CacheParameterGroupFamily"],
        "description": group.get("Description") or "",
        "arn": group.get("ARN"),
        "parameters": dict(values),
        "tags": dict(tags or {}),
    }


# --- API ----------------------------------------------------------------------------


@ElastiCacheErrorHandler.list_error_handler("describe cache subnet group")
def describe_subnet_group(client, name):
    """DescribeCacheSubnetGroups' group of this name; None when it doesn't exist."""
    groups = client.describe_cache_subnet_groups(aws_retry=True, CacheSubnetGroupName=name)["CacheSubnetGroups"]
    return groups[0] if groups else None


def read_subnet_group(client, name):
    """The subnet group (SUBNET_GROUP_KEYS), or None when it doesn't exist."""
    group = describe_subnet_group(client, name)
    if group is None:
        return None
    return subnet_group_to_result(group, list_tags(client, group["ARN"]))


@ElastiCacheErrorHandler.common_error_handler("create cache subnet group")
def create_subnet_group(client, name, description, subnet_ids, tags):
    kwargs = dict(CacheSubnetGroupName=name, CacheSubnetGroupDescription=description, SubnetIds=subnet_ids)
    if tags:
        kwargs["Tags"] = ansible_dict_to_boto3_tag_list(tags)
    return client.create_cache_subnet_group(aws_retry=True, **kwargs)["CacheSubnetGroup"]


@ElastiCacheErrorHandler.common_error_handler("modify cache subnet group")
def modify_subnet_group(client, name, changes):
    return client.modify_cache_subnet_group(aws_retry=True, CacheSubnetGroupName=name, **changes)["CacheSubnetGroup"]


@ElastiCacheErrorHandler.deletion_error_handler("delete cache subnet group")
def delete_subnet_group(client, name):
    client.delete_cache_subnet_group(aws_retry=True, CacheSubnetGroupName=name)
    return True


@ElastiCacheErrorHandler.list_error_handler("describe cache parameter group")
def describe_parameter_group(client, name):
    """DescribeCacheParameterGroups' group of this name; None when it doesn't exist."""
    groups = client.describe_cache_parameter_groups(aws_retry=True, CacheParameterGroupName=name)
    return groups["CacheParameterGroups"][0] if groups["CacheParameterGroups"] else None


@ElastiCacheErrorHandler.list_error_handler("describe cache parameters")
@AWSRetry.jittered_backoff()
def describe_parameters(client, name):
    """Every parameter of the group, read to the last page; None when the group is gone."""
    paginator = client.get_paginator("describe_cache_parameters")
    return paginator.paginate(CacheParameterGroupName=name).build_full_result().get("Parameters", [])


@ElastiCacheErrorHandler.common_error_handler("describe engine default parameters")
@AWSRetry.jittered_backoff()
def describe_family_parameters(client, family):
    """The parameters of a family with their defaults (DescribeEngineDefaultParameters), read to the last page."""
    paginator = client.get_paginator("describe_engine_default_parameters")
    result = paginator.paginate(CacheParameterGroupFamily=family).build_full_result()
    return result.get("EngineDefaults", {}).get("Parameters", [])


def read_parameter_group(client, name):
    """(the group as DescribeCacheParameterGroups has it, its tags, its parameters), or None when it doesn't
    exist."""
    group = describe_parameter_group(client, name)
    if group is None:
        return None
    tags = list_tags(client, group["ARN"])
    parameters = describe_parameters(client, name)
    if parameters is None:
        return None
    return group, tags, parameters


@ElastiCacheErrorHandler.common_error_handler("create cache parameter group")
def create_parameter_group(client, name, family, description, tags):
    kwargs = dict(CacheParameterGroupName=name, CacheParameterGroupFamily=family, Description=description)
    if tags:
        kwargs["Tags"] = ansible_dict_to_boto3_tag_list(tags)
    return client.create_cache_parameter_group(aws_retry=True, **kwargs)["CacheParameterGroup"]


@ElastiCacheErrorHandler.common_error_handler("modify cache parameter group")
def set_parameters(client, name, values):
    """ModifyCacheParameterGroup, 20 parameters a call."""
    for chunk in chunks(sorted(values.items())):
        client.modify_cache_parameter_group(
            aws_retry=True,
            CacheParameterGroupName=name,
            ParameterNameValues=[{"ParameterName": key, "ParameterValue": value} for key, value in chunk],
        )


@ElastiCacheErrorHandler.common_error_handler("reset cache parameter group")
def reset_parameters(client, name, names):
    """ResetCacheParameterGroup of the parameters named, 20 a call."""
    for chunk in chunks(names):
        client.reset_cache_parameter_group(
            aws_retry=True,
            CacheParameterGroupName=name,
            ResetAllParameters=False,
            ParameterNameValues=[{"ParameterName": key} for key in chunk],
        )


@ElastiCacheErrorHandler.deletion_error_handler("delete cache parameter group")
def delete_parameter_group(client, name):
    client.delete_cache_parameter_group(aws_retry=True, CacheParameterGroupName=name)
    return True
