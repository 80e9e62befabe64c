"""What the monitoring role builds, from the tiers present: its alarms, its dashboard, its log groups.

The role passes one dict (``monitoring__context`` in its vars/main.yml): the names, the account, the alerts topics, the
thresholds and windows of the alarms, and each earlier tier's published outputs, empty when the tier is absent. Each
filter returns the options of the module that builds the resources, so that the role's tasks only loop over them.

The backend is watched through its compute choice: the App Runner service (``service``), or the ECS service
(``ecs``) behind its Application Load Balancer (``load_balancer``). Alarms that mean the same thing (the 5xx rate,
the p95 latency, the scaling headroom) keep one name whichever runs the backend, so that switching the compute
updates them in place. A later tier (the cache) adds its own entry to the context and its alarms and widgets here;
an absent tier leaves its alarms and widgets out.
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
  - The backend's alarms and widgets are the App Runner service's, or the ECS service's and its load balancer's,
    from whichever the context names; naming both is an error.
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
# An Application Load Balancer's metrics, by the load balancer's ARN suffix (app/<name>/<id>) and the target group's
# (targetgroup/<name>/<id>): https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
ALB_NAMESPACE = "AWS/ApplicationELB"
# An ECS service's CPU and memory utilisation (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/
# available-metrics.html), and its running task count, which only Container Insights publishes
# (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html).
ECS_NAMESPACE = "AWS/ECS"
ECS_INSIGHTS_NAMESPACE = "ECS/ContainerInsights"

# Every alarm the role may create: name suffix and the tier it watches.
ALARMS = {
    "backend_5xx_rate": ("backend-5xx-rate", "service"),
    "backend_latency_p95": ("backend-latency-p95", "service"),
    "backend_at_max_instances": ("backend-at-max-instances", "service"),
    "backend_unhealthy_hosts": ("backend-unhealthy-hosts", "service"),
    "backend_cpu": ("backend-cpu", "service"),
    "backend_memory": ("backend-memory", "service"),
    "db_cpu": ("db-cpu", "db"),
    "db_connections": ("db-connections", "db"),
    "db_free_storage": ("db-free-storage", "db"),
    "cache_memory": ("cache-memory", "cache"),
    "cache_evictions": ("cache-evictions", "cache"),
    "cache_cpu": ("cache-cpu", "cache"),
    "cdn_5xx_rate": ("cdn-5xx-rate", "distribution"),
}
# An ElastiCache node's metrics, by its cluster (CacheClusterId: each member of a replication group)
# (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.WhichShouldIMonitor.html).
CACHE_NAMESPACE = "AWS/ElastiCache"


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


# What identifies each tier: a tier whose values are all set is present.
IDENTITY = {
    "service": ("arn",),
    "load_balancer": ("arn_suffix",),
    "ecs": ("cluster_name", "service_name"),
    "db": ("instance_identifier",),
    "distribution": ("id",),
    "cache": ("replication_group_id", "member_clusters"),
}


def _present(context, tier):
    """The tier's facts when the tier is present (its identifying values set), else None."""
    facts = context.get(tier) or {}
    return facts if all(facts.get(name) for name in IDENTITY[tier]) else None


def _backend(context):
    """(App Runner service, load balancer, ECS service) as present; one compute choice at most."""
    service = _present(context, "service")
    load_balancer = _present(context, "load_balancer")
    ecs = _present(context, "ecs")
    if service and (load_balancer or ecs):
        raise AnsibleFilterError(
            "monitoring watches one backend: the App Runner service (monitoring_service_arn) or the ECS service and its"
            " load balancer (monitoring_ecs_service_name, monitoring_alb_arn_suffix), not both; empty the other's."
        )
    return service, load_balancer, ecs


def resource_name(arn_suffix):
    """The name in a load balancer's or target group's ARN suffix (app/<name>/<id>, targetgroup/<name>/<id>)."""
    parts = str(arn_suffix).split("/")
    return parts[1] if len(parts) == 3 else str(arn_suffix)


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


def _load_balancer_alarms(context, load_balancer, ecs, window):
    """The backend's 5xx rate and p95 latency, as the load balancer sees them; its targets' health."""
    thresholds = context["thresholds"]
    period = context["windows"]["backend_5xx_rate"]["period"]
    lb_dimensions = {"LoadBalancer": load_balancer["arn_suffix"]}
    name = resource_name(load_balancer["arn_suffix"])
    logs = (ecs or {}).get("log_group_name") or "the service's log group"

    def metric(metric_name, query_id):
        metric = {"namespace": ALB_NAMESPACE, "metric_name": metric_name, "dimensions": lb_dimensions}
        return {
            "id": query_id,
            "metric_stat": {"metric": metric, "period": period, "stat": "Sum"},
            "return_data": False,
        }

    alarms = {
        "backend_5xx_rate": {
            "description": f"Backend behind load balancer {name}: 5xx responses (the targets' and the load balancer's)"
            f" above {_number(thresholds['backend_5xx_rate'])}% of requests for {window('backend_5xx_rate')} minutes."
            f" Look first at {logs} for exceptions, then at the targets' health, the last deploy and the database.",
            "metrics": [
                metric("HTTPCode_Target_5XX_Count", "target5xx"),
                metric("HTTPCode_ELB_5XX_Count", "elb5xx"),
                metric("RequestCount", "requests"),
                # The load balancer publishes a count only when it is above 0: a missing one counts as 0.
                {
                    "id": "rate",
                    "expression": "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
                    "label": "5xx rate (%)",
                    "return_data": True,
                },
            ],
            "threshold": _number(thresholds["backend_5xx_rate"]),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "notBreaching",
        },
        "backend_latency_p95": {
            "description": f"Backend behind load balancer {name}: p95 response time above"
            f" {_number(thresholds['backend_latency_p95'])} s for {window('backend_latency_p95')} minutes."
            " Look first at the database's CPU and connections, then at the service's CPU and running tasks.",
            "namespace": ALB_NAMESPACE,
            "metric_name": "TargetResponseTime",
            "extended_statistic": "p95",
            "dimensions": lb_dimensions,
            # TargetResponseTime is in seconds.
            "threshold": _number(thresholds["backend_latency_p95"]),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "notBreaching",
            "evaluate_low_sample_count_percentile": "ignore",
        },
    }
    if load_balancer.get("target_group_arn_suffix"):
        target_group = load_balancer["target_group_arn_suffix"]
        alarms["backend_unhealthy_hosts"] = {
            "description": f"Target group {resource_name(target_group)} of load balancer {name}: unhealthy targets"
            f" for {window('backend_unhealthy_hosts')} minutes. Look first at the service's events and stopped"
            f" tasks (their stopped reason), then at {logs} and the health check path.",
            "namespace": ALB_NAMESPACE,
            "metric_name": "UnHealthyHostCount",
            "statistic": "Maximum",
            "dimensions": {"TargetGroup": target_group, "LoadBalancer": load_balancer["arn_suffix"]},
            "threshold": 0,
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "notBreaching",
        }
    return alarms


def _ecs_alarms(context, ecs, window):
    """The ECS service's CPU and memory, and its scaling headroom (running tasks at the most it scales to)."""
    thresholds = context["thresholds"]
    dimensions = {"ClusterName": ecs["cluster_name"], "ServiceName": ecs["service_name"]}
    name = ecs["service_name"]

    def utilisation(key, metric_name, what, advice):
        return {
            "description": f"Backend {name} {what} above {_number(thresholds[key])}% for {window(key)} minutes."
            f" {advice}",
            "namespace": ECS_NAMESPACE,
            "metric_name": metric_name,
            "statistic": "Average",
            "dimensions": dimensions,
            "threshold": _number(thresholds[key]),
            "comparison": "GreaterThanThreshold",
            # A service with no running task reports nothing: nothing is overloaded.
            "treat_missing_data": "notBreaching",
        }

    alarms = {
        "backend_cpu": utilisation(
            "backend_cpu",
            "CPUUtilization",
            "CPU",
            "Look first at the running tasks (at their maximum?) and the latency, then raise ecs_max_capacity or"
            " ecs_cpu.",
        ),
        "backend_memory": utilisation(
            "backend_memory",
            "MemoryUtilization",
            "memory",
            "Look first at the tasks' memory over time (a leak grows between deploys), then raise ecs_memory.",
        ),
    }
    if int(ecs.get("max_capacity") or 0):
        alarms["backend_at_max_instances"] = {
            "description": f"Backend {name} at its maximum of {int(ecs['max_capacity'])} running tasks for"
            f" {window('backend_at_max_instances')} minutes: no scaling headroom left. Look first at the latency,"
            " 5xx rate and CPU, then raise ecs_max_capacity (appstack_backend_max_capacity).",
            "namespace": ECS_INSIGHTS_NAMESPACE,
            "metric_name": "RunningTaskCount",
            "statistic": "Maximum",
            "dimensions": dimensions,
            "threshold": int(ecs["max_capacity"]),
            "comparison": "GreaterThanOrEqualToThreshold",
            # No running task (or Container Insights off) reports nothing: headroom.
            "treat_missing_data": "notBreaching",
        }
    return alarms


def _cache_alarms(context, cache, window):
    """The busiest node of the replication group: its memory, evictions and engine CPU, the highest across the
    member clusters (a failover moves the primary, so no single cluster is watched)."""
    thresholds = context["thresholds"]
    group = cache["replication_group_id"]
    members = sorted(cache["member_clusters"])

    def busiest(key, metric_name, statistic, label):
        period = int(context["windows"][key]["period"])
        queries = [
            {
                "id": f"m{index}",
                "metric_stat": {
                    "metric": {
                        "namespace": CACHE_NAMESPACE,
                        "metric_name": metric_name,
                        "dimensions": {"CacheClusterId": member},
                    },
                    "period": period,
                    "stat": statistic,
                },
                "return_data": False,
            }
            for index, member in enumerate(members, start=1)
        ]
        return [*queries, {"id": "busiest", "expression": "MAX(METRICS())", "label": label, "return_data": True}]

    return {
        "cache_memory": {
            "description": f"Cache {group} memory above {_number(thresholds['cache_memory'])}% of its nodes' for"
            f" {window('cache_memory')} minutes. With maxmemory-policy noeviction, writes fail once it is full. Look"
            " first at the queues' backlog and keys without a TTL, then raise cache_node_type.",
            "metrics": busiest("cache_memory", "DatabaseMemoryUsagePercentage", "Maximum", "Memory used (%)"),
            "threshold": _number(thresholds["cache_memory"]),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "missing",
        },
        "cache_evictions": {
            "description": f"Cache {group} evicted keys (more than {_number(thresholds['cache_evictions'])} in"
            f" {window('cache_evictions')} minutes): its memory is full and keys are lost. Look first at the memory"
            " alarm and cache_parameters' maxmemory-policy, then raise cache_node_type.",
            "metrics": busiest("cache_evictions", "Evictions", "Sum", "Evictions"),
            "threshold": _number(thresholds["cache_evictions"]),
            "comparison": "GreaterThanThreshold",
            # No data, no evictions.
            "treat_missing_data": "notBreaching",
        },
        "cache_cpu": {
            "description": f"Cache {group} engine CPU above {_number(thresholds['cache_cpu'])}% for"
            f" {window('cache_cpu')} minutes. The engine runs commands on one thread. Look first at slow commands"
            f" (the slow log, /elasticache/{group}/slow-log) and large keys, then raise cache_node_type.",
            "metrics": busiest("cache_cpu", "EngineCPUUtilization", "Average", "Engine CPU (%)"),
            "threshold": _number(thresholds["cache_cpu"]),
            "comparison": "GreaterThanThreshold",
            "treat_missing_data": "missing",
        },
    }


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
    service, load_balancer, ecs = _backend(context)
    db = _present(context, "db")
    cache = _present(context, "cache")
    distribution = _present(context, "distribution")
    if service:
        found.update(_service_alarms(context, service, window))
    if load_balancer:
        found.update(_load_balancer_alarms(context, load_balancer, ecs, window))
    if ecs:
        found.update(_ecs_alarms(context, ecs, window))
    if db:
        found.update(_db_alarms(context, db, window))
    if cache:
        found.update(_cache_alarms(context, cache, window))
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


def _load_balancer_widgets(context, load_balancer):
    region = context["region"]
    dims = ["LoadBalancer", load_balancer["arn_suffix"]]
    namespace = ALB_NAMESPACE

    def count(metric_name, query_id):
        return [namespace, metric_name, *dims, {"stat": "Sum", "id": query_id, "visible": False}]

    widgets = [
        _metric_widget(
            "Requests per minute",
            region,
            [[namespace, "RequestCount", *dims, {"stat": "Sum", "label": "Requests"}]],
            period=60,
        ),
        _metric_widget(
            "4xx and 5xx rate (%)",
            region,
            [
                [
                    {
                        "expression": "100 * (FILL(target4xx, 0) + FILL(elb4xx, 0)) / requests",
                        "label": "4xx rate (%)",
                        "id": "rate4xx",
                    }
                ],
                [
                    {
                        "expression": "100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests",
                        "label": "5xx rate (%)",
                        "id": "rate5xx",
                    }
                ],
                count("HTTPCode_Target_4XX_Count", "target4xx"),
                count("HTTPCode_ELB_4XX_Count", "elb4xx"),
                count("HTTPCode_Target_5XX_Count", "target5xx"),
                count("HTTPCode_ELB_5XX_Count", "elb5xx"),
                count("RequestCount", "requests"),
            ],
            period=300,
        ),
        _metric_widget(
            "Latency p50 / p95 / p99 (s)",
            region,
            [[namespace, "TargetResponseTime", *dims, {"stat": stat, "label": stat}] for stat in ("p50", "p95", "p99")],
            period=60,
        ),
    ]
    if load_balancer.get("target_group_arn_suffix"):
        group = ["TargetGroup", load_balancer["target_group_arn_suffix"], *dims]
        widgets.append(
            _metric_widget(
                "Healthy and unhealthy targets",
                region,
                [
                    [namespace, "HealthyHostCount", *group, {"stat": "Minimum", "label": "Healthy"}],
                    [namespace, "UnHealthyHostCount", *group, {"stat": "Maximum", "label": "Unhealthy"}],
                ],
                period=60,
            )
        )
    return widgets


def _ecs_widgets(context, ecs):
    region = context["region"]
    dims = ["ClusterName", ecs["cluster_name"], "ServiceName", ecs["service_name"]]
    return [
        _metric_widget(
            "Service CPU, memory and running tasks",
            region,
            [
                [ECS_NAMESPACE, "CPUUtilization", *dims, {"stat": "Average", "label": "CPU (%)"}],
                [ECS_NAMESPACE, "MemoryUtilization", *dims, {"stat": "Average", "label": "Memory (%)"}],
                [
                    ECS_INSIGHTS_NAMESPACE,
                    "RunningTaskCount",
                    *dims,
                    {"stat": "Maximum", "label": "Running tasks", "yAxis": "right"},
                ],
            ],
            period=60,
        )
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


def _cache_widgets(context, cache):
    region = context["region"]
    members = sorted(cache["member_clusters"])

    def per_member(metric_name, stat, label, **options):
        return [
            [
                CACHE_NAMESPACE,
                metric_name,
                "CacheClusterId",
                member,
                {"stat": stat, "label": f"{label} {member}", **options},
            ]
            for member in members
        ]

    return [
        _metric_widget(
            f"Cache {cache['replication_group_id']} memory (%) and engine CPU (%)",
            region,
            per_member("DatabaseMemoryUsagePercentage", "Maximum", "Memory")
            + per_member("EngineCPUUtilization", "Average", "CPU", yAxis="right"),
            period=60,
        ),
        _metric_widget(
            f"Cache {cache['replication_group_id']} connections, evictions and hits",
            region,
            per_member("CurrConnections", "Maximum", "Connections")
            + per_member("Evictions", "Sum", "Evictions")
            + per_member("CacheHitRate", "Average", "Hit rate (%)", yAxis="right"),
            period=60,
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
    service, load_balancer, ecs = _backend(context)
    db = _present(context, "db")
    distribution = _present(context, "distribution")
    if service:
        widgets += _service_widgets(context, service)
    if load_balancer:
        widgets += _load_balancer_widgets(context, load_balancer)
    if ecs:
        widgets += _ecs_widgets(context, ecs)
    if db:
        widgets += _db_widgets(context, db)
    cache = _present(context, "cache")
    if cache:
        widgets += _cache_widgets(context, cache)
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
    """The log groups of the tiers present: App Runner's application and service groups, RDS's exported logs.
    Not the ECS service's: the ecs role creates it with its retention and key (ecs_log_retention_days)."""
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
