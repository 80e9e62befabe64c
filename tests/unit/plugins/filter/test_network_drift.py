"""The network's drift: the converge runs only where the read differs from the inventory."""

import copy

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.network_drift import FilterModule, network_drift
from ansible_collections.appstack.aws.plugins.filter.network_security_group_rules import (
    network_security_group_rules,
)

PREFIX = "smartscheduler-prod"
ZONES = ["us-east-1a", "us-east-1b"]
TIERS = ["public", "app", "database"]
TAGS = {"Environment": "prod", "ManagedBy": "appstack.aws"}
ROLE_ARN = f"arn:aws:iam::123456789012:role/{PREFIX}-vpc-flow-logs"
LOG_GROUP = f"/appstack/{PREFIX}/vpc-flow-logs"
CIDRS = {
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
}
GROUPS = [{"key": "alb"}, {"key": "app"}, {"key": "database"}]
RULES = {
    "alb": {
        "ingress": [
            {"proto": "tcp", "ports": [80, 443], "cidr_ip": ["0.0.0.0/0"], "rule_desc": "HTTP(S) from clients"}
        ],
        "egress": [{"proto": "tcp", "ports": ["8080"], "group": "app", "rule_desc": "To the application"}],
    },
    "app": {
        "ingress": [{"proto": "tcp", "ports": ["8080"], "group": "alb", "rule_desc": "From the load balancer"}],
        "egress": [
            {"proto": "tcp", "ports": [443], "cidr_ip": "0.0.0.0/0", "rule_desc": "To AWS APIs"},
            {"proto": "tcp", "ports": ["5432"], "group": "database", "rule_desc": "To the database"},
        ],
    },
    "database": {
        "ingress": [
            {"proto": "tcp", "ports": ["5432"], "group": "app", "rule_desc": "PostgreSQL from the application"}
        ],
        "egress": [],
    },
}


def inputs(**overrides):
    return {
        "network_name_prefix": PREFIX,
        "network_tags": TAGS,
        "network_s3_service_name": "com.amazonaws.us-east-1.s3",
        "network_subnet_cidrs": CIDRS,
        "network_availability_zones": ZONES,
        "network_nat_mode": "per_az",
        "network_s3_gateway_endpoint": True,
        "network_flow_logs_enabled": True,
        "network_flow_log_group_name": LOG_GROUP,
        "network_flow_log_role_arn": ROLE_ARN,
        "network_flow_logs_retention_days": "365",
        "network_flow_logs_kms_key_arn": "",
        "network_flow_logs_traffic_type": "ALL",
        "network_flow_logs_max_aggregation_interval": "600",
        **overrides,
    }


def named(name, **extra):
    return {**TAGS, "Name": name, **extra}


def permission(port, cidr=None, group=None, desc=None):
    entry = {"ip_protocol": "tcp", "from_port": port, "to_port": port, "ip_ranges": [], "user_id_group_pairs": []}
    if cidr:
        entry["ip_ranges"] = [{"cidr_ip": cidr, "description": desc}]
    if group:
        entry["user_id_group_pairs"] = [{"group_id": group, "user_id": "123456789012", "description": desc}]
    return entry


def table(name, tier, subnets, routes):
    return {
        "id": f"rtb-{name}",
        "route_table_id": f"rtb-{name}",
        "tags": named(name, Tier=tier),
        "associations": [
            {"subnet_id": subnet, "main": False, "association_state": {"state": "associated"}} for subnet in subnets
        ],
        "routes": [
            {"destination_cidr_block": "10.0.0.0/16", "gateway_id": "local"},
            {"destination_prefix_list_id": "pl-63a5400a", "gateway_id": "vpce-1"},
            *routes,
        ],
    }


def converged():
    """What ec2_vpc_resources_info reads of the prod network the role built (per_az NAT)."""
    subnets = [
        {
            "id": f"subnet-{tier}-{zone}",
            "subnet_id": f"subnet-{tier}-{zone}",
            "cidr_block": CIDRS[tier][index],
            "availability_zone": zone,
            "vpc_id": "vpc-1",
            "map_public_ip_on_launch": False,
            "tags": named(f"{PREFIX}-{tier}-{zone}", Tier=tier),
        }
        for tier in TIERS
        for index, zone in enumerate(ZONES)
    ]
    groups = [
        {
            "group_name": "default",
            "group_id": "sg-default",
            "ip_permissions": [],
            "ip_permissions_egress": [],
            "tags": {},
        },
        {
            "group_name": f"{PREFIX}-alb",
            "group_id": "sg-alb",
            "tags": named(f"{PREFIX}-alb"),
            "ip_permissions": [
                permission(80, cidr="0.0.0.0/0", desc="HTTP(S) from clients"),
                permission(443, cidr="0.0.0.0/0", desc="HTTP(S) from clients"),
            ],
            "ip_permissions_egress": [permission(8080, group="sg-app", desc="To the application")],
        },
        {
            "group_name": f"{PREFIX}-app",
            "group_id": "sg-app",
            "tags": named(f"{PREFIX}-app"),
            "ip_permissions": [permission(8080, group="sg-alb", desc="From the load balancer")],
            "ip_permissions_egress": [
                permission(443, cidr="0.0.0.0/0", desc="To AWS APIs"),
                permission(5432, group="sg-database", desc="To the database"),
            ],
        },
        {
            "group_name": f"{PREFIX}-database",
            "group_id": "sg-database",
            "tags": named(f"{PREFIX}-database"),
            "ip_permissions": [permission(5432, group="sg-app", desc="PostgreSQL from the application")],
            "ip_permissions_egress": [],
        },
    ]
    nats = [
        {
            "nat_gateway_id": f"nat-{zone}",
            "subnet_id": f"subnet-public-{zone}",
            "state": "available",
            "tags": named(f"{PREFIX}-nat-{zone}"),
            "nat_gateway_addresses": [{"allocation_id": f"eipalloc-{zone}"}],
        }
        for zone in ZONES
    ]
    tables = [
        table(
            f"{PREFIX}-public",
            "public",
            [f"subnet-public-{zone}" for zone in ZONES],
            [{"destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-1"}],
        ),
        *(
            table(
                f"{PREFIX}-app-{zone}",
                "app",
                [f"subnet-app-{zone}"],
                [{"destination_cidr_block": "0.0.0.0/0", "nat_gateway_id": f"nat-{zone}"}],
            )
            for zone in ZONES
        ),
        table(f"{PREFIX}-database", "database", [f"subnet-database-{zone}" for zone in ZONES], []),
        {"id": "rtb-main", "route_table_id": "rtb-main", "tags": {}, "associations": [{"main": True}], "routes": []},
    ]
    return {
        "vpcs": [
            {
                "id": "vpc-1",
                "cidr_block": "10.0.0.0/16",
                "enable_dns_support": True,
                "enable_dns_hostnames": True,
                "tags": named(PREFIX),
            }
        ],
        "subnets": subnets,
        "internet_gateways": [
            {
                "internet_gateway_id": "igw-1",
                "tags": named(f"{PREFIX}-igw"),
                "attachments": [{"vpc_id": "vpc-1", "state": "available"}],
            }
        ],
        "security_groups": groups,
        "route_tables": tables,
        "nat_gateways": nats,
        "nat_gateway_addresses": [
            {"allocation_id": f"eipalloc-{zone}", "tags": named(f"{PREFIX}-nat-{zone}")} for zone in ZONES
        ],
        "vpc_endpoints": [
            {
                "vpc_endpoint_id": "vpce-1",
                "service_name": "com.amazonaws.us-east-1.s3",
                "state": "available",
                "tags": named(f"{PREFIX}-s3"),
                "route_table_ids": [f"rtb-{PREFIX}-app-{zone}" for zone in ZONES] + [f"rtb-{PREFIX}-database"],
            }
        ],
        "flow_logs": [
            {
                "flow_log_id": "fl-1",
                "log_destination_type": "cloud-watch-logs",
                "traffic_type": "ALL",
                "log_group_name": LOG_GROUP,
                "deliver_logs_permission_arn": ROLE_ARN,
                "max_aggregation_interval": 600,
                "tags": named(f"{PREFIX}-vpc-flow-log"),
            }
        ],
        "flow_log_groups": [
            {"log_group_name": LOG_GROUP, "retention_in_days": 365, "tags": named(f"{PREFIX}-vpc-flow-logs")}
        ],
    }


def drift(current=None, **overrides):
    return network_drift(inputs(**overrides), converged() if current is None else current, TIERS, GROUPS, RULES)


def changed(mutate):
    current = converged()
    mutate(current)
    return drift(current)


def test_the_converged_network_has_no_drift():
    assert drift() == {"core": [], "flow_log_group": [], "flow_log": []}


def test_aws_own_tags_and_the_order_of_rules_ports_and_lists_do_not_count():
    def mutate(current):
        current["vpcs"][0]["tags"]["aws:cloudformation:stack-name"] = "x"
        current["security_groups"][1]["ip_permissions"].reverse()
        current["route_tables"][0]["associations"].reverse()
        current["vpc_endpoints"][0]["route_table_ids"].reverse()

    assert changed(mutate) == drift()


def test_an_empty_account_differs_in_every_part():
    result = drift({"vpcs": []})
    assert result["core"] == [f"the VPC {PREFIX} does not exist"]
    assert result["flow_log_group"] == [f"log group {LOG_GROUP} does not exist"]
    assert result["flow_log"] == [f"flow log {PREFIX}-vpc-flow-log does not exist"]


@pytest.mark.parametrize(
    "mutate, words",
    [
        (lambda c: c["vpcs"][0].update(enable_dns_hostnames=False), "enable_dns_hostnames"),
        (lambda c: c["vpcs"][0]["tags"].update(Environment="dev"), f"VPC {PREFIX}: tags"),
        (lambda c: c["vpcs"][0]["tags"].pop("ManagedBy"), f"VPC {PREFIX}: tags"),
        (
            lambda c: c["security_groups"][0]["ip_permissions"].append(permission(22, cidr="0.0.0.0/0")),
            "default security group has inbound rules",
        ),
        (lambda c: c["subnets"].pop(3), f"subnet {PREFIX}-app-us-east-1b (10.0.11.0/24) does not exist"),
        (lambda c: c["subnets"][0].update(map_public_ip_on_launch=True), "map_public_ip_on_launch"),
        (lambda c: c["subnets"][2]["tags"].update(Tier="web"), f"subnet {PREFIX}-app-us-east-1a: tags"),
        (lambda c: c["internet_gateways"].clear(), f"internet gateway {PREFIX}-igw does not exist"),
        (lambda c: c["internet_gateways"][0]["tags"].pop("Name"), f"internet gateway {PREFIX}-igw: tags"),
        (lambda c: c["nat_gateways"].pop(), f"NAT gateway {PREFIX}-nat-us-east-1b does not exist"),
        (
            lambda c: c["nat_gateways"][1].update(state="deleting"),
            f"NAT gateway {PREFIX}-nat-us-east-1b does not exist",
        ),
        (lambda c: c["nat_gateways"][0].update(state="pending"), "state is 'pending'"),
        (lambda c: c["nat_gateway_addresses"][0]["tags"].clear(), "Elastic IP of NAT gateway"),
        (lambda c: c["security_groups"].pop(), f"security group {PREFIX}-database does not exist"),
        (lambda c: c["security_groups"][1]["tags"].update(Name="x"), f"security group {PREFIX}-alb: tags"),
        (lambda c: c["security_groups"][1]["ip_permissions"].pop(), "ingress rules"),
        (
            lambda c: c["security_groups"][1]["ip_permissions"].append(permission(22, cidr="10.0.0.0/8")),
            "ingress rules",
        ),
        (
            lambda c: c["security_groups"][2]["ip_permissions_egress"][0]["ip_ranges"][0].update(description="old"),
            "egress rules",
        ),
        (
            lambda c: c["security_groups"][3]["ip_permissions_egress"].append(
                {"ip_protocol": "-1", "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}]}
            ),
            "egress rules",
        ),
        (lambda c: c["route_tables"].pop(0), f"route table {PREFIX}-public does not exist"),
        (lambda c: c["route_tables"][0]["routes"].pop(), f"route table {PREFIX}-public: routes"),
        (lambda c: c["route_tables"][1]["routes"][-1].update(nat_gateway_id="nat-us-east-1b"), "routes"),
        (
            lambda c: c["route_tables"][3]["routes"].append(
                {"destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-1"}
            ),
            f"route table {PREFIX}-database: routes",
        ),
        (lambda c: c["route_tables"][3]["associations"].pop(), f"route table {PREFIX}-database: subnets"),
        (lambda c: c["route_tables"][2]["tags"].update(Tier="x"), f"route table {PREFIX}-app-us-east-1b: tags"),
        (lambda c: c["vpc_endpoints"].clear(), f"S3 gateway endpoint {PREFIX}-s3 does not exist"),
        (lambda c: c["vpc_endpoints"][0]["route_table_ids"].pop(), "route tables"),
        (lambda c: c["vpc_endpoints"][0]["tags"].update(Environment="x"), f"S3 gateway endpoint {PREFIX}-s3: tags"),
    ],
)
def test_each_core_difference_is_named(mutate, words):
    result = changed(mutate)
    assert result["flow_log_group"] == [] and result["flow_log"] == []
    assert len(result["core"]) >= 1
    assert any(words in found for found in result["core"]), result["core"]


@pytest.mark.parametrize(
    "mutate, part, words",
    [
        (lambda c: c["flow_log_groups"].clear(), "flow_log_group", "does not exist"),
        (lambda c: c["flow_log_groups"][0].update(retention_in_days=30), "flow_log_group", "retention is 30"),
        (lambda c: c["flow_log_groups"][0].update(kms_key_id="arn:aws:kms:k"), "flow_log_group", "KMS key"),
        (lambda c: c["flow_log_groups"][0]["tags"].clear(), "flow_log_group", "tags"),
        (lambda c: c["flow_logs"].clear(), "flow_log", "does not exist"),
        (lambda c: c["flow_logs"][0].update(traffic_type="REJECT"), "flow_log", "traffic_type is 'REJECT'"),
        (lambda c: c["flow_logs"][0].update(max_aggregation_interval=60), "flow_log", "max_aggregation_interval"),
        (
            lambda c: c["flow_logs"][0].update(deliver_logs_permission_arn="arn:aws:iam::1:role/x"),
            "flow_log",
            "deliver",
        ),
        (lambda c: c["flow_logs"][0]["tags"].update(Name="x"), "flow_log", "tags"),
    ],
)
def test_each_flow_log_difference_is_named_in_its_part_alone(mutate, part, words):
    result = changed(mutate)
    assert result["core"] == []
    assert any(words in found for found in result[part]), result
    other = "flow_log" if part == "flow_log_group" else "flow_log_group"
    assert result[other] == []


def test_input_changes_are_differences():
    assert any("tags" in found for found in drift(network_tags={**TAGS, "Owner": "team"})["core"])
    assert drift(network_flow_logs_retention_days="30")["flow_log_group"]
    assert drift(network_flow_logs_traffic_type="REJECT")["flow_log"]


def test_single_nat_routes_every_app_zone_through_the_first_gateway():
    current = converged()
    current["nat_gateways"].pop()
    current["route_tables"][2]["routes"][-1]["nat_gateway_id"] = "nat-us-east-1a"
    assert drift(current, network_nat_mode="single")["core"] == []
    assert drift(network_nat_mode="single")["core"], "the b zone's route must move to the a zone's gateway"


def test_no_nat_wants_no_default_route_in_the_app_tables():
    current = converged()
    for index in (1, 2):
        current["route_tables"][index]["routes"].pop()
    assert drift(current, network_nat_mode="none")["core"] == []


def test_what_the_inventory_no_longer_asks_for_is_not_a_difference():
    assert drift(network_flow_logs_enabled=False) == {"core": [], "flow_log_group": [], "flow_log": []}
    current = converged()
    current["vpc_endpoints"].clear()
    for table_ in current["route_tables"]:
        table_["routes"] = [route for route in table_["routes"] if "destination_prefix_list_id" not in route]
    assert drift(current, network_s3_gateway_endpoint=False)["core"] == []


def test_a_missing_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="network_drift: the input lacks network_tags"):
        network_drift({k: v for k, v in inputs().items() if k != "network_tags"}, converged(), TIERS, GROUPS, RULES)


def test_the_filters_are_registered():
    assert FilterModule().filters()["network_drift"] is network_drift


def test_group_keys_resolve_to_ids_and_the_input_is_left_alone():
    rules = copy.deepcopy(RULES["app"]["egress"])
    resolved = network_security_group_rules(rules, {"database": "sg-9"})
    assert resolved[1] == {"proto": "tcp", "ports": ["5432"], "group_id": "sg-9", "rule_desc": "To the database"}
    assert resolved[0] == rules[0]
    assert rules == RULES["app"]["egress"]
