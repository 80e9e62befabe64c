"""Unit tests for appstack.aws.cloudwatchlogs_log_group_info (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import cloudwatchlogs_log_group_info as module

PREFIX = "/appstack/test/"


def boto_log_group(name):
    return {
        "logGroupName": name,
        "arn": f"arn:aws:logs:us-east-1:123456789012:log-group:{name}:*",
        "logGroupArn": f"arn:aws:logs:us-east-1:123456789012:log-group:{name}",
        "creationTime": 1700000000000,
        "storedBytes": 0,
    }


def arn(name):
    return f"arn:aws:logs:us-east-1:123456789012:log-group:{name}"


def test_exact_name_returns_only_that_log_group(logs):
    client, stubber = logs
    name = f"{PREFIX}app"
    stubber.add_response(
        "describe_log_groups",
        {"logGroups": [boto_log_group(name), boto_log_group(f"{name}-worker")]},
        {"logGroupNamePrefix": name},
    )
    stubber.add_response("list_tags_for_resource", {"tags": {"Env": "test"}}, {"resourceArn": arn(name)})

    log_groups = module.find_log_groups(client, log_group_name=name)

    assert [log_group["log_group_name"] for log_group in log_groups] == [name]
    assert log_groups[0]["tags"] == {"Env": "test"}


def test_exact_name_that_does_not_exist_returns_an_empty_list(logs):
    client, stubber = logs
    stubber.add_response("describe_log_groups", {"logGroups": []}, {"logGroupNamePrefix": "/missing"})

    assert module.find_log_groups(client, log_group_name="/missing") == []


def test_prefix_returns_every_page_with_tags(logs):
    client, stubber = logs
    first, second = f"{PREFIX}a", f"{PREFIX}b"
    stubber.add_response(
        "describe_log_groups", {"logGroups": [boto_log_group(first)], "nextToken": "t"}, {"logGroupNamePrefix": PREFIX}
    )
    stubber.add_response(
        "describe_log_groups", {"logGroups": [boto_log_group(second)]}, {"logGroupNamePrefix": PREFIX, "nextToken": "t"}
    )
    stubber.add_response("list_tags_for_resource", {"tags": {}}, {"resourceArn": arn(first)})
    stubber.add_response("list_tags_for_resource", {"tags": {"Team": "web"}}, {"resourceArn": arn(second)})

    log_groups = module.find_log_groups(client, log_group_name_prefix=PREFIX)

    assert [log_group["log_group_name"] for log_group in log_groups] == [first, second]
    assert [log_group["tags"] for log_group in log_groups] == [{}, {"Team": "web"}]


def test_no_option_describes_every_log_group(logs, run_module):
    client, stubber = logs
    stubber.add_response("describe_log_groups", {"logGroups": [boto_log_group("/a")]}, {})
    stubber.add_response("list_tags_for_resource", {"tags": {}}, {"resourceArn": arn("/a")})

    rc, result = run_module(module, {}, client)

    assert rc == 0
    assert not result["changed"]
    assert result["log_groups"][0]["log_group_arn"] == arn("/a")


def test_name_and_prefix_are_mutually_exclusive(run_module):
    rc, result = run_module(module, {"log_group_name": "/a", "log_group_name_prefix": "/"}, client=None)

    assert rc == 1
    assert "mutually exclusive" in result["msg"]


def test_a_name_or_prefix_is_checked_by_cloudwatch_logs_rules():
    assert module.validate({"log_group_name": "/a", "log_group_name_prefix": None}) == []
    assert module.validate({"log_group_name": None, "log_group_name_prefix": "/appstack/"}) == []
    assert module.validate({"log_group_name": None, "log_group_name_prefix": None}) == []
    (problem,) = module.validate({"log_group_name": None, "log_group_name_prefix": "/app stack/"})
    assert problem.startswith("log_group_name_prefix must be 1 to 512")


def test_an_invalid_prefix_fails_before_any_client_is_created(run_module):
    rc, result = run_module(module, {"log_group_name_prefix": "/app stack/"}, client=None)

    assert rc == 1
    assert "log_group_name_prefix must be" in result["msg"]
