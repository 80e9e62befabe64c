"""appstack.aws.rds_instance: amazon.aws.rds_instance, with a diff of exactly the settings that change."""

from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleActionFail
from ansible.playbook.play_context import PlayContext
from ansible_collections.appstack.aws.plugins.action.rds_instance import ActionModule, instance_diff

KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
# An instance as amazon.aws.rds_instance_info returns it.
CURRENT = {
    "db_instance_identifier": "app-dev",
    "engine": "postgres",
    "engine_version": "16.8",
    "db_instance_class": "db.t3.micro",
    "storage_type": "gp3",
    "allocated_storage": 20,
    "multi_az": False,
    "backup_retention_period": 7,
    "preferred_backup_window": "03:00-04:00",
    "preferred_maintenance_window": "sun:04:30-sun:05:30",
    "deletion_protection": False,
    "performance_insights_enabled": False,
    "monitoring_interval": 0,
    "enabled_cloudwatch_logs_exports": ["upgrade", "postgresql"],
    "auto_minor_version_upgrade": True,
    "iam_database_authentication_enabled": True,
    "endpoint": {"address": "app-dev.example", "port": 5432},
    "db_parameter_groups": [{"db_parameter_group_name": "app-dev-postgres16"}],
    "db_subnet_group": {"db_subnet_group_name": "app-dev"},
    "vpc_security_groups": [{"vpc_security_group_id": "sg-1", "status": "active"}],
    "storage_encrypted": True,
    "kms_key_id": KEY,
    "master_user_secret": {"secret_arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x"},
    "tags": {"Name": "app-dev", "Environment": "dev"},
}
# The role's settings for that instance: nothing to change.
SETTINGS = {
    "db_instance_identifier": "app-dev",
    "engine": "postgres",
    "engine_version": "16.8",
    "db_instance_class": "db.t3.micro",
    "storage_type": "gp3",
    "allocated_storage": 20,
    "multi_az": False,
    "backup_retention_period": 7,
    "preferred_backup_window": "03:00-04:00",
    "preferred_maintenance_window": "sun:04:30-sun:05:30",
    "deletion_protection": False,
    "enable_performance_insights": False,
    "monitoring_interval": 0,
    "enable_cloudwatch_logs_exports": ["postgresql", "upgrade"],
    "purge_cloudwatch_logs_exports": True,
    "auto_minor_version_upgrade": True,
    "enable_iam_database_authentication": True,
    "port": 5432,
    "db_parameter_group_name": "app-dev-postgres16",
    "db_subnet_group_name": "app-dev",
    "vpc_security_group_ids": ["sg-1"],
    "purge_security_groups": True,
    "storage_encrypted": True,
    "kms_key_id": KEY.split("/")[-1],
    "tags": {"Name": "app-dev", "Environment": "dev"},
    "purge_tags": True,
    "apply_immediately": True,
    "state": "present",
}
EMPTY = {"before": {}, "after": {}}


def diff_with(**changes):
    return instance_diff(CURRENT, {**SETTINGS, **changes})


def test_a_converged_instance_has_an_empty_diff():
    assert instance_diff(CURRENT, SETTINGS) == EMPTY


def test_a_new_class_shows_only_the_class():
    assert diff_with(db_instance_class="db.t3.small") == {
        "before": {"db_instance_class": "db.t3.micro"},
        "after": {"db_instance_class": "db.t3.small"},
    }


def test_every_changed_setting_is_shown_before_and_after():
    diff = diff_with(
        allocated_storage=50,
        max_allocated_storage=200,
        multi_az=True,
        backup_retention_period=30,
        preferred_backup_window="02:00-03:00",
        preferred_maintenance_window="mon:05:00-mon:06:00",
        deletion_protection=True,
        enable_performance_insights=True,
        monitoring_interval=60,
        enable_cloudwatch_logs_exports=["postgresql"],
        tags={"Name": "app-dev", "Environment": "prod"},
    )
    assert diff["before"] == {
        "allocated_storage": 20,
        "max_allocated_storage": None,
        "multi_az": False,
        "backup_retention_period": 7,
        "preferred_backup_window": "03:00-04:00",
        "preferred_maintenance_window": "sun:04:30-sun:05:30",
        "deletion_protection": False,
        "enable_performance_insights": False,
        "monitoring_interval": 0,
        "enable_cloudwatch_logs_exports": ["postgresql", "upgrade"],
        "tags": {"Name": "app-dev", "Environment": "dev"},
    }
    assert diff["after"]["multi_az"] is True
    assert diff["after"]["enable_cloudwatch_logs_exports"] == ["postgresql"]
    assert diff["after"]["tags"] == {"Name": "app-dev", "Environment": "prod"}
    assert set(diff["after"]) == set(diff["before"])


def test_strings_from_extra_vars_compare_as_their_values():
    assert diff_with(multi_az="false", allocated_storage="20", deletion_protection="no") == EMPTY
    assert diff_with(multi_az="true")["after"] == {"multi_az": True}


def test_lists_compare_as_sets_and_windows_ignore_case():
    assert diff_with(enable_cloudwatch_logs_exports=["upgrade", "postgresql"]) == EMPTY
    assert diff_with(preferred_maintenance_window="Sun:04:30-Sun:05:30") == EMPTY


def test_without_purge_lists_and_tags_are_added_to():
    assert diff_with(tags={"Team": "db"}, purge_tags=False)["after"] == {
        "tags": {"Name": "app-dev", "Environment": "dev", "Team": "db"}
    }
    assert diff_with(tags={"Name": "app-dev"}, purge_tags=False) == EMPTY
    assert diff_with(vpc_security_group_ids=["sg-2"], purge_security_groups=False)["after"] == {
        "vpc_security_group_ids": ["sg-1", "sg-2"]
    }


def test_a_kms_key_id_matches_its_arn():
    assert diff_with(kms_key_id=KEY) == EMPTY
    other = KEY.replace("11111111", "99999999")
    assert diff_with(kms_key_id=other) == {"before": {"kms_key_id": KEY}, "after": {"kms_key_id": other}}


def test_unset_options_are_not_compared():
    assert diff_with(db_instance_class=None, max_allocated_storage=None) == EMPTY


def test_no_password_is_ever_in_the_diff():
    diff = instance_diff(CURRENT, {**SETTINGS, "db_instance_class": "db.t3.small", "master_user_password": "s3cr3t!"})
    assert "s3cr3t!" not in repr(diff)
    created = instance_diff({}, {**SETTINGS, "master_user_password": "s3cr3t!"})
    assert "s3cr3t!" not in repr(created)


def test_without_an_instance_every_setting_is_added():
    diff = instance_diff(None, SETTINGS)
    assert diff["before"] == {}
    assert diff["after"]["db_instance_class"] == "db.t3.micro"
    assert "db_instance_identifier" not in diff["after"]


# The action: runs amazon.aws.rds_instance with the settings and the connection options, adds the diff.


def action(args, check_mode=False):
    task = MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.diff = True
    play_context = PlayContext()
    play_context.check_mode = check_mode
    module = ActionModule(task, MagicMock(), play_context, MagicMock(), MagicMock(), MagicMock())
    module._execute_module = MagicMock()
    return module


@pytest.mark.parametrize("check_mode", [False, True])
def test_the_action_runs_the_upstream_module_with_the_settings_and_adds_the_diff(check_mode):
    module = action(
        {"settings": {**SETTINGS, "db_instance_class": "db.t3.small"}, "current": CURRENT, "region": "us-east-1"},
        check_mode=check_mode,
    )
    module._execute_module.return_value = {"changed": True, "db_instance_identifier": "app-dev"}

    result = module.run(task_vars={})

    call = module._execute_module.call_args.kwargs
    assert call["module_name"] == "amazon.aws.rds_instance"
    assert call["module_args"] == {**SETTINGS, "db_instance_class": "db.t3.small", "region": "us-east-1"}
    assert result["changed"] is True
    assert result["diff"] == {
        "before": {"db_instance_class": "db.t3.micro"},
        "after": {"db_instance_class": "db.t3.small"},
    }


def test_an_unchanged_or_failed_run_has_no_diff():
    module = action({"settings": {**SETTINGS, "db_instance_class": "db.t3.small"}, "current": CURRENT})
    module._execute_module.return_value = {"changed": False}
    assert "diff" not in module.run(task_vars={})
    module._execute_module.return_value = {"failed": True, "changed": True, "msg": "The maintenance window ..."}
    result = module.run(task_vars={})
    assert "diff" not in result
    assert result["msg"] == "The maintenance window ..."


def test_the_action_refuses_missing_settings_before_any_call():
    module = action({"current": CURRENT})
    with pytest.raises(AnsibleActionFail, match="settings is required"):
        module.run(task_vars={})
    module._execute_module.assert_not_called()


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_instance_that_has_every_setting_costs_no_module_run(check_mode):
    module = action({"settings": SETTINGS, "current": CURRENT}, check_mode=check_mode)

    result = module.run(task_vars={})

    module._execute_module.assert_not_called()
    assert result["changed"] is False
    assert "diff" not in result


@pytest.mark.parametrize(
    "args",
    [
        {"settings": {**SETTINGS, "db_instance_class": "db.t3.small"}, "current": CURRENT},
        {"settings": SETTINGS, "current": {}},
        {"settings": SETTINGS},
        {"settings": {**SETTINGS, "state": "stopped"}, "current": CURRENT},
        {"settings": {**SETTINGS, "tags": {**SETTINGS.get("tags", {}), "Owner": "team"}}, "current": CURRENT},
    ],
    ids=["a-setting-differs", "no-instance", "no-current", "not-present", "a-tag-differs"],
)
def test_the_module_runs_whenever_the_instance_may_change(args):
    module = action(args)
    module._execute_module.return_value = {"changed": True}
    module.run(task_vars={})
    module._execute_module.assert_called_once()
