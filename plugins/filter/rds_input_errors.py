"""Checks of the rds role's input that argument specs cannot express, run before any AWS call.

Argument specs check types and choices; they cannot tell that a retention is out
of range, that a window is malformed or that the maintenance window overlaps the
backup window. This filter does, with messages that name the variable at fault
and what it allows.
"""

import re

from ansible.module_utils.parsing.convert_bool import boolean

DOCUMENTATION = r"""
name: rds_input_errors
version_added: 0.2.0
short_description: List what is wrong with the input of the rds role
description:
  - Returns a list of messages, empty when the input is valid; each names the variable and what is allowed.
  - Checks the backup retention, the instance class, the storage and its autoscaling ceiling, Multi-AZ against the
    availability zones, the engine version, the backup and maintenance windows (their formats, and that they do not
    overlap on any day), the Performance Insights retention and the database name.
options:
  _input:
    description:
      - 'The role''s variables by name, e.g. C({"rds_backup_retention_days": 40, ...}).'
      - Reads C(rds_backup_retention_days), C(rds_instance_class), C(rds_allocated_storage),
        C(rds_max_allocated_storage), C(rds_multi_az), C(rds_availability_zones), C(rds_engine_version),
        C(rds_backup_window), C(rds_maintenance_window), C(rds_performance_insights),
        C(rds_performance_insights_retention_days) and C(rds_db_name).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Collect the database input errors
  ansible.builtin.set_fact:
    appstack_input_errors: "{{ (appstack_input_errors | default([]) + __errors) | unique }}"
  vars:
    __errors: "{{ {'rds_backup_retention_days': rds_backup_retention_days, 'rds_db_name': rds_db_name}
                  | appstack.aws.rds_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem found; empty when the input is valid.
  type: list
  elements: str
"""

# Instance class families RDS offers for PostgreSQL (db.<family>.<size>).
INSTANCE_CLASS_PATTERN = re.compile(r"^db\.[a-z0-9]+\.[a-z0-9]+$")
INSTANCE_FAMILIES = [
    "t3",
    "t4g",
    "m5",
    "m5d",
    "m6g",
    "m6gd",
    "m6i",
    "m6id",
    "m6idn",
    "m6in",
    "m7g",
    "m7gd",
    "m7i",
    "m8g",
    "r5",
    "r5b",
    "r5d",
    "r6g",
    "r6gd",
    "r6i",
    "r6id",
    "r6idn",
    "r6in",
    "r7g",
    "r7gd",
    "r7i",
    "r8g",
    "x2g",
    "x2idn",
    "x2iedn",
    "c6gd",
]
# The sizes of those families: micro, small, medium, large, xlarge and <n>xlarge (2xlarge to 48xlarge).
INSTANCE_SIZE_PATTERN = re.compile(r"^(micro|small|medium|large|xlarge|[1-9][0-9]?xlarge)$")

# hh24:mi, and ddd:hh24:mi, as the windows are written; the week starts on Monday.
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]"
DAY_TIME = rf"({'|'.join(DAYS)}):{TIME}"
BACKUP_WINDOW_PATTERN = re.compile(rf"^{TIME}-{TIME}$")
MAINTENANCE_WINDOW_PATTERN = re.compile(rf"^{DAY_TIME}-{DAY_TIME}$")
MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

# A major version alone (16), or the lowest minor version wanted (16.6).
ENGINE_VERSION_PATTERN = re.compile(r"^[0-9]+(\.[0-9]+)?$")
DB_NAME_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")


# Integers and booleans given with -e key=value arrive as strings.
INTEGER_INPUTS = (
    "rds_backup_retention_days",
    "rds_allocated_storage",
    "rds_max_allocated_storage",
    "rds_performance_insights_retention_days",
)
BOOLEAN_INPUTS = ("rds_multi_az", "rds_performance_insights")


def _typed(inputs):
    """(inputs with integers and booleans as such, errors for the values that are neither)."""
    typed, errors = dict(inputs), []
    for name in INTEGER_INPUTS:
        try:
            typed[name] = int(str(inputs[name]))
        except ValueError:
            errors.append(f"{name} is {inputs[name]}: expected an integer")
    for name in BOOLEAN_INPUTS:
        try:
            typed[name] = boolean(inputs[name], strict=True)
        except TypeError:
            errors.append(f"{name} is {inputs[name]}: expected true or false")
    return typed, errors


def _minutes(bound):
    """'03:30' -> 210; 'sun:04:30' -> 6 * 1440 + 270, from Monday 00:00."""
    *day, hour, minute = bound.split(":")
    day_offset = DAYS.index(day[0]) * MINUTES_PER_DAY if day else 0
    return day_offset + int(hour) * 60 + int(minute)


def windows_overlap(backup_window, maintenance_window):
    """Whether the weekly maintenance window meets the daily backup window on any day.

    Both must be well formed (see the patterns above); a window that ends before
    it starts runs past midnight (backup) or past Sunday (maintenance).
    """
    backup_start, backup_end = (_minutes(bound) for bound in backup_window.split("-"))
    maintenance_start, maintenance_end = (_minutes(bound) for bound in maintenance_window.lower().split("-"))
    if backup_end <= backup_start:
        backup_end += MINUTES_PER_DAY
    if maintenance_end <= maintenance_start:
        maintenance_end += MINUTES_PER_WEEK
    for day in range(-1, 8):
        start = day * MINUTES_PER_DAY + backup_start
        end = day * MINUTES_PER_DAY + backup_end
        for shift in (-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK):
            if start < maintenance_end + shift and maintenance_start + shift < end:
                return True
    return False


def _storage_errors(inputs):
    errors = []
    retention = inputs["rds_backup_retention_days"]
    if not 1 <= retention <= 35:
        errors.append(f"rds_backup_retention_days is {retention}: RDS keeps automated backups 1 to 35 days")
    instance_class = str(inputs["rds_instance_class"])
    if (
        not INSTANCE_CLASS_PATTERN.match(instance_class)
        or instance_class.split(".")[1] not in INSTANCE_FAMILIES
        or not INSTANCE_SIZE_PATTERN.match(instance_class.split(".")[2])
    ):
        errors.append(
            f"rds_instance_class is {instance_class}: expected db.<family>.<size> with a family of "
            f"{', '.join(INSTANCE_FAMILIES)} and a size of micro, small, medium, large, xlarge or <n>xlarge "
            "(e.g. db.t3.small, db.r7g.2xlarge)"
        )
    allocated = inputs["rds_allocated_storage"]
    if not 20 <= allocated <= 65536:
        errors.append(f"rds_allocated_storage is {allocated} GiB: gp3 storage for PostgreSQL is 20 to 65536 GiB")
    ceiling = inputs["rds_max_allocated_storage"]
    if ceiling != 0 and ceiling <= allocated:
        errors.append(
            f"rds_max_allocated_storage is {ceiling}: 0 (no autoscaling) or more than rds_allocated_storage ({allocated})"
        )
    return errors


def _window_errors(backup_window, maintenance_window):
    if not BACKUP_WINDOW_PATTERN.match(str(backup_window)):
        return [f"rds_backup_window is {backup_window}: expected hh24:mi-hh24:mi (UTC)"]
    if not MAINTENANCE_WINDOW_PATTERN.match(str(maintenance_window).lower()):
        return [f"rds_maintenance_window is {maintenance_window}: expected ddd:hh24:mi-ddd:hh24:mi (UTC)"]
    if windows_overlap(backup_window, maintenance_window):
        return [f"rds_maintenance_window ({maintenance_window}) overlaps rds_backup_window ({backup_window})"]
    return []


def rds_input_errors(inputs):
    """Return every problem of the rds role's input as a message naming the variable; [] if valid."""
    inputs, type_errors = _typed(inputs)
    if type_errors:
        return type_errors
    errors = _storage_errors(inputs)
    zones = inputs.get("rds_availability_zones") or []
    if inputs["rds_multi_az"] and len(zones) < 2:
        errors.append(
            f"rds_multi_az is true but network_availability_zones has {len(zones)} zone: Multi-AZ needs at least two "
            "(rds_availability_zones, the network's zones by default)"
        )
    engine_version = str(inputs["rds_engine_version"])
    if not ENGINE_VERSION_PATTERN.fullmatch(engine_version):
        errors.append(
            f"rds_engine_version is {engine_version}: expected a major version, e.g. 16, or <major>.<minor>, "
            "the lowest minor version wanted, e.g. 16.6"
        )
    errors.extend(_window_errors(inputs["rds_backup_window"], inputs["rds_maintenance_window"]))
    retention = inputs["rds_performance_insights_retention_days"]
    if inputs["rds_performance_insights"] and retention not in (7, 731) and (retention % 31 != 0 or retention > 713):
        errors.append(f"rds_performance_insights_retention_days is {retention}: 7, a multiple of 31 up to 713, or 731")
    db_name = str(inputs["rds_db_name"])
    if not DB_NAME_PATTERN.match(db_name):
        errors.append(f"rds_db_name is {db_name}: a letter, then up to 62 letters, digits or _")
    return errors


class FilterModule:
    def filters(self):
        return {"rds_input_errors": rds_input_errors}
