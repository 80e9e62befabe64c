"""RDS Proxy and RDS-managed master passwords: the emulator answers as AWS does.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/rds_db_proxies.py`` and
``emulator/fixes/rds_master_user_secret.py``), or pins down moto behaviour the
modules rely on (proxy tags).
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

# A provisioning delay long enough that no read made right after a call can come after it, however busy the
# machine; the tests move the emulator's clock on (EmulatorClient.advance_clock) rather than wait it out.
DELAY = 60

PASSWORD = "not-a-secret-42"
ROLE_ARN = "arn:aws:iam::123456789012:role/proxy"


def error_of(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = raised.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def subnets(emulator: EmulatorClient) -> list[str]:
    ec2 = emulator.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    return [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone=f"us-east-1{zone}")["Subnet"][
            "SubnetId"
        ]
        for n, zone in ((1, "a"), (2, "b"))
    ]


def create_proxy(emulator: EmulatorClient, name: str = "app-proxy", **settings: object) -> dict:
    secret_arn = emulator.client("secretsmanager").create_secret(
        Name=f"{name}-credentials", SecretString=json.dumps({"username": "app", "password": PASSWORD})
    )["ARN"]
    return emulator.client("rds").create_db_proxy(
        DBProxyName=name,
        EngineFamily="POSTGRESQL",
        Auth=[{"AuthScheme": "SECRETS", "SecretArn": secret_arn, "IAMAuth": "DISABLED"}],
        RoleArn=ROLE_ARN,
        VpcSubnetIds=subnets(emulator),
        **settings,
    )["DBProxy"]


def create_instance(emulator: EmulatorClient, name: str = "app-db", **settings: object) -> dict:
    """A PostgreSQL instance; MasterUserPassword=None leaves the password out (for ManageMasterUserPassword)."""
    settings = {key: value for key, value in ({"MasterUserPassword": PASSWORD} | settings).items() if value is not None}
    return emulator.client("rds").create_db_instance(
        DBInstanceIdentifier=name,
        DBInstanceClass="db.t3.small",
        Engine="postgres",
        MasterUsername="app_admin",
        AllocatedStorage=20,
        **settings,
    )["DBInstance"]


# --- RDS Proxy ----------------------------------------------------------------------


def test_modify_db_proxy_changes_the_settings_given_and_keeps_the_others(emulator: EmulatorClient) -> None:
    """AWS ModifyDBProxy changes Auth, RequireTLS, IdleClientTimeout, DebugLogging, RoleArn and SecurityGroups.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBProxy.html
    """
    proxy = create_proxy(emulator, RequireTLS=False, IdleClientTimeout=1800)
    rds = emulator.client("rds")
    secret_arn = proxy["Auth"][0]["SecretArn"]

    rds.modify_db_proxy(
        DBProxyName="app-proxy",
        RequireTLS=True,
        IdleClientTimeout=900,
        SecurityGroups=["sg-0123456789abcdef0"],
        Auth=[{"AuthScheme": "SECRETS", "SecretArn": secret_arn, "IAMAuth": "REQUIRED"}],
    )

    (after,) = rds.describe_db_proxies(DBProxyName="app-proxy")["DBProxies"]
    assert (after["RequireTLS"], after["IdleClientTimeout"]) == (True, 900)
    assert after["VpcSecurityGroupIds"] == ["sg-0123456789abcdef0"]
    assert after["Auth"][0]["IAMAuth"] == "REQUIRED"
    assert (after["RoleArn"], after["DebugLogging"], after["EngineFamily"]) == (ROLE_ARN, False, "POSTGRESQL")


def test_operations_on_a_missing_proxy_fail_with_db_proxy_not_found(emulator: EmulatorClient) -> None:
    """AWS: DBProxyNotFoundFault (HTTP 404) for a name that names no proxy.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBProxy.html
    """
    rds = emulator.client("rds")
    calls = (
        lambda: rds.modify_db_proxy(DBProxyName="missing", RequireTLS=True),
        lambda: rds.delete_db_proxy(DBProxyName="missing"),
        lambda: rds.describe_db_proxy_targets(DBProxyName="missing"),
        lambda: rds.describe_db_proxy_target_groups(DBProxyName="missing"),
        lambda: rds.register_db_proxy_targets(DBProxyName="missing", DBInstanceIdentifiers=["db"]),
    )
    for call in calls:
        with pytest.raises(ClientError) as raised:
            call()
        assert error_of(raised) == ("DBProxyNotFoundFault", 404)


def test_a_new_proxy_is_creating_for_the_rds_provisioning_delay(emulator: EmulatorClient) -> None:
    """AWS DBProxy Status: "creating" while the proxy is set up, then "available".
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBProxy.html
    """
    emulator.configure(provisioning_delays={"rds": DELAY})
    rds = emulator.client("rds")

    assert create_proxy(emulator)["Status"] == "creating"
    assert rds.describe_db_proxies(DBProxyName="app-proxy")["DBProxies"][0]["Status"] == "creating"
    emulator.advance_clock(DELAY)
    assert rds.describe_db_proxies(DBProxyName="app-proxy")["DBProxies"][0]["Status"] == "available"


def test_a_creating_proxy_refuses_changes(emulator: EmulatorClient) -> None:
    """AWS ModifyDBProxy, ModifyDBProxyTargetGroup, RegisterDBProxyTargets: InvalidDBProxyStateFault, "The requested
    operation can't be performed while the proxy is in this state."
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RegisterDBProxyTargets.html
    """
    create_instance(emulator)
    emulator.configure(provisioning_delays={"rds": 30})
    create_proxy(emulator)
    rds = emulator.client("rds")
    calls = (
        lambda: rds.modify_db_proxy(DBProxyName="app-proxy", RequireTLS=True),
        lambda: rds.modify_db_proxy_target_group(
            DBProxyName="app-proxy", TargetGroupName="default", ConnectionPoolConfig={"MaxConnectionsPercent": 50}
        ),
        lambda: rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["app-db"]),
    )
    for call in calls:
        with pytest.raises(ClientError) as raised:
            call()
        assert error_of(raised)[0] == "InvalidDBProxyStateFault"


def test_proxy_tags_are_set_at_creation_and_changed_by_arn(emulator: EmulatorClient) -> None:
    """AWS: CreateDBProxy takes Tags; AddTagsToResource, RemoveTagsFromResource and ListTagsForResource take
    the proxy's ARN. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBProxy.html
    """
    arn = create_proxy(emulator, Tags=[{"Key": "Environment", "Value": "test"}])["DBProxyArn"]
    rds = emulator.client("rds")

    rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "Team", "Value": "web"}])
    rds.remove_tags_from_resource(ResourceName=arn, TagKeys=["Environment"])

    assert rds.list_tags_for_resource(ResourceName=arn)["TagList"] == [{"Key": "Team", "Value": "web"}]


def test_modifying_the_connection_pool_keeps_the_settings_not_given(emulator: EmulatorClient) -> None:
    """AWS ModifyDBProxyTargetGroup changes the ConnectionPoolConfig settings given, InitQuery included.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html
    """
    create_proxy(emulator)
    rds = emulator.client("rds")
    rds.modify_db_proxy_target_group(
        DBProxyName="app-proxy",
        TargetGroupName="default",
        ConnectionPoolConfig={"MaxConnectionsPercent": 90, "MaxIdleConnectionsPercent": 40},
    )

    rds.modify_db_proxy_target_group(
        DBProxyName="app-proxy",
        TargetGroupName="default",
        ConnectionPoolConfig={"ConnectionBorrowTimeout": 60, "InitQuery": "SET TIME ZONE 'UTC'"},
    )

    (group,) = rds.describe_db_proxy_target_groups(DBProxyName="app-proxy")["TargetGroups"]
    assert group["ConnectionPoolConfig"] == {
        "MaxConnectionsPercent": 90,
        "MaxIdleConnectionsPercent": 40,
        "ConnectionBorrowTimeout": 60,
        "SessionPinningFilters": [],
        "InitQuery": "SET TIME ZONE 'UTC'",
    }


def test_registering_an_instance_that_is_not_available_fails(emulator: EmulatorClient) -> None:
    """AWS RegisterDBProxyTargets: InvalidDBInstanceStateFault, "The DB instance isn't in a valid state."
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RegisterDBProxyTargets.html
    """
    create_proxy(emulator)
    emulator.configure(provisioning_delays={"rds": 30})
    create_instance(emulator)
    rds = emulator.client("rds")

    with pytest.raises(ClientError) as raised:
        rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["app-db"])

    assert error_of(raised) == ("InvalidDBInstanceState", 400)
    assert rds.describe_db_proxy_targets(DBProxyName="app-proxy")["Targets"] == []


def test_registering_a_missing_or_registered_instance_fails(emulator: EmulatorClient) -> None:
    """AWS RegisterDBProxyTargets: DBInstanceNotFoundFault, DBProxyTargetAlreadyRegisteredFault.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RegisterDBProxyTargets.html
    """
    create_proxy(emulator)
    create_instance(emulator)
    rds = emulator.client("rds")
    rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["app-db"])

    with pytest.raises(ClientError) as missing:
        rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["other-db"])
    with pytest.raises(ClientError) as again:
        rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["app-db"])

    assert error_of(missing) == ("DBInstanceNotFound", 404)
    assert error_of(again)[0] == "DBProxyTargetAlreadyRegisteredFault"


def test_a_registered_instance_is_reported_with_its_endpoint_and_arn(emulator: EmulatorClient) -> None:
    """AWS DBProxyTarget: Endpoint, Port, TargetArn and RdsResourceId of the instance.
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBProxyTarget.html
    """
    create_proxy(emulator)
    instance = create_instance(emulator)
    rds = emulator.client("rds")

    rds.register_db_proxy_targets(DBProxyName="app-proxy", DBInstanceIdentifiers=["app-db"])

    (target,) = rds.describe_db_proxy_targets(DBProxyName="app-proxy")["Targets"]
    assert target["RdsResourceId"] == "app-db"
    assert target["Endpoint"] == instance["Endpoint"]["Address"]
    assert target["Port"] == instance["Endpoint"]["Port"]
    assert target["TargetArn"] == instance["DBInstanceArn"]


# --- RDS-managed master user secret -----------------------------------------------------


def managed_secret(emulator: EmulatorClient, name: str = "app-db") -> dict:
    instance = emulator.client("rds").describe_db_instances(DBInstanceIdentifier=name)["DBInstances"][0]
    return instance["MasterUserSecret"]


def test_the_managed_secret_holds_the_master_username_and_a_generated_password(emulator: EmulatorClient) -> None:
    """AWS: RDS keeps {"username", "password"} in a secret named rds!db-<uuid>, with the KMS key asked for.
    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
    """
    key_arn = emulator.client("kms").create_key()["KeyMetadata"]["Arn"]
    emulator.client("kms").create_alias(AliasName="alias/app", TargetKeyId=key_arn)
    create_instance(emulator)
    sm = emulator.client("secretsmanager")

    emulator.client("rds").modify_db_instance(
        DBInstanceIdentifier="app-db",
        ManageMasterUserPassword=True,
        MasterUserSecretKmsKeyId="alias/app",
        ApplyImmediately=True,
    )

    secret = managed_secret(emulator)
    value = json.loads(sm.get_secret_value(SecretId=secret["SecretArn"])["SecretString"])
    described = sm.describe_secret(SecretId=secret["SecretArn"])
    assert set(value) == {"username", "password"}
    assert value["username"] == "app_admin"
    assert len(value["password"]) >= 16 and value["password"] != "P@55w0rd!"
    assert not set(value["password"]) & set('/"@ ')
    assert described["Name"].startswith("rds!db-")
    assert secret["KmsKeyId"] == described["KmsKeyId"] == key_arn
    assert (described["RotationEnabled"], described["RotationRules"]["AutomaticallyAfterDays"]) == (True, 7)


def test_each_managed_instance_gets_its_own_password(emulator: EmulatorClient) -> None:
    sm = emulator.client("secretsmanager")
    passwords = set()
    for name in ("db-one", "db-two"):
        create_instance(emulator, name, MasterUserPassword=None, ManageMasterUserPassword=True)
        arn = managed_secret(emulator, name)["SecretArn"]
        passwords.add(json.loads(sm.get_secret_value(SecretId=arn)["SecretString"])["password"])

    assert len(passwords) == 2


def test_rotating_the_master_password_stores_a_new_current_version(emulator: EmulatorClient) -> None:
    """AWS ModifyDBInstance RotateMasterUserPassword: "The secret value contains the updated password."
    https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
    """
    create_instance(emulator, MasterUserPassword=None, ManageMasterUserPassword=True)
    sm = emulator.client("secretsmanager")
    arn = managed_secret(emulator)["SecretArn"]
    before = json.loads(sm.get_secret_value(SecretId=arn)["SecretString"])

    emulator.client("rds").modify_db_instance(
        DBInstanceIdentifier="app-db", RotateMasterUserPassword=True, ApplyImmediately=True
    )

    after = json.loads(sm.get_secret_value(SecretId=arn)["SecretString"])
    previous = json.loads(sm.get_secret_value(SecretId=arn, VersionStage="AWSPREVIOUS")["SecretString"])
    assert after["username"] == before["username"]
    assert after["password"] != before["password"]
    assert previous == before


def test_rotate_secret_without_rotating_now_only_changes_the_schedule(emulator: EmulatorClient) -> None:
    """AWS: a managed rotation's schedule is changed with RotateSecret and RotationRules; with
    RotateImmediately=false nothing rotates and no Lambda function is needed.
    https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_managed.html
    """
    create_instance(emulator, MasterUserPassword=None, ManageMasterUserPassword=True)
    sm = emulator.client("secretsmanager")
    arn = managed_secret(emulator)["SecretArn"]
    versions_before = sm.describe_secret(SecretId=arn)["VersionIdsToStages"]

    sm.rotate_secret(SecretId=arn, RotationRules={"AutomaticallyAfterDays": 90}, RotateImmediately=False)

    described = sm.describe_secret(SecretId=arn)
    assert (described["RotationEnabled"], described["RotationRules"]["AutomaticallyAfterDays"]) == (True, 90)
    assert described["VersionIdsToStages"] == versions_before


@pytest.mark.parametrize(
    ("start_managed", "change"),
    [
        (False, {"ManageMasterUserPassword": True, "MasterUserPassword": "another-password-1"}),
        (True, {"ManageMasterUserPassword": False}),
    ],
    ids=["on-with-a-password", "off-without-a-password"],
)
def test_management_parameters_that_aws_refuses_are_refused(
    emulator: EmulatorClient, start_managed: bool, change: dict
) -> None:
    """AWS ModifyDBInstance ManageMasterUserPassword: can't be turned on with MasterUserPassword; turning it off
    needs MasterUserPassword. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
    """
    if start_managed:
        create_instance(emulator, MasterUserPassword=None, ManageMasterUserPassword=True)
    else:
        create_instance(emulator)

    with pytest.raises(ClientError) as raised:
        emulator.client("rds").modify_db_instance(DBInstanceIdentifier="app-db", ApplyImmediately=True, **change)

    assert error_of(raised)[0] == "InvalidParameterCombination"


def test_turning_management_off_with_a_password_deletes_the_secret(emulator: EmulatorClient) -> None:
    create_instance(emulator, MasterUserPassword=None, ManageMasterUserPassword=True)
    arn = managed_secret(emulator)["SecretArn"]
    rds = emulator.client("rds")

    rds.modify_db_instance(
        DBInstanceIdentifier="app-db",
        ManageMasterUserPassword=False,
        MasterUserPassword="another-password-1",
        ApplyImmediately=True,
    )

    assert "MasterUserSecret" not in rds.describe_db_instances(DBInstanceIdentifier="app-db")["DBInstances"][0]
    with pytest.raises(ClientError):
        emulator.client("secretsmanager").describe_secret(SecretId=arn)
