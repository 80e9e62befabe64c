"""Unit tests for appstack.aws.apprunner_service_info (botocore Stubber, no network)."""

import datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_service_info as module

ACCOUNT = "123456789012"
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
OPERATION_ID = "0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f"


def arn(name):
    return f"arn:aws:apprunner:us-east-1:{ACCOUNT}:service/{name}/{name.replace('-', '')[:8]:0<32}"


def service(name, status="RUNNING"):
    return {
        "ServiceName": name,
        "ServiceId": f"{name.replace('-', '')[:8]:0<32}",
        "ServiceArn": arn(name),
        "ServiceUrl": f"{name[:8]}.us-east-1.awsapprunner.com",
        "CreatedAt": NOW,
        "UpdatedAt": NOW,
        "Status": status,
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{name}:latest",
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {"RuntimeEnvironmentVariables": {"ASPNETCORE_ENVIRONMENT": "Production"}},
            }
        },
        "InstanceConfiguration": {"Cpu": "1024", "Memory": "2048"},
        "AutoScalingConfigurationSummary": {},
        "NetworkConfiguration": {},
    }


def summary(name, status="RUNNING"):
    return {"ServiceName": name, "ServiceArn": arn(name), "ServiceId": service(name)["ServiceId"], "Status": status}


def expect_service(stubber, name, tags=None):
    stubber.add_response("describe_service", {"Service": service(name)}, {"ServiceArn": arn(name)})
    tag_list = [{"Key": key, "Value": value} for key, value in (tags or {}).items()]
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list}, {"ResourceArn": arn(name)})


def test_by_name_returns_the_service_with_its_tags(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_services",
        {"ServiceSummaryList": [summary("smartscheduler-api-staging"), summary("smartscheduler-api-prod")]},
        {"MaxResults": 20},
    )
    expect_service(stubber, "smartscheduler-api-prod", {"Environment": "prod"})

    code, result = run_module(module, {"name": "smartscheduler-api-prod"}, client)

    assert code == 0
    assert not result["changed"]
    [found] = result["services"]
    assert found["service_name"] == "smartscheduler-api-prod"
    assert found["service_arn"] == arn("smartscheduler-api-prod")
    assert found["service_url"] == "smartsch.us-east-1.awsapprunner.com"
    assert found["tags"] == {"Environment": "prod"}
    image_configuration = found["source_configuration"]["image_repository"]["image_configuration"]
    assert image_configuration["runtime_environment_variables"] == {"ASPNETCORE_ENVIRONMENT": "Production"}
    assert "operations" not in found


def test_a_missing_name_returns_no_service(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response("list_services", {"ServiceSummaryList": []}, {"MaxResults": 20})

    code, result = run_module(module, {"name": "smartscheduler-api-dev"}, client)

    assert code == 0
    assert result["services"] == []


def test_by_arn_describes_without_listing(apprunner, run_module):
    client, stubber = apprunner
    expect_service(stubber, "smartscheduler-api-prod")

    code, result = run_module(module, {"arn": arn("smartscheduler-api-prod")}, client)

    assert code == 0
    assert [s["service_name"] for s in result["services"]] == ["smartscheduler-api-prod"]


def test_a_missing_arn_returns_no_service(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_client_error(
        "describe_service", "ResourceNotFoundException", "not found", 400, None, {"ServiceArn": arn("gone-service")}
    )

    code, result = run_module(module, {"arn": arn("gone-service")}, client)

    assert code == 0
    assert result["services"] == []


def test_without_a_name_every_live_service_is_described_across_pages_with_operations(apprunner, run_module):
    client, stubber = apprunner
    stubber.add_response(
        "list_services",
        {"ServiceSummaryList": [summary("smartscheduler-api-prod")], "NextToken": "t"},
        {"MaxResults": 20},
    )
    stubber.add_response(
        "list_services",
        {"ServiceSummaryList": [summary("old-service", "DELETED"), summary("smartscheduler-api-staging")]},
        {"MaxResults": 20, "NextToken": "t"},
    )
    for name in ("smartscheduler-api-prod", "smartscheduler-api-staging"):
        expect_service(stubber, name)
        operation = {"Id": OPERATION_ID, "Type": "CREATE_SERVICE", "Status": "SUCCEEDED", "TargetArn": arn(name)}
        stubber.add_response(
            "list_operations", {"OperationSummaryList": [operation]}, {"ServiceArn": arn(name), "MaxResults": 20}
        )

    code, result = run_module(module, {"operations": True}, client)

    assert code == 0
    assert [s["service_name"] for s in result["services"]] == ["smartscheduler-api-prod", "smartscheduler-api-staging"]
    assert result["services"][0]["operations"] == [
        {
            "id": OPERATION_ID,
            "type": "CREATE_SERVICE",
            "status": "SUCCEEDED",
            "target_arn": arn("smartscheduler-api-prod"),
        }
    ]


def test_an_account_closed_to_app_runner_fails_with_aws_message(apprunner, run_module):
    client, stubber = apprunner
    message = "This account is not authorized to use App Runner."
    stubber.add_client_error("list_services", "AccessDeniedException", message, 400, None, {"MaxResults": 20})

    code, result = run_module(module, {}, client)

    assert code == 1
    assert result["msg"].startswith("Failed to list App Runner services: ")
    assert result["msg"].endswith(message)
    assert result["error"]["code"] == "AccessDeniedException"


def test_name_and_arn_are_mutually_exclusive(run_module):
    code, result = run_module(module, {"name": "smartscheduler-api-prod", "arn": arn("smartscheduler-api-prod")}, None)

    assert code == 1
    assert "mutually exclusive" in result["msg"]


def test_an_arn_that_is_no_service_arn_fails_before_any_api_call(run_module):
    code, result = run_module(module, {"arn": f"arn:aws:apprunner:us-east-1:{ACCOUNT}:vpcconnector/x/1/abc"}, None)

    assert code == 1
    assert "arn must be the ARN of an App Runner service" in result["msg"]


def test_a_name_app_runner_refuses_fails_before_any_api_call(run_module):
    code, result = run_module(module, {"name": "api"}, None)

    assert code == 1
    assert result["problems"] == [
        "name must be 4 to 40 letters, digits, hyphens or underscores, starting with a letter or a digit; got 'api'."
    ]
