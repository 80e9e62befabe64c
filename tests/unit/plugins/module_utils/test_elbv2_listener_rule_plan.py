"""The listener rule planning: conditions and actions compared in the form AWS reports them."""

from ansible_collections.appstack.aws.plugins.module_utils.elbv2_listener_rule_plan import (
    canonical_conditions,
    desired_rule,
    forward_weights,
    modify_request,
    validate,
)

PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
LISTENER = f"{PREFIX}:listener/app/shop-prod/0123456789abcdef/1111111111111111"
BLUE = f"{PREFIX}:targetgroup/blue/1"
GREEN = f"{PREFIX}:targetgroup/green/2"


def params(**changes):
    values = {
        "listener_arn": LISTENER,
        "priority": 1,
        "state": "present",
        "conditions": [{"field": "host-header", "values": ["b.example.com", "a.example.com"]}],
        "actions": [
            {
                "type": "forward",
                "target_groups": [
                    {"target_group_arn": BLUE, "target_group_name": None, "weight": 100},
                    {"target_group_arn": GREEN, "target_group_name": None, "weight": 0},
                ],
            }
        ],
    }
    values.update(changes)
    return values


def forward(*weights):
    return {
        "Type": "forward",
        "Order": 1,
        "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": arn, "Weight": weight} for arn, weight in weights]},
    }


def rule(actions, values=("a.example.com", "b.example.com")):
    return {
        "Conditions": [{"Field": "host-header", "Values": list(values)}],
        "Actions": actions,
    }


def test_a_condition_reported_under_values_or_its_config_is_the_same_set():
    reported = [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/b", "/a"]}}]
    legacy = [{"Field": "path-pattern", "Values": ["/a", "/b"]}]
    assert canonical_conditions(reported) == canonical_conditions(legacy)


def test_a_single_target_group_is_a_forward_of_weight_one():
    assert forward_weights({"Type": "forward", "TargetGroupArn": BLUE}) == {"blue": 1}


def test_the_same_rule_in_another_order_needs_no_change():
    assert modify_request(rule([forward((GREEN, 0), (BLUE, 100))]), desired_rule(params()), False) == {}


def test_moved_weights_are_a_change_unless_preserved():
    current = rule([forward((BLUE, 0), (GREEN, 100))])
    assert list(modify_request(current, desired_rule(params()), False)) == ["Actions"]
    assert modify_request(current, desired_rule(params()), True) == {}


def test_a_forward_to_one_of_the_target_groups_asked_for_is_preserved():
    assert modify_request(rule([forward((GREEN, 1))]), desired_rule(params()), True) == {}


def test_a_forward_to_another_target_group_is_replaced_even_when_preserved():
    other = f"{PREFIX}:targetgroup/old/3"
    assert list(modify_request(rule([forward((other, 1))]), desired_rule(params()), True)) == ["Actions"]


def test_a_changed_condition_alone_is_sent():
    current = rule([forward((BLUE, 100), (GREEN, 0))], values=("a.example.com",))
    assert list(modify_request(current, desired_rule(params()), False)) == ["Conditions"]


def test_weights_out_of_range_and_a_listener_that_is_not_an_arn_are_refused():
    bad = params(listener_arn="listener-1")
    bad["actions"][0]["target_groups"][0]["weight"] = 1000
    problems = validate(bad)
    assert any(problem.startswith("listener_arn must be the ARN of a listener") for problem in problems)
    assert any("weight must be between 0 and 999" in problem for problem in problems)
