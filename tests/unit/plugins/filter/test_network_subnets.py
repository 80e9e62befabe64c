"""The network role's subnet plan and the subnet ids it publishes, built in Python rather than Jinja."""

from ansible_collections.appstack.aws.plugins.filter import network_subnet_ids, network_subnet_plan

ZONES = ["us-east-1a", "us-east-1b"]
TIERS = ["public", "app", "database"]
PLAN = {
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
}
PENDING = "subnet-00000000000000000"


def test_plan_pairs_each_cidr_with_its_zone_in_tier_order():
    assert network_subnet_plan.network_subnet_plan(PLAN, ZONES, TIERS) == [
        {"tier": "public", "cidr": "10.0.0.0/24", "az": "us-east-1a", "index": 0},
        {"tier": "public", "cidr": "10.0.1.0/24", "az": "us-east-1b", "index": 1},
        {"tier": "app", "cidr": "10.0.10.0/24", "az": "us-east-1a", "index": 0},
        {"tier": "app", "cidr": "10.0.11.0/24", "az": "us-east-1b", "index": 1},
        {"tier": "database", "cidr": "10.0.20.0/24", "az": "us-east-1a", "index": 0},
        {"tier": "database", "cidr": "10.0.21.0/24", "az": "us-east-1b", "index": 1},
    ]


def test_plan_leaves_out_tiers_not_asked_for():
    plan = network_subnet_plan.network_subnet_plan(PLAN, ZONES, ["app"])
    assert [entry["cidr"] for entry in plan] == ["10.0.10.0/24", "10.0.11.0/24"]


def _result(tier, subnet):
    return {"item": {"tier": tier}, "subnet": subnet, "changed": False}


def test_subnet_ids_are_grouped_by_tier_in_zone_order():
    results = [
        _result("public", {"id": "subnet-pa"}),
        _result("public", {"id": "subnet-pb"}),
        _result("app", {"id": "subnet-aa"}),
        _result("app", {"id": "subnet-ab"}),
        _result("database", {"id": "subnet-da"}),
        _result("database", {"id": "subnet-db"}),
    ]
    assert network_subnet_ids.network_subnet_ids(results, TIERS, PENDING) == {
        "public": ["subnet-pa", "subnet-pb"],
        "app": ["subnet-aa", "subnet-ab"],
        "database": ["subnet-da", "subnet-db"],
    }


def test_a_subnet_check_mode_would_create_stands_as_the_pending_id():
    """Under --check, amazon.aws.ec2_vpc_subnet returns `subnet: {}` for a subnet it would create."""
    results = [_result("public", {}), _result("public", {"id": "subnet-pb"}), {"item": {"tier": "app"}}]
    assert network_subnet_ids.network_subnet_ids(results, TIERS, PENDING) == {
        "public": [PENDING, "subnet-pb"],
        "app": [PENDING],
        "database": [],
    }


def test_filters_are_registered_under_their_documented_names():
    assert network_subnet_plan.FilterModule().filters() == {
        "network_subnet_plan": network_subnet_plan.network_subnet_plan
    }
    assert network_subnet_ids.FilterModule().filters() == {"network_subnet_ids": network_subnet_ids.network_subnet_ids}
