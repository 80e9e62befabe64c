"""The monitoring role's alarms, dashboard, log groups and budget notifications, from the tiers present."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.monitoring_alarms import (
    ALARMS,
    FilterModule,
    db_max_connections,
    monitoring_alarm_names,
    monitoring_alarms,
    monitoring_budget_notifications,
    monitoring_dashboard,
    monitoring_log_groups,
    monitoring_pending_confirmations,
    monitoring_subscriptions,
)

ACCOUNT = "123456789012"
TOPIC = f"arn:aws:sns:us-east-1:{ACCOUNT}:shop-prod-alerts"
SERVICE_ARN = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:service/shop-api-prod/0123456789abcdef0123456789abcdef"
WINDOWS = {
    "backend_5xx_rate": {"period": 300, "evaluation_periods": 1},
    "backend_latency_p95": {"period": 60, "evaluation_periods": 5},
    "backend_at_max_instances": {"period": 300, "evaluation_periods": 3},
    "backend_unhealthy_hosts": {"period": 60, "evaluation_periods": 2},
    "backend_cpu": {"period": 300, "evaluation_periods": 2},
    "backend_memory": {"period": 300, "evaluation_periods": 2},
    "db_cpu": {"period": 300, "evaluation_periods": 2},
    "db_connections": {"period": 300, "evaluation_periods": 1},
    "db_free_storage": {"period": 300, "evaluation_periods": 1},
    "cache_memory": {"period": 300, "evaluation_periods": 1},
    "cache_evictions": {"period": 300, "evaluation_periods": 1},
    "cache_cpu": {"period": 300, "evaluation_periods": 2},
    "cdn_5xx_rate": {"period": 300, "evaluation_periods": 1},
}
THRESHOLDS = {
    "backend_5xx_rate": "5",
    "backend_latency_p95": 10,
    "db_cpu": 80,
    "db_connections": 80,
    "db_free_storage": 10,
    "cdn_5xx_rate": 5,
    "backend_cpu": 80,
    "backend_memory": "90",
    "cache_memory": 90,
    "cache_evictions": 0,
    "cache_cpu": "80",
}
LB_SUFFIX = "app/shop-prod/50dc6c495c0c9188"
TG_SUFFIX = "targetgroup/shop-api-prod/73e2d6bc24d8a067"
# The ECS service behind its load balancer, in place of the App Runner service.
ECS = {
    "service": {"name": "", "arn": "", "max_size": 0},
    "load_balancer": {"arn_suffix": LB_SUFFIX, "target_group_arn_suffix": TG_SUFFIX},
    "ecs": {
        "cluster_name": "shop-prod",
        "service_name": "shop-api-prod",
        "log_group_name": "/ecs/shop-api-prod",
        "max_capacity": 5,
    },
}


def context(**changes):
    base = {
        "prefix": "shop-prod",
        "region": "us-east-1",
        "account_id": ACCOUNT,
        "partition": "aws",
        "topic_arns": {"us-east-1": TOPIC},
        "tags": {"Environment": "prod"},
        "thresholds": THRESHOLDS,
        "windows": WINDOWS,
        "db_log_exports": ["postgresql"],
        "service": {"name": "shop-api-prod", "arn": SERVICE_ARN, "max_size": 5},
        "db": {"instance_identifier": "shop-prod", "instance_class": "db.t3.small", "allocated_storage": 100},
        "distribution": {"id": "E1ABCDEF"},
        "cache": {"replication_group_id": "shop-prod", "member_clusters": ["shop-prod-002", "shop-prod-001"]},
    }
    return {**base, **changes}


def by_key(alarms):
    return {alarm["key"]: alarm for alarm in alarms}


@pytest.mark.parametrize(
    ("instance_class", "expected"),
    [
        ("db.t3.micro", 112),
        ("db.t3.small", 225),
        ("db.t3.medium", 450),
        ("db.t4g.large", 901),
        ("db.m6g.xlarge", 1802),
        ("db.r6g.large", 1802),
        ("db.r6g.16xlarge", 5000),
        ("db.x2g.large", None),
        ("t3.micro", None),
        ("", None),
    ],
)
def test_max_connections_is_the_class_memory_over_9531392_capped_at_5000(instance_class, expected):
    assert db_max_connections(instance_class) == expected


def test_the_connections_threshold_is_the_share_of_max_connections_of_the_class():
    micro = by_key(monitoring_alarms(context(db={**context()["db"], "instance_class": "db.t3.micro"})))
    small = by_key(monitoring_alarms(context()))
    assert micro["db_connections"]["threshold"] == 89.6
    assert small["db_connections"]["threshold"] == 180
    assert "225 on db.t3.small" in small["db_connections"]["description"]


def test_a_given_max_connections_overrides_the_class():
    db = {**context()["db"], "instance_class": "db.x2g.large", "max_connections": 1000}
    assert by_key(monitoring_alarms(context(db=db)))["db_connections"]["threshold"] == 800


def test_an_unknown_class_without_max_connections_fails_naming_the_input():
    db = {**context()["db"], "instance_class": "db.x2g.large"}
    with pytest.raises(AnsibleFilterError, match="monitoring_db_max_connections"):
        monitoring_alarms(context(db=db))


APP_RUNNER_KEYS = [key for key in ALARMS if key not in ("backend_unhealthy_hosts", "backend_cpu", "backend_memory")]
ECS_KEYS = list(ALARMS)


@pytest.mark.parametrize(("backend", "keys"), [({}, APP_RUNNER_KEYS), (ECS, ECS_KEYS)], ids=["apprunner", "ecs"])
def test_every_tier_present_gives_every_alarm_in_order_with_actions_to_the_topic(backend, keys):
    alarms = monitoring_alarms(context(**backend))
    assert [alarm["key"] for alarm in alarms] == keys
    for alarm in alarms:
        assert alarm["name"] == f"shop-prod-{ALARMS[alarm['key']][0]}"
        assert alarm["alarm_actions"] == alarm["ok_actions"] == [TOPIC]
        assert alarm["actions_enabled"] is True
        assert (
            alarm["evaluation_periods"] == alarm["datapoints_to_alarm"] == WINDOWS[alarm["key"]]["evaluation_periods"]
        )
        assert "Look first at" in alarm["description"]


def test_the_5xx_rate_is_metric_math_over_the_services_metrics():
    alarm = by_key(monitoring_alarms(context()))["backend_5xx_rate"]
    assert "period" not in alarm and "metric_name" not in alarm
    errors, requests, rate = alarm["metrics"]
    assert rate == {"id": "rate", "expression": "100 * errors / requests", "label": "5xx rate (%)", "return_data": True}
    assert errors["metric_stat"]["metric"] == {
        "namespace": "AWS/AppRunner",
        "metric_name": "5xxStatusResponses",
        "dimensions": {"ServiceName": "shop-api-prod", "ServiceID": "0123456789abcdef0123456789abcdef"},
    }
    assert (errors["metric_stat"]["period"], errors["metric_stat"]["stat"]) == (300, "Sum")
    assert requests["metric_stat"]["metric"]["metric_name"] == "Requests"
    assert (alarm["threshold"], alarm["treat_missing_data"]) == (5, "notBreaching")


def test_latency_is_p95_in_milliseconds_and_headroom_is_the_max_size():
    alarms = by_key(monitoring_alarms(context()))
    latency = alarms["backend_latency_p95"]
    assert (latency["extended_statistic"], latency["threshold"], latency["period"]) == ("p95", 10000, 60)
    headroom = alarms["backend_at_max_instances"]
    assert (headroom["threshold"], headroom["comparison"], headroom["period"]) == (
        5,
        "GreaterThanOrEqualToThreshold",
        300,
    )


def test_the_ecs_5xx_rate_is_the_targets_and_the_load_balancers_5xx_over_the_requests():
    alarm = by_key(monitoring_alarms(context(**ECS)))["backend_5xx_rate"]
    assert alarm["name"] == "shop-prod-backend-5xx-rate"
    assert "period" not in alarm and "metric_name" not in alarm
    target, elb, requests, rate = alarm["metrics"]
    assert rate == {
        "id": "rate",
        "expression": "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
        "label": "5xx rate (%)",
        "return_data": True,
    }
    for query, query_id, metric_name in (
        (target, "target5xx", "HTTPCode_Target_5XX_Count"),
        (elb, "elb5xx", "HTTPCode_ELB_5XX_Count"),
        (requests, "requests", "RequestCount"),
    ):
        assert query == {
            "id": query_id,
            "metric_stat": {
                "metric": {
                    "namespace": "AWS/ApplicationELB",
                    "metric_name": metric_name,
                    "dimensions": {"LoadBalancer": LB_SUFFIX},
                },
                "period": 300,
                "stat": "Sum",
            },
            "return_data": False,
        }
    assert (alarm["threshold"], alarm["comparison"], alarm["treat_missing_data"]) == (
        5,
        "GreaterThanThreshold",
        "notBreaching",
    )
    assert "/ecs/shop-api-prod" in alarm["description"]


def test_the_ecs_latency_is_the_target_response_time_p95_in_seconds():
    alarm = by_key(monitoring_alarms(context(**ECS)))["backend_latency_p95"]
    assert (alarm["namespace"], alarm["metric_name"], alarm["extended_statistic"]) == (
        "AWS/ApplicationELB",
        "TargetResponseTime",
        "p95",
    )
    assert alarm["dimensions"] == {"LoadBalancer": LB_SUFFIX}
    assert (alarm["threshold"], alarm["period"], alarm["evaluation_periods"]) == (10, 60, 5)
    assert alarm["evaluate_low_sample_count_percentile"] == "ignore"


def test_any_unhealthy_target_for_two_minutes_fires_the_target_group_alarm():
    alarm = by_key(monitoring_alarms(context(**ECS)))["backend_unhealthy_hosts"]
    assert alarm["name"] == "shop-prod-backend-unhealthy-hosts"
    assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == (
        "AWS/ApplicationELB",
        "UnHealthyHostCount",
        "Maximum",
    )
    assert alarm["dimensions"] == {"TargetGroup": TG_SUFFIX, "LoadBalancer": LB_SUFFIX}
    assert (alarm["threshold"], alarm["comparison"]) == (0, "GreaterThanThreshold")
    assert (alarm["period"], alarm["evaluation_periods"], alarm["datapoints_to_alarm"]) == (60, 2, 2)
    assert "shop-api-prod" in alarm["description"]


@pytest.mark.parametrize(
    ("key", "metric_name", "threshold"),
    [("backend_cpu", "CPUUtilization", 80), ("backend_memory", "MemoryUtilization", 90)],
)
def test_the_ecs_services_cpu_and_memory_alarms_watch_the_cluster_and_service(key, metric_name, threshold):
    alarm = by_key(monitoring_alarms(context(**ECS)))[key]
    assert alarm["name"] == f"shop-prod-{key.replace('_', '-')}"
    assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == ("AWS/ECS", metric_name, "Average")
    assert alarm["dimensions"] == {"ClusterName": "shop-prod", "ServiceName": "shop-api-prod"}
    assert (alarm["threshold"], alarm["comparison"], alarm["treat_missing_data"]) == (
        threshold,
        "GreaterThanThreshold",
        "notBreaching",
    )
    assert (alarm["period"], alarm["evaluation_periods"]) == (300, 2)
    assert f"above {threshold}% for 10 minutes" in alarm["description"]


def test_the_ecs_headroom_is_running_tasks_at_the_max_capacity():
    alarm = by_key(monitoring_alarms(context(**ECS)))["backend_at_max_instances"]
    assert alarm["name"] == "shop-prod-backend-at-max-instances"
    assert (alarm["namespace"], alarm["metric_name"], alarm["statistic"]) == (
        "ECS/ContainerInsights",
        "RunningTaskCount",
        "Maximum",
    )
    assert alarm["dimensions"] == {"ClusterName": "shop-prod", "ServiceName": "shop-api-prod"}
    assert (alarm["threshold"], alarm["comparison"], alarm["period"]) == (5, "GreaterThanOrEqualToThreshold", 300)
    assert "ecs_max_capacity" in alarm["description"]


def test_each_empty_ecs_or_load_balancer_input_leaves_its_part_out():
    keys = ["backend_5xx_rate", "backend_latency_p95", "backend_at_max_instances", "backend_unhealthy_hosts"]
    no_target_group = {**ECS, "load_balancer": {"arn_suffix": LB_SUFFIX, "target_group_arn_suffix": ""}}
    assert "backend_unhealthy_hosts" not in by_key(monitoring_alarms(context(**no_target_group)))
    no_max = {**ECS, "ecs": {**ECS["ecs"], "max_capacity": 0}}
    assert "backend_at_max_instances" not in by_key(monitoring_alarms(context(**no_max)))
    only_lb = {**ECS, "ecs": {**ECS["ecs"], "service_name": ""}, "db": {}, "distribution": {}, "cache": {}}
    assert [a["key"] for a in monitoring_alarms(context(**only_lb))] == [keys[0], keys[1], keys[3]]
    only_ecs = {**ECS, "load_balancer": {"arn_suffix": "", "target_group_arn_suffix": TG_SUFFIX}, "db": {}, "cache": {}}
    assert [a["key"] for a in monitoring_alarms(context(**only_ecs, distribution={}))] == [
        "backend_at_max_instances",
        "backend_cpu",
        "backend_memory",
    ]


def test_the_app_runner_service_and_the_ecs_one_together_are_refused():
    both = {**ECS, "service": context()["service"]}
    with pytest.raises(AnsibleFilterError, match="one backend"):
        monitoring_alarms(context(**both))
    with pytest.raises(AnsibleFilterError, match="monitoring_service_arn"):
        monitoring_dashboard(context(**both), [])


def test_free_storage_is_a_share_of_the_allocated_gib_in_bytes():
    alarm = by_key(monitoring_alarms(context()))["db_free_storage"]
    assert (alarm["threshold"], alarm["comparison"], alarm["treat_missing_data"]) == (
        10 * 1024**3,
        "LessThanThreshold",
        "breaching",
    )


def test_the_cloudfront_alarm_is_in_us_east_1_and_notifies_the_topic_there():
    topics = {"eu-west-1": "arn:aws:sns:eu-west-1:1:t", "us-east-1": "arn:aws:sns:us-east-1:1:t"}
    alarms = by_key(monitoring_alarms(context(region="eu-west-1", topic_arns=topics)))
    assert alarms["cdn_5xx_rate"]["region"] == "us-east-1"
    assert alarms["cdn_5xx_rate"]["alarm_actions"] == ["arn:aws:sns:us-east-1:1:t"]
    assert alarms["cdn_5xx_rate"]["dimensions"] == {"DistributionId": "E1ABCDEF", "Region": "Global"}
    assert alarms["db_cpu"]["region"] == "eu-west-1"
    assert alarms["db_cpu"]["alarm_actions"] == ["arn:aws:sns:eu-west-1:1:t"]


def test_an_absent_tier_leaves_its_alarms_out():
    alarms = monitoring_alarms(
        context(service={"name": "shop-api-prod", "arn": "", "max_size": 5}, distribution={"id": ""}, cache={})
    )
    assert [alarm["key"] for alarm in alarms] == ["db_cpu", "db_connections", "db_free_storage"]
    assert [a["key"] for a in monitoring_alarms(context(db={}, distribution={}, cache={}))] == [
        "backend_5xx_rate",
        "backend_latency_p95",
        "backend_at_max_instances",
    ]


def test_no_max_size_leaves_the_headroom_alarm_out():
    service = {"name": "shop-api-prod", "arn": SERVICE_ARN, "max_size": 0}
    assert "backend_at_max_instances" not in by_key(monitoring_alarms(context(service=service)))


def test_the_names_to_remove_cover_every_tier_by_region_with_the_extra_ones():
    names = monitoring_alarm_names(context(region="eu-west-1", service={}, db={}), ["shop-prod-cache-memory"])
    assert names == {
        "eu-west-1": [f"shop-prod-{ALARMS[key][0]}" for key in ALARMS if key != "cdn_5xx_rate"]
        + ["shop-prod-cache-memory"],
        "us-east-1": ["shop-prod-cdn-5xx-rate"],
    }


def test_the_dashboard_lays_out_the_tiers_widgets_then_the_alarm_status():
    alarms = monitoring_alarms(context())
    body = monitoring_dashboard(context(), alarms, [{"type": "text", "properties": {"markdown": "cache"}}])
    widgets = body["widgets"]
    assert [w["properties"].get("title") for w in widgets] == [
        "Requests per minute",
        "4xx and 5xx rate (%)",
        "Latency p50 / p95 / p99 (ms)",
        "Service CPU, memory and active instances",
        "Database connections and CPU",
        "Database free storage (bytes)",
        "Cache shop-prod memory (%) and engine CPU (%)",
        "Cache shop-prod connections, evictions and hits",
        "CloudFront requests, error rate and cache hit rate",
        None,
        "Alarms",
    ]
    assert [(w["x"], w["y"]) for w in widgets[:8]] == [
        (0, 0),
        (12, 0),
        (0, 6),
        (12, 6),
        (0, 12),
        (12, 12),
        (0, 18),
        (12, 18),
    ]
    assert widgets[-1]["y"] == 30 and widgets[-1]["width"] == 24
    assert (
        widgets[-1]["properties"]["alarms"][-1]
        == f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:shop-prod-cdn-5xx-rate"
    )
    assert widgets[6]["properties"]["region"] == "us-east-1"


def test_the_ecs_dashboard_shows_the_load_balancer_the_targets_and_the_service():
    alarms = monitoring_alarms(context(**ECS))
    widgets = monitoring_dashboard(context(**ECS), alarms)["widgets"]
    assert [w["properties"].get("title") for w in widgets[:5]] == [
        "Requests per minute",
        "4xx and 5xx rate (%)",
        "Latency p50 / p95 / p99 (s)",
        "Healthy and unhealthy targets",
        "Service CPU, memory and running tasks",
    ]
    requests, rates, latency, targets, service = (w["properties"]["metrics"] for w in widgets[:5])
    assert requests == [
        ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", LB_SUFFIX, {"stat": "Sum", "label": "Requests"}]
    ]
    assert [row[0]["expression"] for row in rates[:2]] == [
        "100 * (FILL(target4xx, 0) + FILL(elb4xx, 0)) / requests",
        "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
    ]
    assert {row[4]["id"]: row[1] for row in rates[2:]} == {
        "target4xx": "HTTPCode_Target_4XX_Count",
        "elb4xx": "HTTPCode_ELB_4XX_Count",
        "target5xx": "HTTPCode_Target_5XX_Count",
        "elb5xx": "HTTPCode_ELB_5XX_Count",
        "requests": "RequestCount",
    }
    assert [row[4]["stat"] for row in latency] == ["p50", "p95", "p99"]
    assert targets[1][:6] == [
        "AWS/ApplicationELB",
        "UnHealthyHostCount",
        "TargetGroup",
        TG_SUFFIX,
        "LoadBalancer",
        LB_SUFFIX,
    ]
    assert [row[:2] for row in service] == [
        ["AWS/ECS", "CPUUtilization"],
        ["AWS/ECS", "MemoryUtilization"],
        ["ECS/ContainerInsights", "RunningTaskCount"],
    ]
    assert service[0][2:6] == ["ClusterName", "shop-prod", "ServiceName", "shop-api-prod"]
    assert len(widgets[-1]["properties"]["alarms"]) == len(ALARMS)


def test_the_dashboard_without_alarms_or_tiers_has_no_alarm_status():
    assert monitoring_dashboard(context(service={}, db={}, distribution={}, cache={}), []) == {"widgets": []}


def test_the_log_groups_are_app_runners_two_and_the_databases_exports():
    assert monitoring_log_groups(context()) == [
        "/aws/apprunner/shop-api-prod/0123456789abcdef0123456789abcdef/application",
        "/aws/apprunner/shop-api-prod/0123456789abcdef0123456789abcdef/service",
        "/aws/rds/instance/shop-prod/postgresql",
    ]
    assert monitoring_log_groups(context(service={}, db={})) == []


def test_the_ecs_services_log_group_is_left_to_the_ecs_role():
    assert monitoring_log_groups(context(**ECS)) == ["/aws/rds/instance/shop-prod/postgresql"]


def test_the_budget_notifies_actual_and_forecasted_above_each_amount_to_the_topic_and_the_emails():
    notifications = monitoring_budget_notifications([50, "100", 150.5], TOPIC, ["ops@example.com"])
    assert [(n["notification_type"], n["threshold"]) for n in notifications] == [
        ("ACTUAL", 50),
        ("FORECASTED", 50),
        ("ACTUAL", 100),
        ("FORECASTED", 100),
        ("ACTUAL", 150.5),
        ("FORECASTED", 150.5),
    ]
    assert notifications[0]["subscribers"] == [
        {"subscription_type": "SNS", "address": TOPIC},
        {"subscription_type": "EMAIL", "address": "ops@example.com"},
    ]
    assert {(n["threshold_type"], n["comparison_operator"]) for n in notifications} == {
        ("ABSOLUTE_VALUE", "GREATER_THAN")
    }


def test_the_subscriptions_are_the_emails_then_the_https_endpoints():
    assert monitoring_subscriptions(["a@example.com"], ["https://hooks.example.com/x"]) == [
        {"protocol": "email", "endpoint": "a@example.com"},
        {"protocol": "https", "endpoint": "https://hooks.example.com/x"},
    ]


def test_a_context_without_its_names_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="lacks"):
        monitoring_alarms({"prefix": "x"})


def test_the_filters_are_registered():
    assert set(FilterModule().filters()) == {
        "monitoring_alarms",
        "monitoring_alarm_names",
        "monitoring_budget_notifications",
        "monitoring_subscriptions",
        "monitoring_pending_confirmations",
        "monitoring_dashboard",
        "monitoring_log_groups",
        "monitoring_db_max_connections",
    }


def test_pending_confirmations_name_the_endpoints_but_never_a_secrets_url():
    secret_url = "https://hooks.slack.com/services/T0/B0/token"
    results = [
        {
            "topic": {"topic_arn": "arn:aws:sns:us-east-1:123456789012:shop-prod-alerts"},
            "pending_confirmation": [
                {"protocol": "email", "endpoint": "ops@example.com"},
                {"protocol": "https", "endpoint": secret_url},
            ],
        },
        {"topic": {"topic_arn": "arn:aws:sns:eu-west-1:123456789012:shop-prod-alerts"}, "pending_confirmation": []},
    ]

    (message,) = monitoring_pending_confirmations(results, [secret_url])

    assert message.startswith("ops@example.com, the HTTPS endpoints of monitoring_alert_https_endpoint_secrets must")
    assert "token" not in message and "us-east-1" in message


def test_the_cache_alarms_watch_the_busiest_member_of_the_replication_group():
    alarms = by_key(monitoring_alarms(context()))
    memory, evictions, cpu = alarms["cache_memory"], alarms["cache_evictions"], alarms["cache_cpu"]
    for alarm, metric_name, stat in (
        (memory, "DatabaseMemoryUsagePercentage", "Maximum"),
        (evictions, "Evictions", "Sum"),
        (cpu, "EngineCPUUtilization", "Average"),
    ):
        *members, busiest = alarm["metrics"]
        assert busiest["expression"] == "MAX(METRICS())" and busiest["return_data"] is True
        assert [m["metric_stat"]["metric"]["dimensions"] for m in members] == [
            {"CacheClusterId": "shop-prod-001"},
            {"CacheClusterId": "shop-prod-002"},
        ]
        assert {
            (m["metric_stat"]["metric"]["namespace"], m["metric_stat"]["metric"]["metric_name"]) for m in members
        } == {("AWS/ElastiCache", metric_name)}
        assert {m["metric_stat"]["stat"] for m in members} == {stat}
        assert alarm["comparison"] == "GreaterThanThreshold" and "period" not in alarm
    assert (memory["threshold"], evictions["threshold"], cpu["threshold"]) == (90, 0, 80)
    assert evictions["treat_missing_data"] == "notBreaching"
    assert cpu["evaluation_periods"] == 2 and memory["evaluation_periods"] == 1
    assert "/elasticache/shop-prod/slow-log" in cpu["description"]


def test_an_environment_without_a_cache_has_no_cache_alarms_or_widgets():
    without = context(cache={"replication_group_id": "", "member_clusters": []})
    assert not [alarm for alarm in monitoring_alarms(without) if alarm["key"].startswith("cache_")]
    titles = [w["properties"].get("title") or "" for w in monitoring_dashboard(without, [])["widgets"]]
    assert not [title for title in titles if title.startswith("Cache")]
