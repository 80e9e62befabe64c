"""Unit tests for appstack.aws.apprunner_vpc_connector (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test queuing only reads proves that nothing is changed.
"""

from datetime import UTC, datetime

from ansible_collections.appstack.aws.plugins.modules import apprunner_vpc_connector as module

NAME = "smartscheduler-backend-1"
PREFIX = "arn:aws:apprunner:us-east-1:123456789012"
SERVICE_ARN = f"{PREFIX}:service/smartscheduler-backend/0123456789abcdef0123456789abcdef"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def arn(revision=1, name=NAME):
    return f"{PREFIX}:vpcconnector/{name}/{revision}/{revision:032d}"


def connector(revision=1, subnets=("subnet-a", "subnet-b"), security_groups=("sg-1",), status="ACTIVE", name=NAME):
    return {
        "VpcConnectorName": name,
        "VpcConnectorArn": arn(revision, name),
        "VpcConnectorRevision": revision,
        "Subnets": list(subnets),
        "SecurityGroups": list(security_groups),
        "Status": status,
        "CreatedAt": CREATED,
    }


def stub_list(stubber, *connectors):
    stubber.add_response("list_vpc_connectors", {"VpcConnectors": list(connectors)}, {"MaxResults": 100})


def stub_tags(stubber, revision=1, tags=None):
    stubber.add_response(
        "list_tags_for_resource",
        {"Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()]},
        {"ResourceArn": arn(revision)},
    )


def stub_services(stubber, connector_arn=None):
    """One service, using connector_arn (or no connector)."""
    stubber.add_response(
        "list_services",
        {
            "ServiceSummaryList": [
                {"ServiceName": "smartscheduler-backend", "ServiceArn": SERVICE_ARN, "Status": "RUNNING"}
            ]
        },
        {"MaxResults": 20},
    )
    network = {"EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": connector_arn}} if connector_arn else {}
    stubber.add_response(
        "describe_service",
        {
            "Service": {
                "ServiceName": "smartscheduler-backend",
                "ServiceId": "0123456789abcdef0123456789abcdef",
                "ServiceArn": SERVICE_ARN,
                "CreatedAt": CREATED,
                "UpdatedAt": CREATED,
                "Status": "RUNNING",
                "SourceConfiguration": {},
                "InstanceConfiguration": {},
                "AutoScalingConfigurationSummary": {},
                "NetworkConfiguration": network,
            }
        },
        {"ServiceArn": SERVICE_ARN},
    )


def args(**overrides):
    values = {"name": NAME, "subnets": ["subnet-a", "subnet-b"], "security_groups": ["sg-1"]}
    values.update(overrides)
    return values


# Creating


def test_a_new_connector_is_created_with_subnets_security_groups_and_tags(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector(name="other-connector"))
    stubber.add_response(
        "create_vpc_connector",
        {"VpcConnector": connector()},
        {
            "VpcConnectorName": NAME,
            "Subnets": ["subnet-a", "subnet-b"],
            "SecurityGroups": ["sg-1"],
            "Tags": [{"Key": "Application", "Value": "smartscheduler"}],
        },
    )
    stub_tags(stubber, tags={"Application": "smartscheduler"})

    rc, result = run_module(module, args(tags={"Application": "smartscheduler"}, _ansible_diff=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["vpc_connector"]["vpc_connector_arn"] == arn()
    assert result["vpc_connector"]["tags"] == {"Application": "smartscheduler"}
    assert result["diff"] == {
        "before": {},
        "after": {
            "subnets": ["subnet-a", "subnet-b"],
            "security_groups": ["sg-1"],
            "tags": {"Application": "smartscheduler"},
        },
    }
    assert "replaced_vpc_connector_arn" not in result


def test_without_security_groups_the_create_call_leaves_them_to_app_runner(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber)
    stubber.add_response(
        "create_vpc_connector",
        {"VpcConnector": connector(security_groups=["sg-default"])},
        {"VpcConnectorName": NAME, "Subnets": ["subnet-a"]},
    )
    stub_tags(stubber)

    rc, result = run_module(module, {"name": NAME, "subnets": ["subnet-a"]}, client)

    assert rc == 0
    assert result["vpc_connector"]["security_groups"] == ["sg-default"]


def test_creating_in_check_mode_makes_no_call(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber)

    rc, result = run_module(module, args(_ansible_check_mode=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["vpc_connector"]["subnets"] == ["subnet-a", "subnet-b"]
    assert "vpc_connector_arn" not in result["vpc_connector"]


# Comparing


def test_subnets_and_security_groups_compare_as_sets(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector(status="ACTIVE"), connector(revision=0, subnets=["subnet-z"], status="INACTIVE"))
    stub_tags(stubber)

    rc, result = run_module(module, args(subnets=["subnet-b", "subnet-a", "subnet-a"]), client)

    assert rc == 0
    assert not result["changed"]
    assert result["vpc_connector"]["vpc_connector_arn"] == arn()


def test_unset_or_empty_security_groups_are_not_compared(apprunner, run_module):
    client, stubber = apprunner
    for security_groups in (None, []):
        stub_list(stubber, connector(security_groups=["sg-default"]))
        stub_tags(stubber)

        rc, result = run_module(
            module, {"name": NAME, "subnets": ["subnet-a", "subnet-b"], "security_groups": security_groups}, client
        )

        assert rc == 0
        assert not result["changed"]


def test_a_tag_change_tags_the_connector_in_place(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber, tags={"Team": "core"})
    stubber.add_response("tag_resource", {}, {"ResourceArn": arn(), "Tags": [{"Key": "Owner", "Value": "ops"}]})

    rc, result = run_module(module, args(tags={"Owner": "ops"}, purge_tags=False), client)

    assert rc == 0
    assert result["changed"]
    assert result["vpc_connector"]["tags"] == {"Team": "core", "Owner": "ops"}


# Replacing


def test_an_unused_connector_with_other_subnets_is_replaced_under_the_same_name(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber, tags={"Team": "core"})
    stub_services(stubber)
    stubber.add_response(
        "delete_vpc_connector", {"VpcConnector": connector(status="INACTIVE")}, {"VpcConnectorArn": arn()}
    )
    stubber.add_response(
        "create_vpc_connector",
        {"VpcConnector": connector(revision=2, subnets=["subnet-c"])},
        {
            "VpcConnectorName": NAME,
            "Subnets": ["subnet-c"],
            "SecurityGroups": ["sg-1"],
            "Tags": [{"Key": "Team", "Value": "core"}],
        },
    )
    stub_tags(stubber, revision=2, tags={"Team": "core"})

    rc, result = run_module(module, {"name": NAME, "subnets": ["subnet-c"], "_ansible_diff": True}, client)

    assert rc == 0
    assert result["changed"]
    assert result["replaced_vpc_connector_arn"] == arn()
    assert result["vpc_connector"]["vpc_connector_arn"] == arn(2)
    assert result["diff"]["before"]["subnets"] == ["subnet-a", "subnet-b"]
    assert result["diff"]["after"]["subnets"] == ["subnet-c"]


def test_replacing_in_check_mode_reads_only(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber)
    stub_services(stubber)

    rc, result = run_module(module, args(security_groups=["sg-2"], _ansible_check_mode=True), client)

    assert rc == 0
    assert result["changed"]
    assert result["replaced_vpc_connector_arn"] == arn()
    assert result["vpc_connector"]["security_groups"] == ["sg-2"]


def test_a_connector_in_use_is_not_replaced_and_the_message_says_how_to_move(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber)
    stub_services(stubber, arn())

    rc, result = run_module(module, args(subnets=["subnet-c"]), client)

    assert rc == 1
    assert SERVICE_ARN in result["msg"]
    assert "new name" in result["msg"]
    assert "state=absent" in result["msg"]


# Deleting


def test_absent_deletes_an_unused_connector(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector(), connector(revision=0, status="INACTIVE"))
    stub_tags(stubber)
    stub_services(stubber, arn(name="smartscheduler-backend-2"))
    stubber.add_response(
        "delete_vpc_connector", {"VpcConnector": connector(status="INACTIVE")}, {"VpcConnectorArn": arn()}
    )

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_diff": True}, client)

    assert rc == 0
    assert result["changed"]
    assert result["diff"]["after"] == {}


def test_absent_refuses_a_connector_in_use(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber)
    stub_services(stubber, arn())

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 1
    assert "can't be deleted" in result["msg"]


def test_absent_in_check_mode_deletes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector())
    stub_tags(stubber)
    stub_services(stubber)

    rc, result = run_module(module, {"name": NAME, "state": "absent", "_ansible_check_mode": True}, client)

    assert rc == 0
    assert result["changed"]


def test_absent_when_only_inactive_connectors_remain_changes_nothing(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber, connector(status="INACTIVE"))

    rc, result = run_module(module, {"name": NAME, "state": "absent"}, client)

    assert rc == 0
    assert not result["changed"]


# Bad input and AWS errors


def test_bad_input_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"name": NAME}, client=None)
    assert rc == 1
    assert "subnets" in result["msg"]

    rc, result = run_module(module, args(name="x" * 41), client=None)
    assert rc == 1
    assert "name" in result["msg"] and "4 to 40" in result["msg"]


def test_every_problem_is_reported_at_once(run_module):
    rc, result = run_module(module, {"name": "x" * 41}, client=None)

    assert rc == 1
    assert [problem.split()[0] for problem in result["problems"]] == ["name", "subnets"]


def test_an_aws_error_on_create_is_reported_with_its_code(apprunner, run_module):
    client, stubber = apprunner
    stub_list(stubber)
    stubber.add_client_error("create_vpc_connector", "InvalidRequestException", "Subnets must be in one VPC")

    rc, result = run_module(module, args(), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to create App Runner VPC connector")
    assert "Subnets must be in one VPC" in result["msg"]
    assert result["error"]["code"] == "InvalidRequestException"
