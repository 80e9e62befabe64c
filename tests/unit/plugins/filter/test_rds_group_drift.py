"""DB subnet and parameter groups compared as amazon.aws.rds_subnet_group and rds_instance_param_group compare them."""

import pytest
from ansible_collections.amazon.aws.plugins.modules.rds_instance_param_group import convert_parameter
from ansible_collections.appstack.aws.plugins.filter.rds_parameter_group_drift import (
    FilterModule as ParameterGroupFilters,
)
from ansible_collections.appstack.aws.plugins.filter.rds_parameter_group_drift import rds_parameter_group_drift
from ansible_collections.appstack.aws.plugins.filter.rds_subnet_group_drift import (
    FilterModule as SubnetGroupFilters,
)
from ansible_collections.appstack.aws.plugins.filter.rds_subnet_group_drift import rds_subnet_group_drift
from ansible_collections.appstack.aws.plugins.plugin_utils.rds_parameters import convert_parameter_value

SUBNET_GROUP = "smartscheduler-prod"
PARAMETER_GROUP = "smartscheduler-prod-postgres16"
TAGS = {"Environment": "prod", "Name": SUBNET_GROUP}
SUBNET_WANTED = {
    "name": SUBNET_GROUP,
    "description": "Database subnets of smartscheduler-prod",
    "subnets": ["subnet-0b", "subnet-0a"],
    "tags": TAGS,
    "purge_tags": True,
    "state": "present",
}
PARAMETERS_WANTED = {
    "name": PARAMETER_GROUP,
    "description": "PostgreSQL 16 parameters of smartscheduler-prod",
    "engine": "postgres16",
    "params": {"rds.force_ssl": 1, "log_min_duration_statement": "500", "log_connections": 1},
    "immediate": True,
    "tags": TAGS,
    "purge_tags": True,
}


def subnet_group(**changes):
    read = {
        "db_subnet_group_name": SUBNET_GROUP,
        "db_subnet_group_description": "Database subnets of smartscheduler-prod",
        "db_subnet_group_arn": f"arn:aws:rds:us-east-1:123456789012:subgrp:{SUBNET_GROUP}",
        "vpc_id": "vpc-0a",
        "subnet_group_status": "Complete",
        "subnet_ids": ["subnet-0a", "subnet-0b"],
        "tags": dict(TAGS),
    }
    read.update(changes)
    return read


def parameter(value, data_type="integer", source="user"):
    return {"value": value, "data_type": data_type, "source": source, "apply_method": "immediate"}


def parameter_group(parameters=None, **changes):
    read = {
        "db_parameter_group_name": PARAMETER_GROUP,
        "db_parameter_group_family": "postgres16",
        "description": "PostgreSQL 16 parameters of smartscheduler-prod",
        "db_parameter_group_arn": f"arn:aws:rds:us-east-1:123456789012:pg:{PARAMETER_GROUP}",
        "tags": dict(TAGS),
        "parameters": {
            "rds.force_ssl": parameter("1", "boolean", source="system"),
            "log_min_duration_statement": parameter("500"),
            "log_connections": parameter("1", "boolean"),
        },
    }
    read["parameters"].update(parameters or {})
    read.update(changes)
    return read


# Subnet groups


def test_a_subnet_group_as_asked_has_no_difference_whatever_the_order_of_its_subnets():
    assert rds_subnet_group_drift([subnet_group()], SUBNET_WANTED) == []


def test_a_missing_subnet_group_is_a_difference():
    assert rds_subnet_group_drift([subnet_group(db_subnet_group_name="other")], SUBNET_WANTED) == [
        f"the DB subnet group {SUBNET_GROUP} does not exist"
    ]
    assert rds_subnet_group_drift([], SUBNET_WANTED) != []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"db_subnet_group_description": "by hand"}, "the description differs"),
        ({"subnet_ids": ["subnet-0a"]}, "subnets ['subnet-0a'], not ['subnet-0a', 'subnet-0b']"),
        ({"tags": {**TAGS, "Owner": "someone"}}, "to remove ['Owner']"),
        ({"tags": {"Name": SUBNET_GROUP}}, "tags to set ['Environment']"),
    ],
)
def test_each_setting_the_module_changes_is_a_difference(changes, expected):
    (difference,) = rds_subnet_group_drift([subnet_group(**changes)], SUBNET_WANTED)
    assert difference.startswith(f"the DB subnet group {SUBNET_GROUP}: ")
    assert expected in difference


def test_aws_tags_and_kept_extra_tags_are_no_difference():
    read = subnet_group(tags={**TAGS, "aws:cloudformation:stack-name": "x", "Owner": "someone"})
    assert rds_subnet_group_drift([read], SUBNET_WANTED | {"purge_tags": False}) == []


def test_options_left_out_are_not_compared():
    read = subnet_group(db_subnet_group_description="by hand", subnet_ids=["subnet-0c"], tags={})
    assert rds_subnet_group_drift([read], {"name": SUBNET_GROUP}) == []


# Parameter groups


def test_a_parameter_group_as_asked_has_no_difference():
    assert rds_parameter_group_drift([parameter_group()], PARAMETERS_WANTED) == []


def test_a_missing_parameter_group_is_a_difference():
    assert rds_parameter_group_drift([], PARAMETERS_WANTED) == [
        f"the DB parameter group {PARAMETER_GROUP} does not exist"
    ]


def test_a_parameter_at_its_engine_default_is_a_difference_as_the_module_always_sets_it():
    read = parameter_group()
    del read["parameters"]["log_connections"]
    assert rds_parameter_group_drift([read], PARAMETERS_WANTED) == [
        f"the DB parameter group {PARAMETER_GROUP}: log_connections is at its engine default, not 1"
    ]
    read = parameter_group({"log_connections": parameter(None, "boolean", source="engine-default")})
    assert len(rds_parameter_group_drift([read], PARAMETERS_WANTED)) == 1


def test_a_value_changed_by_hand_is_a_difference():
    read = parameter_group({"log_min_duration_statement": parameter("-1")})
    assert rds_parameter_group_drift([read], PARAMETERS_WANTED) == [
        f"the DB parameter group {PARAMETER_GROUP}: log_min_duration_statement is -1, not 500"
    ]


@pytest.mark.parametrize(
    ("wanted", "read", "data_type"),
    [
        (True, "1", "boolean"),
        ("yes", "1", "boolean"),
        (False, "0", "boolean"),
        ("10M", str(10 * 1024 * 1024), "integer"),
        (500, "500", "integer"),
        ("all", "all", "string"),
    ],
)
def test_values_are_converted_as_the_module_converts_them(wanted, read, data_type):
    group = parameter_group({"p": parameter(read, data_type)})
    assert rds_parameter_group_drift([group], {"name": PARAMETER_GROUP, "params": {"p": wanted}}) == []


@pytest.mark.parametrize("data_type", ["integer", "boolean", "string", "list", "float", None])
@pytest.mark.parametrize(
    "value",
    [
        *("10M", "1K", "2G", "3T", "500", "-1", "1.5G", "M", "10m", "", "{DBInstanceClassMemory/4}"),
        *("yes", "true", "True", "on", "no", "0", "1", 0, 1, 2, 500, 1.5, True, False, None, "a,b", ["a", "b"]),
    ],
)
def test_values_convert_exactly_as_amazon_aws_converts_them(data_type, value):
    """The filter's own copy of the conversion (amazon.aws's module imports boto3) gives the module's text."""
    assert convert_parameter_value(data_type, value) == convert_parameter({"DataType": data_type}, value)


def test_tags_are_compared_only_when_given_as_the_module_does():
    read = parameter_group(tags={"Owner": "someone"})
    assert rds_parameter_group_drift([read], PARAMETERS_WANTED | {"tags": {}}) == []
    (difference,) = rds_parameter_group_drift([read], PARAMETERS_WANTED)
    assert "to remove ['Owner']" in difference


def test_the_description_and_family_are_left_alone_as_the_module_leaves_them():
    read = parameter_group(description="by hand", db_parameter_group_family="postgres15")
    assert rds_parameter_group_drift([read], PARAMETERS_WANTED) == []


def test_the_filters_are_registered_under_their_names():
    assert SubnetGroupFilters().filters() == {"rds_subnet_group_drift": rds_subnet_group_drift}
    assert ParameterGroupFilters().filters() == {"rds_parameter_group_drift": rds_parameter_group_drift}
