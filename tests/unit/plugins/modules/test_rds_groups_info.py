"""Unit tests for appstack.aws.rds_groups_info (botocore Stubber, no network).

The Stubber fails on any call that was not queued, in the order queued, and checks each request's parameters: a
test that queues N responses proves that the module makes exactly those N calls.
"""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import rds_groups
from ansible_collections.appstack.aws.plugins.modules import rds_groups_info as module

ACCOUNT = "123456789012"
SUBNET_GROUP = "appstack-prod-db"
OTHER_SUBNET_GROUP = "appstack-staging-db"
PARAMETER_GROUP = "appstack-prod-postgres16"
OTHER_PARAMETER_GROUP = "appstack-staging-postgres16"
VPC = "vpc-0123456789abcdef0"
# Out of order, so that the sorting of subnet_ids shows.
SUBNETS = ["subnet-0fedcba9876543210", "subnet-0123456789abcdef0"]
# Tag keys that snake-casing would mangle (ManagedBy -> managed_by) if it reached them.
TAGS = [{"Key": "ManagedBy", "Value": "appstack.aws"}, {"Key": "Name", "Value": "appstack-prod"}]
TAG_DICT = {"ManagedBy": "appstack.aws", "Name": "appstack-prod"}
SUBNET_GROUP_KEYS = {
    "db_subnet_group_name",
    "db_subnet_group_description",
    "db_subnet_group_arn",
    "vpc_id",
    "subnet_group_status",
    "subnet_ids",
    "tags",
}
PARAMETER_GROUP_KEYS = {
    "db_parameter_group_name",
    "db_parameter_group_family",
    "description",
    "db_parameter_group_arn",
    "tags",
    "parameters",
}


def subnet_group_arn(name):
    return f"arn:aws:rds:us-east-1:{ACCOUNT}:subgrp:{name}"


def parameter_group_arn(name):
    return f"arn:aws:rds:us-east-1:{ACCOUNT}:pg:{name}"


def boto_subnet_group(name=SUBNET_GROUP, description="Database subnets of appstack-prod", subnets=SUBNETS):
    group = {
        "DBSubnetGroupName": name,
        "VpcId": VPC,
        "SubnetGroupStatus": "Complete",
        "Subnets": [
            {
                "SubnetIdentifier": subnet,
                "SubnetAvailabilityZone": {"Name": f"us-east-1{zone}"},
                "SubnetOutpost": {},
                "SubnetStatus": "Active",
            }
            for subnet, zone in zip(subnets, "abcdef", strict=False)
        ],
        "DBSubnetGroupArn": subnet_group_arn(name),
        "SupportedNetworkTypes": ["IPV4"],
    }
    if description is not None:
        group["DBSubnetGroupDescription"] = description
    return group


def boto_parameter_group(name=PARAMETER_GROUP, description="PostgreSQL 16, TLS only"):
    group = {
        "DBParameterGroupName": name,
        "DBParameterGroupFamily": "postgres16",
        "DBParameterGroupArn": parameter_group_arn(name),
    }
    if description is not None:
        group["Description"] = description
    return group


def boto_parameter(name, value="1", apply_method="pending-reboot", apply_type="dynamic", source="user"):
    parameter = {
        "ParameterName": name,
        "Description": f"The {name} parameter",
        "Source": source,
        "DataType": "boolean",
        "AllowedValues": "0,1",
        "IsModifiable": True,
    }
    for key, item in (("ParameterValue", value), ("ApplyMethod", apply_method), ("ApplyType", apply_type)):
        if item is not None:
            parameter[key] = item
    return parameter


def queue_subnet_group(stubber, group, tags=TAGS):
    """DescribeDBSubnetGroups, then ListTagsForResource of the group's ARN."""
    stubber.add_response(
        "describe_db_subnet_groups", {"DBSubnetGroups": [group]}, {"DBSubnetGroupName": group["DBSubnetGroupName"]}
    )
    stubber.add_response("list_tags_for_resource", {"TagList": tags}, {"ResourceName": group["DBSubnetGroupArn"]})


def queue_parameter_group(stubber, group, tags=TAGS, parameter_pages=((),), system_pages=((),)):
    """DescribeDBParameterGroups, ListTagsForResource, then DescribeDBParameters page by page, Source user then
    Source system."""
    name = group["DBParameterGroupName"]
    stubber.add_response("describe_db_parameter_groups", {"DBParameterGroups": [group]}, {"DBParameterGroupName": name})
    stubber.add_response("list_tags_for_resource", {"TagList": tags}, {"ResourceName": group["DBParameterGroupArn"]})
    for source, pages in (("user", parameter_pages), ("system", system_pages)):
        for number, page in enumerate(pages):
            response = {"Parameters": list(page)}
            params = {"DBParameterGroupName": name, "Source": source}
            if number:
                params["Marker"] = f"page-{number}"
            if number < len(pages) - 1:
                response["Marker"] = f"page-{number + 1}"
            stubber.add_response("describe_db_parameters", response, params)


def queue_missing_subnet_group(stubber, name):
    stubber.add_client_error(
        "describe_db_subnet_groups",
        "DBSubnetGroupNotFoundFault",
        f"DBSubnetGroup {name} not found.",
        404,
        None,
        {"DBSubnetGroupName": name},
    )


def queue_missing_parameter_group(stubber, operation, name, params=None):
    stubber.add_client_error(
        operation,
        "DBParameterGroupNotFound",
        f"DBParameterGroup not found: {name}",
        404,
        None,
        params or {"DBParameterGroupName": name},
    )


def test_a_subnet_group_and_a_parameter_group_found_are_returned_with_every_key(rds, run_module):
    client, stubber = rds
    queue_subnet_group(stubber, boto_subnet_group())
    queue_parameter_group(
        stubber,
        boto_parameter_group(),
        parameter_pages=(
            [
                boto_parameter("log_min_duration_statement", "500", "immediate", "dynamic"),
                boto_parameter("shared_preload_libraries", None, None, None),
            ],
        ),
        system_pages=([boto_parameter("rds.force_ssl", source="system")],),
    )

    rc, result = run_module(
        module, {"subnet_group_names": [SUBNET_GROUP], "parameter_group_names": [PARAMETER_GROUP]}, client
    )

    assert rc == 0
    assert result["changed"] is False
    [subnet_group] = result["subnet_groups"]
    assert set(subnet_group) == SUBNET_GROUP_KEYS
    assert subnet_group == {
        "db_subnet_group_name": SUBNET_GROUP,
        "db_subnet_group_description": "Database subnets of appstack-prod",
        "db_subnet_group_arn": subnet_group_arn(SUBNET_GROUP),
        "vpc_id": VPC,
        "subnet_group_status": "Complete",
        "subnet_ids": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
        "tags": TAG_DICT,
    }
    [parameter_group] = result["parameter_groups"]
    assert set(parameter_group) == PARAMETER_GROUP_KEYS
    assert parameter_group == {
        "db_parameter_group_name": PARAMETER_GROUP,
        "db_parameter_group_family": "postgres16",
        "description": "PostgreSQL 16, TLS only",
        "db_parameter_group_arn": parameter_group_arn(PARAMETER_GROUP),
        "tags": TAG_DICT,
        "parameters": {
            "log_min_duration_statement": {
                "value": "500",
                "source": "user",
                "data_type": "boolean",
                "apply_method": "immediate",
                "apply_type": "dynamic",
            },
            "shared_preload_libraries": {
                "value": None,
                "source": "user",
                "data_type": "boolean",
                "apply_method": None,
                "apply_type": None,
            },
            "rds.force_ssl": {
                "value": "1",
                "source": "system",
                "data_type": "boolean",
                "apply_method": "pending-reboot",
                "apply_type": "dynamic",
            },
        },
    }


def test_groups_without_tags_description_or_parameters_get_the_defaults(rds, run_module):
    client, stubber = rds
    queue_subnet_group(stubber, boto_subnet_group(description=None, subnets=[]), tags=[])
    queue_parameter_group(stubber, boto_parameter_group(description=None), tags=[])

    rc, result = run_module(
        module, {"subnet_group_names": [SUBNET_GROUP], "parameter_group_names": [PARAMETER_GROUP]}, client
    )

    assert rc == 0
    [subnet_group] = result["subnet_groups"]
    assert (subnet_group["db_subnet_group_description"], subnet_group["subnet_ids"], subnet_group["tags"]) == (
        "",
        [],
        {},
    )
    [parameter_group] = result["parameter_groups"]
    assert (parameter_group["description"], parameter_group["tags"], parameter_group["parameters"]) == ("", {}, {})


def test_missing_groups_are_left_out_without_further_calls(rds, run_module):
    client, stubber = rds
    queue_missing_subnet_group(stubber, "appstack-prod-gone")
    queue_subnet_group(stubber, boto_subnet_group(OTHER_SUBNET_GROUP))
    queue_missing_parameter_group(stubber, "describe_db_parameter_groups", "appstack-prod-gone")
    queue_parameter_group(stubber, boto_parameter_group(OTHER_PARAMETER_GROUP))

    rc, result = run_module(
        module,
        {
            "subnet_group_names": ["appstack-prod-gone", OTHER_SUBNET_GROUP],
            "parameter_group_names": ["appstack-prod-gone", OTHER_PARAMETER_GROUP],
        },
        client,
    )

    assert rc == 0
    assert [group["db_subnet_group_name"] for group in result["subnet_groups"]] == [OTHER_SUBNET_GROUP]
    assert [group["db_parameter_group_name"] for group in result["parameter_groups"]] == [OTHER_PARAMETER_GROUP]


def test_groups_are_returned_in_the_order_asked_and_a_repeated_name_is_read_once(rds, run_module):
    client, stubber = rds
    queue_subnet_group(stubber, boto_subnet_group(OTHER_SUBNET_GROUP))
    queue_subnet_group(stubber, boto_subnet_group(SUBNET_GROUP))
    queue_parameter_group(stubber, boto_parameter_group(OTHER_PARAMETER_GROUP))
    queue_parameter_group(stubber, boto_parameter_group(PARAMETER_GROUP))

    rc, result = run_module(
        module,
        {
            "subnet_group_names": [OTHER_SUBNET_GROUP, SUBNET_GROUP, OTHER_SUBNET_GROUP],
            "parameter_group_names": [OTHER_PARAMETER_GROUP, PARAMETER_GROUP, PARAMETER_GROUP],
        },
        client,
    )

    assert rc == 0
    assert [group["db_subnet_group_name"] for group in result["subnet_groups"]] == [OTHER_SUBNET_GROUP, SUBNET_GROUP]
    assert [group["db_parameter_group_name"] for group in result["parameter_groups"]] == [
        OTHER_PARAMETER_GROUP,
        PARAMETER_GROUP,
    ]


def test_a_group_deleted_between_its_calls_is_left_out(rds, run_module):
    client, stubber = rds
    group = boto_subnet_group()
    stubber.add_response("describe_db_subnet_groups", {"DBSubnetGroups": [group]}, {"DBSubnetGroupName": SUBNET_GROUP})
    stubber.add_client_error(
        "list_tags_for_resource",
        "DBSubnetGroupNotFoundFault",
        f"DBSubnetGroup {SUBNET_GROUP} not found.",
        404,
        None,
        {"ResourceName": group["DBSubnetGroupArn"]},
    )
    # The parameter group disappears after its tags were read.
    parameter_group = boto_parameter_group()
    stubber.add_response(
        "describe_db_parameter_groups",
        {"DBParameterGroups": [parameter_group]},
        {"DBParameterGroupName": PARAMETER_GROUP},
    )
    stubber.add_response(
        "list_tags_for_resource", {"TagList": TAGS}, {"ResourceName": parameter_group_arn(PARAMETER_GROUP)}
    )
    queue_missing_parameter_group(
        stubber, "describe_db_parameters", PARAMETER_GROUP, {"DBParameterGroupName": PARAMETER_GROUP, "Source": "user"}
    )

    rc, result = run_module(
        module, {"subnet_group_names": [SUBNET_GROUP], "parameter_group_names": [PARAMETER_GROUP]}, client
    )

    assert rc == 0
    assert (result["subnet_groups"], result["parameter_groups"]) == ([], [])


def test_no_group_asked_makes_no_call(rds, run_module):
    # Nothing is queued: any call would fail the Stubber, and the fixture checks nothing was left unused.
    client, _stubber = rds

    rc, result = run_module(module, {}, client)

    assert rc == 0
    assert result["changed"] is False
    assert (result["subnet_groups"], result["parameter_groups"]) == ([], [])


def test_empty_lists_make_no_call_and_create_no_client(run_module):
    rc, result = run_module(module, {"subnet_group_names": [], "parameter_group_names": []}, client=None)

    assert rc == 0
    assert (result["subnet_groups"], result["parameter_groups"]) == ([], [])


def test_the_parameters_of_a_group_are_read_to_the_last_page(rds, run_module):
    client, stubber = rds
    queue_parameter_group(
        stubber,
        boto_parameter_group(),
        parameter_pages=([boto_parameter("rds.force_ssl")], [boto_parameter("log_connections", "on", "immediate")]),
        system_pages=([boto_parameter("rds.rds_superuser_reserved_connections", "2", source="system")], []),
    )

    rc, result = run_module(module, {"parameter_group_names": [PARAMETER_GROUP]}, client)

    assert rc == 0
    assert result["subnet_groups"] == []
    [parameter_group] = result["parameter_groups"]
    assert {name: parameter["value"] for name, parameter in parameter_group["parameters"].items()} == {
        "rds.force_ssl": "1",
        "log_connections": "on",
        "rds.rds_superuser_reserved_connections": "2",
    }


def test_check_mode_reads_the_same(rds, run_module):
    args = {"subnet_group_names": [SUBNET_GROUP], "parameter_group_names": [PARAMETER_GROUP]}
    results = []
    for check_mode in (False, True):
        client, stubber = rds
        queue_subnet_group(stubber, boto_subnet_group())
        queue_parameter_group(stubber, boto_parameter_group(), parameter_pages=([boto_parameter("rds.force_ssl")],))

        rc, result = run_module(module, {**args, "_ansible_check_mode": check_mode}, client)

        assert rc == 0
        assert result["changed"] is False
        results.append({key: result[key] for key in ("subnet_groups", "parameter_groups")})

    assert results[0] == results[1]
    assert results[1]["subnet_groups"][0]["db_subnet_group_name"] == SUBNET_GROUP
    assert results[1]["parameter_groups"][0]["parameters"]["rds.force_ssl"]["value"] == "1"


def test_access_denied_on_a_subnet_group_is_reported_without_a_crash(rds, run_module):
    client, stubber = rds
    stubber.add_client_error(
        "describe_db_subnet_groups",
        "AccessDenied",
        "User is not authorized to perform: rds:DescribeDBSubnetGroups",
        403,
        None,
        {"DBSubnetGroupName": SUBNET_GROUP},
    )

    rc, result = run_module(
        module, {"subnet_group_names": [SUBNET_GROUP], "parameter_group_names": [PARAMETER_GROUP]}, client
    )

    assert rc == 1
    assert result["msg"].startswith("Failed to describe DB subnet group: ")
    assert "DescribeDBSubnetGroups operation" in result["msg"]
    assert result["error"]["code"] == "AccessDenied"
    assert "Traceback" not in result["msg"]


def test_access_denied_on_the_parameters_is_reported_without_a_crash(rds, run_module):
    client, stubber = rds
    group = boto_parameter_group()
    stubber.add_response(
        "describe_db_parameter_groups", {"DBParameterGroups": [group]}, {"DBParameterGroupName": PARAMETER_GROUP}
    )
    stubber.add_response("list_tags_for_resource", {"TagList": TAGS}, {"ResourceName": group["DBParameterGroupArn"]})
    stubber.add_client_error(
        "describe_db_parameters",
        "AccessDenied",
        "User is not authorized to perform: rds:DescribeDBParameters",
        403,
        None,
        {"DBParameterGroupName": PARAMETER_GROUP, "Source": "user"},
    )

    rc, result = run_module(module, {"parameter_group_names": [PARAMETER_GROUP]}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to describe DB parameters: ")
    assert "DescribeDBParameters operation" in result["msg"]
    assert result["error"]["code"] == "AccessDenied"
    assert "Traceback" not in result["msg"]


@pytest.mark.parametrize("option", ["subnet_group_names", "parameter_group_names"])
def test_an_empty_name_fails_before_any_call(run_module, option):
    rc, result = run_module(module, {option: [SUBNET_GROUP, ""]}, client=None)

    assert rc == 1
    assert result["msg"] == f"{option} must not contain an empty name."


def test_the_result_keys_are_those_the_module_utils_declare():
    subnet_group = rds_groups.subnet_group_to_result(boto_subnet_group(), {})
    parameter_group = rds_groups.parameter_group_to_result(boto_parameter_group(), {}, [boto_parameter("x")])

    assert tuple(subnet_group) == rds_groups.SUBNET_GROUP_KEYS
    assert tuple(parameter_group) == rds_groups.PARAMETER_GROUP_KEYS
    assert tuple(parameter_group["parameters"]["x"]) == rds_groups.PARAMETER_KEYS
