"""docs/diagram.py: the picture of an environment, from its inventory and the outputs a run wrote.

files/outputs-local.json is the outputs document of a real build of inventories/local on the emulator
(site.yml alone: the App Runner service waits for its first deploy, so it reads NOT_CREATED).
"""

import json
import shutil
import struct
from pathlib import Path

import pytest

from docs import diagram

FIXTURE = Path(__file__).parent / "files" / "outputs-local.json"
TIER_LABELS = ("Public subnets", "Private subnets (app)", "Isolated subnets (database)")


@pytest.fixture(scope="module")
def document():
    return json.loads(FIXTURE.read_text())


@pytest.fixture(scope="module")
def local(document):
    return diagram.settings("local", document["outputs"])


def _dot(env, document, **overrides):
    config = diagram.settings(env, (document or {}).get("outputs"), overrides)
    return diagram.render_dot(diagram.build_model(config, document))


def test_the_settings_merge_role_defaults_shared_defaults_and_the_inventory(local):
    assert local["network_vpc_cidr"] == "10.0.0.0/16"  # role default
    assert local["appstack_app_name"] == "smartscheduler"  # group_vars/all beside the playbooks
    assert local["network_nat_mode"] == "single"  # the inventory's group
    assert local["network_availability_zones"] == ["us-east-1a", "us-east-1b"]  # templated
    assert local["ecr_repository_name"] == "smartscheduler-backend"
    assert local["secrets_account_id"] is None  # {{ appstack_account_id }}: only a run knows it


def test_a_built_environment_draws_every_tier_in_every_zone(local, document):
    text = diagram.render_dot(diagram.build_model(local, document))
    outputs = document["outputs"]
    network = outputs["network"]
    for label in TIER_LABELS:
        assert label in text
    for tier, cidrs in local["network_subnet_cidrs"].items():
        for index, zone in enumerate(network["availability_zones"]):
            assert cidrs[index] in text
            assert network["subnet_ids"][tier][index] in text
            assert f"subgraph cluster_{tier}_{index}" in text
            assert zone in text
    expected = (
        f"VPC {network['vpc_id']}",
        network["nat_gateway_ids"][0],
        "AWS App Runner",
        "App Runner VPC connector",
        outputs["ecr"]["repository_uri"],
        "Amazon RDS for PostgreSQL 16.6",
        outputs["rds"]["endpoint_host"],
        "AWS Secrets Manager",
        outputs["secrets"]["secret_names"]["jwt-signing-key"],
        "Amazon CloudFront",
        outputs["s3_cloudfront"]["distribution_domain"],
        outputs["s3_cloudfront"]["bucket_name"],
        "Amazon SNS: alarms",
        "smartscheduler-local-alerts",
        "Amazon CloudWatch",
    )
    for label in expected:
        assert label in text, label
    # CloudFront's two origins, and the request's path to the database.
    for edge in ("cloudfront -> frontend", "cloudfront -> service", "service -> connector", "connector -> database"):
        assert edge in text
    assert "PLANNED" not in text


def test_the_proxy_and_the_cache_appear_only_when_enabled(local, document):
    text = diagram.render_dot(diagram.build_model(local, document))
    assert "Amazon RDS Proxy" not in text and "ElastiCache" not in text
    text = _dot("local", document, rds_proxy_enabled=True, cache_enabled=True)
    assert "Amazon RDS Proxy" in text and "Amazon ElastiCache (valkey 8.1)" in text
    assert "connector -> proxy" in text and "proxy -> database" in text and "connector -> cache" in text


def test_ecs_fargate_draws_the_load_balancer_and_ecs_instead_of_app_runner(document):
    model = diagram.build_model(
        diagram.settings("local", document["outputs"], {"appstack_compute": "ecs_fargate"}), document
    )
    text = diagram.render_dot(model)
    assert "Application Load Balancer" in text and "Amazon ECS on Fargate" in text
    assert "AWS App Runner" not in text and "connector" not in model.nodes
    assert "cloudfront -> alb" in text and "alb -> service" in text and "service -> database" in text
    assert "alb" in model.groups[1].groups[0].groups[0].nodes  # in the public tier of the VPC
    # The local build ran App Runner: the load balancer and the service are not built yet.
    assert model.nodes["alb"].planned and model.nodes["service"].planned


def test_without_outputs_the_picture_is_the_planned_one():
    model = diagram.build_model(diagram.settings("prod"), None)
    text = diagram.render_dot(model)
    assert model.planned and "PLANNED: from the inventory alone" in text
    assert all(node.planned for key, node in model.nodes.items() if key != "users")
    # prod: a NAT gateway per zone, the proxy and the cache, the assets bucket.
    assert {"nat_0", "nat_1", "proxy", "cache", "assets"} <= set(model.nodes)
    for label in (*TIER_LABELS, "10.0.21.0/24", "smartscheduler-prod", "Amazon RDS Proxy", "Amazon SNS: alarms"):
        assert label in text


def test_dot_draws_a_png_and_an_svg_with_every_tier(local, document, tmp_path):
    assert shutil.which("dot"), "Graphviz's dot is missing: run `make graphviz` (apt-get install graphviz)"
    model = diagram.build_model(local, document)
    svg, png = tmp_path / "local.svg", tmp_path / "local.png"
    diagram.run_dot(diagram.render_dot(model), svg, png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert 1500 < width < 6000 and 500 < height < 3000, (width, height)
    assert len(data) > 50_000  # text and boxes, not an empty canvas
    drawing = svg.read_text()
    for label in (*TIER_LABELS, "Amazon CloudFront", "AWS App Runner", "Amazon RDS for PostgreSQL", "Amazon ECR"):
        assert label in drawing
