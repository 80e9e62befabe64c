"""The network role's read-only entry points, against the emulator.

check_current refuses, before any write, a CIDR that AWS cannot change in place (a real run
would build a second VPC of the same name); lookup publishes the network_outputs of an
existing network for a run that skips the network tier (--tags data), equal key by key
to what a converge publishes. Both only read: the shared prod environment serves, and the
emulator's request log shows that nothing was written and how few calls were made.
"""

from collections import Counter

from .playbook import run_playbook

CHECK = "tests/integration/playbooks/network_first_hour/check_current.yml"
LOOKUP = "tests/integration/playbooks/network_first_hour/lookup.yml"
NETWORK = "tests/integration/playbooks/network.yml"
PROD = "inventories/prod"
PREFIX = "smartscheduler-prod"
PLAN = {
    "public": ["10.0.0.0/24", "10.0.1.0/24"],
    "app": ["10.0.10.0/24", "10.0.11.0/24"],
    "database": ["10.0.20.0/24", "10.0.21.0/24"],
}
# The reads of check_current: one DescribeVpcs by Name, the two DNS attributes that
# amazon.aws.ec2_vpc_net_info reads with it, one DescribeSubnets by VPC id.
# check_current reads the whole network once (appstack.aws.ec2_vpc_resources_info: one call
# per kind of resource, the VPC's two DNS attributes).
NETWORK_READS = {
    "DescribeVpcs": 1,
    "DescribeVpcAttribute": 2,
    "DescribeSubnets": 1,
    "DescribeInternetGateways": 1,
    "DescribeSecurityGroups": 1,
    "DescribeRouteTables": 1,
    "DescribeNatGateways": 1,
    "DescribeAddresses": 1,
    "DescribeVpcEndpoints": 1,
    "DescribeFlowLogs": 1,
}
# With flow logs on, also the flow log group.
CHECK_READS = {**NETWORK_READS, "DescribeLogGroups": 1, "ListTagsForResource": 1}
# lookup publishes the outputs from that read: nothing more.
LOOKUP_READS = CHECK_READS


def operations(emulator):
    """The calls the emulator received, by operation; fails on any write."""
    calls = emulator.requests()["calls"]
    assert [call for call in calls if call["mutating"]] == []
    return Counter(call["operation"] for call in calls)


def prod_vpc_id(prod):
    return prod["outputs"]["network"]["vpc_id"]


class TestCheckCurrentOnProd:
    def test_a_new_vpc_and_subnet_cidr_are_refused_naming_variable_values_and_way_out(self, prod):
        emulator = prod["emulator"]
        emulator.clear_requests()
        plan = {**PLAN, "app": ["10.0.10.0/24", "10.0.12.0/24"]}
        run = run_playbook(
            CHECK, PROD, emulator.env, extra_vars={"network_vpc_cidr": "10.1.0.0/16", "network_subnet_cidrs": plan}
        )
        assert run.failed, run.outcome()
        message = run.failure_messages()
        assert f"The network {PREFIX} cannot change in place:" in message
        assert (
            f"network_vpc_cidr: the VPC {PREFIX} ({prod_vpc_id(prod)}) has CIDR '10.0.0.0/16', "
            "the input asks for '10.1.0.0/16'. AWS cannot change a VPC's primary CIDR block"
        ) in message
        assert "Keep network_vpc_cidr '10.0.0.0/16'" in message
        app_b = prod["outputs"]["network"]["subnet_ids"]["app"][1]
        assert (
            f"network_subnet_cidrs.app[1]: the subnet {PREFIX}-app-us-east-1b ({app_b}) has CIDR '10.0.11.0/24', "
            "the input asks for '10.0.12.0/24'"
        ) in message
        assert "build a new environment" in message
        assert operations(emulator) == CHECK_READS

    def test_the_role_alone_refuses_before_planning_a_second_vpc(self, prod, tmp_path):
        """Without preflight, the main entry point checks first: --check used to plan a second VPC."""
        emulator = prod["emulator"]
        plan = {tier: [cidr.replace("10.0.", "10.1.") for cidr in cidrs] for tier, cidrs in PLAN.items()}
        emulator.clear_requests()
        run = run_playbook(
            NETWORK,
            PROD,
            emulator.env,
            check=True,
            extra_vars={
                "network_vpc_cidr": "10.1.0.0/16",
                "network_subnet_cidrs": plan,
                "appstack_outputs_dir": str(tmp_path / "outputs"),
            },
        )
        assert run.failed, run.outcome()
        assert "network_vpc_cidr: the VPC smartscheduler-prod" in run.failure_messages()
        assert run.changed_resources() == []
        assert run.results("amazon.aws.ec2_vpc_net") == []
        assert "DescribeVpcs" in operations(emulator)


class TestLookupOnProd:
    def test_lookup_after_check_current_publishes_the_converged_outputs_reading_the_vpc_once(self, prod):
        emulator = prod["emulator"]
        converged = prod["outputs"]["network"]
        emulator.clear_requests()
        run = run_playbook(LOOKUP, PROD, emulator.env, extra_vars={"first_hour_preflight": True})
        assert not run.failed, run.outcome()
        looked_up = run.custom_stats["network_outputs"]
        assert set(looked_up) == set(converged)
        for key, value in converged.items():
            assert looked_up[key] == value, key
        facts = run.custom_stats["network_facts"]
        assert facts["vpc_id"] == converged["vpc_id"]
        for key in ("subnet_ids", "route_table_ids", "security_group_ids", "nat_gateway_ids"):
            assert facts[key] == converged[key], key
        assert facts["s3_endpoint_id"] == converged["s3_endpoint_id"] != ""
        assert facts["flow_log_group_name"] == converged["flow_log_group_name"] != ""
        assert operations(emulator) == LOOKUP_READS

    def test_lookup_alone_reads_for_itself_and_takes_false_from_strings(self, prod):
        """As `-e network_s3_gateway_endpoint=false -e network_flow_logs_enabled=false` give them: strings."""
        emulator = prod["emulator"]
        emulator.clear_requests()
        extra_vars = {"network_s3_gateway_endpoint": "false", "network_flow_logs_enabled": "false"}
        run = run_playbook(LOOKUP, PROD, emulator.env, extra_vars=extra_vars)
        assert not run.failed, run.outcome()
        looked_up = run.custom_stats["network_outputs"]
        assert looked_up["s3_endpoint_id"] == ""
        assert looked_up["flow_log_group_name"] == ""
        assert looked_up["vpc_id"] == prod_vpc_id(prod)
        assert operations(emulator) == NETWORK_READS


class TestFreshAccount:
    def test_a_new_environment_passes_check_current_and_lookup_says_how_to_build_it(self, emulator):
        """check_current (as preflight runs it) passes any CIDR; lookup fails, reusing its single read."""
        emulator.clear_requests()
        run = run_playbook(
            LOOKUP, PROD, emulator.env, extra_vars={"first_hour_preflight": True, "network_vpc_cidr": "10.1.0.0/16"}
        )
        assert run.failed, run.outcome()
        message = run.failure_messages()
        assert (
            f"the network of {PREFIX} does not exist yet: run site.yml without --tags (or with --tags network) first"
            in message
        )
        assert "cannot change in place" not in message
        assert operations(emulator) == {"DescribeVpcs": 1}

    def test_two_vpcs_named_after_the_environment_are_refused(self, emulator):
        ec2 = emulator.client("ec2")
        for cidr in ("10.0.0.0/16", "10.1.0.0/16"):
            ec2.create_vpc(
                CidrBlock=cidr, TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": PREFIX}]}]
            )
        emulator.clear_requests()
        run = run_playbook(CHECK, PROD, emulator.env)
        assert run.failed, run.outcome()
        assert f"network_name_prefix: 2 VPCs are named '{PREFIX}'" in run.failure_messages()
        assert operations(emulator) == {"DescribeVpcs": 1, "DescribeVpcAttribute": 4}
