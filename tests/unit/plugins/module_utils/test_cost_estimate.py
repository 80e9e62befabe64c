"""Unit tests for module_utils/cost_estimate.py: pricing described resources with the shipped price table."""

from pathlib import Path

import pytest
import yaml
from ansible_collections.appstack.aws.plugins.module_utils import cost_estimate

PRICES = yaml.safe_load(
    (Path(__file__).resolve().parents[4] / "roles" / "report" / "files" / "prices_us_east_1.yml").read_text()
)
ASSUMPTIONS = {
    "nat_processed_gb_per_month": 100,
    "apprunner_active_hours_per_month": 243,
    "alb_lcu": 1,
    "cloudfront_transfer_gb_per_month": 100,
    "cloudfront_https_requests_per_month": 1000000,
}
PROD_DB = {
    "identifier": "app-prod",
    "instance_class": "db.t3.small",
    "multi_az": True,
    "allocated_storage": 100,
    "storage_type": "gp3",
    "performance_insights_enabled": True,
    "performance_insights_retention": 7,
}


def _monthly(result, resource, item_start):
    (line,) = [line for line in result["lines"] if line["resource"] == resource and line["item"].startswith(item_start)]
    return line["monthly"]


def test_the_price_table_is_dated_and_names_its_sources():
    assert PRICES["region"] == "us-east-1"
    assert PRICES["retrieved"]
    assert all(source.startswith("https://aws.amazon.com/") for source in PRICES["sources"])


def test_a_multi_az_database_bills_two_instances_and_twice_the_storage():
    result = cost_estimate.estimate({"rds_instances": [PROD_DB]}, PRICES, ASSUMPTIONS)
    assert _monthly(result, "app-prod", "db.t3.small instance, Multi-AZ") == pytest.approx(730 * 2 * 0.036, abs=0.01)
    assert _monthly(result, "app-prod", "gp3 storage, Multi-AZ") == pytest.approx(100 * 2 * 0.115, abs=0.01)
    assert _monthly(result, "app-prod", "Performance Insights, 7 days") == 0


def test_a_single_az_database_bills_one_instance():
    single = {**PROD_DB, "multi_az": False, "instance_class": "db.t3.micro", "allocated_storage": 20}
    result = cost_estimate.estimate({"rds_instances": [single]}, PRICES, ASSUMPTIONS)
    assert _monthly(result, "app-prod", "db.t3.micro instance, Single-AZ") == pytest.approx(13.14)
    assert _monthly(result, "app-prod", "gp3 storage, Single-AZ") == pytest.approx(2.30)


def test_performance_insights_beyond_the_free_week_bills_per_vcpu():
    db = {**PROD_DB, "performance_insights_retention": 465}
    result = cost_estimate.estimate({"rds_instances": [db]}, PRICES, ASSUMPTIONS)
    assert _monthly(result, "app-prod", "Performance Insights, 465") == pytest.approx(730 * 2 * 0.0125, abs=0.01)


def test_rds_proxy_bills_per_vcpu_of_the_instance_with_a_minimum_of_two():
    result = cost_estimate.estimate(
        {"rds_proxies": [{"name": "app-prod", "instance_class": "db.t3.micro"}]}, PRICES, ASSUMPTIONS
    )
    assert _monthly(result, "app-prod", "RDS Proxy") == pytest.approx(730 * 2 * 0.015, abs=0.01)


def test_apprunner_bills_idle_memory_and_active_vcpu_and_memory():
    service = {"name": "api", "cpu_vcpu": 1.0, "memory_gb": 2.0, "min_size": 1}
    result = cost_estimate.estimate({"apprunner_services": [service]}, PRICES, ASSUMPTIONS)
    assert _monthly(result, "api", "provisioned memory") == pytest.approx((730 - 243) * 2 * 0.007, abs=0.01)
    assert _monthly(result, "api", "active vCPU") == pytest.approx(243 * 0.064, abs=0.01)
    assert _monthly(result, "api", "active memory") == pytest.approx(243 * 2 * 0.007, abs=0.01)


def test_fargate_nat_alb_cloudfront_cache_and_the_per_unit_items():
    resources = {
        "ecs_services": [{"name": "api", "cpu_vcpu": 0.5, "memory_gb": 1.0, "desired_count": 2}],
        "nat_gateways": ["nat-1", "nat-2"],
        "load_balancers": ["app"],
        "distributions": ["E1"],
        "cache_groups": [{"id": "cache", "engine": "valkey", "node_type": "cache.t3.micro", "nodes": 2}],
        "kms_keys": ["k1"],
        "secrets": ["a", "b", "c"],
        "alarms": [{"name": "x", "high_resolution": False}, {"name": "y", "high_resolution": True}],
    }
    result = cost_estimate.estimate(resources, PRICES, ASSUMPTIONS)
    assert _monthly(result, "api", "Fargate vCPU") == pytest.approx(730 * 2 * 0.5 * 0.04048, abs=0.01)
    assert _monthly(result, "nat-1", "NAT gateway") == pytest.approx(32.85)
    assert _monthly(result, "NAT gateways", "data processed") == pytest.approx(4.5)
    assert _monthly(result, "app", "application load balancer") == pytest.approx(16.43)
    assert _monthly(result, "E1", "data transfer") == pytest.approx(8.5)
    assert _monthly(result, "cache", "valkey cache.t3.micro") == pytest.approx(730 * 2 * 0.0136, abs=0.01)
    assert _monthly(result, "k1", "KMS") == 1.0
    assert _monthly(result, "3 secrets", "Secrets Manager") == pytest.approx(1.2)
    assert _monthly(result, "1 alarms", "CloudWatch standard") == pytest.approx(0.1)
    assert _monthly(result, "1 alarms", "CloudWatch high-resolution") == pytest.approx(0.3)


def test_the_total_is_the_sum_of_the_lines():
    resources = {"rds_instances": [PROD_DB], "nat_gateways": ["nat-1"], "secrets": ["a"]}
    result = cost_estimate.estimate(resources, PRICES, ASSUMPTIONS)
    assert result["total"] == pytest.approx(sum(line["monthly"] for line in result["lines"]), abs=1e-9)
    assert result["unpriced"] == []


def test_a_size_the_table_does_not_price_is_listed_not_guessed():
    db = {**PROD_DB, "instance_class": "db.x2iedn.32xlarge"}
    result = cost_estimate.estimate({"rds_instances": [db]}, PRICES, ASSUMPTIONS)
    assert result["lines"] == []
    assert result["total"] == 0
    assert "db.x2iedn.32xlarge" in result["unpriced"][0]


def test_every_assumption_must_be_a_number_of_zero_or_more():
    assert cost_estimate.missing_assumptions(ASSUMPTIONS) == []
    problems = cost_estimate.missing_assumptions({**ASSUMPTIONS, "alb_lcu": -1, "nat_processed_gb_per_month": "x"})
    assert len(problems) == 2
    assert any("alb_lcu" in problem for problem in problems)


def test_the_budget_comparison_names_the_amounts_crossed_and_the_limit():
    comparison = cost_estimate.budget_comparison(120.0, [50, 100, 150], 150.0)
    assert comparison["crossed"] == [50, 100]
    assert comparison["within_limit"] is True
    assert comparison["share_of_limit"] == 80.0
    assert cost_estimate.budget_comparison(227.19, [50, 100, 150], 150.0)["within_limit"] is False
