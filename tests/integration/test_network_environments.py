"""The network role in other environments and conditions: an empty account under
--check, dev's single NAT gateway, slow NAT gateways, and a whole environment (site.yml) with throttled
API calls."""

from .ec2_reads import default_route, in_vpc, route_table
from .playbook import run_playbook

PLAYBOOK = "tests/integration/playbooks/network.yml"
PROD = "inventories/prod"
PREFIX = "smartscheduler-prod"


def test_check_on_an_empty_account_reports_creation_and_sends_no_mutating_call(emulator, tmp_path):
    run = run_playbook(
        PLAYBOOK, PROD, emulator.env, check=True, extra_vars={"appstack_outputs_dir": str(tmp_path / "outputs")}
    )
    assert not run.failed, run.outcome()
    changed = run.changed_tasks()
    for task in (
        "Create the VPC smartscheduler-prod",
        "Create the subnets",
        "Start the NAT gateways (per_az)",
        "Create the security groups",
        "Send the VPC flow logs to /appstack/smartscheduler-prod/vpc-flow-logs",
    ):
        assert task in changed
    requests = emulator.requests()
    assert requests["total"] > 0
    assert [call for call in requests["calls"] if call["mutating"]] == []
    ec2 = emulator.client("ec2")
    assert ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [PREFIX]}])["Vpcs"] == []
    assert not (tmp_path / "outputs").exists()


def test_dev_shares_one_nat_gateway_and_keeps_flow_logs_30_days(emulator, tmp_path):
    run = run_playbook(PLAYBOOK, "inventories/dev", emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path)})
    assert not run.failed, run.outcome()
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-dev"]}])["Vpcs"][0]["VpcId"]
    (gateway,) = ec2.describe_nat_gateways(Filters=in_vpc(vpc_id))["NatGateways"]
    for zone in ("us-east-1a", "us-east-1b"):
        assert (
            default_route(route_table(ec2, f"smartscheduler-dev-app-{zone}"))["NatGatewayId"] == gateway["NatGatewayId"]
        )
    group = emulator.client("logs").describe_log_groups(logGroupNamePrefix="/appstack/smartscheduler-dev/")[
        "logGroups"
    ][0]
    assert group["retentionInDays"] == 30


def test_nat_gateways_build_in_the_background_and_routes_wait_for_them(emulator, tmp_path):
    """With NAT gateways slow to provision, the role creates them, builds the security groups and
    flow logs meanwhile, then polls until they are available before it creates any route."""
    emulator.configure(provisioning_delays={"nat_gateway": 40})
    run = run_playbook(PLAYBOOK, "inventories/dev", emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path)})
    assert not run.failed, run.outcome()
    operations = [call["operation"] for call in emulator.requests()["calls"]]
    created_nat = operations.index("CreateNatGateway")
    first_route = operations.index("CreateRoute")
    # Work went on while the gateway was pending: no waiting right after creating it.
    assert "CreateSecurityGroup" in operations[created_nat:first_route]
    assert "CreateFlowLogs" in operations[created_nat:first_route]
    # The wait polled the pending gateway more than once before the first route.
    polls = operations[operations.index("CreateFlowLogs") : first_route].count("DescribeNatGateways")
    assert polls >= 2, f"expected the role to poll the pending NAT gateway, saw {polls} poll(s)"
    ec2 = emulator.client("ec2")
    (gateway,) = ec2.describe_nat_gateways()["NatGateways"]
    assert gateway["State"] == "available"
    assert (
        default_route(route_table(ec2, "smartscheduler-dev-app-us-east-1a"))["NatGatewayId"] == gateway["NatGatewayId"]
    )


def test_a_run_survives_one_call_in_five_being_throttled(emulator, tmp_path):
    """appstack_aws_config's standard retries reach every module, amazon.aws's and ours."""
    emulator.configure(throttle_rate=0.2)
    run = run_playbook("site.yml", "inventories/dev", emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path)})
    emulator.configure(throttle_rate=0)
    assert not run.failed, run.outcome()
    ec2 = emulator.client("ec2")
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["smartscheduler-dev"]}])["Vpcs"][0]["VpcId"]
    assert ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc_id]}])["FlowLogs"]
    assert len(ec2.describe_subnets(Filters=in_vpc(vpc_id))["Subnets"]) == 6
    (instance,) = emulator.client("rds").describe_db_instances()["DBInstances"]
    assert instance["DBInstanceStatus"] == "available"
