"""The network role in other environments and conditions: prod's empty account under --check,
dev's single NAT gateway, slow NAT gateways, and a whole environment (site.yml) built with throttled
API calls (the converged environments of tests/integration/conftest.py)."""

from .ec2_reads import default_route, in_vpc, route_table

PREFIX = "smartscheduler-prod"


def test_check_on_an_empty_account_reports_creation_and_sends_no_mutating_call(prod_check):
    """prod's --check on an empty account."""
    check = prod_check["check"]
    assert not check.failed, check.outcome()
    changed = check.changed_resources()

    def resources(action):
        return [change.resource for change in changed if change.action == action]

    assert ("amazon.aws.ec2_vpc_net", PREFIX) in changed
    assert set(resources("amazon.aws.ec2_vpc_subnet")) == {
        "10.0.0.0/24",
        "10.0.1.0/24",
        "10.0.10.0/24",
        "10.0.11.0/24",
        "10.0.20.0/24",
        "10.0.21.0/24",
    }
    assert len(resources("amazon.aws.ec2_vpc_nat_gateway")) == 2, "per_az: one NAT gateway in each zone"
    assert {f"{PREFIX}-{group}" for group in ("alb", "app", "database", "cache")} <= set(
        resources("amazon.aws.ec2_security_group")
    )
    assert ("appstack.aws.ec2_vpc_flow_log", f"/appstack/{PREFIX}/vpc-flow-logs") in changed
    requests = prod_check["check_requests"]
    assert requests["total"] > 0
    assert [call for call in requests["calls"] if call["mutating"]] == []
    assert prod_check["check_vpcs"] == []
    assert not prod_check["check_wrote_outputs"]


def test_dev_shares_one_nat_gateway_and_keeps_flow_logs_30_days(dev, dev_emulator):
    ec2 = dev_emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-dev"]}])["Vpcs"][0]["VpcId"]
    (gateway,) = ec2.describe_nat_gateways(Filters=in_vpc(vpc_id))["NatGateways"]
    for zone in ("us-east-1a", "us-east-1b"):
        assert (
            default_route(route_table(ec2, f"smartscheduler-dev-app-{zone}"))["NatGatewayId"] == gateway["NatGatewayId"]
        )
    group = dev_emulator.client("logs").describe_log_groups(logGroupNamePrefix="/appstack/smartscheduler-dev/")[
        "logGroups"
    ][0]
    assert group["retentionInDays"] == 30


def test_nat_gateways_build_in_the_background_and_routes_wait_for_them(dev, dev_emulator):
    """dev's NAT gateways are slow to provision (conftest.DEV_DELAYS): the role creates them, builds the
    security groups and flow logs meanwhile, then polls until they are available before it creates any route."""
    operations = [call["operation"] for call in dev["requests"]["calls"]]
    created_nat = operations.index("CreateNatGateway")
    first_route = operations.index("CreateRoute")
    # Work went on while the gateway was pending: no waiting right after creating it.
    assert "CreateSecurityGroup" in operations[created_nat:first_route]
    assert "CreateFlowLogs" in operations[created_nat:first_route]
    # The wait polled the pending gateway more than once before the first route.
    polls = operations[operations.index("CreateFlowLogs") : first_route].count("DescribeNatGateways")
    assert polls >= 2, f"expected the role to poll the pending NAT gateway, saw {polls} poll(s)"
    ec2 = dev_emulator.client("ec2")
    (gateway,) = ec2.describe_nat_gateways()["NatGateways"]
    assert gateway["State"] == "available"
    assert (
        default_route(route_table(ec2, "smartscheduler-dev-app-us-east-1a"))["NatGatewayId"] == gateway["NatGatewayId"]
    )


def test_a_run_survives_one_call_in_five_being_throttled(dev, dev_emulator):
    """dev's real run had one call in five throttled (conftest.DEV_THROTTLE_RATE): appstack_aws_config's standard
    retries reach every module, amazon.aws's and ours, and the environment is whole."""
    assert not dev["run"].failed, dev["run"].outcome()
    assert dev["requests"]["total"] >= 100, "too few calls for one in five to have been throttled"
    ec2 = dev_emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-dev"]}])["Vpcs"][0]["VpcId"]
    assert ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc_id]}])["FlowLogs"]
    assert len(ec2.describe_subnets(Filters=in_vpc(vpc_id))["Subnets"]) == 6
    (instance,) = dev_emulator.client("rds").describe_db_instances()["DBInstances"]
    assert instance["DBInstanceStatus"] == "available"
    assert len(dev_emulator.client("secretsmanager").list_secrets()["SecretList"]) == 4
