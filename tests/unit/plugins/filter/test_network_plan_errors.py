"""The CIDR plan checks that run before any AWS call."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.network_plan_errors import FilterModule, network_plan_errors

ZONES = ["us-east-1a", "us-east-1b"]
PLAN = {
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
}


def _with(tier, cidrs):
    return {**PLAN, tier: cidrs}


def test_the_default_plan_is_valid():
    assert network_plan_errors(PLAN, "10.0.0.0/16", ZONES, "per_az") == []


def test_filter_is_registered_under_its_documented_name():
    assert FilterModule().filters()["network_plan_errors"] is network_plan_errors


@pytest.mark.parametrize(
    ("vpc_cidr", "expected"),
    [
        ("10.0.0.0/33", "network_vpc_cidr: '10.0.0.0/33' is not a valid IPv4 CIDR block"),
        ("10.0.0.1/16", "network_vpc_cidr: '10.0.0.1/16' is not a valid IPv4 CIDR block"),
        ("banana", "network_vpc_cidr: 'banana' is not a valid IPv4 CIDR block"),
        ("10.0.0.0/8", "network_vpc_cidr: '10.0.0.0/8' has prefix /8; allowed are /16 to /28"),
    ],
)
def test_invalid_vpc_cidr_names_the_variable(vpc_cidr, expected):
    errors = network_plan_errors(PLAN, vpc_cidr, ZONES, "single")
    assert any(error.startswith(expected) for error in errors), errors


def test_subnet_outside_the_vpc_is_named_with_its_tier_and_index():
    errors = network_plan_errors(_with("public", ["10.0.0.0/24", "10.1.1.0/24"]), "10.0.0.0/16", ZONES, "single")
    assert errors == ["network_subnet_cidrs.public[1]: '10.1.1.0/24' is outside network_vpc_cidr '10.0.0.0/16'"]


def test_overlapping_subnets_are_both_named():
    errors = network_plan_errors(_with("app", ["10.0.0.0/23", "10.0.11.0/24"]), "10.0.0.0/16", ZONES, "single")
    assert errors == [
        "network_subnet_cidrs.public[0]: '10.0.0.0/24' overlaps network_subnet_cidrs.app[0] '10.0.0.0/23'",
        "network_subnet_cidrs.public[1]: '10.0.1.0/24' overlaps network_subnet_cidrs.app[0] '10.0.0.0/23'",
    ]


def test_each_tier_needs_one_subnet_per_zone():
    errors = network_plan_errors(_with("database", ["10.0.20.0/24"]), "10.0.0.0/16", ZONES, "single")
    assert errors == [
        "network_subnet_cidrs.database: has 1 subnet(s) but network_availability_zones has 2; "
        "give exactly one subnet per availability zone"
    ]


def test_invalid_subnet_cidr_is_named():
    errors = network_plan_errors(_with("app", ["10.0.10.0/24", "10.0.300.0/24"]), "10.0.0.0/16", ZONES, "single")
    assert len(errors) == 1
    assert errors[0].startswith("network_subnet_cidrs.app[1]: '10.0.300.0/24' is not a valid IPv4 CIDR block")


def test_per_az_nat_needs_two_zones_but_single_does_not():
    one_zone = {tier: cidrs[:1] for tier, cidrs in PLAN.items()}
    assert network_plan_errors(one_zone, "10.0.0.0/16", ["us-east-1a"], "single") == []
    errors = network_plan_errors(one_zone, "10.0.0.0/16", ["us-east-1a"], "per_az")
    assert errors == [
        "network_nat_mode: 'per_az' needs at least two network_availability_zones; "
        "use 'single' or 'none' for a one-zone environment"
    ]


def test_zones_must_be_distinct():
    errors = network_plan_errors(PLAN, "10.0.0.0/16", ["us-east-1a", "us-east-1a"], "single")
    assert errors == ["network_availability_zones: zones must be distinct, got ['us-east-1a', 'us-east-1a']"]


def test_a_plan_that_is_not_a_mapping_is_rejected():
    errors = network_plan_errors(["10.0.0.0/24"], "10.0.0.0/16", ZONES, "single")
    assert errors == ["network_subnet_cidrs: must map each tier to a list of CIDR blocks"]
