"""Unit tests for appstack.aws.cloudwatchlogs_log_group (botocore Stubber, no network)."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.cloudwatchlogs import (
    AnsibleCloudWatchLogsError,
    get_log_group,
)
from ansible_collections.appstack.aws.plugins.modules import cloudwatchlogs_log_group as module

NAME = "/appstack/test/app"
ARN = f"arn:aws:logs:us-east-1:123456789012:log-group:{NAME}"
KEY_A = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
KEY_B = "arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"


def boto_log_group(name=NAME, **extra):
    log_group = {
        "logGroupName": name,
        "arn": f"arn:aws:logs:us-east-1:123456789012:log-group:{name}:*",
        "logGroupArn": f"arn:aws:logs:us-east-1:123456789012:log-group:{name}",
        "creationTime": 1700000000000,
        "metricFilterCount": 0,
        "storedBytes": 0,
        "logGroupClass": "STANDARD",
    }
    log_group.update(extra)
    return log_group


def current_log_group(tags=None, **extra):
    """An existing log group as get_log_group returns it."""
    return {
        "log_group_name": NAME,
        "arn": f"{ARN}:*",
        "log_group_arn": ARN,
        "creation_time": 1700000000000,
        "metric_filter_count": 0,
        "stored_bytes": 0,
        "log_group_class": "STANDARD",
        "tags": tags or {},
        **extra,
    }


def params(**overrides):
    values = dict(
        log_group_name=NAME,
        state="present",
        retention=None,
        purge_retention_policy=False,
        kms_key_id=None,
        purge_kms_key=False,
        log_group_class=None,
        tags=None,
        purge_tags=True,
    )
    values.update(overrides)
    return values


def ensure_present(client, current, check_mode=False, **options):
    warnings = []
    changed, state = module.ensure_present(client, current, params(**options), check_mode, warnings.append)
    return changed, state, warnings


# Reading the log group


def test_get_log_group_matches_the_exact_name_across_pages(logs):
    client, stubber = logs
    stubber.add_response(
        "describe_log_groups",
        {"logGroups": [boto_log_group(f"{NAME}-worker")], "nextToken": "page2"},
        {"logGroupNamePrefix": NAME},
    )
    stubber.add_response(
        "describe_log_groups",
        {"logGroups": [boto_log_group(NAME, retentionInDays=30)]},
        {"logGroupNamePrefix": NAME, "nextToken": "page2"},
    )
    stubber.add_response("list_tags_for_resource", {"tags": {"Env": "test"}}, {"resourceArn": ARN})

    log_group = get_log_group(client, NAME)

    assert log_group["log_group_name"] == NAME
    assert log_group["retention_in_days"] == 30
    assert log_group["tags"] == {"Env": "test"}


def test_get_log_group_ignores_groups_that_only_share_the_prefix(logs):
    client, stubber = logs
    stubber.add_response(
        "describe_log_groups", {"logGroups": [boto_log_group(f"{NAME}/sub")]}, {"logGroupNamePrefix": NAME}
    )

    assert get_log_group(client, NAME) is None


# Creating


def test_create_passes_key_class_and_tags_then_sets_retention(logs):
    client, stubber = logs
    stubber.add_response(
        "create_log_group",
        {},
        {"logGroupName": NAME, "kmsKeyId": KEY_A, "logGroupClass": "INFREQUENT_ACCESS", "tags": {"Env": "test"}},
    )
    stubber.add_response("put_retention_policy", {}, {"logGroupName": NAME, "retentionInDays": 90})

    changed, state, _ = ensure_present(
        client, None, retention=90, kms_key_id=KEY_A, log_group_class="INFREQUENT_ACCESS", tags={"Env": "test"}
    )

    assert changed
    assert state == {
        "log_group_name": NAME,
        "log_group_class": "INFREQUENT_ACCESS",
        "kms_key_id": KEY_A,
        "retention_in_days": 90,
        "tags": {"Env": "test"},
    }


def test_create_without_retention_makes_only_the_create_call(logs):
    client, stubber = logs
    stubber.add_response("create_log_group", {}, {"logGroupName": NAME})

    changed, state, _ = ensure_present(client, None)

    assert changed
    assert "retention_in_days" not in state
    assert state["log_group_class"] == "STANDARD"


def test_create_in_check_mode_makes_no_call_and_predicts_the_log_group(logs):
    client, _ = logs

    changed, state, _ = ensure_present(client, None, check_mode=True, retention=7, tags={"Env": 1})

    assert changed
    assert state["retention_in_days"] == 7
    assert state["tags"] == {"Env": "1"}


# Updating


def test_matching_log_group_is_left_alone(logs):
    client, _ = logs
    current = current_log_group(tags={"Env": "test"}, retention_in_days=30, kms_key_id=KEY_A)

    changed, state, _ = ensure_present(
        client, current, retention=30, kms_key_id=KEY_A, log_group_class="STANDARD", tags={"Env": "test"}
    )

    assert not changed
    assert state == current


def test_unset_options_leave_the_log_group_alone(logs):
    client, _ = logs
    current = current_log_group(tags={"Env": "test"}, retention_in_days=30, kms_key_id=KEY_A)

    changed, state, _ = ensure_present(client, current)

    assert not changed
    assert state == current


def test_different_retention_is_put(logs):
    client, stubber = logs
    stubber.add_response("put_retention_policy", {}, {"logGroupName": NAME, "retentionInDays": 365})

    changed, state, _ = ensure_present(client, current_log_group(retention_in_days=30), retention=365)

    assert changed
    assert state["retention_in_days"] == 365


def test_purge_retention_policy_deletes_the_policy(logs):
    client, stubber = logs
    stubber.add_response("delete_retention_policy", {}, {"logGroupName": NAME})

    changed, state, _ = ensure_present(client, current_log_group(retention_in_days=30), purge_retention_policy=True)

    assert changed
    assert "retention_in_days" not in state


def test_purge_retention_policy_without_a_policy_is_a_no_op(logs):
    client, _ = logs

    changed, _, _ = ensure_present(client, current_log_group(), purge_retention_policy=True)

    assert not changed


def test_retention_set_by_an_account_policy_is_not_touched_and_warns(logs):
    client, _ = logs
    current = current_log_group(retention_in_days=731, retention_policy_name="org-retention")

    changed, _, warnings = ensure_present(client, current, retention=30)

    assert not changed
    assert "org-retention" in warnings[0]


def test_update_in_check_mode_makes_no_call_and_predicts_the_change(logs):
    client, _ = logs
    current = current_log_group(tags={"Old": "x"}, retention_in_days=30)

    changed, state, _ = ensure_present(
        client, current, check_mode=True, retention=14, tags={"New": "y"}, kms_key_id=KEY_A
    )

    assert changed
    assert state["retention_in_days"] == 14
    assert state["tags"] == {"New": "y"}
    assert state["kms_key_id"] == KEY_A
    assert current["retention_in_days"] == 30, "the current state must not be modified"


# KMS key


def test_different_kms_key_is_associated(logs):
    client, stubber = logs
    stubber.add_response("associate_kms_key", {}, {"logGroupName": NAME, "kmsKeyId": KEY_B})

    changed, state, _ = ensure_present(client, current_log_group(kms_key_id=KEY_A), kms_key_id=KEY_B)

    assert changed
    assert state["kms_key_id"] == KEY_B


def test_purge_kms_key_disassociates_the_key(logs):
    client, stubber = logs
    stubber.add_response("disassociate_kms_key", {}, {"logGroupName": NAME})

    changed, state, _ = ensure_present(client, current_log_group(kms_key_id=KEY_A), purge_kms_key=True)

    assert changed
    assert "kms_key_id" not in state


# Tags


def test_tags_are_added_and_purged_but_aws_tags_kept(logs):
    client, stubber = logs
    stubber.add_response("untag_resource", {}, {"resourceArn": ARN, "tagKeys": ["Old"]})
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": {"Env": "prod", "Team": "web"}})
    current = current_log_group(tags={"Old": "x", "Env": "test", "aws:cloudformation:stack-name": "s"})

    changed, state, _ = ensure_present(client, current, tags={"Env": "prod", "Team": "web"})

    assert changed
    assert state["tags"] == {"Env": "prod", "Team": "web", "aws:cloudformation:stack-name": "s"}


def test_tags_without_purge_are_only_added(logs):
    client, stubber = logs
    stubber.add_response("tag_resource", {}, {"resourceArn": ARN, "tags": {"Team": "web"}})

    changed, state, _ = ensure_present(
        client, current_log_group(tags={"Old": "x"}), tags={"Team": "web"}, purge_tags=False
    )

    assert changed
    assert state["tags"] == {"Old": "x", "Team": "web"}


# Log group class


def test_class_change_is_refused_before_any_call(logs):
    client, _ = logs
    current = current_log_group(retention_in_days=30)

    with pytest.raises(AnsibleCloudWatchLogsError) as error:
        ensure_present(client, current, log_group_class="INFREQUENT_ACCESS", retention=7, tags={"A": "b"})

    assert "can't change the class" in error.value.message
    assert "state=absent" in error.value.message


def test_class_not_reported_counts_as_standard(logs):
    client, _ = logs
    current = current_log_group()
    del current["log_group_class"]

    changed, _, _ = ensure_present(client, current, log_group_class="STANDARD")

    assert not changed


# Deleting


def test_absent_deletes_the_log_group(logs):
    client, stubber = logs
    stubber.add_response("delete_log_group", {}, {"logGroupName": NAME})

    assert module.ensure_absent(client, current_log_group(), check_mode=False) == (True, None)


def test_absent_in_check_mode_makes_no_call(logs):
    client, _ = logs

    assert module.ensure_absent(client, current_log_group(), check_mode=True) == (True, None)


def test_absent_when_missing_is_a_no_op(logs):
    client, _ = logs

    assert module.ensure_absent(client, None, check_mode=False) == (False, None)


# The whole module


def test_module_in_check_mode_reports_the_change_and_a_diff(logs, run_module):
    client, stubber = logs
    stubber.add_response(
        "describe_log_groups", {"logGroups": [boto_log_group(retentionInDays=30)]}, {"logGroupNamePrefix": NAME}
    )
    stubber.add_response("list_tags_for_resource", {"tags": {}}, {"resourceArn": ARN})

    rc, result = run_module(
        module, {"name": NAME, "retention": 60, "_ansible_check_mode": True, "_ansible_diff": True}, client
    )

    assert rc == 0
    assert result["changed"]
    assert result["diff"]["before"]["retention_in_days"] == 30
    assert result["diff"]["after"]["retention_in_days"] == 60
    assert result["log_group"]["retention_in_days"] == 60


def test_module_reads_the_log_group_back_after_a_change(logs, run_module):
    client, stubber = logs
    stubber.add_response("describe_log_groups", {"logGroups": []}, {"logGroupNamePrefix": NAME})
    stubber.add_response("create_log_group", {}, {"logGroupName": NAME})
    stubber.add_response("put_retention_policy", {}, {"logGroupName": NAME, "retentionInDays": 60})
    stubber.add_response(
        "describe_log_groups", {"logGroups": [boto_log_group(retentionInDays=60)]}, {"logGroupNamePrefix": NAME}
    )
    stubber.add_response("list_tags_for_resource", {"tags": {}}, {"resourceArn": ARN})

    rc, result = run_module(module, {"log_group_name": NAME, "retention": 60}, client)

    assert rc == 0
    assert result["changed"]
    assert result["log_group"]["arn"] == f"{ARN}:*"
    assert result["diff"]["before"] == {}


def test_invalid_retention_fails_before_any_api_call(run_module):
    rc, result = run_module(module, {"log_group_name": NAME, "retention": 2}, client=None)

    assert rc == 1
    assert "retention" in result["msg"]
    assert "3653" in result["msg"]


def test_api_error_fails_with_the_aws_error(logs, run_module):
    client, stubber = logs
    stubber.add_response("describe_log_groups", {"logGroups": []}, {"logGroupNamePrefix": NAME})
    stubber.add_client_error("create_log_group", "LimitExceededException", "Too many log groups")

    rc, result = run_module(module, {"log_group_name": NAME}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to create log group")
    assert result["error"]["code"] == "LimitExceededException"


# Validating the options


@pytest.mark.parametrize(
    "name",
    [NAME, "a", "app.log-group_1#/x", "x" * 512],
    ids=["path", "one-character", "every-allowed-character", "512-characters"],
)
def test_a_valid_log_group_name_passes(name):
    assert module.validate(params(log_group_name=name)) == []


@pytest.mark.parametrize(
    "name",
    ["", "x" * 513, "/app/with space", "/app/with:colon", "/app/é"],
    ids=["empty", "513-characters", "space", "colon", "non-ascii"],
)
def test_an_invalid_log_group_name_is_explained(name):
    problems = module.validate(params(log_group_name=name))

    assert len(problems) == 1
    assert "log_group_name must be 1 to 512 letters, digits or the characters . - _ / #" in problems[0]


def test_an_invalid_name_fails_before_any_client_is_created(run_module):
    rc, result = run_module(module, {"log_group_name": "/app/bad name"}, client=None)

    assert rc == 1
    assert "log_group_name must be 1 to 512" in result["msg"]
