"""The edge tier with a custom domain and a WAF web ACL, alone (``site.yml --tags edge``), in an account of its own.

The account holds a Route 53 hosted zone for the domain and a WAFv2 web ACL of scope CLOUDFRONT, made with boto3
(the emulator refuses a web ACL that does not exist, as CloudFront does). ACM keeps the certificate pending
validation for a few seconds (the ``acm`` provisioning delay), as it does until the validation records resolve:
CloudFront refuses a certificate that is not issued, so the first run must write the records and wait for ACM
before it attaches the certificate. The runs happen once, in the ``edge`` fixture: the first run, then the same
run again; each test reads what they did and what the account holds.
"""

import re

import pytest

from .playbook import run_playbook
from .test_edge_tier import README

INVENTORY = "inventories/prod"
DOMAIN = "example.com"
ALIASES = ["example.com", "www.example.com"]
# The hosted zone of every CloudFront distribution, which alias records name.
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"
# Seconds ACM keeps the certificate pending validation: long enough to outlast the tasks between the request and the
# wait on a loaded machine, short of the wait's first poll (15 s).
ACM_DELAY = 10


def records(route53, zone_id):
    """The zone's records: (name, type) -> record set."""
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    return {(record["Name"].rstrip("."), record["Type"]): record for record in sets}


@pytest.fixture(scope="module")
def edge(emulator_server, tmp_path_factory):
    emulator = emulator_server
    emulator.reset()
    emulator.configure(provisioning_delay_seconds=0, throttle_rate=0)
    emulator.configure(provisioning_delays={"acm": ACM_DELAY})
    zone_id = emulator.client("route53").create_hosted_zone(Name=DOMAIN, CallerReference="edge-custom-domain")[
        "HostedZone"
    ]["Id"]
    web_acl_arn = emulator.client("wafv2").create_web_acl(
        Name="frontend",
        Scope="CLOUDFRONT",
        DefaultAction={"Allow": {}},
        VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "frontend"},
    )["Summary"]["ARN"]
    extra_vars = {
        "appstack_outputs_dir": str(tmp_path_factory.mktemp("edge-custom-domain") / "outputs"),
        "s3_cloudfront_domain_name": DOMAIN,
        "s3_cloudfront_aliases": ALIASES,
        "s3_cloudfront_hosted_zone": DOMAIN,
        "s3_cloudfront_web_acl_arn": web_acl_arn,
    }
    runs = {}
    emulator.clear_requests()
    run = run_playbook("site.yml", INVENTORY, emulator.env, extra_vars=extra_vars, tags=["edge"], check=True, diff=True)
    runs["check"] = {"run": run, "requests": emulator.requests()}
    # The same run again names the zone by its id: both find the one zone.
    for name, zone in (("first", DOMAIN), ("again", zone_id.removeprefix("/hostedzone/"))):
        emulator.clear_requests()
        run = run_playbook(
            "site.yml",
            INVENTORY,
            emulator.env,
            extra_vars={**extra_vars, "s3_cloudfront_hosted_zone": zone},
            tags=["edge"],
        )
        runs[name] = {"run": run, "requests": emulator.requests()}
    return {"emulator": emulator, "runs": runs, "zone_id": zone_id, "web_acl_arn": web_acl_arn}


def the_distribution(edge):
    cloudfront = edge["emulator"].client("cloudfront")
    (summary,) = cloudfront.list_distributions()["DistributionList"]["Items"]
    return cloudfront.get_distribution(Id=summary["Id"])["Distribution"]


def the_certificate(edge):
    acm = edge["emulator"].client("acm")
    (summary,) = acm.list_certificates()["CertificateSummaryList"]
    return acm.describe_certificate(CertificateArn=summary["CertificateArn"])["Certificate"]


class TestCustomDomain:
    def test_check_on_the_empty_account_predicts_the_certificate_and_aliases_and_writes_nothing(self, edge):
        check = edge["runs"]["check"]
        assert not check["run"].failed, check["run"].outcome()
        assert check["requests"]["mutating"] == 0
        # Under --check the run requests the certificate (predicted) and skips the wait.
        (certificate,) = [r for r in check["run"].results("appstack.aws.acm_certificate") if not r.get("skipped")]
        assert certificate["changed"] and certificate["certificate"]["domain_name"] == DOMAIN
        # A real run waits for ACM to issue the certificate, then gives the distribution the aliases.
        (predicted,) = check["run"].results("appstack.aws.cloudfront_distribution")
        config = predicted["distribution"]["distribution_config"]
        assert sorted(config["aliases"]["items"]) == sorted(ALIASES)
        assert config["viewer_certificate"]["minimum_protocol_version"] == "TLSv1.2_2021"

    def test_the_edge_tier_runs_alone_with_validate_and_preflight(self, edge):
        first = edge["runs"]["first"]["run"]
        assert not first.failed, first.outcome()
        actions = {result["action"] for result in first.results()}
        # validate.yml and preflight.yml run under --tags edge; no other tier does.
        assert {"appstack.aws.check_inventory", "amazon.aws.aws_caller_info"} <= actions
        assert not actions & {"amazon.aws.ec2_vpc_net", "amazon.aws.rds_instance", "appstack.aws.apprunner_service"}
        assert first.changed > 0

    def test_the_certificate_is_requested_in_us_east_1_with_dns_validation_and_tags(self, edge):
        certificate = the_certificate(edge)
        assert certificate["CertificateArn"].split(":")[3] == "us-east-1"
        assert certificate["DomainName"] == DOMAIN
        assert certificate["SubjectAlternativeNames"] == ALIASES
        assert certificate["Status"] == "ISSUED"
        assert {option["ValidationMethod"] for option in certificate["DomainValidationOptions"]} == {"DNS"}
        tags = edge["emulator"].client("acm").list_tags_for_certificate(CertificateArn=certificate["CertificateArn"])
        tags = {tag["Key"]: tag.get("Value") for tag in tags["Tags"]}
        assert tags["Name"] == DOMAIN
        assert tags["Environment"] == "prod"

    def test_the_validation_records_are_written_in_the_hosted_zone(self, edge):
        certificate = the_certificate(edge)
        zone = records(edge["emulator"].client("route53"), edge["zone_id"])
        expected = {
            option["ResourceRecord"]["Name"]: option["ResourceRecord"]
            for option in certificate["DomainValidationOptions"]
        }
        assert len(expected) == len(ALIASES)
        for name, record in expected.items():
            written = zone[(name.rstrip("."), "CNAME")]
            assert [value["Value"] for value in written["ResourceRecords"]] == [record["Value"]]
            assert written["TTL"] == 300

    def test_the_first_run_waits_for_acm_before_attaching_the_certificate(self, edge):
        first = edge["runs"]["first"]["run"]
        waits = [result for result in first.results("appstack.aws.acm_certificate") if "wait_progress" in result]
        assert len(waits) == 1
        assert waits[0]["wait_progress"][0].startswith("0s: PENDING_VALIDATION")
        assert waits[0]["wait_progress"][-1].endswith("ISSUED")
        # One create of the distribution, with the certificate: never with a certificate still pending.
        operations = edge["runs"]["first"]["requests"]["by_service"]["cloudfront"]
        assert operations.get("CreateDistributionWithTags", 0) + operations.get("CreateDistribution", 0) == 1
        assert "UpdateDistribution" not in operations

    def test_the_distribution_answers_for_the_aliases_with_the_certificate_over_tls_1_2(self, edge):
        distribution = the_distribution(edge)
        config = distribution["DistributionConfig"]
        assert sorted(config["Aliases"]["Items"]) == sorted(ALIASES)
        viewer = config["ViewerCertificate"]
        assert viewer["ACMCertificateArn"] == the_certificate(edge)["CertificateArn"]
        assert (viewer["MinimumProtocolVersion"], viewer["SSLSupportMethod"]) == ("TLSv1.2_2021", "sni-only")
        assert viewer["CloudFrontDefaultCertificate"] is False
        assert config["WebACLId"] == edge["web_acl_arn"]
        assert the_certificate(edge)["InUseBy"] == [distribution["ARN"]]

    def test_each_alias_points_at_the_distribution_over_ipv4_and_ipv6(self, edge):
        domain_name = the_distribution(edge)["DomainName"]
        zone = records(edge["emulator"].client("route53"), edge["zone_id"])
        for alias in ALIASES:
            for kind in ("A", "AAAA"):
                target = zone[(alias, kind)]["AliasTarget"]
                assert target["DNSName"].rstrip(".") == domain_name
                assert target["HostedZoneId"] == CLOUDFRONT_ZONE
                assert target["EvaluateTargetHealth"] is False

    def test_the_outputs_give_the_custom_domains_url(self, edge):
        first = edge["runs"]["first"]["run"]
        # Published as the distribution starts, then again once it is deployed: the last is the run's.
        published = [
            result["ansible_facts"]["s3_cloudfront_outputs"]
            for result in first.results("ansible.builtin.set_fact")
            if "s3_cloudfront_outputs" in result.get("ansible_facts", {})
        ][-1]
        assert published["url"] == f"https://{ALIASES[0]}"
        assert published["aliases"] == ALIASES

    def test_the_same_run_again_changes_nothing_and_writes_nothing(self, edge):
        again = edge["runs"]["again"]
        assert not again["run"].failed, again["run"].outcome()
        assert again["run"].changed == 0, again["run"].changed_resources()
        assert again["requests"]["mutating"] == 0
        assert not [
            result for result in again["run"].results("appstack.aws.acm_certificate") if "wait_progress" in result
        ]

    def test_readme_lists_every_acm_and_route53_permission_the_runs_use(self, edge):
        documented = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", README.read_text(), re.MULTILINE))
        used = {
            f"{call['service']}:{call['operation']}"
            for run in edge["runs"].values()
            for call in run["requests"]["calls"]
            if call["service"] in ("s3", "cloudfront", "acm", "route53")
        }
        assert {"acm:RequestCertificate", "route53:ChangeResourceRecordSets"} <= used
        assert used - documented == set(), "add these to roles/s3_cloudfront/README.md"
