# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Monthly cost estimate of an environment's resources from a price table: pure functions.

``estimate(resources, prices, assumptions)`` takes the billable resources as ``cost_reads.py`` summarises them, a
price table (``roles/report/files/prices_us_east_1.yml``: on-demand prices of one region, dated, with their source)
and the usage assumptions that what is billed by use needs (traffic, active hours), and returns one line per
resource and billing dimension: ``{resource, item, quantity, unit, unit_price, monthly}``. Each line's ``monthly`` is
rounded to the cent and ``total`` is the sum of the lines, so the report adds up. A resource whose size the table
has no price for is listed in ``unpriced`` rather than guessed.
"""

# Each option the assumptions must give, with what it means.
ASSUMPTIONS = {
    "nat_processed_gb_per_month": "GB processed by the NAT gateways in a month, all of them together",
    "apprunner_active_hours_per_month": "hours a month each provisioned App Runner instance serves requests",
    "alb_lcu": "average load balancer capacity units an application load balancer uses",
    "cloudfront_transfer_gb_per_month": "GB a distribution sends to viewers in a month",
    "cloudfront_https_requests_per_month": "HTTPS requests a distribution answers in a month",
}


def missing_assumptions(assumptions):
    """The assumptions that are not numbers of 0 or more, as messages."""
    problems = []
    for name, meaning in ASSUMPTIONS.items():
        value = assumptions.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.append(f"assumptions.{name} ({meaning}) must be a number of 0 or more, not {value!r}.")
    return problems


def _line(resource, item, quantity, unit, unit_price):
    return {
        "resource": resource,
        "item": item,
        "quantity": round(quantity, 4),
        "unit": unit,
        "unit_price": unit_price,
        "monthly": round(quantity * unit_price, 2),
    }


def _rds_lines(db, prices, hours, unpriced):
    rds = prices["rds"]
    name = db["identifier"]
    hourly = rds["instance_hour"].get(db["instance_class"])
    if hourly is None:
        unpriced.append(f"{name}: no price for the instance class {db['instance_class']}")
        return []
    factor = rds["multi_az_factor"] if db["multi_az"] else 1
    deployment = "Multi-AZ" if db["multi_az"] else "Single-AZ"
    lines = [_line(name, f"{db['instance_class']} instance, {deployment}", hours * factor, "instance-hours", hourly)]
    storage_price = rds["storage_gb_month"].get(db["storage_type"])
    if storage_price is None:
        unpriced.append(f"{name}: no price for the storage type {db['storage_type']}")
    else:
        lines.append(
            _line(
                name,
                f"{db['storage_type']} storage, {deployment}",
                db["allocated_storage"] * factor,
                "GB-months",
                storage_price,
            )
        )
    if db.get("performance_insights_enabled"):
        retention = db.get("performance_insights_retention") or 7
        vcpus = rds["vcpus"].get(db["instance_class"], 0)
        if retention <= rds["performance_insights_free_retention_days"]:
            lines.append(
                _line(name, f"Performance Insights, {retention} days (free tier)", hours * vcpus, "vCPU-hours", 0)
            )
        else:
            lines.append(
                _line(
                    name,
                    f"Performance Insights, {retention} days retention",
                    hours * vcpus,
                    "vCPU-hours",
                    rds["performance_insights_vcpu_hour"],
                )
            )
    return lines


def _proxy_lines(proxy, prices, hours, unpriced):
    rds = prices["rds"]
    vcpus = rds["vcpus"].get(proxy["instance_class"])
    if vcpus is None:
        unpriced.append(f"{proxy['name']}: no vCPU count for the instance class {proxy['instance_class']}")
        return []
    vcpus = max(vcpus, rds["proxy_min_vcpus"])
    return [
        _line(
            proxy["name"],
            f"RDS Proxy, {vcpus} vCPUs of {proxy['instance_class']}",
            hours * vcpus,
            "vCPU-hours",
            rds["proxy_vcpu_hour"],
        )
    ]


def _apprunner_lines(service, prices, hours, assumptions):
    price = prices["apprunner"]
    active = min(assumptions["apprunner_active_hours_per_month"], hours)
    instances = service["min_size"]
    idle = (hours - active) * instances
    busy = active * instances
    name = service["name"]
    return [
        _line(
            name,
            f"provisioned memory, {service['memory_gb']:g} GB x {instances} idle",
            idle * service["memory_gb"],
            "GB-hours",
            price["gb_hour"],
        ),
        _line(
            name,
            f"active vCPU, {service['cpu_vcpu']:g} vCPU x {instances}",
            busy * service["cpu_vcpu"],
            "vCPU-hours",
            price["vcpu_hour"],
        ),
        _line(
            name,
            f"active memory, {service['memory_gb']:g} GB x {instances}",
            busy * service["memory_gb"],
            "GB-hours",
            price["gb_hour"],
        ),
    ]


def _ecs_lines(service, prices, hours):
    price = prices["fargate"]
    tasks = service["desired_count"]
    name = service["name"]
    return [
        _line(
            name,
            f"Fargate vCPU, {service['cpu_vcpu']:g} vCPU x {tasks} tasks",
            hours * tasks * service["cpu_vcpu"],
            "vCPU-hours",
            price["vcpu_hour"],
        ),
        _line(
            name,
            f"Fargate memory, {service['memory_gb']:g} GB x {tasks} tasks",
            hours * tasks * service["memory_gb"],
            "GB-hours",
            price["gb_hour"],
        ),
    ]


def _cache_lines(group, prices, hours, unpriced):
    engine_prices = prices["elasticache"]["node_hour"].get(group["engine"], {})
    hourly = engine_prices.get(group["node_type"])
    if hourly is None:
        unpriced.append(f"{group['id']}: no price for {group['engine']} on {group['node_type']}")
        return []
    return [
        _line(
            group["id"],
            f"{group['engine']} {group['node_type']} x {group['nodes']} nodes",
            hours * group["nodes"],
            "node-hours",
            hourly,
        )
    ]


def estimate(resources, prices, assumptions):
    """{lines, total, unpriced} of the resources (see the module's docstring)."""
    hours = prices["hours_per_month"]
    lines, unpriced = [], []
    for db in resources.get("rds_instances", []):
        lines += _rds_lines(db, prices, hours, unpriced)
    for proxy in resources.get("rds_proxies", []):
        lines += _proxy_lines(proxy, prices, hours, unpriced)
    nat_gateways = resources.get("nat_gateways", [])
    for nat_id in nat_gateways:
        lines.append(_line(nat_id, "NAT gateway", hours, "hours", prices["nat_gateway"]["hour"]))
    if nat_gateways:
        lines.append(
            _line(
                "NAT gateways",
                "data processed (assumed)",
                assumptions["nat_processed_gb_per_month"],
                "GB",
                prices["nat_gateway"]["processed_gb"],
            )
        )
    for service in resources.get("apprunner_services", []):
        lines += _apprunner_lines(service, prices, hours, assumptions)
    for service in resources.get("ecs_services", []):
        lines += _ecs_lines(service, prices, hours)
    for name in resources.get("load_balancers", []):
        lines.append(_line(name, "application load balancer", hours, "hours", prices["alb"]["hour"]))
        lines.append(
            _line(
                name,
                "load balancer capacity units (assumed)",
                hours * assumptions["alb_lcu"],
                "LCU-hours",
                prices["alb"]["lcu_hour"],
            )
        )
    for distribution_id in resources.get("distributions", []):
        cloudfront = prices["cloudfront"]
        lines.append(
            _line(
                distribution_id,
                "data transfer out to viewers (assumed)",
                assumptions["cloudfront_transfer_gb_per_month"],
                "GB",
                cloudfront["transfer_out_gb"],
            )
        )
        lines.append(
            _line(
                distribution_id,
                "HTTPS requests (assumed)",
                assumptions["cloudfront_https_requests_per_month"] / 10000,
                "10,000 requests",
                cloudfront["https_requests_per_10k"],
            )
        )
    for group in resources.get("cache_groups", []):
        lines += _cache_lines(group, prices, hours, unpriced)
    for key_id in resources.get("kms_keys", []):
        lines.append(_line(key_id, "KMS customer managed key", 1, "key-months", prices["kms"]["key_month"]))
    secrets = resources.get("secrets", [])
    if secrets:
        lines.append(
            _line(
                f"{len(secrets)} secrets",
                "Secrets Manager secrets",
                len(secrets),
                "secret-months",
                prices["secretsmanager"]["secret_month"],
            )
        )
    alarms = resources.get("alarms", [])
    standard = [alarm for alarm in alarms if not alarm["high_resolution"]]
    high = [alarm for alarm in alarms if alarm["high_resolution"]]
    if standard:
        lines.append(
            _line(
                f"{len(standard)} alarms",
                "CloudWatch standard-resolution alarms",
                len(standard),
                "alarm-months",
                prices["cloudwatch"]["standard_alarm_month"],
            )
        )
    if high:
        lines.append(
            _line(
                f"{len(high)} alarms",
                "CloudWatch high-resolution alarms",
                len(high),
                "alarm-months",
                prices["cloudwatch"]["high_resolution_alarm_month"],
            )
        )
    total = round(sum(line["monthly"] for line in lines), 2)
    return {"lines": lines, "total": total, "unpriced": unpriced}


def _number(value):
    return int(value) if float(value).is_integer() else value


def budget_comparison(total, amounts, limit):
    """How the estimate compares with the budget's notification amounts and its limit."""
    amounts = [_number(amount) for amount in amounts]
    crossed = [amount for amount in amounts if total > amount]
    return {
        "total": total,
        "amounts": list(amounts),
        "limit": limit,
        "crossed": crossed,
        "within_limit": limit is None or total <= limit,
        "share_of_limit": round(100 * total / limit, 1) if limit else None,
    }
