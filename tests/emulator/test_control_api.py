"""The control API under /_appstack/, driven over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from emulator.client import EmulatorClient, EmulatorError


def http(emulator: EmulatorClient, method: str, path: str, body: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(f"{emulator.endpoint}{path}", data=body, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_health_answers_ok(emulator: EmulatorClient) -> None:
    assert http(emulator, "GET", "/_appstack/health") == (200, {"status": "ok"})


def test_reset_empties_the_account_and_the_log_but_keeps_the_delays(emulator: EmulatorClient) -> None:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    emulator.client("s3").create_bucket(Bucket="reset-me")
    emulator.configure(provisioning_delays={"rds": 7})

    assert http(emulator, "POST", "/_appstack/reset") == (200, {"status": "ok"})

    assert vpc_id not in [vpc["VpcId"] for vpc in ec2.describe_vpcs()["Vpcs"]]
    assert emulator.client("s3").list_buckets()["Buckets"] == []
    assert emulator.config()["provisioning_delays"]["rds"] == 7
    # Only the two calls made since the reset.
    assert emulator.requests()["by_service"] == {"ec2": {"DescribeVpcs": 1}, "s3": {"ListBuckets": 1}}


def test_requests_count_calls_in_arrival_order(emulator: EmulatorClient) -> None:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    ec2.describe_vpcs(VpcIds=[vpc_id])
    ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.1.0/24")
    ec2.describe_vpcs()

    log = emulator.requests()

    assert log["total"] == 4
    assert log["mutating"] == 2
    assert log["by_service"] == {"ec2": {"CreateVpc": 1, "DescribeVpcs": 2, "CreateSubnet": 1}}
    assert log["calls"] == [
        {"service": "ec2", "operation": "CreateVpc", "mutating": True, "access_key_id": "testing"},
        {"service": "ec2", "operation": "DescribeVpcs", "mutating": False, "access_key_id": "testing"},
        {"service": "ec2", "operation": "CreateSubnet", "mutating": True, "access_key_id": "testing"},
        {"service": "ec2", "operation": "DescribeVpcs", "mutating": False, "access_key_id": "testing"},
    ]


def test_delete_requests_clears_the_log_only(emulator: EmulatorClient) -> None:
    ec2 = emulator.client("ec2")
    ec2.create_vpc(CidrBlock="10.2.0.0/16")

    assert http(emulator, "DELETE", "/_appstack/requests") == (200, {"status": "ok"})

    assert emulator.requests() == {"total": 0, "mutating": 0, "by_service": {}, "calls": []}
    assert "10.2.0.0/16" in [vpc["CidrBlock"] for vpc in ec2.describe_vpcs()["Vpcs"]]


def test_control_and_moto_api_calls_are_not_logged(emulator: EmulatorClient) -> None:
    emulator.health()
    emulator.config()
    http(emulator, "GET", "/moto-api/data.json")

    assert emulator.requests()["total"] == 0


def test_config_defaults_to_no_delay_and_no_throttling(emulator: EmulatorClient) -> None:
    assert http(emulator, "GET", "/_appstack/config") == (
        200,
        {
            "provisioning_delay_seconds": 0,
            "provisioning_delays": {
                "rds": 0,
                "nat_gateway": 0,
                "cloudfront": 0,
                "apprunner": 0,
                "acm": 0,
                "ecs_deployment": 0,
                "ecs_task": 0,
                "load_balancer": 0,
                "elasticache": 0,
            },
            "throttle_rate": 0,
            "server_error_rate": 0,
            "apprunner_account_blocked": False,
        },
    )


def test_config_sets_a_default_then_per_kind_overrides(emulator: EmulatorClient) -> None:
    emulator.configure(provisioning_delay_seconds=3)
    config = emulator.configure(provisioning_delays={"rds": 5, "cloudfront": 1.5})

    assert config == {
        "provisioning_delay_seconds": 3,
        "provisioning_delays": {
            "rds": 5,
            "nat_gateway": 3,
            "cloudfront": 1.5,
            "apprunner": 3,
            "acm": 3,
            "ecs_deployment": 3,
            "ecs_task": 3,
            "load_balancer": 3,
            "elasticache": 3,
        },
        "throttle_rate": 0,
        "server_error_rate": 0,
        "apprunner_account_blocked": False,
    }
    assert emulator.config() == config


def test_a_new_default_drops_the_overrides(emulator: EmulatorClient) -> None:
    emulator.configure(provisioning_delays={"nat_gateway": 4})

    config = emulator.configure(provisioning_delay_seconds=0)

    assert set(config["provisioning_delays"].values()) == {0}


@pytest.mark.parametrize(
    "body",
    [
        {"provisioning_delay_seconds": -1},
        {"provisioning_delay_seconds": "2"},
        {"provisioning_delays": {"lambda": 2}},
        {"provisioning_delays": [2]},
        {"provisioning_delay": 2},
    ],
    ids=["negative", "string", "unknown-kind", "not-an-object", "unknown-setting"],
)
def test_config_rejects_bad_settings_and_keeps_the_old_ones(emulator: EmulatorClient, body: dict) -> None:
    before = emulator.config()

    status, answer = http(emulator, "POST", "/_appstack/config", json.dumps(body).encode())

    assert status == 400
    assert answer["error"]
    assert emulator.config() == before


def test_config_rejects_a_body_that_is_not_json(emulator: EmulatorClient) -> None:
    status, answer = http(emulator, "POST", "/_appstack/config", b"delay=2")

    assert status == 400
    assert "JSON" in answer["error"]


def test_unknown_endpoint_is_404_and_wrong_method_405(emulator: EmulatorClient) -> None:
    assert http(emulator, "GET", "/_appstack/nothing")[0] == 404
    assert http(emulator, "GET", "/_appstack/reset")[0] == 405


def test_client_raises_on_a_refused_request(emulator: EmulatorClient) -> None:
    with pytest.raises(EmulatorError, match="HTTP 400"):
        emulator.configure(provisioning_delay_seconds=-5)


def test_client_env_points_sdks_at_the_emulator(emulator: EmulatorClient) -> None:
    assert emulator.env == {
        "AWS_ENDPOINT_URL": emulator.endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    assert emulator.endpoint == f"http://127.0.0.1:{emulator.port}"
