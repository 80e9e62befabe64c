"""The network role's input checks that run before any AWS call."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.network_input_errors import FilterModule, network_input_errors

ZONES = ["us-east-1a", "us-east-1b"]
PLAN = {
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
}


def errors_of(subnet_cidrs=None, vpc_cidr="10.0.0.0/16", zones=None, nat_mode="single", **others):
    """The errors of the default plan with the given values changed, as the role passes them."""
    return network_input_errors(
        {
            "network_subnet_cidrs": PLAN if subnet_cidrs is None else subnet_cidrs,
            "network_vpc_cidr": vpc_cidr,
            "network_availability_zones": ZONES if zones is None else zones,
            "network_nat_mode": nat_mode,
            **others,
        }
    )


def _with(tier, cidrs):
    return {**PLAN, tier: cidrs}


@pytest.mark.parametrize("nat_mode", ["none", "single", "per_az"])
def test_the_default_plan_is_valid_in_every_nat_mode(nat_mode):
    assert errors_of(nat_mode=nat_mode) == []


def test_variables_the_checks_do_not_read_are_ignored():
    assert errors_of(network_app_port=8080, network_tags={"Application": "smartscheduler"}) == []


def test_filter_is_registered_under_its_documented_name():
    assert FilterModule().filters()["network_input_errors"] is network_input_errors


def test_an_input_without_a_checked_variable_is_a_caller_error():
    with pytest.raises(AnsibleFilterError, match="lacks network_nat_mode"):
        network_input_errors(
            {"network_subnet_cidrs": PLAN, "network_vpc_cidr": "10.0.0.0/16", "network_availability_zones": ZONES}
        )


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
    errors = errors_of(vpc_cidr=vpc_cidr)
    assert any(error.startswith(expected) for error in errors), errors


def test_subnet_outside_the_vpc_is_named_with_its_tier_and_index():
    errors = errors_of(_with("public", ["10.0.0.0/24", "10.1.1.0/24"]))
    assert errors == ["network_subnet_cidrs.public[1]: '10.1.1.0/24' is outside network_vpc_cidr '10.0.0.0/16'"]


def test_subnet_prefix_outside_what_the_vpc_api_accepts_is_named():
    errors = errors_of(_with("app", ["10.0.10.0/29", "10.0.11.0/24"]))
    assert errors == ["network_subnet_cidrs.app[0]: '10.0.10.0/29' has prefix /29; allowed are /16 to /28"]


def test_overlapping_subnets_are_both_named():
    errors = errors_of(_with("app", ["10.0.0.0/23", "10.0.11.0/24"]))
    assert errors == [
        "network_subnet_cidrs.public[0]: '10.0.0.0/24' overlaps network_subnet_cidrs.app[0] '10.0.0.0/23'",
        "network_subnet_cidrs.public[1]: '10.0.1.0/24' overlaps network_subnet_cidrs.app[0] '10.0.0.0/23'",
    ]


def test_each_tier_needs_one_subnet_per_zone():
    errors = errors_of(_with("database", ["10.0.20.0/24"]))
    assert errors == [
        "network_subnet_cidrs.database: has 1 subnet(s) but network_availability_zones has 2; "
        "give exactly one subnet per availability zone"
    ]


def test_a_tier_without_subnets_is_named():
    assert errors_of(_with("app", [])) == ["network_subnet_cidrs.app: must be a non-empty list of CIDR blocks"]


def test_invalid_subnet_cidr_is_named():
    errors = errors_of(_with("app", ["10.0.10.0/24", "10.0.300.0/24"]))
    assert len(errors) == 1
    assert errors[0].startswith("network_subnet_cidrs.app[1]: '10.0.300.0/24' is not a valid IPv4 CIDR block")


def test_per_az_nat_needs_two_zones_but_single_does_not():
    one_zone = {tier: cidrs[:1] for tier, cidrs in PLAN.items()}
    assert errors_of(one_zone, zones=["us-east-1a"], nat_mode="single") == []
    errors = errors_of(one_zone, zones=["us-east-1a"], nat_mode="per_az")
    assert errors == [
        "network_nat_mode: 'per_az' needs at least two network_availability_zones; "
        "use 'single' or 'none' for a one-zone environment"
    ]


def test_zones_must_be_distinct():
    errors = errors_of(zones=["us-east-1a", "us-east-1a"])
    assert errors == ["network_availability_zones: zones must be distinct, got ['us-east-1a', 'us-east-1a']"]


def test_at_least_one_zone_is_needed():
    errors = errors_of(zones=[])
    assert errors[0] == "network_availability_zones: give at least one availability zone"


def test_a_plan_that_is_not_a_mapping_is_rejected():
    errors = errors_of(["10.0.0.0/24"])
    assert errors == ["network_subnet_cidrs: must map each tier to a list of CIDR blocks"]


def test_every_problem_is_reported_at_once():
    errors = errors_of(
        _with("app", ["10.0.0.0/23", "10.0.11.0/24"]),
        vpc_cidr="10.0.0.0/8",
        nat_mode="per_az",
        zones=["us-east-1a", "us-east-1a"],
    )
    assert [error.split(":")[0] for error in errors] == [
        "network_availability_zones",
        "network_vpc_cidr",
        "network_subnet_cidrs.public[0]",
        "network_subnet_cidrs.public[1]",
    ]


def test_the_load_balancer_source_cidrs_are_ipv4_blocks():
    assert errors_of(network_alb_ingress_cidrs=["0.0.0.0/0", "203.0.113.7/32"]) == []
    assert errors_of(network_alb_ingress_cidrs=["0.0.0.0/0", "10.1.0.0/33", "office"]) == [
        "network_alb_ingress_cidrs[1]: '10.1.0.0/33' is not an IPv4 CIDR block (a.b.c.d/n, n from 0 to 32,"
        " e.g. 0.0.0.0/0 or 203.0.113.0/24)",
        "network_alb_ingress_cidrs[2]: 'office' is not an IPv4 CIDR block (a.b.c.d/n, n from 0 to 32,"
        " e.g. 0.0.0.0/0 or 203.0.113.0/24)",
    ]
    assert errors_of(network_alb_ingress_cidrs="0.0.0.0/0") == [
        "network_alb_ingress_cidrs: must be a list of IPv4 CIDR blocks, e.g. ['0.0.0.0/0']; got '0.0.0.0/0'"
    ]
