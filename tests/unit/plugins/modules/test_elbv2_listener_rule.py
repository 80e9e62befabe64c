"""Unit tests for appstack.aws.elbv2_listener_rule and its _info twin (botocore Stubber, no network)."""

from ansible_collections.appstack.aws.plugins.modules import elbv2_listener_rule as module
from ansible_collections.appstack.aws.plugins.modules import elbv2_listener_rule_info as info_module

PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012"
LISTENER = f"{PREFIX}:listener/app/shop-prod/0123456789abcdef/1111111111111111"
RULE = f"{PREFIX}:listener-rule/app/shop-prod/0123456789abcdef/1111111111111111/2222222222222222"
BLUE = f"{PREFIX}:targetgroup/shop-api-prod/0123456789abcdef"
GREEN = f"{PREFIX}:targetgroup/shop-api-prod-alt/fedcba9876543210"


def args(**overrides):
    values = {
        "listener_arn": LISTENER,
        "priority": 1,
        "conditions": [{"field": "path-pattern", "values": ["/*"]}],
        "actions": [
            {
                "type": "forward",
                "target_groups": [
                    {"target_group_name": "shop-api-prod", "weight": 100},
                    {"target_group_name": "shop-api-prod-alt", "weight": 0},
                ],
            }
        ],
    }
    values.update(overrides)
    return values


def forward(*weights):
    return {
        "Type": "forward",
        "Order": 1,
        "ForwardConfig": {
            "TargetGroups": [{"TargetGroupArn": arn, "Weight": weight} for arn, weight in weights],
            "TargetGroupStickinessConfig": {"Enabled": False},
        },
    }


def rule(actions=None, values=("/*",), priority="1"):
    return {
        "RuleArn": RULE,
        "Priority": priority,
        "Conditions": [
            {"Field": "path-pattern", "Values": list(values), "PathPatternConfig": {"Values": list(values)}}
        ],
        "Actions": actions or [forward((BLUE, 100), (GREEN, 0))],
        "IsDefault": False,
    }


DEFAULT_RULE = {
    "RuleArn": f"{RULE}-default",
    "Priority": "default",
    "Conditions": [],
    "Actions": [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}],
    "IsDefault": True,
}


def expect_rules(stubber, *rules):
    stubber.add_response("describe_rules", {"Rules": [*rules, DEFAULT_RULE]}, {"ListenerArn": LISTENER})


def expect_target_groups(stubber):
    for name, arn in (("shop-api-prod", BLUE), ("shop-api-prod-alt", GREEN)):
        stubber.add_response(
            "describe_target_groups",
            {"TargetGroups": [{"TargetGroupName": name, "TargetGroupArn": arn}]},
            {"Names": [name]},
        )


WANTED_ACTIONS = [
    {
        "Type": "forward",
        "Order": 1,
        "ForwardConfig": {
            "TargetGroups": [{"Weight": 100, "TargetGroupArn": BLUE}, {"Weight": 0, "TargetGroupArn": GREEN}]
        },
    }
]


def test_invalid_options_fail_before_any_client(run_module):
    bad_actions = [{"type": "forward", "target_group_name": "a", "target_groups": [{"target_group_name": "b"}]}]
    code, result = run_module(module, args(priority=0, actions=bad_actions), None)

    assert code == 1
    assert len(result["problems"]) == 2
    assert "priority must be between 1 and 50000" in result["msg"]
    assert "actions[0].type=forward needs one of" in result["msg"]


def test_check_mode_on_a_missing_rule_predicts_it_and_writes_nothing(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber)

    code, result = run_module(module, {**args(), "_ansible_check_mode": True, "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["rule"]["priority"] == 1
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["actions"] == [
        {"type": "forward", "target_groups": [["shop-api-prod", 100], ["shop-api-prod-alt", 0]]}
    ]


def test_create_resolves_the_target_group_names_and_sends_the_tags(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber)
    expect_target_groups(stubber)
    stubber.add_response(
        "create_rule",
        {"Rules": [rule()]},
        {
            "ListenerArn": LISTENER,
            "Priority": 1,
            "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/*"]}}],
            "Actions": WANTED_ACTIONS,
            "Tags": [{"Key": "Environment", "Value": "prod"}],
        },
    )

    code, result = run_module(module, args(tags={"Environment": "prod"}), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["rule"]["rule_arn"] == RULE
    assert result["rule"]["tags"] == {"Environment": "prod"}


def test_a_converged_rule_costs_one_read_and_reports_no_change(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule())

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is False
    assert "diff" not in result


def test_a_single_target_group_equals_the_forward_config_aws_reports(run_module, elbv2):
    client, stubber = elbv2
    reported = {**forward((BLUE, 1)), "TargetGroupArn": BLUE}
    expect_rules(stubber, rule(actions=[reported]))

    code, result = run_module(module, args(actions=[{"type": "forward", "target_group_arn": BLUE}]), client)

    assert code == 0, result
    assert result["changed"] is False


def test_weights_that_differ_are_put_back_without_preserve_forward_weights(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule(actions=[forward((GREEN, 100), (BLUE, 0))]))
    expect_target_groups(stubber)
    stubber.add_response("modify_rule", {"Rules": [rule()]}, {"RuleArn": RULE, "Actions": WANTED_ACTIONS})

    code, result = run_module(module, {**args(), "_ansible_diff": True}, client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["diff"]["before"]["actions"][0]["target_groups"] == [["shop-api-prod", 0], ["shop-api-prod-alt", 100]]


def test_weights_ecs_moved_in_a_blue_green_deployment_are_left_alone(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule(actions=[forward((GREEN, 100), (BLUE, 0))]))

    code, result = run_module(module, args(preserve_forward_weights=True), client)

    assert code == 0, result
    assert result["changed"] is False


def test_preserve_forward_weights_still_replaces_another_target_group(run_module, elbv2):
    client, stubber = elbv2
    other = f"{PREFIX}:targetgroup/shop-old/0000000000000000"
    expect_rules(stubber, rule(actions=[forward((other, 1))]))
    expect_target_groups(stubber)
    stubber.add_response("modify_rule", {"Rules": [rule()]}, {"RuleArn": RULE, "Actions": WANTED_ACTIONS})

    code, result = run_module(module, args(preserve_forward_weights=True), client)

    assert code == 0, result
    assert result["changed"] is True


def test_changed_conditions_alone_are_sent(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule(values=("/api/*",)))
    stubber.add_response(
        "modify_rule",
        {"Rules": [rule()]},
        {"RuleArn": RULE, "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/*"]}}]},
    )

    code, result = run_module(module, args(), client)

    assert code == 0, result
    assert result["changed"] is True


def test_tags_are_read_and_converged_when_given(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule())
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": RULE, "Tags": [{"Key": "Old", "Value": "x"}]}]},
        {"ResourceArns": [RULE]},
    )
    stubber.add_response("remove_tags", {}, {"ResourceArns": [RULE], "TagKeys": ["Old"]})
    stubber.add_response("add_tags", {}, {"ResourceArns": [RULE], "Tags": [{"Key": "Environment", "Value": "prod"}]})

    code, result = run_module(module, args(tags={"Environment": "prod"}), client)

    assert code == 0, result
    assert result["changed"] is True
    assert result["rule"]["tags"] == {"Environment": "prod"}


def test_creating_without_conditions_fails_naming_them(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber)

    code, result = run_module(module, args(conditions=None), client)

    assert code == 1
    assert "needs conditions" in result["msg"]


def test_absent_deletes_the_rule_of_that_priority(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule(priority="5"), rule())
    stubber.add_response("delete_rule", {}, {"RuleArn": RULE})

    code, result = run_module(module, {"listener_arn": LISTENER, "priority": 5, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is True


def test_absent_on_a_missing_rule_changes_nothing(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber)

    code, result = run_module(module, {"listener_arn": LISTENER, "priority": 5, "state": "absent"}, client)

    assert code == 0, result
    assert result["changed"] is False


def test_info_reads_the_rules_by_priority_without_the_default_rule(run_module, elbv2):
    client, stubber = elbv2
    expect_rules(stubber, rule(priority="20"), rule())
    stubber.add_response(
        "describe_tags",
        {"TagDescriptions": [{"ResourceArn": RULE, "Tags": [{"Key": "Environment", "Value": "prod"}]}]},
        {"ResourceArns": [RULE, RULE]},
    )

    code, result = run_module(info_module, {"listener_arn": LISTENER}, client)

    assert code == 0, result
    assert [item["priority"] for item in result["rules"]] == [1, 20]
    assert result["rules"][0]["tags"] == {"Environment": "prod"}


def test_info_on_a_missing_listener_returns_no_rules(run_module, elbv2):
    client, stubber = elbv2
    stubber.add_client_error("describe_rules", "ListenerNotFound", expected_params={"ListenerArn": LISTENER})

    code, result = run_module(info_module, {"listener_arn": LISTENER}, client)

    assert code == 0, result
    assert result["rules"] == []
