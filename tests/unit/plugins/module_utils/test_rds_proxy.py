"""Unit tests for the RDS Proxy planning helpers: what must change on an existing proxy."""

from ansible_collections.appstack.aws.plugins.module_utils import rds_proxy_plan

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db/test/credentials-AbCdEf"
OTHER_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db/test/reader-GhIjKl"


def current_proxy(**overrides):
    proxy = {
        "db_proxy_name": "app",
        "engine_family": "POSTGRESQL",
        "auth": [
            {
                "auth_scheme": "SECRETS",
                "secret_arn": SECRET,
                "iam_auth": "DISABLED",
                "client_password_auth_type": "POSTGRES_SCRAM_SHA_256",
            }
        ],
        "role_arn": "arn:aws:iam::123456789012:role/proxy",
        "vpc_subnet_ids": ["subnet-a", "subnet-b"],
        "vpc_security_group_ids": ["sg-1"],
        "require_tls": True,
        "idle_client_timeout": 1800,
        "debug_logging": False,
    }
    proxy.update(overrides)
    return proxy


def auth(**fields):
    entry = {
        "secret_arn": SECRET,
        "auth_scheme": "SECRETS",
        "iam_auth": None,
        "client_password_auth_type": None,
        "description": None,
    }
    entry.update(fields)
    return entry


def test_unset_options_plan_no_change():
    assert rds_proxy_plan.plan_proxy_changes(current_proxy(), {"name": "app"}) == {}


def test_equal_options_plan_no_change():
    params = {
        "require_tls": True,
        "idle_client_timeout": 1800,
        "debug_logging": False,
        "vpc_security_group_ids": ["sg-1"],
        "auth": [auth(iam_auth="DISABLED")],
    }

    assert rds_proxy_plan.plan_proxy_changes(current_proxy(), params) == {}


def test_each_different_option_is_planned_with_its_api_name():
    params = {
        "require_tls": False,
        "idle_client_timeout": 600,
        "debug_logging": True,
        "role_arn": "arn:aws:iam::123456789012:role/other",
        "vpc_security_group_ids": ["sg-2", "sg-1"],
    }

    assert rds_proxy_plan.plan_proxy_changes(current_proxy(), params) == {
        "RequireTLS": False,
        "IdleClientTimeout": 600,
        "DebugLogging": True,
        "RoleArn": "arn:aws:iam::123456789012:role/other",
        "SecurityGroups": ["sg-2", "sg-1"],
    }


def test_security_groups_compare_as_a_set():
    proxy = current_proxy(vpc_security_group_ids=["sg-1", "sg-2"])

    assert rds_proxy_plan.plan_proxy_changes(proxy, {"vpc_security_group_ids": ["sg-2", "sg-1"]}) == {}


def test_a_different_auth_field_sends_the_whole_auth_list_without_unset_keys():
    changes = rds_proxy_plan.plan_proxy_changes(current_proxy(), {"auth": [auth(iam_auth="REQUIRED")]})

    assert changes == {"Auth": [{"SecretArn": SECRET, "AuthScheme": "SECRETS", "IAMAuth": "REQUIRED"}]}


def test_an_added_secret_changes_auth():
    params = {"auth": [auth(), auth(secret_arn=OTHER_SECRET)]}

    assert "Auth" in rds_proxy_plan.plan_proxy_changes(current_proxy(), params)


def test_auth_fields_left_unset_are_not_compared():
    assert rds_proxy_plan.auth_matches(current_proxy()["auth"], [auth()])


def test_engine_family_and_subnets_are_immutable_differences():
    params = {"engine_family": "MYSQL", "vpc_subnet_ids": ["subnet-a", "subnet-c"]}

    differences = rds_proxy_plan.immutable_differences(current_proxy(), params)

    assert len(differences) == 2
    assert "engine_family is POSTGRESQL, not MYSQL" in differences[0]
    assert "subnet-c" in differences[1]


def test_same_subnets_in_another_order_are_not_a_difference():
    params = {"engine_family": "POSTGRESQL", "vpc_subnet_ids": ["subnet-b", "subnet-a"]}

    assert rds_proxy_plan.immutable_differences(current_proxy(), params) == []


def test_pool_changes_hold_only_the_different_settings():
    current = {
        "max_connections_percent": 100,
        "max_idle_connections_percent": 50,
        "connection_borrow_timeout": 120,
        "session_pinning_filters": [],
    }
    pool = {
        "max_connections_percent": 90,
        "max_idle_connections_percent": 50,
        "connection_borrow_timeout": None,
        "session_pinning_filters": ["EXCLUDE_VARIABLE_SETS"],
        "init_query": "SET TIME ZONE 'UTC'",
    }

    assert rds_proxy_plan.plan_pool_changes(current, pool) == {
        "MaxConnectionsPercent": 90,
        "SessionPinningFilters": ["EXCLUDE_VARIABLE_SETS"],
        "InitQuery": "SET TIME ZONE 'UTC'",
    }


def test_an_empty_init_query_matches_none_reported():
    assert rds_proxy_plan.plan_pool_changes({"max_connections_percent": 100}, {"init_query": ""}) == {}


def test_no_target_asked_leaves_the_targets_alone():
    targets = [{"rds_resource_id": "old-db", "type": "RDS_INSTANCE"}]

    assert rds_proxy_plan.plan_targets(targets, None) == ([], [])


def test_a_new_target_is_registered_and_the_old_one_deregistered():
    targets = [{"rds_resource_id": "old-db", "type": "RDS_INSTANCE"}]

    assert rds_proxy_plan.plan_targets(targets, "new-db") == (["new-db"], ["old-db"])


def test_the_registered_target_matches_whatever_the_case():
    targets = [{"rds_resource_id": "app-db", "type": "RDS_INSTANCE"}]

    assert rds_proxy_plan.plan_targets(targets, "App-DB") == ([], [])


def test_auth_to_api_drops_unset_keys_and_uses_the_api_names():
    assert rds_proxy_plan.auth_to_api([auth(client_password_auth_type="POSTGRES_MD5", description="app")]) == [
        {"SecretArn": SECRET, "AuthScheme": "SECRETS", "ClientPasswordAuthType": "POSTGRES_MD5", "Description": "app"}
    ]
