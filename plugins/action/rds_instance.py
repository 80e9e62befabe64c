# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""amazon.aws.rds_instance with a before/after diff of the settings it changes.

amazon.aws.rds_instance reports ``changed`` and no diff, so ``--check --diff`` cannot say what a run would do to a
DB instance. This action runs that module with ``settings`` as its arguments, unchanged, and adds a diff of the
settings that differ between ``current`` (the instance as read back, e.g. by amazon.aws.rds_instance_info) and
``settings``. It reads nothing more. When ``current`` shows an instance that already has every setting, the module
is not run at all: a no-op costs no API call beyond the read the caller made anyway. See
plugins/modules/rds_instance.py for the documentation.
"""

from ansible.errors import AnsibleActionFail
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible_collections.appstack.aws.plugins.filter.rds_immutable_errors import same_kms_key

UPSTREAM_MODULE = "amazon.aws.rds_instance"
OWN_OPTIONS = ("settings", "current")


def _path(*keys):
    """A reader of a nested key of the instance: _path('endpoint', 'port')."""

    def read(instance):
        value = instance
        for key in keys:
            if isinstance(value, list):
                value = value[0] if value else None
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return read


def _group_ids(instance):
    return sorted(group.get("vpc_security_group_id") for group in instance.get("vpc_security_groups") or [])


# Each setting the diff shows: the option of amazon.aws.rds_instance, how to read it from the instance
# (snake_case, as amazon.aws.rds_instance_info returns it), and its kind. No password, ever.
SETTINGS = (
    ("engine_version", _path("engine_version"), "str"),
    ("db_instance_class", _path("db_instance_class"), "str"),
    ("storage_type", _path("storage_type"), "str"),
    ("allocated_storage", _path("allocated_storage"), "int"),
    ("max_allocated_storage", _path("max_allocated_storage"), "int"),
    ("iops", _path("iops"), "int"),
    ("storage_throughput", _path("storage_throughput"), "int"),
    ("multi_az", _path("multi_az"), "bool"),
    ("backup_retention_period", _path("backup_retention_period"), "int"),
    ("preferred_backup_window", _path("preferred_backup_window"), "str"),
    ("preferred_maintenance_window", _path("preferred_maintenance_window"), "lower"),
    ("deletion_protection", _path("deletion_protection"), "bool"),
    ("enable_performance_insights", _path("performance_insights_enabled"), "bool"),
    ("performance_insights_retention_period", _path("performance_insights_retention_period"), "int"),
    ("performance_insights_kms_key_id", _path("performance_insights_kms_key_id"), "kms"),
    ("monitoring_interval", _path("monitoring_interval"), "int"),
    ("monitoring_role_arn", _path("monitoring_role_arn"), "str"),
    ("enable_cloudwatch_logs_exports", _path("enabled_cloudwatch_logs_exports"), "set"),
    ("auto_minor_version_upgrade", _path("auto_minor_version_upgrade"), "bool"),
    ("copy_tags_to_snapshot", _path("copy_tags_to_snapshot"), "bool"),
    ("publicly_accessible", _path("publicly_accessible"), "bool"),
    ("enable_iam_database_authentication", _path("iam_database_authentication_enabled"), "bool"),
    ("ca_certificate_identifier", _path("ca_certificate_identifier"), "str"),
    ("port", _path("endpoint", "port"), "int"),
    ("db_parameter_group_name", _path("db_parameter_groups", "db_parameter_group_name"), "str"),
    ("db_subnet_group_name", _path("db_subnet_group", "db_subnet_group_name"), "str"),
    ("vpc_security_group_ids", _group_ids, "set"),
    ("storage_encrypted", _path("storage_encrypted"), "bool"),
    ("kms_key_id", _path("kms_key_id"), "kms"),
    ("tags", _path("tags"), "dict"),
)
# The option that, when false, adds to a list setting instead of replacing it.
PURGE_OPTIONS = {
    "enable_cloudwatch_logs_exports": "purge_cloudwatch_logs_exports",
    "vpc_security_group_ids": "purge_security_groups",
    "tags": "purge_tags",
}


def _normalized(kind, value):
    """A value as the comparison sees it: an extra var's "20" or "false" as 20 or False, a list as a sorted one."""
    if value is None:
        return None
    if kind == "int":
        return int(value)
    if kind == "bool":
        return boolean(value, strict=True)
    if kind == "lower":
        return str(value).lower()
    if kind == "set":
        return sorted({str(item) for item in value})
    if kind == "dict":
        return {str(key): str(item) for key, item in dict(value).items()}
    return str(value)


def _wanted(option, kind, now, requested, settings):
    """What the setting becomes: the requested value, or the current one and the requested one when not purged."""
    purge = settings.get(PURGE_OPTIONS.get(option), True)
    if purge is None or boolean(purge, strict=True) or now is None:
        return requested
    if kind == "set":
        return sorted(set(now) | set(requested))
    if kind == "dict":
        return {**now, **requested}
    return requested


def _differs(kind, now, wanted):
    if kind == "kms":
        return now is None or not same_kms_key(now, wanted)
    return now != wanted


def instance_diff(current, settings):
    """{before, after}: the settings of amazon.aws.rds_instance (``settings``) that differ from the instance
    ``current`` (snake_case; empty or None when there is none). Options left unset (None) are not compared, as the
    module leaves them alone; a password is never among them."""
    current = current or {}
    before, after = {}, {}
    for option, read, kind in SETTINGS:
        if settings.get(option) is None:
            continue
        kind_read = "str" if kind == "kms" else kind
        now = _normalized(kind_read, read(current)) if current else None
        wanted = _wanted(option, kind_read, now, _normalized(kind_read, settings[option]), settings)
        if not current:
            after[option] = wanted
        elif _differs(kind, now, wanted):
            before[option] = now
            after[option] = wanted
    return {"before": before, "after": after}


def _already_as_asked(current, settings):
    """Whether the existing instance ``current`` already has every compared setting, so the module would not change
    it. Only for state present: a stop, start, reboot or deletion always runs the module."""
    if not current or settings.get("state", "present") != "present":
        return False
    try:
        diff = instance_diff(current, settings)
    except (TypeError, ValueError):
        return False
    return not diff["before"] and not diff["after"]


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        args = dict(self._task.args)
        settings, current = args.get("settings"), args.get("current")
        if not isinstance(settings, dict) or not settings:
            raise AnsibleActionFail("settings is required: the options of amazon.aws.rds_instance, as a dict")
        if current is not None and not isinstance(current, dict):
            raise AnsibleActionFail("current must be a dict: the instance as amazon.aws.rds_instance_info returns it")
        # The connection options (region, aws_config, ...: module_defaults) reach the module unless settings has them.
        module_args = {key: value for key, value in args.items() if key not in OWN_OPTIONS}
        module_args.update(settings)
        if _already_as_asked(current, settings):
            result.update(changed=False, db_instance_identifier=settings.get("db_instance_identifier"))
            return result
        result.update(self._execute_module(module_name=UPSTREAM_MODULE, module_args=module_args, task_vars=task_vars))
        if result.get("changed") and not result.get("failed"):
            try:
                result["diff"] = instance_diff(current, settings)
            except (TypeError, ValueError) as error:
                result["warnings"] = [*result.get("warnings", []), f"no diff: {error}"]
        return result
