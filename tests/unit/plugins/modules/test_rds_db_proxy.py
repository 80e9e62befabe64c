"""Unit tests for appstack.aws.rds_db_proxy (botocore Stubber, no network).

The Stubber fails on any call that was not queued, so a test that queues only reads proves that
no mutating call is made.
"""

import datetime

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.rds import AnsibleRDSError
from ansible_collections.appstack.aws.plugins.modules import rds_db_proxy as module

NAME = "app-proxy"
ARN = "arn:aws:rds:us-east-1:123456789012:db-proxy:prx-0123456789abcdef0"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db/test/credentials-AbCdEf"
ROLE = "arn:aws:iam::123456789012:role/proxy"
SUBNETS = ["subnet-0a", "subnet-0b"]
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
TARGET_GROUP_ARN = "arn:aws:rds:us-east-1:123456789012:target-group:prx-tg-0123456789abcdef0"


def boto_proxy(status="available", **overrides):
    proxy = {
        "DBProxyName": NAME,
        "DBProxyArn": ARN,
        "Status": status,
        "EngineFamily": "POSTGRESQL",
        "VpcId": "vpc-0a",
        "VpcSecurityGroupIds": ["sg-0a"],
        "VpcSubnetIds": SUBNETS,
        "Auth": [
            {
                "AuthScheme": "SECRETS",
                "SecretArn": SECRET,
                "IAMAuth": "DISABLED",
                "ClientPasswordAuthType": "POSTGRES_SCRAM_SHA_256",
            }
        ],
        "RoleArn": ROLE,
        "Endpoint": f"{NAME}.proxy-abc.us-east-1.rds.amazonaws.com",
        "RequireTLS": True,
        "IdleClientTimeout": 1800,
        "DebugLogging": False,
        "CreatedDate": WHEN,
        "UpdatedDate": WHEN,
    }
    proxy.update(overrides)
    return proxy


def boto_target_group(**pool):
    config = {
        "MaxConnectionsPercent": 100,
        "MaxIdleConnectionsPercent": 50,
        "ConnectionBorrowTimeout": 120,
        "SessionPinningFilters": [],
    }
    config.update(pool)
    return {
        "DBProxyName": NAME,
        "TargetGroupName": "default",
        "TargetGroupArn": TARGET_GROUP_ARN,
        "IsDefault": True,
        "Status": "available",
        "ConnectionPoolConfig": config,
    }


def boto_target(instance="app-db", state="AVAILABLE"):
    return {
        "RdsResourceId": instance,
        "Type": "RDS_INSTANCE",
        "Endpoint": f"{instance}.abc.us-east-1.rds.amazonaws.com",
        "Port": 5432,
        "TargetArn": f"arn:aws:rds:us-east-1:123456789012:db:{instance}",
        "TargetHealth": {"State": state},
    }


def queue_read(stubber, proxy=None, tags=None, pool=None, targets=()):
    """Queue the reads of get_proxy: the proxy, its tags, its target group and its targets."""
    if proxy is None:
        stubber.add_client_error(
            "describe_db_proxies", "DBProxyNotFoundFault", "not found", 404, expected_params={"DBProxyName": NAME}
        )
        return
    stubber.add_response("describe_db_proxies", {"DBProxies": [proxy]}, {"DBProxyName": NAME})
    stubber.add_response(
        "list_tags_for_resource",
        {"TagList": [{"Key": k, "Value": v} for k, v in (tags or {}).items()]},
        {"ResourceName": ARN},
    )
    stubber.add_response(
        "describe_db_proxy_target_groups",
        {"TargetGroups": [boto_target_group(**(pool or {}))]},
        {"DBProxyName": NAME, "TargetGroupName": "default"},
    )
    stubber.add_response(
        "describe_db_proxy_targets",
        {"Targets": list(targets)},
        {"DBProxyName": NAME, "TargetGroupName": "default"},
    )


def args(**overrides):
    values = {"name": NAME, "wait": False}
    values.update(overrides)
    return values


def create_args(**overrides):
    settings = dict(
        engine_family="POSTGRESQL",
        auth=[{"secret_arn": SECRET, "iam_auth": "DISABLED", "client_password_auth_type": "POSTGRES_SCRAM_SHA_256"}],
        role_arn=ROLE,
        vpc_subnet_ids=SUBNETS,
        vpc_security_group_ids=["sg-0a"],
        require_tls=True,
    )
    settings.update(overrides)
    return args(**settings)


# Creating


def test_check_mode_on_a_missing_proxy_predicts_it_and_makes_no_write(rds, run_module):
    client, stubber = rds
    queue_read(stubber)

    rc, result = run_module(
        module, create_args(tags={"Env": "test"}, _ansible_check_mode=True, _ansible_diff=True), client
    )

    assert rc == 0, result
    assert result["changed"]
    proxy = result["db_proxy"]
    assert (proxy["db_proxy_name"], proxy["status"], proxy["engine_family"]) == (NAME, "creating", "POSTGRESQL")
    assert proxy["auth"][0]["secret_arn"] == SECRET
    assert proxy["tags"] == {"Env": "test"}
    assert result["diff"]["before"] == {}


def test_create_sends_only_the_settings_given_and_reads_the_proxy_back(rds, run_module):
    client, stubber = rds
    queue_read(stubber)
    stubber.add_response(
        "create_db_proxy",
        {"DBProxy": boto_proxy(status="creating")},
        {
            "DBProxyName": NAME,
            "EngineFamily": "POSTGRESQL",
            "Auth": [
                {
                    "SecretArn": SECRET,
                    "AuthScheme": "SECRETS",
                    "IAMAuth": "DISABLED",
                    "ClientPasswordAuthType": "POSTGRES_SCRAM_SHA_256",
                }
            ],
            "RoleArn": ROLE,
            "VpcSubnetIds": SUBNETS,
            "VpcSecurityGroupIds": ["sg-0a"],
            "RequireTLS": True,
            "Tags": [{"Key": "Env", "Value": "test"}],
        },
    )
    queue_read(stubber, boto_proxy(status="creating"), tags={"Env": "test"})

    rc, result = run_module(module, create_args(tags={"Env": "test"}), client)

    assert rc == 0, result
    assert result["changed"]
    assert result["db_proxy"]["db_proxy_arn"] == ARN
    assert result["db_proxy"]["tags"] == {"Env": "test"}


def test_a_missing_proxy_without_the_creation_settings_fails_naming_them(rds, run_module):
    client, stubber = rds
    queue_read(stubber)

    rc, result = run_module(module, args(require_tls=True), client)

    assert rc == 1
    assert "engine_family, auth, role_arn, vpc_subnet_ids" in result["msg"]


# Updating


def test_a_matching_proxy_reports_no_change(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy(), tags={"Env": "test"}, pool={"MaxConnectionsPercent": 90}, targets=[boto_target()])

    rc, result = run_module(
        module,
        create_args(
            tags={"Env": "test"},
            idle_client_timeout=1800,
            connection_pool={"max_connections_percent": 90, "connection_borrow_timeout": 120},
            target_db_instance_identifier="app-db",
        ),
        client,
    )

    assert rc == 0, result
    assert not result["changed"]
    assert "diff" not in result


def test_check_mode_of_a_change_reports_it_and_makes_no_write(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy(), targets=[boto_target("old-db")])

    rc, result = run_module(
        module,
        args(
            idle_client_timeout=600,
            connection_pool={"max_connections_percent": 80},
            target_db_instance_identifier="new-db",
            tags={"Env": "prod"},
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    after = result["diff"]["after"]
    assert after["idle_client_timeout"] == 600
    assert after["target_group"]["connection_pool_config"]["max_connections_percent"] == 80
    assert [t["rds_resource_id"] for t in after["targets"]] == ["new-db"]
    assert after["tags"] == {"Env": "prod"}
    assert result["diff"]["before"]["idle_client_timeout"] == 1800


def test_changes_go_through_modify_target_group_targets_and_tags(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy(), tags={"Old": "x"}, targets=[boto_target("old-db")])
    stubber.add_response(
        "modify_db_proxy",
        {"DBProxy": boto_proxy(IdleClientTimeout=600)},
        {"DBProxyName": NAME, "IdleClientTimeout": 600},
    )
    stubber.add_response("remove_tags_from_resource", {}, {"ResourceName": ARN, "TagKeys": ["Old"]})
    stubber.add_response("add_tags_to_resource", {}, {"ResourceName": ARN, "Tags": [{"Key": "Env", "Value": "prod"}]})
    stubber.add_response(
        "modify_db_proxy_target_group",
        {"DBProxyTargetGroup": boto_target_group(MaxConnectionsPercent=80)},
        {"DBProxyName": NAME, "TargetGroupName": "default", "ConnectionPoolConfig": {"MaxConnectionsPercent": 80}},
    )
    stubber.add_response(
        "deregister_db_proxy_targets",
        {},
        {"DBProxyName": NAME, "TargetGroupName": "default", "DBInstanceIdentifiers": ["old-db"]},
    )
    stubber.add_response(
        "register_db_proxy_targets",
        {"DBProxyTargets": [boto_target("new-db", "REGISTERING")]},
        {"DBProxyName": NAME, "TargetGroupName": "default", "DBInstanceIdentifiers": ["new-db"]},
    )
    queue_read(stubber, boto_proxy(IdleClientTimeout=600), tags={"Env": "prod"}, targets=[boto_target("new-db")])

    rc, result = run_module(
        module,
        args(
            idle_client_timeout=600,
            connection_pool={"max_connections_percent": 80},
            target_db_instance_identifier="new-db",
            tags={"Env": "prod"},
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["db_proxy"]["idle_client_timeout"] == 600


def test_a_proxy_still_being_created_is_awaited_before_it_is_changed(rds, run_module, monkeypatch):
    """A run that started the proxy without waiting comes back to change it: RDS refuses to change a
    proxy that is not available, so the module waits for it first."""
    client, stubber = rds
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_read(stubber, boto_proxy("creating"))
    stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy("creating")]}, {"DBProxyName": NAME})
    stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy()]}, {"DBProxyName": NAME})
    queue_read(stubber, boto_proxy())
    stubber.add_response(
        "modify_db_proxy",
        {"DBProxy": boto_proxy(IdleClientTimeout=600)},
        {"DBProxyName": NAME, "IdleClientTimeout": 600},
    )

    queue_read(stubber, boto_proxy(IdleClientTimeout=600))

    rc, result = run_module(module, args(idle_client_timeout=600), client)

    assert rc == 0, result
    assert result["changed"]
    stubber.assert_no_pending_responses()


def test_a_proxy_still_being_created_that_matches_is_left_without_waiting(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy("creating"))

    rc, result = run_module(module, args(idle_client_timeout=1800), client)

    assert rc == 0, result
    assert not result["changed"]
    stubber.assert_no_pending_responses()


def test_check_mode_never_waits_for_a_proxy_being_created(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy("creating"))

    rc, result = run_module(module, args(idle_client_timeout=600, _ansible_check_mode=True), client)

    assert rc == 0, result
    assert result["changed"]
    stubber.assert_no_pending_responses()


def test_a_different_engine_family_or_subnets_fail_before_any_write(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy())

    rc, result = run_module(
        module, args(engine_family="MYSQL", vpc_subnet_ids=["subnet-0c", "subnet-0d"], require_tls=False), client
    )

    assert rc == 1
    assert "can't be changed in place" in result["msg"]
    assert "engine_family is POSTGRESQL, not MYSQL" in result["msg"]
    assert "vpc_subnet_ids" in result["msg"]
    assert "state=absent" in result["msg"]


# Waiting


def test_wait_polls_until_the_proxy_and_its_target_are_available(rds, run_module, monkeypatch):
    client, stubber = rds
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_read(stubber, boto_proxy(), targets=[boto_target()])
    stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy("modifying")]}, {"DBProxyName": NAME})
    stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy()]}, {"DBProxyName": NAME})
    target_params = {"DBProxyName": NAME, "TargetGroupName": "default"}
    stubber.add_response("describe_db_proxy_targets", {"Targets": [boto_target(state="REGISTERING")]}, target_params)
    stubber.add_response("describe_db_proxy_targets", {"Targets": [boto_target()]}, target_params)
    queue_read(stubber, boto_proxy(), targets=[boto_target()])

    rc, result = run_module(module, args(wait=True, wait_timeout=60), client)

    assert rc == 0, result
    assert not result["changed"]
    assert result["db_proxy"]["targets"][0]["target_health"]["state"] == "AVAILABLE"


# Deleting


def test_absent_deletes_the_proxy(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy())
    stubber.add_response("delete_db_proxy", {"DBProxy": boto_proxy("deleting")}, {"DBProxyName": NAME})

    rc, result = run_module(module, args(state="absent"), client)

    assert rc == 0, result
    assert result["changed"]


def test_absent_in_check_mode_makes_no_write(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy())

    rc, result = run_module(module, args(state="absent", _ansible_check_mode=True), client)

    assert (rc, result["changed"]) == (0, True)


def test_absent_when_missing_is_a_no_op(rds, run_module):
    client, stubber = rds
    queue_read(stubber)

    rc, result = run_module(module, args(state="absent"), client)

    assert (rc, result["changed"]) == (0, False)


# Input and errors


def test_a_bad_engine_family_fails_before_any_api_call(run_module):
    rc, result = run_module(module, create_args(engine_family="ORACLE"), client=None)

    assert rc == 1
    assert "engine_family" in result["msg"] and "POSTGRESQL" in result["msg"]


def test_an_idle_timeout_out_of_range_fails_before_any_api_call(run_module):
    rc, result = run_module(module, args(idle_client_timeout=0), client=None)

    assert rc == 1
    assert "idle_client_timeout" in result["msg"]


def test_an_api_error_fails_with_the_aws_error(rds, run_module):
    client, stubber = rds
    queue_read(stubber, boto_proxy())
    stubber.add_client_error("register_db_proxy_targets", "InvalidDBInstanceState", "DB instance is creating", 400)

    rc, result = run_module(module, args(target_db_instance_identifier="app-db"), client)

    assert rc == 1
    assert result["msg"].startswith("Failed to register DB proxy target")
    assert result["error"]["code"] == "InvalidDBInstanceState"


# Validating the options: one test per rule


def options(**overrides):
    """The options as AnsibleModule hands them to validate(), with their defaults."""
    values = dict(
        name=NAME,
        state="present",
        idle_client_timeout=None,
        connection_pool=None,
        wait=True,
        wait_timeout=900,
    )
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    "name",
    ["a", "app-proxy", "App-Proxy-2", "a" * 63, "a1-b2-c3"],
    ids=["one-letter", "hyphen", "mixed-case-and-digit", "63-characters", "alternating"],
)
def test_a_proxy_name_by_aws_rules_passes(name):
    assert module.validate(options(name=name)) == []


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("", "it is empty"),
        ("a" * 64, "has 64 characters"),
        ("1proxy", "not 1proxy"),
        ("-proxy", "not -proxy"),
        ("proxy-", "not proxy-"),
        ("app--proxy", "not app--proxy"),
        ("app_proxy", "not app_proxy"),
        ("app.proxy", "not app.proxy"),
    ],
    ids=[
        "empty",
        "64-characters",
        "digit-first",
        "hyphen-first",
        "hyphen-last",
        "two-consecutive-hyphens",
        "underscore",
        "dot",
    ],
)
def test_a_proxy_name_against_aws_rules_is_explained(name, detail):
    problems = module.validate(options(name=name))

    assert len(problems) == 1
    assert problems[0].startswith(
        "name must be 1 to 63 letters, digits or hyphens, start with a letter, not end with a hyphen and not hold"
        " two consecutive hyphens"
    )
    assert detail in problems[0]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"idle_client_timeout": 0}, "idle_client_timeout must be 1 to 28800 seconds, not 0."),
        ({"idle_client_timeout": 28801}, "idle_client_timeout must be 1 to 28800 seconds, not 28801."),
        (
            {"connection_pool": {"max_connections_percent": 0}},
            "connection_pool.max_connections_percent must be 1 to 100, not 0.",
        ),
        (
            {"connection_pool": {"max_idle_connections_percent": 101}},
            "connection_pool.max_idle_connections_percent must be 0 to 100, not 101.",
        ),
        (
            {"connection_pool": {"connection_borrow_timeout": 3601}},
            "connection_pool.connection_borrow_timeout must be 0 to 3600, not 3601.",
        ),
        (
            {"connection_pool": {"max_connections_percent": 50, "max_idle_connections_percent": 60}},
            "connection_pool.max_idle_connections_percent (60) can't be above connection_pool.max_connections_percent"
            " (50).",
        ),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0, not 0."),
        ({"wait_timeout": -1}, "wait_timeout must be a number of seconds above 0, not -1."),
    ],
    ids=[
        "idle-timeout-low",
        "idle-timeout-high",
        "max-connections-low",
        "max-idle-high",
        "borrow-timeout-high",
        "idle-above-max",
        "wait-timeout-zero",
        "wait-timeout-negative",
    ],
)
def test_each_setting_out_of_its_range_is_explained(overrides, message):
    assert module.validate(options(**overrides)) == [message]


def test_settings_at_the_edges_of_their_ranges_pass():
    pool = {"max_connections_percent": 100, "max_idle_connections_percent": 0, "connection_borrow_timeout": 3600}

    assert module.validate(options(idle_client_timeout=28800, connection_pool=pool, wait_timeout=1)) == []


def test_every_problem_is_reported_at_once_before_any_api_call(run_module):
    rc, result = run_module(module, args(name="app--proxy", idle_client_timeout=0, wait_timeout=0), client=None)

    assert rc == 1
    assert len(result["problems"]) == 3
    for words in ("two consecutive hyphens", "idle_client_timeout", "wait_timeout"):
        assert words in result["msg"]


def test_a_wait_that_outlasts_wait_timeout_fails_naming_the_proxy_and_its_status(rds, monkeypatch):
    client, stubber = rds
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    for _ in range(2):  # wait_timeout=1 polls twice, a second apart.
        stubber.add_response("describe_db_proxies", {"DBProxies": [boto_proxy("modifying")]}, {"DBProxyName": NAME})

    with pytest.raises(AnsibleRDSError) as error:
        module.wait_until_ready(
            client, {"targets": []}, dict(options(wait_timeout=1), target_db_instance_identifier=None)
        )

    assert error.value.message == (
        f"Timed out after 1 seconds waiting for DB proxy {NAME} to be available; its last status was modifying"
    )


def test_a_proxy_in_a_failure_state_fails_naming_its_status(rds, monkeypatch):
    client, stubber = rds
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    stubber.add_response(
        "describe_db_proxies", {"DBProxies": [boto_proxy("incompatible-network")]}, {"DBProxyName": NAME}
    )

    with pytest.raises(AnsibleRDSError) as error:
        module.wait_until_ready(client, {"targets": []}, dict(options(), target_db_instance_identifier=None))

    assert error.value.message == (
        f"Gave up waiting for DB proxy {NAME} to be available; its last status was incompatible-network"
    )


def test_absent_returns_no_proxy_as_its_state(rds):
    client, stubber = rds
    stubber.add_response("delete_db_proxy", {"DBProxy": boto_proxy("deleting")}, {"DBProxyName": NAME})

    assert module.ensure_absent(client, {"db_proxy_name": NAME}, options(wait=False), check_mode=False) == (True, None)
    assert module.ensure_absent(client, None, options(), check_mode=False) == (False, None)
