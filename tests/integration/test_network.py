"""The network role against the emulator.

TestProdNetwork reads back the converged prod environment that every tier shares
(tests/integration/conftest.py builds it with site.yml): every property the role
promises is read with boto3, not taken from the playbook's own report.
TestNetworkTierAlone runs the network tier alone (tests/integration/playbooks/network.yml:
the network tier and the outputs file) in an account of its own, which it changes.
"""

import re

import pytest

from .ec2_reads import default_route, groups_by_name, in_vpc, route_table, subnets_by_tier, tags
from .playbook import REPO_ROOT, run_playbook

PLAYBOOK = "tests/integration/playbooks/network.yml"
PROD = "inventories/prod"
PREFIX = "smartscheduler-prod"
TEARDOWN_README = REPO_ROOT / "roles" / "teardown" / "README.md"
ROLE_README = REPO_ROOT / "roles" / "network" / "README.md"


def find_vpc(emulator):
    (vpc,) = emulator.client("ec2").describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [PREFIX]}])["Vpcs"]
    return vpc


@pytest.fixture(scope="module")
def vpc(prod, prod_emulator):
    """The VPC of the converged prod environment."""
    return find_vpc(prod_emulator)


class TestProdNetwork:
    def test_vpc_has_the_cidr_dns_and_standard_tags(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        vpc = vpc
        assert vpc["CidrBlock"] == "10.0.0.0/16"
        for attribute, key in (("enableDnsSupport", "EnableDnsSupport"), ("enableDnsHostnames", "EnableDnsHostnames")):
            answer = ec2.describe_vpc_attribute(VpcId=vpc["VpcId"], Attribute=attribute)
            assert answer[key]["Value"] is True, attribute
        assert tags(vpc) == {
            "Name": PREFIX,
            "Application": "smartscheduler",
            "Environment": "prod",
            "ManagedBy": "appstack.aws",
            "CostCenter": "smartscheduler-prod",
        }

    def test_each_tier_has_a_subnet_in_two_zones_and_none_maps_public_ips(self, vpc, prod_emulator):
        tiers = subnets_by_tier(prod_emulator.client("ec2"), vpc["VpcId"])
        expected = {
            "public": {"10.0.0.0/24", "10.0.1.0/24"},
            "app": {"10.0.10.0/24", "10.0.11.0/24"},
            "database": {"10.0.20.0/24", "10.0.21.0/24"},
        }
        assert {tier: {s["CidrBlock"] for s in subnets} for tier, subnets in tiers.items()} == expected
        for subnets in tiers.values():
            assert {s["AvailabilityZone"] for s in subnets} == {"us-east-1a", "us-east-1b"}
            assert not any(s["MapPublicIpOnLaunch"] for s in subnets)

    def test_prod_has_an_available_nat_gateway_in_each_zone(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        public_subnets = {s["SubnetId"]: s for s in subnets_by_tier(ec2, vpc["VpcId"])["public"]}
        gateways = ec2.describe_nat_gateways(Filters=in_vpc(vpc["VpcId"]))["NatGateways"]
        assert len(gateways) == 2
        assert {gateway["State"] for gateway in gateways} == {"available"}
        assert {public_subnets[gateway["SubnetId"]]["AvailabilityZone"] for gateway in gateways} == {
            "us-east-1a",
            "us-east-1b",
        }
        assert all(tags(gateway)["ManagedBy"] == "appstack.aws" for gateway in gateways)

    def test_public_tier_routes_to_the_internet_gateway(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        igw = ec2.describe_internet_gateways(Filters=[{"Name": "attachment.vpc-id", "Values": [vpc["VpcId"]]}])
        igw_id = igw["InternetGateways"][0]["InternetGatewayId"]
        table = route_table(ec2, f"{PREFIX}-public")
        assert default_route(table)["GatewayId"] == igw_id
        public_ids = {s["SubnetId"] for s in subnets_by_tier(ec2, vpc["VpcId"])["public"]}
        assert {a["SubnetId"] for a in table["Associations"] if "SubnetId" in a} == public_ids

    def test_each_app_zone_leaves_through_its_own_nat_gateway(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        tiers = subnets_by_tier(ec2, vpc["VpcId"])
        nat_zone = {}
        zone_of = {s["SubnetId"]: s["AvailabilityZone"] for s in tiers["public"] + tiers["app"]}
        for gateway in ec2.describe_nat_gateways(Filters=in_vpc(vpc["VpcId"]))["NatGateways"]:
            nat_zone[gateway["NatGatewayId"]] = zone_of[gateway["SubnetId"]]
        for zone in ("us-east-1a", "us-east-1b"):
            table = route_table(ec2, f"{PREFIX}-app-{zone}")
            associated = [a["SubnetId"] for a in table["Associations"] if "SubnetId" in a]
            assert [zone_of[subnet] for subnet in associated] == [zone]
            assert nat_zone[default_route(table)["NatGatewayId"]] == zone

    def test_database_tier_has_no_route_to_the_internet(self, vpc, prod_emulator):
        table = route_table(prod_emulator.client("ec2"), f"{PREFIX}-database")
        assert default_route(table) is None
        assert len([a for a in table["Associations"] if "SubnetId" in a]) == 2

    def test_database_and_cache_accept_only_the_app_group_and_the_database_its_proxy(self, vpc, prod_emulator):
        groups = groups_by_name(prod_emulator.client("ec2"), vpc["VpcId"])
        app_id = groups[f"{PREFIX}-app"]["GroupId"]
        # The database group also admits itself: the RDS Proxy sits in it and reaches the instance.
        for name, port, sources in (
            (f"{PREFIX}-database", 5432, {app_id, groups[f"{PREFIX}-database"]["GroupId"]}),
            (f"{PREFIX}-cache", 6379, {app_id}),
        ):
            (permission,) = groups[name]["IpPermissions"]
            assert (permission["FromPort"], permission["ToPort"], permission["IpProtocol"]) == (port, port, "tcp")
            assert {pair["GroupId"] for pair in permission["UserIdGroupPairs"]} == sources
            assert permission["IpRanges"] == []
            assert groups[name]["IpPermissionsEgress"] == [], f"{name} should have no egress"

    def test_only_the_load_balancer_accepts_the_internet_and_only_on_80_and_443(self, vpc, prod_emulator):
        groups = groups_by_name(prod_emulator.client("ec2"), vpc["VpcId"])
        open_to_world = {}
        for name, group in groups.items():
            for permission in group["IpPermissions"]:
                if any(r["CidrIp"] == "0.0.0.0/0" for r in permission.get("IpRanges", [])):
                    open_to_world.setdefault(name, set()).add(permission["FromPort"])
        assert open_to_world == {f"{PREFIX}-alb": {80, 443}}
        app_ingress = groups[f"{PREFIX}-app"]["IpPermissions"]
        assert [pair["GroupId"] for pair in app_ingress[0]["UserIdGroupPairs"]] == [groups[f"{PREFIX}-alb"]["GroupId"]]

    def test_default_security_group_has_no_rules(self, vpc, prod_emulator):
        default = groups_by_name(prod_emulator.client("ec2"), vpc["VpcId"])["default"]
        assert default["IpPermissions"] == []
        assert default["IpPermissionsEgress"] == []

    def test_flow_logs_go_to_a_log_group_kept_a_year(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        logs = prod_emulator.client("logs")
        iam = prod_emulator.client("iam")
        (flow_log,) = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc["VpcId"]]}])["FlowLogs"]
        group_name = f"/appstack/{PREFIX}/vpc-flow-logs"
        assert flow_log["LogGroupName"] == group_name
        assert flow_log["TrafficType"] == "ALL"
        assert flow_log["DeliverLogsPermissionArn"].endswith(f":role/{PREFIX}-vpc-flow-logs")
        (group,) = logs.describe_log_groups(logGroupNamePrefix=group_name)["logGroups"]
        assert group["retentionInDays"] == 365
        assert logs.list_tags_for_resource(resourceArn=group["arn"].rstrip(":*"))["tags"]["ManagedBy"] == "appstack.aws"
        role = iam.get_role(RoleName=f"{PREFIX}-vpc-flow-logs")["Role"]
        (statement,) = role["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Principal"] == {"Service": "vpc-flow-logs.amazonaws.com"}
        assert statement["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"

    def test_s3_gateway_endpoint_serves_the_private_route_tables(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        (endpoint,) = ec2.describe_vpc_endpoints(Filters=in_vpc(vpc["VpcId"]))["VpcEndpoints"]
        assert endpoint["ServiceName"] == "com.amazonaws.us-east-1.s3"
        assert endpoint["VpcEndpointType"] == "Gateway"
        private = [
            route_table(ec2, f"{PREFIX}-{name}")["RouteTableId"]
            for name in ("app-us-east-1a", "app-us-east-1b", "database")
        ]
        assert sorted(endpoint["RouteTableIds"]) == sorted(private)

    def test_every_resource_carries_the_standard_and_extra_tags(self, vpc, prod_emulator):
        ec2 = prod_emulator.client("ec2")
        logs = prod_emulator.client("logs")
        iam = prod_emulator.client("iam")
        vpc_filter = in_vpc(vpc["VpcId"])
        resources = {
            "vpc": [vpc],
            "subnet": ec2.describe_subnets(Filters=vpc_filter)["Subnets"],
            "route table": [t for t in ec2.describe_route_tables(Filters=vpc_filter)["RouteTables"] if tags(t)],
            "security group": [
                g
                for g in ec2.describe_security_groups(Filters=vpc_filter)["SecurityGroups"]
                if g["GroupName"] != "default"
            ],
            "internet gateway": ec2.describe_internet_gateways(
                Filters=[{"Name": "attachment.vpc-id", "Values": [vpc["VpcId"]]}]
            )["InternetGateways"],
            "nat gateway": ec2.describe_nat_gateways(Filters=vpc_filter)["NatGateways"],
            "elastic ip": ec2.describe_addresses()["Addresses"],
            "vpc endpoint": ec2.describe_vpc_endpoints(Filters=vpc_filter)["VpcEndpoints"],
            "flow log": ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc["VpcId"]]}])["FlowLogs"],
            "iam role": [{"Tags": iam.list_role_tags(RoleName=f"{PREFIX}-vpc-flow-logs")["Tags"]}],
        }
        group = logs.describe_log_groups(logGroupNamePrefix=f"/appstack/{PREFIX}/")["logGroups"][0]
        log_group_tags = logs.list_tags_for_resource(resourceArn=group["arn"].removesuffix(":*"))["tags"]
        resources["log group"] = [{"Tags": [{"Key": k, "Value": v} for k, v in log_group_tags.items()]}]
        # One route table is the VPC's main table, which AWS creates untagged.
        assert len(resources["route table"]) == 4
        expected = {
            "Application": "smartscheduler",
            "Environment": "prod",
            "ManagedBy": "appstack.aws",
            "CostCenter": "smartscheduler-prod",
        }
        for kind, items in resources.items():
            assert items, f"no {kind} found"
            for item in items:
                assert expected.items() <= tags(item).items(), f"{kind} lacks tags: {tags(item)}"

    def test_outputs_file_names_what_was_built(self, prod, vpc, prod_emulator):
        network = prod["outputs"]["network"]
        groups = groups_by_name(prod_emulator.client("ec2"), vpc["VpcId"])
        assert network["vpc_id"] == vpc["VpcId"]
        assert network["security_group_ids"] == {
            key: groups[f"{PREFIX}-{key}"]["GroupId"] for key in ("alb", "app", "database", "cache")
        }
        tiers = subnets_by_tier(prod_emulator.client("ec2"), vpc["VpcId"])
        for tier, subnets in tiers.items():
            assert sorted(network["subnet_ids"][tier]) == sorted(s["SubnetId"] for s in subnets)
        assert len(network["nat_gateway_ids"]) == 2
        assert prod["document"]["environment"] == "prod"


@pytest.fixture(scope="module")
def network_alone(emulator_server, tmp_path_factory):
    """An account of this module's own with the prod network: one real run of the network tier."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    extra_vars = {"appstack_outputs_dir": str(tmp_path_factory.mktemp("outputs"))}
    run = run_playbook(PLAYBOOK, PROD, emulator_server.env, extra_vars=extra_vars)
    assert not run.failed, run.outcome()
    return {
        "run": run,
        "requests": emulator_server.requests(),
        "extra_vars": extra_vars,
        "vpc_id": find_vpc(emulator_server)["VpcId"],
    }


@pytest.fixture(scope="module")
def converged_check(network_alone, emulator_server):
    """--check of the network tier on the account network_alone converged, and the calls it made."""
    emulator_server.clear_requests()
    run = run_playbook(PLAYBOOK, PROD, emulator_server.env, check=True, extra_vars=network_alone["extra_vars"])
    return {"run": run, "requests": emulator_server.requests()}


class TestNetworkTierAlone:
    """The role's second run (changed=0) is the last step of the hand-change test below and molecule's idempotence
    step (molecule/network)."""

    def test_readme_lists_every_permission_the_role_uses(self, network_alone, converged_check):
        documented = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", ROLE_README.read_text(), re.MULTILINE))
        # The record of the outputs (SSM, and the search for orphans) is the last play's: roles/teardown/README.md.
        record = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", TEARDOWN_README.read_text(), re.MULTILINE))
        used = {
            f"{c['service']}:{c['operation']}"
            for c in network_alone["requests"]["calls"] + converged_check["requests"]["calls"]
        } - record
        assert used - documented == set(), "add these to the IAM permissions of roles/network/README.md"

    def test_check_on_the_converged_account_reports_nothing_and_writes_nothing(self, converged_check):
        run, requests = converged_check["run"], converged_check["requests"]
        assert not run.failed, run.outcome()
        assert run.changed_resources() == []
        assert requests["total"] > 0
        assert [call for call in requests["calls"] if call["mutating"]] == []

    def test_changes_by_hand_and_in_the_inventory_are_found_predicted_and_made(self, network_alone, emulator_server):
        """The converge runs only where the one read differs: every hand change below must still be found, and
        --check --diff predicts exactly what the real run changes, hand changes and new inputs (retention, a tag on
        every resource) alike, and changes nothing."""
        ec2, logs = emulator_server.client("ec2"), emulator_server.client("logs")
        vpc_id = network_alone["vpc_id"]
        groups = groups_by_name(ec2, vpc_id)
        app, database, default = groups[f"{PREFIX}-app"], groups[f"{PREFIX}-database"], groups["default"]
        from_alb = [p for p in app["IpPermissions"] if p.get("FromPort") == 8080]
        ec2.revoke_security_group_ingress(GroupId=app["GroupId"], IpPermissions=from_alb)
        ssh = [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
        ec2.authorize_security_group_ingress(GroupId=database["GroupId"], IpPermissions=ssh)
        ec2.authorize_security_group_ingress(GroupId=default["GroupId"], IpPermissions=ssh)
        subnet = subnets_by_tier(ec2, vpc_id)["app"][0]
        ec2.delete_tags(Resources=[subnet["SubnetId"]], Tags=[{"Key": "Tier"}])
        public = route_table(ec2, f"{PREFIX}-public")
        ec2.delete_route(RouteTableId=public["RouteTableId"], DestinationCidrBlock="0.0.0.0/0")
        group_name = f"/appstack/{PREFIX}/vpc-flow-logs"
        logs.put_retention_policy(logGroupName=group_name, retentionInDays=30)
        iam, role_name = emulator_server.client("iam"), f"{PREFIX}-vpc-flow-logs"
        (attached,) = iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]
        iam.detach_role_policy(RoleName=role_name, PolicyArn=attached["PolicyArn"])
        iam.untag_policy(PolicyArn=attached["PolicyArn"], TagKeys=["Environment"])
        changed_vars = {
            **network_alone["extra_vars"],
            "network_flow_logs_retention_days": 400,
            "appstack_extra_tags": {"CostCenter": "platform"},
        }

        emulator_server.clear_requests()
        check = run_playbook(PLAYBOOK, PROD, emulator_server.env, check=True, diff=True, extra_vars=changed_vars)
        assert not check.failed, check.outcome()
        assert [call for call in emulator_server.requests()["calls"] if call["mutating"]] == []
        assert logs.describe_log_groups(logGroupNamePrefix=group_name)["logGroups"][0]["retentionInDays"] == 30
        predicted = check.changed_resources()
        assert {
            "amazon.aws.ec2_security_group",
            "amazon.aws.ec2_vpc_subnet",
            "amazon.aws.ec2_vpc_route_table",
            "appstack.aws.cloudwatchlogs_log_group",
            "amazon.aws.iam_role",
            "amazon.aws.iam_managed_policy",
        } <= set(check.changed_actions()), check.changed_actions()
        assert ("appstack.aws.cloudwatchlogs_log_group", group_name) in predicted
        assert ("amazon.aws.ec2_vpc_net", PREFIX) in predicted
        for found in (
            f"security group {PREFIX}-app: ingress rules",
            f"security group {PREFIX}-database: ingress",
            "the default security group has inbound rules",
            f"subnet {PREFIX}-app-us-east-1a: tags",
            f"route table {PREFIX}-public: routes",
            f"log group {group_name}: retention is 30",
        ):
            assert found in check.stdout, found

        real = run_playbook(PLAYBOOK, PROD, emulator_server.env, extra_vars=changed_vars)
        assert not real.failed, real.outcome()
        assert real.changed_resources() == predicted
        groups = groups_by_name(ec2, vpc_id)
        assert [p for p in groups[f"{PREFIX}-app"]["IpPermissions"] if p.get("FromPort") == 8080]
        assert not [p for p in groups[f"{PREFIX}-database"]["IpPermissions"] if p.get("FromPort") == 22]
        assert groups["default"]["IpPermissions"] == []
        assert tags(subnets_by_tier(ec2, vpc_id)["app"][0])["Tier"] == "app"
        assert default_route(route_table(ec2, f"{PREFIX}-public"))["GatewayId"].startswith("igw-")
        assert logs.describe_log_groups(logGroupNamePrefix=group_name)["logGroups"][0]["retentionInDays"] == 400
        assert [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=role_name)["AttachedPolicies"]] == [
            attached["PolicyArn"]
        ]
        policy_tags = iam.list_policy_tags(PolicyArn=attached["PolicyArn"])["Tags"]
        assert {"Key": "Environment", "Value": "prod"} in policy_tags
        # Retagging updates the resources in place: no second route table or endpoint.
        tables = ec2.describe_route_tables(Filters=in_vpc(vpc_id))["RouteTables"]
        assert sorted(tags(t).get("Name", "main") for t in tables) == sorted(
            ["main", f"{PREFIX}-public", f"{PREFIX}-app-us-east-1a", f"{PREFIX}-app-us-east-1b", f"{PREFIX}-database"]
        )
        assert all(tags(t)["CostCenter"] == "platform" for t in tables if tags(t))
        assert len(ec2.describe_vpc_endpoints(Filters=in_vpc(vpc_id))["VpcEndpoints"]) == 1

        again = run_playbook(PLAYBOOK, PROD, emulator_server.env, extra_vars=changed_vars)
        assert not again.failed, again.outcome()
        assert again.changed_resources() == []
