"""Unit tests for appstack.aws.rds_instance_master_user_secret and its helpers (botocore Stubber, no network).

The Stubber fails on any call that was not queued: a test that queues only reads proves that no
mutating call is made.
"""

import json

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import rds
from ansible_collections.appstack.aws.plugins.module_utils.rds import AnsibleRDSError
from ansible_collections.appstack.aws.plugins.modules import rds_instance_master_user_secret as module

DB = "app-db"
KEY = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
OTHER_KEY = "arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-0123-4567-89ab-0123456789ab-AbCdEf"
PASSWORD = "a-new-master-password-1"


def boto_instance(status="available", secret_status="active", managed=True, key=KEY):
    instance = {"DBInstanceIdentifier": DB, "DBInstanceStatus": status, "MasterUsername": "app_admin"}
    if managed:
        instance["MasterUserSecret"] = {"SecretArn": SECRET, "SecretStatus": secret_status, "KmsKeyId": key}
    return instance


def boto_secret(days=7, enabled=True):
    secret = {"ARN": SECRET, "Name": "rds!db-0123abcd-0123-4567-89ab-0123456789ab", "RotationEnabled": enabled}
    if days:
        secret["RotationRules"] = {"AutomaticallyAfterDays": days}
    return secret


@pytest.fixture
def clients(rds, secretsmanager):
    (rds_client, rds_stubber), (sm_client, sm_stubber) = rds, secretsmanager
    return {"rds": rds_client, "secretsmanager": sm_client}, rds_stubber, sm_stubber


def queue_instance(stubber, **kwargs):
    stubber.add_response(
        "describe_db_instances", {"DBInstances": [boto_instance(**kwargs)]}, {"DBInstanceIdentifier": DB}
    )


def queue_secret(stubber, **kwargs):
    stubber.add_response("describe_secret", boto_secret(**kwargs), {"SecretId": SECRET})


def args(**overrides):
    values = {"db_instance_identifier": DB, "wait": False}
    values.update(overrides)
    return values


# The helpers


def test_rotation_is_read_from_the_days_or_a_rate_schedule():
    assert rds.rotation_of(boto_secret(days=90)) == {"enabled": True, "automatically_after_days": 90}
    rate = {"RotationEnabled": True, "RotationRules": {"ScheduleExpression": "rate(30 days)"}}
    assert rds.rotation_of(rate) == {"enabled": True, "automatically_after_days": 30}
    assert rds.rotation_of(None) == {"enabled": False, "automatically_after_days": None}


@pytest.mark.parametrize(
    ("managed", "params", "changes"),
    [
        (False, {"manage_master_user_password": True}, {"ManageMasterUserPassword": True}),
        (
            False,
            {"manage_master_user_password": True, "master_user_secret_kms_key_id": KEY},
            {"ManageMasterUserPassword": True, "MasterUserSecretKmsKeyId": KEY},
        ),
        (True, {"manage_master_user_password": True}, {}),
        (True, {"manage_master_user_password": None}, {}),
        (False, {"manage_master_user_password": False}, {}),
        (
            True,
            {"manage_master_user_password": False, "master_user_password": PASSWORD},
            {"ManageMasterUserPassword": False, "MasterUserPassword": PASSWORD},
        ),
    ],
    ids=["turn-on", "turn-on-with-key", "already-on", "unset", "already-off", "turn-off"],
)
def test_management_changes_only_when_different(managed, params, changes):
    assert rds.plan_management(managed, params, KEY, None) == (changes, None)


def test_turning_management_off_without_a_password_is_a_problem():
    changes, problem = rds.plan_management(True, {"manage_master_user_password": False}, KEY, None)

    assert changes == {}
    assert "master_user_password" in problem


def test_another_key_for_a_managed_secret_is_a_problem_that_says_how_to_change_it():
    changes, problem = rds.plan_management(True, {"manage_master_user_password": True}, KEY, OTHER_KEY)

    assert changes == {}
    assert "can't change the KMS key" in problem
    assert "turn management off" in problem


def state(managed=True, days=7, enabled=True):
    """What the module reports about an instance, as rds.master_secret_state builds it."""
    described = boto_secret(days=days, enabled=enabled) if managed else None
    return rds.master_secret_state(boto_instance(managed=managed), described)


def test_the_reported_state_holds_the_secret_and_its_schedule_but_no_value():
    assert state(days=90) == {
        "db_instance_identifier": DB,
        "manage_master_user_password": True,
        "master_user_secret": {"secret_arn": SECRET, "secret_status": "active", "kms_key_id": KEY},
        "rotation": {"enabled": True, "automatically_after_days": 90},
    }
    assert state(managed=False) == {
        "db_instance_identifier": DB,
        "manage_master_user_password": False,
        "rotation": {"enabled": False, "automatically_after_days": None},
    }


def test_turning_management_on_or_off_predicts_the_secret_and_its_schedule():
    turned_on = rds.predicted_management(state(managed=False), {"ManageMasterUserPassword": True}, KEY)
    turned_off = rds.predicted_management(state(), {"ManageMasterUserPassword": False}, None)

    assert turned_on["manage_master_user_password"] is True
    assert turned_on["master_user_secret"] == {"secret_status": "creating", "kms_key_id": KEY}
    assert turned_on["rotation"] == {"enabled": True, "automatically_after_days": rds.RDS_DEFAULT_ROTATION_DAYS}
    assert turned_off["manage_master_user_password"] is False
    assert "master_user_secret" not in turned_off
    assert turned_off["rotation"] == {"enabled": False, "automatically_after_days": None}


@pytest.mark.parametrize(
    ("current", "rotation_days", "planned"),
    [
        (state(days=7), 90, 90),
        (state(days=90), 90, None),
        (state(days=90, enabled=False), 90, 90),
        (state(days=7), None, None),
        (state(managed=False), 90, None),
    ],
    ids=["different-days", "same-days", "rotation-off", "unset", "not-managed"],
)
def test_the_schedule_changes_only_when_asked_and_different(current, rotation_days, planned):
    assert rds.plan_rotation_schedule(current, rotation_days) == planned


@pytest.mark.parametrize(
    ("current", "rotate_now", "just_turned_on", "rotate", "warns", "fails"),
    [
        (state(), False, False, False, False, False),
        (state(), True, False, True, False, False),
        (state(), True, True, False, True, False),
        (state(managed=False), True, False, False, False, True),
    ],
    ids=["not-asked", "asked", "just-turned-on", "not-managed"],
)
def test_rotate_now_rotates_only_a_managed_password_not_generated_in_this_run(
    current, rotate_now, just_turned_on, rotate, warns, fails
):
    planned, warning, problem = rds.plan_rotate_now(current, rotate_now, just_turned_on)

    assert planned is rotate
    assert bool(warning) is warns
    assert bool(problem) is fails
    if fails:
        assert problem == f"rotate_now needs RDS to manage the master password of {DB}."


def options(**overrides):
    """The options as AnsibleModule hands them to validate(), with their defaults."""
    values = dict(
        db_instance_identifier=DB,
        manage_master_user_password=None,
        master_user_secret_kms_key_id=None,
        rotation_days=None,
        rotate_now=False,
        master_user_password=None,
        wait=True,
        wait_timeout=1800,
    )
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rotation_days": 0}, "rotation_days must be 1 to 1000, not 0."),
        ({"rotation_days": 1001}, "rotation_days must be 1 to 1000, not 1001."),
        (
            {"manage_master_user_password": False, "rotate_now": True, "master_user_password": PASSWORD},
            "rotation_days and rotate_now need manage_master_user_password=true (or unset).",
        ),
        (
            {"master_user_password": PASSWORD},
            "master_user_password is only used with manage_master_user_password=false.",
        ),
        ({"wait_timeout": 0}, "wait_timeout must be a number of seconds above 0, not 0."),
    ],
    ids=["rotation-days-low", "rotation-days-high", "rotate-now-unmanaged", "password-while-managed", "wait-timeout"],
)
def test_each_rule_is_explained(overrides, message):
    assert module.validate(options(**overrides)) == [message]


def test_valid_options_pass():
    assert module.validate(options(manage_master_user_password=True, rotation_days=1000, wait_timeout=1)) == []
    assert module.validate(options(manage_master_user_password=False, master_user_password=PASSWORD)) == []


def test_every_problem_is_reported_at_once_before_any_api_call(run_module):
    rc, result = run_module(module, args(rotation_days=0, master_user_password=PASSWORD, wait_timeout=-1), client=None)

    assert rc == 1
    assert len(result["problems"]) == 3
    for words in ("rotation_days must be", "only used with", "wait_timeout"):
        assert words in result["msg"]
    assert PASSWORD not in json.dumps(result)


def test_a_secret_that_stays_creating_past_wait_timeout_fails_naming_the_instance_and_status(clients, monkeypatch):
    client, stubber, _ = clients
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    for _ in range(2):  # wait_timeout=1 polls twice, a second apart.
        queue_instance(stubber, secret_status="creating")

    with pytest.raises(AnsibleRDSError) as error:
        rds.wait_for_secret_active(client["rds"], DB, 1)

    assert error.value.message == (
        f"Timed out after 1 seconds waiting for the master user secret of DB instance {DB} to be active;"
        " its last status was creating"
    )


def test_an_instance_that_stays_modifying_past_wait_timeout_fails_naming_it_and_its_status(clients, monkeypatch):
    client, stubber, _ = clients
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    for _ in range(2):
        queue_instance(stubber, status="modifying")

    with pytest.raises(AnsibleRDSError) as error:
        rds.wait_for_instance_available(client["rds"], DB, 1)

    assert error.value.message == (
        f"Timed out after 1 seconds waiting for DB instance {DB} to be available; its last status was modifying"
    )


# The module


def test_a_converged_instance_reports_no_change(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber, days=90)

    rc, result = run_module(
        module,
        args(manage_master_user_password=True, master_user_secret_kms_key_id=KEY, rotation_days=90),
        client,
    )

    assert rc == 0, result
    assert not result["changed"]
    assert result["master_user_secret"] == {"secret_arn": SECRET, "secret_status": "active", "kms_key_id": KEY}
    assert result["rotation"] == {"enabled": True, "automatically_after_days": 90}


def test_check_mode_turning_management_on_predicts_it_and_makes_no_write(clients, run_module):
    client, rds_stubber, _ = clients
    queue_instance(rds_stubber, managed=False)

    rc, result = run_module(
        module,
        args(
            manage_master_user_password=True,
            master_user_secret_kms_key_id=KEY,
            rotation_days=90,
            _ansible_check_mode=True,
            _ansible_diff=True,
        ),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["manage_master_user_password"] is True
    assert result["master_user_secret"]["kms_key_id"] == KEY
    assert result["rotation"] == {"enabled": True, "automatically_after_days": 90}
    assert result["diff"]["before"]["manage_master_user_password"] is False


def test_turning_management_on_modifies_the_instance_then_sets_the_schedule(clients, run_module, monkeypatch):
    client, rds_stubber, sm_stubber = clients
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    queue_instance(rds_stubber, managed=False)
    rds_stubber.add_response(
        "modify_db_instance",
        {"DBInstance": boto_instance(secret_status="creating")},
        {
            "DBInstanceIdentifier": DB,
            "ApplyImmediately": True,
            "ManageMasterUserPassword": True,
            "MasterUserSecretKmsKeyId": KEY,
        },
    )
    # Waiting for the new secret, then reading it back.
    queue_instance(rds_stubber, secret_status="creating")
    queue_instance(rds_stubber)
    queue_instance(rds_stubber)
    queue_secret(sm_stubber, days=7)
    sm_stubber.add_response(
        "rotate_secret",
        {"ARN": SECRET},
        {"SecretId": SECRET, "RotationRules": {"AutomaticallyAfterDays": 90}, "RotateImmediately": False},
    )
    queue_instance(rds_stubber)
    queue_secret(sm_stubber, days=90)

    rc, result = run_module(
        module,
        args(manage_master_user_password=True, master_user_secret_kms_key_id=KEY, rotation_days=90, wait_timeout=60),
        client,
    )

    assert rc == 0, result
    assert result["changed"]
    assert result["master_user_secret"]["secret_arn"] == SECRET
    assert result["rotation"] == {"enabled": True, "automatically_after_days": 90}


def test_only_the_schedule_changes_when_management_is_already_on(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber, days=7)
    sm_stubber.add_response(
        "rotate_secret",
        {"ARN": SECRET},
        {"SecretId": SECRET, "RotationRules": {"AutomaticallyAfterDays": 90}, "RotateImmediately": False},
    )
    queue_instance(rds_stubber)
    queue_secret(sm_stubber, days=90)

    rc, result = run_module(module, args(manage_master_user_password=True, rotation_days=90), client)

    assert (rc, result["changed"]) == (0, True)


def test_another_kms_key_fails_before_any_write(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)

    rc, result = run_module(
        module, args(manage_master_user_password=True, master_user_secret_kms_key_id=OTHER_KEY), client
    )

    assert rc == 1
    assert "can't change the KMS key" in result["msg"]


def test_a_key_alias_is_resolved_to_compare_it(clients, run_module, kms):
    client, rds_stubber, sm_stubber = clients
    kms_client, kms_stubber = kms
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)
    kms_stubber.add_response(
        "describe_key", {"KeyMetadata": {"KeyId": "aaaaaaaa", "Arn": KEY}}, {"KeyId": "alias/app/test"}
    )

    rc, result = run_module(
        module,
        args(manage_master_user_password=True, master_user_secret_kms_key_id="alias/app/test"),
        {**client, "kms": kms_client},
    )

    assert (rc, result["changed"]) == (0, False)


def test_a_change_on_an_instance_that_is_not_available_without_wait_fails_before_any_write(clients, run_module):
    client, rds_stubber, _ = clients
    queue_instance(rds_stubber, status="backing-up", managed=False)

    rc, result = run_module(module, args(manage_master_user_password=True), client)

    assert rc == 1
    assert "backing-up" in result["msg"]
    assert "nothing was changed" in result["msg"]


def test_turning_management_off_sends_the_password_and_never_returns_it(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)
    rds_stubber.add_response(
        "modify_db_instance",
        {"DBInstance": boto_instance(managed=False)},
        {
            "DBInstanceIdentifier": DB,
            "ApplyImmediately": True,
            "ManageMasterUserPassword": False,
            "MasterUserPassword": PASSWORD,
        },
    )
    queue_instance(rds_stubber, managed=False)

    rc, result = run_module(
        module, args(manage_master_user_password=False, master_user_password=PASSWORD, _ansible_diff=True), client
    )

    assert (rc, result["changed"]) == (0, True)
    assert result["manage_master_user_password"] is False
    assert "master_user_secret" not in result
    assert PASSWORD not in json.dumps(result)


def test_turning_management_off_without_a_password_fails_before_any_write(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)

    rc, result = run_module(module, args(manage_master_user_password=False), client)

    assert rc == 1
    assert "master_user_password" in result["msg"]


def test_rotate_now_rotates_through_modify_db_instance(clients, run_module):
    client, rds_stubber, sm_stubber = clients
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)
    rds_stubber.add_response(
        "modify_db_instance",
        {"DBInstance": boto_instance(secret_status="rotating")},
        {"DBInstanceIdentifier": DB, "ApplyImmediately": True, "RotateMasterUserPassword": True},
    )
    queue_instance(rds_stubber)
    queue_secret(sm_stubber)

    rc, result = run_module(module, args(rotate_now=True), client)

    assert (rc, result["changed"]) == (0, True)


def test_a_missing_instance_fails_with_its_name(clients, run_module):
    client, rds_stubber, _ = clients
    rds_stubber.add_client_error(
        "describe_db_instances", "DBInstanceNotFound", "not found", 404, expected_params={"DBInstanceIdentifier": DB}
    )

    rc, result = run_module(module, args(manage_master_user_password=True), client)

    assert rc == 1
    assert f"DB instance {DB} does not exist" in result["msg"]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ({"rotation_days": 0}, "rotation_days must be 1 to 1000"),
        ({"manage_master_user_password": False, "rotation_days": 30}, "need manage_master_user_password=true"),
        ({"manage_master_user_password": True, "master_user_password": PASSWORD}, "only used with"),
    ],
)
def test_bad_input_fails_before_any_api_call(run_module, bad, words):
    rc, result = run_module(module, args(**bad), client=None)

    assert rc == 1
    assert words in result["msg"]
    assert PASSWORD not in json.dumps(result)
