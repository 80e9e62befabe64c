"""The closing screen of `make demo`: one line per tier, where things are, and what to do next."""

import json

from emulator import demo

DOCUMENT = {
    "application": "smartscheduler",
    "environment": "local",
    "region": "us-east-1",
    "outputs": {
        "network": {
            "vpc_id": "vpc-1",
            "vpc_cidr": "10.0.0.0/16",
            "availability_zones": ["us-east-1a", "us-east-1b"],
            "subnet_ids": {"public": ["s-1", "s-2"], "app": ["s-3", "s-4"], "database": ["s-5", "s-6"]},
            "nat_gateway_ids": ["nat-1"],
            "security_group_ids": {"alb": "sg-1", "app": "sg-2", "database": "sg-3", "cache": "sg-4"},
            "flow_log_group_name": "",
        },
        "secrets": {
            "kms_key_alias": "alias/smartscheduler/local",
            "secret_names": {"a": 1, "b": 2},
            "db_credentials_name": "smartscheduler/db/local/credentials",
        },
        "rds": {
            "engine_version": "16.8",
            "instance_identifier": "smartscheduler-local",
            "endpoint_host": "db.host",
            "endpoint_port": 5432,
            "proxy_endpoint": "",
        },
        "cache": {"endpoint": "x"},
    },
}


def test_each_tier_gets_one_line():
    lines = demo.summary(DOCUMENT)
    assert lines[0] == (
        "  network   VPC vpc-1 10.0.0.0/16, 6 subnets in us-east-1a, us-east-1b, 1 NAT gateway(s), "
        "4 security groups, no flow logs"
    )
    assert "KMS key alias/smartscheduler/local, 2 secrets" in lines[1]
    assert lines[2] == "  rds       PostgreSQL 16.8 smartscheduler-local at db.host:5432"
    assert lines[3] == "  cache     1 outputs", "a tier the summary does not know still shows"


def test_the_screen_names_the_files_and_the_next_steps(tmp_path, capsys):
    outputs = tmp_path / "local.json"
    outputs.write_text(json.dumps(DOCUMENT))
    assert (
        demo.main(["--outputs", str(outputs), "--log", "x.log", "--endpoint", "http://127.0.0.1:4577", "--keep"]) == 0
    )
    screen = capsys.readouterr().out
    assert f"Outputs: {outputs}   Full log: x.log" in screen
    assert "--check --diff" in screen and "make emulator-stop" in screen
    assert "export AWS_ENDPOINT_URL=http://127.0.0.1:4577" in screen
    assert len(screen.splitlines()) <= 20, "it fits on one screen"


def test_without_keep_it_says_how_to_keep(tmp_path, capsys):
    outputs = tmp_path / "local.json"
    outputs.write_text(json.dumps(DOCUMENT))
    demo.main(["--outputs", str(outputs), "--log", "x.log", "--endpoint", "http://e"])
    assert "make demo KEEP=1" in capsys.readouterr().out


def test_a_failed_run_points_at_the_log(tmp_path, capsys):
    assert demo.main(["--outputs", str(tmp_path / "none.json"), "--log", "x.log", "--endpoint", "http://e"]) == 1
    assert "The full log is x.log" in capsys.readouterr().out


def test_the_app_tier_shows_the_service_in_build_order():
    document = {
        **DOCUMENT,
        "outputs": {
            "apprunner": {
                "service_name": "smartscheduler-api-local",
                "status": "RUNNING",
                "service_url": "abc.us-east-1.awsapprunner.com",
                "image": "1.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:demo-1",
            },
            **DOCUMENT["outputs"],
        },
    }
    lines = demo.summary(document)
    assert [line.split()[0] for line in lines] == ["network", "secrets", "rds", "apprunner", "cache"]
    assert "smartscheduler-api-local RUNNING at https://abc.us-east-1.awsapprunner.com" in lines[3]


def test_a_service_not_deployed_yet_says_so():
    assert demo.summary({"outputs": {"apprunner": {"service_name": "s", "service_url": ""}}}) == [
        "  apprunner s: not created yet (no image deployed)"
    ]


def test_the_edge_tier_shows_the_distribution_domain():
    edge = {
        "distribution_domain": "d111111abcdef8.cloudfront.net",
        "distribution_id": "E1A2B3C4D5E6F7",
        "status": "Deployed",
        "bucket_name": "smartscheduler-frontend-local",
        "api_origin": "",
    }
    (line,) = demo.summary({"outputs": {"s3_cloudfront": edge}})
    assert line == (
        "  s3_cloudfront CloudFront https://d111111abcdef8.cloudfront.net (E1A2B3C4D5E6F7, Deployed) from bucket "
        "smartscheduler-frontend-local, no /api/* yet (no service)"
    )
