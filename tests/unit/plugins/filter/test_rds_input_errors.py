"""The database input checks that run before any AWS call."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.rds_input_errors import (
    FilterModule,
    rds_input_errors,
    windows_overlap,
)

# The role's defaults, with two zones.
VALID = {
    "rds_backup_retention_days": 7,
    "rds_instance_class": "db.t3.micro",
    "rds_allocated_storage": 20,
    "rds_max_allocated_storage": 0,
    "rds_multi_az": False,
    "rds_availability_zones": ["us-east-1a", "us-east-1b"],
    "rds_engine_version": "16.6",
    "rds_backup_window": "03:00-04:00",
    "rds_maintenance_window": "sun:04:30-sun:05:30",
    "rds_performance_insights": False,
    "rds_performance_insights_retention_days": 7,
    "rds_db_name": "smartscheduler",
}


def errors_with(**overrides):
    return rds_input_errors({**VALID, **overrides})


def test_the_defaults_are_valid():
    assert rds_input_errors(VALID) == []


def test_prod_settings_are_valid():
    assert (
        errors_with(
            rds_instance_class="db.t3.small",
            rds_allocated_storage=100,
            rds_max_allocated_storage=1000,
            rds_multi_az=True,
            rds_backup_retention_days=30,
            rds_performance_insights=True,
        )
        == []
    )


def test_filter_is_registered_under_its_documented_name():
    assert FilterModule().filters()["rds_input_errors"] is rds_input_errors


@pytest.mark.parametrize("days", [0, 36, 40])
def test_backup_retention_outside_1_to_35_days(days):
    assert errors_with(rds_backup_retention_days=days) == [
        f"rds_backup_retention_days is {days}: RDS keeps automated backups 1 to 35 days"
    ]


@pytest.mark.parametrize("days", [1, 35])
def test_backup_retention_bounds_are_accepted(days):
    assert errors_with(rds_backup_retention_days=days) == []


@pytest.mark.parametrize("instance_class", ["db.q9.huge", "t3.small", "db.t3", "db.T3.small", "db.t3.small.extra"])
def test_instance_class_needs_the_db_prefix_and_a_postgres_family(instance_class):
    (error,) = errors_with(rds_instance_class=instance_class)
    assert error.startswith(f"rds_instance_class is {instance_class}: expected db.<family>.<size> with a family of t3,")
    assert "t4g" in error and "c6gd" in error


@pytest.mark.parametrize("instance_class", ["db.t3.smal", "db.m5.big", "db.r6g.xxlarge", "db.t3.2xl"])
def test_instance_class_size_must_be_one_rds_offers(instance_class):
    (error,) = errors_with(rds_instance_class=instance_class)
    assert error.startswith(f"rds_instance_class is {instance_class}: expected db.<family>.<size>")
    assert "a size of micro, small, medium, large, xlarge or <n>xlarge" in error


@pytest.mark.parametrize(
    "instance_class", ["db.t4g.micro", "db.t3.medium", "db.m6g.xlarge", "db.r7g.2xlarge", "db.x2iedn.24xlarge"]
)
def test_instance_classes_of_offered_families_are_accepted(instance_class):
    assert errors_with(rds_instance_class=instance_class) == []


@pytest.mark.parametrize("gib", [10, 19, 65537])
def test_storage_outside_20_to_65536_gib(gib):
    assert errors_with(rds_allocated_storage=gib) == [
        f"rds_allocated_storage is {gib} GiB: gp3 storage for PostgreSQL is 20 to 65536 GiB"
    ]


@pytest.mark.parametrize("ceiling", [10, 20])
def test_autoscaling_ceiling_must_exceed_the_storage(ceiling):
    assert errors_with(rds_max_allocated_storage=ceiling) == [
        f"rds_max_allocated_storage is {ceiling}: 0 (no autoscaling) or more than rds_allocated_storage (20)"
    ]


def test_autoscaling_ceiling_above_the_storage_is_accepted():
    assert errors_with(rds_max_allocated_storage=21) == []


@pytest.mark.parametrize("zones", [["us-east-1a"], [], None])
def test_multi_az_needs_two_zones(zones):
    count = len(zones or [])
    assert errors_with(rds_multi_az=True, rds_availability_zones=zones) == [
        f"rds_multi_az is true but network_availability_zones has {count} zone: Multi-AZ needs at least two "
        "(rds_availability_zones, the network's zones by default)"
    ]


def test_one_zone_is_enough_without_multi_az():
    assert errors_with(rds_availability_zones=["us-east-1a"]) == []


@pytest.mark.parametrize("version", ["16.6.1", "latest", "v16.6", "16.", ".6", "16.x", "16\n", ""])
def test_engine_version_is_a_major_or_major_dot_minor(version):
    assert errors_with(rds_engine_version=version) == [
        f"rds_engine_version is {version}: expected a major version, e.g. 16, or <major>.<minor>, "
        "the lowest minor version wanted, e.g. 16.6"
    ]


@pytest.mark.parametrize("version", ["16", "16.6", "16.10", 16, 16.6])
def test_engine_version_may_be_a_major_alone_or_a_minimum_minor(version):
    assert errors_with(rds_engine_version=version) == []


@pytest.mark.parametrize("window", ["3:00-4:00", "03:00", "24:00-01:00", "03:60-04:00", "sun:03:00-sun:04:00"])
def test_backup_window_is_hh24_mi_twice(window):
    assert errors_with(rds_backup_window=window) == [f"rds_backup_window is {window}: expected hh24:mi-hh24:mi (UTC)"]


@pytest.mark.parametrize(
    "window", ["04:30-05:30", "sunday:04:30-sunday:05:30", "sun:4:30-sun:5:30", "xyz:04:30-sun:05:30"]
)
def test_maintenance_window_is_ddd_hh24_mi_twice(window):
    assert errors_with(rds_maintenance_window=window) == [
        f"rds_maintenance_window is {window}: expected ddd:hh24:mi-ddd:hh24:mi (UTC)"
    ]


def test_maintenance_window_day_names_may_be_capitalised():
    assert errors_with(rds_maintenance_window="Sun:04:30-Sun:05:30") == []


def test_a_malformed_backup_window_is_reported_alone():
    """The maintenance window is checked against the backup window only when that is well formed."""
    assert errors_with(rds_backup_window="bad", rds_maintenance_window="also bad") == [
        "rds_backup_window is bad: expected hh24:mi-hh24:mi (UTC)"
    ]


def test_overlapping_windows_are_named_together():
    assert errors_with(rds_maintenance_window="sun:03:30-sun:04:30") == [
        "rds_maintenance_window (sun:03:30-sun:04:30) overlaps rds_backup_window (03:00-04:00)"
    ]


@pytest.mark.parametrize(
    ("backup", "maintenance", "overlap"),
    [
        ("03:00-04:00", "sun:04:30-sun:05:30", False),
        ("03:00-04:00", "sun:04:00-sun:05:00", False),  # touching is not overlapping
        ("03:00-04:00", "sun:02:00-sun:03:00", False),
        ("03:00-04:00", "sun:03:59-sun:05:00", True),
        ("03:00-04:00", "wed:02:00-wed:03:01", True),
        ("23:30-00:30", "mon:00:00-mon:01:00", True),  # the backup window runs past midnight
        ("23:30-00:30", "sun:23:00-sun:23:29", False),
        ("01:00-02:00", "sun:23:30-mon:01:30", True),  # the maintenance window runs past Sunday
        ("01:00-02:00", "sun:23:30-mon:00:30", False),
        ("12:00-13:00", "mon:00:00-sun:11:00", True),  # a maintenance window nearly a week long
    ],
)
def test_windows_overlap_on_any_day(backup, maintenance, overlap):
    assert windows_overlap(backup, maintenance) is overlap


@pytest.mark.parametrize("days", [7, 31, 62, 713, 731])
def test_performance_insights_retentions_rds_accepts(days):
    assert errors_with(rds_performance_insights=True, rds_performance_insights_retention_days=days) == []


@pytest.mark.parametrize("days", [8, 30, 744, 730])
def test_performance_insights_retention_is_7_a_multiple_of_31_up_to_713_or_731(days):
    assert errors_with(rds_performance_insights=True, rds_performance_insights_retention_days=days) == [
        f"rds_performance_insights_retention_days is {days}: 7, a multiple of 31 up to 713, or 731"
    ]


def test_performance_insights_retention_is_ignored_while_insights_are_off():
    assert errors_with(rds_performance_insights_retention_days=8) == []


@pytest.mark.parametrize("name", ["1app", "my-app", "", "a" * 64])
def test_database_name_is_a_letter_then_letters_digits_or_underscores(name):
    assert errors_with(rds_db_name=name) == [f"rds_db_name is {name}: a letter, then up to 62 letters, digits or _"]


def test_database_name_of_63_characters_is_accepted():
    assert errors_with(rds_db_name="a" + "b_1" * 20 + "cd") == []


def test_every_problem_is_reported_at_once():
    errors = errors_with(rds_backup_retention_days=40, rds_allocated_storage=10, rds_db_name="1x")
    assert [error.split(" ")[0] for error in errors] == [
        "rds_backup_retention_days",
        "rds_allocated_storage",
        "rds_db_name",
    ]


def test_numbers_and_booleans_given_as_strings_are_read_as_such():
    """-e rds_backup_retention_days=40 gives the string '40'."""
    assert errors_with(rds_backup_retention_days="40", rds_multi_az="false") == [
        "rds_backup_retention_days is 40: RDS keeps automated backups 1 to 35 days"
    ]
    assert errors_with(rds_multi_az="true", rds_availability_zones=["us-east-1a"])[0].startswith(
        "rds_multi_az is true but"
    )


def test_values_of_the_wrong_type_name_the_variable():
    assert errors_with(rds_allocated_storage="lots", rds_performance_insights="maybe") == [
        "rds_allocated_storage is lots: expected an integer",
        "rds_performance_insights is maybe: expected true or false",
    ]
