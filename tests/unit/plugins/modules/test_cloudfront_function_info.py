"""Unit tests for appstack.aws.cloudfront_function_info (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.modules import cloudfront_function_info as module

from .cloudfront_stubs import ETAG

WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
NAME = "app-prod-spa-routing"
ARN = f"arn:aws:cloudfront::123456789012:function/{NAME}"
CODE = "function handler(event) { return event.request; }"


def summary(stage):
    return {
        "Name": NAME,
        "Status": "DEPLOYED",
        "FunctionConfig": {"Comment": "", "Runtime": "cloudfront-js-2.0"},
        "FunctionMetadata": {"FunctionARN": ARN, "Stage": stage, "CreatedTime": WHEN, "LastModifiedTime": WHEN},
    }


def test_one_function_is_read_in_the_stage_asked_for_with_its_code(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_response(
        "describe_function", {"FunctionSummary": summary("LIVE"), "ETag": ETAG}, {"Name": NAME, "Stage": "LIVE"}
    )
    stubber.add_response("get_function", {"FunctionCode": CODE.encode(), "ETag": ETAG}, {"Name": NAME, "Stage": "LIVE"})

    rc, result = run_module(module, {"name": NAME, "stage": "LIVE"}, client)

    assert rc == 0, result
    [found] = result["functions"]
    assert found["stage"] == "LIVE"
    assert found["code"] == CODE
    assert found["e_tag"] == ETAG
    assert found["arn"] == ARN


def test_a_stage_that_does_not_exist_returns_none(cloudfront, run_module):
    client, stubber = cloudfront
    stubber.add_client_error("describe_function", "NoSuchFunctionExists", "no such function", 404)

    rc, result = run_module(module, {"name": NAME, "stage": "LIVE"}, client)

    assert rc == 0, result
    assert result["functions"] == []


def test_every_function_of_a_stage_is_listed_without_code(cloudfront, run_module):
    client, stubber = cloudfront
    listing = {"FunctionList": {"MaxItems": 100, "Quantity": 1, "Items": [summary("DEVELOPMENT")]}}
    stubber.add_response("list_functions", listing, {"Stage": "DEVELOPMENT"})

    rc, result = run_module(module, {}, client)

    assert rc == 0, result
    [found] = result["functions"]
    assert found["name"] == NAME
    assert "code" not in found and "e_tag" not in found
