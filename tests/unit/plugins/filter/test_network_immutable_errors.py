"""The network role refuses, before any write, a CIDR change that AWS cannot make in place."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.network_immutable_errors import (
    FilterModule,
    network_immutable_errors,
)

PREFIX = "smartscheduler-prod"
ZONES = ["us-east-1a", "us-east-1b"]
TIERS = ["public", "app", "database"]
PLAN = {
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
}
VPC = {"id": "vpc-1", "cidr_block": "10.0.0.0/16", "tags": {"Name": PREFIX}}


def subnets_of(plan, zones=ZONES, vpc_id="vpc-1"):
    """The subnets ec2_vpc_subnet_info returns for a network the role built from plan."""
    return [
        {
            "id": f"subnet-{tier}-{index}",
            "vpc_id": vpc_id,
            "cidr_block": cidr,
            "availability_zone": zones[index],
            "tags": {"Name": f"{PREFIX}-{tier}-{zones[index]}", "Tier": tier},
        }
        for tier, cidrs in plan.items()
        for index, cidr in enumerate(cidrs)
    ]


CURRENT = {"vpcs": [VPC], "subnets": subnets_of(PLAN)}


def errors_of(current=None, vpc_cidr="10.0.0.0/16", subnet_cidrs=None, zones=None):
    inputs = {
        "network_name_prefix": PREFIX,
        "network_vpc_cidr": vpc_cidr,
        "network_subnet_cidrs": PLAN if subnet_cidrs is None else subnet_cidrs,
        "network_availability_zones": ZONES if zones is None else zones,
        "network_nat_mode": "single",
    }
    return network_immutable_errors(inputs, CURRENT if current is None else current, TIERS)


def test_a_new_environment_passes():
    assert errors_of(current={"vpcs": [], "subnets": []}, vpc_cidr="10.9.0.0/16") == []


def test_the_network_as_built_passes():
    assert errors_of() == []


def test_a_new_vpc_cidr_names_the_variable_both_values_and_the_way_out():
    (message,) = errors_of(vpc_cidr="10.1.0.0/16")
    assert message.startswith("network_vpc_cidr: the VPC smartscheduler-prod (vpc-1) has CIDR '10.0.0.0/16'")
    assert "the input asks for '10.1.0.0/16'" in message
    assert "AWS cannot change a VPC's primary CIDR block" in message
    assert "Keep network_vpc_cidr '10.0.0.0/16'" in message
    assert "secondary CIDR block" in message
    assert "build a new environment" in message and "tear down the old one" in message


def test_cidrs_compare_as_networks_not_text():
    current = {"vpcs": [{**VPC, "cidr_block": "10.0.0.0/16"}], "subnets": []}
    assert errors_of(current=current, vpc_cidr="10.0.0.1/16") == []


def test_a_new_subnet_cidr_names_tier_and_index():
    plan = {**PLAN, "app": ["10.0.10.0/24", "10.0.12.0/24"]}
    (message,) = errors_of(subnet_cidrs=plan)
    assert message.startswith(
        "network_subnet_cidrs.app[1]: the subnet smartscheduler-prod-app-us-east-1b (subnet-app-1) "
        "has CIDR '10.0.11.0/24', the input asks for '10.0.12.0/24'"
    )
    assert "AWS cannot change a subnet's CIDR block" in message
    assert "Keep network_subnet_cidrs.app[1] '10.0.11.0/24'" in message


def test_swapped_zones_are_refused_per_subnet():
    """The Name tag carries the zone: reversing the zones asks each subnet for its neighbour's CIDR."""
    errors = errors_of(zones=list(reversed(ZONES)))
    assert [message.split(":")[0] for message in errors] == [
        f"network_subnet_cidrs.{tier}[{index}]" for tier in TIERS for index in (0, 1)
    ]


def test_every_change_is_listed_at_once():
    plan = {tier: [cidr.replace("10.0.", "10.1.") for cidr in cidrs] for tier, cidrs in PLAN.items()}
    errors = errors_of(vpc_cidr="10.1.0.0/16", subnet_cidrs=plan)
    assert len(errors) == 7
    assert errors[0].startswith("network_vpc_cidr:")


def test_a_new_zone_is_not_a_change():
    zones = [*ZONES, "us-east-1c"]
    plan = {tier: [*cidrs, cidrs[1].replace("1.0/24", "2.0/24")] for tier, cidrs in PLAN.items()}
    assert errors_of(zones=zones, subnet_cidrs=plan) == []


def test_a_subnet_of_another_vpc_or_name_is_ignored():
    stranger = {**subnets_of(PLAN)[0], "id": "subnet-x", "cidr_block": "10.0.99.0/24", "vpc_id": "vpc-2"}
    hand_made = {**subnets_of(PLAN)[0], "id": "subnet-y", "cidr_block": "10.0.98.0/24", "tags": {"Name": "mine"}}
    assert errors_of(current={"vpcs": [VPC], "subnets": [*subnets_of(PLAN), stranger, hand_made]}) == []


def test_two_vpcs_of_the_environments_name_are_refused():
    second = {"id": "vpc-2", "cidr_block": "10.1.0.0/16", "tags": {"Name": PREFIX}}
    (message,) = errors_of(current={"vpcs": [VPC, second], "subnets": []})
    assert message.startswith("network_name_prefix: 2 VPCs are named 'smartscheduler-prod'")
    assert "vpc-1 (10.0.0.0/16), vpc-2 (10.1.0.0/16)" in message


def test_a_missing_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="network_subnet_cidrs"):
        network_immutable_errors(
            {"network_name_prefix": PREFIX, "network_vpc_cidr": "10.0.0.0/16", "network_availability_zones": ZONES},
            CURRENT,
            TIERS,
        )


def test_the_filter_is_registered():
    assert FilterModule().filters()["network_immutable_errors"] is network_immutable_errors
