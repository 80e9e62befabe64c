"""The drift report's settings: each leaf a check-mode diff shows different, named by its path, with the live and
the declared value; missing resources, hidden values and diff-less changes as one entry each."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.drift_settings import (
    HIDDEN,
    FilterModule,
    comparable,
    diff_settings,
    drift_settings,
    leaves,
)


def record(diff, **extra):
    return {
        "role": "monitoring",
        "task": "Create the alarms",
        "action": "appstack.aws.cloudwatch_metric_alarm",
        "resource": "smartscheduler-prod-db-cpu",
        "item": None,
        "hidden": False,
        "diff": diff,
    } | extra


def test_a_changed_leaf_is_named_by_its_dotted_path_with_its_live_and_declared_values():
    before = {"name": "repo", "image_scanning_configuration": {"scan_on_push": False}, "tags": {"Env": "prod"}}
    after = {"name": "repo", "image_scanning_configuration": {"scan_on_push": True}, "tags": {"Env": "prod"}}
    assert diff_settings(before, after) == [("image_scanning_configuration.scan_on_push", False, True)]


def test_a_leaf_only_the_live_side_has_is_not_drift():
    before = {"threshold": 80.0, "state_value": "OK", "arn": "arn:aws:cloudwatch:x", "alarm_actions": []}
    assert diff_settings(before, {"threshold": 80.0}) == []


def test_a_declared_leaf_the_live_side_lacks_has_live_value_none():
    assert diff_settings({"tags": {}}, {"tags": {"Owner": "ops"}}) == [("tags.Owner", None, "ops")]


@pytest.mark.parametrize("key", ["last_modified_time", "ETag", "revision", "superseded_revisions", "creation_time"])
def test_volatile_keys_are_left_out(key):
    assert diff_settings({key: 1, "max_size": 5}, {key: 2, "max_size": 5}) == []
    assert key.lower() not in {path.lower() for path in leaves({key: 1, "max_size": 5})}


def test_numbers_the_task_gave_as_strings_are_not_drift():
    assert diff_settings({"from_port": 443}, {"from_port": "443"}) == []


def test_a_list_is_one_leaf_compared_in_any_order():
    live = [{"cidr_ip": "10.0.0.0/16"}, {"cidr_ip": "0.0.0.0/0"}]
    declared = [{"cidr_ip": "10.0.0.0/16"}]
    assert diff_settings({"ip_ranges": live}, {"ip_ranges": list(reversed(declared))}) == [
        ("ip_ranges", live, declared)
    ]
    assert diff_settings({"ip_ranges": live}, {"ip_ranges": list(reversed(live))}) == []


def test_the_referenced_groups_own_name_and_description_in_a_predicted_rule_are_not_drift():
    live = [{"from_port": 8080, "user_id_group_pairs": [{"group_id": "sg-1", "description": "From the ALB"}]}]
    declared = [
        {
            "from_port": "8080",
            "user_id_group_pairs": [
                {"group_id": "sg-1", "description": "ALB group", "group_name": "alb", "vpc_id": "vpc-1"}
            ],
        }
    ]
    assert diff_settings({"ip_permissions": live}, {"ip_permissions": declared}) == []
    assert comparable([{"group_id": "sg-2"}], "user_id_group_pairs") != comparable(
        [{"group_id": "sg-1"}], "user_id_group_pairs"
    )


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({}, {"log_group_name": "/x", "retention": 365}, [("state", "absent", "present")]),
        (None, {"flow_log_id": None}, [("state", "absent", "present")]),
        ({"log_group_name": "/x"}, {}, [("state", "present", "absent")]),
    ],
)
def test_a_missing_or_extra_resource_is_one_setting_its_state(before, after, expected):
    assert diff_settings(before, after) == expected


def test_a_diff_given_as_json_text_is_read_as_data():
    assert diff_settings('{"default_ttl": 60}', '{"default_ttl": 3600}') == [("default_ttl", 60, 3600)]


def test_each_record_gives_one_entry_per_setting_with_its_role_task_and_resource():
    found = drift_settings([record([{"before": {"threshold": 95.0}, "after": {"threshold": 80.0}}])])
    assert found == [
        {
            "resource": "smartscheduler-prod-db-cpu",
            "setting": "threshold",
            "live": 95.0,
            "declared": 80.0,
            "hidden": False,
            "role": "monitoring",
            "task": "Create the alarms",
            "action": "appstack.aws.cloudwatch_metric_alarm",
        }
    ]


def test_a_no_log_record_is_reported_with_hidden_values_and_nothing_of_its_diff():
    found = drift_settings([record([], hidden=True, resource=None, item=None, task="Store the secret")])
    assert [(e["resource"], e["setting"], e["live"], e["declared"], e["hidden"]) for e in found] == [
        ("Store the secret", None, HIDDEN, HIDDEN, True)
    ]


def test_a_change_without_a_diff_is_one_entry_with_unknown_values():
    found = drift_settings([record([], action="amazon.aws.ec2_vpc_net", resource="smartscheduler-prod")])
    assert [(e["resource"], e["setting"], e["live"], e["declared"]) for e in found] == [
        ("smartscheduler-prod", None, None, None)
    ]


def test_a_change_whose_diff_names_no_managed_setting_is_still_reported():
    found = drift_settings([record([{"before": {"revision": 2}, "after": {"revision": 3}}])])
    assert [(e["setting"], e["live"]) for e in found] == [(None, None)]


def test_a_diff_less_change_adds_nothing_to_the_values_another_task_of_its_role_gives_for_the_resource():
    predicted = record(
        [{"before": {"enable_dns_hostnames": False}, "after": {"enable_dns_hostnames": True}}],
        role="network",
        resource="smartscheduler-prod",
        action="appstack.aws.predicted_change",
    )
    module = record([], role="network", resource="smartscheduler-prod", action="amazon.aws.ec2_vpc_net")
    found = drift_settings([predicted, module])
    assert [(e["setting"], e["live"], e["declared"]) for e in found] == [("enable_dns_hostnames", False, True)]


def test_the_resource_falls_back_to_the_loop_item_then_a_name_in_the_diff_then_the_task():
    diff = [{"before": {"name": "policy-a", "default_ttl": 60}, "after": {"name": "policy-a", "default_ttl": 3600}}]
    assert drift_settings([record(diff, resource=None, item="static")])[0]["resource"] == "static"
    assert drift_settings([record(diff, resource=None)])[0]["resource"] == "policy-a"
    assert drift_settings([record([], resource=None)])[0]["resource"] == "Create the alarms"


def test_no_records_no_drift():
    assert drift_settings([]) == []
    assert drift_settings(None) == []


def test_the_filter_is_registered():
    assert FilterModule().filters()["drift_settings"] is drift_settings
