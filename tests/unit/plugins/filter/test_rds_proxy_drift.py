"""An RDS Proxy compared with the module's own planning, from the read the run made already."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.rds_proxy_drift import FilterModule, rds_proxy_drift

SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbCdEf"
WANTED = {
    "name": "smartscheduler-prod",
    "engine_family": "POSTGRESQL",
    "auth": [
        {
            "auth_scheme": "SECRETS",
            "secret_arn": SECRET,
            "iam_auth": "DISABLED",
            "client_password_auth_type": "POSTGRES_SCRAM_SHA_256",
        }
    ],
    "role_arn": "arn:aws:iam::123456789012:role/smartscheduler-prod-rds-proxy",
    "vpc_subnet_ids": ["subnet-a", "subnet-b"],
    "vpc_security_group_ids": ["sg-db"],
    "require_tls": "True",
    "idle_client_timeout": "1800",
    "debug_logging": False,
    "target_db_instance_identifier": "smartscheduler-prod",
    "connection_pool": {
        "max_connections_percent": "90",
        "max_idle_connections_percent": "50",
        "connection_borrow_timeout": "120",
    },
    "tags": {"Environment": "prod", "Name": "smartscheduler-prod"},
    "purge_tags": True,
    "wait": True,
    "state": "present",
}


def read(**changes):
    proxy = {
        "db_proxy_name": "smartscheduler-prod",
        "status": "available",
        "engine_family": "POSTGRESQL",
        "auth": [
            {
                "auth_scheme": "SECRETS",
                "secret_arn": SECRET,
                "iam_auth": "DISABLED",
                "client_password_auth_type": "POSTGRES_SCRAM_SHA_256",
                "description": "",
            }
        ],
        "role_arn": WANTED["role_arn"],
        "vpc_subnet_ids": ["subnet-b", "subnet-a"],
        "vpc_security_group_ids": ["sg-db"],
        "require_tls": True,
        "idle_client_timeout": 1800,
        "debug_logging": False,
        "endpoint": "smartscheduler-prod.proxy-x.us-east-1.rds.amazonaws.com",
        "target_group": {
            "connection_pool_config": {
                "max_connections_percent": 90,
                "max_idle_connections_percent": 50,
                "connection_borrow_timeout": 120,
                "session_pinning_filters": [],
            }
        },
        "targets": [
            {"rds_resource_id": "smartscheduler-prod", "type": "RDS_INSTANCE", "target_health": {"state": "AVAILABLE"}}
        ],
        "tags": {"Environment": "prod", "Name": "smartscheduler-prod"},
    }
    proxy.update(changes)
    return [proxy]


def test_a_proxy_as_asked_has_no_drift():
    assert rds_proxy_drift(read(), WANTED) == []


def test_a_missing_proxy_is_a_difference():
    assert rds_proxy_drift([], WANTED) == ["the RDS Proxy smartscheduler-prod does not exist"]


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"status": "modifying"}, "is modifying, not available"),
        ({"engine_family": "MYSQL"}, "engine_family is MYSQL"),
        ({"vpc_subnet_ids": ["subnet-a"]}, "vpc_subnet_ids are"),
        ({"require_tls": False}, "RequireTLS differ"),
        ({"idle_client_timeout": 900}, "IdleClientTimeout differ"),
        ({"role_arn": "arn:aws:iam::1:role/x"}, "RoleArn differ"),
        ({"vpc_security_group_ids": ["sg-other"]}, "SecurityGroups differ"),
        ({"auth": [{"auth_scheme": "SECRETS", "secret_arn": "arn:old", "iam_auth": "DISABLED"}]}, "Auth differ"),
        ({"target_group": {"connection_pool_config": {"max_connections_percent": 100}}}, "connection pool"),
        ({"targets": []}, "targets to register ['smartscheduler-prod']"),
        (
            {
                "targets": [
                    {
                        "rds_resource_id": "smartscheduler-prod",
                        "type": "RDS_INSTANCE",
                        "target_health": {"state": "REGISTERING"},
                    }
                ]
            },
            "targets that are not available",
        ),
        ({"tags": {"Environment": "prod"}}, "tags to set ['Name']"),
    ],
)
def test_each_difference_is_named(changes, words):
    found = rds_proxy_drift(read(**changes), WANTED)
    assert len(found) == 1, found
    assert words in found[0]


def test_without_wait_a_busy_proxy_is_not_a_difference():
    assert rds_proxy_drift(read(status="modifying"), {**WANTED, "wait": "false"}) == []


def test_the_filter_is_registered():
    assert FilterModule().filters()["rds_proxy_drift"] is rds_proxy_drift
