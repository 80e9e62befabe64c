"""The monitoring tier (the monitoring role) against the emulator, as a user runs it: site.yml with an inventory.

prod and dev are the shared environments (conftest.py). prod's first run watches the database and the distribution;
its run of the monitoring tier after the first deploy adds the App Runner service's log groups, alarms and widgets.
Every alarm, the dashboard, the budget, the topic and the log groups are read back with boto3. dev runs without
alarms; a module-scoped fixture turns them on and off again on dev's emulator.
"""

import json
import re

import pytest

from .playbook import REPO_ROOT, run_playbook
from .secrets_reads import mutating

PROD = "inventories/prod"
DEV = "inventories/dev"
ACCOUNT = "123456789012"
README = REPO_ROOT / "roles" / "monitoring" / "README.md"
ALARM = "appstack.aws.cloudwatch_metric_alarm"
GIB = 1024**3
# The alarms of every tier, in the role's order.
SUFFIXES = (
    "backend-5xx-rate",
    "backend-latency-p95",
    "backend-at-max-instances",
    "db-cpu",
    "db-connections",
    "db-free-storage",
    "cache-memory",
    "cache-evictions",
    "cache-cpu",
    "cdn-5xx-rate",
)
# dev's alarms: it has no cache.
DEV_SUFFIXES = tuple(suffix for suffix in SUFFIXES if not suffix.startswith("cache-"))
# The alarms only an ECS backend has (its 5xx rate, latency and headroom keep the names above).
ECS_ONLY_SUFFIXES = ("backend-unhealthy-hosts", "backend-cpu", "backend-memory")
# The calls of the role's services: the README lists each.
MONITORING_SERVICES = ("sns", "logs", "monitoring", "budgets")


def topic_arn(env):
    return f"arn:aws:sns:us-east-1:{ACCOUNT}:smartscheduler-{env}-alerts"


def env_key_arn(emulator, env):
    return emulator.client("kms").describe_key(KeyId=f"alias/smartscheduler/{env}")["KeyMetadata"]["Arn"]


def alarms_of(emulator, env):
    """The environment's alarms by name suffix."""
    prefix = f"smartscheduler-{env}-"
    found = emulator.client("cloudwatch").describe_alarms(AlarmNamePrefix=prefix, AlarmTypes=["MetricAlarm"])
    return {alarm["AlarmName"].removeprefix(prefix): alarm for alarm in found["MetricAlarms"]}


def dimensions(alarm):
    return {d["Name"]: d["Value"] for d in alarm["Dimensions"]}


def service_of(outputs):
    """(name, id) of the App Runner service."""
    apprunner = outputs["apprunner"]
    return apprunner["service_name"], apprunner["service_arn"].rsplit("/", 1)[-1]


def dashboard(emulator, env):
    name = f"Smartscheduler-{env.capitalize()}"
    return json.loads(emulator.client("cloudwatch").get_dashboard(DashboardName=name)["DashboardBody"])


def budget_of(emulator, env):
    budgets = emulator.client("budgets")
    name = f"smartscheduler-{env}-monthly"
    budget = budgets.describe_budget(AccountId=ACCOUNT, BudgetName=name)["Budget"]
    notifications = []
    for notification in budgets.describe_notifications_for_budget(AccountId=ACCOUNT, BudgetName=name)["Notifications"]:
        subscribers = budgets.describe_subscribers_for_notification(
            AccountId=ACCOUNT, BudgetName=name, Notification=notification
        )["Subscribers"]
        notifications.append(
            (
                notification["NotificationType"],
                float(notification["Threshold"]),
                notification["ThresholdType"],
                notification["ComparisonOperator"],
                frozenset((s["SubscriptionType"], s["Address"]) for s in subscribers),
            )
        )
    return budget, sorted(notifications, key=lambda n: (n[1], n[0]))


def assert_actions(alarm, topic):
    assert alarm["ActionsEnabled"] is True
    assert alarm["AlarmActions"] == [topic]
    assert alarm["OKActions"] == [topic]
    assert alarm["InsufficientDataActions"] == []
    assert "Look first at" in alarm["AlarmDescription"]


def assert_documented(calls):
    """Every call of the role's services is in the role's README."""
    documented = set(re.findall(r"^- `([a-z0-9-]+:[A-Za-z0-9]+)`", README.read_text(), re.MULTILINE))
    used = {f"{c['service']}:{c['operation']}" for c in calls if c["service"] in MONITORING_SERVICES}
    assert used and used - documented == set(), "add these to roles/monitoring/README.md"


class TestProdMonitoring:
    def test_the_first_run_watches_the_database_and_the_distribution(self, prod):
        """No service yet: its alarms and log groups are left out until the run after the first deploy."""
        names = prod["site_outputs"]["monitoring"]["alarm_names"]
        assert names == [f"smartscheduler-prod-{suffix}" for suffix in SUFFIXES[3:]]

    def test_the_run_after_the_first_deploy_adds_the_services_log_groups_alarms_and_widgets(self, prod):
        name, service_id = service_of(prod["outputs"])
        changed = prod["monitoring_run"].changed_resources()
        assert (ALARM, "smartscheduler-prod-backend-5xx-rate") in changed
        assert ("appstack.aws.cloudwatchlogs_log_group", f"/aws/apprunner/{name}/{service_id}/application") in changed
        assert ("appstack.aws.cloudwatch_dashboard", "Smartscheduler-Prod") in changed
        # The same run re-ran the edge tier (site.yml --tags edge,monitoring): its one write is the distribution's.
        # The record of the outputs (SSM) follows as well.
        writes = [
            call
            for call in mutating(prod["after_deploy_requests"]["calls"])
            if call != "cloudfront:UpdateDistribution" and not call.startswith("ssm:")
        ]
        assert {call.split(":")[1] for call in writes} <= {
            "CreateLogGroup",
            "PutRetentionPolicy",
            "AssociateKmsKey",
            "TagResource",
            "PutMetricAlarm",
            "PutDashboard",
        }

    def test_the_backend_5xx_rate_is_metric_math_over_app_runners_metrics(self, prod, prod_emulator):
        name, service_id = service_of(prod["outputs"])
        alarm = alarms_of(prod_emulator, "prod")["backend-5xx-rate"]
        queries = {query["Id"]: query for query in alarm["Metrics"]}
        assert queries["rate"]["Expression"] == "100 * errors / requests"
        assert queries["rate"]["ReturnData"] is True
        for query_id, metric_name in (("errors", "5xxStatusResponses"), ("requests", "Requests")):
            stat = queries[query_id]["MetricStat"]
            assert queries[query_id]["ReturnData"] is False
            assert stat["Metric"]["Namespace"] == "AWS/AppRunner"
            assert stat["Metric"]["MetricName"] == metric_name
            assert {d["Name"]: d["Value"] for d in stat["Metric"]["Dimensions"]} == {
                "ServiceName": name,
                "ServiceID": service_id,
            }
            assert (stat["Period"], stat["Stat"]) == (300, "Sum")
        assert (alarm["Threshold"], alarm["ComparisonOperator"]) == (5.0, "GreaterThanThreshold")
        assert (alarm["EvaluationPeriods"], alarm["DatapointsToAlarm"]) == (1, 1)
        assert alarm["TreatMissingData"] == "notBreaching"
        assert_actions(alarm, topic_arn("prod"))

    def test_the_service_alarms_watch_p95_latency_and_the_scaling_headroom(self, prod, prod_emulator):
        name, service_id = service_of(prod["outputs"])
        found = alarms_of(prod_emulator, "prod")
        latency = found["backend-latency-p95"]
        assert (latency["Namespace"], latency["MetricName"], latency["ExtendedStatistic"]) == (
            "AWS/AppRunner",
            "RequestLatency",
            "p95",
        )
        assert dimensions(latency) == {"ServiceName": name, "ServiceID": service_id}
        # 10 s, in the metric's milliseconds, for 5 one-minute periods of 5.
        assert (latency["Threshold"], latency["Period"], latency["EvaluationPeriods"]) == (10000.0, 60, 5)
        assert latency["ComparisonOperator"] == "GreaterThanThreshold"
        assert latency["TreatMissingData"] == "notBreaching"
        assert latency["EvaluateLowSampleCountPercentile"] == "ignore"
        headroom = found["backend-at-max-instances"]
        assert (headroom["MetricName"], headroom["Statistic"]) == ("ActiveInstances", "Maximum")
        # prod scales to 5 instances; 3 periods of 5 minutes.
        assert (headroom["Threshold"], headroom["Period"], headroom["EvaluationPeriods"]) == (5.0, 300, 3)
        assert headroom["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
        assert headroom["TreatMissingData"] == "notBreaching"
        for alarm in (latency, headroom):
            assert_actions(alarm, topic_arn("prod"))

    def test_the_database_alarms_follow_the_class_and_the_storage(self, prod, prod_emulator):
        """db.t3.small has 2 GiB: max_connections 225, 80% is 180; 10% of 100 GiB free."""
        found = alarms_of(prod_emulator, "prod")
        expected = {
            "db-cpu": ("CPUUtilization", "Average", 80.0, "GreaterThanThreshold", 300, 2, "missing"),
            "db-connections": ("DatabaseConnections", "Maximum", 180.0, "GreaterThanThreshold", 300, 1, "missing"),
            "db-free-storage": ("FreeStorageSpace", "Minimum", 10.0 * GIB, "LessThanThreshold", 300, 1, "breaching"),
        }
        for suffix, values in expected.items():
            alarm = found[suffix]
            assert alarm["Namespace"] == "AWS/RDS"
            assert dimensions(alarm) == {"DBInstanceIdentifier": "smartscheduler-prod"}
            assert (
                alarm["MetricName"],
                alarm["Statistic"],
                alarm["Threshold"],
                alarm["ComparisonOperator"],
                alarm["Period"],
                alarm["EvaluationPeriods"],
                alarm["TreatMissingData"],
            ) == values, suffix
            assert_actions(alarm, topic_arn("prod"))
        assert "225 on db.t3.small" in found["db-connections"]["AlarmDescription"]

    def test_the_cloudfront_alarm_watches_the_distribution_in_us_east_1(self, prod, prod_emulator):
        alarm = alarms_of(prod_emulator, "prod")["cdn-5xx-rate"]
        assert alarm["AlarmArn"].startswith(f"arn:aws:cloudwatch:us-east-1:{ACCOUNT}:alarm:")
        assert (alarm["Namespace"], alarm["MetricName"], alarm["Statistic"]) == (
            "AWS/CloudFront",
            "5xxErrorRate",
            "Average",
        )
        assert dimensions(alarm) == {
            "DistributionId": prod["outputs"]["s3_cloudfront"]["distribution_id"],
            "Region": "Global",
        }
        assert (alarm["Threshold"], alarm["Period"], alarm["EvaluationPeriods"]) == (5.0, 300, 1)
        assert alarm["TreatMissingData"] == "notBreaching"
        # prod is in us-east-1: one topic takes every alarm.
        assert_actions(alarm, topic_arn("prod"))
        assert prod["outputs"]["monitoring"]["topic_arns"] == {"us-east-1": topic_arn("prod")}

    def test_every_alarm_carries_the_tags(self, prod, prod_emulator):
        cloudwatch = prod_emulator.client("cloudwatch")
        for alarm in alarms_of(prod_emulator, "prod").values():
            tags = {
                t["Key"]: t["Value"] for t in cloudwatch.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"]
            }
            assert tags["Environment"] == "prod" and tags["ManagedBy"] == "appstack.aws", alarm["AlarmName"]

    def test_the_topic_is_encrypted_lets_cloudwatch_and_budgets_publish_and_has_the_email(self, prod, prod_emulator):
        sns = prod_emulator.client("sns")
        attributes = sns.get_topic_attributes(TopicArn=topic_arn("prod"))["Attributes"]
        assert attributes["KmsMasterKeyId"] == env_key_arn(prod_emulator, "prod")
        statements = {s["Sid"]: s for s in json.loads(attributes["Policy"])["Statement"]}
        for sid, service in (
            ("AllowCloudWatchAlarmsOfTheAccount", "cloudwatch.amazonaws.com"),
            ("AllowBudgetsOfTheAccount", "budgets.amazonaws.com"),
        ):
            statement = statements[sid]
            assert (statement["Effect"], statement["Principal"], statement["Action"]) == (
                "Allow",
                {"Service": service},
                "sns:Publish",
            )
            assert statement["Resource"] == topic_arn("prod")
            assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
        subscriptions = sns.list_subscriptions_by_topic(TopicArn=topic_arn("prod"))["Subscriptions"]
        assert [(s["Protocol"], s["Endpoint"]) for s in subscriptions] == [("email", "ops@example.com")]
        assert prod["outputs"]["monitoring"]["topic_arn"] == topic_arn("prod")

    def test_the_key_policy_lets_cloudwatch_and_budgets_use_the_key_and_logs_encrypt(self, prod, prod_emulator):
        kms = prod_emulator.client("kms")
        policy = json.loads(
            kms.get_key_policy(KeyId=env_key_arn(prod_emulator, "prod"), PolicyName="default")["Policy"]
        )
        statements = {s["Sid"]: s for s in policy["Statement"]}
        publish = statements["PublishToEncryptedTopics"]
        assert publish["Principal"] == {"Service": ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]}
        assert publish["Action"] == ["kms:Decrypt", "kms:GenerateDataKey*"]
        assert publish["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
        logs = statements["EncryptLogGroupsOfTheAccount"]
        assert logs["Principal"] == {"Service": "logs.us-east-1.amazonaws.com"}
        assert logs["Condition"]["ArnLike"] == {
            "kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:*"
        }

    def test_the_log_groups_keep_a_year_encrypted_app_runners_included(self, prod, prod_emulator):
        name, service_id = service_of(prod["outputs"])
        expected = [
            f"/aws/apprunner/{name}/{service_id}/application",
            f"/aws/apprunner/{name}/{service_id}/service",
            "/aws/rds/instance/smartscheduler-prod/postgresql",
        ]
        logs = prod_emulator.client("logs")
        key = env_key_arn(prod_emulator, "prod")
        for group_name in expected:
            (group,) = [
                g
                for g in logs.describe_log_groups(logGroupNamePrefix=group_name)["logGroups"]
                if g["logGroupName"] == group_name
            ]
            assert (group["retentionInDays"], group.get("kmsKeyId")) == (365, key), group_name
        assert prod["outputs"]["monitoring"]["log_group_names"] == expected

    def test_the_dashboard_has_the_widgets_of_every_tier_and_the_alarm_status(self, prod, prod_emulator):
        widgets = dashboard(prod_emulator, "prod")["widgets"]
        titles = [widget["properties"]["title"] for widget in widgets]
        assert titles == [
            "Requests per minute",
            "4xx and 5xx rate (%)",
            "Latency p50 / p95 / p99 (ms)",
            "Service CPU, memory and active instances",
            "Database connections and CPU",
            "Database free storage (bytes)",
            "Cache smartscheduler-prod memory (%) and engine CPU (%)",
            "Cache smartscheduler-prod connections, evictions and hits",
            "CloudFront requests, error rate and cache hit rate",
            "Alarms",
        ]
        by_title = dict(zip(titles, widgets, strict=True))
        latency = by_title["Latency p50 / p95 / p99 (ms)"]["properties"]["metrics"]
        assert [metric[-1]["stat"] for metric in latency] == ["p50", "p95", "p99"]
        rates = by_title["4xx and 5xx rate (%)"]["properties"]["metrics"]
        assert [metric[0]["expression"] for metric in rates[:2]] == ["100 * m4xx / requests", "100 * m5xx / requests"]
        cloudfront = by_title["CloudFront requests, error rate and cache hit rate"]["properties"]
        assert cloudfront["region"] == "us-east-1"
        assert [metric[1] for metric in cloudfront["metrics"]] == [
            "Requests",
            "TotalErrorRate",
            "5xxErrorRate",
            "CacheHitRate",
        ]
        status = by_title["Alarms"]
        assert status["type"] == "alarm"
        assert sorted(status["properties"]["alarms"]) == sorted(
            alarm["AlarmArn"] for alarm in alarms_of(prod_emulator, "prod").values()
        )
        assert prod["outputs"]["monitoring"]["dashboard_url"].endswith("#dashboards/dashboard/Smartscheduler-Prod")

    def test_the_budget_is_monthly_for_the_environment_and_notifies_at_50_100_150(self, prod, prod_emulator):
        budget, notifications = budget_of(prod_emulator, "prod")
        assert (budget["BudgetType"], budget["TimeUnit"]) == ("COST", "MONTHLY")
        assert (float(budget["BudgetLimit"]["Amount"]), budget["BudgetLimit"]["Unit"]) == (150.0, "USD")
        assert budget["CostFilters"] == {"TagKeyValue": ["user:Environment$prod"]}
        subscribers = frozenset({("SNS", topic_arn("prod")), ("EMAIL", "ops@example.com")})
        assert notifications == [
            (kind, amount, "ABSOLUTE_VALUE", "GREATER_THAN", subscribers)
            for amount in (50.0, 100.0, 150.0)
            for kind in ("ACTUAL", "FORECASTED")
        ]
        assert prod["outputs"]["monitoring"]["budget_name"] == "smartscheduler-prod-monthly"

    def test_outputs_name_every_alarm(self, prod):
        assert prod["outputs"]["monitoring"]["alarm_names"] == [f"smartscheduler-prod-{s}" for s in SUFFIXES]

    def test_readme_lists_every_permission_the_runs_use(self, prod):
        assert_documented(prod["requests"]["calls"] + prod["after_deploy_requests"]["calls"])

    def test_readme_lists_every_permission_the_check_uses(self, prod_check):
        assert_documented(prod_check["check_requests"]["calls"])

    def test_readme_has_a_runbook_line_per_alarm(self):
        readme = README.read_text()
        for suffix in SUFFIXES + ECS_ONLY_SUFFIXES:
            (line,) = [line for line in readme.splitlines() if line.startswith(f"| `<name>-{suffix}`")]
            assert len(line.split("|")) == 6, line

    def test_check_on_the_empty_account_predicts_the_tier_and_writes_nothing(self, prod_check):
        changed = prod_check["check"].changed_resources()
        for change in (
            ("appstack.aws.sns_topic", "smartscheduler-prod-alerts"),
            (ALARM, "smartscheduler-prod-db-connections"),
            (ALARM, "smartscheduler-prod-cdn-5xx-rate"),
            ("appstack.aws.cloudwatch_dashboard", "Smartscheduler-Prod"),
            ("appstack.aws.budget", "smartscheduler-prod-monthly"),
            ("appstack.aws.cloudwatchlogs_log_group", "/aws/rds/instance/smartscheduler-prod/postgresql"),
        ):
            assert change in changed
        assert mutating(prod_check["check_requests"]["calls"]) == []

    def test_a_rerun_of_the_tier_changes_nothing_and_reads_at_most_two_calls_per_resource(self, prod, prod_emulator):
        prod_emulator.clear_requests()
        run = run_playbook("site.yml", PROD, prod_emulator.env, extra_vars=prod["extra_vars"], tags=["monitoring"])
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        calls = prod_emulator.requests()["calls"]
        assert mutating(calls) == []
        ours = [c for c in calls if c["service"] in MONITORING_SERVICES]
        # The topic, 3 log groups, 10 alarms, the dashboard, the budget and its 6 notifications: 22 resources.
        assert len(ours) <= 2 * 22, sorted(f"{c['service']}:{c['operation']}" for c in ours)

    def test_check_diff_of_a_larger_class_predicts_only_the_connections_alarm(self, prod, prod_emulator):
        """db.t3.medium has 4 GiB: max_connections 450, 80% is 360."""
        prod_emulator.clear_requests()
        run = run_playbook(
            "site.yml",
            PROD,
            prod_emulator.env,
            extra_vars={**prod["extra_vars"], "monitoring_db_instance_class": "db.t3.medium"},
            tags=["monitoring"],
            check=True,
            diff=True,
        )
        assert not run.failed, run.outcome()
        assert run.changed_resources() == [(ALARM, "smartscheduler-prod-db-connections")]
        (result,) = [item for r in run.results(ALARM) for item in r.get("results", [r]) if item.get("changed")]
        assert (result["diff"]["before"]["threshold"], result["diff"]["after"]["threshold"]) == (180.0, 360.0)
        assert mutating(prod_emulator.requests()["calls"]) == []


# A token-carrying endpoint, which must never reach the run's output.
WEBHOOK_SECRET = "smartscheduler-dev-alerts-webhook"
WEBHOOK_URL = "https://hooks.slack.com/services/T0DEV/B0ALERTS/webhook-token-not-for-logs"


@pytest.fixture(scope="module")
def dev_toggle(dev, dev_emulator):
    """dev's alarms turned on (-e monitoring_alarms_enabled=true), then off again as the inventory has them."""
    found = {}
    # A Slack webhook's URL, held in a secret as the README asks, stays in the inventory on both runs.
    dev_emulator.client("secretsmanager").create_secret(Name=WEBHOOK_SECRET, SecretString=WEBHOOK_URL)
    for state in ("on", "off"):
        extra = {"monitoring_alert_https_endpoint_secrets": [WEBHOOK_SECRET]}
        if state == "on":
            extra["monitoring_alarms_enabled"] = "true"
        dev_emulator.clear_requests()
        run = run_playbook(
            "site.yml", DEV, dev_emulator.env, extra_vars={**dev["extra_vars"], **extra}, tags=["monitoring"]
        )
        assert not run.failed, run.outcome()
        found[state] = {
            "run": run,
            "requests": dev_emulator.requests(),
            "alarms": alarms_of(dev_emulator, "dev"),
            "dashboard": dashboard(dev_emulator, "dev"),
        }
    # Other tests of dev count the environment's secrets.
    dev_emulator.client("secretsmanager").delete_secret(SecretId=WEBHOOK_SECRET, ForceDeleteWithoutRecovery=True)
    return found


class TestDevMonitoring:
    def test_dev_has_no_alarms_and_a_dashboard_without_alarm_status(self, dev, dev_emulator):
        assert alarms_of(dev_emulator, "dev") == {}
        assert dev["outputs"]["monitoring"]["alarm_names"] == []
        assert "alarm" not in [widget["type"] for widget in dashboard(dev_emulator, "dev")["widgets"]]

    def test_dev_keeps_its_logs_a_week_unencrypted(self, dev, dev_emulator):
        (group,) = dev_emulator.client("logs").describe_log_groups(
            logGroupNamePrefix="/aws/rds/instance/smartscheduler-dev/postgresql"
        )["logGroups"]
        assert group["retentionInDays"] == 7
        assert "kmsKeyId" not in group

    def test_turning_alarms_on_creates_every_alarm_with_dev_thresholds(self, dev_toggle):
        alarms = dev_toggle["on"]["alarms"]
        assert set(alarms) == set(DEV_SUFFIXES)
        # db.t3.micro has 1 GiB: max_connections 112, 80% is 89.6; dev scales to 2 instances; 10% of 20 GiB.
        assert alarms["db-connections"]["Threshold"] == 89.6
        assert alarms["backend-at-max-instances"]["Threshold"] == 2.0
        assert alarms["db-free-storage"]["Threshold"] == 2.0 * GIB
        for alarm in alarms.values():
            assert_actions(alarm, topic_arn("dev"))
        widgets = dev_toggle["on"]["dashboard"]["widgets"]
        assert widgets[-1]["type"] == "alarm" and len(widgets[-1]["properties"]["alarms"]) == len(DEV_SUFFIXES)

    def test_an_endpoint_held_in_a_secret_is_subscribed_and_never_printed(self, dev_toggle, dev_emulator):
        sns = dev_emulator.client("sns")
        subscriptions = sns.list_subscriptions_by_topic(TopicArn=topic_arn("dev"))["Subscriptions"]
        assert ("https", WEBHOOK_URL) in {(item["Protocol"], item["Endpoint"]) for item in subscriptions}
        for state in ("on", "off"):
            assert "webhook-token-not-for-logs" not in dev_toggle[state]["run"].stdout

    def test_turning_alarms_off_removes_every_alarm_the_role_made(self, dev_toggle, dev_emulator):
        assert dev_toggle["off"]["alarms"] == {}
        # And the record of the outputs in SSM, whose alarm names go.
        deleted = [call for call in mutating(dev_toggle["off"]["requests"]["calls"]) if not call.startswith("ssm:")]
        assert set(deleted) == {"monitoring:DeleteAlarms", "monitoring:PutDashboard"}
        assert deleted.count("monitoring:DeleteAlarms") == len(DEV_SUFFIXES)
        assert "alarm" not in [widget["type"] for widget in dev_toggle["off"]["dashboard"]["widgets"]]
        assert_documented(dev_toggle["on"]["requests"]["calls"] + dev_toggle["off"]["requests"]["calls"])


@pytest.mark.parametrize(
    ("bad", "fragments"),
    [
        pytest.param(
            {
                "monitoring_db_cpu_threshold": 120,
                "monitoring_budget_amounts": [100, 50, 150],
                "monitoring_alert_emails": ["ops.example.com"],
                "monitoring_alert_https_endpoints": ["http://hooks.slack.com/services/T0/B0/x"],
                "monitoring_log_retention_days": 45,
                "monitoring_alarm_windows": {
                    "backend_5xx_rate": {"period": 3600, "evaluation_periods": 48},
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
                },
            },
            [
                "monitoring_db_cpu_threshold must be a percentage above 0 and at most 100",
                "monitoring_budget_amounts must be ascending",
                "monitoring_alert_emails must be email addresses",
                "monitoring_alert_https_endpoints must be https URLs",
                "monitoring_log_retention_days must be one of the values CloudWatch Logs accepts",
                "monitoring_alarm_windows.backend_5xx_rate: evaluation_periods x period is 172800 seconds",
            ],
            id="every-rule-at-once",
        ),
        pytest.param(
            {"monitoring_budget_amounts": [0, 100]},
            ["monitoring_budget_amounts must be amounts above 0"],
            id="budget-amount-not-above-zero",
        ),
    ],
)
def test_bad_monitoring_input_fails_before_any_call_naming_each_variable(emulator, tmp_path, bad, fragments):
    run = run_playbook(
        "playbooks/validate.yml", PROD, emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path), **bad}
    )
    assert run.failed
    message = run.failure_messages()
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0
