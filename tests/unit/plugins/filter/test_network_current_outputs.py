"""The lookup entry point's outputs: what a converge publishes, built from what exists."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.network_current_outputs import (
    FilterModule,
    network_current_outputs,
)

PREFIX = "smartscheduler-prod"
ZONES = ["us-east-1a", "us-east-1b"]
TIERS = ["public", "app", "database"]
GROUPS = ["alb", "app", "database", "cache"]
LOG_GROUP = f"/appstack/{PREFIX}/vpc-flow-logs"
RUN_NETWORK = "run site.yml without --tags (or with --tags network) first"


def _named(kind, name, **fields):
    return {"id": f"{kind}-{name}", "tags": {"Name": name}, **fields}


def reads(nat_gateways=None, s3_endpoints=None, **overrides):
    """What the lookup reads of a prod network the role built (per_az NAT)."""
    subnets = [
        _named("subnet", f"{PREFIX}-{tier}-{zone}", vpc_id="vpc-1", cidr_block="10.0.0.0/24")
        for tier in TIERS
        for zone in ZONES
    ]
    tables = [
        _named("rtb", f"{PREFIX}-{name}") for name in ("public", *(f"app-{zone}" for zone in ZONES), "database")
    ] + [{"id": "rtb-main", "tags": {}}]
    groups = [{"group_name": f"{PREFIX}-{key}", "group_id": f"sg-{key}"} for key in GROUPS]
    groups.append({"group_name": "default", "group_id": "sg-default"})
    if nat_gateways is None:
        nat_gateways = [
            {"nat_gateway_id": f"nat-{zone}", "subnet_id": f"subnet-{PREFIX}-public-{zone}", "state": "available"}
            for zone in reversed(ZONES)
        ]
    return {
        "vpcs": [{"id": "vpc-1", "cidr_block": "10.0.0.0/16", "tags": {"Name": PREFIX}}],
        "subnets": subnets,
        "route_tables": tables,
        "security_groups": groups,
        "nat_gateways": nat_gateways,
        "s3_endpoints": [{"vpc_endpoint_id": "vpce-1"}] if s3_endpoints is None else s3_endpoints,
        **overrides,
    }


def lookup(current=None, nat_mode="per_az", flow_logs=True, s3=True, zones=ZONES):
    inputs = {
        "network_name_prefix": PREFIX,
        "network_availability_zones": zones,
        "network_nat_mode": nat_mode,
        "network_flow_logs_enabled": flow_logs,
        "network_s3_gateway_endpoint": s3,
        "network_flow_log_group_name": LOG_GROUP,
        "network_vpc_cidr": "10.0.0.0/16",
    }
    return network_current_outputs(inputs, reads() if current is None else current, TIERS, GROUPS)


def test_the_outputs_have_the_converge_keys_and_values():
    assert lookup() == {
        "error": "",
        "outputs": {
            "vpc_id": "vpc-1",
            "vpc_cidr": "10.0.0.0/16",
            "availability_zones": ZONES,
            "subnet_ids": {tier: [f"subnet-{PREFIX}-{tier}-{zone}" for zone in ZONES] for tier in TIERS},
            "route_table_ids": {
                "public": [f"rtb-{PREFIX}-public"],
                "app": [f"rtb-{PREFIX}-app-{zone}" for zone in ZONES],
                "database": [f"rtb-{PREFIX}-database"],
            },
            "security_group_ids": {key: f"sg-{key}" for key in GROUPS},
            "nat_mode": "per_az",
            "nat_gateway_ids": ["nat-us-east-1a", "nat-us-east-1b"],
            "s3_endpoint_id": "vpce-1",
            "flow_log_group_name": LOG_GROUP,
        },
    }


@pytest.mark.parametrize(("mode", "expected"), [("none", []), ("single", ["nat-us-east-1a"])])
def test_nat_gateways_follow_the_mode_in_zone_order(mode, expected):
    assert lookup(nat_mode=mode)["outputs"]["nat_gateway_ids"] == expected


def test_a_deleted_nat_gateway_is_passed_over_as_the_converge_does():
    gateways = [
        {"nat_gateway_id": "nat-old", "subnet_id": f"subnet-{PREFIX}-public-us-east-1a", "state": "deleted"},
        {"nat_gateway_id": "nat-new", "subnet_id": f"subnet-{PREFIX}-public-us-east-1a", "state": "pending"},
    ]
    assert lookup(reads(nat_gateways=gateways), nat_mode="single")["outputs"]["nat_gateway_ids"] == ["nat-new"]


@pytest.mark.parametrize("off", [False, "false", "no", "0"])
def test_flow_logs_and_s3_endpoint_off_as_the_converge_publishes_them(off):
    """-e gives strings: 'false' is false here too."""
    outputs = lookup(reads(s3_endpoints=[]), flow_logs=off, s3=off)["outputs"]
    assert outputs["flow_log_group_name"] == ""
    assert outputs["s3_endpoint_id"] == ""


def test_a_missing_network_says_how_to_build_it():
    assert lookup(reads(vpcs=[])) == {
        "outputs": {},
        "error": f"the network of {PREFIX} does not exist yet: {RUN_NETWORK}",
    }


def test_a_new_zone_not_built_yet_is_named():
    result = lookup(zones=[*ZONES, "us-east-1c"], nat_mode="single")
    assert result["outputs"] == {}
    assert result["error"] == (
        f"the network of {PREFIX} is incomplete (no subnet {PREFIX}-public-us-east-1c, "
        f"no subnet {PREFIX}-app-us-east-1c, no subnet {PREFIX}-database-us-east-1c, "
        f"no route table {PREFIX}-app-us-east-1c): {RUN_NETWORK}"
    )


def test_missing_groups_gateways_and_endpoint_are_named():
    current = reads(nat_gateways=[], s3_endpoints=[], security_groups=[])
    error = lookup(current, nat_mode="single")["error"]
    assert f"no security group {PREFIX}-alb" in error
    assert f"no NAT gateway (single) in subnet subnet-{PREFIX}-public-us-east-1a" in error
    assert f"no S3 gateway endpoint {PREFIX}-s3" in error


def test_subnets_of_another_vpc_are_not_taken():
    current = reads()
    current["subnets"] = [{**subnet, "vpc_id": "vpc-2"} for subnet in current["subnets"]]
    assert "no subnet" in lookup(current)["error"]


def test_two_vpcs_are_not_guessed_between():
    current = reads()
    current["vpcs"].append({"id": "vpc-2", "cidr_block": "10.1.0.0/16", "tags": {"Name": PREFIX}})
    assert lookup(current)["error"].startswith(f"the network of {PREFIX} is ambiguous: 2 VPCs")


def test_a_missing_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="network_nat_mode"):
        network_current_outputs({"network_name_prefix": PREFIX}, reads(), TIERS, GROUPS)


def test_the_filter_is_registered():
    assert FilterModule().filters()["network_current_outputs"] is network_current_outputs
