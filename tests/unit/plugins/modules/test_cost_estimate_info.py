"""Unit tests for appstack.aws.cost_estimate_info (botocore Stubber, no network)."""

from pathlib import Path

import yaml
from ansible_collections.appstack.aws.plugins.modules import cost_estimate_info as module

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


def test_prices_the_database_and_nat_gateways_and_compares_the_total_with_the_budget(rds, ec2, run_module):
    rds_client, rds_stubber = rds
    ec2_client, ec2_stubber = ec2
    rds_stubber.add_response(
        "describe_db_instances",
        {
            "DBInstances": [
                {
                    "DBInstanceIdentifier": "app-dev",
                    "DBInstanceClass": "db.t3.micro",
                    "MultiAZ": False,
                    "AllocatedStorage": 20,
                    "StorageType": "gp3",
                }
            ]
        },
        {"DBInstanceIdentifier": "app-dev"},
    )
    ec2_stubber.add_response(
        "describe_nat_gateways",
        {
            "NatGateways": [
                {"NatGatewayId": "nat-1", "State": "available"},
                {"NatGatewayId": "nat-2", "State": "deleted"},
            ]
        },
        {"NatGatewayIds": ["nat-1", "nat-2"]},
    )
    args = {
        "prices": PRICES,
        "assumptions": ASSUMPTIONS,
        "rds_instance_identifiers": ["app-dev"],
        "nat_gateway_ids": ["nat-1", "nat-2"],
        "budget_amounts": [20, 50],
        "budget_limit": 50,
    }

    rc, result = run_module(module, args, {"rds": rds_client, "ec2": ec2_client})

    assert rc == 0, result
    assert result["changed"] is False
    by_item = {(line["resource"], line["item"]): line["monthly"] for line in result["lines"]}
    assert by_item == {
        ("app-dev", "db.t3.micro instance, Single-AZ"): 13.14,
        ("app-dev", "gp3 storage, Single-AZ"): 2.3,
        ("nat-1", "NAT gateway"): 32.85,
        ("NAT gateways", "data processed (assumed)"): 4.5,
    }
    assert result["total"] == 52.79
    assert result["budget"]["crossed"] == [20, 50]
    assert result["budget"]["within_limit"] is False


def test_bad_assumptions_and_an_incomplete_price_table_fail_before_any_call(run_module):
    args = {"prices": {"hours_per_month": 730}, "assumptions": {**ASSUMPTIONS, "alb_lcu": -2}}

    rc, result = run_module(module, args, None)

    assert rc == 1
    assert "prices has no 'rds'" in result["msg"]
    assert "assumptions.alb_lcu" in result["msg"]
