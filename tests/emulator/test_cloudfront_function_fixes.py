"""CloudFront Functions: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/cloudfront_functions.py``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

CODE = b"function handler(event) { return event.request; }"
REWRITE = b"""
function handler(event) {
    var request = event.request;
    if (request.uri.split('/').pop().indexOf('.') === -1) {
        console.log('rewrote ' + request.uri);
        request.uri = '/index.html';
    }
    return request;
}
"""
CONFIG = {"Comment": "SPA routing", "Runtime": "cloudfront-js-2.0"}
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"


def create(emulator: EmulatorClient, name: str = "rewrite", code: bytes = CODE) -> dict[str, Any]:
    return emulator.client("cloudfront").create_function(Name=name, FunctionConfig=CONFIG, FunctionCode=code)


def code_of(emulator: EmulatorClient, stage: str = "DEVELOPMENT") -> bytes:
    """The code GetFunction answers (its payload streams)."""
    return emulator.client("cloudfront").get_function(Name="rewrite", Stage=stage)["FunctionCode"].read()


def error_code(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def viewer_request(uri: str) -> bytes:
    event = {
        "version": "1.0",
        "context": {"eventType": "viewer-request"},
        "viewer": {"ip": "198.51.100.11"},
        "request": {"method": "GET", "uri": uri, "querystring": {}, "headers": {}, "cookies": {}},
    }
    return json.dumps(event).encode()


def distribution_with(emulator: EmulatorClient, function_arn: str) -> str:
    association = {"Quantity": 1, "Items": [{"FunctionARN": function_arn, "EventType": "viewer-request"}]}
    config = {
        "CallerReference": "site",
        "Comment": "",
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {"Id": "s3", "DomainName": "site.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "s3",
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED,
            "FunctionAssociations": association,
        },
    }
    return emulator.client("cloudfront").create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def test_a_new_function_is_unpublished_in_development_and_has_no_live_stage(emulator: EmulatorClient) -> None:
    """DescribeFunction Stage: DEVELOPMENT by default; a function never published has no LIVE stage
    (NoSuchFunctionExists, 404). https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DescribeFunction.html
    """
    cloudfront = emulator.client("cloudfront")
    created = create(emulator)

    described = cloudfront.describe_function(Name="rewrite")
    assert created["FunctionSummary"]["Status"] == "UNPUBLISHED"
    assert described["FunctionSummary"]["FunctionMetadata"]["Stage"] == "DEVELOPMENT"
    assert described["ETag"] == created["ETag"]
    assert code_of(emulator) == CODE
    with pytest.raises(ClientError) as excinfo:
        cloudfront.describe_function(Name="rewrite", Stage="LIVE")
    assert error_code(excinfo) == ("NoSuchFunctionExists", 404)
    with pytest.raises(ClientError) as excinfo:
        cloudfront.get_function(Name="rewrite", Stage="LIVE")
    assert error_code(excinfo) == ("NoSuchFunctionExists", 404)


def test_a_name_already_taken_is_refused(emulator: EmulatorClient) -> None:
    create(emulator)

    with pytest.raises(ClientError) as excinfo:
        create(emulator)

    assert error_code(excinfo) == ("FunctionAlreadyExists", 409)


def test_an_update_needs_the_current_etag_and_gives_a_new_one(emulator: EmulatorClient) -> None:
    """UpdateFunction: If-Match required (InvalidIfMatchVersion), stale (PreconditionFailed); a new ETag.
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_UpdateFunction.html
    """
    cloudfront = emulator.client("cloudfront")
    etag = create(emulator)["ETag"]
    update = {"Name": "rewrite", "FunctionConfig": dict(CONFIG, Comment="v2"), "FunctionCode": REWRITE}

    with pytest.raises(ClientError) as excinfo:
        cloudfront.update_function(IfMatch="", **update)
    assert error_code(excinfo) == ("InvalidIfMatchVersion", 400)
    with pytest.raises(ClientError) as excinfo:
        cloudfront.update_function(IfMatch="ESTALE", **update)
    assert error_code(excinfo) == ("PreconditionFailed", 412)
    updated = cloudfront.update_function(IfMatch=etag, **update)

    assert updated["ETag"] != etag
    assert updated["FunctionSummary"]["FunctionConfig"]["Comment"] == "v2"
    assert code_of(emulator) == REWRITE


def test_publish_copies_development_to_live(emulator: EmulatorClient) -> None:
    """PublishFunction copies the DEVELOPMENT stage to LIVE; an update afterwards changes DEVELOPMENT only.
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_PublishFunction.html
    """
    cloudfront = emulator.client("cloudfront")
    etag = create(emulator)["ETag"]

    with pytest.raises(ClientError) as excinfo:
        cloudfront.publish_function(Name="rewrite", IfMatch="ESTALE")
    assert error_code(excinfo) == ("PreconditionFailed", 412)
    published = cloudfront.publish_function(Name="rewrite", IfMatch=etag)["FunctionSummary"]
    assert published["FunctionMetadata"]["Stage"] == "LIVE"
    assert published["Status"] == "UNASSOCIATED"
    live = cloudfront.describe_function(Name="rewrite", Stage="LIVE")
    assert live["FunctionSummary"]["FunctionConfig"] == CONFIG
    assert code_of(emulator, "LIVE") == CODE

    cloudfront.update_function(Name="rewrite", IfMatch=etag, FunctionConfig=CONFIG, FunctionCode=REWRITE)

    assert code_of(emulator, "LIVE") == CODE
    assert code_of(emulator) == REWRITE


def test_list_functions_filters_on_the_stage(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    cloudfront.publish_function(Name="rewrite", IfMatch=create(emulator)["ETag"])
    create(emulator, "draft")

    live = cloudfront.list_functions(Stage="LIVE")["FunctionList"]
    development = cloudfront.list_functions(Stage="DEVELOPMENT")["FunctionList"]

    assert [item["Name"] for item in live["Items"]] == ["rewrite"]
    assert sorted(item["Name"] for item in development["Items"]) == ["draft", "rewrite"]


def test_a_distribution_can_associate_only_a_published_function(emulator: EmulatorClient) -> None:
    """ "You can only associate cache behaviors with functions that are in the LIVE stage."
    https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/publish-function.html
    """
    created = create(emulator)
    arn = created["FunctionSummary"]["FunctionMetadata"]["FunctionARN"]

    with pytest.raises(ClientError) as excinfo:
        distribution_with(emulator, arn)
    assert error_code(excinfo) == ("InvalidFunctionAssociation", 400)
    emulator.client("cloudfront").publish_function(Name="rewrite", IfMatch=created["ETag"])
    distribution_with(emulator, arn)

    assert emulator.client("cloudfront").describe_function(Name="rewrite")["FunctionSummary"]["Status"] == "DEPLOYED"


def test_a_function_a_distribution_uses_cannot_be_deleted(emulator: EmulatorClient) -> None:
    """DeleteFunction: FunctionInUse (409) while a cache behaviour associates the function; If-Match required.
    https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DeleteFunction.html
    """
    cloudfront = emulator.client("cloudfront")
    created = create(emulator)
    cloudfront.publish_function(Name="rewrite", IfMatch=created["ETag"])
    distribution_with(emulator, created["FunctionSummary"]["FunctionMetadata"]["FunctionARN"])

    with pytest.raises(ClientError) as excinfo:
        cloudfront.delete_function(Name="rewrite", IfMatch="ESTALE")
    assert error_code(excinfo) == ("PreconditionFailed", 412)
    with pytest.raises(ClientError) as excinfo:
        cloudfront.delete_function(Name="rewrite", IfMatch=created["ETag"])
    assert error_code(excinfo) == ("FunctionInUse", 409)


def test_an_unused_function_is_deleted_with_its_etag(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    created = create(emulator)

    cloudfront.delete_function(Name="rewrite", IfMatch=created["ETag"])

    with pytest.raises(ClientError) as excinfo:
        cloudfront.describe_function(Name="rewrite")
    assert error_code(excinfo) == ("NoSuchFunctionExists", 404)


@pytest.mark.parametrize(
    ("uri", "expected"),
    [("/", "/index.html"), ("/settings/profile", "/index.html"), ("/static/app.1234.js", "/static/app.1234.js")],
)
def test_test_function_runs_the_code_on_the_event(emulator: EmulatorClient, uri: str, expected: str) -> None:
    """TestFunction: FunctionOutput is the JSON of {"request": ...} the handler returned, FunctionExecutionLogs what
    it logged. https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_TestResult.html
    """
    etag = create(emulator, code=REWRITE)["ETag"]

    result = emulator.client("cloudfront").test_function(Name="rewrite", IfMatch=etag, EventObject=viewer_request(uri))[
        "TestResult"
    ]

    assert json.loads(result["FunctionOutput"])["request"]["uri"] == expected
    assert result["FunctionErrorMessage"] == ""
    assert result["FunctionExecutionLogs"] == ([f"rewrote {uri}"] if expected != uri else [])
    assert 0 <= int(result["ComputeUtilization"]) <= 100


def test_test_function_runs_the_stage_asked_for(emulator: EmulatorClient) -> None:
    cloudfront = emulator.client("cloudfront")
    etag = create(emulator)["ETag"]
    cloudfront.publish_function(Name="rewrite", IfMatch=etag)
    live_etag = cloudfront.describe_function(Name="rewrite", Stage="LIVE")["ETag"]
    cloudfront.update_function(Name="rewrite", IfMatch=etag, FunctionConfig=CONFIG, FunctionCode=REWRITE)

    live = cloudfront.test_function(Name="rewrite", IfMatch=live_etag, Stage="LIVE", EventObject=viewer_request("/a"))

    assert json.loads(live["TestResult"]["FunctionOutput"])["request"]["uri"] == "/a"
    with pytest.raises(ClientError) as excinfo:
        cloudfront.test_function(Name="rewrite", IfMatch=etag, EventObject=viewer_request("/a"))
    assert error_code(excinfo) == ("PreconditionFailed", 412)


def test_a_response_returned_by_the_handler_is_the_output(emulator: EmulatorClient) -> None:
    code = b"async function handler(event) { return {statusCode: 301, statusDescription: 'Moved', headers: {}}; }"
    etag = create(emulator, code=code)["ETag"]

    result = emulator.client("cloudfront").test_function(Name="rewrite", IfMatch=etag, EventObject=viewer_request("/"))

    assert json.loads(result["TestResult"]["FunctionOutput"]) == {
        "response": {"statusCode": 301, "statusDescription": "Moved", "headers": {}}
    }


def test_an_error_the_code_throws_is_the_function_error_message(emulator: EmulatorClient) -> None:
    etag = create(emulator, code=b"function handler(event) { return event.missing.uri; }")["ETag"]

    result = emulator.client("cloudfront").test_function(Name="rewrite", IfMatch=etag, EventObject=viewer_request("/"))[
        "TestResult"
    ]

    assert result["FunctionOutput"] == ""
    assert result["FunctionErrorMessage"].startswith("TypeError: Cannot read properties of undefined")


def test_code_that_never_ends_is_stopped(emulator: EmulatorClient) -> None:
    etag = create(emulator, code=b"function handler(event) { while (true) {} }")["ETag"]

    result = emulator.client("cloudfront").test_function(Name="rewrite", IfMatch=etag, EventObject=viewer_request("/"))[
        "TestResult"
    ]

    assert result["FunctionOutput"] == ""
    assert result["ComputeUtilization"] == "100"
    assert "maximum" in result["FunctionErrorMessage"]
