"""Slow resources stay in progress for the configured delay, then are ready."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from emulator import delays
from emulator.client import EmulatorClient, EmulatorError

# Long enough that a create and a read fit in it on a busy machine; the test waits it out once per kind.
DELAY_SECONDS = 4
StatusReader = Callable[[], str]


def create_db_instance(emulator: EmulatorClient) -> StatusReader:
    rds = emulator.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="slow-db",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        MasterUsername="app",
        MasterUserPassword="not-a-secret-42",
    )
    return lambda: rds.describe_db_instances(DBInstanceIdentifier="slow-db")["DBInstances"][0]["DBInstanceStatus"]


def create_db_cluster(emulator: EmulatorClient) -> StatusReader:
    rds = emulator.client("rds")
    rds.create_db_cluster(
        DBClusterIdentifier="slow-cluster",
        Engine="aurora-postgresql",
        MasterUsername="app",
        MasterUserPassword="not-a-secret-42",
    )
    return lambda: rds.describe_db_clusters(DBClusterIdentifier="slow-cluster")["DBClusters"][0]["Status"]


def create_nat_gateway(emulator: EmulatorClient) -> StatusReader:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.4.0.0/16")["Vpc"]["VpcId"]
    subnet_id = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.4.0.0/24")["Subnet"]["SubnetId"]
    allocation_id = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat_id = ec2.create_nat_gateway(SubnetId=subnet_id, AllocationId=allocation_id)["NatGateway"]["NatGatewayId"]
    return lambda: ec2.describe_nat_gateways(NatGatewayIds=[nat_id])["NatGateways"][0]["State"]


def create_distribution(emulator: EmulatorClient) -> StatusReader:
    cloudfront = emulator.client("cloudfront")
    distribution_id = cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": "slow-distribution",
            "Comment": "",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "origin",
                        "DomainName": "origin.example.com",
                        "CustomOriginConfig": {
                            "HTTPPort": 80,
                            "HTTPSPort": 443,
                            "OriginProtocolPolicy": "https-only",
                        },
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "origin",
                "ViewerProtocolPolicy": "redirect-to-https",
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            },
        }
    )["Distribution"]["Id"]
    return lambda: cloudfront.get_distribution(Id=distribution_id)["Distribution"]["Status"]


def time_when(read_status: StatusReader, expected: str, timeout: float) -> float:
    """Poll until the status is ``expected``; return the monotonic time it was seen."""
    deadline = time.monotonic() + timeout
    while (status := read_status()) != expected:
        assert time.monotonic() < deadline, f"still {status!r}, not {expected!r}, after {timeout}s"
        time.sleep(0.1)
    return time.monotonic()


# kind, what to create, in-progress status, ready status
SLOW_RESOURCES = [
    pytest.param("rds", create_db_instance, "creating", "available", id="rds-instance"),
    pytest.param("rds", create_db_cluster, "creating", "available", id="rds-cluster"),
    pytest.param("nat_gateway", create_nat_gateway, "pending", "available", id="nat-gateway"),
    pytest.param("cloudfront", create_distribution, "InProgress", "Deployed", id="cloudfront"),
]


@pytest.mark.parametrize(("kind", "create", "in_progress", "ready"), SLOW_RESOURCES)
def test_with_a_delay_a_new_resource_is_in_progress_then_ready(
    emulator: EmulatorClient, kind: str, create: Callable, in_progress: str, ready: str
) -> None:
    emulator.configure(provisioning_delays={kind: DELAY_SECONDS})
    before_create = time.monotonic()
    read_status = create(emulator)

    first_status = read_status()
    # The clock starts inside the create call, after before_create: a read answered within DELAY_SECONDS of it was
    # surely made before the deadline. On a loaded machine the create and the read can outlast the delay, and the
    # read may have been made on either side of the deadline.
    if time.monotonic() - before_create < DELAY_SECONDS:
        assert first_status == in_progress
    else:
        assert first_status in (in_progress, ready)
    ready_at = time_when(read_status, ready, timeout=DELAY_SECONDS + 5)
    # One monotonic clock for both processes: ready no sooner than the delay after the create was sent.
    assert ready_at - before_create >= DELAY_SECONDS


@pytest.mark.parametrize(("kind", "create", "in_progress", "ready"), SLOW_RESOURCES)
def test_without_a_delay_a_new_resource_is_ready_at_once(
    emulator: EmulatorClient, kind: str, create: Callable, in_progress: str, ready: str
) -> None:
    read_status = create(emulator)

    assert read_status() == ready


@pytest.mark.parametrize(("kind", "create", "in_progress", "ready"), SLOW_RESOURCES)
def test_advancing_the_clock_by_the_delay_makes_a_new_resource_ready(
    emulator: EmulatorClient, kind: str, create: Callable, in_progress: str, ready: str
) -> None:
    emulator.configure(provisioning_delays={kind: 600})
    read_status = create(emulator)
    assert read_status() == in_progress

    # A minute short of the delay: more than the calls so far can take, however busy the machine.
    emulator.advance_clock(540)
    assert read_status() == in_progress
    emulator.advance_clock(60)

    assert read_status() == ready


def test_a_resource_created_after_the_clock_moved_on_gets_its_whole_delay(emulator: EmulatorClient) -> None:
    emulator.configure(provisioning_delays={"nat_gateway": 600})
    first = create_nat_gateway(emulator)
    emulator.advance_clock(300)
    second = create_nat_gateway(emulator)

    emulator.advance_clock(300)

    assert (first(), second()) == ("available", "pending")


def test_advancing_the_clock_returns_the_total_and_refuses_a_bad_body(emulator: EmulatorClient) -> None:
    total = emulator.advance_clock(0)

    assert emulator.advance_clock(2.5) == total + 2.5
    for seconds in (-1, "10", True, None):
        with pytest.raises(EmulatorError, match=r"HTTP 400 .*number of seconds >= 0"):
            emulator.advance_clock(seconds)
    with pytest.raises(EmulatorError, match=r"HTTP 400 .*advance_seconds is required"):
        emulator._call("POST", "clock", {})
    with pytest.raises(EmulatorError, match=r"HTTP 400 .*unknown fields: seconds"):
        emulator._call("POST", "clock", {"advance_seconds": 1, "seconds": 1})
    assert emulator.advance_clock(0) == total + 2.5


def test_a_delay_for_one_kind_leaves_the_others_alone(emulator: EmulatorClient) -> None:
    emulator.configure(provisioning_delays={"rds": 30})

    assert create_nat_gateway(emulator)() == "available"


def test_the_delay_applies_to_resources_created_after_it_was_set(emulator: EmulatorClient) -> None:
    read_status = create_db_instance(emulator)

    emulator.configure(provisioning_delay_seconds=30)

    assert read_status() == "available"


def test_seconds_for_knows_every_kind_and_rejects_others() -> None:
    assert {kind: delays.seconds_for(kind) for kind in delays.KINDS} == dict.fromkeys(delays.KINDS, 0)
    with pytest.raises(delays.DelayConfigError, match="unknown resource kind"):
        delays.seconds_for("lambda")


def test_still_provisioning_until_the_deadline() -> None:
    assert delays.still_provisioning(delays.now() + 60)
    assert not delays.still_provisioning(delays.now() - 1)
    assert not delays.still_provisioning(None)


def test_the_clock_is_the_monotonic_clock_moved_on_by_every_advance() -> None:
    before = delays.now() - time.monotonic()
    total = delays.advance_clock(0.5)

    assert delays.now() - time.monotonic() == pytest.approx(before + 0.5, abs=0.05)
    assert delays.advance_clock(0) == total
    with pytest.raises(delays.DelayConfigError, match="number of seconds >= 0"):
        delays.advance_clock(-1)
