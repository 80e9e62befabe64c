"""The conditions on which clock.DelayCutter ends a shared environment's provisioning delays."""

from .clock import Observation, polled_after, polled_again_after

NAT = polled_after("ec2:CreateFlowLogs", "ec2:DescribeNatGateways", until="ec2:CreateRoute", polls=3)
RDS = polled_again_after(
    "logs:CreateLogGroup", after="rds:CreateDBInstance", poll="rds:DescribeDBInstances", gap_seconds=8, gaps=2
)


def observed(*timed_calls: tuple[float, str]) -> Observation:
    return Observation(calls=[call for _, call in timed_calls], seen_at=[at for at, _ in timed_calls])


def test_the_nat_gateways_are_cut_only_after_the_polls_the_tests_count():
    calls = [(0, "ec2:CreateNatGateway"), (1, "ec2:DescribeNatGateways"), (2, "ec2:CreateFlowLogs")]
    polls = [(3 + n, "ec2:DescribeNatGateways") for n in range(3)]

    assert NAT(observed(*calls)) is None
    assert NAT(observed(*calls, *polls[:2])) is None
    assert NAT(observed(*calls, *polls)) is True


def test_nothing_is_cut_once_the_routes_came_first():
    assert NAT(observed((0, "ec2:CreateFlowLogs"), (1, "ec2:CreateRoute"))) is False


def test_the_instance_is_cut_only_after_the_wait_polled_it_again():
    before = [(0, "rds:CreateDBInstance"), (1, "logs:CreateLogGroup"), (2, "rds:DescribeDBInstances")]
    # The later tier's read, throttled and retried at once; the wait's first attempt comes after the other tiers.
    retried = [(2.5, "rds:DescribeDBInstances"), (30, "rds:DescribeDBInstances")]

    assert RDS(observed(*before)) is None
    assert RDS(observed(*before, *retried)) is None
    assert RDS(observed(*before, *retried, (40.5, "rds:DescribeDBInstances"))) is True


def test_the_instance_waits_for_the_later_tier_after_the_create():
    calls = [(0, "logs:CreateLogGroup"), (1, "rds:DescribeDBInstances"), (20, "rds:DescribeDBInstances")]

    assert RDS(observed(*calls, (40, "rds:DescribeDBInstances"))) is None


def test_an_observation_starts_over_when_the_log_is_cleared():
    observation = Observation()
    observation.update(["ec2:CreateVpc", "ec2:CreateSubnet"])
    observation.update(["ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRoute"])
    assert observation.calls == ["ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRoute"]
    assert len(observation.seen_at) == 3

    observation.update(["s3:CreateBucket"])

    assert (observation.calls, len(observation.seen_at)) == (["s3:CreateBucket"], 1)
