"""Unit tests for appstack.aws.cloudfront_distribution (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that no mutating
call is made.
"""

import datetime
from copy import deepcopy

from ansible_collections.appstack.aws.plugins.modules import cloudfront_distribution as module

DIST_ID = "E1A2B3C4D5E6F7"
ARN = f"arn:aws:cloudfront::123456789012:distribution/{DIST_ID}"
DOMAIN = "d111111abcdef8.cloudfront.net"
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
CACHE_POLICY = "658327ea-f89d-4fab-a63d-7e88639e58f6"
NO_CACHE_POLICY = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def args(**overrides):
    values = dict(
        caller_reference="ref-1",
        comment="frontend",
        aliases=["a.example.com", "b.example.com"],
        viewer_certificate={"acm_certificate_arn": CERTIFICATE},
        default_root_object="index.html",
        origins=[
            {"id": "frontend", "domain_name": "site.s3.us-east-1.amazonaws.com", "origin_access_control_id": "EOAC1"},
            {
                "id": "api",
                "domain_name": "api.example.com",
                "custom_origin": {"origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]},
            },
        ],
        default_cache_behavior={
            "target_origin_id": "frontend",
            "cache_policy_id": CACHE_POLICY,
            "allowed_methods": ["GET", "HEAD", "OPTIONS"],
            "cached_methods": ["GET", "HEAD"],
        },
        cache_behaviors=[
            {
                "path_pattern": "/index.html",
                "target_origin_id": "frontend",
                "min_ttl": 0,
                "default_ttl": 300,
                "max_ttl": 300,
            },
            {
                "path_pattern": "/api/*",
                "target_origin_id": "api",
                "allowed_methods": ALL_METHODS,
                "cache_policy_id": NO_CACHE_POLICY,
            },
        ],
        custom_error_responses=[
            {"error_code": 403, "response_code": 200, "response_page_path": "/index.html", "error_caching_min_ttl": 10},
            {"error_code": 404, "response_code": 200, "response_page_path": "/index.html", "error_caching_min_ttl": 10},
        ],
        tags={"Env": "test"},
    )
    values.update(overrides)
    return values


def methods(allowed, cached=("HEAD", "GET")):
    return {
        "Quantity": len(allowed),
        "Items": list(allowed),
        "CachedMethods": {"Quantity": len(cached), "Items": list(cached)},
    }


def new_behavior(target, **settings):
    behavior = {
        "TargetOriginId": target,
        "TrustedSigners": {"Enabled": False, "Quantity": 0},
        "TrustedKeyGroups": {"Enabled": False, "Quantity": 0},
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": methods(["HEAD", "GET"]),
        "SmoothStreaming": False,
        "Compress": True,
        "LambdaFunctionAssociations": {"Quantity": 0},
        "FunctionAssociations": {"Quantity": 0},
        "FieldLevelEncryptionId": "",
    }
    behavior.update(settings)
    return behavior


def sent_config():
    """The whole DistributionConfig the module sends to create the distribution of args()."""
    legacy = {
        "QueryString": False,
        "Cookies": {"Forward": "none"},
        "Headers": {"Quantity": 0},
        "QueryStringCacheKeys": {"Quantity": 0},
    }
    return {
        "CallerReference": "ref-1",
        "Aliases": {"Quantity": 2, "Items": ["a.example.com", "b.example.com"]},
        "DefaultRootObject": "index.html",
        "Origins": {
            "Quantity": 2,
            "Items": [
                {
                    "Id": "frontend",
                    "OriginPath": "",
                    "CustomHeaders": {"Quantity": 0},
                    "ConnectionAttempts": 3,
                    "ConnectionTimeout": 10,
                    "OriginAccessControlId": "EOAC1",
                    "DomainName": "site.s3.us-east-1.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                },
                {
                    "Id": "api",
                    "OriginPath": "",
                    "CustomHeaders": {"Quantity": 0},
                    "ConnectionAttempts": 3,
                    "ConnectionTimeout": 10,
                    "OriginAccessControlId": "",
                    "DomainName": "api.example.com",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                        "OriginSslProtocols": {"Quantity": 1, "Items": ["TLSv1.2"]},
                        "OriginReadTimeout": 30,
                        "OriginKeepaliveTimeout": 5,
                    },
                },
            ],
        },
        "DefaultCacheBehavior": new_behavior(
            "frontend", AllowedMethods=methods(["GET", "HEAD", "OPTIONS"], ["GET", "HEAD"]), CachePolicyId=CACHE_POLICY
        ),
        "CacheBehaviors": {
            "Quantity": 2,
            "Items": [
                {
                    "PathPattern": "/index.html",
                    **new_behavior("frontend", ForwardedValues=legacy, MinTTL=0, DefaultTTL=300, MaxTTL=300),
                },
                {
                    "PathPattern": "/api/*",
                    **new_behavior("api", AllowedMethods=methods(ALL_METHODS), CachePolicyId=NO_CACHE_POLICY),
                },
            ],
        },
        "CustomErrorResponses": {
            "Quantity": 2,
            "Items": [
                {"ErrorCode": code, "ResponseCode": "200", "ResponsePagePath": "/index.html", "ErrorCachingMinTTL": 10}
                for code in (403, 404)
            ],
        },
        "Comment": "frontend",
        "Logging": {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""},
        "PriceClass": "PriceClass_All",
        "Enabled": True,
        "ViewerCertificate": {
            "ACMCertificateArn": CERTIFICATE,
            "SSLSupportMethod": "sni-only",
            "MinimumProtocolVersion": "TLSv1.2_2021",
            "CertificateSource": "acm",
        },
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": "",
        "HttpVersion": "http2",
        "IsIPV6Enabled": True,
    }


def aws_config():
    """sent_config() as CloudFront returns it: with what it fills in, its lists in its own order."""
    config = deepcopy(sent_config())
    config["OriginGroups"] = {"Quantity": 0}
    for origin in config["Origins"]["Items"]:
        origin["OriginShield"] = {"Enabled": False}
    config["Aliases"]["Items"].reverse()
    config["DefaultCacheBehavior"]["RealtimeLogConfigArn"] = ""
    config["DefaultCacheBehavior"]["AllowedMethods"]["Items"] = ["OPTIONS", "HEAD", "GET"]
    config["CustomErrorResponses"]["Items"].reverse()
    return config


def boto_distribution(config=None, status="Deployed"):
    return {
        "Id": DIST_ID,
        "ARN": ARN,
        "Status": status,
        "LastModifiedTime": WHEN,
        "InProgressInvalidationBatches": 0,
        "DomainName": DOMAIN,
        "DistributionConfig": config or aws_config(),
    }


def summary(distribution_id=DIST_ID, comment="frontend"):
    config = aws_config()
    return {
        "Id": distribution_id,
        "ARN": f"arn:aws:cloudfront::123456789012:distribution/{distribution_id}",
        "Status": "Deployed",
        "LastModifiedTime": WHEN,
        "DomainName": DOMAIN,
        "Comment": comment,
        "Enabled": True,
        "Staging": False,
        **{
            key: config[key]
            for key in (
                "Aliases",
                "Origins",
                "DefaultCacheBehavior",
                "CacheBehaviors",
                "CustomErrorResponses",
                "PriceClass",
                "ViewerCertificate",
                "Restrictions",
                "WebACLId",
                "HttpVersion",
                "IsIPV6Enabled",
            )
        },
    }


def queue_list(stubber, *summaries):
    items = {"Items": list(summaries)} if summaries else {}
    stubber.add_response(
        "list_distributions",
        {
            "DistributionList": {
                "Marker": "",
                "MaxItems": 100,
                "IsTruncated": False,
                "Quantity": len(summaries),
                **items,
            }
        },
        {},
    )


def queue_read(stubber, distribution=None, tags=None, etag="ETAG1"):
    """Queue the reads of a run that finds the distribution by caller reference: list, get, tags."""
    if distribution is None:
        queue_list(stubber)
        return
    queue_list(stubber, summary("EOTHER", "another"), summary())
    stubber.add_response("get_distribution", {"Distribution": distribution, "ETag": etag}, {"Id": DIST_ID})
    queue_tags(stubber, tags)


def queue_tags(stubber, tags):
    items = [{"Key": key, "Value": value} for key, value in (tags if tags is not None else {"Env": "test"}).items()]
    stubber.add_response("list_tags_for_resource", {"Tags": {"Items": items}}, {"Resource": ARN})


# Creating


def test_create_sends_the_whole_config_with_the_tags(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber)
    stubber.add_response(
        "create_distribution_with_tags",
        {"Distribution": boto_distribution(status="InProgress"), "ETag": "ETAG1", "Location": "x"},
        {
            "DistributionConfigWithTags": {
                "DistributionConfig": sent_config(),
                "Tags": {"Items": [{"Key": "Env", "Value": "test"}]},
            }
        },
    )

    rc, result = run_module(module, args(_ansible_diff=True), client)

    assert rc == 0, result.get("msg")
    assert result["changed"]
    distribution = result["distribution"]
    assert (distribution["id"], distribution["status"], distribution["e_tag"]) == (DIST_ID, "InProgress", "ETAG1")
    assert distribution["tags"] == {"Env": "test"}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["distribution_config"]["origins"]["items"][0]["origin_access_control_id"] == "EOAC1"


def test_check_mode_on_a_missing_distribution_predicts_it_and_makes_no_write(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber)

    rc, result = run_module(module, args(_ansible_check_mode=True, _ansible_diff=True), client)

    assert rc == 0, result.get("msg")
    assert result["changed"]
    distribution = result["distribution"]
    assert distribution["id"] is None and distribution["status"] == "InProgress"
    assert distribution["distribution_config"]["caller_reference"] == "ref-1"
    assert [b["path_pattern"] for b in distribution["distribution_config"]["cache_behaviors"]["items"]] == [
        "/index.html",
        "/api/*",
    ]
    assert distribution["tags"] == {"Env": "test"}


def test_a_missing_distribution_without_origins_fails_naming_what_is_needed(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber)

    rc, result = run_module(module, {"caller_reference": "ref-1", "comment": "frontend"}, client)

    assert rc == 1
    assert "to create it, set origins, default_cache_behavior" in result["msg"]


def test_an_unknown_distribution_id_fails(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("get_distribution", "NoSuchDistribution", "gone", 404, expected_params={"Id": "ENOPE"})

    rc, result = run_module(module, {"distribution_id": "ENOPE", "enabled": False}, client)

    assert rc == 1
    assert "There is no CloudFront distribution ENOPE" in result["msg"]


# Updating


def test_a_rerun_with_lists_in_another_order_is_unchanged_and_costs_three_reads(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())
    reordered = args(
        aliases=["b.example.com", "a.example.com"],
        default_cache_behavior={
            "target_origin_id": "frontend",
            "cache_policy_id": CACHE_POLICY,
            "allowed_methods": ["HEAD", "OPTIONS", "GET"],
            "cached_methods": ["HEAD", "GET"],
        },
        custom_error_responses=list(reversed(args()["custom_error_responses"])),
        origins=list(reversed(args()["origins"])),
    )

    rc, result = run_module(module, reordered, client)

    assert rc == 0, result.get("msg")
    assert not result["changed"]
    assert "diff" not in result
    assert result["distribution"]["e_tag"] == "ETAG1"
    assert result["distribution"]["domain_name"] == DOMAIN


def test_a_changed_ttl_sends_the_whole_config_with_the_etag_it_compared(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution(), etag="ETAG1")
    # The current config, with the options laid over it (lists in the order given) and the new TTL.
    expected = aws_config()
    for key in ("Aliases", "CustomErrorResponses"):
        expected[key] = sent_config()[key]
    expected["DefaultCacheBehavior"]["AllowedMethods"] = sent_config()["DefaultCacheBehavior"]["AllowedMethods"]
    expected["CacheBehaviors"]["Items"][0]["DefaultTTL"] = 60
    stubber.add_response(
        "update_distribution",
        {"Distribution": boto_distribution(expected, "InProgress"), "ETag": "ETAG2"},
        {"Id": DIST_ID, "IfMatch": "ETAG1", "DistributionConfig": expected},
    )
    behaviors = deepcopy(args()["cache_behaviors"])
    behaviors[0]["default_ttl"] = 60

    rc, result = run_module(module, args(cache_behaviors=behaviors, _ansible_diff=True), client)

    assert rc == 0, result.get("msg")
    assert result["changed"]
    assert result["distribution"]["e_tag"] == "ETAG2"
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert before["distribution_config"]["cache_behaviors"]["items"][0]["default_ttl"] == 300
    assert after["distribution_config"]["cache_behaviors"]["items"][0]["default_ttl"] == 60
    assert "e_tag" not in after and "status" not in after


def test_reordered_cache_behaviours_are_a_change(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())

    rc, result = run_module(
        module, args(cache_behaviors=list(reversed(args()["cache_behaviors"])), _ansible_check_mode=True), client
    )

    assert rc == 0, result.get("msg")
    assert result["changed"]
    items = result["distribution"]["distribution_config"]["cache_behaviors"]["items"]
    assert [b["path_pattern"] for b in items] == ["/api/*", "/index.html"]


def test_check_mode_of_a_change_predicts_it_with_a_diff_and_makes_no_write(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution(), tags={"Env": "test", "Old": "x"})

    rc, result = run_module(
        module,
        {
            "caller_reference": "ref-1",
            "comment": "frontend",
            "price_class": "PriceClass_100",
            "tags": {"Env": "prod"},
            "_ansible_check_mode": True,
            "_ansible_diff": True,
        },
        client,
    )

    assert rc == 0, result.get("msg")
    assert result["changed"]
    assert result["distribution"]["distribution_config"]["price_class"] == "PriceClass_100"
    assert result["distribution"]["status"] == "InProgress"
    assert result["distribution"]["tags"] == {"Env": "prod"}
    assert result["diff"]["before"]["distribution_config"]["price_class"] == "PriceClass_All"
    assert result["diff"]["after"]["tags"] == {"Env": "prod"}


def test_tags_are_purged_and_set(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution(), tags={"Env": "test", "Old": "x"})
    stubber.add_response("untag_resource", {}, {"Resource": ARN, "TagKeys": {"Items": ["Old"]}})
    stubber.add_response("tag_resource", {}, {"Resource": ARN, "Tags": {"Items": [{"Key": "Team", "Value": "web"}]}})

    rc, result = run_module(module, args(tags={"Env": "test", "Team": "web"}), client)

    assert rc == 0, result.get("msg")
    assert result["changed"]
    assert result["distribution"]["tags"] == {"Env": "test", "Team": "web"}


def test_a_behaviour_naming_an_origin_that_is_gone_fails_before_any_write(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())

    rc, result = run_module(module, args(origins=[args()["origins"][0]], cache_behaviors=None), client)

    assert rc == 1
    assert "cache_behaviors[/api/*].target_origin_id api names no origin of the distribution" in result["msg"]


def test_wait_polls_until_deployed_then_reads_the_distribution_back(cloudfront, run_module, monkeypatch):
    client, stubber = cloudfront
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_read(stubber, boto_distribution(status="InProgress"))
    for status in ("InProgress", "Deployed"):
        stubber.add_response(
            "get_distribution", {"Distribution": boto_distribution(status=status), "ETag": "ETAG1"}, {"Id": DIST_ID}
        )
    stubber.add_response("get_distribution", {"Distribution": boto_distribution(), "ETag": "ETAG1"}, {"Id": DIST_ID})

    rc, result = run_module(module, args(wait=True, wait_timeout=120), client)

    assert rc == 0, result.get("msg")
    assert not result["changed"]
    assert result["distribution"]["status"] == "Deployed"
    assert result["distribution"]["tags"] == {"Env": "test"}


def test_an_aws_error_fails_with_its_code(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())
    stubber.add_client_error("update_distribution", "PreconditionFailed", "The ETag does not match", 412)

    rc, result = run_module(module, args(enabled=False), client)

    assert rc == 1
    assert "update distribution" in result["msg"]
    assert result["error"]["code"] == "PreconditionFailed"


# Deleting


def test_absent_disables_waits_then_deletes_with_the_new_etag(cloudfront, run_module, monkeypatch):
    client, stubber = cloudfront
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_read(stubber, boto_distribution(), etag="ETAG1")
    disabled = dict(aws_config(), Enabled=False)
    stubber.add_response(
        "update_distribution",
        {"Distribution": boto_distribution(disabled, "InProgress"), "ETag": "ETAG2"},
        {"Id": DIST_ID, "IfMatch": "ETAG1", "DistributionConfig": disabled},
    )
    stubber.add_response(
        "get_distribution",
        {"Distribution": boto_distribution(disabled, "InProgress"), "ETag": "ETAG2"},
        {"Id": DIST_ID},
    )
    stubber.add_response(
        "get_distribution", {"Distribution": boto_distribution(disabled), "ETag": "ETAG2"}, {"Id": DIST_ID}
    )
    stubber.add_response("delete_distribution", {}, {"Id": DIST_ID, "IfMatch": "ETAG2"})

    rc, result = run_module(
        module, {"caller_reference": "ref-1", "comment": "frontend", "state": "absent", "_ansible_diff": True}, client
    )

    assert rc == 0, result.get("msg")
    assert result["changed"]
    assert "distribution" not in result
    assert result["diff"]["after"] == {}


def test_absent_of_a_disabled_deployed_distribution_deletes_it_at_once(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution(dict(aws_config(), Enabled=False)), etag="ETAG3")
    stubber.add_response("delete_distribution", {}, {"Id": DIST_ID, "IfMatch": "ETAG3"})

    rc, result = run_module(module, {"caller_reference": "ref-1", "comment": "frontend", "state": "absent"}, client)

    assert (rc, result["changed"]) == (0, True)


def test_absent_in_check_mode_predicts_the_deletion_and_makes_no_write(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber, boto_distribution())

    rc, result = run_module(
        module,
        {"caller_reference": "ref-1", "comment": "frontend", "state": "absent", "_ansible_check_mode": True},
        client,
    )

    assert (rc, result["changed"]) == (0, True)


def test_absent_when_missing_is_a_no_op(cloudfront, run_module):
    client, stubber = cloudfront
    queue_read(stubber)

    rc, result = run_module(module, {"caller_reference": "ref-1", "state": "absent"}, client)

    assert (rc, result["changed"]) == (0, False)


# Input


def test_invalid_options_fail_before_any_api_call(run_module):
    behaviors = [{"path_pattern": "/static files/*", "target_origin_id": "nowhere"}]

    rc, result = run_module(
        module,
        args(
            cache_behaviors=behaviors,
            custom_error_responses=[{"error_code": 418}],
            aliases=["x.example.com"],
            viewer_certificate=None,
        ),
        None,
    )

    assert rc == 1
    assert len(result["problems"]) == 4
    assert "cache_behaviors[/static files/*].path_pattern must be" in result["msg"]
    assert "target_origin_id nowhere names no origin" in result["msg"]
    assert "error_code must be one of" in result["msg"]
    assert "aliases need viewer_certificate.acm_certificate_arn" in result["msg"]


def test_a_price_class_that_does_not_exist_is_refused_before_any_api_call(run_module):
    rc, result = run_module(module, args(price_class="PriceClass_50"), None)

    assert rc == 1
    assert "price_class" in result["msg"] and "PriceClass_100" in result["msg"]


def test_caller_reference_or_distribution_id_is_required(run_module):
    rc, result = run_module(module, {"comment": "x"}, None)

    assert rc == 1
    assert "caller_reference, distribution_id" in result["msg"]
