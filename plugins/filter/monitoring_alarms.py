"""What the monitoring role builds, from the tiers present: its alarms, its dashboard, its log groups.

The role passes one dict (``monitoring__context`` in its vars/main.yml): the names, the account, the alerts topics, the
thresholds and windows of the alarms, and each earlier tier's published outputs, empty when the tier is absent. Each
filter returns the options of the module that builds the resources, so that the role's tasks only loop over them.

A later tier (ECS and its load balancer, the cache) adds its own entry to the context and its alarms and widgets
here, beside the App Runner service's; an absent tier leaves its alarms and widgets out.
"""

import math

from ansible.errors import AnsibleFilterError

DOCUMENTATION = r"""
name: monitoring_alarms
version_added: 0.7.0
short_description: The alarms, dashboard and log groups of the monitoring role, from the tiers present
description:
  - C(monitoring_alarms) returns the options of M(appstack.aws.cloudwatch_metric_alarm) for every alarm of the tiers
    present (each with a C(key), and a C(region) for those that CloudWatch keeps elsewhere, such as CloudFront's).
  - C(monitoring_alarm_names) returns every alarm name the role may create, present tier or not (for their removal).
  - C(monitoring_subscriptions) returns the alerts topic's subscriptions, from the emails and the HTTPS endpoints.
  - C(monitoring_pending_confirmations) returns one message per alerts topic with subscriptions waiting for
    confirmation, from the results of M(appstack.aws.sns_topic); an endpoint read from a secret is never named.
  - C(monitoring_budget_notifications) returns the budget's notifications, actual and forecasted above each amount.
  - C(monitoring_dashboard) returns the body of the dashboard.
  - C(monitoring_log_groups) returns the names of the tiers' log groups.
  - C(monitoring_db_max_connections) returns PostgreSQL's C(max_connections) on RDS for an instance class,
    C(LEAST(DBInstanceClassMemory/9531392, 5000)), from the class's memory; none for a class it does not know.
options:
  _input:
    description: The role's context (C(monitoring__context)), or an instance class for C(monitoring_db_max_connections).
    required: true
"""

EXAMPLES = r"""
- name: Create the alarms
  appstack.aws.cloudwatch_metric_alarm: "{{ item }}"
  loop: "{{ __context | appstack.aws.monitoring_alarms }}"
"""

RETURN = r"""
_value:
  description: The alarms' options, the alarm names, the dashboard body, the log group names, or max_connections.
  type: raw
"""

GIB = 1024**3
# The memory of RDS's instance classes, in GiB (https://aws.amazon.com/rds/instance-types/): the burstable classes
# by size, and the general purpose (m) and memory optimised (r) classes, whose memory doubles with each size.
BURSTABLE_MEMORY = {"micro": 1, "small": 2, "medium": 4, "large": 8, "xlarge": 16, "2xlarge": 32}
GENERAL_MEMORY = {"large": 8, "xlarge": 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128, "12xlarge": 192}
GENERAL_MEMORY.update({"16xlarge": 256, "24xlarge": 384})
BURSTABLE_FAMILIES = ("t3", "t4g")
GENERAL_FAMILIES = ("m5", "m6g", "m6i", "m7g", "m7i")
MEMORY_FAMILIES = ("r5", "r6g", "r6i", "r7g", "r7i")
# PostgreSQL on RDS: max_connections = LEAST({DBInstanceClassMemory/9531392}, 5000)
# (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections).
MAX_CONNECTIONS_DIVISOR = 9531392
MAX_CONNECTIONS_CAP = 5000
# CloudFront publishes its metrics in us-east-1, with the dimension Region=Global.
CLOUDFRONT_REGION = "us-east-1"

# Every alarm the role may create: name suffix and the tier it watches.
ALARMS = {
    "backend_5xx_rate": ("backend-5xx-rate", "service"),
    "backend_latency_p95": ("backend-latency-p95", "service"),
    "backend_at_max_instances": ("backend-at-max-instances", "service"),
    "db_cpu": ("db-cpu", "db"),
    "db_connections": ("db-connections", "db"),
    "db_free_storage": ("db-free-storage", "db"),
    "cdn_5xx_rate": ("cdn-5xx-rate", "distribution"),
}


def db_instance_memory_gib(instance_class):
    """The memory of an RDS instance class in GiB (db.t3.micro: 1), None for a class not in the table."""
    parts = str(instance_class or "").split(".")
    if len(parts) != 3 or parts[0] != "db":
        return None
    _, family, size = parts
    if family in BURSTABLE_FAMILIES:
        return BURSTABLE_MEMORY.get(size)
    if family in GENERAL_FAMILIES:
        return GENERAL_MEMORY.get(size)
    if family in MEMORY_FAMILIES and size in GENERAL_MEMORY:
        return GENERAL_MEMORY[size] * 2
    return None


def db_max_connections(instance_class):
    """PostgreSQL's max_connections on RDS for the class (db.t3.micro: 112, db.t3.small: 225); None if unknown."""
    memory = db_instance_memory_gib(instance_class)
    if memory is None:
        return None
    return min(memory * GIB // MAX_CONNECTIONS_DIVISOR, MAX_CONNECTIONS_CAP)


def _require(context, *names):
    missing = [name for name in names if name not in context]
    if missing:
        raise AnsibleFilterError(f"monitoring context lacks {', '.join(missing)}")


def _present(context, tier):
    """The tier's facts when the tier is present (its identifying value set), else None."""
    facts = context.get(tier) or {}
    identity = {"service": "arn", "db": "instance_identifier", "distribution": "id"}[tier]
    return facts if facts.get(identity) else None


def service_id(service_arn):
    """The App Runner service's id, the last segment of its ARN."""
    return str(service_arn).rstrip("/").rsplit("/", 1)[-1]


def _service_dimensions(service):
    return {"ServiceName": service["name"], "ServiceID": service_id(service["arn"])}


def _number(value):
    number = float(value)
    return int(number) if number.is_integer() else number


def alarm_names(prefix):
    """Every alarm name the role may create under prefix, with its key, whether its tier is present or not."""
    return {key: f"{prefix}-{suffix}" for key, (suffix, _tier) in ALARMS.items()}


def _db_alarms(context, db, window):
    identity = {"DBInstanceIdentifier": db["instance_identifier"]}
    thresholds = context["thresholds"]
    max_connections = int(db.get("max_connections") or 0) or db_max_connections(db.get("instance_class"))
    if max_connections is None:
        raise AnsibleFilterError(
            f"monitoring: the DB instance class {db.get('instance_class')!r} is not in the table of class memory:"
            " set monitoring_db_max_connections to the instance's max_connections"
        )
    connections = _number(math.floor(max_connections * float(thresholds["db_connections"])) / 100)
    storage_bytes = int(float(db["allocated_storage"]) * GIB * float(thresholds["db_free_storage"]) / 100)
    instance = db["instance_identifier"]
    return {
        "db_cpu": {
            "description": f"Database {instance} CPU above {_number(thresholds['db_cpu'])}% for"
            f" {window('db_cpu')} minutes. Look first at Performance Insights' top SQL and at the connection count.",
            "namespace": "AWS/RDS",
            "metric_name": "CPUUtilization",
            "statistic": "Average",
            "dimensions": identity,
            "threshold": _number(thresholds["db_cpu"]),
            "comparison": "GreaterThanThreshold",
            # Missing data means the instance reports nothing (stopped, rebooting): INSUFFICIENT_DATA says so.
            "treat_missing_data": "missing",
        },
        "db_connections": {
            "description": f"Database {instance} connections above {_number(thresholds['db_connections'])}% of"
            f" max_connections ({max_connections} on {db.get('instance_class')}). Look first at the backend's"
            " instance count and connection pool, then at idle sessions in pg_stat_activity.",
            "namespace": "AWS/RDS",
            "metric_name": "DatabaseConnections",
            "statistic": "Maximum",
            "dimensions": identity,
            "threshold": connections,
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "missing",
        },
        "db_free_storage": {
            "description": f"Database {instance} free storage below {_number(thresholds['db_free_storage'])}% of"
            f" its {_number(db['allocated_storage'])} GiB. Look first at table and WAL growth and at storage"
            " autoscaling's maximum; add storage before it runs out.",
            "namespace": "AWS/RDS",
            "metric_name": "FreeStorageSpace",
            "statistic": "Minimum",
            "dimensions": identity,
            "threshold": storage_bytes,
            "comparison": "LessThanThreshold",
            # An instance that stops reporting its free storage may have run out of it: breaching.
            "treat_missing_data": "breaching",
        },
    }


def _service_alarms(context, service, window):
    dimensions = _service_dimensions(service)
    thresholds = context["thresholds"]
    period = context["windows"]["backend_5xx_rate"]["period"]

    def metric(name, query_id):
        metric = {"namespace": "AWS/AppRunner", "metric_name": name, "dimensions": dimensions}
        return {
            "id": query_id,
            "metric_stat": {"metric": metric, "period": period, "stat": "Sum"},
            "return_data": False,
        }

    alarms = {
        "backend_5xx_rate": {
            "description": f"Backend {service['name']} 5xx responses above"
            f" {_number(thresholds['backend_5xx_rate'])}% of requests for {window('backend_5xx_rate')} minutes."
            " Look first at the application log group for exceptions, then at the last deploy and the database.",
            "metrics": [
                metric("5xxStatusResponses", "errors"),
                metric("Requests", "requests"),
                {"id": "rate", "expression": "100 * errors / requests", "label": "5xx rate (%)", "return_data": True},
            ],
            "threshold": _number(thresholds["backend_5xx_rate"]),
            "comparison": "GreaterThanThreshold",
            # No requests, no data: nothing failed.
            "treat_missing_data": "notBreaching",
        },
        "backend_latency_p95": {
            "description": f"Backend {service['name']} p95 latency above"
            f" {_number(thresholds['backend_latency_p95'])} s for {window('backend_latency_p95')} minutes."
            " Look first at the database's CPU and connections, then at the service's CPU and active instances.",
            "namespace": "AWS/AppRunner",
            "metric_name": "RequestLatency",
            "extended_statistic": "p95",
            "dimensions": dimensions,
            # RequestLatency is in milliseconds.
            "threshold": _number(float(thresholds["backend_latency_p95"]) * 1000),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "notBreaching",
            "evaluate_low_sample_count_percentile": "ignore",
        },
    }
    if service.get("max_size"):
        alarms["backend_at_max_instances"] = {
            "description": f"Backend {service['name']} at its maximum of {int(service['max_size'])} instances for"
            f" {window('backend_at_max_instances')} minutes: no scaling headroom left. Look first at the latency"
            " and 5xx rate, then raise apprunner_max_size or the concurrency per instance.",
            "namespace": "AWS/AppRunner",
            "metric_name": "ActiveInstances",
            "statistic": "Maximum",
            "dimensions": dimensions,
            "threshold": int(service["max_size"]),
            "comparison": "GreaterThanOrEqualToThreshold",
            # A paused service reports nothing: it has headroom.
            "treat_missing_data": "notBreaching",
        }
    return alarms


def _distribution_alarms(context, distribution, window):
    thresholds = context["thresholds"]
    return {
        "cdn_5xx_rate": {
            "description": f"CloudFront distribution {distribution['id']} 5xx error rate above"
            f" {_number(thresholds['cdn_5xx_rate'])}% for {window('cdn_5xx_rate')} minutes. Look first at the"
            " backend 5xx alarm (the API path), then at the frontend bucket's policy and the standard logs.",
            "namespace": "AWS/CloudFront",
            "metric_name": "5xxErrorRate",
            "statistic": "Average",
            "dimensions": {"DistributionId": distribution["id"], "Region": "Global"},
            "threshold": _number(thresholds["cdn_5xx_rate"]),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "notBreaching",
            # CloudFront's metrics, and so the alarm and the topic it notifies, live in us-east-1.
            "region": CLOUDFRONT_REGION,
        }
    }


def monitoring_alarms(context):
    """The options of appstack.aws.cloudwatch_metric_alarm for each alarm of the tiers present, in ALARMS order:
    name, description, metric or metric math, threshold and window, ALARM and OK actions to the alerts topic of the
    alarm's region, tags, and `key` and `region` (the alarm's region; the environment's unless CloudWatch keeps
    the metric elsewhere)."""
    _require(context, "prefix", "region", "thresholds", "windows", "topic_arns", "tags")
    windows = context["windows"]

    def window(key):
        return _number(int(windows[key]["period"]) * int(windows[key]["evaluation_periods"]) / 60)

    found = {}
    service = _present(context, "service")
    db = _present(context, "db")
    distribution = _present(context, "distribution")
    if service:
        found.update(_service_alarms(context, service, window))
    if db:
        found.update(_db_alarms(context, db, window))
    if distribution:
        found.update(_distribution_alarms(context, distribution, window))
    names = alarm_names(context["prefix"])
    alarms = []
    for key in (key for key in ALARMS if key in found):
        alarm = dict(found[key])
        region = alarm.pop("region", context["region"])
        topic = context["topic_arns"][region]
        if "metrics" not in alarm:
            alarm["period"] = int(windows[key]["period"])
        alarm.update(
            {
                "key": key,
                "name": names[key],
                "region": region,
                "evaluation_periods": int(windows[key]["evaluation_periods"]),
                "datapoints_to_alarm": int(windows[key]["evaluation_periods"]),
                "actions_enabled": True,
                "alarm_actions": [topic],
                "ok_actions": [topic],
                "insufficient_data_actions": [],
                "tags": context["tags"],
                "purge_tags": True,
            }
        )
        alarms.append(alarm)
    return alarms


def monitoring_alarm_names(context, extra_names=()):
    """Every alarm name the role may create, and extra_names (in the environment's region), by region
    ({region: [names]}): those the role removes when its alarms are turned off."""
    _require(context, "prefix", "region")
    by_region = {context["region"]: []}
    for key, name in alarm_names(context["prefix"]).items():
        region = CLOUDFRONT_REGION if ALARMS[key][1] == "distribution" else context["region"]
        by_region.setdefault(region, []).append(name)
    by_region[context["region"]] += list(extra_names)
    return by_region


def monitoring_subscriptions(emails, https_endpoints):
    """The alerts topic's subscriptions: each email address, then each HTTPS endpoint."""
    return [{"protocol": "email", "endpoint": email} for email in emails] + [
        {"protocol": "https", "endpoint": url} for url in https_endpoints
    ]


def monitoring_pending_confirmations(topic_results, secret_endpoints=()):
    """One message per topic whose subscriptions wait for confirmation, naming the endpoints to confirm, except
    those read from secrets (their URLs carry tokens): those are named by the variable that holds them."""
    hidden = set(secret_endpoints or ())
    messages = []
    for result in topic_results:
        pending = [item["endpoint"] for item in result.get("pending_confirmation") or []]
        if not pending:
            continue
        named = [endpoint for endpoint in pending if endpoint not in hidden]
        if len(named) < len(pending):
            named.append("the HTTPS endpoints of monitoring_alert_https_endpoint_secrets")
        topic = (result.get("topic") or {}).get("topic_arn") or result.get("monitoring__topic_region", "")
        messages.append(
            f"{', '.join(named)} must confirm the subscription to {topic} (the message SNS sent them);"
            " until then they receive no alert."
        )
    return messages


def monitoring_budget_notifications(amounts, topic_arn, emails):
    """The budget's notifications: the actual and the forecasted spend above each amount (in the budget's unit),
    each to the alerts topic and to every email address."""
    subscribers = [{"subscription_type": "SNS", "address": topic_arn}]
    subscribers += [{"subscription_type": "EMAIL", "address": email} for email in emails]
    return [
        {
            "notification_type": kind,
            "comparison_operator": "GREATER_THAN",
            "threshold": _number(amount),
            "threshold_type": "ABSOLUTE_VALUE",
            "subscribers": subscribers,
        }
        for amount in amounts
        for kind in ("ACTUAL", "FORECASTED")
    ]


def _metric_widget(title, region, metrics, **properties):
    return {
        "type": "metric",
        "properties": {"title": title, "view": "timeSeries", "stacked": False, "region": region, "metrics": metrics}
        | properties,
    }


def _service_widgets(context, service):
    region = context["region"]
    dims = ["ServiceName", service["name"], "ServiceID", service_id(service["arn"])]
    namespace = "AWS/AppRunner"
    return [
        _metric_widget(
            "Requests per minute",
            region,
            [[namespace, "Requests", *dims, {"stat": "Sum", "label": "Requests"}]],
            period=60,
        ),
        _metric_widget(
            "4xx and 5xx rate (%)",
            region,
            [
                [{"expression": "100 * m4xx / requests", "label": "4xx rate (%)", "id": "rate4xx"}],
                [{"expression": "100 * m5xx / requests", "label": "5xx rate (%)", "id": "rate5xx"}],
                [namespace, "4xxStatusResponses", *dims, {"stat": "Sum", "id": "m4xx", "visible": False}],
                [namespace, "5xxStatusResponses", *dims, {"stat": "Sum", "id": "m5xx", "visible": False}],
                [namespace, "Requests", *dims, {"stat": "Sum", "id": "requests", "visible": False}],
            ],
            period=300,
        ),
        _metric_widget(
            "Latency p50 / p95 / p99 (ms)",
            region,
            [[namespace, "RequestLatency", *dims, {"stat": stat, "label": stat}] for stat in ("p50", "p95", "p99")],
            period=60,
        ),
        _metric_widget(
            "Service CPU, memory and active instances",
            region,
            [
                [namespace, "CPUUtilization", *dims, {"stat": "Average", "label": "CPU (%)"}],
                [namespace, "MemoryUtilization", *dims, {"stat": "Average", "label": "Memory (%)"}],
                [
                    namespace,
                    "ActiveInstances",
                    *dims,
                    {"stat": "Maximum", "label": "Active instances", "yAxis": "right"},
                ],
            ],
            period=60,
        ),
    ]


def _db_widgets(context, db):
    region = context["region"]
    dims = ["DBInstanceIdentifier", db["instance_identifier"]]
    return [
        _metric_widget(
            "Database connections and CPU",
            region,
            [
                ["AWS/RDS", "DatabaseConnections", *dims, {"stat": "Maximum", "label": "Connections"}],
                ["AWS/RDS", "CPUUtilization", *dims, {"stat": "Average", "label": "CPU (%)", "yAxis": "right"}],
            ],
            period=60,
        ),
        _metric_widget(
            "Database free storage (bytes)",
            region,
            [["AWS/RDS", "FreeStorageSpace", *dims, {"stat": "Minimum", "label": "Free storage"}]],
            period=300,
        ),
    ]


def _distribution_widgets(distribution):
    dims = ["DistributionId", distribution["id"], "Region", "Global"]
    return [
        _metric_widget(
            "CloudFront requests, error rate and cache hit rate",
            CLOUDFRONT_REGION,
            [
                ["AWS/CloudFront", "Requests", *dims, {"stat": "Sum", "label": "Requests"}],
                [
                    "AWS/CloudFront",
                    "TotalErrorRate",
                    *dims,
                    {"stat": "Average", "label": "Error rate (%)", "yAxis": "right"},
                ],
                [
                    "AWS/CloudFront",
                    "5xxErrorRate",
                    *dims,
                    {"stat": "Average", "label": "5xx rate (%)", "yAxis": "right"},
                ],
                [
                    "AWS/CloudFront",
                    "CacheHitRate",
                    *dims,
                    {"stat": "Average", "label": "Cache hit rate (%)", "yAxis": "right"},
                ],
            ],
            period=300,
        )
    ]


def monitoring_dashboard(context, alarms=None, extra_widgets=()):
    """The dashboard body: the widgets of the tiers present and extra_widgets, two a row, then the alarm status of
    `alarms` (each with its name and region, as monitoring_alarms returns them; none when alarms are off)."""
    _require(context, "region", "account_id", "partition")
    widgets = []
    service = _present(context, "service")
    db = _present(context, "db")
    distribution = _present(context, "distribution")
    if service:
        widgets += _service_widgets(context, service)
    if db:
        widgets += _db_widgets(context, db)
    if distribution:
        widgets += _distribution_widgets(distribution)
    widgets += [dict(widget) for widget in extra_widgets]
    for index, widget in enumerate(widgets):
        widget.update({"x": 12 * (index % 2), "y": 6 * (index // 2), "width": 12, "height": 6})
    if alarms:
        arns = [
            f"arn:{context['partition']}:cloudwatch:{alarm['region']}:{context['account_id']}:alarm:{alarm['name']}"
            for alarm in alarms
        ]
        rows = (len(widgets) + 1) // 2
        widgets.append(
            {
                "type": "alarm",
                "x": 0,
                "y": 6 * rows,
                "width": 24,
                "height": 3,
                "properties": {"title": "Alarms", "alarms": arns},
            }
        )
    return {"widgets": widgets}


def monitoring_log_groups(context):
    """The log groups of the tiers present: App Runner's application and service groups, RDS's exported logs."""
    names = []
    service = _present(context, "service")
    db = _present(context, "db")
    if service:
        base = f"/aws/apprunner/{service['name']}/{service_id(service['arn'])}"
        names += [f"{base}/application", f"{base}/service"]
    if db:
        names += [f"/aws/rds/instance/{db['instance_identifier']}/{log}" for log in context.get("db_log_exports", [])]
    return names


class FilterModule:
    def filters(self):
        return {
            "monitoring_alarms": monitoring_alarms,
            "monitoring_alarm_names": monitoring_alarm_names,
            "monitoring_budget_notifications": monitoring_budget_notifications,
            "monitoring_subscriptions": monitoring_subscriptions,
            "monitoring_pending_confirmations": monitoring_pending_confirmations,
            "monitoring_dashboard": monitoring_dashboard,
            "monitoring_log_groups": monitoring_log_groups,
            "monitoring_db_max_connections": db_max_connections,
        }
