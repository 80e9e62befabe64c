"""The edge tier (the s3_cloudfront role) against the emulator, as a user runs it: site.yml with an inventory.

prod and dev are the shared environments (conftest.py). Their first run has no App Runner service yet, so the
distribution has no API path; prod's run of the edge tier after the first deploy adds it. Every setting is read
back with boto3: the buckets, the origin access control, each behaviour with its cache policy, the SPA routing
function (and that it runs on the default behaviour only), the security headers, the API's origin, logging.
"""

import json
import re

import pytest

from .playbook import REPO_ROOT, run_playbook
from .secrets_reads import mutating
from .test_monitoring_tier import MONITORING_SERVICES

PROD = "inventories/prod"
ACCOUNT = "123456789012"
FRONTEND = "smartscheduler-frontend-{env}"
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
ALL_METHODS = {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
DISTRIBUTION = "appstack.aws.cloudfront_distribution"
# Story 1.5's TTLs (seconds), by path, in routing order after the API.
FRONTEND_BEHAVIOURS = [("/index.html", 300), ("/static/*", 3600), ("/images/*", 86400), ("/media/*", 86400)]
README = REPO_ROOT / "roles" / "s3_cloudfront" / "README.md"
SPA_FUNCTION = "smartscheduler-prod-spa-routing"


def distribution(emulator, env):
    """(summary, config) of the environment's distribution."""
    cloudfront = emulator.client("cloudfront")
    (summary,) = [
        item
        for item in cloudfront.list_distributions()["DistributionList"].get("Items", [])
        if item["Comment"] == f"Frontend of smartscheduler-{env}"
    ]
    return summary, cloudfront.get_distribution_config(Id=summary["Id"])["DistributionConfig"]


def behaviours(config):
    return config["CacheBehaviors"].get("Items", [])


def cache_policy(emulator, policy_id):
    return emulator.client("cloudfront").get_cache_policy(Id=policy_id)["CachePolicy"]["CachePolicyConfig"]


def bucket_policy(emulator, bucket):
    return json.loads(emulator.client("s3").get_bucket_policy(Bucket=bucket)["Policy"])


def statements_by_sid(policy):
    return {statement["Sid"]: statement for statement in policy["Statement"]}


def lifecycle_rules(emulator, bucket):
    rules = emulator.client("s3").get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    return {rule["ID"]: rule for rule in rules}


def assert_private(emulator, bucket, ownership):
    s3 = emulator.client("s3")
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert block == {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    }
    (rule,) = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert rule["ObjectOwnership"] == ownership
    (encryption,) = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    assert encryption["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    deny = statements_by_sid(bucket_policy(emulator, bucket))["DenyInsecureTransport"]
    assert (deny["Effect"], deny["Principal"], deny["Action"]) == ("Deny", "*", "s3:*")
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert set(deny["Resource"]) == {f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"}


def assert_documented(calls):
    """Every S3, CloudFront and ACM call is in the role's README."""
    documented = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", README.read_text(), re.MULTILINE))
    used = {f"{c['service']}:{c['operation']}" for c in calls if c["service"] in ("s3", "cloudfront", "acm")}
    assert used and used - documented == set(), "add these to roles/s3_cloudfront/README.md"


class TestProdEdgeTier:
    def test_the_first_run_leaves_the_api_out_and_says_why(self, prod):
        said = " ".join(str(r.get("msg", "")) for r in prod["run"].results("ansible.builtin.debug"))
        assert "/api/* is left out of the distribution: the app tier has no service URL yet" in said
        assert prod["site_outputs"]["s3_cloudfront"]["api_origin"] == ""

    def test_the_run_after_the_first_deploy_adds_only_the_api_path(self, prod):
        """The edge tier again once the service exists (with the monitoring tier, as site.yml --tags edge,monitoring):
        one change, the distribution's, by one update (and the environment's record, which now names the API's
        origin); every other write of that run is the monitoring tier's, to its own services."""
        assert prod["edge_run"].changed_resources() == [
            (DISTRIBUTION, "smartscheduler-prod-frontend"),
            ("ansible.builtin.copy", None),
            ("appstack.aws.ssm_outputs", None),
        ]
        writes = mutating(prod["after_deploy_requests"]["calls"])
        # The record of the outputs is published in SSM too (the new origin, the new alarms' names).
        assert [call for call in writes if call.split(":")[0] not in (*MONITORING_SERVICES, "ssm")] == [
            "cloudfront:UpdateDistribution"
        ]

    def test_the_frontend_bucket_is_private_versioned_and_keeps_old_versions_60_days(self, prod, prod_emulator):
        bucket = FRONTEND.format(env="prod")
        assert_private(prod_emulator, bucket, "BucketOwnerEnforced")
        s3 = prod_emulator.client("s3")
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
        rule = lifecycle_rules(prod_emulator, bucket)["noncurrent-versions"]
        assert rule["Status"] == "Enabled"
        assert rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 60}
        assert s3.get_bucket_logging(Bucket=bucket)["LoggingEnabled"] == {
            "TargetBucket": f"{bucket}-logs",
            "TargetPrefix": f"s3/{bucket}/",
        }

    def test_only_this_distribution_may_read_the_frontend_bucket(self, prod, prod_emulator):
        bucket = FRONTEND.format(env="prod")
        summary, _ = distribution(prod_emulator, "prod")
        policy = bucket_policy(prod_emulator, bucket)
        assert len(policy["Statement"]) == 3
        unserved = statements_by_sid(policy)["DenyTheDistributionTheUnservedPrefixes"]
        # S3 answers a one-element list of the policy as put as its single value.
        assert (unserved["Effect"], unserved["Principal"], unserved["Action"], unserved["Resource"]) == (
            "Deny",
            {"Service": "cloudfront.amazonaws.com"},
            "s3:GetObject",
            f"arn:aws:s3:::{bucket}/.appstack/*",
        )
        read = statements_by_sid(policy)["AllowTheDistributionToRead"]
        assert (read["Effect"], read["Principal"], read["Action"]) == (
            "Allow",
            {"Service": "cloudfront.amazonaws.com"},
            "s3:GetObject",
        )
        assert read["Resource"] == f"arn:aws:s3:::{bucket}/*"
        assert read["Condition"] == {"StringEquals": {"AWS:SourceArn": summary["ARN"]}}

    def test_the_log_bucket_takes_acls_for_cloudfront_logging_and_keeps_logs_a_year(self, prod, prod_emulator):
        bucket = FRONTEND.format(env="prod") + "-logs"
        assert_private(prod_emulator, bucket, "BucketOwnerPreferred")
        rule = lifecycle_rules(prod_emulator, bucket)["retention"]
        assert rule["Expiration"] == {"Days": 365}
        logs_writer = statements_by_sid(bucket_policy(prod_emulator, bucket))["AllowServerAccessLogsOfThisAccount"]
        assert logs_writer["Principal"] == {"Service": "logging.s3.amazonaws.com"}
        assert logs_writer["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}

    def test_the_assets_bucket_expires_temp_uploads_after_a_day_and_lets_the_frontend_upload(self, prod, prod_emulator):
        bucket = FRONTEND.format(env="prod") + "-assets"
        assert_private(prod_emulator, bucket, "BucketOwnerEnforced")
        s3 = prod_emulator.client("s3")
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
        temp = lifecycle_rules(prod_emulator, bucket)["temp-uploads"]
        assert (temp["Filter"].get("Prefix", temp.get("Prefix")), temp["Expiration"]) == ("temp/", {"Days": 1})
        (cors,) = s3.get_bucket_cors(Bucket=bucket)["CORSRules"]
        summary, _ = distribution(prod_emulator, "prod")
        assert cors["AllowedOrigins"] == [f"https://{summary['DomainName']}"]
        assert set(cors["AllowedMethods"]) == {"GET", "HEAD", "PUT", "POST"}
        prefixes = {item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
        assert prefixes == {"recipes/", "users/", "temp/"}

    def test_the_distribution_reads_the_bucket_through_its_origin_access_control(self, prod, prod_emulator):
        _, config = distribution(prod_emulator, "prod")
        origins = {origin["Id"]: origin for origin in config["Origins"]["Items"]}
        s3_origin = origins["s3-smartscheduler-frontend-prod"]
        assert s3_origin["DomainName"] == "smartscheduler-frontend-prod.s3.us-east-1.amazonaws.com"
        assert s3_origin["S3OriginConfig"]["OriginAccessIdentity"] == ""
        control = prod_emulator.client("cloudfront").get_origin_access_control(Id=s3_origin["OriginAccessControlId"])
        settings = control["OriginAccessControl"]["OriginAccessControlConfig"]
        assert (settings["Name"], settings["OriginAccessControlOriginType"]) == ("smartscheduler-frontend-prod", "s3")
        assert (settings["SigningBehavior"], settings["SigningProtocol"]) == ("always", "sigv4")
        assert prod["outputs"]["s3_cloudfront"]["origin_access_control_id"] == s3_origin["OriginAccessControlId"]

    def test_each_behaviour_has_its_path_ttls_methods_and_the_security_headers(self, prod, prod_emulator):
        _, config = distribution(prod_emulator, "prod")
        headers_id = config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]
        api, *frontend = behaviours(config)
        assert api["PathPattern"] == "/api/*"
        assert [
            (b["PathPattern"], cache_policy(prod_emulator, b["CachePolicyId"])["DefaultTTL"]) for b in frontend
        ] == (FRONTEND_BEHAVIOURS)
        for behaviour in [*frontend, config["DefaultCacheBehavior"]]:
            assert behaviour["TargetOriginId"] == "s3-smartscheduler-frontend-prod"
            assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
            assert behaviour["Compress"] is True
            assert set(behaviour["AllowedMethods"]["Items"]) == {"GET", "HEAD"}
            assert behaviour["ResponseHeadersPolicyId"] == headers_id
            policy = cache_policy(prod_emulator, behaviour["CachePolicyId"])
            assert policy["MinTTL"] == 0 and policy["DefaultTTL"] == policy["MaxTTL"]
            key = policy["ParametersInCacheKeyAndForwardedToOrigin"]
            assert key["CookiesConfig"]["CookieBehavior"] == "none"
            assert key["QueryStringsConfig"]["QueryStringBehavior"] == "none"
        default = cache_policy(prod_emulator, config["DefaultCacheBehavior"]["CachePolicyId"])
        assert (default["Name"], default["DefaultTTL"]) == ("smartscheduler-prod-default", 3600)

    def test_the_api_goes_uncached_to_the_app_runner_service_over_https_only(self, prod, prod_emulator):
        _, config = distribution(prod_emulator, "prod")
        api = behaviours(config)[0]
        origins = {origin["Id"]: origin for origin in config["Origins"]["Items"]}
        origin = origins[api["TargetOriginId"]]
        assert origin["DomainName"] == prod["outputs"]["apprunner"]["service_url"]
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
        assert origin["CustomOriginConfig"]["OriginSslProtocols"]["Items"] == ["TLSv1.2"]
        assert (api["CachePolicyId"], api["OriginRequestPolicyId"]) == (CACHING_DISABLED, ALL_VIEWER_EXCEPT_HOST)
        assert set(api["AllowedMethods"]["Items"]) == ALL_METHODS
        assert api["ViewerProtocolPolicy"] == "https-only"
        assert prod["outputs"]["s3_cloudfront"]["api_origin"] == origin["DomainName"]

    def test_spa_routes_get_the_index_page_from_a_function_on_the_default_behaviour_only(self, prod, prod_emulator):
        """No distribution-wide error responses (they would answer the API's 404s with index.html): the default
        behaviour runs the published routing function on viewer requests, and no other behaviour runs one."""
        cloudfront = prod_emulator.client("cloudfront")
        _, config = distribution(prod_emulator, "prod")
        assert config["CustomErrorResponses"] == {"Quantity": 0}
        (association,) = config["DefaultCacheBehavior"]["FunctionAssociations"]["Items"]
        live = cloudfront.describe_function(Name=SPA_FUNCTION, Stage="LIVE")["FunctionSummary"]
        assert association == {"FunctionARN": live["FunctionMetadata"]["FunctionARN"], "EventType": "viewer-request"}
        assert (live["FunctionConfig"]["Runtime"], live["Status"]) == ("cloudfront-js-2.0", "DEPLOYED")
        development = cloudfront.get_function(Name=SPA_FUNCTION, Stage="DEVELOPMENT")["FunctionCode"].read()
        assert cloudfront.get_function(Name=SPA_FUNCTION, Stage="LIVE")["FunctionCode"].read() == development
        for behaviour in behaviours(config):
            assert behaviour["FunctionAssociations"] == {"Quantity": 0}, behaviour["PathPattern"]

    @pytest.mark.parametrize(
        ("uri", "served"),
        [
            ("/", "/index.html"),
            ("/about", "/index.html"),
            ("/settings/profile", "/index.html"),
            ("/static/app.1234.js", "/static/app.1234.js"),
            ("/favicon.ico", "/favicon.ico"),
        ],
    )
    def test_the_routing_function_rewrites_routes_and_leaves_files(self, prod, prod_emulator, uri, served):
        cloudfront = prod_emulator.client("cloudfront")
        etag = cloudfront.describe_function(Name=SPA_FUNCTION, Stage="LIVE")["ETag"]
        event = {
            "version": "1.0",
            "context": {"eventType": "viewer-request"},
            "viewer": {"ip": "198.51.100.11"},
            "request": {"method": "GET", "uri": uri, "querystring": {}, "headers": {}, "cookies": {}},
        }
        result = cloudfront.test_function(
            Name=SPA_FUNCTION, IfMatch=etag, Stage="LIVE", EventObject=json.dumps(event).encode()
        )["TestResult"]
        assert result["FunctionErrorMessage"] == ""
        assert json.loads(result["FunctionOutput"])["request"]["uri"] == served

    def test_the_security_headers_policy_sets_hsts_frame_nosniff_referrer_and_csp(self, prod, prod_emulator):
        _, config = distribution(prod_emulator, "prod")
        policy = prod_emulator.client("cloudfront").get_response_headers_policy(
            Id=config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]
        )["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"]
        security = policy["SecurityHeadersConfig"]
        assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 31536000
        assert security["StrictTransportSecurity"]["IncludeSubdomains"] is True
        assert security["FrameOptions"]["FrameOption"] == "DENY"
        assert security["ContentTypeOptions"]["Override"] is True
        assert security["ReferrerPolicy"]["ReferrerPolicy"] == "strict-origin-when-cross-origin"
        csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        assert csp.startswith("default-src 'self';") and "frame-ancestors 'none'" in csp
        # prod has an assets bucket: the frontend may upload to it, and only to it.
        assets = FRONTEND.format(env="prod") + "-assets"
        assert f"connect-src 'self' https://{assets}.s3.us-east-1.amazonaws.com;" in csp

    def test_the_distribution_serves_index_html_logs_and_uses_every_edge_location(self, prod, prod_emulator):
        summary, config = distribution(prod_emulator, "prod")
        assert config["DefaultRootObject"] == "index.html"
        assert config["PriceClass"] == "PriceClass_All"
        assert (config["HttpVersion"], config["IsIPV6Enabled"], config["Enabled"]) == ("http2and3", True, True)
        assert config["Logging"] == {
            "Enabled": True,
            "IncludeCookies": False,
            "Bucket": "smartscheduler-frontend-prod-logs.s3.amazonaws.com",
            "Prefix": "cloudfront/",
        }
        assert summary["Status"] == "Deployed"
        tags = prod_emulator.client("cloudfront").list_tags_for_resource(Resource=summary["ARN"])["Tags"]["Items"]
        assert {"Key": "Environment", "Value": "prod"} in tags

    def test_the_outputs_give_the_distribution_and_the_buckets(self, prod, prod_emulator):
        summary, _ = distribution(prod_emulator, "prod")
        outputs = prod["outputs"]["s3_cloudfront"]
        assert (outputs["distribution_id"], outputs["distribution_domain"], outputs["distribution_arn"]) == (
            summary["Id"],
            summary["DomainName"],
            summary["ARN"],
        )
        assert outputs["url"] == f"https://{summary['DomainName']}"
        assert (outputs["bucket_name"], outputs["log_bucket_name"], outputs["assets_bucket_name"]) == (
            "smartscheduler-frontend-prod",
            "smartscheduler-frontend-prod-logs",
            "smartscheduler-frontend-prod-assets",
        )

    def test_check_on_the_empty_account_predicts_the_edge_tier_and_writes_nothing(self, prod_check):
        changed = prod_check["check"].changed_resources()
        for change in (
            ("appstack.aws.cloudfront_cache_policy", "smartscheduler-prod-index"),
            ("appstack.aws.cloudfront_response_headers_policy", "smartscheduler-prod-security-headers"),
            ("appstack.aws.cloudfront_origin_access_control", "smartscheduler-frontend-prod"),
            ("appstack.aws.cloudfront_function", SPA_FUNCTION),
            (DISTRIBUTION, "smartscheduler-prod-frontend"),
        ):
            assert change in changed
        said = " ".join(str(r.get("msg", "")) for r in prod_check["check"].results("ansible.builtin.debug"))
        assert "bucket smartscheduler-frontend-prod does not exist" in said
        assert mutating(prod_check["check_requests"]["calls"]) == []

    def test_readme_lists_every_permission_the_role_uses(self, prod):
        assert_documented([*prod["requests"]["calls"], *prod["after_deploy_requests"]["calls"]])

    def test_readme_lists_every_permission_the_check_uses(self, prod_check):
        assert_documented(prod_check["check_requests"]["calls"])

    def test_check_of_a_ttl_change_predicts_exactly_that_change_with_a_diff(self, prod, prod_emulator):
        """The edge tier alone (--tags edge) under --check --diff, the index page cached 10 minutes instead of 5:
        one change predicted, the index cache policy's, its diff the TTLs, and nothing written."""
        ttls = {
            "index": {"min": 0, "default": 600, "max": 600},
            "static": {"min": 0, "default": 3600, "max": 3600},
            "media": {"min": 0, "default": 86400, "max": 86400},
            "default": {"min": 0, "default": 3600, "max": 3600},
        }
        prod_emulator.clear_requests()
        run = run_playbook(
            "site.yml",
            PROD,
            prod_emulator.env,
            check=True,
            diff=True,
            extra_vars={**prod["extra_vars"], "s3_cloudfront_cache_ttls": ttls},
            tags=["edge"],
        )
        assert not run.failed, run.outcome()
        assert run.changed_resources() == [("appstack.aws.cloudfront_cache_policy", "smartscheduler-prod-index")]
        (index,) = [
            item
            for result in run.results("appstack.aws.cloudfront_cache_policy")
            for item in result["results"]
            if item.get("changed")
        ]
        before, after = index["diff"]["before"], index["diff"]["after"]
        assert (before["default_ttl"], before["max_ttl"]) == (300, 300)
        assert (after["default_ttl"], after["max_ttl"]) == (600, 600)
        assert {key for key in after if after[key] != before.get(key)} == {"default_ttl", "max_ttl"}
        assert mutating(prod_emulator.requests()["calls"]) == []
        _, config = distribution(prod_emulator, "prod")
        assert cache_policy(prod_emulator, behaviours(config)[1]["CachePolicyId"])["DefaultTTL"] == 300


class TestDevEdgeTier:
    def test_dev_serves_from_the_cheapest_edge_locations_without_an_assets_bucket(self, dev, dev_emulator):
        _, config = distribution(dev_emulator, "dev")
        assert config["PriceClass"] == "PriceClass_100"
        buckets = {bucket["Name"] for bucket in dev_emulator.client("s3").list_buckets()["Buckets"]}
        assert buckets >= {"smartscheduler-frontend-dev", "smartscheduler-frontend-dev-logs"}
        assert "smartscheduler-frontend-dev-assets" not in buckets
        assert dev["outputs"]["s3_cloudfront"]["assets_bucket_name"] == ""
        rule = lifecycle_rules(dev_emulator, "smartscheduler-frontend-dev-logs")["retention"]
        assert rule["Expiration"] == {"Days": 30}
        headers = dev_emulator.client("cloudfront").get_response_headers_policy(
            Id=config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]
        )["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"]
        # No assets bucket: the frontend connects to its own origin only.
        assert (
            "connect-src 'self';" in headers["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        )

    def test_dev_has_no_api_path_until_site_yml_runs_after_the_first_deploy(self, dev, dev_emulator):
        _, config = distribution(dev_emulator, "dev")
        assert [b["PathPattern"] for b in behaviours(config)] == [path for path, _ in FRONTEND_BEHAVIOURS]
        assert [origin["Id"] for origin in config["Origins"]["Items"]] == ["s3-smartscheduler-frontend-dev"]
        assert dev["outputs"]["s3_cloudfront"]["distribution_domain"].endswith(".cloudfront.net")


@pytest.mark.parametrize(
    ("bad", "fragments"),
    [
        pytest.param(
            {
                "s3_cloudfront_cache_ttls": {
                    "index": {"min": -1, "default": 300, "max": 300},
                    "static": {"min": 0, "default": 3600, "max": 60},
                    "media": {"min": 0, "default": 86400, "max": 86400},
                    "default": {"min": 0, "default": 3600, "max": 3600},
                },
                "s3_cloudfront_static_paths": ["/static/ *"],
                "s3_cloudfront_price_class": "PriceClass_300",
                "s3_cloudfront_content_security_policy": "default-src 'self';\nscript-src 'self'",
                "s3_cloudfront_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d",
                "s3_cloudfront_bucket_name": "Frontend_Prod",
            },
            [
                "s3_cloudfront_cache_ttls.index.min must be a whole number of seconds from 0",
                "s3_cloudfront_cache_ttls.static must have min <= default <= max",
                "s3_cloudfront_static_paths: '/static/ *' is not a path pattern CloudFront accepts",
                "s3_cloudfront_price_class must be one of PriceClass_100, PriceClass_200, PriceClass_All",
                "s3_cloudfront_content_security_policy must be one line",
                "s3_cloudfront_certificate_arn is set but s3_cloudfront_domain_name is empty",
                "s3_cloudfront_bucket_name must be a bucket name S3 accepts",
            ],
            id="every-rule-at-once",
        ),
        pytest.param(
            {"s3_cloudfront_domain_name": "app.example.com", "s3_cloudfront_aliases": ["www.other.org"]},
            ["s3_cloudfront_aliases: 'www.other.org' must be s3_cloudfront_domain_name (app.example.com)"],
            id="alias-outside-the-domain",
        ),
    ],
)
def test_bad_edge_input_fails_before_any_call_naming_each_variable(emulator, tmp_path, bad, fragments):
    run = run_playbook(
        "playbooks/validate.yml", PROD, emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path), **bad}
    )
    assert run.failed
    message = run.failure_messages()
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0
